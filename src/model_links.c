/* What ties a model's parts together, checked once everything is read:
 * dimensions to their groups, criteria to the criteria they require (known
 * ids, no cycles), and the warnings of `model check` for what is legal but
 * likely a mistake. */
#include "model_int.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void warn(struct vctx *v, struct model *m, const struct ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void warn(struct vctx *v, struct model *m, const struct ynode *at, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	sb_printf(&sb, "%s:%d:%d: warning: ", v->name, at->line, at->col);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	m->warnings = xrealloc(m->warnings, (m->nwarnings + 1) * sizeof *m->warnings);
	m->warnings[m->nwarnings++] = sb.s;
}

/* Each dimension's group: required for all when the model has groups,
 * refused without; every group used by some dimension. */
static bool link_groups(struct vctx *v, struct model *m, const struct ynode *dims,
			const struct ynode *groups)
{
	bool *used = xcalloc(m->ngroups ? m->ngroups : 1, sizeof *used);
	bool ok = true;

	for (size_t i = 0; ok && i < m->ndims; i++) {
		const struct ynode *e = dims->items[i], *g = ynode_get(e, "group");

		if (!g || ynode_is_null(g)) {
			if (m->ngroups)
				ok = model_err(v, g ? model_key_node(e, "group") : ynode_get(e, "id"),
					       "dimension '%s' needs a 'group': the model has groups",
					       m->dims[i].id);
			continue;
		}
		if (!m->ngroups) {
			ok = model_err(v, model_key_node(e, "group"),
				       "'group' needs a 'groups' list at the top of the model");
			continue;
		}
		if (g->kind != YN_SCALAR) {
			ok = model_err(v, g, "'group' must be a group id, not %s", model_kind_name(g));
			continue;
		}
		for (size_t k = 0; k < m->ngroups; k++)
			if (!strcmp(m->groups[k].id, g->text))
				m->dims[i].group = (long)k;
		if (m->dims[i].group < 0)
			ok = model_err(v, g, "no group has the id '%s'", g->text);
		else
			used[m->dims[i].group] = true;
	}
	for (size_t k = 0; ok && k < m->ngroups; k++)
		if (!used[k])
			ok = model_err(v, ynode_get(groups->items[k], "id"),
				       "no dimension is in group '%s'", m->groups[k].id);
	free(used);
	return ok;
}

/* The node of criterion c's requires entry j. */
static const struct ynode *requires_node(const struct ynode *dims, const struct model *m,
					 size_t c, size_t j)
{
	const struct criterion *cr = &m->crits[c];
	const struct ynode *crits = ynode_get(dims->items[cr->dim], "criteria");
	const struct ynode *e = crits->items[c - m->dims[cr->dim].first];

	return ynode_get(e, "requires")->items[j];
}

static bool read_requires(struct vctx *v, struct model *m, const struct ynode *dims)
{
	for (size_t c = 0; c < m->ncrits; c++) {
		struct criterion *cr = &m->crits[c];
		const struct ynode *crits = ynode_get(dims->items[cr->dim], "criteria");
		const struct ynode *seq = ynode_get(crits->items[c - m->dims[cr->dim].first], "requires");

		if (!seq || ynode_is_null(seq))
			continue;
		if (seq->kind != YN_SEQ)
			return model_err(v, seq, "'requires' must be a list of criterion ids, not %s",
					 model_kind_name(seq));
		cr->requires = xcalloc(seq->n ? seq->n : 1, sizeof *cr->requires);
		for (size_t j = 0; j < seq->n; j++) {
			const struct ynode *r = seq->items[j];
			long k = r->kind == YN_SCALAR ? model_find_criterion(m, r->text) : -1;

			if (r->kind != YN_SCALAR)
				return model_err(v, r, "a required criterion is an id, not %s",
						 model_kind_name(r));
			if (k < 0)
				return model_err(v, r, "no criterion has the id '%s'", r->text);
			if ((size_t)k == c)
				return model_err(v, r, "criterion '%s' cannot require itself", cr->id);
			for (size_t i = 0; i < cr->nrequires; i++)
				if (cr->requires[i] == (size_t)k)
					return model_err(v, r, "'%s' is required twice", r->text);
			cr->requires[cr->nrequires++] = (size_t)k;
			if (m->crits[k].level > cr->level)
				warn(v, m, r, "'%s' (level %d) requires '%s' at a higher level (%d)",
				     cr->id, cr->level, r->text, m->crits[k].level);
		}
	}
	return true;
}

enum { WHITE, GREY, BLACK };

/* Depth first from c: a requires edge to a criterion still on the path
 * (grey) closes a cycle, reported at that edge with the path. */
static bool no_cycle(struct vctx *v, const struct model *m, const struct ynode *dims, size_t c,
		     unsigned char *color, size_t *path, size_t depth)
{
	color[c] = GREY;
	path[depth] = c;
	for (size_t j = 0; j < m->crits[c].nrequires; j++) {
		size_t k = m->crits[c].requires[j];

		if (color[k] == GREY) {
			struct strbuf sb;
			size_t from = 0;
			bool r;

			while (path[from] != k)
				from++;
			sb_init(&sb);
			for (size_t i = from; i <= depth; i++)
				sb_printf(&sb, "%s -> ", m->crits[path[i]].id);
			sb_adds(&sb, m->crits[k].id);
			r = model_err(v, requires_node(dims, m, c, j), "a cycle of requires: %s", sb.s);
			sb_free(&sb);
			return r;
		}
		if (color[k] == WHITE && !no_cycle(v, m, dims, k, color, path, depth + 1))
			return false;
	}
	color[c] = BLACK;
	return true;
}

/* A level of a dimension with no criteria is passed for free. */
static void warn_empty_levels(struct vctx *v, struct model *m, const struct ynode *dims)
{
	for (size_t i = 0; i < m->ndims; i++) {
		const struct dimension *d = &m->dims[i];

		for (int l = m->lowest + 1; l <= m->highest; l++) {
			bool any = false;

			for (size_t c = d->first; c < d->first + d->ncrit; c++)
				any = any || m->crits[c].level == l;
			if (!any)
				warn(v, m, model_key_node(dims->items[i], "criteria"),
				     "dimension '%s' has no criteria at level %d: every team passes it "
				     "for free", d->id, l);
		}
	}
}

bool model_link(struct vctx *v, struct model *m, const struct ynode *root)
{
	const struct ynode *dims = ynode_get(root, "dimensions");
	unsigned char *color;
	size_t *path;
	bool ok;

	if (!link_groups(v, m, dims, ynode_get(root, "groups")) || !read_requires(v, m, dims))
		return false;
	color = xcalloc(m->ncrits, 1);
	path = xcalloc(m->ncrits + 1, sizeof *path);
	ok = true;
	for (size_t c = 0; ok && c < m->ncrits; c++)
		if (color[c] == WHITE)
			ok = no_cycle(v, m, dims, c, color, path, 0);
	free(color);
	free(path);
	if (ok)
		warn_empty_levels(v, m, dims);
	return ok;
}
