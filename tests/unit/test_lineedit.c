/* The one-line UTF-8 editor (src/lineedit.c) driven as the dashboard drives
 * it: typed text arrives one byte at a time (curses getch delivers UTF-8
 * that way), editing keys as LE_* codes. No curses here. */
#include "testutil.h"

#include "lineedit.h"

#define E_ACUTE "\xC3\xA9"            /* é, 2 bytes */
#define EURO "\xE2\x82\xAC"           /* €, 3 bytes */
#define GRIN "\xF0\x9F\x98\x80"       /* U+1F600, 4 bytes */

/* Types s byte by byte; returns how many bytes reported a change. */
static int type(struct lineedit *e, const char *s)
{
	int changed = 0;

	for (const char *p = s; *p; p++)
		changed += lineedit_key(e, (unsigned char)*p);
	return changed;
}

/* Types raw bytes (which may include NUL). */
static int type_bytes(struct lineedit *e, const unsigned char *b, size_t n)
{
	int changed = 0;

	for (size_t i = 0; i < n; i++)
		changed += lineedit_key(e, b[i]);
	return changed;
}

static void check(const struct lineedit *e, const char *text, size_t cursor_chars)
{
	if (strcmp(lineedit_text(e), text) != 0)
		fail_msg("text is '%s', expected '%s'", lineedit_text(e), text);
	assert_int_equal(e->len, strlen(text));
	if (lineedit_cursor_chars(e) != cursor_chars)
		fail_msg("cursor at %zu characters, expected %zu (text '%s')",
			 lineedit_cursor_chars(e), cursor_chars, text);
}

/* ---- starting ---- */

static void test_init_empty(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, NULL, 0);
	check(&e, "", 0);
	assert_int_equal(e.cursor, 0);
	lineedit_free(&e);
	lineedit_init(&e, "", 10);
	check(&e, "", 0);
	lineedit_free(&e);
}

static void test_init_text_cursor_at_end(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, "Zürich " EURO, 0);
	check(&e, "Zürich " EURO, 8);
	assert_int_equal(e.cursor, strlen("Zürich " EURO));
	lineedit_free(&e);
}

/* A stored note may hold line ends: the editor keeps it as given, so that
 * opening and accepting it changes nothing. */
static void test_init_keeps_newline(void **state)
{
	static const char note[] = "Registry exists.\nFollow-up agreed.\tDone";
	struct lineedit e;

	(void)state;
	lineedit_init(&e, note, 0);
	check(&e, note, strlen(note));
	/* Editing works around it. */
	assert_true(lineedit_key(&e, LE_HOME));
	assert_true(lineedit_key(&e, LE_DELETE));
	check(&e, note + 1, 0);
	lineedit_free(&e);
}

/* Longer than LINEEDIT_MAX_BYTES: cut at a character boundary. */
static void test_init_truncates_on_char_boundary(void **state)
{
	size_t n = LINEEDIT_MAX_BYTES - 1;
	char *text = malloc(n + 3);
	struct lineedit e;

	(void)state;
	memset(text, 'a', n);
	memcpy(text + n, E_ACUTE, 3); /* é straddles the limit */
	lineedit_init(&e, text, 0);
	assert_int_equal(e.len, n);
	assert_int_equal(strlen(lineedit_text(&e)), n);
	assert_int_equal(lineedit_cursor_chars(&e), n);
	lineedit_free(&e);
	free(text);
}

/* ---- typing ---- */

static void test_type_ascii(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, NULL, 0);
	assert_int_equal(type(&e, "Team A-1 (ok), \"q\""), 18);
	check(&e, "Team A-1 (ok), \"q\"", 18);
	lineedit_free(&e);
}

/* Each byte but the last of a character changes nothing on its own. */
static void test_type_utf8_bytewise(void **state)
{
	static const char *const chars[] = { E_ACUTE, EURO, GRIN, "\xE4\xBA\x88" /* 予 */ };
	struct lineedit e;
	size_t want_len = 0;

	(void)state;
	lineedit_init(&e, NULL, 0);
	for (size_t i = 0; i < sizeof chars / sizeof chars[0]; i++) {
		size_t k = strlen(chars[i]);

		for (size_t b = 0; b + 1 < k; b++) {
			assert_false(lineedit_key(&e, (unsigned char)chars[i][b]));
			assert_int_equal(e.len, want_len);
		}
		assert_true(lineedit_key(&e, (unsigned char)chars[i][k - 1]));
		want_len += k;
		assert_int_equal(e.len, want_len);
		assert_int_equal(lineedit_cursor_chars(&e), i + 1);
	}
	check(&e, E_ACUTE EURO GRIN "\xE4\xBA\x88", 4);
	lineedit_free(&e);
}

static void test_type_mixed(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, NULL, 0);
	type(&e, "Donn" E_ACUTE "es " EURO "5 " GRIN);
	check(&e, "Donn" E_ACUTE "es " EURO "5 " GRIN, 12);
	lineedit_free(&e);
}

/* Typing in the middle inserts at the cursor. */
static void test_insert_in_middle(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, "ac", 0);
	assert_true(lineedit_key(&e, LE_LEFT));
	type(&e, E_ACUTE "b");
	check(&e, "a" E_ACUTE "bc", 3);
	lineedit_free(&e);
}

/* ---- refused input ---- */

static void test_control_chars_refused(void **state)
{
	/* C0 controls, DEL, and C1 controls (NEL U+0085, CSI U+009B) and the
	 * Unicode line and paragraph separators, byte by byte. */
	static const char *const bad[] = {
		"\x01", "\x1b", "\x7f", "\x08", "\t", "\n", "\r", "\x15", "\x17",
		"\xC2\x85", "\xC2\x9B", "\xC2\x80", "\xC2\x9F", "\xE2\x80\xA8", "\xE2\x80\xA9",
	};
	struct lineedit e;

	(void)state;
	lineedit_init(&e, "ok", 0);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (type(&e, bad[i]) != 0)
			fail_msg("control character %zu reported a change", i);
		check(&e, "ok", 2);
	}
	assert_false(lineedit_key(&e, 0)); /* NUL */
	check(&e, "ok", 2);
	/* U+00A0, the first character after the C1 block, is accepted. */
	assert_int_equal(type(&e, "\xC2\xA0"), 1);
	check(&e, "ok\xC2\xA0", 3);
	lineedit_free(&e);
}

/* A sequence broken by a byte that does not continue it is dropped; the
 * byte itself is then taken on its own. Nothing stays pending. */
static void test_broken_utf8_dropped(void **state)
{
	static const struct {
		const char *bytes, *want;
	} cases[] = {
		{ "\xC3" "a", "a" },                  /* lead then ASCII */
		{ "\xE2\x82" "x", "x" },              /* 2 of 3 then ASCII */
		{ "\xF0\x9F\x98" "y", "y" },          /* 3 of 4 then ASCII */
		{ "\xC3\xC3\xA9", E_ACUTE },          /* a lead restarts */
		{ "\xE2\x82\xC3\xA9", E_ACUTE },
		{ "\x80" "b", "b" },                  /* a stray continuation */
		{ "\xBF\xA9" "c", "c" },
		{ "\xC0\xAF" "d", "d" },              /* never-valid leads */
		{ "\xC1\xBF" "e", "e" },
		{ "\xF5\x80\x80\x80" "f", "f" },
		{ "\xFF" "g", "g" },
		{ "\xE0\x80\xAF" "h", "h" },          /* overlong */
		{ "\xF0\x80\x80\xAF" "i", "i" },
		{ "\xED\xA0\x80" "j", "j" },          /* a surrogate */
		{ "\xF4\x90\x80\x80" "k", "k" },      /* above U+10FFFF */
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct lineedit e;

		lineedit_init(&e, NULL, 0);
		type(&e, cases[i].bytes);
		if (strcmp(lineedit_text(&e), cases[i].want) != 0)
			fail_msg("case %zu: text is '%s', expected '%s'", i, lineedit_text(&e),
				 cases[i].want);
		/* and a character typed next arrives whole */
		type(&e, EURO);
		assert_int_equal(lineedit_cursor_chars(&e), 2);
		lineedit_free(&e);
	}
}

/* An editing key between the bytes of a character drops the partial
 * character; the rest of its bytes are strays. */
static void test_key_drops_pending(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, "ab", 0);
	assert_false(lineedit_key(&e, 0xE2));
	assert_true(lineedit_key(&e, LE_LEFT));
	assert_false(lineedit_key(&e, 0x82));
	assert_false(lineedit_key(&e, 0xAC));
	check(&e, "ab", 1);
	lineedit_free(&e);
}

static void test_unknown_keys_ignored(void **state)
{
	static const int keys[] = { -1, 0x100, 0x102, 0x1FF, LE_KILL_WORD + 1, -99999 };
	struct lineedit e;

	(void)state;
	lineedit_init(&e, "x" E_ACUTE, 0);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		assert_false(lineedit_key(&e, keys[i]));
		check(&e, "x" E_ACUTE, 2);
	}
	lineedit_free(&e);
}

/* ---- limits ---- */

/* Team names are at most 80 characters: 80 é (160 bytes) fit, the 81st
 * character of any size does not. */
static void test_max_chars(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, NULL, 80);
	for (int i = 0; i < 80; i++)
		assert_int_equal(type(&e, E_ACUTE), 1);
	assert_int_equal(e.len, 160);
	assert_int_equal(lineedit_cursor_chars(&e), 80);
	assert_int_equal(type(&e, E_ACUTE), 0);
	assert_int_equal(type(&e, "a"), 0);
	assert_int_equal(type(&e, GRIN), 0);
	assert_int_equal(e.len, 160);
	/* Deleting one makes room for one. */
	assert_true(lineedit_key(&e, LE_HOME));
	assert_true(lineedit_key(&e, LE_DELETE));
	assert_int_equal(type(&e, "z"), 1);
	assert_int_equal(type(&e, "z"), 0);
	assert_int_equal(lineedit_cursor_chars(&e), 1);
	assert_int_equal(e.len, 159);
	assert_int_equal(lineedit_text(&e)[0], 'z');
	lineedit_free(&e);
}

static void test_max_bytes(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, NULL, 0);
	for (size_t i = 0; i < LINEEDIT_MAX_BYTES - 2; i++)
		lineedit_key(&e, 'a');
	assert_int_equal(e.len, LINEEDIT_MAX_BYTES - 2);
	assert_int_equal(type(&e, EURO), 0); /* 3 bytes do not fit in 2 */
	assert_int_equal(type(&e, E_ACUTE), 1);
	assert_int_equal(e.len, LINEEDIT_MAX_BYTES);
	assert_int_equal(type(&e, "a"), 0);
	assert_int_equal(e.len, LINEEDIT_MAX_BYTES);
	assert_int_equal(strlen(lineedit_text(&e)), LINEEDIT_MAX_BYTES);
	lineedit_free(&e);
}

/* ---- moving ---- */

static void test_move_by_characters(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, "a" E_ACUTE EURO GRIN "b", 0);
	check(&e, "a" E_ACUTE EURO GRIN "b", 5);
	assert_false(lineedit_key(&e, LE_RIGHT)); /* at the end */
	assert_false(lineedit_key(&e, LE_END));
	for (size_t want = 4;; want--) {
		assert_true(lineedit_key(&e, LE_LEFT));
		assert_int_equal(lineedit_cursor_chars(&e), want);
		/* always on a character start */
		assert_int_not_equal((unsigned char)e.buf[e.cursor] & 0xC0, 0x80);
		if (want == 0)
			break;
	}
	assert_int_equal(e.cursor, 0);
	assert_false(lineedit_key(&e, LE_LEFT)); /* at the start */
	assert_false(lineedit_key(&e, LE_HOME));
	for (size_t want = 1; want <= 5; want++) {
		assert_true(lineedit_key(&e, LE_RIGHT));
		assert_int_equal(lineedit_cursor_chars(&e), want);
	}
	assert_int_equal(e.cursor, e.len);
	assert_true(lineedit_key(&e, LE_HOME));
	assert_int_equal(e.cursor, 0);
	assert_true(lineedit_key(&e, LE_END));
	assert_int_equal(e.cursor, e.len);
	assert_int_equal(lineedit_cursor_chars(&e), 5);
	lineedit_free(&e);
}

/* ---- deleting ---- */

static void test_backspace_whole_chars(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, NULL, 0);
	type(&e, "a" E_ACUTE EURO GRIN);
	assert_true(lineedit_key(&e, LE_BACKSPACE));
	check(&e, "a" E_ACUTE EURO, 3);
	assert_true(lineedit_key(&e, LE_BACKSPACE));
	check(&e, "a" E_ACUTE, 2);
	assert_true(lineedit_key(&e, LE_BACKSPACE));
	check(&e, "a", 1);
	assert_true(lineedit_key(&e, LE_BACKSPACE));
	check(&e, "", 0);
	assert_false(lineedit_key(&e, LE_BACKSPACE));
	check(&e, "", 0);
	lineedit_free(&e);
}

static void test_backspace_in_middle(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, "x" EURO "y", 0);
	assert_true(lineedit_key(&e, LE_LEFT));
	assert_true(lineedit_key(&e, LE_BACKSPACE));
	check(&e, "xy", 1);
	assert_true(lineedit_key(&e, LE_HOME));
	assert_false(lineedit_key(&e, LE_BACKSPACE));
	check(&e, "xy", 0);
	lineedit_free(&e);
}

static void test_delete(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, GRIN "a" E_ACUTE, 0);
	assert_false(lineedit_key(&e, LE_DELETE)); /* at the end */
	assert_true(lineedit_key(&e, LE_HOME));
	assert_true(lineedit_key(&e, LE_DELETE));
	check(&e, "a" E_ACUTE, 0);
	assert_true(lineedit_key(&e, LE_RIGHT));
	assert_true(lineedit_key(&e, LE_DELETE));
	check(&e, "a", 1);
	assert_false(lineedit_key(&e, LE_DELETE));
	lineedit_free(&e);
}

/* Ctrl-U clears the field (CONTRACT: "Ctrl-U clears"), wherever the cursor. */
static void test_kill_line(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, "hello w" "\xC3\xB6" "rld", 0);
	lineedit_key(&e, LE_LEFT);
	lineedit_key(&e, LE_LEFT);
	assert_true(lineedit_key(&e, LE_KILL_LINE));
	check(&e, "", 0);
	assert_false(lineedit_key(&e, LE_KILL_LINE));
	/* and the field takes new text */
	type(&e, "2026-Q3");
	check(&e, "2026-Q3", 7);
	lineedit_free(&e);
}

static void test_kill_word(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, "foo b" "\xC3\xA4" "r baz", 0);
	assert_true(lineedit_key(&e, LE_KILL_WORD));
	check(&e, "foo b\xC3\xA4r ", 8);
	/* spaces before the cursor go with the word before them */
	assert_true(lineedit_key(&e, LE_KILL_WORD));
	check(&e, "foo ", 4);
	assert_true(lineedit_key(&e, LE_KILL_WORD));
	check(&e, "", 0);
	assert_false(lineedit_key(&e, LE_KILL_WORD));
	lineedit_free(&e);
}

static void test_kill_word_in_middle(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, "one tw" "\xC3\xB6" " three", 0);
	for (int i = 0; i < 6; i++)
		lineedit_key(&e, LE_LEFT);
	check(&e, "one tw\xC3\xB6 three", 7);
	assert_true(lineedit_key(&e, LE_KILL_WORD));
	check(&e, "one  three", 4);
	assert_true(lineedit_key(&e, LE_HOME));
	assert_false(lineedit_key(&e, LE_KILL_WORD));
	check(&e, "one  three", 0);
	lineedit_free(&e);
}

/* Text made only of multi-byte characters: the word goes whole. */
static void test_kill_word_multibyte(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, E_ACUTE E_ACUTE " " GRIN EURO, 0);
	assert_true(lineedit_key(&e, LE_KILL_WORD));
	check(&e, E_ACUTE E_ACUTE " ", 3);
	lineedit_free(&e);
}

/* ---- pasting ---- */

static void test_insert_filters(void **state)
{
	static const unsigned char paste[] = {
		'a', 'b', 0x01, 'c', 0x1b, '[', 'A', 'd', 0x7f, '\n', '\t', '\r',
		0xC3, 0xA9,             /* é */
		0xC2, 0x85,             /* NEL: a C1 control */
		0xFF,                   /* invalid */
		0xE2, 0x80, 0xA8,       /* LINE SEPARATOR */
		'e', 0x80, 'f',         /* a stray continuation */
		0xE0, 0x80, 0xAF,       /* overlong */
		0xF0, 0x9F, 0x98, 0x80, /* U+1F600 */
		0xE2, 0x82,             /* cut short at the end */
	};
	struct lineedit e;

	(void)state;
	lineedit_init(&e, NULL, 0);
	lineedit_insert(&e, (const char *)paste, sizeof paste);
	check(&e, "abc[Ad" E_ACUTE "ef" GRIN, 10);
	lineedit_free(&e);
}

/* Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) are
 * refused like control characters, pasted or typed byte by byte; the marks
 * U+200E and U+200F are text. */
static void test_insert_drops_bidi(void **state)
{
	static const char paste[] = "a\xE2\x80\xAE" "b\xE2\x81\xA6" "c\xE2\x80\x8F" "d";
	static const unsigned char typed[] = { 'x', 0xE2, 0x80, 0xAD, 'y', 0xE2, 0x81, 0xA9, 'z' };
	struct lineedit e;

	(void)state;
	lineedit_init(&e, NULL, 0);
	lineedit_insert(&e, paste, strlen(paste));
	check(&e, "abc\xE2\x80\x8F" "d", 5);
	lineedit_free(&e);
	lineedit_init(&e, NULL, 0);
	type_bytes(&e, typed, sizeof typed);
	check(&e, "xyz", 3);
	lineedit_free(&e);
}

static void test_insert_at_cursor_and_nul_length(void **state)
{
	static const char nul[] = { 'x', '\0', 'y' };
	struct lineedit e;

	(void)state;
	lineedit_init(&e, "[]", 0);
	lineedit_key(&e, LE_LEFT);
	lineedit_insert(&e, "Zürich", strlen("Zürich"));
	check(&e, "[Zürich]", 7);
	lineedit_insert(&e, nul, sizeof nul); /* NUL is a control character */
	check(&e, "[Zürichxy]", 9);
	lineedit_insert(&e, "", 0);
	check(&e, "[Zürichxy]", 9);
	lineedit_free(&e);
}

static void test_insert_respects_max_chars(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, NULL, 5);
	lineedit_insert(&e, E_ACUTE E_ACUTE E_ACUTE "abc", strlen(E_ACUTE E_ACUTE E_ACUTE "abc"));
	check(&e, E_ACUTE E_ACUTE E_ACUTE "ab", 5);
	lineedit_free(&e);
}

/* Typing and pasting the same bytes give the same text. */
static void test_type_equals_insert(void **state)
{
	static const unsigned char bytes[] = {
		'N', 0xC3, 0xA9, 0x01, 0xC3, 'x', 0xE2, 0x82, 0xAC, 0xC2, 0x85, ' ', 0xF0, 0x9F,
		0x98, 0x80, 0x7f, 0xED, 0xA0, 0x80, 'z',
	};
	struct lineedit a, b;

	(void)state;
	lineedit_init(&a, NULL, 0);
	lineedit_init(&b, NULL, 0);
	type_bytes(&a, bytes, sizeof bytes);
	lineedit_insert(&b, (const char *)bytes, sizeof bytes);
	assert_string_equal(lineedit_text(&a), lineedit_text(&b));
	assert_string_equal(lineedit_text(&a), "N" E_ACUTE "x" EURO " " GRIN "z");
	lineedit_free(&a);
	lineedit_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_empty),
		cmocka_unit_test(test_init_text_cursor_at_end),
		cmocka_unit_test(test_init_keeps_newline),
		cmocka_unit_test(test_init_truncates_on_char_boundary),
		cmocka_unit_test(test_type_ascii),
		cmocka_unit_test(test_type_utf8_bytewise),
		cmocka_unit_test(test_type_mixed),
		cmocka_unit_test(test_insert_in_middle),
		cmocka_unit_test(test_control_chars_refused),
		cmocka_unit_test(test_broken_utf8_dropped),
		cmocka_unit_test(test_key_drops_pending),
		cmocka_unit_test(test_unknown_keys_ignored),
		cmocka_unit_test(test_max_chars),
		cmocka_unit_test(test_max_bytes),
		cmocka_unit_test(test_move_by_characters),
		cmocka_unit_test(test_backspace_whole_chars),
		cmocka_unit_test(test_backspace_in_middle),
		cmocka_unit_test(test_delete),
		cmocka_unit_test(test_kill_line),
		cmocka_unit_test(test_kill_word),
		cmocka_unit_test(test_kill_word_in_middle),
		cmocka_unit_test(test_kill_word_multibyte),
		cmocka_unit_test(test_insert_filters),
		cmocka_unit_test(test_insert_drops_bidi),
		cmocka_unit_test(test_insert_at_cursor_and_nul_length),
		cmocka_unit_test(test_insert_respects_max_chars),
		cmocka_unit_test(test_type_equals_insert),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
