/* Strings copied into blocks that are freed together: one allocation per
 * few thousand short strings instead of one each, and a string never
 * moves once copied. */
#ifndef MLMAT_ARENA_H
#define MLMAT_ARENA_H
#include <stddef.h>

struct arena;

/* A copy of the n bytes at s, with a NUL after them, in *a (a new arena
 * when *a is NULL). */
char *arena_strndup(struct arena **a, const char *s, size_t n);
void arena_free(struct arena *a);
#endif
