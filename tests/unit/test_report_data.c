/* What the report gathers (src/report_data.c) on a real SQLite file filled
 * through the store API: the organisation's figures (periods, means, the
 * level distribution, the teams that moved, the roadmap by status), one
 * team's history, target and changed answers; the evidence's links; and
 * each format's escaping of user text (src/report_md.c, report_json.c,
 * report_html.c). Expected figures are worked out in the comments from
 * CONTRACT section 3. */
#include "testutil.h"

#include "model.h"
#include "period.h"
#include "report.h"
#include "report_data.h"
#include "store.h"

#include <math.h>
#include <sqlite3.h>

#define PATHSZ 4200

/* Levels 1 to 3; da weighs 2, dz 1. */
static const char model_yaml[] =
	"id: rd\nname: Report data\nversion: \"1\"\n"
	"levels:\n  - level: 1\n    name: One\n  - level: 2\n    name: Two\n"
	"  - level: 3\n    name: Three\n"
	"dimensions:\n"
	"  - id: da\n    name: Alpha dim\n    weight: 2\n    criteria:\n"
	"      - id: a2\n        level: 2\n        text: A two\n"
	"      - id: a3\n        level: 3\n        text: A three\n"
	"  - id: dz\n    name: Zeta dim\n    weight: 1\n    criteria:\n"
	"      - id: z2\n        level: 2\n        text: Z two\n"
	"      - id: z3\n        level: 3\n        text: Z three\n";

#define HOSTILE "A|B *c* <i>&\xe2\x80\xae"   /* ends with U+202E */

static struct {
	char *dir;
	char db[PATHSZ];
	struct model *m;
} fx;

static int per(const char *s)
{
	int p = NO_PERIOD;

	period_parse(s, &p);
	return p;
}

static bool answer(struct store *st, struct assessment *a, const char *crit, enum answer v)
{
	return store_set_answer(st, a, (size_t)model_find_criterion(fx.m, crit), v);
}

static struct assessment *begin(struct store *st, const char *team, const char *period)
{
	bool created;
	int64_t id = store_assessment_begin(st, team, per(period), "fac", fx.m, &created);
	struct assessment *a = NULL;

	if (id > 0)
		store_assessment_load(st, id, &a);
	return a;
}

static bool build(struct store *st)
{
	struct assessment *a;
	bool ok;

	/* Alpha 2026-Q1: nothing met: 1.00 and 1.00, overall 1.00. */
	a = begin(st, "Alpha", "2026-Q1");
	ok = a && answer(st, a, "a2", ANS_NO) && answer(st, a, "a3", ANS_NO) &&
	     answer(st, a, "z2", ANS_NO) && answer(st, a, "z3", ANS_NO);
	assessment_free(a);
	/* Alpha 2026-Q2, copied: a2 yes, a3 partly: da level 2, 2.50; dz
	 * 1.00; overall (2 x 2.50 + 1.00) / 3 = 2.00, a change of +1.00.
	 * Targets 3 and 2: the overall target (2 x 3 + 2) / 3 = 2.67. */
	a = ok ? begin(st, "Alpha", "2026-Q2") : NULL;
	ok = a && answer(st, a, "a2", ANS_YES) && answer(st, a, "a3", ANS_PARTLY) &&
	     store_set_target(st, a, 0, 3) && store_set_target(st, a, 1, 2);
	assessment_free(a);
	/* Beta 2026-Q2: da 3.00 (the top), dz level 2, 2.00; overall 2.67. */
	a = ok ? begin(st, "Beta", "2026-Q2") : NULL;
	ok = a && answer(st, a, "a2", ANS_YES) && answer(st, a, "a3", ANS_YES) &&
	     answer(st, a, "z2", ANS_YES) && answer(st, a, "z3", ANS_NO);
	assessment_free(a);
	return ok;
}

static int group_setup(void **state)
{
	char err[1024] = "";
	struct store *st;
	bool ok;

	(void)state;
	fx.dir = tu_tmpdir();
	snprintf(fx.db, sizeof fx.db, "%s/mlmat.db", fx.dir);
	fx.m = model_load_buffer(model_yaml, strlen(model_yaml), "rd.yaml", err, sizeof err);
	if (!fx.m) {
		fprintf(stderr, "the test model did not load: %s\n", err);
		return -1;
	}
	st = store_open(fx.db, STORE_CREATE, err, sizeof err);
	if (!st) {
		fprintf(stderr, "store_open: %s\n", err);
		return -1;
	}
	ok = build(st);
	if (!ok)
		fprintf(stderr, "building the test database: %s\n", store_error(st));
	store_close(st);
	return ok ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	model_free(fx.m);
	tu_tmpdir_remove(fx.dir);
	return 0;
}

static struct store *open_ro(void)
{
	char err[1024] = "";
	struct store *st = store_open(fx.db, STORE_READONLY, err, sizeof err);

	if (!st)
		fail_msg("store_open: %s", err);
	return st;
}

static void test_organisation(void **state)
{
	struct store *st = open_ro();
	struct report r;
	int sum[RM_NSTATUS] = { 0 };

	(void)state;
	assert_true(report_collect(st, NULL, NO_PERIOD, &r));
	assert_int_equal(r.nteams, 2);
	assert_int_equal(r.nperiods, 2);
	assert_int_equal(r.first_period, per("2026-Q1"));
	assert_int_equal(r.last_period, per("2026-Q2"));
	assert_string_equal(r.teams[0].a->team, "Alpha");
	assert_int_equal(r.teams[0].a->period, per("2026-Q2"));
	/* (2.00 + 2.67) / 2 */
	assert_true(fabs(r.mean_overall - 2.335) < 0.006);
	/* da: Alpha level 2, Beta level 3; dz: Alpha 1, Beta 2 */
	assert_int_equal(r.dist[0 * 3 + 0], 0);
	assert_int_equal(r.dist[0 * 3 + 1], 1);
	assert_int_equal(r.dist[0 * 3 + 2], 1);
	assert_int_equal(r.dist[1 * 3 + 0], 1);
	assert_int_equal(r.dist[1 * 3 + 1], 1);
	assert_int_equal(r.dist[1 * 3 + 2], 0);
	/* Only Alpha has an assessment before: +1.00 */
	assert_int_equal(r.nmovers, 1);
	assert_int_equal(r.movers[0], 0);
	assert_true(r.teams[0].has_change && fabs(r.teams[0].change - 1.0) < 1e-9);
	assert_false(r.teams[1].has_change);
	/* The roadmap counts are the teams' summed; a2, met, is done. */
	for (size_t i = 0; i < r.nteams; i++)
		for (int s = 0; s < RM_NSTATUS; s++)
			sum[s] += r.teams[i].status_count[s];
	assert_memory_equal(sum, r.status_count, sizeof sum);
	assert_true(r.status_count[RM_DONE] >= 1);
	assert_int_equal(r.nhistory, 0);
	report_free(&r);

	/* --period 2026-Q1: Alpha alone, its first assessment, no move. */
	assert_true(report_collect(st, NULL, per("2026-Q1"), &r));
	assert_int_equal(r.nteams, 1);
	assert_int_equal(r.nmovers, 0);
	assert_false(r.teams[0].latest);
	assert_int_equal(r.teams[0].nitems, 0);
	report_free(&r);
	store_close(st);
}

static void test_team(void **state)
{
	struct store *st = open_ro();
	struct report r;

	(void)state;
	assert_true(report_collect(st, "Alpha", NO_PERIOD, &r));
	assert_int_equal(r.nteams, 1);
	assert_true(r.teams[0].latest);
	assert_int_equal(r.nhistory, 2);
	assert_int_equal(r.history[0].period, per("2026-Q1"));
	assert_true(fabs(r.history[0].overall - 1.00) < 1e-9);
	assert_true(fabs(r.history[1].overall - 2.00) < 1e-9);
	assert_true(fabs(r.history[1].score[0] - 2.50) < 1e-9);
	assert_int_equal(r.history[1].level[0], 2);
	assert_int_equal(r.history[0].level[1], 1);
	assert_true(r.has_target);
	assert_true(fabs(r.overall_target - 2.67) < 1e-9);
	/* a2 no -> yes, a3 no -> partly; z2 and z3 stay no. */
	assert_int_equal(r.nanswer_changes, 2);
	assert_string_equal(fx.m->crits[r.answer_changes[0].crit].id, "a2");
	assert_int_equal(r.answer_changes[0].before, ANS_NO);
	assert_int_equal(r.answer_changes[0].now, ANS_YES);
	assert_int_equal(r.answer_changes[1].now, ANS_PARTLY);
	report_free(&r);

	/* Alpha at 2026-Q1: the history stops there. */
	assert_true(report_collect(st, "Alpha", per("2026-Q1"), &r));
	assert_int_equal(r.nhistory, 1);
	assert_null(r.teams[0].prev);
	assert_int_equal(r.nanswer_changes, 0);
	report_free(&r);
	store_close(st);
}

struct pieces {
	char text[512];
};

static void on_piece(void *ctx, const char *s, size_t n, bool link)
{
	struct pieces *p = ctx;
	size_t len = strlen(p->text);

	snprintf(p->text + len, sizeof p->text - len, "%s%.*s%s", link ? "[" : "", (int)n, s,
		 link ? "]" : "");
}

static void test_links(void **state)
{
	struct pieces p = { "" };

	(void)state;
	report_links("see https://a.example/c?d=1&e=2, and JAVASCRIPT:x(1) mailto:m@n.example. "
		     "HTTP://X.EXAMPLE https:// http://q\"o data:text/html,x ftp://f.example "
		     "(http://p.example)", on_piece, &p);
	assert_string_equal(p.text,
			    "see [https://a.example/c?d=1&e=2], and JAVASCRIPT:x(1) [mailto:m@n.example]. "
			    "[HTTP://X.EXAMPLE] https:// http://q\"o data:text/html,x ftp://f.example "
			    "(http://p.example)");
	memset(&p, 0, sizeof p);
	report_links("", on_piece, &p);
	assert_string_equal(p.text, "");
	report_links("http://only.example", on_piece, &p);
	assert_string_equal(p.text, "[http://only.example]");
}

static char *write_format(struct store *st, enum report_format f, const char *team)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	assert_true(report_write_format(st, f, team, NO_PERIOD, false, out));
	fclose(out);
	return text;
}

/* A team name with a pipe, emphasis, a tag, an ampersand and a
 * right-to-left override, escaped by each format for itself. */
static void test_escaping(void **state)
{
	char path[PATHSZ], err[1024] = "";
	struct store *st;
	char *md, *json, *html, *text;

	(void)state;
	snprintf(path, sizeof path, "%s/hostile.db", fx.dir);
	st = store_open(path, STORE_CREATE, err, sizeof err);
	assert_non_null(st);
	{
		struct assessment *a = begin(st, "Team", "2026-Q2");

		assert_non_null(a);
		assessment_free(a);
	}
	store_close(st);
	{
		/* The name goes in by hand: the store refuses the override. */
		sqlite3 *raw;
		sqlite3_stmt *q;

		assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(raw, "UPDATE teams SET name = ?", -1, &q, NULL),
				 SQLITE_OK);
		sqlite3_bind_text(q, 1, HOSTILE, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(q), SQLITE_DONE);
		sqlite3_finalize(q);
		sqlite3_close(raw);
	}
	st = store_open(path, STORE_READONLY, err, sizeof err);
	assert_non_null(st);
	md = write_format(st, REPORT_MARKDOWN, NULL);
	json = write_format(st, REPORT_JSON, NULL);
	html = write_format(st, REPORT_HTML, NULL);
	text = write_format(st, REPORT_TEXT, NULL);
	assert_non_null(strstr(md, "| A&#124;B \\*c\\* &lt;i&gt;&amp;? |"));
	assert_non_null(strstr(json, "\"team\": \"A|B *c* \\u003ci\\u003e\\u0026?\""));
	assert_non_null(strstr(html, ">A|B *c* &lt;i&gt;&amp;?<"));
	assert_non_null(strstr(text, "Team A|B *c* <i>&? - 2026-Q2"));
	assert_null(strstr(md, "\xe2\x80\xae"));
	assert_null(strstr(json, "\xe2\x80\xae"));
	assert_null(strstr(html, "\xe2\x80\xae"));
	free(md);
	free(json);
	free(html);
	free(text);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_organisation),
		cmocka_unit_test(test_team),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_escaping),
	};

	return cmocka_run_group_tests_name("report_data", tests, group_setup, group_teardown);
}
