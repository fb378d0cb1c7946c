/* Scoring as CONTRACT section 3 fixes it: the staircase level, the score
 * with partly as a half, coverage, overrides, targets and gaps, the weighted
 * overall score, rounding, and the explanation of a level. Models are small
 * YAML texts loaded with model_load_buffer. */
#include "testutil.h"

#include "model.h"
#include "score.h"

#include <math.h>

#define Y ANS_YES
#define P ANS_PARTLY
#define N ANS_NO
#define U ANS_UNKNOWN

/* Rounded values like 1.13 are not exact in binary; compare closely. */
#define assert_dbl(a, b)                                                          \
	do {                                                                      \
		double a_ = (a), b_ = (b);                                        \
		if (!(fabs(a_ - b_) < 1e-9))                                      \
			fail_msg("%s = %.17g, expected %.17g", #a, a_, b_);       \
	} while (0)

#define HEAD "id: t\nname: Test model\nversion: \"1\"\n"
#define LEVEL(n) "  - level: " #n "\n    name: Level " #n "\n"
#define LEVELS_1_2 "levels:\n" LEVEL(1) LEVEL(2)
#define LEVELS_1_3 "levels:\n" LEVEL(1) LEVEL(2) LEVEL(3)
#define LEVELS_1_4 "levels:\n" LEVEL(1) LEVEL(2) LEVEL(3) LEVEL(4)
#define LEVELS_0_1 "levels:\n" LEVEL(0) LEVEL(1)
#define LEVELS_0_2 "levels:\n" LEVEL(0) LEVEL(1) LEVEL(2)
#define DIMS "dimensions:\n"
#define DIM(id) "  - id: " id "\n    name: Dim " id "\n    criteria:\n"
#define DIMW(id, w) "  - id: " id "\n    name: Dim " id "\n    weight: " w "\n    criteria:\n"
#define CRIT(id, lv, text) \
	"      - id: " id "\n        level: " #lv "\n        text: " text "\n"

/* Levels 1 to 4; one dimension:
 * 0 c2a L2, 1 c2b L2, 2 c3a L3, 3 c3b L3, 4 c4a L4. */
static const char m4_yaml[] =
	HEAD LEVELS_1_4 DIMS DIM("d")
	CRIT("c2a", 2, "Two A") CRIT("c2b", 2, "Two B")
	CRIT("c3a", 3, "Three A") CRIT("c3b", 3, "Three B")
	CRIT("c4a", 4, "Four A");

static struct model *load(const char *yaml)
{
	char err[512] = "";
	struct model *m = model_load_buffer(yaml, strlen(yaml), "test.yaml", err, sizeof err);

	if (!m)
		fail_msg("the test model did not load: %s", err);
	return m;
}

/* Scores dimension dim with an optional target and override (NO_LEVEL: none). */
static struct dim_score score(const struct model *m, size_t dim, const enum answer *answers,
			      int target, int override_level)
{
	struct dim_input in = { .target = target, .override_level = override_level };
	struct dim_score s;

	memset(&s, 0xA5, sizeof s); /* every field must be written */
	score_dimension(m, dim, answers, &in, &s);
	return s;
}

static struct dim_score plain(const struct model *m, size_t dim, const enum answer *answers)
{
	return score(m, dim, answers, NO_LEVEL, NO_LEVEL);
}

/* ---- answers ---- */

static void test_answer_names(void **state)
{
	(void)state;
	assert_string_equal(answer_name(ANS_UNKNOWN), "unknown");
	assert_string_equal(answer_name(ANS_NO), "no");
	assert_string_equal(answer_name(ANS_PARTLY), "partly");
	assert_string_equal(answer_name(ANS_YES), "yes");
	assert_string_equal(answer_name(ANS_NA), "n/a");
}

static void test_answer_parse_round_trip(void **state)
{
	const enum answer all[] = { ANS_UNKNOWN, ANS_NO, ANS_PARTLY, ANS_YES, ANS_NA };

	(void)state;
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		enum answer a = (enum answer)99;

		assert_true(answer_parse(answer_name(all[i]), &a));
		assert_int_equal(a, all[i]);
	}
}

static void test_answer_parse_rejects(void **state)
{
	const char *bad[] = { "", "Yes", "YES", "y", "n", "maybe", "yes ", " yes",
			      "partial", "unknown\n", "nope", "true", "1" };

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		enum answer a = ANS_PARTLY;

		if (answer_parse(bad[i], &a))
			fail_msg("answer_parse accepted '%s'", bad[i]);
		assert_int_equal(a, ANS_PARTLY); /* left alone */
	}
}

/* ---- the staircase ---- */

static void test_staircase_all_yes_to_l3(void **state)
{
	struct model *m = load(m4_yaml);
	enum answer a[] = { Y, Y, Y, Y, N };
	struct dim_score s = plain(m, 0, a);

	(void)state;
	assert_int_equal(s.level, 3);
	assert_int_equal(s.derived_level, 3);
	assert_dbl(s.score, 3.0);
	assert_dbl(s.raw_score, 3.0);
	assert_dbl(s.gap, 0.0);
	model_free(m);
}

static void test_staircase_nothing_met(void **state)
{
	struct model *m = load(m4_yaml);
	enum answer a[] = { N, N, N, N, N };
	struct dim_score s = plain(m, 0, a);

	(void)state;
	assert_int_equal(s.level, 1);
	assert_int_equal(s.derived_level, 1);
	assert_dbl(s.score, 1.0);
	model_free(m);
}

static void test_staircase_yes_above_gap(void **state)
{
	struct model *m = load(m4_yaml);
	struct dim_score s;

	(void)state;
	/* L3 half met, L4 met: the yes at L4 does not count. */
	s = plain(m, 0, (enum answer[]){ Y, Y, Y, N, Y });
	assert_int_equal(s.level, 2);
	assert_dbl(s.score, 2.5);
	/* L3 not met at all, L4 met. */
	s = plain(m, 0, (enum answer[]){ Y, Y, N, N, Y });
	assert_int_equal(s.level, 2);
	assert_dbl(s.score, 2.0);
	/* L2 not met, everything above met: the lowest level, and only L2
	 * counts towards the fraction. */
	s = plain(m, 0, (enum answer[]){ N, N, Y, Y, Y });
	assert_int_equal(s.level, 1);
	assert_int_equal(s.derived_level, 1);
	assert_dbl(s.score, 1.0);
	model_free(m);
}

static void test_partly_does_not_pass_a_level(void **state)
{
	struct model *m = load(m4_yaml);
	struct dim_score s = plain(m, 0, (enum answer[]){ Y, P, Y, Y, Y });

	(void)state;
	assert_int_equal(s.level, 1);
	assert_dbl(s.score, 1.75);       /* 1 + (1 + 0.5) / 2 */
	assert_dbl(s.raw_score, 1.75);
	model_free(m);
}

static void test_unknown_counts_as_no(void **state)
{
	struct model *m = load(m4_yaml);
	struct dim_score s;

	(void)state;
	s = plain(m, 0, (enum answer[]){ Y, U, Y, Y, Y });
	assert_int_equal(s.level, 1);
	assert_dbl(s.score, 1.5);
	s = plain(m, 0, (enum answer[]){ Y, Y, Y, U, U });
	assert_int_equal(s.level, 2);
	assert_dbl(s.score, 2.5);
	s = plain(m, 0, (enum answer[]){ U, U, U, U, U });
	assert_int_equal(s.level, 1);
	assert_dbl(s.score, 1.0);
	/* unknown and no score alike */
	s = plain(m, 0, (enum answer[]){ Y, Y, P, U, N });
	assert_dbl(s.score, 2.25);
	s = plain(m, 0, (enum answer[]){ Y, Y, P, N, U });
	assert_dbl(s.score, 2.25);
	model_free(m);
}

/* Criteria listed out of level order: the staircase goes by level. */
static void test_staircase_file_order_irrelevant(void **state)
{
	struct model *m = load(HEAD LEVELS_1_4 DIMS DIM("d")
			       CRIT("x4", 4, "Four") CRIT("x3", 3, "Three")
			       CRIT("x2", 2, "Two") CRIT("y3", 3, "Three too"));
	struct dim_score s;

	(void)state;
	s = plain(m, 0, (enum answer[]){ N, Y, Y, P });
	assert_int_equal(s.level, 2);
	assert_dbl(s.score, 2.75);
	s = plain(m, 0, (enum answer[]){ P, Y, Y, Y });
	assert_int_equal(s.level, 3);
	assert_dbl(s.score, 3.5);
	model_free(m);
}

/* ---- the score's fraction and its rounding ---- */

static void test_partly_counts_half(void **state)
{
	/* Four criteria at L2 (levels 1..3). */
	struct model *m = load(HEAD LEVELS_1_3 DIMS DIM("d")
			       CRIT("a", 2, "A") CRIT("b", 2, "B") CRIT("c", 2, "C")
			       CRIT("d", 2, "D") CRIT("e", 3, "E"));
	struct dim_score s;

	(void)state;
	s = plain(m, 0, (enum answer[]){ P, N, N, N, N });
	assert_int_equal(s.level, 1);
	assert_dbl(s.raw_score, 1.125);
	assert_dbl(s.score, 1.13);
	s = plain(m, 0, (enum answer[]){ P, P, N, U, N });
	assert_dbl(s.score, 1.25);
	s = plain(m, 0, (enum answer[]){ Y, P, N, N, N });
	assert_dbl(s.raw_score, 1.375);
	assert_dbl(s.score, 1.38);
	s = plain(m, 0, (enum answer[]){ Y, Y, Y, P, N });
	assert_dbl(s.raw_score, 1.875);
	assert_dbl(s.score, 1.88);
	s = plain(m, 0, (enum answer[]){ P, P, P, P, Y });
	assert_int_equal(s.level, 1);
	assert_dbl(s.score, 1.5);
	s = plain(m, 0, (enum answer[]){ Y, Y, Y, Y, P });
	assert_int_equal(s.level, 2);
	assert_dbl(s.score, 2.5);
	model_free(m);
}

/* Dimensions of 3, 4 and 8 criteria at L2 (levels 1..3, L3 empty). */
static const char thirds_yaml[] =
	HEAD LEVELS_1_3 DIMS
	DIM("three") CRIT("t1", 2, "T1") CRIT("t2", 2, "T2") CRIT("t3", 2, "T3")
	DIM("four") CRIT("f1", 2, "F1") CRIT("f2", 2, "F2") CRIT("f3", 2, "F3")
		CRIT("f4", 2, "F4")
	DIM("eight") CRIT("e1", 2, "E1") CRIT("e2", 2, "E2") CRIT("e3", 2, "E3")
		CRIT("e4", 2, "E4") CRIT("e5", 2, "E5") CRIT("e6", 2, "E6")
		CRIT("e7", 2, "E7") CRIT("e8", 2, "E8");

static void test_score_rounding(void **state)
{
	struct model *m = load(thirds_yaml);
	enum answer a[15];
	struct dim_score s;

	(void)state;
	assert_int_equal(m->ncrits, 15);
	for (size_t i = 0; i < 15; i++)
		a[i] = N;

	a[0] = Y;                               /* 1 of 3 */
	s = plain(m, 0, a);
	assert_dbl(s.raw_score, 1.0 + 1.0 / 3.0);
	assert_dbl(s.score, 1.33);
	a[1] = Y;                               /* 2 of 3 */
	s = plain(m, 0, a);
	assert_dbl(s.raw_score, 1.0 + 2.0 / 3.0);
	assert_dbl(s.score, 1.67);
	a[0] = P; a[1] = N;                     /* 0.5 of 3 = 0.1667 */
	s = plain(m, 0, a);
	assert_dbl(s.score, 1.17);
	a[0] = Y; a[1] = Y; a[2] = P;           /* 2.5 of 3 = 0.8333 */
	s = plain(m, 0, a);
	assert_dbl(s.score, 1.83);

	a[3] = P;                               /* 0.5 of 4 = 0.125 */
	s = plain(m, 1, a);
	assert_dbl(s.score, 1.13);

	a[7] = P;                               /* 0.5 of 8 = 0.0625 */
	s = plain(m, 2, a);
	assert_dbl(s.raw_score, 1.0625);
	assert_dbl(s.score, 1.06);
	a[7] = Y;                               /* 1 of 8 = 0.125 */
	s = plain(m, 2, a);
	assert_dbl(s.score, 1.13);
	a[7] = P; a[8] = P; a[9] = P;           /* 1.5 of 8 = 0.1875 */
	s = plain(m, 2, a);
	assert_dbl(s.score, 1.19);
	a[7] = Y; a[8] = Y; a[9] = Y; a[10] = Y;
	a[11] = Y; a[12] = Y; a[13] = P;        /* 6.5 of 8 = 0.8125 */
	s = plain(m, 2, a);
	assert_dbl(s.score, 1.81);
	a[13] = Y; a[14] = P;                   /* 7.5 of 8 = 0.9375 */
	s = plain(m, 2, a);
	assert_int_equal(s.level, 1);
	assert_dbl(s.raw_score, 1.9375);
	assert_dbl(s.score, 1.94);
	model_free(m);
}

/* Each dimension reads only its own criteria. */
static void test_dimensions_independent(void **state)
{
	struct model *m = load(thirds_yaml);
	enum answer a[15] = { Y, Y, Y, N, N, N, N, P, N, N, N, N, N, N, N };
	struct dim_score s;

	(void)state;
	s = plain(m, 0, a);
	assert_int_equal(s.level, 3);
	assert_dbl(s.score, 3.0);
	s = plain(m, 1, a);
	assert_int_equal(s.level, 1);
	assert_dbl(s.score, 1.0);
	assert_int_equal(s.total, 4);
	assert_int_equal(s.answered, 4);
	s = plain(m, 2, a);
	assert_int_equal(s.level, 1);
	assert_dbl(s.score, 1.06);
	assert_int_equal(s.total, 8);
	model_free(m);
}

/* ---- coverage ---- */

static void test_coverage(void **state)
{
	struct model *m = load(thirds_yaml);
	enum answer a[15] = { U, U, U, U, U, U, U, U, U, U, U, U, U, U, U };
	struct dim_score s;

	(void)state;
	s = plain(m, 0, a);
	assert_int_equal(s.answered, 0);
	assert_int_equal(s.total, 3);
	assert_dbl(s.coverage, 0.0);
	a[0] = N;                               /* no is an answer */
	s = plain(m, 0, a);
	assert_int_equal(s.answered, 1);
	assert_dbl(s.coverage, 0.33);
	a[1] = P;
	s = plain(m, 0, a);
	assert_int_equal(s.answered, 2);
	assert_dbl(s.coverage, 0.67);
	a[2] = Y;
	s = plain(m, 0, a);
	assert_int_equal(s.answered, 3);
	assert_dbl(s.coverage, 1.0);

	a[3] = N; a[4] = Y; a[5] = P;           /* 3 of 4 */
	s = plain(m, 1, a);
	assert_int_equal(s.answered, 3);
	assert_int_equal(s.total, 4);
	assert_dbl(s.coverage, 0.75);

	a[7] = N;                               /* 1 of 8 = 0.125 */
	s = plain(m, 2, a);
	assert_dbl(s.coverage, 0.13);
	model_free(m);
}

/* ---- n/a: as if the model did not have the criterion ---- */

static void test_na_left_out_of_level_and_score(void **state)
{
	struct model *m = load(m4_yaml);
	/* c2a n/a, c2b yes: level 2 holds without c2a. */
	enum answer a[] = { ANS_NA, Y, P, N, N };
	struct dim_score s = plain(m, 0, a);

	(void)state;
	assert_int_equal(s.level, 2);
	/* Level 3 holds c3a partly, c3b no: 2 + 0.5 / 2. */
	assert_dbl(s.score, 2.25);
	/* c3b n/a: level 3 is c3a alone, partly: 2 + 0.5 / 1. */
	a[3] = ANS_NA;
	s = plain(m, 0, a);
	assert_dbl(s.score, 2.5);
	/* c3a yes then: level 3 holds, c4a no. */
	a[2] = Y;
	s = plain(m, 0, a);
	assert_int_equal(s.level, 3);
	assert_dbl(s.score, 3.0);
	/* n/a counts as answered. */
	assert_int_equal(s.answered, 5);
	assert_dbl(s.coverage, 1.0);
	model_free(m);
}

/* A level whose criteria are all n/a is passed, like an empty one. */
static void test_na_level_passed(void **state)
{
	struct model *m = load(m4_yaml);
	enum answer a[] = { Y, Y, ANS_NA, ANS_NA, P };
	struct dim_score s = plain(m, 0, a);

	(void)state;
	assert_int_equal(s.level, 3);
	assert_dbl(s.score, 3.5);
	a[4] = ANS_NA;
	s = plain(m, 0, a);
	assert_int_equal(s.level, 4);
	assert_dbl(s.score, 4.0);
	/* Unknown is no answer; n/a is one. */
	a[0] = U;
	s = plain(m, 0, a);
	assert_int_equal(s.level, 1);
	assert_int_equal(s.answered, 4);
	model_free(m);
}

/* The why of a level never lists an n/a criterion as missing. */
static void test_na_not_missing(void **state)
{
	struct model *m = load(m4_yaml);
	enum answer a[] = { ANS_NA, N, N, N, N };
	struct dim_score s = plain(m, 0, a);
	char *why = score_explain(m, 0, a, &s);

	(void)state;
	assert_string_equal(why, "Level 1 - for level 2 missing: Two B (no)");
	free(why);
	model_free(m);
}

/* ---- the top level and empty levels ---- */

static void test_top_level(void **state)
{
	struct model *m = load(m4_yaml);
	struct dim_score s = plain(m, 0, (enum answer[]){ Y, Y, Y, Y, Y });

	(void)state;
	assert_int_equal(s.level, 4);
	assert_int_equal(s.derived_level, 4);
	assert_dbl(s.score, 4.0);
	assert_dbl(s.raw_score, 4.0);
	assert_dbl(s.coverage, 1.0);
	model_free(m);
}

static void test_empty_level_passed(void **state)
{
	/* Levels 1..4; criteria at L2 and L4 only. */
	struct model *m = load(HEAD LEVELS_1_4 DIMS DIM("d")
			       CRIT("a", 2, "A") CRIT("b", 4, "B") CRIT("c", 4, "C"));
	struct dim_score s;

	(void)state;
	s = plain(m, 0, (enum answer[]){ Y, N, N });
	assert_int_equal(s.level, 3);
	assert_dbl(s.score, 3.0);
	s = plain(m, 0, (enum answer[]){ Y, P, N });
	assert_int_equal(s.level, 3);
	assert_dbl(s.score, 3.25);
	s = plain(m, 0, (enum answer[]){ N, Y, Y });
	assert_int_equal(s.level, 1);
	assert_dbl(s.score, 1.0);
	s = plain(m, 0, (enum answer[]){ Y, Y, Y });
	assert_int_equal(s.level, 4);
	assert_dbl(s.score, 4.0);
	model_free(m);
}

static void test_empty_top_and_first_levels(void **state)
{
	/* Levels 1..4; criteria at L3 only: L2 and L4 are empty. */
	struct model *m = load(HEAD LEVELS_1_4 DIMS DIM("d")
			       CRIT("a", 3, "A") CRIT("b", 3, "B"));
	struct dim_score s;

	(void)state;
	s = plain(m, 0, (enum answer[]){ N, U });
	assert_int_equal(s.level, 2);
	assert_dbl(s.score, 2.0);
	s = plain(m, 0, (enum answer[]){ Y, P });
	assert_int_equal(s.level, 2);
	assert_dbl(s.score, 2.75);
	s = plain(m, 0, (enum answer[]){ Y, Y });
	assert_int_equal(s.level, 4);
	assert_int_equal(s.derived_level, 4);
	assert_dbl(s.score, 4.0);
	model_free(m);
}

/* ---- override ---- */

static void test_override(void **state)
{
	struct model *m = load(m4_yaml);
	enum answer a[] = { Y, N, Y, Y, Y };
	struct dim_score s;

	(void)state;
	s = score(m, 0, a, NO_LEVEL, 3);        /* above the staircase */
	assert_int_equal(s.level, 3);
	assert_int_equal(s.derived_level, 1);
	assert_dbl(s.score, 3.0);
	assert_dbl(s.raw_score, 3.0);
	assert_dbl(s.gap, 0.0);
	assert_dbl(s.coverage, 1.0);
	assert_int_equal(s.answered, 5);

	a[1] = Y; a[3] = P;                     /* staircase 2, score 2.75 */
	s = score(m, 0, a, NO_LEVEL, 1);        /* below the staircase */
	assert_int_equal(s.level, 1);
	assert_int_equal(s.derived_level, 2);
	assert_dbl(s.score, 1.0);
	assert_dbl(s.raw_score, 1.0);

	s = score(m, 0, a, NO_LEVEL, 2);        /* equal: no fraction added */
	assert_int_equal(s.level, 2);
	assert_int_equal(s.derived_level, 2);
	assert_dbl(s.score, 2.0);

	s = score(m, 0, a, NO_LEVEL, 4);        /* the top */
	assert_int_equal(s.level, 4);
	assert_dbl(s.score, 4.0);

	s = score(m, 0, a, 4, 3);               /* gap from the override */
	assert_dbl(s.gap, 1.0);
	s = score(m, 0, a, 2, 3);
	assert_dbl(s.gap, 0.0);
	model_free(m);
}

/* ---- target and gap ---- */

static void test_target_gap(void **state)
{
	struct model *m = load(m4_yaml);
	enum answer a[] = { Y, Y, P, N, N };    /* score 2.25 */
	struct dim_score s;

	(void)state;
	s = plain(m, 0, a);
	assert_dbl(s.gap, 0.0);                 /* no target */
	s = score(m, 0, a, 4, NO_LEVEL);
	assert_dbl(s.score, 2.25);
	assert_dbl(s.gap, 1.75);
	s = score(m, 0, a, 3, NO_LEVEL);
	assert_dbl(s.gap, 0.75);
	s = score(m, 0, a, 2, NO_LEVEL);        /* target below the score */
	assert_dbl(s.gap, 0.0);
	s = score(m, 0, a, 1, NO_LEVEL);
	assert_dbl(s.gap, 0.0);
	/* target does not change level or score */
	assert_int_equal(s.level, 2);
	assert_dbl(s.score, 2.25);

	a[2] = Y; a[3] = Y;                     /* level 3, score 3.0 */
	s = score(m, 0, a, 3, NO_LEVEL);        /* target met exactly */
	assert_dbl(s.gap, 0.0);
	s = score(m, 0, a, 4, NO_LEVEL);
	assert_dbl(s.gap, 1.0);
	model_free(m);
}

static void test_gap_from_rounded_score(void **state)
{
	/* 1 partly of 4 at L2: score 1.13, so gap to 3 is 1.87 (score + gap
	 * adds up to the target as shown). */
	struct model *m = load(HEAD LEVELS_1_3 DIMS DIM("d")
			       CRIT("a", 2, "A") CRIT("b", 2, "B") CRIT("c", 2, "C")
			       CRIT("d", 2, "D") CRIT("e", 3, "E"));
	struct dim_score s = score(m, 0, (enum answer[]){ P, N, N, N, N }, 3, NO_LEVEL);

	(void)state;
	assert_dbl(s.score, 1.13);
	assert_dbl(s.gap, 1.87);
	s = score(m, 0, (enum answer[]){ Y, N, N, N, N }, 3, NO_LEVEL); /* 1.25 */
	assert_dbl(s.gap, 1.75);
	model_free(m);
}

/* ---- overall ---- */

static void test_overall_weighted_unrounded(void **state)
{
	/* a: weight 3, 1 partly of 4 -> raw 1.125 (shown 1.13).
	 * b: weight 1, L2 all yes -> 2.0.
	 * (3 * 1.125 + 2) / 4 = 1.34375 -> 1.34; from rounded scores it
	 * would be 1.3475 -> 1.35. */
	struct model *m = load(HEAD LEVELS_1_3 DIMS
			       DIMW("a", "3") CRIT("a1", 2, "A1") CRIT("a2", 2, "A2")
				       CRIT("a3", 2, "A3") CRIT("a4", 2, "A4")
			       DIM("b") CRIT("b1", 2, "B1") CRIT("b2", 3, "B2"));
	enum answer a[] = { P, N, N, N, Y, N };
	struct dim_score d[2];
	struct overall_score o;

	(void)state;
	assert_dbl(m->dims[0].weight, 3.0);
	assert_dbl(m->dims[1].weight, 1.0);
	d[0] = plain(m, 0, a);
	d[1] = plain(m, 1, a);
	assert_dbl(d[0].score, 1.13);
	assert_dbl(d[1].score, 2.0);
	score_overall(m, d, &o);
	assert_dbl(o.score, 1.34);
	assert_dbl(o.coverage, 1.0);
	model_free(m);
}

static void test_overall_mean_rounding(void **state)
{
	/* Equal weights: raw 1.125 and 1.0 -> 1.0625 -> 1.06 (from rounded
	 * scores: 1.065 -> 1.07). */
	struct model *m = load(HEAD LEVELS_1_3 DIMS
			       DIM("a") CRIT("a1", 2, "A1") CRIT("a2", 2, "A2")
				       CRIT("a3", 2, "A3") CRIT("a4", 2, "A4")
			       DIM("b") CRIT("b1", 2, "B1"));
	enum answer a[] = { P, N, N, N, N };
	struct dim_score d[2];
	struct overall_score o;

	(void)state;
	d[0] = plain(m, 0, a);
	d[1] = plain(m, 1, a);
	score_overall(m, d, &o);
	assert_dbl(o.score, 1.06);

	a[4] = Y;                               /* b: level 3 (top) */
	d[1] = plain(m, 1, a);
	assert_dbl(d[1].score, 3.0);
	score_overall(m, d, &o);
	assert_dbl(o.score, 2.06);              /* (1.125 + 3) / 2 = 2.0625 */
	model_free(m);
}

static void test_overall_fractional_weights(void **state)
{
	struct model *m = load(HEAD LEVELS_1_3 DIMS
			       DIMW("a", "0.5") CRIT("a1", 2, "A1")
			       DIMW("b", "1.5") CRIT("b1", 2, "B1") CRIT("b2", 3, "B2")
			       DIMW("c", "2") CRIT("c1", 2, "C1") CRIT("c2", 2, "C2")
				       CRIT("c3", 2, "C3"));
	/* a: 3 (top). b: 2 + 0.5 = 2.5. c: 1 + 1/3. */
	enum answer a[] = { Y, Y, P, Y, N, N };
	struct dim_score d[3];
	struct overall_score o;

	(void)state;
	for (size_t i = 0; i < 3; i++)
		d[i] = plain(m, i, a);
	assert_dbl(d[0].score, 3.0);
	assert_dbl(d[1].score, 2.5);
	assert_dbl(d[2].score, 1.33);
	score_overall(m, d, &o);
	/* (0.5 * 3 + 1.5 * 2.5 + 2 * 4/3) / 4 = 7.9166.../4 = 1.97916... */
	assert_dbl(o.score, 1.98);
	model_free(m);
}

static void test_overall_with_override(void **state)
{
	struct model *m = load(HEAD LEVELS_1_3 DIMS
			       DIM("a") CRIT("a1", 2, "A1") CRIT("a2", 3, "A2")
			       DIM("b") CRIT("b1", 2, "B1") CRIT("b2", 3, "B2"));
	enum answer a[] = { N, N, Y, P };       /* a: 1.0, b: 2.5 */
	struct dim_score d[2];
	struct overall_score o;

	(void)state;
	d[0] = score(m, 0, a, NO_LEVEL, 3);     /* overridden to 3 */
	d[1] = plain(m, 1, a);
	score_overall(m, d, &o);
	assert_dbl(o.score, 2.75);
	model_free(m);
}

static void test_overall_coverage(void **state)
{
	/* a: 1 of 1 answered; b: 0 of 3. Overall 1 of 4 = 0.25, not the
	 * mean of the dimensions' coverage (0.5). */
	struct model *m = load(HEAD LEVELS_1_3 DIMS
			       DIM("a") CRIT("a1", 2, "A1")
			       DIM("b") CRIT("b1", 2, "B1") CRIT("b2", 2, "B2")
				       CRIT("b3", 3, "B3"));
	enum answer a[] = { N, U, U, U };
	struct dim_score d[2];
	struct overall_score o;

	(void)state;
	d[0] = plain(m, 0, a);
	d[1] = plain(m, 1, a);
	score_overall(m, d, &o);
	assert_dbl(o.coverage, 0.25);
	assert_dbl(o.score, 1.0);

	a[1] = Y;                               /* 2 of 4 */
	d[1] = plain(m, 1, a);
	score_overall(m, d, &o);
	assert_dbl(o.coverage, 0.5);

	a[0] = U;                               /* 1 of 4 */
	d[0] = plain(m, 0, a);
	score_overall(m, d, &o);
	assert_dbl(o.coverage, 0.25);

	a[0] = Y; a[2] = P;                     /* 3 of 4 */
	d[0] = plain(m, 0, a);
	d[1] = plain(m, 1, a);
	score_overall(m, d, &o);
	assert_dbl(o.coverage, 0.75);
	model_free(m);
}

static void test_overall_coverage_rounding(void **state)
{
	struct model *m = load(HEAD LEVELS_1_3 DIMS
			       DIM("a") CRIT("a1", 2, "A1") CRIT("a2", 2, "A2")
			       DIM("b") CRIT("b1", 3, "B1"));
	enum answer a[] = { P, U, U };          /* 1 of 3 */
	struct dim_score d[2];
	struct overall_score o;

	(void)state;
	d[0] = plain(m, 0, a);
	d[1] = plain(m, 1, a);
	score_overall(m, d, &o);
	assert_dbl(o.coverage, 0.33);
	a[2] = N;                               /* 2 of 3 */
	d[1] = plain(m, 1, a);
	score_overall(m, d, &o);
	assert_dbl(o.coverage, 0.67);
	model_free(m);
}

/* ---- models starting at 0, two-level models ---- */

static void test_levels_from_zero(void **state)
{
	struct model *m = load(HEAD LEVELS_0_2 DIMS DIM("d")
			       CRIT("a", 1, "A") CRIT("b", 1, "B")
			       CRIT("c", 2, "C") CRIT("e", 2, "E") CRIT("f", 2, "F"));
	struct dim_score s;

	(void)state;
	assert_int_equal(m->lowest, 0);
	assert_int_equal(m->highest, 2);
	s = plain(m, 0, (enum answer[]){ U, U, U, U, U });
	assert_int_equal(s.level, 0);
	assert_int_equal(s.derived_level, 0);
	assert_dbl(s.score, 0.0);
	assert_dbl(s.coverage, 0.0);
	s = plain(m, 0, (enum answer[]){ P, N, Y, Y, Y });
	assert_int_equal(s.level, 0);
	assert_dbl(s.score, 0.25);
	s = plain(m, 0, (enum answer[]){ Y, Y, Y, N, N });
	assert_int_equal(s.level, 1);
	assert_dbl(s.score, 1.33);
	s = plain(m, 0, (enum answer[]){ Y, Y, Y, Y, Y });
	assert_int_equal(s.level, 2);
	assert_dbl(s.score, 2.0);
	model_free(m);
}

static void test_levels_from_zero_override_and_target(void **state)
{
	struct model *m = load(HEAD LEVELS_0_2 DIMS DIM("d")
			       CRIT("a", 1, "A") CRIT("b", 2, "B"));
	enum answer a[] = { Y, P };             /* 1.5 */
	struct dim_score s;

	(void)state;
	s = score(m, 0, a, NO_LEVEL, 0);        /* override to level 0 */
	assert_int_equal(s.level, 0);
	assert_int_equal(s.derived_level, 1);
	assert_dbl(s.score, 0.0);
	assert_dbl(s.raw_score, 0.0);
	s = score(m, 0, a, 0, NO_LEVEL);        /* target 0 is below */
	assert_dbl(s.gap, 0.0);
	s = score(m, 0, a, 2, NO_LEVEL);
	assert_dbl(s.gap, 0.5);
	s = score(m, 0, a, 2, 0);
	assert_dbl(s.gap, 2.0);
	model_free(m);
}

static void test_two_levels(void **state)
{
	struct model *m = load(HEAD LEVELS_1_2 DIMS DIM("d")
			       CRIT("a", 2, "A") CRIT("b", 2, "B") CRIT("c", 2, "C"));
	struct dim_score s;

	(void)state;
	s = plain(m, 0, (enum answer[]){ N, N, U });
	assert_int_equal(s.level, 1);
	assert_dbl(s.score, 1.0);
	assert_dbl(s.coverage, 0.67);
	s = plain(m, 0, (enum answer[]){ Y, Y, P });
	assert_int_equal(s.level, 1);
	assert_dbl(s.score, 1.83);
	s = plain(m, 0, (enum answer[]){ Y, Y, Y });
	assert_int_equal(s.level, 2);
	assert_dbl(s.score, 2.0);
	s = score(m, 0, (enum answer[]){ Y, N, N }, 2, NO_LEVEL);
	assert_dbl(s.score, 1.33);
	assert_dbl(s.gap, 0.67);
	model_free(m);
}

static void test_two_levels_from_zero(void **state)
{
	struct model *m = load(HEAD LEVELS_0_1 DIMS DIM("d")
			       CRIT("a", 1, "A") CRIT("b", 1, "B"));
	struct dim_score s;

	(void)state;
	s = plain(m, 0, (enum answer[]){ N, P });
	assert_int_equal(s.level, 0);
	assert_dbl(s.score, 0.25);
	s = plain(m, 0, (enum answer[]){ Y, Y });
	assert_int_equal(s.level, 1);
	assert_dbl(s.score, 1.0);
	model_free(m);
}

/* ---- the explanation ---- */

static void explain_is(const struct model *m, const enum answer *a, int override_level,
		       const char *want)
{
	struct dim_score s = score(m, 0, a, NO_LEVEL, override_level);
	char *got = score_explain(m, 0, a, &s);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_explain(void **state)
{
	struct model *m = load(m4_yaml);

	(void)state;
	explain_is(m, (enum answer[]){ Y, Y, P, U, Y }, NO_LEVEL,
		   "Level 2 - for level 3 missing: Three A (partly); Three B (unknown)");
	explain_is(m, (enum answer[]){ Y, Y, Y, N, Y }, NO_LEVEL,
		   "Level 2 - for level 3 missing: Three B (no)");
	explain_is(m, (enum answer[]){ N, Y, Y, Y, Y }, NO_LEVEL,
		   "Level 1 - for level 2 missing: Two A (no)");
	explain_is(m, (enum answer[]){ Y, Y, Y, Y, N }, NO_LEVEL,
		   "Level 3 - for level 4 missing: Four A (no)");
	explain_is(m, (enum answer[]){ Y, Y, Y, Y, Y }, NO_LEVEL,
		   "Level 4 - the top level");
	model_free(m);
}

static void test_explain_override(void **state)
{
	struct model *m = load(m4_yaml);

	(void)state;
	explain_is(m, (enum answer[]){ N, U, Y, Y, Y }, 3,
		   "Level 3 (override; criteria give 1) - for level 2 missing: "
		   "Two A (no); Two B (unknown)");
	explain_is(m, (enum answer[]){ Y, Y, Y, Y, Y }, 2,
		   "Level 2 (override; criteria give 4) - the top level");
	model_free(m);
}

static void test_explain_empty_level(void **state)
{
	struct model *m = load(HEAD LEVELS_1_4 DIMS DIM("d")
			       CRIT("a", 2, "A") CRIT("b", 4, "B") CRIT("c", 4, "C"));

	(void)state;
	explain_is(m, (enum answer[]){ Y, Y, P }, NO_LEVEL,
		   "Level 3 - for level 4 missing: C (partly)");
	model_free(m);
}

/* round2: half away from zero to two decimals. */

static void test_round2(void **state)
{
	(void)state;
	assert_dbl(round2(1.125), 1.13);
	assert_dbl(round2(1.124), 1.12);
	assert_dbl(round2(2.675), 2.68);        /* as written, not as stored */
	assert_dbl(round2(1.005), 1.01);
	assert_dbl(round2(1.115), 1.12);
	assert_dbl(round2(0.005), 0.01);
	assert_dbl(round2(0.004), 0.0);
	assert_dbl(round2(0.0), 0.0);
	assert_dbl(round2(0.125), 0.13);
	assert_dbl(round2(0.0625), 0.06);
	assert_dbl(round2(1.0 / 3.0), 0.33);
	assert_dbl(round2(2.0 / 3.0), 0.67);
	assert_dbl(round2(1.0 + 1.0 / 3.0), 1.33);
	assert_dbl(round2(1.34375), 1.34);
	assert_dbl(round2(1.0625), 1.06);
	assert_dbl(round2(3.0), 3.0);
	assert_dbl(round2(9.999), 10.0);
	assert_dbl(round2(99.995), 100.0);
	assert_dbl(round2(0.994), 0.99);
	assert_dbl(round2(0.995), 1.0);
	/* half away from zero, both ways */
	assert_dbl(round2(-1.125), -1.13);
	assert_dbl(round2(-0.005), -0.01);
	assert_dbl(round2(-1.124), -1.12);
	assert_dbl(round2(-2.675), -2.68);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round2),
		cmocka_unit_test(test_answer_names),
		cmocka_unit_test(test_answer_parse_round_trip),
		cmocka_unit_test(test_answer_parse_rejects),
		cmocka_unit_test(test_staircase_all_yes_to_l3),
		cmocka_unit_test(test_staircase_nothing_met),
		cmocka_unit_test(test_staircase_yes_above_gap),
		cmocka_unit_test(test_partly_does_not_pass_a_level),
		cmocka_unit_test(test_unknown_counts_as_no),
		cmocka_unit_test(test_staircase_file_order_irrelevant),
		cmocka_unit_test(test_partly_counts_half),
		cmocka_unit_test(test_score_rounding),
		cmocka_unit_test(test_dimensions_independent),
		cmocka_unit_test(test_coverage),
		cmocka_unit_test(test_na_left_out_of_level_and_score),
		cmocka_unit_test(test_na_level_passed),
		cmocka_unit_test(test_na_not_missing),
		cmocka_unit_test(test_top_level),
		cmocka_unit_test(test_empty_level_passed),
		cmocka_unit_test(test_empty_top_and_first_levels),
		cmocka_unit_test(test_override),
		cmocka_unit_test(test_target_gap),
		cmocka_unit_test(test_gap_from_rounded_score),
		cmocka_unit_test(test_overall_weighted_unrounded),
		cmocka_unit_test(test_overall_mean_rounding),
		cmocka_unit_test(test_overall_fractional_weights),
		cmocka_unit_test(test_overall_with_override),
		cmocka_unit_test(test_overall_coverage),
		cmocka_unit_test(test_overall_coverage_rounding),
		cmocka_unit_test(test_levels_from_zero),
		cmocka_unit_test(test_levels_from_zero_override_and_target),
		cmocka_unit_test(test_two_levels),
		cmocka_unit_test(test_two_levels_from_zero),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_explain_override),
		cmocka_unit_test(test_explain_empty_level),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
