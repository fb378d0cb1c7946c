/* RFC 4180 records from a buffer: fields are unescaped into one scratch
 * buffer, NUL-terminated, and handed out as pointers into it. */
#include "csvread.h"
#include "text.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

struct csvread {
	const char *buf;
	size_t len, pos, line;
	char *text;             /* the record's fields, each ending in NUL */
	size_t tlen, tcap;
	size_t *starts;         /* offsets of the fields in text */
	char **fields;
	size_t nfields, fcap;
};

struct csvread *csvread_new(const char *buf, size_t len)
{
	struct csvread *r = xcalloc(1, sizeof *r);

	r->buf = buf;
	r->len = len;
	r->line = 1;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		r->pos = 3;
	return r;
}

void csvread_free(struct csvread *r)
{
	if (!r)
		return;
	free(r->text);
	free(r->starts);
	free(r->fields);
	free(r);
}

static void put(struct csvread *r, char c)
{
	if (r->tlen == r->tcap) {
		r->tcap = r->tcap ? 2 * r->tcap : 256;
		r->text = xrealloc(r->text, r->tcap);
	}
	r->text[r->tlen++] = c;
}

static void field_start(struct csvread *r)
{
	if (r->nfields == r->fcap) {
		r->fcap = r->fcap ? 2 * r->fcap : 16;
		r->starts = xrealloc(r->starts, r->fcap * sizeof *r->starts);
		r->fields = xrealloc(r->fields, r->fcap * sizeof *r->fields);
	}
	r->starts[r->nfields++] = r->tlen;
}

/* At a line end (CRLF or LF) at pos: its length, else 0. */
static size_t line_end(const struct csvread *r, size_t pos)
{
	if (pos < r->len && r->buf[pos] == '\n')
		return 1;
	if (pos + 1 < r->len && r->buf[pos] == '\r' && r->buf[pos + 1] == '\n')
		return 2;
	return 0;
}

/* A quoted field, from its opening quote to the character after its
 * closing one. */
static const char *quoted(struct csvread *r)
{
	r->pos++;
	for (;;) {
		char c;

		if (r->pos >= r->len)
			return "a quoted field is not closed before the end of the file";
		c = r->buf[r->pos++];
		if (c == '"') {
			if (r->pos < r->len && r->buf[r->pos] == '"')
				r->pos++;
			else
				break;
		} else if (c == '\n') {
			r->line++;
		}
		put(r, c);
	}
	if (r->pos < r->len && r->buf[r->pos] != ',' && !line_end(r, r->pos))
		return "text after the closing quote of a field (a quote inside a field is doubled)";
	return NULL;
}

static const char *unquoted(struct csvread *r)
{
	while (r->pos < r->len && r->buf[r->pos] != ',' && !line_end(r, r->pos)) {
		char c = r->buf[r->pos++];

		if (c == '"')
			return "a quote inside a field that does not start with one "
			       "(such a field is quoted, its quotes doubled)";
		if (c == '\r')
			return "a carriage return outside quotes that does not end the line";
		put(r, c);
	}
	return NULL;
}

/* One record's fields into text; NULL or why it is malformed. */
static const char *record(struct csvread *r)
{
	for (;;) {
		const char *why;
		size_t e;

		field_start(r);
		why = r->pos < r->len && r->buf[r->pos] == '"' ? quoted(r) : unquoted(r);
		if (why)
			return why;
		put(r, '\0');
		if (r->pos < r->len && r->buf[r->pos] == ',') {
			r->pos++;
			continue;
		}
		e = line_end(r, r->pos);
		if (e) {
			r->pos += e;
			r->line++;
		}
		return NULL;
	}
}

/* After a malformed record: on to the start of the next line. */
static void skip_line(struct csvread *r)
{
	while (r->pos < r->len && r->buf[r->pos] != '\n')
		r->pos++;
	if (r->pos < r->len) {
		r->pos++;
		r->line++;
	}
}

static const char *check_text(const struct csvread *r)
{
	for (size_t i = 0; i < r->nfields; i++) {
		const char *f = r->text + r->starts[i];
		size_t n = strlen(f);

		if (i + 1 < r->nfields ? r->starts[i + 1] - r->starts[i] != n + 1
				       : r->tlen - r->starts[i] != n + 1)
			return "a NUL byte in a field";
		if (!utf8_valid(f, n, NULL))
			return "text that is not valid UTF-8";
	}
	return NULL;
}

int csvread_next(struct csvread *r, char ***fields, size_t *n, size_t *line, const char **why)
{
	size_t e;

	while ((e = line_end(r, r->pos)) != 0) {
		r->pos += e;
		r->line++;
	}
	if (r->pos >= r->len)
		return 0;
	*line = r->line;
	r->tlen = r->nfields = 0;
	if ((*why = record(r)) != NULL) {
		skip_line(r);
		return -1;
	}
	if ((*why = check_text(r)) != NULL)
		return -1;
	for (size_t i = 0; i < r->nfields; i++)
		r->fields[i] = r->text + r->starts[i];
	*fields = r->fields;
	*n = r->nfields;
	return 1;
}

void csvread_unguard(char *field)
{
	if (field[0] == '\'' && field[1] && strchr("=+-@\t\r", field[1]))
		memmove(field, field + 1, strlen(field));
}
