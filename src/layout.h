/* Screen layout as plain arithmetic on the terminal size, so it can be
 * tested without a terminal. */
#ifndef MLMAT_LAYOUT_H
#define MLMAT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#define LAYOUT_MIN_COLS 80
#define LAYOUT_MIN_LINES 24
#define LAYOUT_WIDE_COLS 120

struct rect {
	int y, x, h, w;
};

enum pane_id { PANE_PROGRESS, PANE_HEATMAP, PANE_ROADMAP, PANE_COUNT };

struct layout {
	bool too_small;
	bool wide;              /* panes side by side */
	struct rect header, status, main;   /* main: team list or dimension detail */
	struct rect pane[PANE_COUNT];       /* h == 0 when not shown */
};

/* Home: the team list and the selected team's panes. Assessment: the
 * dimension and the panes. On narrow terminals the panes share one slot and
 * `shown` (a pane id, or -1 for the main view alone where space is short)
 * says which is visible. ndims sizes the progress and heatmap panes. */
void layout_home(int lines, int cols, int shown, int ndims, struct layout *l);
void layout_assess(int lines, int cols, int shown, int ndims, struct layout *l);
/* Quarterly review: the heatmap and the change between two periods side by
 * side (or, narrow, the heatmap above one of change and roadmap), a line of
 * progress figures, and the roadmap table. */
struct review_layout {
	bool too_small, wide;
	struct rect header, status, heat, change, figures, table;
};
void layout_review(int lines, int cols, int ndims, bool show_change, struct review_layout *l);
/* Organisation view: one grid. */
void layout_org(int lines, int cols, struct layout *l);
/* The grid's columns in a window width columns wide (x from its left
 * edge): the team names, ncols of ndims dimension columns cw wide from
 * dims, then overall, coverage and change, which are always there. */
struct org_columns {
	int name, nw, dims, cw, ncols, overall, coverage, change;
};
#define ORG_FIXED_W 20  /* overall 8, coverage 5, change 7 */
void layout_org_columns(int width, int ndims, struct org_columns *c);

/* The width of dimension names in a pane inner columns wide: a third of
 * it, from 8 to 22 columns. */
int layout_label_width(int inner);

/* Scrolling n rows (or columns) in a window that shows `shown` of them
 * from `top`: top kept in range, so the window stays full when it can. */
size_t layout_scroll_clamp(size_t top, size_t n, size_t shown);
/* top moved just enough that row sel is in view, then clamped. */
size_t layout_scroll_follow(size_t top, size_t sel, size_t n, size_t shown);
/* top moved by pages (negative: back) of shown rows, then clamped. */
size_t layout_scroll_page(size_t top, long pages, size_t n, size_t shown);

bool layout_contains(const struct rect *outer, const struct rect *inner);
bool layout_overlap(const struct rect *a, const struct rect *b);

#endif
