/* Draws the assessment screen's main window: the dimension's head (scores,
 * why, stages, target, override, notes, what is carried, the sign-off) and
 * its criteria grouped by level, each with its answer, a mark for a
 * carried answer and one for a comment or evidence, and the selected
 * criterion's comment, evidence and prerequisites (met or not) under it. */
#include "assess.h"
#include "period.h"
#include "scroll.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WRAP_MAX 32     /* lines of a head text; criteria wrap whole */
#define TEXT_X 11       /* answer label at 2, marks at 8 and 9 */
#define NOTE_LINES 2    /* a comment or evidence under the selection */

const char *assess_answer_label(enum answer a)
{
	static const char *const label[] = { "  ?   ", " no   ", "partly", " yes  ", " n/a  " };

	return label[a];
}

/* A head text was cut in this frame: the border says I shows it whole. */
static bool head_cut;

/* Wraps text to width: the byte ranges of all its lines, in arrays the
 * caller frees. */
static int wrap_all(const char *text, int width, size_t **st, size_t **ln)
{
	size_t max = strlen(text) + 2;

	*st = xcalloc(max, sizeof **st);
	*ln = xcalloc(max, sizeof **ln);
	return ui_wrap(text, width, *st, *ln, (int)max);
}

/* Draws text wrapped from line *y, at most max lines, clipped at bottom. */
static void wrapped(WINDOW *w, int *y, int x, int width, int bottom, const char *text,
		    int max, attr_t a)
{
	size_t st[WRAP_MAX + 1], ln[WRAP_MAX + 1];
	int lim = max < WRAP_MAX ? max : WRAP_MAX;
	int n = ui_wrap(text, width, st, ln, lim + 1);

	for (int i = 0; i < n && i < lim && *y < bottom; i++, (*y)++) {
		bool cut = (i == lim - 1 && n > lim) || (*y == bottom - 1 && i < n - 1);

		head_cut |= cut;
		/* The last line shown of a longer text ends in an ellipsis. */
		char *part = cut ? xasprintf("%.*s%s", (int)ln[i], text + st[i], ui.g->ellipsis)
				 : xstrndup(text + st[i], ln[i]);

		ui_text(w, *y, x, part, width, a);
		free(part);
	}
}

/* The first line: where we are, how much is answered, what is carried. */
static void draw_where(struct assess *as, int *y, int iw, int bottom)
{
	const struct assessment *a = as->v.a;
	const struct dim_score *sc = &a->scores[as->dim];
	size_t here = assessment_carried(a, (long)as->dim), all = assessment_carried(a, -1);
	long g = a->model->dims[as->dim].group;
	char buf[600], period[PERIOD_LEN], carried[80] = "", group[200] = "";

	period_format(a->period, period);
	if (all)
		snprintf(carried, sizeof carried, "  carried ~ %zu here, %zu in all", here, all);
	if (g >= 0 && as->v.group_score)
		snprintf(group, sizeof group, "  group %s %.2f", a->model->groups[g].name,
			 as->v.group_score[g]);
	snprintf(buf, sizeof buf, "%s  %s  dimension %zu of %zu%s  coverage %.0f%% (all %.0f%%)%s",
		 a->team, period, as->dim + 1, a->model->ndims, group, sc->coverage * 100,
		 a->overall.coverage * 100, carried);
	wrapped(as->main, y, 2, iw - 2, bottom, buf, 2, ui_attr(ROLE_TEXT));
	if (a->signed_by && *y < bottom) {
		snprintf(buf, sizeof buf, "Signed off by %s at %s: S reopens", a->signed_by,
			 a->signed_at);
		ui_text(as->main, (*y)++, 2, buf, iw - 2, ui_attr(ROLE_WARN) | A_REVERSE);
	}
}

static void draw_levels(struct assess *as, int *y, int iw, int bottom)
{
	WINDOW *w = as->main;
	const struct assessment *a = as->v.a;
	const struct model *m = a->model;
	const struct dimension *d = &m->dims[as->dim];
	const struct dim_score *sc = &a->scores[as->dim];
	char buf[64];
	int next = sc->level + 1, lines = bottom >= 30 ? 2 : 1;

	if (*y >= bottom)
		return;
	snprintf(buf, sizeof buf, "Score %.2f  ", sc->score);
	ui_text(w, *y, 2, buf, iw - 2, ui_attr(ROLE_TITLE));
	wrapped(w, y, 2 + ui_width(buf), iw - 2 - ui_width(buf), bottom, as->why, lines + 1,
		ui_attr(ui_heat_role(sc->level, m->lowest, m->highest)) & ~A_COLOR);
	if (d->stages[sc->level - m->lowest] && *y < bottom) {
		snprintf(buf, sizeof buf, "Now  L%d ", sc->level);
		ui_text(w, *y, 2, buf, 9, ui_attr(ROLE_MUTED));
		wrapped(w, y, 11, iw - 11, bottom, d->stages[sc->level - m->lowest], lines,
			ui_attr(ROLE_TEXT));
	}
	if (next <= m->highest && d->stages[next - m->lowest] && *y < bottom) {
		snprintf(buf, sizeof buf, "Next L%d ", next);
		ui_text(w, *y, 2, buf, 9, ui_attr(ROLE_MUTED));
		wrapped(w, y, 11, iw - 11, bottom, d->stages[next - m->lowest], lines,
			ui_attr(ROLE_TEXT));
	}
}

static void draw_dim_state(struct assess *as, int *y, int iw, int bottom)
{
	WINDOW *w = as->main;
	const struct dim_state *ds = &as->v.a->dims[as->dim];
	const struct dim_score *sc = &as->v.a->scores[as->dim];
	char buf[128], t[16] = "-", o[16] = "-";
	int x = 2;

	if (*y >= bottom)
		return;
	if (ds->target != NO_LEVEL)
		snprintf(t, sizeof t, "%d", ds->target);
	if (ds->override_level != NO_LEVEL)
		snprintf(o, sizeof o, "%d", ds->override_level);
	snprintf(buf, sizeof buf, "Target %s  gap %.2f   Override %s", t, sc->gap, o);
	x += ui_text(w, *y, x, buf, iw - 2, ui_attr(ROLE_TEXT));
	if (ds->override_reason) {
		x += ui_text(w, *y, x, ": ", 2, ui_attr(ROLE_MUTED));
		head_cut |= ui_width(ds->override_reason) > iw - x;
		ui_text(w, *y, x, ds->override_reason, iw - x, ui_attr(ROLE_WARN));
	}
	(*y)++;
	if (*y < bottom) {
		ui_text(w, *y, 2, "Notes ", 6, ui_attr(ROLE_MUTED));
		wrapped(w, y, 8, iw - 8, bottom, ds->notes ? ds->notes : "-", bottom >= 30 ? 2 : 1,
			ui_attr(ROLE_TEXT));
	}
}

#define NOTE_KINDS 3     /* comment, evidence, prerequisites */

/* The selected criterion's comment, evidence and prerequisites (as
 * assess_explain prepared them), as drawn under it. */
static void note_texts(const struct assess *as, size_t i, const char *t[NOTE_KINDS])
{
	size_t ci = as->order[i];

	t[0] = as->v.a->crits[ci].comment;
	t[1] = as->v.a->crits[ci].evidence;
	t[2] = i < as->nprereq ? as->prereq[i] : NULL;
}

static int note_lines(const struct assess *as, size_t i, int width)
{
	size_t st[NOTE_LINES + 1], ln[NOTE_LINES + 1];
	const char *t[NOTE_KINDS];
	int n = 0;

	note_texts(as, i, t);
	for (int k = 0; k < NOTE_KINDS; k++) {
		if (t[k]) {
			int l = ui_wrap(t[k], width - 10, st, ln, NOTE_LINES + 1);

			n += l < NOTE_LINES ? l : NOTE_LINES;
		}
	}
	return n;
}

static void draw_notes(WINDOW *w, const struct assess *as, size_t i, int *y, int y0,
		       int iw, int bottom)
{
	static const char *const label[NOTE_KINDS] = { "Comment", "Evidence", "Requires" };
	const char *t[NOTE_KINDS];

	note_texts(as, i, t);
	for (int k = 0; k < NOTE_KINDS && *y < bottom; k++) {
		int top = *y;

		if (!t[k])
			continue;
		/* Drawn off the top when scrolled: counted, not shown. */
		if (*y < y0) {
			size_t st[NOTE_LINES + 1], ln[NOTE_LINES + 1];
			int l = ui_wrap(t[k], iw - TEXT_X - 10, st, ln, NOTE_LINES + 1);

			*y += l < NOTE_LINES ? l : NOTE_LINES;
			continue;
		}
		ui_text(w, top, TEXT_X, label[k], 9,
			ui_attr(k == 2 && strstr(t[k], "not met") ? ROLE_WARN : ROLE_MUTED));
		wrapped(w, y, TEXT_X + 10, iw - TEXT_X - 10, bottom, t[k], NOTE_LINES,
			ui_attr(ROLE_TEXT));
	}
}

/* One criterion's first line: answer, carried mark, comment/evidence mark. */
static void draw_marks(WINDOW *w, int y, const struct assessment *a, size_t ci, bool sel)
{
	const struct crit_state *cs = &a->crits[ci];

	ui_text(w, y, 2, assess_answer_label(a->answers[ci]), 6,
		sel ? ui_attr(ROLE_SELECT) : ui_attr(ui_answer_role(a->answers[ci])));
	if (cs->origin == ORIGIN_CARRIED)
		ui_text(w, y, 8, "~", 1, ui_attr(sel ? ROLE_SELECT : ROLE_WARN));
	if (cs->comment || cs->evidence)
		ui_text(w, y, 9, "*", 1, ui_attr(sel ? ROLE_SELECT : ROLE_KEY));
}

/* Lines of criterion i as listed: its text, and its notes when selected. */
static int crit_lines(const struct assess *as, size_t i, int width)
{
	const struct assessment *a = as->v.a;
	size_t ci = as->order[i], *st, *ln;
	int n = wrap_all(a->model->crits[ci].text, width, &st, &ln);

	free(st);
	free(ln);
	return n + (i == as->sel ? note_lines(as, i, width) : 0);
}

/* Scrolls the selection into view: its first line and level head, and as
 * much of the rest as fits. */
static void scroll_to_selection(struct assess *as, int width, int rows)
{
	const struct model *m = as->v.a->model;
	int total = 0, sel_first = 0, sel_last = 0, prev_level = -1;

	for (size_t i = 0; i < as->norder; i++) {
		const struct criterion *c = &m->crits[as->order[i]];

		if (c->level != prev_level)
			total++;
		prev_level = c->level;
		if (i == as->sel)
			sel_first = total;
		total += crit_lines(as, i, width);
		if (i == as->sel)
			sel_last = total - 1;
	}
	if ((size_t)sel_first < as->top_line + 1 && sel_first > 0)
		as->top_line = (size_t)sel_first - 1;
	if (sel_first == 1)
		as->top_line = 0;
	if (sel_last >= (int)as->top_line + rows)
		as->top_line = (size_t)(sel_last - rows + 1);
	/* A criterion taller than the area: keep its first line and label. */
	if ((int)as->top_line > sel_first)
		as->top_line = (size_t)sel_first;
}

/* For the mouse: row y of the window shows criterion i. */
static void note_row(struct assess *as, int y, size_t i)
{
	if (y >= 0 && y < as->nrow_crit)
		as->row_crit[y] = (long)i;
}

static void level_head(WINDOW *w, int y, int iw, const struct model *m, int level)
{
	const struct model_level *lv = model_level(m, level);
	char head[200];

	snprintf(head, sizeof head, "Level %d  %s", level, lv ? lv->name : "");
	wattrset(w, (int)ui_attr(ROLE_BORDER));
	ui_hline(w, y, 1, iw);
	wattrset(w, A_NORMAL);
	ui_text(w, y, 3, head, iw - 4, ui_attr(ROLE_TITLE));
}

/* The criteria from the scrolled line on; the bottom border says how many
 * are wholly above the window and how many start below it. */
static void draw_criteria(struct assess *as, int y0, int iw, int bottom)
{
	WINDOW *w = as->main;
	const struct assessment *a = as->v.a;
	const struct model *m = a->model;
	int width = iw - TEXT_X, y, prev_level = -1;
	size_t above = 0, i;

	if (bottom <= y0)
		return;
	scroll_to_selection(as, width, bottom - y0);
	y = y0 - (int)as->top_line;
	for (i = 0; i < as->norder && y < bottom; i++) {
		size_t ci = as->order[i];
		const struct criterion *c = &m->crits[ci];
		bool sel = i == as->sel;
		size_t *st, *ln;
		int n;

		if (c->level != prev_level) {
			if (y >= y0)
				level_head(w, y, iw, m, c->level);
			y++;
			prev_level = c->level;
		}
		n = wrap_all(c->text, width, &st, &ln);
		for (int k = 0; k < n && y < bottom; k++, y++) {
			char *part;

			if (y < y0)
				continue;
			note_row(as, y, i);
			if (sel)
				ui_fill(w, y, 1, iw + 1, ui_attr(ROLE_SELECT));
			if (k == 0)
				draw_marks(w, y, a, ci, sel);
			part = xstrndup(c->text + st[k], ln[k]);
			ui_text(w, y, TEXT_X, part, width, ui_attr(sel ? ROLE_SELECT : ROLE_TEXT));
			free(part);
		}
		free(st);
		free(ln);
		if (sel) {
			int from = y;

			draw_notes(w, as, i, &y, y0, iw, bottom);
			for (; from < y; from++)
				if (from >= y0)
					note_row(as, from, i);
		}
		above += y <= y0;
	}
	scroll_mark_rows(w, above, i - above, as->norder, "j k");
}

void assess_draw_main(struct assess *as)
{
	WINDOW *w = as->main;
	int y = 1, iw = getmaxx(w) - 2, bottom = getmaxy(w) - 1;

	werase(w);
	as->v.focus = (long)as->dim; /* the panes keep it in view */
	for (int r = 0; r < as->nrow_crit; r++)
		as->row_crit[r] = -1;
	ui_box(w, as->v.a->model->dims[as->dim].name, true);
	head_cut = false;
	draw_where(as, &y, iw, bottom);
	draw_levels(as, &y, iw, bottom);
	draw_dim_state(as, &y, iw, bottom);
	/* Said at the left of the bottom line: the top one holds who is
	 * here and the pace (assess_meet.c), the right of this one the
	 * criteria's scroll marker. */
	if (head_cut)
		ui_text(w, bottom, 2, " I: in full ", 12, ui_attr(ROLE_MUTED));
	draw_criteria(as, y, iw, bottom);
	if (as->pending) {
		const struct model *m = as->v.a->model;
		char buf[128];

		snprintf(buf, sizeof buf, " %s: press a level %d-%d, x to clear, Esc to cancel ",
			 as->pending == 't' ? "Target" : "Override", m->lowest, m->highest);
		ui_text(w, getmaxy(w) - 1, 2, buf, iw - 2, ui_attr(ROLE_WARN) | A_REVERSE);
	}
}
