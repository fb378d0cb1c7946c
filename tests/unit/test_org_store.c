/* The organisation view from the store's aggregates (org_grid_load_summary,
 * org_grid_load_window, org_grid_rank) against the grid built from every
 * team's cells (store_org_cells, org_grid_finish), on demo data changed by
 * the store's own writes and by raw SQL: teams missing periods, archived
 * teams, deleted assessments, a merge, a period removed, a new earliest
 * and latest period, scores edited by hand. Then the aggregate tables
 * against the same tables built afresh, as the migration builds them. */
#include "testutil.h"

#include "demo.h"
#include "org.h"
#include "period.h"
#include "store_bulk.h"
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fx {
	char *dir;
	struct model *m;
	struct store *st;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char path[4200], err[1200] = "";
	struct demo_params p = { 40, 8, 7, 0, false };

	f->dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/org.db", f->dir);
	f->m = model_load_builtin(err, sizeof err);
	f->st = f->m ? store_open(path, STORE_CREATE, err, sizeof err) : NULL;
	*state = f;
	if (!f->st) {
		fprintf(stderr, "test_org_store: %s\n", err);
		return -1;
	}
	assert_true(period_parse("2026-Q4", &p.last_period));
	return demo_fill(f->st, f->m, &p) ? 0 : -1;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->st);
	model_free(f->m);
	tu_tmpdir_remove(f->dir);
	free(f);
	return 0;
}

static void exec(struct fx *f, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(store_db(f->st), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

struct fill {
	struct org_grid *g;
	const struct model *m;
};

static void on_cell(void *ctx, const struct org_cell *c)
{
	struct fill *fl = ctx;

	org_grid_add(fl->g, fl->m, c);
}

static void same_team(const struct org_team *x, const struct org_team *y, size_t ndims)
{
	assert_int_equal(x->id, y->id);
	assert_int_equal(x->assessment_id, y->assessment_id);
	assert_string_equal(x->name, y->name);
	assert_int_equal(x->period, y->period);
	assert_true(x->overall == y->overall);
	assert_true(x->coverage == y->coverage);
	assert_int_equal(x->has_change, y->has_change);
	assert_true(x->change == y->change);
	for (size_t k = 0; k < ndims; k++) {
		assert_int_equal(x->level[k], y->level[k]);
		/* A dimension not scored has no target either. */
		if (x->level[k] >= 0) {
			assert_int_equal(x->target[k], y->target[k]);
			assert_true(x->score[k] == y->score[k]);
			assert_true(x->gap[k] == y->gap[k]);
		}
	}
}

/* At a period sorted by key (overall score or a dimension): the same
 * teams in the same order, a window at a time, each at its rank, and
 * every team's key in that order. */
static void compare_sorted(struct fx *f, int period, struct org_grid *full, struct org_grid *win,
			   long key)
{
	const size_t page = 7;
	struct org_key *k = NULL;
	size_t nk = 0;

	org_grid_sort(full, key);
	win->sort = key;
	for (size_t from = 0; from < full->nteams; from += page) {
		assert_true(org_grid_load_window(win, f->st, f->m, period, from, page));
		assert_int_equal(win->base, from);
		assert_int_equal(win->nteams, full->nteams - from < page ? full->nteams - from : page);
		for (size_t t = 0; t < win->nteams; t++) {
			bool found;
			size_t pos;

			same_team(&win->teams[t], &full->teams[from + t], f->m->ndims);
			assert_true(org_grid_rank(f->st, f->m, period, key, win->teams[t].id, &found,
						  &pos));
			assert_true(found);
			assert_int_equal(pos, from + t);
		}
	}
	assert_true(org_grid_keys(f->st, f->m, period, key, &k, &nk));
	assert_int_equal(nk, full->nteams);
	for (size_t i = 0; i < nk; i++) {
		assert_int_equal(k[i].team_id, full->teams[i].id);
		assert_string_equal(k[i].name, full->teams[i].name);
		assert_int_equal(k[i].older, full->teams[i].period != period);
	}
	store_org_keys_free(k, nk);
}

/* Every period: the same teams in the same order, the same figures. */
static void compare_all(struct fx *f)
{
	int *periods = NULL;
	size_t np = 0;

	assert_true(store_periods(f->st, &periods, &np));
	assert_true(np > 0);
	for (size_t i = 0; i < np; i++) {
		struct org_grid full, win;
		struct fill fl = { &full, f->m };

		org_grid_init(&full, f->m->ndims);
		org_grid_init(&win, f->m->ndims);
		assert_true(store_org_cells(f->st, periods[i], on_cell, &fl));
		org_grid_finish(&full, periods[i]);
		assert_true(org_grid_load_summary(&win, f->st, f->m, periods[i]));
		assert_int_equal(win.total, full.nteams);
		assert_true(win.overall_mean == full.overall_mean);
		assert_true(win.coverage_mean == full.coverage_mean);
		assert_true(win.change_mean == full.change_mean);
		assert_int_equal(win.nchange, full.nchange);
		assert_int_equal(win.any_older, full.any_older);
		for (size_t k = 0; k < f->m->ndims; k++) {
			assert_int_equal(win.count[k], full.count[k]);
			assert_true(win.mean[k] == full.mean[k]);
		}
		for (long key = ORG_SORT_OVERALL; key < (long)f->m->ndims; key++)
			compare_sorted(f, periods[i], &full, &win, key);
		org_grid_free(&full);
		org_grid_free(&win);
	}
	free(periods);
}

static long long qint(struct fx *f, const char *sql)
{
	sqlite3_stmt *s;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(f->st), sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The tables the triggers keep equal those built afresh from the data. */
static void compare_tables(struct fx *f)
{
	exec(f, "DROP TABLE IF EXISTS temp.f_periods; DROP TABLE IF EXISTS temp.f_rows;"
		"DROP TABLE IF EXISTS temp.f_sums;"
		"CREATE TEMP TABLE f_periods AS SELECT period, count(*) AS nassess FROM assessments "
		"GROUP BY period;"
		"CREATE TEMP TABLE f_rows AS SELECT p.period, t.id AS team_id, a.id AS assessment_id, "
		"a.period AS shown, CAST(round(a.overall * 100) AS INTEGER) AS ov100, "
		"CAST(round(a.coverage * 100) AS INTEGER) AS cov100, pa.id AS prev_id, "
		"CAST(round(pa.overall * 100) AS INTEGER) AS pov100, "
		"(SELECT count(*) FROM dims WHERE assessment_id = a.id) AS nd "
		"FROM f_periods p JOIN teams t ON t.archived_at IS NULL "
		"JOIN assessments a ON a.id = (SELECT l.id FROM assessments l WHERE l.team_id = t.id "
		"AND l.period <= p.period ORDER BY l.period DESC LIMIT 1) "
		"LEFT JOIN assessments pa ON pa.id = (SELECT l.id FROM assessments l WHERE "
		"l.team_id = t.id AND l.period < a.period ORDER BY l.period DESC LIMIT 1);"
		"CREATE TEMP TABLE f_sums AS SELECT r.period, d.dimension_id, count(*) AS n, "
		"sum(CAST(round(d.score * 100) AS INTEGER)) AS s FROM f_rows r JOIN dims d "
		"ON d.assessment_id = r.assessment_id GROUP BY 1, 2;");
	assert_int_equal(qint(f, "SELECT count(*) FROM (SELECT * FROM org_periods EXCEPT "
			      "SELECT * FROM f_periods UNION ALL SELECT * FROM f_periods EXCEPT "
			      "SELECT * FROM org_periods)"), 0);
	assert_int_equal(qint(f, "SELECT count(*) FROM (SELECT * FROM org_rows EXCEPT "
			      "SELECT * FROM f_rows UNION ALL SELECT * FROM f_rows EXCEPT "
			      "SELECT * FROM org_rows)"), 0);
	assert_int_equal(qint(f, "SELECT count(*) FROM (SELECT * FROM org_dim_sums WHERE n > 0 "
			      "EXCEPT SELECT * FROM f_sums UNION ALL SELECT * FROM f_sums EXCEPT "
			      "SELECT * FROM org_dim_sums WHERE n > 0)"), 0);
	/* Version 6's: the dimension rows and the sums per period. */
	assert_int_equal(qint(f, "SELECT count(*) FROM (SELECT x.team_id, x.period, x.dimension_id, "
			      "x.score, x.ov100 FROM org_dim_rows x EXCEPT SELECT r.team_id, r.period, "
			      "d.dimension_id, d.score, r.ov100 FROM f_rows r JOIN dims d ON "
			      "d.assessment_id = r.assessment_id UNION ALL SELECT r.team_id, r.period, "
			      "d.dimension_id, d.score, r.ov100 FROM f_rows r JOIN dims d ON "
			      "d.assessment_id = r.assessment_id "
			      "EXCEPT SELECT * FROM org_dim_rows)"), 0);
	assert_int_equal(qint(f, "SELECT count(*) FROM org_dim_rows"),
			 qint(f, "SELECT count(*) FROM f_rows r JOIN dims d ON d.assessment_id = "
			      "r.assessment_id"));
	assert_int_equal(qint(f, "SELECT count(*) FROM (SELECT * FROM org_sums WHERE n > 0 EXCEPT "
			      "SELECT period, count(*), sum(ov100), sum(cov100), count(pov100), "
			      "coalesce(sum(ov100 - pov100), 0), sum(shown <> period) FROM f_rows "
			      "WHERE nd > 0 GROUP BY period UNION ALL SELECT period, count(*), "
			      "sum(ov100), sum(cov100), count(pov100), coalesce(sum(ov100 - pov100), 0), "
			      "sum(shown <> period) FROM f_rows WHERE nd > 0 GROUP BY period EXCEPT "
			      "SELECT * FROM org_sums WHERE n > 0)"), 0);
	assert_int_equal(qint(f, "SELECT count(*) FROM org_sums WHERE n < 0 OR (n = 0 AND (ov <> 0 "
			      "OR cov <> 0 OR nch <> 0 OR ch <> 0 OR nolder <> 0))"), 0);
	assert_true(qint(f, "SELECT count(*) FROM org_rows") > 0);
	/* What store_org_cells reads from org_rows, against the query that
	 * finds each team's assessments itself, at every period. */
	assert_int_equal(qint(f, "WITH old AS (SELECT p.period AS at, t.id, t.name, a.id, a.period, "
			      "a.overall, d.dimension_id, d.score, d.level, d.gap, d.target, a.model, "
			      "a.coverage, pa.id, pa.period, pa.overall, pa.model FROM f_periods p "
			      "JOIN teams t JOIN assessments a ON a.id = (SELECT id FROM assessments l "
			      "WHERE l.team_id = t.id AND l.period <= p.period ORDER BY l.period DESC "
			      "LIMIT 1) JOIN dims d ON d.assessment_id = a.id LEFT JOIN assessments pa "
			      "ON pa.id = (SELECT id FROM assessments l WHERE l.team_id = t.id AND "
			      "l.period < a.period ORDER BY l.period DESC LIMIT 1) WHERE "
			      "t.archived_at IS NULL), new AS (SELECT r.period AS at, t.id, t.name, a.id, "
			      "a.period, a.overall, d.dimension_id, d.score, d.level, d.gap, d.target, "
			      "a.model, a.coverage, pa.id, pa.period, pa.overall, pa.model FROM org_rows r "
			      "JOIN teams t ON t.id = r.team_id JOIN assessments a ON a.id = "
			      "r.assessment_id JOIN dims d ON d.assessment_id = a.id LEFT JOIN "
			      "assessments pa ON pa.id = r.prev_id) SELECT count(*) FROM (SELECT * FROM "
			      "old EXCEPT SELECT * FROM new UNION ALL SELECT * FROM new EXCEPT "
			      "SELECT * FROM old)"), 0);
}

static void test_demo(void **state)
{
	struct fx *f = *state;

	compare_all(f);
	compare_tables(f);
}

static void test_store_writes(void **state)
{
	struct fx *f = *state;
	char a[TEAM_NAME_BYTES], b[TEAM_NAME_BYTES], c[TEAM_NAME_BYTES];
	bool created;
	int p;

	demo_team_name(1, a);
	demo_team_name(2, b);
	demo_team_name(3, c);
	assert_true(store_team_archive(f->st, a, true));
	assert_true(store_team_delete(f->st, b, true));
	assert_true(period_parse("2027-Q1", &p));
	assert_true(store_assessment_begin(f->st, c, p, "tester", f->m, &created) > 0);
	assert_true(created);
	compare_all(f);
	compare_tables(f);
	assert_true(store_team_archive(f->st, a, false));
	compare_all(f);
	compare_tables(f);
}

/* Demo data written in bulk holds the triggers off and brings the tables
 * up to date as it commits: over teams of its own it replaces (--force),
 * other teams, and periods new to the database. A rolled back bulk write
 * leaves the triggers as they were. */
static void test_bulk(void **state)
{
	struct fx *f = *state;
	struct demo_params p = { 12, 14, 9, 0, true };
	bool created;
	int q;

	assert_true(period_parse("2027-Q2", &p.last_period));
	assert_true(period_parse("2024-Q1", &q));
	assert_true(store_assessment_begin(f->st, "Zeta", q, "tester", f->m, &created) > 0);
	assert_true(demo_fill(f->st, f->m, &p));
	assert_int_equal(qint(f, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
			      "AND name LIKE 'org_%'"), 14);
	compare_all(f);
	compare_tables(f);
	assert_true(store_begin(f->st));
	assert_true(store_bulk_team(f->st, "Omega", "2027-01-01T00:00:00Z") > 0);
	/* Those on org_rows itself stay. */
	assert_int_equal(qint(f, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
			      "AND name LIKE 'org_%'"), 4);
	store_rollback(f->st);
	assert_int_equal(qint(f, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
			      "AND name LIKE 'org_%'"), 14);
	assert_true(period_parse("2027-Q3", &q));
	assert_true(store_assessment_begin(f->st, "Zeta", q, "tester", f->m, &created) > 0);
	compare_all(f);
	compare_tables(f);
}

/* Raw SQL, with and without foreign keys (the sqlite3 tool has them off). */
static void test_raw_sql(void **state)
{
	struct fx *f = *state;

	exec(f, "PRAGMA foreign_keys = OFF;"
		"DELETE FROM assessments WHERE id = (SELECT id FROM assessments WHERE team_id = 5 "
		"ORDER BY period LIMIT 1 OFFSET 3);"
		"DELETE FROM assessments WHERE id = (SELECT id FROM assessments WHERE team_id = 6 "
		"ORDER BY period DESC LIMIT 1);"
		"PRAGMA foreign_keys = ON;"
		"UPDATE teams SET archived_at = '2026-01-01T00:00:00Z' WHERE id IN (7, 8);"
		"UPDATE teams SET archived_at = NULL WHERE id = 8;"
		"UPDATE assessments SET overall = 3.33, coverage = 0.5 WHERE id = (SELECT id FROM "
		"assessments WHERE team_id = 9 ORDER BY period LIMIT 1 OFFSET 2);"
		"UPDATE dims SET score = 2.22 WHERE assessment_id = (SELECT id FROM assessments "
		"WHERE team_id = 10 ORDER BY period LIMIT 1 OFFSET 2);"
		"DELETE FROM dims WHERE assessment_id = (SELECT id FROM assessments WHERE team_id = 11 "
		"ORDER BY period DESC LIMIT 1);"
		/* Teams not scored in a dimension: last when sorted by it. */
		"DELETE FROM dims WHERE dimension_id = (SELECT min(dimension_id) FROM dims) AND "
		"assessment_id IN (SELECT id FROM assessments WHERE team_id IN (13, 17, 18) OR "
		"(team_id = 19 AND period > '2025-Q1'));"
		"INSERT INTO assessments(team_id, period, model, facilitator, created_at, updated_at, "
		"overall, coverage) VALUES (12, '2001-Q1', 1, 'x', 'x', 'x', 1.5, 0.25);"
		"INSERT INTO dims(assessment_id, dimension_id, level, score, gap, coverage, updated_at) "
		"SELECT last_insert_rowid(), dimension_id, level, score, gap, coverage, updated_at "
		"FROM dims WHERE assessment_id = 1;"
		"UPDATE assessments SET team_id = 14, period = '2016-Q2' WHERE id = (SELECT id FROM "
		"assessments WHERE team_id = 15 ORDER BY period DESC LIMIT 1);"
		"UPDATE assessments SET period = '2020-Q1' WHERE id = (SELECT id FROM assessments "
		"WHERE team_id = 16 ORDER BY period DESC LIMIT 1 OFFSET 1);"
		"DELETE FROM assessments WHERE period = (SELECT min(period) FROM assessments "
		"WHERE period > '2001-Q1');");
	compare_all(f);
	compare_tables(f);
}

/* Windows of the view held (sorted by overall score and by a dimension)
 * while teams change: org_grid_same_window says they still hold the teams
 * at their positions only when a fresh load gives the same teams and
 * figures; it says so for windows the change did not reach, and not for
 * the windows a moved team entered or crossed. */
static void test_same_window(void **state)
{
	struct fx *f = *state;
	static const char *const edits[] = {
		/* Team 4 to the top, then to the bottom; team 20's dimension
		 * score up; team 21 renamed; team 22 equal to its neighbour. */
		"UPDATE assessments SET overall = 5.0 WHERE id = (SELECT assessment_id FROM org_rows "
		"WHERE team_id = 4 AND period = (SELECT max(period) FROM org_periods))",
		"UPDATE assessments SET overall = 1.0 WHERE id = (SELECT assessment_id FROM org_rows "
		"WHERE team_id = 4 AND period = (SELECT max(period) FROM org_periods))",
		"UPDATE dims SET score = min(score + 0.5, 5) WHERE assessment_id = (SELECT assessment_id FROM "
		"org_rows WHERE team_id = 20 AND period = (SELECT max(period) FROM org_periods))",
		"UPDATE teams SET name = 'AAA first' WHERE id = 21",
		"UPDATE assessments SET overall = (SELECT overall FROM assessments WHERE id = 3) WHERE "
		"id = (SELECT assessment_id FROM org_rows WHERE team_id = 22 AND period = (SELECT "
		"max(period) FROM org_periods))",
	};
	static const int64_t changed[] = { 4, 4, 20, 21, 22 };
	const size_t page = 6;
	int *periods = NULL, period;
	size_t np = 0, nsame = 0, nmoved = 0;

	assert_true(store_periods(f->st, &periods, &np));
	period = periods[np - 1];
	free(periods);
	for (size_t e = 0; e < sizeof edits / sizeof *edits; e++)
		for (long key = ORG_SORT_OVERALL; key < 1; key++) {
			struct org_grid held[8], now;
			size_t nheld = 0;

			for (size_t from = 0; nheld < 8; from += page * 3, nheld++) {
				org_grid_init(&held[nheld], f->m->ndims);
				held[nheld].sort = key;
				assert_true(org_grid_load_summary(&held[nheld], f->st, f->m, period));
				assert_true(org_grid_load_window(&held[nheld], f->st, f->m, period,
								 from, page));
			}
			exec(f, edits[e]);
			for (size_t w = 0; w < nheld; w++) {
				bool same;

				assert_true(org_grid_load_sums(&held[w], f->st, f->m, period));
				assert_true(org_grid_same_window(&held[w], f->st, f->m, period,
								 &changed[e], 1, &same));
				org_grid_init(&now, f->m->ndims);
				now.sort = key;
				assert_true(org_grid_load_summary(&now, f->st, f->m, period));
				if (!org_grid_load_window(&now, f->st, f->m, period, held[w].base,
							  page))
					fail_msg("%zu %ld %zu: %s", e, key, held[w].base,
						 store_error(f->st));
				if (same) {
					assert_int_equal(now.nteams, held[w].nteams);
					for (size_t t = 0; t < now.nteams; t++)
						same_team(&now.teams[t], &held[w].teams[t], f->m->ndims);
					nsame++;
				} else {
					nmoved++;
				}
				assert_true(now.overall_mean == held[w].overall_mean);
				org_grid_free(&now);
				org_grid_free(&held[w]);
			}
		}
	assert_true(nsame > 0);
	assert_true(nmoved > 0);
}

/* A version 5 database (without org_dim_rows, org_sums and the triggers
 * on org_rows) is given them when it is opened, from its data; writes
 * after keep them. */
static void test_upgrade_from_v5(void **state)
{
	struct fx *f = *state;
	char path[4200], err[1200] = "";
	bool created;
	int p;

	exec(f, "DROP TRIGGER org_rows_insert; DROP TRIGGER org_rows_delete;"
		"DROP TRIGGER org_rows_update; DROP TRIGGER org_rows_overall;"
		"DROP TABLE org_dim_rows; DROP TABLE org_sums; PRAGMA user_version = 5;");
	store_close(f->st);
	snprintf(path, sizeof path, "%s/org.db", f->dir);
	f->st = store_open(path, 0, err, sizeof err);
	if (!f->st)
		fail_msg("%s", err);
	assert_int_equal(qint(f, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(qint(f, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
			      "AND name LIKE 'org_%'"), 14);
	compare_all(f);
	compare_tables(f);
	assert_true(period_parse("2027-Q1", &p));
	assert_true(store_assessment_begin(f->st, "Upgraded", p, "tester", f->m, &created) > 0);
	exec(f, "UPDATE assessments SET overall = 1.11 WHERE id = (SELECT max(id) FROM assessments "
		"WHERE team_id = 3)");
	compare_all(f);
	compare_tables(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_demo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_sql, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bulk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_from_v5, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_window, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
