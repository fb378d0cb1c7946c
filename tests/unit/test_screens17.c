/* Screen tests of what issue 17 adds to the dashboard, on a model with
 * groups, weights, refs and prerequisites (tests/fixtures/models/
 * good-links.yaml): group scores in the assessment header, the progress
 * pane and the organisation view's group row; blocked roadmap items with
 * what blocks them in the roadmap pane and the review's table; a
 * criterion's prerequisites under it and in its whole text (i). Each at
 * 80x24 and 120x40.
 *
 * The data: one team, Alpha (group Build) answered alpha-one partly
 * (weight 2), alpha-two no, target 3; Beta (group Run) beta-one yes,
 * beta-two partly. Alpha scores 1.50, Beta 2.50; alpha-two requires
 * alpha-one (not met) and beta-one (met), so its roadmap item is blocked
 * by alpha-one. */
#include "screentest.h"

#define TEST_TIMEOUT 120

struct fx {
	char *dir;
	char path[4200];
	struct model *m;
	struct store *st;
	struct app *app;
	int64_t id;
};

static int group_setup(void **state)
{
	(void)state;
	return screentest_setup("test_screens17");
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

static void term_size(struct fx *f, int lines, int cols)
{
	resizeterm(lines, cols);
	flushinp();
	key(f, KEY_RESIZE);
}

static size_t crit(const struct model *m, const char *id)
{
	long c = model_find_criterion(m, id);

	assert_true(c >= 0);
	return (size_t)c;
}

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[1200] = "", model[4200];
	struct assessment *a = NULL;
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
	f->id = store_assessment_begin(f->st, "Team Links", per("2026-Q2"), "tester", f->m, &created);
	assert_true(f->id > 0);
	assert_int_equal(store_assessment_load(f->st, f->id, &a), 1);
	assert_true(store_set_answer(f->st, a, crit(a->model, "alpha-one"), ANS_PARTLY));
	assert_true(store_set_answer(f->st, a, crit(a->model, "alpha-two"), ANS_NO));
	assert_true(store_set_answer(f->st, a, crit(a->model, "beta-one"), ANS_YES));
	assert_true(store_set_answer(f->st, a, crit(a->model, "beta-two"), ANS_PARTLY));
	assert_true(store_set_target(f->st, a, (size_t)model_find_dimension(a->model, "alpha"), 3));
	assessment_free(a);
	f->app = app_new(f->st, f->m, f->path);
	f->app->advance = false;
	f->app->help = dialog_help;
	screen_home_open(f->app);
	ui_setup(theme, false, false);
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	if (!f)
		return 0;
	app_free(f->app);
	store_close(f->st);
	model_free(f->m);
	tu_tmpdir_remove(f->dir);
	free(f);
	drain_keys();
	alarm(0);
	return 0;
}

/* Answers criterion id in the database, as another dashboard would, and
 * lets the app catch up. */
static void answer_elsewhere(struct fx *f, const char *id, enum answer v)
{
	char err[1200] = "";
	struct store *other = store_open(f->path, 0, err, sizeof err);
	struct assessment *a = NULL;

	if (!other)
		fail_msg("store_open: %s", err);
	assert_int_equal(store_assessment_load(other, f->id, &a), 1);
	assert_true(store_set_answer(other, a, crit(a->model, id), v));
	assessment_free(a);
	store_close(other);
	assert_true(app_poll(f->app));
	render(f);
}

/* The header names the dimension's group and its score; Tab moves to a
 * dimension of the other group. */
static void check_assess_header(struct fx *f, int lines, int cols)
{
	term_size(f, lines, cols);
	key(f, '\r');
	assert_shown("dimension 1 of 2  group Build 1.50");
	key(f, '\t');
	assert_shown("dimension 2 of 2  group Run 2.50");
}

static void test_assess_header_80x24(void **state) { check_assess_header(*state, 24, 80); }
static void test_assess_header_120x40(void **state) { check_assess_header(*state, 40, 120); }

/* The selected criterion's prerequisites under it, met or not; a yes to
 * the missing one meets it. */
static void check_prereqs(struct fx *f, int lines, int cols)
{
	term_size(f, lines, cols);
	key(f, '\r');
	assert_not_shown("Requires");
	key(f, 'j');
	assert_shown("Requires  alpha-one partly (not met), beta-one");
	assert_shown("yes (met)");
	key(f, 'k');
	key(f, 'y');
	key(f, 'j');
	assert_shown("Requires  alpha-one yes (met), beta-one");
	assert_not_shown("not met");
}

static void test_prereqs_80x24(void **state) { check_prereqs(*state, 24, 80); }
static void test_prereqs_120x40(void **state) { check_prereqs(*state, 40, 120); }

/* i: guidance and references of alpha-one; the prerequisites of
 * alpha-two with their answers. */
static void test_info(void **state)
{
	struct fx *f = *state;

	term_size(f, 40, 120);
	key(f, '\r');
	feed("q");
	app_key(f->app, 'i');
	assert_shown("Guidance: Ask to see the tracker.");
	assert_shown("References: EU AI Act Art. 12; ISO/IEC 42001:2023 A.6");
	render(f);
	key(f, 'j');
	feed("q");
	app_key(f->app, 'i');
	assert_shown("Requires:");
	assert_shown("alpha-one: partly, not met (First thing.)");
	assert_shown("beta-one: yes, met (Beta thing.)");
	render(f);
}

/* A row above the dimensions' names with each group's mean. */
static void check_org(struct fx *f, int lines, int cols)
{
	int y;

	term_size(f, lines, cols);
	key(f, 'o');
	y = find_row("Group mean");
	if (y < 0) {
		dump_screen();
		fail_msg("no group row");
	}
	assert_row_has(y, "Build 1.50");
	assert_row_has(y, "Run 2.50");
	assert_row_has(y + 1, "Alpha");
	assert_row_has(y + 1, "Beta");
	assert_true(strstr(row(y), "Build") < strstr(row(y), "Run"));
}

static void test_org_80x24(void **state) { check_org(*state, 24, 80); }
static void test_org_120x40(void **state) { check_org(*state, 40, 120); }

/* Home's panes: a line per group above its dimensions, and the blocked
 * roadmap item with its blocker, gone once the blocker is a yes. */
static void test_home_120x40(void **state)
{
	struct fx *f = *state;
	int y;

	term_size(f, 40, 120);
	y = find_row("Group Build");
	if (y < 0) {
		dump_screen();
		fail_msg("no group line");
	}
	assert_row_has(y, "1.50");
	assert_row_has(y + 1, "Alpha");
	assert_row_has(y + 2, "Group Run");
	assert_row_has(y + 2, "2.50");
	assert_row_has(y + 3, "Beta");
	y = find_row("blocked alpha");
	if (y < 0) {
		dump_screen();
		fail_msg("no blocked item");
	}
	assert_row_has(y, "Second thing.");
	assert_row_has(y, "after alpha-one");
	answer_elsewhere(f, "alpha-one", ANS_YES);
	assert_not_shown("blocked");
	assert_not_shown("after alpha-one");
	assert_shown("Second thing.");
}

static void test_home_80x24(void **state)
{
	struct fx *f = *state;

	term_size(f, 24, 80);
	assert_shown("Group Build");
	assert_shown("Group Run");
	key(f, 'P');
	key(f, 'P');
	assert_shown("Roadmap (");
	assert_shown("after alpha-one");
	assert_true(find_row("blocked alpha") >= 0);
}

/* The review's table: a ! before a blocked item's action (its status
 * kept), and the selected item's blockers on the table's bottom line. */
static void check_review(struct fx *f, int lines, int cols)
{
	int y;

	term_size(f, lines, cols);
	key(f, 'r');
	y = find_row("alpha-two");
	if (y < 0) {
		dump_screen();
		fail_msg("no alpha-two in the table");
	}
	assert_row_has(y, "! alpha-two");
	assert_row_has(y, "planned");
	assert_shown("d due; ! blocked)");
	assert_not_shown("blocked by");
	key(f, 'j');
	assert_shown("blocked by alpha-one");
	answer_elsewhere(f, "alpha-one", ANS_YES);
	assert_not_shown("blocked");
	assert_not_shown("! alpha-two");
}

static void test_review_80x24(void **state) { check_review(*state, 24, 80); }
static void test_review_120x40(void **state) { check_review(*state, 40, 120); }

/* The review's change pane: a line per group, both periods' group scores,
 * above its dimensions. A second period (carried from the first) meets
 * beta-two: Run goes from 2.50 to 3.00, Build stays 1.50. */
static void check_review_groups(struct fx *f, int lines, int cols)
{
	struct assessment *a = NULL;
	bool created = false;
	int64_t id = store_assessment_begin(f->st, "Team Links", per("2026-Q3"), "tester", f->m,
					    &created);
	int y;

	assert_true(id > 0 && created);
	assert_int_equal(store_assessment_load(f->st, id, &a), 1);
	assert_true(store_set_answer(f->st, a, crit(a->model, "beta-two"), ANS_YES));
	assessment_free(a);
	term_size(f, lines, cols);
	key(f, 'r');
	if (cols < 120)
		key(f, 'P');
	y = find_row("Group Build");
	if (y < 0) {
		dump_screen();
		fail_msg("no group line in the change pane");
	}
	assert_row_has(y, "1.50   1.50");
	assert_row_has(y + 1, "Alpha");
	assert_row_has(y + 2, "Group Run");
	assert_row_has(y + 2, "2.50   3.00");
	assert_row_has(y + 3, "Beta");
}

static void test_review_groups_80x24(void **state) { check_review_groups(*state, 24, 80); }
static void test_review_groups_120x40(void **state) { check_review_groups(*state, 40, 120); }

/* On a past assessment's screen the roadmap pane takes what blocks an item
 * from the team's latest assessment: alpha-one met in 2026-Q3 unblocks
 * alpha-two even on the screen of 2026-Q2, where it is partly. */
static void test_past_assessment_blockers(void **state)
{
	struct fx *f = *state;
	struct assessment *a = NULL;
	bool created = false;
	int64_t id = store_assessment_begin(f->st, "Team Links", per("2026-Q3"), "tester", f->m,
					    &created);

	assert_true(id > 0 && created);
	assert_int_equal(store_assessment_load(f->st, id, &a), 1);
	assert_true(store_set_answer(f->st, a, crit(a->model, "alpha-one"), ANS_YES));
	assessment_free(a);
	term_size(f, 40, 120);
	screen_assess_open(f->app, f->id);
	render(f);
	assert_shown("2026-Q2  dimension 1 of 2");
	assert_shown("Roadmap (");
	assert_not_shown("blocked");
	assert_not_shown("after alpha-one");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_assess_header_80x24),
		T(test_assess_header_120x40),
		T(test_prereqs_80x24),
		T(test_prereqs_120x40),
		T(test_info),
		T(test_org_80x24),
		T(test_org_120x40),
		T(test_home_120x40),
		T(test_home_80x24),
		T(test_review_80x24),
		T(test_review_120x40),
		T(test_review_groups_80x24),
		T(test_review_groups_120x40),
		T(test_past_assessment_blockers),
	};
#undef T

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
