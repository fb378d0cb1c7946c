/* Growable strings and allocation helpers. */
#include "testutil.h"

#include "strbuf.h"
#include "xalloc.h"


/* ---- strings ---- */

static void test_sb_basic(void **state)
{
	struct strbuf sb;

	(void)state;
	sb_init(&sb);
	assert_non_null(sb.s);
	assert_string_equal(sb.s, "");
	assert_int_equal(sb.len, 0);
	sb_adds(&sb, "abc");
	sb_addc(&sb, '-');
	sb_add(&sb, "xyz123", 3);
	sb_printf(&sb, "[%d|%s]", 42, "q");
	sb_adds(&sb, "");
	sb_add(&sb, "ignored", 0);
	assert_string_equal(sb.s, "abc-xyz[42|q]");
	assert_int_equal(sb.len, 13);
	assert_true(sb.cap > sb.len);
	sb_free(&sb);
	assert_null(sb.s);
	assert_int_equal(sb.len, 0);
}

static void test_sb_growth(void **state)
{
	struct strbuf sb;
	char *want = malloc(200000);
	size_t wl = 0;

	(void)state;
	assert_non_null(want);
	sb_init(&sb);
	for (int i = 0; i < 10000; i++) {
		char c = (char)('a' + i % 26);

		sb_addc(&sb, c);
		want[wl++] = c;
		if (i % 1000 == 999) {
			sb_printf(&sb, "<%d>", i);
			wl += (size_t)sprintf(want + wl, "<%d>", i);
		}
		if (i % 777 == 0) {
			sb_adds(&sb, "0123456789");
			memcpy(want + wl, "0123456789", 10);
			wl += 10;
		}
	}
	want[wl] = '\0';
	assert_int_equal(sb.len, wl);
	assert_int_equal(strlen(sb.s), wl);
	assert_true(sb.cap >= sb.len + 1);
	assert_string_equal(sb.s, want);
	sb_free(&sb);
	free(want);
}

static void test_sb_big_appends(void **state)
{
	struct strbuf sb;
	char *big = malloc(100001);
	size_t total = 0;

	(void)state;
	assert_non_null(big);
	memset(big, 'x', 100000);
	big[100000] = '\0';
	sb_init(&sb);
	/* one append far beyond the first capacity */
	sb_add(&sb, big, 100000);
	total += 100000;
	/* one printf far beyond what is left */
	sb_printf(&sb, "%s|%s", big, big);
	total += 200001;
	/* an embedded NUL is kept by sb_add */
	sb_add(&sb, "a\0b", 3);
	total += 3;
	assert_int_equal(sb.len, total);
	assert_true(sb.cap >= total + 1);
	assert_int_equal(sb.s[100000 + 100000], '|');
	assert_int_equal(sb.s[total - 3], 'a');
	assert_int_equal(sb.s[total - 2], '\0');
	assert_int_equal(sb.s[total - 1], 'b');
	assert_int_equal(sb.s[total], '\0');
	for (size_t i = 0; i < 100000; i++)
		if (sb.s[i] != 'x' || sb.s[100000 + i] != 'x' || sb.s[200001 + i] != 'x')
			fail_msg("wrong byte near %zu", i);
	sb_free(&sb);
	free(big);
}

static void test_sb_printf_exact_fit(void **state)
{
	struct strbuf sb;

	(void)state;
	/* lengths around the first capacity of 64 */
	for (int n = 55; n < 75; n++) {
		sb_init(&sb);
		sb_printf(&sb, "%0*d", n, 7);
		assert_int_equal(sb.len, (size_t)n);
		assert_int_equal(strlen(sb.s), (size_t)n);
		assert_int_equal(sb.s[n - 1], '7');
		assert_int_equal(sb.s[0], n > 1 ? '0' : '7');
		sb_free(&sb);
	}
}

static void test_xasprintf(void **state)
{
	char *s;

	(void)state;
	s = xasprintf("%s-%d", "team", 42);
	assert_string_equal(s, "team-42");
	free(s);
	s = xasprintf("%s", "");
	assert_string_equal(s, "");
	free(s);
	s = xasprintf("%.2f|%5s|%-3d|%%", 1.125 + 1e-9, "ab", 7);
	assert_string_equal(s, "1.13|   ab|7  |%");
	free(s);
	s = xasprintf("%0500d", 1);
	assert_int_equal(strlen(s), 500);
	assert_int_equal(s[0], '0');
	assert_int_equal(s[499], '1');
	free(s);
}

static void test_xstrdup(void **state)
{
	char *s;

	(void)state;
	s = xstrdup("hello");
	assert_string_equal(s, "hello");
	free(s);
	s = xstrndup("hello", 3);
	assert_string_equal(s, "hel");
	free(s);
	s = xstrndup("", 0);
	assert_string_equal(s, "");
	free(s);
}

/* xgrow keeps what the array held, grows by doubling from 8, and leaves an
 * array that is big enough alone. */
static void test_xgrow(void **state)
{
	int *a = NULL;
	size_t cap = 0, n = 0;

	(void)state;
	a = xgrow(a, &cap, 1, sizeof *a);
	assert_int_equal(cap, 8);
	for (n = 0; n < 1000; n++) {
		int *before = a;
		size_t cap_before = cap;

		a = xgrow(a, &cap, n + 1, sizeof *a);
		assert_true(cap >= n + 1);
		if (n + 1 <= cap_before) {
			assert_ptr_equal(a, before);
			assert_int_equal(cap, cap_before);
		} else {
			assert_int_equal(cap, cap_before * 2);
		}
		a[n] = (int)n * 3;
	}
	for (n = 0; n < 1000; n++)
		assert_int_equal(a[n], (int)n * 3);
	assert_int_equal(cap, 1024);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sb_basic),
		cmocka_unit_test(test_sb_growth),
		cmocka_unit_test(test_sb_big_appends),
		cmocka_unit_test(test_sb_printf_exact_fit),
		cmocka_unit_test(test_xasprintf),
		cmocka_unit_test(test_xstrdup),
		cmocka_unit_test(test_xgrow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
