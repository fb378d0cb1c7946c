/* mlmat import (CONTRACT section 6) on real SQLite files: the round trip
 * through the criteria export, conflicts and --force, n/a without a
 * comment, a signed-off assessment, one bad row among thousands changing
 * nothing, a dry run, and the audit chain after an import. */
#include "testutil.h"

#include "export.h"
#include "import.h"
#include "model.h"
#include "period.h"
#include "store.h"
#include "strbuf.h"

#define ERRSZ 1200

static const char yaml[] =
	"id: tiny\nname: Tiny model\nversion: \"1\"\nlevels:\n"
	"  - level: 1\n    name: One\n  - level: 2\n    name: Two\n  - level: 3\n    name: Three\n"
	"dimensions:\n"
	"  - id: dx\n    name: Dim X\n    criteria:\n"
	"      - id: x2a\n        level: 2\n        text: Criterion x2a\n        action: Do x2a.\n"
	"      - id: x2b\n        level: 2\n        text: Criterion x2b\n        action: Do x2b.\n"
	"      - id: x3a\n        level: 3\n        text: Criterion x3a\n        action: Do x3a.\n"
	"  - id: dy\n    name: Dim Y\n    criteria:\n"
	"      - id: y2a\n        level: 2\n        text: Criterion y2a\n        action: Do y2a.\n";

enum { X2A, X2B, X3A, Y2A };

#define HEADER "assessment_id,team,period,dimension_id,criterion_id,criterion_level,criterion," \
	       "answer,comment,evidence,origin\r\n"

struct fx {
	char *dir, db[4200], csv[4200];
	struct model *m;
	struct store *st;
	struct import_result r;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[ERRSZ] = "";

	f->dir = tu_tmpdir();
	snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
	snprintf(f->csv, sizeof f->csv, "%s/in.csv", f->dir);
	f->m = model_load_buffer(yaml, strlen(yaml), "tiny.yaml", err, sizeof err);
	if (!f->m)
		fail_msg("%s", err);
	if (!(f->st = store_open(f->db, STORE_CREATE, err, sizeof err)))
		fail_msg("%s", err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	import_result_free(&f->r);
	store_close(f->st);
	model_free(f->m);
	tu_tmpdir_remove(f->dir);
	free(f);
	return 0;
}

static int per(const char *p)
{
	int v = 0;

	assert_true(period_parse(p, &v));
	return v;
}

static struct assessment *assessment(struct store *st, const struct model *m, const char *team,
				     const char *p)
{
	struct assessment *a;
	bool created;
	int64_t id = store_assessment_begin(st, team, per(p), "fac", m, &created);

	if (!id)
		fail_msg("%s", store_error(st));
	assert_int_equal(store_assessment_load(st, id, &a), 1);
	return a;
}

/* Imports text (written to the fixture's CSV file); returns import_file's
 * answer, the result kept in f->r. */
static int import_text(struct fx *f, const char *text, bool force, bool dry_run)
{
	struct import_opts o = { dry_run, force, f->m, "tester", 50 };
	char err[ERRSZ] = "";
	int rc;

	tu_write_file(f->csv, text);
	import_result_free(&f->r);
	rc = import_file(f->st, f->csv, &o, &f->r, err, sizeof err);
	if (rc < 0)
		fail_msg("%s", err);
	return rc;
}

/* The errors, one a line. */
static char *errors(struct fx *f)
{
	static char buf[8192];

	buf[0] = '\0';
	for (size_t i = 0; i < f->r.nkept; i++) {
		strncat(buf, f->r.errors[i].msg, sizeof buf - strlen(buf) - 2);
		strcat(buf, "\n");
	}
	return buf;
}

static void has_error(struct fx *f, const char *part)
{
	if (!strstr(errors(f), part))
		fail_msg("no error with '%s' in:\n%s", part, errors(f));
}

/* The criteria export of st, as text, without the assessment_id and
 * origin columns (first and last). */
static char *export_criteria(struct store *st)
{
	struct export_filter flt = { NULL, NO_PERIOD, 0 };
	char *buf = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct strbuf sb;

	assert_non_null(out);
	if (!export_write(st, EXPORT_CRITERIA, &flt, out))
		fail_msg("%s", store_error(st));
	fclose(out);
	sb_init(&sb);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *first = strchr(line, ','), *last = strrchr(line, ',');

		sb_printf(&sb, "%.*s\n", (int)(last - first - 1), first + 1);
	}
	free(buf);
	return sb.s ? sb.s : strdup("");
}

static void answer(struct store *st, struct assessment *a, size_t c, enum answer v)
{
	if (!store_set_answer(st, a, c, v))
		fail_msg("%s", store_error(st));
}

static void text(struct store *st, struct assessment *a, size_t c, enum crit_text w,
		 const char *t)
{
	if (!store_set_crit_text(st, a, c, w, t))
		fail_msg("%s", store_error(st));
}

static void test_round_trip(void **state)
{
	struct fx *f = *state;
	struct assessment *a = assessment(f->st, f->m, "Data, \"Core\"", "2026-Q1"), *b;
	char err[ERRSZ] = "", *before, *after, path[4300];
	struct import_opts o = { false, false, f->m, "tester", 50 };
	struct store *st2;
	struct import_result r;
	FILE *out;
	struct export_filter flt = { NULL, NO_PERIOD, 0 };
	int64_t rows;
	char last[65];

	answer(f->st, a, X2A, ANS_YES);
	text(f->st, a, X2A, CRIT_COMMENT, "=SUM(A1), \"quoted\", caf\xC3\xA9");
	text(f->st, a, X2A, CRIT_EVIDENCE, "-https://wiki/x, @doc");
	text(f->st, a, X2B, CRIT_COMMENT, "not ours to run");
	answer(f->st, a, X2B, ANS_NA);
	answer(f->st, a, Y2A, ANS_PARTLY);
	/* A later quarter starts carried: imported, its answers are answered. */
	b = assessment(f->st, f->m, "Data, \"Core\"", "2026-Q2");
	answer(f->st, b, X3A, ANS_NO);
	assessment_free(a);
	assessment_free(b);
	before = export_criteria(f->st);

	snprintf(path, sizeof path, "%s/out.csv", f->dir);
	out = fopen(path, "w");
	assert_true(export_write(f->st, EXPORT_CRITERIA, &flt, out));
	fclose(out);
	snprintf(f->db, sizeof f->db, "%s/new.db", f->dir);
	if (!(st2 = store_open(f->db, STORE_CREATE, err, sizeof err)))
		fail_msg("%s", err);
	if (import_file(st2, path, &o, &r, err, sizeof err) != 1)
		fail_msg("%s %s", err, r.nkept ? r.errors[0].msg : "");
	assert_int_equal(r.created, 2);
	assert_int_equal(r.comments, 4);       /* x2a, x2b, carried into Q2 */
	after = export_criteria(st2);
	assert_string_equal(after, before);
	/* The export's formula guard is taken off again, not kept. */
	{
		int64_t team, id;
		struct assessment *c;

		assert_int_equal(store_team_find(st2, "Data, \"Core\"", &team), 1);
		assert_int_equal(store_assessment_find(st2, team, per("2026-Q1"), &id), 1);
		assert_int_equal(store_assessment_load(st2, id, &c), 1);
		assert_string_equal(c->crits[X2A].comment, "=SUM(A1), \"quoted\", caf\xC3\xA9");
		assert_string_equal(c->crits[X2A].evidence, "-https://wiki/x, @doc");
		assert_int_equal(c->answers[X2B], ANS_NA);
		assessment_free(c);
	}
	assert_int_equal(store_audit_verify(st2, &rows, last), 1);
	import_result_free(&r);
	store_close(st2);
	free(before);
	free(after);
}

static void test_conflict_and_force(void **state)
{
	struct fx *f = *state;
	struct assessment *a = assessment(f->st, f->m, "Team", "2026-Q1");
	char *before;

	answer(f->st, a, X2A, ANS_YES);
	before = export_criteria(f->st);
	assert_int_equal(import_text(f, HEADER ",Team,2026-Q1,dx,x2a,2,,no,,,\r\n"
					",Team,2026-Q1,dx,x2b,2,,yes,,,\r\n", false, false), 0);
	has_error(f, ":2: error: conflict: x2a of Team 2026-Q1 is yes in the database and no here");
	assert_int_equal(f->r.nerrors, 1);
	{
		char *now = export_criteria(f->st);

		assert_string_equal(now, before);
		free(now);
	}
	/* The same answer, or unknown, is no conflict. */
	assert_int_equal(import_text(f, HEADER ",Team,2026-Q1,dx,x2a,2,,yes,,,\r\n"
					",Team,2026-Q1,dx,x2b,2,,unknown,,,\r\n", false, false), 1);
	assert_int_equal(import_text(f, HEADER ",Team,2026-Q1,dx,x2a,2,,no,,,\r\n", true, false), 1);
	assert_int_equal(f->r.answers_changed, 1);
	assert_int_equal(store_assessment_reload(f->st, a), true);
	assert_int_equal(a->answers[X2A], ANS_NO);
	assessment_free(a);
	free(before);
}

static void test_na_needs_a_comment(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import_text(f, HEADER ",Team,2026-Q1,dx,x2a,2,,n/a,,,\r\n", false, false), 0);
	has_error(f, ":2: error: x2a is n/a without a comment");
	assert_int_equal(store_assessment_count(f->st), 0);
	assert_int_equal(import_text(f, HEADER ",Team,2026-Q1,dx,x2a,2,,n/a,not ours,,\r\n", false,
				     false), 1);
	assert_int_equal(store_assessment_count(f->st), 1);
}

static void test_signed_off_refused(void **state)
{
	struct fx *f = *state;
	struct assessment *a = assessment(f->st, f->m, "Team", "2026-Q1");
	char *before;

	answer(f->st, a, X2A, ANS_YES);
	if (!store_sign_off(f->st, a))
		fail_msg("%s", store_error(f->st));
	before = export_criteria(f->st);
	assert_int_equal(import_text(f, HEADER ",Team,2026-Q1,dx,x2b,2,,yes,,,\r\n", false, false), 0);
	has_error(f, ":2: error: Team 2026-Q1 is signed off");
	/* A row that matches what it holds changes nothing: no refusal. */
	assert_int_equal(import_text(f, HEADER ",Team,2026-Q1,dx,x2a,2,,yes,,,\r\n", false, false), 1);
	{
		char *now = export_criteria(f->st);

		assert_string_equal(now, before);
		free(now);
	}
	assessment_free(a);
	free(before);
}

/* 3,000 rows, one of them bad: nothing is imported, every check still
 * runs (the bad criterion is found too). */
static void test_one_bad_row_among_thousands(void **state)
{
	static const char *const crits[] = { "x2a", "x2b", "x3a", "y2a" };
	struct fx *f = *state;
	struct strbuf sb;
	int64_t audits;
	char last[65];

	sb_init(&sb);
	sb_adds(&sb, HEADER);
	for (int i = 0; i < 3000; i++)
		sb_printf(&sb, ",T%d,2026-Q%d,,%s,,,%s,,,\r\n", i / 8, 1 + i % 8 / 4, crits[i % 4],
			  i == 1700 ? "maybe" : i == 2900 ? "yes" : "partly");
	sb_adds(&sb, ",T1,2026-Q1,,nope,,,yes,,,\r\n");
	assert_int_equal(import_text(f, sb.s, false, false), 0);
	assert_int_equal(f->r.nerrors, 2);
	has_error(f, ":1702: error: the answer 'maybe'");
	has_error(f, ":3002: error: no criterion 'nope'");
	assert_int_equal(store_assessment_count(f->st), 0);
	assert_int_equal(store_audit_verify(f->st, &audits, last), 1);
	assert_int_equal(audits, 0);
	sb_free(&sb);
}

static void test_dry_run_changes_nothing(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import_text(f, HEADER ",Team,2026-Q1,dx,x2a,2,,yes,why,doc,\r\n"
					",Team,2026-Q2,dy,y2a,2,,no,,,\r\n", false, true), 1);
	assert_int_equal(f->r.created, 2);
	assert_int_equal(f->r.answers_set, 2);
	assert_int_equal(f->r.comments, 1);
	assert_int_equal(f->r.evidence, 1);
	assert_int_equal(store_assessment_count(f->st), 0);
}

static void test_audited_and_chained(void **state)
{
	struct fx *f = *state;
	int64_t rows;
	char last[65];

	assert_int_equal(import_text(f, "\xEF\xBB\xBF" HEADER ",Team,2026-Q1,dx,x2a,2,,yes,,,\r\n"
					",Team,2026-Q1,wrong,x2b,2,,no,,,\r\n", false, false), 0);
	has_error(f, ":3: error: criterion 'x2b' is in dimension 'dx', not 'wrong'");
	assert_int_equal(import_text(f, "\xEF\xBB\xBF" HEADER ",Team,2026-Q1,dx,x2a,2,,yes,,,\r\n",
				     false, false), 1);
	assert_int_equal(store_audit_verify(f->st, &rows, last), 1);
	/* The model's registration, the assessment's creation, the import. */
	assert_int_equal(rows, 3);
}

/* Rows bad on their own: each is named at its line, none is imported. */
static void test_bad_values(void **state)
{
	struct fx *f = *state;
	struct strbuf sb;

	sb_init(&sb);
	sb_adds(&sb, HEADER);
	sb_printf(&sb, ",Team,2026-Q1,dx,x2a,2,,yes,%0501d,,\r\n", 0);
	sb_printf(&sb, ",Team,2026-Q1,dx,x2b,2,,yes,,%01001d,\r\n", 0);
	sb_printf(&sb, ",%081d,2026-Q1,dx,x2a,2,,yes,,,\r\n", 0);
	sb_adds(&sb, ",Team,2026-Q5,dx,x2a,2,,yes,,,\r\n");
	sb_adds(&sb, ",Team,2026-Q1,dx,x3a,3,,maybe,,,\r\n");
	sb_adds(&sb, ",Team,2026-Q1,dx,x3a,3,,yes,,\r\n");
	sb_adds(&sb, ",Team,2026-Q1,dx,x3a,3,,yes,\"a\"b,,\r\n");
	sb_adds(&sb, ",Team,2026-Q1,dy,y2a,2,,yes,\xE2\x80\xAE" "evil,,\r\n");
	assert_int_equal(import_text(f, sb.s, false, false), 0);
	has_error(f, ":2: error: the comment is at most 500 characters (this one has 501)");
	has_error(f, ":3: error: the evidence is at most 1000 characters");
	has_error(f, ":4: error: a team name is at most 80 characters");
	has_error(f, ":5: error: the period '2026-Q5'");
	has_error(f, ":6: error: the answer 'maybe'");
	has_error(f, ":7: error: 10 fields, the header has 11");
	has_error(f, ":8: error: text after the closing quote");
	has_error(f, ":9: error: the comment cannot hold control characters or direction overrides");
	assert_int_equal(f->r.nerrors, 8);
	assert_int_equal(store_assessment_count(f->st), 0);
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_and_force, setup, teardown),
		cmocka_unit_test_setup_teardown(test_na_needs_a_comment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_signed_off_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_bad_row_among_thousands, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dry_run_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audited_and_chained, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_values, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
