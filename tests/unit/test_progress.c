/* Progress figures of the quarterly review (OWASP SAMM style). */
#include "testutil.h"

#include <math.h>

#include "progress.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static void test_percent_basic(void **state)
{
	int targets[] = { 3, 4, -1 };
	double scores[] = { 2.0, 3.5, 1.0 }, out = -1;

	(void)state;
	/* missing: 1 + 0.5 = 1.5 of 7 */
	assert_true(progress_percent_to_target(targets, scores, 3, &out));
	NEAR(out, 1.0 - 1.5 / 7.0);
}

static void test_percent_target_below_score(void **state)
{
	int targets[] = { 2, 3 };
	double scores[] = { 3.5, 3.0 }, out = -1;

	(void)state;
	/* A target already passed counts as met, not as more than met. */
	assert_true(progress_percent_to_target(targets, scores, 2, &out));
	NEAR(out, 1.0);
}

static void test_percent_no_targets(void **state)
{
	int targets[] = { -1, -1 };
	double scores[] = { 2.0, 3.0 }, out = 42;

	(void)state;
	assert_false(progress_percent_to_target(targets, scores, 2, &out));
	NEAR(out, 42);
}

static void test_percent_zero_targets(void **state)
{
	int targets[] = { 0, 0 };
	double scores[] = { 0.5, 0 }, out = 42;

	(void)state;
	assert_false(progress_percent_to_target(targets, scores, 2, &out));
}

static void test_to_date(void **state)
{
	double out = 0;

	(void)state;
	assert_true(progress_to_date(1.0, 2.0, 3.0, &out));
	NEAR(out, 0.5);
	assert_true(progress_to_date(2.0, 1.5, 4.0, &out)); /* a setback */
	NEAR(out, -0.25);
	assert_true(progress_to_date(1.0, 4.0, 3.0, &out)); /* past the target */
	NEAR(out, 1.5);
}

static void test_to_date_baseline_equals_target(void **state)
{
	double out = 7;

	(void)state;
	assert_false(progress_to_date(3.0, 3.5, 3.0, &out));
	NEAR(out, 7);
}

static void test_overall_target(void **state)
{
	int targets[] = { 4, -1, 2 };
	double scores[] = { 1.0, 2.5, 3.0 }, weights[] = { 2, 1, 1 };

	(void)state;
	/* (2*4 + 1*2.5 + 1*2) / 4 */
	NEAR(progress_overall_target(targets, scores, weights, 3), 12.5 / 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_percent_basic),
		cmocka_unit_test(test_percent_target_below_score),
		cmocka_unit_test(test_percent_no_targets),
		cmocka_unit_test(test_percent_zero_targets),
		cmocka_unit_test(test_to_date),
		cmocka_unit_test(test_to_date_baseline_equals_target),
		cmocka_unit_test(test_overall_target),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
