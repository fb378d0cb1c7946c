/* Modal dialogs over the current screen: a form of text fields, a one-line
 * prompt, a yes/no question and the key help. Each reads keys through the
 * app loop and redraws the screen below it after a resize. */
#ifndef MLMAT_DIALOG_H
#define MLMAT_DIALOG_H

#include "app.h"
#include "lineedit.h"

#include <stdbool.h>
#include <stddef.h>

struct dialog_field {
	const char *label;
	const char *initial;
	size_t max_chars;
	/* Returns an error message to show at the field, or NULL. */
	const char *(*validate)(const char *text, void *ctx);
	void *ctx;
	struct lineedit ed;     /* the text, once accepted (caller frees) */
	const char *error;
};

/* Runs the form; true when every field was accepted (then the caller frees
 * each field's editor), false on Esc. */
bool dialog_fields(struct app *app, const char *title, struct dialog_field *f, int n);
/* A one-line prompt; returns the text (to be freed) or NULL when cancelled
 * with Esc. validate returns an error message or NULL. */
char *dialog_prompt(struct app *app, const char *title, const char *initial, size_t max_chars,
		    const char *(*validate)(const char *text, void *ctx), void *ctx);
/* A yes/no question; true only for y. */
bool dialog_confirm(struct app *app, const char *question);
/* A list of n items to pick one from (j/k, arrows, PgUp/PgDn, Home/End,
 * Enter); returns its index, or -1 on Esc or q. */
long dialog_choose(struct app *app, const char *title, const char *const *items, size_t n);
/* Another writer changed a text (what: "The notes") while its editor was
 * open: shows theirs and mine, and returns 'k' to keep mine or 't' to take
 * theirs (t, Esc, or the app ending). */
int dialog_conflict(struct app *app, const char *what, const char *theirs, const char *mine);
/* A text to read in a box that scrolls (j/k, arrows, PgUp/PgDn, Home/End)
 * until q, Esc or Enter; each line of text is a paragraph, wrapped. */
void dialog_text(struct app *app, const char *title, const char *text);
/* The screen's key table, and the keys every screen has, until a key is
 * pressed. Given to the app as its app->help hook. */
void dialog_help(struct app *app, const struct screen_ops *ops);
/* For other text fields: a curses key as a line editor key (LE_*, or the
 * key itself); whether more input is already waiting (a paste, or the rest
 * of a key sequence after an ESC); the editor's text drawn in width
 * columns, scrolled so the cursor shows, returning the cursor's column. */
int dialog_editor_key(int key);
bool dialog_input_pending(void);
int dialog_draw_edit(WINDOW *w, int y, int x, int width, const struct lineedit *e, bool active);

#endif
