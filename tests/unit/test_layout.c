/* The dashboard layout (src/layout.c) as plain arithmetic: for each terminal
 * size and each choice of pane, the rectangles of the home and assessment
 * screens. No curses here; test_screens checks that the screens draw where
 * these rectangles say. */
#include "testutil.h"

#include "layout.h"

#define NDIMS 8 /* the built-in model */

struct size {
	int cols, lines;
};

static const struct size fits[] = {
	{ 80, 24 }, { 100, 30 }, { 120, 40 }, { 160, 50 }, { 200, 60 },
	{ 119, 24 }, { 120, 24 }, { 80, 60 }, { 300, 100 },
};
static const struct size small[] = {
	{ 79, 24 }, { 80, 23 }, { 60, 20 }, { 10, 5 }, { 0, 0 }, { 79, 100 }, { 300, 23 },
};
#define NFITS (sizeof fits / sizeof fits[0])
#define NSMALL (sizeof small / sizeof small[0])

typedef void (*layout_fn)(int lines, int cols, int shown, int ndims, struct layout *l);

static const char *const pane_name[PANE_COUNT] = { "progress", "heatmap", "roadmap" };

static bool shown_rect(const struct rect *r)
{
	return r->h > 0 && r->w > 0;
}

static void rect_eq(const struct rect *r, int y, int x, int h, int w, const char *what)
{
	if (r->y != y || r->x != x || r->h != h || r->w != w)
		fail_msg("%s is y=%d x=%d h=%d w=%d, expected y=%d x=%d h=%d w=%d", what, r->y,
			 r->x, r->h, r->w, y, x, h, w);
}

/* Everything a layout of a terminal at least 80x24 must hold: the header on
 * row 0, the status on the last row, main and the shown panes inside the
 * body, none overlapping, and together filling the body. */
static void check_frame(const struct layout *l, int lines, int cols, const char *what)
{
	struct rect body = { 1, 0, lines - 2, cols };
	struct rect screen = { 0, 0, lines, cols };
	const struct rect *shown[2 + 1 + PANE_COUNT];
	int n = 0;
	long area = 0;

	if (l->too_small)
		fail_msg("%s at %dx%d: too_small set", what, cols, lines);
	if (l->wide != (cols >= LAYOUT_WIDE_COLS))
		fail_msg("%s at %dx%d: wide is %d", what, cols, lines, l->wide);
	rect_eq(&l->header, 0, 0, 1, cols, "header");
	rect_eq(&l->status, lines - 1, 0, 1, cols, "status");
	if (!shown_rect(&l->main))
		fail_msg("%s at %dx%d: main is %dx%d", what, cols, lines, l->main.w, l->main.h);
	if (!layout_contains(&body, &l->main))
		fail_msg("%s at %dx%d: main (%d,%d %dx%d) leaves the body", what, cols, lines,
			 l->main.y, l->main.x, l->main.w, l->main.h);
	shown[n++] = &l->header;
	shown[n++] = &l->status;
	shown[n++] = &l->main;
	area += (long)l->main.h * l->main.w;
	for (int p = 0; p < PANE_COUNT; p++) {
		const struct rect *r = &l->pane[p];

		if (r->h == 0 && r->w == 0)
			continue;
		if (!shown_rect(r))
			fail_msg("%s at %dx%d: %s pane is %dx%d", what, cols, lines, pane_name[p],
				 r->w, r->h);
		if (!layout_contains(&body, r))
			fail_msg("%s at %dx%d: %s pane (%d,%d %dx%d) leaves the body", what, cols,
				 lines, pane_name[p], r->y, r->x, r->w, r->h);
		shown[n++] = r;
		area += (long)r->h * r->w;
	}
	for (int i = 0; i < n; i++) {
		if (!layout_contains(&screen, shown[i]))
			fail_msg("%s at %dx%d: rect %d leaves the screen", what, cols, lines, i);
		for (int j = i + 1; j < n; j++)
			if (layout_overlap(shown[i], shown[j]))
				fail_msg("%s at %dx%d: rects %d and %d overlap", what, cols, lines, i, j);
	}
	/* Inside the body and disjoint, so equal areas mean no row is wasted. */
	if (area != (long)body.h * body.w)
		fail_msg("%s at %dx%d: main and panes cover %ld of %ld body cells", what, cols,
			 lines, area, (long)body.h * body.w);
}

static int count_panes(const struct layout *l)
{
	int n = 0;

	for (int p = 0; p < PANE_COUNT; p++)
		n += shown_rect(&l->pane[p]);
	return n;
}

/* ---- layout_contains and layout_overlap ---- */

static void test_contains(void **state)
{
	struct rect o = { 1, 0, 22, 80 };
	struct rect same = o, in = { 2, 5, 3, 10 }, corner = { 22, 79, 1, 1 };
	struct rect below = { 23, 0, 1, 80 }, left = { 1, -1, 2, 2 }, wide = { 1, 0, 1, 81 };

	(void)state;
	assert_true(layout_contains(&o, &same));
	assert_true(layout_contains(&o, &in));
	assert_true(layout_contains(&o, &corner));
	assert_false(layout_contains(&o, &below));
	assert_false(layout_contains(&o, &left));
	assert_false(layout_contains(&o, &wide));
}

static void test_overlap(void **state)
{
	struct rect a = { 1, 0, 10, 40 }, right = { 1, 40, 10, 40 }, under = { 11, 0, 5, 40 };
	struct rect cross = { 10, 39, 2, 2 }, inside = { 2, 2, 1, 1 }, empty = { 2, 2, 0, 0 };
	struct rect flat = { 2, 2, 0, 10 };

	(void)state;
	assert_false(layout_overlap(&a, &right)); /* edges touch */
	assert_false(layout_overlap(&right, &a));
	assert_false(layout_overlap(&a, &under));
	assert_true(layout_overlap(&a, &cross));
	assert_true(layout_overlap(&cross, &a));
	assert_true(layout_overlap(&a, &inside));
	assert_true(layout_overlap(&a, &a));
	assert_false(layout_overlap(&a, &empty)); /* a hidden pane overlaps nothing */
	assert_false(layout_overlap(&flat, &a));
}

/* ---- too small ---- */

static void check_too_small(layout_fn fn, const char *what)
{
	for (size_t i = 0; i < NSMALL; i++)
		for (int shown = -1; shown < PANE_COUNT; shown++) {
			struct layout l;

			memset(&l, 0x5A, sizeof l);
			fn(small[i].lines, small[i].cols, shown, NDIMS, &l);
			if (!l.too_small)
				fail_msg("%s at %dx%d: too_small not set", what, small[i].cols,
					 small[i].lines);
			/* Nothing to draw into. */
			assert_false(shown_rect(&l.main));
			for (int p = 0; p < PANE_COUNT; p++)
				assert_false(shown_rect(&l.pane[p]));
		}
}

static void test_home_too_small(void **state)
{
	(void)state;
	check_too_small(layout_home, "home");
}

static void test_assess_too_small(void **state)
{
	(void)state;
	check_too_small(layout_assess, "assess");
}

static void test_minimum_fits(void **state)
{
	struct layout l;

	(void)state;
	layout_home(LAYOUT_MIN_LINES, LAYOUT_MIN_COLS, 0, NDIMS, &l);
	assert_false(l.too_small);
	layout_assess(LAYOUT_MIN_LINES, LAYOUT_MIN_COLS, -1, NDIMS, &l);
	assert_false(l.too_small);
	assert_int_equal(LAYOUT_MIN_COLS, 80);
	assert_int_equal(LAYOUT_MIN_LINES, 24);
	assert_int_equal(LAYOUT_WIDE_COLS, 120);
}

/* ---- every size that fits ---- */

static void check_all_sizes(layout_fn fn, const char *what)
{
	for (size_t i = 0; i < NFITS; i++)
		for (int shown = -1; shown < PANE_COUNT; shown++) {
			struct layout l;

			memset(&l, 0x5A, sizeof l);
			fn(fits[i].lines, fits[i].cols, shown, NDIMS, &l);
			check_frame(&l, fits[i].lines, fits[i].cols, what);
		}
}

static void test_home_frames(void **state)
{
	(void)state;
	check_all_sizes(layout_home, "home");
}

static void test_assess_frames(void **state)
{
	(void)state;
	check_all_sizes(layout_assess, "assess");
}

/* Sizes and pane choices between the minimum and 200x70, one by one. */
static void test_frames_sweep(void **state)
{
	(void)state;
	for (int cols = LAYOUT_MIN_COLS; cols <= 200; cols += 3)
		for (int lines = LAYOUT_MIN_LINES; lines <= 70; lines++)
			for (int shown = -1; shown < PANE_COUNT; shown++) {
				struct layout l;

				layout_home(lines, cols, shown, NDIMS, &l);
				check_frame(&l, lines, cols, "home");
				layout_assess(lines, cols, shown, NDIMS, &l);
				check_frame(&l, lines, cols, "assess");
			}
}

/* ---- wide: the three panes beside main ---- */

/* Progress and heatmap side by side on top, the roadmap under both; main on
 * the left at main_w columns. */
static void check_wide(const struct layout *l, int lines, int cols, int main_w, const char *what)
{
	const struct rect *pr = &l->pane[PANE_PROGRESS], *hm = &l->pane[PANE_HEATMAP];
	const struct rect *rm = &l->pane[PANE_ROADMAP];

	check_frame(l, lines, cols, what);
	assert_true(l->wide);
	assert_int_equal(count_panes(l), 3);
	rect_eq(&l->main, 1, 0, lines - 2, main_w, "main");
	/* side by side */
	assert_int_equal(pr->y, 1);
	assert_int_equal(hm->y, 1);
	assert_int_equal(pr->h, hm->h);
	assert_int_equal(pr->x, main_w);
	assert_int_equal(hm->x, pr->x + pr->w);
	assert_int_equal(hm->x + hm->w, cols);
	assert_true(abs(pr->w - hm->w) <= 1);
	/* the roadmap below both, as wide as both */
	assert_int_equal(rm->y, pr->y + pr->h);
	assert_int_equal(rm->x, main_w);
	assert_int_equal(rm->w, pr->w + hm->w);
	assert_int_equal(rm->y + rm->h, lines - 1);
}

static const struct size wides[] = { { 120, 40 }, { 160, 50 }, { 200, 60 }, { 120, 24 } };

static void test_home_wide(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof wides / sizeof wides[0]; i++) {
		int c = wides[i].cols, n = wides[i].lines;
		int main_w = c / 3 < 50 ? 50 : c / 3;

		for (int shown = -1; shown < PANE_COUNT; shown++) {
			struct layout l;

			layout_home(n, c, shown, NDIMS, &l);
			check_wide(&l, n, c, main_w, "home");
		}
	}
}

static void test_assess_wide(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof wides / sizeof wides[0]; i++) {
		int c = wides[i].cols, n = wides[i].lines;

		for (int shown = -1; shown < PANE_COUNT; shown++) {
			struct layout l;

			layout_assess(n, c, shown, NDIMS, &l);
			check_wide(&l, n, c, c / 2, "assess");
		}
	}
}

/* The exact rectangles at 160x50, as drawn by test_screens. */
static void test_home_160x50_exact(void **state)
{
	struct layout l;

	(void)state;
	layout_home(50, 160, 0, NDIMS, &l);
	rect_eq(&l.main, 1, 0, 48, 53, "main");
	rect_eq(&l.pane[PANE_PROGRESS], 1, 53, NDIMS + 5, 53, "progress");
	rect_eq(&l.pane[PANE_HEATMAP], 1, 106, NDIMS + 5, 54, "heatmap");
	rect_eq(&l.pane[PANE_ROADMAP], 14, 53, 35, 107, "roadmap");
}

static void test_wide_threshold(void **state)
{
	struct layout l;

	(void)state;
	layout_home(40, 119, 0, NDIMS, &l);
	assert_false(l.wide);
	layout_home(40, 120, 0, NDIMS, &l);
	assert_true(l.wide);
	layout_assess(40, 119, 0, NDIMS, &l);
	assert_false(l.wide);
	layout_assess(40, 120, 0, NDIMS, &l);
	assert_true(l.wide);
}

/* The top panes grow with the model but leave the roadmap room. */
static void test_wide_top_bounded(void **state)
{
	struct layout l;

	(void)state;
	layout_home(24, 160, 0, 64, &l);
	check_frame(&l, 24, 160, "home 64 dims");
	assert_true(l.pane[PANE_ROADMAP].h >= 8);
	layout_assess(60, 160, 0, 1, &l);
	check_frame(&l, 60, 160, "assess 1 dim");
	assert_true(l.pane[PANE_PROGRESS].h >= 8);
}

/* ---- narrow: one pane chosen with a key ---- */

static void check_one_pane(const struct layout *l, int lines, int cols, int want,
			   const char *what)
{
	const struct rect *r;

	check_frame(l, lines, cols, what);
	assert_false(l->wide);
	for (int p = 0; p < PANE_COUNT; p++)
		if (shown_rect(&l->pane[p]) != (p == want))
			fail_msg("%s at %dx%d: %s pane %s", what, cols, lines, pane_name[p],
				 p == want ? "hidden" : "shown");
	if (want < 0) {
		rect_eq(&l->main, 1, 0, lines - 2, cols, "main alone");
		return;
	}
	r = &l->pane[want];
	/* main on top, the pane below it, both full width */
	assert_int_equal(l->main.y, 1);
	assert_int_equal(l->main.x, 0);
	assert_int_equal(l->main.w, cols);
	assert_int_equal(r->x, 0);
	assert_int_equal(r->w, cols);
	assert_int_equal(r->y, l->main.y + l->main.h);
	assert_int_equal(r->y + r->h, lines - 1);
}

static void test_home_narrow_shown(void **state)
{
	static const struct size sizes[] = { { 80, 24 }, { 100, 30 }, { 119, 40 } };

	(void)state;
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		for (int shown = -1; shown < PANE_COUNT; shown++) {
			struct layout l;

			layout_home(sizes[i].lines, sizes[i].cols, shown, NDIMS, &l);
			/* Home always shows a pane: -1 falls back to progress. */
			check_one_pane(&l, sizes[i].lines, sizes[i].cols,
				       shown < 0 ? PANE_PROGRESS : shown, "home");
		}
	}
}

static void test_assess_narrow_shown(void **state)
{
	static const struct size sizes[] = { { 80, 24 }, { 100, 30 }, { 119, 40 } };

	(void)state;
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		for (int shown = -1; shown < PANE_COUNT; shown++) {
			struct layout l;

			layout_assess(sizes[i].lines, sizes[i].cols, shown, NDIMS, &l);
			check_one_pane(&l, sizes[i].lines, sizes[i].cols, shown, "assess");
		}
	}
}

static void test_80x24_exact(void **state)
{
	struct layout l;

	(void)state;
	layout_home(24, 80, 1, NDIMS, &l);
	rect_eq(&l.main, 1, 0, 11, 80, "home main");
	rect_eq(&l.pane[PANE_HEATMAP], 12, 0, 11, 80, "home heatmap");
	layout_assess(24, 80, -1, NDIMS, &l);
	rect_eq(&l.main, 1, 0, 22, 80, "assess main");
	layout_assess(24, 80, 2, NDIMS, &l);
	rect_eq(&l.main, 1, 0, 11, 80, "assess main");
	rect_eq(&l.pane[PANE_ROADMAP], 12, 0, 11, 80, "assess roadmap");
}

/* An out-of-range pane id shows none in the assessment and never writes
 * outside the pane array. */
static void test_shown_out_of_range(void **state)
{
	struct layout l;

	(void)state;
	layout_assess(24, 80, PANE_COUNT, NDIMS, &l);
	check_one_pane(&l, 24, 80, -1, "assess");
	layout_assess(24, 80, -7, NDIMS, &l);
	check_one_pane(&l, 24, 80, -1, "assess");
}

/* ---- narrow and tall: the three panes stacked ---- */

static void check_stacked(const struct layout *l, int lines, int cols, int main_min,
			  const char *what)
{
	check_frame(l, lines, cols, what);
	assert_false(l->wide);
	assert_int_equal(count_panes(l), 3);
	assert_int_equal(l->main.y, 1);
	assert_true(l->main.h >= main_min);
	for (int p = 0; p < PANE_COUNT; p++) {
		const struct rect *r = &l->pane[p];
		const struct rect *above = p ? &l->pane[p - 1] : &l->main;

		assert_int_equal(r->x, 0);
		assert_int_equal(r->w, cols);
		assert_int_equal(r->y, above->y + above->h);
		assert_true(r->h >= 10);
	}
	assert_int_equal(l->pane[PANE_ROADMAP].y + l->pane[PANE_ROADMAP].h, lines - 1);
}

static void test_narrow_tall_stacks(void **state)
{
	(void)state;
	for (int shown = -1; shown < PANE_COUNT; shown++) {
		struct layout l;

		layout_home(60, 80, shown, NDIMS, &l);
		check_stacked(&l, 60, 80, 12, "home");
		layout_assess(60, 100, shown, NDIMS, &l);
		check_stacked(&l, 60, 100, 16, "assess");
	}
}

/* The progress pane draws a bar per dimension on rows 1..h-3 (the last
 * inner row holds the overall score) and the heatmap a row per dimension
 * under its period header: each needs ndims + 3 rows to show every
 * dimension. A pane that is shown at all should show them all. */
static void test_panes_fit_every_dimension(void **state)
{
	(void)state;
	for (int cols = LAYOUT_MIN_COLS; cols <= 200; cols += 40)
		for (int lines = LAYOUT_MIN_LINES; lines <= 70; lines++)
			for (int shown = -1; shown < PANE_COUNT; shown++) {
				struct layout h, a;

				layout_home(lines, cols, shown, NDIMS, &h);
				layout_assess(lines, cols, shown, NDIMS, &a);
				for (int p = PANE_PROGRESS; p <= PANE_HEATMAP; p++) {
					if (h.pane[p].h && h.pane[p].h < NDIMS + 3)
						fail_msg("home at %dx%d (shown %d): %s pane has %d rows, "
							 "%d dimensions need %d", cols, lines, shown,
							 pane_name[p], h.pane[p].h, NDIMS, NDIMS + 3);
					if (a.pane[p].h && a.pane[p].h < NDIMS + 3)
						fail_msg("assess at %dx%d (shown %d): %s pane has %d rows, "
							 "%d dimensions need %d", cols, lines, shown,
							 pane_name[p], a.pane[p].h, NDIMS, NDIMS + 3);
				}
			}
}

/* Growing the terminal never takes rows away from main. */
static void test_main_grows_with_width(void **state)
{
	(void)state;
	for (int cols = LAYOUT_MIN_COLS; cols < 300; cols++) {
		struct layout a, b;

		layout_assess(40, cols, -1, NDIMS, &a);
		layout_assess(40, cols + 1, -1, NDIMS, &b);
		if (a.wide == b.wide && b.main.w < a.main.w)
			fail_msg("assess main shrinks from %d to %d columns at %d", a.main.w,
				 b.main.w, cols + 1);
		layout_home(40, cols, 0, NDIMS, &a);
		layout_home(40, cols + 1, 0, NDIMS, &b);
		if (a.wide == b.wide && b.main.w < a.main.w)
			fail_msg("home main shrinks from %d to %d columns at %d", a.main.w,
				 b.main.w, cols + 1);
	}
}

/* The organisation grid: the name, overall, coverage and change columns
 * are there at every width from 80 and for 1 to 64 dimensions, in that
 * order, inside the border; the dimension columns fill what is left. */
static void test_org_columns(void **state)
{
	static const int widths[] = { 80, 100, 120, 160, 250 };
	static const int ndims[] = { 1, 2, 8, 19, 30, 64 };
	struct org_columns c;

	(void)state;
	for (size_t i = 0; i < sizeof widths / sizeof *widths; i++)
		for (size_t j = 0; j < sizeof ndims / sizeof *ndims; j++) {
			int w = widths[i], n = ndims[j];

			layout_org_columns(w, n, &c);
			assert_int_equal(c.name, 2);
			assert_true(c.nw >= 12 && c.nw <= 30);
			assert_true(c.cw >= 7 && c.cw <= 14);
			assert_true(c.ncols >= 1 && c.ncols <= n);
			assert_int_equal(c.dims, c.name + c.nw);
			assert_int_equal(c.overall, c.dims + c.ncols * c.cw);
			assert_true(c.coverage >= c.overall + 7);
			assert_true(c.change >= c.coverage + 5);
			assert_true(c.change + 6 <= w - 1); /* "+0.00" inside the border */
			/* No dimension column left out that would have fitted. */
			if (c.ncols < n)
				assert_true(c.change + 6 + c.cw > w - 1);
		}
	/* 80 columns, the default model's 8 dimensions: 6 of them. */
	layout_org_columns(80, 8, &c);
	assert_int_equal(c.ncols, 6);
	layout_org_columns(120, 8, &c);
	assert_int_equal(c.ncols, 8);
}

/* A list scrolls so that nothing is out of reach, and the window stays
 * full when it can. */
static void test_scroll(void **state)
{
	(void)state;
	assert_int_equal(layout_scroll_clamp(5, 3, 8), 0);     /* all fit */
	assert_int_equal(layout_scroll_clamp(60, 64, 8), 56);  /* the last page */
	assert_int_equal(layout_scroll_clamp(3, 64, 8), 3);
	assert_int_equal(layout_scroll_clamp(3, 64, 0), 3);    /* no room: one row */
	assert_int_equal(layout_scroll_follow(0, 20, 64, 8), 13);
	assert_int_equal(layout_scroll_follow(13, 5, 64, 8), 5);
	assert_int_equal(layout_scroll_follow(5, 7, 64, 8), 5);
	assert_int_equal(layout_scroll_follow(0, 63, 64, 8), 56);
	assert_int_equal(layout_scroll_page(0, 1, 64, 8), 8);
	assert_int_equal(layout_scroll_page(8, -1, 64, 8), 0);
	assert_int_equal(layout_scroll_page(4, -3, 64, 8), 0);
	assert_int_equal(layout_scroll_page(50, 1, 64, 8), 56);
	assert_int_equal(layout_scroll_page(0, 1, 8, 8), 0);
	/* Every row is reached by paging down from the top. */
	for (size_t n = 1; n < 70; n++)
		for (size_t shown = 1; shown < 12; shown++) {
			size_t top = 0, seen = shown < n ? shown : n;

			for (int k = 0; k < 80; k++) {
				top = layout_scroll_page(top, 1, n, shown);
				if (top + shown > seen)
					seen = top + shown < n ? top + shown : n;
			}
			assert_int_equal(seen, n);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contains),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_org_columns),
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_home_too_small),
		cmocka_unit_test(test_assess_too_small),
		cmocka_unit_test(test_minimum_fits),
		cmocka_unit_test(test_home_frames),
		cmocka_unit_test(test_assess_frames),
		cmocka_unit_test(test_frames_sweep),
		cmocka_unit_test(test_home_wide),
		cmocka_unit_test(test_assess_wide),
		cmocka_unit_test(test_home_160x50_exact),
		cmocka_unit_test(test_wide_threshold),
		cmocka_unit_test(test_wide_top_bounded),
		cmocka_unit_test(test_home_narrow_shown),
		cmocka_unit_test(test_assess_narrow_shown),
		cmocka_unit_test(test_80x24_exact),
		cmocka_unit_test(test_shown_out_of_range),
		cmocka_unit_test(test_narrow_tall_stacks),
		cmocka_unit_test(test_panes_fit_every_dimension),
		cmocka_unit_test(test_main_grows_with_width),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
