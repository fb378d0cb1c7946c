/* UTF-8 text, and the team-name rule the store enforces on it. */
#include "testutil.h"

#include "store.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

#include <locale.h>
#include <stdbool.h>

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

/* ---- the one rule for text on a terminal (text_is_unsafe, text_printable) ---- */

static void test_bidi_and_unsafe(void **state)
{
	static const unsigned bidi[] = { 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
					 0x2066, 0x2067, 0x2068, 0x2069 };
	static const unsigned plain[] = { 0x20, 'a', 0xA0, 0xE9, 0x200E, 0x200F, 0x2030,
					  0x2065, 0x206A, 0x05D0, 0xFFFD, 0x1F600 };
	static const unsigned controls[] = { 0, 0x07, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9B, 0x9F,
					     0x2028, 0x2029 };

	(void)state;
	for (size_t i = 0; i < sizeof bidi / sizeof *bidi; i++) {
		assert_true(text_is_bidi(bidi[i]));
		assert_true(text_is_unsafe(bidi[i]));
		assert_false(text_is_control(bidi[i]));
	}
	for (size_t i = 0; i < sizeof controls / sizeof *controls; i++) {
		assert_true(text_is_unsafe(controls[i]));
		assert_false(text_is_bidi(controls[i]));
	}
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
		assert_false(text_is_unsafe(plain[i]));
		assert_false(text_is_bidi(plain[i]));
	}
}

static void expect_printable(const char *in, bool ascii, const char *want)
{
	char *got = text_printable(in, ascii);

	assert_string_equal(got, want);
	free(got);
}

static void test_printable(void **state)
{
	(void)state;
	/* ESC, BEL and C1 CSI (U+009B) become '?'; line ends and tabs a space. */
	expect_printable("x\033[2J\033]0;pwned\007y", false, "x?[2J?]0;pwned?y");
	expect_printable("a\302\233" "31mb", false, "a?31mb");
	expect_printable("a\tb\r\nc", false, "a b  c");
	/* Every bidirectional override and isolate: RLO, LRO, PDF, LRI..PDI. */
	expect_printable("admin\342\200\256txt.exe", false, "admin?txt.exe");
	expect_printable("\342\200\252\342\200\253\342\200\254\342\200\255", false, "????");
	expect_printable("\342\201\246\342\201\247\342\201\250\342\201\251", false, "????");
	/* The marks (U+200E, U+200F) and right-to-left letters are text. */
	expect_printable("\342\200\217\327\251", false, "\342\200\217\327\251");
	/* Invalid UTF-8 becomes U+FFFD; with ascii every non-ASCII is '?'. */
	expect_printable("a\377b", false, "a\357\277\275b");
	expect_printable("caf\303\251\342\200\256", true, "caf??");
}

/* ---- clusters: what one terminal line shows, and how wide ---- */

#define FAMILY "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7"
#define FLAG_DE "\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa"
#define HEART_VS16 "\xe2\x9d\xa4\xef\xb8\x8f"
#define THUMB_TONE "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"
#define KEYCAP_1 "1\xef\xb8\x8f\xe2\x83\xa3"
#define FLAG_ENGLAND "\xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2\xf3\xa0\x81\xa5" \
		     "\xf3\xa0\x81\xae\xf3\xa0\x81\xa7\xf3\xa0\x81\xbf"
#define FFFD "\xef\xbf\xbd"

static void expect_cluster(const char *s, size_t len, int width, enum text_show show)
{
	struct text_cluster c;
	size_t k = text_cluster(s, strlen(s), &c);

	if (k != len || c.len != len || c.width != width || c.show != show)
		fail_msg("'%s': %zu bytes, width %d, show %d; want %zu, %d, %d", s, k, c.width,
			 (int)c.show, len, width, (int)show);
}

static void test_cluster(void **state)
{
	(void)state;
	expect_cluster("ab", 1, 1, TEXT_AS_IS);
	expect_cluster("\xc3\xa9x", 2, 1, TEXT_AS_IS);               /* é */
	expect_cluster("e\xcc\x81x", 3, 1, TEXT_AS_IS);              /* e + U+0301 */
	expect_cluster("\xe6\xbc\xa2x", 3, 2, TEXT_AS_IS);           /* 漢 */
	expect_cluster("\xf0\x9f\x98\x80x", 4, 2, TEXT_AS_IS);       /* U+1F600 */
	/* Emoji whose width terminals disagree on: one placeholder each. */
	expect_cluster(FAMILY "x", strlen(FAMILY), 1, TEXT_UNSURE);
	expect_cluster(FLAG_DE "x", 8, 1, TEXT_UNSURE);
	expect_cluster(FLAG_DE FLAG_DE, 8, 1, TEXT_UNSURE);           /* pairs, not a run */
	expect_cluster("\xf0\x9f\x87\xa9x", 4, 1, TEXT_UNSURE);       /* one indicator */
	expect_cluster(HEART_VS16 "x", 6, 1, TEXT_UNSURE);
	expect_cluster(THUMB_TONE "x", 8, 1, TEXT_UNSURE);
	expect_cluster(KEYCAP_1 "x", strlen(KEYCAP_1), 1, TEXT_UNSURE);
	expect_cluster(FLAG_ENGLAND "x", strlen(FLAG_ENGLAND), 1, TEXT_UNSURE);
	/* VS15 asks a wide emoji for text presentation: unsure too; on a
	 * narrow character it is a plain selector. */
	expect_cluster("\xf0\x9f\x98\x80\xef\xb8\x8e", 7, 1, TEXT_UNSURE);
	expect_cluster("\xe2\x9d\xa4\xef\xb8\x8e", 6, 1, TEXT_AS_IS);
	/* Controls: spacing ones a space, the rest and bidi overrides '?'. */
	expect_cluster("\tx", 1, 1, TEXT_SPACE);
	expect_cluster("\nx", 1, 1, TEXT_SPACE);
	expect_cluster("\rx", 1, 1, TEXT_SPACE);
	expect_cluster("\xc2\x85x", 2, 1, TEXT_SPACE);                /* NEL */
	expect_cluster("\xe2\x80\xa8x", 3, 1, TEXT_SPACE);            /* U+2028 */
	expect_cluster("\x1b[", 1, 1, TEXT_UNSAFE);
	expect_cluster("\x07", 1, 1, TEXT_UNSAFE);
	expect_cluster("\xe2\x80\xaex", 3, 1, TEXT_UNSAFE);            /* RLO */
	expect_cluster("\xffx", 1, 1, TEXT_INVALID);
	expect_cluster("\xf3\xb0\x80\x80", 4, 1, TEXT_AS_IS);        /* private use: 1 */
	/* A mark with nothing before it takes no cell; a mark does not join a control. */
	expect_cluster("\xcc\x81x", 2, 0, TEXT_NOTHING);
	expect_cluster("\t\xcc\x81", 1, 1, TEXT_SPACE);
	/* A bidi override is never taken as a mark of the character before it. */
	expect_cluster("a\xe2\x80\xae", 1, 1, TEXT_AS_IS);
}

static void test_cluster_marks_kept(void **state)
{
	/* a and six U+0301: the cell keeps four marks, the cluster covers all. */
	const char *s = "a\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81" "b";
	struct text_cluster c;
	size_t dl;
	const char *d;

	(void)state;
	assert_int_equal(text_cluster(s, strlen(s), &c), 13);
	assert_int_equal(c.keep, 9);
	d = text_cluster_draw(s, &c, &dl);
	assert_ptr_equal(d, s);
	assert_int_equal(dl, 9);
}

static void test_width_and_line(void **state)
{
	char *line;

	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("Team"), 4);
	assert_int_equal(text_width("caf\xc3\xa9 cafe\xcc\x81"), 9);
	assert_int_equal(text_width("\xe6\xbc\xa2\xe5\xad\x97"), 4);
	assert_int_equal(text_width("A " FAMILY " " FLAG_DE " " HEART_VS16 " B"), 9);
	assert_int_equal(text_width("a\tb\nc"), 5);
	line = text_line("a\tb\r\nc\x1b[2J " FAMILY FLAG_DE "\xe2\x80\xae\xff\xcc\x81z");
	assert_string_equal(line, "a b  c?[2J " FFFD FFFD "??z");
	free(line);
	line = text_line("\xcc\x81" "cafe\xcc\x81");
	assert_string_equal(line, "cafe\xcc\x81");
	free(line);
	/* What a line shows is what it measures. */
	line = text_line("x " FAMILY " " KEYCAP_1 " \xe6\xbc\xa2");
	assert_int_equal(text_width(line), text_width("x " FAMILY " " KEYCAP_1 " \xe6\xbc\xa2"));
	free(line);
}

static void test_fit(void **state)
{
	const char *s = "a\xe6\xbc\xa2" FAMILY "e\xcc\x81";
	int used = -1;

	(void)state;
	assert_int_equal(text_fit(s, strlen(s), 0, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(text_fit(s, strlen(s), 1, &used), 1);
	assert_int_equal(text_fit(s, strlen(s), 2, &used), 1);        /* 漢 is 2 */
	assert_int_equal(used, 1);
	assert_int_equal(text_fit(s, strlen(s), 3, &used), 4);
	assert_int_equal(text_fit(s, strlen(s), 4, &used), 4 + strlen(FAMILY));
	assert_int_equal(used, 4);
	assert_int_equal(text_fit(s, strlen(s), 5, &used), strlen(s));
	assert_int_equal(text_fit(s, strlen(s), 50, NULL), strlen(s));
}

/* text_is_line says whether text_line would change anything: labels use a
 * name as it stands only then. */
static void test_is_line(void **state)
{
	static const char *const cases[] = {
		"", "Team North", "caf\xc3\xa9 cafe\xcc\x81", "\xe6\xbc\xa2\xe5\xad\x97",
		"a\xcc\x81\xcc\x81\xcc\x81\xcc\x81",        /* four marks: kept */
		"a\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81",  /* a fifth: left out */
		"a\tb", "x\x1b[2J", "Team " FAMILY, "Team " FLAG_DE, "e\xe2\x80\xae",
		"\xff", "a\xcc", "\xcc\x81" "cafe", "Team\x7f", "end ",
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *line = text_line(cases[i]);
		bool same = strcmp(line, cases[i]) == 0;

		if (text_is_line(cases[i]) != same)
			fail_msg("case %zu: text_is_line %d, text_line %s", i, !same,
				 same ? "keeps it" : "changes it");
		free(line);
	}
	assert_true(text_is_line("Team North"));
	assert_false(text_is_line("a\tb"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
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
		cmocka_unit_test(test_bidi_and_unsafe),
		cmocka_unit_test(test_printable),
		cmocka_unit_test(test_cluster),
		cmocka_unit_test(test_cluster_marks_kept),
		cmocka_unit_test(test_width_and_line),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_is_line),
	};

	/* Widths come from wcwidth, as ncurses counts them, in a UTF-8 locale. */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		fprintf(stderr, "test_text: no C.UTF-8 locale\n");

	return cmocka_run_group_tests(tests, NULL, NULL);
}
