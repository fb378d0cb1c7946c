/* The organisation view's reads from the aggregates that triggers keep on
 * every write (org_periods, org_rows, org_dim_sums; schema version 5 in
 * src/store_upgrade.c): the view's means and its count from one row per
 * team's index entries, a window of teams by overall score through an
 * index, never a read of every team's cells. */
#include "store_int.h"
#include "store_org_sql.h"
#include "xalloc.h"

#include <stdlib.h>

bool store_org_summary(struct store *st, int period, struct org_summary *out)
{
	sqlite3_stmt *s = store_stmt(st, S_ORG_SUMMARY);
	int rc;

	*out = (struct org_summary){ 0 };
	if (!s)
		return false;
	store_bind_period(s, 1, period);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->nteams = (size_t)sqlite3_column_int64(s, 0);
		out->overall = sqlite3_column_int64(s, 1);
		out->coverage = sqlite3_column_int64(s, 2);
		out->nchange = (size_t)sqlite3_column_int64(s, 3);
		out->change = sqlite3_column_int64(s, 4);
		out->nolder = (size_t)sqlite3_column_int64(s, 5);
	}
	sqlite3_reset(s);
	/* No row: no team at that period yet. */
	return rc == SQLITE_ROW || rc == SQLITE_DONE || store_fail_db(st, "cannot read the organisation");
}

bool store_org_dim_sums(struct store *st, int period, store_org_sum_fn fn, void *ctx)
{
	sqlite3_stmt *s = store_stmt(st, S_ORG_DIM_SUMS);
	int rc;

	if (!s)
		return false;
	store_bind_period(s, 1, period);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *dim = (const char *)sqlite3_column_text(s, 0);

		if (dim)
			fn(ctx, dim, sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2));
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE || store_fail_db(st, "cannot read the organisation");
}

bool store_org_overall_at(struct store *st, int period, size_t pos, bool *found, long long *ov)
{
	sqlite3_stmt *s = store_stmt(st, S_ORG_OV_AT);
	int rc;

	*found = false;
	*ov = 0;
	if (!s)
		return false;
	store_bind_period(s, 1, period);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)pos);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*found = true;
		*ov = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE || store_fail_db(st, "cannot read the organisation");
}

bool store_org_count_above(struct store *st, int period, long long ov, size_t *n)
{
	sqlite3_stmt *s = store_stmt(st, S_ORG_ABOVE);
	int rc;

	*n = 0;
	if (!s)
		return false;
	store_bind_period(s, 1, period);
	sqlite3_bind_int64(s, 2, ov);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || store_fail_db(st, "cannot read the organisation");
}

void store_org_keys_free(struct org_key *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(k[i].name);
	free(k);
}

bool store_org_keys(struct store *st, int period, long long lo, long long hi, struct org_key **out,
		    size_t *n)
{
	sqlite3_stmt *s = store_stmt(st, S_ORG_TIES);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return false;
	store_bind_period(s, 1, period);
	sqlite3_bind_int64(s, 2, lo);
	sqlite3_bind_int64(s, 3, hi);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 1);

		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = (struct org_key){ sqlite3_column_int64(s, 0), xstrdup(name ? name : ""),
						   sqlite3_column_int64(s, 2),
						   sqlite3_column_int(s, 3) != 0 };
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_org_keys_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail_db(st, "cannot read the organisation");
	}
	return true;
}

bool store_org_team_overall(struct store *st, int period, int64_t team_id, bool *found,
			    long long *ov)
{
	sqlite3_stmt *s = store_stmt(st, S_ORG_TEAM_OV);
	int rc;

	*found = false;
	*ov = 0;
	if (!s)
		return false;
	store_bind_period(s, 1, period);
	sqlite3_bind_int64(s, 2, team_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*found = true;
		*ov = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE || store_fail_db(st, "cannot read the organisation");
}

/* Runs sql with ?1 bound to text (or an integer id) and ?2 to n. */
static bool run(struct store *st, const char *sql, const char *text, int64_t id, int64_t n)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_fail_db(st, "cannot bring the organisation up to date");
	if (text)
		sqlite3_bind_text(s, 1, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(s, 1, id);
	if (sqlite3_bind_parameter_count(s) > 1)
		sqlite3_bind_int64(s, 2, n);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || store_fail_db(st, "cannot bring the organisation up to date");
}

static void org_forget(struct store *st)
{
	free(st->org_teams);
	st->org_teams = NULL;
	st->org_nteams = st->org_cap = 0;
	st->org_paused = false;
	st->before_commit = NULL;
	st->after_rollback = NULL;
}

/* org_periods as the assessments now stand: periods gone dropped, counts
 * made again, a new period started as a copy of the one before it (as
 * ORG_PERIOD_ADD does), oldest first. */
#define GONE "(SELECT period FROM org_periods WHERE period NOT IN (SELECT period FROM " \
	"temp.org_bulk_periods))"
static bool resume_periods(struct store *st)
{
	static const char *const fresh =
		"CREATE TEMP TABLE IF NOT EXISTS org_bulk_periods(period TEXT PRIMARY KEY, "
		"n INTEGER NOT NULL) WITHOUT ROWID;"
		"DELETE FROM temp.org_bulk_periods;"
		"INSERT INTO temp.org_bulk_periods WITH RECURSIVE p(x) AS (SELECT min(period) FROM "
		"assessments UNION ALL SELECT (SELECT min(period) FROM assessments WHERE period > x) "
		"FROM p WHERE x IS NOT NULL) SELECT x, (SELECT count(*) FROM assessments "
		"WHERE period = x) FROM p WHERE x IS NOT NULL;"
		/* The periods gone, each read through the tables' indexes by
		 * period (not a scan of every row at each commit). */
		"DELETE FROM org_rows WHERE period IN " GONE ";"
		"DELETE FROM org_dim_sums WHERE period IN " GONE ";"
		"DELETE FROM org_dim_rows WHERE period IN " GONE ";"
		"DELETE FROM org_sums WHERE period IN " GONE ";"
		"DELETE FROM org_periods WHERE period NOT IN (SELECT period FROM temp.org_bulk_periods);"
		"UPDATE org_periods SET nassess = (SELECT n FROM temp.org_bulk_periods b "
		"WHERE b.period = org_periods.period);";
	sqlite3_stmt *s;
	char **add = NULL;
	int64_t *count = NULL;
	size_t n = 0, cap = 0, cap2 = 0;
	bool ok;
	int rc;

	if (!store_exec(st, fresh, "cannot bring the organisation up to date"))
		return false;
	if (sqlite3_prepare_v2(st->db, "SELECT period, n FROM temp.org_bulk_periods WHERE period "
			       "NOT IN (SELECT period FROM org_periods) ORDER BY period", -1, &s,
			       NULL) != SQLITE_OK)
		return store_fail_db(st, "cannot bring the organisation up to date");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(s, 0);

		add = xgrow(add, &cap, n + 1, sizeof *add);
		count = xgrow(count, &cap2, n + 1, sizeof *count);
		add[n] = xstrdup(p ? p : "");
		count[n++] = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	ok = rc == SQLITE_DONE || store_fail_db(st, "cannot bring the organisation up to date");
	for (size_t i = 0; ok && i < n; i++)
		ok = run(st, "INSERT INTO org_periods(period, nassess) VALUES (?1, ?2)", add[i], 0,
			 count[i]) &&
		     run(st, "INSERT INTO org_rows SELECT ?1, team_id, assessment_id, shown, ov100, "
			 "cov100, prev_id, pov100, nd FROM org_rows WHERE period = (SELECT max(period) "
			 "FROM org_periods WHERE period < ?1)", add[i], 0, 0) &&
		     run(st, "INSERT INTO org_dim_sums SELECT ?1, dimension_id, n, s FROM org_dim_sums "
			 "WHERE period = (SELECT max(period) FROM org_periods WHERE period < ?1)",
			 add[i], 0, 0) &&
		     run(st, "INSERT INTO org_dim_rows SELECT team_id, ?1, dimension_id, score, ov100 FROM "
			 "org_dim_rows WHERE period = (SELECT max(period) FROM org_periods WHERE "
			 "period < ?1)", add[i], 0, 0);
	for (size_t i = 0; i < n; i++)
		free(add[i]);
	free(add);
	free(count);
	return ok;
}

/* Before the commit of bulk writes: the periods, then each team written,
 * made again, and the triggers back, all in the writes' transaction. */
static bool org_resume(struct store *st)
{
	static const char *const team_sql[] = {
		ORG_TEAM_SQL_SUB, ORG_TEAM_SQL_DROWS_DEL, ORG_TEAM_SQL_DEL, ORG_TEAM_SQL_ROWS,
		ORG_TEAM_SQL_ADD, ORG_TEAM_SQL_DROWS_ADD,
	};
	bool ok = resume_periods(st);

	for (size_t i = 0; ok && i < st->org_nteams; i++)
		for (size_t k = 0; ok && k < sizeof team_sql / sizeof *team_sql; k++)
			ok = run(st, team_sql[k], NULL, st->org_teams[i], 0);
	ok = ok && store_exec(st, ORG_TRIGGERS, "cannot bring the organisation up to date");
	org_forget(st);
	return ok;
}

/* A team about to be written: its rows and their sums taken out while its
 * dimension rows are still those they were summed from; the commit makes
 * them again (store_org_resume). */
bool store_org_pause(struct store *st, int64_t team_id)
{
	if (!st->org_paused) {
		if (!store_exec(st, ORG_DROP_TRIGGERS, "cannot write in bulk"))
			return false;
		st->org_paused = true;
		st->before_commit = org_resume;
		st->after_rollback = org_forget;
	}
	if (!team_id || (st->org_nteams && st->org_teams[st->org_nteams - 1] == team_id))
		return true;
	st->org_teams = xgrow(st->org_teams, &st->org_cap, st->org_nteams + 1, sizeof *st->org_teams);
	st->org_teams[st->org_nteams++] = team_id;
	return run(st, ORG_TEAM_SQL_SUB, NULL, team_id, 0) &&
	       run(st, ORG_TEAM_SQL_DROWS_DEL, NULL, team_id, 0) &&
	       run(st, ORG_TEAM_SQL_DEL, NULL, team_id, 0);
}
