/* Unit tests of the theme loader (src/theme.c over src/ytree.c): the
 * built-in theme, every theme shipped in themes/, the strict rules through
 * the fixtures in tests/fixtures/themes (expected.txt is the spec of where
 * each bad file is rejected), colours (names, 0-255, #rrggbb to the nearest
 * of the 256, the nearest of the 8) and the lookup of a theme by NAME in
 * $XDG_CONFIG_HOME, the share folder and the source tree (CONTRACT section
 * 1, README "Themes"). Runs from the repository root. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

#include "theme.h"
#include "theme_dirs.h"

#define ERRSZ 1024

#ifndef MLMAT_SRCDIR
#define MLMAT_SRCDIR "."
#endif

static char *fixture_path(const char *file)
{
	size_t n = strlen(tu_fixtures()) + strlen("/themes/") + strlen(file) + 1;
	char *p = malloc(n);

	assert_non_null(p);
	snprintf(p, n, "%s/themes/%s", tu_fixtures(), file);
	return p;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = realloc(buf, cap + 1);
			assert_non_null(buf);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static bool is_one_line(const char *s)
{
	return *s && !strchr(s, '\n');
}

static bool style_eq(const struct theme_style *a, const struct theme_style *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->fg8 == b->fg8 && a->bg8 == b->bg8 &&
	       a->attrs == b->attrs && a->mono == b->mono;
}

static void print_style(const char *what, const struct theme_style *s)
{
	print_error("    %s: fg %d bg %d fg8 %d bg8 %d attrs %#x mono %#x\n", what, s->fg, s->bg,
		    s->fg8, s->bg8, s->attrs, s->mono);
}

static struct theme *builtin(void)
{
	char err[ERRSZ] = "";
	struct theme *t = theme_load_builtin(err, sizeof err);

	if (!t)
		fail_msg("the built-in theme does not load: %s", err);
	return t;
}

static struct theme *load_ok(const char *path)
{
	char err[ERRSZ] = "";
	struct theme *t = theme_load_file(path, err, sizeof err);

	if (!t)
		fail_msg("%s does not load: %s", path, err);
	return t;
}

static void check_ranges(const char *what, const struct theme *t)
{
	const unsigned all = THEME_BOLD | THEME_DIM | THEME_UNDERLINE | THEME_REVERSE |
			     THEME_ITALIC | THEME_STANDOUT;

	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_style *s = &t->roles[r];

		if (s->fg < -1 || s->fg > 255 || s->bg < -1 || s->bg > 255 || s->fg8 < -1 ||
		    s->fg8 > 7 || s->bg8 < -1 || s->bg8 > 7 || (s->attrs & ~all) || (s->mono & ~all)) {
			print_style(theme_role_name((enum role)r), s);
			fail_msg("%s: role %s is out of range", what, theme_role_name((enum role)r));
		}
	}
}

/* ---- role names --------------------------------------------------------- */

static void test_role_names(void **state)
{
	/* The order and spelling of README "Themes". */
	static const char *const want[ROLE_COUNT] = {
		"text", "muted", "title", "border", "selection", "status", "header", "warning",
		"error", "ok", "key", "yes", "partly", "no", "unknown", "bar", "target",
		"level1", "level2", "level3", "level4", "level5", "gap0", "gap1", "gap2", "gap3",
	};

	(void)state;
	for (int r = 0; r < ROLE_COUNT; r++)
		assert_string_equal(theme_role_name((enum role)r), want[r]);
	assert_string_equal(theme_role_name(ROLE_COUNT), "?");
	assert_string_equal(theme_role_name((enum role)-1), "?");
}

/* ---- the built-in theme ------------------------------------------------- */

static void test_builtin(void **state)
{
	struct theme *t = builtin();
	const struct theme_style *txt = &t->roles[ROLE_TEXT];

	(void)state;
	assert_string_equal(t->name, "default");
	assert_non_null(t->description);
	check_ranges("built-in", t);

	/* Text keeps the terminal's own colours: safe on dark and light. */
	assert_int_equal(txt->fg, THEME_DEFAULT_COLOR);
	assert_int_equal(txt->bg, THEME_DEFAULT_COLOR);
	assert_int_equal(txt->fg8, THEME_DEFAULT_COLOR);
	assert_int_equal(txt->bg8, THEME_DEFAULT_COLOR);

	/* Every other role is stated: some colour or attribute of its own.
	 * Borders, like text, stay in the terminal's own colour: a coloured
	 * border on every row costs an attribute change per line on the wire. */
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_style *s = &t->roles[r];

		if (r == ROLE_TEXT || r == ROLE_BORDER)
			continue;
		if (s->fg < 0 && s->bg < 0 && !s->attrs && !s->mono)
			fail_msg("built-in role %s is left at all-default",
				 theme_role_name((enum role)r));
		if (s->fg < 0 && s->bg < 0)
			fail_msg("built-in role %s has no colour", theme_role_name((enum role)r));
	}

	/* Title and selection have colours, in 256 and in 8 - except the
	 * title on 8 colours, where no basic colour but red and magenta reads
	 * on both white and black (test_contrast.c): there it is bold in the
	 * terminal's own colour. */
	assert_true(t->roles[ROLE_TITLE].fg >= 0);
	assert_true(t->roles[ROLE_TITLE].fg8 >= 0 || (t->roles[ROLE_TITLE].attrs & THEME_BOLD));
	assert_true(t->roles[ROLE_SELECT].bg >= 0);
	assert_true(t->roles[ROLE_SELECT].bg8 >= 0);

	/* The heatmap: five cells with a background each, all different, and
	 * different in their 8-colour forms too. */
	for (int i = ROLE_HEAT1; i <= ROLE_HEAT5; i++) {
		assert_true(t->roles[i].bg >= 0);
		assert_true(t->roles[i].bg8 >= 0);
		for (int j = ROLE_HEAT1; j < i; j++) {
			if (t->roles[i].bg == t->roles[j].bg)
				fail_msg("level%d and level%d share background %d", j - ROLE_HEAT1 + 1,
					 i - ROLE_HEAT1 + 1, t->roles[i].bg);
			if (t->roles[i].bg8 == t->roles[j].bg8)
				fail_msg("level%d and level%d share 8-colour background %d",
					 j - ROLE_HEAT1 + 1, i - ROLE_HEAT1 + 1, t->roles[i].bg8);
		}
	}

	/* Without colour the selection still stands out. */
	assert_true(t->roles[ROLE_SELECT].mono & (THEME_REVERSE | THEME_STANDOUT));
	theme_free(t);
}

/* The compiled-in theme is themes/default.yaml. */
static void test_builtin_is_default_yaml(void **state)
{
	struct theme *b = builtin();
	struct theme *f = load_ok(MLMAT_SRCDIR "/themes/default.yaml");

	(void)state;
	assert_string_equal(b->name, f->name);
	for (int r = 0; r < ROLE_COUNT; r++) {
		if (!style_eq(&b->roles[r], &f->roles[r])) {
			print_style("built-in", &b->roles[r]);
			print_style("file", &f->roles[r]);
			fail_msg("role %s differs between the built-in and themes/default.yaml",
				 theme_role_name((enum role)r));
		}
	}
	theme_free(b);
	theme_free(f);
}

/* ---- the themes shipped in themes/ -------------------------------------- */

static void test_shipped_themes(void **state)
{
	static const char *const required[] = { "default", "dark", "light", "high-contrast",
						 "mono" };
	bool seen[sizeof required / sizeof *required] = { false };
	DIR *d = opendir(MLMAT_SRCDIR "/themes");
	struct dirent *de;
	int count = 0;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		char path[4096], base[256], err[ERRSZ] = "", err2[ERRSZ] = "";
		struct theme *t, *t2;
		size_t len;
		char *buf;

		if (l <= 5 || strcmp(de->d_name + l - 5, ".yaml") != 0 || de->d_name[0] == '.')
			continue;
		count++;
		snprintf(path, sizeof path, "%s/themes/%s", MLMAT_SRCDIR, de->d_name);
		snprintf(base, sizeof base, "%.*s", (int)(l - 5), de->d_name);
		t = theme_load_file(path, err, sizeof err);
		if (!t)
			fail_msg("%s does not load: %s", path, err);
		/* The same text from memory gives the same theme. */
		buf = slurp(path, &len);
		t2 = theme_load_buffer(buf, len, path, err2, sizeof err2);
		if (!t2)
			fail_msg("%s does not load from memory: %s", path, err2);
		for (int r = 0; r < ROLE_COUNT; r++)
			assert_true(style_eq(&t->roles[r], &t2->roles[r]));
		free(buf);

		/* Its name is the one it is chosen by. */
		if (strcmp(t->name, base) != 0)
			fail_msg("%s is named '%s'", path, t->name);
		assert_non_null(t->description);
		check_ranges(path, t);
		/* No theme paints a background behind ordinary text. */
		if (t->roles[ROLE_TEXT].bg != THEME_DEFAULT_COLOR ||
		    t->roles[ROLE_TEXT].bg8 != THEME_DEFAULT_COLOR)
			fail_msg("%s paints a background behind text (bg %d, bg8 %d)", path,
				 t->roles[ROLE_TEXT].bg, t->roles[ROLE_TEXT].bg8);
		for (size_t i = 0; i < sizeof required / sizeof *required; i++)
			if (!strcmp(base, required[i]))
				seen[i] = true;
		theme_free(t);
		theme_free(t2);
	}
	closedir(d);
	for (size_t i = 0; i < sizeof required / sizeof *required; i++)
		if (!seen[i])
			fail_msg("themes/%s.yaml is missing", required[i]);
	assert_true(count >= 5);
}

/* mono: attributes only, no colour at all (README "Themes", and the
 * file's own comment: "No colour at all, on any terminal"). */
static void test_mono_has_no_colour(void **state)
{
	struct theme *t = load_ok(MLMAT_SRCDIR "/themes/mono.yaml");
	int coloured = 0;

	(void)state;
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_style *s = &t->roles[r];

		if (s->fg != -1 || s->bg != -1 || s->fg8 != -1 || s->bg8 != -1) {
			print_error("mono role %s has a colour:\n", theme_role_name((enum role)r));
			print_style(theme_role_name((enum role)r), s);
			coloured++;
		}
	}
	/* Selection and the top level are still told apart. */
	assert_true(t->roles[ROLE_SELECT].attrs & THEME_REVERSE);
	assert_true(t->roles[ROLE_SELECT].mono & THEME_REVERSE);
	assert_true(t->roles[ROLE_HEAT5].mono != t->roles[ROLE_HEAT1].mono);
	theme_free(t);
	if (coloured)
		fail_msg("%d roles of the mono theme have colours (inherited from the default?)",
			 coloured);
}

/* high-contrast: basic colours only, the same on 8- and 256-colour
 * terminals. */
static void test_high_contrast_basic(void **state)
{
	struct theme *t = load_ok(MLMAT_SRCDIR "/themes/high-contrast.yaml");

	(void)state;
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_style *s = &t->roles[r];

		if (s->fg > 15 || s->bg > 15) {
			print_style(theme_role_name((enum role)r), s);
			fail_msg("high-contrast role %s uses a colour beyond the basic 16",
				 theme_role_name((enum role)r));
		}
	}
	theme_free(t);
}

/* ---- bad fixtures, driven by expected.txt ------------------------------- */

struct expectation {
	char file[256];
	int line, col;
	char sub[512];
};

static size_t read_expectations(struct expectation **out)
{
	char *path = fixture_path("expected.txt");
	FILE *f = fopen(path, "r");
	struct expectation *ex = NULL;
	size_t n = 0, cap = 0;
	char buf[1024];

	if (!f)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	while (fgets(buf, sizeof buf, f)) {
		int used = 0;

		buf[strcspn(buf, "\r\n")] = '\0';
		if (buf[0] == '#' || buf[strspn(buf, " \t")] == '\0')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ex = realloc(ex, cap * sizeof *ex);
			assert_non_null(ex);
		}
		if (sscanf(buf, "%255s %d %d %n", ex[n].file, &ex[n].line, &ex[n].col, &used) != 3 ||
		    !buf[used])
			fail_msg("expected.txt: bad line '%s'", buf);
		snprintf(ex[n].sub, sizeof ex[n].sub, "%s", buf + used);
		n++;
	}
	fclose(f);
	free(path);
	*out = ex;
	return n;
}

static int check_message(const char *how, const char *path, const struct expectation *e,
			 const struct theme *t, const char *err)
{
	char prefix[1024];

	snprintf(prefix, sizeof prefix, "%s:%d:%d: error: ", path, e->line, e->col);
	if (t) {
		print_error("%s %s: loaded, expected %s...%s\n", how, e->file, prefix, e->sub);
		return 1;
	}
	if (strncmp(err, prefix, strlen(prefix)) != 0 || !strstr(err + strlen(prefix), e->sub) ||
	    !is_one_line(err)) {
		print_error("%s %s:\n    expected: %s...%s\n    got:      %s\n", how, e->file,
			    prefix, e->sub, err);
		return 1;
	}
	return 0;
}

static void test_bad_fixtures(void **state)
{
	struct expectation *ex;
	size_t n = read_expectations(&ex);
	int failures = 0;

	(void)state;
	assert_true(n >= 12);
	for (size_t i = 0; i < n; i++) {
		char *path = fixture_path(ex[i].file);
		char err[ERRSZ] = "", err2[ERRSZ] = "";
		struct theme *t;
		size_t len;
		char *buf;

		t = theme_load_file(path, err, sizeof err);
		failures += check_message("theme_load_file", path, &ex[i], t, err);
		theme_free(t);

		buf = slurp(path, &len);
		t = theme_load_buffer(buf, len, path, err2, sizeof err2);
		failures += check_message("theme_load_buffer", path, &ex[i], t, err2);
		theme_free(t);
		free(buf);
		free(path);
	}
	free(ex);
	if (failures)
		fail_msg("%d of %zu bad theme loads are not rejected as expected.txt says", failures,
			 2 * n);
}

static void test_expected_covers_fixtures(void **state)
{
	struct expectation *ex;
	size_t n = read_expectations(&ex), files = 0;
	char *dir = fixture_path("");
	DIR *d = opendir(dir);
	struct dirent *de;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		bool listed = false;

		if (strncmp(de->d_name, "bad-", 4) != 0 || l < 5 ||
		    strcmp(de->d_name + l - 5, ".yaml") != 0)
			continue;
		files++;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(ex[i].file, de->d_name))
				listed = true;
		if (!listed)
			fail_msg("%s is not listed in expected.txt", de->d_name);
	}
	closedir(d);
	assert_int_equal(files, n);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (!strcmp(ex[i].file, ex[j].file))
				fail_msg("%s is listed twice in expected.txt", ex[i].file);
	free(ex);
	free(dir);
}

/* ---- good fixtures ------------------------------------------------------ */

static struct theme *load_fixture(const char *file)
{
	char *path = fixture_path(file);
	struct theme *t = load_ok(path);

	free(path);
	return t;
}

/* Roles left out are the built-in's, role by role. */
static void assert_inherits(const struct theme *t, const struct theme *b, const enum role *set,
			    size_t nset)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		bool own = false;

		for (size_t i = 0; i < nset; i++)
			own |= set[i] == (enum role)r;
		if (own || style_eq(&t->roles[r], &b->roles[r]))
			continue;
		print_style("theme", &t->roles[r]);
		print_style("built-in", &b->roles[r]);
		fail_msg("role %s is left out but differs from the built-in",
			 theme_role_name((enum role)r));
	}
}

static void test_good_partial(void **state)
{
	static const enum role set[] = { ROLE_TITLE, ROLE_HEAT1 };
	struct theme *t = load_fixture("good-partial.yaml");
	struct theme *b = builtin();
	const struct theme_style *s;

	(void)state;
	assert_string_equal(t->name, "partial");
	assert_string_equal(t->description, "Two roles of my own.");
	s = &t->roles[ROLE_TITLE];
	assert_int_equal(s->fg, 33);
	assert_int_equal(s->bg, -1);
	assert_int_equal(s->fg8, 4);
	assert_int_equal(s->bg8, -1);
	assert_int_equal(s->attrs, THEME_BOLD | THEME_UNDERLINE);
	assert_int_equal(s->mono, THEME_UNDERLINE);
	s = &t->roles[ROLE_HEAT1];
	assert_int_equal(s->fg, 0);
	assert_int_equal(s->bg, 1);
	assert_int_equal(s->fg8, 0);
	assert_int_equal(s->bg8, 1);
	assert_int_equal(s->attrs, THEME_ITALIC);
	assert_int_equal(s->mono, THEME_REVERSE | THEME_DIM);
	assert_inherits(t, b, set, sizeof set / sizeof *set);
	theme_free(t);
	theme_free(b);
}

static void test_good_hex(void **state)
{
	static const enum role set[] = { ROLE_TITLE, ROLE_SELECT, ROLE_HEAT1, ROLE_HEAT2 };
	struct theme *t = load_fixture("good-hex.yaml");
	struct theme *b = builtin();
	const struct theme_style *s;

	(void)state;
	assert_string_equal(t->name, "hex");
	assert_string_equal(t->description, "#rrggbb colours");
	s = &t->roles[ROLE_TITLE];
	assert_int_equal(s->fg, 196);
	assert_int_equal(s->bg, 16);
	assert_int_equal(s->fg8, 1);
	assert_int_equal(s->bg8, -1);
	assert_int_equal(s->attrs, THEME_BOLD);
	s = &t->roles[ROLE_SELECT];
	assert_int_equal(s->fg, 231);
	assert_int_equal(s->bg, 244);
	assert_int_equal(s->fg8, 7);
	assert_int_equal(s->bg8, 0);
	assert_int_equal(s->attrs, 0);
	assert_int_equal(s->mono, THEME_REVERSE);
	s = &t->roles[ROLE_HEAT1];
	assert_int_equal(s->fg, 46);
	assert_int_equal(s->bg, 21);
	assert_int_equal(s->fg8, 7);
	assert_int_equal(s->bg8, 4);
	assert_int_equal(s->mono, 0);
	s = &t->roles[ROLE_HEAT2];
	assert_int_equal(s->fg, 67);
	assert_int_equal(s->bg, 255);
	assert_int_equal(s->fg8, 6);
	assert_int_equal(s->bg8, 7);
	assert_inherits(t, b, set, sizeof set / sizeof *set);
	theme_free(t);
	theme_free(b);
}

static void test_good_no_roles(void **state)
{
	struct theme *t = load_fixture("good-no-roles.yaml");
	struct theme *b = builtin();

	(void)state;
	assert_string_equal(t->name, "same");
	assert_inherits(t, b, NULL, 0);
	theme_free(t);
	theme_free(b);
}

/* Without fg8/bg8 the 8-colour form is the nearest basic colour. */
static void test_derived_8_colour_form(void **state)
{
	static const char text[] = "name: derived\n"
				   "roles:\n"
				   "  title: { fg: 196, bg: \"#0000ff\", attrs: [bold] }\n"
				   "  border: { fg: bright-green, bg: default }\n";
	char err[ERRSZ] = "";
	struct theme *t = theme_load_buffer(text, strlen(text), "derived.yaml", err, sizeof err);

	(void)state;
	if (!t)
		fail_msg("does not load: %s", err);
	assert_int_equal(t->roles[ROLE_TITLE].fg8, 1);
	assert_int_equal(t->roles[ROLE_TITLE].bg8, 4);
	assert_int_equal(t->roles[ROLE_BORDER].fg, 10);
	assert_int_equal(t->roles[ROLE_BORDER].fg8, 2);
	assert_int_equal(t->roles[ROLE_BORDER].bg, -1);
	assert_int_equal(t->roles[ROLE_BORDER].bg8, -1);
	theme_free(t);
}

/* ---- files that cannot be used ------------------------------------------ */

static void test_unreadable_and_too_big(void **state)
{
	char err[ERRSZ] = "";
	char *path = fixture_path("no-such-theme.yaml");
	char want[1200];
	struct theme *t = theme_load_file(path, err, sizeof err);
	size_t big = 4u * 1024 * 1024 + 1;
	char *buf;

	(void)state;
	assert_null(t);
	snprintf(want, sizeof want, "mlmat: %s: %s", path, strerror(ENOENT));
	assert_string_equal(err, want);
	free(path);

	buf = malloc(big);
	assert_non_null(buf);
	memset(buf, '#', big);
	t = theme_load_buffer(buf, big, "big.yaml", err, sizeof err);
	assert_null(t);
	assert_true(strncmp(err, "big.yaml:1:1: error: ", 21) == 0);
	assert_non_null(strstr(err, "4 MiB"));
	free(buf);
}

/* ---- colours ------------------------------------------------------------ */

static void expect_color(const char *s, short want)
{
	short got = 999;

	if (!theme_parse_color(s, &got))
		fail_msg("theme_parse_color(\"%s\") rejected, want %d", s, want);
	if (got != want)
		fail_msg("theme_parse_color(\"%s\") = %d, want %d", s, got, want);
}

static void expect_no_color(const char *s)
{
	short got = 999;

	if (theme_parse_color(s, &got))
		fail_msg("theme_parse_color(\"%s\") accepted as %d", s, got);
}

static void test_parse_color(void **state)
{
	static const char *const names[16] = {
		"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
		"bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue",
		"bright-magenta", "bright-cyan", "bright-white",
	};

	(void)state;
	expect_color("default", THEME_DEFAULT_COLOR);
	for (short i = 0; i < 16; i++)
		expect_color(names[i], i);
	expect_color("0", 0);
	expect_color("7", 7);
	expect_color("16", 16);
	expect_color("255", 255);
	/* #rrggbb: the nearest of the 256 (cube and grey ramp). */
	expect_color("#ff0000", 196);
	expect_color("#000000", 16);
	expect_color("#ffffff", 231);
	expect_color("#808080", 244);
	expect_color("#FF0000", 196);
	expect_color("#5f87af", 67);
	expect_color("#080808", 232);
	expect_color("#eeeeee", 255);
	expect_color("#00ff00", 46);
	expect_color("#0000ff", 21);
	expect_color("#fe0101", 196);
	expect_color("#767676", 243);

	expect_no_color("256");
	expect_no_color("999");
	expect_no_color("1000");
	expect_no_color("-1");
	expect_no_color("");
	expect_no_color("purple");
	expect_no_color("bright-");
	expect_no_color("bright-purple");
	expect_no_color("#12345");
	expect_no_color("#1234567");
	expect_no_color("#gggggg");
	expect_no_color("#12345g");
	expect_no_color("ff0000");
	expect_no_color("0x10");
	expect_no_color(" 1");
	expect_no_color("1 ");
	expect_no_color("1.5");
	expect_no_color("none");
}

static void test_nearest8(void **state)
{
	(void)state;
	assert_int_equal(theme_nearest8(THEME_DEFAULT_COLOR), THEME_DEFAULT_COLOR);
	for (short i = 0; i < 8; i++) {
		assert_int_equal(theme_nearest8(i), i);
		assert_int_equal(theme_nearest8((short)(i + 8)), i); /* bright-X -> X */
	}
	assert_int_equal(theme_nearest8(16), 0);  /* black */
	assert_int_equal(theme_nearest8(196), 1); /* #ff0000 */
	assert_int_equal(theme_nearest8(46), 2);  /* #00ff00 */
	assert_int_equal(theme_nearest8(226), 3); /* #ffff00 */
	assert_int_equal(theme_nearest8(21), 4);  /* #0000ff */
	assert_int_equal(theme_nearest8(201), 5); /* #ff00ff */
	assert_int_equal(theme_nearest8(51), 6);  /* #00ffff */
	assert_int_equal(theme_nearest8(231), 7); /* #ffffff */
	assert_int_equal(theme_nearest8(232), 0); /* darkest grey */
	assert_int_equal(theme_nearest8(255), 7); /* lightest grey */
	for (short c = 0; c < 256; c++) {
		short b = theme_nearest8(c);

		assert_true(b >= 0 && b <= 7);
	}
}

/* ---- finding a theme by name -------------------------------------------- */

struct envsave {
	char *xdg, *home;
};

static char *dupenv(const char *name)
{
	const char *v = getenv(name);

	return v ? strdup(v) : NULL;
}

static void env_save(struct envsave *e)
{
	e->xdg = dupenv("XDG_CONFIG_HOME");
	e->home = dupenv("HOME");
}

static void env_restore(struct envsave *e)
{
	if (e->xdg)
		setenv("XDG_CONFIG_HOME", e->xdg, 1);
	else
		unsetenv("XDG_CONFIG_HOME");
	if (e->home)
		setenv("HOME", e->home, 1);
	else
		unsetenv("HOME");
	free(e->xdg);
	free(e->home);
}

static void mkdirs(const char *base, const char *sub)
{
	char path[4096], *p;

	snprintf(path, sizeof path, "%s/%s", base, sub);
	for (p = path + strlen(base) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		fail_msg("mkdir %s: %s", path, strerror(errno));
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && !strcmp(s + n - t, tail);
}

static void test_find(void **state)
{
	struct envsave e;
	char *tmp = tu_tmpdir(), path[4096], want[4096], *got;

	(void)state;
	env_save(&e);
	setenv("XDG_CONFIG_HOME", tmp, 1);
	setenv("HOME", "/nonexistent-home", 1);
	mkdirs(tmp, "mlmat/themes");
	snprintf(path, sizeof path, "%s/mlmat/themes/dark.yaml", tmp);
	tu_write_file(path, "name: dark\nroles: {}\n");
	snprintf(path, sizeof path, "%s/mlmat/themes/mine.yaml", tmp);
	tu_write_file(path, "name: mine\nroles: {}\n");
	/* A folder named like a theme is not a theme. */
	mkdirs(tmp, "mlmat/themes/light.yaml");

	/* The user's own wins over the source tree's. */
	got = theme_find("dark");
	snprintf(want, sizeof want, "%s/mlmat/themes/dark.yaml", tmp);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
	got = theme_find("mine");
	snprintf(want, sizeof want, "%s/mlmat/themes/mine.yaml", tmp);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);

	/* Not the user's: the installed or the source tree's. */
	got = theme_find("light");
	assert_non_null(got);
	assert_true(ends_with(got, "/themes/light.yaml"));
	assert_true(strncmp(got, tmp, strlen(tmp)) != 0);
	free(got);
	got = theme_find("high-contrast");
	assert_non_null(got);
	assert_true(ends_with(got, "/themes/high-contrast.yaml"));
	free(got);

	/* Unknown names. */
	assert_null(theme_find("nope"));
	assert_null(theme_find("dark2"));
	assert_null(theme_find(".yaml"));

	/* Paths are returned as they are, found or not. */
	got = theme_find("themes/dark.yaml");
	assert_string_equal(got, "themes/dark.yaml");
	free(got);
	got = theme_find("./nope");
	assert_string_equal(got, "./nope");
	free(got);
	got = theme_find("/no/such/theme");
	assert_string_equal(got, "/no/such/theme");
	free(got);
	got = theme_find("mine.yaml");
	assert_string_equal(got, "mine.yaml");
	free(got);

	/* Without XDG_CONFIG_HOME: $HOME/.config/mlmat/themes. */
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", tmp, 1);
	mkdirs(tmp, ".config/mlmat/themes");
	snprintf(path, sizeof path, "%s/.config/mlmat/themes/light.yaml", tmp);
	tu_write_file(path, "name: light\nroles: {}\n");
	got = theme_find("light");
	assert_non_null(got);
	assert_string_equal(got, path);
	free(got);
	/* ...and the XDG folder is no longer looked at. */
	assert_null(theme_find("mine"));

	/* A relative XDG_CONFIG_HOME is ignored (XDG base directory spec). */
	setenv("XDG_CONFIG_HOME", "relative/config", 1);
	got = theme_find("light");
	assert_non_null(got);
	assert_string_equal(got, path);
	free(got);

	/* An empty XDG_CONFIG_HOME too. */
	setenv("XDG_CONFIG_HOME", "", 1);
	got = theme_find("light");
	assert_non_null(got);
	assert_string_equal(got, path);
	free(got);

	env_restore(&e);
	tu_tmpdir_remove(tmp);
}

static char *list_themes(void)
{
	FILE *f = tmpfile();
	char *buf = malloc(65536);
	size_t n;

	assert_non_null(f);
	assert_non_null(buf);
	theme_list(f);
	rewind(f);
	n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The line for NAME ("NAME\tWHERE"), its number (1-based) or 0, and how
 * many lines name it. */
static int line_of(const char *text, const char *name, int *times, char *where, size_t wsz)
{
	int no = 0, found = 0;
	const char *p = text;

	*times = 0;
	while (*p) {
		const char *e = strchr(p, '\n'), *tab = strchr(p, '\t');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		no++;
		if (tab && tab < p + len && (size_t)(tab - p) == strlen(name) &&
		    !strncmp(p, name, strlen(name))) {
			if (!found) {
				found = no;
				snprintf(where, wsz, "%.*s", (int)(p + len - tab - 1), tab + 1);
			}
			(*times)++;
		}
		p += len + (e ? 1 : 0);
	}
	return found;
}

static void test_list(void **state)
{
	struct envsave e;
	char *tmp = tu_tmpdir(), path[4096], where[4096], *out;
	int times, at, dark_at, zeta_at, light_at;

	(void)state;
	env_save(&e);
	setenv("XDG_CONFIG_HOME", tmp, 1);
	mkdirs(tmp, "mlmat/themes");
	snprintf(path, sizeof path, "%s/mlmat/themes/zeta.yaml", tmp);
	tu_write_file(path, "name: zeta\nroles: {}\n");
	snprintf(path, sizeof path, "%s/mlmat/themes/dark.yaml", tmp);
	tu_write_file(path, "name: dark\nroles: {}\n");
	snprintf(path, sizeof path, "%s/mlmat/themes/default.yaml", tmp);
	tu_write_file(path, "name: default\nroles: {}\n");
	snprintf(path, sizeof path, "%s/mlmat/themes/.hidden.yaml", tmp);
	tu_write_file(path, "name: hidden\nroles: {}\n");
	snprintf(path, sizeof path, "%s/mlmat/themes/notes.txt", tmp);
	tu_write_file(path, "not a theme\n");

	out = list_themes();
	/* The built-in first, once. */
	assert_true(strncmp(out, "default\t", 8) == 0);
	at = line_of(out, "default", &times, where, sizeof where);
	assert_int_equal(at, 1);
	assert_int_equal(times, 1);
	/* The user's dark hides the source tree's; each name once. */
	dark_at = line_of(out, "dark", &times, where, sizeof where);
	assert_int_equal(times, 1);
	snprintf(path, sizeof path, "%s/mlmat/themes/dark.yaml", tmp);
	assert_string_equal(where, path);
	zeta_at = line_of(out, "zeta", &times, where, sizeof where);
	assert_int_equal(times, 1);
	assert_true(dark_at > 1 && zeta_at > dark_at);
	light_at = line_of(out, "light", &times, where, sizeof where);
	assert_int_equal(times, 1);
	assert_true(ends_with(where, "/themes/light.yaml"));
	assert_true(light_at > zeta_at);
	assert_int_equal(line_of(out, "high-contrast", &times, where, sizeof where) > 0, 1);
	assert_int_equal(times, 1);
	assert_int_equal(line_of(out, "mono", &times, where, sizeof where) > 0, 1);
	assert_int_equal(times, 1);
	assert_int_equal(line_of(out, "hidden", &times, where, sizeof where), 0);
	assert_int_equal(line_of(out, ".hidden", &times, where, sizeof where), 0);
	assert_int_equal(line_of(out, "notes", &times, where, sizeof where), 0);
	free(out);

	env_restore(&e);
	tu_tmpdir_remove(tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_names),
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_builtin_is_default_yaml),
		cmocka_unit_test(test_shipped_themes),
		cmocka_unit_test(test_mono_has_no_colour),
		cmocka_unit_test(test_high_contrast_basic),
		cmocka_unit_test(test_bad_fixtures),
		cmocka_unit_test(test_expected_covers_fixtures),
		cmocka_unit_test(test_good_partial),
		cmocka_unit_test(test_good_hex),
		cmocka_unit_test(test_good_no_roles),
		cmocka_unit_test(test_derived_8_colour_form),
		cmocka_unit_test(test_unreadable_and_too_big),
		cmocka_unit_test(test_parse_color),
		cmocka_unit_test(test_nearest8),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
