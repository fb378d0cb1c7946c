/* Screen tests without a terminal: curses set up with newterm() on
 * /dev/null (output) and a pipe (input), a fixed size set with resizeterm(),
 * keys fed to the app as the main loop would, and the screen text read back
 * from curscr with mvwinnstr and compared. Each test runs on a real SQLite
 * database in a private folder, filled with demo data on the built-in model.
 *
 * Modal dialogs (prompts, the new-assessment form, the key help) read keys
 * with getch themselves: their keys are written into the input pipe before
 * the key that opens them. When a dialog returns, curscr still holds its
 * last frame, which is what the dialog showed before its last key. */
#include "screentest.h"

#include "demo.h"
#include "layout.h"
#include "theme.h"
#include "app.h"
#include "assess.h"
#include "period.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>

#define NDIMS 8                 /* the built-in model */
#define LAST_PERIOD "2026-Q2"   /* of the demo data */
#define TEST_TIMEOUT 120        /* seconds: a dialog waiting for keys never returns */


struct fx {
	char *dir;
	char path[4200];
	struct model *m;
	struct store *st;
	struct app *app;
	struct team_summary *teams;     /* as the home screen lists them */
	size_t nteams;
	/* Held here so that a failing assertion leaks nothing: */
	struct assessment *loaded;      /* the last db_load */
	struct store *other;            /* a second connection */
};

/* ---- the curses screen, once for all tests ---- */

/* The built-in theme and UTF-8 glyphs; colour when asked for. */
static void setup_ui(bool color)
{
	ui_setup(theme, color, false);
}

static int group_setup(void **state)
{
	(void)state;
	return screentest_setup("test_screens");
}


/* ---- reading the screen back ---- */










/* ---- driving the app ---- */

static void render(struct fx *f)
{
	app_render(f->app);
}

/* One key, then a pause: what app_read_key does when no key follows
 * (screens waiting for a pause, such as home's panes, catch up). */
static void key(struct fx *f, int k)
{
	app_key(f->app, k);
	if (f->app->idle_pending) {
		struct screen *s = app_top(f->app);

		f->app->idle_pending = false;
		if (s && s->ops->idle)
			s->ops->idle(f->app, s);
	}
	render(f);
}

static void keys(struct fx *f, const char *s)
{
	for (; *s; s++)
		key(f, (unsigned char)*s);
}

/* The terminal changes size: curses learns it, then the app gets
 * KEY_RESIZE as from getch. */
static void term_size(struct fx *f, int lines, int cols)
{
	resizeterm(lines, cols);
	flushinp(); /* the KEY_RESIZE resizeterm queued; the app gets its own */
	assert_int_equal(getmaxy(stdscr), lines);
	assert_int_equal(getmaxx(stdscr), cols);
	key(f, KEY_RESIZE);
}



/* ---- fixtures ---- */


static struct fx *fx_new(int teams, unsigned flags)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[1200] = "";

	alarm(TEST_TIMEOUT);
	f->dir = tu_tmpdir();
	snprintf(f->path, sizeof f->path, "%s/mlmat.db", f->dir);
	f->m = model_load_builtin(err, sizeof err);
	if (!f->m)
		fail_msg("built-in model: %s", err);
	f->st = store_open(f->path, STORE_CREATE, err, sizeof err);
	if (!f->st)
		fail_msg("store_open: %s", err);
	if (teams) {
		struct demo_params p = { teams, 8, 42, per(LAST_PERIOD), false };

		if (!demo_fill(f->st, f->m, &p))
			fail_msg("demo_fill: %s", store_error(f->st));
	}
	if (flags & STORE_READONLY) {
		store_close(f->st);
		f->st = store_open(f->path, STORE_READONLY, err, sizeof err);
		if (!f->st)
			fail_msg("store_open read-only: %s", err);
		assert_true(store_readonly(f->st));
	}
	if (!store_team_list(f->st, &f->teams, &f->nteams))
		fail_msg("store_team_list: %s", store_error(f->st));
	assert_int_equal(f->nteams, (size_t)teams);
	f->app = app_new(f->st, f->m, f->path);
	/* The answer tests keep the selection (advance: false); the test of
	 * auto-advance turns it on. */
	f->app->advance = false;
	f->app->help = dialog_help; /* as cmd_dashboard assembles it */
	screen_home_open(f->app);
	setup_ui(false);
	return f;
}

static int fx_demo(void **state)
{
	*state = fx_new(6, 0);
	return 0;
}

static int fx_demo14(void **state)
{
	*state = fx_new(14, 0);
	return 0;
}

static int fx_empty(void **state)
{
	*state = fx_new(0, 0);
	return 0;
}

static int fx_readonly(void **state)
{
	*state = fx_new(6, STORE_READONLY);
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	if (!f)
		return 0;
	app_free(f->app);
	assessment_free(f->loaded);
	if (f->other)
		store_close(f->other);
	store_team_list_free(f->teams, f->nteams);
	store_close(f->st);
	model_free(f->m);
	tu_tmpdir_remove(f->dir);
	free(f);
	drain_keys();
	setup_ui(false);
	alarm(0);
	return 0;
}

/* ---- data helpers ---- */

/* The assessment as the database holds it now; valid until the next
 * db_load. */
static struct assessment *db_load(struct fx *f, int64_t id)
{
	assessment_free(f->loaded);
	f->loaded = NULL;
	if (store_assessment_load(f->st, id, &f->loaded) != 1)
		fail_msg("store_assessment_load(%lld): %s", (long long)id, store_error(f->st));
	return f->loaded;
}

static struct store *open_other(struct fx *f)
{
	char err[1200];

	f->other = store_open(f->path, 0, err, sizeof err);
	if (!f->other)
		fail_msg("second connection: %s", err);
	return f->other;
}

/* The k-th criterion of a dimension as the assessment screen lists them:
 * by level, then in model order. */
static size_t crit_in_order(const struct model *m, size_t dim, size_t k)
{
	const struct dimension *d = &m->dims[dim];
	size_t seen = 0;

	for (int l = m->lowest + 1; l <= m->highest; l++)
		for (size_t c = d->first; c < d->first + d->ncrit; c++)
			if (m->crits[c].level == l && seen++ == k)
				return c;
	fail_msg("dimension %zu has no criterion %zu", dim, k);
	return 0;
}

/* The first words of a criterion, as they start its first line: enough to
 * tell "Retraining is triggered automatically when new ..." from "... when
 * monitored ...", short enough to fit before the first wrap at 80 columns. */
static const char *crit_start(const struct model *m, size_t c)
{
	static char buf[64];

	snprintf(buf, sizeof buf, "%.45s", m->crits[c].text);
	return buf;
}

/* The answer label drawn in columns 2..7 of the main window (x0 its left
 * edge) on the row where the criterion's text starts (column 11, after
 * the carried and comment marks in 8 and 9). */
static int crit_row(const struct model *m, size_t c, int x0)
{
	const char *start = crit_start(m, c);

	for (int y = 0; y < screen_lines(); y++)
		if (!strcmp(cells(y, x0 + 11, (int)strlen(start)), start))
			return y;
	return -1;
}

static const char *answer_on_screen(const struct model *m, size_t c, int x0)
{
	int y = crit_row(m, c, x0);

	if (y < 0) {
		dump_screen();
		fail_msg("criterion '%s' is not on the screen", crit_start(m, c));
	}
	return cells(y, x0 + 2, 6);
}

static void coverage_text(const struct assessment *a, size_t dim, char *out, size_t n)
{
	snprintf(out, n, "coverage %.0f%% (all %.0f%%)", a->scores[dim].coverage * 100,
		 a->overall.coverage * 100);
}


static void open_first_team(struct fx *f)
{
	key(f, '\r');
	assert_shown("dimension 1 of 8");
}

/* ======================================================================== */
/* Home                                                                     */
/* ======================================================================== */

/* The list shows each name whole, or its start cut with an ellipsis where
 * the column is narrow (the team list of wide layouts). */
static void assert_team_listed(const char *name)
{
	char start[64];
	size_t chars = 0, n = 0;
	int y;

	while (name[n] && chars < 9) {
		n++;
		while (((unsigned char)name[n] & 0xC0) == 0x80)
			n++;
		chars++;
	}
	snprintf(start, sizeof start, "%.*s", (int)n, name);
	y = find_row(start);
	if (y < 0 || (!strstr(row(y), name) && !strstr(row(y), "…"))) {
		dump_screen();
		fail_msg("team '%s' is not listed", name);
	}
}

static void check_home(struct fx *f, int lines, int cols)
{
	struct layout l;
	char title[64];

	term_size(f, lines, cols);
	layout_home(lines, cols, 0, NDIMS, &l);
	assert_false(l.too_small);
	snprintf(title, sizeof title, "Teams (%zu)", f->nteams);
	assert_title_at(&l.main, title);
	for (size_t i = 0; i < f->nteams; i++)
		assert_team_listed(f->teams[i].name);
	assert_title_at(&l.pane[PANE_PROGRESS], "Level progress");
	/* header and status */
	assert_row_has(0, "mlmat");
	assert_row_has(0, "Home");
	assert_row_has(lines - 1, "n new assessment");
	assert_row_has(lines - 1, "Enter open latest");
	assert_row_has(lines - 1, "? help");
	assert_int_equal(find_row("n new assessment"), lines - 1);
}

static void test_home_80x24(void **state)
{
	struct fx *f = *state;

	check_home(f, 24, 80);
	/* one pane at a time at 80 columns */
	assert_not_shown("Heatmap");
	assert_not_shown("Roadmap (");
}

static void test_home_100x30(void **state)
{
	struct fx *f = *state;

	check_home(f, 30, 100);
	assert_not_shown("Heatmap");
	assert_not_shown("Roadmap (");
}

static void test_home_160x50(void **state)
{
	struct fx *f = *state;
	struct layout l;
	char overall[64];
	struct assessment *a;

	check_home(f, 50, 160);
	layout_home(50, 160, 0, NDIMS, &l);
	assert_title_at(&l.pane[PANE_HEATMAP], "Heatmap: level (g)");
	assert_title_at(&l.pane[PANE_ROADMAP], "Roadmap (");
	/* progress and heatmap side by side on the top row */
	assert_int_equal(find_row("Level progress"), 1);
	assert_int_equal(find_row("Heatmap"), 1);
	/* the panes show the selected (first) team's latest assessment */
	a = db_load(f, f->teams[0].latest_id);
	snprintf(overall, sizeof overall, "Overall %.2f of 5", a->overall.score);
	assert_shown(overall);
	for (size_t d = 0; d < NDIMS; d++) {
		char cell[32];

		snprintf(cell, sizeof cell, "%5.2f L%d", a->scores[d].score, a->scores[d].level);
		assert_row_has(l.pane[PANE_PROGRESS].y + 1 + (int)d, cell);
	}
	/* the heatmap's latest column is the assessment's period */
	assert_row_has(l.pane[PANE_HEATMAP].y + 1, "26Q2");
}

/* 'P' shows the next pane below the list on narrow terminals. */
static void test_home_pane_switch_80x24(void **state)
{
	static const char *const titles[] = { "Level progress", "Heatmap: level", "Roadmap (" };
	struct fx *f = *state;

	term_size(f, 24, 80);
	for (int i = 1; i <= 4; i++) {
		int want = i % 3;
		struct layout l;

		key(f, 'P');
		layout_home(24, 80, want, NDIMS, &l);
		assert_title_at(&l.pane[want], titles[want]);
		for (int p = 0; p < 3; p++)
			if (p != want)
				assert_not_shown(titles[p]);
	}
}

/* j and k move the selection; the panes follow the selected team. */
static void test_home_selection(void **state)
{
	struct fx *f = *state;
	char overall[64];
	int y;

	term_size(f, 24, 80);
	y = find_row(f->teams[0].name);
	assert_true(attr_at(y, 2) & A_REVERSE);
	key(f, 'j');
	assert_false(attr_at(y, 2) & A_REVERSE);
	y = find_row(f->teams[1].name);
	assert_true(attr_at(y, 2) & A_REVERSE);
	{
		struct assessment *a = db_load(f, f->teams[1].latest_id);

		snprintf(overall, sizeof overall, "Overall %.2f of 5", a->overall.score);
	}
	assert_shown(overall);
	key(f, KEY_DOWN);
	assert_true(attr_at(find_row(f->teams[2].name), 2) & A_REVERSE);
	key(f, 'k');
	key(f, KEY_UP);
	key(f, 'k'); /* stays on the first */
	assert_true(attr_at(find_row(f->teams[0].name), 2) & A_REVERSE);
	/* Enter opens the selected team */
	key(f, 'j');
	key(f, '\r');
	assert_shown(f->teams[1].name);
	assert_shown("dimension 1 of 8");
}

/* More teams than rows: the list scrolls and says where it is. */
static void test_home_scrolls_80x24(void **state)
{
	struct fx *f = *state;

	term_size(f, 24, 80);
	assert_shown(f->teams[0].name);
	assert_not_shown(f->teams[13].name);
	assert_shown(" 1/14 ");
	key(f, KEY_END);
	assert_shown(f->teams[13].name);
	assert_not_shown(f->teams[0].name);
	assert_shown(" 14/14 ");
	assert_true(attr_at(find_row(f->teams[13].name), 2) & A_REVERSE);
	key(f, KEY_HOME);
	assert_shown(f->teams[0].name);
	assert_shown(" 1/14 ");
	/* a page keeps a row of the last one in view */
	key(f, KEY_NPAGE);
	assert_shown(" 8/14 ");
	key(f, KEY_NPAGE);
	assert_shown(" 14/14 ");
	assert_not_shown(f->teams[0].name);
	key(f, KEY_PPAGE);
	assert_shown(" 7/14 ");
}

/* Every team fits at 119x40 (narrow: the list has the full width) and at
 * 160x50 (wide: names cut to the list column), non-ASCII names included. */
static void test_home_utf8_names(void **state)
{
	struct fx *f = *state;

	check_home(f, 40, 119);
	assert_shown("Données Clients");
	assert_shown("Teams (14)");
	check_home(f, 50, 160);
	assert_shown("Données C");
}

static void test_home_empty_welcome(void **state)
{
	struct fx *f = *state;

	term_size(f, 24, 80);
	assert_shown("Teams (0)");
	assert_shown("Welcome to mlmat.");
	assert_shown("Press n to start one");
	assert_shown("mlmat demo --db PATH");
	assert_shown("No assessment yet.");
	key(f, '\r');
	assert_row_has(23, "No team yet: press n to start an assessment.");
	term_size(f, 50, 160);
	assert_shown("Welcome to mlmat.");
	assert_shown("No history yet.");
}

/* ======================================================================== */
/* The assessment                                                           */
/* ======================================================================== */

static void check_assess_frame(const struct team_summary *t)
{
	char head[256], period[PERIOD_LEN];

	period_format(t->latest_period, period);
	snprintf(head, sizeof head, "%s  %s  dimension 1 of 8", t->name, period);
	assert_shown(head);
	assert_shown("Experiment Tracking and Reproducibility");
	assert_row_has(0, "Assessment");
	assert_shown("Score ");
	assert_shown("Target ");
	assert_shown("Level 2  Repeatable pipelines");
	assert_row_has(screen_lines() - 1, "y yes");
	assert_row_has(screen_lines() - 1, "? help");
}

static void test_assess_80x24(void **state)
{
	static const char *const titles[] = { "Level progress", "Heatmap: level", "Roadmap (" };
	struct fx *f = *state;

	term_size(f, 24, 80);
	open_first_team(f);
	check_assess_frame(&f->teams[0]);
	/* the criteria alone, then each pane below them, then none again */
	for (int p = 0; p < 3; p++)
		assert_not_shown(titles[p]);
	for (int want = 0; want < 3; want++) {
		struct layout l;

		key(f, 'P');
		layout_assess(24, 80, want, NDIMS, &l);
		assert_title_at(&l.pane[want], titles[want]);
		assert_shown("dimension 1 of 8");
	}
	key(f, 'P');
	for (int p = 0; p < 3; p++)
		assert_not_shown(titles[p]);
}

static void test_assess_100x30(void **state)
{
	struct fx *f = *state;

	term_size(f, 30, 100);
	open_first_team(f);
	check_assess_frame(&f->teams[0]);
	assert_not_shown("Level progress");
}

static void test_assess_160x50(void **state)
{
	struct fx *f = *state;
	struct layout l;

	term_size(f, 50, 160);
	open_first_team(f);
	check_assess_frame(&f->teams[0]);
	layout_assess(50, 160, -1, NDIMS, &l);
	assert_title_at(&l.main, "Experiment Tracking and Reproducibility");
	assert_title_at(&l.pane[PANE_PROGRESS], "Level progress");
	assert_title_at(&l.pane[PANE_HEATMAP], "Heatmap: level (g)");
	assert_title_at(&l.pane[PANE_ROADMAP], "Roadmap (");
	/* g switches the heatmap to the gap */
	key(f, 'g');
	assert_title_at(&l.pane[PANE_HEATMAP], "Heatmap: gap to target (g)");
}

static void test_assess_move_dimensions(void **state)
{
	struct fx *f = *state;
	const struct model *m = f->m;

	term_size(f, 24, 80);
	open_first_team(f);
	key(f, '\t');
	assert_shown("dimension 2 of 8");
	assert_shown(m->dims[1].name);
	key(f, KEY_RIGHT);
	assert_shown("dimension 3 of 8");
	key(f, 'l');
	assert_shown("dimension 4 of 8");
	key(f, KEY_BTAB);
	assert_shown("dimension 3 of 8");
	key(f, 'h');
	key(f, KEY_LEFT);
	assert_shown("dimension 1 of 8");
	key(f, KEY_LEFT); /* wraps round */
	assert_shown("dimension 8 of 8");
	assert_shown(m->dims[7].name);
	key(f, '\t');
	assert_shown("dimension 1 of 8");
}

/* Each answer key changes the label on screen, the coverage and score
 * shown, and what the database holds. */
static void test_assess_answers(void **state)
{
	static const struct {
		int key;
		enum answer want;
		const char *label;
	} steps[] = {
		{ 'u', ANS_UNKNOWN, "  ?   " }, { 'y', ANS_YES, " yes  " },
		{ 'p', ANS_PARTLY, "partly" }, { 'n', ANS_NO, " no   " },
		{ ' ', ANS_YES, " yes  " }, { ' ', ANS_NO, " no   " },
		{ 'u', ANS_UNKNOWN, "  ?   " }, { ' ', ANS_YES, " yes  " },
		{ 'p', ANS_PARTLY, "partly" }, { ' ', ANS_YES, " yes  " },
	};
	struct fx *f = *state;
	int64_t id = f->teams[0].latest_id;
	char cov_unknown[64] = "";

	term_size(f, 24, 80);
	open_first_team(f);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		struct assessment *a;
		size_t c;
		char cov[64], score[32];

		key(f, steps[i].key);
		a = db_load(f, id);
		c = crit_in_order(a->model, 0, 0);
		if (a->answers[c] != steps[i].want)
			fail_msg("step %zu: the database holds %s", i, answer_name(a->answers[c]));
		if (strcmp(answer_on_screen(a->model, c, 0), steps[i].label) != 0) {
			dump_screen();
			fail_msg("step %zu: label '%s', expected '%s'", i,
				 answer_on_screen(a->model, c, 0), steps[i].label);
		}
		coverage_text(a, 0, cov, sizeof cov);
		assert_shown(cov);
		snprintf(score, sizeof score, "Score %.2f", a->scores[0].score);
		assert_shown(score);
		if (i == 0)
			snprintf(cov_unknown, sizeof cov_unknown, "%s", cov);
		if (i == 1 && strcmp(cov, cov_unknown) == 0)
			fail_msg("answering did not change the coverage (%s)", cov);
	}
}

/* j moves to the next criterion; its answer is the one that changes. */
static void test_assess_select_criterion(void **state)
{
	struct fx *f = *state;
	int64_t id = f->teams[0].latest_id;
	struct assessment *a;
	size_t c0, c1;
	enum answer before;

	term_size(f, 24, 80);
	open_first_team(f);
	a = db_load(f, id);
	c0 = crit_in_order(a->model, 0, 0);
	c1 = crit_in_order(a->model, 0, 1);
	before = a->answers[c0];
	key(f, 'j');
	key(f, 'u');
	a = db_load(f, id);
	assert_int_equal(a->answers[c0], before);
	assert_int_equal(a->answers[c1], ANS_UNKNOWN);
	assert_string_equal(answer_on_screen(f->m, c1, 0), "  ?   ");
	assert_true(attr_at(crit_row(f->m, c1, 0), 12) & A_REVERSE);
	assert_false(attr_at(crit_row(f->m, c0, 0), 12) & A_REVERSE);
	key(f, 'k');
	assert_true(attr_at(crit_row(f->m, c0, 0), 12) & A_REVERSE);
}

/* With auto-advance (the default) an answer moves the selection on; n/a
 * asks for the comment first and shows it under the criterion; i shows
 * the criterion in full; U puts the answer back. */
static void test_assess_advance_na_info_undo(void **state)
{
	struct fx *f = *state;
	int64_t id = f->teams[0].latest_id;
	struct assessment *a;
	size_t c0, c1, c2;
	enum answer before, before1;

	f->app->advance = true;
	term_size(f, 30, 100);
	open_first_team(f);
	a = db_load(f, id);
	c0 = crit_in_order(a->model, 0, 0);
	c1 = crit_in_order(a->model, 0, 1);
	c2 = crit_in_order(a->model, 0, 2);
	before = a->answers[c0];
	before1 = a->answers[c1];
	key(f, 'p');
	assert_true(attr_at(crit_row(f->m, c1, 0), 12) & A_REVERSE);
	assert_false(attr_at(crit_row(f->m, c0, 0), 12) & A_REVERSE);

	feed("Not used by this team\n");
	key(f, 'a');
	a = db_load(f, id);
	assert_int_equal(a->answers[c1], ANS_NA);
	assert_string_equal(a->crits[c1].comment, "Not used by this team");
	render(f);
	assert_string_equal(answer_on_screen(f->m, c1, 0), " n/a  ");
	assert_string_equal(cells(crit_row(f->m, c1, 0), 9, 1), "*");
	assert_true(attr_at(crit_row(f->m, c2, 0), 12) & A_REVERSE);
	key(f, 'k');
	assert_shown("Comment   Not used by this team");

	feed("q");
	app_key(f->app, 'i');   /* the viewer's last frame stays on curscr */
	assert_shown(f->m->crits[c1].id);
	assert_shown("Answer: n/a, answered");
	assert_shown("Comment: Not used by this team");
	render(f);

	key(f, 'U');
	assert_shown("Undid: ");
	a = db_load(f, id);
	assert_int_equal(a->answers[c1], before1);
	key(f, 'U');
	key(f, 'U');
	a = db_load(f, id);
	assert_int_equal(a->answers[c0], before);
	assert_null(a->crits[c1].comment);
}

/* A past assessment (not its team's latest) asks once per session before
 * the first change; a no changes nothing. A signed-off one refuses every
 * change key, naming who signed it off. */
static void test_assess_past_and_signed_off(void **state)
{
	struct fx *f = *state;
	struct period_row *rows = NULL;
	size_t n = 0, c;
	struct assessment *a;
	enum answer before;
	int64_t old = 0;

	for (size_t t = 0; t < f->nteams && !old; t++) {
		assert_true(store_team_assessments(f->st, f->teams[t].id, &rows, &n));
		if (n >= 2)
			old = rows[0].id;
		free(rows);
	}
	assert_true(old > 0);
	a = db_load(f, old);
	if (a->signed_by)
		assert_true(store_reopen(f->st, a, "for the test"));
	c = crit_in_order(a->model, 0, 0);
	before = db_load(f, old)->answers[c];
	term_size(f, 24, 80);
	screen_assess_open(f->app, old);
	render(f);
	feed("n");
	key(f, before == ANS_NO ? 'y' : 'n');
	assert_shown("Not changed: ");
	assert_int_equal(db_load(f, old)->answers[c], before);
	feed("y");
	key(f, before == ANS_NO ? 'y' : 'n');
	assert_int_equal(db_load(f, old)->answers[c], before == ANS_NO ? ANS_YES : ANS_NO);
	key(f, 'p');                            /* asked once: no dialog now */
	assert_int_equal(db_load(f, old)->answers[c], ANS_PARTLY);

	feed("y");
	key(f, 'S');
	assert_non_null(db_load(f, old)->signed_by);
	assert_shown("Signed off by ");
	key(f, 'y');
	assert_shown("Not saved: ");
	assert_shown("signed off by");
	assert_int_equal(db_load(f, old)->answers[c], ANS_PARTLY);
}

static const char *label_of(enum answer a)
{
	static const char *const labels[] = { "  ?   ", " no   ", "partly", " yes  ", " n/a  " };

	return labels[a];
}

/* Walking every criterion of every dimension, the selected one is always
 * on screen with its answer, also when a pane takes half the rows. */
static void check_selection_visible(struct fx *f, int lines, int cols)
{
	int64_t id = f->teams[0].latest_id;
	struct assessment *a = db_load(f, id);
	const struct model *m = a->model;

	for (size_t d = 0; d < m->ndims; d++) {
		for (size_t k = 0; k < m->dims[d].ncrit; k++) {
			size_t c = crit_in_order(m, d, k);
			int y = crit_row(m, c, 0);

			if (y < 0 || !(attr_at(y, 12) & A_REVERSE)) {
				dump_screen();
				fail_msg("at %dx%d, dimension %zu: selected criterion %zu (%s) is not "
					 "shown selected", cols, lines, d + 1, k + 1, m->crits[c].id);
			}
			if (strcmp(cells(y, 2, 6), label_of(a->answers[c])) != 0) {
				dump_screen();
				fail_msg("criterion %s shows '%s', holds %s", m->crits[c].id,
					 cells(y, 2, 6), answer_name(a->answers[c]));
			}
			key(f, 'j');
		}
		key(f, '\t');
	}
}

static void test_assess_selection_visible_80x24(void **state)
{
	struct fx *f = *state;

	term_size(f, 24, 80);
	open_first_team(f);
	check_selection_visible(f, 24, 80);
	key(f, 'P'); /* the progress pane below: half the rows */
	assert_shown("Level progress");
	check_selection_visible(f, 24, 80);
}

/* The progress pane shows a bar for every dimension wherever it is shown.
 * 80x44 (home) and 80x48 (assessment) are the first heights at which the
 * narrow layout stacks all three panes. */
static void check_progress_rows(struct fx *f, const struct layout *l, int64_t id)
{
	struct assessment *a = db_load(f, id);

	assert_true(l->pane[PANE_PROGRESS].h > 0);
	for (size_t d = 0; d < a->model->ndims; d++) {
		char cell[32];

		snprintf(cell, sizeof cell, "%5.2f L%d", a->scores[d].score, a->scores[d].level);
		assert_row_has(l->pane[PANE_PROGRESS].y + 1 + (int)d, cell);
	}
}

static void test_progress_every_dimension(void **state)
{
	struct fx *f = *state;
	struct layout l;

	for (int lines = 24; lines <= 50; lines++) {
		term_size(f, lines, 80);
		layout_home(lines, 80, 0, NDIMS, &l);
		check_progress_rows(f, &l, f->teams[0].latest_id);
	}
	open_first_team(f);
	key(f, 'P');
	for (int lines = 24; lines <= 52; lines++) {
		term_size(f, lines, 80);
		layout_assess(lines, 80, 0, NDIMS, &l);
		check_progress_rows(f, &l, f->teams[0].latest_id);
	}
}

/* The panes beside the dimension follow each answer at once. */
static void test_assess_panes_follow_160x50(void **state)
{
	struct fx *f = *state;
	int64_t id = f->teams[0].latest_id;
	const struct dimension *d = &f->m->dims[0];
	struct layout l;
	struct assessment *a;
	char cell[32], overall[64];

	term_size(f, 50, 160);
	open_first_team(f);
	for (size_t i = 0; i < d->ncrit; i++)
		keys(f, "yj");
	a = db_load(f, id);
	for (size_t c = d->first; c < d->first + d->ncrit; c++)
		assert_int_equal(a->answers[c], ANS_YES);
	layout_assess(50, 160, -1, NDIMS, &l);
	snprintf(cell, sizeof cell, "%5.2f L%d", a->scores[0].score, a->scores[0].level);
	assert_row_has(l.pane[PANE_PROGRESS].y + 1, cell);
	snprintf(overall, sizeof overall, "Overall %.2f of 5", a->overall.score);
	assert_shown(overall);
	/* the heatmap's row for the dimension ends with the new score */
	snprintf(cell, sizeof cell, "%4.2f", a->scores[0].score);
	assert_row_has(l.pane[PANE_HEATMAP].y + 2, cell);
}

static void test_assess_target(void **state)
{
	struct fx *f = *state;
	int64_t id = f->teams[0].latest_id;
	struct assessment *a;

	term_size(f, 24, 80);
	open_first_team(f);
	key(f, 't');
	assert_shown("Target: press a level 1-5, x to clear, Esc to cancel");
	key(f, '4');
	assert_shown("Target 4");
	a = db_load(f, id);
	assert_int_equal(a->dims[0].target, 4);
	assert_not_shown("press a level");

	keys(f, "tx");
	assert_shown("Target -");
	a = db_load(f, id);
	assert_int_equal(a->dims[0].target, NO_LEVEL);

	keys(f, "t9");
	assert_shown("A target needs a level from 1 to 5, or x to clear.");
	assert_shown("Target -");
	key(f, 't');
	key(f, KEY_ESC);
	assert_shown("Cancelled.");
	keys(f, "t2");
	assert_shown("Target 2");
	a = db_load(f, id);
	assert_int_equal(a->dims[0].target, 2);
}

static void test_assess_q_returns_home(void **state)
{
	struct fx *f = *state;

	term_size(f, 24, 80);
	open_first_team(f);
	key(f, 'q');
	assert_not_shown("dimension 1 of 8");
	assert_row_has(0, "Home");
	assert_shown("Teams (6)");
	assert_shown("Level progress");
	assert_false(f->app->quit);
	key(f, 'q');
	assert_true(f->app->quit);
}

/* Another process answers on the same database: app_poll sees it and the
 * screen shows it. */
static void test_assess_other_process(void **state)
{
	struct fx *f = *state;
	int64_t id = f->teams[0].latest_id;
	struct store *other = open_other(f);
	struct assessment *a;
	size_t c;

	term_size(f, 24, 80);
	open_first_team(f);
	key(f, 'y');
	assert_false(app_poll(f->app));
	assert_int_equal(store_assessment_load(other, id, &a), 1);
	c = crit_in_order(a->model, 0, 0);
	assert_true(store_set_answer(other, a, c, ANS_PARTLY));
	assessment_free(a);
	assert_true(app_poll(f->app));
	assert_false(app_poll(f->app));
	render(f);
	assert_string_equal(answer_on_screen(f->m, c, 0), "partly");
}

/* A team added by another process appears on the home screen. */
static void test_home_other_process(void **state)
{
	struct fx *f = *state;
	struct store *other = open_other(f);
	bool created = false;

	term_size(f, 24, 80);
	assert_shown("Teams (6)");
	assert_true(store_assessment_begin(other, "Newcomer", per("2026-Q2"), "tester", f->m,
					   &created) > 0);
	assert_true(created);
	assert_true(app_poll(f->app));
	render(f);
	assert_shown("Teams (7)");
	assert_shown("Newcomer");
	/* Ctrl-L repaints the same */
	key(f, KEY_CTRL('l'));
	assert_shown("Newcomer");
	assert_row_has(0, "Home");
}

/* ======================================================================== */
/* Size changes                                                             */
/* ======================================================================== */

static void test_too_small(void **state)
{
	struct fx *f = *state;
	int64_t id = f->teams[0].latest_id;
	struct assessment *a;
	enum answer before;
	size_t c;

	term_size(f, 20, 60);
	assert_shown("Terminal too small - resize to at least 80x24, or q to quit");
	assert_shown("now 60x20");
	assert_not_shown("Teams (");
	term_size(f, 24, 80);
	assert_shown("Teams (6)");
	assert_not_shown("too small");
	term_size(f, 23, 80);
	assert_shown("too small");
	term_size(f, 24, 79);
	assert_shown("too small");

	/* mid-assessment: keys other than q do nothing, and the screen comes
	 * back as it was */
	term_size(f, 24, 80);
	open_first_team(f);
	key(f, '\t');
	a = db_load(f, id);
	c = crit_in_order(a->model, 1, 0);
	before = a->answers[c];
	term_size(f, 20, 60);
	assert_shown("too small");
	key(f, before == ANS_YES ? 'n' : 'y');
	key(f, '\t');
	a = db_load(f, id);
	assert_int_equal(a->answers[c], before);
	term_size(f, 5, 10);
	assert_shown("Terminal t");
	term_size(f, 30, 100);
	assert_shown("dimension 2 of 8");
	term_size(f, 20, 60);
	key(f, 'q');
	assert_true(f->app->quit);
}

/* ======================================================================== */
/* Read-only                                                                */
/* ======================================================================== */

static void test_readonly(void **state)
{
	struct fx *f = *state;
	int64_t id = f->teams[0].latest_id;
	struct assessment *a;
	enum answer before;
	int target;
	size_t c;

	assert_true(f->app->readonly);
	term_size(f, 24, 80);
	assert_row_has(0, "[read-only]");
	assert_row_has(23, "Read-only: you can look, not change.");
	/* n must not open the form; Esc would cancel it if it did */
	feed("\x1b");
	key(f, 'n');
	assert_row_has(23, "Read-only: new assessment is not available");
	drain_keys();

	open_first_team(f);
	a = db_load(f, id);
	c = crit_in_order(a->model, 0, 0);
	before = a->answers[c];
	target = a->dims[0].target;
	key(f, before == ANS_YES ? 'n' : 'y');
	assert_row_has(23, "Read-only: ");
	assert_row_has(23, "is not available");
	key(f, 't');
	assert_row_has(23, "Read-only: target");
	key(f, target == 4 ? '3' : '4');
	a = db_load(f, id);
	assert_int_equal(a->answers[c], before);
	assert_int_equal(a->dims[0].target, target);
	/* looking around still works */
	key(f, '\t');
	assert_shown("dimension 2 of 8");
	key(f, 'q');
	assert_shown("Teams (6)");
}

/* ======================================================================== */
/* Colour                                                                   */
/* ======================================================================== */

static void test_colour_160x50(void **state)
{
	struct fx *f = *state;
	struct layout l;

	setup_ui(true);
	assert_true(ui.color);
	f->app->full_redraw = true;
	check_home(f, 50, 160);
	layout_home(50, 160, 0, NDIMS, &l);
	assert_title_at(&l.pane[PANE_HEATMAP], "Heatmap: level (g)");
	assert_int_equal(PAIR_NUMBER((int)(attr_at(0, 1) & A_COLOR)), ROLE_HEADER + 1);
	/* the status line's hints are in its colour too */
	assert_int_equal(PAIR_NUMBER((int)(attr_at(49, 1) & A_COLOR)), ROLE_STATUS + 1);
	open_first_team(f);
	check_assess_frame(&f->teams[0]);
	setup_ui(false);
}

/* Bold the drawing code adds (the status line's keys) stays bold where it
 * reads, and turns to underline where a terminal drawing bold as bright
 * would make the role's basic colour unreadable: black on white turning
 * grey (README "Themes"). */
static void test_bold_that_fades(void **state)
{
	static const char grey[] = "name: t\nroles:\n  status: { fg: black, bg: white }\n";
	struct fx *f = *state;
	char err[1024] = "";
	struct theme *t;

	setup_ui(true);
	assert_int_equal(ui_bold(ROLE_STATUS), A_BOLD);
	f->app->full_redraw = true;
	check_home(f, 50, 160);
	assert_true(attr_at(49, 1) & A_BOLD);
	assert_false(attr_at(49, 1) & A_UNDERLINE);

	t = theme_load_buffer(grey, strlen(grey), "grey", err, sizeof err);
	assert_non_null(t);
	ui_setup(t, true, false);
	theme_free(t);
	assert_int_equal(ui_bold(ROLE_STATUS), A_UNDERLINE);
	/* bright red still reads over either background: bold stays */
	assert_int_equal(ui_bold(ROLE_ERROR), A_BOLD);
	f->app->full_redraw = true;
	check_home(f, 50, 160);
	assert_false(attr_at(49, 1) & A_BOLD);
	assert_true(attr_at(49, 1) & A_UNDERLINE);
	/* without colour, bold is bold */
	setup_ui(false);
	assert_int_equal(ui_bold(ROLE_STATUS), A_BOLD);
}

/* Without colour the heatmap cells carry a shading glyph before the score,
 * so the levels stay readable. */
static void test_mono_heatmap_cells(void **state)
{
	static const char *const shade[] = { " ", "░", "▒", "▓", "█" };
	struct fx *f = *state;
	struct layout l;
	struct assessment *a;
	int shaded = 0;

	term_size(f, 50, 160);
	layout_home(50, 160, 0, NDIMS, &l);
	a = db_load(f, f->teams[0].latest_id);
	for (size_t d = 0; d < NDIMS; d++) {
		int k = ui_heat_index(a->scores[d].level, a->model->lowest, a->model->highest);
		char cell[32];

		snprintf(cell, sizeof cell, "%s%4.2f", shade[k], a->scores[d].score);
		assert_row_has(l.pane[PANE_HEATMAP].y + 2 + (int)d, cell);
		shaded += k > 0;
	}
	assert_true(shaded > 0);
}

/* ======================================================================== */
/* Dialogs: keys through the input pipe                                     */
/* ======================================================================== */

static void test_notes_prompt(void **state)
{
	static const char note[] = "Evidence, \"quoted\" — ça marche; 予測 OK";
	struct fx *f = *state;
	int64_t id = f->teams[0].latest_id;
	struct assessment *a;

	term_size(f, 30, 100);
	open_first_team(f);
	/* Ctrl-U clears the old note; Enter saves. */
	feed("\x15");
	feed(note);
	feed("\r");
	key(f, 'e');
	a = db_load(f, id);
	assert_non_null(a->dims[0].notes);
	assert_string_equal(a->dims[0].notes, note);
	assert_shown("Notes Evidence, \"quoted\" — ça marche; 予測 OK");

	/* Esc keeps the note. */
	feed("\x15" "scratch\x1b");
	key(f, 'e');
	assert_shown("Notes unchanged.");
	a = db_load(f, id);
	assert_string_equal(a->dims[0].notes, note);
}

/* The dialog's last frame, left in curscr when it returns. */
static void test_notes_prompt_frame(void **state)
{
	struct fx *f = *state;

	term_size(f, 24, 80);
	open_first_team(f);
	feed("\x15" "half a thought" "\x1b");
	app_key(f->app, 'e');
	assert_shown("Notes: Experiment Tracking and Reproducibility");
	/* Keys that arrive together (a paste, or this feed) are drawn once they
	 * have all been read, so the typed text itself is not in this frame. */
	assert_shown("Enter accept  Esc cancel  Ctrl-U clear");
	render(f);
	assert_not_shown("half a thought");
}

static void test_override_reason(void **state)
{
	struct fx *f = *state;
	int64_t id = f->teams[0].latest_id;
	struct assessment *a;

	term_size(f, 30, 100);
	open_first_team(f);
	/* An empty reason is refused at the field; Esc then cancels. */
	feed("\x15\r\x1b");
	app_key(f->app, 'v');
	app_key(f->app, '3');
	assert_shown("Reason for overriding the level to 3");
	assert_shown("A reason is required for an override.");
	render(f);
	assert_shown("Override cancelled.");
	a = db_load(f, id);
	assert_int_equal(a->dims[0].override_level, NO_LEVEL);

	feed("\x15" "Audit: registry bypassed\r");
	keys(f, "v3");
	assert_shown("Override 3: Audit: registry bypassed");
	assert_shown("Score 3.00");
	a = db_load(f, id);
	assert_int_equal(a->dims[0].override_level, 3);
	assert_string_equal(a->dims[0].override_reason, "Audit: registry bypassed");

	keys(f, "vx");
	assert_shown("Override -");
	a = db_load(f, id);
	assert_int_equal(a->dims[0].override_level, NO_LEVEL);
}

static void test_form_refuses_bad_fields(void **state)
{
	struct fx *f = *state;
	int64_t team;

	term_size(f, 24, 80);
	/* An empty team name */
	feed("\x15\r\x1b");
	app_key(f->app, 'n');
	assert_shown("New assessment");
	assert_shown("a team name cannot be empty");
	render(f);
	assert_shown("No assessment created.");
	/* A period that is not YYYY-Qn */
	feed("\x15" "Zed Team\r\x15" "2026-Q5\r\x1b");
	app_key(f->app, 'n');
	assert_shown("A period is YYYY-Qn");
	render(f);
	assert_shown("No assessment created.");
	assert_int_equal(store_team_find(f->st, "Zed Team", &team), 0);
	assert_shown("Teams (6)");
}

static void test_form_creates(void **state)
{
	struct fx *f = *state;
	int64_t team;

	term_size(f, 24, 80);
	feed("\x15" "Zed Team\r\x15" "2026-Q3\r\x15" "tester\r");
	key(f, 'n');
	assert_shown("Zed Team  2026-Q3  dimension 1 of 8  coverage 0%");
	assert_row_has(23, "New assessment for Zed Team in 2026-Q3.");
	assert_int_equal(store_team_find(f->st, "Zed Team", &team), 1);
	assert_true(team > 0);
	key(f, 'y');
	key(f, 'q');
	assert_shown("Teams (7)");
	assert_shown("Zed Team");
}

/* ? lists every key of the screen's table (help texts cut to fit). */
static void check_help(struct fx *f, const struct screen_ops *ops)
{
	char title[80];

	feed("x"); /* any key closes the help */
	app_key(f->app, '?');
	snprintf(title, sizeof title, "Keys: %s", ops->name);
	assert_shown(title);
	for (const struct keydef *k = ops->keys; k->key; k++) {
		char want[40];

		snprintf(want, sizeof want, "%.30s", k->help);
		assert_shown(want);
	}
	assert_shown("Any key closes this help.");
	render(f);
	assert_not_shown(title);
}

static void test_help_home_80x24(void **state)
{
	struct fx *f = *state;

	term_size(f, 24, 80);
	check_help(f, &screen_home_ops);
}

static void test_help_assess_100x30(void **state)
{
	struct fx *f = *state;

	term_size(f, 30, 100);
	open_first_team(f);
	check_help(f, &screen_assess_ops);
}

static void test_help_assess_80x24(void **state)
{
	struct fx *f = *state;

	term_size(f, 24, 80);
	open_first_team(f);
	check_help(f, &screen_assess_ops);
}

/* ======================================================================== */
/* The other screens: open, draw at each size, back                         */
/* ======================================================================== */

static void check_other_screen(struct fx *f, int k, const struct screen_ops *ops)
{
	static const int sizes[][2] = { { 24, 80 }, { 30, 100 }, { 50, 160 } };

	term_size(f, 24, 80);
	key(f, k);
	assert_true(app_top(f->app)->ops == ops);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		term_size(f, sizes[i][0], sizes[i][1]);
		assert_row_has(0, ops->name);
		assert_row_has(sizes[i][0] - 1, "? help");
		assert_team_listed(f->teams[0].name);
	}
	term_size(f, 20, 60);
	assert_shown("too small");
	term_size(f, 24, 80);
	key(f, 'q');
	assert_true(app_top(f->app)->ops == &screen_home_ops);
	assert_shown("Teams (6)");
}

static void test_review_screen(void **state)
{
	check_other_screen(*state, 'r', &screen_review_ops);
}

static void test_org_screen(void **state)
{
	check_other_screen(*state, 'o', &screen_org_ops);
}

/* ======================================================================== */
/* The same list keys everywhere (issue 15 item 4)                          */
/* ======================================================================== */

static struct assess *top_assess(struct fx *f)
{
	assert_true(app_top(f->app)->ops == &screen_assess_ops);
	return app_top(f->app)->data;
}

/* The assessment's criteria: End and G the last, Home the first, PgDn and
 * PgUp a page, each shown on the screen; Esc goes back home and F1 opens
 * the help. */
static void test_assess_list_keys(void **state)
{
	struct fx *f = *state;
	struct assess *as;
	size_t n, last;

	term_size(f, 24, 80);
	open_first_team(f);
	as = top_assess(f);
	n = as->norder;
	assert_true(n > 4);
	last = crit_in_order(f->m, 0, n - 1);
	assert_int_equal(crit_row(f->m, last, 0), -1); /* below the window */
	key(f, KEY_END);
	assert_int_equal(as->sel, n - 1);
	assert_true(crit_row(f->m, last, 0) > 0);
	assert_int_equal(crit_row(f->m, crit_in_order(f->m, 0, 0), 0), -1);
	key(f, KEY_HOME);
	assert_int_equal(as->sel, 0);
	assert_true(crit_row(f->m, crit_in_order(f->m, 0, 0), 0) > 0);
	key(f, KEY_NPAGE);
	assert_true(as->sel > 1);
	assert_true(crit_row(f->m, crit_in_order(f->m, 0, as->sel), 0) > 0);
	key(f, KEY_PPAGE);
	assert_int_equal(as->sel, 0);
	key(f, 'G');
	assert_int_equal(as->sel, n - 1);
	assert_int_equal(as->dim, 0); /* End stays in the dimension */
	feed("q");
	app_key(f->app, KEY_F(1));
	assert_shown("Keys: Assessment");
	render(f);
	key(f, KEY_ESC);
	assert_true(app_top(f->app)->ops == &screen_home_ops);
	key(f, KEY_ESC); /* Esc never quits: only q does, on home */
	assert_false(f->app->quit);
	assert_true(app_top(f->app)->ops == &screen_home_ops);
}

/* The selected row of a list: the one of rows y0..y0+n-1 drawn like the
 * selection (attribute at column x equal to sel). */
static int selected_row(int y0, int n, int x, attr_t sel)
{
	int found = -1;

	for (int y = y0; y < y0 + n; y++)
		if (attr_at(y, x) == sel) {
			assert_int_equal(found, -1);
			found = y;
		}
	return found;
}

/* The review's roadmap (34 items in 6 rows at 80x24): End shows the last
 * (j then changes nothing), Home the first, PgDn moves a page. */
static void test_review_list_keys(void **state)
{
	struct fx *f = *state;
	char first[LINE_BYTES], second[LINE_BYTES], last_screen[LINE_BYTES];
	attr_t sel;
	int y0, rows, ysel;

	term_size(f, 24, 80);
	key(f, 'r');
	y0 = find_row("Action ") + 1;
	assert_true(y0 > 0);
	for (rows = 0; y0 + rows < 23 && strchr(row(y0 + rows), '-'); rows++)
		;
	assert_true(rows >= 3);
	sel = attr_at(y0, 2);
	assert_true(attr_at(y0 + 1, 2) != sel);
	snprintf(first, sizeof first, "%s", row(y0));
	snprintf(second, sizeof second, "%s", row(y0 + 1));
	key(f, KEY_END);
	assert_int_equal(selected_row(y0, rows, 2, sel), y0 + rows - 1);
	assert_string_not_equal(row(y0), first);
	snprintf(last_screen, sizeof last_screen, "%s", row(y0 + rows - 1));
	key(f, 'j');
	assert_string_equal(row(y0 + rows - 1), last_screen);
	key(f, KEY_HOME);
	assert_string_equal(row(y0), first);
	assert_int_equal(selected_row(y0, rows, 2, sel), y0);
	key(f, KEY_NPAGE); /* a page down: the list scrolls by one row */
	ysel = selected_row(y0, rows, 2, sel);
	assert_int_equal(ysel, y0 + rows - 1);
	assert_string_equal(row(y0), second);
	key(f, KEY_PPAGE);
	assert_int_equal(selected_row(y0, rows, 2, sel), y0);
	assert_string_equal(row(y0), first);
	key(f, KEY_ESC);
	assert_true(app_top(f->app)->ops == &screen_home_ops);
}

/* The organisation view: End and G select the last team, Home the first,
 * PgDn (a page is more than the teams) the last. */
static void test_org_list_keys(void **state)
{
	struct fx *f = *state;
	attr_t sel;
	int y0, n = (int)f->nteams;

	term_size(f, 24, 80);
	key(f, 'o');
	y0 = find_row(" Team ") + 1;
	assert_true(y0 > 0);
	sel = attr_at(y0, 2);
	assert_true(attr_at(y0 + 1, 2) != sel);
	key(f, KEY_END);
	assert_int_equal(selected_row(y0, n, 2, sel), y0 + n - 1);
	key(f, KEY_HOME);
	assert_int_equal(selected_row(y0, n, 2, sel), y0);
	key(f, 'G');
	assert_int_equal(selected_row(y0, n, 2, sel), y0 + n - 1);
	key(f, KEY_PPAGE);
	assert_int_equal(selected_row(y0, n, 2, sel), y0);
	key(f, KEY_NPAGE);
	assert_int_equal(selected_row(y0, n, 2, sel), y0 + n - 1);
	key(f, KEY_ESC);
	assert_true(app_top(f->app)->ops == &screen_home_ops);
}

/* The review's change list: Tab gives it the list keys, which move its
 * selection; the list scrolls with it and says how many lines are above
 * and below: End shows its end (nothing more below), Home its start,
 * PgDn a page on; Tab again moves the roadmap. */
static void test_review_change_list_keys(void **state)
{
	struct fx *f = *state;
	int y;

	term_size(f, 40, 120);
	/* the first team with two periods whose changes overflow the pane */
	for (size_t t = 0; t < f->nteams; t++) {
		key(f, 'r');
		key(f, '\t');
		if (find_row("Answers that changed") >= 0 && find_row("more j k, i") >= 0)
			break;
		key(f, 'q');
		key(f, 'j');
	}
	y = find_row("Answers that changed");
	if (y < 0 || find_row("more j k, i") < 0) {
		dump_screen();
		fail_msg("no change list longer than its pane");
	}
	assert_row_has(y, "Answers that changed (");
	assert_int_equal(find_row(" above"), -1);
	key(f, KEY_END);
	assert_true(find_row(" above j k, i") >= 0);
	assert_int_equal(find_row("more j k, i"), -1);
	key(f, KEY_HOME);
	assert_int_equal(find_row(" above"), -1);
	assert_true(find_row("more j k, i") > y);
	key(f, KEY_NPAGE);
	assert_true(find_row(" above, +") >= 0 || find_row(" above j k, i") >= 0);
	key(f, KEY_PPAGE);
	assert_int_equal(find_row(" above"), -1);
	key(f, '\t'); /* back to the roadmap, shown again on narrow terminals */
	assert_shown("Roadmap (");
}

/* The status line at 80x24 keeps the keys that matter most. */
static void test_status_keys_80x24(void **state)
{
	struct fx *f = *state;

	term_size(f, 24, 80);
	assert_row_has(23, "q quit");
	open_first_team(f);
	assert_row_has(23, "Tab next dimension");
	assert_row_has(23, "q/Esc back");
	assert_row_has(23, "y yes");
	key(f, 'q');
	key(f, 'r');
	assert_row_has(23, "q/Esc back");
	key(f, 'q');
	key(f, 'o');
	assert_row_has(23, "q/Esc back");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_demo, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_home_80x24),
		T(test_home_100x30),
		T(test_home_160x50),
		T(test_home_pane_switch_80x24),
		T(test_home_selection),
		cmocka_unit_test_setup_teardown(test_home_scrolls_80x24, fx_demo14, fx_teardown),
		cmocka_unit_test_setup_teardown(test_home_utf8_names, fx_demo14, fx_teardown),
		cmocka_unit_test_setup_teardown(test_home_empty_welcome, fx_empty, fx_teardown),
		T(test_assess_80x24),
		T(test_assess_100x30),
		T(test_assess_160x50),
		T(test_assess_move_dimensions),
		T(test_assess_answers),
		T(test_assess_select_criterion),
		T(test_assess_selection_visible_80x24),
		T(test_progress_every_dimension),
		T(test_assess_panes_follow_160x50),
		T(test_assess_target),
		T(test_assess_q_returns_home),
		T(test_assess_other_process),
		T(test_assess_advance_na_info_undo),
		T(test_assess_past_and_signed_off),
		T(test_home_other_process),
		T(test_too_small),
		cmocka_unit_test_setup_teardown(test_readonly, fx_readonly, fx_teardown),
		T(test_colour_160x50),
		T(test_bold_that_fades),
		T(test_mono_heatmap_cells),
		T(test_notes_prompt),
		T(test_notes_prompt_frame),
		T(test_override_reason),
		T(test_form_refuses_bad_fields),
		T(test_form_creates),
		T(test_help_home_80x24),
		T(test_help_assess_100x30),
		T(test_help_assess_80x24),
		T(test_review_screen),
		T(test_org_screen),
		T(test_assess_list_keys),
		T(test_review_list_keys),
		T(test_review_change_list_keys),
		T(test_org_list_keys),
		T(test_status_keys_80x24),
	};
#undef T

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
