#include "pane_change.h"
#include "layout.h"
#include "pane_progress.h"
#include "period.h"
#include "scroll.h"
#include "strbuf.h"
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

/* Each moved answer's line in the list: a dimension's name above its
 * moved answers, its notes under them. */
static void number_lines(struct change *c)
{
	size_t line = 0;

	for (size_t i = 0; i < c->nmoved; i++) {
		size_t d = c->moved[i].dim;

		if (i == 0 || c->moved[i - 1].dim != d)
			line++;
		c->moved[i].line = line++;
		if ((i + 1 == c->nmoved || c->moved[i + 1].dim != d) && c->after->dims[d].notes)
			line++;
	}
	c->nlines = line;
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
			c->moved[c->nmoved++] = (struct change_answer){ d, k, was, bk, 0 };
		}
	}
	number_lines(c);
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

/* Score lines from top on, rows of them: a group's or a dimension's two
 * scores and an arrow. */
static void draw_scores(WINDOW *w, const struct change *c, int y, size_t top, size_t rows)
{
	const struct model *m = c->after->model;
	int iw = getmaxx(w) - 2;
	size_t n = pane_progress_lines(m);

	for (size_t i = top; i < n && i - top < rows; i++, y++) {
		long g, d;

		pane_progress_line(m, i, &g, &d);
		if (d < 0) {
			ui_text(w, y, 2, "Group ", 6, ui_attr(ROLE_MUTED));
			ui_text(w, y, 8, m->groups[g].name, iw - 24, ui_attr(ROLE_TITLE));
			draw_pair(w, y, c->group_before ? c->group_before[g] : NAN,
				  c->group_after ? c->group_after[g] : NAN);
			continue;
		}
		ui_text(w, y, 2, m->dims[d].name, iw - 20, ui_attr(ROLE_TEXT));
		draw_pair(w, y, c->before_score[d], c->after->scores[d].score);
	}
}

/* The list's lines from top on, rows of them; the selected answer stands
 * out when focused. */
static void draw_moved(WINDOW *w, const struct change *c, int y, size_t top, size_t rows,
		       size_t sel, bool focused)
{
	const struct assessment *a = c->after;
	int iw = getmaxx(w) - 2;
	size_t line = 0, end = top + rows;
	char buf[64];

	if (!c->nmoved) {
		ui_text(w, y, 4, "none", iw - 4, ui_attr(ROLE_MUTED));
		return;
	}
	for (size_t i = 0; i < c->nmoved && line < end; i++) {
		const struct change_answer *mv = &c->moved[i];
		size_t d = mv->dim;
		bool hi = focused && i == sel;
		enum answer now = a->answers[mv->crit];

		if ((i == 0 || c->moved[i - 1].dim != d) && line++ >= top)
			ui_text(w, y++, 2, a->model->dims[d].name, iw - 2, ui_attr(ROLE_KEY));
		if (line++ >= top && line <= end) {
			if (hi)
				ui_fill(w, y, 1, iw + 1, ui_attr(ROLE_SELECT));
			snprintf(buf, sizeof buf, "%s->%s", answer_name(mv->was), answer_name(now));
			ui_text(w, y, 4, buf, 16, ui_attr(hi ? ROLE_SELECT : now == ANS_YES ? ROLE_OK
										 : ROLE_WARN));
			ui_text(w, y++, 21, a->model->crits[mv->crit].text, iw - 20,
				ui_attr(hi ? ROLE_SELECT : ROLE_TEXT));
		}
		if ((i + 1 == c->nmoved || c->moved[i + 1].dim != d) && a->dims[d].notes &&
		    line < end && line++ >= top) {
			ui_text(w, y, 4, "notes:", 7, ui_attr(ROLE_MUTED));
			ui_text(w, y++, 11, a->dims[d].notes, iw - 10, ui_attr(ROLE_MUTED));
		}
	}
}

/* The scores' rows in a pane of rows inner lines: all when they fit with
 * the list, else at most a third (at least one), the list the rest. */
static size_t score_rows(size_t scores, size_t list, int rows)
{
	size_t r = rows > 0 ? (size_t)rows : 0, want = list ? list : 1, s;

	if (r < 3)
		return 0;
	if (scores + 1 + want <= r)
		return scores;
	s = r - 1 - (want < r - 1 ? want : r - 1);
	if (s < r / 3)
		s = r / 3;
	return s < 1 ? 1 : s > scores ? scores : s;
}

void pane_change_draw(WINDOW *w, const struct change *c, struct change_scroll *sc, bool focused)
{
	const struct assessment *a = c->after, *b = c->before;
	int iw = getmaxx(w) - 2, h = getmaxy(w), y = 1, right;
	size_t ns, srows, lrows, line;
	char buf[256], pa[PERIOD_LEN], pb[PERIOD_LEN];

	sc->score_page = sc->page = 0;
	if (!a) {
		ui_box(w, "Change", focused);
		return;
	}
	period_format(a->period, pa);
	if (b)
		period_format(b->period, pb);
	snprintf(buf, sizeof buf, "Change %s -> %s  ([ ] earlier, h l later)", b ? pb : "-", pa);
	ui_box(w, buf, focused);
	if (!b) {
		ui_text(w, y, 2, "Only one period: nothing to compare yet.", iw - 2, ui_attr(ROLE_MUTED));
		return;
	}
	ns = pane_progress_lines(a->model);
	srows = score_rows(ns, c->nlines, h - 2);
	sc->score_top = layout_scroll_clamp(sc->score_top, ns, srows);
	sc->score_page = srows;
	draw_scores(w, c, y, sc->score_top, srows);
	y += (int)srows;
	if (y >= h - 1)
		return;
	snprintf(buf, sizeof buf, "Answers that changed (%zu):", c->nmoved);
	ui_text(w, y, 2, buf, iw - 2, ui_attr(ROLE_TITLE));
	if (srows < ns) {
		/* The scores out of view, said on the list's head line. */
		if (sc->score_top && sc->score_top + srows < ns)
			snprintf(buf, sizeof buf, "scores: %zu above, +%zu more { } ", sc->score_top,
				 ns - sc->score_top - srows);
		else if (sc->score_top)
			snprintf(buf, sizeof buf, "scores: %zu above { } ", sc->score_top);
		else
			snprintf(buf, sizeof buf, "scores: +%zu more { } ", ns - srows);
		right = ui_width(buf) < iw / 2 ? ui_width(buf) : iw / 2;
		ui_text(w, y, iw - right, buf, right, ui_attr(ROLE_MUTED));
	}
	y++;
	lrows = (size_t)(h - 1 - y);
	if (!c->nmoved || !lrows) {
		if (lrows)
			draw_moved(w, c, y, 0, lrows, 0, false);
		return;
	}
	if (sc->sel >= c->nmoved) /* fewer since another process's change */
		sc->sel = c->nmoved - 1;
	/* The last answer brings the list's end, its notes too. */
	line = sc->sel + 1 == c->nmoved ? c->nlines - 1 : c->moved[sc->sel].line;
	sc->top = layout_scroll_follow(sc->top, line, c->nlines, lrows);
	/* The selected answer's dimension name with it, when it fits. */
	if (sc->top == line && line > 0 && lrows > 1 &&
	    (sc->sel == 0 || c->moved[sc->sel - 1].dim != c->moved[sc->sel].dim))
		sc->top--;
	/* A page: the answers in view. */
	sc->page = 0;
	for (size_t i = 0; i < c->nmoved; i++)
		sc->page += c->moved[i].line >= sc->top && c->moved[i].line < sc->top + lrows;
	draw_moved(w, c, y, sc->top, lrows, sc->sel, focused);
	scroll_mark_rows(w, sc->top, lrows, c->nlines, focused ? "j k, i" : "Tab");
}

static void add_answer(struct strbuf *b, const char *period, const struct assessment *a, long k)
{
	const struct crit_state *cs = k >= 0 ? &a->crits[k] : NULL;
	enum answer v = k >= 0 ? a->answers[k] : ANS_UNKNOWN;

	sb_printf(b, "\n\n%s: %s%s%s", period, answer_name(v), cs && cs->origin ? ", " : "",
		  cs ? origin_name(cs->origin) : "");
	if (k < 0)
		sb_printf(b, " (not in that period's model)");
	sb_printf(b, "\nComment: %s\nEvidence: %s", cs && cs->comment ? cs->comment : "-",
		  cs && cs->evidence ? cs->evidence : "-");
}

char *pane_change_text(const struct change *c, size_t i, char *title, size_t title_size)
{
	const struct assessment *a = c->after, *b = c->before;
	const struct change_answer *mv;
	const struct model *m;
	const struct criterion *cr;
	long bd;
	char pa[PERIOD_LEN], pb[PERIOD_LEN];
	struct strbuf sb;

	if (!a || !b || i >= c->nmoved)
		return NULL;
	mv = &c->moved[i];
	m = a->model;
	cr = &m->crits[mv->crit];
	period_format(a->period, pa);
	period_format(b->period, pb);
	sb_init(&sb);
	sb_printf(&sb, "%s\n\nDimension: %s\nLevel %d\nChanged from %s to %s", cr->text,
		  m->dims[mv->dim].name, cr->level, answer_name(mv->was), answer_name(a->answers[mv->crit]));
	add_answer(&sb, pb, b, mv->before_crit);
	add_answer(&sb, pa, a, (long)mv->crit);
	bd = model_find_dimension(b->model, m->dims[mv->dim].id);
	sb_printf(&sb, "\n\nNotes of the dimension, %s: %s\nNotes of the dimension, %s: %s", pb,
		  bd >= 0 && b->dims[bd].notes ? b->dims[bd].notes : "-", pa,
		  a->dims[mv->dim].notes ? a->dims[mv->dim].notes : "-");
	snprintf(title, title_size, "Change %s -> %s: %s", pb, pa, cr->id);
	return sb.s;
}
