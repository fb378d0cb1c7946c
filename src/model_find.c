/* Lookups in a loaded model. */
#include "model.h"

#include <string.h>

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
