/* What a list or grid has out of its window, said on the window's bottom
 * border: how many rows are above and below ("+11 more"), which columns
 * show ("dimensions 1-8 of 19"), and the keys that bring the rest. The
 * arithmetic of scrolling is layout_scroll_* (layout.h). */
#ifndef MLMAT_SCROLL_H
#define MLMAT_SCROLL_H

#include "ui.h"

#include <stddef.h>

/* " 3 above, +11 more KEYS " at the right of the bottom border of w when
 * rows top..top+shown-1 of n show; nothing when all show. Returns the
 * columns it took. */
int scroll_mark_rows(WINDOW *w, size_t top, size_t shown, size_t n, const char *keys);
/* " WHAT a-b of n KEYS " at the left of the bottom border of w, in the
 * columns that `right` (what scroll_mark_rows took) leaves; nothing when
 * all n columns show. */
int scroll_mark_cols(WINDOW *w, const char *what, size_t first, size_t shown, size_t n,
		     const char *keys, int right);

#endif
