/* What an assessment keeps beside its answers and dimensions: each
 * criterion's comment and evidence, the confirmation of carried answers,
 * and the sign-off. Each change is one audited transaction. */
#include "store_int.h"
#include "osutil.h"
#include "period.h"
#include "text.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool store_crit_text_valid(const char *what, const char *t, size_t max, char *why, size_t whysz)
{
	size_t chars = 0, len = strlen(t);

	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t k = utf8_decode(t + i, len - i, &cp);

		if (cp == 0xFFFD && k == 1) {
			snprintf(why, whysz, "the %s must be valid UTF-8", what);
			return false;
		}
		if (text_is_unsafe(cp)) {
			snprintf(why, whysz, "the %s cannot hold control characters or direction overrides",
				 what);
			return false;
		}
		i += k;
		chars++;
	}
	if (chars > max) {
		snprintf(why, whysz, "the %s is at most %zu characters (this one has %zu)", what, max, chars);
		return false;
	}
	return true;
}

static bool text_ok(struct store *st, const char *what, const char *t, size_t max)
{
	char why[128];

	return store_crit_text_valid(what, t, max, why, sizeof why) || store_fail(st, "%s", why);
}

/* check: compared with expected first (the editor's save), as the notes. */
static enum store_save set_crit_text(struct store *st, struct assessment *a, size_t crit,
				     enum crit_text which, bool check, const char *expected,
				     const char *text, char **theirs)
{
	const struct criterion *c = &a->model->crits[crit];
	const char *what = which == CRIT_COMMENT ? "comment" : "evidence";
	char **slot, *detail;
	sqlite3_stmt *s;
	bool ok;

	if (text && !text_ok(st, what, text, which == CRIT_COMMENT ? COMMENT_MAX : EVIDENCE_MAX))
		return STORE_FAILED;
	if (!store_edit_begin(st, a))
		return STORE_FAILED;
	slot = which == CRIT_COMMENT ? &a->crits[crit].comment : &a->crits[crit].evidence;
	if (store_text_same(*slot, text)) {
		store_rollback(st);
		return STORE_SAVED;
	}
	if (check && !store_text_same(*slot, expected)) {
		store_rollback(st);
		if (theirs)
			*theirs = *slot && **slot ? xstrdup(*slot) : NULL;
		return STORE_CONFLICT;
	}
	if (which == CRIT_COMMENT && a->answers[crit] == ANS_NA && !(text && *text)) {
		store_rollback(st);
		store_fail(st, "%s is n/a: its comment says why and cannot be cleared", c->id);
		return STORE_FAILED;
	}
	s = store_stmt(st, which == CRIT_COMMENT ? S_CRIT_COMMENT : S_CRIT_EVIDENCE);
	if (!s) {
		store_rollback(st);
		return STORE_FAILED;
	}
	sqlite3_bind_int64(s, 1, a->id);
	sqlite3_bind_text(s, 2, c->id, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 3, text && *text ? text : NULL);
	if (!store_step_done(st, s, "cannot save the criterion's text") ||
	    !(s = store_stmt(st, S_ANSWER_DEL))) {
		store_rollback(st);
		store_load_state(st, a);
		return STORE_FAILED;
	}
	sqlite3_bind_int64(s, 1, a->id);
	sqlite3_bind_text(s, 2, c->id, -1, SQLITE_STATIC);
	if (!store_step_done(st, s, "cannot save the criterion's text")) {
		store_rollback(st);
		store_load_state(st, a);
		return STORE_FAILED;
	}
	free(*slot);
	*slot = text && *text ? xstrdup(text) : NULL;
	detail = xasprintf("%s: %s: %s", c->id, what, text ? text : "");
	ok = store_edit_finish(st, a, c->dim, what, detail);
	free(detail);
	return ok ? STORE_SAVED : STORE_FAILED;
}

enum store_save store_set_crit_text_if(struct store *st, struct assessment *a, size_t crit,
				       enum crit_text which, const char *expected,
				       const char *text, char **theirs)
{
	return set_crit_text(st, a, crit, which, true, expected, text, theirs);
}

bool store_set_crit_text(struct store *st, struct assessment *a, size_t crit,
			 enum crit_text which, const char *text)
{
	return set_crit_text(st, a, crit, which, false, NULL, text, NULL) == STORE_SAVED;
}

int store_confirm_carried(struct store *st, struct assessment *a, size_t dim)
{
	const struct dimension *d = &a->model->dims[dim];
	struct strbuf ids;
	char *detail;
	int n = 0;
	bool ok;

	if (!store_edit_begin(st, a))
		return -1;
	sb_init(&ids);
	for (size_t c = d->first; c < d->first + d->ncrit; c++) {
		sqlite3_stmt *s;

		if (a->answers[c] == ANS_UNKNOWN || a->crits[c].origin != ORIGIN_CARRIED)
			continue;
		if (!(s = store_stmt(st, S_ANSWER_SET))) {
			sb_free(&ids);
			store_rollback(st);
			store_load_state(st, a);
			return -1;
		}
		sqlite3_bind_int64(s, 1, a->id);
		sqlite3_bind_text(s, 2, a->model->crits[c].id, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, (int)a->answers[c]);
		sqlite3_bind_text(s, 4, "answered", -1, SQLITE_STATIC);
		if (!store_step_done(st, s, "cannot confirm the answers")) {
			sb_free(&ids);
			store_rollback(st);
			store_load_state(st, a);
			return -1;
		}
		a->crits[c].origin = ORIGIN_ANSWERED;
		sb_printf(&ids, " %s", a->model->crits[c].id);
		n++;
	}
	if (!n) {
		sb_free(&ids);
		store_rollback(st);
		return 0;
	}
	detail = xasprintf("%s: confirmed %d carried answer%s:%s", d->id, n, n == 1 ? "" : "s", ids.s);
	sb_free(&ids);
	ok = store_edit_finish(st, a, dim, "confirm", detail);
	free(detail);
	return ok ? n : -1;
}

/* Signs off (by the OS user, now) or reopens (by NULL, with a reason). */
static bool sign(struct store *st, struct assessment *a, bool off, const char *reason)
{
	char now[21], p[PERIOD_LEN], *detail;
	sqlite3_stmt *s;
	bool ok;

	if (!off && !(reason && *reason))
		return store_fail(st, "reopening needs a reason");
	if (reason && !text_ok(st, "reason", reason, COMMENT_MAX))
		return false;
	if (!store_begin(st))
		return false;
	if (!store_load_state(st, a)) {
		store_rollback(st);
		return false;
	}
	period_format(a->period, p);
	if (off == (a->signed_by != NULL)) {
		store_rollback(st);
		return off ? store_fail(st, "%s %s is signed off already, by %s at %s", a->team, p,
					a->signed_by, a->signed_at)
			   : store_fail(st, "%s %s is open already", a->team, p);
	}
	time_iso_now(now);
	if (!(s = store_stmt(st, S_ASSESS_SIGN))) {
		store_rollback(st);
		return false;
	}
	if (off) {
		sqlite3_bind_text(s, 1, os_user(), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int64(s, 3, a->id);
	detail = off ? xasprintf("%s %s signed off: coverage %.0f%%, %zu carried", a->team, p,
				 a->overall.coverage * 100, assessment_carried(a, -1))
		     : xasprintf("%s %s reopened (signed off by %s at %s): %s", a->team, p,
				 a->signed_by, a->signed_at, reason);
	ok = store_step_done(st, s, off ? "cannot sign the assessment off" : "cannot reopen the assessment") &&
	     store_audit(st, a->id, off ? "sign-off" : "reopen", detail);
	free(detail);
	if (!ok || !store_commit(st)) {
		if (!ok)
			store_rollback(st);
		store_load_state(st, a);
		return false;
	}
	free(a->signed_by);
	a->signed_by = off ? xstrdup(os_user()) : NULL;
	snprintf(a->signed_at, sizeof a->signed_at, "%s", off ? now : "");
	return true;
}

bool store_sign_off(struct store *st, struct assessment *a)
{
	return sign(st, a, true, NULL);
}

bool store_reopen(struct store *st, struct assessment *a, const char *reason)
{
	return sign(st, a, false, reason);
}

int store_assessment_source(struct store *st, const struct assessment *a, int *period)
{
	sqlite3_stmt *s = store_stmt(st, S_ASSESS_PREV_PERIOD);
	int rc;

	*period = NO_PERIOD;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, a->id);
	rc = store_step_row(st, s, "cannot find the previous assessment");
	if (rc <= 0)
		return rc;
	*period = store_column_period(s, 0);
	sqlite3_reset(s);
	return 1;
}
