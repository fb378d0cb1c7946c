/* Labels that can be told apart (label.c): cut names that would collide
 * keep what tells them apart, at every width, with wide characters and
 * emoji, for up to 64 names. */
#include "testutil.h"

#include "label.h"
#include "text.h"
#include "xalloc.h"

#include <locale.h>
#include <stdbool.h>

#define ELL "\xe2\x80\xa6"      /* U+2026 */

/* Labels for names (alts may be NULL) at one width. */
static struct label_item *make(const char *const *names, const char *const *alts, size_t n,
			       int width, const char *ell)
{
	struct label_item *it = xcalloc(n ? n : 1, sizeof *it);

	for (size_t i = 0; i < n; i++)
		it[i] = (struct label_item){ names[i], alts ? alts[i] : NULL, width, NULL };
	label_make(it, n, ell);
	return it;
}

static void done(struct label_item *it, size_t n)
{
	label_free(it, n);
	free(it);
}

/* Every label fits its width and no two are the same. */
static void assert_fit_distinct(const struct label_item *it, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (text_width(it[i].label) > it[i].width)
			fail_msg("label %zu '%s' is %d columns, over %d", i, it[i].label,
				 text_width(it[i].label), it[i].width);
		for (size_t j = 0; j < i; j++)
			if (strcmp(it[i].label, it[j].label) == 0)
				fail_msg("labels %zu and %zu are both '%s' (%s / %s, width %d)", j, i,
					 it[i].label, it[j].name, it[i].name, it[i].width);
	}
}

static void expect(const char *const *names, const char *const *alts, size_t n, int width,
		   const char *const *want)
{
	struct label_item *it = make(names, alts, n, width, ELL);

	for (size_t i = 0; i < n; i++)
		if (strcmp(it[i].label, want[i]) != 0)
			fail_msg("width %d, '%s': '%s', want '%s'", width, names[i], it[i].label,
				 want[i]);
	assert_fit_distinct(it, n);
	done(it, n);
}

static void test_fit_and_plain_cut(void **state)
{
	static const char *const names[] = { "Experiment Tracking", "Data Versioning", "Ops" };
	static const char *const whole[] = { "Experiment Tracking", "Data Versioning", "Ops" };
	static const char *const cut[] = { "Experim" ELL, "Data Ve" ELL, "Ops" };
	static const char *const spaced[] = { "Data Ve" ELL, "Deploy" };
	static const char *const spaced_names[] = { "Data Versioning", "Deploy  " };

	(void)state;
	expect(names, NULL, 3, 30, whole);
	expect(names, NULL, 3, 19, whole);
	/* Cut names that differ stay cut at the end, as before. */
	expect(names, NULL, 3, 8, cut);
	/* Spaces at a name's end, or before an ellipsis, are not shown. */
	expect(spaced_names, NULL, 2, 8, spaced);
}

static void test_collisions(void **state)
{
	static const char *const names[] = {
		"Build and Test", "Build Pipelines", "Build Security", "Monitoring",
	};
	static const char *const want12[] = {
		"Build and T" ELL, "Build Pipel" ELL, "Build Secur" ELL, "Monitoring",
	};
	struct label_item *it;

	(void)state;
	/* Not "Build…" three times; the name that did not collide keeps its cut. */
	it = make(names, NULL, 4, 6, ELL);
	assert_fit_distinct(it, 4);
	assert_string_equal(it[3].label, "Monit" ELL);
	assert_string_equal(it[0].label, ELL "and" ELL);
	assert_string_equal(it[1].label, ELL "Pipe" ELL);
	assert_string_equal(it[2].label, ELL "Secu" ELL);
	done(it, 4);
	expect(names, NULL, 4, 12, want12);
}

static void test_shared_prefix_tail(void **state)
{
	static const char *const teams[] = {
		"Platform Engineering North", "Platform Engineering South", "Data Science",
	};
	static const char *const want18[] = {
		"Platform Eng" ELL "North", "Platform Eng" ELL "South", "Data Science",
	};
	static const char *const want10[] = {
		"Plat" ELL "North", "Plat" ELL "South", "Data Scie" ELL,
	};
	static const char *const deep[] = {
		"Security Testing Automation A", "Security Testing Automation B",
		"Security Testing Manual",
	};
	static const char *const want_deep[] = {
		"Secur" ELL "A", "Secur" ELL "B", ELL "Manual",
	};

	(void)state;
	expect(teams, NULL, 3, 18, want18);
	expect(teams, NULL, 3, 10, want10);
	/* Two rounds: past "Security Testing ", then past "Automation ". */
	expect(deep, NULL, 3, 7, want_deep);
}

static void test_nearest_neighbour(void **state)
{
	/* OWASP SAMM's practices at the organisation view's 6 columns: each
	 * moves past what it shares with the name most like it, so "Secure
	 * Build" shows "Build", not "e Bu". */
	static const char *const names[] = {
		"Security Requirements", "Security Architecture", "Secure Build",
		"Secure Deployment", "Security Testing", "Threat Assessment",
	};
	static const char *const want[] = {
		ELL "Requ" ELL, ELL "Arch" ELL, ELL "Build", ELL "Depl" ELL, ELL "Test" ELL, "Threa" ELL,
	};

	(void)state;
	expect(names, NULL, 6, 6, want);
}

static void test_mid_word(void **state)
{
	static const char *const names[] = { "Deployment", "Deploying" };
	static const char *const want[] = { "D" ELL "ment", "De" ELL "ing" };

	(void)state;
	/* They differ inside one word: the labels show from there on. */
	expect(names, NULL, 2, 6, want);
}

static void test_alt_and_number(void **state)
{
	static const char *const same[] = { "Security", "Security", "Delivery" };
	static const char *const ids[] = { "sec-app", "sec-infra", "delivery" };
	static const char *const want_ids[] = { "sec-a" ELL, "sec-i" ELL, "Deliv" ELL };
	static const char *const want_nums[] = { "Sec" ELL "#1", "Sec" ELL "#2", "Deliv" ELL };
	static const char *const want_wide[] = { "Security#1", "Security#2", "Delivery" };
	static const char *const same_ids[] = { "x", "x", "y" };

	(void)state;
	/* The same name twice: the dimension ids tell them apart. */
	expect(same, ids, 3, 6, want_ids);
	/* Without ids, or with ids that collide too: their numbers. */
	expect(same, NULL, 3, 6, want_nums);
	expect(same, same_ids, 3, 6, want_nums);
	expect(same, NULL, 3, 10, want_wide);
}

/* The labels of one label_make share one allocation: label_free frees
 * each call's once, for items of two calls freed together (the roadmap
 * pane's pattern) as for one, and empty labels among them. */
static void test_free_calls(void **state)
{
	static const char *const names[] = { "Build", "Build", "", "Cost", "Security", "Sec" };
	struct label_item it[6];

	(void)state;
	for (size_t i = 0; i < 6; i++)
		it[i] = (struct label_item){ names[i], NULL, i == 3 ? 0 : 8, NULL };
	label_make(it, 3, ELL);
	label_make(it + 3, 3, ELL);
	assert_string_equal(it[0].label, "Build#1");
	assert_string_equal(it[1].label, "Build#2");
	assert_string_equal(it[2].label, "");
	assert_string_equal(it[3].label, "");
	assert_string_equal(it[4].label, "Security");
	assert_string_equal(it[5].label, "Sec");
	label_free(it, 6);
	for (size_t i = 0; i < 6; i++)
		assert_null(it[i].label);
	label_make(it, 0, ELL);
	label_free(it, 0);
}

/* Names and alts with what a terminal line shows differently (a tab, an
 * escape): labelled as drawn, whether or not the alt is needed. */
static void test_drawn_names(void **state)
{
	static const char *const names[] = { "Sec\turity", "Sec\turity", "Deli\x1bvery" };
	static const char *const ids[] = { "sec\tapp", "sec\x1binfra", "delivery" };
	static const char *const want_ids[] = { "sec a" ELL, "sec?i" ELL, "Deli?" ELL };
	static const char *const want_whole[] = { "sec app", "sec?infra", "Deli?very" };

	(void)state;
	expect(names, ids, 3, 6, want_ids);
	expect(names, ids, 3, 12, want_whole);
}

static void test_wide_chars(void **state)
{
	/* "数据平台北京" and "数据平台上海": six CJK characters, 12 columns. */
	static const char *const names[] = {
		"\xe6\x95\xb0\xe6\x8d\xae\xe5\xb9\xb3\xe5\x8f\xb0\xe5\x8c\x97\xe4\xba\xac",
		"\xe6\x95\xb0\xe6\x8d\xae\xe5\xb9\xb3\xe5\x8f\xb0\xe4\xb8\x8a\xe6\xb5\xb7",
	};
	static const char *const want8[] = {
		"\xe6\x95\xb0" ELL "\xe5\x8c\x97\xe4\xba\xac", "\xe6\x95\xb0" ELL "\xe4\xb8\x8a\xe6\xb5\xb7",
	};

	(void)state;
	expect(names, NULL, 2, 8, want8);
	/* Odd widths never split a character of two columns. */
	for (int w = 1; w <= 13; w++) {
		struct label_item *it = make(names, NULL, 2, w, ELL);

		for (size_t i = 0; i < 2; i++)
			assert_true(text_width(it[i].label) <= w);
		if (w >= 3)
			assert_fit_distinct(it, 2);
		done(it, 2);
	}
}

static void test_emoji_placeholder(void **state)
{
	/* A ZWJ family and a flag: each drawn as one U+FFFD, and measured so. */
	static const char *const names[] = {
		"Team \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 North",
		"Team \xf0\x9f\x87\xa9\xf0\x9f\x87\xaa North",
	};
	static const char *const want_whole[] = {
		"Team \xef\xbf\xbd North", "Team \xef\xbf\xbd North",
	};
	struct label_item *it;

	(void)state;
	it = make(names, NULL, 2, 12, ELL);
	assert_int_equal(text_width(names[0]), 12);
	assert_int_equal(text_width(names[1]), 12);
	/* Both look the same on a terminal: numbered. */
	assert_string_equal(it[0].label, "Team \xef\xbf\xbd No" ELL "#1");
	assert_string_equal(it[1].label, "Team \xef\xbf\xbd No" ELL "#2");
	done(it, 2);
	it = make(names, NULL, 1, 20, ELL);
	assert_string_equal(it[0].label, want_whole[0]);
	done(it, 1);
	it = make(names + 1, NULL, 1, 20, ELL);
	assert_string_equal(it[0].label, want_whole[1]);
	done(it, 1);
}

static void test_tiny_widths(void **state)
{
	static const char *const names[] = { "Build A", "Build B", "Cost" };

	(void)state;
	for (int w = -1; w <= 3; w++) {
		struct label_item *it = make(names, NULL, 3, w, ELL);

		for (size_t i = 0; i < 3; i++) {
			assert_true(text_width(it[i].label) <= (w > 0 ? w : 0));
			if (w <= 0)
				assert_string_equal(it[i].label, "");
		}
		if (w >= 2)
			assert_fit_distinct(it, 3);
		done(it, 3);
	}
	{
		static const char *const want1[] = { "A", "B", "C" };
		static const char *const want2[] = { ELL "A", ELL "B", "C" ELL };
		static const char *const want3[] = { "B" ELL "A", "B" ELL "B", "Co" ELL };

		expect(names, NULL, 3, 1, want1);
		expect(names, NULL, 3, 2, want2);
		expect(names, NULL, 3, 3, want3);
	}
}

static void test_ascii_ellipsis(void **state)
{
	static const char *const names[] = { "Build thing A", "Build thing B" };
	static const char *const want[] = { "Build t~A", "Build t~B" };

	(void)state;
	{
		struct label_item *it = make(names, NULL, 2, 9, "~");

		for (size_t i = 0; i < 2; i++)
			assert_string_equal(it[i].label, want[i]);
		done(it, 2);
	}
}

static void test_64_names(void **state)
{
	char *names[64];
	char *ids[64];
	const char *np[64], *ip[64];

	(void)state;
	for (size_t i = 0; i < 64; i++) {
		char buf[64];

		snprintf(buf, sizeof buf, "Capability area number %zu", i + 1);
		names[i] = xstrdup(buf);
		snprintf(buf, sizeof buf, "cap-%zu", i + 1);
		ids[i] = xstrdup(buf);
		np[i] = names[i];
		ip[i] = ids[i];
	}
	for (int w = 2; w <= 30; w++) {
		struct label_item *it = make(np, ip, 64, w, ELL);

		assert_fit_distinct(it, 64);
		done(it, 64);
	}
	{
		struct label_item *it = make(np, NULL, 64, 1, ELL);

		for (size_t i = 0; i < 64; i++)
			assert_true(text_width(it[i].label) <= 1);
		done(it, 64);
	}
	{
		struct label_item *it = make(np, NULL, 64, 8, ELL);

		assert_string_equal(it[0].label, "Capabi" ELL "1");
		assert_string_equal(it[63].label, "Capab" ELL "64");
		done(it, 64);
	}
	for (size_t i = 0; i < 64; i++) {
		free(names[i]);
		free(ids[i]);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A thousand demo-like names in six families ("Fraud Detection 17"): all
 * told apart at the organisation view's narrowest name column, each
 * keeping its number. */
static void test_thousand_names(void **state)
{
	static const char *const base[] = {
		"Fraud Detection", "Computer Vision", "Search Ranking", "Marketing Analytics",
		"Customer Churn", "Clinical NLP",
	};
	enum { N = 1000 };
	char *names[N];
	const char *np[N], *labels[N];
	struct label_item *it;

	(void)state;
	for (size_t i = 0; i < N; i++) {
		char buf[64];

		snprintf(buf, sizeof buf, "%s %zu", base[i % 6], i / 6 + 1);
		names[i] = xstrdup(buf);
		np[i] = names[i];
	}
	it = make(np, NULL, N, 11, ELL);
	for (size_t i = 0; i < N; i++) {
		char num[16];

		assert_true(text_width(it[i].label) <= 11);
		snprintf(num, sizeof num, "%zu", i / 6 + 1);
		assert_non_null(strstr(it[i].label, num));
		labels[i] = it[i].label;
	}
	qsort(labels, N, sizeof *labels, cmp_str);
	for (size_t i = 1; i < N; i++)
		if (strcmp(labels[i - 1], labels[i]) == 0)
			fail_msg("two labels are '%s'", labels[i]);
	assert_string_equal(it[0].label, "Fraud Det" ELL "1");
	assert_string_equal(it[N - 1].label, "Marketi" ELL "167");
	done(it, N);
	for (size_t i = 0; i < N; i++)
		free(names[i]);
}

/* Random names over a few letters, a space, a dash, an accent and a wide
 * character: distinct names get distinct labels at every width that has
 * room for a number ("…#64"). */
static void test_random_names(void **state)
{
	static const char *const alphabet[] = {
		"a", "b", "A", " ", "-", "\xc3\xa9", "\xe6\xbc\xa2", "e\xcc\x81",
	};
	unsigned seed = 12345;

	(void)state;
	for (int round = 0; round < 300; round++) {
		size_t n = 2 + (size_t)(round % 63), m = 0;
		char *names[64];
		const char *np[64];
		int w = 5 + round % 12;
		struct label_item *it;

		for (size_t i = 0; i < n; i++) {
			char buf[128] = "";
			size_t len = 1 + (seed = seed * 1103515245u + 12345u) / 65536 % 14;
			bool dup = false;

			for (size_t k = 0; k < len; k++) {
				seed = seed * 1103515245u + 12345u;
				strcat(buf, alphabet[seed / 65536 % 8]);
			}
			/* Names that look the same are not distinct names. */
			{
				char *shown = text_line(buf);
				size_t e = strlen(shown);

				while (e > 0 && shown[e - 1] == ' ')
					shown[--e] = '\0';
				for (size_t j = 0; j < m && !dup; j++)
					dup = strcmp(np[j], shown) == 0 || strlen(shown) == 0;
				if (dup || !e) {
					free(shown);
					continue;
				}
				names[m] = shown;
				np[m] = names[m];
				m++;
			}
		}
		it = make(np, NULL, m, w, ELL);
		assert_fit_distinct(it, m);
		done(it, m);
		for (size_t i = 0; i < m; i++)
			free(names[i]);
	}
}

static void test_mixed_widths(void **state)
{
	struct label_item it[3] = {
		{ "Platform Engineering North", NULL, 12, NULL },
		{ "Platform Engineering South", NULL, 12, NULL },
		{ "Platform Engineering", NULL, 21, NULL },
	};

	(void)state;
	/* An archived team's name has less room on home: the same rule. */
	label_make(it, 3, ELL);
	assert_string_equal(it[0].label, "Platfo" ELL "North");
	assert_string_equal(it[1].label, "Platfo" ELL "South");
	assert_string_equal(it[2].label, "Platform Engineering");
	label_free(it, 3);
	assert_null(it[0].label);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit_and_plain_cut),
		cmocka_unit_test(test_collisions),
		cmocka_unit_test(test_shared_prefix_tail),
		cmocka_unit_test(test_nearest_neighbour),
		cmocka_unit_test(test_mid_word),
		cmocka_unit_test(test_alt_and_number),
		cmocka_unit_test(test_drawn_names),
		cmocka_unit_test(test_free_calls),
		cmocka_unit_test(test_wide_chars),
		cmocka_unit_test(test_emoji_placeholder),
		cmocka_unit_test(test_tiny_widths),
		cmocka_unit_test(test_ascii_ellipsis),
		cmocka_unit_test(test_64_names),
		cmocka_unit_test(test_thousand_names),
		cmocka_unit_test(test_random_names),
		cmocka_unit_test(test_mixed_widths),
	};

	if (!setlocale(LC_ALL, "C.UTF-8"))
		fprintf(stderr, "test_label: no C.UTF-8 locale\n");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
