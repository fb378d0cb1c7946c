/* Finding text the way people type it and ordering names the way they read
 * them, without curses: a match that ignores case and the accents of Latin
 * letters ("zurich" finds "Zürich", "é" finds "É"), and a comparison that
 * follows the user's locale (strcoll) with a stable fallback. */
#ifndef MLMAT_FIND_H
#define MLMAT_FIND_H

#include <stdbool.h>

/* The text folded for matching: lower case, the accents of Latin letters
 * and combining marks dropped, ligatures spelled out ("ß" -> "ss", "Æ" ->
 * "ae"), tabs and no-break spaces as spaces; other characters as they are
 * (invalid bytes too). Caller frees. */
char *find_fold(const char *s);
/* True when text contains folded (a find_fold result); an empty folded is
 * in every text, and a NULL text holds nothing but it. */
bool find_in(const char *text, const char *folded);
/* find_in with the needle folded here. */
bool find_match(const char *text, const char *needle);
/* Orders two names for a list: by the locale's collation when it sorts
 * letters as people do (strcoll puts "a" before "B"), otherwise (C and
 * C.UTF-8 order by code point) by the folded names; then by the folded
 * names, then byte order, so only equal strings compare equal. <0, 0, >0
 * like strcmp. */
int find_collate(const char *a, const char *b);

#endif
