/* Mouse reports and hit testing: see mouse.h. */
#include "mouse.h"

#include <limits.h>

/* A decimal number up to the next separator; false when there is none. */
static bool number(const char **p, const char *end, int *out)
{
	long v = 0;

	if (*p == end || **p < '0' || **p > '9')
		return false;
	for (; *p < end && **p >= '0' && **p <= '9'; (*p)++)
		if ((v = v * 10 + (**p - '0')) > INT_MAX / 16)
			return false;
	*out = (int)v;
	return true;
}

bool mouse_sgr_parse(const char *s, size_t len, struct mouse_event *ev)
{
	const char *p = s, *end = s + len;
	int b, x, y;
	char final;

	*ev = (struct mouse_event){ MOUSE_NONE, 0, 0, false };
	if (!number(&p, end, &b) || p == end || *p++ != ';' || !number(&p, end, &x) ||
	    p == end || *p++ != ';' || !number(&p, end, &y) || p + 1 != end)
		return false;
	final = *p;
	if ((final != 'M' && final != 'm') || x < 1 || y < 1)
		return false;
	ev->x = x - 1;
	ev->y = y - 1;
	/* b: the button in its low two bits, 4/8/16 Shift/Meta/Control, 32
	 * motion, 64 the wheel. Only presses count; modifiers do not matter. */
	if (final == 'M' && !(b & 32)) {
		if (b & 64)
			ev->kind = (b & 3) == 0 ? MOUSE_WHEEL_UP : (b & 3) == 1 ? MOUSE_WHEEL_DOWN : MOUSE_NONE;
		else if ((b & 3) == 0)
			ev->kind = MOUSE_CLICK;
	}
	return true;
}

void mouse_note_click(struct mouse_clicks *c, struct mouse_event *ev, int64_t now_ms)
{
	if (ev->kind != MOUSE_CLICK)
		return;
	ev->twice = c->at_ms && c->y == ev->y && c->x == ev->x && now_ms - c->at_ms < MOUSE_DOUBLE_MS;
	*c = ev->twice ? (struct mouse_clicks){ 0, 0, 0 } : (struct mouse_clicks){ ev->y, ev->x, now_ms };
}

bool mouse_in(const struct rect *r, int y, int x)
{
	return y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w;
}

long mouse_list_row(const struct rect *r, int row0, int rows, size_t top, size_t n, int y, int x)
{
	int row = y - r->y - row0;

	if (!mouse_in(r, y, x) || x == r->x || x == r->x + r->w - 1 || row < 0 || row >= rows)
		return -1;
	return top + (size_t)row < n ? (long)(top + (size_t)row) : -1;
}

size_t mouse_wheel_move(const struct mouse_event *ev, size_t sel, size_t n)
{
	if (n == 0)
		return 0;
	if (ev->kind == MOUSE_WHEEL_UP)
		return sel > MOUSE_WHEEL_ROWS ? sel - MOUSE_WHEEL_ROWS : 0;
	if (ev->kind == MOUSE_WHEEL_DOWN)
		return sel + MOUSE_WHEEL_ROWS < n ? sel + MOUSE_WHEEL_ROWS : n - 1;
	return sel < n ? sel : n - 1;
}
