/* The organisation view: teams x dimensions for one period, each cell the
 * team's score (from an older assessment where the team has none in that
 * period, marked so), with each team's overall score, coverage and change
 * since its previous assessment; sorted by a key the user picks, columns in
 * the model's order, with means. The figures come from org.c. */
#include "screen_org.h"
#include "find.h"
#include "findbar.h"
#include "label.h"
#include "layout.h"
#include "org.h"
#include "screen_review.h"
#include "scroll.h"
#include "tui_export.h"
#include "xalloc.h"
#include "period.h"

#include <stdio.h>
#include <stdlib.h>

struct org {
	int *periods;
	size_t nperiods, pi;
	struct org_grid g;      /* the teams and means of periods[pi] */
	char *filter;           /* `/`: what a team's name must contain, or NULL */
	size_t *shown, nshown;  /* the teams of g the filter keeps, in g's order */
	int64_t find_from;      /* the team selected when `/` was pressed */
	size_t sel, top;        /* in shown */
	struct layout l;
	struct org_columns c;   /* of the grid window */
	size_t c0;              /* the first dimension column shown */
	WINDOW *grid;
	const struct model *m;  /* the columns' */
	/* The names as drawn (team_labels), by g's order: made again after
	 * the grid, its order or the layout changed, not at every key. */
	struct label_item *names;
	size_t nnames;
};

static void drop_names(struct org *o)
{
	label_free(o->names, o->nnames);
	free(o->names);
	o->names = NULL;
	o->nnames = 0;
}

static struct org *OG(struct screen *s) { return s->data; }

static struct org_team *team_at(const struct org *o, size_t i)
{
	return &o->g.teams[o->shown[i]];
}

static int64_t selected_id(const struct org *o)
{
	return o->nshown ? team_at(o, o->sel)->id : 0;
}

/* The teams shown after the grid or the filter changed; the selection on
 * team keep, else on team other, when shown. */
static void show(struct org *o, int64_t keep, int64_t other)
{
	char *f = o->filter ? find_fold(o->filter) : NULL;
	size_t at_keep = SIZE_MAX, at_other = SIZE_MAX;

	free(o->shown);
	drop_names(o);
	o->shown = xcalloc(o->g.nteams + 1, sizeof *o->shown);
	o->nshown = 0;
	for (size_t i = 0; i < o->g.nteams; i++) {
		if (f && !find_in(o->g.teams[i].name, f))
			continue;
		if (o->g.teams[i].id == keep)
			at_keep = o->nshown;
		if (o->g.teams[i].id == other)
			at_other = o->nshown;
		o->shown[o->nshown++] = i;
	}
	free(f);
	o->sel = at_keep != SIZE_MAX ? at_keep : at_other != SIZE_MAX ? at_other : 0;
}

struct fill_ctx {
	struct org_grid *g;
	const struct model *m;
};

static void on_cell(void *ctx, const struct org_cell *c)
{
	struct fill_ctx *f = ctx;

	org_grid_add(f->g, f->m, c);
}

static void org_reload(struct app *app, struct screen *s)
{
	struct org *o = s->data;
	struct fill_ctx f = { &o->g, app->model };
	int keep = o->nperiods ? o->periods[o->pi] : NO_PERIOD;
	int64_t keep_team = selected_id(o);

	free(o->periods);
	if (!store_periods(app->st, &o->periods, &o->nperiods))
		app_message(app, true, "%s", store_error(app->st));
	o->pi = o->nperiods ? o->nperiods - 1 : 0;
	for (size_t i = 0; i < o->nperiods; i++)
		if (o->periods[i] == keep)
			o->pi = i;
	org_grid_clear(&o->g);
	if (o->nperiods && !store_org_cells(app->st, o->periods[o->pi], on_cell, &f))
		app_message(app, true, "%s", store_error(app->st));
	org_grid_finish(&o->g, o->nperiods ? o->periods[o->pi] : NO_PERIOD);
	o->m = app->model;
	org_grid_groups(&o->g, app->model);
	show(o, keep_team, 0);
}

/* After the sort changed: the columns scrolled so that the sorted
 * dimension is shown, or back to the first for another key; in between,
 * H and L scroll them freely. */
static void show_sorted(struct org *o)
{
	if (o->g.sort < 0)
		o->c0 = 0;
	for (size_t c = 0; c < o->g.ndims; c++)
		if ((long)o->g.cols[c] == o->g.sort)
			o->c0 = layout_scroll_follow(o->c0, c, o->g.ndims, (size_t)o->c.ncols);
}

static void org_layout(struct app *app, struct screen *s)
{
	struct org *o = s->data;

	layout_org(app->lines, app->cols, &o->l);
	o->grid = ui_window_at(o->grid, &o->l.main);
	layout_org_columns(o->l.main.w, (int)o->g.ndims, &o->c);
	o->c0 = layout_scroll_clamp(o->c0, o->g.ndims, (size_t)o->c.ncols);
	drop_names(o);
}

static long group_of(const struct org *o, int c)
{
	return o->m->dims[o->g.cols[o->c0 + (size_t)c]].group;
}

/* A row above the dimensions' names: each group's name and mean over the
 * columns of its dimensions. */
static void draw_groups(WINDOW *w, const struct org *o)
{
	int nw = o->c.nw, cw = o->c.cw, ncols = o->c.ncols;
	const struct model_group *gs = NULL;
	char buf[160];

	ui_text(w, 1, 2, "Group mean", nw, ui_attr(ROLE_MUTED));
	for (int c = 0; c < ncols;) {
		long grp = group_of(o, c);
		int span = 1;

		while (c + span < ncols && group_of(o, c + span) == grp)
			span++;
		gs = grp >= 0 ? &o->m->groups[grp] : NULL;
		if (gs) {
			snprintf(buf, sizeof buf, "%s %.2f", gs->name, o->g.group_mean[grp]);
			wattrset(w, (int)ui_attr(ROLE_BORDER));
			ui_hline(w, 1, 2 + nw + c * cw, span * cw - 1);
			wattrset(w, A_NORMAL);
			ui_text(w, 1, 2 + nw + c * cw, buf, span * cw - 1, ui_attr(ROLE_TITLE));
		}
		c += span;
	}
}

/* A heading, underlined when the teams are sorted by it. */
static void heading(WINDOW *w, int y, int x, const char *text, int width, bool sorted)
{
	ui_text(w, y, x, text, width, ui_attr(ROLE_MUTED) | (sorted ? A_UNDERLINE | ui_bold(ROLE_MUTED) : 0));
}

/* The width of a team's name in its row: less the period of an older
 * assessment. */
static int name_width(const struct org *o, const struct org_team *t)
{
	char buf[PERIOD_LEN + 4], tp[PERIOD_LEN];

	if (t->period == o->periods[o->pi])
		return o->c.nw - 1;
	period_format(t->period, tp);
	snprintf(buf, sizeof buf, " (%s)", tp);
	return o->c.nw - ui_width(buf);
}

/* The team names as shown: cut so that no two look the same. */
static struct label_item *team_labels(const struct org *o)
{
	struct label_item *l = xcalloc(o->g.nteams ? o->g.nteams : 1, sizeof *l);

	for (size_t i = 0; i < o->g.nteams; i++)
		l[i] = (struct label_item){ o->g.teams[i].name, NULL, name_width(o, &o->g.teams[i]), NULL };
	label_make(l, o->g.nteams, ui.g->ellipsis);
	return l;
}

static void draw_team(WINDOW *w, const struct org *o, const struct org_team *t, int y, bool sel,
		      const struct ui_heat *heat, const char *name)
{
	const struct org_columns *c = &o->c;
	bool older = t->period != o->periods[o->pi];
	enum role role = sel ? ROLE_SELECT : older ? ROLE_MUTED : ROLE_TEXT;
	attr_t a = ui_attr(role);
	char buf[64];

	if (sel)
		ui_fill(w, y, 1, getmaxx(w) - 2, a);
	if (older) {
		char tp[PERIOD_LEN];

		period_format(t->period, tp);
		snprintf(buf, sizeof buf, " (%s)", tp);
		ui_text(w, y, c->name, name, c->nw - ui_width(buf), a);
		ui_text(w, y, c->name + c->nw - ui_width(buf), buf, ui_width(buf), a);
	} else {
		ui_text(w, y, c->name, name, c->nw - 1, a);
	}
	for (int i = 0; i < c->ncols; i++) {
		size_t k = o->g.cols[o->c0 + (size_t)i];

		ui_heat_cell(w, y, c->dims + i * c->cw, c->cw, heat, t->level[k], t->score[k], t->gap[k],
			     t->target[k] != NO_LEVEL, older ? "*" : "");
	}
	snprintf(buf, sizeof buf, "%6.2f", t->overall);
	ui_text(w, y, c->overall, buf, 7, a | ui_bold(role));
	/* Under 100 % stands out: answers are missing for the budget. */
	snprintf(buf, sizeof buf, "%3.0f%%", t->coverage * 100);
	ui_text(w, y, c->coverage, buf, 4, t->coverage < 1 && !sel ? ui_attr(ROLE_WARN) : a);
	if (t->has_change) {
		snprintf(buf, sizeof buf, "%+6.2f", t->change);
		ui_text(w, y, c->change, buf, 6, a);
	}
}

static void org_draw(struct app *app, struct screen *s)
{
	struct org *o = s->data;
	const struct model *m = app->model;
	const struct org_columns *c = &o->c;
	WINDOW *w = o->grid;
	int iw, rows, y, head;
	char buf[256], p[PERIOD_LEN], **labels;
	struct ui_heat heat;

	if (!w)
		return;
	heat = (struct ui_heat){ app->heat_by_gap, m ? m->lowest : 0, m ? m->highest : 0 };
	iw = getmaxx(w) - 2;
	rows = getmaxy(w) - 6;
	werase(w);
	if (!o->nperiods) {
		ui_box(w, "Organisation", true);
		ui_text(w, 1, 2, "No assessments yet.", iw - 2, ui_attr(ROLE_MUTED));
		wnoutrefresh(w);
		return;
	}
	period_format(o->periods[o->pi], p);
	if (o->filter)
		snprintf(buf, sizeof buf, "Organisation %s: %zu of %zu teams matching \"%s\", "
			 "sorted by %s (s); %s (g)", p, o->nshown, o->g.nteams, o->filter,
			 org_sort_label(m, o->g.sort), app->heat_by_gap ? "colour by gap" : "colour by level");
	else
		snprintf(buf, sizeof buf, "Organisation %s: %zu teams, sorted by %s (s); %s (g)", p,
			 o->g.nteams, org_sort_label(m, o->g.sort),
			 app->heat_by_gap ? "colour by gap" : "colour by level");
	ui_box(w, buf, true);
	head = o->g.ngroups ? 2 : 1;
	rows -= head - 1;
	if (o->g.ngroups)
		draw_groups(w, o);
	heading(w, head, c->name, "Team", c->nw, o->g.sort == ORG_SORT_NAME);
	/* Labels of every column, so that they stay as the grid scrolls. */
	labels = label_dims(m, c->cw - 1, ui.g->ellipsis);
	for (int i = 0; i < c->ncols; i++) {
		size_t k = o->g.cols[o->c0 + (size_t)i];

		heading(w, head, c->dims + i * c->cw, labels[k], c->cw - 1, o->g.sort == (long)k);
	}
	label_strings_free(labels, m->ndims);
	heading(w, head, c->overall, "Overall", 7, o->g.sort == ORG_SORT_OVERALL);
	heading(w, head, c->coverage, "Cov", 4, false);
	heading(w, head, c->change, "Change", 6, o->g.sort == ORG_SORT_CHANGE);
	if (o->sel < o->top)
		o->top = o->sel;
	if (rows > 0 && o->sel >= o->top + (size_t)rows)
		o->top = o->sel - (size_t)rows + 1;
	if (!o->names) {
		o->names = team_labels(o);
		o->nnames = o->g.nteams;
	}
	for (int r = 0; r < rows && o->top + (size_t)r < o->nshown; r++)
		draw_team(w, o, team_at(o, o->top + (size_t)r), head + 1 + r,
			  o->top + (size_t)r == o->sel, &heat, o->names[o->shown[o->top + (size_t)r]].label);
	y = getmaxy(w) - 3;
	ui_hline(w, y - 1, 1, iw);
	ui_text(w, y, c->name, "Mean", c->nw, ui_attr(ROLE_TITLE));
	for (int i = 0; i < c->ncols; i++) {
		snprintf(buf, sizeof buf, " %4.2f", o->g.mean[o->g.cols[o->c0 + (size_t)i]]);
		ui_text(w, y, c->dims + i * c->cw, buf, c->cw - 1, ui_attr(ROLE_TITLE));
	}
	snprintf(buf, sizeof buf, "%6.2f", o->g.overall_mean);
	ui_text(w, y, c->overall, buf, 7, ui_attr(ROLE_TITLE));
	snprintf(buf, sizeof buf, "%3.0f%%", o->g.coverage_mean * 100);
	ui_text(w, y, c->coverage, buf, 4, ui_attr(ROLE_TITLE));
	if (o->g.nchange) {
		snprintf(buf, sizeof buf, "%+6.2f", o->g.change_mean);
		ui_text(w, y, c->change, buf, 6, ui_attr(ROLE_TITLE));
	}
	scroll_mark_rows(w, o->top, rows > 0 ? (size_t)rows : 0, o->g.nteams, "j k");
	if (c->ncols < (int)o->g.ndims) {
		/* The team column stays; the dimensions scroll sideways. */
		snprintf(buf, sizeof buf, "dimensions %zu-%zu of %zu (H L)", o->c0 + 1,
			 o->c0 + (size_t)c->ncols, o->g.ndims);
		ui_text(w, y + 1, iw - ui_width(buf), buf, ui_width(buf), ui_attr(ROLE_MUTED));
		iw -= ui_width(buf) + 1;
	}
	if (o->g.any_older)
		ui_text(w, y + 1, 2, "* an earlier assessment: the team has none in this period",
			iw - 2, ui_attr(ROLE_MUTED));
	wnoutrefresh(w);
}

static void move_period(struct app *app, struct screen *s, int delta)
{
	struct org *o = OG(s);
	long v = (long)o->pi + delta;

	if (v < 0 || v >= (long)o->nperiods)
		return;
	o->pi = (size_t)v;
	org_reload(app, s);
}

static void k_next(struct app *app, struct screen *s) { move_period(app, s, 1); }
static void k_prev(struct app *app, struct screen *s) { move_period(app, s, -1); }
static void k_move(struct app *app, struct screen *s)
{
	struct org *o = OG(s);
	int rows = o->grid ? getmaxy(o->grid) - 6 : 20;

	o->sel = app_list_move(app, o->sel, o->nshown, (size_t)(rows > 1 ? rows : 1));
}

static void clear_filter(struct org *o)
{
	int64_t now = selected_id(o);

	free(o->filter);
	o->filter = NULL;
	show(o, now, 0);
}

/* q goes back; so does Esc, once it has cleared a filter. */
static void k_back(struct app *app, struct screen *s)
{
	struct org *o = OG(s);

	if (app->key == KEY_ESC && o->filter) {
		clear_filter(o);
		app_message(app, false, "Filter cleared: all %zu teams.", o->g.nteams);
		return;
	}
	app_pop(app);
}

static void on_find(struct app *app, void *ctx, const char *text, char *info, size_t size)
{
	struct org *o = ctx;
	int64_t now = selected_id(o);

	(void)app;
	free(o->filter);
	o->filter = text[0] ? xstrdup(text) : NULL;
	show(o, o->find_from, now);
	snprintf(info, size, "%zu of %zu teams", o->nshown, o->g.nteams);
}

/* `/`: the grid keeps the teams whose name holds the text, as it is
 * typed; Enter keeps the filter (the means stay the organisation's), Esc
 * clears it. */
static void k_find(struct app *app, struct screen *s)
{
	struct org *o = OG(s);
	char *text;

	o->find_from = selected_id(o);
	text = findbar_run(app, o->filter, on_find, o);
	if (!text)
		clear_filter(o);
	else if (o->filter)
		app_message(app, false, "%zu of %zu teams match \"%s\": Esc clears the filter.",
			    o->nshown, o->g.nteams, o->filter);
	free(text);
}
static void k_columns(struct app *app, struct screen *s)
{
	struct org *o = OG(s);

	o->c0 = layout_scroll_page(o->c0, app->key == 'L' ? 1 : -1, o->g.ndims,
				   (size_t)(o->c.ncols > 0 ? o->c.ncols : 1));
}

/* Sorts by the next (dir 1) or previous key, keeping the selected team. */
static void sort_step(struct org *o, int dir)
{
	int64_t keep = selected_id(o);

	org_grid_sort(&o->g, org_sort_step(o->g.cols, o->g.ndims, o->g.sort, dir));
	show(o, keep, 0);
	show_sorted(o);
}

static void k_sort(struct app *app, struct screen *s) { (void)app; sort_step(OG(s), 1); }
static void k_sort_back(struct app *app, struct screen *s) { (void)app; sort_step(OG(s), -1); }
static void k_heat(struct app *app, struct screen *s) { (void)s; app->heat_by_gap = !app->heat_by_gap; }

static void k_open(struct app *app, struct screen *s)
{
	struct org *o = OG(s);

	if (o->nshown)
		screen_review_open(app, team_at(o, o->sel)->id);
}

static void k_export(struct app *app, struct screen *s)
{
	struct org *o = OG(s);
	struct export_filter f = { NULL, o->nperiods ? o->periods[o->pi] : NO_PERIOD, 0 };
	char path[256];

	tui_export_default_path(EXPORT_ANSWERS, NULL, f.period, path, sizeof path);
	/* The report at the latest period is each team's latest, as shown. */
	tui_export_offer(app, EXPORT_ANSWERS, &f, path, NULL,
			 o->pi + 1 >= o->nperiods ? NO_PERIOD : f.period);
}

/* Most used first, for the status line. */
static const struct keydef org_keys[] = {
	{ 'l', KEY_RIGHT, "l/Right", "next period", k_next, false },
	{ 'q', KEY_ESC, "q/Esc", "back", k_back, false },
	{ 'h', KEY_LEFT, "h/Left", "previous period", k_prev, false },
	{ 'j', KEY_DOWN, "j/Down", "next team", k_move, false },
	{ 'k', KEY_UP, "k/Up", "previous team", k_move, false },
	{ '\n', '\r', "Enter", "the team's review", k_open, false },
	{ 'x', 0, "x", "export the period's answers as CSV, or the HTML report", k_export, false },
	{ 'g', 0, "g", "colour by level or by gap", k_heat, false },
	{ 's', 0, "s", "sort by the next column: overall, each dimension, change, name", k_sort, false },
	{ 'S', 0, "S", "sort by the previous column", k_sort_back, false },
	{ '/', 0, "/", "find teams (Esc clears)", k_find, false },
	APP_LIST_KEYS(k_move, "team"),
	{ 'L', 0, "L", "next dimension columns", k_columns, false },
	{ 'H', 0, "H", "previous dimension columns", k_columns, false },
	APP_UNDO_KEY,
	{ 0, 0, NULL, NULL, NULL, false },
};

/* The teams' rows start under the headings (org_draw): a click on a team's
 * row or cell selects the team, a double-click opens its review like
 * Enter; the wheel over the grid moves the selection. */
static void org_mouse(struct app *app, struct screen *s, const struct mouse_event *ev)
{
	struct org *o = OG(s);
	int head = o->g.ngroups ? 2 : 1;
	long i;

	if (!o->grid || !o->nperiods || !mouse_in(&o->l.main, ev->y, ev->x))
		return;
	if (ev->kind != MOUSE_CLICK) {
		o->sel = mouse_wheel_move(ev, o->sel, o->g.nteams);
		return;
	}
	i = mouse_list_row(&o->l.main, head + 1, getmaxy(o->grid) - 6 - (head - 1), o->top,
			   o->g.nteams, ev->y, ev->x);
	if (i >= 0 && ev->twice && (size_t)i == o->sel)
		k_open(app, s);
	else if (i >= 0)
		o->sel = (size_t)i;
}

static void org_destroy(struct screen *s)
{
	struct org *o = s->data;

	drop_names(o);
	org_grid_free(&o->g);
	free(o->periods);
	free(o->shown);
	free(o->filter);
	if (o->grid)
		delwin(o->grid);
	free(o);
}

const struct screen_ops screen_org_ops = {
	"Organisation", org_layout, org_draw, org_reload, NULL, org_destroy, org_keys, NULL,
	NULL, org_mouse, NULL,
};

void screen_org_open(struct app *app)
{
	struct org *o = xcalloc(1, sizeof *o);

	org_grid_init(&o->g, app->model->ndims);
	app_push(app, &screen_org_ops, o);
	org_reload(app, app_top(app));
}
