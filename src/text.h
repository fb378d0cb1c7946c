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
/* Writes s padded with spaces to width columns (counted in characters). */
void fput_padded(FILE *out, const char *s, int width, bool right);

#endif
