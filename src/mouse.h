/* Mouse input as plain arithmetic, without curses: the xterm SGR 1006
 * reports a terminal sends (ESC [ < b ; x ; y M), double-clicks, and which
 * row of a list a click falls on. The dashboard turns the terminal's mouse
 * mode on and off and reads the bytes (src/app.c); the screens hit-test
 * their own lists with mouse_list_row. */
#ifndef MLMAT_MOUSE_H
#define MLMAT_MOUSE_H

#include "layout.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MOUSE_DOUBLE_MS 400     /* a second press on the same cell within: a double-click */
#define MOUSE_WHEEL_ROWS 3      /* rows one step of the wheel moves a list */
#define MOUSE_REPORT_MAX 32     /* bytes of "b;x;yM" a report can take */

enum mouse_kind {
	MOUSE_NONE,             /* a release, a motion, another button: ignored */
	MOUSE_CLICK,            /* the left button pressed */
	MOUSE_WHEEL_UP,
	MOUSE_WHEEL_DOWN,
};

struct mouse_event {
	enum mouse_kind kind;
	int y, x;               /* the screen cell, from 0 */
	bool twice;             /* a click: the second of a double-click */
};

/* What a report says, from the text after "ESC [ <" up to and including
 * its final M (press) or m (release), len bytes. False when it is not a
 * whole report. */
bool mouse_sgr_parse(const char *s, size_t len, struct mouse_event *ev);

/* The last click, for telling double-clicks. */
struct mouse_clicks {
	int y, x;
	int64_t at_ms;          /* 0: none yet */
};
/* Marks ev (a click at now_ms) as the second of a double-click when the
 * last click was on the same cell less than MOUSE_DOUBLE_MS before; a
 * third click starts over. */
void mouse_note_click(struct mouse_clicks *c, struct mouse_event *ev, int64_t now_ms);

/* The item of a list under screen cell (y, x), or -1: the list is drawn in
 * the window at r, its items one a row from window row row0 for rows rows
 * (columns 1 to r->w - 2, inside the border), item top first, n items. */
long mouse_list_row(const struct rect *r, int row0, int rows, size_t top, size_t n, int y, int x);
/* True when screen cell (y, x) is inside r. */
bool mouse_in(const struct rect *r, int y, int x);
/* The list position a wheel step gives: sel moved MOUSE_WHEEL_ROWS down
 * (or up) and kept inside n items. */
size_t mouse_wheel_move(const struct mouse_event *ev, size_t sel, size_t n);

#endif
