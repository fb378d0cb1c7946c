#include "scroll.h"

#include <stdio.h>

int scroll_mark_rows(WINDOW *w, size_t top, size_t shown, size_t n, const char *keys)
{
	int iw = getmaxx(w) - 2, tw;
	char buf[96];

	if (top + shown >= n && top == 0)
		return 0;
	if (top && top + shown < n)
		snprintf(buf, sizeof buf, " %zu above, +%zu more %s ", top, n - top - shown, keys);
	else if (top)
		snprintf(buf, sizeof buf, " %zu above %s ", top, keys);
	else
		snprintf(buf, sizeof buf, " +%zu more %s ", n - top - shown, keys);
	tw = ui_width(buf);
	if (tw > iw - 2)
		tw = iw - 2;
	return ui_text(w, getmaxy(w) - 1, iw - tw, buf, tw, ui_attr(ROLE_MUTED));
}

int scroll_mark_cols(WINDOW *w, const char *what, size_t first, size_t shown, size_t n,
		     const char *keys, int right)
{
	int room = getmaxx(w) - 4 - right - 1;
	size_t last = first + shown < n ? first + shown : n;
	char buf[96];

	if (first == 0 && last >= n)
		return 0;
	snprintf(buf, sizeof buf, " %s %zu-%zu of %zu %s ", what, first + 1, last, n, keys);
	return ui_text(w, getmaxy(w) - 1, 2, buf, room, ui_attr(ROLE_MUTED));
}
