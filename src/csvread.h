/* RFC 4180 CSV reading, for `mlmat import`: comma separator, CRLF or LF
 * line ends, quoted fields with doubled quotes and embedded line ends, an
 * optional UTF-8 byte order mark first, and text that must be UTF-8. The
 * reader works on a buffer the caller holds for its whole life. */
#ifndef MLMAT_CSVREAD_H
#define MLMAT_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>

struct csvread;

/* A reader of buf (len bytes), which must outlive it; a BOM is skipped. */
struct csvread *csvread_new(const char *buf, size_t len);
void csvread_free(struct csvread *r);

/* The next record, skipping empty lines: 1 with its n fields (valid until
 * the next call) and the line it starts on, 0 at the end, -1 for a
 * malformed record, with *why saying what is wrong; reading then goes on
 * at the next line. */
int csvread_next(struct csvread *r, char ***fields, size_t *n, size_t *line, const char **why);

/* Takes off the formula guard the export adds (CONTRACT section 4): a
 * leading ' before = + - @ TAB or CR. In place. */
void csvread_unguard(char *field);

#endif
