/* RFC 4180 CSV writing (CONTRACT section 4): comma, CRLF, quoting when a
 * field holds a comma, quote, CR or LF, the formula-injection prefix, and
 * U+FFFD in place of control characters and invalid UTF-8. */
#ifndef MLMAT_CSV_H
#define MLMAT_CSV_H

#include <stdbool.h>
#include <stdio.h>

#define CSV_BUF 65536

/* Rows collect in buf and go to out in large writes (csv_flush, or when
 * the buffer fills): a check of ferror(out) sees only what was flushed. */
struct csv {
	FILE *out;
	bool first;     /* no field written yet on this row */
	size_t len;     /* bytes waiting in buf */
	char buf[CSV_BUF];
};

void csv_init(struct csv *c, FILE *out);
/* Writes what waits in the buffer to out; false on a write error. */
bool csv_flush(struct csv *c);
/* Bytes written as they are (a header line). */
void csv_put(struct csv *c, const char *s, size_t n);
/* A text field: a control character other than LF (and CR in a CR LF pair)
 * and invalid UTF-8 become U+FFFD; prefixed with ' when it then begins with
 * = + - @ or CR. */
void csv_text(struct csv *c, const char *s);
/* A field written as is (numbers, ids of our own making); NULL is empty. */
void csv_raw(struct csv *c, const char *s);
void csv_int(struct csv *c, long long v);
/* Two decimals, dot separator. */
void csv_fixed2(struct csv *c, double v);
void csv_empty(struct csv *c);
void csv_end_row(struct csv *c);
/* Writes one text field, escaped by the rules above, into buf; returns the
 * length it needs, like snprintf. csv_text writes through it. */
size_t csv_escape(const char *s, char *buf, size_t size);

#endif
