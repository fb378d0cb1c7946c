/* The model's links (CONTRACT sections 2 and 3): groups, guidance, refs,
 * criterion weights in the score, group scores, requires and what blocks a
 * roadmap item, the ranking after prerequisites, and `model show --format
 * yaml` reading back as the same model. Expected values are worked out in
 * the comments from the contract's rules. */
#include "testutil.h"

#include "model.h"
#include "roadmap.h"
#include "score.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define Y ANS_YES
#define P ANS_PARTLY
#define N ANS_NO
#define U ANS_UNKNOWN
#define NA ANS_NA

#define assert_dbl(a, b) \
	do { if (fabs((a) - (b)) > 1e-9) fail_msg("%s = %.6f, expected %.6f", #a, (double)(a), (double)(b)); } while (0)

/* Levels 1-3. Group build: da (weight 1) a2a (L2, weight 3) a2b (L2)
 * a3a (L3, requires a2a and b2a); group run: db (weight 3) b2a (L2) b3a
 * (L3, requires b2a). */
static const char yaml[] =
	"id: links\nname: Links\nversion: \"1\"\n"
	"levels:\n  - level: 1\n    name: One\n  - level: 2\n    name: Two\n  - level: 3\n    name: Three\n"
	"groups:\n  - id: build\n    name: Build\n    description: Making models.\n"
	"  - id: run\n    name: Run\n"
	"dimensions:\n"
	"  - id: da\n    name: Dim A\n    group: build\n    criteria:\n"
	"      - id: a2a\n        level: 2\n        text: \"A two a: \\\"quoted\\\"\"\n        weight: 3\n"
	"        guidance: Ask for the tracker's URL.\n"
	"        refs: [EU AI Act Art. 12, \"ISO/IEC 42001:2023\"]\n"
	"      - id: a2b\n        level: 2\n        text: A two b\n"
	"      - id: a3a\n        level: 3\n        text: A three a\n        requires: [a2a, b2a]\n"
	"  - id: db\n    name: Dim B\n    group: run\n    weight: 3\n    criteria:\n"
	"      - id: b2a\n        level: 2\n        text: B two a\n        action: Do b2a.\n"
	"      - id: b3a\n        level: 3\n        text: B three a\n        requires: [b2a]\n";

enum { A2A, A2B, A3A, B2A, B3A };

static int setup(void **state)
{
	char err[512] = "";
	struct model *m = model_load_buffer(yaml, strlen(yaml), "links.yaml", err, sizeof err);

	if (!m)
		fail_msg("%s", err);
	*state = m;
	return 0;
}

static int teardown(void **state)
{
	model_free(*state);
	return 0;
}

static void test_loaded(void **state)
{
	const struct model *m = *state;

	assert_int_equal(m->ngroups, 2);
	assert_string_equal(m->groups[0].description, "Making models.");
	assert_null(m->groups[1].description);
	assert_int_equal(m->dims[0].group, 0);
	assert_int_equal(m->dims[1].group, 1);
	assert_dbl(m->crits[A2A].weight, 3);
	assert_dbl(m->crits[A2B].weight, 1);
	assert_string_equal(m->crits[A2A].guidance, "Ask for the tracker's URL.");
	assert_int_equal(m->crits[A2A].nrefs, 2);
	assert_string_equal(m->crits[A2A].refs[1], "ISO/IEC 42001:2023");
	assert_int_equal(m->crits[A3A].nrequires, 2);
	assert_int_equal(m->crits[A3A].requires[0], A2A);
	assert_int_equal(m->crits[A3A].requires[1], B2A);
	assert_int_equal(m->nwarnings, 0);
}

/* Weighted within the level: (3 x 1 + 1 x 0.5) / 4 = 0.875 -> 1.88. */
static void test_weighted_score(void **state)
{
	const struct model *m = *state;
	enum answer a[] = { Y, P, U, U, U };
	struct dim_score s;

	score_dimension(m, 0, a, NULL, &s);
	assert_int_equal(s.level, 1);
	assert_dbl(s.raw_score, 1.875);
	assert_dbl(s.score, 1.88);
	/* partly on the heavy one, yes on the light: (1.5 + 1) / 4 = 0.625 */
	a[A2A] = P;
	a[A2B] = Y;
	score_dimension(m, 0, a, NULL, &s);
	assert_dbl(s.score, 1.63);
	/* n/a leaves the weight out too: a2b n/a, a2a partly: 1.5 / 3 */
	a[A2B] = NA;
	score_dimension(m, 0, a, NULL, &s);
	assert_dbl(s.score, 1.5);
}

/* A group's score: the weighted mean of its dimensions' unrounded
 * scores. Build holds da alone; run holds db. */
static void test_group_scores(void **state)
{
	const struct model *m = *state;
	enum answer a[] = { Y, P, U, Y, P };
	struct dim_score s[2];
	struct overall_score o;

	score_dimension(m, 0, a, NULL, &s[0]);  /* 1.875 */
	score_dimension(m, 1, a, NULL, &s[1]);  /* 2.5 */
	assert_dbl(score_group(m, s, 0), 1.88);
	assert_dbl(score_group(m, s, 1), 2.5);
	/* overall: (1 x 1.875 + 3 x 2.5) / 4 = 2.34375 -> 2.34 */
	score_overall(m, s, &o);
	assert_dbl(o.score, 2.34);
	assert_dbl(score_group(m, s, 5), 0);
}

static void test_blockers(void **state)
{
	const struct model *m = *state;
	enum answer a[] = { P, U, N, U, N };
	size_t out[4];

	assert_int_equal(roadmap_blockers(m, a, A3A, out), 2);
	assert_int_equal(out[0], A2A);
	assert_int_equal(out[1], B2A);
	a[A2A] = Y;
	a[B2A] = NA;            /* n/a meets a prerequisite */
	assert_int_equal(roadmap_blockers(m, a, A3A, out), 0);
	assert_int_equal(roadmap_blockers(m, a, A2B, out), 0);
}

/* An item comes after the items of the criteria it requires, whatever its
 * gap says. */
static void test_rank_after_prerequisites(void **state)
{
	const struct model *m = *state;
	static char ids[4][4] = { "a3a", "b3a", "a2a", "b2a" };
	struct roadmap_row rows[4];
	struct dim_score s[2] = { { .gap = 2 }, { .gap = 1 } };

	for (size_t i = 0; i < 4; i++) {
		long c = model_find_criterion(m, ids[i]);

		rows[i] = (struct roadmap_row){ .criterion_id = ids[i],
						.dimension_id = m->dims[m->crits[c].dim].id,
						.ord = (int)c };
	}
	/* By gap x weight: db 1 x 3 = 3 before da 2 x 1 = 2: b2a b3a a2a a3a;
	 * a3a needs a2a and b2a, b3a needs b2a: already after them. */
	roadmap_rank(m, s, rows, 4);
	assert_string_equal(rows[0].criterion_id, "b2a");
	assert_string_equal(rows[1].criterion_id, "b3a");
	assert_string_equal(rows[2].criterion_id, "a2a");
	assert_string_equal(rows[3].criterion_id, "a3a");
	/* da first now (2 x 1 = 2 > 0.5 x 3): a2a a3a b2a b3a, but a3a needs
	 * b2a: a2a b2a a3a b3a... b3a needs b2a only: stays after it. */
	s[1].gap = 0.5;
	roadmap_rank(m, s, rows, 4);
	assert_string_equal(rows[0].criterion_id, "a2a");
	assert_string_equal(rows[1].criterion_id, "b2a");
	assert_string_equal(rows[2].criterion_id, "a3a");
	assert_string_equal(rows[3].criterion_id, "b3a");
}

/* model show --format yaml reads back as the same model. */
static void test_yaml_round_trip(void **state)
{
	const struct model *m = *state;
	char *buf = NULL, err[512] = "", *a = NULL, *b = NULL;
	size_t len = 0, alen = 0, blen = 0;
	FILE *f = open_memstream(&buf, &len), *fa, *fb;
	struct model *back;

	model_print_yaml(m, f);
	fclose(f);
	back = model_load_buffer(buf, len, "shown.yaml", err, sizeof err);
	if (!back)
		fail_msg("%s\n%s", err, buf);
	fa = open_memstream(&a, &alen);
	fb = open_memstream(&b, &blen);
	model_print(m, fa);
	model_print(back, fb);
	fclose(fa);
	fclose(fb);
	assert_string_equal(a, b);
	assert_int_equal(back->crits[A3A].nrequires, 2);
	assert_string_equal(back->crits[A2A].text, "A two a: \"quoted\"");
	free(a);
	free(b);
	free(buf);
	model_free(back);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_loaded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_weighted_score, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_scores, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blockers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rank_after_prerequisites, setup, teardown),
		cmocka_unit_test_setup_teardown(test_yaml_round_trip, setup, teardown),
	};

	return cmocka_run_group_tests_name("links", tests, NULL, NULL);
}
