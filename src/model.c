
#include "model_int.h"
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

static bool load_levels(struct vctx *v, struct model *m, const struct ynode *seq)
{
	static const char *const keys[] = { "level", "name", "summary", NULL };

	if (seq->kind != YN_SEQ)
		return model_err(v, seq, "'levels' must be a list, not %s", model_kind_name(seq));
	if (seq->n < 2 || seq->n > MODEL_MAX_LEVELS)
		return model_err(v, seq, "'levels' must have 2 to 10 entries, not %zu", seq->n);
	m->levels = xcalloc(seq->n, sizeof *m->levels);
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *e = seq->items[i];
		struct model_level *l = &m->levels[i];
		int num;

		if (!model_expect_map(v, e, "a level") || !model_check_keys(v, e, keys, "a level") ||
		    !model_get_level(v, e, "a level", &num))
			return false;
		m->nlevels = (int)i + 1;
		if (i == 0 && num != 0 && num != 1)
			return model_err(v, ynode_get(e, "level"),
				    "levels must be numbered from 0 or 1, not from %d", num);
		if (i > 0 && num != m->levels[i - 1].level + 1)
			return model_err(v, ynode_get(e, "level"),
				    "levels must be numbered consecutively: expected %d, found %d",
				    m->levels[i - 1].level + 1, num);
		if (num > 9)
			return model_err(v, ynode_get(e, "level"), "the highest level is at most 9, not %d", num);
		l->level = num;
		if (!model_get_text(v, e, "name", true, "a level", &l->name) ||
		    !model_get_text(v, e, "summary", false, "a level", &l->summary))
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
	if (!model_expect_map(v, map, "'stages'"))
		return false;
	for (size_t i = 0; i < map->n; i += 2) {
		const struct ynode *k = map->items[i], *val = map->items[i + 1];
		int lv;

		if (!model_parse_whole(k, &lv))
			return model_err(v, k, "a stage key must be a level number, not '%s'", k->text);
		if (lv < m->lowest || lv > m->highest)
			return model_err(v, k, "stage level %d is out of range (%d to %d)", lv,
				    m->lowest, m->highest);
		if (d->stages[lv - m->lowest])
			return model_err(v, k, "duplicate stage for level %d", lv);
		if (val->kind != YN_SCALAR)
			return model_err(v, val, "a stage must be text, not %s", model_kind_name(val));
		if (ynode_is_null(val) || val->len == 0)
			return model_err(v, val->len == 0 && val->plain ? k : val,
				    "a stage text cannot be empty");
		d->stages[lv - m->lowest] = xstrdup(val->text);
	}
	return true;
}

/* refs: a list of one-line texts, each a clause of a standard or a
 * regulation ("EU AI Act Art. 15"). */
static bool load_refs(struct vctx *v, struct criterion *c, const struct ynode *seq)
{
	if (!seq || ynode_is_null(seq))
		return true;
	if (seq->kind != YN_SEQ)
		return model_err(v, seq, "'refs' must be a list of references, not %s",
				 model_kind_name(seq));
	c->refs = xcalloc(seq->n ? seq->n : 1, sizeof *c->refs);
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *r = seq->items[i];

		if (r->kind != YN_SCALAR || ynode_is_null(r) || r->len == 0)
			return model_err(v, r, "a reference must be text, not %s",
					 r->kind == YN_SCALAR ? "empty" : model_kind_name(r));
		if (strchr(r->text, '\n'))
			return model_err(v, r, "a reference is one line");
		for (size_t j = 0; j < c->nrefs; j++)
			if (!strcmp(c->refs[j], r->text))
				return model_err(v, r, "duplicate reference '%s'", r->text);
		c->refs[c->nrefs++] = xstrdup(r->text);
	}
	return true;
}

static bool load_criteria(struct vctx *v, struct model *m, size_t di, const struct ynode *seq,
			  size_t *cap)
{
	static const char *const keys[] = { "id", "level", "text", "action", "guidance", "weight",
					    "refs", "requires", NULL };

	if (seq->kind != YN_SEQ || seq->n == 0)
		return model_err(v, seq, "'criteria' must be a list of at least one criterion");
	m->dims[di].first = m->ncrits;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *e = seq->items[i];
		struct criterion *c;

		if (!model_expect_map(v, e, "a criterion") || !model_check_keys(v, e, keys, "a criterion"))
			return false;
		m->crits = xgrow(m->crits, cap, m->ncrits + 1, sizeof *m->crits);
		c = &m->crits[m->ncrits++];
		memset(c, 0, sizeof *c);
		c->dim = di;
		m->dims[di].ncrit++;
		if (!model_get_id(v, e, "a criterion", &c->id) ||
		    !model_get_level(v, e, "a criterion", &c->level))
			return false;
		if (c->level < m->lowest + 1 || c->level > m->highest)
			return model_err(v, ynode_get(e, "level"),
				    "criterion level %d is out of range (%d to %d)", c->level,
				    m->lowest + 1, m->highest);
		if (!model_get_text(v, e, "text", true, "a criterion", &c->text) ||
		    !model_get_text(v, e, "action", false, "a criterion", &c->action) ||
		    !model_get_text(v, e, "guidance", false, "a criterion", &c->guidance) ||
		    !model_get_weight(v, ynode_get(e, "weight"), &c->weight) ||
		    !load_refs(v, c, ynode_get(e, "refs")))
			return false;
	}
	return true;
}

static bool load_dimensions(struct vctx *v, struct model *m, const struct ynode *seq)
{
	static const char *const keys[] = { "id", "name", "group", "description", "weight",
					    "stages", "criteria", NULL };
	size_t cap = 0;

	if (seq->kind != YN_SEQ)
		return model_err(v, seq, "'dimensions' must be a list, not %s", model_kind_name(seq));
	if (seq->n < 1 || seq->n > MODEL_MAX_DIMENSIONS)
		return model_err(v, seq, "'dimensions' must have 1 to 64 entries, not %zu", seq->n);
	m->dims = xcalloc(seq->n, sizeof *m->dims);
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *e = seq->items[i], *crit;
		struct dimension *d = &m->dims[i];

		d->group = -1;
		if (!model_expect_map(v, e, "a dimension") || !model_check_keys(v, e, keys, "a dimension"))
			return false;
		m->ndims = i + 1;
		if (!model_get_id(v, e, "a dimension", &d->id) ||
		    !model_get_text(v, e, "name", true, "a dimension", &d->name) ||
		    !model_get_text(v, e, "description", false, "a dimension", &d->description) ||
		    !model_get_weight(v, ynode_get(e, "weight"), &d->weight))
			return false;
		if (ynode_get(e, "stages") && !load_stages(v, m, d, ynode_get(e, "stages")))
			return false;
		if (!model_require(v, e, "criteria", "a dimension"))
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
		return model_err(v, worst->node, "duplicate %s id '%s'", what, worst->id);
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

static bool load_groups(struct vctx *v, struct model *m, const struct ynode *seq)
{
	static const char *const keys[] = { "id", "name", "description", NULL };

	if (!seq || ynode_is_null(seq))
		return true;
	if (seq->kind != YN_SEQ || seq->n == 0)
		return model_err(v, seq, "'groups' must be a list of at least one group");
	if (seq->n > MODEL_MAX_DIMENSIONS)
		return model_err(v, seq, "'groups' has at most 64 entries, not %zu", seq->n);
	m->groups = xcalloc(seq->n, sizeof *m->groups);
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *e = seq->items[i];
		struct model_group *g = &m->groups[i];

		if (!model_expect_map(v, e, "a group") || !model_check_keys(v, e, keys, "a group"))
			return false;
		m->ngroups = i + 1;
		if (!model_get_id(v, e, "a group", &g->id) ||
		    !model_get_text(v, e, "name", true, "a group", &g->name) ||
		    !model_get_text(v, e, "description", false, "a group", &g->description))
			return false;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(m->groups[j].id, g->id))
				return model_err(v, ynode_get(e, "id"), "duplicate group id '%s'", g->id);
	}
	return true;
}

static bool load_root(struct vctx *v, struct model *m, const struct ynode *root)
{
	static const char *const keys[] = { "id", "name", "version", "description",
					    "levels", "groups", "dimensions", NULL };
	const struct ynode *levels, *dims;

	if (!model_expect_map(v, root, "the model") || !model_check_keys(v, root, keys, "the model") ||
	    !model_get_id(v, root, "the model", &m->id) ||
	    !model_get_text(v, root, "name", true, "the model", &m->name) ||
	    !model_get_text(v, root, "version", true, "the model", &m->version) ||
	    !model_get_text(v, root, "description", false, "the model", &m->description))
		return false;
	if (!model_require(v, root, "levels", "the model"))
		return false;
	levels = ynode_get(root, "levels");
	if (!load_levels(v, m, levels))
		return false;
	if (!model_require(v, root, "dimensions", "the model"))
		return false;
	dims = ynode_get(root, "dimensions");
	return load_groups(v, m, ynode_get(root, "groups")) && load_dimensions(v, m, dims) &&
	       check_ids(v, m, dims) && model_link(v, m, root);
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
	for (size_t i = 0; i < m->ngroups; i++) {
		free(m->groups[i].id);
		free(m->groups[i].name);
		free(m->groups[i].description);
	}
	free(m->groups);
	for (size_t i = 0; i < m->nwarnings; i++)
		free(m->warnings[i]);
	free(m->warnings);
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
		struct criterion *c = &m->crits[i];

		free(c->id);
		free(c->text);
		free(c->action);
		free(c->guidance);
		for (size_t j = 0; j < c->nrefs; j++)
			free(c->refs[j]);
		free(c->refs);
		free(c->requires);
	}
	free(m->crits);
	free(m->crit_order);
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
	model_index(m);
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
