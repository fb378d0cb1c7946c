/* Home's list of teams (src/team_list.c) on a real SQLite file: the order
 * of names under C.UTF-8, the filter that ignores case and accents, the
 * filter kept across a reload, archived teams, and each team's sparkline. */
#include "testutil.h"

#include "model.h"
#include "period.h"
#include "store.h"
#include "store_int.h"      /* store_db: a bad value written under the list */
#include "team_list.h"

#include <sqlite3.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

struct fx {
	char *dir;
	struct store *st;
	struct model *m;
};

static const char *const teams[] = { "zeta", "Émile", "alpha", "Zürich Ops" };

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char path[4200], err[512];
	int p1, p2;

	if (!f)
		return -1;
	if (!setlocale(LC_COLLATE, "C.UTF-8"))
		setlocale(LC_COLLATE, "C");
	f->dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/mlmat.db", f->dir);
	f->st = store_open(path, STORE_CREATE, err, sizeof err);
	f->m = model_load_builtin(err, sizeof err);
	if (!f->st || !f->m || !period_parse("2026-Q1", &p1) || !period_parse("2026-Q2", &p2))
		return -1;
	for (size_t i = 0; i < sizeof teams / sizeof *teams; i++) {
		bool created;

		if (!store_assessment_begin(f->st, teams[i], p1, "facil", f->m, &created))
			return -1;
		/* Émile has two assessments: two points in its sparkline. */
		if (i == 1 && !store_assessment_begin(f->st, teams[i], p2, "facil", f->m, &created))
			return -1;
	}
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->st);
	model_free(f->m);
	tu_tmpdir_remove(f->dir);
	free(f);
	setlocale(LC_COLLATE, "C");
	return 0;
}

static void assert_shown(const struct team_list *l, const char *const *want, size_t n)
{
	if (l->n != n)
		fail_msg("%zu teams shown, expected %zu", l->n, n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(l->teams[i].name, want[i]))
			fail_msg("place %zu: '%s', expected '%s'", i, l->teams[i].name, want[i]);
}

static void test_order_and_filter(void **state)
{
	struct fx *f = *state;
	struct team_list l = { 0 };
	static const char *const all[] = { "alpha", "Émile", "zeta", "Zürich Ops" };
	static const char *const zurich[] = { "Zürich Ops" };
	static const char *const e[] = { "Émile", "zeta" };
	static const char *const emile[] = { "Émile" };

	assert_true(team_list_load(&l, f->st));
	assert_int_equal(l.nall, 4);
	assert_shown(&l, all, 4);
	/* Results are read as teams come into view: the first two here. */
	assert_false(l.teams[0].loaded);
	assert_int_equal(team_list_fill(&l, f->st, 0, 2), 1);
	assert_true(l.teams[0].loaded && l.teams[1].loaded && !l.teams[2].loaded);
	assert_int_equal(l.teams[1].ntrend, 2);       /* Émile's two overall scores */
	assert_int_equal(l.teams[0].ntrend, 1);
	team_list_filter(&l, "zurich");
	assert_shown(&l, zurich, 1);
	assert_int_equal(l.nall, 4);
	assert_true(team_list_find(&l, l.teams[0].id) == 0);
	assert_true(team_list_find(&l, 987654) == SIZE_MAX);
	team_list_filter(&l, "é");               /* "e" in Émile and zeta */
	assert_shown(&l, e, 2);
	assert_int_equal(l.teams[0].ntrend, 2);       /* sparklines follow their teams */
	/* Read through the filter: the whole list has it too. */
	assert_false(l.teams[1].loaded);
	assert_int_equal(team_list_fill(&l, f->st, 0, 2), 1);
	assert_true(l.all[2].loaded);                   /* zeta */
	assert_int_equal(l.all[2].ntrend, 1);
	team_list_filter(&l, "ÉMI");
	assert_shown(&l, emile, 1);
	/* A reload (another process changed the data) keeps the filter. */
	assert_true(team_list_load(&l, f->st));
	assert_shown(&l, emile, 1);
	assert_string_equal(l.filter, "ÉMI");
	team_list_filter(&l, "");
	assert_null(l.filter);
	assert_shown(&l, all, 4);
	team_list_filter(&l, "nobody");
	assert_int_equal(l.n, 0);
	team_list_free(&l);
}

static void test_archived(void **state)
{
	struct fx *f = *state;
	struct team_list l = { 0 };
	static const char *const three[] = { "alpha", "Émile", "Zürich Ops" };

	assert_true(store_team_archive(f->st, "zeta", true));
	assert_true(team_list_load(&l, f->st));
	assert_shown(&l, three, 3);
	l.archived = true;
	assert_true(team_list_load(&l, f->st));
	assert_int_equal(l.n, 4);
	assert_true(store_team_archive(f->st, "zeta", false));
	team_list_free(&l);
}

/* A team gone since the list was read (deleted by another process): its
 * row reads nothing, the rows after it are still read, and the caller is
 * told to read the list again; forget asks for a row again. */
static void test_gone_and_forget(void **state)
{
	struct fx *f = *state;
	struct team_list l = { 0 };

	assert_true(team_list_load(&l, f->st));
	assert_string_equal(l.teams[1].name, "Émile");
	assert_true(store_team_delete(f->st, "Émile", true));
	assert_int_equal(team_list_fill(&l, f->st, 0, 4), 0);
	assert_true(l.teams[1].loaded && l.teams[1].latest_id == 0);
	assert_true(l.teams[2].loaded && l.teams[2].latest_id > 0);     /* zeta, after it */
	assert_true(l.teams[3].loaded && l.teams[3].latest_id > 0);
	/* Filled once: the gone row is not asked for at every frame. */
	assert_int_equal(team_list_fill(&l, f->st, 0, 4), 1);
	assert_true(team_list_forget(&l, l.teams[2].id));
	assert_false(l.teams[2].loaded);
	assert_false(team_list_forget(&l, 987654));
	assert_int_equal(team_list_fill(&l, f->st, 2, 1), 1);
	assert_true(l.teams[2].loaded);
	/* A bad stored value: the row is unreadable, with the error; the
	 * rows after it are read. */
	assert_true(team_list_forget(&l, l.teams[2].id) && team_list_forget(&l, l.teams[3].id));
	assert_int_equal(sqlite3_exec(store_db(f->st), "UPDATE team_latest SET t1 = 'x' WHERE "
				      "team_id = (SELECT id FROM teams WHERE name = 'zeta')",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(team_list_fill(&l, f->st, 2, 2), -1);
	assert_true(l.teams[2].loaded && l.teams[2].unreadable);
	assert_non_null(strstr(store_error(f->st), "an earlier overall score"));
	assert_true(l.teams[3].loaded && !l.teams[3].unreadable && l.teams[3].latest_id > 0);
	team_list_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_gone_and_forget, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_order_and_filter, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_archived, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
