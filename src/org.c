#include "org.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

void org_grid_init(struct org_grid *g, size_t ndims)
{
	memset(g, 0, sizeof *g);
	g->ndims = ndims;
	g->mean = xcalloc(ndims ? ndims : 1, sizeof *g->mean);
	g->count = xcalloc(ndims ? ndims : 1, sizeof *g->count);
	g->cols = xcalloc(ndims ? ndims : 1, sizeof *g->cols);
	for (size_t k = 0; k < ndims; k++)
		g->cols[k] = k;
}

void org_grid_clear(struct org_grid *g)
{
	for (size_t i = 0; i < g->nteams; i++) {
		free(g->teams[i].name);
		free(g->teams[i].score);
		free(g->teams[i].gap);
		free(g->teams[i].level);
		free(g->teams[i].target);
	}
	free(g->teams);
	g->teams = NULL;
	g->nteams = g->cap = 0;
	g->overall_mean = 0;
	g->any_older = false;
}

void org_grid_free(struct org_grid *g)
{
	org_grid_clear(g);
	free(g->mean);
	free(g->count);
	free(g->cols);
	free(g->group_mean);
	memset(g, 0, sizeof *g);
}

static struct org_team *new_team(struct org_grid *g, const struct org_cell *c)
{
	struct org_team *t;

	g->teams = xgrow(g->teams, &g->cap, g->nteams + 1, sizeof *g->teams);
	t = &g->teams[g->nteams++];
	memset(t, 0, sizeof *t);
	t->id = c->team_id;
	t->assessment_id = c->assessment_id;
	t->name = xstrdup(c->team);
	t->period = c->period;
	t->overall = c->overall;
	t->score = xcalloc(g->ndims ? g->ndims : 1, sizeof *t->score);
	t->gap = xcalloc(g->ndims ? g->ndims : 1, sizeof *t->gap);
	t->level = xmalloc((g->ndims ? g->ndims : 1) * sizeof *t->level);
	t->target = xmalloc((g->ndims ? g->ndims : 1) * sizeof *t->target);
	for (size_t k = 0; k < g->ndims; k++)
		t->level[k] = -1;
	return t;
}

void org_grid_add(struct org_grid *g, const struct model *m, const struct org_cell *c)
{
	struct org_team *t = g->nteams ? &g->teams[g->nteams - 1] : NULL;
	long d = model_find_dimension(m, c->dim_id);

	if (!t || t->id != c->team_id)
		t = new_team(g, c);
	if (d < 0 || (size_t)d >= g->ndims)
		return;
	t->score[d] = c->score;
	t->gap[d] = c->gap;
	t->level[d] = c->level;
	t->target[d] = c->target;
}

static int cmp_team(const void *a, const void *b)
{
	const struct org_team *x = a, *y = b;

	if (x->overall != y->overall)
		return x->overall < y->overall ? 1 : -1;
	return strcmp(x->name, y->name);
}

void org_sort_teams(struct org_team *t, size_t n)
{
	if (n > 1)
		qsort(t, n, sizeof *t, cmp_team);
}

void org_dimension_means(const struct org_team *t, size_t n, size_t ndims, double *mean,
			 int *count)
{
	for (size_t k = 0; k < ndims; k++) {
		mean[k] = 0;
		count[k] = 0;
		for (size_t i = 0; i < n; i++) {
			if (t[i].level[k] < 0)
				continue;
			mean[k] += t[i].score[k];
			count[k]++;
		}
		if (count[k])
			mean[k] /= count[k];
	}
}

struct ranked {
	double mean;
	size_t k;
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->mean != y->mean)
		return x->mean < y->mean ? 1 : -1;
	return (x->k > y->k) - (x->k < y->k);
}

void org_order_dimensions(const double *mean, size_t ndims, size_t *cols)
{
	struct ranked *r = xcalloc(ndims ? ndims : 1, sizeof *r);

	for (size_t k = 0; k < ndims; k++)
		r[k] = (struct ranked){ mean[k], k };
	qsort(r, ndims, sizeof *r, cmp_ranked);
	for (size_t k = 0; k < ndims; k++)
		cols[k] = r[k].k;
	free(r);
}

double org_overall_mean(const struct org_team *t, size_t n)
{
	double all = 0;

	for (size_t i = 0; i < n; i++)
		all += t[i].overall;
	return n ? all / n : 0;
}

void org_grid_finish(struct org_grid *g, int period)
{
	org_sort_teams(g->teams, g->nteams);
	org_dimension_means(g->teams, g->nteams, g->ndims, g->mean, g->count);
	org_order_dimensions(g->mean, g->ndims, g->cols);
	g->overall_mean = org_overall_mean(g->teams, g->nteams);
	g->any_older = false;
	for (size_t i = 0; i < g->nteams; i++)
		if (g->teams[i].period != period)
			g->any_older = true;
}

void org_group_means(const struct org_team *t, size_t n, const struct model *m, double *mean)
{
	for (size_t grp = 0; grp < m->ngroups; grp++) {
		int teams = 0;

		mean[grp] = 0;
		for (size_t i = 0; i < n; i++) {
			double sum = 0, weights = 0;

			for (size_t d = 0; d < m->ndims; d++) {
				if (m->dims[d].group != (long)grp || t[i].level[d] < 0)
					continue;
				sum += t[i].score[d] * m->dims[d].weight;
				weights += m->dims[d].weight;
			}
			if (weights > 0) {
				mean[grp] += sum / weights;
				teams++;
			}
		}
		if (teams)
			mean[grp] /= teams;
	}
}

void org_order_by_group(const struct model *m, size_t *cols, size_t ndims)
{
	size_t *out = xcalloc(ndims ? ndims : 1, sizeof *out), k = 0;

	for (size_t grp = 0; grp < m->ngroups; grp++)
		for (size_t c = 0; c < ndims; c++)
			if (m->dims[cols[c]].group == (long)grp)
				out[k++] = cols[c];
	/* A dimension without a group (none when the model has groups). */
	for (size_t c = 0; c < ndims; c++)
		if (m->dims[cols[c]].group < 0 || (size_t)m->dims[cols[c]].group >= m->ngroups)
			out[k++] = cols[c];
	memcpy(cols, out, ndims * sizeof *cols);
	free(out);
}

void org_grid_groups(struct org_grid *g, const struct model *m)
{
	g->ngroups = 0;
	if (!m->ngroups || m->ndims != g->ndims)
		return;
	g->ngroups = m->ngroups;
	free(g->group_mean);
	g->group_mean = xcalloc(m->ngroups, sizeof *g->group_mean);
	org_group_means(g->teams, g->nteams, m, g->group_mean);
	org_order_by_group(m, g->cols, g->ndims);
}
