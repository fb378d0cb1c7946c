/* The quarterly review of one team: its history, the change between two
 * periods and its roadmap. */
#ifndef MLMAT_SCREEN_REVIEW_H
#define MLMAT_SCREEN_REVIEW_H

#include "app.h"

#include <stdint.h>

extern const struct screen_ops screen_review_ops;
void screen_review_open(struct app *app, int64_t team_id);

#endif
