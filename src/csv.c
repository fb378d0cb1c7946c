#include "csv.h"
#include "xalloc.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void csv_init(struct csv *c, FILE *out)
{
	c->out = out;
	c->first = true;
	c->len = 0;
}

bool csv_flush(struct csv *c)
{
	size_t n = c->len;

	c->len = 0;
	return !n || fwrite(c->buf, 1, n, c->out) == n;
}

void csv_put(struct csv *c, const char *s, size_t n)
{
	if (n > CSV_BUF - c->len) {
		csv_flush(c);
		if (n >= CSV_BUF) {
			fwrite(s, 1, n, c->out);
			return;
		}
	}
	memcpy(c->buf + c->len, s, n);
	c->len += n;
}

static void put_byte(struct csv *c, char ch)
{
	if (c->len == CSV_BUF)
		csv_flush(c);
	c->buf[c->len++] = ch;
}

static void sep(struct csv *c)
{
	if (!c->first)
		put_byte(c, ',');
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

/* What the fast path makes of each byte: P (plain) is written as it is, Q
 * (comma, quote, LF) makes the field quoted, U begins a UTF-8 sequence to
 * check, and S (CR and the other control bytes) leaves the field to
 * csv_escape. */
static const char byte_class[257] =
	/* 00 */ "SSSSSSSSSSQSSSSSSSSSSSSSSSSSSSSS"
	/* 20 */ "PPQPPPPPPPPPQPPPPPPPPPPPPPPPPPPP"
	/* 40 */ "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP"
	/* 60 */ "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPS"
	/* 80 */ "UUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUU"
	/* A0 */ "UUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUU"
	/* C0 */ "UUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUU"
	/* E0 */ "UUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUU";

#define ONES 0x0101010101010101ULL

/* Whether any of the eight bytes in w is not P in byte_class: below 0x20,
 * 0x7F or above, a comma or a quote. Each term is the classic test for a
 * byte below n (x - n * ONES) & ~x, whose high bits are set only when one
 * is; w itself for the high bit of non-ASCII bytes. */
static bool word_special(uint64_t w)
{
	uint64_t comma = w ^ (ONES * ','), quote = w ^ (ONES * '"'), del = w ^ (ONES * 0x7F);

	return (((w - ONES * 0x20) & ~w) | ((comma - ONES) & ~comma) | ((quote - ONES) & ~quote) |
		((del - ONES) & ~del) | w) & (ONES * 0x80);
}

/* The common field in one pass over its bytes (eight at a time while they
 * are plain): printable ASCII and valid UTF-8 other than C1 controls, with
 * or without a comma, quote or LF. It writes what csv_escape would (which
 * nothing else reaches) and returns true, or writes nothing and returns
 * false for csv_escape to do it. */
static bool text_fast(struct csv *c, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	bool quote = false, prefix;
	size_t n = strlen(s), need;
	const char *p, *end, *q;

	for (size_t i = 0; i < n;) {
		uint64_t w;
		unsigned cp;
		size_t k;

		if (n - i >= 8) {
			memcpy(&w, u + i, 8);
			if (!word_special(w)) {
				i += 8;
				continue;
			}
		}
		switch (byte_class[u[i]]) {
		case 'P':
			i++;
			continue;
		case 'Q':
			quote = true;
			i++;
			continue;
		case 'U':
			k = utf8_decode(s + i, n - i, &cp);
			if ((cp == 0xFFFD && k == 1) || (cp >= 0x80 && cp < 0xA0))
				return false;
			i += k;
			continue;
		}
		return false;
	}
	prefix = u[0] == '=' || u[0] == '+' || u[0] == '-' || u[0] == '@';
	need = 2 * n + 3;       /* every byte a doubled quote, quotes and prefix */
	if (need > CSV_BUF / 2)
		return false;
	if (need > CSV_BUF - c->len)
		csv_flush(c);
	if (!quote) {
		if (prefix)
			c->buf[c->len++] = '\'';
		memcpy(c->buf + c->len, s, n);
		c->len += n;
		return true;
	}
	c->buf[c->len++] = '"';
	if (prefix)
		c->buf[c->len++] = '\'';
	for (p = s, end = s + n; p < end; p = q + 1) {
		q = memchr(p, '"', (size_t)(end - p));
		if (!q) {
			memcpy(c->buf + c->len, p, (size_t)(end - p));
			c->len += (size_t)(end - p);
			break;
		}
		memcpy(c->buf + c->len, p, (size_t)(q - p + 1));
		c->len += (size_t)(q - p + 1);
		c->buf[c->len++] = '"';
	}
	c->buf[c->len++] = '"';
	return true;
}

/* The field goes through csv_escape, the one place the quoting and
 * formula rules live (the fuzzer tests that same code), unless text_fast
 * can write it the same way in one pass. */
void csv_text(struct csv *c, const char *s)
{
	char small[256], *buf = small;
	size_t need;

	sep(c);
	if (!s || !*s || text_fast(c, s))
		return;
	need = csv_escape(s, small, sizeof small);
	if (need >= sizeof small) {
		buf = xmalloc(need + 1);
		csv_escape(s, buf, need + 1);
	}
	csv_put(c, buf, need);
	if (buf != small)
		free(buf);
}

void csv_raw(struct csv *c, const char *s)
{
	sep(c);
	if (s)
		csv_put(c, s, strlen(s));
}

void csv_int(struct csv *c, long long v)
{
	char buf[24], *p = buf + sizeof buf;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	sep(c);
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	csv_put(c, p, (size_t)(buf + sizeof buf - p));
}

void csv_fixed2(struct csv *c, double v)
{
	char buf[64];

	sep(c);
	snprintf(buf, sizeof buf, "%.2f", v);
	/* A value that rounds to zero is "0.00", never "-0.00". */
	if (!strcmp(buf, "-0.00"))
		csv_put(c, "0.00", 4);
	else
		csv_put(c, buf, strlen(buf));
}

void csv_empty(struct csv *c)
{
	sep(c);
}

void csv_end_row(struct csv *c)
{
	csv_put(c, "\r\n", 2);
	c->first = true;
}
