/* Home's list of teams drawn: the title, each row on screen (name cut so
 * that no two shown together look the same, latest period, score,
 * coverage, sparkline), who is where, the position. */
#include "home.h"
#include "findbar.h"
#include "period.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

void home_drop_names(struct home *h)
{
	label_free(h->names, h->nnames);
	free(h->names);
	h->names = NULL;
	h->nnames = 0;
}

static void draw_welcome(WINDOW *w)
{
	static const char *const lines[] = {
		"Welcome to mlmat. No assessments yet.",
		"Press n to start one: a team, a period and a facilitator,",
		"then answer the criteria of each dimension.",
		"To look around first, load demo data:",
		"  mlmat demo --db PATH   (or: make demo)",
		"Press ? for the keys, q to quit.",
	};
	int iw = getmaxx(w) - 4;

	for (size_t i = 0; i < sizeof lines / sizeof *lines && (int)i < getmaxy(w) - 2; i++)
		ui_text(w, 1 + (int)i, 2, lines[i], iw, ui_attr(i == 0 ? ROLE_TITLE : ROLE_TEXT));
}

/* The names of the n teams from top as shown: whole when they fit, else
 * cut so that no two shown together look the same. Only the rows on the
 * screen are labelled: 10,000 teams cost no more than 40. */
static struct label_item *team_labels(const struct home *h, int name_w, size_t top, size_t n)
{
	struct label_item *l = xcalloc(n ? n : 1, sizeof *l);

	for (size_t i = 0; i < n; i++)
		l[i] = (struct label_item){ h->teams[top + i].name, NULL,
					    h->teams[top + i].archived ? name_w - 11 : name_w, NULL };
	label_make(l, n, ui.g->ellipsis);
	return l;
}

/* Row r of the window (team top + r), its label made. */
static void draw_row(struct app *app, const struct home *h, int r, int name_w)
{
	WINDOW *w = h->list;
	size_t i = h->top + (size_t)r;
	const struct team_summary *t = &h->teams[i];
	const char *label = h->names[r].label;
	bool sel = i == h->sel;
	attr_t a = ui_attr(ROLE_TEXT);
	int y = 2 + r, x = 3 + name_w;
	char buf[64];

	/* Only the name carries the selection, so a cursor move rewrites two
	 * short cells rather than two whole rows. */
	if (sel)
		ui_fill(w, y, 1, 2 + name_w, ui_attr(ROLE_SELECT));
	if (t->archived) {
		ui_text(w, y, 2, label, name_w - 11, ui_attr(sel ? ROLE_SELECT : ROLE_MUTED));
		ui_text(w, y, 2 + name_w - 10, "(archived)", 10, ui_attr(ROLE_MUTED));
	} else {
		ui_text(w, y, 2, label, name_w, ui_attr(sel ? ROLE_SELECT : ROLE_TEXT));
	}
	if (t->unreadable || !t->latest_id) {
		ui_text(w, y, x, t->unreadable ? "unreadable" : "no assessment", 14,
			t->unreadable ? ui_attr(ROLE_ERROR) : a);
		return;
	}
	period_format(t->latest_period, buf);
	ui_text(w, y, x, buf, 7, a);
	if (t->signed_off)
		ui_text(w, y, x + 7, ui.g->signed_off, 1, ui_attr(ROLE_OK));
	snprintf(buf, sizeof buf, "%5.2f %3.0f%%", t->overall, t->coverage * 100);
	ui_text(w, y, x + 8, buf, 10, a);
	if (app->model)
		ui_spark(w, y, x + 19, t->trend, t->ntrend, app->model->lowest, app->model->highest,
			 ui_attr(ROLE_BAR));
}

static int name_width(const struct home *h)
{
	int name_w = getmaxx(h->list) - 2 - 8 - 6 - 5 - SPARK_N - 4;

	return name_w < 10 ? 10 : name_w;
}

bool home_draw_rows(struct app *app, struct home *h)
{
	int name_w = name_width(h);

	if (!h->names || h->names_w != name_w || h->names_top != h->top)
		return false;
	for (size_t k = 0; k < h->nchanged; k++) {
		size_t i = h->changed[k];
		int r = (int)(i - h->top);

		if (i < h->top || i - h->top >= h->nnames)
			continue;
		if (team_list_fill(&h->tl, app->st, i, 1) <= 0)
			return false;
		ui_fill(h->list, 2 + r, 1, getmaxx(h->list) - 1, ui_attr(ROLE_TEXT));
		draw_row(app, h, r, name_w);
	}
	wnoutrefresh(h->list);
	return true;
}

void home_draw_list(struct app *app, struct home *h)
{
	WINDOW *w = h->list;
	int rows = getmaxy(w) - 3, iw = getmaxx(w) - 2;
	int name_w = name_width(h);
	char title[FINDBAR_MAX_CHARS * 4 + 100], buf[64];
	size_t shown;

	werase(w);
	if (h->tl.filter)
		snprintf(title, sizeof title, "Teams (%zu of %zu%s) matching \"%s\", %s signed off",
			 h->nteams, h->tl.nall, h->tl.archived ? ", archived too" : "", h->tl.filter,
			 ui.g->signed_off);
	else
		snprintf(title, sizeof title, "Teams (%zu%s), %s signed off", h->nteams,
			 h->tl.archived ? ", archived too" : "", ui.g->signed_off);
	ui_box(w, title, true);
	if (h->nteams == 0 && h->tl.filter) {
		ui_text(w, 1, 2, "No team's name holds that: / changes it, Esc clears it.", iw - 2,
			ui_attr(ROLE_MUTED));
		wnoutrefresh(w);
		return;
	}
	if (h->nteams == 0) {
		draw_welcome(w);
		wnoutrefresh(w);
		return;
	}
	ui_text(w, 1, 2, "Team", name_w, ui_attr(ROLE_MUTED));
	ui_text(w, 1, 3 + name_w, "Period  Score Cov", 20, ui_attr(ROLE_MUTED));
	ui_text(w, 1, 3 + name_w + 19, "Trend", SPARK_N, ui_attr(ROLE_MUTED));
	if (h->sel < h->top)
		h->top = h->sel;
	if (rows > 0 && h->sel >= h->top + (size_t)rows)
		h->top = h->sel - (size_t)rows + 1;
	shown = rows > 0 ? h->nteams - h->top < (size_t)rows ? h->nteams - h->top : (size_t)rows : 0;
	switch (team_list_fill(&h->tl, app->st, h->top, shown)) {
	case 0:                 /* a team gone: the list again, next frame */
		h->lost = true;
		app->stale = true;
		break;
	case -1:
		app_message(app, true, "%s", store_error(app->st));
		break;
	}
	if (!h->names || h->names_w != name_w || h->names_top != h->top || h->nnames != shown) {
		home_drop_names(h);
		h->names = team_labels(h, name_w, h->top, shown);
		h->nnames = shown;
		h->names_w = name_w;
		h->names_top = h->top;
	}
	for (int r = 0; r < rows && h->top + (size_t)r < h->nteams; r++)
		draw_row(app, h, r, name_w);
	presence_view_draw(&h->here, w, getmaxy(w) - 1, 2, getmaxx(w) - 14);
	if (h->nteams > (size_t)rows && rows > 0) {
		snprintf(buf, sizeof buf, " %zu/%zu ", h->sel + 1, h->nteams);
		ui_text(w, getmaxy(w) - 1, getmaxx(w) - 2 - ui_width(buf), buf, 20, ui_attr(ROLE_MUTED));
	}
	wnoutrefresh(w);
}

