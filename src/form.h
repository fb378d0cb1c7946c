/* The new-assessment form (CONTRACT section 5): Team, Period, Facilitator,
 * each starting with its default; a bad value is refused at its field. */
#ifndef MLMAT_FORM_H
#define MLMAT_FORM_H

#include "app.h"

#include <stdint.h>

/* Asks for the three fields, then opens or creates the assessment and says
 * which in the status line; returns its id for the caller to open, or 0
 * when cancelled or not saved. */
int64_t form_new_assessment(struct app *app, const char *default_team);
/* A text field's check of a team name (the store's rule): the message, or
 * NULL when the name is good. */
const char *form_check_team_name(const char *text, void *ctx);

#endif
