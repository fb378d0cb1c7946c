/* The references view's core (src/refs.c): the standard a reference
 * belongs to, natural order, and met/total per reference and standard. */
#include "testutil.h"

#include "refs.h"

#include <stdlib.h>
#include <string.h>

static void assert_prefix(const char *ref, const char *want)
{
	char *got = ref_prefix(ref);

	if (strcmp(got, want))
		fail_msg("ref_prefix('%s') = '%s', expected '%s'", ref, got, want);
	free(got);
}

static void test_prefix(void **state)
{
	(void)state;
	assert_prefix("EU AI Act Art. 12", "EU AI Act");
	assert_prefix("GDPR Art. 5", "GDPR");
	assert_prefix("HIPAA 45 CFR 164.312", "HIPAA");
	assert_prefix("ISO/IEC 42001:2023", "ISO/IEC 42001:2023");
	assert_prefix("ISO/IEC 42001:2023 A.6", "ISO/IEC 42001:2023");
	assert_prefix("NIST AI RMF 1.0 MEASURE", "NIST AI RMF");
	assert_prefix("SOC 2", "SOC");
	assert_prefix("Internal policy", "Internal policy");
	assert_prefix("BSI \xc2\xa7 3", "BSI");
	assert_prefix("42", "42");      /* a number alone names itself */
}

static void test_compare(void **state)
{
	(void)state;
	assert_true(ref_compare("Art. 9", "Art. 10") < 0);
	assert_true(ref_compare("Art. 10", "Art. 9") > 0);
	assert_true(ref_compare("Art. 010", "Art. 10") == 0);
	assert_true(ref_compare("164.308", "164.312") < 0);
	assert_true(ref_compare("GDPR", "HIPAA") < 0);
	assert_true(ref_compare("Art. 5", "Art. 5a") < 0);
}

static const char yaml[] =
	"id: r\nname: R\nversion: \"1\"\nlevels:\n  - level: 1\n    name: One\n  - level: 2\n    name: Two\n"
	"dimensions:\n  - id: d\n    name: D\n    criteria:\n"
	"      - id: c1\n        level: 2\n        text: One\n        refs: [EU AI Act Art. 12, GDPR Art. 30]\n"
	"      - id: c2\n        level: 2\n        text: Two\n        refs: [EU AI Act Art. 9, EU AI Act Art. 12]\n"
	"      - id: c3\n        level: 2\n        text: Three\n        refs: [GDPR Art. 5]\n"
	"      - id: c4\n        level: 2\n        text: Four\n";

static void test_view(void **state)
{
	char err[256] = "";
	struct model *m = model_load_buffer(yaml, strlen(yaml), "r.yaml", err, sizeof err);
	enum answer a[] = { ANS_YES, ANS_PARTLY, ANS_NA, ANS_YES };
	struct ref_view v;

	(void)state;
	assert_non_null(m);
	refs_build(m, a, &v);
	assert_int_equal(v.ngroups, 2);
	assert_string_equal(v.groups[0].prefix, "EU AI Act");
	assert_int_equal(v.groups[0].nitems, 2);
	assert_string_equal(v.groups[0].items[0].ref, "EU AI Act Art. 9");
	assert_string_equal(v.groups[0].items[1].ref, "EU AI Act Art. 12");
	/* Art. 12: c1 yes, c2 partly. */
	assert_int_equal(v.groups[0].items[1].ncrits, 2);
	assert_int_equal(v.groups[0].items[1].met, 1);
	/* The act: c1 and c2, each once: one met of two. */
	assert_int_equal(v.groups[0].total, 2);
	assert_int_equal(v.groups[0].met, 1);
	/* GDPR: c1 yes, c3 n/a: both met. */
	assert_string_equal(v.groups[1].prefix, "GDPR");
	assert_string_equal(v.groups[1].items[0].ref, "GDPR Art. 5");
	assert_int_equal(v.groups[1].met, 2);
	assert_int_equal(v.groups[1].total, 2);
	refs_free(&v);
	/* No assessment: nothing met. */
	refs_build(m, NULL, &v);
	assert_int_equal(v.groups[1].met, 0);
	refs_free(&v);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_view),
	};

	return cmocka_run_group_tests_name("refs", tests, NULL, NULL);
}
