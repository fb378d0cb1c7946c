#include "lineedit.h"
#include "xalloc.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

void lineedit_init(struct lineedit *e, const char *text, size_t max_chars)
{
	memset(e, 0, sizeof *e);
	e->cap = 64;
	e->buf = xmalloc(e->cap);
	e->buf[0] = '\0';
	e->max_chars = max_chars;
	if (text) {
		/* Kept as given (a stored note may hold line ends); only typing
		 * is filtered. */
		size_t n = strlen(text);

		if (n > LINEEDIT_MAX_BYTES)
			n = LINEEDIT_MAX_BYTES;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
		e->cap = n + 64;
		e->buf = xrealloc(e->buf, e->cap);
		memcpy(e->buf, text, n);
		e->buf[n] = '\0';
		e->len = e->cursor = n;
	}
}

void lineedit_free(struct lineedit *e)
{
	free(e->buf);
	e->buf = NULL;
}

const char *lineedit_text(const struct lineedit *e)
{
	return e->buf;
}

size_t lineedit_cursor_chars(const struct lineedit *e)
{
	return utf8_len(e->buf, e->cursor);
}

static size_t prev_start(const struct lineedit *e, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && ((unsigned char)e->buf[at] & 0xC0) == 0x80)
		at--;
	return at;
}

static size_t next_start(const struct lineedit *e, size_t at)
{
	if (at >= e->len)
		return e->len;
	at++;
	while (at < e->len && ((unsigned char)e->buf[at] & 0xC0) == 0x80)
		at++;
	return at;
}

static void erase(struct lineedit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cursor = from;
}

static bool printable(unsigned cp)
{
	return !text_is_unsafe(cp);
}

static bool insert_char(struct lineedit *e, const char *s, size_t k)
{
	if (e->len + k > LINEEDIT_MAX_BYTES)
		return false;
	if (e->max_chars && utf8_len(e->buf, e->len) + 1 > e->max_chars)
		return false;
	if (e->len + k + 1 > e->cap) {
		e->cap = (e->len + k + 1) * 2;
		e->buf = xrealloc(e->buf, e->cap);
	}
	memmove(e->buf + e->cursor + k, e->buf + e->cursor, e->len - e->cursor + 1);
	memcpy(e->buf + e->cursor, s, k);
	e->len += k;
	e->cursor += k;
	return true;
}

void lineedit_insert(struct lineedit *e, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		if (!(cp == 0xFFFD && k == 1) && printable(cp))
			insert_char(e, s + i, k);
		i += k;
	}
}

static size_t seq_len(unsigned char lead)
{
	if (lead >= 0xC2 && lead <= 0xDF)
		return 2;
	if (lead >= 0xE0 && lead <= 0xEF)
		return 3;
	if (lead >= 0xF0 && lead <= 0xF4)
		return 4;
	return 0;
}

static bool typed_byte(struct lineedit *e, unsigned char b)
{
	unsigned cp;
	size_t need;

	if (e->npending == 0) {
		if (b < 0x80) {
			char c = (char)b;

			return printable(b) && insert_char(e, &c, 1);
		}
		if (seq_len(b) == 0)
			return false;
		e->pending[e->npending++] = (char)b;
		return false;
	}
	if ((b & 0xC0) != 0x80) {
		/* A broken sequence: drop it and treat b afresh. */
		e->npending = 0;
		return typed_byte(e, b);
	}
	e->pending[e->npending++] = (char)b;
	need = seq_len((unsigned char)e->pending[0]);
	if (e->npending < need)
		return false;
	e->npending = 0;
	if (utf8_decode(e->pending, need, &cp) != need || !printable(cp))
		return false;
	return insert_char(e, e->pending, need);
}

bool lineedit_key(struct lineedit *e, int key)
{
	size_t at;

	if (key >= 0 && key <= 0xFF)
		return typed_byte(e, (unsigned char)key);
	e->npending = 0;
	switch (key) {
	case LE_LEFT:
		at = prev_start(e, e->cursor);
		break;
	case LE_RIGHT:
		at = next_start(e, e->cursor);
		break;
	case LE_HOME:
		at = 0;
		break;
	case LE_END:
		at = e->len;
		break;
	case LE_BACKSPACE:
		if (e->cursor == 0)
			return false;
		erase(e, prev_start(e, e->cursor), e->cursor);
		return true;
	case LE_DELETE:
		if (e->cursor >= e->len)
			return false;
		erase(e, e->cursor, next_start(e, e->cursor));
		return true;
	case LE_KILL_LINE:
		if (e->len == 0)
			return false;
		e->len = e->cursor = 0;
		e->buf[0] = '\0';
		return true;
	case LE_KILL_WORD:
		at = e->cursor;
		while (at > 0 && e->buf[at - 1] == ' ')
			at--;
		while (at > 0 && e->buf[at - 1] != ' ')
			at = prev_start(e, at);
		if (at == e->cursor)
			return false;
		erase(e, at, e->cursor);
		return true;
	default:
		return false;
	}
	if (at == e->cursor)
		return false;
	e->cursor = at;
	return true;
}
