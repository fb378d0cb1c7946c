/* `mlmat` with no command: checks the terminal, opens the database and
 * runs the dashboard. The dashboard is assembled here: the app loop, the
 * screens it starts with, the help dialog behind `?`, and the list of
 * screens whose keys `mlmat --keys` prints. */
#include "cli.h"
#include "config.h"
#include "cmd.h"
#include "app.h"
#include "dialog.h"
#include "screen_assess.h"
#include "screen_home.h"
#include "screen_org.h"
#include "screen_refs.h"
#include "screen_review.h"

#include <langinfo.h>
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <term.h>
#include <unistd.h>

/* The screens, in the order --keys lists them. */
static const struct screen_ops *const screens[] = {
	&screen_home_ops, &screen_assess_ops, &screen_review_ops, &screen_org_ops, &screen_refs_ops,
};

int cmd_keys(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	for (size_t i = 0; i < sizeof screens / sizeof *screens; i++)
		for (const struct keydef *k = screens[i]->keys; k->key; k++)
			printf("%s\t%s\t%s%s\n", screens[i]->name, k->label, k->help,
			       k->edits ? " (edits)" : "");
	return EXIT_OK;
}

static bool terminal_known(const char **why)
{
	const char *term = getenv("TERM");
	int err = 0;

	if (!term || !*term) {
		*why = "TERM is not set";
		return false;
	}
	if (!strcmp(term, "dumb")) {
		*why = "TERM is 'dumb', which cannot show the dashboard";
		return false;
	}
	if (setupterm(term, STDOUT_FILENO, &err) != OK) {
		*why = "TERM names a terminal that terminfo does not know";
		return false;
	}
	del_curterm(cur_term);
	return true;
}

/* The locale the environment asks for (LC_ALL, then LC_CTYPE, then LANG)
 * when it names UTF-8 although the C library did not give us UTF-8: that
 * locale is not installed, and the terminal is probably UTF-8 all the same.
 * NULL otherwise. */
static const char *locale_missing(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };

	if (!strcmp(nl_langinfo(CODESET), "UTF-8"))
		return NULL;
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);

		if (!v || !*v)
			continue;
		for (const char *p = v; *p; p++)
			if (!strncasecmp(p, "utf-8", 5) || !strncasecmp(p, "utf8", 4))
				return v;
		return NULL;
	}
	return NULL;
}

/* MLMAT_POLL_MS: how often the dashboard looks for other processes'
 * changes when nothing tells it sooner (inotify does where it can). */
static void set_poll_ms(struct app *app, const char *v)
{
	char *end;
	long ms;

	if (!v || !*v)
		return;
	errno = 0;
	ms = strtol(v, &end, 10);
	if (errno || *end || ms < 10 || ms > 3600000)
		app_message(app, true, "MLMAT_POLL_MS=%s ignored: milliseconds from 10 to 3600000", v);
	else
		app->poll_ms = (int)ms;
}

/* A change waits for another process's write (a demo, an import, a
 * restore): say so, so a pressed key does not look lost. */
static void say_waiting(void *ctx)
{
	app_status_now(ctx, "Waiting for another writer to finish (up to 10 s)...");
}

int cmd_dashboard(int argc, char **argv)
{
	struct options o;
	struct store *st;
	struct model *m;
	struct theme *th;
	struct app *app;
	char *path, err[1200];
	const char *why, *nc = getenv("NO_COLOR");
	const struct config *cfg;
	const char *adv, *mouse;
	bool color, ascii;
	int status;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("mlmat: the dashboard needs a terminal; for pipes and scripts use "
		      "'mlmat export' (CSV) or 'mlmat report' (text)\n", stderr);
		return EXIT_USAGE;
	}
	if (!cli_parse(argc, argv, OPT_DB | OPT_MODEL | OPT_THEME | OPT_NO_COLOR | OPT_ASCII |
			   OPT_READ_ONLY | OPT_SESSION_MINUTES, &o))
		return EXIT_USAGE;
	/* The configuration holds some of the dashboard's settings: a bad
	 * one stops it before the screen changes. */
	if (!(cfg = cli_config())) {
		free(o.args);
		return EXIT_BAD_INPUT;
	}
	if (!terminal_known(&why)) {
		fprintf(stderr, "mlmat: %s (set TERM to your terminal, e.g. xterm-256color)\n", why);
		free(o.args);
		return EXIT_BAD_INPUT;
	}
	th = cli_theme(&o);
	if (!th) {
		free(o.args);
		return EXIT_BAD_INPUT;
	}
	m = cli_model(&o);
	if (!m) {
		theme_free(th);
		free(o.args);
		return EXIT_BAD_INPUT;
	}
	path = cli_db_path(&o);
	/* glibc raises its mmap threshold each time a large block is freed;
	 * past that, the team lists and the organisation grid (hundreds of KB
	 * at 10,000 teams) come from the heap and leave it in pieces as
	 * screens open and close. A fixed threshold hands each back when it
	 * is freed: 1 MB less peak memory at 10,000 teams. */
#ifdef M_MMAP_THRESHOLD
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	st = path ? store_open(path, STORE_SMALL_CACHE | (o.read_only ? STORE_READONLY : STORE_CREATE),
			       err, sizeof err)
		  : NULL;
	if (!st) {
		if (path)
			cli_error(err);
		theme_free(th);
		model_free(m);
		free(path);
		free(o.args);
		return EXIT_BAD_INPUT;
	}
	/* Assessments taken with this model are read with it: one parse per
	 * start. Not recorded yet, or an error: they parse the stored copy. */
	store_model_adopt(st, m);
	/* Flags, then the environment, then the configuration. */
	color = !o.no_color && !(nc && *nc) && cfg->no_color != 1;
	ascii = o.ascii || cfg->ascii == 1 || strcmp(nl_langinfo(CODESET), "UTF-8") != 0;

	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE); /* 8-bit input: typed UTF-8 keeps its high bit */
	set_escdelay(25);
	curs_set(0);
	leaveok(stdscr, TRUE);
	ui_setup(th, color, ascii);
	theme_free(th);
	refresh();

	app = app_new(st, m, path);
	app->help = dialog_help;
	store_on_wait(st, say_waiting, app);
	if (ascii && !o.ascii && cfg->ascii != 1 && locale_missing() && !app->message[0])
		app_message(app, false, "Locale %s not installed: ASCII only (README: "
			    "Troubleshooting)", locale_missing());
	/* `advance: false` in the configuration, or MLMAT_ADVANCE=0 (which
	 * wins, as environment variables do), keeps the selection in place. */
	adv = getenv("MLMAT_ADVANCE");
	app->advance = adv && *adv ? strcmp(adv, "0") != 0 : cfg->advance != 0;
	set_poll_ms(app, getenv("MLMAT_POLL_MS"));
	app->session_minutes = (o.given & OPT_SESSION_MINUTES) ? o.session_minutes
				: cfg->session_minutes > 0 ? cfg->session_minutes : 0;
	/* The mouse likewise: `mouse: false` or MLMAT_MOUSE=0 leave the
	 * terminal's own selection (no mouse mode is sent). */
	mouse = getenv("MLMAT_MOUSE");
	app_mouse_setup(app, mouse && *mouse ? strcmp(mouse, "0") != 0 : cfg->mouse != 0);
	screen_home_open(app);
	status = app_run(app);
	store_on_wait(st, NULL, NULL);
	app_free(app);
	endwin();

	store_close(st);
	model_free(m);
	free(path);
	free(o.args);
	return status > 128 ? status : EXIT_OK;
}
