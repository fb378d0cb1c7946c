/* Changes to an assessment and to the roadmap: each one re-reads what the
 * database holds (another mlmat may have written), applies the change,
 * rescores, keeps the roadmap in step, audits, and commits. */
#include "store_int.h"
#include "xalloc.h"
#include "period.h"
#include "osutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool store_edit_begin(struct store *st, struct assessment *a)
{
	if (!store_begin(st))
		return false;
	if (!store_load_state(st, a)) {
		store_rollback(st);
		return false;
	}
	if (a->signed_by) {
		char p[PERIOD_LEN];

		store_rollback(st);
		period_format(a->period, p);
		return store_fail(st, "%s %s is signed off by %s at %s: reopen it first", a->team, p,
				  a->signed_by, a->signed_at);
	}
	return true;
}

bool store_edit_finish(struct store *st, struct assessment *a, size_t d,
		       const char *action, const char *detail)
{
	char now[21];
	int latest;

	time_iso_now(now);
	store_rescore(a);
	memcpy(a->dims[d].updated_at, now, sizeof now);
	if (!store_write_dim(st, a, d, now) || !store_touch(st, a, now) ||
	    !store_audit(st, a->id, action, detail) ||
	    (latest = store_is_latest(st, a)) < 0 ||
	    (latest && !store_rm_sync_dim(st, a, d))) {
		store_rollback(st);
		store_load_state(st, a);
		return false;
	}
	if (!store_commit(st)) {
		store_load_state(st, a);
		return false;
	}
	return true;
}

static void level_text(int level, char buf[16])
{
	if (level == NO_LEVEL)
		snprintf(buf, 16, "none");
	else
		snprintf(buf, 16, "%d", level);
}

/* Writes the answer with its origin; a row left holding nothing goes. */
static bool put_answer(struct store *st, struct assessment *a, size_t crit, enum answer v,
		       enum origin o)
{
	const char *id = a->model->crits[crit].id;
	sqlite3_stmt *s = store_stmt(st, S_ANSWER_SET);

	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, a->id);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	if (v != ANS_UNKNOWN) {
		sqlite3_bind_int(s, 3, (int)v);
		sqlite3_bind_text(s, 4, origin_name(o), -1, SQLITE_STATIC);
	}
	if (!store_step_done(st, s, "cannot save the answer"))
		return false;
	if (v == ANS_UNKNOWN) {
		if (!(s = store_stmt(st, S_ANSWER_DEL)))
			return false;
		sqlite3_bind_int64(s, 1, a->id);
		sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
		if (!store_step_done(st, s, "cannot save the answer"))
			return false;
	}
	a->answers[crit] = v;
	a->crits[crit].origin = v == ANS_UNKNOWN ? ORIGIN_NONE : o;
	return true;
}

/* An answer, with its origin: answered for a person's answer (which also
 * confirms a carried one), or as it was for an undo. */
static bool set_answer(struct store *st, struct assessment *a, size_t crit, enum answer v,
		       enum origin o, const char *how)
{
	const struct criterion *c = &a->model->crits[crit];
	enum answer old;
	enum origin was;
	char *detail;
	bool ok;
	int latest;

	if (v == ANS_UNKNOWN)
		o = ORIGIN_NONE;
	if (!store_edit_begin(st, a))
		return false;
	old = a->answers[crit];
	was = a->crits[crit].origin;
	if (old == v && was == o) {
		store_rollback(st);
		return true;
	}
	if (v == ANS_NA && !(a->crits[crit].comment && *a->crits[crit].comment)) {
		store_rollback(st);
		return store_fail(st, "n/a needs a comment saying why %s does not apply", c->id);
	}
	if (!put_answer(st, a, crit, v, o)) {
		store_rollback(st);
		return false;
	}
	if (old == v) {
		/* The same answer given again: a carried one is confirmed. */
		detail = xasprintf("%s: %s (%s -> %s)%s", c->id, answer_name(v), origin_name(was),
				   origin_name(o), how);
		ok = store_edit_finish(st, a, c->dim, "answer", detail);
		free(detail);
		return ok;
	}
	if ((latest = store_is_latest(st, a)) < 0) {
		store_rollback(st);
		return false;
	}
	if (latest) {
		struct rm_item it;

		if (store_rm_get(st, a->team_id, c->id, &it) < 0) {
			store_rollback(st);
			return false;
		}
		enum rm_status before = it.status;
		if (roadmap_on_answer(&it, old, v, a->period)) {
			detail = xasprintf("%s: %s -> %s (answer %s)", c->id, rm_status_name(before),
					   rm_status_name(it.status), answer_name(v));
			ok = store_rm_put_status(st, a->team_id, c->id, &it) &&
			     store_audit(st, a->id, "roadmap-status", detail);
			free(detail);
			if (!ok) {
				store_rollback(st);
				return false;
			}
		}
	}
	detail = xasprintf("%s: %s -> %s%s", c->id, answer_name(old), answer_name(v), how);
	ok = store_edit_finish(st, a, c->dim, "answer", detail);
	free(detail);
	return ok;
}

bool store_set_answer(struct store *st, struct assessment *a, size_t crit, enum answer v)
{
	return set_answer(st, a, crit, v, ORIGIN_ANSWERED, "");
}

bool store_restore_answer(struct store *st, struct assessment *a, size_t crit, enum answer v,
			  enum origin o)
{
	return set_answer(st, a, crit, v, o == ORIGIN_NONE ? ORIGIN_ANSWERED : o, " (undo)");
}

bool store_set_target(struct store *st, struct assessment *a, size_t dim, int target)
{
	char from[16], to[16], *detail;
	bool ok;

	if (target != NO_LEVEL && !model_level(a->model, target))
		return store_fail(st, "target level %d is not in the model", target);
	if (!store_edit_begin(st, a))
		return false;
	if (a->dims[dim].target == target) {
		store_rollback(st);
		return true;
	}
	level_text(a->dims[dim].target, from);
	level_text(target, to);
	a->dims[dim].target = target;
	detail = xasprintf("%s: target %s -> %s", a->model->dims[dim].id, from, to);
	ok = store_edit_finish(st, a, dim, "target", detail);
	free(detail);
	return ok;
}

bool store_text_same(const char *x, const char *y)
{
	return !strcmp(x ? x : "", y ? y : "");
}

/* A compare-and-set's conflict: the database's value, copied for the
 * caller, and the transaction left. */
static enum store_save conflict(struct store *st, const char *now, char **theirs)
{
	store_rollback(st);
	if (theirs)
		*theirs = now && *now ? xstrdup(now) : NULL;
	return STORE_CONFLICT;
}

static enum store_save set_override(struct store *st, struct assessment *a, size_t dim,
				    int level, bool check, const char *expected,
				    const char *reason, char **theirs)
{
	struct dim_state *ds;
	char from[16], to[16], *detail;
	bool ok;

	if (level != NO_LEVEL && !model_level(a->model, level))
		return store_fail(st, "override level %d is not in the model", level), STORE_FAILED;
	if (level != NO_LEVEL && (!reason || !*reason))
		return store_fail(st, "an override needs a reason"), STORE_FAILED;
	if (!store_edit_begin(st, a))
		return STORE_FAILED;
	ds = &a->dims[dim];
	if (check && !store_text_same(ds->override_reason, expected) &&
	    !store_text_same(ds->override_reason, reason))
		return conflict(st, ds->override_reason, theirs);
	level_text(ds->override_level, from);
	level_text(level, to);
	ds->override_level = level;
	free(ds->override_reason);
	ds->override_reason = level != NO_LEVEL ? xstrdup(reason) : NULL;
	detail = level != NO_LEVEL
		? xasprintf("%s: override %s -> %s: %s", a->model->dims[dim].id, from, to, reason)
		: xasprintf("%s: override %s -> none", a->model->dims[dim].id, from);
	ok = store_edit_finish(st, a, dim, "override", detail);
	free(detail);
	return ok ? STORE_SAVED : STORE_FAILED;
}

bool store_set_override(struct store *st, struct assessment *a, size_t dim, int level,
			const char *reason)
{
	return set_override(st, a, dim, level, false, NULL, reason, NULL) == STORE_SAVED;
}

enum store_save store_set_override_if(struct store *st, struct assessment *a, size_t dim,
				      int level, const char *expected, const char *reason,
				      char **theirs)
{
	return set_override(st, a, dim, level, true, expected, reason, theirs);
}

static enum store_save set_notes(struct store *st, struct assessment *a, size_t dim, bool check,
				 const char *expected, const char *notes, char **theirs)
{
	struct dim_state *ds;
	char *detail;
	bool ok;

	if (!store_edit_begin(st, a))
		return STORE_FAILED;
	ds = &a->dims[dim];
	if (store_text_same(ds->notes, notes)) {
		store_rollback(st);
		return STORE_SAVED;
	}
	if (check && !store_text_same(ds->notes, expected))
		return conflict(st, ds->notes, theirs);
	free(ds->notes);
	ds->notes = notes && *notes ? xstrdup(notes) : NULL;
	detail = xasprintf("%s: notes: %s", a->model->dims[dim].id, notes ? notes : "");
	ok = store_edit_finish(st, a, dim, "notes", detail);
	free(detail);
	return ok ? STORE_SAVED : STORE_FAILED;
}

bool store_set_notes(struct store *st, struct assessment *a, size_t dim, const char *notes)
{
	return set_notes(st, a, dim, false, NULL, notes, NULL) == STORE_SAVED;
}

enum store_save store_set_notes_if(struct store *st, struct assessment *a, size_t dim,
				   const char *expected, const char *notes, char **theirs)
{
	return set_notes(st, a, dim, true, expected, notes, theirs);
}

/* The item's owner as the database holds it now (inside the caller's
 * transaction): 1 with *owner (to be freed, NULL for none), -1 an error.
 * Prepared here rather than kept: only the owner's compare-and-set reads it. */
static int owner_now(struct store *st, int64_t team_id, const char *crit, char **owner)
{
	sqlite3_stmt *s;
	int rc;

	*owner = NULL;
	if (sqlite3_prepare_v2(st->db, "SELECT owner FROM roadmap WHERE team_id = ? AND criterion_id = ?",
			       -1, &s, NULL) != SQLITE_OK)
		return store_fail_db(st, "cannot read the roadmap item"), -1;
	sqlite3_bind_int64(s, 1, team_id);
	sqlite3_bind_text(s, 2, crit, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*owner = store_column_dup(s, 0);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_fail_db(st, "cannot read the roadmap item");
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 1;
}

/* Roadmap edits are audited against the team's latest assessment. */
/* check: the owner is compared with expected first (owner edits only). */
static enum store_save roadmap_edit(struct store *st, int64_t team_id, const char *crit,
				    enum sid id, const char *what, const char *value,
				    int period_value, enum rm_status status, bool check,
				    const char *expected, char **theirs)
{
	struct rm_item it;
	int latest_period = NO_PERIOD;
	int64_t latest;
	sqlite3_stmt *s;
	char *detail;
	bool ok;
	int rc;

	if (!store_begin(st))
		return STORE_FAILED;
	/* A team with roadmap items has assessments: none is no error here,
	 * and the item lookup below says what is missing. */
	if (store_team_latest(st, team_id, &latest, &latest_period) < 0 ||
	    (rc = store_rm_get(st, team_id, crit, &it)) < 0) {
		store_rollback(st);
		return STORE_FAILED;
	}
	if (rc == 0) {
		store_rollback(st);
		return store_fail(st, "no roadmap item for %s", crit), STORE_FAILED;
	}
	if (check) {
		char *now;

		if (owner_now(st, team_id, crit, &now) < 0) {
			store_rollback(st);
			return STORE_FAILED;
		}
		if (store_text_same(now, value)) {
			free(now);
			store_rollback(st);
			return STORE_SAVED;
		}
		if (!store_text_same(now, expected)) {
			enum store_save r = conflict(st, now, theirs);

			free(now);
			return r;
		}
		free(now);
	}
	if (id == S_RM_SET_STATUS) {
		enum rm_status before = it.status;

		roadmap_set_status(&it, status, latest_period);
		ok = store_rm_put_status(st, team_id, crit, &it);
		detail = xasprintf("%s: %s -> %s", crit, rm_status_name(before), rm_status_name(status));
	} else {
		s = store_stmt(st, id);
		if (!s) {
			store_rollback(st);
			return STORE_FAILED;
		}
		if (id == S_RM_SET_DUE)
			store_bind_period(s, 1, period_value);
		else
			store_bind_text_or_null(s, 1, value);
		sqlite3_bind_int64(s, 2, team_id);
		sqlite3_bind_text(s, 3, crit, -1, SQLITE_TRANSIENT);
		ok = store_step_done(st, s, "cannot save the roadmap item");
		if (id == S_RM_SET_DUE) {
			char p[PERIOD_LEN] = "none";

			if (period_value != NO_PERIOD)
				period_format(period_value, p);
			detail = xasprintf("%s: due %s", crit, p);
		} else {
			detail = xasprintf("%s: owner %s", crit, value && *value ? value : "none");
		}
	}
	ok = ok && store_audit(st, latest, what, detail);
	free(detail);
	if (!ok) {
		store_rollback(st);
		return STORE_FAILED;
	}
	return store_commit(st) ? STORE_SAVED : STORE_FAILED;
}

bool store_roadmap_set_status(struct store *st, int64_t team_id, const char *criterion_id,
			      enum rm_status s)
{
	return roadmap_edit(st, team_id, criterion_id, S_RM_SET_STATUS, "roadmap-status",
			    NULL, NO_PERIOD, s, false, NULL, NULL) == STORE_SAVED;
}

bool store_roadmap_set_owner(struct store *st, int64_t team_id, const char *criterion_id,
			     const char *owner)
{
	return roadmap_edit(st, team_id, criterion_id, S_RM_SET_OWNER, "roadmap-owner",
			    owner, NO_PERIOD, RM_PLANNED, false, NULL, NULL) == STORE_SAVED;
}

enum store_save store_roadmap_set_owner_if(struct store *st, int64_t team_id,
					   const char *criterion_id, const char *expected,
					   const char *owner, char **theirs)
{
	return roadmap_edit(st, team_id, criterion_id, S_RM_SET_OWNER, "roadmap-owner",
			    owner, NO_PERIOD, RM_PLANNED, true, expected, theirs);
}

bool store_roadmap_set_due(struct store *st, int64_t team_id, const char *criterion_id,
			   int due_period)
{
	return roadmap_edit(st, team_id, criterion_id, S_RM_SET_DUE, "roadmap-due",
			    NULL, due_period, RM_PLANNED, false, NULL, NULL) == STORE_SAVED;
}
