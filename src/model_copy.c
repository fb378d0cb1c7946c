/* A model copied whole, every string and list its own (model_free frees
 * it as it frees a loaded one). */
#include "model.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void *dup_array(const void *a, size_t n, size_t size)
{
	void *out;

	if (!a || !n)
		return NULL;
	out = xcalloc(n, size);
	memcpy(out, a, n * size);
	return out;
}

static void copy_crit(struct criterion *c, const struct criterion *src)
{
	*c = *src;
	c->id = xstrdup(src->id);
	c->text = xstrdup(src->text);
	c->action = dup_or_null(src->action);
	c->guidance = dup_or_null(src->guidance);
	c->refs = dup_array(src->refs, src->nrefs, sizeof *src->refs);
	for (size_t j = 0; j < c->nrefs; j++)
		c->refs[j] = xstrdup(src->refs[j]);
	c->requires = dup_array(src->requires, src->nrequires, sizeof *src->requires);
}

static void copy_dim(struct dimension *d, const struct dimension *src)
{
	*d = *src;
	d->id = xstrdup(src->id);
	d->name = xstrdup(src->name);
	d->description = dup_or_null(src->description);
	for (int j = 0; j < MODEL_MAX_LEVELS; j++)
		d->stages[j] = dup_or_null(src->stages[j]);
}

struct model *model_copy(const struct model *src)
{
	struct model *m = xcalloc(1, sizeof *m);

	*m = *src;
	m->id = xstrdup(src->id);
	m->name = xstrdup(src->name);
	m->version = dup_or_null(src->version);
	m->description = dup_or_null(src->description);
	m->levels = dup_array(src->levels, (size_t)src->nlevels, sizeof *src->levels);
	for (int i = 0; i < m->nlevels; i++) {
		m->levels[i].name = xstrdup(src->levels[i].name);
		m->levels[i].summary = dup_or_null(src->levels[i].summary);
	}
	m->groups = dup_array(src->groups, src->ngroups, sizeof *src->groups);
	for (size_t i = 0; i < m->ngroups; i++) {
		m->groups[i].id = xstrdup(src->groups[i].id);
		m->groups[i].name = xstrdup(src->groups[i].name);
		m->groups[i].description = dup_or_null(src->groups[i].description);
	}
	m->dims = dup_array(src->dims, src->ndims, sizeof *src->dims);
	for (size_t i = 0; i < m->ndims; i++)
		copy_dim(&m->dims[i], &src->dims[i]);
	m->crits = dup_array(src->crits, src->ncrits, sizeof *src->crits);
	for (size_t i = 0; i < m->ncrits; i++)
		copy_crit(&m->crits[i], &src->crits[i]);
	m->warnings = dup_array(src->warnings, src->nwarnings, sizeof *src->warnings);
	for (size_t i = 0; i < m->nwarnings; i++)
		m->warnings[i] = xstrdup(src->warnings[i]);
	m->crit_order = NULL;
	model_index(m);
	m->yaml = NULL;
	if (src->yaml) {
		m->yaml = xcalloc(src->yaml_len + 1, 1);
		memcpy(m->yaml, src->yaml, src->yaml_len);
	}
	return m;
}
