/* The guided assessment: one dimension at a time, its criteria grouped by
 * level with their answers, the stage texts, target, override and notes,
 * and why the level is what it is; the panes beside it follow each change. */
#include "screen_assess.h"
#include "dialog.h"
#include "panes.h"
#include "xalloc.h"
#include "period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WRAP_MAX 32

struct assess {
	struct team_view v;
	size_t dim;
	size_t *order, norder;  /* the dimension's criteria, by level */
	char *why;              /* why the dimension's level is what it is */
	size_t sel, top_line;
	int pending;            /* 't' or 'v' while waiting for a level */
	int shown;              /* narrow terminals: pane below, or -1 */
	struct layout l;
	WINDOW *main, *panes[PANE_COUNT];
};

static struct assess *A(struct screen *s) { return s->data; }

static void build_order(struct assess *as)
{
	const struct model *m = as->v.a->model;
	const struct dimension *d = &m->dims[as->dim];

	free(as->order);
	as->order = xcalloc(d->ncrit, sizeof *as->order);
	as->norder = 0;
	for (int l = m->lowest + 1; l <= m->highest; l++)
		for (size_t c = d->first; c < d->first + d->ncrit; c++)
			if (m->crits[c].level == l)
				as->order[as->norder++] = c;
	if (as->sel >= as->norder)
		as->sel = as->norder ? as->norder - 1 : 0;
}

/* Explains the dimension's level once per change, not once per frame. */
static void explain(struct assess *as)
{
	const struct assessment *a = as->v.a;

	free(as->why);
	as->why = score_explain(a->model, as->dim, a->answers, &a->scores[as->dim]);
}

static void assess_reload(struct app *app, struct screen *s)
{
	struct assess *as = s->data;

	if (!as->v.a || !store_assessment_reload(app->st, as->v.a))
		app_message(app, true, "%s", store_error(app->st));
	team_view_refresh(app, &as->v);
	explain(as);
}

static void assess_layout(struct app *app, struct screen *s)
{
	struct assess *as = s->data;

	layout_assess(app->lines, app->cols, as->shown, (int)as->v.a->model->ndims, &as->l);
	as->main = ui_window_at(as->main, &as->l.main);
}

static const char *answer_label(enum answer a)
{
	static const char *const utf8[] = { "  ?   ", " no   ", "partly", " yes  ", " n/a  " };

	return utf8[a];
}

static enum role answer_role(enum answer a)
{
	static const enum role r[] = { ROLE_UNKNOWN, ROLE_NO, ROLE_PARTLY, ROLE_YES, ROLE_MUTED };

	return r[a];
}

/* Draws text wrapped from line *y, at most max lines, clipped at bottom. */
static void wrapped(WINDOW *w, int *y, int x, int width, int bottom, const char *text,
		    int max, attr_t a)
{
	size_t st[WRAP_MAX + 1], ln[WRAP_MAX + 1];
	int lim = max < WRAP_MAX ? max : WRAP_MAX;
	int n = ui_wrap(text, width, st, ln, lim + 1);

	for (int i = 0; i < n && i < lim && *y < bottom; i++, (*y)++) {
		bool cut = (i == lim - 1 && n > lim) || (*y == bottom - 1 && i < n - 1);
		/* The last line shown of a longer text ends in an ellipsis. */
		char *part = cut ? xasprintf("%.*s%s", (int)ln[i], text + st[i], ui.g->ellipsis)
				 : xstrndup(text + st[i], ln[i]);

		ui_text(w, *y, x, part, width, a);
		free(part);
	}
}

static void draw_head(struct app *app, struct assess *as, int *y, int iw, int bottom)
{
	WINDOW *w = as->main;
	const struct assessment *a = as->v.a;
	const struct model *m = a->model;
	const struct dimension *d = &m->dims[as->dim];
	const struct dim_score *sc = &a->scores[as->dim];
	const struct dim_state *ds = &a->dims[as->dim];
	char buf[256], period[PERIOD_LEN];
	int next = sc->level + 1;
	bool roomy = bottom >= 30;

	(void)app;
	period_format(a->period, period);
	snprintf(buf, sizeof buf, "%s  %s  dimension %zu of %zu  coverage %.0f%% (all %.0f%%)",
		 a->team, period, as->dim + 1, m->ndims, sc->coverage * 100, a->overall.coverage * 100);
	wrapped(w, y, 2, iw - 2, bottom, buf, 2, ui_attr(ROLE_TEXT));
	if (*y >= bottom)
		return;
	snprintf(buf, sizeof buf, "Score %.2f  ", sc->score);
	ui_text(w, *y, 2, buf, iw - 2, ui_attr(ROLE_TITLE));
	wrapped(w, y, 2 + ui_width(buf), iw - 2 - ui_width(buf), bottom, as->why, roomy ? 3 : 2,
		ui_attr(ui_heat_role(sc->level, m->lowest, m->highest)) & ~A_COLOR);
	if (d->stages[sc->level - m->lowest] && *y < bottom) {
		snprintf(buf, sizeof buf, "Now  L%d ", sc->level);
		ui_text(w, *y, 2, buf, 9, ui_attr(ROLE_MUTED));
		wrapped(w, y, 11, iw - 11, bottom, d->stages[sc->level - m->lowest], roomy ? 2 : 1,
			ui_attr(ROLE_TEXT));
	}
	if (next <= m->highest && d->stages[next - m->lowest] && *y < bottom) {
		snprintf(buf, sizeof buf, "Next L%d ", next);
		ui_text(w, *y, 2, buf, 9, ui_attr(ROLE_MUTED));
		wrapped(w, y, 11, iw - 11, bottom, d->stages[next - m->lowest], roomy ? 2 : 1,
			ui_attr(ROLE_TEXT));
	}
	{
		int x = 2;
		char t[16] = "-", o[16] = "-";

		if (ds->target != NO_LEVEL)
			snprintf(t, sizeof t, "%d", ds->target);
		if (ds->override_level != NO_LEVEL)
			snprintf(o, sizeof o, "%d", ds->override_level);
		if (*y >= bottom)
			return;
		snprintf(buf, sizeof buf, "Target %s  gap %.2f   Override %s", t, sc->gap, o);
		x += ui_text(w, *y, x, buf, iw - 2, ui_attr(ROLE_TEXT));
		if (ds->override_reason) {
			x += ui_text(w, *y, x, ": ", 2, ui_attr(ROLE_MUTED));
			ui_text(w, *y, x, ds->override_reason, iw - x, ui_attr(ROLE_WARN));
		}
		(*y)++;
		if (*y < bottom) {
			ui_text(w, *y, 2, "Notes ", 6, ui_attr(ROLE_MUTED));
			wrapped(w, y, 8, iw - 8, bottom, ds->notes ? ds->notes : "-", roomy ? 2 : 1,
				ui_attr(ROLE_TEXT));
		}
	}
}

static void draw_criteria(struct assess *as, int y0, int iw, int bottom)
{
	WINDOW *w = as->main;
	const struct assessment *a = as->v.a;
	const struct model *m = a->model;
	int text_x = 10, width = iw - text_x, rows = bottom - y0;
	int total = 0, sel_first = 0, sel_last = 0, y, prev_level = -1;
	size_t st[WRAP_MAX], ln[WRAP_MAX];

	if (rows <= 0)
		return;
	/* Count lines to scroll the selection into view. */
	for (size_t i = 0; i < as->norder; i++) {
		const struct criterion *c = &m->crits[as->order[i]];

		if (c->level != prev_level)
			total++;
		prev_level = c->level;
		if (i == as->sel)
			sel_first = total;
		total += ui_wrap(c->text, width, st, ln, WRAP_MAX);
		if (i == as->sel)
			sel_last = total - 1;
	}
	if ((size_t)sel_first < as->top_line + 1 && sel_first > 0)
		as->top_line = (size_t)sel_first - 1;
	if (sel_first == 1)
		as->top_line = 0;
	if (sel_last >= (int)as->top_line + rows)
		as->top_line = (size_t)(sel_last - rows + 1);
	/* A criterion taller than the area: keep its first line and label. */
	if ((int)as->top_line > sel_first)
		as->top_line = (size_t)sel_first;
	y = y0 - (int)as->top_line;
	prev_level = -1;
	for (size_t i = 0; i < as->norder && y < bottom; i++) {
		size_t ci = as->order[i];
		const struct criterion *c = &m->crits[ci];
		bool sel = i == as->sel;
		int n;

		if (c->level != prev_level) {
			if (y >= y0) {
				const struct model_level *lv = model_level(m, c->level);
				char head[200];

				snprintf(head, sizeof head, "Level %d  %s", c->level, lv ? lv->name : "");
				wattrset(w, (int)ui_attr(ROLE_BORDER));
				ui_hline(w, y, 1, iw);
				wattrset(w, A_NORMAL);
				ui_text(w, y, 3, head, iw - 4, ui_attr(ROLE_TITLE));
			}
			y++;
			prev_level = c->level;
		}
		n = ui_wrap(c->text, width, st, ln, WRAP_MAX);
		for (int k = 0; k < n && y < bottom; k++, y++) {
			char *part;

			if (y < y0)
				continue;
			if (sel)
				ui_fill(w, y, 1, iw + 1, ui_attr(ROLE_SELECT));
			if (k == 0)
				ui_text(w, y, 2, answer_label(a->answers[ci]), 6,
					sel ? ui_attr(ROLE_SELECT) : ui_attr(answer_role(a->answers[ci])));
			part = xstrndup(c->text + st[k], ln[k]);
			ui_text(w, y, text_x, part, width, ui_attr(sel ? ROLE_SELECT : ROLE_TEXT));
			free(part);
		}
	}
}

static void assess_draw(struct app *app, struct screen *s)
{
	struct assess *as = s->data;
	WINDOW *w = as->main;
	char title[200];
	int y = 1, iw, bottom;

	if (!w || !as->v.a)
		return;
	iw = getmaxx(w) - 2;
	bottom = getmaxy(w) - 1;
	werase(w);
	snprintf(title, sizeof title, "%s", as->v.a->model->dims[as->dim].name);
	ui_box(w, title, true);
	draw_head(app, as, &y, iw, bottom);
	draw_criteria(as, y, iw, bottom);
	if (as->pending) {
		const struct model *m = as->v.a->model;
		char buf[128];

		snprintf(buf, sizeof buf, " %s: press a level %d-%d, x to clear, Esc to cancel ",
			 as->pending == 't' ? "Target" : "Override", m->lowest, m->highest);
		ui_text(w, getmaxy(w) - 1, 2, buf, iw - 2, ui_attr(ROLE_WARN) | A_REVERSE);
	}
	wnoutrefresh(w);
	panes_draw(app, &as->l, as->panes, &as->v);
}

/* Refreshes the panes after an edit; a failed edit says so last, so that
 * no message of the refresh hides that the change was not saved. */
static void changed(struct app *app, struct assess *as, bool ok)
{
	char *why = ok ? NULL : xstrdup(store_error(app->st));

	team_view_refresh(app, &as->v);
	explain(as);
	if (why)
		app_message(app, true, "Not saved: %s", why);
	free(why);
}

static void set_answer(struct app *app, struct screen *s, enum answer v)
{
	struct assess *as = A(s);

	if (!as->norder)
		return;
	changed(app, as, store_set_answer(app->st, as->v.a, as->order[as->sel], v));
}

static void k_yes(struct app *app, struct screen *s) { set_answer(app, s, ANS_YES); }
static void k_partly(struct app *app, struct screen *s) { set_answer(app, s, ANS_PARTLY); }
static void k_no(struct app *app, struct screen *s) { set_answer(app, s, ANS_NO); }
static void k_unknown(struct app *app, struct screen *s) { set_answer(app, s, ANS_UNKNOWN); }

static void k_toggle(struct app *app, struct screen *s)
{
	struct assess *as = A(s);

	if (as->norder)
		set_answer(app, s, as->v.a->answers[as->order[as->sel]] == ANS_YES ? ANS_NO : ANS_YES);
}

static void move_dim(struct app *app, struct screen *s, int delta)
{
	struct assess *as = A(s);
	size_t n = as->v.a->model->ndims;

	(void)app;
	as->dim = (as->dim + n + (size_t)(delta + (int)n)) % n;
	as->sel = 0;
	as->top_line = 0;
	build_order(as);
	explain(as);
}

static void k_next_dim(struct app *app, struct screen *s) { move_dim(app, s, 1); }
static void k_prev_dim(struct app *app, struct screen *s) { move_dim(app, s, -1); }

static void k_down(struct app *app, struct screen *s)
{
	struct assess *as = A(s);

	(void)app;
	if (as->sel + 1 < as->norder)
		as->sel++;
}

static void k_up(struct app *app, struct screen *s)
{
	(void)app;
	if (A(s)->sel > 0)
		A(s)->sel--;
}

static void k_target(struct app *app, struct screen *s) { (void)app; A(s)->pending = 't'; }
static void k_override(struct app *app, struct screen *s) { (void)app; A(s)->pending = 'v'; }
static void k_back(struct app *app, struct screen *s) { (void)s; app_pop(app); }
static void k_heat(struct app *app, struct screen *s) { (void)s; app->heat_by_gap = !app->heat_by_gap; }

static void k_pane(struct app *app, struct screen *s)
{
	struct assess *as = A(s);

	(void)app;
	/* Narrow terminals: the criteria alone, or with one pane below. */
	as->shown = as->shown + 1 >= PANE_COUNT ? -1 : as->shown + 1;
}

static const char *need_text(const char *text, void *ctx)
{
	(void)ctx;
	while (*text == ' ')
		text++;
	return *text ? NULL : "A reason is required for an override.";
}

/* Saves a text edited from the value opened with (which: 'e' the notes, 'v'
 * the override reason at level). Another dashboard may have saved the same
 * text while the editor was open: then the user chooses, and keeping mine
 * is a save against theirs, asked again if yet another change came
 * between. Taking theirs writes nothing. */
static void save_text(struct app *app, struct assess *as, int which, int level,
		      const char *opened, const char *text)
{
	const char *what = which == 'e' ? "The notes" : "The override reason";
	char *expected = xstrdup(opened ? opened : ""), *theirs = NULL;
	enum store_save r;

	for (;;) {
		r = which == 'e'
			? store_set_notes_if(app->st, as->v.a, as->dim, expected, text, &theirs)
			: store_set_override_if(app->st, as->v.a, as->dim, level, expected, text,
						&theirs);
		if (r != STORE_CONFLICT)
			break;
		free(expected);
		expected = theirs ? theirs : xstrdup("");
		theirs = NULL;
		team_view_refresh(app, &as->v);
		if (dialog_conflict(app, what, expected, text) != 'k')
			break;
	}
	free(expected);
	changed(app, as, r != STORE_FAILED);
	if (r == STORE_CONFLICT)
		app_message(app, false, "%s from elsewhere kept; yours was not saved.", what);
}

static void k_notes(struct app *app, struct screen *s)
{
	struct assess *as = A(s);
	const struct dim_state *ds = &as->v.a->dims[as->dim];
	char title[160], *text, *opened;

	snprintf(title, sizeof title, "Notes: %s", as->v.a->model->dims[as->dim].name);
	/* A reload while the prompt is open replaces ds: keep a copy. */
	opened = xstrdup(ds->notes ? ds->notes : "");
	text = dialog_prompt(app, title, opened, 0, NULL, NULL);
	if (!text) {
		app_message(app, false, "Notes unchanged.");
		free(opened);
		return;
	}
	save_text(app, as, 'e', NO_LEVEL, opened, text);
	free(opened);
	free(text);
}

static void apply_level(struct app *app, struct assess *as, int which, int level)
{
	if (which == 't') {
		changed(app, as, store_set_target(app->st, as->v.a, as->dim, level));
		return;
	}
	if (level == NO_LEVEL) {
		changed(app, as, store_set_override(app->st, as->v.a, as->dim, NO_LEVEL, NULL));
		return;
	}
	{
		char title[64], *reason, *opened;
		const char *old = as->v.a->dims[as->dim].override_reason;

		snprintf(title, sizeof title, "Reason for overriding the level to %d", level);
		opened = xstrdup(old ? old : "");
		reason = dialog_prompt(app, title, opened, 0, need_text, NULL);
		if (!reason) {
			app_message(app, false, "Override cancelled.");
			free(opened);
			return;
		}
		save_text(app, as, 'v', level, opened, reason);
		free(opened);
		free(reason);
	}
}

static bool assess_key(struct app *app, struct screen *s, int key)
{
	struct assess *as = A(s);
	const struct model *m = as->v.a->model;
	int which = as->pending;

	if (!which)
		return false;
	as->pending = 0;
	if (key == 'x') {
		apply_level(app, as, which, NO_LEVEL);
	} else if (key >= '0' + m->lowest && key <= '0' + m->highest) {
		apply_level(app, as, which, key - '0');
	} else if (key == KEY_ESC) {
		app_message(app, false, "Cancelled.");
	} else {
		app_message(app, true, "%s needs a level from %d to %d, or x to clear.",
			    which == 't' ? "A target" : "An override", m->lowest, m->highest);
	}
	return true;
}

static const struct keydef assess_keys[] = {
	{ 'y', 0, "y", "yes", k_yes, true },
	{ 'p', 0, "p", "partly", k_partly, true },
	{ 'n', 0, "n", "no", k_no, true },
	{ 'u', 0, "u", "unknown", k_unknown, true },
	{ ' ', 0, "Space", "toggle yes/no", k_toggle, true },
	{ 't', 0, "t N", "target (t x clears)", k_target, true },
	{ 'v', 0, "v N", "override level, with a reason (v x clears)", k_override, true },
	{ 'e', 0, "e", "notes", k_notes, true },
	{ '\t', KEY_RIGHT, "Tab", "next dimension", k_next_dim, false },
	{ KEY_BTAB, KEY_LEFT, "Shift-Tab", "previous dimension", k_prev_dim, false },
	{ 'j', KEY_DOWN, "j/Down", "next criterion", k_down, false },
	{ 'k', KEY_UP, "k/Up", "previous criterion", k_up, false },
	{ 'l', 0, "l/Right", "next dimension", k_next_dim, false },
	{ 'h', 0, "h/Left", "previous dimension", k_prev_dim, false },
	{ 'g', 0, "g", "heatmap by level or by gap", k_heat, false },
	{ 'P', 0, "P", "show another pane (narrow screens)", k_pane, false },
	{ 'q', 0, "q", "back home", k_back, false },
	{ 0, 0, NULL, NULL, NULL, false },
};

static void assess_destroy(struct screen *s)
{
	struct assess *as = s->data;

	team_view_free(&as->v);
	free(as->order);
	free(as->why);
	if (as->main)
		delwin(as->main);
	for (int p = 0; p < PANE_COUNT; p++)
		if (as->panes[p])
			delwin(as->panes[p]);
	free(as);
}

const struct screen_ops screen_assess_ops = {
	"Assessment", assess_layout, assess_draw, assess_reload, assess_key, assess_destroy,
	assess_keys, NULL,
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
	build_order(as);
	explain(as);
	app_push(app, &screen_assess_ops, as);
}
