/* The terminal around the app loop (app_term.h). */
#include "app_term.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got_signal, got_tstp;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void on_tstp(int sig)
{
	(void)sig;
	got_tstp = 1;
}

/* The mouse mode goes straight to the terminal: curses knows nothing of
 * it (its own mouse support speaks SGR only where terminfo says so, which
 * tmux's entries do not), and has written each frame out by now. */
static void mouse_mode(struct app *app, bool on)
{
	const char *seq = on ? "\033[?1000h\033[?1006h" : "\033[?1006l\033[?1000l";
	size_t len = strlen(seq);

	if (app->mouse_on == on)
		return;
	app->mouse_on = on;
	fflush(stdout);
	while (len > 0) {
		ssize_t n = write(STDOUT_FILENO, seq, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return; /* the terminal is gone */
		seq += n;
		len -= (size_t)n;
	}
}

void app_mouse_setup(struct app *app, bool on)
{
	char *taken = keybound(APP_KEY_MOUSE, 0);

	/* A report's "ESC [ <" becomes one key, whatever terminfo calls it
	 * (xterm's kmous is the same bytes, for curses' own mouse code). With
	 * the mouse off too: reports a terminal sends anyway (a program before
	 * left its mouse mode on) are read whole and dropped, not taken for
	 * the keys their bytes spell ("0;6;6M": M merges teams). */
	if (taken || define_key("\033[<", APP_KEY_MOUSE) != OK) {
		free(taken);
		return;
	}
	app->mouse_wanted = on;
	mouse_mode(app, on);
}

void app_mouse_stop(struct app *app)
{
	app->mouse_wanted = false;
	mouse_mode(app, false);
}

/* Ctrl-Z: the terminal as the shell had it (no mouse reports) while
 * stopped, and the dashboard back as it was on `fg`. */
void app_term_suspend(struct app *app)
{
	struct sigaction sa;

	got_tstp = 0;
	mouse_mode(app, false);
	endwin();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, NULL);
	raise(SIGTSTP);
	/* Continued. */
	sa.sa_handler = on_tstp;
	sigaction(SIGTSTP, &sa, NULL);
	clearok(curscr, TRUE);
	app->full_redraw = true;
	app->stale = true;
	doupdate(); /* curses' own terminal modes again */
	if (app->mouse_wanted)
		mouse_mode(app, true);
}

/* A report arrives in one piece: 50 ms between its bytes allow for a slow
 * link. */
bool app_term_read_mouse(struct app *app, int64_t now_ms)
{
	char buf[MOUSE_REPORT_MAX];
	size_t n = 0;
	int c = 0;

	timeout(50);
	while (n < sizeof buf && (c = getch()) != ERR) {
		buf[n++] = (char)c;
		if (c == 'M' || c == 'm')
			break;
	}
	if (!mouse_sgr_parse(buf, n, &app->mouse_ev) || app->mouse_ev.kind == MOUSE_NONE ||
	    !app->mouse_wanted)
		return false;
	mouse_note_click(&app->clicks, &app->mouse_ev, now_ms);
	return true;
}

void app_term_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_tstp;
	sigaction(SIGTSTP, &sa, NULL);
}

int app_term_signal(void)
{
	return got_signal;
}

bool app_term_tstp(void)
{
	return got_tstp != 0;
}
