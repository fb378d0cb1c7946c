/* The quarterly review of one team: its heatmap over every period, the
 * change between two periods (scores, answers that moved, notes), progress
 * figures, and the roadmap table where items are tracked. */
#include "screen_review.h"
#include "review.h"
#include "dialog.h"
#include "layout.h"
#include "pane_change.h"
#include "pane_heatmap.h"
#include "pane_progress.h"
#include "progress.h"
#include "screen_assess.h"
#include "tui_export.h"
#include "xalloc.h"
#include "period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAT_LABEL_W 18 /* the dimension names beside the heatmap */

static struct review *RV(struct screen *s) { return s->data; }

static void free_derived(struct review *r)
{
	free(r->fig.hist);
	memset(&r->fig, 0, sizeof r->fig);
	pane_change_free(&r->change);
}

static void derive_figures(struct review *r)
{
	const struct assessment *a = r->a_after;
	const struct model *m = a->model;
	int *targets = xcalloc(m->ndims, sizeof *targets);
	double *scores = xcalloc(m->ndims, sizeof *scores), *weights = xcalloc(m->ndims, sizeof *weights);
	struct figures *f = &r->fig;

	for (size_t d = 0; d < m->ndims; d++) {
		targets[d] = a->dims[d].target;
		scores[d] = a->scores[d].score;
		weights[d] = m->dims[d].weight;
	}
	f->target = progress_overall_target(targets, scores, weights, m->ndims);
	f->has_target = progress_percent_to_target(targets, scores, m->ndims, &f->to_target);
	f->has_to_date = progress_to_date(r->rows[0].overall, a->overall.score, f->target,
					  &f->to_date);
	f->hist = xcalloc(r->nrows, sizeof *f->hist);
	for (size_t i = 0; i < r->nrows; i++)
		f->hist[i] = r->rows[i].overall;
	free(targets);
	free(scores);
	free(weights);
}

/* What the review shows of the compared pair, worked out once per pair
 * rather than on every frame. */
static void derive(struct review *r)
{
	free_derived(r);
	r->mark[0] = r->nrows ? pane_heatmap_column(&r->heat, r->rows[r->after].period) : -1;
	r->mark[1] = r->nrows ? pane_heatmap_column(&r->heat, r->rows[r->before].period) : -1;
	if (!r->a_after)
		return;
	derive_figures(r);
	pane_change_load(&r->change, r->a_after, r->a_before);
}

static void load_pair(struct app *app, struct review *r)
{
	assessment_free(r->a_after);
	assessment_free(r->a_before);
	r->a_after = r->a_before = NULL;
	if (!r->nrows)
		return;
	if (store_assessment_load(app->st, r->rows[r->after].id, &r->a_after) < 0)
		app_message(app, true, "%s", store_error(app->st));
	if (r->before != r->after &&
	    store_assessment_load(app->st, r->rows[r->before].id, &r->a_before) < 0)
		app_message(app, true, "%s", store_error(app->st));
	if (r->a_after)
		r->m = r->a_after->model;
}

static void mark_overdue(struct review *r)
{
	int now = period_current();

	free(r->rm_overdue);
	r->rm_overdue = xcalloc(r->nrm ? r->nrm : 1, sizeof *r->rm_overdue);
	for (size_t i = 0; i < r->nrm; i++)
		r->rm_overdue[i] = review_item_open(&r->rm[i]) && r->rm[i].due_period != NO_PERIOD &&
				   r->rm[i].due_period < now;
}

/* What blocks each open item, from the team's latest assessment's answers. */
static void mark_blocked(struct app *app, struct review *r, size_t nold)
{
	struct assessment *own = NULL;
	const struct assessment *latest = r->after + 1 == r->nrows ? r->a_after : NULL;

	roadmap_blocked_free(r->rm_blocked, nold);
	if (!latest && r->nrows && store_assessment_load(app->st, r->rows[r->nrows - 1].id, &own) >= 0)
		latest = own;
	r->rm_blocked = roadmap_blocked_list(latest ? latest->model : NULL,
					     latest ? latest->answers : NULL, r->rm, r->nrm);
	assessment_free(own);
}

/* Which heat columns are periods whose assessment is signed off. */
static void mark_signed(struct review *r)
{
	free(r->heat_signed);
	r->heat_signed = xcalloc(r->heat.nperiods ? r->heat.nperiods : 1, sizeof *r->heat_signed);
	for (size_t i = 0; i < r->nrows; i++) {
		long c = pane_heatmap_column(&r->heat, r->rows[i].period);

		if (c >= 0)
			r->heat_signed[c] = r->rows[i].signed_off;
	}
}

static void review_reload(struct app *app, struct screen *s)
{
	struct review *r = s->data;
	int64_t keep_after = r->nrows ? r->rows[r->after].id : 0;
	int64_t keep_before = r->nrows ? r->rows[r->before].id : 0;
	size_t nold;

	free(r->rows);
	if (!store_team_assessments(app->st, r->team_id, &r->rows, &r->nrows))
		app_message(app, true, "%s", store_error(app->st));
	r->after = r->nrows ? r->nrows - 1 : 0;
	r->before = r->nrows > 1 ? r->nrows - 2 : r->after;
	for (size_t i = 0; i < r->nrows; i++) {
		if (r->rows[i].id == keep_after)
			r->after = i;
		if (r->rows[i].id == keep_before)
			r->before = i;
	}
	load_pair(app, r);
	r->heat_follow = true;
	pane_heatmap_free(&r->heat);
	if (r->m && r->nrows &&
	    !pane_heatmap_load(&r->heat, app->st, r->team_id, r->m, r->rows[0].period,
			       r->rows[r->nrows - 1].period))
		app_message(app, true, "%s", store_error(app->st));
	mark_signed(r);
	derive(r);
	store_roadmap_free(r->rm, nold = r->nrm);
	if (!store_roadmap_list(app->st, r->team_id, false, &r->rm, &r->nrm))
		app_message(app, true, "%s", store_error(app->st));
	if (r->sel >= r->nrm)
		r->sel = r->nrm ? r->nrm - 1 : 0;
	mark_overdue(r);
	mark_blocked(app, r, nold);
}

/* Scrolls the heatmap sideways so both compared periods are in view when
 * they can be, the later one winning, after they changed; in between, H
 * and L scroll it freely. */
static void scroll_heat(struct review *r)
{
	const long *mark = r->mark;
	size_t ncols, n = r->heat.nperiods;

	if (!r->heat_win)
		return;
	ncols = (size_t)pane_heatmap_fit(getmaxx(r->heat_win), HEAT_LABEL_W);
	r->heat_fit = ncols;
	if (r->heat_follow) {
		if (mark[0] >= 0 && (size_t)mark[0] >= r->heat_left + ncols)
			r->heat_left = (size_t)mark[0] - ncols + 1;
		if (mark[1] >= 0 && (size_t)mark[1] < r->heat_left)
			r->heat_left = (size_t)mark[1];
		if (mark[0] >= 0 && (size_t)mark[0] < r->heat_left)
			r->heat_left = (size_t)mark[0];
		r->heat_follow = false;
	}
	r->heat_left = layout_scroll_clamp(r->heat_left, n, ncols);
}

static void review_layout(struct app *app, struct screen *s)
{
	struct review *r = s->data;

	layout_review(app->lines, app->cols, r->m ? (int)r->m->ndims : 8, r->show_change, &r->l);
	r->heat_win = ui_window_at(r->heat_win, &r->l.heat);
	r->change_win = ui_window_at(r->change_win, &r->l.change);
	r->figures = ui_window_at(r->figures, &r->l.figures);
	r->table = ui_window_at(r->table, &r->l.table);
	scroll_heat(r);
}

static void draw_heat(struct app *app, struct review *r)
{
	char title[160];
	struct heatmap_frame f = {
		title, true, "No assessment yet.", HEAT_LABEL_W, r->heat_left,
		{ r->mark[0], r->mark[1] }, A_UNDERLINE, true, NULL, r->heat_signed,
		0, "{ }", "H L",
	};

	r->heat_rows = (size_t)pane_heatmap_rows(getmaxy(r->heat_win));
	r->heat_top = f.top = layout_scroll_clamp(r->heat_top, r->m ? r->m->ndims : 0, r->heat_rows);
	werase(r->heat_win);
	snprintf(title, sizeof title, "%s: %zu period%s, %s signed off", r->team, r->nrows,
		 r->nrows == 1 ? "" : "s", ui.g->signed_off);
	pane_heatmap_draw(r->heat_win, &r->heat, &f, app->heat_by_gap);
	wnoutrefresh(r->heat_win);
}

static void draw_figures(struct review *r)
{
	WINDOW *w = r->figures;
	int iw = getmaxx(w), x = 1;
	const struct assessment *a = r->a_after;
	const struct figures *f = &r->fig;
	char buf[256];

	werase(w);
	if (!a) {
		wnoutrefresh(w);
		return;
	}
	if (f->has_target)
		snprintf(buf, sizeof buf, "To target %.0f%%", f->to_target * 100);
	else
		snprintf(buf, sizeof buf, "To target -");
	x += ui_text(w, 0, x, buf, iw - x, ui_attr(ROLE_TITLE)) + 3;
	if (f->has_to_date) {
		char p0[PERIOD_LEN];

		period_format(r->rows[0].period, p0);
		snprintf(buf, sizeof buf, "Progress since %s %.0f%% (%.2f -> %.2f of %.2f)", p0,
			 f->to_date * 100, r->rows[0].overall, a->overall.score, f->target);
	} else {
		snprintf(buf, sizeof buf, "Progress since first -: target equals baseline");
	}
	x += ui_text(w, 0, x, buf, iw - x, ui_attr(ROLE_TEXT)) + 3;
	if (x + 12 < iw) {
		size_t n = r->nrows;
		int k = n > (size_t)(iw - x - 10) ? iw - x - 10 : (int)n;

		x += ui_text(w, 0, x, "Overall ", 8, ui_attr(ROLE_MUTED));
		ui_spark(w, 0, x, f->hist + n - (size_t)k, k, a->model->lowest, a->model->highest,
			 ui_attr(ROLE_BAR));
		snprintf(buf, sizeof buf, " %.2f", a->overall.score);
		ui_text(w, 0, x + k, buf, 6, ui_attr(ROLE_TEXT));
	}
	wnoutrefresh(w);
}

static void review_draw(struct app *app, struct screen *s)
{
	struct review *r = s->data;

	if (r->heat_win)
		draw_heat(app, r);
	if (r->change_win) {
		werase(r->change_win);
		pane_change_draw(r->change_win, &r->change, &r->cs, r->on_change);
		wnoutrefresh(r->change_win);
	}
	if (r->figures)
		draw_figures(r);
	if (r->table)
		review_draw_table(r);
}

/* Moves the later (or earlier) of the two compared periods; the other one
 * steps along when they would meet, so two periods stay compared while the
 * team has two. */
static void pick(struct app *app, struct review *r, bool later, int delta)
{
	long after = (long)r->after, before = (long)r->before, n = (long)r->nrows;

	if (later)
		after += delta;
	else
		before += delta;
	if (n > 1 && after == before) {
		if (later)
			before += delta;
		else
			after += delta;
	}
	if (after < 0 || before < 0 || after >= n || before >= n || (n > 1 && before > after))
		return;
	r->after = (size_t)after;
	r->before = (size_t)before;
	r->cs.sel = r->cs.top = 0;
	r->heat_follow = true;
	load_pair(app, r);
	derive(r);
}

static void k_after_next(struct app *app, struct screen *s) { pick(app, RV(s), true, 1); }
static void k_after_prev(struct app *app, struct screen *s) { pick(app, RV(s), true, -1); }
static void k_before_next(struct app *app, struct screen *s) { pick(app, RV(s), false, 1); }
static void k_before_prev(struct app *app, struct screen *s) { pick(app, RV(s), false, -1); }
/* The list keys move the roadmap's selection, or after Tab the change
 * list's (a page: the answers in view). */
static void k_move(struct app *app, struct screen *s)
{
	struct review *r = RV(s);

	if (r->on_change)
		r->cs.sel = app_list_move(app, r->cs.sel, r->change.nmoved, r->cs.page);
	else
		r->sel = app_list_move(app, r->sel, r->nrm, r->page);
}

/* { } a page of the heatmap's dimensions and of the change's scores; H L
 * a page of the heatmap's periods. */
static void k_scroll(struct app *app, struct screen *s)
{
	struct review *r = RV(s);
	size_t nd = r->m ? r->m->ndims : 0;
	long dir = app->key == '}' || app->key == 'L' ? 1 : -1;

	if (app->key == 'H' || app->key == 'L') {
		r->heat_left = layout_scroll_page(r->heat_left, dir, r->heat.nperiods,
						  r->heat_fit ? r->heat_fit : 1);
		return;
	}
	r->heat_top = layout_scroll_page(r->heat_top, dir, nd, r->heat_rows ? r->heat_rows : 1);
	if (r->cs.score_page)
		r->cs.score_top = layout_scroll_page(r->cs.score_top, dir,
						     r->m ? pane_progress_lines(r->m) : 0,
						     r->cs.score_page);
}

/* i: the selected change, or roadmap item, in full. */
static void k_info(struct app *app, struct screen *s)
{
	struct review *r = RV(s);
	char title[200], *text;

	if (r->on_change)
		text = pane_change_text(&r->change, r->cs.sel, title, sizeof title);
	else
		text = review_item_text(r, r->sel, title, sizeof title);
	if (!text) {
		app_message(app, false, r->on_change ? "No changed answer to show." : "No roadmap item to show.");
		return;
	}
	dialog_text(app, title, text);
	free(text);
}

static void k_focus(struct app *app, struct screen *s)
{
	(void)app;
	RV(s)->on_change = !RV(s)->on_change;
	RV(s)->show_change = RV(s)->on_change; /* narrow terminals show the one moved */
}
static void k_back(struct app *app, struct screen *s) { (void)s; app_pop(app); }
static void k_heat(struct app *app, struct screen *s) { (void)s; app->heat_by_gap = !app->heat_by_gap; }
static void k_pane(struct app *app, struct screen *s) { (void)app; RV(s)->on_change = RV(s)->show_change = !RV(s)->show_change; }

static void k_open(struct app *app, struct screen *s)
{
	struct review *r = RV(s);

	if (r->nrows)
		screen_assess_open(app, r->rows[r->after].id);
}

static struct roadmap_row *current_item(struct app *app, struct review *r)
{
	if (!r->nrm) {
		app_message(app, false, "No roadmap item to change.");
		return NULL;
	}
	return &r->rm[r->sel];
}

/* Reloads after an edit; a failed edit says so last, so that no message
 * of the reload hides that the change was not saved. */
static void after_edit(struct app *app, struct screen *s, bool ok)
{
	char *why = ok ? NULL : xstrdup(store_error(app->st));

	review_reload(app, s);
	if (why)
		app_message(app, true, "Not saved: %s", why);
	free(why);
}

/* Keeps a roadmap edit that went through for U; returns ok. */
static bool undoable(struct app *app, struct review *r, enum undo_kind k, const char *crit,
		     int before, const char *before_text, bool ok)
{
	if (ok)
		undo_record_roadmap(&app->undo, k, r->team_id, crit, before, before_text);
	return ok;
}

/* Steps the item's status forwards (delta 1) or backwards (-1) through
 * planned, in-progress, done and dropped: every status key saves here. */
static void step_status(struct app *app, struct screen *s, int delta)
{
	struct roadmap_row *it = current_item(app, RV(s));
	enum rm_status next;

	if (!it)
		return;
	next = (enum rm_status)((it->status + RM_NSTATUS + delta) % RM_NSTATUS);
	after_edit(app, s, undoable(app, RV(s), UNDO_RM_STATUS, it->criterion_id, (int)it->status,
				    NULL, store_roadmap_set_status(app->st, RV(s)->team_id,
								   it->criterion_id, next)));
}

static void k_status(struct app *app, struct screen *s) { step_status(app, s, 1); }
static void k_status_back(struct app *app, struct screen *s) { step_status(app, s, -1); }

/* The prompts below wait for keys, and a change made meanwhile by another
 * process reloads the roadmap under them: the item is kept by its
 * criterion id, copied before the prompt opens. */
static void k_owner(struct app *app, struct screen *s)
{
	struct roadmap_row *it = current_item(app, RV(s));
	char *owner, *crit, *expected, *theirs = NULL;
	enum store_save r = STORE_SAVED;

	if (!it)
		return;
	crit = xstrdup(it->criterion_id);
	expected = xstrdup(it->owner ? it->owner : "");
	owner = dialog_prompt(app, "Owner (empty clears)", expected, TEAM_NAME_MAX, NULL, NULL);
	/* Another dashboard may have set the owner meanwhile: the user
	 * chooses (see save_text in screen_assess.c). */
	while (owner && (r = store_roadmap_set_owner_if(app->st, RV(s)->team_id, crit, expected,
							owner, &theirs)) == STORE_CONFLICT) {
		free(expected);
		expected = theirs ? theirs : xstrdup("");
		theirs = NULL;
		review_reload(app, s);
		if (dialog_conflict(app, "The owner", expected, owner) != 'k')
			break;
	}
	if (owner)
		after_edit(app, s, r != STORE_FAILED);
	if (owner && r == STORE_SAVED && strcmp(owner, expected))
		undoable(app, RV(s), UNDO_RM_OWNER, crit, 0, expected, true);
	if (owner && r == STORE_CONFLICT)
		app_message(app, false, "The owner from elsewhere kept; yours was not saved.");
	free(owner);
	free(expected);
	free(crit);
}

static const char *check_due(const char *text, void *ctx)
{
	(void)ctx;
	return !*text || period_parse(text, NULL) ? NULL : "A due period is YYYY-Qn, or empty to clear.";
}

static void k_due(struct app *app, struct screen *s)
{
	struct roadmap_row *it = current_item(app, RV(s));
	char init[PERIOD_LEN] = "", *text, *crit;
	int p = NO_PERIOD, was;

	if (!it)
		return;
	was = it->due_period;
	if (it->due_period != NO_PERIOD)
		period_format(it->due_period, init);
	crit = xstrdup(it->criterion_id);
	text = dialog_prompt(app, "Due period (YYYY-Qn, empty clears)", init, 7, check_due, NULL);
	if (text && *text)
		period_parse(text, &p);
	if (text)
		after_edit(app, s, undoable(app, RV(s), UNDO_RM_DUE, crit, was, NULL,
					    store_roadmap_set_due(app->st, RV(s)->team_id, crit, p)));
	free(text);
	free(crit);
}

static void k_export(struct app *app, struct screen *s)
{
	struct review *r = RV(s);
	struct export_filter f = { r->team, NO_PERIOD, 0 };
	char path[256];

	tui_export_default_path(EXPORT_ROADMAP, r->team, r->nrows ? r->rows[r->after].period : NO_PERIOD,
			    path, sizeof path);
	tui_export_offer(app, EXPORT_ROADMAP, &f, path, r->team,
			 r->nrows ? r->rows[r->after].period : NO_PERIOD);
}

/* Most used first, for the status line. */
static const struct keydef review_keys[] = {
	{ 's', 0, "s", "cycle the item's status", k_status, true },
	{ 'q', KEY_ESC, "q/Esc", "back", k_back, false },
	{ 'O', 0, "O", "set the item's owner", k_owner, true },
	{ 'd', 0, "d", "set the item's due period", k_due, true },
	{ 'S', 0, "S", "step the item's status back", k_status_back, true },
	{ 'j', KEY_DOWN, "j/Down", "next item", k_move, false },
	{ 'k', KEY_UP, "k/Up", "previous item", k_move, false },
	APP_LIST_KEYS(k_move, "item"),
	{ '\t', 0, "Tab", "list keys: roadmap or change list", k_focus, false },
	{ 'l', KEY_RIGHT, "l/Right", "later period: next", k_after_next, false },
	{ 'h', KEY_LEFT, "h/Left", "later period: previous", k_after_prev, false },
	{ ']', 0, "]", "earlier period: next", k_before_next, false },
	{ '[', 0, "[", "earlier period: previous", k_before_prev, false },
	{ '\n', '\r', "Enter", "open the later period's assessment", k_open, false },
	{ 'x', 0, "x", "export the roadmap as CSV, or the HTML report", k_export, false },
	{ 'g', 0, "g", "heatmap by level or by gap", k_heat, false },
	{ 'P', 0, "P", "change or roadmap (narrow screens)", k_pane, false },
	{ 'i', 0, "i", "the item or change in full", k_info, false },
	{ '}', '{', "}/{", "heatmap, scores: page down, up", k_scroll, false },
	{ 'H', 'L', "H/L", "heatmap: earlier, later periods", k_scroll, false },
	APP_UNDO_KEY,
	{ 0, 0, NULL, NULL, NULL, false },
};

/* The roadmap table's rows start under its heading (review_draw_table): a
 * click selects an item, a double-click opens the later period's
 * assessment like Enter. The wheel scrolls the list under the pointer, the
 * roadmap or the change list, and a click there gives it the list keys. */
static void review_mouse(struct app *app, struct screen *s, const struct mouse_event *ev)
{
	struct review *r = RV(s);
	long i;

	if (r->change_win && mouse_in(&r->l.change, ev->y, ev->x)) {
		r->on_change = true;
		if (ev->kind != MOUSE_CLICK)
			r->cs.sel = mouse_wheel_move(ev, r->cs.sel, r->change.nmoved);
		return;
	}
	if (!r->table || !mouse_in(&r->l.table, ev->y, ev->x))
		return;
	r->on_change = false;
	if (ev->kind != MOUSE_CLICK) {
		r->sel = mouse_wheel_move(ev, r->sel, r->nrm);
		return;
	}
	i = mouse_list_row(&r->l.table, 2, getmaxy(r->table) - 3, r->top, r->nrm, ev->y, ev->x);
	if (i >= 0 && ev->twice && (size_t)i == r->sel)
		k_open(app, s);
	else if (i >= 0)
		r->sel = (size_t)i;
}

static void review_destroy(struct screen *s)
{
	struct review *r = s->data;

	assessment_free(r->a_after);
	assessment_free(r->a_before);
	free(r->rows);
	free(r->team);
	pane_heatmap_free(&r->heat);
	free(r->heat_signed);
	free_derived(r);
	store_roadmap_free(r->rm, r->nrm);
	free(r->rm_overdue);
	roadmap_blocked_free(r->rm_blocked, r->nrm);
	if (r->heat_win) delwin(r->heat_win);
	if (r->change_win) delwin(r->change_win);
	if (r->figures) delwin(r->figures);
	if (r->table) delwin(r->table);
	free(r);
}

static bool review_changed(struct app *app, struct screen *s, const struct store_changes *c)
{
	if (!store_changes_team(c, ((struct review *)s->data)->team_id))
		return false;
	review_reload(app, s);
	return true;
}

const struct screen_ops screen_review_ops = {
	"Quarterly review", review_layout, review_draw, review_reload, NULL, review_destroy,
	review_keys, NULL, NULL, review_mouse, review_changed,
};

void screen_review_open(struct app *app, int64_t team_id)
{
	struct review *r = xcalloc(1, sizeof *r);

	r->team_id = team_id;
	if (store_team_name(app->st, team_id, &r->team) < 0)
		app_message(app, true, "%s", store_error(app->st));
	if (!r->team)
		r->team = xstrdup("?");
	app_push(app, &screen_review_ops, r);
	review_reload(app, app_top(app));
}
