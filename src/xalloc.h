/* Allocation that cannot fail quietly: out of memory ends the program with
 * a message, so callers never test for NULL. */
#ifndef MLMAT_XALLOC_H
#define MLMAT_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grows an array of elements of size bytes so it holds at least need of
 * them, doubling its capacity *cap (from at least 8); returns the array. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);

#endif
