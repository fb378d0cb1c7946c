#include "csv.h"
#include "xalloc.h"

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

static bool needs_prefix(const char *s)
{
	return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	       s[0] == '\r';
}

static bool needs_quotes(const char *s)
{
	return strpbrk(s, ",\"\r\n") != NULL;
}

size_t csv_escape(const char *s, char *buf, size_t size)
{
	bool quote = needs_quotes(s);
	size_t n = 0;

#define PUT(ch) do { if (n + 1 < size) buf[n] = (ch); n++; } while (0)
	if (quote)
		PUT('"');
	if (needs_prefix(s))
		PUT('\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			PUT('"');
		PUT(*p);
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
