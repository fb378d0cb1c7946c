/* Unit tests of the dashboard's undo (src/undo.c) on a real SQLite file:
 * every kind of change goes back to the value before, with its origin, as
 * a new audited change; no-op changes are not kept; the stack is at least
 * 20 deep and drops the oldest when full; a signed-off assessment refuses
 * the undo and keeps it for after the reopening. */
#include "testutil.h"

#include "model.h"
#include "period.h"
#include "store.h"
#include "undo.h"

#include <sqlite3.h>

#define HEAD "id: t\nname: Test model\nversion: \"1\"\n"
#define LEVEL(n) "  - level: " #n "\n    name: Level " #n "\n"
#define DIM(id) "  - id: " id "\n    name: Dim " id "\n    weight: 1\n    criteria:\n"
#define CRIT(id, lv) \
	"      - id: " id "\n        level: " #lv "\n        text: Criterion " id "\n" \
	"        action: Do " id ".\n"

static const char yaml[] =
	HEAD "levels:\n" LEVEL(1) LEVEL(2) LEVEL(3) "dimensions:\n"
	DIM("da") CRIT("a2a", 2) CRIT("a2b", 2) CRIT("a3a", 3)
	DIM("db") CRIT("b2a", 2) CRIT("b3a", 3);

struct fx {
	char *dir, db[4200];
	struct model *m;
	struct store *st;
	struct assessment *a;
	struct undo u;
};

static int per(const char *s)
{
	int p = 0;

	if (!period_parse(s, &p))
		fail_msg("bad period %s", s);
	return p;
}

static struct assessment *begin(struct fx *f, const char *period)
{
	struct assessment *a = NULL;
	bool created;
	int64_t id = store_assessment_begin(f->st, "Team", per(period), "fac", f->m, &created);

	assert_true(id > 0);
	assert_int_equal(store_assessment_load(f->st, id, &a), 1);
	return a;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[1024];

	f->dir = tu_tmpdir();
	snprintf(f->db, sizeof f->db, "%s/mlmat.db", f->dir);
	f->m = model_load_buffer(yaml, strlen(yaml), "t.yaml", err, sizeof err);
	f->st = store_open(f->db, STORE_CREATE, err, sizeof err);
	if (!f->m || !f->st)
		return -1;
	*state = f;
	f->a = begin(f, "2026-Q1");
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	undo_free(&f->u);
	assessment_free(f->a);
	store_close(f->st);
	model_free(f->m);
	tu_tmpdir_remove(f->dir);
	free(f);
	return 0;
}

static size_t cix(struct fx *f, const char *id)
{
	long c = model_find_criterion(f->m, id);

	assert_true(c >= 0);
	return (size_t)c;
}

/* Sets an answer the way the dashboard does: captured, changed, recorded. */
static void answer(struct fx *f, const char *crit, enum answer v)
{
	struct undo_entry e = undo_capture(f->a, UNDO_ANSWER, cix(f, crit));

	undo_record(&f->u, &e, f->a, store_set_answer(f->st, f->a, cix(f, crit), v));
}

static void undo_ok(struct fx *f, const char *want)
{
	char msg[256] = "";

	if (undo_last(&f->u, f->st, msg, sizeof msg) != UNDO_DONE)
		fail_msg("undo failed: %s", store_error(f->st));
	if (want)
		assert_string_equal(msg, want);
	assert_true(store_assessment_reload(f->st, f->a));
}

/* The answer and origin as the file holds them, read with SQLite itself. */
static void db_answer(struct fx *f, const char *crit, int64_t id, char out[64])
{
	sqlite3 *db;
	sqlite3_stmt *s;

	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT answer, origin FROM answers WHERE "
					    "assessment_id = ? AND criterion_id = ?", -1, &s, NULL),
			 SQLITE_OK);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, crit, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(out, 64, "%d %s", sqlite3_column_int(s, 0),
			 sqlite3_column_type(s, 0) == SQLITE_NULL ? "null"
			 : (const char *)sqlite3_column_text(s, 1));
	else
		snprintf(out, 64, "none");
	sqlite3_finalize(s);
	sqlite3_close(db);
}

static int db_count(struct fx *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int n;

	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

static void test_answer_back(void **state)
{
	struct fx *f = *state;
	char got[64];
	int audits;

	answer(f, "a2a", ANS_NO);
	answer(f, "a2a", ANS_YES);
	assert_int_equal(f->u.n, 2);
	audits = db_count(f, "SELECT count(*) FROM audit");
	undo_ok(f, "a2a yes -> no");
	db_answer(f, "a2a", f->a->id, got);
	assert_string_equal(got, "1 answered");
	assert_int_equal(db_count(f, "SELECT count(*) FROM audit WHERE action = 'answer' AND "
				     "detail LIKE '%(undo)'"), 1);
	assert_true(db_count(f, "SELECT count(*) FROM audit") > audits);
	undo_ok(f, "a2a no -> unknown");
	db_answer(f, "a2a", f->a->id, got);
	assert_string_equal(got, "none");
	assert_int_equal(f->u.n, 0);
	{
		char msg[64];

		assert_int_equal(undo_last(&f->u, f->st, msg, sizeof msg), UNDO_EMPTY);
	}
}

/* A carried answer changed, or confirmed by the same answer, comes back
 * carried. */
static void test_carried_origin_back(void **state)
{
	struct fx *f = *state;
	char got[64];

	answer(f, "a2a", ANS_YES);
	assessment_free(f->a);
	f->a = begin(f, "2026-Q2");
	undo_free(&f->u);
	db_answer(f, "a2a", f->a->id, got);
	assert_string_equal(got, "3 carried");
	answer(f, "a2a", ANS_YES);              /* confirms */
	db_answer(f, "a2a", f->a->id, got);
	assert_string_equal(got, "3 answered");
	answer(f, "a2a", ANS_PARTLY);
	undo_ok(f, "a2a partly -> yes");
	undo_ok(f, "a2a yes -> yes (carried)");
	db_answer(f, "a2a", f->a->id, got);
	assert_string_equal(got, "3 carried");
	assert_int_equal(assessment_carried(f->a, -1), 1);
}

static void test_texts_and_levels_back(void **state)
{
	struct fx *f = *state;
	size_t c = cix(f, "a3a");
	struct undo_entry e;

	e = undo_capture(f->a, UNDO_COMMENT, c);
	undo_record(&f->u, &e, f->a, store_set_crit_text(f->st, f->a, c, CRIT_COMMENT, "Why"));
	e = undo_capture(f->a, UNDO_EVIDENCE, c);
	undo_record(&f->u, &e, f->a, store_set_crit_text(f->st, f->a, c, CRIT_EVIDENCE, "http://x"));
	e = undo_capture(f->a, UNDO_COMMENT, c);
	undo_record(&f->u, &e, f->a, store_set_crit_text(f->st, f->a, c, CRIT_COMMENT, "Why not"));
	e = undo_capture(f->a, UNDO_NOTES, 1);
	undo_record(&f->u, &e, f->a, store_set_notes(f->st, f->a, 1, "Some notes"));
	e = undo_capture(f->a, UNDO_TARGET, 1);
	undo_record(&f->u, &e, f->a, store_set_target(f->st, f->a, 1, 3));
	e = undo_capture(f->a, UNDO_OVERRIDE, 0);
	undo_record(&f->u, &e, f->a, store_set_override(f->st, f->a, 0, 2, "Seen it"));
	assert_int_equal(f->u.n, 6);

	undo_ok(f, "da override 2 -> none");
	assert_int_equal(f->a->dims[0].override_level, NO_LEVEL);
	assert_null(f->a->dims[0].override_reason);
	undo_ok(f, "db target 3 -> none");
	assert_int_equal(f->a->dims[1].target, NO_LEVEL);
	undo_ok(f, "db notes removed");
	assert_null(f->a->dims[1].notes);
	undo_ok(f, "a3a comment put back");
	assert_string_equal(f->a->crits[c].comment, "Why");
	undo_ok(f, "a3a evidence removed");
	assert_null(f->a->crits[c].evidence);
	undo_ok(f, "a3a comment removed");
	assert_null(f->a->crits[c].comment);
	assert_int_equal(db_count(f, "SELECT count(*) FROM audit WHERE action IN "
				     "('comment', 'evidence')"), 6);
}

/* A change that changes nothing, or fails, leaves nothing to undo. */
static void test_noop_not_kept(void **state)
{
	struct fx *f = *state;
	size_t c = cix(f, "b2a");
	struct undo_entry e;

	answer(f, "b2a", ANS_UNKNOWN);
	assert_int_equal(f->u.n, 0);
	e = undo_capture(f->a, UNDO_ANSWER, c);
	undo_record(&f->u, &e, f->a, store_set_answer(f->st, f->a, c, ANS_NA));   /* no comment */
	assert_int_equal(f->u.n, 0);
}

static void test_depth(void **state)
{
	struct fx *f = *state;
	char got[64];

	for (int i = 0; i < UNDO_DEPTH + 8; i++)
		answer(f, "b2a", i % 2 ? ANS_YES : ANS_NO);
	assert_int_equal(f->u.n, UNDO_DEPTH);
	assert_true(UNDO_DEPTH >= 20);
	for (int i = 0; i < UNDO_DEPTH; i++)
		undo_ok(f, NULL);
	/* The oldest 8 went: the answer is the one before the 9th change. */
	db_answer(f, "b2a", f->a->id, got);
	assert_string_equal(got, "3 answered");
}

static void test_signed_off_refuses(void **state)
{
	struct fx *f = *state;
	char msg[256], got[64];

	answer(f, "a2b", ANS_PARTLY);
	assert_true(store_sign_off(f->st, f->a));
	assert_int_equal(undo_last(&f->u, f->st, msg, sizeof msg), UNDO_FAILED);
	assert_non_null(strstr(store_error(f->st), "signed off by"));
	assert_int_equal(f->u.n, 1);
	db_answer(f, "a2b", f->a->id, got);
	assert_string_equal(got, "2 answered");
	assert_true(store_reopen(f->st, f->a, "Fix a mistake"));
	undo_ok(f, "a2b partly -> unknown");
	db_answer(f, "a2b", f->a->id, got);
	assert_string_equal(got, "none");
}

static const struct roadmap_row *item(struct roadmap_row *r, size_t n, const char *crit)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(r[i].criterion_id, crit))
			return &r[i];
	fail_msg("no roadmap item %s", crit);
	return NULL;
}

static void test_roadmap_back(void **state)
{
	struct fx *f = *state;
	struct roadmap_row *r;
	size_t n;
	int64_t team = f->a->team_id;

	answer(f, "a2a", ANS_NO);       /* a gap criterion: an item */
	assert_true(store_roadmap_set_status(f->st, team, "a2a", RM_IN_PROGRESS));
	undo_record_roadmap(&f->u, UNDO_RM_STATUS, team, "a2a", RM_PLANNED, NULL);
	assert_true(store_roadmap_set_owner(f->st, team, "a2a", "dana"));
	undo_record_roadmap(&f->u, UNDO_RM_OWNER, team, "a2a", 0, NULL);
	assert_true(store_roadmap_set_due(f->st, team, "a2a", per("2026-Q3")));
	undo_record_roadmap(&f->u, UNDO_RM_DUE, team, "a2a", NO_PERIOD, NULL);

	undo_ok(f, "a2a due back to none");
	undo_ok(f, "a2a owner back to none");
	assert_true(store_roadmap_list(f->st, team, false, &r, &n));
	assert_string_equal(rm_status_name(item(r, n, "a2a")->status), "in-progress");
	assert_null(item(r, n, "a2a")->owner);
	assert_int_equal(item(r, n, "a2a")->due_period, NO_PERIOD);
	store_roadmap_free(r, n);
	undo_ok(f, "a2a status back to planned");
	assert_true(store_roadmap_list(f->st, team, false, &r, &n));
	assert_int_equal(item(r, n, "a2a")->status, RM_PLANNED);
	store_roadmap_free(r, n);
	assert_int_equal(db_count(f, "SELECT count(*) FROM audit WHERE action LIKE 'roadmap-%'"), 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_answer_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_carried_origin_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_texts_and_levels_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_noop_not_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_depth, setup, teardown),
		cmocka_unit_test_setup_teardown(test_signed_off_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roadmap_back, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
