#include "org.h"
#include "find.h"
#include "xalloc.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void org_grid_init(struct org_grid *g, size_t ndims)
{
	memset(g, 0, sizeof *g);
	g->ndims = ndims;
	g->sort = ORG_SORT_OVERALL;
	g->mean = xcalloc(ndims ? ndims : 1, sizeof *g->mean);
	g->count = xcalloc(ndims ? ndims : 1, sizeof *g->count);
	g->cols = xcalloc(ndims ? ndims : 1, sizeof *g->cols);
	for (size_t k = 0; k < ndims; k++)
		g->cols[k] = k;
}

static void drop_teams(struct org_grid *g)
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
	g->base = 0;
}

void org_grid_clear(struct org_grid *g)
{
	drop_teams(g);
	g->total = 0;
	g->overall_mean = g->coverage_mean = g->change_mean = 0;
	g->nchange = 0;
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
	t->coverage = c->coverage;
	t->has_change = c->has_prev;
	t->change = c->has_prev ? org_change(c->overall, c->prev_overall) : 0;
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

double org_change(double overall, double before)
{
	return (double)lround((overall - before) * 100) / 100;
}

/* Below 0: x before y. A missing value (unscored, no change) goes last. */
static int cmp_value(bool xhas, double x, bool yhas, double y)
{
	if (xhas != yhas)
		return xhas ? -1 : 1;
	if (xhas && x != y)
		return x < y ? 1 : -1;
	return 0;
}

static int cmp_team(const struct org_team *x, const struct org_team *y, long key)
{
	int c = 0;

	if (key >= 0)
		c = cmp_value(x->level[key] >= 0, x->score[key], y->level[key] >= 0, y->score[key]);
	else if (key == ORG_SORT_CHANGE)
		c = cmp_value(x->has_change, x->change, y->has_change, y->change);
	else if (key == ORG_SORT_NAME)
		c = find_collate(x->name, y->name);
	if (!c)
		c = cmp_value(true, x->overall, true, y->overall);
	if (!c)
		c = find_collate(x->name, y->name);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* A merge sort: qsort has no argument for the key. */
static void sort_run(struct org_team *t, struct org_team *tmp, size_t n, long key)
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	sort_run(t, tmp, h, key);
	sort_run(t + h, tmp, n - h, key);
	while (i < h && j < n)
		tmp[k++] = cmp_team(&t[j], &t[i], key) < 0 ? t[j++] : t[i++];
	while (i < h)
		tmp[k++] = t[i++];
	while (j < n)
		tmp[k++] = t[j++];
	memcpy(t, tmp, n * sizeof *t);
}

void org_sort_teams(struct org_team *t, size_t n, long key)
{
	struct org_team *tmp;

	if (n < 2)
		return;
	tmp = xcalloc(n, sizeof *tmp);
	sort_run(t, tmp, n, key);
	free(tmp);
}

long org_sort_step(const size_t *cols, size_t ndims, long key, int dir)
{
	/* The cycle as positions: 0 overall, 1..ndims the columns, then
	 * change and name. */
	long n = (long)ndims + 3, pos = 0;

	if (key == ORG_SORT_CHANGE)
		pos = (long)ndims + 1;
	else if (key == ORG_SORT_NAME)
		pos = (long)ndims + 2;
	else
		for (size_t c = 0; c < ndims; c++)
			if ((long)cols[c] == key)
				pos = (long)c + 1;
	pos = ((pos + (dir < 0 ? -1 : 1)) % n + n) % n;
	if (pos == 0)
		return ORG_SORT_OVERALL;
	if (pos <= (long)ndims)
		return (long)cols[pos - 1];
	return pos == (long)ndims + 1 ? ORG_SORT_CHANGE : ORG_SORT_NAME;
}

const char *org_sort_label(const struct model *m, long key)
{
	if (key >= 0 && m && (size_t)key < m->ndims)
		return m->dims[key].name;
	return key == ORG_SORT_CHANGE ? "change" : key == ORG_SORT_NAME ? "name" : "overall";
}

double org_mean100(long long sum, size_t n)
{
	long long q;

	if (!n)
		return 0;
	/* Rounded half away from zero in hundredths, as scores are: 1.005
	 * is 1.01, where printf of the quotient would print 1.00. */
	q = (2 * llabs(sum) + (long long)n) / (2 * (long long)n);
	return (double)(sum < 0 ? -q : q) / 100;
}

long long org_x100(double v)
{
	return (long long)llround(v * 100);
}

void org_dimension_means(const struct org_team *t, size_t n, size_t ndims, double *mean,
			 int *count)
{
	for (size_t k = 0; k < ndims; k++) {
		long long sum = 0;

		count[k] = 0;
		for (size_t i = 0; i < n; i++) {
			if (t[i].level[k] < 0)
				continue;
			sum += org_x100(t[i].score[k]);
			count[k]++;
		}
		mean[k] = org_mean100(sum, (size_t)count[k]);
	}
}

double org_overall_mean(const struct org_team *t, size_t n)
{
	long long all = 0;

	for (size_t i = 0; i < n; i++)
		all += org_x100(t[i].overall);
	return org_mean100(all, n);
}

void org_grid_finish(struct org_grid *g, int period)
{
	long long coverage = 0, change = 0;

	if (g->sort >= (long)g->ndims)
		g->sort = ORG_SORT_OVERALL;
	org_sort_teams(g->teams, g->nteams, g->sort);
	org_dimension_means(g->teams, g->nteams, g->ndims, g->mean, g->count);
	g->overall_mean = org_overall_mean(g->teams, g->nteams);
	g->any_older = false;
	g->nchange = 0;
	g->total = g->nteams;
	g->base = 0;
	for (size_t i = 0; i < g->nteams; i++) {
		const struct org_team *t = &g->teams[i];

		if (t->period != period)
			g->any_older = true;
		coverage += org_x100(t->coverage);
		if (t->has_change) {
			change += org_x100(t->change);
			g->nchange++;
		}
	}
	g->coverage_mean = org_mean100(coverage, g->nteams);
	g->change_mean = org_mean100(change, g->nchange);
}

void org_grid_sort(struct org_grid *g, long key)
{
	g->sort = key >= (long)g->ndims ? ORG_SORT_OVERALL : key;
	org_sort_teams(g->teams, g->nteams, g->sort);
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

struct sums_ctx {
	struct org_grid *g;
	const struct model *m;
};

static void on_sum(void *ctx, const char *dim_id, long long n, long long sum)
{
	struct sums_ctx *c = ctx;
	long d = model_find_dimension(c->m, dim_id);

	if (d < 0 || (size_t)d >= c->g->ndims)
		return;
	c->g->count[d] = (int)n;
	c->g->mean[d] = org_mean100(sum, (size_t)n);
}

bool org_grid_load_summary(struct org_grid *g, struct store *st, const struct model *m,
			   int period)
{
	org_grid_clear(g);
	return org_grid_load_sums(g, st, m, period);
}

bool org_grid_load_sums(struct org_grid *g, struct store *st, const struct model *m, int period)
{
	struct org_summary s;
	struct sums_ctx c = { g, m };

	for (size_t k = 0; k < g->ndims; k++) {
		g->mean[k] = 0;
		g->count[k] = 0;
	}
	g->ngroups = 0;
	if (!store_org_summary(st, period, &s) || !store_org_dim_sums(st, period, on_sum, &c))
		return false;
	g->total = s.nteams;
	g->overall_mean = org_mean100(s.overall, s.nteams);
	g->coverage_mean = org_mean100(s.coverage, s.nteams);
	g->nchange = s.nchange;
	g->change_mean = org_mean100(s.change, s.nchange);
	g->any_older = s.nolder > 0;
	return true;
}

/* The order of org_sort_teams by overall score. */
static int cmp_key(const void *a, const void *b)
{
	const struct org_key *x = a, *y = b;
	int c;

	if (x->overall != y->overall)
		return x->overall > y->overall ? -1 : 1;
	c = find_collate(x->name, y->name);
	return c ? c : (x->team_id > y->team_id) - (x->team_id < y->team_id);
}

void org_keys_sort(struct org_key *k, size_t n)
{
	qsort(k, n, sizeof *k, cmp_key);
}

/* The teams whose overall score lies in lo..hi, sorted; *above: how many
 * teams score more than hi. */
static bool keys_sorted(struct store *st, int period, long long lo, long long hi,
			struct org_key **k, size_t *n, size_t *above)
{
	if (!store_org_count_above(st, period, hi, above) ||
	    !store_org_keys(st, period, lo, hi, k, n))
		return false;
	org_keys_sort(*k, *n);
	return true;
}

static void on_window_cell(void *ctx, const struct org_cell *cell)
{
	struct sums_ctx *c = ctx;

	org_grid_add(c->g, c->m, cell);
}

bool org_overall_window(struct org_grid *g, struct store *st, const struct model *m, int period,
			size_t from, size_t n)
{
	struct sums_ctx c = { g, m };
	struct org_key *k = NULL;
	size_t nk = 0, above = 0, last;
	long long hi, lo;
	bool found = false, ok, began;

	drop_teams(g);
	g->base = from;
	if (from >= g->total || !n)
		return true;
	last = from + n < g->total ? from + n - 1 : g->total - 1;
	/* One snapshot: the keys and the cells of the same teams. */
	began = store_read_begin(st);
	ok = began && store_org_overall_at(st, period, from, &found, &hi) &&
	     store_org_overall_at(st, period, last, &found, &lo) &&
	     keys_sorted(st, period, lo, hi, &k, &nk, &above);
	/* The keys from position above on: the window starts from - above in. */
	for (size_t i = from - above; ok && found && i < nk && above + i <= last; i++)
		ok = store_org_team_cells(st, period, k[i].team_id, on_window_cell, &c);
	store_org_keys_free(k, nk);
	if (began && !store_read_end(st))
		ok = false;
	return ok;
}

bool org_grid_load_teams(struct org_grid *g, struct store *st, const struct model *m,
			 int period, size_t base, const int64_t *ids, size_t n)
{
	struct sums_ctx c = { g, m };
	bool ok, began;

	drop_teams(g);
	g->base = base;
	began = store_read_begin(st);
	ok = began;
	for (size_t i = 0; ok && i < n; i++)
		ok = store_org_team_cells(st, period, ids[i], on_window_cell, &c);
	if (began && !store_read_end(st))
		ok = false;
	return ok;
}

bool org_overall_rank(struct store *st, int period, int64_t team_id, bool *found, size_t *pos)
{
	struct org_key *k = NULL;
	size_t nk = 0, above = 0;
	long long ov;
	bool ok;

	*pos = 0;
	if (!store_org_team_overall(st, period, team_id, found, &ov) || !*found)
		return !*found || false;
	ok = keys_sorted(st, period, ov, ov, &k, &nk, &above);
	*found = false;
	for (size_t i = 0; ok && i < nk; i++)
		if (k[i].team_id == team_id) {
			*found = true;
			*pos = above + i;
		}
	store_org_keys_free(k, nk);
	return ok;
}

bool org_overall_keys(struct store *st, int period, struct org_key **out, size_t *n)
{
	if (!store_org_keys(st, period, LLONG_MIN, LLONG_MAX, out, n))
		return false;
	org_keys_sort(*out, *n);
	return true;
}
