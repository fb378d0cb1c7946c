/* Shared by the screen tests: curses set up once with newterm() on
 * /dev/null (output) and a pipe (input), the built-in theme, and helpers to
 * read the screen back from curscr, feed keys to dialogs and assert on the
 * text. Functions are static inline so each test uses what it needs. */
#ifndef MLMAT_SCREENTEST_H
#define MLMAT_SCREENTEST_H

#include "testutil.h"

#include "layout.h"
#include "theme.h"
#include "app.h"
#include "dialog.h"
#include "screen_assess.h"
#include "screen_home.h"
#include "screen_org.h"
#include "screen_review.h"
#include "period.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>

#define LINE_BYTES 4096

static SCREEN *scr;
static struct theme *theme; /* the built-in one */
static FILE *term_out, *term_in;
static int key_pipe[2] = { -1, -1 };

static inline int screentest_setup(const char *name)
{
	static const char *const terminfo_dirs[] = {
		NULL, "/usr/share/terminfo", "/lib/terminfo", "/etc/terminfo",
	};

	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "C.utf8")) {
		fprintf(stderr, "%s: no C.UTF-8 locale\n", name);
		return -1;
	}
	setenv("TERM", "xterm-256color", 1);
	/* The size before resizeterm; /dev/null has no window size. */
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	term_out = fopen("/dev/null", "w");
	if (!term_out || pipe(key_pipe) != 0 || !(term_in = fdopen(key_pipe[0], "r"))) {
		perror(name);
		return -1;
	}
	for (size_t i = 0; i < sizeof terminfo_dirs / sizeof terminfo_dirs[0] && !scr; i++) {
		if (terminfo_dirs[i])
			setenv("TERMINFO", terminfo_dirs[i], 1);
		scr = newterm("xterm-256color", term_out, term_in);
	}
	if (!scr) {
		fprintf(stderr, "%s: terminfo has no xterm-256color\n", name);
		return -1;
	}
	set_term(scr);
	/* As cmd_dashboard sets the terminal up. */
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	leaveok(stdscr, TRUE);
	/* ncurses turns 8-bit input on when the terminal's termios says CS8
	 * without ISTRIP, as a UTF-8 terminal does; a pipe has no termios, so
	 * say it here, or typed UTF-8 loses its high bits. */
	meta(stdscr, TRUE);
	/* Keys written ahead into the pipe must not cut a refresh short: the
	 * test reads what each frame drew. */
	typeahead(-1);
	{
		char err[512];

		theme = theme_load_builtin(err, sizeof err);
		if (!theme) {
			fprintf(stderr, "%s: built-in theme: %s\n", name, err);
			return -1;
		}
	}
	ui_setup(theme, false, false);
	return 0;
}

static inline int group_teardown(void **state)
{
	(void)state;
	if (scr) {
		endwin();
		delscreen(scr);
	}
	if (term_in)
		fclose(term_in);
	if (key_pipe[1] >= 0)
		close(key_pipe[1]);
	if (term_out)
		fclose(term_out);
	theme_free(theme);
	return 0;
}

static inline int screen_lines(void)
{
	return getmaxy(curscr);
}

/* Row y of the terminal as UTF-8 (wide characters once each). */
static inline const char *row(int y)
{
	static char buf[LINE_BYTES];
	int cy, cx;

	getyx(curscr, cy, cx);
	buf[0] = '\0';
	if (mvwinnstr(curscr, y, 0, buf, LINE_BYTES - 1) == ERR)
		buf[0] = '\0';
	wmove(curscr, cy, cx);
	return buf;
}

/* n bytes of ASCII text from row y at column x. */
static inline const char *cells(int y, int x, int n)
{
	static char buf[LINE_BYTES];
	int cy, cx;

	getyx(curscr, cy, cx);
	buf[0] = '\0';
	if (mvwinnstr(curscr, y, x, buf, n) == ERR)
		buf[0] = '\0';
	wmove(curscr, cy, cx);
	return buf;
}

static inline attr_t attr_at(int y, int x)
{
	return (attr_t)(mvwinch(curscr, y, x) & A_ATTRIBUTES);
}

static inline int find_row(const char *needle)
{
	for (int y = 0; y < screen_lines(); y++)
		if (strstr(row(y), needle))
			return y;
	return -1;
}

static inline void dump_screen(void)
{
	fprintf(stderr, "---- screen %dx%d ----\n", getmaxx(curscr), screen_lines());
	for (int y = 0; y < screen_lines(); y++) {
		const char *r = row(y);
		size_t n = strlen(r);

		while (n > 0 && r[n - 1] == ' ')
			n--;
		fprintf(stderr, "%2d|%.*s\n", y, (int)n, r);
	}
	fprintf(stderr, "---------------------\n");
}

/* Title text of a box drawn at r: from column x + 2 on its top row. */
static inline void assert_title_at(const struct rect *r, const char *title)
{
	const char *t = cells(r->y, r->x + 2, (int)strlen(title));

	if (strcmp(t, title) != 0) {
		dump_screen();
		fail_msg("at row %d column %d: '%s', expected the title '%s'", r->y, r->x + 2, t,
			 title);
	}
}

/* Keys for the next dialog, read by its getch. */
static inline void feed(const char *bytes)
{
	size_t n = strlen(bytes);

	assert_int_equal(write(key_pipe[1], bytes, n), (ssize_t)n);
}

/* Drops keys a test fed but nothing read. */
static inline void drain_keys(void)
{
	int fl = fcntl(key_pipe[0], F_GETFL);
	char buf[256];

	fcntl(key_pipe[0], F_SETFL, fl | O_NONBLOCK);
	while (read(key_pipe[0], buf, sizeof buf) > 0)
		;
	fcntl(key_pipe[0], F_SETFL, fl);
	flushinp();
}

static inline int per(const char *s)
{
	int p = 0;

	if (!period_parse(s, &p))
		fail_msg("bad period %s", s);
	return p;
}

#define assert_shown(text)                                                       \
	do {                                                                     \
		if (find_row(text) < 0) {                                        \
			dump_screen();                                           \
			fail_msg("'%s' is not on the screen", (text));           \
		}                                                                \
	} while (0)

#define assert_not_shown(text)                                                   \
	do {                                                                     \
		int y_ = find_row(text);                                         \
		if (y_ >= 0) {                                                   \
			dump_screen();                                           \
			fail_msg("'%s' is on row %d", (text), y_);               \
		}                                                                \
	} while (0)

#define assert_row_has(y, text)                                                  \
	do {                                                                     \
		if (!strstr(row(y), (text))) {                                   \
			dump_screen();                                           \
			fail_msg("row %d lacks '%s'", (y), (text));              \
		}                                                                \
	} while (0)

#endif
