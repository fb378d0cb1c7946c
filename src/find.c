#include "find.h"
#include "text.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

/* Latin-1 Supplement and Latin Extended-A letters without their accents,
 * from U+00C0; '\0' where a character has no plain letter. Ligatures are
 * spelled out in fold_char before this table is read. */
static const char plain[] =
	"aaaaaaaceeeeiiii" "dnooooo\0ouuuuyts"     /* U+00C0-U+00DF */
	"aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty"     /* U+00E0-U+00FF */
	"aaaaaaccccccccdd" "ddeeeeeeeeeegggg"      /* U+0100-U+011F */
	"gggghhhhiiiiiiii" "iiiijjkkklllllll"      /* U+0120-U+013F */
	"lllnnnnnnnnnoooo" "oooorrrrrrssssss"      /* U+0140-U+015F */
	"ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";     /* U+0160-U+017F */

static size_t utf8_put(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static size_t put2(char *out, const char *two)
{
	out[0] = two[0];
	out[1] = two[1];
	return 2;
}

/* One character (cp, the len bytes at src) folded into out (room for 8);
 * returns the bytes written, 0 for a combining mark. */
static size_t fold_char(unsigned cp, const char *src, size_t len, char *out)
{
	wint_t lower;

	if (cp < 0x80) {
		out[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp == '\t' ? ' ' : cp);
		return 1;
	}
	switch (cp) {
	case 0xA0: out[0] = ' '; return 1;
	case 0xC6: case 0xE6: return put2(out, "ae");
	case 0xDE: case 0xFE: return put2(out, "th");
	case 0xDF: case 0x1E9E: return put2(out, "ss");
	case 0x132: case 0x133: return put2(out, "ij");
	case 0x152: case 0x153: return put2(out, "oe");
	case 0x218: case 0x219: out[0] = 's'; return 1;        /* Romanian comma below */
	case 0x21A: case 0x21B: out[0] = 't'; return 1;
	default: break;
	}
	if (cp >= 0xC0 && cp <= 0x17F && plain[cp - 0xC0]) {
		out[0] = plain[cp - 0xC0];
		return 1;
	}
	if (cp >= 0x300 && cp <= 0x36F)
		return 0;       /* a decomposed accent ("e" then U+0301) */
	/* Other scripts' cases as the locale knows them (Greek, Cyrillic). */
	lower = cp == 0xFFFD || cp > 0x10FFFF ? cp : towlower((wint_t)cp);
	if (lower != cp && lower > 0 && lower <= 0x10FFFF)
		return utf8_put((unsigned)lower, out);
	memcpy(out, src, len);
	return len;
}

char *find_fold(const char *s)
{
	size_t n = strlen(s), o = 0;
	/* A character of 2 bytes or more folds to at most 1.5 times as many. */
	char *out = xmalloc(2 * n + 8);

	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		o += fold_char(cp, s + i, k, out + o);
		i += k;
	}
	out[o] = '\0';
	return out;
}

bool find_in(const char *text, const char *folded)
{
	char *t;
	bool in;

	if (!folded[0])
		return true;
	if (!text)
		return false;
	t = find_fold(text);
	in = strstr(t, folded) != NULL;
	free(t);
	return in;
}

bool find_match(const char *text, const char *needle)
{
	char *f = find_fold(needle);
	bool in = find_in(text, f);

	free(f);
	return in;
}

static int ascii_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c == '\t' ? ' ' : c;
}

/* A string's folded bytes one at a time, folding as it goes: comparing two
 * names allocates nothing. */
struct folder {
	const char *s;
	size_t n, len, at;
	char buf[8];
};

static int folder_next(struct folder *f)
{
	/* ASCII, most of most names: folded here, without a decode. */
	if (f->at == f->len && f->n && (unsigned char)*f->s < 0x80) {
		unsigned char c = (unsigned char)*f->s++;

		f->n--;
		return ascii_fold(c);
	}
	while (f->at == f->len) {
		unsigned cp;
		size_t k;

		if (!f->n)
			return -1;
		k = utf8_decode(f->s, f->n, &cp);
		f->len = fold_char(cp, f->s, k, f->buf);
		f->at = 0;
		f->s += k;
		f->n -= k;
	}
	return (unsigned char)f->buf[f->at++];
}

static int fold_cmp(const char *a, const char *b)
{
	const char *from = a;
	struct folder x, y;

	/* The common prefix (most of a sorted list's neighbours) in a plain
	 * loop, ASCII folded on the way; the folder takes over at the first
	 * character that differs and is not ASCII, where one may fold to
	 * several. The same bytes fold the same. */
	for (;; a++, b++) {
		unsigned char p = (unsigned char)*a, q = (unsigned char)*b;

		if (p == q) {
			if (!p)
				return 0;
			continue;
		}
		if ((p | q) & 0x80) {
			while (a > from && ((unsigned char)*a & 0xC0) == 0x80)
				a--, b--;
			break;
		}
		if (ascii_fold(p) != ascii_fold(q))
			return ascii_fold(p) < ascii_fold(q) ? -1 : 1;
	}
	x = (struct folder){ a, strlen(a), 0, 0, { 0 } };
	y = (struct folder){ b, strlen(b), 0, 0, { 0 } };
	for (;;) {
		int p = folder_next(&x), q = folder_next(&y);

		if (p != q)
			return p < q ? -1 : 1;
		if (p < 0)
			return 0;
	}
}

/* C and C.UTF-8 collate by code point, "B" before "a": no order a reader
 * expects. A locale with a real collation table puts "a" first. */
static bool locale_sorts_letters(void)
{
	return strcoll("a", "B") < 0;
}

static int sign(int c)
{
	return (c > 0) - (c < 0);
}

int find_collate(const char *a, const char *b)
{
	int c = 0;

	if (locale_sorts_letters())
		c = sign(strcoll(a, b));
	if (!c)
		c = fold_cmp(a, b);
	if (!c)
		c = sign(strcmp(a, b));
	return c;
}
