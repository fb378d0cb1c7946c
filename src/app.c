/* The app loop: the screen stack, key dispatch through each screen's key
 * table, polling for other processes' changes, and one terminal update per
 * frame. Screens and the help dialog reach it only through struct
 * screen_ops and app->help. */
#include "app.h"
#include "app_term.h"
#include "layout.h"
#include "osutil.h"
#include "xalloc.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define POLL_MS 250     /* unless told sooner, a change shows within 0.5 s */
#define IDLE_MS 120     /* keys have paused: let panes catch up */
#define RECHECK_MS 60   /* after a write was seen, the look that confirms it */
#define TICK_MS 1000    /* what shows the time is drawn again this often */

struct app *app_new(struct store *st, struct model *model, const char *db_path)
{
	struct app *app = xcalloc(1, sizeof *app);

	app->st = st;
	app->model = model;
	app->db_path = db_path;
	app->readonly = store_readonly(st);
	app->data_version = store_data_version(st);
	if (!store_audit_mark(st, app->audit_mark))
		app->audit_mark[0] = '\0';
	app->audit_seen = store_audit_last(st);
	app->polled_ms = os_monotonic_ms();
	app->poll_ms = POLL_MS;
	app->full_redraw = true;
	app->advance = true;
	if (app->readonly)
		app_message(app, false, "Read-only: you can look, not change.");
	return app;
}

void app_free(struct app *app)
{
	if (!app)
		return;
	app_mouse_stop(app);
	if (app->job)
		app->job->cancel(app);
	while (app->depth > 0) {
		struct screen *s = &app->stack[--app->depth];

		s->ops->destroy(s);
	}
	if (app->header)
		delwin(app->header);
	if (app->status)
		delwin(app->status);
	undo_free(&app->undo);
	free(app->past_ok);
	free(app);
}

void app_push(struct app *app, const struct screen_ops *ops, void *data)
{
	if (app->depth == MAX_SCREENS) {
		ops->destroy((struct screen[]){ { ops, data } });
		return;
	}
	app->stack[app->depth++] = (struct screen){ ops, data };
	app->full_redraw = true;
}

void app_pop(struct app *app)
{
	struct screen *s;

	if (app->depth == 0)
		return;
	s = &app->stack[--app->depth];
	s->ops->destroy(s);
	app->full_redraw = true;
	/* What the screen above changed, the ones below read again. */
	if (app->depth > 0)
		app_refresh(app);
}

struct screen *app_top(struct app *app)
{
	return app->depth ? &app->stack[app->depth - 1] : NULL;
}

void app_message(struct app *app, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_error = error;
}

void app_reload_all(struct app *app)
{
	int64_t last = store_audit_last(app->st);

	if (last >= 0)
		app->audit_seen = last;
	if (!store_audit_mark(app->st, app->audit_mark))
		app->audit_mark[0] = '\0';
	for (int i = 0; i < app->depth; i++)
		app->stack[i].ops->reload(app, &app->stack[i]);
}

/* app_refresh with the audit log's mark read already (mark, or "" when
 * it could not be). */
static bool refresh_from(struct app *app, const char mark[65])
{
	struct store_changes c;
	bool read = false;
	bool moved = mark[0] && strcmp(mark, app->audit_mark) != 0;

	/* A log that moved with no row after the last one seen was replaced
	 * (a restore of an older copy): everything is read again. */
	if (!store_changes_since(app->st, app->audit_seen, &c) || c.all ||
	    (moved && c.last == app->audit_seen)) {
		app_reload_all(app);
		return true;
	}
	memcpy(app->audit_mark, mark, sizeof app->audit_mark);
	app->audit_seen = c.last;
	for (int i = 0; c.nteams && i < app->depth; i++) {
		struct screen *s = &app->stack[i];

		if (!s->ops->changed)
			s->ops->reload(app, s);
		else if (!s->ops->changed(app, s, &c))
			continue;
		/* Only the top screen is drawn. */
		read = read || i == app->depth - 1;
	}
	return read;
}

bool app_refresh(struct app *app)
{
	char mark[65] = "";

	if (!store_audit_mark(app->st, mark))
		mark[0] = '\0';
	return refresh_from(app, mark);
}

size_t app_list_move(const struct app *app, size_t sel, size_t n, size_t page)
{
	long v = (long)sel, p = page > 0 ? (long)page : 1;

	if (n == 0)
		return 0;
	switch (app->key) {
	case 'j': case KEY_DOWN: v++; break;
	case 'k': case KEY_UP: v--; break;
	case KEY_NPAGE: v += p; break;
	case KEY_PPAGE: v -= p; break;
	case KEY_HOME: v = 0; break;
	case KEY_END: case 'G': v = (long)n - 1; break;
	default: break;
	}
	return (size_t)(v < 0 ? 0 : v >= (long)n ? (long)n - 1 : v);
}

void app_undo(struct app *app, struct screen *s)
{
	char what[300];

	(void)s;
	switch (undo_last(&app->undo, app->st, what, sizeof what)) {
	case UNDO_EMPTY:
		app_message(app, false, "Nothing to undo.");
		return;
	case UNDO_FAILED:
		snprintf(what, sizeof what, "%s", store_error(app->st));
		app_reload_all(app);
		app_message(app, true, "Not undone: %s", what);
		return;
	case UNDO_DONE:
		app_reload_all(app);
		app_message(app, false, "Undid: %s", what);
		return;
	}
}

static void draw_too_small(struct app *app)
{
	const char *msg = "Terminal too small - resize to at least 80x24, or q to quit";

	werase(stdscr);
	mvwaddnstr(stdscr, app->lines / 2, 0, msg, app->cols);
	{
		char size[64];

		snprintf(size, sizeof size, "now %dx%d", app->cols, app->lines);
		mvwaddnstr(stdscr, app->lines / 2 + 1, 0, size, app->cols);
	}
	wnoutrefresh(stdscr);
}

static void draw_header(struct app *app, const struct screen *s)
{
	struct rect r = { 0, 0, 1, app->cols };
	char right[600];
	int used;

	app->header = ui_window_at(app->header, &r);
	if (!app->header)
		return;
	werase(app->header);
	ui_fill(app->header, 0, 0, app->cols, ui_attr(ROLE_HEADER));
	used = ui_text(app->header, 0, 1, "mlmat", 5, ui_attr(ROLE_HEADER));
	used += ui_text(app->header, 0, 2 + used, s->ops->name, app->cols / 2, ui_attr(ROLE_HEADER));
	snprintf(right, sizeof right, "%s%s ", app->readonly ? "[read-only] " : "", app->db_path);
	{
		int w = ui_width(right), room = app->cols - used - 4;

		if (room > 10)
			ui_text(app->header, 0, w < room ? app->cols - w : used + 4, right, room,
				ui_attr(ROLE_HEADER));
	}
	wnoutrefresh(app->header);
}

static void draw_status(struct app *app, const struct screen *s)
{
	struct rect r = { app->lines - 1, 0, 1, app->cols };
	int x = 1;

	app->status = ui_window_at(app->status, &r);
	if (!app->status)
		return;
	werase(app->status);
	ui_fill(app->status, 0, 0, app->cols, ui_attr(ROLE_STATUS));
	/* A lost database stays said until the dashboard quits. */
	if (!app->message[0] && store_lost(app->st))
		app_message(app, true, "%s", STORE_LOST_MSG);
	if (app->message[0]) {
		ui_text(app->status, 0, 1, app->message, app->cols - 2,
			ui_attr(app->message_error ? ROLE_ERROR : ROLE_STATUS) |
			(app->message_error ? A_REVERSE : 0));
	} else if (app->job) {
		ui_text(app->status, 0, 1, app->job->status, app->cols - 2, ui_attr(ROLE_STATUS));
	} else {
		for (const struct keydef *k = s->ops->keys; k && k->key; k++) {
			int need = ui_width(k->label) + ui_width(k->help) + 3;

			if (!k->help[0] || x + need >= app->cols - 6)
				continue;
			x += ui_text(app->status, 0, x, k->label, 12, ui_attr(ROLE_STATUS) | ui_bold(ROLE_STATUS));
			x += 1 + ui_text(app->status, 0, x + 1, k->help, 30, ui_attr(ROLE_STATUS));
			x += 2;
		}
		ui_text(app->status, 0, app->cols - 7, "? help", 6, ui_attr(ROLE_STATUS) | ui_bold(ROLE_STATUS));
	}
	wnoutrefresh(app->status);
}

void app_render(struct app *app)
{
	app_draw(app);
	doupdate();
}

void app_draw(struct app *app)
{
	struct screen *s = app_top(app);

	app->stale = false;
	getmaxyx(stdscr, app->lines, app->cols);
	if (!s)
		return;
	if (app->lines < LAYOUT_MIN_LINES || app->cols < LAYOUT_MIN_COLS) {
		draw_too_small(app);
		doupdate();
		app->full_redraw = true;
		return;
	}
	app->frame_full = app->full_redraw;
	if (app->full_redraw) {
		/* Repaint everything after a resize, a screen change or Ctrl-L. */
		werase(stdscr);
		wnoutrefresh(stdscr);
		app->full_redraw = false;
	}
	s->ops->layout(app, s);
	draw_header(app, s);
	s->ops->draw(app, s);
	draw_status(app, s);
}

/* A write is seen as it starts: the -wal grows, frame by frame, before the
 * commit is synced and shown to readers. So a notification is not looked
 * at at once but 2 ms later, when the burst is over, then 5, 12 and 25 ms
 * after it until the change shows, and once more at 60 ms (a checkpoint
 * copying, a -wal just made) whatever it showed. */
static const int recheck_after[] = { 2, 5, 12, 25, RECHECK_MS };
#define NRECHECK ((int)(sizeof recheck_after / sizeof *recheck_after))

/* The store's descriptor said the files changed: a look is planned,
 * unless one already is for a change not seen yet (a stream of commits
 * does not put it off for ever). */
static void notified(struct app *app)
{
	app->notified = true;
	if (app->notified_at && !app->recheck_seen)
		return;
	app->notified_at = os_monotonic_ms();
	app->rechecks = 0;
	app->recheck_seen = false;
	app->recheck_at = app->notified_at + recheck_after[0];
}

static void plan_recheck(struct app *app, bool seen)
{
	app->recheck_at = 0;
	if (!app->notified_at)
		return;
	if (seen && !app->recheck_seen) {
		app->recheck_seen = true;
		app->rechecks = NRECHECK - 1;
	}
	while (app->rechecks < NRECHECK &&
	       app->notified_at + recheck_after[app->rechecks] <= app->polled_ms)
		app->rechecks++;
	if (app->rechecks == NRECHECK) {
		app->notified_at = 0;
		return;
	}
	app->recheck_at = app->notified_at + recheck_after[app->rechecks];
}

bool app_poll(struct app *app)
{
	char mark[65] = "";
	int64_t v;

	app->polled_ms = os_monotonic_ms();
	/* What the descriptor holds is looked at now; a commit it tells of
	 * that does not show yet keeps the looks going. */
	if (store_notify_drain(app->st))
		notified(app);
	app->notified = false;
	if (!app->readonly && !store_lost(app->st) && !store_check_files(app->st)) {
		app_message(app, true, "%s", STORE_LOST_MSG);
		app->stale = true;
	}
	v = store_data_version(app->st);
	plan_recheck(app, v != app->data_version);
	if (v == app->data_version)
		return false;
	app->data_version = v;
	/* Dashboards write where they are as they move: that alone must not
	 * make every other one read everything again. */
	if (store_audit_mark(app->st, mark) && !strcmp(mark, app->audit_mark)) {
		for (int i = 0; i < app->depth; i++)
			if (app->stack[i].ops->presence)
				app->stack[i].ops->presence(app, &app->stack[i]);
		app->stale = true;
	} else if (refresh_from(app, mark)) {
		app->stale = true;
	}
	return true;
}

void app_key(struct app *app, int key)
{
	struct screen *s = app_top(app);

	app->keys++;
	if (!s)
		return;
	if (key == KEY_RESIZE) {
		app->full_redraw = true;
		return;
	}
	if (key == KEY_CTRL('l')) {
		clearok(curscr, TRUE);
		app->full_redraw = true;
		return;
	}
	if (app->lines < LAYOUT_MIN_LINES || app->cols < LAYOUT_MIN_COLS) {
		if (key == 'q')
			app->quit = true;
		return;
	}
	app->message[0] = '\0';
	app->key = key;
	if (key == KEY_ESC && app->job) {
		app->job->cancel(app);
		return;
	}
	if (key == APP_KEY_MOUSE) {
		if (s->ops->mouse)
			s->ops->mouse(app, s, &app->mouse_ev);
		return;
	}
	if ((key == '?' || key == KEY_F(1)) && app->help) {
		app->help(app, s->ops);
		return;
	}
	if (s->ops->key && s->ops->key(app, s, key))
		return;
	for (const struct keydef *k = s->ops->keys; k && k->key; k++) {
		if (key != k->key && (!k->alt || key != k->alt))
			continue;
		if (k->edits && store_lost(app->st)) {
			app_message(app, true, "%s", STORE_LOST_MSG);
			return;
		}
		if (k->edits && app->readonly) {
			app_message(app, true, "Read-only: %s is not available (opened with --read-only "
				    "or without write access)", k->help);
			return;
		}
		k->run(app, s);
		return;
	}
}

/* The next key within ms, or ERR. Other processes' writes wake the wait
 * through the store's descriptor (inotify) where there is one, so their
 * changes show at once, not at the next look; *timed_out is false then
 * (and when the terminal has news). curses may hold bytes it read already
 * (a paste, a mouse report): those come first, without a wait. */
static int next_key(struct app *app, int ms, bool *timed_out)
{
	int fd = store_notify_fd(app->st), jfd = app->job ? app->job->fd : -1, key, n;
	struct pollfd p[3] = { { STDIN_FILENO, POLLIN, 0 }, { fd, POLLIN, 0 }, { jfd, POLLIN, 0 } };

	*timed_out = false;
	timeout(0);
	if ((key = getch()) != ERR)
		return key;
	if (fd < 0 && jfd < 0) {
		timeout(ms);
		key = getch();
		*timed_out = key == ERR;
		return key;
	}
	/* While a look is planned for a change not seen yet, the rest of
	 * its burst of writes need not wake the loop: that look reads them. */
	if (app->notified_at && !app->recheck_seen)
		p[1].fd = -1;
	n = poll(p, 3, ms);
	if (n > 0 && (p[1].revents & POLLIN) && store_notify_drain(app->st))
		notified(app);
	if (n > 0 && (p[1].revents & (POLLERR | POLLHUP | POLLNVAL))) {
		store_notify_stop(app->st);     /* back to looking every poll_ms */
		notified(app);
	}
	key = getch();
	/* A terminal that is gone is readable at once: the timeout path
	 * below finds out. */
	if (key == ERR && (n == 0 || (n > 0 && (p[0].revents & (POLLHUP | POLLERR | POLLNVAL)))))
		*timed_out = true;
	return key;
}

int app_read_key(struct app *app)
{
	struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
	bool timed_out;
	int key, wait;

	if (app_term_signal()) {
		app->quit = true;
		return ERR;
	}
	if (app_term_tstp())
		app_term_suspend(app);
	wait = app->idle_pending ? IDLE_MS : app->poll_ms;
	if (app->recheck_at) {
		int64_t left = app->recheck_at - os_monotonic_ms();

		wait = left < 0 ? 0 : left < wait ? (int)left : wait;
	}
	key = next_key(app, wait, &timed_out);
	/* Between keys, so that a message the job leaves is drawn before a
	 * key clears it. */
	if (key == ERR && app->job)
		app->job->tick(app);
	if (app_term_signal()) {
		app->quit = true;
		return ERR;
	}
	if (app_term_tstp()) {
		app_term_suspend(app);
		return ERR;
	}
	if (key == APP_KEY_MOUSE && !app_term_read_mouse(app, os_monotonic_ms()))
		return ERR;
	if (key != ERR) {
		/* Keys held down never time out: look for other processes'
		 * changes between them too, when told or at least every
		 * poll_ms. */
		if (app->notified || os_monotonic_ms() - app->polled_ms >= app->poll_ms)
			app_poll(app);
		return key;
	}
	if (!timed_out) {
		/* Woken by the store's descriptor, which planned a look (or by
		 * other files in the database's folder, which may never let the
		 * wait time out). */
		if (os_monotonic_ms() - app->polled_ms >= app->poll_ms)
			app_poll(app);
		return ERR;
	}
	/* A timeout, or the terminal is gone (a dropped connection without
	 * SIGHUP): then reads fail at once and the loop would spin. */
	if (poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))) {
		app->quit = true;
		app->terminal_gone = true;
		return ERR;
	}
	if (app->idle_pending) {
		struct screen *s = app_top(app);

		app->idle_pending = false;
		if (s && s->ops->idle && s->ops->idle(app, s))
			app->stale = true;
	}
	app_poll(app);
	return ERR;
}

int app_wait_key(struct app *app)
{
	for (;;) {
		int key = app_read_key(app);

		if (key != ERR || app->quit || app->stale)
			return key;
	}
}

/* On a screen (not in a text field, where a paste's text after an ESC
 * stays text), Esc with more bytes already behind it is a key the
 * terminal description does not know (tmux's Home is ESC [ 1 ~ under
 * TERM=xterm), not Esc, which goes back: the sequence is dropped. */
static int screen_key(int key)
{
	int more;

	if (key != KEY_ESC)
		return key;
	timeout(0);
	for (more = getch(); more != ERR; more = getch())
		key = ERR;
	return key;
}

int app_run(struct app *app)
{
	bool draw = true;
	int64_t drawn = 0;

	app_term_signals();
	while (!app->quit && app->depth > 0) {
		int key;

		/* After a key, a change or a resize; else once a second for
		 * what shows time passing (the pace, "ago"), not at every look
		 * for changes that found none. */
		if (draw || app->stale || app->full_redraw ||
		    os_monotonic_ms() - drawn >= TICK_MS) {
			app_render(app);
			drawn = os_monotonic_ms();
		}
		key = screen_key(app_read_key(app));
		draw = key != ERR;
		if (key != ERR)
			app_key(app, key);
	}
	if (app->job)
		app->job->cancel(app);
	return app_term_signal() ? 128 + app_term_signal() : 0;
}

void app_status_now(struct app *app, const char *msg)
{
	struct screen *s = app_top(app);

	app_message(app, false, "%s", msg);
	if (s && app->lines >= LAYOUT_MIN_LINES && app->cols >= LAYOUT_MIN_COLS) {
		draw_status(app, s);
		doupdate();
	}
}
