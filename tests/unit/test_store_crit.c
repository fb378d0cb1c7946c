/* What makes an assessment defensible (CONTRACT section 3), through the
 * store on a real SQLite file: n/a with its reason, comment and evidence
 * per criterion, carried and answered answers, sign-off and reopening, the
 * undo's restore of an answer, and the upgrade of a version 2 database
 * (tests/fixtures/schema-v2.sql, made by mlmat 6194b19) to version 3. */
#include "testutil.h"

#include "export.h"
#include "model.h"
#include "period.h"
#include "store.h"
#include "store_int.h"      /* store_db: the checks read the rows themselves */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ERRSZ 1024

static const char yaml[] =
	"id: tiny\nname: Tiny model\nversion: \"1\"\nlevels:\n"
	"  - level: 1\n    name: One\n  - level: 2\n    name: Two\n  - level: 3\n    name: Three\n"
	"dimensions:\n"
	"  - id: dx\n    name: Dim X\n    weight: 1\n    criteria:\n"
	"      - id: x2a\n        level: 2\n        text: Criterion x2a\n        action: Do x2a.\n"
	"      - id: x2b\n        level: 2\n        text: Criterion x2b\n        action: Do x2b.\n"
	"      - id: x3a\n        level: 3\n        text: Criterion x3a\n        action: Do x3a.\n"
	"  - id: dy\n    name: Dim Y\n    weight: 1\n    criteria:\n"
	"      - id: y2a\n        level: 2\n        text: Criterion y2a\n        action: Do y2a.\n";

enum { X2A, X2B, X3A, Y2A };

struct fx {
	char *dir, path[4200];
	struct model *m;
	struct store *st;
	struct assessment *a;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[ERRSZ] = "";

	f->dir = tu_tmpdir();
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	f->m = model_load_buffer(yaml, strlen(yaml), "tiny.yaml", err, sizeof err);
	if (!f->m)
		fail_msg("%s", err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	assessment_free(f->a);
	store_close(f->st);
	model_free(f->m);
	tu_tmpdir_remove(f->dir);
	free(f);
	return 0;
}

static int period(const char *p)
{
	int v = 0;

	assert_true(period_parse(p, &v));
	return v;
}

/* Opens the database and the team's assessment for p (made if need be). */
static struct assessment *open_assessment(struct fx *f, const char *p)
{
	char err[ERRSZ] = "";
	struct assessment *a;
	bool created;
	int64_t id;

	if (!f->st && !(f->st = store_open(f->path, STORE_CREATE, err, sizeof err)))
		fail_msg("%s", err);
	id = store_assessment_begin(f->st, "Team", period(p), "fac", f->m, &created);
	if (!id)
		fail_msg("%s", store_error(f->st));
	assert_int_equal(store_assessment_load(f->st, id, &a), 1);
	return a;
}

static void ok(struct fx *f, bool done)
{
	if (!done)
		fail_msg("%s", store_error(f->st));
}

static int64_t qint(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static char *qtext(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	const char *t;
	char *v;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	t = (const char *)sqlite3_column_text(s, 0);
	v = strdup(t ? t : "(null)");
	sqlite3_finalize(s);
	return v;
}

static void assert_q(struct store *st, const char *want, const char *sql)
{
	char *got = qtext(st, sql);

	if (strcmp(got, want) != 0)
		fail_msg("%s: '%s', expected '%s'", sql, got, want);
	free(got);
}

/* ---- n/a ---- */

static void test_na_needs_a_comment(void **state)
{
	struct fx *f = *state;
	struct assessment *a = f->a = open_assessment(f, "2026-Q1");
	int64_t audits = qint(f->st, "SELECT count(*) FROM audit");

	assert_false(store_set_answer(f->st, a, X2A, ANS_NA));
	assert_non_null(strstr(store_error(f->st), "n/a needs a comment"));
	assert_int_equal(a->answers[X2A], ANS_UNKNOWN);
	assert_int_equal(qint(f->st, "SELECT count(*) FROM audit"), audits);
	ok(f, store_set_crit_text(f->st, a, X2A, CRIT_COMMENT, "No models in production"));
	ok(f, store_set_answer(f->st, a, X2A, ANS_NA));
	assert_int_equal(a->answers[X2A], ANS_NA);
	assert_q(f->st, "4", "SELECT answer FROM answers WHERE criterion_id = 'x2a'");
	/* The reason stays while the answer is n/a. */
	assert_false(store_set_crit_text(f->st, a, X2A, CRIT_COMMENT, ""));
	assert_non_null(strstr(store_error(f->st), "cannot be cleared"));
	assert_string_equal(a->crits[X2A].comment, "No models in production");
}

/* n/a is left out of level and score and counts as answered. */
static void test_na_scores(void **state)
{
	struct fx *f = *state;
	struct assessment *a = f->a = open_assessment(f, "2026-Q1");

	ok(f, store_set_crit_text(f->st, a, X2A, CRIT_COMMENT, "Does not apply"));
	ok(f, store_set_answer(f->st, a, X2A, ANS_NA));
	ok(f, store_set_answer(f->st, a, X2B, ANS_YES));
	/* Level 2 holds: x2a is as if the model did not have it. */
	assert_int_equal(a->scores[0].level, 2);
	assert_int_equal(a->scores[0].answered, 2);
	assert_true(a->scores[0].coverage > 0.66 && a->scores[0].coverage < 0.68);
	ok(f, store_set_answer(f->st, a, X3A, ANS_PARTLY));
	assert_true(a->scores[0].score > 2.49 && a->scores[0].score < 2.51);
	/* A level whose criteria are all n/a is passed. */
	ok(f, store_set_crit_text(f->st, a, Y2A, CRIT_COMMENT, "No such thing here"));
	ok(f, store_set_answer(f->st, a, Y2A, ANS_NA));
	assert_int_equal(a->scores[1].level, 3);
	assert_true(a->scores[1].coverage > 0.99);
}

/* ---- comment and evidence ---- */

static void test_comment_and_evidence(void **state)
{
	struct fx *f = *state;
	struct assessment *a = f->a = open_assessment(f, "2026-Q1");
	char long_text[1200];
	char *theirs = NULL;

	ok(f, store_set_crit_text(f->st, a, X2B, CRIT_COMMENT, "Seen in the tracker"));
	ok(f, store_set_crit_text(f->st, a, X2B, CRIT_EVIDENCE, "https://wiki.example/ml/x2b"));
	assert_q(f->st, "Seen in the tracker|https://wiki.example/ml/x2b|(null)",
		 "SELECT comment || '|' || evidence || '|' || ifnull(answer, '(null)') FROM answers");
	assert_q(f->st, "x2b: evidence: https://wiki.example/ml/x2b",
		 "SELECT detail FROM audit WHERE action = 'evidence'");
	/* Limits and unsafe text. */
	memset(long_text, 'a', 501);
	long_text[501] = '\0';
	assert_false(store_set_crit_text(f->st, a, X2B, CRIT_COMMENT, long_text));
	assert_non_null(strstr(store_error(f->st), "at most 500"));
	memset(long_text, 'a', 1000);
	long_text[1000] = '\0';
	ok(f, store_set_crit_text(f->st, a, X2B, CRIT_EVIDENCE, long_text));
	long_text[1000] = 'b';
	long_text[1001] = '\0';
	assert_false(store_set_crit_text(f->st, a, X2B, CRIT_EVIDENCE, long_text));
	assert_false(store_set_crit_text(f->st, a, X2B, CRIT_COMMENT, "two\nlines"));
	assert_false(store_set_crit_text(f->st, a, X2B, CRIT_COMMENT, "\xe2\x80\xae" "evil"));
	assert_string_equal(a->crits[X2B].comment, "Seen in the tracker");
	/* Compare-and-set: another writer's comment is a conflict. */
	assert_int_equal(store_set_crit_text_if(f->st, a, X2B, CRIT_COMMENT, "old", "mine", &theirs),
			 STORE_CONFLICT);
	assert_string_equal(theirs, "Seen in the tracker");
	free(theirs);
	/* Cleared both: the row holds nothing and goes. */
	ok(f, store_set_crit_text(f->st, a, X2B, CRIT_COMMENT, NULL));
	ok(f, store_set_crit_text(f->st, a, X2B, CRIT_EVIDENCE, ""));
	assert_int_equal(qint(f->st, "SELECT count(*) FROM answers"), 0);
}

/* ---- carried or answered ---- */

static void test_carried_until_answered(void **state)
{
	struct fx *f = *state;
	struct assessment *a = open_assessment(f, "2026-Q1");
	int from;

	ok(f, store_set_answer(f->st, a, X2A, ANS_YES));
	ok(f, store_set_answer(f->st, a, X2B, ANS_PARTLY));
	ok(f, store_set_answer(f->st, a, X3A, ANS_NO));
	ok(f, store_set_crit_text(f->st, a, X3A, CRIT_EVIDENCE, "doc MLP-12"));
	ok(f, store_set_crit_text(f->st, a, Y2A, CRIT_COMMENT, "Ask again next quarter"));
	assert_int_equal(a->crits[X2A].origin, ORIGIN_ANSWERED);
	assert_int_equal(assessment_carried(a, -1), 0);
	assert_int_equal(store_assessment_source(f->st, a, &from), 0);
	assessment_free(a);

	a = f->a = open_assessment(f, "2026-Q2");
	assert_int_equal(store_assessment_source(f->st, a, &from), 1);
	assert_int_equal(from, period("2026-Q1"));
	assert_int_equal(assessment_carried(a, -1), 3);
	assert_int_equal(assessment_carried(a, 0), 3);
	assert_int_equal(assessment_carried(a, 1), 0);
	assert_int_equal(a->crits[X2A].origin, ORIGIN_CARRIED);
	assert_int_equal(a->crits[Y2A].origin, ORIGIN_NONE);     /* unknown */
	assert_string_equal(a->crits[X3A].evidence, "doc MLP-12");
	assert_string_equal(a->crits[Y2A].comment, "Ask again next quarter");
	/* The same answer confirms; another answer is answered too. */
	ok(f, store_set_answer(f->st, a, X2A, ANS_YES));
	assert_int_equal(a->crits[X2A].origin, ORIGIN_ANSWERED);
	assert_q(f->st, "answered", "SELECT origin FROM answers WHERE criterion_id = 'x2a' "
		 "AND assessment_id = (SELECT max(id) FROM assessments)");
	assert_q(f->st, "x2a: yes (carried -> answered)",
		 "SELECT detail FROM audit ORDER BY id DESC LIMIT 1");
	assert_int_equal(assessment_carried(a, -1), 2);
	/* The rest of the dimension at once. */
	assert_int_equal(store_confirm_carried(f->st, a, 0), 2);
	assert_int_equal(assessment_carried(a, -1), 0);
	assert_int_equal(qint(f->st, "SELECT count(*) FROM answers WHERE origin = 'carried'"), 0);
	assert_q(f->st, "dx: confirmed 2 carried answers: x2b x3a",
		 "SELECT detail FROM audit WHERE action = 'confirm'");
	assert_int_equal(store_confirm_carried(f->st, a, 0), 0);
	/* The undo's restore puts the origin back with the answer. */
	ok(f, store_set_answer(f->st, a, X2B, ANS_NO));
	ok(f, store_restore_answer(f->st, a, X2B, ANS_PARTLY, ORIGIN_CARRIED));
	assert_int_equal(a->answers[X2B], ANS_PARTLY);
	assert_int_equal(a->crits[X2B].origin, ORIGIN_CARRIED);
	assert_q(f->st, "x2b: no -> partly (undo)", "SELECT detail FROM audit ORDER BY id DESC LIMIT 1");
}

/* ---- sign-off ---- */

static void test_sign_off_refuses_changes(void **state)
{
	struct fx *f = *state;
	struct assessment *a = f->a = open_assessment(f, "2026-Q1");
	char *before;
	int64_t audits;

	ok(f, store_set_answer(f->st, a, X2A, ANS_YES));
	ok(f, store_sign_off(f->st, a));
	assert_non_null(a->signed_by);
	assert_int_equal(strlen(a->signed_at), 20);
	assert_q(f->st, "sign-off", "SELECT action FROM audit ORDER BY id DESC LIMIT 1");
	assert_false(store_sign_off(f->st, a));
	before = qtext(f->st, "SELECT group_concat(ifnull(answer, '-') || ifnull(comment, '-'), ',') "
			      "|| (SELECT group_concat(ifnull(target, '-') || ifnull(notes, '-')) FROM dims) "
			      "FROM answers");
	audits = qint(f->st, "SELECT count(*) FROM audit");
	{
		bool refused[] = {
			store_set_answer(f->st, a, X2B, ANS_YES),
			store_set_crit_text(f->st, a, X2B, CRIT_COMMENT, "c"),
			store_set_crit_text(f->st, a, X2B, CRIT_EVIDENCE, "e"),
			store_set_target(f->st, a, 0, 3),
			store_set_override(f->st, a, 0, 3, "why"),
			store_set_notes(f->st, a, 0, "n"),
			store_restore_answer(f->st, a, X2A, ANS_NO, ORIGIN_ANSWERED),
			store_confirm_carried(f->st, a, 0) >= 0,
		};

		for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
			if (refused[i])
				fail_msg("change %zu was saved on a signed-off assessment", i);
	}
	assert_non_null(strstr(store_error(f->st), "is signed off by"));
	assert_non_null(strstr(store_error(f->st), a->signed_at));
	assert_q(f->st, before, "SELECT group_concat(ifnull(answer, '-') || ifnull(comment, '-'), ',') "
		 "|| (SELECT group_concat(ifnull(target, '-') || ifnull(notes, '-')) FROM dims) "
		 "FROM answers");
	assert_int_equal(qint(f->st, "SELECT count(*) FROM audit"), audits);
	free(before);
	/* Reopening needs a reason, and is audited with it. */
	assert_false(store_reopen(f->st, a, ""));
	ok(f, store_reopen(f->st, a, "Evidence for x2b arrived late"));
	assert_null(a->signed_by);
	before = qtext(f->st, "SELECT detail FROM audit ORDER BY id DESC LIMIT 1");
	assert_non_null(strstr(before, "Evidence for x2b arrived late"));
	free(before);
	ok(f, store_set_answer(f->st, a, X2B, ANS_YES));
}

/* Another dashboard's sign-off is seen at the next change. */
static void test_sign_off_seen_by_others(void **state)
{
	struct fx *f = *state;
	struct assessment *a = f->a = open_assessment(f, "2026-Q1");
	char err[ERRSZ] = "";
	struct store *other = store_open(f->path, 0, err, sizeof err);
	struct assessment *b;

	assert_non_null(other);
	assert_int_equal(store_assessment_load(other, a->id, &b), 1);
	ok(f, store_sign_off(f->st, a));
	assert_false(store_set_answer(other, b, X2A, ANS_YES));
	assert_non_null(strstr(store_error(other), "signed off"));
	assert_non_null(b->signed_by);
	assessment_free(b);
	store_close(other);
}

/* ---- blocked roadmap items in the export ---- */

static const char req_yaml[] =
	"id: req\nname: Req\nversion: \"1\"\nlevels:\n  - level: 1\n    name: One\n"
	"  - level: 2\n    name: Two\n  - level: 3\n    name: Three\n"
	"dimensions:\n  - id: dx\n    name: X\n    criteria:\n"
	"      - id: x2a\n        level: 2\n        text: A\n"
	"      - id: x2b\n        level: 2\n        text: B\n"
	"      - id: x2c\n        level: 2\n        text: C\n        requires: [x2a, x2b]\n";

static void test_export_blocked_by(void **state)
{
	struct fx *f = *state;
	char err[ERRSZ] = "", *out = NULL;
	size_t len = 0;
	struct export_filter all = { NULL, NO_PERIOD, 0 };
	struct assessment *a;
	FILE *mem;

	model_free(f->m);
	f->m = model_load_buffer(req_yaml, strlen(req_yaml), "req.yaml", err, sizeof err);
	assert_non_null(f->m);
	a = f->a = open_assessment(f, "2026-Q1");
	ok(f, store_set_answer(f->st, a, 0, ANS_PARTLY));
	ok(f, store_set_answer(f->st, a, 2, ANS_NO));
	mem = open_memstream(&out, &len);
	assert_true(export_write(f->st, EXPORT_ROADMAP, &all, mem));
	fclose(mem);
	/* x2c waits for x2a (partly) and x2b (unknown); x2a blocks nothing. */
	assert_non_null(strstr(out, ",blocked_by\r\n"));
	assert_non_null(strstr(out, "Team,dx,x2a,,planned,,,2026-Q1,,\r\n"));
	assert_non_null(strstr(out, "Team,dx,x2c,,planned,,,2026-Q1,,x2a x2b\r\n"));
	free(out);
	/* x2a yes, x2b n/a: nothing blocks x2c any more. */
	ok(f, store_set_answer(f->st, a, 0, ANS_YES));
	ok(f, store_set_crit_text(f->st, a, 1, CRIT_COMMENT, "Not for us"));
	ok(f, store_set_answer(f->st, a, 1, ANS_NA));
	mem = open_memstream(&out, &len);
	assert_true(export_write(f->st, EXPORT_ROADMAP, &all, mem));
	fclose(mem);
	assert_non_null(strstr(out, "Team,dx,x2c,,planned,,,2026-Q1,,\r\n"));
	free(out);
}

/* ---- the upgrade from version 2 ---- */

static void test_upgrade_from_v2(void **state)
{
	struct fx *f = *state;
	char fixture[4200], err[ERRSZ] = "", *sql, last[65];
	sqlite3 *db;
	char *msg = NULL;
	int64_t rows;
	FILE *in;
	long n;

	snprintf(fixture, sizeof fixture, "%s/schema-v2.sql", tu_fixtures());
	in = fopen(fixture, "rb");
	assert_non_null(in);
	fseek(in, 0, SEEK_END);
	n = ftell(in);
	rewind(in);
	sql = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(sql, 1, (size_t)n, in), (size_t)n);
	fclose(in);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s", msg);
	sqlite3_close(db);
	free(sql);

	f->st = store_open(f->path, 0, err, sizeof err);
	if (!f->st)
		fail_msg("%s", err);
	assert_int_equal(qint(f->st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	/* x2a: made and closed in 2026-Q1, never answered no: never work. */
	assert_int_equal(qint(f->st, "SELECT count(*) FROM roadmap WHERE criterion_id = 'x2a'"), 0);
	/* x2b was answered no first: real work, done. x3a is open. */
	assert_q(f->st, "done", "SELECT status FROM roadmap WHERE criterion_id = 'x2b'");
	assert_q(f->st, "planned", "SELECT status FROM roadmap WHERE criterion_id = 'x3a'");
	assert_q(f->st, "removed 1 roadmap item that no answer put in the gap: x2a",
		 "SELECT detail FROM audit WHERE action = 'roadmap-upgrade'");
	/* Origins from the audit log: answered where a change set them,
	 * carried where the assessment was copied. */
	assert_q(f->st, "1 x2a answered,1 x2b answered,2 x2a carried,2 x2b carried,2 x3a answered",
		 "SELECT group_concat(assessment_id || ' ' || criterion_id || ' ' || origin, ',') "
		 "FROM (SELECT * FROM answers ORDER BY assessment_id, criterion_id)");
	assert_int_equal(store_audit_verify(f->st, &rows, last), 1);
	assert_int_equal(rows, 10);
	f->a = NULL;
	assert_int_equal(store_assessment_load(f->st, 2, &f->a), 1);
	assert_int_equal(assessment_carried(f->a, -1), 2);
	assert_null(f->a->signed_by);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_na_needs_a_comment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_na_scores, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comment_and_evidence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_carried_until_answered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_off_refuses_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_off_seen_by_others, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_blocked_by, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_from_v2, setup, teardown),
	};

	return cmocka_run_group_tests_name("store_crit", tests, NULL, NULL);
}
