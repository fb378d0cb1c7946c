/* The one heatmap: its cells collected from the store, its drawer, and the
 * pane that shows a team view's heatmap beside home and the assessment. */
#include "pane_heatmap.h"
#include "label.h"
#include "layout.h"
#include "panes.h"
#include "period.h"
#include "scroll.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PANE_PERIODS 40 /* ten years of quarters beside home and the assessment */
#define CELL_W 6

void pane_heatmap_free(struct heatmap *hm)
{
	free(hm->periods);
	free(hm->level);
	free(hm->target);
	free(hm->score);
	free(hm->gap);
	memset(hm, 0, sizeof *hm);
}

/* Adds a column of empty cells for period. */
static size_t add_column(struct heatmap *hm, int period)
{
	size_t cap = hm->cap, nd = hm->m->ndims, c = hm->nperiods;

	hm->periods = xgrow(hm->periods, &hm->cap, c + 1, sizeof *hm->periods);
	if (hm->cap != cap) {
		hm->level = xrealloc(hm->level, hm->cap * nd * sizeof *hm->level);
		hm->target = xrealloc(hm->target, hm->cap * nd * sizeof *hm->target);
		hm->score = xrealloc(hm->score, hm->cap * nd * sizeof *hm->score);
		hm->gap = xrealloc(hm->gap, hm->cap * nd * sizeof *hm->gap);
	}
	hm->periods[c] = period;
	for (size_t d = 0; d < nd; d++) {
		hm->level[c * nd + d] = -1;
		hm->target[c * nd + d] = NO_LEVEL;
		hm->score[c * nd + d] = 0;
		hm->gap[c * nd + d] = 0;
	}
	return hm->nperiods++;
}

/* The store sends the cells in period order: a new period opens a column. */
static void on_cell(void *ctx, int period, const char *dim_id, int level, double score,
		    double gap, int target)
{
	struct heatmap *hm = ctx;
	long d = model_find_dimension(hm->m, dim_id);
	size_t c, k;

	if (!hm->nperiods || hm->periods[hm->nperiods - 1] != period)
		c = add_column(hm, period);
	else
		c = hm->nperiods - 1;
	if (d < 0)
		return;
	k = c * hm->m->ndims + (size_t)d;
	hm->level[k] = level;
	hm->score[k] = score;
	hm->gap[k] = gap;
	hm->target[k] = target;
}

bool pane_heatmap_load(struct heatmap *hm, struct store *st, int64_t team_id,
		       const struct model *m, int from, int to)
{
	pane_heatmap_free(hm);
	hm->m = m;
	return store_team_cells(st, team_id, from, to, on_cell, hm);
}

long pane_heatmap_column(const struct heatmap *hm, int period)
{
	for (size_t c = 0; c < hm->nperiods; c++)
		if (hm->periods[c] == period)
			return (long)c;
	return -1;
}

int pane_heatmap_fit(int cols, int label_w)
{
	int n = (cols - 2 - label_w - 1) / CELL_W;

	return n < 1 ? 1 : n;
}

static void draw_heads(WINDOW *w, const struct heatmap *hm, const struct heatmap_frame *f,
		       int ncols)
{
	int iw = getmaxx(w) - 2;
	char buf[16];

	for (int c = 0; c < ncols && f->first + (size_t)c < hm->nperiods; c++) {
		size_t i = f->first + (size_t)c;
		int p = hm->periods[i];
		bool marked = (long)i == f->mark[0] || (long)i == f->mark[1];

		snprintf(buf, sizeof buf, "%02dQ%d", p / 4 % 100, p % 4 + 1);
		ui_text(w, 1, 2 + f->label_w + c * CELL_W, buf, 5,
			marked ? ui_attr(ROLE_TITLE) | f->mark_attr : ui_attr(ROLE_MUTED));
		if (f->signed_off && f->signed_off[i])
			ui_text(w, 1, 2 + f->label_w + c * CELL_W + 4, ui.g->signed_off, 1,
				ui_attr(ROLE_OK));
	}
	if (f->arrows && f->first > 0)
		ui_text(w, 1, 1 + f->label_w, "<", 1, ui_attr(ROLE_MUTED));
	if (f->arrows && f->first + (size_t)ncols < hm->nperiods)
		ui_text(w, 1, iw, ">", 1, ui_attr(ROLE_MUTED));
}

int pane_heatmap_rows(int lines)
{
	return lines - 3 > 1 ? lines - 3 : 1;
}

void pane_heatmap_draw(WINDOW *w, const struct heatmap *hm, const struct heatmap_frame *f,
		       bool by_gap)
{
	int h = getmaxy(w), iw = getmaxx(w) - 2, lw = f->label_w, ncols, rows = pane_heatmap_rows(h);
	const struct model *m = hm->m;
	struct ui_heat heat;
	char **labels;

	ui_box(w, f->title, f->focused);
	if (!m || hm->nperiods == 0) {
		ui_text(w, 1, 2, f->empty, iw - 2, ui_attr(ROLE_MUTED));
		return;
	}
	heat = (struct ui_heat){ by_gap, m->lowest, m->highest };
	ncols = pane_heatmap_fit(getmaxx(w), lw);
	draw_heads(w, hm, f, ncols);
	labels = label_dims(m, lw, ui.g->ellipsis);
	for (size_t d = f->top; d < m->ndims && (int)(d - f->top) < rows; d++) {
		int y = 2 + (int)(d - f->top);

		ui_text(w, y, 1, labels[d], lw, ui_attr(ROLE_TEXT));
		for (int c = 0; c < ncols && f->first + (size_t)c < hm->nperiods; c++) {
			size_t k = (f->first + (size_t)c) * m->ndims + d;
			int x = 2 + lw + c * CELL_W;

			ui_heat_cell(w, y, x, CELL_W, &heat, hm->level[k], hm->score[k], hm->gap[k],
				     hm->target[k] != NO_LEVEL, "");
		}
	}
	label_strings_free(labels, m->ndims);
	if (f->legend && h - 4 > (int)m->ndims)
		ui_text(w, h - 2, 1, f->legend, iw, ui_attr(ROLE_MUTED));
	scroll_mark_cols(w, "periods", f->first, (size_t)ncols, hm->nperiods, f->col_keys,
			 scroll_mark_rows(w, f->top, (size_t)rows, m->ndims, f->row_keys));
}

/* ---- the pane: the team view's last PANE_PERIODS periods ---- */

static void pane_load(struct app *app, struct team_view *v)
{
	int latest = NO_PERIOD;

	pane_heatmap_free(&v->heat);
	v->heat_current = -1;
	if (!v->a)
		return;
	if (store_team_latest(app->st, v->team_id, NULL, &latest) < 0)
		app_message(app, true, "%s", store_error(app->st));
	if (latest < v->a->period)
		latest = v->a->period;
	if (!pane_heatmap_load(&v->heat, app->st, v->team_id, v->a->model,
			       latest - PANE_PERIODS + 1, latest))
		app_message(app, true, "%s", store_error(app->st));
	v->heat_current = pane_heatmap_column(&v->heat, v->a->period);
}

/* The latest periods that fit, or earlier ones after H; the assessment's
 * own period stands out; the screen's dimension kept in view. */
static void pane_draw(struct app *app, WINDOW *w, struct team_view *v)
{
	int lw = layout_label_width(getmaxx(w) - 2) - 4;
	size_t rows = (size_t)pane_heatmap_rows(getmaxy(w)), n = v->heat.m ? v->heat.m->ndims : 0;
	char title[512];
	struct heatmap_frame f = {
		title, false,
		"No history yet.", lw < 8 ? 8 : lw, 0, { v->heat_current, -1 }, 0, false,
		app->heat_by_gap ? "colour: gap to target (g: by level)"
				 : "colour: level (g: by gap to target)", NULL,
		0, PANES_ROW_KEYS, PANES_COL_KEYS,
	};
	size_t fit = (size_t)pane_heatmap_fit(getmaxx(w), f.label_w), np = v->heat.nperiods;

	ui_title_of(title, sizeof title,
		    app->heat_by_gap ? "Heatmap: gap to target (g)" : "Heatmap: level (g)",
		    v->a ? v->a->team : NULL, w);
	if (v->focus >= 0 && v->focus != v->followed[PANE_HEATMAP] && (size_t)v->focus < n)
		v->top[PANE_HEATMAP] = layout_scroll_follow(v->top[PANE_HEATMAP], (size_t)v->focus,
							    n, rows);
	v->followed[PANE_HEATMAP] = v->focus;
	v->top[PANE_HEATMAP] = f.top = layout_scroll_clamp(v->top[PANE_HEATMAP], n, rows);
	v->page[PANE_HEATMAP] = rows;
	v->heat_fit = fit;
	if (v->heat_back > (np > fit ? np - fit : 0))
		v->heat_back = np > fit ? np - fit : 0;
	f.first = np > fit ? np - fit - v->heat_back : 0;
	pane_heatmap_draw(w, &v->heat, &f, app->heat_by_gap);
}

static void pane_free(struct team_view *v)
{
	pane_heatmap_free(&v->heat);
}

const struct pane_ops pane_heatmap_ops = { pane_load, pane_draw, pane_free };
