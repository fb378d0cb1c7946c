/* Team names that are probably the same team mistyped: the new-assessment
 * form warns before a typo becomes a team of its own. */
#ifndef MLMAT_NAMES_H
#define MLMAT_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* The name folded for comparison like a search (find_fold), without its
 * spaces: lower case, without the accents of Latin letters ("Zoë Ng" ->
 * "zoeng"). Caller frees. */
char *name_fold(const char *name);
/* The edit distance (insertions, deletions, substitutions of characters)
 * between two UTF-8 texts, counted up to limit + 1. */
size_t name_distance(const char *a, const char *b, size_t limit);
/* True when typed and existing differ but look like one team: equal once
 * folded, or folded within an edit distance of 1 or 2 (names of 3 folded
 * characters or more; shorter ones only when equal). */
bool name_close(const char *typed, const char *existing);

#endif
