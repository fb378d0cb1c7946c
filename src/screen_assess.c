/* The guided assessment: one dimension at a time, its criteria grouped by
 * level with their answers, the stage texts, target, override and notes,
 * and why the level is what it is; the panes beside it follow each change.
 * This file holds the screen and its movements; assess_draw.c draws it and
 * assess_edit.c makes its changes. */
#include "screen_assess.h"
#include "assess.h"
#include "assess_meet.h"
#include "dialog.h"
#include "period.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct assess *A(struct screen *s) { return s->data; }

/* Only who is where changed: the others on this assessment, a vote's
 * count, the dashboard followed. */
static void assess_presence(struct app *app, struct screen *s)
{
	assess_meet_reload(app, s->data);
}

static void assess_reload(struct app *app, struct screen *s)
{
	struct assess *as = s->data;

	if (!as->v.a || !store_assessment_reload(app->st, as->v.a))
		app_message(app, true, "%s", store_error(app->st));
	team_view_refresh(app, &as->v);
	assess_explain(as);
	assess_meet_reload(app, as);
}

static void assess_layout(struct app *app, struct screen *s)
{
	struct assess *as = s->data;

	layout_assess(app->lines, app->cols, as->shown, (int)as->v.a->model->ndims, &as->l);
	as->main = ui_window_at(as->main, &as->l.main);
	if (as->main && getmaxy(as->main) != as->nrow_crit) {
		as->nrow_crit = getmaxy(as->main);
		as->row_crit = xrealloc(as->row_crit, (size_t)as->nrow_crit * sizeof *as->row_crit);
		for (int r = 0; r < as->nrow_crit; r++)
			as->row_crit[r] = -1;
	}
}

static void assess_draw(struct app *app, struct screen *s)
{
	struct assess *as = s->data;

	if (!as->main || !as->v.a)
		return;
	assess_draw_main(as);
	wnoutrefresh(as->main);
	panes_draw(app, &as->l, as->panes, &as->v);
	assess_meet_draw(app, as);
}

static void k_yes(struct app *app, struct screen *s) { assess_answer(app, A(s), ANS_YES); }
static void k_partly(struct app *app, struct screen *s) { assess_answer(app, A(s), ANS_PARTLY); }
static void k_no(struct app *app, struct screen *s) { assess_answer(app, A(s), ANS_NO); }
static void k_unknown(struct app *app, struct screen *s) { assess_answer(app, A(s), ANS_UNKNOWN); }
static void k_na(struct app *app, struct screen *s) { assess_na(app, A(s)); }
static void k_comment(struct app *app, struct screen *s) { assess_comment(app, A(s)); }
static void k_evidence(struct app *app, struct screen *s) { assess_evidence(app, A(s)); }
static void k_notes(struct app *app, struct screen *s) { assess_notes(app, A(s)); }
static void k_confirm(struct app *app, struct screen *s) { assess_confirm_carried(app, A(s)); }
static void k_sign(struct app *app, struct screen *s) { assess_sign(app, A(s)); }
static void k_find(struct app *app, struct screen *s) { assess_find(app, A(s)); }
static void k_find_next(struct app *app, struct screen *s) { assess_find_step(app, A(s), 1); }
static void k_find_prev(struct app *app, struct screen *s) { assess_find_step(app, A(s), -1); }

static void k_toggle(struct app *app, struct screen *s)
{
	long c = assess_selected(A(s));

	if (c >= 0)
		assess_answer(app, A(s), A(s)->v.a->answers[c] == ANS_YES ? ANS_NO : ANS_YES);
}

static void move_dim(struct app *app, struct screen *s, int delta)
{
	struct assess *as = A(s);
	size_t n = as->v.a->model->ndims;

	(void)app;
	assess_go_to(as, (as->dim + n + (size_t)(delta + (int)n)) % n, 0);
}

static void k_next_dim(struct app *app, struct screen *s) { move_dim(app, s, 1); }
static void k_prev_dim(struct app *app, struct screen *s) { move_dim(app, s, -1); }

/* j/k, PgUp/PgDn, Home, End: a page is about half the criteria window,
 * as criteria take a line or more each. */
static void k_move(struct app *app, struct screen *s)
{
	struct assess *as = A(s);
	int rows = as->main ? getmaxy(as->main) / 2 : 10;

	as->sel = app_list_move(app, as->sel, as->norder, (size_t)(rows > 1 ? rows : 1));
}

/* J: the next criterion, in screen order across the dimensions and round
 * again, that is unknown or carried. */
static void k_jump(struct app *app, struct screen *s)
{
	struct assess *as = A(s);
	const struct assessment *a = as->v.a;
	const struct model *m = a->model;
	size_t *all = xcalloc(m->ncrits + 1, sizeof *all), *dim = xcalloc(m->ncrits + 1, sizeof *dim);
	size_t *pos = xcalloc(m->ncrits + 1, sizeof *pos), n = 0, here = 0;

	for (size_t d = 0; d < m->ndims; d++) {
		size_t k = assess_order(m, d, all + n);

		for (size_t i = 0; i < k; i++) {
			if (d == as->dim && i == as->sel)
				here = n + i;
			dim[n + i] = d;
			pos[n + i] = i;
		}
		n += k;
	}
	for (size_t step = 1; step <= n; step++) {
		size_t q = (here + step) % n, c = all[q];

		if (a->answers[c] == ANS_UNKNOWN || a->crits[c].origin == ORIGIN_CARRIED) {
			assess_go_to(as, dim[q], pos[q]);
			goto done;
		}
	}
	app_message(app, false, "All criteria answered: none is unknown or carried.");
done:
	free(all);
	free(dim);
	free(pos);
}

/* i: the selected criterion in full, with everything the assessment holds
 * about it and the model says of it (guidance, references, prerequisites
 * with their answers). */
static void k_info(struct app *app, struct screen *s)
{
	struct assess *as = A(s);
	const struct assessment *a = as->v.a;
	long c = assess_selected(as);
	const struct criterion *cr;
	const struct crit_state *cs;
	const struct model_level *lv;
	struct strbuf b;
	char title[200];

	if (c < 0)
		return;
	cr = &a->model->crits[c];
	cs = &a->crits[c];
	lv = model_level(a->model, cr->level);
	sb_init(&b);
	sb_printf(&b, "%s\n\nLevel %d  %s\nAnswer: %s%s%s\n\nComment: %s\n\nEvidence: %s",
		  cr->text, cr->level, lv ? lv->name : "", answer_name(a->answers[c]),
		  cs->origin ? ", " : "", origin_name(cs->origin),
		  cs->comment ? cs->comment : "-", cs->evidence ? cs->evidence : "-");
	if (cr->action)
		sb_printf(&b, "\n\nAction: %s", cr->action);
	if (cr->guidance)
		sb_printf(&b, "\n\nGuidance: %s", cr->guidance);
	for (size_t k = 0; k < cr->nrefs; k++)
		sb_printf(&b, "%s%s", k ? "; " : "\n\nReferences: ", cr->refs[k]);
	for (size_t k = 0; k < cr->nrequires; k++) {
		size_t r = cr->requires[k];
		enum answer v = a->answers[r];

		sb_printf(&b, "%s%s: %s, %s (%s)", k ? "\n" : "\n\nRequires:\n", a->model->crits[r].id,
			  answer_name(v), v == ANS_YES || v == ANS_NA ? "met" : "not met",
			  a->model->crits[r].text);
	}
	assess_vote_info(app, as, (size_t)c, &b);
	snprintf(title, sizeof title, "%s (%s)", cr->id, a->model->dims[cr->dim].name);
	dialog_text(app, title, b.s);
	sb_free(&b);
}

static void k_target(struct app *app, struct screen *s) { (void)app; A(s)->pending = 't'; }
static void k_override(struct app *app, struct screen *s) { (void)app; A(s)->pending = 'v'; }
static void k_back(struct app *app, struct screen *s) { (void)s; app_pop(app); }
static void k_heat(struct app *app, struct screen *s) { (void)s; app->heat_by_gap = !app->heat_by_gap; }
static void k_panes(struct app *app, struct screen *s) { panes_key(app, &A(s)->v); }
static void k_dim_info(struct app *app, struct screen *s) { assess_dim_info(app, A(s)); }

static void k_pane(struct app *app, struct screen *s)
{
	struct assess *as = A(s);

	(void)app;
	/* Narrow terminals: the criteria alone, or with one pane below. */
	as->shown = as->shown + 1 >= PANE_COUNT ? -1 : as->shown + 1;
}

static void k_follow(struct app *app, struct screen *s) { assess_meet_follow(app, A(s)); }
static void k_vote(struct app *app, struct screen *s) { assess_vote_key(app, A(s)); }

static bool assess_idle(struct app *app, struct screen *s)
{
	return assess_meet_idle(app, A(s));
}

static bool assess_key(struct app *app, struct screen *s, int key)
{
	struct assess *as = A(s);
	const struct model *m = as->v.a->model;
	int which = as->pending;

	if (!which)
		return assess_meet_key(app, as, key);
	as->pending = 0;
	if (key == 'x') {
		assess_level(app, as, which, NO_LEVEL);
	} else if (key >= '0' + m->lowest && key <= '0' + m->highest) {
		assess_level(app, as, which, key - '0');
	} else if (key == KEY_ESC) {
		app_message(app, false, "Cancelled.");
	} else {
		app_message(app, true, "%s needs a level from %d to %d, or x to clear.",
			    which == 't' ? "A target" : "An override", m->lowest, m->highest);
	}
	return true;
}

/* Most used first: the status line shows the keys that fit, in this order. */
static const struct keydef assess_keys[] = {
	{ '\t', KEY_RIGHT, "Tab", "next dimension", k_next_dim, false },
	{ 'y', 0, "y", "yes", k_yes, true },
	{ 'p', 0, "p", "partly", k_partly, true },
	{ 'n', 0, "n", "no", k_no, true },
	{ 'q', KEY_ESC, "q/Esc", "back home", k_back, false },
	{ 'a', 0, "a", "n/a (asks why)", k_na, true },
	{ 'u', 0, "u", "unknown", k_unknown, true },
	{ ' ', 0, "Space", "toggle yes/no", k_toggle, true },
	{ 'c', 0, "c", "comment", k_comment, true },
	{ 'E', 0, "E", "evidence", k_evidence, true },
	{ 'J', 0, "J", "next unknown or carried", k_jump, false },
	{ '/', 0, "/", "find in criteria, comments", k_find, false },
	{ '>', KEY_CTRL('n'), ">/Ctrl-N", "next match of /", k_find_next, false },
	{ '<', KEY_CTRL('p'), "</Ctrl-P", "previous match of /", k_find_prev, false },
	{ 'C', 0, "C", "confirm carried answers", k_confirm, true },
	{ 'S', 0, "S", "sign off / reopen", k_sign, true },
	APP_UNDO_KEY,
	{ 'i', 0, "i", "the criterion in full", k_info, false },
	{ 'I', 0, "I", "the dimension in full", k_dim_info, false },
	{ 't', 0, "t N", "target (t x clears)", k_target, true },
	{ 'v', 0, "v N", "override, asks a reason", k_override, true },
	{ 'e', 0, "e", "notes", k_notes, true },
	{ KEY_BTAB, KEY_LEFT, "Shift-Tab", "previous dimension", k_prev_dim, false },
	{ 'j', KEY_DOWN, "j/Down", "next criterion", k_move, false },
	{ 'k', KEY_UP, "k/Up", "previous criterion", k_move, false },
	APP_LIST_KEYS(k_move, "criterion"),
	{ 'l', 0, "l/Right", "next dimension", k_next_dim, false },
	{ 'h', 0, "h/Left", "previous dimension", k_prev_dim, false },
	{ 'g', 0, "g", "heatmap: level or gap", k_heat, false },
	{ 'P', 0, "P", "another pane (narrow)", k_pane, false },
	{ 'F', 0, "F", "follow another dashboard", k_follow, false },
	{ 'V', 0, "V", "vote: open, reveal", k_vote, true },
	PANES_KEYS(k_panes),
	{ 0, 0, NULL, NULL, NULL, false },
};

/* A click on a criterion's lines (as the drawing noted them) selects it,
 * a double-click shows it in full like i; the wheel over the criteria
 * moves the selection. */
static void assess_mouse(struct app *app, struct screen *s, const struct mouse_event *ev)
{
	struct assess *as = A(s);
	int row = ev->y - as->l.main.y;
	long i;

	if (!as->main || !mouse_in(&as->l.main, ev->y, ev->x))
		return;
	if (ev->kind != MOUSE_CLICK) {
		as->sel = mouse_wheel_move(ev, as->sel, as->norder);
		return;
	}
	/* The second click of a double-click opens what the first selected,
	 * although the criteria below it may have moved up meanwhile (the
	 * one selected before lost its notes). */
	if (ev->twice && as->clicked) {
		as->clicked = false;
		k_info(app, s);
		return;
	}
	i = row >= 0 && row < as->nrow_crit ? as->row_crit[row] : -1;
	as->clicked = i >= 0 && (size_t)i < as->norder;
	if (as->clicked)
		as->sel = (size_t)i;
}

static void assess_destroy(struct screen *s)
{
	struct assess *as = s->data;

	assess_meet_free(as);
	team_view_free(&as->v);
	free(as->order);
	free(as->find);
	free(as->row_crit);
	assess_explain_free(as);
	if (as->main)
		delwin(as->main);
	for (int p = 0; p < PANE_COUNT; p++)
		if (as->panes[p])
			delwin(as->panes[p]);
	free(as);
}

static bool assess_changed(struct app *app, struct screen *s, const struct store_changes *c)
{
	struct assess *as = s->data;

	/* The roadmap and the carried answers are the team's, not only this
	 * assessment's. */
	if (as->v.a && !store_changes_team(c, as->v.a->team_id))
		return false;
	assess_reload(app, s);
	return true;
}

const struct screen_ops screen_assess_ops = {
	"Assessment", assess_layout, assess_draw, assess_reload, assess_key, assess_destroy,
	assess_keys, assess_idle, assess_presence, assess_mouse, assess_changed,
};

void screen_assess_open(struct app *app, int64_t assessment_id)
{
	struct assess *as = xcalloc(1, sizeof *as);
	struct assessment *a;

	if (store_assessment_load(app->st, assessment_id, &a) <= 0) {
		app_message(app, true, "%s", store_error(app->st));
		free(as);
		return;
	}
	as->shown = -1;
	as->v.team_id = a->team_id;
	as->v.a = a;
	team_view_refresh(app, &as->v);
	as->advance = app->advance;
	assess_build_order(as);
	assess_explain(as);
	assess_meet_open(app, as);
	app_push(app, &screen_assess_ops, as);
}

void screen_assess_open_following(struct app *app, int64_t assessment_id)
{
	struct screen *s;
	int depth = app->depth;

	screen_assess_open(app, assessment_id);
	s = app_top(app);
	if (app->depth > depth && s && s->ops == &screen_assess_ops)
		assess_meet_follow(app, s->data);
}
