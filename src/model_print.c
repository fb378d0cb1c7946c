/* `mlmat model show`: the model as readable text, and as YAML that
 * `model check` accepts. */
#include "model.h"
#include "strbuf.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes printf's text with every line made safe for a terminal
 * (text_printable: no control character, bidirectional override or invalid
 * UTF-8 from a model reaches it), keeping the line ends. */
static void print_safe(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void print_safe(FILE *out, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;
	char *p, *nl;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	for (p = sb.s;; p = nl + 1) {
		char *safe;

		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		safe = text_printable(p, false);
		fputs(safe, out);
		free(safe);
		if (!nl)
			break;
		putc('\n', out);
	}
	sb_free(&sb);
}

static void print_criterion(const struct model *m, const struct criterion *cr, FILE *out)
{
	print_safe(out, "  L%d %s: %s\n", cr->level, cr->id, cr->text);
	if (cr->weight != 1)
		print_safe(out, "      weight: %g\n", cr->weight);
	if (cr->action)
		print_safe(out, "      action: %s\n", cr->action);
	if (cr->guidance)
		print_safe(out, "      guidance: %s\n", cr->guidance);
	for (size_t j = 0; j < cr->nrefs; j++)
		print_safe(out, "      ref: %s\n", cr->refs[j]);
	for (size_t j = 0; j < cr->nrequires; j++)
		print_safe(out, "      requires: %s\n", m->crits[cr->requires[j]].id);
}

static void print_dimension(const struct model *m, const struct dimension *d, FILE *out)
{
	print_safe(out, "\n%s  [%s, weight %g%s%s]\n", d->name, d->id, d->weight,
		   d->group >= 0 ? ", group " : "", d->group >= 0 ? m->groups[d->group].id : "");
	if (d->description)
		print_safe(out, "  %s\n", d->description);
	for (int l = 0; l < m->nlevels; l++)
		if (d->stages[l])
			print_safe(out, "  stage %d: %s\n", m->lowest + l, d->stages[l]);
	for (int l = m->lowest + 1; l <= m->highest; l++)
		for (size_t c = d->first; c < d->first + d->ncrit; c++)
			if (m->crits[c].level == l)
				print_criterion(m, &m->crits[c], out);
}

void model_print(const struct model *m, FILE *out)
{
	print_safe(out, "%s (%s, version %s)\n", m->name, m->id, m->version);
	if (m->description)
		print_safe(out, "%s\n", m->description);
	fprintf(out, "\nLevels\n");
	for (int i = 0; i < m->nlevels; i++) {
		print_safe(out, "  %d  %s\n", m->levels[i].level, m->levels[i].name);
		if (m->levels[i].summary)
			print_safe(out, "     %s\n", m->levels[i].summary);
	}
	if (m->ngroups) {
		fprintf(out, "\nGroups (%zu)\n", m->ngroups);
		for (size_t g = 0; g < m->ngroups; g++) {
			print_safe(out, "  %s  [%s]\n", m->groups[g].name, m->groups[g].id);
			if (m->groups[g].description)
				print_safe(out, "     %s\n", m->groups[g].description);
		}
	}
	fprintf(out, "\nDimensions (%zu, %zu criteria)\n", m->ndims, m->ncrits);
	for (size_t i = 0; i < m->ndims; i++)
		print_dimension(m, &m->dims[i], out);
}

/* ---- YAML ---- */

/* A double-quoted YAML scalar: every text comes back as written, whatever
 * it holds. */
static void yq(FILE *out, const char *s)
{
	putc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\x%02x", *p);
		else
			putc(*p, out);
	}
	putc('"', out);
}

static void ykey(FILE *out, int indent, const char *key, const char *value)
{
	if (!value)
		return;
	fprintf(out, "%*s%s: ", indent, "", key);
	yq(out, value);
	putc('\n', out);
}

/* The shortest decimal that reads back as the same double. */
static void ynumber(FILE *out, int indent, const char *key, double v)
{
	char buf[40];

	snprintf(buf, sizeof buf, "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof buf, "%.17g", v);
	fprintf(out, "%*s%s: %s\n", indent, "", key, buf);
}

static void yaml_criterion(const struct model *m, const struct criterion *cr, FILE *out)
{
	fprintf(out, "      - id: %s\n        level: %d\n", cr->id, cr->level);
	ykey(out, 8, "text", cr->text);
	ykey(out, 8, "action", cr->action);
	ykey(out, 8, "guidance", cr->guidance);
	if (cr->weight != 1)
		ynumber(out, 8, "weight", cr->weight);
	if (cr->nrefs) {
		fputs("        refs:\n", out);
		for (size_t j = 0; j < cr->nrefs; j++) {
			fputs("          - ", out);
			yq(out, cr->refs[j]);
			putc('\n', out);
		}
	}
	if (cr->nrequires) {
		fputs("        requires:\n", out);
		for (size_t j = 0; j < cr->nrequires; j++)
			fprintf(out, "          - %s\n", m->crits[cr->requires[j]].id);
	}
}

void model_print_yaml(const struct model *m, FILE *out)
{
	fprintf(out, "id: %s\n", m->id);
	ykey(out, 0, "name", m->name);
	ykey(out, 0, "version", m->version);
	ykey(out, 0, "description", m->description);
	fputs("levels:\n", out);
	for (int i = 0; i < m->nlevels; i++) {
		fprintf(out, "  - level: %d\n", m->levels[i].level);
		ykey(out, 4, "name", m->levels[i].name);
		ykey(out, 4, "summary", m->levels[i].summary);
	}
	if (m->ngroups)
		fputs("groups:\n", out);
	for (size_t g = 0; g < m->ngroups; g++) {
		fprintf(out, "  - id: %s\n", m->groups[g].id);
		ykey(out, 4, "name", m->groups[g].name);
		ykey(out, 4, "description", m->groups[g].description);
	}
	fputs("dimensions:\n", out);
	for (size_t i = 0; i < m->ndims; i++) {
		const struct dimension *d = &m->dims[i];
		bool stages = false;

		fprintf(out, "  - id: %s\n", d->id);
		ykey(out, 4, "name", d->name);
		if (d->group >= 0)
			fprintf(out, "    group: %s\n", m->groups[d->group].id);
		ykey(out, 4, "description", d->description);
		if (d->weight != 1)
			ynumber(out, 4, "weight", d->weight);
		for (int l = 0; l < m->nlevels; l++) {
			char key[8];

			if (!d->stages[l])
				continue;
			if (!stages)
				fputs("    stages:\n", out);
			stages = true;
			snprintf(key, sizeof key, "%d", m->lowest + l);
			ykey(out, 6, key, d->stages[l]);
		}
		fputs("    criteria:\n", out);
		for (size_t c = d->first; c < d->first + d->ncrit; c++)
			yaml_criterion(m, &m->crits[c], out);
	}
}
