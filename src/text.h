/* UTF-8 text: validation, decoding, counting characters, and copies safe
 * to print on a terminal or in plain text. */
#ifndef MLMAT_TEXT_H
#define MLMAT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Returns true when buf[0..len) is valid UTF-8 without overlong forms or
 * surrogates; otherwise *bad is the offset of the first bad byte. */
bool utf8_valid(const char *buf, size_t len, size_t *bad);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_len(const char *s, size_t n);
/* Decodes one code point; returns its length in bytes (1 for an invalid byte,
 * with *cp set to 0xFFFD). */
size_t utf8_decode(const char *s, size_t n, unsigned *cp);
/* C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
bool text_is_control(unsigned cp);
/* The bidirectional embeddings, overrides and isolates (U+202A to U+202E,
 * U+2066 to U+2069), which reorder the text around them on screen: a note
 * could make what follows it read differently from what it is. */
bool text_is_bidi(unsigned cp);
/* The one rule for text shown on a terminal: a control character or a
 * bidirectional override is never written as itself. */
bool text_is_unsafe(unsigned cp);

/* A copy safe to print on a terminal or in plain text: control characters
 * and bidirectional overrides (text_is_unsafe) become '?', tabs and line ends a space, invalid UTF-8 U+FFFD (or '?' when
 * ascii is true, which also replaces every non-ASCII character). */
char *text_printable(const char *s, bool ascii);
/* What a terminal line shows for one cluster of text: a character with
 * the combining marks, variation selectors and joiners that follow it. */
enum text_show {
	TEXT_AS_IS,             /* its bytes (marks past TEXT_MARKS_MAX left out) */
	TEXT_SPACE,             /* a tab, line end or separator: one space */
	TEXT_UNSAFE,            /* a control or bidirectional override: '?' */
	TEXT_INVALID,           /* invalid UTF-8 or no width known: '?' */
	TEXT_UNSURE,            /* terminals differ on its width: U+FFFD */
	TEXT_NOTHING,           /* a mark with no character before it */
};
/* The marks kept on one character (ncurses keeps four in a cell). */
#define TEXT_MARKS_MAX 4
struct text_cluster {
	size_t len;             /* bytes of s it covers */
	size_t keep;            /* TEXT_AS_IS: bytes to draw (<= len) */
	int width;              /* columns on the terminal: 0, 1 or 2 */
	enum text_show show;
};
/* Reads the cluster at the start of s[0..n) (n > 0). Widths come from
 * wcwidth under the current locale, as ncurses counts them; emoji joined
 * with U+200D, flags, emoji with U+FE0F or a skin tone, keycaps and tag
 * sequences are TEXT_UNSURE: one terminal draws them two columns wide,
 * another as the sum of their parts, so they are shown as one U+FFFD. */
size_t text_cluster(const char *s, size_t n, struct text_cluster *c);
/* What to draw for a cluster read at s: its bytes, or the replacement. */
const char *text_cluster_draw(const char *s, const struct text_cluster *c, size_t *len);
/* Display width of s in terminal columns, cluster by cluster. */
int text_width(const char *s);
/* The bytes of the longest run of whole clusters from the start of
 * s[0..n) that fits in cols columns; *used gets their width (may be NULL). */
size_t text_fit(const char *s, size_t n, int cols, int *used);
/* A copy of s as one terminal line shows it: each cluster replaced as
 * text_cluster_draw says. */
char *text_line(const char *s);
/* Whether text_line(s) would be s itself. */
bool text_is_line(const char *s);

/* Writes s padded with spaces to width columns (counted in characters). */
void fput_padded(FILE *out, const char *s, int width, bool right);

#endif
