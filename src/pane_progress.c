/* The level progress pane: it reads the team view's assessment alone, so
 * it has nothing to load. */
#include "pane_progress.h"
#include "label.h"
#include "layout.h"
#include "panes.h"
#include "scroll.h"

#include <stdio.h>

/* One dimension's line: name, bar with the target, score and level. */
static void draw_dim(WINDOW *w, const struct assessment *a, size_t d, int y, int iw, int lw,
		     int bar_w, const char *label)
{
	const struct model *m = a->model;
	const struct dim_score *s = &a->scores[d];
	int span = m->highest - m->lowest;
	double f = span ? (s->score - m->lowest) / span : 1;
	char buf[64];

	ui_text(w, y, 1, label, lw, ui_attr(ROLE_TEXT));
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

size_t pane_progress_lines(const struct model *m)
{
	return m->ndims + (m->ngroups ? m->ngroups : 0);
}

void pane_progress_line(const struct model *m, size_t i, long *g, long *d)
{
	size_t k = 0;

	*g = *d = -1;
	if (!m->ngroups) {
		*d = (long)i;
		return;
	}
	for (size_t gi = 0; gi < m->ngroups; gi++) {
		if (k++ == i) {
			*g = (long)gi;
			return;
		}
		for (size_t di = 0; di < m->ndims; di++)
			if (m->dims[di].group == (long)gi && k++ == i) {
				*d = (long)di;
				return;
			}
	}
}

static size_t line_of_dim(const struct model *m, long d)
{
	long g, dd;

	for (size_t i = 0; i < pane_progress_lines(m); i++) {
		pane_progress_line(m, i, &g, &dd);
		if (dd == d)
			return i;
	}
	return 0;
}

/* A line per dimension (under its group's line), scrolled from the view's
 * top; the overall score on the last line. */
static void pane_draw(struct app *app, WINDOW *w, struct team_view *v)
{
	int h = getmaxy(w), iw = getmaxx(w) - 2, lw = layout_label_width(iw);
	int bar_w = iw - lw - 11, rows = h - 3 > 1 ? h - 3 : 1;
	const struct assessment *a = v->a;
	const struct model *m;
	size_t n;
	char buf[512], **labels;

	(void)app;
	ui_title_of(buf, sizeof buf, "Level progress", a ? a->team : NULL, w);
	ui_box(w, buf, false);
	if (!a) {
		ui_text(w, 1, 2, "No assessment yet.", iw - 2, ui_attr(ROLE_MUTED));
		return;
	}
	m = a->model;
	labels = label_dims(m, lw, ui.g->ellipsis);
	n = pane_progress_lines(m);
	if (v->focus >= 0 && v->focus != v->followed[PANE_PROGRESS] && (size_t)v->focus < m->ndims)
		v->top[PANE_PROGRESS] = layout_scroll_follow(v->top[PANE_PROGRESS],
							     line_of_dim(m, v->focus), n, (size_t)rows);
	v->followed[PANE_PROGRESS] = v->focus;
	v->top[PANE_PROGRESS] = layout_scroll_clamp(v->top[PANE_PROGRESS], n, (size_t)rows);
	v->page[PANE_PROGRESS] = (size_t)rows;
	for (int r = 0; r < rows && v->top[PANE_PROGRESS] + (size_t)r < n; r++) {
		long g, d;

		pane_progress_line(m, v->top[PANE_PROGRESS] + (size_t)r, &g, &d);
		if (d >= 0) {
			draw_dim(w, a, (size_t)d, 1 + r, iw, lw, bar_w, labels[d]);
			continue;
		}
		snprintf(buf, sizeof buf, "%5.2f", v->group_score ? v->group_score[g] : 0.0);
		ui_text(w, 1 + r, 1, "Group ", 6, ui_attr(ROLE_MUTED));
		ui_text(w, 1 + r, 7, m->groups[g].name, iw - 15, ui_attr(ROLE_TITLE));
		ui_text(w, 1 + r, iw - 9, buf, 6, ui_attr(ROLE_TITLE));
	}
	label_strings_free(labels, m->ndims);
	if (h > 3) {
		snprintf(buf, sizeof buf, "Overall %.2f of %d   coverage %.0f%%", a->overall.score,
			 m->highest, a->overall.coverage * 100);
		ui_text(w, h - 2, 1, buf, iw, ui_attr(ROLE_TITLE));
	}
	scroll_mark_rows(w, v->top[PANE_PROGRESS], (size_t)rows, n, PANES_ROW_KEYS);
}

const struct pane_ops pane_progress_ops = { NULL, pane_draw, NULL };
