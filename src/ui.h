/* Drawing primitives for the dashboard: colour roles with a monochrome
 * attribute each, UTF-8 or ASCII glyphs, and text that is clipped by display
 * width and never sends a control character to the terminal. */
#ifndef MLMAT_UI_H
#define MLMAT_UI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "layout.h"
#include "score.h"
#include "theme.h"

struct glyphs {
	const char *bar_full;
	const char *const *eighths;  /* 8 entries: 0/8 .. 7/8, NULL when none */
	const char *const *spark;    /* 8 entries, lowest to highest */
	const char *const *shade;    /* 5 entries, lightest to darkest */
	const char *target, *ellipsis, *up, *down, *same, *bullet, *hline;
	const char *signed_off;      /* marks a signed-off assessment */
};

struct ui {
	bool color, ascii;
	bool acs;               /* ascii mode in a non-UTF-8 locale: ACS lines */
	const struct glyphs *g;
};

extern struct ui ui;

/* After initscr: decides colour and glyphs, sets up the colour pairs. */
void ui_setup(const struct theme *t, bool want_color, bool ascii);
attr_t ui_attr(enum role r);
/* The emphasis to add to role r's text: A_BOLD, or A_UNDERLINE where the
 * role's colour is a basic one that a terminal drawing bold as bright would
 * make unreadable (black on white turning grey). */
attr_t ui_bold(enum role r);
/* Sets up a new window: plain text as its background. */
void ui_window(WINDOW *w);
/* Keeps one window per rectangle: returns old when it still covers r,
 * else a new one set up with ui_window (NULL for an empty rectangle). */
WINDOW *ui_window_at(WINDOW *old, const struct rect *r);
/* The heat role of a level within lowest..highest, and of a gap. */
enum role ui_heat_role(int level, int lowest, int highest);
/* The colour role of an answer: yes, partly, no, unknown; n/a muted. */
enum role ui_answer_role(enum answer a);
enum role ui_gap_role(double gap, bool has_target);
/* The glyph index 0..4 for mono heat cells. */
int ui_heat_index(int level, int lowest, int highest);

/* How a heatmap colours its cells: by level within lowest..highest, or by
 * the gap to the target. */
struct ui_heat {
	bool by_gap;
	int lowest, highest;
};
/* One heatmap cell of width columns, the one rule of every heatmap and
 * grid: '-' without a level (level < 0), else the score (and suffix) in
 * the role of its level or gap. */
void ui_heat_cell(WINDOW *w, int y, int x, int width, const struct ui_heat *h, int level,
		  double score, double gap, bool has_target, const char *suffix);

/* Display width of s in columns, cluster by cluster as ui_text draws it
 * (text_cluster: control and invalid bytes and unsure emoji count 1). */
int ui_width(const char *s);
/* Draws s on one line at y, x in at most maxw columns (an ellipsis marks a
 * cut): tabs and line ends as spaces, other controls as '?', emoji whose
 * width terminals disagree on as U+FFFD; returns the columns used. */
int ui_text(WINDOW *w, int y, int x, const char *s, int maxw, attr_t a);
/* Fills the rest of the line from x with spaces in attribute a. */
void ui_fill(WINDOW *w, int y, int x, int to, attr_t a);
/* Splits s into lines of at most width columns at spaces; returns the
 * number of lines and their byte ranges in starts/lens (up to max). */
int ui_wrap(const char *s, int width, size_t *starts, size_t *lens, int max);
/* A horizontal bar of value in [0, 1] over width columns. */
void ui_bar(WINDOW *w, int y, int x, int width, double value, attr_t a);
/* A sparkline of values scaled between lo and hi. */
void ui_spark(WINDOW *w, int y, int x, const double *v, int n, double lo, double hi, attr_t a);
/* A horizontal line of n cells. */
void ui_hline(WINDOW *w, int y, int x, int n);
/* A box with a title, in the border role. */
void ui_box(WINDOW *w, const char *title, bool focused);
/* A box's title in buf: kind, then " - " and name (NULL: kind alone),
 * the name cut so that the title fits ui_box's room in w. */
void ui_title_of(char *buf, size_t n, const char *kind, const char *name, WINDOW *w);

#endif
