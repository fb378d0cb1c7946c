/* The organisation view sorted by a dimension: reads of org_dim_rows
 * (schema version 6, kept by the triggers of src/store_org_sql.h) through
 * its index on (period, dimension, score), never every team's cells. */
#include "store_int.h"
#include "store_org.h"
#include "xalloc.h"

#include <stdlib.h>

static const char *const fail = "cannot read the organisation";

void store_org_dkeys_free(struct org_dkey *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(k[i].k.name);
	free(k);
}

/* The statement id with ?1 the period and ?2 the dimension. */
static sqlite3_stmt *bound(struct store *st, enum sid id, int period, const char *dim)
{
	sqlite3_stmt *s = store_stmt(st, id);

	if (s) {
		store_bind_period(s, 1, period);
		sqlite3_bind_text(s, 2, dim, -1, SQLITE_STATIC);
	}
	return s;
}

/* One integer (or *found false for no row). */
static bool one_int(struct store *st, sqlite3_stmt *s, bool *found, long long *v)
{
	int rc = sqlite3_step(s);

	*found = rc == SQLITE_ROW;
	*v = *found ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE || store_fail_db(st, fail);
}

static bool one_pos(struct store *st, sqlite3_stmt *s, bool *found, struct org_dpos *v)
{
	int rc = sqlite3_step(s);

	*found = rc == SQLITE_ROW;
	*v = *found ? (struct org_dpos){ sqlite3_column_double(s, 0), sqlite3_column_int64(s, 1) }
		    : (struct org_dpos){ 0, 0 };
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE || store_fail_db(st, fail);
}

bool store_org_dim_count(struct store *st, int period, const char *dim, size_t *n)
{
	sqlite3_stmt *s = bound(st, S_ORG_DIM_N, period, dim);
	long long v = 0;
	bool found, ok = s && one_int(st, s, &found, &v);

	*n = v > 0 ? (size_t)v : 0;
	return ok;
}

bool store_org_dim_at(struct store *st, int period, const char *dim, size_t pos, bool *found,
		      struct org_dpos *at)
{
	sqlite3_stmt *s = bound(st, S_ORG_DIM_AT, period, dim);

	*found = false;
	*at = (struct org_dpos){ 0, 0 };
	if (!s)
		return false;
	sqlite3_bind_int64(s, 3, (sqlite3_int64)pos);
	return one_pos(st, s, found, at);
}

static void bind_pos(sqlite3_stmt *s, int i, struct org_dpos at)
{
	sqlite3_bind_double(s, i, at.score);
	sqlite3_bind_int64(s, i + 1, at.overall);
}

bool store_org_dim_above(struct store *st, int period, const char *dim, struct org_dpos at,
			 size_t *n)
{
	sqlite3_stmt *s = bound(st, S_ORG_DIM_ABOVE, period, dim);
	long long v = 0;
	bool found, ok;

	*n = 0;
	if (!s)
		return false;
	bind_pos(s, 3, at);
	ok = one_int(st, s, &found, &v);
	*n = v > 0 ? (size_t)v : 0;
	return ok;
}

/* The keys of s's rows: team, name, overall, older and (scored) score. */
static bool read_keys(struct store *st, sqlite3_stmt *s, bool scored, struct org_dkey **out,
		      size_t *n)
{
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 1);

		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = (struct org_dkey){
			{ sqlite3_column_int64(s, 0), xstrdup(name ? name : ""),
			  sqlite3_column_int64(s, 2), sqlite3_column_int(s, 3) != 0 },
			scored, scored ? sqlite3_column_double(s, 4) : 0 };
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_org_dkeys_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail_db(st, fail);
	}
	return true;
}

bool store_org_dim_keys(struct store *st, int period, const char *dim, struct org_dpos lo,
			struct org_dpos hi, struct org_dkey **out, size_t *n)
{
	sqlite3_stmt *s = bound(st, S_ORG_DIM_TIES, period, dim);

	*out = NULL;
	*n = 0;
	if (!s)
		return false;
	bind_pos(s, 3, lo);
	bind_pos(s, 5, hi);
	return read_keys(st, s, true, out, n);
}

bool store_org_unscored_keys(struct store *st, int period, const char *dim, struct org_dkey **out,
			     size_t *n)
{
	sqlite3_stmt *s = bound(st, S_ORG_UNSCORED, period, dim);

	*out = NULL;
	*n = 0;
	return s && read_keys(st, s, false, out, n);
}

bool store_org_dim_team(struct store *st, int period, const char *dim, int64_t team_id,
			bool *found, struct org_dpos *at)
{
	sqlite3_stmt *s = bound(st, S_ORG_DIM_TEAM, period, dim);

	*found = false;
	*at = (struct org_dpos){ 0, 0 };
	if (!s)
		return false;
	sqlite3_bind_int64(s, 3, team_id);
	return one_pos(st, s, found, at);
}

bool store_org_team_key(struct store *st, int period, int64_t team_id, bool *found,
			struct org_key *out)
{
	sqlite3_stmt *s = store_stmt(st, S_ORG_TEAM_KEY);
	struct org_dkey *k = NULL;
	size_t n = 0;

	*found = false;
	*out = (struct org_key){ 0 };
	if (!s)
		return false;
	store_bind_period(s, 1, period);
	sqlite3_bind_int64(s, 2, team_id);
	if (!read_keys(st, s, false, &k, &n))
		return false;
	if (n) {
		*found = true;
		*out = k[0].k;
		k[0].k.name = NULL;
	}
	store_org_dkeys_free(k, n);
	return true;
}
