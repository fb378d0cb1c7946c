/* The level progress pane: it reads the team view's assessment alone, so
 * it has nothing to load. */
#include "pane_progress.h"
#include "label.h"
#include "layout.h"
#include "panes.h"

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

static void pane_draw(struct app *app, WINDOW *w, const struct team_view *v)
{
	int h = getmaxy(w), iw = getmaxx(w) - 2, lw = layout_label_width(iw);
	int bar_w = iw - lw - 11;
	const struct assessment *a = v->a;
	const struct model *m;
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
	if (!m->ngroups || !v->group_score) {
		for (size_t d = 0; d < m->ndims && (int)d < h - 3; d++)
			draw_dim(w, a, d, 1 + (int)d, iw, lw, bar_w, labels[d]);
	} else {
		/* Each group's line, its score, then its dimensions under it. */
		int y = 1;

		for (size_t g = 0; g < m->ngroups && y < h - 2; g++) {
			snprintf(buf, sizeof buf, "%5.2f", v->group_score[g]);
			ui_text(w, y, 1, "Group ", 6, ui_attr(ROLE_MUTED));
			ui_text(w, y, 7, m->groups[g].name, iw - 15, ui_attr(ROLE_TITLE));
			ui_text(w, y++, iw - 9, buf, 6, ui_attr(ROLE_TITLE));
			for (size_t d = 0; d < m->ndims && y < h - 2; d++)
				if (m->dims[d].group == (long)g)
					draw_dim(w, a, d, y++, iw, lw, bar_w, labels[d]);
		}
	}
	label_strings_free(labels, m->ndims);
	if (h - 2 > (int)(m->ndims + m->ngroups)) {
		snprintf(buf, sizeof buf, "Overall %.2f of %d   coverage %.0f%%", a->overall.score,
			 m->highest, a->overall.coverage * 100);
		ui_text(w, h - 2, 1, buf, iw, ui_attr(ROLE_TITLE));
	}
}

const struct pane_ops pane_progress_ops = { NULL, pane_draw, NULL };
