/* The organisation view: teams x dimensions for one period, each cell the
 * team's score (from an older assessment where the team has none in that
 * period, marked so), sorted by overall score, with means; the figures
 * come from org.c. */
#include "screen_org.h"
#include "layout.h"
#include "org.h"
#include "screen_review.h"
#include "tui_export.h"
#include "xalloc.h"
#include "period.h"

#include <stdio.h>
#include <stdlib.h>

struct org {
	int *periods;
	size_t nperiods, pi;
	struct org_grid g;      /* the teams and means of periods[pi] */
	size_t sel, top;
	struct layout l;
	WINDOW *grid;
	const struct model *m;  /* the columns' */
};

static struct org *OG(struct screen *s) { return s->data; }

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
	int64_t keep_team = o->g.nteams ? o->g.teams[o->sel].id : 0;

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
	o->sel = 0;
	for (size_t i = 0; i < o->g.nteams; i++)
		if (o->g.teams[i].id == keep_team)
			o->sel = i;
}

static void org_layout(struct app *app, struct screen *s)
{
	struct org *o = s->data;

	layout_org(app->lines, app->cols, &o->l);
	o->grid = ui_window_at(o->grid, &o->l.main);
}

static long group_of(const struct org *o, int c)
{
	return o->m->dims[o->g.cols[c]].group;
}

/* A row above the dimensions' names: each group's name and mean over the
 * columns of its dimensions. */
static void draw_groups(WINDOW *w, const struct org *o, int nw, int cw, int ncols)
{
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

static void org_draw(struct app *app, struct screen *s)
{
	struct org *o = s->data;
	const struct model *m = app->model;
	WINDOW *w = o->grid;
	int iw, rows, nw, cw = 7, ncols, y, head;
	char buf[128], p[PERIOD_LEN];
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
	snprintf(buf, sizeof buf, "Organisation %s: %zu teams (h l period, %s)", p, o->g.nteams,
		 app->heat_by_gap ? "colour by gap, g" : "colour by level, g");
	ui_box(w, buf, true);
	nw = iw - (int)m->ndims * cw - 8;
	if (nw > 30)
		nw = 30;
	if (nw < 12)
		nw = 12;
	/* Wider columns, and more of each dimension's name, when there is room. */
	if ((iw - nw - 8) / (int)m->ndims > cw)
		cw = (iw - nw - 8) / (int)m->ndims > 14 ? 14 : (iw - nw - 8) / (int)m->ndims;
	ncols = (iw - nw - 8) / cw;
	if (ncols > (int)m->ndims)
		ncols = (int)m->ndims;
	head = o->g.ngroups ? 2 : 1;
	rows -= head - 1;
	if (o->g.ngroups)
		draw_groups(w, o, nw, cw, ncols);
	ui_text(w, head, 2, "Team", nw, ui_attr(ROLE_MUTED));
	for (int c = 0; c < ncols; c++)
		ui_text(w, head, 2 + nw + c * cw, m->dims[o->g.cols[c]].name, cw - 1, ui_attr(ROLE_MUTED));
	ui_text(w, head, 2 + nw + ncols * cw, "Overall", 7, ui_attr(ROLE_MUTED));
	if (o->sel < o->top)
		o->top = o->sel;
	if (rows > 0 && o->sel >= o->top + (size_t)rows)
		o->top = o->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && o->top + (size_t)r < o->g.nteams; r++) {
		const struct org_team *t = &o->g.teams[o->top + (size_t)r];
		bool sel = o->top + (size_t)r == o->sel, older = t->period != o->periods[o->pi];
		attr_t a = ui_attr(sel ? ROLE_SELECT : older ? ROLE_MUTED : ROLE_TEXT);

		y = head + 1 + r;
		if (sel)
			ui_fill(w, y, 1, iw + 1, a);
		if (older) {
			char tp[PERIOD_LEN];

			period_format(t->period, tp);
			snprintf(buf, sizeof buf, " (%s)", tp);
			ui_text(w, y, 2, t->name, nw - ui_width(buf), a);
			ui_text(w, y, 2 + nw - ui_width(buf), buf, ui_width(buf), a);
		} else {
			ui_text(w, y, 2, t->name, nw - 1, a);
		}
		for (int c = 0; c < ncols; c++) {
			size_t k = o->g.cols[c];

			ui_heat_cell(w, y, 2 + nw + c * cw, cw, &heat, t->level[k], t->score[k], t->gap[k],
				     t->target[k] != NO_LEVEL, older ? "*" : "");
		}
		snprintf(buf, sizeof buf, "%6.2f", t->overall);
		ui_text(w, y, 2 + nw + ncols * cw, buf, 7, a | A_BOLD);
	}
	y = getmaxy(w) - 3;
	ui_hline(w, y - 1, 1, iw);
	ui_text(w, y, 2, "Mean", nw, ui_attr(ROLE_TITLE));
	for (int c = 0; c < ncols; c++) {
		snprintf(buf, sizeof buf, " %4.2f", o->g.mean[o->g.cols[c]]);
		ui_text(w, y, 2 + nw + c * cw, buf, cw - 1, ui_attr(ROLE_TITLE));
	}
	snprintf(buf, sizeof buf, "%6.2f", o->g.overall_mean);
	ui_text(w, y, 2 + nw + ncols * cw, buf, 7, ui_attr(ROLE_TITLE));
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

	o->sel = app_list_move(app, o->sel, o->g.nteams, (size_t)(rows > 1 ? rows : 1));
}
static void k_back(struct app *app, struct screen *s) { (void)s; app_pop(app); }
static void k_heat(struct app *app, struct screen *s) { (void)s; app->heat_by_gap = !app->heat_by_gap; }

static void k_open(struct app *app, struct screen *s)
{
	struct org *o = OG(s);

	if (o->g.nteams)
		screen_review_open(app, o->g.teams[o->sel].id);
}

static void k_export(struct app *app, struct screen *s)
{
	struct org *o = OG(s);
	struct export_filter f = { NULL, o->nperiods ? o->periods[o->pi] : NO_PERIOD, 0 };
	char path[256];

	tui_export_default_path(EXPORT_ANSWERS, NULL, f.period, path, sizeof path);
	tui_export_run(app, EXPORT_ANSWERS, &f, path);
}

/* Most used first, for the status line. */
static const struct keydef org_keys[] = {
	{ 'l', KEY_RIGHT, "l/Right", "next period", k_next, false },
	{ 'q', KEY_ESC, "q/Esc", "back", k_back, false },
	{ 'h', KEY_LEFT, "h/Left", "previous period", k_prev, false },
	{ 'j', KEY_DOWN, "j/Down", "next team", k_move, false },
	{ 'k', KEY_UP, "k/Up", "previous team", k_move, false },
	{ '\n', '\r', "Enter", "the team's review", k_open, false },
	{ 'x', 0, "x", "export the period's answers as CSV", k_export, false },
	{ 'g', 0, "g", "colour by level or by gap", k_heat, false },
	APP_LIST_KEYS(k_move, "team"),
	APP_UNDO_KEY,
	{ 0, 0, NULL, NULL, NULL, false },
};

static void org_destroy(struct screen *s)
{
	struct org *o = s->data;

	org_grid_free(&o->g);
	free(o->periods);
	if (o->grid)
		delwin(o->grid);
	free(o);
}

const struct screen_ops screen_org_ops = {
	"Organisation", org_layout, org_draw, org_reload, NULL, org_destroy, org_keys, NULL,
};

void screen_org_open(struct app *app)
{
	struct org *o = xcalloc(1, sizeof *o);

	org_grid_init(&o->g, app->model->ndims);
	app_push(app, &screen_org_ops, o);
	org_reload(app, app_top(app));
}
