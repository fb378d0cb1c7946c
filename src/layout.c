#include "layout.h"

#include <string.h>

static struct rect R(int y, int x, int h, int w)
{
	struct rect r = { y, x, h > 0 ? h : 0, w > 0 ? w : 0 };

	return r;
}

static bool frame(int lines, int cols, struct layout *l)
{
	memset(l, 0, sizeof *l);
	if (lines < LAYOUT_MIN_LINES || cols < LAYOUT_MIN_COLS) {
		l->too_small = true;
		return false;
	}
	l->wide = cols >= LAYOUT_WIDE_COLS;
	l->header = R(0, 0, 1, cols);
	l->status = R(lines - 1, 0, 1, cols);
	return true;
}

/* Wide: main on the left; on the right progress and heatmap side by side
 * above the roadmap. */
static void wide(int lines, int cols, int main_w, int ndims, struct layout *l)
{
	int body = lines - 2, right = cols - main_w, top = ndims + 5;

	if (top > body * 3 / 5)
		top = body * 3 / 5;
	if (top < 8)
		top = 8;
	int half = right / 2;

	l->main = R(1, 0, body, main_w);
	l->pane[PANE_PROGRESS] = R(1, main_w, top, half);
	l->pane[PANE_HEATMAP] = R(1, main_w + half, top, right - half);
	l->pane[PANE_ROADMAP] = R(1 + top, main_w, body - top, right);
}

/* Narrow: main on top, one pane below it (chosen with a key); on tall
 * terminals all three stack. */
static void narrow(int lines, int cols, int shown, int main_min, int ndims, struct layout *l)
{
	int body = lines - 2;

	/* Stack all three only when each shows every dimension. */
	if (body >= main_min + 3 * (ndims + 3)) {
		int each = (body - main_min) / 3;

		l->main = R(1, 0, body - 3 * each, cols);
		for (int p = 0; p < PANE_COUNT; p++)
			l->pane[p] = R(1 + l->main.h + p * each, 0, each, cols);
		return;
	}
	if (shown < 0 || shown >= PANE_COUNT) {
		l->main = R(1, 0, body, cols);
		return;
	}
	l->main = R(1, 0, body / 2, cols);
	l->pane[shown] = R(1 + body / 2, 0, body - body / 2, cols);
}

void layout_home(int lines, int cols, int shown, int ndims, struct layout *l)
{
	if (!frame(lines, cols, l))
		return;
	if (l->wide)
		wide(lines, cols, cols / 3 < 50 ? 50 : cols / 3, ndims, l);
	else
		narrow(lines, cols, shown < 0 ? PANE_PROGRESS : shown, 12, ndims, l);
}

void layout_assess(int lines, int cols, int shown, int ndims, struct layout *l)
{
	if (!frame(lines, cols, l))
		return;
	if (l->wide)
		wide(lines, cols, cols / 2, ndims, l);
	else
		narrow(lines, cols, shown, 16, ndims, l);
}

int layout_label_width(int inner)
{
	int w = inner / 3;

	return w > 22 ? 22 : w < 8 ? 8 : w;
}

size_t layout_scroll_clamp(size_t top, size_t n, size_t shown)
{
	if (shown == 0)
		shown = 1;
	return n <= shown ? 0 : top > n - shown ? n - shown : top;
}

size_t layout_scroll_follow(size_t top, size_t sel, size_t n, size_t shown)
{
	if (shown == 0)
		shown = 1;
	if (sel < top)
		top = sel;
	else if (sel >= top + shown)
		top = sel - shown + 1;
	return layout_scroll_clamp(top, n, shown);
}

size_t layout_scroll_page(size_t top, long pages, size_t n, size_t shown)
{
	size_t step = shown ? shown : 1;

	if (pages < 0)
		top = top > (size_t)-pages * step ? top - (size_t)-pages * step : 0;
	else
		top += (size_t)pages * step;
	return layout_scroll_clamp(top, n, shown);
}

bool layout_contains(const struct rect *o, const struct rect *i)
{
	return i->y >= o->y && i->x >= o->x && i->y + i->h <= o->y + o->h &&
	       i->x + i->w <= o->x + o->w;
}

bool layout_overlap(const struct rect *a, const struct rect *b)
{
	if (a->h == 0 || a->w == 0 || b->h == 0 || b->w == 0)
		return false;
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
	       b->y < a->y + a->h;
}

void layout_review(int lines, int cols, int ndims, bool show_change, struct review_layout *l)
{
	struct layout f;
	int body, top;

	memset(l, 0, sizeof *l);
	if (!frame(lines, cols, &f)) {
		l->too_small = true;
		return;
	}
	l->wide = f.wide;
	l->header = f.header;
	l->status = f.status;
	body = lines - 2;
	top = ndims + 4;
	if (top > body / 2)
		top = body / 2;
	if (l->wide) {
		/* Side by side, the change list needs the height more than the
		 * heatmap does. */
		top = body / 2 > ndims + 4 ? body / 2 : top;
		l->heat = R(1, 0, top, cols / 2);
		l->change = R(1, cols / 2, top, cols - cols / 2);
		l->figures = R(1 + top, 0, 2, cols);
		l->table = R(3 + top, 0, body - top - 2, cols);
		return;
	}
	l->heat = R(1, 0, top, cols);
	l->figures = R(1 + top, 0, 2, cols);
	if (show_change)
		l->change = R(3 + top, 0, body - top - 2, cols);
	else
		l->table = R(3 + top, 0, body - top - 2, cols);
}

void layout_org(int lines, int cols, struct layout *l)
{
	if (!frame(lines, cols, l))
		return;
	l->main = R(1, 0, lines - 2, cols);
}

void layout_org_columns(int width, int ndims, struct org_columns *c)
{
	int iw = width - 2, room;

	c->name = 2;
	c->nw = iw - ndims * 7 - ORG_FIXED_W;
	c->nw = c->nw > 30 ? 30 : c->nw < 12 ? 12 : c->nw;
	room = iw - c->nw - ORG_FIXED_W;
	if (room < 0)
		room = 0;
	/* Wider columns, and more of each dimension's name, when there is room. */
	c->cw = ndims > 0 && room / ndims > 7 ? room / ndims : 7;
	if (c->cw > 14)
		c->cw = 14;
	c->ncols = room / c->cw;
	if (c->ncols > ndims)
		c->ncols = ndims;
	c->dims = c->name + c->nw;
	c->overall = c->dims + c->ncols * c->cw;
	c->coverage = c->overall + 8;
	c->change = c->coverage + 5;
}
