/* The checks of values read from the database (src/store_value.c): each
 * helper on values another tool could have written (out of range, INT_MIN,
 * text where a number belongs, NULL), then on a real database file edited
 * behind the store's back through a second connection: loading the
 * assessment, listing teams, walking the organisation and the export give
 * an error naming the assessment, never the value. */
#include "testutil.h"

#include "export.h"
#include "model.h"
#include "period.h"
#include "store.h"
#include "store_int.h"

#include <sqlite3.h>

/* Levels 1 to 5; dimension da: a2 (L2) a3 (L3); db: b2 (L2). */
static const char model_yaml[] =
	"id: t\nname: Test model\nversion: \"1\"\n"
	"levels:\n"
	"  - level: 1\n    name: One\n"
	"  - level: 2\n    name: Two\n"
	"  - level: 3\n    name: Three\n"
	"  - level: 4\n    name: Four\n"
	"  - level: 5\n    name: Five\n"
	"dimensions:\n"
	"  - id: da\n    name: Dim da\n    criteria:\n"
	"      - id: a2\n        level: 2\n        text: Criterion a2\n"
	"      - id: a3\n        level: 3\n        text: Criterion a3\n"
	"  - id: db\n    name: Dim db\n    criteria:\n"
	"      - id: b2\n        level: 2\n        text: Criterion b2\n";

static struct model *load_model(void)
{
	char err[512];
	struct model *m = model_load_buffer(model_yaml, sizeof model_yaml - 1, "t.yaml", err,
					    sizeof err);

	if (!m)
		fail_msg("model: %s", err);
	return m;
}

/* One row of values, as SQLite would hand them back from a column. */
static sqlite3_stmt *row(sqlite3 *db, const char *select)
{
	sqlite3_stmt *s;

	assert_int_equal(sqlite3_prepare_v2(db, select, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	return s;
}

static void test_level(void **state)
{
	struct model *m = load_model();
	sqlite3 *db;
	sqlite3_stmt *s;
	char why[STORE_WHY];
	int v;

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	s = row(db, "SELECT 3, NULL, 12, -5, -2147483648, 'high', 2.5, 1, 5, 0, 9223372036854775807");
	assert_true(store_column_level(s, 0, m, "target", true, &v, why));
	assert_int_equal(v, 3);
	assert_true(store_column_level(s, 1, m, "target", true, &v, why));
	assert_int_equal(v, NO_LEVEL);
	assert_false(store_column_level(s, 1, m, "level", false, &v, why));
	assert_non_null(strstr(why, "level is missing"));
	assert_false(store_column_level(s, 2, m, "override level", true, &v, why));
	assert_string_equal(why, "override level 12 is outside the model's levels 1-5");
	assert_int_equal(v, NO_LEVEL);
	assert_false(store_column_level(s, 3, m, "target", true, &v, why));
	assert_string_equal(why, "target -5 is outside the model's levels 1-5");
	assert_false(store_column_level(s, 4, m, "target", true, &v, why));
	assert_non_null(strstr(why, "-2147483648"));
	assert_false(store_column_level(s, 5, m, "target", true, &v, why));
	assert_non_null(strstr(why, "'high' is not a level"));
	assert_false(store_column_level(s, 6, m, "target", true, &v, why));
	assert_true(store_column_level(s, 7, m, "target", true, &v, why));
	assert_int_equal(v, 1);
	assert_true(store_column_level(s, 8, m, "target", true, &v, why));
	assert_int_equal(v, 5);
	assert_false(store_column_level(s, 9, m, "target", true, &v, why));
	/* Not truncated to an int that happens to be in range. */
	assert_false(store_column_level(s, 10, m, "target", true, &v, why));
	sqlite3_finalize(s);
	sqlite3_close(db);
	model_free(m);
}

static void test_real_answer_period_text(void **state)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	char why[STORE_WHY];
	double x;
	enum answer a;
	int p;
	const char *t;

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	s = row(db, "SELECT 2.25, 12, NULL, 'x', 3, 7, 0, -2147483648, '2026-Q2', '2026-Q9', "
		"'2026-q2', 2026, 'Team', 1.0");
	assert_true(store_column_real(s, 0, 1, 5, "score", &x, why));
	assert_true(x == 2.25);
	assert_false(store_column_real(s, 1, 1, 5, "score", &x, why));
	assert_string_equal(why, "score 12.00 is outside 1.00-5.00");
	assert_false(store_column_real(s, 2, 1, 5, "score", &x, why));
	assert_false(store_column_real(s, 3, 1, 5, "score", &x, why));
	assert_true(store_column_real(s, 13, 0, 1, "coverage", &x, why));

	assert_true(store_column_answer(s, 2, &a, why));
	assert_int_equal(a, ANS_UNKNOWN);
	assert_true(store_column_answer(s, 4, &a, why));
	assert_int_equal(a, ANS_YES);
	assert_false(store_column_answer(s, 5, &a, why));
	assert_non_null(strstr(why, "answer code 7 is not one of"));
	assert_false(store_column_answer(s, 6, &a, why));
	assert_false(store_column_answer(s, 7, &a, why));
	assert_false(store_column_answer(s, 3, &a, why));

	assert_true(store_column_period_ok(s, 8, "period", false, &p, why));
	assert_int_equal(p, 2026 * 4 + 1);
	assert_false(store_column_period_ok(s, 9, "period", false, &p, why));
	assert_string_equal(why, "period '2026-Q9' is not a quarter (YYYY-Qn)");
	assert_int_equal(p, NO_PERIOD);
	assert_false(store_column_period_ok(s, 10, "period", false, &p, why));
	assert_false(store_column_period_ok(s, 11, "period", false, &p, why));
	assert_true(store_column_period_ok(s, 2, "due period", true, &p, why));
	assert_int_equal(p, NO_PERIOD);
	assert_false(store_column_period_ok(s, 2, "period", false, &p, why));
	assert_string_equal(why, "period is missing (NULL)");

	assert_true(store_column_text(s, 12, "the team name", false, &t, why));
	assert_string_equal(t, "Team");
	assert_true(store_column_text(s, 2, "notes", true, &t, why));
	assert_null(t);
	assert_false(store_column_text(s, 2, "the team name", false, &t, why));
	assert_string_equal(why, "the team name is missing (NULL)");
	sqlite3_finalize(s);
	sqlite3_close(db);
}

struct fx {
	char *dir;
	char path[4200];
	struct model *m;
	struct store *st;
	sqlite3 *other;
	int64_t id;
};

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[1200];
	bool created;
	int p;

	f->dir = tu_tmpdir();
	snprintf(f->path, sizeof f->path, "%s/v.db", f->dir);
	f->m = load_model();
	f->st = store_open(f->path, STORE_CREATE, err, sizeof err);
	if (!f->st)
		fail_msg("store_open: %s", err);
	period_parse("2026-Q2", &p);
	f->id = store_assessment_begin(f->st, "Payments ML", p, "alice", f->m, &created);
	assert_true(f->id > 0);
	assert_int_equal(sqlite3_open(f->path, &f->other), SQLITE_OK);
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	sqlite3_close(f->other);
	store_close(f->st);
	model_free(f->m);
	tu_tmpdir_remove(f->dir);
	free(f);
	return 0;
}

static void edit(struct fx *f, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(f->other, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

static void expect_load_error(struct fx *f, const char *what)
{
	struct assessment *a = (void *)1;
	char want[300];

	assert_int_equal(store_assessment_load(f->st, f->id, &a), -1);
	assert_null(a);
	snprintf(want, sizeof want, "assessment %lld (Payments ML, 2026-Q2): %s", (long long)f->id,
		 what);
	if (!strstr(store_error(f->st), want))
		fail_msg("error '%s' does not hold '%s'", store_error(f->st), want);
}

static void test_load_override(void **state)
{
	struct fx *f = *state;

	edit(f, "UPDATE dims SET override_level = 12 WHERE dimension_id = 'da'");
	expect_load_error(f, "override level 12 is outside the model's levels 1-5");
}

static void test_load_target(void **state)
{
	struct fx *f = *state;

	edit(f, "UPDATE dims SET target = 99 WHERE dimension_id = 'db'");
	expect_load_error(f, "target 99 is outside the model's levels 1-5");
}

static void test_load_answer(void **state)
{
	struct fx *f = *state;

	edit(f, "PRAGMA ignore_check_constraints = 1;"
		"INSERT INTO answers(assessment_id, criterion_id, answer) VALUES (1, 'a2', 7)");
	expect_load_error(f, "criterion 'a2': answer code 7 is not one of");
}

static void test_load_unknown_ids(void **state)
{
	struct fx *f = *state;

	edit(f, "INSERT INTO answers(assessment_id, criterion_id, answer) VALUES (1, 'zz', 3)");
	expect_load_error(f, "an answer to criterion 'zz', which model t 1 does not have");
	edit(f, "DELETE FROM answers WHERE criterion_id = 'zz';"
		"UPDATE dims SET dimension_id = 'dz' WHERE dimension_id = 'db'");
	expect_load_error(f, "a row for dimension 'dz', which model t 1 does not have");
}

static void test_load_period(void **state)
{
	struct fx *f = *state;
	struct assessment *a;
	struct team_summary *t;
	size_t n;
	int *periods;

	edit(f, "UPDATE assessments SET period = '2026-Q9'");
	assert_int_equal(store_assessment_load(f->st, f->id, &a), -1);
	assert_non_null(strstr(store_error(f->st), "period '2026-Q9' is not a quarter"));
	assert_false(store_team_list(f->st, &t, &n));
	assert_non_null(strstr(store_error(f->st), "assessment 1 (Payments ML, bad period)"));
	assert_false(store_periods(f->st, &periods, &n));
}

static void on_cell(void *ctx, const struct org_cell *c)
{
	(void)c;
	++*(int *)ctx;
}

static void test_stored_level(void **state)
{
	struct fx *f = *state;
	char *text = NULL;
	size_t len = 0;
	FILE *mem;
	struct export_filter ef = { NULL, NO_PERIOD, 0 };
	int cells = 0, p;

	edit(f, "UPDATE dims SET level = 40");
	period_parse("2026-Q2", &p);
	assert_false(store_org_cells(f->st, p, on_cell, &cells));
	assert_int_equal(cells, 0);
	assert_non_null(strstr(store_error(f->st), "level 40 is outside the model's levels 1-5"));
	mem = open_memstream(&text, &len);
	assert_false(export_write(f->st, EXPORT_ANSWERS, &ef, mem));
	fclose(mem);
	assert_null(strstr(text, ",40,"));
	assert_non_null(strstr(store_error(f->st),
			       "assessment 1 (Payments ML, 2026-Q2): level 40 is outside"));
	free(text);
}

static void test_null_team(void **state)
{
	struct fx *f = *state;
	struct team_summary *t;
	size_t n;

	edit(f, "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = "
		"replace(sql, 'name TEXT NOT NULL', 'name TEXT') WHERE name = 'teams'");
	sqlite3_close(f->other);
	assert_int_equal(sqlite3_open(f->path, &f->other), SQLITE_OK);
	edit(f, "UPDATE teams SET name = NULL");
	/* The store's own connection sees the new schema on its next read. */
	assert_false(store_team_list(f->st, &t, &n));
	assert_non_null(strstr(store_error(f->st), "team 1: its name is missing (NULL)"));
	assert_int_equal(store_assessment_load(f->st, f->id, &(struct assessment *){ NULL }), -1);
	assert_non_null(strstr(store_error(f->st), "the team name is missing (NULL)"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_level),
		cmocka_unit_test(test_real_answer_period_text),
		cmocka_unit_test_setup_teardown(test_load_override, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_load_target, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_load_answer, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_load_unknown_ids, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_load_period, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_stored_level, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_null_team, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
