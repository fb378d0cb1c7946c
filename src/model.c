
#include "model.h"
#include "sha256.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"
#include "ytree.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char builtin_model_yaml[];
extern const unsigned long builtin_model_yaml_len;

struct vctx {
	const char *name;
	char *err;
	size_t errsz;
	bool failed;
};

static bool verr(struct vctx *v, const struct ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool verr(struct vctx *v, const struct ynode *at, const char *fmt, ...)
{
	va_list ap;

	if (v->failed)
		return false;
	v->failed = true;
	va_start(ap, fmt);
	ytree_verror(v->err, v->errsz, v->name, at->line, at->col, fmt, ap);
	va_end(ap);
	return false;
}

static const char *kind_name(const struct ynode *n)
{
	switch (n->kind) {
	case YN_MAP: return "a mapping";
	case YN_SEQ: return "a list";
	default: return "text";
	}
}

static bool check_keys(struct vctx *v, const struct ynode *map,
		       const char *const allowed[], const char *where)
{
	for (size_t i = 0; i < map->n; i += 2) {
		const struct ynode *k = map->items[i];
		bool ok = false;

		for (size_t j = 0; allowed[j]; j++)
			if (!strcmp(k->text, allowed[j]))
				ok = true;
		if (!ok)
			return verr(v, k, "unknown key '%s' in %s", k->text, where);
	}
	return true;
}

static bool expect_map(struct vctx *v, const struct ynode *n, const char *what)
{
	if (n->kind != YN_MAP)
		return verr(v, n, "%s must be a mapping, not %s", what, kind_name(n));
	return true;
}

/* The position of the key itself, for errors about a key's value being
 * absent. */
static const struct ynode *key_node(const struct ynode *map, const char *key)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (!strcmp(map->items[i]->text, key))
			return map->items[i];
	return map;
}

/* Text value of key: required ones must be present and non-empty; an
 * optional one that is null counts as absent (*out stays NULL). */
static bool get_text(struct vctx *v, const struct ynode *map, const char *key,
		     bool required, const char *where, char **out)
{
	const struct ynode *n = ynode_get(map, key);

	*out = NULL;
	if (!n || ynode_is_null(n) || (n->kind == YN_SCALAR && n->len == 0)) {
		if (!required)
			return true;
		if (!n)
			return verr(v, map, "%s is missing required key '%s'", where, key);
		return verr(v, n->len == 0 && n->plain ? key_node(map, key) : n,
			    "'%s' is required and cannot be empty", key);
	}
	if (n->kind != YN_SCALAR)
		return verr(v, n, "'%s' must be text, not %s", key, kind_name(n));
	*out = xstrdup(n->text);
	return true;
}

static bool parse_whole(const struct ynode *n, int *out)
{
	long val = 0;

	if (n->kind != YN_SCALAR || !n->plain || n->len == 0 || n->len > 6)
		return false;
	for (size_t i = 0; i < n->len; i++) {
		if (n->text[i] < '0' || n->text[i] > '9')
			return false;
		val = val * 10 + (n->text[i] - '0');
	}
	*out = (int)val;
	return true;
}

static bool get_level_value(struct vctx *v, const struct ynode *map, const char *where,
			    int *out)
{
	const struct ynode *n = ynode_get(map, "level");

	if (!n)
		return verr(v, map, "%s is missing required key 'level'", where);
	if (ynode_is_null(n))
		return verr(v, n->len == 0 ? key_node(map, "level") : n,
			    "'level' is required and cannot be empty");
	if (!parse_whole(n, out))
		return verr(v, n, "'level' must be a whole number written in digits, not '%s'",
			    n->kind == YN_SCALAR ? n->text : kind_name(n));
	return true;
}

static bool valid_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

static bool get_id(struct vctx *v, const struct ynode *map, const char *where, char **out)
{
	if (!get_text(v, map, "id", true, where, out))
		return false;
	if (!valid_id(*out)) {
		free(*out);
		*out = NULL;
		return verr(v, ynode_get(map, "id"),
			    "'id' must use only a-z, 0-9 and '-'");
	}
	return true;
}

/* A required list written as empty, ~ or null is missing, not mistyped. */
static bool require_value(struct vctx *v, const struct ynode *map, const char *key,
			  const char *where)
{
	const struct ynode *n = ynode_get(map, key);

	if (!n)
		return verr(v, map, "%s is missing required key '%s'", where, key);
	if (ynode_is_null(n))
		return verr(v, n->len == 0 ? key_node(map, key) : n,
			    "'%s' is required and cannot be empty", key);
	return true;
}

static bool load_levels(struct vctx *v, struct model *m, const struct ynode *seq)
{
	static const char *const keys[] = { "level", "name", "summary", NULL };

	if (seq->kind != YN_SEQ)
		return verr(v, seq, "'levels' must be a list, not %s", kind_name(seq));
	if (seq->n < 2 || seq->n > MODEL_MAX_LEVELS)
		return verr(v, seq, "'levels' must have 2 to 10 entries, not %zu", seq->n);
	m->levels = xcalloc(seq->n, sizeof *m->levels);
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *e = seq->items[i];
		struct model_level *l = &m->levels[i];
		int num;

		if (!expect_map(v, e, "a level") || !check_keys(v, e, keys, "a level") ||
		    !get_level_value(v, e, "a level", &num))
			return false;
		m->nlevels = (int)i + 1;
		if (i == 0 && num != 0 && num != 1)
			return verr(v, ynode_get(e, "level"),
				    "levels must be numbered from 0 or 1, not from %d", num);
		if (i > 0 && num != m->levels[i - 1].level + 1)
			return verr(v, ynode_get(e, "level"),
				    "levels must be numbered consecutively: expected %d, found %d",
				    m->levels[i - 1].level + 1, num);
		if (num > 9)
			return verr(v, ynode_get(e, "level"), "the highest level is at most 9, not %d", num);
		l->level = num;
		if (!get_text(v, e, "name", true, "a level", &l->name) ||
		    !get_text(v, e, "summary", false, "a level", &l->summary))
			return false;
	}
	m->lowest = m->levels[0].level;
	m->highest = m->levels[m->nlevels - 1].level;
	return true;
}

static bool load_stages(struct vctx *v, struct model *m, struct dimension *d,
			const struct ynode *map)
{
	if (ynode_is_null(map))
		return true;
	if (!expect_map(v, map, "'stages'"))
		return false;
	for (size_t i = 0; i < map->n; i += 2) {
		const struct ynode *k = map->items[i], *val = map->items[i + 1];
		int lv;

		if (!parse_whole(k, &lv))
			return verr(v, k, "a stage key must be a level number, not '%s'", k->text);
		if (lv < m->lowest || lv > m->highest)
			return verr(v, k, "stage level %d is out of range (%d to %d)", lv,
				    m->lowest, m->highest);
		if (d->stages[lv - m->lowest])
			return verr(v, k, "duplicate stage for level %d", lv);
		if (val->kind != YN_SCALAR)
			return verr(v, val, "a stage must be text, not %s", kind_name(val));
		if (ynode_is_null(val) || val->len == 0)
			return verr(v, val->len == 0 && val->plain ? k : val,
				    "a stage text cannot be empty");
		d->stages[lv - m->lowest] = xstrdup(val->text);
	}
	return true;
}

static bool load_weight(struct vctx *v, struct dimension *d, const struct ynode *n)
{
	char *end;

	d->weight = 1.0;
	if (!n || ynode_is_null(n))
		return true;
	if (n->kind != YN_SCALAR || !n->plain)
		return verr(v, n, "'weight' must be a number");
	d->weight = strtod(n->text, &end);
	if (end == n->text || *end || !isfinite(d->weight) ||
	    strspn(n->text, "0123456789.+-eE") != n->len)
		return verr(v, n, "'weight' must be a number, not '%s'", n->text);
	if (!(d->weight > 0))
		return verr(v, n, "'weight' must be greater than 0");
	return true;
}

static bool load_criteria(struct vctx *v, struct model *m, size_t di, const struct ynode *seq,
			  size_t *cap)
{
	static const char *const keys[] = { "id", "level", "text", "action", NULL };

	if (seq->kind != YN_SEQ || seq->n == 0)
		return verr(v, seq, "'criteria' must be a list of at least one criterion");
	m->dims[di].first = m->ncrits;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *e = seq->items[i];
		struct criterion *c;

		if (!expect_map(v, e, "a criterion") || !check_keys(v, e, keys, "a criterion"))
			return false;
		m->crits = xgrow(m->crits, cap, m->ncrits + 1, sizeof *m->crits);
		c = &m->crits[m->ncrits++];
		memset(c, 0, sizeof *c);
		c->dim = di;
		m->dims[di].ncrit++;
		if (!get_id(v, e, "a criterion", &c->id) ||
		    !get_level_value(v, e, "a criterion", &c->level))
			return false;
		if (c->level < m->lowest + 1 || c->level > m->highest)
			return verr(v, ynode_get(e, "level"),
				    "criterion level %d is out of range (%d to %d)", c->level,
				    m->lowest + 1, m->highest);
		if (!get_text(v, e, "text", true, "a criterion", &c->text) ||
		    !get_text(v, e, "action", false, "a criterion", &c->action))
			return false;
	}
	return true;
}

static bool load_dimensions(struct vctx *v, struct model *m, const struct ynode *seq)
{
	static const char *const keys[] = { "id", "name", "description", "weight",
					    "stages", "criteria", NULL };
	size_t cap = 0;

	if (seq->kind != YN_SEQ)
		return verr(v, seq, "'dimensions' must be a list, not %s", kind_name(seq));
	if (seq->n < 1 || seq->n > MODEL_MAX_DIMENSIONS)
		return verr(v, seq, "'dimensions' must have 1 to 64 entries, not %zu", seq->n);
	m->dims = xcalloc(seq->n, sizeof *m->dims);
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *e = seq->items[i], *crit;
		struct dimension *d = &m->dims[i];

		if (!expect_map(v, e, "a dimension") || !check_keys(v, e, keys, "a dimension"))
			return false;
		m->ndims = i + 1;
		if (!get_id(v, e, "a dimension", &d->id) ||
		    !get_text(v, e, "name", true, "a dimension", &d->name) ||
		    !get_text(v, e, "description", false, "a dimension", &d->description) ||
		    !load_weight(v, d, ynode_get(e, "weight")))
			return false;
		if (ynode_get(e, "stages") && !load_stages(v, m, d, ynode_get(e, "stages")))
			return false;
		if (!require_value(v, e, "criteria", "a dimension"))
			return false;
		crit = ynode_get(e, "criteria");
		if (!load_criteria(v, m, i, crit, &cap))
			return false;
	}
	return true;
}

struct idref {
	const char *id;
	const struct ynode *node;
	size_t order;
};

static int cmp_idref(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* Finds the first repeated id in file order and reports its second use. */
static bool check_unique(struct vctx *v, struct idref *refs, size_t n, const char *what)
{
	const struct idref *worst = NULL;

	qsort(refs, n, sizeof *refs, cmp_idref);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(refs[i].id, refs[i - 1].id) && (!worst || refs[i].order < worst->order))
			worst = &refs[i];
	if (worst)
		return verr(v, worst->node, "duplicate %s id '%s'", what, worst->id);
	return true;
}

static bool check_ids(struct vctx *v, const struct model *m, const struct ynode *dims)
{
	struct idref *refs = xcalloc(m->ncrits > m->ndims ? m->ncrits : m->ndims, sizeof *refs);
	size_t k = 0;
	bool ok;

	for (size_t i = 0; i < m->ndims; i++)
		refs[i] = (struct idref){ m->dims[i].id, ynode_get(dims->items[i], "id"), i };
	ok = check_unique(v, refs, m->ndims, "dimension");
	for (size_t i = 0; ok && i < m->ndims; i++) {
		const struct ynode *cs = ynode_get(dims->items[i], "criteria");

		for (size_t j = 0; j < cs->n; j++, k++)
			refs[k] = (struct idref){ m->crits[k].id, ynode_get(cs->items[j], "id"), k };
	}
	if (ok)
		ok = check_unique(v, refs, m->ncrits, "criterion");
	free(refs);
	return ok;
}

static bool load_root(struct vctx *v, struct model *m, const struct ynode *root)
{
	static const char *const keys[] = { "id", "name", "version", "description",
					    "levels", "dimensions", NULL };
	const struct ynode *levels, *dims;

	if (!expect_map(v, root, "the model") || !check_keys(v, root, keys, "the model") ||
	    !get_id(v, root, "the model", &m->id) ||
	    !get_text(v, root, "name", true, "the model", &m->name) ||
	    !get_text(v, root, "version", true, "the model", &m->version) ||
	    !get_text(v, root, "description", false, "the model", &m->description))
		return false;
	if (!require_value(v, root, "levels", "the model"))
		return false;
	levels = ynode_get(root, "levels");
	if (!load_levels(v, m, levels))
		return false;
	if (!require_value(v, root, "dimensions", "the model"))
		return false;
	dims = ynode_get(root, "dimensions");
	return load_dimensions(v, m, dims) && check_ids(v, m, dims);
}

void model_free(struct model *m)
{
	if (!m)
		return;
	free(m->id);
	free(m->name);
	free(m->version);
	free(m->description);
	for (int i = 0; i < m->nlevels; i++) {
		free(m->levels[i].name);
		free(m->levels[i].summary);
	}
	free(m->levels);
	for (size_t i = 0; i < m->ndims; i++) {
		struct dimension *d = &m->dims[i];

		free(d->id);
		free(d->name);
		free(d->description);
		for (int j = 0; j < MODEL_MAX_LEVELS; j++)
			free(d->stages[j]);
	}
	free(m->dims);
	for (size_t i = 0; i < m->ncrits; i++) {
		free(m->crits[i].id);
		free(m->crits[i].text);
		free(m->crits[i].action);
	}
	free(m->crits);
	free(m->yaml);
	free(m);
}

static struct model *model_from_tree(struct ynode *root, char *text, size_t len,
				     const char *name, char *err, size_t errsz)
{
	struct vctx v = { .name = name, .err = err, .errsz = errsz };
	struct model *m = xcalloc(1, sizeof *m);

	m->yaml = text;
	m->yaml_len = len;
	if (!load_root(&v, m, root)) {
		model_free(m);
		ytree_free(root);
		return NULL;
	}
	ytree_free(root);
	sha256_hex(text, len, m->sha256);
	return m;
}

struct model *model_load_buffer(const char *buf, size_t len, const char *name,
				char *err, size_t errsz)
{
	struct ynode *root = ytree_parse(buf, len, name, err, errsz);

	if (!root)
		return NULL;
	return model_from_tree(root, xstrndup(buf, len), len, name, err, errsz);
}

struct model *model_load_file(const char *path, char *err, size_t errsz)
{
	char *text;
	size_t len;
	struct ynode *root = ytree_load_file(path, &text, &len, err, errsz);

	if (!root)
		return NULL;
	return model_from_tree(root, text, len, path, err, errsz);
}

struct model *model_load_builtin(char *err, size_t errsz)
{
	return model_load_buffer(builtin_model_yaml, builtin_model_yaml_len,
				 "data/mlops-maturity.yaml", err, errsz);
}

long model_find_criterion(const struct model *m, const char *id)
{
	for (size_t i = 0; i < m->ncrits; i++)
		if (!strcmp(m->crits[i].id, id))
			return (long)i;
	return -1;
}

long model_find_dimension(const struct model *m, const char *id)
{
	for (size_t i = 0; i < m->ndims; i++)
		if (!strcmp(m->dims[i].id, id))
			return (long)i;
	return -1;
}

const struct model_level *model_level(const struct model *m, int level)
{
	if (level < m->lowest || level > m->highest)
		return NULL;
	return &m->levels[level - m->lowest];
}

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
	fprintf(out, "\nDimensions (%zu, %zu criteria)\n", m->ndims, m->ncrits);
	for (size_t i = 0; i < m->ndims; i++) {
		const struct dimension *d = &m->dims[i];

		print_safe(out, "\n%s  [%s, weight %g]\n", d->name, d->id, d->weight);
		if (d->description)
			print_safe(out, "  %s\n", d->description);
		for (int l = 0; l < m->nlevels; l++)
			if (d->stages[l])
				print_safe(out, "  stage %d: %s\n", m->lowest + l, d->stages[l]);
		for (int l = m->lowest + 1; l <= m->highest; l++) {
			for (size_t c = d->first; c < d->first + d->ncrit; c++) {
				const struct criterion *cr = &m->crits[c];

				if (cr->level != l)
					continue;
				print_safe(out, "  L%d %s: %s\n", cr->level, cr->id, cr->text);
				if (cr->action)
					print_safe(out, "      action: %s\n", cr->action);
			}
		}
	}
}
