/* Team names that look like one team (src/names.c): folding, the edit
 * distance, and what the new-assessment form calls close. */
#include "testutil.h"

#include "names.h"

#include <stdlib.h>
#include <string.h>

static void assert_fold(const char *in, const char *want)
{
	char *got = name_fold(in);

	if (strcmp(got, want))
		fail_msg("name_fold('%s') = '%s', expected '%s'", in, got, want);
	free(got);
}

static void test_fold(void **state)
{
	(void)state;
	assert_fold("Payments ML", "paymentsml");
	assert_fold("  Zoë  Ng ", "zoeng");
	assert_fold("ÉQUIPE Données", "equipedonnees");
	assert_fold("Łódź Straße", "lodzstrasse");
	assert_fold("Ærø", "aero");
	assert_fold("数据 团队", "数据团队");       /* no accents to drop; spaces go */
	assert_fold("", "");
}

static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(name_distance("kitten", "sitting", 5), 3);
	assert_int_equal(name_distance("kitten", "sitting", 2), 3);   /* capped at limit + 1 */
	assert_int_equal(name_distance("", "abc", 5), 3);
	assert_int_equal(name_distance("abc", "abc", 2), 0);
	assert_int_equal(name_distance("数据团队", "数据团", 2), 1);   /* characters, not bytes */
	assert_int_equal(name_distance("flaw", "lawn", 2), 2);
	assert_int_equal(name_distance("a", "abcdefgh", 2), 3);
}

static void test_close(void **state)
{
	static const struct {
		const char *typed, *existing;
		bool close;
	} cases[] = {
		{ "Payments ML", "Payments ML", false },        /* the same team: no warning */
		{ "payments ml", "Payments ML", true },
		{ "PaymentsML", "Payments ML", true },
		{ "Paymnets ML", "Payments ML", true },          /* two letters swapped: 2 */
		{ "Payment ML", "Payments ML", true },
		{ "Fraud Detection", "Fraud Detectoin", true },
		{ "Zoe Ng", "Zoë Ng", true },
		{ "Search Ranking", "Fraud Detection", false },
		{ "Payments", "Payments ML", true },             /* two letters short */
		{ "ML", "QA", false },                           /* too short to guess */
		{ "ml", "ML", true },                            /* equal once folded */
		{ "Team A", "Team B", true },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (name_close(cases[i].typed, cases[i].existing) != cases[i].close)
			fail_msg("name_close('%s', '%s') should be %s", cases[i].typed,
				 cases[i].existing, cases[i].close ? "true" : "false");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_close),
	};

	return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
