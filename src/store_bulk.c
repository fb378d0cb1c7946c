/* Bulk writes for generated history: the store's statements, run inside
 * the caller's transaction. */
#include "store_bulk.h"
#include "store_int.h"

/* A bulk write outside a transaction would commit row by row: slow, and a
 * failure half-way would leave half the data. */
static bool in_change(struct store *st)
{
	return (st->tx_depth > 0 && !st->tx_read) ||
	       store_fail(st, "bulk writes need a transaction (store_begin)");
}

bool store_bulk_team_remove(struct store *st, const char *name)
{
	static const enum sid steps[] = { S_TEAM_DELETE_ASSESS, S_TEAM_DELETE_RM, S_TEAM_DELETE };

	sqlite3_stmt *find;
	int64_t id = 0;

	if (!in_change(st) || !(find = store_stmt(st, S_TEAM_FIND)))
		return false;
	sqlite3_bind_text(find, 1, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(find) == SQLITE_ROW)
		id = sqlite3_column_int64(find, 0);
	sqlite3_reset(find);
	if (!store_org_pause(st, id))
		return false;
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		sqlite3_stmt *s = store_stmt(st, steps[i]);

		if (!s)
			return false;
		sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
		if (!store_step_done(st, s, "cannot remove the team"))
			return false;
	}
	return true;
}

int64_t store_bulk_team(struct store *st, const char *name, const char *created_at)
{
	sqlite3_stmt *s;
	int64_t id;

	if (!in_change(st) || !store_org_pause(st, 0) || !(s = store_stmt(st, S_TEAM_INSERT)))
		return 0;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, created_at, -1, SQLITE_TRANSIENT);
	if (!store_step_done(st, s, "cannot create the team"))
		return 0;
	id = sqlite3_last_insert_rowid(st->db);
	return store_org_pause(st, id) ? id : 0;
}

int64_t store_bulk_assessment(struct store *st, const struct store_bulk_assessment *b)
{
	sqlite3_stmt *s;

	if (!in_change(st) || !store_org_pause(st, b->team_id) ||
	    !(s = store_stmt(st, S_ASSESS_INSERT)))
		return 0;
	sqlite3_bind_int64(s, 1, b->team_id);
	store_bind_period(s, 2, b->period);
	sqlite3_bind_int64(s, 3, b->model_ref);
	sqlite3_bind_text(s, 4, b->facilitator, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, b->created_at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, b->updated_at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(s, 7, b->overall);
	sqlite3_bind_double(s, 8, b->coverage);
	if (!store_step_done(st, s, "cannot create the assessment"))
		return 0;
	return sqlite3_last_insert_rowid(st->db);
}

/* Row b as parameters at..at+5 of s: every one bound, NULL where unset. */
static void bind_crit(sqlite3_stmt *s, int at, int64_t assessment_id,
		      const struct store_bulk_crit *b)
{
	sqlite3_bind_int64(s, at, assessment_id);
	sqlite3_bind_text(s, at + 1, b->criterion_id, -1, SQLITE_STATIC);
	if (b->answer != ANS_UNKNOWN) {
		sqlite3_bind_int(s, at + 2, (int)b->answer);
		sqlite3_bind_text(s, at + 3, b->origin == ORIGIN_CARRIED ? "carried" : "answered",
				  -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_null(s, at + 2);
		sqlite3_bind_null(s, at + 3);
	}
	store_bind_text_or_null(s, at + 4, b->comment);
	store_bind_text_or_null(s, at + 5, b->evidence);
}

bool store_bulk_criterion(struct store *st, int64_t assessment_id, const struct store_bulk_crit *b)
{
	sqlite3_stmt *s;

	if (!in_change(st) || !(s = store_stmt(st, S_BULK_CRITERION)))
		return false;
	bind_crit(s, 1, assessment_id, b);
	return store_step_done(st, s, "cannot save the answer");
}

bool store_bulk_criteria(struct store *st, int64_t assessment_id, const struct store_bulk_crit *b,
			 size_t n)
{
	for (; n >= STORE_BULK_ROWS; b += STORE_BULK_ROWS, n -= STORE_BULK_ROWS) {
		sqlite3_stmt *s;

		if (!in_change(st) || !(s = store_stmt(st, S_BULK_CRITERIA)))
			return false;
		for (int k = 0; k < STORE_BULK_ROWS; k++)
			bind_crit(s, 1 + 6 * k, assessment_id, &b[k]);
		if (!store_step_done(st, s, "cannot save the answers"))
			return false;
	}
	for (size_t k = 0; k < n; k++)
		if (!store_bulk_criterion(st, assessment_id, &b[k]))
			return false;
	return true;
}

bool store_bulk_sign(struct store *st, int64_t assessment_id, const char *by, const char *at)
{
	sqlite3_stmt *s;

	if (!in_change(st) || !(s = store_stmt(st, S_ASSESS_SIGN)))
		return false;
	sqlite3_bind_text(s, 1, by, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, assessment_id);
	return store_step_done(st, s, "cannot sign the assessment off");
}

bool store_bulk_dim(struct store *st, int64_t assessment_id, const struct store_bulk_dim *b,
		    const struct dim_score *sc)
{
	sqlite3_stmt *s;
	int64_t team = 0;

	if (!in_change(st) || !(s = store_stmt(st, S_ORG_ASSESS_TEAM)))
		return false;
	sqlite3_bind_int64(s, 1, assessment_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		team = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return store_org_pause(st, team) &&
	       store_put_dim(st, assessment_id, b->dimension_id, b->target, b->override_level,
			     b->override_reason, b->notes, sc, b->updated_at);
}

bool store_bulk_audit(struct store *st, const char *at, int64_t assessment_id,
		      const char *action, const char *detail)
{
	return in_change(st) && store_audit_at(st, at, assessment_id, action, detail);
}

bool store_bulk_roadmap(struct store *st, int64_t team_id, const struct model *m, size_t crit,
			const struct rm_item *it, const char *owner, int due_period)
{
	const struct criterion *c = &m->crits[crit];
	sqlite3_stmt *s;

	if (!in_change(st) || !(s = store_stmt(st, S_RM_PUT)))
		return false;
	sqlite3_bind_int64(s, 1, team_id);
	sqlite3_bind_text(s, 2, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, m->dims[c->dim].id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, (int64_t)crit);
	store_bind_text_or_null(s, 5, c->action);
	sqlite3_bind_text(s, 6, rm_status_name(it->status), -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 7, owner);
	store_bind_period(s, 8, due_period);
	store_bind_period(s, 9, it->created_period);
	store_bind_period(s, 10, it->done_period);
	store_bind_text_or_null(s, 11, it->status == RM_DONE && it->before_done < RM_NSTATUS
				       && it->before_done != RM_DONE ? rm_status_name(it->before_done) : NULL);
	return store_step_done(st, s, "cannot save the roadmap");
}
