/* The changes the assessment screen's keys make: answers (n/a with its
 * comment), comments and evidence, notes, target and override, confirming
 * carried answers, sign-off and reopening. Each goes through the store,
 * is kept for U, and says on the status line when it was refused. */
#include "assess.h"
#include "dialog.h"
#include "period.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Refreshes the panes after an edit; a failed edit says so last, so that
 * no message of the refresh hides that the change was not saved. */
static void changed(struct app *app, struct assess *as, bool ok)
{
	char *why = ok ? NULL : xstrdup(store_error(app->st));

	team_view_refresh(app, &as->v);
	assess_explain(as);
	if (why)
		app_message(app, true, "Not saved: %s", why);
	free(why);
}

/* A signed-off assessment is refused before an editor opens, in the
 * store's words (the store refuses again should it be signed off by now).
 * The first change in this session to an assessment that is not its
 * team's latest asks first (CONTRACT section 3); a yes holds for the
 * session. */
static bool may_change(struct app *app, struct assess *as)
{
	const struct assessment *a = as->v.a;
	char q[200], p[PERIOD_LEN], lp[PERIOD_LEN];
	int64_t latest;
	int latest_period, r;

	if (a->signed_by) {
		period_format(a->period, p);
		app_message(app, true, "Not saved: %s %s is signed off by %s at %s: reopen it first (S)",
			    a->team, p, a->signed_by, a->signed_at);
		return false;
	}
	for (size_t i = 0; i < app->npast_ok; i++)
		if (app->past_ok[i] == a->id)
			return true;
	r = store_team_latest(app->st, a->team_id, &latest, &latest_period);
	if (r < 0) {
		app_message(app, true, "Not saved: %s", store_error(app->st));
		return false;
	}
	if (r == 0 || latest == a->id)
		return true;
	period_format(a->period, p);
	period_format(latest_period, lp);
	snprintf(q, sizeof q, "%s is not the latest assessment (%s is). Change it anyway?", p, lp);
	if (!dialog_confirm(app, q)) {
		app_message(app, false, "Not changed: %s is a past assessment.", p);
		return false;
	}
	app->past_ok = xrealloc(app->past_ok, (app->npast_ok + 1) * sizeof *app->past_ok);
	app->past_ok[app->npast_ok++] = a->id;
	return true;
}

/* What is left once the last criterion is answered. */
static void say_left(struct app *app, const struct assessment *a)
{
	size_t unknown = 0, carried = assessment_carried(a, -1);

	for (size_t c = 0; c < a->model->ncrits; c++)
		unknown += a->answers[c] == ANS_UNKNOWN;
	if (!unknown && !carried)
		app_message(app, false, "All criteria answered.");
	else
		app_message(app, false, "Last criterion: %zu unknown, %zu carried (J goes to the next).",
			    unknown, carried);
}

static bool set_answer(struct app *app, struct assess *as, size_t crit, enum answer v)
{
	struct undo_entry e = undo_capture(as->v.a, UNDO_ANSWER, crit);
	bool ok = store_set_answer(app->st, as->v.a, crit, v);

	undo_record(&app->undo, &e, as->v.a, ok);
	changed(app, as, ok);
	return ok;
}

/* Answers, then moves on unless told not to (MLMAT_ADVANCE=0). */
static void answer_and_advance(struct app *app, struct assess *as, size_t crit, enum answer v)
{
	if (set_answer(app, as, crit, v) && as->advance && !assess_step(as))
		say_left(app, as->v.a);
}

void assess_answer(struct app *app, struct assess *as, enum answer v)
{
	long c = assess_selected(as);

	if (c >= 0 && may_change(app, as))
		answer_and_advance(app, as, (size_t)c, v);
}

static const char *need_text(const char *text, void *ctx)
{
	while (*text == ' ')
		text++;
	return *text ? NULL : ctx;
}

/* The texts the screen edits, and what the conflict dialog calls them. */
enum text_kind { TEXT_NOTES, TEXT_OVERRIDE, TEXT_COMMENT, TEXT_EVIDENCE };

static const char *const text_what[] = {
	"The notes", "The override reason", "The comment", "The evidence",
};

static enum store_save save_once(struct app *app, struct assess *as, enum text_kind k,
				 size_t at, int level, const char *expected, const char *text,
				 char **theirs)
{
	struct store *st = app->st;
	struct assessment *a = as->v.a;

	switch (k) {
	case TEXT_NOTES:
		return store_set_notes_if(st, a, at, expected, text, theirs);
	case TEXT_OVERRIDE:
		return store_set_override_if(st, a, at, level, expected, text, theirs);
	case TEXT_COMMENT:
		return store_set_crit_text_if(st, a, at, CRIT_COMMENT, expected, text, theirs);
	default:
		return store_set_crit_text_if(st, a, at, CRIT_EVIDENCE, expected, text, theirs);
	}
}

/* Saves a text edited from the value opened with (at: the dimension or
 * criterion; level: the override's). Another dashboard may have saved the
 * same text while the editor was open: then the user chooses, and keeping
 * mine is a save against theirs, asked again if yet another change came
 * between. Taking theirs writes nothing. True when mine was saved. */
static bool save_text(struct app *app, struct assess *as, enum text_kind k, size_t at,
		      int level, const char *opened, const char *text)
{
	static const enum undo_kind undo_kind[] = {
		UNDO_NOTES, UNDO_OVERRIDE, UNDO_COMMENT, UNDO_EVIDENCE,
	};
	char *expected = xstrdup(opened ? opened : ""), *theirs = NULL;
	enum store_save r;

	for (;;) {
		struct undo_entry e = undo_capture(as->v.a, undo_kind[k], at);

		r = save_once(app, as, k, at, level, expected, text, &theirs);
		undo_record(&app->undo, &e, as->v.a, r == STORE_SAVED);
		if (r != STORE_CONFLICT)
			break;
		free(expected);
		expected = theirs ? theirs : xstrdup("");
		theirs = NULL;
		team_view_refresh(app, &as->v);
		if (dialog_conflict(app, text_what[k], expected, text) != 'k')
			break;
	}
	free(expected);
	changed(app, as, r != STORE_FAILED);
	if (r == STORE_CONFLICT)
		app_message(app, false, "%s from elsewhere kept; yours was not saved.", text_what[k]);
	return r == STORE_SAVED;
}

/* Edits the selected criterion's comment or evidence in a one-line
 * prompt; required (for an n/a) refuses an empty one. */
static bool edit_crit_text(struct app *app, struct assess *as, enum text_kind k, bool required)
{
	long c = assess_selected(as);
	const struct crit_state *cs;
	const char *id;
	char title[200], *text, *opened;
	bool ok;

	if (c < 0 || !may_change(app, as))
		return false;
	cs = &as->v.a->crits[c];
	id = as->v.a->model->crits[c].id;
	if (required)
		snprintf(title, sizeof title, "n/a: why does %s not apply?", id);
	else
		snprintf(title, sizeof title, "%s: %s",
			 k == TEXT_COMMENT ? "Comment" : "Evidence (links, documents)", id);
	/* A reload while the prompt is open replaces cs: keep a copy. */
	opened = xstrdup(k == TEXT_COMMENT ? (cs->comment ? cs->comment : "")
					   : (cs->evidence ? cs->evidence : ""));
	text = dialog_prompt(app, title, opened, k == TEXT_COMMENT ? COMMENT_MAX : EVIDENCE_MAX,
			     required ? need_text : NULL,
			     required ? "n/a needs a comment saying why it does not apply." : NULL);
	if (!text) {
		if (required)
			app_message(app, true, "Not saved: n/a needs a comment saying why.");
		else
			app_message(app, false, "%s unchanged.", k == TEXT_COMMENT ? "Comment" : "Evidence");
		free(opened);
		return false;
	}
	ok = save_text(app, as, k, (size_t)c, NO_LEVEL, opened, text);
	free(opened);
	free(text);
	return ok;
}

void assess_comment(struct app *app, struct assess *as)
{
	edit_crit_text(app, as, TEXT_COMMENT, false);
}

void assess_evidence(struct app *app, struct assess *as)
{
	edit_crit_text(app, as, TEXT_EVIDENCE, false);
}

/* n/a says why: without a comment the comment editor opens first. */
void assess_na(struct app *app, struct assess *as)
{
	long c = assess_selected(as);
	const char *comment;

	if (c < 0 || !may_change(app, as))
		return;
	comment = as->v.a->crits[c].comment;
	if (!(comment && *comment) && !edit_crit_text(app, as, TEXT_COMMENT, true))
		return;
	answer_and_advance(app, as, (size_t)c, ANS_NA);
}

void assess_notes(struct app *app, struct assess *as)
{
	const struct dim_state *ds = &as->v.a->dims[as->dim];
	char title[160], *text, *opened;

	if (!may_change(app, as))
		return;
	snprintf(title, sizeof title, "Notes: %s", as->v.a->model->dims[as->dim].name);
	/* A reload while the prompt is open replaces ds: keep a copy. */
	opened = xstrdup(ds->notes ? ds->notes : "");
	text = dialog_prompt(app, title, opened, 0, NULL, NULL);
	if (!text) {
		app_message(app, false, "Notes unchanged.");
		free(opened);
		return;
	}
	save_text(app, as, TEXT_NOTES, as->dim, NO_LEVEL, opened, text);
	free(opened);
	free(text);
}

static void set_target(struct app *app, struct assess *as, int level)
{
	struct undo_entry e = undo_capture(as->v.a, UNDO_TARGET, as->dim);
	bool ok = store_set_target(app->st, as->v.a, as->dim, level);

	undo_record(&app->undo, &e, as->v.a, ok);
	changed(app, as, ok);
}

void assess_level(struct app *app, struct assess *as, int which, int level)
{
	char title[64], *reason, *opened;
	const char *old;

	if (!may_change(app, as))
		return;
	if (which == 't') {
		set_target(app, as, level);
		return;
	}
	if (level == NO_LEVEL) {
		struct undo_entry e = undo_capture(as->v.a, UNDO_OVERRIDE, as->dim);
		bool ok = store_set_override(app->st, as->v.a, as->dim, NO_LEVEL, NULL);

		undo_record(&app->undo, &e, as->v.a, ok);
		changed(app, as, ok);
		return;
	}
	old = as->v.a->dims[as->dim].override_reason;
	snprintf(title, sizeof title, "Reason for overriding the level to %d", level);
	opened = xstrdup(old ? old : "");
	reason = dialog_prompt(app, title, opened, 0, need_text,
			       "A reason is required for an override.");
	if (!reason) {
		app_message(app, false, "Override cancelled.");
		free(opened);
		return;
	}
	save_text(app, as, TEXT_OVERRIDE, as->dim, level, opened, reason);
	free(opened);
	free(reason);
}

void assess_confirm_carried(struct app *app, struct assess *as)
{
	const struct dimension *d = &as->v.a->model->dims[as->dim];
	size_t n = assessment_carried(as->v.a, (long)as->dim);
	char q[200];
	int done;

	if (!n) {
		app_message(app, false, "No carried answers in %s.", d->name);
		return;
	}
	if (!may_change(app, as))
		return;
	snprintf(q, sizeof q, "Confirm %zu carried answer%s of %s as answered?", n, n == 1 ? "" : "s",
		 d->name);
	if (!dialog_confirm(app, q)) {
		app_message(app, false, "Nothing confirmed.");
		return;
	}
	done = store_confirm_carried(app->st, as->v.a, as->dim);
	changed(app, as, done >= 0);
	if (done >= 0)
		app_message(app, false, "Confirmed %d carried answer%s of %s.", done,
			    done == 1 ? "" : "s", d->name);
}

/* S signs off an open assessment after a y/n, or reopens a signed-off one
 * with a reason. */
void assess_sign(struct app *app, struct assess *as)
{
	struct assessment *a = as->v.a;
	char q[200], p[PERIOD_LEN], *reason;

	period_format(a->period, p);
	if (!a->signed_by) {
		snprintf(q, sizeof q, "Sign off %s %s? Coverage %.0f%%, %zu answer%s still carried.",
			 a->team, p, a->overall.coverage * 100, assessment_carried(a, -1),
			 assessment_carried(a, -1) == 1 ? "" : "s");
		if (!dialog_confirm(app, q)) {
			app_message(app, false, "Not signed off.");
			return;
		}
		changed(app, as, store_sign_off(app->st, a));
		if (a->signed_by)
			app_message(app, false, "%s %s signed off by %s.", a->team, p, a->signed_by);
		return;
	}
	snprintf(q, sizeof q, "Reopen %s %s (signed off by %s): reason", a->team, p, a->signed_by);
	reason = dialog_prompt(app, q, "", COMMENT_MAX, need_text, "Reopening needs a reason.");
	if (!reason) {
		app_message(app, false, "Still signed off.");
		return;
	}
	changed(app, as, store_reopen(app->st, a, reason));
	if (!a->signed_by)
		app_message(app, false, "%s %s reopened.", a->team, p);
	free(reason);
}
