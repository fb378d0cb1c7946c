/* Screen tests of issue 19 (facilitation) on a real SQLite file, with
 * other dashboards played by child processes (each its own connection and
 * "HOST:PID"): the assessment's top line with who else is here and the
 * pace, the vote as a voter sees it (hidden, the vote key, no answer set),
 * and the spread once the opener is gone and this dashboard reveals it. */
#include "screentest.h"
#include "osutil.h"
#include "store_presence.h"
#include "store_vote.h"

#include <sys/wait.h>

#define TEST_TIMEOUT 120

struct fx {
	char *dir;
	char path[4200];
	struct model *m;
	struct store *st;
	struct app *app;
	int64_t id;
	pid_t other;
};

static int group_setup(void **state)
{
	(void)state;
	return screentest_setup("test_screens19");
}

static void render(struct fx *f)
{
	app_render(f->app);
}

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

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[1200] = "", model[4200];
	bool created = false;

	alarm(TEST_TIMEOUT);
	f->dir = tu_tmpdir();
	snprintf(f->path, sizeof f->path, "%s/mlmat.db", f->dir);
	snprintf(model, sizeof model, "%s/models/good-links.yaml", tu_fixtures());
	f->m = model_load_file(model, err, sizeof err);
	if (!f->m)
		fail_msg("good-links.yaml: %s", err);
	f->st = store_open(f->path, STORE_CREATE, err, sizeof err);
	if (!f->st)
		fail_msg("store_open: %s", err);
	f->id = store_assessment_begin(f->st, "Team Votes", per("2026-Q2"), "tester", f->m, &created);
	assert_true(f->id > 0);
	f->app = app_new(f->st, f->m, f->path);
	f->app->advance = false;
	f->app->help = dialog_help;
	f->app->session_minutes = 60;
	screen_home_open(f->app);
	ui_setup(theme, false, false);
	resizeterm(24, 80);
	flushinp();
	key(f, KEY_RESIZE);
	*state = f;
	return 0;
}

static void stop_other(struct fx *f)
{
	if (f->other > 0) {
		kill(f->other, SIGKILL);
		waitpid(f->other, NULL, 0);
		f->other = 0;
	}
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	if (!f)
		return 0;
	stop_other(f);
	app_free(f->app);
	store_close(f->st);
	model_free(f->m);
	tu_tmpdir_remove(f->dir);
	free(f);
	drain_keys();
	alarm(0);
	return 0;
}

/* Another dashboard on the assessment at its first criterion that opens a
 * vote on it (when vote) and stays until stop_other; returns once its
 * rows are written. */
static void start_other(struct fx *f, bool vote)
{
	int ready[2];
	char c;

	assert_int_equal(pipe(ready), 0);
	f->other = fork();
	assert_true(f->other >= 0);
	if (f->other == 0) {
		char err[1200];
		struct store *st = store_open(f->path, 0, err, sizeof err);
		struct assessment *a = NULL;
		bool ok = st && store_assessment_load(st, f->id, &a) == 1 &&
			  store_presence_put(st, f->id, a->model->crits[0].id, a->model->crits[0].id,
					     true) &&
			  (!vote || store_vote_open(st, a, 0) > 0);

		if (write(ready[1], ok ? "y" : "n", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	assert_int_equal(c, 'y');
	app_poll(f->app);
	render(f);
}

/* The top line: who else is here, the minutes of the session and the
 * dimensions left, ahead of an even pace at the start. */
static void test_top_line(void **state)
{
	struct fx *f = *state;
	char want[300];

	key(f, '\r');
	assert_shown("0/60m, 2 dims left, ahead,");
	assert_not_shown(" with ");
	start_other(f, false);
	snprintf(want, sizeof want, "with %s; 0/60m", os_user());
	assert_shown(want);
	stop_other(f);
	render(f);
	assert_not_shown(want);
}

/* A voter: the vote over the screen, hidden; y votes and sets no answer;
 * then, the opener gone, V reveals the spread here and n sets the answer. */
static void test_vote_as_voter(void **state)
{
	struct fx *f = *state;
	const struct model *m = f->m;
	char want[300];
	struct assessment *a = NULL;

	key(f, '\r');
	start_other(f, true);
	snprintf(want, sizeof want, "Vote: %s, round 1, opened by %s", m->crits[0].id, os_user());
	assert_shown(want);
	assert_shown("Your vote: y yes, p partly, n no, a n/a");
	key(f, 'y');
	assert_shown("Your vote: yes (y, p, n or a changes it)");
	assert_not_shown("yes    1");
	assert_int_equal(store_assessment_load(f->st, f->id, &a), 1);
	assert_int_equal(a->answers[0], ANS_UNKNOWN);
	assessment_free(a);
	stop_other(f);
	key(f, 'V');
	snprintf(want, sizeof want, "yes    1 ");
	assert_shown(want);
	assert_shown("y/p/n/a sets the answer and closes the vote");
	key(f, 'n');
	assert_not_shown("Vote: ");
	assert_int_equal(store_assessment_load(f->st, f->id, &a), 1);
	assert_int_equal(a->answers[0], ANS_NO);
	assessment_free(a);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_top_line),
		T(test_vote_as_voter),
	};
#undef T

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
