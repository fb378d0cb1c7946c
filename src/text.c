#include "text.h"
#include "strbuf.h"

#include <string.h>

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
