/* What mlmat asks of the operating system: the time, the user, files. */
#ifndef MLMAT_OSUTIL_H
#define MLMAT_OSUTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

/* ISO 8601 UTC "2026-11-26T15:04:05Z". */
void time_iso_now(char out[21]);
/* Milliseconds on the monotonic clock (for intervals, not dates). */
int64_t os_monotonic_ms(void);

/* Login name of the real user, from the password database, never from the
 * environment. */
const char *os_user(void);

/* Reads a whole file of at most max bytes. On failure returns NULL and sets
 * errno; *too_big is set when the file exceeds max. */
char *file_read(const char *path, size_t max, size_t *len, bool *too_big);
/* Like file_read, for files that must be regular files (models, themes): a
 * FIFO, a device or a directory is refused at once, never waited on. On
 * failure *why is the reason ("is a FIFO", "is a device", "is a directory",
 * or strerror's) unless *too_big is set. */
char *file_read_regular(const char *path, size_t max, size_t *len, bool *too_big,
			const char **why);
/* NULL for a regular file; otherwise why a file of that st_mode is refused:
 * "is a directory", "is a FIFO", "is a device", "is a socket". */
const char *file_kind_refusal(unsigned mode);

/* A temporary file that a signal must not leave behind (export -o). While
 * armed, SIGINT, SIGTERM, SIGHUP and SIGPIPE remove path and then take the
 * action they had before: a signal that killed the process still kills it,
 * one that was ignored stays ignored, and one the program handles (the
 * dashboard's) is handed on, with os_interrupted() true so that the writer
 * stops and removes the file itself. Block those signals around creating
 * the file and arming, so none falls in between. Arm returns false when the
 * path is too long to keep (nothing is armed then). */
void os_cleanup_block(bool block);
bool os_cleanup_arm(const char *path);
void os_cleanup_disarm(void);
bool os_interrupted(void);

#endif
