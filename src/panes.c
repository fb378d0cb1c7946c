/* The three live panes (level progress, gap heatmap, roadmap) and the team
 * data they show. Each pane draws from a team_view into its own window. */
#include "panes.h"
#include "report.h"
#include "xalloc.h"
#include "period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void team_view_free(struct team_view *v)
{
	assessment_free(v->a);
	free(v->level);
	free(v->score);
	free(v->gap);
	free(v->target);
	store_roadmap_free(v->roadmap, v->nroadmap);
	memset(v, 0, sizeof *v);
}

struct cells_ctx {
	struct team_view *v;
	const struct model *m;
	int first;              /* the oldest period kept */
};

static int period_slot(struct team_view *v, int period)
{
	for (int i = v->nperiods - 1; i >= 0; i--)
		if (v->periods[i] == period)
			return i;
	if (v->nperiods == HEAT_MAX_PERIODS)
		return -1;
	v->periods[v->nperiods] = period;
	return v->nperiods++;
}

static void on_cell(void *ctx, int period, const char *dim_id, int level, double score,
		    double gap, int target)
{
	struct cells_ctx *c = ctx;
	long d = model_find_dimension(c->m, dim_id);
	int p;

	if (d < 0)
		return;
	p = period_slot(c->v, period);
	if (p < 0)
		return;
	c->v->level[(size_t)d * HEAT_MAX_PERIODS + (size_t)p] = level;
	c->v->score[(size_t)d * HEAT_MAX_PERIODS + (size_t)p] = score;
	c->v->gap[(size_t)d * HEAT_MAX_PERIODS + (size_t)p] = gap;
	c->v->target[(size_t)d * HEAT_MAX_PERIODS + (size_t)p] = target;
}

void team_view_refresh(struct app *app, struct team_view *v)
{
	const struct model *m;
	struct cells_ctx ctx;
	size_t cells;
	int latest = NO_PERIOD;

	store_roadmap_free(v->roadmap, v->nroadmap);
	v->roadmap = NULL;
	v->nroadmap = 0;
	v->nperiods = 0;
	if (!v->a)
		return;
	m = v->a->model;
	cells = m->ndims * HEAT_MAX_PERIODS;
	if (v->ndims != m->ndims) {
		free(v->level); free(v->score); free(v->gap); free(v->target);
		v->level = xmalloc(cells * sizeof *v->level);
		v->score = xmalloc(cells * sizeof *v->score);
		v->gap = xmalloc(cells * sizeof *v->gap);
		v->target = xmalloc(cells * sizeof *v->target);
		v->ndims = m->ndims;
	}
	for (size_t i = 0; i < cells; i++)
		v->level[i] = -1;
	store_team_latest(app->st, v->team_id, &latest);
	if (latest < v->a->period)
		latest = v->a->period;
	ctx = (struct cells_ctx){ v, m, latest - HEAT_MAX_PERIODS + 1 };
	store_team_cells(app->st, v->team_id, ctx.first, latest, on_cell, &ctx);
	report_roadmap_ranked(app->st, v->a, &v->roadmap, &v->nroadmap);
}

void team_view_load(struct app *app, struct team_view *v, int64_t team_id, int64_t assessment_id)
{
	assessment_free(v->a);
	v->a = NULL;
	v->team_id = team_id;
	if (!assessment_id)
		assessment_id = store_team_latest(app->st, team_id, NULL);
	if (assessment_id)
		v->a = store_assessment_load(app->st, assessment_id);
	team_view_refresh(app, v);
}

static int label_width(int inner)
{
	int w = inner / 3;

	return w > 22 ? 22 : w < 8 ? 8 : w;
}

void pane_progress_draw(struct app *app, WINDOW *w, const struct team_view *v)
{
	int h = getmaxy(w), iw = getmaxx(w) - 2, lw = label_width(iw);
	int bar_w = iw - lw - 11;
	const struct assessment *a = v->a;
	const struct model *m;
	char buf[64];

	(void)app;
	ui_box(w, "Level progress", false);
	if (!a) {
		ui_text(w, 1, 2, "No assessment yet.", iw - 2, ui_attr(ROLE_MUTED));
		return;
	}
	m = a->model;
	for (size_t d = 0; d < m->ndims && (int)d < h - 3; d++) {
		const struct dim_score *s = &a->scores[d];
		int y = 1 + (int)d, span = m->highest - m->lowest;
		double f = span ? (s->score - m->lowest) / span : 1;

		ui_text(w, y, 1, m->dims[d].name, lw, ui_attr(ROLE_TEXT));
		if (bar_w > 3) {
			ui_bar(w, y, 2 + lw, bar_w, f, ui_attr(ROLE_BAR));
			if (a->dims[d].target != NO_LEVEL && span) {
				int tx = 2 + lw + (int)((double)(a->dims[d].target - m->lowest) / span * (bar_w - 1) + 0.5);

				ui_text(w, y, tx, ui.g->target, 1, ui_attr(ROLE_TARGET));
			}
		}
		snprintf(buf, sizeof buf, "%5.2f L%d%s", s->score, s->level,
			 a->dims[d].override_level != NO_LEVEL ? "*" : "");
		ui_text(w, y, iw - 9, buf, 10, ui_attr(ui_heat_role(s->level, m->lowest, m->highest)) & ~A_COLOR);
	}
	if (h - 2 > (int)m->ndims) {
		snprintf(buf, sizeof buf, "Overall %.2f of %d   coverage %.0f%%", a->overall.score,
			 m->highest, a->overall.coverage * 100);
		ui_text(w, h - 2, 1, buf, iw, ui_attr(ROLE_TITLE));
	}
}

void pane_heatmap_draw(struct app *app, WINDOW *w, const struct team_view *v)
{
	int h = getmaxy(w), iw = getmaxx(w) - 2, lw = label_width(iw) - 4;
	int ncols, first;
	const struct model *m;
	char buf[16];

	ui_box(w, app->heat_by_gap ? "Heatmap: gap to target (g)" : "Heatmap: level (g)", false);
	if (!v->a || v->nperiods == 0) {
		ui_text(w, 1, 2, "No history yet.", iw - 2, ui_attr(ROLE_MUTED));
		return;
	}
	m = v->a->model;
	if (lw < 8)
		lw = 8;
	ncols = (iw - lw - 1) / 6;
	if (ncols > v->nperiods)
		ncols = v->nperiods;
	if (ncols < 1)
		return;
	first = v->nperiods - ncols;
	for (int p = 0; p < ncols; p++) {
		int period = v->periods[first + p];

		snprintf(buf, sizeof buf, "%02dQ%d", period / 4 % 100, period % 4 + 1);
		ui_text(w, 1, 2 + lw + p * 6, buf, 5,
			ui_attr(period == v->a->period ? ROLE_TITLE : ROLE_MUTED));
	}
	for (size_t d = 0; d < m->ndims && (int)d < h - 3; d++) {
		int y = 2 + (int)d;

		ui_text(w, y, 1, m->dims[d].name, lw, ui_attr(ROLE_TEXT));
		for (int p = 0; p < ncols; p++) {
			size_t i = d * HEAT_MAX_PERIODS + (size_t)(first + p);
			int x = 2 + lw + p * 6, lv = v->level[i], shade;
			enum role r;

			if (lv < 0) {
				ui_text(w, y, x, "  -  ", 5, ui_attr(ROLE_MUTED));
				continue;
			}
			r = ui_cell_role(app->heat_by_gap, lv, m->lowest, m->highest, v->gap[i],
					 v->target[i] != NO_LEVEL, &shade);
			ui_heat_cell(w, y, x, 6, v->score[i], r, shade, "");
		}
	}
	if (h - 4 > (int)m->ndims)
		ui_text(w, h - 2, 1, app->heat_by_gap ? "colour: gap to target (g: by level)"
						      : "colour: level (g: by gap to target)",
			iw, ui_attr(ROLE_MUTED));
}

void pane_roadmap_draw(struct app *app, WINDOW *w, const struct team_view *v)
{
	int h = getmaxy(w), iw = getmaxx(w) - 2, now = period_current();
	char title[64], tag[64];

	(void)app;
	snprintf(title, sizeof title, "Roadmap (%zu open)", v->nroadmap);
	ui_box(w, title, false);
	if (!v->a) {
		ui_text(w, 1, 2, "No assessment yet.", iw - 2, ui_attr(ROLE_MUTED));
		return;
	}
	if (v->nroadmap == 0) {
		ui_text(w, 1, 2, "Nothing open: every gap is closed.", iw - 2, ui_attr(ROLE_MUTED));
		return;
	}
	for (size_t i = 0; i < v->nroadmap && (int)i < h - 2; i++) {
		const struct roadmap_row *r = &v->roadmap[i];
		const struct model *m = v->a->model;
		long c = model_find_criterion(m, r->criterion_id);
		bool overdue = r->due_period != NO_PERIOD && r->due_period < now;
		int x = 1, y = 1 + (int)i;
		char due[PERIOD_LEN] = "";

		x += ui_text(w, y, x, r->status == RM_IN_PROGRESS ? "doing " : "plan  ", 6,
			     ui_attr(r->status == RM_IN_PROGRESS ? ROLE_OK : ROLE_MUTED));
		x += ui_text(w, y, x, r->dimension_id, 10, ui_attr(ROLE_MUTED));
		x = x < 18 ? 18 : x + 1;
		if (r->due_period != NO_PERIOD)
			period_format(r->due_period, due);
		snprintf(tag, sizeof tag, " %s%s%s", r->owner ? r->owner : "", due[0] && r->owner ? " " : "",
			 due);
		{
			int tw = ui_width(tag);
			const char *text = r->action ? r->action : c >= 0 ? m->crits[c].text : r->criterion_id;

			ui_text(w, y, x, text, iw - x - tw - 1, ui_attr(ROLE_TEXT));
			ui_text(w, y, iw - tw, tag, tw, ui_attr(overdue ? ROLE_WARN : ROLE_MUTED));
		}
	}
}

void panes_draw(struct app *app, const struct layout *l, WINDOW **wins, const struct team_view *v)
{
	static void (*const draw[PANE_COUNT])(struct app *, WINDOW *, const struct team_view *) = {
		pane_progress_draw, pane_heatmap_draw, pane_roadmap_draw,
	};

	for (int p = 0; p < PANE_COUNT; p++) {
		wins[p] = ui_window_at(wins[p], &l->pane[p]);
		if (!wins[p])
			continue;
		werase(wins[p]);
		draw[p](app, wins[p], v);
		wnoutrefresh(wins[p]);
	}
}
