/* The roadmap pane: the ranked open items, what each says and whether it
 * is overdue worked out when the team view loads. */
#include "pane_roadmap.h"
#include "label.h"
#include "panes.h"
#include "period.h"
#include "report.h"
#include "scroll.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void pane_free(struct team_view *v)
{
	struct roadmap_list *l = &v->roadmap;

	store_roadmap_free(l->rows, l->n);
	free(l->text);
	free(l->overdue);
	roadmap_blocked_free(l->blocked, l->n);
	memset(l, 0, sizeof *l);
}

/* What blocks each item, from the team's latest assessment: the one shown
 * on home, but not on the screen of a past assessment. */
static void load_blocked(struct app *app, const struct team_view *v, struct roadmap_list *l)
{
	struct assessment *own = NULL;
	const struct assessment *latest = v->a;
	int64_t id = 0;

	if (store_team_latest(app->st, v->a->team_id, &id, NULL) > 0 && id && id != v->a->id &&
	    store_assessment_load(app->st, id, &own) > 0)
		latest = own;
	l->blocked = roadmap_blocked_list(latest->model, latest->answers, l->rows, l->n);
	assessment_free(own);
}

static void pane_load(struct app *app, struct team_view *v)
{
	struct roadmap_list *l = &v->roadmap;
	const struct model *m;
	int now = period_current();

	pane_free(v);
	if (!v->a)
		return;
	m = v->a->model;
	if (!report_roadmap_ranked(app->st, v->a, &l->rows, &l->n))
		app_message(app, true, "%s", store_error(app->st));
	l->text = xcalloc(l->n ? l->n : 1, sizeof *l->text);
	l->overdue = xcalloc(l->n ? l->n : 1, sizeof *l->overdue);
	load_blocked(app, v, l);
	for (size_t i = 0; i < l->n; i++) {
		const struct roadmap_row *r = &l->rows[i];
		long c = model_find_criterion(m, r->criterion_id);

		l->text[i] = r->action ? r->action : c >= 0 ? m->crits[c].text : r->criterion_id;
		l->overdue[i] = r->due_period != NO_PERIOD && r->due_period < now;
	}
}

/* The items from the view's top on; what is below or above said on the
 * border, with the keys that scroll it and the review (r) that lists them
 * all with their whole text (i). */
static void pane_draw(struct app *app, WINDOW *w, struct team_view *v)
{
	const struct roadmap_list *l = &v->roadmap;
	int h = getmaxy(w), iw = getmaxx(w) - 2;
	size_t rows = h - 2 > 1 ? (size_t)h - 2 : 1, top;
	char kind[64], title[512], tag[160];
	struct label_item *ids;
	const struct model *m;

	(void)app;
	snprintf(kind, sizeof kind, "Roadmap (%zu open)", l->n);
	ui_title_of(title, sizeof title, kind, v->a ? v->a->team : NULL, w);
	ui_box(w, title, false);
	if (!v->a) {
		ui_text(w, 1, 2, "No assessment yet.", iw - 2, ui_attr(ROLE_MUTED));
		return;
	}
	if (l->n == 0) {
		ui_text(w, 1, 2, "Nothing open: every gap is closed.", iw - 2, ui_attr(ROLE_MUTED));
		return;
	}
	/* Each dimension's id at both widths: cut, the ids still differ. */
	m = v->a->model;
	ids = xcalloc(2 * (m->ndims ? m->ndims : 1), sizeof *ids);
	for (size_t d = 0; d < 2 * m->ndims; d++)
		ids[d] = (struct label_item){ m->dims[d % m->ndims].id, NULL, d < m->ndims ? 10 : 8, NULL };
	label_make(ids, m->ndims, ui.g->ellipsis);
	label_make(ids + m->ndims, m->ndims, ui.g->ellipsis);
	top = v->top[PANE_ROADMAP] = layout_scroll_clamp(v->top[PANE_ROADMAP], l->n, rows);
	v->page[PANE_ROADMAP] = rows;
	for (size_t i = top; i < l->n && i - top < rows; i++) {
		const struct roadmap_row *r = &l->rows[i];
		int x = 1, y = 1 + (int)(i - top), tw;
		char due[PERIOD_LEN] = "";
		const char *blk = l->blocked ? l->blocked[i] : NULL;
		long d = model_find_dimension(m, r->dimension_id);
		const char *dim = d < 0 ? r->dimension_id : ids[(size_t)d + (blk ? m->ndims : 0)].label;

		if (blk)
			x += ui_text(w, y, x, "blocked ", 8, ui_attr(ROLE_WARN));
		else
			x += ui_text(w, y, x, r->status == RM_IN_PROGRESS ? "doing " : "plan  ", 6,
				     ui_attr(r->status == RM_IN_PROGRESS ? ROLE_OK : ROLE_MUTED));
		x += ui_text(w, y, x, dim, blk ? 8 : 10, ui_attr(ROLE_MUTED));
		x = x < 18 ? 18 : x + 1;
		if (r->due_period != NO_PERIOD)
			period_format(r->due_period, due);
		snprintf(tag, sizeof tag, " %s%s%s%s%s", blk ? "after " : "", blk ? blk : "",
			 blk && (r->owner || due[0]) ? " " : "", r->owner ? r->owner : "",
			 due[0] && r->owner ? " " : "");
		snprintf(tag + strlen(tag), sizeof tag - strlen(tag), "%s", due);
		tw = ui_width(tag);
		if (tw > (iw - x) * 2 / 3)
			tw = (iw - x) * 2 / 3;
		ui_text(w, y, x, l->text[i], iw - x - tw - 1, ui_attr(ROLE_TEXT));
		ui_text(w, y, iw - tw, tag, tw, ui_attr(l->overdue[i] || blk ? ROLE_WARN : ROLE_MUTED));
	}
	label_free(ids, 2 * m->ndims);
	free(ids);
	scroll_mark_rows(w, top, rows, l->n, PANES_ROW_KEYS);
}

const struct pane_ops pane_roadmap_ops = { pane_load, pane_draw, pane_free };
