/* The CSV writer (src/csv.c) against CONTRACT section 4, byte for byte:
 * RFC 4180 (comma, CRLF, a field quoted when it holds a comma, quote, CR or
 * LF, quotes doubled), the formula prefix ' for text that begins with = + -
 * @ TAB or CR (inside the quotes when the field is quoted), empty and NULL
 * fields, integers, and two decimals with a dot. Rows are written into a
 * tmpfile and read back. Besides the hand-written cases, every short string
 * over an alphabet of the characters that matter is written, then read back
 * with a small RFC 4180 reader of the test's own: it must give the text
 * again, with a lone CR and a TAB replaced by U+FFFD and the prefix where
 * the contract wants one. Control characters and invalid UTF-8 never reach
 * the file (CONTRACT section 4). */
#include "testutil.h"

#include "csv.h"

#include <limits.h>

#define FFFD "\xEF\xBF\xBD"   /* U+FFFD, the replacement character */

/* ---- writing into memory ---- */

struct sink {
	FILE *f;
	struct csv c;
	char buf[8192];
};

static void sink_open(struct sink *s)
{
	s->f = tmpfile();
	assert_non_null(s->f);
	csv_init(&s->c, s->f);
}

/* Everything written so far, NUL-terminated (the tests write no NUL). */
static const char *sink_text(struct sink *s)
{
	size_t n;

	assert_true(csv_flush(&s->c));
	assert_int_equal(fflush(s->f), 0);
	rewind(s->f);
	n = fread(s->buf, 1, sizeof s->buf - 1, s->f);
	assert_false(ferror(s->f));
	s->buf[n] = '\0';
	fclose(s->f);
	s->f = NULL;
	return s->buf;
}

/* Bytes differ in ways a terminal hides (CR, TAB): show them escaped. */
static void show(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (; *s && n + 5 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\r')
			n += (size_t)snprintf(out + n, size - n, "\\r");
		else if (c == '\n')
			n += (size_t)snprintf(out + n, size - n, "\\n");
		else if (c == '\t')
			n += (size_t)snprintf(out + n, size - n, "\\t");
		else if (c < 0x20)
			n += (size_t)snprintf(out + n, size - n, "\\x%02x", c);
		else
			out[n++] = (char)c;
	}
	out[n] = '\0';
}

#define assert_bytes(got, want) assert_bytes_((got), (want), __FILE__, __LINE__)
static void assert_bytes_(const char *got, const char *want, const char *file, int line)
{
	char g[1024], w[1024];

	if (!strcmp(got, want))
		return;
	show(got, g, sizeof g);
	show(want, w, sizeof w);
	fail_msg("%s:%d: wrote \"%s\", expected \"%s\"", file, line, g, w);
}

/* One text field alone on a row, as csv_text writes it. */
static const char *text_row(struct sink *s, const char *field)
{
	sink_open(s);
	csv_text(&s->c, field);
	csv_end_row(&s->c);
	return sink_text(s);
}

/* The same field through csv_escape. */
static const char *escaped(char *buf, size_t size, const char *field)
{
	size_t n = csv_escape(field, buf, size);

	assert_true(n < size);
	assert_int_equal(strlen(buf), n);
	return buf;
}

/* Both writers give want (plus the row end for csv_text). */
#define expect_field(in, want) expect_field_((in), (want), __FILE__, __LINE__)
static void expect_field_(const char *in, const char *want, const char *file, int line)
{
	struct sink s;
	char row[512], esc[512];

	snprintf(row, sizeof row, "%s\r\n", want);
	assert_bytes_(text_row(&s, in), row, file, line);
	assert_bytes_(escaped(esc, sizeof esc, in), want, file, line);
}

/* ---- rows ---- */

static void test_rows_commas_crlf(void **state)
{
	struct sink s;

	(void)state;
	sink_open(&s);
	csv_text(&s.c, "a");
	csv_text(&s.c, "b");
	csv_raw(&s.c, "2026-Q1");
	csv_int(&s.c, 7);
	csv_end_row(&s.c);
	csv_text(&s.c, "c");
	csv_end_row(&s.c);
	assert_bytes(sink_text(&s), "a,b,2026-Q1,7\r\nc\r\n");
}

/* Empty values are empty fields, wherever they stand in the row. */
static void test_empty_and_null_fields(void **state)
{
	struct sink s;

	(void)state;
	sink_open(&s);
	csv_empty(&s.c);
	csv_text(&s.c, "");
	csv_text(&s.c, NULL);
	csv_raw(&s.c, NULL);
	csv_raw(&s.c, "");
	csv_empty(&s.c);
	csv_end_row(&s.c);
	csv_text(&s.c, "x");
	csv_empty(&s.c);
	csv_end_row(&s.c);
	csv_empty(&s.c);
	csv_end_row(&s.c);
	/* A row of one empty field is a bare CRLF. */
	assert_bytes(sink_text(&s), ",,,,,\r\nx,\r\n\r\n");
}

/* ---- quoting ---- */

static void test_plain_text_unquoted(void **state)
{
	(void)state;
	expect_field("Model Monitoring", "Model Monitoring");
	expect_field("a b", "a b");
	expect_field("Données à l'équipe", "Données à l'équipe");
	expect_field("5-10 = ok", "5-10 = ok");   /* = + - @ inside: no prefix */
	expect_field("a'b", "a'b");
	expect_field(" =x", " =x");                 /* a leading space is no formula */
}

static void test_quoted_when_needed(void **state)
{
	(void)state;
	expect_field("a,b", "\"a,b\"");
	expect_field(",", "\",\"");
	expect_field("a\nb", "\"a\nb\"");
	expect_field("a\r\nb", "\"a\r\nb\"");
	expect_field("a\rb", "a" FFFD "b");       /* a lone CR is no line end */
	expect_field("trailing\n", "\"trailing\n\"");
}

static void test_quotes_doubled(void **state)
{
	(void)state;
	expect_field("a\"b", "\"a\"\"b\"");
	expect_field("\"", "\"\"\"\"");
	expect_field("\"\"", "\"\"\"\"\"\"");
	expect_field("say \"hi\", then go", "\"say \"\"hi\"\", then go\"");
	expect_field("Données, \"Core\" ML", "\"Données, \"\"Core\"\" ML\"");
}

/* ---- the formula prefix ---- */

static void test_formula_prefix(void **state)
{
	(void)state;
	expect_field("=1+1", "'=1+1");
	expect_field("+1", "'+1");
	expect_field("-1", "'-1");
	expect_field("@SUM(A1)", "'@SUM(A1)");
	expect_field("\tx", FFFD "x");        /* TAB replaced: no formula */
	expect_field("=", "'=");
	expect_field("-", "'-");
	expect_field("--force", "'--force");
}

/* The prefix goes inside the quotes, so a reader sees it as the field's
 * first character. */
static void test_formula_prefix_with_quoting(void **state)
{
	(void)state;
	expect_field("\r\nx", "\"'\r\nx\"");
	expect_field("\rx", FFFD "x");
	expect_field("=a,b", "\"'=a,b\"");
	expect_field("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"");
	expect_field("-\n", "\"'-\n\"");
	expect_field("@\"", "\"'@\"\"\"");
}

/* CONTRACT section 4: no field holds a control character other than LF (and
 * CR in a CR LF pair) or text that is not valid UTF-8: each becomes U+FFFD. */
static void test_control_characters(void **state)
{
	(void)state;
	expect_field("bell\a esc\x1b[31m end", "bell" FFFD " esc" FFFD "[31m end");
	expect_field("x\x1b]0;pwned\x07y", "x" FFFD "]0;pwned" FFFD "y");
	expect_field("a\x7f" "b", "a" FFFD "b");
	expect_field("a\x01\x1f" "b", "a" FFFD FFFD "b");
	expect_field("a\tb", "a" FFFD "b");
	expect_field("c1 \xc2\x9b" "31m", "c1 " FFFD "31m");        /* U+009B CSI */
	expect_field("bad\xff end", "bad" FFFD " end");
	expect_field("cut \xc3", "cut " FFFD);
	expect_field("over \xc0\xaf", "over " FFFD FFFD);           /* overlong '/' */
	expect_field("sur \xed\xa0\x80", "sur " FFFD FFFD FFFD);   /* a surrogate */
	/* LF and CR LF stay (quoted); a CR before anything else does not. */
	expect_field("a\nb", "\"a\nb\"");
	expect_field("a\r\nb\rc", "\"a\r\nb" FFFD "c\"");
	expect_field("a\r", "a" FFFD);
	expect_field("\r\r\n", "\"" FFFD "\r\n\"");
	/* Valid text, right-to-left and combining letters too, is kept. */
	expect_field("\xd7\xa9 cafe\xcc\x81 \xe2\x80\xae", "\xd7\xa9 cafe\xcc\x81 \xe2\x80\xae");
	/* A replaced first character is no formula; one left after it is. */
	expect_field("\x1b=1+1", FFFD "=1+1");
}

/* ---- numbers ---- */

static void test_integers(void **state)
{
	struct sink s;

	(void)state;
	sink_open(&s);
	csv_int(&s.c, 0);
	csv_int(&s.c, -5);
	csv_int(&s.c, 9007199254740993LL);      /* 2^53 + 1: no trip through double */
	csv_int(&s.c, LLONG_MIN);
	csv_end_row(&s.c);
	assert_bytes(sink_text(&s), "0,-5,9007199254740993,-9223372036854775808\r\n");
}

static void test_two_decimals(void **state)
{
	struct sink s;

	(void)state;
	sink_open(&s);
	csv_fixed2(&s.c, 0);
	csv_fixed2(&s.c, 3);
	csv_fixed2(&s.c, 2.5);
	csv_fixed2(&s.c, 1.13);
	csv_fixed2(&s.c, 1.0 / 3);
	csv_fixed2(&s.c, 10);
	csv_fixed2(&s.c, 0.25);
	csv_end_row(&s.c);
	assert_bytes(sink_text(&s), "0.00,3.00,2.50,1.13,0.33,10.00,0.25\r\n");
}

/* A zero reached by arithmetic may be negative zero, and a tiny negative
 * value rounds to zero: never "-0.00". */
static void test_no_negative_zero(void **state)
{
	struct sink s;
	volatile double z = 0.0;

	(void)state;
	sink_open(&s);
	csv_fixed2(&s.c, -0.0);
	csv_fixed2(&s.c, -z);
	csv_fixed2(&s.c, z * -1.0);
	csv_fixed2(&s.c, -0.004);
	csv_fixed2(&s.c, -0.006);
	csv_end_row(&s.c);
	assert_bytes(sink_text(&s), "0.00,0.00,0.00,0.00,-0.01\r\n");
}

/* ---- csv_escape's buffer handling, like snprintf ---- */

static void test_escape_sizes(void **state)
{
	char buf[8];

	(void)state;
	/* The length needed is returned whatever the room. */
	assert_int_equal(csv_escape("a\"b", NULL, 0), 6);
	memset(buf, 'X', sizeof buf);
	assert_int_equal(csv_escape("a\"b", buf, 4), 6);
	assert_string_equal(buf, "\"a\"");      /* cut, and still terminated */
	assert_int_equal(buf[4], 'X');          /* nothing written past size */
	assert_int_equal(csv_escape("=1", buf, 1), 3);
	assert_string_equal(buf, "");
	assert_int_equal(csv_escape("", buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	assert_int_equal(csv_escape("abcdefg", buf, sizeof buf), 7);
	assert_string_equal(buf, "abcdefg");
}

/* ---- read back by an independent reader, for both writers ---- */

/* Reads one RFC 4180 field from *p (which must then be at a comma or CRLF
 * row end); false when the text is not valid RFC 4180. */
static bool read_field(const char **p, char *out, size_t size)
{
	const char *s = *p;
	size_t n = 0;

	if (*s == '"') {
		for (s++;; s++) {
			if (*s == '\0')
				return false;
			if (*s == '"') {
				if (s[1] != '"')
					break;
				s++;
			}
			if (n + 1 >= size)
				return false;
			out[n++] = *s;
		}
		s++;
	} else {
		for (; *s && *s != ',' && *s != '\r' && *s != '\n'; s++) {
			if (*s == '"' || n + 1 >= size)
				return false;   /* a bare quote inside an unquoted field */
			out[n++] = *s;
		}
	}
	out[n] = '\0';
	*p = s;
	return true;
}

static bool formula_start(const char *s)
{
	return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

/* The contract's replacement over the round trip's alphabet, written apart
 * from src/csv.c: TAB, and CR not followed by LF, become U+FFFD. */
static void clean(const char *in, char *out, size_t size)
{
	size_t n = 0;

	for (; *in; in++) {
		const char *put = (*in == '\t' || (*in == '\r' && in[1] != '\n')) ?
					  "\xEF\xBF\xBD" : NULL;
		size_t k = put ? 3 : 1;

		assert_true(n + k < size);
		memcpy(out + n, put ? put : in, k);
		n += k;
	}
	out[n] = '\0';
}

static void test_round_trip(void **state)
{
	/* The characters with a meaning to CSV or spreadsheets, a plain one
	 * and a two-byte UTF-8 one. */
	static const char *const alpha[] = { "a", ",", "\"", "\r", "\n", "=", "-", "\t", "@", "+", "é" };
	const size_t na = sizeof alpha / sizeof *alpha;
	size_t total = 1;
	char in[64], cleaned[64], want[72], esc[160], row[400], f1[72], f2[72], shown[256];

	(void)state;
	for (int len = 0; len <= 3; len++, total *= na) {
		for (size_t k = 0; k < total; k++) {
			struct sink s;
			const char *p;
			size_t code = k;

			in[0] = '\0';
			for (int i = 0; i < len; i++, code /= na)
				strcat(in, alpha[code % na]);
			clean(in, cleaned, sizeof cleaned);
			snprintf(want, sizeof want, "%s%s", formula_start(cleaned) ? "'" : "", cleaned);
			/* Two fields, so that the separator is read too. */
			sink_open(&s);
			csv_text(&s.c, in);
			csv_text(&s.c, in);
			csv_end_row(&s.c);
			p = sink_text(&s);
			show(in, shown, sizeof shown);
			/* csv_escape writes the very same field. */
			escaped(esc, sizeof esc, in);
			snprintf(row, sizeof row, "%s,%s\r\n", esc, esc);
			if (strcmp(p, row) != 0)
				fail_msg("\"%s\": csv_text and csv_escape differ", shown);
			if (!read_field(&p, f1, sizeof f1) || *p++ != ',' ||
			    !read_field(&p, f2, sizeof f2) || strcmp(p, "\r\n") != 0)
				fail_msg("\"%s\": not one RFC 4180 row of two fields", shown);
			if (strcmp(f1, want) || strcmp(f2, want))
				fail_msg("\"%s\": read back differently", shown);
		}
	}
}

/* csv_text writes most fields in one pass of its own (plain ASCII and valid
 * UTF-8, quoted or not) and leaves the rest to csv_escape: whichever way,
 * the bytes are csv_escape's. Random fields of every kind of byte, on rows
 * long enough to fill the writer's buffer many times over, and fields
 * longer than the one-pass writer takes, written by both. */
static void test_text_as_escape(void **state)
{
	static const char *const pieces[] = {
		"a", "Z", " ", "0", ",", "\"", "\n", "\r", "\r\n", "\t", "=", "+", "-", "@", "'",
		"\x01", "\x1F", "\x7F", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xC2\x80",
		"\xC2\x9F", "\xC2\xA0", "\xEF\xBF\xBD", "\xE2\x80\xA8", "\x80", "\xBF", "\xC0\xAF",
		"\xC3", "\xE2\x82", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5", "\xFF",
		"plain words", "a, b", "say \"hi\"",
	};
	const size_t npieces = sizeof pieces / sizeof *pieces;
	unsigned long seed = 12345;
	char *got, *want;
	size_t got_len, want_len, fields = 0;
	FILE *g = open_memstream(&got, &got_len), *w = open_memstream(&want, &want_len);
	struct csv c;

	(void)state;
	assert_non_null(g);
	assert_non_null(w);
	csv_init(&c, g);
	for (int row = 0; row < 4000; row++) {
		int nf = 1 + row % 7;

		for (int f = 0; f < nf; f++, fields++) {
			char in[40000], *esc;
			size_t n = 0, len, need;

			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			/* Mostly short fields; now and then one over half the buffer. */
			len = fields % 997 == 0 ? 9000 + (seed >> 40) % 30000 : (seed >> 33) % 12;
			while (n < len) {
				const char *p;

				seed = seed * 6364136223846793005UL + 1442695040888963407UL;
				p = pieces[(seed >> 33) % npieces];
				if (n + strlen(p) >= sizeof in)
					break;
				memcpy(in + n, p, strlen(p));
				n += strlen(p);
			}
			in[n] = '\0';
			csv_text(&c, in);
			need = csv_escape(in, NULL, 0);
			esc = malloc(need + 1);
			assert_non_null(esc);
			csv_escape(in, esc, need + 1);
			fprintf(w, "%s%s", f ? "," : "", esc);
			free(esc);
		}
		csv_end_row(&c);
		fputs("\r\n", w);
	}
	assert_true(csv_flush(&c));
	assert_int_equal(fclose(g), 0);
	assert_int_equal(fclose(w), 0);
	assert_true(want_len > 8 * CSV_BUF);
	assert_int_equal(got_len, want_len);
	if (memcmp(got, want, want_len) != 0) {
		size_t i = 0;

		while (got[i] == want[i])
			i++;
		fail_msg("csv_text and csv_escape differ at byte %zu", i);
	}
	free(got);
	free(want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_commas_crlf),
		cmocka_unit_test(test_empty_and_null_fields),
		cmocka_unit_test(test_plain_text_unquoted),
		cmocka_unit_test(test_quoted_when_needed),
		cmocka_unit_test(test_quotes_doubled),
		cmocka_unit_test(test_formula_prefix),
		cmocka_unit_test(test_formula_prefix_with_quoting),
		cmocka_unit_test(test_control_characters),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_two_decimals),
		cmocka_unit_test(test_no_negative_zero),
		cmocka_unit_test(test_escape_sizes),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_text_as_escape),
	};

	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
