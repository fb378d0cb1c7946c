/* Vote rounds and votes (src/store_vote.h). */
#include "store_vote.h"
#include "store_int.h"
#include "store_presence.h"
#include "osutil.h"
#include "period.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3_stmt *prep(struct store *st, const char *sql, const char *what)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_fail_db(st, what);
		return NULL;
	}
	return s;
}

/* Runs a statement with no rows and finalizes it. */
static bool run(struct store *st, sqlite3_stmt *s, const char *what)
{
	bool ok = sqlite3_step(s) == SQLITE_DONE;

	if (!ok)
		store_fail_db(st, what);
	sqlite3_finalize(s);
	return ok;
}

#define ROUND_COLUMNS "r.id, r.assessment_id, r.criterion_id, r.round, r.opened_by, r.opener," \
	" r.revealed_at IS NOT NULL, r.closed_at IS NOT NULL, a.signed_by, a.signed_at, t.name," \
	" a.period FROM vote_rounds r JOIN assessments a ON a.id = r.assessment_id" \
	" JOIN teams t ON t.id = a.team_id"

/* Reads a round row of ROUND_COLUMNS; a signed-off assessment's is refused
 * when refuse_signed. */
static int round_row(struct store *st, sqlite3_stmt *s, struct vote_round *r, bool refuse_signed)
{
	int rc = sqlite3_step(s);

	memset(r, 0, sizeof *r);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW) {
		store_fail_db(st, "cannot read the vote");
		return -1;
	}
	r->id = sqlite3_column_int64(s, 0);
	r->assessment_id = sqlite3_column_int64(s, 1);
	r->criterion_id = store_column_dup(s, 2);
	r->round = sqlite3_column_int(s, 3);
	r->opened_by = store_column_dup(s, 4);
	r->opener = store_column_dup(s, 5);
	r->revealed = sqlite3_column_int(s, 6) != 0;
	r->closed = sqlite3_column_int(s, 7) != 0;
	if (refuse_signed && sqlite3_column_type(s, 8) != SQLITE_NULL) {
		store_fail(st, "%s %s is signed off by %s at %s: votes are refused",
			   (const char *)sqlite3_column_text(s, 10),
			   (const char *)sqlite3_column_text(s, 11),
			   (const char *)sqlite3_column_text(s, 8),
			   (const char *)sqlite3_column_text(s, 9));
		store_vote_round_clear(r);
		return -1;
	}
	return 1;
}

void store_vote_round_clear(struct vote_round *r)
{
	free(r->criterion_id);
	free(r->opened_by);
	free(r->opener);
	memset(r, 0, sizeof *r);
}

int store_vote_current(struct store *st, int64_t assessment_id, struct vote_round *r)
{
	sqlite3_stmt *s = prep(st, "SELECT " ROUND_COLUMNS " WHERE r.assessment_id = ?"
			       " AND r.closed_at IS NULL ORDER BY r.id DESC LIMIT 1", "cannot read the vote");
	int rc;

	memset(r, 0, sizeof *r);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, assessment_id);
	rc = round_row(st, s, r, false);
	sqlite3_finalize(s);
	return rc;
}

/* The round by id, inside a change: open and on an assessment that is not
 * signed off. */
static bool round_open(struct store *st, int64_t round_id, struct vote_round *r)
{
	sqlite3_stmt *s = prep(st, "SELECT " ROUND_COLUMNS " WHERE r.id = ?", "cannot read the vote");
	int rc;

	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, round_id);
	rc = round_row(st, s, r, true);
	sqlite3_finalize(s);
	if (rc == 0)
		return store_fail(st, "no such vote");
	if (rc > 0 && r->closed) {
		store_vote_round_clear(r);
		return store_fail(st, "the vote is closed");
	}
	return rc > 0;
}

void store_vote_list_free(struct vote_cast *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].voter);
		free(v[i].os_user);
	}
	free(v);
}

bool store_vote_list(struct store *st, int64_t round_id, struct vote_cast **out, size_t *n)
{
	sqlite3_stmt *s = prep(st, "SELECT voter, os_user, vote, at FROM votes WHERE round_id = ?"
			       " ORDER BY at, voter", "cannot read the votes");
	struct vote_cast *v = NULL;
	size_t k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, round_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *at = (const char *)sqlite3_column_text(s, 3);
		char why[STORE_WHY];
		enum answer a;

		if (!store_column_answer(s, 2, &a, why) || a == ANS_UNKNOWN)
			continue;
		v = xrealloc(v, (k + 1) * sizeof *v);
		v[k].voter = store_column_dup(s, 0);
		v[k].os_user = store_column_dup(s, 1);
		v[k].vote = a;
		snprintf(v[k].at, sizeof v[k].at, "%s", at ? at : "");
		k++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_vote_list_free(v, k);
		return store_fail_db(st, "cannot read the votes");
	}
	*out = v;
	*n = k;
	return true;
}

static bool audit_round(struct store *st, const struct vote_round *r, const char *action,
			const char *more)
{
	char *detail = xasprintf("%s: round %d%s", r->criterion_id, r->round, more);
	bool ok = store_audit(st, r->assessment_id, action, detail);

	free(detail);
	return ok;
}

static int64_t open_fail(struct store *st, struct vote_round *r)
{
	store_vote_round_clear(r);
	store_rollback(st);
	return 0;
}

int64_t store_vote_open(struct store *st, const struct assessment *a, size_t crit)
{
	const char *cid = a->model->crits[crit].id;
	struct vote_round r = { 0 };
	sqlite3_stmt *s;
	char now[21];
	int rc;

	if (!store_begin(st))
		return 0;
	if ((rc = store_vote_current(st, a->id, &r)) < 0)
		return open_fail(st, &r);
	if (rc > 0) {
		int64_t id = r.id;

		if (strcmp(r.criterion_id, cid) != 0) {
			store_fail(st, "a vote on %s is open (opened by %s): close it first",
				   r.criterion_id, r.opened_by);
			return open_fail(st, &r);
		}
		store_vote_round_clear(&r);
		return store_commit(st) ? id : 0;
	}
	s = prep(st, "SELECT signed_by, signed_at FROM assessments WHERE id = ?", "cannot read the vote");
	if (!s)
		return open_fail(st, &r);
	sqlite3_bind_int64(s, 1, a->id);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
		char p[PERIOD_LEN];

		period_format(a->period, p);
		store_fail(st, "%s %s is signed off by %s at %s: votes are refused", a->team, p,
			   (const char *)sqlite3_column_text(s, 0), (const char *)sqlite3_column_text(s, 1));
		sqlite3_finalize(s);
		return open_fail(st, &r);
	}
	sqlite3_finalize(s);
	time_iso_now(now);
	s = prep(st, "INSERT INTO vote_rounds(assessment_id, criterion_id, round, opened_by, opener,"
		 " opened_at) VALUES (?1, ?2, (SELECT coalesce(max(round), 0) + 1 FROM vote_rounds"
		 " WHERE assessment_id = ?1 AND criterion_id = ?2), ?3, ?4, ?5)", "cannot open the vote");
	if (!s)
		return open_fail(st, &r);
	sqlite3_bind_int64(s, 1, a->id);
	sqlite3_bind_text(s, 2, cid, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, os_user(), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, presence_self(), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
	if (!run(st, s, "cannot open the vote") || store_vote_current(st, a->id, &r) <= 0 ||
	    !audit_round(st, &r, "vote-open", ""))
		return open_fail(st, &r);
	{
		int64_t id = r.id;

		store_vote_round_clear(&r);
		return store_commit(st) ? id : 0;
	}
}

bool store_vote_cast(struct store *st, int64_t round_id, enum answer v)
{
	struct vote_round r;
	sqlite3_stmt *s;
	char now[21];
	bool ok;

	if (v == ANS_UNKNOWN || v >= ANS_COUNT)
		return store_fail(st, "a vote is yes, partly, no or n/a");
	if (!store_begin(st))
		return false;
	if (!round_open(st, round_id, &r)) {
		store_rollback(st);
		return false;
	}
	time_iso_now(now);
	s = prep(st, "INSERT INTO votes(round_id, voter, os_user, vote, at) VALUES (?1, ?2, ?3, ?4, ?5)"
		 " ON CONFLICT(round_id, voter) DO UPDATE SET os_user = ?3, vote = ?4, at = ?5",
		 "cannot save the vote");
	ok = s != NULL;
	if (ok) {
		sqlite3_bind_int64(s, 1, round_id);
		sqlite3_bind_text(s, 2, presence_self(), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, os_user(), -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 4, (int)v);
		sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
		/* The answer stays out of the log until the spread is shown. */
		ok = run(st, s, "cannot save the vote") &&
		     audit_round(st, &r, "vote", r.revealed ? ": vote cast after the reveal"
							     : ": vote cast");
	}
	store_vote_round_clear(&r);
	if (!ok) {
		store_rollback(st);
		return false;
	}
	return store_commit(st);
}

/* ": yes 2, no 1" for the round's votes. */
static bool spread(struct store *st, int64_t round_id, struct strbuf *sb)
{
	struct vote_cast *v;
	size_t n, count[ANS_COUNT] = { 0 };
	static const enum answer order[] = { ANS_YES, ANS_PARTLY, ANS_NO, ANS_NA };

	if (!store_vote_list(st, round_id, &v, &n))
		return false;
	for (size_t i = 0; i < n; i++)
		count[v[i].vote]++;
	sb_adds(sb, n ? ":" : ": no votes");
	for (size_t i = 0, k = 0; i < sizeof order / sizeof *order; i++)
		if (count[order[i]])
			sb_printf(sb, "%s %s %zu", k++ ? "," : "", answer_name(order[i]),
				  count[order[i]]);
	store_vote_list_free(v, n);
	return true;
}

bool store_vote_reveal(struct store *st, int64_t round_id)
{
	struct vote_round r;
	struct strbuf sb;
	sqlite3_stmt *s;
	char now[21];
	bool ok;

	if (!store_begin(st))
		return false;
	if (!round_open(st, round_id, &r)) {
		store_rollback(st);
		return false;
	}
	if (r.revealed) {
		store_vote_round_clear(&r);
		return store_commit(st);
	}
	time_iso_now(now);
	sb_init(&sb);
	s = prep(st, "UPDATE vote_rounds SET revealed_at = ? WHERE id = ?", "cannot reveal the vote");
	ok = s != NULL;
	if (ok) {
		sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, round_id);
		ok = run(st, s, "cannot reveal the vote") && spread(st, round_id, &sb) &&
		     audit_round(st, &r, "vote-reveal", sb.s);
	}
	sb_free(&sb);
	store_vote_round_clear(&r);
	if (!ok) {
		store_rollback(st);
		return false;
	}
	return store_commit(st);
}

bool store_vote_close(struct store *st, struct assessment *a, int64_t round_id, enum answer v)
{
	struct vote_round r;
	sqlite3_stmt *s;
	char now[21], *more;
	long crit;
	bool ok;

	if (!store_begin(st))
		return false;
	if (!round_open(st, round_id, &r)) {
		store_rollback(st);
		return false;
	}
	crit = r.assessment_id == a->id ? model_find_criterion(a->model, r.criterion_id) : -1;
	if (crit < 0) {
		store_vote_round_clear(&r);
		store_rollback(st);
		return store_fail(st, "the vote is not on this assessment's criteria");
	}
	time_iso_now(now);
	s = prep(st, "UPDATE vote_rounds SET closed_at = ? WHERE id = ?", "cannot close the vote");
	more = v == ANS_UNKNOWN ? xasprintf(": cancelled")
				: xasprintf(": closed, answer %s", answer_name(v));
	ok = s != NULL;
	if (ok) {
		sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, round_id);
		ok = run(st, s, "cannot close the vote") && audit_round(st, &r, "vote-close", more);
	}
	free(more);
	store_vote_round_clear(&r);
	if (!ok) {
		store_rollback(st);
		return false;
	}
	/* The answer is set inside this transaction: a refused one (n/a
	 * without a comment) rolls the close back too. An answer already
	 * given is left alone (store_set_answer would end the transaction as
	 * a change with nothing to do). */
	if (!store_load_state(st, a)) {
		store_rollback(st);
		return false;
	}
	if (v != ANS_UNKNOWN && (a->answers[crit] != v || a->crits[crit].origin != ORIGIN_ANSWERED) &&
	    !store_set_answer(st, a, (size_t)crit, v))
		return false;
	if (!store_commit(st)) {
		store_assessment_reload(st, a);
		return false;
	}
	return true;
}

bool store_vote_each(struct store *st, int64_t assessment_id, const char *crit,
		     store_vote_fn fn, void *ctx)
{
	sqlite3_stmt *s = prep(st,
		"SELECT r.criterion_id, r.round, v.os_user, v.vote, v.at, r.revealed_at IS NOT NULL"
		" FROM vote_rounds r JOIN votes v ON v.round_id = r.id"
		" JOIN assessments a ON a.id = r.assessment_id"
		" LEFT JOIN model_criteria mc ON mc.model = a.model AND mc.criterion_id = r.criterion_id"
		" WHERE r.assessment_id = ?1 AND (?2 IS NULL OR r.criterion_id = ?2)"
		" ORDER BY mc.ord, r.criterion_id, r.round, v.at, v.voter", "cannot read the votes");
	int rc;

	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, assessment_id);
	store_bind_text_or_null(s, 2, crit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char why[STORE_WHY];
		enum answer v;

		if (!store_column_answer(s, 3, &v, why) || v == ANS_UNKNOWN)
			continue;
		fn(ctx, (const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1),
		   (const char *)sqlite3_column_text(s, 2), v, (const char *)sqlite3_column_text(s, 4),
		   sqlite3_column_int(s, 5) != 0);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail_db(st, "cannot read the votes");
	return true;
}
