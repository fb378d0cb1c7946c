/* The organisation view a window at a time, by overall score (org.c) or
 * by a dimension: the teams scored there from the store's index on their
 * score and overall score (the ties of the window's ends sorted here),
 * then those not scored there, as org_sort_teams orders them
 * (src/store_org_dim.c reads); and whether a window held is still right
 * after other dashboards changed some teams. */
#include "org.h"
#include "find.h"
#include "store_org.h"
#include "xalloc.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>

/* The order of org_sort_teams by a dimension, with overall scores in
 * hundredths as the window by overall score compares them. */
static int cmp_dkey(const void *a, const void *b)
{
	const struct org_dkey *x = a, *y = b;
	int c;

	if (x->scored != y->scored)
		return x->scored ? -1 : 1;
	if (x->scored && x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->k.overall != y->k.overall)
		return x->k.overall > y->k.overall ? -1 : 1;
	c = find_collate(x->k.name, y->k.name);
	return c ? c : (x->k.team_id > y->k.team_id) - (x->k.team_id < y->k.team_id);
}

static void dkeys_sort(struct org_dkey *k, size_t n)
{
	qsort(k, n, sizeof *k, cmp_dkey);
}

static bool is_dim(const struct model *m, long key)
{
	return key >= 0 && (size_t)key < m->ndims;
}

/* The dimension id of key, NULL for another key. */
static const char *dim_of(const struct model *m, long key)
{
	return key >= 0 && (size_t)key < m->ndims ? m->dims[key].id : NULL;
}

/* The teams scored from lo to hi, sorted; *above: how many score more. */
static bool scored_sorted(struct store *st, int period, const char *dim, struct org_dpos lo,
			  struct org_dpos hi, struct org_dkey **k, size_t *n, size_t *above)
{
	if (!store_org_dim_above(st, period, dim, hi, above) ||
	    !store_org_dim_keys(st, period, dim, lo, hi, k, n))
		return false;
	dkeys_sort(*k, *n);
	return true;
}

static bool unscored_sorted(struct store *st, int period, const char *dim, struct org_dkey **k,
			    size_t *n)
{
	if (!store_org_unscored_keys(st, period, dim, k, n))
		return false;
	dkeys_sort(*k, *n);
	return true;
}

static void push(int64_t **ids, size_t *n, size_t *cap, int64_t id)
{
	*ids = xgrow(*ids, cap, *n + 1, sizeof **ids);
	(*ids)[(*n)++] = id;
}

bool org_grid_load_window(struct org_grid *g, struct store *st, const struct model *m,
			  int period, size_t from, size_t n)
{
	const char *dim = dim_of(m, g->sort);
	struct org_dkey *k = NULL;
	int64_t *ids = NULL;
	size_t nk = 0, nids = 0, cap = 0, nsc = 0, above = 0, last;
	bool ok, began, found = true, found2 = true;
	struct org_dpos hi, lo;

	if (!is_dim(m, g->sort))
		return org_overall_window(g, st, m, period, from, n);

	if (from >= g->total || !n)
		return org_grid_load_teams(g, st, m, period, from, NULL, 0);
	last = from + n < g->total ? from + n - 1 : g->total - 1;
	/* One snapshot: the keys and the cells of the same teams. */
	began = store_read_begin(st);
	ok = began && store_org_dim_count(st, period, dim, &nsc);
	if (ok && from < nsc) {
		size_t end = last < nsc ? last : nsc - 1;

		ok = store_org_dim_at(st, period, dim, from, &found, &hi) &&
		     store_org_dim_at(st, period, dim, end, &found2, &lo) &&
		     (!found || !found2 || scored_sorted(st, period, dim, lo, hi, &k, &nk, &above));
		for (size_t i = from - (above < from ? above : from);
		     ok && found && found2 && i < nk && above + i <= end; i++)
			push(&ids, &nids, &cap, k[i].k.team_id);
		store_org_dkeys_free(k, nk);
		k = NULL;
		nk = 0;
	}
	if (ok && last >= nsc) {
		ok = unscored_sorted(st, period, dim, &k, &nk);
		for (size_t j = (from > nsc ? from : nsc) - nsc; ok && j < nk && nsc + j <= last; j++)
			push(&ids, &nids, &cap, k[j].k.team_id);
		store_org_dkeys_free(k, nk);
	}
	ok = ok && org_grid_load_teams(g, st, m, period, from, ids, nids);
	free(ids);
	if (began && !store_read_end(st))
		ok = false;
	return ok;
}

bool org_grid_rank(struct store *st, const struct model *m, int period, long key,
		   int64_t team_id, bool *found, size_t *pos)
{
	const char *dim = dim_of(m, key);
	struct org_dkey *k = NULL;
	struct org_key me;
	size_t nk = 0, base = 0;
	struct org_dpos at;
	bool ok;

	if (!is_dim(m, key))
		return org_overall_rank(st, period, team_id, found, pos);
	*pos = 0;
	if (!store_org_dim_team(st, period, dim, team_id, found, &at))
		return false;
	if (*found) {
		ok = scored_sorted(st, period, dim, at, at, &k, &nk, &base);
	} else {
		if (!store_org_team_key(st, period, team_id, found, &me))
			return false;
		free(me.name);
		if (!*found)
			return true;
		ok = store_org_dim_count(st, period, dim, &base) &&
		     unscored_sorted(st, period, dim, &k, &nk);
	}
	*found = false;
	for (size_t i = 0; ok && i < nk; i++)
		if (k[i].k.team_id == team_id) {
			*found = true;
			*pos = base + i;
		}
	store_org_dkeys_free(k, nk);
	return ok;
}

bool org_grid_keys(struct store *st, const struct model *m, int period, long key,
		   struct org_key **out, size_t *n)
{
	const char *dim = dim_of(m, key);
	struct org_dkey *k = NULL, *u = NULL;
	size_t nk = 0, nu = 0;

	if (!is_dim(m, key))
		return org_overall_keys(st, period, out, n);
	*out = NULL;
	*n = 0;
	if (!store_org_dim_keys(st, period, dim, (struct org_dpos){ -HUGE_VAL, LLONG_MIN },
				(struct org_dpos){ HUGE_VAL, LLONG_MAX }, &k, &nk))
		return false;
	if (!store_org_unscored_keys(st, period, dim, &u, &nu)) {
		store_org_dkeys_free(k, nk);
		return false;
	}
	k = xrealloc(k, (nk + nu ? nk + nu : 1) * sizeof *k);
	for (size_t i = 0; i < nu; i++)
		k[nk + i] = u[i];
	free(u);
	nk += nu;
	dkeys_sort(k, nk);
	*out = xcalloc(nk ? nk : 1, sizeof **out);
	for (size_t i = 0; i < nk; i++)
		(*out)[i] = k[i].k;
	free(k);
	*n = nk;
	return true;
}

/* A team held, as a key of the view's order by key. */
static struct org_dkey held_key(const struct org_team *t, const struct model *m, long key)
{
	bool dim = is_dim(m, key);

	return (struct org_dkey){ { t->id, t->name, org_x100(t->overall), false },
				  dim && t->level[key] >= 0, dim ? t->score[key] : 0 };
}

bool org_grid_same_window(const struct org_grid *g, struct store *st, const struct model *m,
			  int period, const int64_t *ids, size_t n, bool *same)
{
	struct org_dkey first, last;
	bool found;
	size_t pos;

	*same = false;
	if (!g->nteams)
		return true;
	for (size_t i = 0; i < n; i++)
		for (size_t t = 0; t < g->nteams; t++)
			if (g->teams[t].id == ids[i])
				return true;
	if (!org_grid_rank(st, m, period, g->sort, g->teams[0].id, &found, &pos))
		return false;
	if (!found || pos != g->base)
		return true;
	first = held_key(&g->teams[0], m, g->sort);
	last = held_key(&g->teams[g->nteams - 1], m, g->sort);
	for (size_t i = 0; i < n; i++) {
		struct org_key k;
		struct org_dpos at = { 0, 0 };
		struct org_dkey p;
		bool scored = false, in;

		if (!store_org_team_key(st, period, ids[i], &found, &k))
			return false;
		if (found && is_dim(m, g->sort) &&
		    !store_org_dim_team(st, period, dim_of(m, g->sort), ids[i], &scored, &at)) {
			free(k.name);
			return false;
		}
		p = (struct org_dkey){ k, scored, at.score };
		in = found && cmp_dkey(&first, &p) <= 0 && cmp_dkey(&p, &last) <= 0;
		free(k.name);
		if (in)
			return true;
	}
	*same = true;
	return true;
}
