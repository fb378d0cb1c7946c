#include "text.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

size_t utf8_decode(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c, min;
	size_t len;

	if (n == 0) {
		*cp = 0xFFFD;
		return 0;
	}
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2; c &= 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; c &= 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; c &= 0x07; min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return len;
}

bool utf8_valid(const char *buf, size_t len, size_t *bad)
{
	size_t i = 0;

	while (i < len) {
		unsigned cp;
		size_t k;

		if ((unsigned char)buf[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_decode(buf + i, len - i, &cp);
		if (cp == 0xFFFD && k == 1) {
			if (bad)
				*bad = i;
			return false;
		}
		i += k;
	}
	return true;
}

size_t utf8_len(const char *s, size_t n)
{
	size_t count = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

bool text_is_control(unsigned cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
	       cp == 0x2028 || cp == 0x2029;
}

bool text_is_bidi(unsigned cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

bool text_is_unsafe(unsigned cp)
{
	return text_is_control(cp) || text_is_bidi(cp);
}

char *text_printable(const char *s, bool ascii)
{
	struct strbuf sb;
	size_t n = strlen(s);

	sb_init(&sb);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		if (cp == '\n' || cp == '\t' || cp == '\r')
			sb_addc(&sb, ' ');
		else if (text_is_unsafe(cp))
			sb_addc(&sb, '?');
		else if (cp >= 0x80 && ascii)
			sb_addc(&sb, '?');
		else if (cp == 0xFFFD && k == 1)
			sb_adds(&sb, "\xEF\xBF\xBD");
		else
			sb_add(&sb, s + i, k);
		i += k;
	}
	return sb.s;
}

/* The controls that only move along a line or start another: on one line
 * they read as the space they stand for. */
static bool is_blank_control(unsigned cp)
{
	return (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

static bool is_regional(unsigned cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }

/* What follows a character and changes how wide a terminal draws it. */
static bool is_emoji_part(unsigned cp)
{
	return cp == 0xFE0F ||                          /* VS16: emoji presentation */
	       cp == 0x20E3 ||                          /* keycap */
	       (cp >= 0x1F3FB && cp <= 0x1F3FF) ||      /* skin tones */
	       (cp >= 0xE0020 && cp <= 0xE007F);        /* tags (subdivision flags) */
}

static int cp_width(unsigned cp)
{
	return cp < 0x80 ? 1 : wcwidth((wchar_t)cp);
}

size_t text_cluster(const char *s, size_t n, struct text_cluster *c)
{
	unsigned cp;
	size_t k = utf8_decode(s, n, &cp), i;
	int w = 0, marks = 0;
	bool unsure;

	*c = (struct text_cluster){ k ? k : 1, 0, 1, TEXT_AS_IS };
	if (k <= 1 && cp == 0xFFFD) {
		c->show = TEXT_INVALID;
		return c->len;
	}
	if (is_blank_control(cp) || text_is_unsafe(cp)) {
		c->show = is_blank_control(cp) ? TEXT_SPACE : TEXT_UNSAFE;
		return c->len;
	}
	if (cp >= 0x80)
		w = cp_width(cp);
	else
		w = 1;
	if (w < 0) {
		c->show = TEXT_INVALID;
		return c->len;
	}
	/* A flag is two regional indicators; one alone is no safer. */
	unsure = is_regional(cp);
	if (unsure && k < n) {
		unsigned next;
		size_t k2 = utf8_decode(s + k, n - k, &next);

		if (is_regional(next))
			k += k2;
	}
	c->keep = k;
	for (i = k; i < n;) {
		unsigned next;
		size_t k2 = utf8_decode(s + i, n - i, &next);

		if (k2 <= 1 && next == 0xFFFD)
			break;
		if (next == 0x200D) {           /* a joiner takes the next character too */
			unsure = true;
			i += k2;
			if (i < n) {
				k2 = utf8_decode(s + i, n - i, &next);
				if ((k2 > 1 || next != 0xFFFD) && !text_is_unsafe(next) && !is_blank_control(next))
					i += k2;
			}
			continue;
		}
		if (is_emoji_part(next) || (next == 0xFE0E && w == 2)) {
			unsure = true;
			i += k2;
			continue;
		}
		if (next < 0x80 || text_is_unsafe(next) || cp_width(next) != 0)
			break;
		i += k2;                        /* a combining mark or variation selector */
		if (++marks <= TEXT_MARKS_MAX)
			c->keep = i;
	}
	c->len = i;
	if (unsure) {
		c->show = TEXT_UNSURE;
		c->width = 1;
	} else if (w == 0) {
		c->show = TEXT_NOTHING;
		c->width = 0;
	} else {
		c->width = w;
	}
	return c->len;
}

const char *text_cluster_draw(const char *s, const struct text_cluster *c, size_t *len)
{
	*len = 1;
	switch (c->show) {
	case TEXT_AS_IS:
		*len = c->keep;
		return s;
	case TEXT_SPACE:
		return " ";
	case TEXT_UNSURE:
		/* U+FFFD is one column wherever the box lines are: both are
		 * East Asian "ambiguous" width. */
		*len = 3;
		return "\xEF\xBF\xBD";
	case TEXT_NOTHING:
		*len = 0;
		return "";
	case TEXT_UNSAFE:
	case TEXT_INVALID:
		break;
	}
	return "?";
}

int text_width(const char *s)
{
	size_t n = strlen(s);
	int total = 0;

	for (size_t i = 0; i < n;) {
		struct text_cluster c;

		i += text_cluster(s + i, n - i, &c);
		total += c.width;
	}
	return total;
}

size_t text_fit(const char *s, size_t n, int cols, int *used)
{
	size_t i = 0;
	int total = 0;

	while (i < n) {
		struct text_cluster c;
		size_t k = text_cluster(s + i, n - i, &c);

		if (total + c.width > cols)
			break;
		total += c.width;
		i += k;
	}
	if (used)
		*used = total;
	return i;
}

bool text_is_line(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		struct text_cluster c;
		size_t k;

		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F &&
		    (i + 1 == n || (unsigned char)s[i + 1] < 0x80)) {
			i++;            /* printable ASCII, no mark after it */
			continue;
		}
		k = text_cluster(s + i, n - i, &c);
		if (c.show != TEXT_AS_IS || c.keep != k)
			return false;
		i += k;
	}
	return true;
}

char *text_line(const char *s)
{
	struct strbuf sb;
	size_t n = strlen(s);

	sb_init(&sb);
	for (size_t i = 0; i < n;) {
		struct text_cluster c;
		size_t k = text_cluster(s + i, n - i, &c), dl;
		const char *d = text_cluster_draw(s + i, &c, &dl);

		sb_add(&sb, d, dl);
		i += k;
	}
	return sb.s;
}

void fput_padded(FILE *out, const char *s, int width, bool right)
{
	int len = (int)utf8_len(s, strlen(s));

	if (right)
		for (int i = len; i < width; i++)
			putc(' ', out);
	fputs(s, out);
	if (!right)
		for (int i = len; i < width; i++)
			putc(' ', out);
}
