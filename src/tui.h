/* The dashboard: an app holding the database, a stack of screens, and the
 * loop that reads keys, polls for other processes' changes and redraws
 * only what changed. Screens and panes are plug-ins behind small tables. */
#ifndef MLMAT_TUI_H
#define MLMAT_TUI_H

#include "layout.h"
#include "model.h"
#include "store.h"
#include "ui.h"

#include <stdbool.h>
#include <stdio.h>

#define KEY_ESC 27
#define KEY_CTRL(c) ((c) & 0x1f)
#define MAX_SCREENS 8
#define HEAT_MAX_PERIODS 40

struct app;
struct screen;

/* One key of a screen: dispatch and the `?` help come from the same table. */
struct keydef {
	int key, alt;           /* alt: a second key for the same action, or 0 */
	const char *label;      /* how help shows the key */
	const char *help;
	void (*run)(struct app *app, struct screen *s);
	bool edits;             /* refused when the database is read-only */
};

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
};

struct screen {
	const struct screen_ops *ops;
	void *data;
};

/* What the panes show for one team: its assessment (latest, or the one being
 * taken), scores over its periods, and its ranked open roadmap. */
struct team_view {
	int64_t team_id;
	struct assessment *a;           /* owned */
	int nperiods;
	int periods[HEAT_MAX_PERIODS];
	/* by [dimension * nperiods + period index]; level < 0 when absent */
	int *level;
	double *score, *gap;
	int *target;
	size_t ndims;
	struct roadmap_row *roadmap;
	size_t nroadmap;
};

struct app {
	struct store *st;
	struct model *model;            /* for new assessments */
	bool readonly, quit, heat_by_gap, full_redraw, terminal_gone;
	bool idle_pending;              /* a screen waits for keys to pause */
	int lines, cols;
	int64_t data_version;
	struct screen stack[MAX_SCREENS];
	int depth;
	char message[512];
	bool message_error;
	WINDOW *header, *status;
	const char *db_path;
};

/* Life cycle; the curses terminal must be set up by the caller. */
struct app *app_new(struct store *st, struct model *model, const char *db_path);
void app_free(struct app *app);
/* Lays out and draws the top screen into curses' virtual screen and
 * updates the terminal once. */
void app_render(struct app *app);
/* Handles one key (a curses key code). */
void app_key(struct app *app, int key);
/* Re-reads data when another process changed the database; true when it did. */
bool app_poll(struct app *app);
/* Waits up to half a second for a key; ERR on a timeout (after polling for
 * other processes' changes) or when the app must end (app->quit is set: a
 * signal, or the terminal went away). Every key loop uses it. */
int app_read_key(struct app *app);
/* Every screen's key table as "SCREEN<TAB>KEY<TAB>HELP" lines (mlmat --keys). */
void tui_print_keys(FILE *out);
/* Runs until quit, a signal, or the terminal goes away. */
int app_run(struct app *app);

void app_push(struct app *app, const struct screen_ops *ops, void *data);
void app_pop(struct app *app);
struct screen *app_top(struct app *app);
void app_message(struct app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Tells every screen to re-read its data. */
void app_reload_all(struct app *app);

/* A modal one-line prompt over the current screen; returns the text (to be
 * freed) or NULL when cancelled with Esc. validate returns an error message
 * or NULL. */
char *app_prompt(struct app *app, const char *title, const char *initial, size_t max_chars,
		 const char *(*validate)(const char *text, void *ctx), void *ctx);
/* A yes/no question; true only for y. */
bool app_confirm(struct app *app, const char *question);
/* The key table help as a modal overlay. */
void app_help(struct app *app, const struct screen_ops *ops);
/* Maps a curses key to a line editor key, or returns key unchanged. */
int app_editor_key(int key);

/* Asks for a path (default given) and writes the export there. */
struct export_filter;
void app_export(struct app *app, int what, const struct export_filter *f,
		const char *default_path);
/* ./mlmat-<what>-<team or org>-<period>.csv */
void export_default_path(int what, const char *team, int period, char *out, size_t size);

/* Team views shared by the screens. */
void team_view_load(struct app *app, struct team_view *v, int64_t team_id, int64_t assessment_id);
void team_view_refresh(struct app *app, struct team_view *v); /* heatmap + roadmap */
void team_view_free(struct team_view *v);

/* Panes. */
void pane_progress_draw(struct app *app, WINDOW *w, const struct team_view *v);
void pane_heatmap_draw(struct app *app, WINDOW *w, const struct team_view *v);
void pane_roadmap_draw(struct app *app, WINDOW *w, const struct team_view *v);
void panes_draw(struct app *app, const struct layout *l, WINDOW **wins,
		const struct team_view *v);
/* Keeps one window per rectangle, making new ones when the layout changed. */
WINDOW *app_window(WINDOW *old, const struct rect *r);

/* Screens. */
extern const struct screen_ops screen_home_ops;
extern const struct screen_ops screen_assess_ops;
extern const struct screen_ops screen_review_ops;
extern const struct screen_ops screen_org_ops;
void screen_review_open(struct app *app, int64_t team_id);
void screen_org_open(struct app *app);
void screen_home_open(struct app *app);
void screen_assess_open(struct app *app, int64_t assessment_id);
/* The new assessment form; opens the assessment when done. */
void screen_form_run(struct app *app, const char *default_team);

#endif
