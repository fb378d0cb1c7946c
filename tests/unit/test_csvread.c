/* The RFC 4180 reader behind `mlmat import`: quotes, doubled quotes, CRLF
 * and LF, line ends inside quoted fields, a BOM, UTF-8, the formula guard,
 * and malformed records reported at their line with reading going on. */
#include "testutil.h"

#include "csvread.h"

/* Reads all of text into "f1|f2;f1|f2;" with malformed records as
 * "!LINE;", and each record's line as "@LINE" after it. */
static char *read_all(const char *text, size_t len)
{
	static char out[4096];
	struct csvread *r = csvread_new(text, len);
	char **f;
	size_t n, line;
	const char *why;
	int rc;

	out[0] = '\0';
	while ((rc = csvread_next(r, &f, &n, &line, &why)) != 0) {
		char *o = out + strlen(out);

		if (rc < 0) {
			snprintf(o, sizeof out - (size_t)(o - out), "!%zu;", line);
			continue;
		}
		for (size_t i = 0; i < n; i++)
			o += snprintf(o, sizeof out - (size_t)(o - out), "%s%s", i ? "|" : "", f[i]);
		snprintf(o, sizeof out - (size_t)(o - out), "@%zu;", line);
	}
	csvread_free(r);
	return out;
}

#define READS(text, want) assert_string_equal(read_all(text, sizeof text - 1), want)

static void test_plain(void **state)
{
	(void)state;
	READS("a,b,c\r\nd,e,f\r\n", "a|b|c@1;d|e|f@2;");
	READS("a,b\nc,d", "a|b@1;c|d@2;");
	READS("a,,\n", "a||@1;");
	READS("", "");
}

static void test_quotes(void **state)
{
	(void)state;
	READS("\"a,b\",\"say \"\"hi\"\"\",\"\"\r\n", "a,b|say \"hi\"|@1;");
	READS("\"two\r\nlines\",x\r\nnext\r\n", "two\r\nlines|x@1;next@3;");
	READS("\"one\nline\"\n", "one\nline@1;");
}

static void test_bom_and_blank_lines(void **state)
{
	(void)state;
	READS("\xEF\xBB\xBFteam,period\r\n\r\nA,2026-Q1\r\n\r\n", "team|period@1;A|2026-Q1@3;");
	READS("caf\xC3\xA9\n", "caf\xC3\xA9@1;");
}

static void test_malformed(void **state)
{
	(void)state;
	/* Each bad record is reported at its line; the next line is read. */
	READS("a,b\"c\nok\n", "!1;ok@2;");
	READS("\"a\"b,c\nok\n", "!1;ok@2;");
	READS("a\rb\nok\n", "!1;ok@2;");
	READS("bad \xFF byte\nok\n", "!1;ok@2;");
	READS("ok\n\"never closed\nmore\n", "ok@1;!2;");
	{
		static const char nul[] = "a\0b,c\nok\n";

		READS(nul, "!1;ok@2;");
	}
}

static void test_unguard(void **state)
{
	char a[] = "'=SUM(A1)", b[] = "'-1", c[] = "'plain", d[] = "'", e[] = "'\tx";

	(void)state;
	csvread_unguard(a);
	csvread_unguard(b);
	csvread_unguard(c);
	csvread_unguard(d);
	csvread_unguard(e);
	assert_string_equal(a, "=SUM(A1)");
	assert_string_equal(b, "-1");
	assert_string_equal(c, "'plain");
	assert_string_equal(d, "'");
	assert_string_equal(e, "\tx");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_bom_and_blank_lines),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_unguard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
