/* Screen tests of the quarterly review (`r`) and the organisation view (`o`)
 * without a terminal, as tests/unit/test_screens.c runs them: curses set up
 * with newterm() on /dev/null (output) and a pipe (input), a fixed size set
 * with resizeterm(), keys fed to the app as the main loop would, and the
 * screen read back from curscr. Each test runs on a real SQLite database in
 * a private folder, filled by demo_fill on the built-in model, and what the
 * screens show is compared with what the store holds.
 *
 * Prompts (owner, due period) read keys with getch themselves: their keys are
 * written into the input pipe before the key that opens them. When a prompt
 * returns, curscr still holds its last frame until the next render. */
#include "screentest.h"

#include "demo.h"
#include "find.h"
#include "label.h"
#include "layout.h"
#include "theme.h"
#include "app.h"
#include "period.h"

#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>

#define NDIMS 8                 /* the built-in model */
#define LAST_PERIOD "2026-Q2"   /* of the demo data */
#define TEST_TIMEOUT 120        /* seconds: a dialog waiting for keys never returns */


struct fx {
	char *dir;
	char path[4200];
	struct model *m;
	struct store *st;
	struct app *app;
	struct team_summary *teams;     /* as the home screen lists them (by name) */
	size_t nteams;
	/* Held here so that a failing assertion leaks nothing: */
	struct roadmap_row *rm;         /* the last db_roadmap */
	size_t nrm;
	struct period_row *rows;        /* the last db_periods */
	size_t nrows;
};

/* ---- the curses screen, once for all tests ---- */

static int group_setup(void **state)
{
	(void)state;
	return screentest_setup("test_review_org");
}


/* ---- reading the screen back ---- */


static int screen_cols(void)
{
	return getmaxx(curscr);
}





static int count_rows(const char *needle)
{
	int n = 0;

	for (int y = 0; y < screen_lines(); y++)
		if (strstr(row(y), needle))
			n++;
	return n;
}





/* The column at which word starts on row y (ASCII cells), or -1. */
static int col_of(int y, const char *word)
{
	int n = (int)strlen(word);

	for (int x = 0; x + n <= screen_cols(); x++)
		if (!strcmp(cells(y, x, n), word))
			return x;
	return -1;
}


/* ---- driving the app ---- */

static void render(struct fx *f)
{
	app_render(f->app);
}

static void key(struct fx *f, int k)
{
	app_key(f->app, k);
	render(f);
}

static void term_size(struct fx *f, int lines, int cols)
{
	resizeterm(lines, cols);
	flushinp(); /* the KEY_RESIZE resizeterm queued; the app gets its own */
	assert_int_equal(getmaxy(stdscr), lines);
	assert_int_equal(getmaxx(stdscr), cols);
	key(f, KEY_RESIZE);
}



/* ---- fixtures ---- */


static const char *pstr(int period)
{
	static char buf[4][PERIOD_LEN];
	static int k;

	k = (k + 1) % 4;
	period_format(period, buf[k]);
	return buf[k];
}

static struct fx *fx_new(int teams, int quarters)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[1200] = "";
	struct demo_params p = { teams, quarters, 42, 0, false };

	alarm(TEST_TIMEOUT);
	p.last_period = per(LAST_PERIOD);
	f->dir = tu_tmpdir();
	snprintf(f->path, sizeof f->path, "%s/mlmat.db", f->dir);
	f->m = model_load_builtin(err, sizeof err);
	if (!f->m)
		fail_msg("built-in model: %s", err);
	f->st = store_open(f->path, STORE_CREATE, err, sizeof err);
	if (!f->st)
		fail_msg("store_open: %s", err);
	if (!demo_fill(f->st, f->m, &p))
		fail_msg("demo_fill: %s", store_error(f->st));
	if (!store_team_list(f->st, &f->teams, &f->nteams))
		fail_msg("store_team_list: %s", store_error(f->st));
	assert_int_equal(f->nteams, (size_t)teams);
	f->app = app_new(f->st, f->m, f->path);
	f->app->help = dialog_help; /* as cmd_dashboard assembles it */
	screen_home_open(f->app);
	ui_setup(theme, false, false);
	return f;
}

static int fx_demo(void **state)
{
	*state = fx_new(6, 8);
	return 0;
}

static int fx_demo200(void **state)
{
	*state = fx_new(200, 2);
	return 0;
}

static int fx_long(void **state)
{
	*state = fx_new(2, 14);
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	if (!f)
		return 0;
	app_free(f->app);
	store_roadmap_free(f->rm, f->nrm);
	free(f->rows);
	store_team_list_free(f->teams, f->nteams);
	store_close(f->st);
	model_free(f->m);
	tu_tmpdir_remove(f->dir);
	free(f);
	drain_keys();
	ui_setup(theme, false, false);
	alarm(0);
	return 0;
}

/* ---- data helpers ---- */

/* The team's roadmap as the database holds it now (valid until the next
 * db_roadmap). */
static struct roadmap_row *db_roadmap(struct fx *f, int64_t team_id)
{
	store_roadmap_free(f->rm, f->nrm);
	f->rm = NULL;
	f->nrm = 0;
	if (!store_roadmap_list(f->st, team_id, false, &f->rm, &f->nrm))
		fail_msg("store_roadmap_list: %s", store_error(f->st));
	return f->rm;
}

static const struct roadmap_row *db_item(struct fx *f, int64_t team_id, const char *crit)
{
	db_roadmap(f, team_id);
	for (size_t i = 0; i < f->nrm; i++)
		if (!strcmp(f->rm[i].criterion_id, crit))
			return &f->rm[i];
	fail_msg("no roadmap item %s", crit);
	return NULL;
}

/* The team's assessments, oldest first (valid until the next db_periods). */
static struct period_row *db_periods(struct fx *f, int64_t team_id)
{
	free(f->rows);
	f->rows = NULL;
	f->nrows = 0;
	if (!store_team_assessments(f->st, team_id, &f->rows, &f->nrows))
		fail_msg("store_team_assessments: %s", store_error(f->st));
	return f->rows;
}

/* Read through a connection of the test's own: the store keeps its own to
 * itself. */
static int64_t audit_count(struct fx *f, const char *action)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int64_t n = -1;

	if (sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM audit WHERE action = ?", -1, &s,
			       NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, action, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	if (n < 0)
		fail_msg("cannot count the audit rows of %s", f->path);
	return n;
}

/* Index in the home list of the team demo_fill made as its team i. */
static size_t home_index_of_demo(struct fx *f, int i)
{
	char name[TEAM_NAME_BYTES];

	demo_team_name(i, name);
	for (size_t k = 0; k < f->nteams; k++)
		if (!strcmp(f->teams[k].name, name))
			return k;
	fail_msg("no team %s", name);
	return 0;
}

/* ---- the review ---- */

static void open_review(struct fx *f, size_t home_index)
{
	assert_true(app_top(f->app)->ops == &screen_home_ops);
	for (size_t i = 0; i < home_index; i++)
		key(f, 'j');
	key(f, 'r');
	if (app_top(f->app)->ops != &screen_review_ops) {
		dump_screen();
		fail_msg("r did not open the review");
	}
}

/* The box title of the change panel for the periods compared. */
static void change_title(int before, int after, char *out, size_t n)
{
	snprintf(out, n, "Change %s -> %s  (", before == NO_PERIOD ? "-" : pstr(before), pstr(after));
}

static void assert_change(int before, int after)
{
	char t[128];

	change_title(before, after, t, sizeof t);
	assert_shown(t);
	assert_int_equal(count_rows("Change "), 1);
}

/* The periods of the change panel's title, or false when it shows none. */
static bool change_periods(int *before, int *after)
{
	int y = find_row("Change ");
	const char *r, *p;
	char b[16] = "", a[16] = "";

	if (y < 0)
		return false;
	r = row(y);
	p = strstr(r, "Change ");
	if (sscanf(p, "Change %15s -> %15s", b, a) != 2)
		return false;
	*before = NO_PERIOD;
	if (strcmp(b, "-") != 0 && !period_parse(b, before))
		return false;
	return period_parse(a, after);
}

/* The table row of the selected roadmap item (reverse video over its
 * action cell), or -1. */
static int selected_item_row(const struct review_layout *l)
{
	for (int y = l->table.y + 2; y < l->table.y + l->table.h - 1; y++)
		if (attr_at(y, l->table.x + 1) & A_REVERSE)
			return y;
	return -1;
}

/* Columns of the roadmap table, from its header row. */
struct table_cols {
	int header_y, action, dimension, status, owner, due, created, done;
};

static void table_columns(const struct review_layout *l, struct table_cols *c)
{
	c->header_y = l->table.y + 1;
	c->action = col_of(c->header_y, "Action");
	c->dimension = col_of(c->header_y, "Dimension");
	c->status = col_of(c->header_y, "Status");
	c->owner = col_of(c->header_y, "Owner");
	c->due = col_of(c->header_y, "Due");
	c->created = col_of(c->header_y, "Created");
	c->done = col_of(c->header_y, "Done");
	if (!(c->action >= 0 && c->action < c->dimension && c->dimension < c->status &&
	      c->status < c->owner && c->owner < c->due && c->due < c->created && c->created < c->done)) {
		dump_screen();
		fail_msg("the roadmap header on row %d is not Action Dimension Status Owner Due "
			 "Created Done (columns %d %d %d %d %d %d %d)", c->header_y, c->action,
			 c->dimension, c->status, c->owner, c->due, c->created, c->done);
	}
}

/* A cell of the table: the text of columns x to next - 1, trailing
 * spaces dropped. */
static const char *table_cell(int y, int x, int next)
{
	static char buf[LINE_BYTES];
	const char *s = cells(y, x, LINE_BYTES - 1);
	size_t i = 0, n;
	int used = 0;

	while (s[i]) {
		size_t k = 1;
		char ch[8];

		while (s[i + k] && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k++;
		snprintf(ch, sizeof ch, "%.*s", (int)k, s + i);
		if (used + ui_width(ch) > next - x)
			break;
		used += ui_width(ch);
		i += k;
	}
	snprintf(buf, sizeof buf, "%.*s", (int)i, s);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
	return buf;
}

static void assert_cell(int y, int x, int next, const char *want, const char *what)
{
	const char *got = table_cell(y, x, next);

	if (strcmp(got, want) != 0) {
		dump_screen();
		fail_msg("row %d, %s: '%s', want '%s'", y, what, got, want);
	}
}

/* The status, owner, due, created and done cells of row y show item it. */
static void assert_item_row(int y, const struct table_cols *c, const struct roadmap_row *it)
{
	char owner[64];

	assert_cell(y, c->status, c->owner, rm_status_name(it->status), "status");
	/* owners longer than the column are cut with an ellipsis */
	snprintf(owner, sizeof owner, "%s", it->owner ? it->owner : "-");
	if (ui_width(owner) <= c->due - c->owner - 1)
		assert_cell(y, c->owner, c->due, owner, "owner");
	assert_cell(y, c->due, c->created, it->due_period == NO_PERIOD ? "-" : pstr(it->due_period),
		    "due");
	assert_cell(y, c->created, c->done,
		    it->created_period == NO_PERIOD ? "-" : pstr(it->created_period), "created");
	assert_cell(y, c->done, c->done + 8, it->done_period == NO_PERIOD ? "-" : pstr(it->done_period),
		    "done");
}

/* The review of a team with several periods at one size: the heatmap with
 * the team's name and every period, the change between the latest two, the
 * progress figures and the roadmap table as the store holds it. */
static void check_review(struct fx *f, int lines, int cols)
{
	size_t k = home_index_of_demo(f, 0); /* demo team 0 has every quarter */
	int64_t team = f->teams[k].id;
	const struct period_row *rows;
	const struct roadmap_row *rm;
	struct review_layout l;
	struct table_cols c;
	char title[160];
	size_t n;

	term_size(f, lines, cols);
	open_review(f, k);
	rows = db_periods(f, team);
	n = f->nrows;
	assert_int_equal(n, 8);
	layout_review(lines, cols, NDIMS, false, &l);
	assert_false(l.too_small);
	assert_row_has(0, "Quarterly review");
	snprintf(title, sizeof title, "%s: %zu periods", f->teams[k].name, n);
	assert_title_at(&l.heat, title);
	/* every period in the heatmap's header, oldest first */
	{
		int last = -1;

		for (size_t i = 0; i < n; i++) {
			char p[16];
			int x;

			snprintf(p, sizeof p, "%02dQ%d", rows[i].period / 4 % 100, rows[i].period % 4 + 1);
			x = col_of(l.heat.y + 1, p);
			if (x < 0 || x <= last) {
				dump_screen();
				fail_msg("period %s is not in the heatmap header (row %d) after the one "
					 "before", p, l.heat.y + 1);
			}
			last = x;
		}
	}
	/* the dimensions' names down the heatmap */
	assert_row_has(l.heat.y + 2, "Experiment Track");
	/* the progress figures */
	assert_row_has(l.figures.y, "To target");
	assert_row_has(l.figures.y, "Progress since");
	/* the change panel: beside the heatmap when wide; P shows it when narrow */
	if (!l.wide) {
		assert_not_shown("Change ");
		key(f, 'P');
		layout_review(lines, cols, NDIMS, true, &l);
	}
	assert_title_at(&l.change, "Change ");
	assert_change(rows[n - 2].period, rows[n - 1].period);
	{
		/* before and after of the first dimension, from the store */
		struct assessment *a = NULL, *b = NULL;
		char cell[64];

		store_assessment_load(f->st, rows[n - 1].id, &a);
		store_assessment_load(f->st, rows[n - 2].id, &b);
		assert_non_null(a);
		assert_non_null(b);
		snprintf(cell, sizeof cell, "%5.2f  %5.2f", b->scores[0].score, a->scores[0].score);
		assessment_free(a);
		assessment_free(b);
		assert_row_has(l.change.y + 1, cell);
		assert_row_has(l.change.y + 1, "Experiment Tracking");
	}
	if (!l.wide) {
		key(f, 'P');
		layout_review(lines, cols, NDIMS, false, &l);
		assert_not_shown("Change ");
	}
	/* the roadmap table */
	rm = db_roadmap(f, team);
	assert_true(f->nrm > 0);
	snprintf(title, sizeof title, "Roadmap (%zu items; s status", f->nrm);
	assert_title_at(&l.table, title);
	table_columns(&l, &c);
	{
		int visible = l.table.h - 3;

		for (int i = 0; i < visible && (size_t)i < f->nrm; i++)
			assert_item_row(l.table.y + 2 + i, &c, &rm[i]);
	}
	assert_int_equal(selected_item_row(&l), l.table.y + 2);
	/* q goes back home */
	key(f, 'q');
	assert_true(app_top(f->app)->ops == &screen_home_ops);
	assert_shown("Teams (6)");
}

static void test_review_80x24(void **state)
{
	check_review(*state, 24, 80);
}

static void test_review_160x50(void **state)
{
	check_review(*state, 50, 160);
}

/* h/l move the later period of the comparison, [/] the earlier one; the
 * change panel's title and scores follow. */
static void test_review_choose_periods(void **state)
{
	struct fx *f = *state;
	size_t k = home_index_of_demo(f, 0);
	const struct period_row *r;
	struct review_layout l;
	size_t n;

	term_size(f, 50, 160);
	open_review(f, k);
	r = db_periods(f, f->teams[k].id);
	n = f->nrows;
	assert_true(n >= 5);
	layout_review(50, 160, NDIMS, false, &l);
	assert_change(r[n - 2].period, r[n - 1].period);
	key(f, '[');
	assert_change(r[n - 3].period, r[n - 1].period);
	key(f, 'h');
	assert_change(r[n - 3].period, r[n - 2].period);
	{
		struct assessment *a = NULL, *b = NULL;
		char cell[64];

		store_assessment_load(f->st, r[n - 2].id, &a);
		store_assessment_load(f->st, r[n - 3].id, &b);
		assert_non_null(a);
		assert_non_null(b);
		snprintf(cell, sizeof cell, "%5.2f  %5.2f", b->scores[1].score, a->scores[1].score);
		assessment_free(a);
		assessment_free(b);
		assert_row_has(l.change.y + 2, cell);
	}
	key(f, 'l');
	assert_change(r[n - 3].period, r[n - 1].period);
	key(f, 'l'); /* already the latest */
	assert_change(r[n - 3].period, r[n - 1].period);
	key(f, KEY_LEFT);
	assert_change(r[n - 3].period, r[n - 2].period);
	key(f, KEY_RIGHT);
	assert_change(r[n - 3].period, r[n - 1].period);
	key(f, '[');
	key(f, '[');
	assert_change(r[n - 5].period, r[n - 1].period);
	key(f, ']');
	assert_change(r[n - 4].period, r[n - 1].period);
	for (size_t i = 0; i < n; i++)
		key(f, '[');
	assert_change(r[0].period, r[n - 1].period);
	/* the heatmap underlines the two periods compared */
	{
		char p0[16], p1[16];
		int x0, x1;

		snprintf(p0, sizeof p0, "%02dQ%d", r[0].period / 4 % 100, r[0].period % 4 + 1);
		snprintf(p1, sizeof p1, "%02dQ%d", r[1].period / 4 % 100, r[1].period % 4 + 1);
		x0 = col_of(l.heat.y + 1, p0);
		x1 = col_of(l.heat.y + 1, p1);
		assert_true(x0 > 0 && x1 > 0);
		assert_true(attr_at(l.heat.y + 1, x0) & A_UNDERLINE);
		assert_false(attr_at(l.heat.y + 1, x1) & A_UNDERLINE);
	}
	key(f, 'q');
	assert_true(app_top(f->app)->ops == &screen_home_ops);
}

/* From the default pair (the one before the latest, the latest), moving
 * the later period back or the earlier one forward must still compare two
 * different periods: never "Only one period" for a team with eight. */
static void check_no_collapse(struct fx *f, int k)
{
	size_t t = home_index_of_demo(f, 0);
	int before = NO_PERIOD, after = NO_PERIOD;

	term_size(f, 50, 160);
	open_review(f, t);
	db_periods(f, f->teams[t].id);
	assert_int_equal(f->nrows, 8);
	key(f, k);
	if (!change_periods(&before, &after) || before == NO_PERIOD || before >= after ||
	    find_row("Only one period") >= 0) {
		dump_screen();
		fail_msg("after '%c' from the default comparison the change panel does not compare "
			 "two different periods of a team with 8 (src/screen_review.c pick: the "
			 "later and the earlier period become the same one)", k);
	}
}

static void test_review_later_back_keeps_two_periods(void **state)
{
	check_no_collapse(*state, 'h');
}

static void test_review_earlier_forward_keeps_two_periods(void **state)
{
	check_no_collapse(*state, ']');
}

/* s cycles the selected item's status through planned, in-progress, done,
 * dropped and back; done records the team's latest period, anything else
 * clears it; each change is saved, shown and audited. */
static void test_review_status_cycle(void **state)
{
	static const enum rm_status order[] = { RM_IN_PROGRESS, RM_DONE, RM_DROPPED, RM_PLANNED,
						RM_IN_PROGRESS };
	struct fx *f = *state;
	size_t k = home_index_of_demo(f, 0);
	int64_t team = f->teams[k].id;
	struct review_layout l;
	struct table_cols c;
	char crit[128];
	size_t sel = 0, nbefore;
	enum rm_status *before;
	int latest, y;
	int64_t audits;

	term_size(f, 24, 80);
	open_review(f, k);
	latest = db_periods(f, team)[f->nrows - 1].period;
	layout_review(24, 80, NDIMS, false, &l);
	table_columns(&l, &c);
	/* the first planned item, a few rows down so that j is exercised */
	db_roadmap(f, team);
	for (sel = 2; sel < f->nrm && f->rm[sel].status != RM_PLANNED; sel++)
		;
	assert_true(sel < f->nrm);
	snprintf(crit, sizeof crit, "%s", f->rm[sel].criterion_id);
	nbefore = f->nrm;
	before = calloc(nbefore, sizeof *before);
	for (size_t i = 0; i < nbefore; i++)
		before[i] = f->rm[i].status;
	for (size_t i = 0; i < sel; i++)
		key(f, 'j');
	audits = audit_count(f, "roadmap-status");
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		const struct roadmap_row *it;

		key(f, 's');
		it = db_item(f, team, crit);
		if (it->status != order[i])
			fail_msg("step %zu: the database holds %s, want %s", i, rm_status_name(it->status),
				 rm_status_name(order[i]));
		if (order[i] == RM_DONE)
			assert_int_equal(it->done_period, latest);
		else
			assert_int_equal(it->done_period, NO_PERIOD);
		y = selected_item_row(&l);
		if (y < 0) {
			dump_screen();
			fail_msg("no roadmap item is shown selected");
		}
		assert_item_row(y, &c, it);
		assert_int_equal(audit_count(f, "roadmap-status"), audits + (int64_t)i + 1);
	}
	/* the other items did not move */
	db_roadmap(f, team);
	assert_int_equal(f->nrm, nbefore);
	for (size_t i = 0; i < f->nrm; i++)
		if (strcmp(f->rm[i].criterion_id, crit) != 0 && f->rm[i].status != before[i])
			fail_msg("item %s changed from %s to %s", f->rm[i].criterion_id,
				 rm_status_name(before[i]), rm_status_name(f->rm[i].status));
	free(before);
}

/* S steps the selected item's status back, through the same save as s:
 * planned, dropped, done (with the team's latest period), in-progress and
 * planned again, each change audited; s then S returns to where it was. */
static void test_review_status_back(void **state)
{
	static const enum rm_status order[] = { RM_DROPPED, RM_DONE, RM_IN_PROGRESS, RM_PLANNED };
	struct fx *f = *state;
	size_t k = home_index_of_demo(f, 0), sel;
	int64_t team = f->teams[k].id, audits;
	char crit[128];
	int latest;

	term_size(f, 24, 80);
	open_review(f, k);
	latest = db_periods(f, team)[f->nrows - 1].period;
	db_roadmap(f, team);
	for (sel = 0; sel < f->nrm && f->rm[sel].status != RM_PLANNED; sel++)
		;
	assert_true(sel < f->nrm);
	snprintf(crit, sizeof crit, "%s", f->rm[sel].criterion_id);
	for (size_t i = 0; i < sel; i++)
		key(f, 'j');
	audits = audit_count(f, "roadmap-status");
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		const struct roadmap_row *it;

		key(f, 'S');
		it = db_item(f, team, crit);
		if (it->status != order[i])
			fail_msg("step %zu: the database holds %s, want %s", i, rm_status_name(it->status),
				 rm_status_name(order[i]));
		assert_int_equal(it->done_period, order[i] == RM_DONE ? latest : NO_PERIOD);
		assert_int_equal(audit_count(f, "roadmap-status"), audits + (int64_t)i + 1);
	}
	key(f, 's');
	assert_int_equal(db_item(f, team, crit)->status, RM_IN_PROGRESS);
	key(f, 'S');
	assert_int_equal(db_item(f, team, crit)->status, RM_PLANNED);
	assert_int_equal(audit_count(f, "roadmap-status"), audits + 6);
}

/* Signs off the latest assessment of team k (of the home list) through
 * another connection, as a second dashboard would. */
static void sign_off_latest(struct fx *f, size_t k)
{
	char err[1024] = "";
	struct store *other = store_open(f->path, 0, err, sizeof err);
	struct assessment *a = NULL;
	bool ok;

	if (!other)
		fail_msg("store_open: %s", err);
	ok = store_assessment_load(other, f->teams[k].latest_id, &a) > 0 && store_sign_off(other, a);
	if (!ok)
		snprintf(err, sizeof err, "%s", store_error(other));
	assessment_free(a);
	store_close(other);
	if (!ok)
		fail_msg("signing off: %s", err);
}

/* The review's heatmap heads of team k's periods: marked signed off up to
 * (not including) period index open, or all when open is nrows. */
static void expect_heads_marked(struct fx *f, size_t k, size_t open)
{
	char want[64], legend[64];
	int y;

	key(f, KEY_HOME);       /* open_review counts from the first team */
	open_review(f, k);
	db_periods(f, f->teams[k].id);
	snprintf(legend, sizeof legend, "%s signed off", ui.g->signed_off);
	y = find_row(legend);
	assert_true(y >= 0);
	for (size_t i = 0; i < f->nrows; i++) {
		int p = f->rows[i].period;

		snprintf(want, sizeof want, "%02dQ%d%s", p / 4 % 100, p % 4 + 1, ui.g->signed_off);
		if (!strstr(row(y + 1), want) != (i >= open)) {
			dump_screen();
			fail_msg("the heatmap head of %s is %smarked signed off", pstr(p),
				 i >= open ? "" : "not ");
		}
	}
	key(f, 'q');
}

/* Home marks the team whose latest assessment is signed off, after its
 * period; the review marks each signed-off period's head in the heatmap
 * (the demo signs off every quarter but the current one). Both say what
 * the mark means in their title. */
static void test_signed_off_marks(void **state)
{
	struct fx *f = *state;
	size_t k = home_index_of_demo(f, 0);
	char want[64], legend[64];
	int y;

	term_size(f, 50, 160);
	db_periods(f, f->teams[k].id);
	expect_heads_marked(f, k, f->nrows - 1);
	snprintf(legend, sizeof legend, "%s signed off", ui.g->signed_off);
	snprintf(want, sizeof want, "%s%s", LAST_PERIOD, ui.g->signed_off);
	assert_true(find_row(legend) >= 0);
	assert_int_equal(count_rows(want), 0);
	sign_off_latest(f, k);
	assert_true(app_poll(f->app));
	render(f);
	/* The name shows in the panes' titles too: the row with the mark. */
	y = find_row(want);
	if (y < 0 || !strstr(row(y), f->teams[k].name) || count_rows(want) != 1) {
		dump_screen();
		fail_msg("only %s's row shows '%s'", f->teams[k].name, want);
	}
	expect_heads_marked(f, k, f->nrows);
}

/* O sets the owner and d the due period through a prompt; a due period that
 * is not YYYY-Qn is refused at the field and nothing is saved; Esc keeps
 * what was there; empty clears. */
static void test_review_owner_due(void **state)
{
	static const char owner[] = "Zoë Ångström, PM";
	struct fx *f = *state;
	size_t k = home_index_of_demo(f, 0);
	int64_t team = f->teams[k].id;
	struct review_layout l;
	struct table_cols c;
	const struct roadmap_row *it;
	char crit[128], *old_owner;
	int old_due, y;
	int64_t owners = audit_count(f, "roadmap-owner"), dues = audit_count(f, "roadmap-due");

	term_size(f, 24, 80);
	open_review(f, k);
	layout_review(24, 80, NDIMS, false, &l);
	table_columns(&l, &c);
	key(f, 'j');
	it = &db_roadmap(f, team)[1];
	snprintf(crit, sizeof crit, "%s", it->criterion_id);

	/* owner */
	feed("\x15");
	feed(owner);
	feed("\r");
	key(f, 'O');
	it = db_item(f, team, crit);
	assert_non_null(it->owner);
	assert_string_equal(it->owner, owner);
	y = selected_item_row(&l);
	assert_int_equal(y, l.table.y + 3);
	assert_item_row(y, &c, it);
	assert_string_equal(table_cell(y, c.owner, c.due), "Zoë Ångst…");
	assert_int_equal(audit_count(f, "roadmap-owner"), owners + 1);

	/* Esc keeps the owner */
	feed("\x15" "somebody else\x1b");
	key(f, 'O');
	it = db_item(f, team, crit);
	assert_string_equal(it->owner, owner);
	assert_int_equal(audit_count(f, "roadmap-owner"), owners + 1);

	/* due */
	feed("\x15" "2027-Q3\r");
	key(f, 'd');
	it = db_item(f, team, crit);
	assert_int_equal(it->due_period, per("2027-Q3"));
	assert_item_row(selected_item_row(&l), &c, it);
	assert_int_equal(audit_count(f, "roadmap-due"), dues + 1);

	/* a bad due period is refused at the field; Esc then leaves it */
	old_due = it->due_period;
	old_owner = strdup(it->owner);
	feed("\x15" "2026-Q9\r\x1b");
	app_key(f->app, 'd');
	assert_shown("Due period (YYYY-Qn, empty clears)");
	assert_shown("A due period is YYYY-Qn, or empty to clear.");
	render(f);
	assert_not_shown("A due period is YYYY-Qn");
	it = db_item(f, team, crit);
	assert_int_equal(it->due_period, old_due);
	assert_string_equal(it->owner, old_owner);
	free(old_owner);
	assert_int_equal(audit_count(f, "roadmap-due"), dues + 1);
	assert_item_row(selected_item_row(&l), &c, it);
	assert_cell(selected_item_row(&l), c.due, c.created, "2027-Q3", "due");

	/* text that is no period at all, then a valid one in the same prompt */
	feed("\x15" "soon\r\x15" "2028-Q1\r");
	key(f, 'd');
	it = db_item(f, team, crit);
	assert_int_equal(it->due_period, per("2028-Q1"));
	assert_int_equal(audit_count(f, "roadmap-due"), dues + 2);

	/* empty clears both */
	feed("\x15\r");
	key(f, 'd');
	feed("\x15\r");
	key(f, 'O');
	it = db_item(f, team, crit);
	assert_int_equal(it->due_period, NO_PERIOD);
	assert_null(it->owner);
	assert_item_row(selected_item_row(&l), &c, it);
	assert_cell(selected_item_row(&l), c.owner, c.due, "-", "owner");
}

/* Items past their due period (still open) stand out from the others; done
 * and dropped items do not count as late. */
static void test_review_overdue(void **state)
{
	struct fx *f = *state;
	size_t k = home_index_of_demo(f, 0);
	int64_t team = f->teams[k].id;
	struct review_layout l;
	struct table_cols c;
	size_t open[2], nopen = 0;
	int y_late, y_future;

	term_size(f, 50, 160);
	open_review(f, k);
	layout_review(50, 160, NDIMS, false, &l);
	table_columns(&l, &c);
	db_roadmap(f, team);
	for (size_t i = 1; i < f->nrm && i < (size_t)(l.table.h - 4) && nopen < 2; i++)
		if (f->rm[i].status == RM_PLANNED || f->rm[i].status == RM_IN_PROGRESS)
			open[nopen++] = i;
	assert_int_equal(nopen, 2);
	/* through the prompt: the first open item late, the second far ahead */
	for (size_t i = 0; i < open[0]; i++)
		key(f, 'j');
	feed("\x15" "2020-Q1\r");
	key(f, 'd');
	for (size_t i = open[0]; i < open[1]; i++)
		key(f, 'j');
	feed("\x15" "2099-Q4\r");
	key(f, 'd');
	key(f, 'k'); /* select neither */
	if (open[1] - open[0] == 1)
		for (size_t i = 0; i < open[0]; i++)
			key(f, 'k');
	db_roadmap(f, team);
	assert_int_equal(f->rm[open[0]].due_period, per("2020-Q1"));
	assert_int_equal(f->rm[open[1]].due_period, per("2099-Q4"));
	y_late = l.table.y + 2 + (int)open[0];
	y_future = l.table.y + 2 + (int)open[1];
	assert_item_row(y_late, &c, &f->rm[open[0]]);
	assert_item_row(y_future, &c, &f->rm[open[1]]);
	assert_false(attr_at(y_late, c.action) & A_REVERSE);
	assert_false(attr_at(y_future, c.action) & A_REVERSE);
	if (attr_at(y_late, c.due) == attr_at(y_future, c.due)) {
		dump_screen();
		fail_msg("the late item (row %d, due 2020-Q1) looks like the one due 2099-Q4 (row %d)",
			 y_late, y_future);
	}
	assert_true(attr_at(y_late, c.due) & A_BOLD);
	assert_false(attr_at(y_future, c.due) & A_BOLD);
}

/* A team with a single assessment: the heatmap shows its one period and the
 * change panel says there is nothing to compare. demo_fill makes the last
 * team single-period when there are three teams or more. */
static void check_single(struct fx *f, int lines, int cols)
{
	size_t k = home_index_of_demo(f, 5);
	struct review_layout l;
	char title[160], p[16];
	const struct period_row *r;

	r = db_periods(f, f->teams[k].id);
	assert_int_equal(f->nrows, 1);
	assert_int_equal(r[0].period, per(LAST_PERIOD));
	term_size(f, lines, cols);
	open_review(f, k);
	layout_review(lines, cols, NDIMS, false, &l);
	snprintf(title, sizeof title, "%s: 1 period", f->teams[k].name);
	assert_title_at(&l.heat, title);
	snprintf(p, sizeof p, "%02dQ%d", r[0].period / 4 % 100, r[0].period % 4 + 1);
	assert_row_has(l.heat.y + 1, p);
	if (!l.wide) {
		key(f, 'P');
		layout_review(lines, cols, NDIMS, true, &l);
	}
	assert_change(NO_PERIOD, r[0].period);
	assert_row_has(l.change.y + 1, "Only one period");
	/* nothing to move to */
	key(f, 'h');
	key(f, 'l');
	key(f, '[');
	key(f, ']');
	assert_change(NO_PERIOD, r[0].period);
	assert_shown("Only one period");
	assert_shown("To target");
	key(f, 'q');
	assert_true(app_top(f->app)->ops == &screen_home_ops);
}

static void test_review_single_period_80x24(void **state)
{
	check_single(*state, 24, 80);
}

static void test_review_single_period_160x50(void **state)
{
	check_single(*state, 50, 160);
}

/* More periods than the heatmap has columns: it scrolls sideways to keep
 * both compared periods in view and marks what is cut off. */
static void test_review_heat_scrolls(void **state)
{
	struct fx *f = *state;
	size_t k = home_index_of_demo(f, 0);
	const struct period_row *r;
	struct review_layout l;
	char p[16];
	size_t n;

	r = db_periods(f, f->teams[k].id);
	n = f->nrows;
	assert_int_equal(n, 14);
	term_size(f, 24, 80);
	open_review(f, k);
	layout_review(24, 80, NDIMS, false, &l);
	snprintf(p, sizeof p, "%02dQ%d", r[n - 1].period / 4 % 100, r[n - 1].period % 4 + 1);
	assert_row_has(l.heat.y + 1, p);
	snprintf(p, sizeof p, "%02dQ%d", r[0].period / 4 % 100, r[0].period % 4 + 1);
	assert_true(col_of(l.heat.y + 1, p) < 0);
	assert_row_has(l.heat.y + 1, "<");
	for (size_t i = 0; i < n; i++)
		key(f, '[');
	assert_true(col_of(l.heat.y + 1, p) > 0);
	assert_true(attr_at(l.heat.y + 1, col_of(l.heat.y + 1, p)) & A_UNDERLINE);
	key(f, 'P');
	assert_change(r[0].period, r[n - 1].period);
}

/* ---- the organisation ---- */

struct org_exp {
	const char *name;
	int period;
	double overall, coverage;
	bool has_change;
	double change;          /* overall minus the previous assessment's */
	const struct org_exp *all;      /* the list this one is in, for labels */
	size_t nall;
};

static int cmp_exp(const void *a, const void *b)
{
	const struct org_exp *x = a, *y = b;

	if (x->overall != y->overall)
		return x->overall < y->overall ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* Each team's assessment of period or else its latest earlier one, with
 * the change from the team's assessment before that one, sorted by overall
 * score (highest first; ties by name). Returns the count. */
static size_t org_expected(struct fx *f, int period, struct org_exp *out)
{
	size_t n = 0;

	for (size_t t = 0; t < f->nteams; t++) {
		const struct period_row *r = db_periods(f, f->teams[t].id);
		long best = -1;

		for (size_t i = 0; i < f->nrows; i++)
			if (r[i].period <= period)
				best = (long)i;
		if (best < 0)
			continue;
		out[n++] = (struct org_exp){ f->teams[t].name, r[best].period, r[best].overall,
					     r[best].coverage, best > 0,
					     best > 0 ? r[best].overall - r[best - 1].overall : 0,
					     NULL, 0 };
	}
	qsort(out, n, sizeof *out, cmp_exp);
	for (size_t i = 0; i < n; i++) {
		out[i].all = out;
		out[i].nall = n;
	}
	return n;
}

struct mean_ctx {
	const struct model *m;
	double sum[64];
	int count[64];
};

static void on_mean_cell(void *ctx, const struct org_cell *c)
{
	struct mean_ctx *mc = ctx;
	long d = model_find_dimension(mc->m, c->dim_id);

	if (d >= 0) {
		mc->sum[d] += c->score;
		mc->count[d]++;
	}
}

/* The width of the organisation's name column: from "Team" in the header
 * row to the first dimension heading. */
static int org_name_width(const struct layout *l, int *x0)
{
	int y = l->main.y + 1, x = col_of(y, "Team"), end = x + 4;

	while (end < l->main.x + l->main.w && !strcmp(cells(y, end, 1), " "))
		end++;
	*x0 = x;
	return end - x;
}

/* The width of a team's name in a column w wide: less " (period)" for an
 * older assessment. */
static int org_name_room(const struct org_exp *e, int cur, int w)
{
	char suffix[32];

	if (e->period == cur)
		return w - 1;
	snprintf(suffix, sizeof suffix, " (%s)", pstr(e->period));
	return w - ui_width(suffix);
}

/* The name cell of a team's row as the view should draw it in a column of
 * width w: the name cut to fit so that no two teams' look the same
 * (label_make over the whole list), and for an older assessment
 * " (period)" at the column's right end. Trailing spaces dropped. */
static void org_name_shown(const struct org_exp *e, int cur, int w, char *out, size_t n)
{
	struct label_item *items = calloc(e->nall, sizeof *items);
	size_t me = (size_t)(e - e->all);
	char suffix[32];

	assert_non_null(items);
	for (size_t i = 0; i < e->nall; i++)
		items[i] = (struct label_item){ e->all[i].name, NULL,
						org_name_room(&e->all[i], cur, w), NULL };
	label_make(items, e->nall, ui.g->ellipsis);
	if (e->period == cur) {
		snprintf(out, n, "%s", items[me].label);
	} else {
		snprintf(suffix, sizeof suffix, " (%s)", pstr(e->period));
		snprintf(out, n, "%s%*s%s", items[me].label,
			 w - ui_width(suffix) - ui_width(items[me].label), "", suffix);
	}
	label_free(items, e->nall);
	free(items);
}

static void assert_org_row(const struct layout *l, int y, const struct org_exp *e, int cur)
{
	char want[600], got[600];
	int x0, w = org_name_width(l, &x0);

	org_name_shown(e, cur, w, want, sizeof want);
	snprintf(got, sizeof got, "%s", table_cell(y, x0, x0 + w));
	if (strcmp(got, want) != 0) {
		dump_screen();
		fail_msg("organisation row %d: '%s', want '%s' (overall %.2f, %s)", y, got, want,
			 e->overall, pstr(e->period));
	}
	snprintf(want, sizeof want, "%6.2f", e->overall);
	assert_row_has(y, want);
	/* Coverage and change, at their columns, at every width. */
	{
		struct org_columns c;
		char cov[16], chg[16];

		layout_org_columns(l->main.w, NDIMS, &c);
		snprintf(cov, sizeof cov, "%.0f%%", e->coverage * 100);
		snprintf(chg, sizeof chg, "%+.2f", e->change + (e->change < 0 ? -1e-9 : 1e-9));
		snprintf(got, sizeof got, "%s", table_cell(y, l->main.x + c.coverage,
							   l->main.x + c.coverage + 4));
		if (strcmp(got + strspn(got, " "), cov) != 0) {
			dump_screen();
			fail_msg("%s: coverage '%s', want '%s'", e->name, got, cov);
		}
		snprintf(got, sizeof got, "%s", table_cell(y, l->main.x + c.change,
							   l->main.x + c.change + 6));
		if (strcmp(got + strspn(got, " "), e->has_change ? chg : "") != 0) {
			dump_screen();
			fail_msg("%s: change '%s', want '%s'", e->name, got, e->has_change ? chg : "");
		}
	}
}

/* The organisation at period `cur`, checked against the store: title,
 * every team in order of overall score with its score, the older marks,
 * and the mean row. */
static void check_org_period(struct fx *f, int lines, int cols, int cur)
{
	struct org_exp *e = calloc(f->nteams + 1, sizeof *e);
	struct mean_ctx mc;
	struct layout l;
	struct org_columns oc;
	char buf[256];
	size_t n = org_expected(f, cur, e);
	int rows, y;
	double all = 0;

	layout_org(lines, cols, &l);
	rows = l.main.h - 6;
	snprintf(buf, sizeof buf, "Organisation %s: %zu teams", pstr(cur), n);
	assert_title_at(&l.main, buf);
	assert_row_has(l.main.y + 1, "Team");
	assert_row_has(l.main.y + 1, "Overall");
	for (size_t i = 0; i < n && (int)i < rows; i++) {
		y = l.main.y + 2 + (int)i;
		assert_org_row(&l, y, &e[i], cur);
		if (e[i].period != cur)
			assert_row_has(y, "*");
		else if (strchr(row(y), '*')) {
			dump_screen();
			fail_msg("row %d: '%s' has an assessment in %s but is marked older", y,
				 e[i].name, pstr(cur));
		}
	}
	/* the mean row: each dimension's mean and the mean overall score */
	memset(&mc, 0, sizeof mc);
	mc.m = f->m;
	assert_true(store_org_cells(f->st, cur, on_mean_cell, &mc));
	y = l.main.y + l.main.h - 3;
	assert_row_has(y, "Mean");
	layout_org_columns(l.main.w, (int)f->m->ndims, &oc);
	assert_row_has(l.main.y + 1, "Cov");
	assert_row_has(l.main.y + 1, "Change");
	/* The columns shown are the model's first: their means, in order. */
	for (int d = 0; d < oc.ncols; d++) {
		assert_int_equal(mc.count[d], (int)n);
		snprintf(buf, sizeof buf, " %4.2f", round2(mc.sum[d] / mc.count[d]));
		assert_string_equal(table_cell(y, l.main.x + oc.dims + d * oc.cw,
					       l.main.x + oc.dims + (d + 1) * oc.cw), buf);
	}
	if (oc.ncols < (int)f->m->ndims) {
		snprintf(buf, sizeof buf, "dimensions 1-%d of %zu", oc.ncols, f->m->ndims);
		assert_row_has(y + 1, buf);
	} else {
		assert_null(strstr(row(y + 1), "dimensions"));
	}
	for (size_t i = 0; i < n; i++)
		all += e[i].overall;
	snprintf(buf, sizeof buf, "%6.2f", round2(all / (double)n));
	assert_row_has(y, buf);
	/* The legend explains '*', so it shows only when a team is marked. */
	{
		bool older = false;

		for (size_t i = 0; i < n; i++)
			older |= e[i].period != cur;
		if (older)
			assert_row_has(y + 1, "* an earlier assessment");
		else
			assert_null(strstr(row(y + 1), "* an earlier assessment"));
	}
	free(e);
}

static void check_org(struct fx *f, int lines, int cols)
{
	int first = per(LAST_PERIOD) - 7;

	term_size(f, lines, cols);
	key(f, 'o');
	assert_true(app_top(f->app)->ops == &screen_org_ops);
	assert_row_has(0, "Organisation");
	check_org_period(f, lines, cols, per(LAST_PERIOD));
	/* the model's first dimensions head the columns, in order (names cut
	 * to fit) */
	{
		struct org_columns oc;

		layout_org_columns(cols, (int)f->m->ndims, &oc);
		for (int d = 0; d < oc.ncols; d++) {
			char name[8];

			snprintf(name, sizeof name, "%.5s", f->m->dims[d].name);
			assert_int_equal(col_of(2, name), oc.dims + d * oc.cw);
		}
	}
	key(f, 'h');
	check_org_period(f, lines, cols, per(LAST_PERIOD) - 1);
	key(f, KEY_LEFT);
	check_org_period(f, lines, cols, per(LAST_PERIOD) - 2);
	for (int i = 0; i < 10; i++)
		key(f, 'h');
	check_org_period(f, lines, cols, first);
	key(f, 'l');
	check_org_period(f, lines, cols, first + 1);
	for (int i = 0; i < 10; i++)
		key(f, KEY_RIGHT);
	check_org_period(f, lines, cols, per(LAST_PERIOD));
	key(f, 'q');
	assert_true(app_top(f->app)->ops == &screen_home_ops);
	assert_shown("Teams (6)");
}

static void test_org_80x24(void **state)
{
	check_org(*state, 24, 80);
}

static void test_org_160x50(void **state)
{
	check_org(*state, 50, 160);
}

/* A team assessed in a new quarter before the others: in that quarter the
 * others show their latest earlier assessment, marked with '*' and their
 * period. */
static void test_org_older_assessment(void **state)
{
	struct fx *f = *state;
	size_t k = home_index_of_demo(f, 1);
	bool created = false;
	int next = per(LAST_PERIOD) + 1;

	assert_true(store_assessment_begin(f->st, f->teams[k].name, next, "tester", f->m, &created) > 0);
	assert_true(created);
	app_reload_all(f->app);
	for (int i = 0; i < 2; i++) {
		int lines = i ? 50 : 24, cols = i ? 160 : 80;
		char older[32];

		term_size(f, lines, cols);
		key(f, 'o');
		check_org_period(f, lines, cols, next);
		snprintf(older, sizeof older, "(%s)", LAST_PERIOD);
		assert_int_equal(count_rows(older), (int)f->nteams - 1);
		assert_int_equal(count_rows("*"), (int)f->nteams); /* the rows and the legend */
		key(f, 'h');
		check_org_period(f, lines, cols, per(LAST_PERIOD));
		assert_not_shown(older);
		key(f, 'q');
	}
}

/* 200 teams: the view opens, j and PgDn scroll to the last team (in order of
 * overall score), PgUp back to the first. */
static void check_org_200(struct fx *f, int lines, int cols)
{
	struct org_exp *e = calloc(f->nteams, sizeof *e);
	size_t n = org_expected(f, per(LAST_PERIOD), e);
	struct layout l;
	char title[64], buf[32];
	int rows, y;

	assert_int_equal(n, 200);
	layout_org(lines, cols, &l);
	rows = l.main.h - 6;
	term_size(f, lines, cols);
	key(f, 'o');
	snprintf(title, sizeof title, "Organisation %s: 200 teams", LAST_PERIOD);
	assert_title_at(&l.main, title);
	/* j to the last team */
	for (int i = 0; i < 199; i++)
		key(f, 'j');
	key(f, 'j'); /* stays on it */
	y = l.main.y + 2 + rows - 1;
	assert_true(attr_at(y, 3) & A_REVERSE);
	snprintf(buf, sizeof buf, "%6.2f", e[199].overall);
	assert_row_has(y, buf);
	assert_org_row(&l, y, &e[199], per(LAST_PERIOD));
	assert_int_equal(find_row("Mean"), l.main.y + l.main.h - 3);
	/* PgUp to the first: a page is the rows shown */
	for (int i = 0; i <= 199 / rows; i++)
		key(f, KEY_PPAGE);
	assert_true(attr_at(l.main.y + 2, 3) & A_REVERSE);
	snprintf(buf, sizeof buf, "%6.2f", e[0].overall);
	assert_row_has(l.main.y + 2, buf);
	assert_org_row(&l, l.main.y + 2, &e[0], per(LAST_PERIOD));
	/* PgDn to the last */
	for (int i = 0; i <= 199 / rows; i++)
		key(f, KEY_NPAGE);
	assert_true(attr_at(y, 3) & A_REVERSE);
	snprintf(buf, sizeof buf, "%6.2f", e[199].overall);
	assert_row_has(y, buf);
	assert_org_row(&l, y, &e[199], per(LAST_PERIOD));
	for (int i = 0; i < rows; i++)
		assert_org_row(&l, l.main.y + 2 + i, &e[200 - rows + i], per(LAST_PERIOD));
	/* Enter opens the last team's review */
	key(f, '\r');
	assert_true(app_top(f->app)->ops == &screen_review_ops);
	{
		struct review_layout rl;
		char t[160];

		layout_review(lines, cols, NDIMS, false, &rl);
		snprintf(t, sizeof t, "%s: ", e[199].name);
		assert_title_at(&rl.heat, t);
	}
	key(f, 'q');
	key(f, 'q');
	assert_true(app_top(f->app)->ops == &screen_home_ops);
	free(e);
}

static void test_org_200_80x24(void **state)
{
	check_org_200(*state, 24, 80);
}

/* A filter over 200 teams on a narrow terminal (names cut): the teams it
 * keeps, in order, with the labels the whole list gives them, on the
 * first page and on the last; Esc brings every team back. */
static void test_org_200_filter(void **state)
{
	struct fx *f = *state;
	struct org_exp *e = calloc(f->nteams, sizeof *e);
	size_t n = org_expected(f, per(LAST_PERIOD), e), keep[200], nk = 0;
	char *folded = find_fold("in");
	struct layout l;
	char title[96];
	int rows;

	layout_org(24, 80, &l);
	rows = l.main.h - 6;
	for (size_t i = 0; i < n; i++)
		if (find_in(e[i].name, folded))
			keep[nk++] = i;
	free(folded);
	assert_true(nk > (size_t)rows && nk < n);
	term_size(f, 24, 80);
	key(f, 'o');
	feed("in\r");
	key(f, '/');
	snprintf(title, sizeof title, "Organisation %s: %zu of 200 teams matching \"in\"",
		 LAST_PERIOD, nk);
	assert_title_at(&l.main, title);
	for (int i = 0; i < rows; i++)
		assert_org_row(&l, l.main.y + 2 + i, &e[keep[i]], per(LAST_PERIOD));
	key(f, 'G');
	for (int i = 0; i < rows; i++)
		assert_org_row(&l, l.main.y + 2 + i, &e[keep[nk - (size_t)rows + (size_t)i]],
			       per(LAST_PERIOD));
	key(f, KEY_ESC);
	snprintf(title, sizeof title, "Organisation %s: 200 teams", LAST_PERIOD);
	assert_title_at(&l.main, title);
	free(e);
}

static void test_org_200_160x50(void **state)
{
	check_org_200(*state, 50, 160);
}

/* The numbers of a column of the grid, top to bottom, over the n rows of
 * teams (a heat cell's glyph skipped); an empty cell is NAN. */
static void org_column(const struct layout *l, int x, int w, size_t n, double *out)
{
	for (size_t i = 0; i < n; i++) {
		const char *t = table_cell(l->main.y + 2 + (int)i, l->main.x + x, l->main.x + x + w);
		char *end;

		/* past the level glyph a heat cell starts with */
		while (*t && !strchr("0123456789+-", *t))
			t++;
		out[i] = strtod(t, &end);
		if (end == t)
			out[i] = NAN;
	}
}

static void assert_sorted_column(const struct layout *l, int x, int w, size_t n, const char *what)
{
	double v[64];

	org_column(l, x, w, n, v);
	for (size_t i = 1; i < n; i++)
		if ((isnan(v[i - 1]) && !isnan(v[i])) || v[i - 1] < v[i]) {
			dump_screen();
			fail_msg("sorted by %s: row %zu (%.2f) before row %zu (%.2f)", what, i - 1,
				 v[i - 1], i, v[i]);
		}
}

static int cmp_exp_name(const void *a, const void *b)
{
	return strcmp(((const struct org_exp *)a)->name, ((const struct org_exp *)b)->name);
}

/* s steps the sort through overall, each dimension, change and name, S
 * back; the title names the key and its heading is underlined; a
 * dimension off screen is brought in; the columns stay in the model's
 * order, and the key stays, when the period changes. */
static void check_org_sort(struct fx *f, int lines, int cols)
{
	struct org_exp e[16];
	size_t n = org_expected(f, per(LAST_PERIOD), e);
	struct org_columns oc;
	struct layout l;
	char head[LINE_BYTES], buf[128];
	int hy;

	assert_true(n >= 3 && n <= 16);
	term_size(f, lines, cols);
	layout_org(lines, cols, &l);
	layout_org_columns(l.main.w, NDIMS, &oc);
	hy = l.main.y + 1;
	key(f, 'o');
	assert_row_has(l.main.y, "sorted by overall (s)");
	assert_true(attr_at(hy, l.main.x + oc.overall) & A_UNDERLINE);
	assert_false(attr_at(hy, l.main.x + oc.change) & A_UNDERLINE);
	snprintf(head, sizeof head, "%s", row(hy));
	for (int k = 0; k < NDIMS; k++) {
		int c0 = k >= oc.ncols ? k - oc.ncols + 1 : 0, x = oc.dims + (k - c0) * oc.cw;

		key(f, 's');
		snprintf(buf, sizeof buf, "sorted by %.12s", f->m->dims[k].name);
		assert_row_has(l.main.y, buf);
		snprintf(buf, sizeof buf, "%.5s", f->m->dims[k].name);
		assert_int_equal(col_of(hy, buf), l.main.x + x);
		assert_true(attr_at(hy, l.main.x + x) & A_UNDERLINE);
		assert_false(attr_at(hy, l.main.x + oc.overall) & A_UNDERLINE);
		assert_sorted_column(&l, x, oc.cw, n, f->m->dims[k].name);
		if (oc.ncols < NDIMS) {
			snprintf(buf, sizeof buf, "dimensions %d-%d of %d", c0 + 1, c0 + oc.ncols, NDIMS);
			assert_row_has(l.main.y + l.main.h - 2, buf);
		}
	}
	key(f, 's');
	assert_row_has(l.main.y, "sorted by change (s)");
	assert_true(attr_at(hy, l.main.x + oc.change) & A_UNDERLINE);
	assert_sorted_column(&l, oc.change, 6, n, "change");
	key(f, 's');
	assert_row_has(l.main.y, "sorted by name (s)");
	qsort(e, n, sizeof *e, cmp_exp_name);
	for (size_t i = 0; i < n; i++)
		assert_org_row(&l, l.main.y + 2 + (int)i, &e[i], per(LAST_PERIOD));
	key(f, 's');
	assert_row_has(l.main.y, "sorted by overall (s)");
	assert_string_equal(row(hy), head); /* back to the first columns */
	check_org_period(f, lines, cols, per(LAST_PERIOD));
	key(f, 'S');
	assert_row_has(l.main.y, "sorted by name (s)");
	key(f, 'S');
	assert_row_has(l.main.y, "sorted by change (s)");
	/* A period earlier: the same columns, still sorted by change. */
	key(f, 'h');
	snprintf(buf, sizeof buf, "Organisation %s: ", pstr(per(LAST_PERIOD) - 1));
	assert_title_at(&l.main, buf);
	assert_row_has(l.main.y, "sorted by change (s)");
	assert_sorted_column(&l, oc.change, 6, org_expected(f, per(LAST_PERIOD) - 1, e), "change");
	for (int i = 0; i < NDIMS + 1; i++) /* back through every dimension */
		key(f, 'S');
	assert_row_has(l.main.y, "sorted by overall (s)");
	assert_string_equal(row(hy), head);
	check_org_period(f, lines, cols, per(LAST_PERIOD) - 1);
	key(f, 'q');
}

static void test_org_sort_80x24(void **state)
{
	check_org_sort(*state, 24, 80);
}

static void test_org_sort_120x40(void **state)
{
	check_org_sort(*state, 40, 120);
}

/* Enter on a team opens its review; q comes back to the organisation, at
 * the same period and team; q again goes home. */
static void test_org_enter_review(void **state)
{
	struct fx *f = *state;
	struct org_exp e[16];
	size_t n = org_expected(f, per(LAST_PERIOD) - 1, e);
	struct review_layout rl;
	struct layout l;
	char t[160];

	assert_true(n >= 3);
	term_size(f, 50, 160);
	layout_org(50, 160, &l);
	layout_review(50, 160, NDIMS, false, &rl);
	key(f, 'o');
	key(f, 'h');
	for (int i = 0; i < 8; i++)
		key(f, KEY_UP);
	key(f, 'j');
	key(f, KEY_DOWN);
	key(f, 'k');
	assert_true(attr_at(l.main.y + 3, 3) & A_REVERSE);
	key(f, '\r');
	assert_true(app_top(f->app)->ops == &screen_review_ops);
	assert_row_has(0, "Quarterly review");
	snprintf(t, sizeof t, "%s: ", e[1].name);
	assert_title_at(&rl.heat, t);
	key(f, 'q');
	assert_true(app_top(f->app)->ops == &screen_org_ops);
	snprintf(t, sizeof t, "Organisation %s: ", pstr(per(LAST_PERIOD) - 1));
	assert_title_at(&l.main, t);
	assert_true(attr_at(l.main.y + 3, 3) & A_REVERSE);
	key(f, 'q');
	assert_true(app_top(f->app)->ops == &screen_home_ops);
	key(f, 'q');
	assert_true(f->app->quit);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_demo, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_review_80x24),
		T(test_review_160x50),
		T(test_review_choose_periods),
		T(test_review_later_back_keeps_two_periods),
		T(test_review_earlier_forward_keeps_two_periods),
		T(test_review_status_cycle),
		T(test_review_status_back),
		T(test_signed_off_marks),
		T(test_review_owner_due),
		T(test_review_overdue),
		T(test_review_single_period_80x24),
		T(test_review_single_period_160x50),
		cmocka_unit_test_setup_teardown(test_review_heat_scrolls, fx_long, fx_teardown),
		T(test_org_80x24),
		T(test_org_160x50),
		T(test_org_older_assessment),
		cmocka_unit_test_setup_teardown(test_org_200_80x24, fx_demo200, fx_teardown),
		cmocka_unit_test_setup_teardown(test_org_200_filter, fx_demo200, fx_teardown),
		cmocka_unit_test_setup_teardown(test_org_200_160x50, fx_demo200, fx_teardown),
		T(test_org_enter_review),
		T(test_org_sort_80x24),
		T(test_org_sort_120x40),
	};
#undef T

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
