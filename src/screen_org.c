/* The organisation view: teams x dimensions for one period, each cell the
 * team's score (from an older assessment where the team has none in that
 * period, marked so), with each team's overall score, coverage and change
 * since its previous assessment; sorted by a key the user picks, columns in
 * the model's order, with means. The figures come from org.c. */
#include "screen_org.h"
#include "org_view.h"
#include "find.h"
#include "findbar.h"
#include "layout.h"
#include "org.h"
#include "screen_review.h"
#include "tui_export.h"
#include "xalloc.h"
#include "period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct org *OG(struct screen *s) { return s->data; }

static bool window_mode(const struct org *o)
{
	return (o->g.sort == ORG_SORT_OVERALL || o->g.sort >= 0) && o->m && !o->m->ngroups &&
	       o->m->ndims == o->g.ndims && o->g.sort < (long)o->g.ndims;
}

static int64_t selected_id(struct org *o)
{
	const struct org_team *t;

	if (!o->nshown)
		return 0;
	org_view_cover(o, o->top, (size_t)(o->rows > 0 ? o->rows : 1));
	org_view_cover(o, o->sel, 1);
	t = org_view_team_at(o, o->sel);
	return t ? t->id : 0;
}

/* The teams shown after the grid or the filter changed; the selection on
 * team keep, else on team other, when shown. */
static void show(struct org *o, int64_t keep, int64_t other)
{
	char *f = o->filter ? find_fold(o->filter) : NULL;
	size_t at_keep = SIZE_MAX, at_other = SIZE_MAX;

	free(o->shown);
	org_view_drop_names(o);
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

/* In window mode with a filter: the keys of the teams it keeps. */
static void show_keys(struct org *o, int64_t keep, int64_t other)
{
	char *f = find_fold(o->filter);
	size_t at_keep = SIZE_MAX, at_other = SIZE_MAX;

	free(o->shown);
	org_view_drop_names(o);
	org_grid_load_teams(&o->g, o->st, o->m, o->periods[o->pi], 0, NULL, 0);
	o->shown = xcalloc(o->nkeys + 1, sizeof *o->shown);
	o->nshown = 0;
	for (size_t i = 0; i < o->nkeys; i++) {
		if (!find_in(o->keys[i].name, f))
			continue;
		if (o->keys[i].team_id == keep)
			at_keep = o->nshown;
		if (o->keys[i].team_id == other)
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

/* The grid of the period: a window from the store's aggregates, or every
 * team; the selection on team keep, else on other. */
static void load(struct app *app, struct org *o, int64_t keep, int64_t other)
{
	struct fill_ctx f = { &o->g, app->model };
	int period = o->nperiods ? o->periods[o->pi] : NO_PERIOD;
	bool found = false;
	size_t pos = 0;

	o->m = app->model;
	o->st = app->st;
	o->means_only = false;
	o->full_due = true;
	org_view_drop_all(o);
	o->win = window_mode(o);
	if (o->win) {
		/* The count, the means, the rank and the keys of one state. */
		bool snap = store_read_begin(app->st);

		free(o->shown);
		o->shown = NULL;
		if (o->nperiods && (!org_grid_load_summary(&o->g, app->st, app->model, period) ||
				    !org_grid_rank(app->st, app->model, period, o->g.sort, keep, &found, &pos) ||
				    (!found && !org_grid_rank(app->st, app->model, period, o->g.sort, other,
							      &found, &pos))))
			app_message(app, true, "%s", store_error(app->st));
		if (!o->nperiods)
			org_grid_clear(&o->g);
		o->nshown = o->g.total;
		o->sel = found ? pos : 0;
		if (o->filter && o->nperiods && !org_view_keys(o))
			app_message(app, true, "%s", store_error(app->st));
		if (o->filter && o->nperiods)
			show_keys(o, keep, other);
		if (snap)
			store_read_end(app->st);
		return;
	}
	org_grid_clear(&o->g);
	if (o->nperiods && !store_org_cells(app->st, period, on_cell, &f))
		app_message(app, true, "%s", store_error(app->st));
	org_grid_finish(&o->g, period);
	org_grid_groups(&o->g, app->model);
	show(o, keep, other);
}

static void org_reload(struct app *app, struct screen *s)
{
	struct org *o = s->data;
	int keep = o->nperiods ? o->periods[o->pi] : NO_PERIOD;
	int64_t keep_team = selected_id(o);

	free(o->periods);
	if (!store_periods(app->st, &o->periods, &o->nperiods))
		app_message(app, true, "%s", store_error(app->st));
	o->pi = o->nperiods ? o->nperiods - 1 : 0;
	for (size_t i = 0; i < o->nperiods; i++)
		if (o->periods[i] == keep)
			o->pi = i;
	load(app, o, keep_team, 0);
}

/* What the draw shows of the whole organisation: the count and means. */
static bool same_sums(const struct org_grid *g, size_t total, const double *means,
		      const int *counts, const double *over)
{
	if (g->total != total || g->overall_mean != over[0] || g->coverage_mean != over[1] ||
	    g->change_mean != over[2] || (double)g->nchange != over[3] ||
	    (double)g->any_older != over[4])
		return false;
	for (size_t k = 0; k < g->ndims; k++)
		if (g->mean[k] != means[k] || g->count[k] != counts[k])
			return false;
	return true;
}

/* Other dashboards changed the teams of c. In window mode without a
 * filter: the periods, the count and the means read again (a row each,
 * kept by the store), and the window only when a changed team is in it,
 * comes into it or moved across it; else everything, as a reload. */
static bool org_changed(struct app *app, struct screen *s, const struct store_changes *c)
{
	struct org *o = s->data;
	int *periods = NULL;
	size_t np = 0, n = o->g.ndims ? o->g.ndims : 1;
	double *means, over[5] = { o->g.overall_mean, o->g.coverage_mean, o->g.change_mean,
				   (double)o->g.nchange, (double)o->g.any_older };
	int *counts;
	bool same = false, ok, snap, sums;

	ok = o->win && !o->filter && o->nperiods && store_periods(app->st, &periods, &np) &&
	     np == o->nperiods && !memcmp(periods, o->periods, np * sizeof *periods);
	free(periods);
	if (!ok) {
		org_reload(app, s);
		return true;
	}
	means = xcalloc(n, sizeof *means);
	counts = xcalloc(n, sizeof *counts);
	memcpy(means, o->g.mean, o->g.ndims * sizeof *means);
	memcpy(counts, o->g.count, o->g.ndims * sizeof *counts);
	/* One snapshot: the sums and the places of the same state. */
	snap = store_read_begin(app->st);
	ok = snap && org_grid_load_sums(&o->g, app->st, o->m, o->periods[o->pi]) &&
	     o->g.total == o->nshown &&
	     org_grid_same_window(&o->g, app->st, o->m, o->periods[o->pi], c->teams, c->nteams,
				  &same);
	if (snap)
		store_read_end(app->st);
	sums = ok && same_sums(&o->g, o->nshown, means, counts, over);
	free(means);
	free(counts);
	if (!ok || !same) {
		org_reload(app, s);
		return true;
	}
	/* Every team's labels follow the view's order, which may have moved. */
	if (o->all || o->keys) {
		org_view_drop_all(o);
		o->means_only = false;
		o->full_due = true;
		return true;
	}
	if (sums)
		return false;
	/* The count and the mark of older assessments drawn are the same:
	 * the means alone changed, unless a whole frame is due already. */
	o->means_only = o->g.any_older == (over[4] != 0) && !o->full_due;
	return true;
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

	/* Nothing but the means to draw: the windows and names stay. */
	if (org_view_means_only(app, o))
		return;
	layout_org(app->lines, app->cols, &o->l);
	o->grid = ui_window_at(o->grid, &o->l.main);
	layout_org_columns(o->l.main.w, (int)o->g.ndims, &o->c);
	o->c0 = layout_scroll_clamp(o->c0, o->g.ndims, (size_t)o->c.ncols);
	org_view_drop_names(o);
	org_view_settle(o);
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

/* After the filter or the sort changed: the window or every team. */
static void reshow(struct app *app, struct org *o, int64_t keep, int64_t other)
{
	if (o->win && window_mode(o) && o->filter && o->keys)
		show_keys(o, keep, other);
	else if (o->win || window_mode(o))
		load(app, o, keep, other);
	else
		show(o, keep, other);
}

static void clear_filter(struct app *app, struct org *o)
{
	int64_t now = selected_id(o);

	free(o->filter);
	o->filter = NULL;
	reshow(app, o, now, 0);
}

/* q goes back; so does Esc, once it has cleared a filter. */
static void k_back(struct app *app, struct screen *s)
{
	struct org *o = OG(s);

	if (app->key == KEY_ESC && o->filter) {
		clear_filter(app, o);
		app_message(app, false, "Filter cleared: all %zu teams.", o->g.total);
		return;
	}
	app_pop(app);
}

static void on_find(struct app *app, void *ctx, const char *text, char *info, size_t size)
{
	struct org *o = ctx;
	int64_t now = selected_id(o);

	free(o->filter);
	o->filter = text[0] ? xstrdup(text) : NULL;
	reshow(app, o, o->find_from, now);
	snprintf(info, size, "%zu of %zu teams", o->nshown, o->g.total);
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
		clear_filter(app, o);
	else if (o->filter)
		app_message(app, false, "%zu of %zu teams match \"%s\": Esc clears the filter.",
			    o->nshown, o->g.total, o->filter);
	free(text);
}
static void k_columns(struct app *app, struct screen *s)
{
	struct org *o = OG(s);

	o->c0 = layout_scroll_page(o->c0, app->key == 'L' ? 1 : -1, o->g.ndims,
				   (size_t)(o->c.ncols > 0 ? o->c.ncols : 1));
}

/* Sorts by the next (dir 1) or previous key, keeping the selected team. */
static void sort_step(struct app *app, struct org *o, int dir)
{
	int64_t keep = selected_id(o);
	long key = org_sort_step(o->g.cols, o->g.ndims, o->g.sort, dir);

	/* A window is loaded sorted; every team held is sorted here. */
	o->g.sort = key;
	if (!o->win && !window_mode(o))
		org_grid_sort(&o->g, key);
	reshow(app, o, keep, 0);
	show_sorted(o);
}

static void k_sort(struct app *app, struct screen *s) { sort_step(app, OG(s), 1); }
static void k_sort_back(struct app *app, struct screen *s) { sort_step(app, OG(s), -1); }
static void k_heat(struct app *app, struct screen *s) { (void)s; app->heat_by_gap = !app->heat_by_gap; }

static void k_open(struct app *app, struct screen *s)
{
	struct org *o = OG(s);

	int64_t id = selected_id(o);

	if (id)
		screen_review_open(app, id);
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

/* The teams' rows start under the headings (org_view_draw): a click on a team's
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
		o->sel = mouse_wheel_move(ev, o->sel, o->nshown);
		return;
	}
	i = mouse_list_row(&o->l.main, head + 1, getmaxy(o->grid) - 6 - (head - 1), o->top,
			   o->nshown, ev->y, ev->x);
	if (i >= 0 && ev->twice && (size_t)i == o->sel)
		k_open(app, s);
	else if (i >= 0)
		o->sel = (size_t)i;
}

static void org_destroy(struct screen *s)
{
	struct org *o = s->data;

	org_view_drop_all(o);
	org_grid_free(&o->g);
	free(o->periods);
	free(o->shown);
	free(o->filter);
	if (o->grid)
		delwin(o->grid);
	free(o);
}

const struct screen_ops screen_org_ops = {
	"Organisation", org_layout, org_view_draw, org_reload, NULL, org_destroy, org_keys, NULL,
	NULL, org_mouse, org_changed,
};

void screen_org_open(struct app *app)
{
	struct org *o = xcalloc(1, sizeof *o);

	org_grid_init(&o->g, app->model->ndims);
	o->m = app->model;
	app_push(app, &screen_org_ops, o);
	org_reload(app, app_top(app));
}
