/* Read-only queries for the screens: teams, history, heatmap cells and the
 * roadmap. */
#include "arena.h"
#include "store_int.h"
#include "xalloc.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

/* A dimension row's columns: its id, stored level, score, gap and target. */
struct cell_cols {
	int dim, level, score, gap, target;
};

/* A dimension row, checked against the model of its assessment (its ref
 * in mcol): the error names the assessment as summary_ok does. */
static bool cell_ok(struct store *st, sqlite3_stmt *s, int idcol, const char *team, int pcol,
		    const struct cell_cols *c, int mcol, int *level, int *target)
{
	const struct model *m;
	const char *dim;
	char why[STORE_WHY];
	double x;

	if (store_model_get(st, sqlite3_column_int64(s, mcol), &m) <= 0)
		return false;
	if (store_column_text(s, c->dim, "the dimension id", false, &dim, why) &&
	    store_column_level(s, c->level, m, "level", false, level, why) &&
	    store_column_real(s, c->score, m->lowest, m->highest, "score", &x, why) &&
	    store_column_real(s, c->gap, 0, m->highest - m->lowest, "gap", &x, why) &&
	    store_column_level(s, c->target, m, "target", true, target, why))
		return true;
	return store_bad_value(st, sqlite3_column_int64(s, idcol), team,
			       (const char *)sqlite3_column_text(s, pcol), why);
}

/* A row of S_TEAM_LIST or S_TEAM_ONE into t; false (with the message)
 * for a value that is not one. */
static bool team_row(struct store *st, sqlite3_stmt *s, struct team_summary *t)
{
	const char *name;
	char why[STORE_WHY];

	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(s, 0);
	if (!store_column_text(s, 1, "its name", false, &name, why))
		return store_fail(st, "team %lld: %s", (long long)t->id, why);
	t->latest_id = sqlite3_column_int64(s, 2);
	t->latest_period = NO_PERIOD;
	t->archived = sqlite3_column_int(s, 8) != 0;
	if (t->latest_id) {
		if (!store_summary_ok(st, s, 2, name, 3, 4, 5, 6, &t->latest_period))
			return false;
		for (int i = 9; i < 9 + STORE_TREND - 1; i++) {
			if (sqlite3_column_type(s, i) == SQLITE_NULL)
				continue;
			if (!store_column_real(s, i, -DBL_MAX, DBL_MAX, "an earlier overall score",
					       &t->trend[t->ntrend], why))
				return store_bad_value(st, t->latest_id, name,
						       (const char *)sqlite3_column_text(s, 3), why);
			t->ntrend++;
		}
		t->overall = sqlite3_column_double(s, 4);
		t->coverage = sqlite3_column_double(s, 5);
		t->trend[t->ntrend++] = t->overall;
		t->signed_off = sqlite3_column_type(s, 7) != SQLITE_NULL;
	}
	t->name = store_column_dup(s, 1);
	t->loaded = true;
	return true;
}

/* A row of S_TEAM_NAMES: the team's id, name (into the arena) and archived
 * flag only. */
static bool name_row(struct store *st, sqlite3_stmt *s, struct team_summary *t,
		     struct arena **names)
{
	const char *name;
	char why[STORE_WHY];

	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(s, 0);
	if (!store_column_text(s, 1, "its name", false, &name, why))
		return store_fail(st, "team %lld: %s", (long long)t->id, why);
	t->name = arena_strndup(names, name, (size_t)sqlite3_column_bytes(s, 1));
	t->latest_period = NO_PERIOD;
	t->archived = sqlite3_column_int(s, 2) != 0;
	return true;
}

static bool list_row(struct store *st, sqlite3_stmt *s, struct team_summary *t,
		     struct arena **names)
{
	(void)names;
	return team_row(st, s, t);
}

/* Every row of statement id, each read by row; names: where the rows'
 * names go, or NULL for one allocation each. */
static bool list_teams(struct store *st, enum sid id,
		       bool (*row)(struct store *, sqlite3_stmt *, struct team_summary *,
				   struct arena **),
		       struct arena **names, struct team_summary **out, size_t *n)
{
	sqlite3_stmt *s = store_stmt(st, id);
	size_t cap = 0;
	bool bad = false;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return false;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		if (!row(st, s, &(*out)[*n], names)) {
			bad = true;
			break;
		}
		(*n)++;
	}
	sqlite3_reset(s);
	if (bad || rc != SQLITE_DONE) {
		if (names) {
			free(*out);
			arena_free(*names);
			*names = NULL;
		} else {
			store_team_list_free(*out, *n);
		}
		*out = NULL;
		*n = 0;
		return bad ? false : store_fail_db(st, "cannot list teams");
	}
	return true;
}

bool store_team_names(struct store *st, struct team_summary **out, size_t *n,
		      struct arena **names)
{
	*names = NULL;
	return list_teams(st, S_TEAM_NAMES, name_row, names, out, n);
}

bool store_team_list(struct store *st, struct team_summary **out, size_t *n)
{
	return list_teams(st, S_TEAM_LIST, list_row, NULL, out, n);
}

int store_team_one(struct store *st, int64_t id, struct team_summary *out)
{
	sqlite3_stmt *s = store_stmt(st, S_TEAM_ONE);
	int rc, r;

	memset(out, 0, sizeof *out);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		r = team_row(st, s, out) ? 1 : -1;
	else
		r = rc == SQLITE_DONE ? 0 : (store_fail_db(st, "cannot read a team"), -1);
	sqlite3_reset(s);
	return r;
}

void store_team_list_free(struct team_summary *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].name);
	free(t);
}

int store_team_find(struct store *st, const char *name, int64_t *id)
{
	sqlite3_stmt *s = store_stmt(st, S_TEAM_FIND);
	int rc;

	*id = 0;
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
	rc = store_lookup_id(st, s, "cannot find the team", id);
	if (rc == 0)
		store_fail(st, "no team is named '%s'", name);
	return rc;
}

int store_team_name(struct store *st, int64_t team_id, char **name)
{
	sqlite3_stmt *s = store_stmt(st, S_TEAM_NAME);
	int rc;

	*name = NULL;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, team_id);
	rc = store_step_row(st, s, "cannot read the team's name");
	if (rc == 0)
		store_fail(st, "team %lld does not exist", (long long)team_id);
	if (rc <= 0)
		return rc;
	if (sqlite3_column_type(s, 0) == SQLITE_NULL) {
		sqlite3_reset(s);
		store_fail(st, "team %lld: its name is missing (NULL)", (long long)team_id);
		return -1;
	}
	*name = store_column_dup(s, 0);
	sqlite3_reset(s);
	return 1;
}

bool store_team_cells(struct store *st, int64_t team_id, int from_period, int to_period,
		      store_cell_fn fn, void *ctx)
{
	sqlite3_stmt *s = store_stmt(st, S_TEAM_CELLS);
	int rc;

	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, team_id);
	store_bind_period(s, 2, from_period);
	store_bind_period(s, 3, to_period);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		static const struct cell_cols cols = { 1, 2, 3, 4, 5 };
		int period, level, target;
		char why[STORE_WHY];

		if (!store_column_period_ok(s, 0, "period", false, &period, why)) {
			store_bad_value(st, sqlite3_column_int64(s, 6), NULL, NULL, why);
			sqlite3_reset(s);
			return false;
		}
		if (!cell_ok(st, s, 6, NULL, 0, &cols, 7, &level, &target)) {
			sqlite3_reset(s);
			return false;
		}
		fn(ctx, period, (const char *)sqlite3_column_text(s, 1), level,
		   sqlite3_column_double(s, 3), sqlite3_column_double(s, 4), target);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE || store_fail_db(st, "cannot read scores");
}

bool store_roadmap_list(struct store *st, int64_t team_id, bool open_only,
			struct roadmap_row **out, size_t *n)
{
	sqlite3_stmt *s = store_stmt(st, S_RM_LIST);
	size_t cap = 0;
	bool bad = false;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, team_id);
	sqlite3_bind_int(s, 2, open_only ? 1 : 0);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		static const struct store_rm_columns cols = { -1, 0, 1, 4, 5, 6, 7 };
		struct store_rm_values v;
		struct roadmap_row *r;

		if (!store_roadmap_row_ok(st, s, &cols, &v)) {
			bad = true;
			break;
		}
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->criterion_id = store_column_dup(s, 0);
		r->dimension_id = store_column_dup(s, 1);
		r->action = store_column_dup(s, 2);
		r->owner = store_column_dup(s, 3);
		r->status = v.status;
		r->due_period = v.due;
		r->created_period = v.created;
		r->done_period = v.done;
		r->ord = sqlite3_column_int(s, 8);
	}
	sqlite3_reset(s);
	if (bad || rc != SQLITE_DONE) {
		store_roadmap_free(*out, *n);
		*out = NULL;
		*n = 0;
		return bad ? false : store_fail_db(st, "cannot read the roadmap");
	}
	return true;
}

void store_roadmap_free(struct roadmap_row *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].criterion_id);
		free(r[i].dimension_id);
		free(r[i].action);
		free(r[i].owner);
	}
	free(r);
}

bool store_team_assessments(struct store *st, int64_t team_id, struct period_row **out,
			    size_t *n)
{
	sqlite3_stmt *s = store_stmt(st, S_TEAM_ASSESSMENTS);
	size_t cap = 0;
	bool bad = false;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, team_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int p;

		if (!store_summary_ok(st, s, 0, NULL, 1, 2, 3, 4, &p)) {
			bad = true;
			break;
		}
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[*n] = (struct period_row){ sqlite3_column_int64(s, 0), p,
						  sqlite3_column_double(s, 2), sqlite3_column_double(s, 3),
						  sqlite3_column_type(s, 5) != SQLITE_NULL };
		(*n)++;
	}
	sqlite3_reset(s);
	if (bad || rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return bad ? false : store_fail_db(st, "cannot read the team's assessments");
	}
	return true;
}

/* The rows of S_ORG_CELLS or S_ORG_TEAM (the same columns), bound. */
static bool org_read(struct store *st, sqlite3_stmt *s, store_org_fn fn, void *ctx)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		static const struct cell_cols cols = { 5, 7, 6, 8, 9 };
		struct org_cell c = {
			.team_id = sqlite3_column_int64(s, 0),
			.team = (const char *)sqlite3_column_text(s, 1),
			.assessment_id = sqlite3_column_int64(s, 2),
			.overall = sqlite3_column_double(s, 4),
			.dim_id = (const char *)sqlite3_column_text(s, 5),
			.score = sqlite3_column_double(s, 6),
			.gap = sqlite3_column_double(s, 8),
		};
		int prev;

		if (!c.team) {
			store_fail(st, "team %lld: its name is missing (NULL)", (long long)c.team_id);
			sqlite3_reset(s);
			return false;
		}
		if (!store_summary_ok(st, s, 2, c.team, 3, 4, 11, 10, &c.period) ||
		    !cell_ok(st, s, 2, c.team, 3, &cols, 10, &c.level, &c.target)) {
			sqlite3_reset(s);
			return false;
		}
		c.coverage = sqlite3_column_double(s, 11);
		c.has_prev = sqlite3_column_type(s, 12) != SQLITE_NULL;
		if (c.has_prev && !store_summary_ok(st, s, 12, c.team, 13, 14, -1, 15, &prev)) {
			sqlite3_reset(s);
			return false;
		}
		c.prev_overall = c.has_prev ? sqlite3_column_double(s, 14) : 0;
		fn(ctx, &c);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE || store_fail_db(st, "cannot read the organisation");
}

bool store_org_cells(struct store *st, int period, store_org_fn fn, void *ctx)
{
	sqlite3_stmt *s = store_stmt(st, S_ORG_CELLS);

	if (!s)
		return false;
	store_bind_period(s, 1, period);
	return org_read(st, s, fn, ctx);
}

bool store_org_team_cells(struct store *st, int period, int64_t team_id, store_org_fn fn,
			  void *ctx)
{
	sqlite3_stmt *s = store_stmt(st, S_ORG_TEAM);

	if (!s)
		return false;
	store_bind_period(s, 1, period);
	sqlite3_bind_int64(s, 2, team_id);
	return org_read(st, s, fn, ctx);
}

bool store_periods(struct store *st, int **out, size_t *n)
{
	sqlite3_stmt *s = store_stmt(st, S_PERIODS);
	size_t cap = 0;
	bool bad = false;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return false;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char why[STORE_WHY];
		int p;

		if (!store_column_period_ok(s, 0, "an assessment's period", false, &p, why)) {
			bad = !store_fail(st, "%s", why);
			break;
		}
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = p;
	}
	sqlite3_reset(s);
	if (bad || rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return bad ? false : store_fail_db(st, "cannot read periods");
	}
	return true;
}
