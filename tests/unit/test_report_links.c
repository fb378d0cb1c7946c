/* The report (src/report.c) of a model with groups, criterion weights,
 * references and prerequisites (CONTRACT sections 2 and 3): group scores
 * heading their dimensions, blocked roadmap items with what blocks them,
 * and the references section, per standard and per reference, met of
 * total. A model without them keeps the plain table and has no such
 * section. Expected figures are worked out in the comments. */
#include "testutil.h"

#include "model.h"
#include "period.h"
#include "report.h"
#include "store.h"

#define PATHSZ 4200

/* Levels 1 to 3; alpha and gamma in group build, beta in run, beta coming
 * before gamma in the file. */
static const char linked_yaml[] =
	"id: linked\nname: Linked\nversion: \"1.0\"\n"
	"levels:\n"
	"  - level: 1\n    name: Start\n  - level: 2\n    name: Middle\n"
	"  - level: 3\n    name: End\n"
	"groups:\n"
	"  - id: build\n    name: Build things\n"
	"  - id: run\n    name: Run things\n"
	"dimensions:\n"
	"  - id: alpha\n    name: Alpha\n    group: build\n    criteria:\n"
	"      - id: alpha-one\n        level: 2\n        text: Alpha one\n        weight: 2\n"
	"        refs: [EU AI Act Art. 12, \"ISO/IEC 42001:2023 A.6\"]\n"
	"      - id: alpha-two\n        level: 2\n        text: Alpha two\n"
	"        refs: [EU AI Act Art. 9]\n"
	"      - id: alpha-three\n        level: 3\n        text: Alpha three\n"
	"        refs: [EU AI Act Art. 12]\n        requires: [alpha-two, beta-one]\n"
	"  - id: beta\n    name: Beta\n    group: run\n    criteria:\n"
	"      - id: beta-one\n        level: 2\n        text: Beta one\n        refs: [GDPR Art. 30]\n"
	"      - id: beta-two\n        level: 3\n        text: Beta two\n        requires: [beta-one]\n"
	"  - id: gamma\n    name: Gamma\n    group: build\n    weight: 3\n    criteria:\n"
	"      - id: gamma-one\n        level: 2\n        text: Gamma one\n        refs: [GDPR Art. 5]\n"
	"      - id: gamma-two\n        level: 3\n        text: Gamma two\n";

/* The same without groups, refs or requires. */
static const char plain_yaml[] =
	"id: plain\nname: Plain\nversion: \"1.0\"\n"
	"levels:\n  - level: 1\n    name: Start\n  - level: 2\n    name: End\n"
	"dimensions:\n"
	"  - id: solo\n    name: Solo\n    criteria:\n"
	"      - id: solo-one\n        level: 2\n        text: Solo one\n";

static struct {
	char *dir;
	char db[PATHSZ], plain_db[PATHSZ];
	struct model *m, *plain;
	char err[1024];
	char *text[4];
	size_t ntext;
} fx;

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
	return step(store_set_answer(st, a, (size_t)model_find_criterion(a->model, crit), v), st,
		    crit);
}

static bool targets(struct store *st, struct assessment *a, int level)
{
	bool ok = true;

	for (size_t d = 0; ok && d < a->model->ndims; d++)
		ok = step(store_set_target(st, a, d, level), st, "target");
	return ok;
}

static struct assessment *begin(struct store *st, const struct model *m, const char *team,
				const char *period)
{
	bool created = false;
	int64_t id = store_assessment_begin(st, team, per(period), "Fac", m, &created);
	struct assessment *a = NULL;

	if (step(id > 0 && created, st, "begin") &&
	    step(store_assessment_load(st, id, &a) > 0, st, "load"))
		return a;
	return NULL;
}

/* Ops 2026-Q1: alpha-one yes, nothing else answered. Ops 2026-Q2, its
 * latest, copied from it: targets 3; alpha-one yes, alpha-two partly,
 * alpha-three no; beta-one no, beta-two no; gamma-one n/a (with its
 * reason), gamma-two no. */
static bool build(struct store *st)
{
	struct assessment *a = begin(st, fx.m, "Ops", "2026-Q1");
	bool ok = a && ans(st, a, "alpha-one", ANS_YES);

	assessment_free(a);
	if (!ok)
		return false;
	a = begin(st, fx.m, "Ops", "2026-Q2");
	ok = a && targets(st, a, 3) && ans(st, a, "alpha-two", ANS_PARTLY) &&
	     ans(st, a, "alpha-three", ANS_NO) && ans(st, a, "beta-one", ANS_NO) &&
	     ans(st, a, "beta-two", ANS_NO) && ans(st, a, "gamma-two", ANS_NO) &&
	     step(store_set_crit_text(st, a, (size_t)model_find_criterion(fx.m, "gamma-one"),
				      CRIT_COMMENT, "No personal data"), st, "comment") &&
	     ans(st, a, "gamma-one", ANS_NA);
	assessment_free(a);
	return ok;
}

static bool build_plain(struct store *st)
{
	struct assessment *a = begin(st, fx.plain, "Solo team", "2026-Q1");
	bool ok = a && targets(st, a, 2) && ans(st, a, "solo-one", ANS_NO);

	assessment_free(a);
	return ok;
}

static int make_db(const char *path, bool (*fill)(struct store *))
{
	char err[1024] = "";
	struct store *st = store_open(path, STORE_CREATE, err, sizeof err);
	bool ok;

	if (!st) {
		fprintf(stderr, "store_open: %s\n", err);
		return -1;
	}
	ok = fill(st);
	store_close(st);
	if (!ok)
		fprintf(stderr, "building %s: %s\n", path, fx.err);
	return ok ? 0 : -1;
}

static int group_setup(void **state)
{
	char err[1024] = "";

	(void)state;
	fx.dir = tu_tmpdir();
	snprintf(fx.db, sizeof fx.db, "%s/linked.db", fx.dir);
	snprintf(fx.plain_db, sizeof fx.plain_db, "%s/plain.db", fx.dir);
	fx.m = model_load_buffer(linked_yaml, strlen(linked_yaml), "linked.yaml", err, sizeof err);
	fx.plain = model_load_buffer(plain_yaml, strlen(plain_yaml), "plain.yaml", err, sizeof err);
	if (!fx.m || !fx.plain) {
		fprintf(stderr, "a test model did not load: %s\n", err);
		return -1;
	}
	if (make_db(fx.db, build) || make_db(fx.plain_db, build_plain))
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	model_free(fx.m);
	model_free(fx.plain);
	tu_tmpdir_remove(fx.dir);
	return 0;
}

static int test_teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < fx.ntext; i++)
		free(fx.text[i]);
	fx.ntext = 0;
	return 0;
}

/* The report's text, freed by the teardown. */
static const char *report(const char *db, const char *period)
{
	char err[1024] = "", *text = NULL;
	size_t len = 0;
	struct store *st = store_open(db, STORE_READONLY, err, sizeof err);
	FILE *out;
	bool ok;

	if (!st)
		fail_msg("store_open: %s", err);
	out = open_memstream(&text, &len);
	assert_non_null(out);
	ok = report_write(st, NULL, period ? per(period) : NO_PERIOD, false, out);
	assert_int_equal(fclose(out), 0);
	if (!ok)
		fail_msg("report_write: %s", store_error(st));
	store_close(st);
	fx.text[fx.ntext++] = text;
	return text;
}

/* The line that begins with start, its runs of spaces squeezed to one. */
static bool squeezed_line(const char *text, const char *start, char *out, size_t size)
{
	size_t k = strlen(start), n = 0;

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		bool words = false;

		if (strncmp(p, start, k))
			continue;
		for (const char *q = p; *q && *q != '\n' && n + 1 < size; q++) {
			if (!(*q == ' ' && words && q[-1] == ' '))
				out[n++] = *q;
			words = words || *q != ' ';
		}
		out[n] = '\0';
		return true;
	}
	return false;
}

/* A line that begins with start and, squeezed, reads want. */
static void expect(const char *text, const char *start, const char *want)
{
	char got[512];

	if (!squeezed_line(text, start, got, sizeof got))
		fail_msg("no line starting '%s' in:\n%s", start, text);
	if (strcmp(got, want) != 0)
		fail_msg("'%s', expected '%s' in:\n%s", got, want, text);
}

static int count(const char *text, const char *s)
{
	int n = 0;

	for (const char *p = strstr(text, s); p; p = strstr(p + 1, s))
		n++;
	return n;
}

static const char *at(const char *text, const char *s)
{
	const char *p = strstr(text, s);

	if (!p)
		fail_msg("no '%s' in:\n%s", s, text);
	return p;
}

/* alpha: L2 has alpha-one yes (weight 2) and alpha-two partly: level 1,
 * score 1 + (2 + 0.5) / 3 = 1.83, gap 1.17. beta: level 1, score 1.00,
 * gap 2.00. gamma (weight 3): gamma-one n/a leaves L2 passed, gamma-two no:
 * level 2, score 2.00, gap 1.00. Group build: (1 x 1.8333 + 3 x 2) / 4 =
 * 1.9583 -> 1.96, heading alpha and gamma (gamma after beta in the file);
 * group run: 1.00, heading beta. */
static void test_group_scores(void **state)
{
	const char *t = report(fx.db, NULL);

	(void)state;
	expect(t, "  Group / dimension", "  Group / dimension Level Score Target Gap Coverage");
	expect(t, "  Build things ", "  Build things 1.96");
	expect(t, "  Run things ", "  Run things 1.00");
	expect(t, "    Alpha ", "    Alpha 1 1.83 3 1.17 100%");
	expect(t, "    Gamma ", "    Gamma 2 2.00 3 1.00 100%");
	expect(t, "    Beta ", "    Beta 1 1.00 3 2.00 100%");
	assert_true(at(t, "  Build things ") < at(t, "    Alpha ") &&
		    at(t, "    Alpha ") < at(t, "    Gamma ") &&
		    at(t, "    Gamma ") < at(t, "  Run things ") &&
		    at(t, "  Run things ") < at(t, "    Beta "));
	/* the score sits in the dimensions' score column */
	assert_int_equal(strstr(at(t, "  Build things "), "1.96") - at(t, "  Build things "),
			 strstr(at(t, "    Alpha "), "1.83") - at(t, "    Alpha "));
}

/* Open items: alpha-two, alpha-three (alpha, gap 1.17 x 1), beta-one,
 * beta-two (beta, 2.00 x 1), gamma-two (gamma, 1.00 x 3 = 3). beta-two
 * waits for beta-one (no); alpha-three for alpha-two (partly) and beta-one,
 * in the order it names them. */
static void test_blocked_items(void **state)
{
	const char *t = report(fx.db, NULL);

	(void)state;
	expect(t, "Next on the roadmap", "Next on the roadmap (5 open items, 2 blocked):");
	expect(t, "  1. ", "  1. [planned] gamma: Gamma two");
	expect(t, "  2. ", "  2. [planned] beta: Beta one");
	expect(t, "  3. ", "  3. [planned] beta: Beta two");
	expect(t, "  4. ", "  4. [planned] alpha: Alpha two");
	expect(t, "  5. ", "  5. [planned] alpha: Alpha three");
	expect(t, "     blocked by beta-one", "     blocked by beta-one");
	expect(t, "     blocked by alpha", "     blocked by alpha-two, beta-one");
	/* each under its own item, and only those two */
	assert_true(at(t, "  3. ") < at(t, "     blocked by beta-one") &&
		    at(t, "     blocked by beta-one") < at(t, "  4. "));
	assert_true(at(t, "  5. ") < at(t, "     blocked by alpha-two"));
	assert_int_equal(count(t, "     blocked by "), 2);
}

/* Met is yes or n/a. EU AI Act: alpha-one yes, alpha-two partly,
 * alpha-three no: 1/3; Art. 9 (alpha-two) 0/1 before Art. 12 (alpha-one,
 * alpha-three) 1/2. GDPR: Art. 5 (gamma-one n/a) 1/1, Art. 30 (beta-one
 * no) 0/1: 1/2. ISO/IEC 42001:2023 A.6 (alpha-one) 1/1. */
static void test_references(void **state)
{
	const char *t = report(fx.db, NULL);

	(void)state;
	expect(t, "References", "References (criteria met, yes or n/a, of those citing it):");
	expect(t, "  EU AI Act ", "  EU AI Act 1/3");
	expect(t, "    EU AI Act Art. 9 ", "    EU AI Act Art. 9 0/1");
	expect(t, "    EU AI Act Art. 12 ", "    EU AI Act Art. 12 1/2");
	expect(t, "  GDPR ", "  GDPR 1/2");
	expect(t, "    GDPR Art. 5 ", "    GDPR Art. 5 1/1");
	expect(t, "    GDPR Art. 30 ", "    GDPR Art. 30 0/1");
	expect(t, "  ISO/IEC 42001:2023 ", "  ISO/IEC 42001:2023 1/1");
	expect(t, "    ISO/IEC 42001:2023 A.6 ", "    ISO/IEC 42001:2023 A.6 1/1");
	assert_true(at(t, "Next on the roadmap") < at(t, "References") &&
		    at(t, "References") < at(t, "  EU AI Act ") &&
		    at(t, "  EU AI Act ") < at(t, "    EU AI Act Art. 9 ") &&
		    at(t, "    EU AI Act Art. 9 ") < at(t, "    EU AI Act Art. 12 ") &&
		    at(t, "    EU AI Act Art. 12 ") < at(t, "  GDPR ") &&
		    at(t, "  GDPR ") < at(t, "  ISO/IEC 42001:2023 ") &&
		    at(t, "  ISO/IEC 42001:2023 ") < at(t, "Comments and evidence:"));
}

/* An older assessment is reported with its own answers (only alpha-one
 * yes): its references, no roadmap. */
static void test_older_assessment(void **state)
{
	const char *t = report(fx.db, "2026-Q1");

	(void)state;
	expect(t, "Team Ops", "Team Ops - 2026-Q1");
	assert_null(strstr(t, "Next on the roadmap"));
	expect(t, "  EU AI Act ", "  EU AI Act 1/3");
	expect(t, "  GDPR ", "  GDPR 0/2");
	expect(t, "    ISO/IEC 42001:2023 A.6 ", "    ISO/IEC 42001:2023 A.6 1/1");
	/* alpha: level 1, score 1 + 2 / 3 = 1.67; gamma level 1, 1.00: build
	 * (1.6667 + 3) / 4 = 1.17 */
	expect(t, "  Build things ", "  Build things 1.17");
}

/* Without groups, refs or requires: the table as before, no group line,
 * no references section, no blocked count. */
static void test_plain_model(void **state)
{
	const char *t = report(fx.plain_db, NULL);

	(void)state;
	expect(t, "  Dimension", "  Dimension Level Score Target Gap Coverage");
	expect(t, "  Solo ", "  Solo 1 1.00 2 1.00 100%");
	expect(t, "Next on the roadmap", "Next on the roadmap (1 open item):");
	assert_null(strstr(t, "Group"));
	assert_null(strstr(t, "References"));
	assert_null(strstr(t, "blocked"));
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, test_teardown)
	const struct CMUnitTest tests[] = {
		T(test_group_scores),
		T(test_blocked_items),
		T(test_references),
		T(test_older_assessment),
		T(test_plain_model),
	};
#undef T

	return cmocka_run_group_tests_name("report with links", tests, group_setup,
					   group_teardown);
}
