/* `x` on a screen: the rows behind what is shown, as CSV, or the HTML
 * report, to a path asked for in a prompt; never overwriting a file
 * without asking. */
#ifndef MLMAT_TUI_EXPORT_H
#define MLMAT_TUI_EXPORT_H

#include "app.h"
#include "export.h"

#include <stddef.h>

/* Asks for a path (default_path offered) and writes the export there,
 * saying what happened in the status line. */
void tui_export_run(struct app *app, enum export_what what, const struct export_filter *f,
		    const char *default_path);
/* The same, where the HTML report fits too (the review, the organisation
 * view): the prompt says so, and a name ending in .html (or .htm) gets the
 * report of team (NULL for the organisation) at period (NO_PERIOD for the
 * latest) instead of the CSV. */
void tui_export_offer(struct app *app, enum export_what what, const struct export_filter *f,
		      const char *default_path, const char *team, int period);
/* ./mlmat-<what>-<team or org>-<period>.csv, the team name made safe for a
 * file name; team NULL for the organisation, period NO_PERIOD for all. */
void tui_export_default_path(enum export_what what, const char *team, int period, char *out,
			     size_t size);

#endif
