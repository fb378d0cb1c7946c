/* The organisation view's reads from the aggregates that triggers keep on
 * every write (org_periods, org_rows, org_dim_sums; schema version 5 in
 * src/store_upgrade.c): the view's means and its count from one row per
 * team's index entries, a window of teams by overall score through an
 * index, never a read of every team's cells. */
#include "store_int.h"
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
	return rc == SQLITE_ROW || store_fail_db(st, "cannot read the organisation");
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
