/* The plain-text report (src/report.c, `mlmat report`) on a real SQLite
 * file filled through the store API: every team's latest assessment, one
 * team, one period; per team the overall score, per dimension level,
 * score, target and gap, the top five open roadmap items ranked by gap
 * times weight, the state (open or signed off) and every comment and
 * evidence by dimension. Expected numbers are worked out from CONTRACT section 3 in
 * the comments. Lines are found by their start and their numbers read as
 * words, so the checks hold whatever the column widths. */
#include "testutil.h"

#include "model.h"
#include "report.h"
#include "roadmap.h"
#include "score.h"
#include "store.h"
#include "period.h"

#include <sqlite3.h>
#include <sys/stat.h>

#define PATHSZ 4200

/* Levels 1 to 4. dz "Zeta ünï" (weight 1) before da "Alpha" (weight 2). */
static const char model_yaml[] =
	"id: rep-model\nname: Report test\nversion: \"2.1\"\n"
	"levels:\n"
	"  - level: 1\n    name: One\n  - level: 2\n    name: Two\n"
	"  - level: 3\n    name: Three\n  - level: 4\n    name: Four\n"
	"dimensions:\n"
	"  - id: dz\n    name: Zeta ünï\n    weight: 1\n    criteria:\n"
	"      - id: z2a\n        level: 2\n        text: Zeta two\n        action: Do z2a.\n"
	"      - id: z3a\n        level: 3\n        text: Zeta three\n        action: Do z3a.\n"
	"      - id: z4a\n        level: 4\n        text: Zeta four\n        action: Do z4a.\n"
	"  - id: da\n    name: Alpha\n    weight: 2\n    criteria:\n"
	"      - id: a2a\n        level: 2\n        text: Alpha two A\n        action: Do a2a.\n"
	"      - id: a2b\n        level: 2\n        text: Alpha two B\n        action: Do a2b.\n"
	"      - id: a3a\n        level: 3\n        text: Alpha three\n        action: Do a3a.\n"
	"      - id: a4a\n        level: 4\n        text: Alpha four\n";

static const char *const crit_order[] = { "z2a", "z3a", "z4a", "a2a", "a2b", "a3a", "a4a" };

#define OWNER "Zoë, Ops"
#define REASON "Seen in prod\x1b[2J"

static struct {
	char *dir;
	char db[PATHSZ];
	struct model *m;
	int64_t beta2, beta1, alpha1;
	char err[1024];
} fx;

static void path_in(char out[PATHSZ], const char *dir, const char *name)
{
	int n = snprintf(out, PATHSZ, "%s/%s", dir, name);

	if (n < 0 || n >= PATHSZ)
		fail_msg("path too long: %s/%s", dir, name);
}

static int per(const char *s)
{
	int p = NO_PERIOD;

	period_parse(s, &p);
	return p;
}

static bool step(bool ok, struct store *st, const char *what)
{
	if (!ok && !fx.err[0])
		snprintf(fx.err, sizeof fx.err, "%s: %s", what, store_error(st));
	return ok;
}

static bool ans(struct store *st, struct assessment *a, const char *crit, enum answer v)
{
	return step(store_set_answer(st, a, (size_t)model_find_criterion(fx.m, crit), v), st, crit);
}

static bool tgt(struct store *st, struct assessment *a, const char *dim, int level)
{
	return step(store_set_target(st, a, (size_t)model_find_dimension(fx.m, dim), level), st, dim);
}

static int64_t begin(struct store *st, const char *team, const char *period, const char *fac)
{
	bool created = false;
	int64_t id = store_assessment_begin(st, team, per(period), fac, fx.m, &created);

	return step(id > 0 && created, st, "store_assessment_begin") ? id : 0;
}

static bool build(struct store *st)
{
	struct assessment *a;
	int64_t team;
	bool ok;

	/* Beta 2026-Q2, its latest. da: a2a a2b yes, a3a partly, a4a no,
	 * target 4: level 2, score 2.50, gap 1.50. dz: z2a z3a no, z4a yes,
	 * target 3: level 1, score 1.00, gap 2.00. Overall (2 x 2.50 + 1 x
	 * 1.00) / 3 = 2.00; all answered: coverage 100%. */
	if (!(fx.beta2 = begin(st, "Beta", "2026-Q2", "Fac One")))
		return false;
	store_assessment_load(st, fx.beta2, &a);
	ok = step(a != NULL, st, "load") && tgt(st, a, "da", 4) &&
	     ans(st, a, "a2a", ANS_YES) && ans(st, a, "a2b", ANS_YES) &&
	     ans(st, a, "a3a", ANS_PARTLY) && ans(st, a, "a4a", ANS_NO) &&
	     tgt(st, a, "dz", 3) && ans(st, a, "z2a", ANS_NO) && ans(st, a, "z3a", ANS_NO) &&
	     ans(st, a, "z4a", ANS_YES);
	assessment_free(a);
	if (!ok)
		return false;

	/* Beta 2026-Q1, older: dz overridden to 3 with a reason that holds
	 * an escape sequence; nothing answered. da: level 1, score 1.00; dz
	 * 3.00. Overall (2 x 1 + 1 x 3) / 3 = 1.67; coverage 0%. */
	if (!(fx.beta1 = begin(st, "Beta", "2026-Q1", "Fac Two")))
		return false;
	store_assessment_load(st, fx.beta1, &a);
	ok = step(a != NULL, st, "load") &&
	     step(store_set_override(st, a, (size_t)model_find_dimension(fx.m, "dz"), 3, REASON),
		  st, "override");
	assessment_free(a);
	if (!ok)
		return false;

	/* Alpha 2026-Q1: every criterion no, targets 4: level 1, score 1.00,
	 * gap 3.00 in both; seven open items. */
	if (!(fx.alpha1 = begin(st, "Alpha", "2026-Q1", "Fac Three")))
		return false;
	store_assessment_load(st, fx.alpha1, &a);
	ok = step(a != NULL, st, "load") && tgt(st, a, "da", 4) && tgt(st, a, "dz", 4);
	for (size_t i = 0; ok && i < 7; i++)
		ok = ans(st, a, crit_order[i], ANS_NO);
	assessment_free(a);
	if (!ok)
		return false;

	/* Beta's open items: a3a (planned) and z3a (in-progress, with an
	 * owner and a due period); a4a dropped and z2a done are not open. */
	store_team_find(st, "Beta", &team);
	return step(team > 0, st, "store_team_find") &&
	       step(store_roadmap_set_status(st, team, "a4a", RM_DROPPED), st, "a4a") &&
	       step(store_roadmap_set_status(st, team, "z2a", RM_DONE), st, "z2a") &&
	       step(store_roadmap_set_status(st, team, "z3a", RM_IN_PROGRESS), st, "z3a") &&
	       step(store_roadmap_set_owner(st, team, "z3a", OWNER), st, "owner") &&
	       step(store_roadmap_set_due(st, team, "z3a", per("2026-Q4")), st, "due");
}

static int group_setup(void **state)
{
	char err[1024] = "";
	struct store *st;
	bool ok;

	(void)state;
	fx.dir = tu_tmpdir();
	snprintf(fx.db, sizeof fx.db, "%s/mlmat.db", fx.dir);
	fx.m = model_load_buffer(model_yaml, strlen(model_yaml), "report-test.yaml", err, sizeof err);
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
	store_close(st);
	if (!ok) {
		fprintf(stderr, "building the test database: %s\n", fx.err);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	model_free(fx.m);
	tu_tmpdir_remove(fx.dir);
	return 0;
}

/* ---- what a test holds, freed by the teardown ---- */

static struct store *held_st;
static char *held_text[8];
static size_t nheld;
static struct assessment *held_a;
static struct roadmap_row *held_rows;
static size_t held_nrows;

static int test_setup(void **state)
{
	(void)state;
	held_st = NULL;
	nheld = 0;
	held_a = NULL;
	held_rows = NULL;
	held_nrows = 0;
	return 0;
}

static int test_teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < nheld; i++)
		free(held_text[i]);
	nheld = 0;
	store_roadmap_free(held_rows, held_nrows);
	held_rows = NULL;
	assessment_free(held_a);
	held_a = NULL;
	store_close(held_st);
	held_st = NULL;
	return 0;
}

static struct store *open_db(const char *path)
{
	char err[1024] = "";

	store_close(held_st);
	held_st = store_open(path, STORE_READONLY, err, sizeof err);
	if (!held_st)
		fail_msg("store_open: %s", err);
	return held_st;
}

static char *slurp(FILE *f)
{
	long n;
	char *buf;

	assert_int_equal(fflush(f), 0);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	return buf;
}

/* The report's text, held until the teardown. */
static const char *report(const char *team, const char *period, bool ascii)
{
	struct store *st = held_st ? held_st : open_db(fx.db);
	FILE *out = tmpfile();
	char *text;

	assert_non_null(out);
	if (!report_write(st, team, period ? per(period) : NO_PERIOD, ascii, out)) {
		fclose(out);
		fail_msg("report_write: %s", store_error(st));
	}
	text = slurp(out);
	fclose(out);
	if (nheld == sizeof held_text / sizeof *held_text)
		fail_msg("a test holds too many reports");
	held_text[nheld++] = text;
	return text;
}

/* ---- reading the report ---- */

/* The block of one team: from its "Team NAME - PERIOD" line to the next
 * team's, copied into out. */
static void block(const char *text, const char *team, const char *period, char *out, size_t size)
{
	char head[128];
	const char *b, *e;
	size_t len;

	/* at the start of the text or of a line */
	snprintf(head, sizeof head, "\nTeam %s - %s\n", team, period);
	if (!strncmp(text, head + 1, strlen(head + 1)))
		b = text;
	else if ((b = strstr(text, head)) != NULL)
		b++;
	else
		fail_msg("no line 'Team %s - %s' in:\n%s", team, period, text);
	e = strstr(b, "\nTeam ");
	len = e ? (size_t)(e - b) + 1 : strlen(b);
	if (len >= size)
		fail_msg("the block of %s is too long", team);
	memcpy(out, b, len);
	out[len] = '\0';
}

/* The line of text that begins with start (whole line, no newline). */
static bool find_line(const char *text, const char *start, char *out, size_t size)
{
	size_t n = strlen(start);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, start, n)) {
			const char *e = strchr(p, '\n');
			size_t len = e ? (size_t)(e - p) : strlen(p);

			if (len >= size)
				len = size - 1;
			memcpy(out, p, len);
			out[len] = '\0';
			return true;
		}
	}
	return false;
}

static void expect_line(const char *text, const char *line)
{
	char got[512];

	if (!find_line(text, line, got, sizeof got) || strcmp(got, line) != 0)
		fail_msg("no line '%s' in:\n%s", line, text);
}

static bool words_match(const char *got, const char *want)
{
	for (;;) {
		size_t g = strcspn(got, " "), w = strcspn(want, " ");

		if (!(w == 1 && want[0] == '?') && (g != w || strncmp(got, want, g) != 0))
			return false;
		got += g;
		want += w;
		if (!*got || !*want)
			return !*got && !*want;
		got++;
		want++;
	}
}

/* The dimension row that begins with "  NAME": its words after the name
 * (level, score, target, gap, coverage) joined by single spaces; a word
 * "?" in words matches any. */
static void expect_dim(const char *text, const char *name, const char *words)
{
	char start[128], line[512], got[512] = "";
	const char *p;

	snprintf(start, sizeof start, "  %s ", name);
	if (!find_line(text, start, line, sizeof line))
		fail_msg("no dimension row for %s in:\n%s", name, text);
	p = line + strlen(start);
	for (;;) {
		size_t n;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		n = strcspn(p, " ");
		if (got[0])
			strcat(got, " ");
		strncat(got, p, n);
		p += n;
	}
	if (!words_match(got, words))
		fail_msg("%s: '%s', expected '%s'", name, got, words);
}

static int count_lines_starting(const char *text, const char *start)
{
	int n = 0;
	size_t k = strlen(start);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, start, k))
			n++;
	return n;
}

/* "Facilitator NAME, model ID VERSION, assessment ID, updated TIME". */
static void expect_facilitator(const char *b, const char *fac, int64_t id)
{
	char want[256], line[512];
	const char *t;

	snprintf(want, sizeof want, "Facilitator %s, model rep-model 2.1, assessment %lld, updated ",
		 fac, (long long)id);
	if (!find_line(b, want, line, sizeof line))
		fail_msg("no line '%s...' in:\n%s", want, b);
	t = line + strlen(want);
	/* the time as ISO 8601 UTC */
	assert_int_equal(strlen(t), 20);
	assert_true(t[4] == '-' && t[7] == '-' && t[10] == 'T' && t[13] == ':' && t[16] == ':' &&
		    t[19] == 'Z');
}

/* ======================================================================== */

static void test_every_team_latest(void **state)
{
	const char *text = report(NULL, NULL, false);
	char b[4096];

	(void)state;
	/* teams by name; each once, with its latest assessment */
	assert_int_equal(count_lines_starting(text, "Team "), 2);
	assert_true(strstr(text, "Team Alpha - ") < strstr(text, "Team Beta - "));
	assert_null(strstr(text, "Team Beta - 2026-Q1"));

	block(text, "Beta", "2026-Q2", b, sizeof b);
	expect_facilitator(b, "Fac One", fx.beta2);
	expect_line(b, "Overall score 2.00 of 4, coverage 100%");
	expect_line(b, "Open (not signed off)");
	expect_line(b, "Comments and evidence:");
	expect_line(b, "  none");
	/* level, score, target, gap, coverage */
	expect_dim(b, "Zeta ünï", "1 1.00 3 2.00 100%");
	expect_dim(b, "Alpha", "2 2.50 4 1.50 100%");
	/* dz comes first in the model */
	assert_true(strstr(b, "  Zeta ünï ") < strstr(b, "  Alpha "));
	/* Open items ranked by gap x weight: a3a (da, 1.50 x 2 = 3) before
	 * z3a (dz, 2.00 x 1 = 2), though dz comes first in the model; the
	 * dropped and done items are left out. */
	expect_line(b, "Next on the roadmap (2 open items):");
	expect_line(b, "  1. [planned] da: Alpha three");
	expect_line(b, "  2. [in-progress] dz: Zeta three");
	expect_line(b, "     owner " OWNER ", due 2026-Q4");
	assert_true(strstr(b, "  1. ") < strstr(b, "     Do a3a.") &&
		    strstr(b, "     Do a3a.") < strstr(b, "  2. "));
	assert_true(strstr(b, "  2. ") < strstr(b, "     Do z3a.") &&
		    strstr(b, "     Do z3a.") < strstr(b, "     owner "));
	assert_null(strstr(b, "Alpha four"));
	assert_null(strstr(b, "Zeta two"));
	assert_int_equal(count_lines_starting(b, "  3. "), 0);

	/* Alpha: seven open items, the top five shown: da's four (3.00 x 2 =
	 * 6) in model order, then dz's first (3.00 x 1 = 3). */
	block(text, "Alpha", "2026-Q1", b, sizeof b);
	expect_facilitator(b, "Fac Three", fx.alpha1);
	expect_line(b, "Overall score 1.00 of 4, coverage 100%");
	expect_dim(b, "Zeta ünï", "1 1.00 4 3.00 100%");
	expect_dim(b, "Alpha", "1 1.00 4 3.00 100%");
	expect_line(b, "Next on the roadmap (7 open items):");
	expect_line(b, "  1. [planned] da: Alpha two A");
	expect_line(b, "  2. [planned] da: Alpha two B");
	expect_line(b, "  3. [planned] da: Alpha three");
	expect_line(b, "  4. [planned] da: Alpha four");
	expect_line(b, "  5. [planned] dz: Zeta two");
	assert_int_equal(count_lines_starting(b, "  6. "), 0);
	assert_null(strstr(b, "Zeta three"));
}

static void test_one_team(void **state)
{
	const char *text = report("Beta", NULL, false);

	(void)state;
	assert_int_equal(count_lines_starting(text, "Team "), 1);
	assert_true(!strncmp(text, "Team Beta - 2026-Q2\n", 20));
	assert_null(strstr(text, "Alpha two A"));
	expect_line(report("Alpha", NULL, false), "Team Alpha - 2026-Q1");
}

/* A period: each team's assessment of that period; the roadmap only for a
 * team whose latest it is. */
static void test_period(void **state)
{
	const char *text = report(NULL, "2026-Q1", false);
	char b[4096], line[512];

	(void)state;
	assert_int_equal(count_lines_starting(text, "Team "), 2);
	block(text, "Beta", "2026-Q1", b, sizeof b);
	expect_facilitator(b, "Fac Two", fx.beta1);
	expect_line(b, "Overall score 1.67 of 4, coverage 0%");
	/* the override is marked; no target: "-" (what the gap shows then
	 * the contract does not say for reports) */
	expect_dim(b, "Zeta ünï", "3* 3.00 - ? 0%");
	expect_dim(b, "Alpha", "1 1.00 - ? 0%");
	/* the override's reason, its escape sequence made harmless */
	if (!find_line(b, "  * Zeta ünï: level set to 3", line, sizeof line) ||
	    !strstr(line, "Seen in prod"))
		fail_msg("no override line in:\n%s", b);
	assert_null(strchr(text, '\x1b'));
	assert_null(strstr(b, "Next on the roadmap"));

	block(text, "Alpha", "2026-Q1", b, sizeof b);
	expect_line(b, "Next on the roadmap (7 open items):");

	text = report("Beta", "2026-Q2", false);
	assert_int_equal(count_lines_starting(text, "Team "), 1);
	expect_line(text, "Next on the roadmap (2 open items):");
}

static void test_nothing_to_report(void **state)
{
	char path[PATHSZ], err[1024] = "";
	struct store *st;

	(void)state;
	expect_line(report(NULL, "2027-Q1", false), "No assessment in 2027-Q1.");
	assert_int_equal(count_lines_starting(report("Alpha", "2026-Q2", false), "Team "), 0);

	path_in(path, fx.dir, "empty.db");
	st = store_open(path, STORE_CREATE, err, sizeof err);
	if (!st)
		fail_msg("store_open: %s", err);
	store_close(st);
	open_db(path);
	assert_string_equal(report(NULL, NULL, false), "No assessments yet.\n");
}

/* For terminals that are not UTF-8: nothing beyond ASCII, and no control
 * character but the line ends. */
static void test_ascii(void **state)
{
	const char *text = report(NULL, NULL, true);

	(void)state;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p >= 0x80 || (*p < 0x20 && *p != '\n'))
			fail_msg("byte 0x%02x in the ASCII report", *p);
	text = report(NULL, "2026-Q1", true);
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p >= 0x80 || (*p < 0x20 && *p != '\n'))
			fail_msg("byte 0x%02x in the ASCII report", *p);
	expect_line(text, "Team Beta - 2026-Q1");
}

/* report_roadmap_ranked: the open items of the team, largest gap x weight
 * first, then model order. */
static void test_roadmap_ranked(void **state)
{
	static const char *const want[] = { "a2a", "a2b", "a3a", "a4a", "z2a", "z3a", "z4a" };
	struct store *st = open_db(fx.db);

	(void)state;
	store_assessment_load(st, fx.alpha1, &held_a);
	assert_non_null(held_a);
	assert_true(report_roadmap_ranked(st, held_a, &held_rows, &held_nrows));
	assert_int_equal(held_nrows, 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(held_rows[i].criterion_id, want[i]);
	store_roadmap_free(held_rows, held_nrows);
	held_rows = NULL;
	held_nrows = 0;
	assessment_free(held_a);

	store_assessment_load(st, fx.beta2, &held_a);
	assert_non_null(held_a);
	assert_true(report_roadmap_ranked(st, held_a, &held_rows, &held_nrows));
	assert_int_equal(held_nrows, 2);
	assert_string_equal(held_rows[0].criterion_id, "a3a");
	assert_string_equal(held_rows[1].criterion_id, "z3a");
	assert_int_equal(held_rows[1].status, RM_IN_PROGRESS);
	assert_string_equal(held_rows[1].owner, OWNER);
}

/* ---- comments, evidence, n/a, carried answers and sign-off ---- */

#define WHY_NA "Only one service, no zeta"
#define EVIDENCE "https://ci.example/a2a, doc CI-7"

static bool crit_text(struct store *st, struct assessment *a, const char *crit,
		      enum crit_text which, const char *text)
{
	return step(store_set_crit_text(st, a, (size_t)model_find_criterion(fx.m, crit), which,
					text), st, crit);
}

/* Gamma 2026-Q1: z2a n/a with its reason, z3a unknown with a comment, a2a
 * yes with evidence, a2b partly, a3a partly with a comment; signed off.
 * Gamma 2026-Q2, copied from it: a2b answered yes, the other four answers
 * still carried. */
static void build_gamma(const char *db)
{
	char err[1024] = "";
	struct store *st = store_open(db, STORE_CREATE, err, sizeof err);
	struct assessment *a = NULL;
	int64_t id;
	bool ok;

	if (!st)
		fail_msg("store_open: %s", err);
	fx.err[0] = '\0';
	id = begin(st, "Gamma", "2026-Q1", "Fac Four");
	ok = id && step(store_assessment_load(st, id, &a) > 0, st, "load") &&
	     crit_text(st, a, "z2a", CRIT_COMMENT, WHY_NA) && ans(st, a, "z2a", ANS_NA) &&
	     crit_text(st, a, "z3a", CRIT_COMMENT, "Ask the platform team") &&
	     crit_text(st, a, "a2a", CRIT_EVIDENCE, EVIDENCE) && ans(st, a, "a2a", ANS_YES) &&
	     ans(st, a, "a2b", ANS_PARTLY) && ans(st, a, "a3a", ANS_PARTLY) &&
	     crit_text(st, a, "a3a", CRIT_COMMENT, "Half the jobs") &&
	     step(store_sign_off(st, a), st, "sign-off");
	assessment_free(a);
	a = NULL;
	if (ok) {
		id = begin(st, "Gamma", "2026-Q2", "Fac Four");
		ok = id && step(store_assessment_load(st, id, &a) > 0, st, "load") &&
		     ans(st, a, "a2b", ANS_YES);
	}
	assessment_free(a);
	store_close(st);
	if (!ok)
		fail_msg("building Gamma: %s", fx.err);
}

/* The state line and the section listing every comment and evidence,
 * grouped by dimension in model order, with each criterion's answer (n/a
 * as n/a) and origin. */
static void test_comments_and_state(void **state)
{
	char path[PATHSZ], line[512];
	const char *text;

	(void)state;
	path_in(path, fx.dir, "gamma.db");
	build_gamma(path);
	open_db(path);

	/* Q1: dz's level-2 criterion is n/a, so level 2 is passed: 2.00; da
	 * 1 + 1.5 / 2 = 1.75; overall (2.00 + 2 x 1.75) / 3 = 1.83; four of
	 * seven answered, the n/a among them. */
	text = report(NULL, "2026-Q1", false);
	expect_line(text, "Overall score 1.83 of 4, coverage 57%");
	if (!find_line(text, "Signed off by ", line, sizeof line) || !strstr(line, " at 2"))
		fail_msg("no sign-off line in:\n%s", text);
	expect_line(text, "Comments and evidence:");
	expect_line(text, "    z2a: n/a, answered");
	expect_line(text, "      comment: " WHY_NA);
	expect_line(text, "    z3a: unknown");
	expect_line(text, "      comment: Ask the platform team");
	expect_line(text, "    a2a: yes, answered");
	expect_line(text, "      evidence: " EVIDENCE);
	expect_line(text, "    a3a: partly, answered");
	expect_line(text, "      comment: Half the jobs");
	/* in model order, each under its dimension's name; a2b has neither */
	assert_non_null(strstr(text, "\n  Zeta ünï\n"));
	assert_non_null(strstr(text, "\n  Alpha\n"));
	assert_true(strstr(text, "Comments and evidence:") < strstr(text, "  Zeta ünï\n") &&
		    strstr(text, "  Zeta ünï\n") < strstr(text, "    z2a: ") &&
		    strstr(text, "    z2a: ") < strstr(text, "    z3a: ") &&
		    strstr(text, "    z3a: ") < strstr(text, "  Alpha\n") &&
		    strstr(text, "  Alpha\n") < strstr(text, "    a2a: ") &&
		    strstr(text, "    a2a: ") < strstr(text, "    a3a: "));
	assert_null(strstr(text, "    a2b: "));
	assert_null(strstr(text, "Open (not signed off)"));

	/* Q2, the latest: open, copied answers carried until answered */
	text = report(NULL, NULL, false);
	expect_line(text, "Team Gamma - 2026-Q2");
	expect_line(text, "Open (not signed off), 3 answers still carried");
	expect_line(text, "    z2a: n/a, carried");
	expect_line(text, "      comment: " WHY_NA);
	expect_line(text, "    a3a: partly, carried");
	assert_null(strstr(text, "Signed off by "));
}

/* A database whose roadmap table has gone fails at query time: the report
 * says so rather than leaving the roadmap out. */
static void test_query_error(void **state)
{
	char path[PATHSZ], cmd[2 * PATHSZ + 16];
	sqlite3 *raw;
	struct store *st;
	FILE *out;

	(void)state;
	path_in(path, fx.dir, "broken.db");
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", fx.db, path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "DROP TABLE roadmap", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	st = open_db(path);
	out = tmpfile();
	assert_non_null(out);
	assert_false(report_write(st, NULL, NO_PERIOD, false, out));
	assert_false(report_write(st, "Beta", NO_PERIOD, false, out));
	fclose(out);
	assert_true(!strncmp(store_error(st), "mlmat: ", 7));
	assert_non_null(strstr(store_error(st), "roadmap"));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, test_setup, test_teardown)
	const struct CMUnitTest tests[] = {
		T(test_every_team_latest),
		T(test_one_team),
		T(test_period),
		T(test_nothing_to_report),
		T(test_ascii),
		T(test_roadmap_ranked),
		T(test_query_error),
		T(test_comments_and_state),
	};
#undef T

	return cmocka_run_group_tests_name("report", tests, group_setup, group_teardown);
}
