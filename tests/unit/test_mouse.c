/* Mouse reports and hit testing (src/mouse.c) without a terminal: the
 * xterm SGR 1006 report bytes, double-clicks by time and place, and which
 * list item a cell falls on. */
#include "testutil.h"

#include "mouse.h"

static struct mouse_event parse(const char *s, bool *ok)
{
	struct mouse_event ev;

	*ok = mouse_sgr_parse(s, strlen(s), &ev);
	return ev;
}

static void test_press_and_release(void **state)
{
	struct mouse_event ev;
	bool ok;

	(void)state;
	ev = parse("0;12;5M", &ok);
	assert_true(ok);
	assert_int_equal(ev.kind, MOUSE_CLICK);
	assert_int_equal(ev.x, 11);     /* reports count from 1 */
	assert_int_equal(ev.y, 4);
	assert_false(ev.twice);
	ev = parse("0;12;5m", &ok);     /* the release */
	assert_true(ok);
	assert_int_equal(ev.kind, MOUSE_NONE);
	/* Shift, Meta or Control held: still a click. */
	ev = parse("16;300;200M", &ok);
	assert_true(ok);
	assert_int_equal(ev.kind, MOUSE_CLICK);
	assert_int_equal(ev.x, 299);
	assert_int_equal(ev.y, 199);
}

static void test_other_buttons(void **state)
{
	bool ok;

	(void)state;
	assert_int_equal(parse("64;3;4M", &ok).kind, MOUSE_WHEEL_UP);
	assert_true(ok);
	assert_int_equal(parse("65;3;4M", &ok).kind, MOUSE_WHEEL_DOWN);
	assert_int_equal(parse("1;3;4M", &ok).kind, MOUSE_NONE);    /* middle */
	assert_int_equal(parse("2;3;4M", &ok).kind, MOUSE_NONE);    /* right */
	assert_int_equal(parse("32;3;4M", &ok).kind, MOUSE_NONE);   /* a drag */
	assert_int_equal(parse("66;3;4M", &ok).kind, MOUSE_NONE);   /* wheel left */
	assert_true(ok);
}

static void test_broken_reports(void **state)
{
	static const char *const bad[] = {
		"", "M", "0;1M", "0;1;M", ";1;1M", "0;0;1M", "0;1;0M", "0;1;1", "0;1;1X",
		"0;1;1MM", "a;1;1M", "0;1;1;1M", "0;99999999999;1M", "-1;1;1M",
	};
	struct mouse_event ev;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (mouse_sgr_parse(bad[i], strlen(bad[i]), &ev))
			fail_msg("'%s' parsed as a report", bad[i]);
		assert_int_equal(ev.kind, MOUSE_NONE);
	}
	/* The length given counts, not a terminating NUL. */
	assert_false(mouse_sgr_parse("0;1;1M", 5, &ev));
	assert_true(mouse_sgr_parse("0;1;1Mxyz", 6, &ev));
}

static void test_double_click(void **state)
{
	struct mouse_clicks c = { 0, 0, 0 };
	struct mouse_event a = { MOUSE_CLICK, 4, 7, false }, b = a, far = a, wheel = a;

	(void)state;
	mouse_note_click(&c, &a, 1000);
	assert_false(a.twice);
	mouse_note_click(&c, &b, 1000 + MOUSE_DOUBLE_MS - 1);
	assert_true(b.twice);
	/* A third click starts a new pair. */
	b.twice = false;
	mouse_note_click(&c, &b, 1000 + MOUSE_DOUBLE_MS);
	assert_false(b.twice);
	/* Too late. */
	mouse_note_click(&c, &b, 1000 + 3 * MOUSE_DOUBLE_MS);
	assert_false(b.twice);
	/* Another cell. */
	far.x = 8;
	mouse_note_click(&c, &far, 1000 + 3 * MOUSE_DOUBLE_MS + 10);
	assert_false(far.twice);
	/* The wheel is no click. */
	wheel.kind = MOUSE_WHEEL_DOWN;
	mouse_note_click(&c, &wheel, 1000 + 3 * MOUSE_DOUBLE_MS + 20);
	assert_false(wheel.twice);
	far.twice = false;
	mouse_note_click(&c, &far, 1000 + 3 * MOUSE_DOUBLE_MS + 30);
	assert_true(far.twice);
}

static void test_list_row(void **state)
{
	/* A window at row 1, column 0, 22 x 40: items from its row 2 for 19
	 * rows, scrolled to item 5 of 30. */
	struct rect r = { 1, 0, 22, 40 };

	(void)state;
	assert_int_equal(mouse_list_row(&r, 2, 19, 5, 30, 3, 10), 5);
	assert_int_equal(mouse_list_row(&r, 2, 19, 5, 30, 4, 1), 6);
	assert_int_equal(mouse_list_row(&r, 2, 19, 5, 30, 21, 38), 23);
	assert_int_equal(mouse_list_row(&r, 2, 19, 5, 30, 22, 10), -1);   /* bottom border */
	assert_int_equal(mouse_list_row(&r, 2, 19, 5, 30, 2, 10), -1);    /* heading */
	assert_int_equal(mouse_list_row(&r, 2, 19, 5, 30, 3, 0), -1);     /* left border */
	assert_int_equal(mouse_list_row(&r, 2, 19, 5, 30, 3, 39), -1);    /* right border */
	assert_int_equal(mouse_list_row(&r, 2, 19, 5, 30, 3, 40), -1);    /* outside */
	assert_int_equal(mouse_list_row(&r, 2, 19, 5, 30, 0, 10), -1);    /* above */
	/* Past the last item. */
	assert_int_equal(mouse_list_row(&r, 2, 19, 5, 8, 5, 10), 7);
	assert_int_equal(mouse_list_row(&r, 2, 19, 5, 8, 6, 10), -1);
	assert_true(mouse_in(&r, 1, 0));
	assert_true(mouse_in(&r, 22, 39));
	assert_false(mouse_in(&r, 23, 39));
	assert_false(mouse_in(&r, 0, 0));
}

static void test_wheel(void **state)
{
	struct mouse_event up = { MOUSE_WHEEL_UP, 0, 0, false }, down = up, click = up;

	(void)state;
	down.kind = MOUSE_WHEEL_DOWN;
	click.kind = MOUSE_CLICK;
	assert_int_equal(mouse_wheel_move(&down, 0, 10), MOUSE_WHEEL_ROWS);
	assert_int_equal(mouse_wheel_move(&down, 8, 10), 9);
	assert_int_equal(mouse_wheel_move(&up, 8, 10), 8 - MOUSE_WHEEL_ROWS);
	assert_int_equal(mouse_wheel_move(&up, 1, 10), 0);
	assert_int_equal(mouse_wheel_move(&down, 0, 0), 0);
	assert_int_equal(mouse_wheel_move(&click, 4, 10), 4);
	assert_int_equal(mouse_wheel_move(&click, 40, 10), 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_press_and_release),
		cmocka_unit_test(test_other_buttons),
		cmocka_unit_test(test_broken_reports),
		cmocka_unit_test(test_double_click),
		cmocka_unit_test(test_list_row),
		cmocka_unit_test(test_wheel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
