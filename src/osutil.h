/* What mlmat asks of the operating system: the time, the user, files. */
#ifndef MLMAT_OSUTIL_H
#define MLMAT_OSUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* ISO 8601 UTC "2026-11-26T15:04:05Z". */
void time_iso_now(char out[21]);

/* Login name of the real user, from the password database, never from the
 * environment. */
const char *os_user(void);

/* Reads a whole file of at most max bytes. On failure returns NULL and sets
 * errno; *too_big is set when the file exceeds max. */
char *file_read(const char *path, size_t max, size_t *len, bool *too_big);

#endif
