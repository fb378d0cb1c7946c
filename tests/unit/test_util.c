/* The shared helpers: periods, team names, UTF-8, rounding, growable
 * strings and reading whole files. */
#include "testutil.h"

#include "xalloc.h"
#include "strbuf.h"
#include "period.h"
#include "text.h"
#include "osutil.h"
#include "score.h"
#include "store.h"

#include <errno.h>
#include <math.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#define assert_dbl(a, b)                                                          \
	do {                                                                      \
		double a_ = (a), b_ = (b);                                        \
		if (!(fabs(a_ - b_) < 1e-9))                                      \
			fail_msg("%s = %.17g, expected %.17g", #a, a_, b_);       \
	} while (0)

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

/* ---- team names ---- */

/* Runs team_name_clean into a buffer of exactly TEAM_NAME_BYTES on the heap,
 * so valgrind sees any write past it. Returns the result or NULL. */
static char *clean(const char *in, const char **why)
{
	char *out = malloc(TEAM_NAME_BYTES);

	assert_non_null(out);
	*why = NULL;
	if (!store_team_name_clean(in, out, why)) {
		free(out);
		assert_non_null(*why);
		assert_true((*why)[0] != '\0');
		return NULL;
	}
	return out;
}

static void expect_clean(const char *in, const char *want)
{
	const char *why;
	char *got = clean(in, &why);

	if (!got)
		fail_msg("team_name_clean rejected '%s': %s", in, why);
	assert_string_equal(got, want);
	free(got);
}

static void expect_reject(const char *in)
{
	const char *why;
	char *got = clean(in, &why);

	if (got) {
		free(got);
		fail_msg("team_name_clean accepted '%s'", in);
	}
}

static char *repeat(const char *unit, size_t times, const char *pre, const char *post)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_adds(&sb, pre);
	for (size_t i = 0; i < times; i++)
		sb_adds(&sb, unit);
	sb_adds(&sb, post);
	return sb.s;
}

static void test_team_name_trims(void **state)
{
	(void)state;
	expect_clean("Platform", "Platform");
	expect_clean("  Platform Team  ", "Platform Team");
	expect_clean(" a ", "a");
	expect_clean("x", "x");
	expect_clean("Data  Science", "Data  Science"); /* inner spaces kept */
	expect_clean("  \xc3\xa9quipe ", "\xc3\xa9quipe");
}

static void test_team_name_empty(void **state)
{
	(void)state;
	expect_reject("");
	expect_reject(" ");
	expect_reject("      ");
}

static void test_team_name_length(void **state)
{
	char *s;

	(void)state;
	s = repeat("a", 80, "", "");
	expect_clean(s, s);
	free(s);

	s = repeat("a", 81, "", "");
	expect_reject(s);
	free(s);

	/* 80 characters once trimmed */
	s = repeat("a", 80, "   ", "   ");
	{
		char *want = repeat("a", 80, "", "");

		expect_clean(s, want);
		free(want);
	}
	free(s);

	s = repeat("a", 200, "", "");
	expect_reject(s);
	free(s);
}

static void test_team_name_multibyte_length(void **state)
{
	char *s;

	(void)state;
	/* 80 x U+00E9: 160 bytes, 80 characters */
	s = repeat("\xc3\xa9", 80, "", "");
	expect_clean(s, s);
	free(s);
	s = repeat("\xc3\xa9", 81, "", "");
	expect_reject(s);
	free(s);
	/* 80 x U+20AC (3 bytes) */
	s = repeat("\xe2\x82\xac", 80, "", "");
	expect_clean(s, s);
	free(s);
	/* 80 x U+1F600 (4 bytes): 320 bytes, the buffer's whole size */
	s = repeat("\xf0\x9f\x98\x80", 80, "", "");
	expect_clean(s, s);
	free(s);
	s = repeat("\xf0\x9f\x98\x80", 81, "", "");
	expect_reject(s);
	free(s);
	/* 80 x U+1F600 with spaces around it */
	s = repeat("\xf0\x9f\x98\x80", 80, "  ", "  ");
	{
		char *want = repeat("\xf0\x9f\x98\x80", 80, "", "");

		expect_clean(s, want);
		free(want);
	}
	free(s);
}

static void test_team_name_controls(void **state)
{
	const char *bad[] = {
		"a\tb", "a\nb", "a\rb", "\x1b[31mred", "a\x1b", "a\x7f", "\x01",
		"\tTeam", "Team\t", "Team\n", " \n ",
		"a\xc2\x85" "b",        /* U+0085 NEL */
		"a\xc2\x80",            /* U+0080 */
		"a\xc2\x9b" "31m",      /* U+009B CSI */
		"a\xc2\x9f",            /* U+009F */
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_reject(bad[i]);
	/* just outside the C1 block: U+00A0 and U+00A1 are not controls */
	expect_clean("a\xc2\xa0" "b", "a\xc2\xa0" "b");
	expect_clean("\xc2\xa1Hola", "\xc2\xa1Hola");
	/* the replacement character itself is a valid character */
	expect_clean("Team \xef\xbf\xbd", "Team \xef\xbf\xbd");
}

static void test_team_name_invalid_utf8(void **state)
{
	const char *bad[] = {
		"a\xff" "b", "\xc0\x80", "\xc1\xbf", "caf\xc3", "\xe2\x82",
		"ab\xe2\x82" "c", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\x80",
		"x\xbf", "\xf8\x88\x80\x80\x80", "\xe0\x80\xaf",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_reject(bad[i]);
}

/* ---- UTF-8 ---- */

static void expect_valid(const char *s, size_t len)
{
	size_t bad = 777;

	if (!utf8_valid(s, len, &bad))
		fail_msg("utf8_valid rejected a valid string at offset %zu", bad);
}

static void expect_invalid(const char *s, size_t len, size_t at)
{
	size_t bad = 777;

	if (utf8_valid(s, len, &bad))
		fail_msg("utf8_valid accepted an invalid string (bad byte at %zu)", at);
	assert_int_equal(bad, at);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	expect_valid("", 0);
	expect_valid("plain ascii", 11);
	expect_valid("a\0b", 3);
	expect_valid("\xc3\xa9", 2);                    /* U+00E9 */
	expect_valid("\xc2\x80", 2);                    /* U+0080, smallest 2-byte */
	expect_valid("\xdf\xbf", 2);                    /* U+07FF */
	expect_valid("\xe0\xa0\x80", 3);                /* U+0800 */
	expect_valid("\xed\x9f\xbf", 3);                /* U+D7FF, below surrogates */
	expect_valid("\xee\x80\x80", 3);                /* U+E000, above surrogates */
	expect_valid("\xef\xbf\xbd", 3);                /* U+FFFD itself */
	expect_valid("\xef\xbf\xbf", 3);                /* U+FFFF */
	expect_valid("\xf0\x90\x80\x80", 4);            /* U+10000 */
	expect_valid("\xf4\x8f\xbf\xbf", 4);            /* U+10FFFF */
	expect_valid("x\xe2\x82\xac y \xf0\x9f\x98\x80", 11);
	/* a length that stops before a bad byte */
	expect_valid("ok\xff", 2);
}

static void test_utf8_invalid(void **state)
{
	(void)state;
	/* overlong */
	expect_invalid("\xc0\x80", 2, 0);
	expect_invalid("ab\xc0\x80", 4, 2);
	expect_invalid("\xc1\xbf", 2, 0);
	expect_invalid("\xe0\x80\xaf", 3, 0);
	expect_invalid("\xe0\x9f\xbf", 3, 0);
	expect_invalid("\xf0\x80\x80\xaf", 4, 0);
	expect_invalid("\xf0\x8f\xbf\xbf", 4, 0);
	/* surrogates */
	expect_invalid("\xed\xa0\x80", 3, 0);
	expect_invalid("xyz\xed\xbf\xbf", 6, 3);
	/* above U+10FFFF */
	expect_invalid("\xf4\x90\x80\x80", 4, 0);
	expect_invalid("ab\xf4\x90\x80\x80", 6, 2);
	expect_invalid("\xf5\x80\x80\x80", 4, 0);
	expect_invalid("\xf8\x88\x80\x80\x80", 5, 0);
	/* truncated: at the end, or cut short by a non-continuation byte */
	expect_invalid("\xc3", 1, 0);
	expect_invalid("ab\xe2\x82", 4, 2);
	expect_invalid("ab\xf0\x9f\x98", 5, 2);
	expect_invalid("\xe2\x82" "A", 3, 0);
	expect_invalid("\xc3\xa9\xc3" "A", 4, 2);
	expect_invalid("\xc3\xa9\xf0\x9f\x98\x80\xe2", 7, 6);
	/* a valid sequence cut by the length */
	expect_invalid("\xc3\xa9", 1, 0);
	/* stray continuation bytes and bytes never valid */
	expect_invalid("\x80", 1, 0);
	expect_invalid("abc\xbf", 4, 3);
	expect_invalid("\xc3\xa9\x80", 3, 2);
	expect_invalid("\xff", 1, 0);
	expect_invalid("\xfe", 1, 0);
	/* the first bad byte is reported */
	expect_invalid("a\xff\xc0\x80", 4, 1);
}

static void test_utf8_len(void **state)
{
	(void)state;
	assert_int_equal(utf8_len("", 0), 0);
	assert_int_equal(utf8_len("abc", 3), 3);
	assert_int_equal(utf8_len("\xc3\xa9", 2), 1);
	assert_int_equal(utf8_len("h\xc3\xa9llo", 6), 5);
	assert_int_equal(utf8_len("h\xc3\xa9llo", 3), 2);
	assert_int_equal(utf8_len("a\xe2\x82\xac" "b", 5), 3);
	assert_int_equal(utf8_len("\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 8), 2);
	assert_int_equal(utf8_len("a\0b", 3), 3);
}

static void expect_decode(const char *s, size_t n, size_t want_len, unsigned want_cp)
{
	unsigned cp = 0x12345678;
	size_t k = utf8_decode(s, n, &cp);

	assert_int_equal(k, want_len);
	assert_int_equal(cp, want_cp);
}

static void test_utf8_decode(void **state)
{
	(void)state;
	expect_decode("A", 1, 1, 0x41);
	expect_decode("Az", 2, 1, 0x41);
	expect_decode("\x7f", 1, 1, 0x7F);
	expect_decode("\xc2\x80", 2, 2, 0x80);
	expect_decode("\xc3\xa9xyz", 5, 2, 0xE9);
	expect_decode("\xe2\x82\xac", 3, 3, 0x20AC);
	expect_decode("\xef\xbf\xbd", 3, 3, 0xFFFD);
	expect_decode("\xf0\x9f\x98\x80", 4, 4, 0x1F600);
	expect_decode("\xf4\x8f\xbf\xbf", 4, 4, 0x10FFFF);
	/* invalid: one byte, U+FFFD */
	expect_decode("\xff", 1, 1, 0xFFFD);
	expect_decode("\x80", 1, 1, 0xFFFD);
	expect_decode("\xc0\x80", 2, 1, 0xFFFD);
	expect_decode("\xed\xa0\x80", 3, 1, 0xFFFD);
	expect_decode("\xf4\x90\x80\x80", 4, 1, 0xFFFD);
	expect_decode("\xe2\x82", 2, 1, 0xFFFD);
	expect_decode("\xe2\x82" "A", 3, 1, 0xFFFD);
	/* n shorter than the sequence */
	expect_decode("\xc3\xa9", 1, 1, 0xFFFD);
	expect_decode("\xf0\x9f\x98\x80", 3, 1, 0xFFFD);
}

/* ---- rounding ---- */

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

/* ---- files ---- */

static char *path_in(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void test_file_read(void **state)
{
	char *dir = tu_tmpdir(), *p = path_in(dir, "a.txt");
	size_t len = 999;
	bool too_big = true;
	char *buf;

	(void)state;
	tu_write_file(p, "hello\nworld\n");
	buf = file_read(p, 1024, &len, &too_big);
	assert_non_null(buf);
	assert_false(too_big);
	assert_int_equal(len, 12);
	assert_string_equal(buf, "hello\nworld\n");
	free(buf);
	free(p);
	tu_tmpdir_remove(dir);
}

static void test_file_read_empty(void **state)
{
	char *dir = tu_tmpdir(), *p = path_in(dir, "empty");
	size_t len = 999;
	bool too_big = true;
	char *buf;

	(void)state;
	tu_write_file(p, "");
	buf = file_read(p, 1024, &len, &too_big);
	assert_non_null(buf);
	assert_false(too_big);
	assert_int_equal(len, 0);
	assert_int_equal(buf[0], '\0');
	free(buf);
	buf = file_read(p, 0, &len, &too_big);
	assert_non_null(buf);
	assert_int_equal(len, 0);
	free(buf);
	free(p);
	tu_tmpdir_remove(dir);
}

static void test_file_read_binary(void **state)
{
	char *dir = tu_tmpdir(), *p = path_in(dir, "bin");
	static const char data[] = { 'a', '\0', 'b', '\xff', '\n' };
	size_t len = 0;
	bool too_big = true;
	char *buf;
	FILE *f;

	(void)state;
	f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, sizeof data, f), sizeof data);
	assert_int_equal(fclose(f), 0);
	buf = file_read(p, 100, &len, &too_big);
	assert_non_null(buf);
	assert_int_equal(len, sizeof data);
	assert_memory_equal(buf, data, sizeof data);
	assert_int_equal(buf[len], '\0');
	free(buf);
	free(p);
	tu_tmpdir_remove(dir);
}

static void test_file_read_max(void **state)
{
	char *dir = tu_tmpdir(), *p = path_in(dir, "ten");
	size_t len = 0;
	bool too_big = false;
	char *buf;

	(void)state;
	tu_write_file(p, "0123456789");
	/* exactly max: read */
	buf = file_read(p, 10, &len, &too_big);
	assert_non_null(buf);
	assert_false(too_big);
	assert_int_equal(len, 10);
	assert_string_equal(buf, "0123456789");
	free(buf);
	/* one over: too big */
	len = 777;
	buf = file_read(p, 9, &len, &too_big);
	assert_null(buf);
	assert_true(too_big);
	buf = file_read(p, 0, &len, &too_big);
	assert_null(buf);
	assert_true(too_big);
	free(p);
	tu_tmpdir_remove(dir);
}

static void test_file_read_big(void **state)
{
	char *dir = tu_tmpdir(), *p = path_in(dir, "big");
	size_t n = 300000, len = 0;
	char *text = malloc(n + 1), *buf;
	bool too_big = true;

	(void)state;
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		text[i] = (char)('a' + i % 26);
	text[n] = '\0';
	tu_write_file(p, text);
	buf = file_read(p, 4 * 1024 * 1024, &len, &too_big);
	assert_non_null(buf);
	assert_false(too_big);
	assert_int_equal(len, n);
	assert_string_equal(buf, text);
	free(buf);
	buf = file_read(p, n - 1, &len, &too_big);
	assert_null(buf);
	assert_true(too_big);
	free(text);
	free(p);
	tu_tmpdir_remove(dir);
}

static void test_file_read_missing(void **state)
{
	char *dir = tu_tmpdir(), *p = path_in(dir, "nope.yaml");
	size_t len = 0;
	bool too_big = true;

	(void)state;
	errno = 0;
	assert_null(file_read(p, 1024, &len, &too_big));
	assert_int_equal(errno, ENOENT);
	assert_false(too_big);
	free(p);
	tu_tmpdir_remove(dir);
}

static void test_file_read_folder(void **state)
{
	char *dir = tu_tmpdir(), *sub = path_in(dir, "sub");
	size_t len = 0;
	bool too_big = true;

	(void)state;
	assert_int_equal(mkdir(sub, 0700), 0);
	errno = 0;
	assert_null(file_read(sub, 1024, &len, &too_big));
	assert_int_equal(errno, EISDIR);
	assert_false(too_big);
	too_big = true;
	errno = 0;
	assert_null(file_read(dir, 1024, &len, &too_big));
	assert_int_equal(errno, EISDIR);
	assert_false(too_big);
	free(sub);
	tu_tmpdir_remove(dir);
}

static void test_file_read_unreadable(void **state)
{
	char *dir = tu_tmpdir(), *p = path_in(dir, "secret");
	size_t len = 0;
	bool too_big = true;

	(void)state;
	tu_write_file(p, "x");
	assert_int_equal(chmod(p, 0), 0);
	if (geteuid() != 0) {           /* root reads it anyway */
		errno = 0;
		assert_null(file_read(p, 1024, &len, &too_big));
		assert_int_equal(errno, EACCES);
		assert_false(too_big);
	}
	free(p);
	tu_tmpdir_remove(dir);
}

/* A pipe holding n bytes, read through /dev/fd/N: a file whose size is not
 * known up front. n stays under the pipe's 64 KiB so no writer is needed. */
static char *pipe_read(size_t n, size_t max, size_t *len, bool *too_big)
{
	int fds[2];
	char *data = malloc(n + 1), *path, *buf;

	assert_non_null(data);
	for (size_t i = 0; i < n; i++)
		data[i] = (char)('a' + i % 26);
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], data, n), (ssize_t)n);
	assert_int_equal(close(fds[1]), 0);
	free(data);
	path = xasprintf("/dev/fd/%d", fds[0]);
	buf = file_read(path, max, len, too_big);
	free(path);
	close(fds[0]);
	return buf;
}

static void test_file_read_pipe(void **state)
{
	size_t len = 0;
	bool too_big = true;
	char *buf;

	(void)state;
	/* bigger than the first buffer of a file of unknown size */
	buf = pipe_read(10000, 1 << 20, &len, &too_big);
	assert_non_null(buf);
	assert_false(too_big);
	assert_int_equal(len, 10000);
	assert_int_equal(strlen(buf), 10000);
	for (size_t i = 0; i < 10000; i++)
		if (buf[i] != (char)('a' + i % 26))
			fail_msg("wrong byte at %zu", i);
	free(buf);
	/* exactly max */
	buf = pipe_read(5000, 5000, &len, &too_big);
	assert_non_null(buf);
	assert_false(too_big);
	assert_int_equal(len, 5000);
	free(buf);
	/* one over max */
	buf = pipe_read(5001, 5000, &len, &too_big);
	assert_null(buf);
	assert_true(too_big);
	/* far over max */
	too_big = false;
	buf = pipe_read(60000, 5000, &len, &too_big);
	assert_null(buf);
	assert_true(too_big);
	/* empty */
	buf = pipe_read(0, 5000, &len, &too_big);
	assert_non_null(buf);
	assert_false(too_big);
	assert_int_equal(len, 0);
	free(buf);
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
		cmocka_unit_test(test_team_name_trims),
		cmocka_unit_test(test_team_name_empty),
		cmocka_unit_test(test_team_name_length),
		cmocka_unit_test(test_team_name_multibyte_length),
		cmocka_unit_test(test_team_name_controls),
		cmocka_unit_test(test_team_name_invalid_utf8),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_invalid),
		cmocka_unit_test(test_utf8_len),
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_round2),
		cmocka_unit_test(test_sb_basic),
		cmocka_unit_test(test_sb_growth),
		cmocka_unit_test(test_sb_big_appends),
		cmocka_unit_test(test_sb_printf_exact_fit),
		cmocka_unit_test(test_xasprintf),
		cmocka_unit_test(test_xstrdup),
		cmocka_unit_test(test_file_read),
		cmocka_unit_test(test_file_read_empty),
		cmocka_unit_test(test_file_read_binary),
		cmocka_unit_test(test_file_read_max),
		cmocka_unit_test(test_file_read_big),
		cmocka_unit_test(test_file_read_missing),
		cmocka_unit_test(test_file_read_folder),
		cmocka_unit_test(test_file_read_unreadable),
		cmocka_unit_test(test_file_read_pipe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
