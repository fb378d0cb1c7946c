/* The references view (`f` from home): every reference the model's
 * criteria cite, grouped by standard, with how many of the citing criteria
 * the team's latest assessment meets; beside (or below) the list, the
 * criteria of the selected reference or standard with their answers. The
 * figures come from refs.c. */
#include "screen_refs.h"
#include "layout.h"
#include "period.h"
#include "refs.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

/* One line of the list: a standard (item -1) or one of its references. */
struct ref_row {
	size_t group;
	long item;
};

struct refs_screen {
	int64_t team_id;
	struct assessment *a;           /* the team's latest, NULL for none */
	char *team;
	struct ref_view v;
	struct ref_row *rows;
	size_t nrows, sel, top, crit_top;
	struct layout l;
	WINDOW *list, *detail;
};

static struct refs_screen *RS(struct screen *s) { return s->data; }

static void build_rows(struct refs_screen *r)
{
	size_t n = 0;

	for (size_t g = 0; g < r->v.ngroups; g++)
		n += 1 + r->v.groups[g].nitems;
	free(r->rows);
	r->rows = xcalloc(n ? n : 1, sizeof *r->rows);
	r->nrows = 0;
	for (size_t g = 0; g < r->v.ngroups; g++) {
		r->rows[r->nrows++] = (struct ref_row){ g, -1 };
		for (size_t k = 0; k < r->v.groups[g].nitems; k++)
			r->rows[r->nrows++] = (struct ref_row){ g, (long)k };
	}
	if (r->sel >= r->nrows)
		r->sel = r->nrows ? r->nrows - 1 : 0;
}

static void refs_reload(struct app *app, struct screen *s)
{
	struct refs_screen *r = s->data;
	int64_t id = 0;
	int rc;

	assessment_free(r->a);
	r->a = NULL;
	free(r->team);
	r->team = NULL;
	refs_free(&r->v);
	if ((rc = store_team_latest(app->st, r->team_id, &id, NULL)) < 0 ||
	    (rc > 0 && store_assessment_load(app->st, id, &r->a) <= 0) ||
	    store_team_name(app->st, r->team_id, &r->team) < 0)
		app_message(app, true, "%s", store_error(app->st));
	/* The references of the model the assessment was taken with; without
	 * one, the model new assessments use, nothing met. */
	refs_build(r->a ? r->a->model : app->model, r->a ? r->a->answers : NULL, &r->v);
	build_rows(r);
}

static void refs_layout(struct app *app, struct screen *s)
{
	struct refs_screen *r = s->data;
	struct rect list, detail;

	layout_org(app->lines, app->cols, &r->l);
	list = detail = r->l.main;
	if (app->cols >= LAYOUT_WIDE_COLS) {
		list.w = r->l.main.w * 2 / 5;
		detail.x += list.w;
		detail.w -= list.w;
	} else {
		list.h = r->l.main.h / 2;
		detail.y += list.h;
		detail.h -= list.h;
	}
	r->list = ui_window_at(r->list, &list);
	r->detail = ui_window_at(r->detail, &detail);
}

static void draw_list(struct refs_screen *r)
{
	WINDOW *w = r->list;
	int iw = getmaxx(w) - 2, rows = getmaxy(w) - 2;
	char title[200], p[PERIOD_LEN] = "", buf[64];

	werase(w);
	if (r->a)
		period_format(r->a->period, p);
	snprintf(title, sizeof title, "References: %s, %s", r->team ? r->team : "?",
		 r->a ? p : "no assessment");
	ui_box(w, title, true);
	if (!r->nrows) {
		ui_text(w, 1, 2, "The model cites no references.", iw - 2, ui_attr(ROLE_MUTED));
		wnoutrefresh(w);
		return;
	}
	if (r->sel < r->top)
		r->top = r->sel;
	if (rows > 0 && r->sel >= r->top + (size_t)rows)
		r->top = r->sel - (size_t)rows + 1;
	for (int y = 0; y < rows && r->top + (size_t)y < r->nrows; y++) {
		const struct ref_row *row = &r->rows[r->top + (size_t)y];
		const struct ref_group *g = &r->v.groups[row->group];
		bool sel = r->top + (size_t)y == r->sel;
		enum role role = sel ? ROLE_SELECT : row->item < 0 ? ROLE_TITLE : ROLE_TEXT;
		attr_t a = ui_attr(role);
		const char *label = row->item < 0 ? g->prefix : g->items[row->item].ref;
		int met = row->item < 0 ? g->met : g->items[row->item].met;
		int total = row->item < 0 ? g->total : (int)g->items[row->item].ncrits;

		if (sel)
			ui_fill(w, 1 + y, 1, iw + 1, a);
		snprintf(buf, sizeof buf, "%d/%d", met, total);
		ui_text(w, 1 + y, row->item < 0 ? 2 : 4, label, iw - (row->item < 0 ? 9 : 11), a);
		ui_text(w, 1 + y, iw - 6, buf, 7, a | (row->item < 0 ? ui_bold(role) : 0));
	}
	if (r->top + (size_t)rows < r->nrows) {
		snprintf(buf, sizeof buf, " +%zu more ", r->nrows - r->top - (size_t)rows);
		ui_text(w, getmaxy(w) - 1, iw - ui_width(buf), buf, ui_width(buf), ui_attr(ROLE_MUTED));
	}
	wnoutrefresh(w);
}

/* The criteria of the selected reference, or of every reference of the
 * selected standard, each once. */
static size_t selected_crits(const struct refs_screen *r, size_t *out, size_t cap)
{
	const struct ref_row *row = &r->rows[r->sel];
	const struct ref_group *g = &r->v.groups[row->group];
	size_t n = 0;

	for (size_t k = 0; k < g->nitems; k++) {
		if (row->item >= 0 && (long)k != row->item)
			continue;
		for (size_t j = 0; j < g->items[k].ncrits; j++) {
			bool seen = false;

			for (size_t i = 0; i < n; i++)
				seen = seen || out[i] == g->items[k].crits[j];
			if (!seen && n < cap)
				out[n++] = g->items[k].crits[j];
		}
	}
	return n;
}

static void draw_detail(struct app *app, struct refs_screen *r)
{
	WINDOW *w = r->detail;
	const struct model *m = r->a ? r->a->model : app->model;
	int iw = getmaxx(w) - 2, rows = getmaxy(w) - 2;
	size_t *crits, n;

	werase(w);
	ui_box(w, "Criteria citing it", false);
	if (!r->nrows) {
		wnoutrefresh(w);
		return;
	}
	crits = xcalloc(m->ncrits, sizeof *crits);
	n = selected_crits(r, crits, m->ncrits);
	if (r->crit_top >= n)
		r->crit_top = 0;
	for (int y = 0; y < rows && r->crit_top + (size_t)y < n; y++) {
		size_t c = crits[r->crit_top + (size_t)y];
		enum answer ans = r->a ? r->a->answers[c] : ANS_UNKNOWN;
		enum role role = ui_answer_role(ans);
		char lead[64];

		ui_text(w, 1 + y, 2, answer_name(ans), 8, ui_attr(role) | ui_bold(role));
		snprintf(lead, sizeof lead, "L%d %s", m->crits[c].level, m->crits[c].id);
		ui_text(w, 1 + y, 10, lead, iw / 3, ui_attr(ROLE_MUTED));
		ui_text(w, 1 + y, 11 + iw / 3, m->crits[c].text, iw - 10 - iw / 3, ui_attr(ROLE_TEXT));
	}
	free(crits);
	wnoutrefresh(w);
}

static void refs_draw(struct app *app, struct screen *s)
{
	struct refs_screen *r = s->data;

	if (!r->list || !r->detail)
		return;
	draw_list(r);
	draw_detail(app, r);
}

static void move_sel(struct refs_screen *r, long delta)
{
	long v = (long)r->sel + delta;

	if (!r->nrows)
		return;
	r->sel = (size_t)(v < 0 ? 0 : v >= (long)r->nrows ? (long)r->nrows - 1 : v);
	r->crit_top = 0;
}

static void k_down(struct app *app, struct screen *s) { (void)app; move_sel(RS(s), 1); }
static void k_up(struct app *app, struct screen *s) { (void)app; move_sel(RS(s), -1); }
static void k_pgdn(struct app *app, struct screen *s) { (void)app; move_sel(RS(s), 10); }
static void k_pgup(struct app *app, struct screen *s) { (void)app; move_sel(RS(s), -10); }
static void k_home(struct app *app, struct screen *s) { (void)app; move_sel(RS(s), -(long)RS(s)->nrows); }
static void k_end(struct app *app, struct screen *s) { (void)app; move_sel(RS(s), (long)RS(s)->nrows); }
static void k_more(struct app *app, struct screen *s) { (void)app; RS(s)->crit_top += 5; }
static void k_back(struct app *app, struct screen *s) { (void)s; app_pop(app); }

/* A window's place on the screen, for hit testing. */
static struct rect window_rect(WINDOW *w)
{
	struct rect r;

	getbegyx(w, r.y, r.x);
	getmaxyx(w, r.h, r.w);
	return r;
}

/* A click on a reference (rows from the list's first inner line, as
 * draw_list draws them) selects it; the wheel moves the selection over the
 * list and scrolls the criteria over theirs. */
static void refs_mouse(struct app *app, struct screen *s, const struct mouse_event *ev)
{
	struct refs_screen *r = RS(s);
	struct rect lr, dr;
	long i;

	(void)app;
	if (!r->list || !r->detail)
		return;
	lr = window_rect(r->list);
	dr = window_rect(r->detail);
	if (mouse_in(&dr, ev->y, ev->x) && ev->kind != MOUSE_CLICK) {
		r->crit_top = ev->kind == MOUSE_WHEEL_DOWN ? r->crit_top + MOUSE_WHEEL_ROWS
			    : r->crit_top > MOUSE_WHEEL_ROWS ? r->crit_top - MOUSE_WHEEL_ROWS : 0;
		return;
	}
	if (!mouse_in(&lr, ev->y, ev->x))
		return;
	if (ev->kind != MOUSE_CLICK) {
		move_sel(r, (long)mouse_wheel_move(ev, r->sel, r->nrows) - (long)r->sel);
		return;
	}
	i = mouse_list_row(&lr, 1, lr.h - 2, r->top, r->nrows, ev->y, ev->x);
	if (i >= 0 && (size_t)i != r->sel)
		move_sel(r, i - (long)r->sel);
}

static const struct keydef refs_keys[] = {
	{ 'j', KEY_DOWN, "j/Down", "next reference", k_down, false },
	{ 'k', KEY_UP, "k/Up", "previous reference", k_up, false },
	{ KEY_NPAGE, 0, "PgDn", "page down", k_pgdn, false },
	{ KEY_PPAGE, 0, "PgUp", "page up", k_pgup, false },
	{ KEY_HOME, 0, "Home", "first reference", k_home, false },
	{ KEY_END, 'G', "End/G", "last reference", k_end, false },
	{ ' ', 0, "Space", "scroll the criteria", k_more, false },
	{ 'q', KEY_ESC, "q/Esc", "back", k_back, false },
	APP_UNDO_KEY,
	{ 0, 0, NULL, NULL, NULL, false },
};

static void refs_destroy(struct screen *s)
{
	struct refs_screen *r = s->data;

	assessment_free(r->a);
	free(r->team);
	refs_free(&r->v);
	free(r->rows);
	if (r->list)
		delwin(r->list);
	if (r->detail)
		delwin(r->detail);
	free(r);
}

static bool refs_changed(struct app *app, struct screen *s, const struct store_changes *c)
{
	if (!store_changes_team(c, ((struct refs_screen *)s->data)->team_id))
		return false;
	refs_reload(app, s);
	return true;
}

const struct screen_ops screen_refs_ops = {
	"References", refs_layout, refs_draw, refs_reload, NULL, refs_destroy, refs_keys, NULL,
	NULL, refs_mouse, refs_changed,
};

void screen_refs_open(struct app *app, int64_t team_id)
{
	struct refs_screen *r = xcalloc(1, sizeof *r);

	r->team_id = team_id;
	app_push(app, &screen_refs_ops, r);
	refs_reload(app, app_top(app));
}
