/* Home: the teams with their latest period, overall score, coverage and a
 * sparkline of the overall score, beside the selected team's panes. */
#include "screen_home.h"
#include "home.h"
#include "findbar.h"
#include "form.h"
#include "home_teams.h"
#include "label.h"
#include "panes.h"
#include "presence_view.h"
#include "screen_assess.h"
#include "screen_org.h"
#include "screen_refs.h"
#include "screen_review.h"
#include "team_list.h"
#include "tui_export.h"
#include "xalloc.h"
#include "period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t selected_id(const struct home *h)
{
	return h->nteams ? h->teams[h->sel].id : 0;
}

/* After the list or its filter changed: the teams shown, the selection on
 * team keep, else on team other, when shown. */
static void show(struct home *h, int64_t keep, int64_t other)
{
	size_t at = team_list_find(&h->tl, keep);

	home_drop_names(h);
	if (at == SIZE_MAX)
		at = team_list_find(&h->tl, other);
	h->teams = h->tl.teams;
	h->nteams = h->tl.n;
	if (at != SIZE_MAX)
		h->sel = at;
	if (h->sel >= h->nteams)
		h->sel = h->nteams ? h->nteams - 1 : 0;
}

static void load_teams(struct app *app, struct home *h)
{
	int64_t keep = selected_id(h);

	if (!team_list_load(&h->tl, app->st))
		app_message(app, true, "%s", store_error(app->st));
	show(h, keep, 0);
}

static void load_view(struct app *app, struct home *h, bool force)
{
	int64_t team = h->nteams ? h->teams[h->sel].id : 0;

	if (!force && team == h->view_team)
		return;
	h->view_team = team;
	h->view_dirty = true;
	if (team)
		team_view_load(app, &h->view, team, 0);
	else
		team_view_free(&h->view);
}

static void home_reload(struct app *app, struct screen *s)
{
	struct home *h = s->data;

	load_teams(app, h);
	load_view(app, h, true);
	presence_view_load(app, &h->here);
}

/* Only the rows of the teams changed, read again as they are drawn, and
 * the panes when they show one: a write to one team costs the same with
 * 10 teams listed or 10,000, and nothing when it is not on screen. */
static bool home_changed(struct app *app, struct screen *s, const struct store_changes *c)
{
	struct home *h = s->data;
	bool shown = false;

	for (size_t i = 0; i < c->nteams; i++) {
		size_t at = team_list_find(&h->tl, c->teams[i]);

		if (!team_list_forget(&h->tl, c->teams[i])) {
			/* A team new to the list (its first assessment), or
			 * one only archived teams had. */
			home_reload(app, s);
			h->rows_only = false;
			return true;
		}
		if (at >= h->top && at - h->top < h->nnames) {
			/* The next frame may draw these rows alone. */
			h->rows_only = !shown || h->rows_only;
			if (h->nchanged < HOME_CHANGED_MAX)
				h->changed[h->nchanged++] = at;
			else
				h->rows_only = false;
			shown = true;
		}
		if (c->teams[i] == h->view_team) {
			load_view(app, h, true);
			shown = true;
		}
	}
	return shown;
}

static void home_presence(struct app *app, struct screen *s)
{
	struct home *h = s->data;

	presence_view_load(app, &h->here);
	h->rows_only = false;           /* who is where is drawn in the list */
}

static void home_layout(struct app *app, struct screen *s)
{
	struct home *h = s->data;

	if (h->lost) {
		h->lost = false;
		home_reload(app, s);
	}
	layout_home(app->lines, app->cols, h->shown,
		    app->model ? (int)app->model->ndims : 8, &h->l);
	h->list = ui_window_at(h->list, &h->l.main);
}

static void home_draw(struct app *app, struct screen *s)
{
	struct home *h = s->data;
	bool rows = h->rows_only && !app->frame_full && !h->view_dirty && h->drawn_keys == app->keys;

	if (!h->list)
		return;
	/* Only other dashboards' changes to rows on screen since the last
	 * frame: those rows alone. */
	if (!rows || !home_draw_rows(app, h))
		home_draw_list(app, h);
	h->rows_only = false;
	h->nchanged = 0;
	/* A change to other teams (another dashboard's answer) or the clock
	 * redraws the list alone: the panes stay as the terminal shows them
	 * until a key, their team's data or a repaint changes them. */
	if (app->frame_full || h->view_dirty || h->drawn_keys != app->keys) {
		panes_draw(app, &h->l, h->panes, &h->view);
		h->view_dirty = false;
		h->drawn_keys = app->keys;
	}
}

static void move_sel(struct app *app, struct home *h, long delta)
{
	long n = (long)h->nteams, sel = (long)h->sel + delta;

	if (n == 0)
		return;
	sel = sel < 0 ? 0 : sel >= n ? n - 1 : sel;
	h->sel = (size_t)sel;
	/* The panes follow once the cursor rests: holding j over a slow link
	 * then sends the list alone. */
	app->idle_pending = true;
}

static bool home_idle(struct app *app, struct screen *s)
{
	struct home *h = s->data;
	int64_t before = h->view_team;

	load_view(app, h, false);
	return h->view_team != before;
}

static struct home *H(struct screen *s) { return s->data; }
static int page(struct home *h) { return h->list ? getmaxy(h->list) - 4 : 10; }
static void k_down(struct app *app, struct screen *s) { move_sel(app, H(s), 1); }
static void k_up(struct app *app, struct screen *s) { move_sel(app, H(s), -1); }
static void k_pgdn(struct app *app, struct screen *s) { move_sel(app, H(s), page(H(s))); }
static void k_pgup(struct app *app, struct screen *s) { move_sel(app, H(s), -page(H(s))); }
static void k_first(struct app *app, struct screen *s) { move_sel(app, H(s), -(long)H(s)->nteams); }
static void k_last(struct app *app, struct screen *s) { move_sel(app, H(s), (long)H(s)->nteams); }
static void k_quit(struct app *app, struct screen *s) { (void)s; app->quit = true; }
static void k_heat(struct app *app, struct screen *s) { (void)s; app->heat_by_gap = !app->heat_by_gap; }
static void k_panes(struct app *app, struct screen *s) { panes_key(app, &H(s)->view); }

static void k_pane(struct app *app, struct screen *s)
{
	(void)app;
	H(s)->shown = (H(s)->shown + 1) % PANE_COUNT;
}

static void k_open(struct app *app, struct screen *s)
{
	struct home *h = s->data;

	if (!h->nteams) {
		app_message(app, false, "No team yet: press n to start an assessment.");
		return;
	}
	/* A row that could not be read is read again, for its error. */
	if (h->teams[h->sel].unreadable)
		team_list_forget(&h->tl, h->teams[h->sel].id);
	if (team_list_fill(&h->tl, app->st, h->sel, 1) < 0) {
		app_message(app, true, "%s", store_error(app->st));
		return;
	}
	if (!h->teams[h->sel].latest_id) {
		app_message(app, false, "%s has no assessment yet: press n.", h->teams[h->sel].name);
		return;
	}
	screen_assess_open(app, h->teams[h->sel].latest_id);
}

/* F: the selected team's assessment that another dashboard has open,
 * following that dashboard. */
static void k_follow(struct app *app, struct screen *s)
{
	struct home *h = s->data;
	int64_t id = h->nteams ? presence_view_team(&h->here, h->teams[h->sel].name) : 0;

	if (!id) {
		app_message(app, false, "Nobody else has an assessment of this team open to follow.");
		return;
	}
	screen_assess_open_following(app, id);
}

static void k_review(struct app *app, struct screen *s)
{
	struct home *h = s->data;

	if (!h->nteams) {
		app_message(app, false, "No team yet: press n to start an assessment.");
		return;
	}
	screen_review_open(app, h->teams[h->sel].id);
}

static const struct team_summary *selected(struct app *app, struct home *h)
{
	if (h->nteams)
		return &h->teams[h->sel];
	app_message(app, false, "No team yet: press n to start an assessment.");
	return NULL;
}

static void k_rename(struct app *app, struct screen *s)
{
	const struct team_summary *t = selected(app, s->data);

	if (t)
		home_team_rename(app, t->name);
}

static void k_merge(struct app *app, struct screen *s)
{
	struct home *h = s->data;
	const struct team_summary *t = selected(app, h);

	if (t)
		home_team_merge(app, &h->tl, t->id, t->name);
}

static void k_archive(struct app *app, struct screen *s)
{
	const struct team_summary *t = selected(app, s->data);

	if (t)
		home_team_archive(app, t->name, !t->archived);
}

static void k_delete(struct app *app, struct screen *s)
{
	const struct team_summary *t = selected(app, s->data);

	if (t)
		home_team_delete(app, t->id, t->name);
}

static void k_show_archived(struct app *app, struct screen *s)
{
	struct home *h = s->data;

	h->tl.archived = !h->tl.archived;
	load_teams(app, h);
	app_message(app, false, h->tl.archived ? "Archived teams are listed too (Z hides them)."
					    : "Archived teams are hidden (Z lists them).");
}

static void k_refs(struct app *app, struct screen *s)
{
	struct home *h = s->data;

	if (!h->nteams) {
		app_message(app, false, "No team yet: press n to start an assessment.");
		return;
	}
	screen_refs_open(app, h->teams[h->sel].id);
}

static void k_org(struct app *app, struct screen *s)
{
	(void)s;
	screen_org_open(app);
}

static void k_export(struct app *app, struct screen *s)
{
	struct export_filter f = { NULL, NO_PERIOD, 0 };
	char path[256];

	(void)s;
	tui_export_default_path(EXPORT_ANSWERS, NULL, NO_PERIOD, path, sizeof path);
	tui_export_run(app, EXPORT_ANSWERS, &f, path);
}

static void on_find(struct app *app, void *ctx, const char *text, char *info, size_t size)
{
	struct home *h = ctx;
	int64_t now = selected_id(h);

	team_list_filter(&h->tl, text);
	show(h, h->find_from, now);
	snprintf(info, size, "%zu of %zu teams", h->nteams, h->tl.nall);
	app->idle_pending = true;       /* the panes follow the selection */
}

static void clear_filter(struct app *app, struct home *h)
{
	int64_t now = selected_id(h);

	team_list_filter(&h->tl, NULL);
	show(h, now, 0);
	app->idle_pending = true;
}

/* `/`: the list keeps the teams whose name holds the text, as it is
 * typed; Enter keeps the filter, Esc clears it. */
static void k_find(struct app *app, struct screen *s)
{
	struct home *h = s->data;
	char *text;

	h->find_from = selected_id(h);
	text = findbar_run(app, h->tl.filter, on_find, h);
	if (!text)
		clear_filter(app, h);
	else if (h->tl.filter)
		app_message(app, false, "%zu of %zu teams match \"%s\": Esc clears the filter.",
			    h->nteams, h->tl.nall, h->tl.filter);
	free(text);
}

/* Without a filter Esc does nothing on home: a stray one must not end a
 * session. */
static void k_clear(struct app *app, struct screen *s)
{
	struct home *h = s->data;

	if (h->tl.filter) {
		clear_filter(app, h);
		app_message(app, false, "Filter cleared: all %zu teams.", h->tl.nall);
	}
}

static void k_new(struct app *app, struct screen *s)
{
	struct home *h = s->data;
	int64_t id = form_new_assessment(app, h->nteams ? h->teams[h->sel].name : "");

	if (id)
		screen_assess_open(app, id);
}

/* Most used first: the status line shows the keys that fit, in this order. */
static const struct keydef home_keys[] = {
	{ 'n', 0, "n", "new assessment", k_new, true },
	{ '\n', '\r', "Enter", "open latest", k_open, false },
	{ 'q', 0, "q", "quit", k_quit, false },
	{ 'r', 0, "r", "quarterly review", k_review, false },
	{ 'o', 0, "o", "organisation", k_org, false },
	{ 'f', 0, "f", "references view", k_refs, false },
	{ '/', 0, "/", "find teams by name", k_find, false },
	{ 'R', 0, "R", "rename team", k_rename, true },
	{ 'M', 0, "M", "merge into another team", k_merge, true },
	{ 'A', 0, "A", "archive / unarchive team", k_archive, true },
	{ 'D', 0, "D", "delete team (type name)", k_delete, true },
	{ 'Z', 0, "Z", "show archived teams", k_show_archived, false },
	{ 'x', 0, "x", "export CSV", k_export, false },
	{ 'F', 0, "F", "follow someone assessing", k_follow, false },
	{ 'j', KEY_DOWN, "j/Down", "next team", k_down, false },
	{ 'k', KEY_UP, "k/Up", "previous team", k_up, false },
	{ 'g', 0, "g", "heatmap by level or by gap", k_heat, false },
	{ 'P', 0, "P", "next pane (narrow screens)", k_pane, false },
	APP_UNDO_KEY,
	PANES_KEYS(k_panes),
	{ KEY_NPAGE, 0, "PgDn", "page down", k_pgdn, false },
	{ KEY_PPAGE, 0, "PgUp", "page up", k_pgup, false },
	{ KEY_HOME, 0, "Home", "first team", k_first, false },
	{ KEY_END, 'G', "End/G", "last team", k_last, false },
	{ KEY_ESC, 0, "Esc", "clear the team filter", k_clear, false },
	{ 0, 0, NULL, NULL, NULL, false },
};

/* The team list's rows start under its heading (draw_list): a click on a
 * team selects it, a double-click opens it like Enter, and the wheel over
 * the list moves the selection. */
static void home_mouse(struct app *app, struct screen *s, const struct mouse_event *ev)
{
	struct home *h = s->data;
	long i;

	if (!h->list || !mouse_in(&h->l.main, ev->y, ev->x))
		return;
	if (ev->kind != MOUSE_CLICK) {
		move_sel(app, h, (long)mouse_wheel_move(ev, h->sel, h->nteams) - (long)h->sel);
		return;
	}
	i = mouse_list_row(&h->l.main, 2, getmaxy(h->list) - 3, h->top, h->nteams, ev->y, ev->x);
	if (i < 0)
		return;
	if (ev->twice && (size_t)i == h->sel)
		k_open(app, s);
	else
		move_sel(app, h, i - (long)h->sel);
}

static void home_destroy(struct screen *s)
{
	struct home *h = s->data;

	team_list_free(&h->tl);
	home_drop_names(h);
	team_view_free(&h->view);
	presence_view_free(&h->here);
	if (h->list)
		delwin(h->list);
	for (int p = 0; p < PANE_COUNT; p++)
		if (h->panes[p])
			delwin(h->panes[p]);
	free(h);
}

const struct screen_ops screen_home_ops = {
	"Home", home_layout, home_draw, home_reload, NULL, home_destroy, home_keys, home_idle,
	home_presence, home_mouse, home_changed,
};

void screen_home_open(struct app *app)
{
	struct home *h = xcalloc(1, sizeof *h);

	app_push(app, &screen_home_ops, h);
	home_reload(app, app_top(app));
}
