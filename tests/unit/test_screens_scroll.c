/* Screen tests of issue 15 item 1 (nothing out of reach), without a
 * terminal: on demo data of a model of 64 dimensions (written here) the
 * panes, the heatmaps and the organisation grid reach their last dimension
 * and period with their keys and say how much is hidden, at 80x24 and
 * 160x45; on the default model the review's change list shows at 80x24
 * (P), its selection reaches the last changed answer and i shows it, and
 * i shows the last roadmap item. The key help scrolls when the keys do not
 * fit. */
#include "screentest.h"

#include "demo.h"
#include "strbuf.h"

#define TEST_TIMEOUT 120
#define NDIMS 64

struct fx {
	char *dir;
	char path[4200];
	struct model *m;
	struct store *st;
	struct app *app;
};

static int group_setup(void **state)
{
	(void)state;
	return screentest_setup("test_screens_scroll");
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
	app_render(f->app);
}

static void term_size(struct fx *f, int lines, int cols)
{
	resizeterm(lines, cols);
	flushinp();
	key(f, KEY_RESIZE);
}

/* A valid model of ndims dimensions of four criteria each. */
static char *wide_model(int ndims)
{
	struct strbuf b;

	sb_init(&b);
	sb_printf(&b, "id: wide\nname: Wide\nversion: \"1\"\nlevels:\n");
	for (int l = 1; l <= 5; l++)
		sb_printf(&b, "  - level: %d\n    name: L%d\n", l, l);
	sb_printf(&b, "dimensions:\n");
	for (int d = 1; d <= ndims; d++) {
		sb_printf(&b, "  - id: dim-%02d\n    name: Dim %02d\n    criteria:\n", d, d);
		for (int c = 1; c <= 4; c++)
			sb_printf(&b, "      - id: d%02d-c%d\n        level: %d\n        text: \"Criterion %d of %d.\"\n",
				  d, c, c + 1, c, d);
	}
	return b.s;
}

static struct fx *fx_new(struct model *m)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[1200] = "";
	struct demo_params p = { 4, 12, 7, 0, false };

	alarm(TEST_TIMEOUT);
	f->dir = tu_tmpdir();
	f->m = m;
	snprintf(f->path, sizeof f->path, "%s/mlmat.db", f->dir);
	f->st = store_open(f->path, STORE_CREATE, err, sizeof err);
	if (!f->st)
		fail_msg("store_open: %s", err);
	p.last_period = period_current();
	if (!demo_fill(f->st, f->m, &p))
		fail_msg("demo_fill: %s", store_error(f->st));
	f->app = app_new(f->st, f->m, f->path);
	f->app->help = dialog_help;
	screen_home_open(f->app);
	ui_setup(theme, false, false);
	return f;
}

static int fx_wide(void **state)
{
	char err[1200] = "", path[4200], *dir = tu_tmpdir(), *yaml = wide_model(NDIMS);
	struct model *m;

	snprintf(path, sizeof path, "%s/wide.yaml", dir);
	tu_write_file(path, yaml);
	free(yaml);
	m = model_load_file(path, err, sizeof err);
	tu_tmpdir_remove(dir);
	if (!m)
		fail_msg("wide model: %s", err);
	*state = fx_new(m);
	return 0;
}

static int fx_default(void **state)
{
	char err[1200] = "";
	struct model *m = model_load_builtin(err, sizeof err);

	if (!m)
		fail_msg("built-in model: %s", err);
	*state = fx_new(m);
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

/* Presses k until text shows, at most n times; fails otherwise. */
static void press_until(struct fx *f, int k, const char *text, int n)
{
	for (int i = 0; i < n && find_row(text) < 0; i++)
		key(f, k);
	assert_shown(text);
}

/* Home's panes: } reaches the last dimension, and the marks say what is
 * above and below. */
static void check_home_panes(struct fx *f, int lines, int cols)
{
	term_size(f, lines, cols);
	assert_shown("Dim 01");
	assert_shown(" more { } ");
	assert_not_shown("Dim 64");
	press_until(f, '}', "Dim 64", NDIMS);
	assert_shown(" above { } ");
	press_until(f, '{', "Dim 01", NDIMS);
	assert_not_shown(" above");
}

static void test_home_panes_80x24(void **state)
{
	check_home_panes(*state, 24, 80);
}

static void test_home_panes_160x45(void **state)
{
	check_home_panes(*state, 45, 160);
}

/* The organisation grid: L reaches the last dimension column, H the first,
 * the team column kept. */
static void check_org_columns(struct fx *f, int lines, int cols)
{
	char last[64];

	term_size(f, lines, cols);
	key(f, 'o');
	assert_shown("dimensions 1-");
	snprintf(last, sizeof last, "-%d of %d (H L)", NDIMS, NDIMS);
	press_until(f, 'L', last, NDIMS);
	assert_shown(" Team ");
	press_until(f, 'H', "dimensions 1-", NDIMS);
	key(f, 'q');
}

static void test_org_columns_80x24(void **state)
{
	check_org_columns(*state, 24, 80);
}

static void test_org_columns_160x45(void **state)
{
	check_org_columns(*state, 45, 160);
}

/* The review's heatmap: } reaches the last dimension, H the first period. */
static void test_review_heatmap_160x45(void **state)
{
	struct fx *f = *state;

	term_size(f, 45, 160);
	key(f, 'r');
	assert_shown(" more { } ");
	press_until(f, '}', " above { } ", NDIMS);
	assert_shown("periods ");
	press_until(f, 'H', "periods 1-", 8);
	key(f, 'q');
}

/* 80x24, default model: P shows the change list under the scores; G
 * selects the last changed answer, which brings the list's end, and i
 * shows it whole (read back from the dialog's last frame, which stays on
 * curscr until the screen redraws); Tab, G and i the last roadmap item. */
static void test_review_change_80x24(void **state)
{
	struct fx *f = *state;

	term_size(f, 24, 80);
	key(f, 'r');
	key(f, 'P');
	assert_shown("Answers that changed (");
	assert_shown("->");
	assert_shown("more j k, i");
	key(f, 'G');
	assert_not_shown("more j k, i");
	assert_shown(" above j k, i ");
	feed("q");
	app_key(f->app, 'i');
	assert_shown("Changed from ");
	assert_shown("Comment:");
	app_render(f->app);
	assert_not_shown("Changed from ");
	key(f, '\t');
	key(f, 'G');
	feed("q");
	app_key(f->app, 'i');
	assert_shown("Roadmap item ");
	assert_shown("Blocked by:");
	app_render(f->app);
	key(f, 'q');
}

static void k_none(struct app *app, struct screen *s)
{
	(void)app;
	(void)s;
}

/* ? on a screen with more keys than two columns of the terminal hold: the
 * keys in a text that scrolls, its last ones reached with G. */
static void test_help_scrolls(void **state)
{
	struct fx *f = *state;
	static char labels[50][16], helps[50][32];
	static struct keydef keys[51];
	struct screen_ops ops = { .name = "Many keys", .keys = keys };

	for (int i = 0; i < 50; i++) {
		snprintf(labels[i], sizeof labels[i], "K%d", i + 1);
		snprintf(helps[i], sizeof helps[i], "key number %d", i + 1);
		keys[i] = (struct keydef){ 0x100 + i, 0, labels[i], helps[i], k_none, false };
	}
	term_size(f, 24, 80);
	feed("Gq");
	dialog_help(f->app, &ops);
	assert_shown("Keys: Many keys");
	assert_shown("key number 50");
	assert_shown("redraw the screen");
	assert_not_shown("key number 1 ");
	app_render(f->app);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_home_panes_80x24, fx_wide, fx_teardown),
		cmocka_unit_test_setup_teardown(test_home_panes_160x45, fx_wide, fx_teardown),
		cmocka_unit_test_setup_teardown(test_org_columns_80x24, fx_wide, fx_teardown),
		cmocka_unit_test_setup_teardown(test_org_columns_160x45, fx_wide, fx_teardown),
		cmocka_unit_test_setup_teardown(test_review_heatmap_160x45, fx_wide, fx_teardown),
		cmocka_unit_test_setup_teardown(test_review_change_80x24, fx_default, fx_teardown),
		cmocka_unit_test_setup_teardown(test_help_scrolls, fx_default, fx_teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
