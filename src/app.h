/* The dashboard's app loop: the database, a stack of screens, and the loop
 * that reads keys, polls for other processes' changes and redraws only
 * what changed. It knows no particular screen and no dialog: screens are
 * plug-ins behind struct screen_ops, and the `?` help is a hook given to
 * the app by whoever assembles the dashboard. */
#ifndef MLMAT_APP_H
#define MLMAT_APP_H

#include "model.h"
#include "mouse.h"
#include "store.h"
#include "ui.h"
#include "undo.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KEY_ESC 27
#define KEY_CTRL(c) ((c) & 0x1f)
#define MAX_SCREENS 8
/* What app_read_key returns for a mouse report (app->mouse_ev holds it):
 * a code above every key curses knows, bound to the report's start. */
#define APP_KEY_MOUSE (KEY_MAX + 0x400)

struct app;
struct screen;

/* One key of a screen: dispatch, the status bar, the `?` help and
 * `mlmat --keys` all come from the same table. */
struct keydef {
	int key, alt;           /* alt: a second key for the same action, or 0 */
	const char *label;      /* how help shows the key */
	const char *help;
	void (*run)(struct app *app, struct screen *s);
	bool edits;             /* refused when the database is read-only */
};

/* A screen. Data comes from the store in reload (and in the key handlers
 * that change it); layout places windows; draw only shows what they
 * prepared, so a frame costs no query and no computation. */
struct screen_ops {
	const char *name;
	void (*layout)(struct app *app, struct screen *s);
	void (*draw)(struct app *app, struct screen *s);
	/* Called when the database changed (here or in another process). */
	void (*reload)(struct app *app, struct screen *s);
	/* Keys outside the table (digits after a prefix, text); true when used. */
	bool (*key)(struct app *app, struct screen *s, int key);
	void (*destroy)(struct screen *s);
	const struct keydef *keys;
	/* Called when keys have paused (after a short wait when the screen
	 * asked for it with app->idle_pending); true when it changed the
	 * screen. Lets home follow a moving selection with its panes only once
	 * the cursor rests. */
	bool (*idle)(struct app *app, struct screen *s);
	/* Called instead of reload when only presence changed (another
	 * dashboard moved, or said it is still there); NULL: nothing shown
	 * depends on it. */
	void (*presence)(struct app *app, struct screen *s);
	/* A click or a wheel step (screen cells; NULL ignores the mouse).
	 * Each screen hit-tests its own windows and lists. */
	void (*mouse)(struct app *app, struct screen *s, const struct mouse_event *ev);
	/* Called instead of reload when recorded changes touched only the
	 * teams in c (c->nteams > 0, c->all false): the screen reads again
	 * what shows them, or nothing; true when it read anything (the
	 * screen is drawn again). NULL: reload. */
	bool (*changed)(struct app *app, struct screen *s, const struct store_changes *c);
};

struct screen {
	const struct screen_ops *ops;
	void *data;
};

/* Work running beside the loop (the dashboard's export), one at a time:
 * its descriptor wakes the loop, which calls tick while no key waits; tick ends
 * the job by setting app->job to NULL. Esc, and the end of app_run, call
 * cancel, which ends it before returning. status is shown on the status
 * line while there is no message. */
struct app_job {
	int fd;
	void (*tick)(struct app *app);
	void (*cancel)(struct app *app);
	char status[200];
};

struct app {
	struct store *st;
	struct model *model;            /* for new assessments */
	bool readonly, quit, heat_by_gap, full_redraw, terminal_gone;
	bool advance;                   /* an answer moves to the next criterion */
	long session_minutes;           /* a facilitated session's length, 0 for none */
	bool idle_pending;              /* a screen waits for keys to pause */
	bool stale;                     /* data changed since the last frame */
	/* The frame being drawn repaints the whole terminal (a screen may
	 * draw only its windows whose content changed otherwise), and the
	 * keys handled so far: a screen that saw no key since its last frame
	 * knows only data can have changed. */
	bool frame_full;
	unsigned long keys;
	int lines, cols;
	int key;                        /* the key being handled, for list keys */
	int64_t data_version;
	int64_t polled_ms;              /* when app_poll last looked */
	bool notified;                  /* the store's descriptor said: look */
	char audit_mark[65];            /* store_audit_mark at the last reload */
	int64_t audit_seen;             /* the audit row read last (app_refresh) */
	int poll_ms;                    /* look at least this often (250) */
	int64_t recheck_at;             /* look once more then (0: no need) */
	int64_t notified_at;            /* the store's last notification (0: seen to) */
	int rechecks;                   /* looks after it so far */
	bool recheck_seen;              /* one of them saw the change */
	struct screen stack[MAX_SCREENS];
	int depth;
	char message[512];
	bool message_error;
	WINDOW *header, *status;
	const char *db_path;
	/* `?`: shows the keys of a screen; NULL ignores the key. Set by the
	 * code that assembles the dashboard (the app loop draws no dialog). */
	void (*help)(struct app *app, const struct screen_ops *ops);
	/* The changes made in this dashboard, for U. */
	struct undo undo;
	/* Assessments that are not their team's latest, which the user said
	 * yes to changing in this session (asked once each). */
	int64_t *past_ok;
	size_t npast_ok;
	/* The terminal's mouse mode: asked for (app_mouse_setup), and on now
	 * (off while suspended by Ctrl-Z and after app_mouse_stop). */
	bool mouse_wanted, mouse_on;
	struct mouse_event mouse_ev;    /* the last report, for APP_KEY_MOUSE */
	struct mouse_clicks clicks;
	struct app_job *job;            /* NULL when none runs */
};

/* Life cycle; the curses terminal must be set up by the caller. */
struct app *app_new(struct store *st, struct model *model, const char *db_path);
void app_free(struct app *app);
/* Lays out and draws the top screen into curses' virtual screen and
 * updates the terminal once. */
void app_render(struct app *app);
/* The same without updating the terminal: a dialog draws itself over the
 * screen, then updates once, so the terminal never shows the screen
 * without the dialog. */
void app_draw(struct app *app);
/* Handles one key (a curses key code). */
void app_key(struct app *app, int key);
/* Re-reads data when another process changed the database; true when it did. */
bool app_poll(struct app *app);
/* Waits up to a quarter second for a key; ERR on a timeout (after polling for
 * other processes' changes) or when the app must end (app->quit is set: a
 * signal, or the terminal went away). Every key loop uses it. */
int app_read_key(struct app *app);
/* Waits for a key as long as nothing needs drawing: ERR only when the data
 * changed (app->stale), or the app must end. For modal loops, which so
 * draw nothing while idle. */
int app_wait_key(struct app *app);
/* After curses is set up: on turns the terminal's mouse reports on (xterm
 * SGR 1006: ESC [ ? 1000 h and ESC [ ? 1006 h), off leaves the terminal's
 * own selection (nothing is sent; stray reports are dropped).
 * app_mouse_stop turns them off again, before endwin; Ctrl-Z turns them
 * off while the dashboard is stopped. */
void app_mouse_setup(struct app *app, bool on);
void app_mouse_stop(struct app *app);
/* Runs until quit, a signal, or the terminal goes away. */
int app_run(struct app *app);

void app_push(struct app *app, const struct screen_ops *ops, void *data);
void app_pop(struct app *app);
struct screen *app_top(struct app *app);
void app_message(struct app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Tells every screen to re-read its data. */
void app_reload_all(struct app *app);
/* Tells the screens what the recorded changes since the last look
 * touched (app_pop, app_poll): a screen reads again only what shows the
 * teams changed (screen_ops.changed); nothing when nothing changed. True
 * when a screen read anything. */
bool app_refresh(struct app *app);
/* Shows msg on the status line at once, drawing nothing else (while the
 * store waits inside a change, say); it stays until the next message. */
void app_status_now(struct app *app, const char *msg);
/* U on every screen (each key table names it): undoes the last change made
 * in this dashboard and says on the status line what it undid. */
void app_undo(struct app *app, struct screen *s);
#define APP_UNDO_KEY { 'U', 0, "U", "undo the last change", app_undo, true }

/* The keys every list shares (j/k and the arrows, PgUp/PgDn, Home, End and
 * G): the selection after app->key in a list of n rows of which page are
 * shown. `g` is not "first": it stays the heatmap toggle where a screen has
 * one (README "Keys"). */
size_t app_list_move(const struct app *app, size_t sel, size_t n, size_t page);
#define APP_LIST_KEYS(run, what) \
	{ KEY_NPAGE, 0, "PgDn", "page down", run, false }, \
	{ KEY_PPAGE, 0, "PgUp", "page up", run, false }, \
	{ KEY_HOME, 0, "Home", "first " what, run, false }, \
	{ KEY_END, 'G', "End/G", "last " what, run, false }

#endif
