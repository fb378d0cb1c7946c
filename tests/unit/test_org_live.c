/* The organisation view while another dashboard writes (issue 20), as
 * tests/unit/test_screens.c runs screens: curses on /dev/null and a pipe,
 * the screen read back from curscr, a real SQLite database filled by
 * demo_fill. Another connection answers a criterion of the team lowest by
 * overall score (off screen, it stays there); app_refresh hands the view
 * that team alone; the frame after it draws the means row alone. What it
 * shows must be what a whole repaint (Ctrl-L) shows, and the means moved. */
#include "screentest.h"

#include "demo.h"
#include "period.h"
#include "app.h"

#include <fcntl.h>
#include <locale.h>
#include <signal.h>

#define LINES_AT 24
#define COLS_AT 120

struct fx {
	char *dir;
	char path[4200];
	struct model *m;
	struct store *st;
	struct app *app;
	struct team_summary *teams;
	size_t nteams;
	char *before[LINES_AT];
};

static int group_setup(void **state)
{
	(void)state;
	return screentest_setup("test_org_live");
}

static void render(struct fx *f)
{
	app_render(f->app);
}

static void key(struct fx *f, int k)
{
	app_key(f->app, k);
	render(f);
}

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[1200] = "";
	struct demo_params p = { 40, 3, 11, 0, false };

	alarm(120);
	*state = f;
	assert_true(period_parse("2026-Q2", &p.last_period));
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
	f->app = app_new(f->st, f->m, f->path);
	screen_home_open(f->app);
	ui_setup(theme, false, false);
	resizeterm(LINES_AT, COLS_AT);
	flushinp();
	key(f, KEY_RESIZE);
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	for (int y = 0; y < LINES_AT; y++)
		free(f->before[y]);
	app_free(f->app);
	store_team_list_free(f->teams, f->nteams);
	store_close(f->st);
	model_free(f->m);
	tu_tmpdir_remove(f->dir);
	free(f);
	drain_keys();
	alarm(0);
	return 0;
}

/* Team k's latest assessment answered through another connection, as a
 * second dashboard would: its first criterion yes, or no when it is yes. */
static void answer_elsewhere(struct fx *f, size_t k)
{
	char err[1024] = "";
	struct store *other = store_open(f->path, 0, err, sizeof err);
	struct assessment *a = NULL;
	bool ok;

	if (!other)
		fail_msg("store_open: %s", err);
	ok = store_assessment_load(other, f->teams[k].latest_id, &a) > 0 &&
	     store_set_answer(other, a, 0, a->answers[0] == ANS_YES ? ANS_NO : ANS_YES);
	if (!ok)
		snprintf(err, sizeof err, "%s", store_error(other));
	assessment_free(a);
	store_close(other);
	if (!ok)
		fail_msg("answering: %s", err);
}

static void keep_screen(struct fx *f)
{
	for (int y = 0; y < LINES_AT; y++) {
		free(f->before[y]);
		f->before[y] = strdup(row(y));
	}
}

static void test_means_alone(void **state)
{
	struct fx *f = *state;
	size_t low = 0;
	int mean;
	char *means;

	for (size_t i = 1; i < f->nteams; i++)
		if (f->teams[i].overall < f->teams[low].overall)
			low = i;
	key(f, 'o');
	assert_true(app_top(f->app)->ops == &screen_org_ops);
	mean = find_row("Mean");
	assert_true(mean > 0);
	means = strdup(row(mean));
	assert_true(find_row(f->teams[low].name) < 0);
	answer_elsewhere(f, low);
	assert_true(app_refresh(f->app));
	render(f);
	keep_screen(f);
	assert_true(find_row(f->teams[low].name) < 0);
	if (!strcmp(f->before[mean], means))
		fail_msg("the means row did not move: %s", means);
	free(means);
	/* A whole repaint draws the same. */
	key(f, KEY_CTRL('l'));
	for (int y = 1; y < LINES_AT - 1; y++)
		if (strcmp(row(y), f->before[y])) {
			dump_screen();
			fail_msg("row %d after the change: %s\nrepainted: %s", y, f->before[y], row(y));
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_means_alone, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
