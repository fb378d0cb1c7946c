#include "csv.h"
#include "xalloc.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

void csv_init(struct csv *c, FILE *out)
{
	c->out = out;
	c->first = true;
}

static void sep(struct csv *c)
{
	if (!c->first)
		putc(',', c->out);
	c->first = false;
}

/* CONTRACT section 4: no field holds a control character other than LF (and
 * CR inside a CR LF pair) or text that is not valid UTF-8, whatever the
 * database holds; each such character or byte becomes U+FFFD. Returns how
 * many bytes of s the next character takes, with *out and *olen what to
 * write for it. */
static size_t clean_char(const char *s, size_t n, const char **out, size_t *olen)
{
	static const char replacement[] = "\xEF\xBF\xBD";
	unsigned cp;
	size_t k = utf8_decode(s, n, &cp);

	*out = s;
	*olen = k;
	if ((cp == 0xFFFD && k == 1) || (cp == '\r' && (n < 2 || s[1] != '\n')) ||
	    (cp != '\n' && cp != '\r' && (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)))) {
		*out = replacement;
		*olen = sizeof replacement - 1;
	}
	return k ? k : 1;
}

/* Both rules look at the field as it is written, after clean_char. */
static bool needs_prefix(const char *s)
{
	const char *c;
	size_t cl;

	if (!*s)
		return false;
	clean_char(s, strlen(s), &c, &cl);
	return cl == 1 && strchr("=+-@\t\r", c[0]) != NULL;
}

static bool needs_quotes(const char *s)
{
	return strpbrk(s, ",\"\n") != NULL || strstr(s, "\r\n") != NULL;
}

size_t csv_escape(const char *s, char *buf, size_t size)
{
	bool quote = needs_quotes(s);
	size_t n = 0, len = strlen(s);

#define PUT(ch) do { if (n + 1 < size) buf[n] = (ch); n++; } while (0)
	if (quote)
		PUT('"');
	if (needs_prefix(s))
		PUT('\'');
	for (size_t i = 0; i < len;) {
		const char *c;
		size_t cl;

		i += clean_char(s + i, len - i, &c, &cl);
		for (size_t j = 0; j < cl; j++) {
			if (c[j] == '"')
				PUT('"');
			PUT(c[j]);
		}
	}
	if (quote)
		PUT('"');
#undef PUT
	if (size)
		buf[n < size ? n : size - 1] = '\0';
	return n;
}

/* The field goes through csv_escape, the one place the quoting and
 * formula rules live (the fuzzer tests that same code). */
void csv_text(struct csv *c, const char *s)
{
	char small[256], *buf = small;
	size_t need;

	sep(c);
	if (!s || !*s)
		return;
	need = csv_escape(s, small, sizeof small);
	if (need >= sizeof small) {
		buf = xmalloc(need + 1);
		csv_escape(s, buf, need + 1);
	}
	fwrite(buf, 1, need, c->out);
	if (buf != small)
		free(buf);
}

void csv_raw(struct csv *c, const char *s)
{
	sep(c);
	if (s)
		fputs(s, c->out);
}

void csv_int(struct csv *c, long long v)
{
	sep(c);
	fprintf(c->out, "%lld", v);
}

void csv_fixed2(struct csv *c, double v)
{
	char buf[64];

	sep(c);
	snprintf(buf, sizeof buf, "%.2f", v);
	/* A value that rounds to zero is "0.00", never "-0.00". */
	fputs(strcmp(buf, "-0.00") ? buf : "0.00", c->out);
}

void csv_empty(struct csv *c)
{
	sep(c);
}

void csv_end_row(struct csv *c)
{
	fputs("\r\n", c->out);
	c->first = true;
}
