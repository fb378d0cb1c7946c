/* The criteria export (CONTRACT section 4) against the join it stands for:
 * each assessment of the filter's teams and periods, in order of team name
 * and period, with every criterion model_criteria lists for its model (in
 * the model's order) and that criterion's answer row, if any. The export
 * builds these rows from each assessment's load (src/store_export.c); here
 * the join runs as one SQL statement on the same file, its rows are written
 * by the CSV rules of src/export.c, and both must be the same bytes, with
 * every filter.
 *
 * The database: demo history on the built-in model (comments, evidence,
 * n/a, carried answers), a team on a second model, and rows only SQL
 * makes: an answer row with a comment and no answer (but an origin), a
 * criterion model_criteria lists that the model does not have, one the
 * model has that model_criteria does not list (answered), and a model with
 * no criteria listed at all under a team whose answers do not load. */
#include "testutil.h"

#include "csv.h"
#include "demo.h"
#include "export.h"
#include "model.h"
#include "period.h"
#include "score.h"
#include "store.h"

#include <sqlite3.h>

#define PATHSZ 4200

static const char model2_yaml[] =
	"id: second-model\nname: Second\nversion: \"1\"\n"
	"levels:\n"
	"  - level: 1\n    name: One\n  - level: 2\n    name: Two\n  - level: 3\n    name: Three\n"
	"dimensions:\n"
	"  - id: dy\n    name: Why\n    weight: 1\n    criteria:\n"
	"      - id: y2\n        level: 2\n        text: \"Y two, \\\"quoted\\\"\"\n"
	"      - id: y3\n        level: 3\n        text: \"-Y three\"\n"
	"  - id: dx\n    name: Ex\n    weight: 1\n    criteria:\n"
	"      - id: x2\n        level: 2\n        text: X two\n"
	"      - id: x3\n        level: 3\n        text: X three\n";

static const char header[] =
	"assessment_id,team,period,dimension_id,criterion_id,criterion_level,criterion,answer,"
	"comment,evidence,origin\r\n";

/* The join, as the export's contract reads it. */
static const char join_sql[] =
	"SELECT a.id, t.name, a.period, mc.dimension_id, mc.criterion_id, mc.level, mc.text,"
	" ans.answer, ans.comment, ans.evidence,"
	" CASE WHEN ans.answer IS NULL THEN NULL WHEN ans.origin = 'carried' THEN 'carried'"
	" ELSE 'answered' END FROM teams t JOIN assessments a ON a.team_id = t.id"
	" JOIN model_criteria mc ON mc.model = a.model"
	" LEFT JOIN answers ans ON ans.assessment_id = a.id AND ans.criterion_id = mc.criterion_id"
	" WHERE (?1 IS NULL OR t.name = ?1) AND (?2 IS NULL OR a.period = ?2)"
	" AND (?3 IS NULL OR a.id = ?3)"
	" ORDER BY t.name, a.period, mc.ord";

static struct {
	char *dir;
	char db[PATHSZ];
	int64_t other1, other2;
	char demo_team[TEAM_NAME_BYTES], demo_period[PERIOD_LEN];
} fx;

static int per(const char *s)
{
	int p = NO_PERIOD;

	period_parse(s, &p);
	return p;
}

static void exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err ? err : "?");
}

static bool answer(struct store *st, struct assessment *a, const char *crit, enum answer v)
{
	return store_set_answer(st, a, (size_t)model_find_criterion(a->model, crit), v);
}

static int group_setup(void **state)
{
	char err[1200] = "", sql[512];
	struct demo_params p = { .teams = 5, .quarters = 4, .seed = 3, .force = false };
	struct model *m, *m2;
	struct store *st;
	struct assessment *a = NULL;
	bool created, ok;
	sqlite3 *db;

	(void)state;
	fx.dir = tu_tmpdir();
	snprintf(fx.db, sizeof fx.db, "%s/mlmat.db", fx.dir);
	m = model_load_builtin(err, sizeof err);
	m2 = model_load_buffer(model2_yaml, strlen(model2_yaml), "second.yaml", err, sizeof err);
	if (!m || !m2)
		fail_msg("model: %s", err);
	st = store_open(fx.db, STORE_CREATE, err, sizeof err);
	if (!st)
		fail_msg("store_open: %s", err);
	p.last_period = per("2026-Q2");
	ok = demo_fill(st, m, &p);
	/* A team on the second model, in two quarters (the second carries). */
	fx.other1 = ok ? store_assessment_begin(st, "Other, \"2\"", per("2026-Q1"), "Fac", m2,
						&created) : 0;
	ok = fx.other1 > 0 && store_assessment_load(st, fx.other1, &a) > 0 &&
	     answer(st, a, "y2", ANS_YES) && answer(st, a, "x2", ANS_PARTLY) &&
	     answer(st, a, "x3", ANS_NO);
	assessment_free(a);
	fx.other2 = ok ? store_assessment_begin(st, "Other, \"2\"", per("2026-Q2"), "Fac", m2,
						&created) : 0;
	if (!ok || fx.other2 <= 0)
		fail_msg("building: %s", store_error(st));
	demo_team_name(2, fx.demo_team);
	snprintf(fx.demo_period, sizeof fx.demo_period, "2025-Q4");
	store_close(st);
	model_free(m);
	model_free(m2);

	if (sqlite3_open(fx.db, &db) != SQLITE_OK)
		fail_msg("sqlite3_open");
	/* An answer row with a comment and an origin but no answer. */
	snprintf(sql, sizeof sql, "UPDATE answers SET answer = NULL, origin = 'carried',"
		 " comment = '=kept, \"note\"' WHERE assessment_id = %lld AND criterion_id = 'x2'",
		 (long long)fx.other2);
	exec(db, sql);
	/* Listed but not in the model; in the model but not listed. */
	exec(db, "INSERT INTO model_criteria(model, ord, criterion_id, dimension_id, level, text)"
		 " SELECT model, 99, 'zz-listed-only', 'dx', 2, 'Listed, only' FROM model_criteria"
		 " WHERE criterion_id = 'y2'");
	exec(db, "DELETE FROM model_criteria WHERE criterion_id = 'y2'");
	/* A model with no criteria listed, under a team whose answer cannot
	 * be read: the join meets none of its rows, so nothing loads it. */
	exec(db, "INSERT INTO models(id, model_id, version, sha256, yaml, added_at)"
		 " SELECT 77, 'empty', '1', 'x' || sha256, yaml, added_at FROM models LIMIT 1");
	exec(db, "INSERT INTO teams(name, created_at) VALUES ('Unlisted', '2026-01-01T00:00:00Z')");
	exec(db, "INSERT INTO assessments(team_id, period, model, facilitator, created_at,"
		 " updated_at) SELECT id, '2026-Q1', 77, 'F', '2026-01-01T00:00:00Z',"
		 " '2026-01-01T00:00:00Z' FROM teams WHERE name = 'Unlisted'");
	exec(db, "INSERT INTO answers(assessment_id, criterion_id, answer) SELECT a.id,"
		 " 'no-such-criterion', 3 FROM assessments a JOIN teams t ON t.id = a.team_id"
		 " WHERE t.name = 'Unlisted'");
	sqlite3_close(db);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	tu_tmpdir_remove(fx.dir);
	return 0;
}

static char *read_all(FILE *f, size_t *len)
{
	char *buf;
	long n;

	assert_int_equal(fflush(f), 0);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

static const char *text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* The join's rows for the filter, written as export.c writes each column
 * of the criteria export ("ITRTTITATTR"). */
static char *join_csv(const char *team, const char *period, int64_t id, size_t *len, size_t *rows)
{
	FILE *out = tmpfile();
	struct csv c;
	sqlite3 *db;
	sqlite3_stmt *s;
	int rc;
	char *raw;

	assert_non_null(out);
	if (sqlite3_open_v2(fx.db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, join_sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("join: %s", sqlite3_errmsg(db));
	if (team)
		sqlite3_bind_text(s, 1, team, -1, SQLITE_STATIC);
	if (period)
		sqlite3_bind_text(s, 2, period, -1, SQLITE_STATIC);
	if (id)
		sqlite3_bind_int64(s, 3, id);
	csv_init(&c, out);
	csv_put(&c, header, strlen(header));
	*rows = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		csv_int(&c, sqlite3_column_int64(s, 0));
		csv_text(&c, text(s, 1));
		csv_raw(&c, text(s, 2));
		csv_text(&c, text(s, 3));
		csv_text(&c, text(s, 4));
		if (sqlite3_column_type(s, 5) == SQLITE_NULL)
			csv_empty(&c);
		else
			csv_int(&c, sqlite3_column_int64(s, 5));
		csv_text(&c, text(s, 6));
		csv_raw(&c, answer_name(sqlite3_column_type(s, 7) == SQLITE_NULL ? ANS_UNKNOWN :
					(enum answer)sqlite3_column_int(s, 7)));
		csv_text(&c, text(s, 8));
		csv_text(&c, text(s, 9));
		csv_raw(&c, text(s, 10));
		csv_end_row(&c);
		++*rows;
	}
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_finalize(s);
	sqlite3_close(db);
	assert_true(csv_flush(&c));
	raw = read_all(out, len);
	fclose(out);
	return raw;
}

static char *export_csv(struct store *st, const char *team, const char *period, int64_t id,
			size_t *len)
{
	struct export_filter f = { team, period ? per(period) : NO_PERIOD, id };
	FILE *out = tmpfile();
	char *raw;

	assert_non_null(out);
	if (!export_write(st, EXPORT_CRITERIA, &f, out))
		fail_msg("export_write: %s", store_error(st));
	raw = read_all(out, len);
	fclose(out);
	return raw;
}

/* The two for one filter; returns the number of rows. */
static size_t same(struct store *st, const char *team, const char *period, int64_t id)
{
	size_t jl, el, rows, i = 0;
	char *j = join_csv(team, period, id, &jl, &rows), *e = export_csv(st, team, period, id, &el);

	if (jl != el || memcmp(j, e, jl) != 0) {
		while (i < jl && i < el && j[i] == e[i])
			i++;
		fail_msg("team %s period %s assessment %lld: the export differs from the join at "
			 "byte %zu:\n  join:   %.120s\n  export: %.120s", team ? team : "-",
			 period ? period : "-", (long long)id, i, j + (i > 40 ? i - 40 : 0),
			 e + (i > 40 ? i - 40 : 0));
	}
	free(j);
	free(e);
	return rows;
}

static struct store *open_ro(void)
{
	char err[1200] = "";
	struct store *st = store_open(fx.db, STORE_READONLY, err, sizeof err);

	if (!st)
		fail_msg("store_open: %s", err);
	return st;
}

static void test_every_filter(void **state)
{
	struct store *st = open_ro();
	size_t all;

	(void)state;
	all = same(st, NULL, NULL, 0);
	/* Five demo teams over up to four quarters of the built-in model, two of
	 * the second model's (three criteria listed), none of the empty one. */
	assert_true(all > 5 * 20);
	assert_int_equal(same(st, "Other, \"2\"", NULL, 0), 2 * 4);
	assert_true(same(st, fx.demo_team, NULL, 0) > 0);
	assert_true(same(st, NULL, fx.demo_period, 0) > 0);
	assert_true(same(st, fx.demo_team, fx.demo_period, 0) > 0);
	assert_int_equal(same(st, NULL, "2026-Q1", fx.other1), 4);
	assert_int_equal(same(st, NULL, NULL, fx.other2), 4);
	assert_int_equal(same(st, fx.demo_team, NULL, fx.other2), 0);
	assert_int_equal(same(st, NULL, "2019-Q1", 0), 0);
	assert_int_equal(same(st, "Unlisted", NULL, 0), 0);
	store_close(st);
}

/* A stored value the load refuses stops the export with the message naming
 * the assessment, as it did when the join's rows were checked one by one. */
static void test_bad_answer_refused(void **state)
{
	char path[PATHSZ], sql[PATHSZ + 64], err[1200] = "";
	struct export_filter f = { NULL, NO_PERIOD, 0 };
	struct store *st;
	sqlite3 *db;
	FILE *out = tmpfile();

	(void)state;
	assert_non_null(out);
	snprintf(path, sizeof path, "%s/bad.db", fx.dir);
	assert_int_equal(sqlite3_open(fx.db, &db), SQLITE_OK);
	snprintf(sql, sizeof sql, "VACUUM INTO '%s'", path);
	exec(db, sql);
	sqlite3_close(db);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	exec(db, "PRAGMA ignore_check_constraints = 1");
	snprintf(sql, sizeof sql, "UPDATE answers SET answer = 9 WHERE assessment_id = %lld"
		 " AND criterion_id = 'y2'", (long long)fx.other1);
	exec(db, sql);
	sqlite3_close(db);
	st = store_open(path, STORE_READONLY, err, sizeof err);
	if (!st)
		fail_msg("store_open: %s", err);
	assert_false(export_write(st, EXPORT_CRITERIA, &f, out));
	if (!strstr(store_error(st), "answer code 9") || !strstr(store_error(st), "2026-Q1"))
		fail_msg("unexpected message: %s", store_error(st));
	store_close(st);
	fclose(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_filter),
		cmocka_unit_test(test_bad_answer_refused),
	};

	return cmocka_run_group_tests_name("export criteria join", tests, group_setup,
					   group_teardown);
}
