/* Unit tests of the WCAG contrast functions (src/theme.c) and of the rule
 * the built-in theme keeps (issue 15 item 3, README "Themes"): every colour
 * drawn over the terminal's own background has a contrast of at least 3:1
 * against both white and black, in its 256-colour and its 8-colour form,
 * with bold read as bright on 8 colours; a role with a background of its
 * own has at least 4.5:1 between its colours; the selection and the five
 * level colours differ from each other on 8 colours. Palette values are
 * xterm's defaults. */
#include "testutil.h"

#include <math.h>

#include "theme.h"

#define ERRSZ 1024
#define OVER_DEFAULT 3.0        /* text over the terminal's background */
#define OWN_BACKGROUND 4.5      /* text on a background of the role's own */

static int quiet;               /* no report of problems a test expects */
#define report(...) (quiet ? (void)0 : (void)print_error(__VA_ARGS__))

static void test_contrast_formula(void **state)
{
	(void)state;
	/* The WCAG end points and a well-known value: #777777 on white is
	 * 4.48:1. */
	assert_true(fabs(theme_luminance_rgb(255, 255, 255) - 1.0) < 1e-9);
	assert_true(fabs(theme_luminance_rgb(0, 0, 0)) < 1e-9);
	assert_true(fabs(theme_contrast_ratio(1.0, 0.0) - 21.0) < 1e-9);
	assert_true(fabs(theme_contrast_ratio(0.0, 1.0) - 21.0) < 1e-9);
	assert_true(fabs(theme_contrast_ratio(1.0, theme_luminance_rgb(0x77, 0x77, 0x77)) - 4.478) <
		    0.001);
	/* Palette indexes: 231 and 16 are the cube's white and black; 15 and
	 * 0 xterm's bright white and black. */
	assert_true(fabs(theme_contrast(231, 16) - 21.0) < 1e-9);
	assert_true(fabs(theme_contrast(15, 0) - 21.0) < 1e-9);
	assert_true(fabs(theme_contrast(42, 42) - 1.0) < 1e-9);
	/* xterm's yellow (205,205,0) on white: the complaint of issue 15. */
	assert_true(theme_contrast(3, 231) < 1.8);
	assert_true(theme_contrast(11, 231) < 1.1);
	/* The grey ramp: 232 is 8,8,8, 255 is 238,238,238. */
	assert_true(fabs(theme_luminance(232) - theme_luminance_rgb(8, 8, 8)) < 1e-12);
	assert_true(fabs(theme_luminance(255) - theme_luminance_rgb(238, 238, 238)) < 1e-12);
	/* The cube: 75 is 95,175,255. */
	assert_true(fabs(theme_luminance(75) - theme_luminance_rgb(95, 175, 255)) < 1e-12);
	/* The terminal's own colour has no known luminance. */
	assert_true(theme_luminance(THEME_DEFAULT_COLOR) < 0);
	assert_true(theme_contrast(THEME_DEFAULT_COLOR, 0) < 0);
	/* Bold as bright: the 8 basic colours only. */
	assert_int_equal(theme_bold_color(3), 11);
	assert_int_equal(theme_bold_color(0), 8);
	assert_int_equal(theme_bold_color(7), 15);
	assert_int_equal(theme_bold_color(11), 11);
	assert_int_equal(theme_bold_color(214), 214);
	assert_int_equal(theme_bold_color(THEME_DEFAULT_COLOR), THEME_DEFAULT_COLOR);
}

/* The rule as the drawing code asks it, one colour pair at a time. */
static void test_readable(void **state)
{
	(void)state;
	/* over the terminal's own background: 3:1 against white and black */
	assert_true(theme_readable(THEME_DEFAULT_COLOR, THEME_DEFAULT_COLOR));
	assert_true(theme_readable(1, THEME_DEFAULT_COLOR));        /* red */
	assert_true(theme_readable(9, THEME_DEFAULT_COLOR));        /* bright red */
	assert_true(theme_readable(5, THEME_DEFAULT_COLOR));        /* magenta */
	assert_false(theme_readable(3, THEME_DEFAULT_COLOR));       /* yellow: white */
	assert_false(theme_readable(4, THEME_DEFAULT_COLOR));       /* blue: black */
	assert_false(theme_readable(221, THEME_DEFAULT_COLOR));
	assert_false(theme_readable(16, THEME_DEFAULT_COLOR));
	assert_true(theme_readable(245, THEME_DEFAULT_COLOR));
	/* on a background of its own: 4.5:1 */
	assert_true(theme_readable(0, 7));                          /* black on white */
	assert_false(theme_readable(8, 7));                         /* bold black: grey */
	assert_false(theme_readable(0, 1));                         /* 3.6:1 */
	assert_true(theme_readable(7, 1));
	assert_true(theme_readable(16, 117));
	assert_false(theme_readable(THEME_DEFAULT_COLOR, 7));       /* unknown */
}

/* The colours a terminal may show for fg: itself, and with bold its bright
 * form (xterm's boldColors) - both, since terminals differ. */
static int shown(short fg, unsigned attrs, short out[2])
{
	out[0] = fg;
	if ((attrs & THEME_BOLD) && theme_bold_color(fg) != fg) {
		out[1] = theme_bold_color(fg);
		return 2;
	}
	return 1;
}

/* Checks one form (256 or 8) of one role; returns the problems found, each
 * printed. */
static int check_form(const char *role, const char *form, short fg, short bg, unsigned attrs)
{
	short fgs[2];
	int n = shown(fg, attrs, fgs), bad = 0;

	if (bg < 0) {
		if (fg < 0)
			return 0;       /* the terminal's own pair: readable by definition */
		for (int i = 0; i < n; i++) {
			double lum = theme_luminance(fgs[i]);
			double on_white = theme_contrast_ratio(lum, 1.0);
			double on_black = theme_contrast_ratio(lum, 0.0);

			if (on_white < OVER_DEFAULT || on_black < OVER_DEFAULT) {
				report("%s (%s): colour %d%s is %.2f:1 on white, %.2f:1 on black; "
					    "%.1f:1 needed\n", role, form, fgs[i], i ? " (bold as bright)" : "",
					    on_white, on_black, OVER_DEFAULT);
				bad++;
			}
		}
		return bad;
	}
	if (fg < 0) {
		report("%s (%s): background %d under the terminal's own foreground: "
			    "contrast unknown\n", role, form, bg);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		double c = theme_contrast(fgs[i], bg);

		if (c < OWN_BACKGROUND) {
			report("%s (%s): colour %d%s on %d is %.2f:1; %.1f:1 needed\n", role, form,
				    fgs[i], i ? " (bold as bright)" : "", bg, c, OWN_BACKGROUND);
			bad++;
		}
	}
	return bad;
}

/* Two roles' 8-colour backgrounds must differ. */
static int check_apart(const struct theme *t, int a, int b)
{
	if (t->roles[a].bg8 != t->roles[b].bg8)
		return 0;
	report("%s and %s share the 8-colour background %d\n", theme_role_name((enum role)a),
		    theme_role_name((enum role)b), t->roles[a].bg8);
	return 1;
}

/* Every rule of the contrast contract; the number of problems. */
static int contrast_problems(const struct theme *t)
{
	static const int apart[] = { ROLE_SELECT, ROLE_HEAT1, ROLE_HEAT2, ROLE_HEAT3, ROLE_HEAT4,
				     ROLE_HEAT5 };
	const int napart = (int)(sizeof apart / sizeof *apart);
	int bad = 0;

	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_style *s = &t->roles[r];
		const char *name = theme_role_name((enum role)r);

		bad += check_form(name, "256 colours", s->fg, s->bg, s->attrs);
		bad += check_form(name, "8 colours", s->fg8, s->bg8, s->attrs);
	}
	for (int i = 0; i < napart; i++)
		for (int j = 0; j < i; j++)
			bad += check_apart(t, apart[i], apart[j]);
	for (int i = ROLE_GAP0; i <= ROLE_GAP3; i++)
		for (int j = ROLE_GAP0; j < i; j++)
			bad += check_apart(t, i, j);
	return bad;
}

static void test_builtin_contrast(void **state)
{
	char err[ERRSZ] = "";
	struct theme *t = theme_load_builtin(err, sizeof err);
	int bad;

	(void)state;
	if (!t)
		fail_msg("the built-in theme does not load: %s", err);
	bad = contrast_problems(t);
	theme_free(t);
	if (bad)
		fail_msg("the built-in theme breaks the contrast rule %d time(s); see above", bad);
}

/* The check catches what issue 15 reported: the old default's accents. */
static void test_check_catches_old_default(void **state)
{
	static const char *const cases[] = {
		/* 256: light yellow and sky blue on white */
		"name: t\nroles:\n  key: { fg: 221, fg8: default }\n",
		"name: t\nroles:\n  title: { fg: 75, fg8: default }\n",
		/* 8: yellow and cyan, unreadable on white */
		"name: t\nroles:\n  partly: { fg: 94, fg8: yellow }\n",
		"name: t\nroles:\n  bar: { fg: 94, fg8: cyan }\n",
		/* 8: blue passes on white but not on black */
		"name: t\nroles:\n  ok: { fg: 94, fg8: blue }\n",
		/* bold turns red into bright red (fine) but black into grey on
		 * its own background */
		"name: t\nroles:\n  status: { fg: 16, bg: 252, fg8: black, bg8: white, attrs: [bold] }\n",
		/* black on xterm's red is 3.6:1 */
		"name: t\nroles:\n  level1: { fg: 16, bg: 174, fg8: black, bg8: red }\n",
		/* a background under the terminal's own foreground */
		"name: t\nroles:\n  gap0: { bg: 114, fg8: black, bg8: green }\n",
		/* the selection shares a level's colour on 8 colours */
		"name: t\nroles:\n  selection: { fg: 16, bg: 117, fg8: black, bg8: cyan }\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char err[ERRSZ] = "";
		struct theme *t = theme_load_buffer(cases[i], strlen(cases[i]), "case", err, sizeof err);

		if (!t)
			fail_msg("case %zu does not load: %s", i, err);
		quiet = 1;
		if (contrast_problems(t) == 0)
			fail_msg("case %zu passes the contrast check:\n%s", i, cases[i]);
		quiet = 0;
		theme_free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contrast_formula),
		cmocka_unit_test(test_readable),
		cmocka_unit_test(test_builtin_contrast),
		cmocka_unit_test(test_check_catches_old_default),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
