/* Where themes are found: a theme NAME is NAME.yaml in the user's, then the
 * installed, then (in a build made with MLMAT_SRCDIR) the source tree's
 * themes folder (CONTRACT section 1). */
#ifndef MLMAT_THEME_DIRS_H
#define MLMAT_THEME_DIRS_H

#include <stdio.h>

/* NAME -> NAME.yaml in the user's, then the installed, then (MLMAT_SRCDIR)
 * the source tree's themes folder; anything with a '/' or ending in .yaml is a path.
 * Returns a path to free, or NULL (and "default" is the built-in). */
char *theme_find(const char *name);
/* Lists the themes found, the built-in first. */
void theme_list(FILE *out);

#endif
