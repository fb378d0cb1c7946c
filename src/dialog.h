/* Modal dialogs: a form of one or more text fields, edited in turn. */
#ifndef MLMAT_DIALOG_H
#define MLMAT_DIALOG_H

#include "lineedit.h"
#include "tui.h"

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

#endif
