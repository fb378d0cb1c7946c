/* Read-only queries for the screens: teams, history, heatmap cells and the
 * roadmap. */
#include "store_int.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

bool store_team_list(struct store *st, struct team_summary **out, size_t *n)
{
	sqlite3_stmt *s = store_stmt(st, S_TEAM_LIST);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return false;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct team_summary *t;

		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		t = &(*out)[(*n)++];
		memset(t, 0, sizeof *t);
		t->id = sqlite3_column_int64(s, 0);
		t->name = store_column_dup(s, 1);
		t->latest_id = sqlite3_column_int64(s, 2);
		t->latest_period = store_column_period(s, 3);
		t->overall = sqlite3_column_double(s, 4);
		t->coverage = sqlite3_column_double(s, 5);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_team_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail_db(st, "cannot list teams");
	}
	return true;
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
		int target = sqlite3_column_type(s, 5) == SQLITE_NULL ? NO_LEVEL : sqlite3_column_int(s, 5);

		fn(ctx, store_column_period(s, 0), (const char *)sqlite3_column_text(s, 1),
		   sqlite3_column_int(s, 2), sqlite3_column_double(s, 3), sqlite3_column_double(s, 4),
		   target);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE || store_fail_db(st, "cannot read scores");
}

bool store_roadmap_list(struct store *st, int64_t team_id, bool open_only,
			struct roadmap_row **out, size_t *n)
{
	sqlite3_stmt *s = store_stmt(st, S_RM_LIST);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, team_id);
	sqlite3_bind_int(s, 2, open_only ? 1 : 0);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct roadmap_row *r;

		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->criterion_id = store_column_dup(s, 0);
		r->dimension_id = store_column_dup(s, 1);
		r->action = store_column_dup(s, 2);
		r->owner = store_column_dup(s, 3);
		rm_status_parse((const char *)sqlite3_column_text(s, 4), &r->status);
		r->due_period = store_column_period(s, 5);
		r->created_period = store_column_period(s, 6);
		r->done_period = store_column_period(s, 7);
		r->ord = sqlite3_column_int(s, 8);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_roadmap_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail_db(st, "cannot read the roadmap");
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
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, team_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[*n] = (struct period_row){ sqlite3_column_int64(s, 0), store_column_period(s, 1),
						  sqlite3_column_double(s, 2), sqlite3_column_double(s, 3) };
		(*n)++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail_db(st, "cannot read the team's assessments");
	}
	return true;
}

bool store_org_cells(struct store *st, int period, store_org_fn fn, void *ctx)
{
	sqlite3_stmt *s = store_stmt(st, S_ORG_CELLS);
	int rc;

	if (!s)
		return false;
	store_bind_period(s, 1, period);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct org_cell c = {
			.team_id = sqlite3_column_int64(s, 0),
			.team = (const char *)sqlite3_column_text(s, 1),
			.assessment_id = sqlite3_column_int64(s, 2),
			.period = store_column_period(s, 3),
			.overall = sqlite3_column_double(s, 4),
			.dim_id = (const char *)sqlite3_column_text(s, 5),
			.score = sqlite3_column_double(s, 6),
			.level = sqlite3_column_int(s, 7),
			.gap = sqlite3_column_double(s, 8),
			.target = sqlite3_column_type(s, 9) == SQLITE_NULL ? NO_LEVEL : sqlite3_column_int(s, 9),
		};

		fn(ctx, &c);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE || store_fail_db(st, "cannot read the organisation");
}

bool store_periods(struct store *st, int **out, size_t *n)
{
	sqlite3_stmt *s = store_stmt(st, S_PERIODS);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return false;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = store_column_period(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail_db(st, "cannot read periods");
	}
	return true;
}
