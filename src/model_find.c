/* Lookups in a loaded model. */
#include "model.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

struct by_id {
	const char *id;
	size_t i;
};

static int cmp_id(const void *a, const void *b)
{
	return strcmp(((const struct by_id *)a)->id, ((const struct by_id *)b)->id);
}

void model_index(struct model *m)
{
	struct by_id *ids = xcalloc(m->ncrits ? m->ncrits : 1, sizeof *ids);

	for (size_t i = 0; i < m->ncrits; i++)
		ids[i] = (struct by_id){ m->crits[i].id, i };
	qsort(ids, m->ncrits, sizeof *ids, cmp_id);
	free(m->crit_order);
	m->crit_order = xcalloc(m->ncrits ? m->ncrits : 1, sizeof *m->crit_order);
	for (size_t i = 0; i < m->ncrits; i++)
		m->crit_order[i] = ids[i].i;
	free(ids);
}

/* An answer, a vote or an export row looks its criterion up: by halves
 * of the sorted ids once the model is indexed. */
long model_find_criterion(const struct model *m, const char *id)
{
	size_t lo = 0, hi = m->ncrits;

	if (!m->crit_order) {
		for (size_t i = 0; i < m->ncrits; i++)
			if (!strcmp(m->crits[i].id, id))
				return (long)i;
		return -1;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, k = m->crit_order[mid];
		int c = strcmp(m->crits[k].id, id);

		if (!c)
			return (long)k;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
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
