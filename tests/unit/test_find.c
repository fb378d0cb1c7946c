/* Finding and ordering names (src/find.c): the folded match that ignores
 * case and accents, and the collation with its fallback under C.UTF-8 and,
 * where one is installed, a locale with a real collation table. */
#include "testutil.h"

#include "find.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

static void assert_fold(const char *in, const char *want)
{
	char *got = find_fold(in);

	if (strcmp(got, want))
		fail_msg("find_fold('%s') = '%s', expected '%s'", in, got, want);
	free(got);
}

static void test_fold(void **state)
{
	(void)state;
	assert_fold("Zürich Ops", "zurich ops");
	assert_fold("ÉMILE émile", "emile emile");
	assert_fold("Straße ẞ", "strasse ss");
	assert_fold("Æsir Œuvre", "aesir oeuvre");
	assert_fold("Łódź\tȘțefan", "lodz stefan");
	assert_fold("e\xcc\x81t\xc3\xa9", "ete");                 /* decomposed e + U+0301 */
	assert_fold("a\xc2\xa0" "b", "a b");                        /* no-break space */
	assert_fold("数据 团队", "数据 团队");
	assert_fold("x\xff" "y", "x\xff" "y");                      /* a bad byte stays */
	assert_fold("", "");
}

static void test_match(void **state)
{
	static const struct {
		const char *text, *needle;
		bool in;
	} cases[] = {
		{ "Zürich Ops", "zurich", true },
		{ "Zürich Ops", "ZÜRICH", true },
		{ "Zürich Ops", "rich o", true },
		{ "Émile", "é", true },
		{ "émile", "É", true },
		{ "Émile", "emile", true },
		{ "Straße", "strasse", true },
		{ "Strasse", "straß", true },
		{ "Data drift is detected", "DRIFT", true },
		{ "alpha", "alphab", false },
		{ "zeta", "zu", false },
		{ "数据团队", "团", true },
		{ "anything", "", true },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (find_match(cases[i].text, cases[i].needle) != cases[i].in)
			fail_msg("find_match('%s', '%s') should be %s", cases[i].text, cases[i].needle,
				 cases[i].in ? "true" : "false");
	assert_false(find_in(NULL, "x"));
	assert_true(find_in(NULL, ""));
}

static int cmp(const void *a, const void *b)
{
	return find_collate(*(const char *const *)a, *(const char *const *)b);
}

static void assert_sorted(const char **names, size_t n, const char *const *want)
{
	qsort(names, n, sizeof *names, cmp);
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], want[i]))
			fail_msg("place %zu: '%s', expected '%s'", i, names[i], want[i]);
}

/* Under C.UTF-8 (code point order, "Z" before "a"), the folded names. */
static void test_collate_fallback(void **state)
{
	const char *names[] = { "zeta", "Zürich Ops", "alpha", "Émile", "Beta", "emile", "Émile" };
	static const char *const want[] = { "alpha", "Beta", "emile", "Émile", "Émile", "zeta",
					    "Zürich Ops" };

	(void)state;
	if (!setlocale(LC_COLLATE, "C.UTF-8"))
		assert_non_null(setlocale(LC_COLLATE, "C"));
	assert_sorted(names, sizeof names / sizeof *names, want);
	/* Equal once folded: byte order decides, and only equal strings tie. */
	assert_true(find_collate("Émile", "emile") > 0);
	assert_true(find_collate("emile", "Émile") < 0);
	assert_int_equal(find_collate("Émile", "Émile"), 0);
	assert_true(find_collate("ab", "abc") < 0);
	/* The same bytes, then letters that differ inside a character (É and
	 * é share their first byte) and fold the same: the letter after them
	 * decides. */
	assert_true(find_collate("Données Équipe b", "Données équipe a") > 0);
	assert_true(find_collate("Données équipe a", "Données Équipe b") < 0);
	assert_true(find_collate("Team é 10", "Team É 9") < 0);
	assert_true(find_collate("TEAM alpha", "team Beta") < 0);
	assert_true(find_collate("team\tx", "team y") < 0);
	setlocale(LC_COLLATE, "C");
}

/* Under a locale with a collation table, strcoll's order; skipped where
 * none is installed (a fresh Debian has only C.UTF-8). */
static void test_collate_locale(void **state)
{
	static const char *const locales[] = { "en_US.UTF-8", "en_GB.UTF-8", "de_DE.UTF-8",
					       "fr_FR.UTF-8" };
	const char *names[] = { "zeta", "Zürich Ops", "alpha", "Émile", "Beta" };
	static const char *const want[] = { "alpha", "Beta", "Émile", "zeta", "Zürich Ops" };
	bool found = false;

	(void)state;
	for (size_t i = 0; i < sizeof locales / sizeof *locales && !found; i++)
		found = setlocale(LC_COLLATE, locales[i]) != NULL;
	if (!found)
		skip();
	assert_sorted(names, sizeof names / sizeof *names, want);
	assert_true(find_collate("Émile", "emile") != 0);
	setlocale(LC_COLLATE, "C");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_collate_fallback),
		cmocka_unit_test(test_collate_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
