/* The audit log: appending rows as links of the hash chain
 * (src/audit_chain.h), chaining the rows of an old database, and checking
 * the chain. Each new row's PREV is read inside the caller's write
 * transaction (BEGIN IMMEDIATE), so two processes cannot fork the chain. */
#include "store_int.h"
#include "audit_chain.h"
#include "osutil.h"
#include "xalloc.h"

#include <stdio.h>
#include <string.h>

/* The hash of the last row, the genesis value for an empty log. */
static bool last_hash(struct store *st, char out[AUDIT_CHAIN_HEX])
{
	sqlite3_stmt *s = store_stmt(st, S_AUDIT_LAST);
	const char *h;

	memcpy(out, audit_chain_genesis, AUDIT_CHAIN_HEX);
	switch (store_step_row(st, s, "cannot read the audit log")) {
	case 0:
		return true;
	case 1:
		h = (const char *)sqlite3_column_text(s, 0);
		snprintf(out, AUDIT_CHAIN_HEX, "%s", h ? h : "");
		sqlite3_reset(s);
		return true;
	default:
		return false;
	}
}

bool store_audit_mark(struct store *st, char out[65])
{
	return last_hash(st, out);
}

int64_t store_audit_last(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, S_AUDIT_LAST_ID);
	int64_t id;

	switch (store_step_row(st, s, "cannot read the audit log")) {
	case 0:
		return 0;
	case 1:
		id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return id;
	default:
		return -1;
	}
}

static void add_team(struct store_changes *c, int64_t team)
{
	for (size_t i = 0; i < c->nteams; i++)
		if (c->teams[i] == team)
			return;
	if (c->nteams == STORE_CHANGES_MAX)
		c->all = true;
	else
		c->teams[c->nteams++] = team;
}

bool store_changes_team(const struct store_changes *c, int64_t team)
{
	for (size_t i = 0; i < c->nteams; i++)
		if (c->teams[i] == team)
			return true;
	return c->all;
}

bool store_changes_since(struct store *st, int64_t after, struct store_changes *out)
{
	sqlite3_stmt *s = store_stmt(st, S_AUDIT_SINCE);
	int rc;

	memset(out, 0, sizeof *out);
	out->last = after;
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, after);
	/* Rows are read by id from after on (the rowid's own order), each
	 * with its assessment's team; a row of no assessment, or of one gone
	 * since, is the organisation's. */
	while (!out->all && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->last = sqlite3_column_int64(s, 0);
		if (sqlite3_column_type(s, 1) == SQLITE_NULL)
			out->all = true;
		else
			add_team(out, sqlite3_column_int64(s, 1));
	}
	sqlite3_reset(s);
	if (!out->all && rc != SQLITE_DONE)
		return store_fail_db(st, "cannot read the audit log");
	return true;
}

bool store_audit_at(struct store *st, const char *at, int64_t assessment_id, const char *action,
		    const char *detail)
{
	char prev[AUDIT_CHAIN_HEX], hash[AUDIT_CHAIN_HEX];
	const char *user = os_user();
	sqlite3_stmt *s;

	/* Outside a write transaction another process could append between
	 * the read of PREV and the insert. */
	if (st->tx_depth == 0 || st->tx_read)
		return store_fail(st, "the audit log is written only inside a change");
	if (!detail)
		detail = "";
	if (!last_hash(st, prev))
		return false;
	audit_chain_link(prev, at, user, assessment_id, action, detail, hash);
	if (!(s = store_stmt(st, S_AUDIT)))
		return false;
	sqlite3_bind_text(s, 1, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, user, -1, SQLITE_TRANSIENT);
	if (assessment_id > 0)
		sqlite3_bind_int64(s, 3, assessment_id);
	sqlite3_bind_text(s, 4, action, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, detail, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, hash, -1, SQLITE_TRANSIENT);
	return store_step_done(st, s, "cannot write the audit log");
}

bool store_audit(struct store *st, int64_t assessment_id, const char *action, const char *detail)
{
	char now[21];

	time_iso_now(now);
	return store_audit_at(st, now, assessment_id, action, detail);
}

#define ROW_COLUMNS "id, at, os_user, assessment_id, action, detail, hash"

/* Row r's link after prev. */
static void row_link(sqlite3_stmt *r, const char *prev, char out[AUDIT_CHAIN_HEX])
{
	audit_chain_link(prev, (const char *)sqlite3_column_text(r, 1),
			 (const char *)sqlite3_column_text(r, 2), sqlite3_column_int64(r, 3),
			 (const char *)sqlite3_column_text(r, 4),
			 (const char *)sqlite3_column_text(r, 5), out);
}

bool store_audit_chain_old(struct store *st)
{
	char prev[AUDIT_CHAIN_HEX];
	sqlite3_stmt *next = NULL, *set = NULL;
	int64_t id = -1;
	bool ok = false;
	int rc;

	memcpy(prev, audit_chain_genesis, AUDIT_CHAIN_HEX);
	/* One row at a time by id rather than updating the table under an
	 * open scan of it. */
	if (sqlite3_prepare_v2(st->db, "SELECT " ROW_COLUMNS " FROM audit WHERE id > ? "
			       "ORDER BY id LIMIT 1", -1, &next, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st->db, "UPDATE audit SET hash = ? WHERE id = ?", -1, &set,
			       NULL) != SQLITE_OK) {
		store_fail_db(st, "cannot chain the audit log");
		goto out;
	}
	for (;;) {
		sqlite3_bind_int64(next, 1, id);
		rc = sqlite3_step(next);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			store_fail_db(st, "cannot chain the audit log");
			goto out;
		}
		id = sqlite3_column_int64(next, 0);
		row_link(next, prev, prev);
		sqlite3_reset(next);
		sqlite3_bind_text(set, 1, prev, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(set, 2, id);
		rc = sqlite3_step(set);
		sqlite3_reset(set);
		if (rc != SQLITE_DONE) {
			store_fail_db(st, "cannot chain the audit log");
			goto out;
		}
	}
	ok = true;
out:
	sqlite3_finalize(next);
	sqlite3_finalize(set);
	return ok;
}

int store_audit_verify(struct store *st, int64_t *rows, char last[AUDIT_CHAIN_HEX])
{
	char prev[AUDIT_CHAIN_HEX], want[AUDIT_CHAIN_HEX];
	sqlite3_stmt *s;
	int rc, result = 1;

	*rows = 0;
	memcpy(prev, audit_chain_genesis, AUDIT_CHAIN_HEX);
	if (!store_read_begin(st))
		return -1;
	if (sqlite3_prepare_v2(st->db, "SELECT " ROW_COLUMNS " FROM audit ORDER BY id", -1, &s,
			       NULL) != SQLITE_OK) {
		store_fail_db(st, "cannot read the audit log");
		store_read_end(st);
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *have = (const char *)sqlite3_column_text(s, 6);

		row_link(s, prev, want);
		++*rows;
		if (!have || strcmp(have, want) != 0) {
			const char *at = (const char *)sqlite3_column_text(s, 1);

			store_fail(st, "audit row %lld (at %s): hash does not match the rows before "
				   "it (this row was changed, or a row before it was deleted or "
				   "inserted)", (long long)*rows, at ? at : "");
			result = 0;
			break;
		}
		memcpy(prev, want, AUDIT_CHAIN_HEX);
	}
	if (result && rc != SQLITE_DONE) {
		store_fail_db(st, "cannot read the audit log");
		result = -1;
	}
	sqlite3_finalize(s);
	if (!store_read_end(st) && result == 1)
		result = -1;
	memcpy(last, prev, AUDIT_CHAIN_HEX);
	return result;
}
