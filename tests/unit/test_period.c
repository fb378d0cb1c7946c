/* Periods: parsing, formatting and the current quarter. */
#include "testutil.h"

#include "period.h"

#include <time.h>

/* ---- periods ---- */

static void test_period_parse_valid(void **state)
{
	int idx = -1;

	(void)state;
	assert_true(period_parse("2026-Q1", &idx));
	assert_int_equal(idx, 2026 * 4 + 0);
	assert_true(period_parse("2026-Q2", &idx));
	assert_int_equal(idx, 2026 * 4 + 1);
	assert_true(period_parse("2026-Q3", &idx));
	assert_int_equal(idx, 2026 * 4 + 2);
	assert_true(period_parse("2026-Q4", &idx));
	assert_int_equal(idx, 2026 * 4 + 3);
	assert_true(period_parse("1999-Q4", &idx));
	assert_int_equal(idx, 1999 * 4 + 3);
	assert_true(period_parse("9999-Q4", &idx));
	assert_int_equal(idx, 9999 * 4 + 3);
	assert_true(period_parse("0001-Q1", &idx));
	assert_int_equal(idx, 4);
	assert_true(period_parse("2026-Q3", NULL));
}

static void test_period_parse_invalid(void **state)
{
	const char *bad[] = {
		"2026-Q5", "2026-Q0", "2026Q1", "26-Q1", "2026-q1", "",
		"2026-Q1 ", " 2026-Q1", "2026-Q1\n", "2026-Q12", "2026-Q", "2026-",
		"2026-Q9", "2026 Q1", "2026_Q1", "2026-1", "20260-Q1", "Q1-2026",
		"202a-Q1", "-026-Q1", "+026-Q1", "2026-Q-1", "2026/Q1", "abcd-Qe",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int idx = 12345;

		if (period_parse(bad[i], &idx))
			fail_msg("period_parse accepted '%s'", bad[i]);
		assert_int_equal(idx, 12345); /* left alone */
	}
	assert_false(period_parse(NULL, NULL));
}

static void test_period_format(void **state)
{
	char out[PERIOD_LEN];

	(void)state;
	period_format(2026 * 4, out);
	assert_string_equal(out, "2026-Q1");
	period_format(2026 * 4 + 3, out);
	assert_string_equal(out, "2026-Q4");
	period_format(999 * 4 + 1, out);
	assert_string_equal(out, "0999-Q2");
	period_format(9999 * 4 + 3, out);
	assert_string_equal(out, "9999-Q4");
}

static void test_period_round_trip(void **state)
{
	char out[PERIOD_LEN];

	(void)state;
	for (int idx = 1990 * 4; idx < 2100 * 4; idx++) {
		int back = -1;

		period_format(idx, out);
		assert_int_equal(strlen(out), 7);
		if (!period_parse(out, &back))
			fail_msg("period_parse rejected '%s' from index %d", out, idx);
		assert_int_equal(back, idx);
	}
}

static void test_period_consecutive(void **state)
{
	const char *seq[] = { "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2",
			      "2026-Q3", "2026-Q4", "2027-Q1" };
	char out[PERIOD_LEN];
	int idx;

	(void)state;
	assert_true(period_parse("2026-Q4", &idx));
	period_format(idx + 1, out);
	assert_string_equal(out, "2027-Q1");
	assert_true(period_parse("2027-Q1", &idx));
	period_format(idx - 1, out);
	assert_string_equal(out, "2026-Q4");

	assert_true(period_parse(seq[0], &idx));
	for (size_t i = 1; i < sizeof seq / sizeof seq[0]; i++) {
		int next;

		assert_true(period_parse(seq[i], &next));
		assert_int_equal(next, idx + 1);
		idx = next;
	}
}

static void test_period_current(void **state)
{
	time_t now = time(NULL);
	struct tm tm;
	char out[PERIOD_LEN], want[32];
	int cur = period_current(), back;

	(void)state;
	localtime_r(&now, &tm);
	snprintf(want, sizeof want, "%04d-Q%d", tm.tm_year + 1900, tm.tm_mon / 3 + 1);
	period_format(cur, out);
	assert_string_equal(out, want);
	assert_true(period_parse(out, &back));
	assert_int_equal(back, cur);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_parse_valid),
		cmocka_unit_test(test_period_parse_invalid),
		cmocka_unit_test(test_period_format),
		cmocka_unit_test(test_period_round_trip),
		cmocka_unit_test(test_period_consecutive),
		cmocka_unit_test(test_period_current),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
