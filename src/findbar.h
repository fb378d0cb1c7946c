/* The find field: one line at the bottom of the screen where `/` takes a
 * text to look for. The screen follows every edit (live filtering or
 * searching), Enter keeps the text, Esc gives it up. */
#ifndef MLMAT_FINDBAR_H
#define MLMAT_FINDBAR_H

#include "app.h"

#include <stddef.h>

#define FINDBAR_MAX_CHARS 200

/* Called with the text so far, at the start and after every edit: the
 * screen applies it and writes what it found into info ("3 of 6 teams",
 * "match 2 of 7", "no match"). */
typedef void findbar_fn(struct app *app, void *ctx, const char *text, char *info, size_t size);

/* Runs the field over the top screen, starting with initial (NULL: empty);
 * returns the text on Enter (caller frees), NULL on Esc or when the app
 * ends. */
char *findbar_run(struct app *app, const char *initial, findbar_fn *fn, void *ctx);

#endif
