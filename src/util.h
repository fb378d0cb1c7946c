/* Small helpers shared by every module: allocation that cannot fail quietly,
 * growable strings, periods, team names, UTF-8 and time stamps. */
#ifndef MLMAT_UTIL_H
#define MLMAT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>

#define MLMAT_VERSION "0.1.0"
#define TEAM_NAME_MAX 80         /* characters, not bytes */
#define TEAM_NAME_BYTES (TEAM_NAME_MAX * 4 + 1)
#define PERIOD_LEN 8             /* "YYYY-Qn" plus NUL */

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated byte string. */
struct strbuf {
	char *s;
	size_t len, cap;
};
void sb_init(struct strbuf *sb);
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
void sb_free(struct strbuf *sb);

/* Periods are quarters "YYYY-Qn"; as an index they are year * 4 + (n - 1),
 * so consecutive quarters are consecutive numbers. */
bool period_parse(const char *s, int *index);
void period_format(int index, char out[PERIOD_LEN]);
int period_current(void);

/* Trims spaces, then checks 1..80 characters of valid UTF-8 with no control
 * characters. Writes the trimmed name to out. */
bool team_name_clean(const char *in, char out[TEAM_NAME_BYTES], const char **why);

/* Returns true when buf[0..len) is valid UTF-8 without overlong forms or
 * surrogates; otherwise *bad is the offset of the first bad byte. */
bool utf8_valid(const char *buf, size_t len, size_t *bad);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_len(const char *s, size_t n);
/* Decodes one code point; returns its length in bytes (1 for an invalid byte,
 * with *cp set to 0xFFFD). */
size_t utf8_decode(const char *s, size_t n, unsigned *cp);

/* A copy safe to print on a terminal or in plain text: control characters
 * become '?', tabs and line ends a space, invalid UTF-8 U+FFFD (or '?' when
 * ascii is true, which also replaces every non-ASCII character). */
char *text_printable(const char *s, bool ascii);
/* Writes s padded with spaces to width columns (counted in characters). */
void fput_padded(FILE *out, const char *s, int width, bool right);

/* ISO 8601 UTC "2026-11-26T15:04:05Z". */
void time_iso_now(char out[21]);

/* Login name of the real user, from the password database, never from the
 * environment. */
const char *os_user(void);

/* Reads a whole file of at most max bytes. On failure returns NULL and sets
 * errno; *too_big is set when the file exceeds max. */
char *file_read(const char *path, size_t max, size_t *len, bool *too_big);

/* Rounds half away from zero to two decimals (1.125 -> 1.13). */
double round2(double x);

#endif
