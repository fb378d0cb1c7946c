/* The guided assessment of one team in one period. */
#ifndef MLMAT_SCREEN_ASSESS_H
#define MLMAT_SCREEN_ASSESS_H

#include "app.h"

#include <stdint.h>

extern const struct screen_ops screen_assess_ops;
/* Opens the assessment over the current screen (a message when it cannot). */
void screen_assess_open(struct app *app, int64_t assessment_id);
/* The same, following another dashboard that has it open (F on home). */
void screen_assess_open_following(struct app *app, int64_t assessment_id);

#endif
