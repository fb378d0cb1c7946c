/* The organisation view drawn: title, group and column heads, the teams'
 * rows (names cut so that no two look the same), the means. */
#include "org_view.h"
#include "period.h"
#include "scroll.h"
#include "xalloc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

void org_view_drop_names(struct org *o)
{
	if (o->names_made)
		label_free(o->names, o->nnames);
	free(o->names);
	o->names = NULL;
	o->nnames = 0;
}

void org_view_drop_all(struct org *o)
{
	org_view_drop_names(o);
	for (size_t i = 0; i < o->nall; i++)
		free(o->all[i]);
	free(o->all);
	o->all = NULL;
	o->nall = 0;
	store_org_keys_free(o->keys, o->nkeys);
	o->keys = NULL;
	o->nkeys = 0;
}

bool org_view_keys(struct org *o)
{
	if (o->keys || !o->nperiods)
		return true;
	return org_grid_keys(o->st, o->m, o->periods[o->pi], o->g.sort, &o->keys, &o->nkeys);
}

/* In window mode, the key index of position i of those shown. */
static size_t key_at(const struct org *o, size_t i)
{
	return o->filter ? o->shown[i] : i;
}

/* The team at position i of those shown; NULL outside the window. */
struct org_team *org_view_team_at(const struct org *o, size_t i)
{
	if (!o->win)
		return i < o->nshown ? &o->g.teams[o->shown[i]] : NULL;
	return i >= o->g.base && i - o->g.base < o->g.nteams ? &o->g.teams[i - o->g.base] : NULL;
}

/* Its index in g.teams, for the names. */
size_t org_view_index_at(const struct org *o, size_t i)
{
	return o->win ? i - o->g.base : o->shown[i];
}

/* In window mode: the teams at positions from..from+n held. */
void org_view_cover(struct org *o, size_t from, size_t n)
{
	size_t end = from + n < o->nshown ? from + n : o->nshown;
	int64_t *ids;

	if (!o->win || !o->nperiods || (from >= o->g.base && end <= o->g.base + o->g.nteams))
		return;
	org_view_drop_names(o);
	if (!o->filter) {
		org_grid_load_window(&o->g, o->st, o->m, o->periods[o->pi], from, n);
		return;
	}
	ids = xcalloc(end > from ? end - from : 1, sizeof *ids);
	for (size_t i = from; i < end; i++)
		ids[i - from] = o->keys[o->shown[i]].team_id;
	org_grid_load_teams(&o->g, o->st, o->m, o->periods[o->pi], from, ids,
			    end > from ? end - from : 0);
	free(ids);
}

static long group_of(const struct org *o, int c)
{
	return o->m->dims[o->g.cols[o->c0 + (size_t)c]].group;
}

/* A row above the dimensions' names: each group's name and mean over the
 * columns of its dimensions. */
static void draw_groups(WINDOW *w, const struct org *o)
{
	int nw = o->c.nw, cw = o->c.cw, ncols = o->c.ncols;
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

/* A heading, underlined when the teams are sorted by it. */
static void heading(WINDOW *w, int y, int x, const char *text, int width, bool sorted)
{
	ui_text(w, y, x, text, width, ui_attr(ROLE_MUTED) | (sorted ? A_UNDERLINE | ui_bold(ROLE_MUTED) : 0));
}

/* The width of a team's name in its row: less the period of an older
 * assessment. */
static int name_width(const struct org *o, const struct org_team *t)
{
	char buf[PERIOD_LEN + 4], tp[PERIOD_LEN];

	if (t->period == o->periods[o->pi])
		return o->c.nw - 1;
	period_format(t->period, tp);
	snprintf(buf, sizeof buf, " (%s)", tp);
	return o->c.nw - ui_width(buf);
}

/* The labels of every team of the view in its order, cut as the whole
 * list cuts them (o->all). */
static bool all_labels(struct org *o)
{
	struct org_key *k;
	struct label_item *all;
	char buf[PERIOD_LEN + 4], tp[PERIOD_LEN];
	size_t n;

	if (o->all && o->all_pi == o->pi && o->all_nw == o->c.nw)
		return true;
	for (size_t i = 0; i < o->nall; i++)
		free(o->all[i]);
	free(o->all);
	o->all = NULL;
	o->nall = 0;
	if (!org_view_keys(o) || o->nkeys != o->g.total)
		return false;
	k = o->keys;
	n = o->nkeys;
	/* The period's text is as wide for every period. */
	period_format(o->periods[o->pi], tp);
	snprintf(buf, sizeof buf, " (%s)", tp);
	all = xcalloc(n ? n : 1, sizeof *all);
	for (size_t i = 0; i < n; i++)
		all[i] = (struct label_item){ k[i].name, NULL,
					      k[i].older ? o->c.nw - ui_width(buf) : o->c.nw - 1, NULL };
	label_make(all, n, ui.g->ellipsis);
	/* Kept past label_make's block, each its own. */
	o->all = xcalloc(n ? n : 1, sizeof *o->all);
	for (size_t i = 0; i < n; i++)
		o->all[i] = xstrdup(all[i].label);
	label_free(all, n);
	o->nall = n;
	o->all_pi = o->pi;
	o->all_nw = o->c.nw;
	free(all);
	return true;
}

/* In window mode, when a name of the window does not fit: the labels the
 * whole list gives the window's teams (made once per period and width). */
static struct label_item *window_labels(struct org *o)
{
	struct label_item *l;
	bool cut = false;

	for (size_t i = 0; i < o->g.nteams; i++)
		cut = cut || ui_width(o->g.teams[i].name) > name_width(o, &o->g.teams[i]);
	if (!cut || !all_labels(o))
		return NULL;
	/* Borrowed from all, which outlives them. */
	l = xcalloc(o->g.nteams ? o->g.nteams : 1, sizeof *l);
	for (size_t i = 0; i < o->g.nteams; i++)
		l[i] = (struct label_item){ o->g.teams[i].name, NULL, 0,
					    key_at(o, o->g.base + i) < o->nall ?
					    o->all[key_at(o, o->g.base + i)] : (char *)"" };
	o->names_made = false;
	return l;
}

/* The team names as shown: cut so that no two look the same. */
static struct label_item *team_labels(struct org *o)
{
	struct label_item *l = o->win ? window_labels(o) : NULL;

	if (l)
		return l;
	l = xcalloc(o->g.nteams ? o->g.nteams : 1, sizeof *l);
	for (size_t i = 0; i < o->g.nteams; i++)
		l[i] = (struct label_item){ o->g.teams[i].name, NULL, name_width(o, &o->g.teams[i]), NULL };
	label_make(l, o->g.nteams, ui.g->ellipsis);
	o->names_made = true;
	return l;
}

void org_view_settle(struct org *o)
{
	int rows;

	if (!o->grid || !o->nperiods)
		return;
	rows = getmaxy(o->grid) - 6 - (o->g.ngroups ? 1 : 0);
	if (o->sel < o->top)
		o->top = o->sel;
	if (rows > 0 && o->sel >= o->top + (size_t)rows)
		o->top = o->sel - (size_t)rows + 1;
	o->rows = rows;
	org_view_cover(o, o->top, (size_t)(rows > 0 ? rows : 1));
	if (!o->names) {
		o->names = team_labels(o);
		o->nnames = o->g.nteams;
	}
}

static void draw_team(WINDOW *w, const struct org *o, const struct org_team *t, int y, bool sel,
		      const struct ui_heat *heat, const char *name)
{
	const struct org_columns *c = &o->c;
	bool older = t->period != o->periods[o->pi];
	enum role role = sel ? ROLE_SELECT : older ? ROLE_MUTED : ROLE_TEXT;
	attr_t a = ui_attr(role);
	char buf[64];

	if (sel)
		ui_fill(w, y, 1, getmaxx(w) - 2, a);
	if (older) {
		char tp[PERIOD_LEN];

		period_format(t->period, tp);
		snprintf(buf, sizeof buf, " (%s)", tp);
		ui_text(w, y, c->name, name, c->nw - ui_width(buf), a);
		ui_text(w, y, c->name + c->nw - ui_width(buf), buf, ui_width(buf), a);
	} else {
		ui_text(w, y, c->name, name, c->nw - 1, a);
	}
	for (int i = 0; i < c->ncols; i++) {
		size_t k = o->g.cols[o->c0 + (size_t)i];

		ui_heat_cell(w, y, c->dims + i * c->cw, c->cw, heat, t->level[k], t->score[k], t->gap[k],
			     t->target[k] != NO_LEVEL, older ? "*" : "");
	}
	snprintf(buf, sizeof buf, "%6.2f", t->overall);
	ui_text(w, y, c->overall, buf, 7, a | ui_bold(role));
	/* Under 100 % stands out: answers are missing for the budget. */
	snprintf(buf, sizeof buf, "%3.0f%%", t->coverage * 100);
	ui_text(w, y, c->coverage, buf, 4, t->coverage < 1 && !sel ? ui_attr(ROLE_WARN) : a);
	if (t->has_change) {
		snprintf(buf, sizeof buf, "%+6.2f", t->change);
		ui_text(w, y, c->change, buf, 6, a);
	}
}

/* The row of means, at y. */
static void draw_means(WINDOW *w, const struct org *o, int y)
{
	const struct org_columns *c = &o->c;
	char buf[64];

	ui_text(w, y, c->name, "Mean", c->nw, ui_attr(ROLE_TITLE));
	for (int i = 0; i < c->ncols; i++) {
		snprintf(buf, sizeof buf, " %4.2f", o->g.mean[o->g.cols[o->c0 + (size_t)i]]);
		ui_text(w, y, c->dims + i * c->cw, buf, c->cw - 1, ui_attr(ROLE_TITLE));
	}
	snprintf(buf, sizeof buf, "%6.2f", o->g.overall_mean);
	ui_text(w, y, c->overall, buf, 7, ui_attr(ROLE_TITLE));
	snprintf(buf, sizeof buf, "%3.0f%%", o->g.coverage_mean * 100);
	ui_text(w, y, c->coverage, buf, 4, ui_attr(ROLE_TITLE));
	if (o->g.nchange) {
		snprintf(buf, sizeof buf, "%+6.2f", o->g.change_mean);
		ui_text(w, y, c->change, buf, 6, ui_attr(ROLE_TITLE));
	}
}

bool org_view_means_only(const struct app *app, const struct org *o)
{
	return o->means_only && !o->full_due && !app->frame_full && o->drawn_keys == app->keys &&
	       o->grid && o->nperiods;
}

void org_view_draw(struct app *app, struct screen *s)
{
	struct org *o = s->data;
	const struct model *m = app->model;
	const struct org_columns *c = &o->c;
	WINDOW *w = o->grid;
	int iw, rows, y, head;
	char buf[256], p[PERIOD_LEN], **labels;
	struct ui_heat heat;

	if (!w)
		return;
	if (org_view_means_only(app, o)) {
		/* The row cleared between its borders, then drawn again. */
		ui_fill(w, getmaxy(w) - 3, 1, getmaxx(w) - 2, A_NORMAL);
		draw_means(w, o, getmaxy(w) - 3);
		o->means_only = false;
		wnoutrefresh(w);
		return;
	}
	o->means_only = false;
	o->full_due = false;
	o->drawn_keys = app->keys;
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
	if (o->filter)
		snprintf(buf, sizeof buf, "Organisation %s: %zu of %zu teams matching \"%s\", "
			 "sorted by %s (s); %s (g)", p, o->nshown, o->g.total, o->filter,
			 org_sort_label(m, o->g.sort), app->heat_by_gap ? "colour by gap" : "colour by level");
	else
		snprintf(buf, sizeof buf, "Organisation %s: %zu teams, sorted by %s (s); %s (g)", p,
			 o->g.total, org_sort_label(m, o->g.sort),
			 app->heat_by_gap ? "colour by gap" : "colour by level");
	ui_box(w, buf, true);
	head = o->g.ngroups ? 2 : 1;
	rows -= head - 1;
	if (o->g.ngroups)
		draw_groups(w, o);
	heading(w, head, c->name, "Team", c->nw, o->g.sort == ORG_SORT_NAME);
	/* Labels of every column, so that they stay as the grid scrolls. */
	labels = label_dims(m, c->cw - 1, ui.g->ellipsis);
	for (int i = 0; i < c->ncols; i++) {
		size_t k = o->g.cols[o->c0 + (size_t)i];

		heading(w, head, c->dims + i * c->cw, labels[k], c->cw - 1, o->g.sort == (long)k);
	}
	label_strings_free(labels, m->ndims);
	heading(w, head, c->overall, "Overall", 7, o->g.sort == ORG_SORT_OVERALL);
	heading(w, head, c->coverage, "Cov", 4, false);
	heading(w, head, c->change, "Change", 6, o->g.sort == ORG_SORT_CHANGE);
	if (!o->names) {
		o->names = team_labels(o);
		o->nnames = o->g.nteams;
	}
	for (int r = 0; r < rows && org_view_team_at(o, o->top + (size_t)r); r++)
		draw_team(w, o, org_view_team_at(o, o->top + (size_t)r), head + 1 + r,
			  o->top + (size_t)r == o->sel, &heat, o->names[org_view_index_at(o, o->top + (size_t)r)].label);
	y = getmaxy(w) - 3;
	ui_hline(w, y - 1, 1, iw);
	draw_means(w, o, y);
	scroll_mark_rows(w, o->top, rows > 0 ? (size_t)rows : 0, o->nshown, "j k");
	if (c->ncols < (int)o->g.ndims) {
		/* The team column stays; the dimensions scroll sideways. */
		snprintf(buf, sizeof buf, "dimensions %zu-%zu of %zu (H L)", o->c0 + 1,
			 o->c0 + (size_t)c->ncols, o->g.ndims);
		ui_text(w, y + 1, iw - ui_width(buf), buf, ui_width(buf), ui_attr(ROLE_MUTED));
		iw -= ui_width(buf) + 1;
	}
	if (o->g.any_older)
		ui_text(w, y + 1, 2, "* an earlier assessment: the team has none in this period",
			iw - 2, ui_attr(ROLE_MUTED));
	wnoutrefresh(w);
}
