#include "pane_change.h"
#include "period.h"
#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pane_change_free(struct change *c)
{
	free(c->before_score);
	free(c->group_after);
	free(c->group_before);
	free(c->moved);
	memset(c, 0, sizeof *c);
}

static void load_groups(struct change *c)
{
	const struct model *m = c->after->model, *bm = c->before->model;

	if (!m->ngroups)
		return;
	c->group_after = xcalloc(m->ngroups, sizeof *c->group_after);
	c->group_before = xcalloc(m->ngroups, sizeof *c->group_before);
	for (size_t g = 0; g < m->ngroups; g++) {
		long bg = -1;

		for (size_t k = 0; k < bm->ngroups; k++)
			if (!strcmp(bm->groups[k].id, m->groups[g].id))
				bg = (long)k;
		c->group_after[g] = score_group(m, c->after->scores, (long)g);
		c->group_before[g] = bg >= 0 ? score_group(bm, c->before->scores, bg) : NAN;
	}
}

void pane_change_load(struct change *c, const struct assessment *after,
		      const struct assessment *before)
{
	const struct model *m;
	size_t cap = 0;

	pane_change_free(c);
	c->after = after;
	c->before = before;
	if (!after || !before)
		return;
	m = after->model;
	c->before_score = xcalloc(m->ndims ? m->ndims : 1, sizeof *c->before_score);
	for (size_t d = 0; d < m->ndims; d++) {
		long bd = model_find_dimension(before->model, m->dims[d].id);

		c->before_score[d] = bd >= 0 ? before->scores[bd].score : NAN;
		for (size_t k = m->dims[d].first; k < m->dims[d].first + m->dims[d].ncrit; k++) {
			long bk = model_find_criterion(before->model, m->crits[k].id);
			enum answer was = bk >= 0 ? before->answers[bk] : ANS_UNKNOWN;

			if (was == after->answers[k])
				continue;
			c->moved = xgrow(c->moved, &cap, c->nmoved + 1, sizeof *c->moved);
			c->moved[c->nmoved++] = (struct change_answer){ d, k, was };
		}
	}
	load_groups(c);
}

/* The two scores and an arrow at the end of line y. */
static void draw_pair(WINDOW *w, int y, double before, double after)
{
	int iw = getmaxx(w) - 2;
	char buf[64];
	const char *mark = isnan(before) ? " " : after > before + 1e-9 ? ui.g->up
			 : after < before - 1e-9 ? ui.g->down : ui.g->same;
	enum role role = isnan(before) || fabs(after - before) < 1e-9 ? ROLE_MUTED
			 : after > before ? ROLE_OK : ROLE_ERROR;

	if (isnan(before))
		snprintf(buf, sizeof buf, "    -  %5.2f ", after);
	else
		snprintf(buf, sizeof buf, "%5.2f  %5.2f ", before, after);
	ui_text(w, y, iw - 15, buf, 14, ui_attr(ROLE_TEXT));
	ui_text(w, y, iw - 1, mark, 1, ui_attr(role));
}

/* A line per dimension (under a line per group when the model has groups):
 * the two scores and an arrow; returns the next line. */
static int draw_scores(WINDOW *w, const struct change *c, int y)
{
	const struct model *m = c->after->model;
	int iw = getmaxx(w) - 2, h = getmaxy(w);
	size_t ng = c->group_after ? m->ngroups : 1;

	for (size_t g = 0; g < ng && y < h - 1; g++) {
		if (c->group_after) {
			ui_text(w, y, 2, "Group ", 6, ui_attr(ROLE_MUTED));
			ui_text(w, y, 8, m->groups[g].name, iw - 24, ui_attr(ROLE_TITLE));
			draw_pair(w, y++, c->group_before[g], c->group_after[g]);
		}
		for (size_t d = 0; d < m->ndims && y < h - 1; d++) {
			if (c->group_after && m->dims[d].group != (long)g)
				continue;
			ui_text(w, y, 2, m->dims[d].name, iw - 20, ui_attr(ROLE_TEXT));
			draw_pair(w, y++, c->before_score[d], c->after->scores[d].score);
		}
	}
	return y;
}

size_t pane_change_lines(const struct change *c)
{
	size_t n = 0, i = 0;

	if (!c->after)
		return 0;
	for (size_t d = 0; d < c->after->model->ndims; d++) {
		size_t start = i;

		while (i < c->nmoved && c->moved[i].dim == d)
			i++;
		if (i > start)
			n += 1 + (i - start) + (c->after->dims[d].notes ? 1 : 0);
	}
	return n;
}

/* The answers that moved, under their dimension's name, from line top of
 * the list on while they fit; returns the rows the list had. */
static int draw_moved(WINDOW *w, const struct change *c, int y, size_t top)
{
	const struct assessment *a = c->after;
	int iw = getmaxx(w) - 2, h = getmaxy(w), rows = h - 1 - y;
	size_t i = 0, line = 0, drawn = 0, total = pane_change_lines(c);
	char buf[64];

	if (!c->nmoved) {
		if (y < h - 1)
			ui_text(w, y, 4, "none", iw - 4, ui_attr(ROLE_MUTED));
		return rows;
	}
	for (size_t d = 0; d < a->model->ndims; d++) {
		const struct dimension *dim = &a->model->dims[d];
		bool header = false;

		for (; i < c->nmoved && c->moved[i].dim == d; i++) {
			size_t k = c->moved[i].crit;
			enum answer was = c->moved[i].was;

			if (!header) {
				header = true;
				if (line++ >= top && y < h - 1) {
					ui_text(w, y++, 2, dim->name, iw - 2, ui_attr(ROLE_KEY));
					drawn++;
				}
			}
			if (line++ < top || y >= h - 1)
				continue;
			snprintf(buf, sizeof buf, "%s->%s", answer_name(was), answer_name(a->answers[k]));
			ui_text(w, y, 4, buf, 16, ui_attr(answer_name(a->answers[k])[0] == 'y'
							      ? ROLE_OK : ROLE_WARN));
			ui_text(w, y++, 21, a->model->crits[k].text, iw - 20, ui_attr(ROLE_TEXT));
			drawn++;
		}
		if (header && a->dims[d].notes && line++ >= top && y < h - 1) {
			ui_text(w, y, 4, "notes:", 7, ui_attr(ROLE_MUTED));
			ui_text(w, y++, 11, a->dims[d].notes, iw - 10, ui_attr(ROLE_MUTED));
			drawn++;
		}
	}
	if (top + drawn < total) {
		snprintf(buf, sizeof buf, " +%zu more ", total - top - drawn);
		ui_text(w, h - 1, iw - ui_width(buf), buf, iw / 2, ui_attr(ROLE_MUTED));
	}
	return rows;
}

int pane_change_draw(WINDOW *w, const struct change *c, size_t top, bool focused)
{
	const struct assessment *a = c->after, *b = c->before;
	int iw = getmaxx(w) - 2, h = getmaxy(w), y = 1;
	char buf[256], pa[PERIOD_LEN], pb[PERIOD_LEN];

	if (!a) {
		ui_box(w, "Change", focused);
		return 0;
	}
	period_format(a->period, pa);
	if (b)
		period_format(b->period, pb);
	snprintf(buf, sizeof buf, "Change %s -> %s  ([ ] earlier, h l later)", b ? pb : "-", pa);
	ui_box(w, buf, focused);
	if (!b) {
		ui_text(w, y, 2, "Only one period: nothing to compare yet.", iw - 2, ui_attr(ROLE_MUTED));
		return 0;
	}
	y = draw_scores(w, c, y);
	if (y < h - 1) {
		if (top)
			snprintf(buf, sizeof buf, "Answers that changed (%zu lines above):", top);
		else
			snprintf(buf, sizeof buf, "Answers that changed:");
		ui_text(w, y++, 2, buf, iw - 2, ui_attr(ROLE_TITLE));
	}
	return draw_moved(w, c, y, top);
}
