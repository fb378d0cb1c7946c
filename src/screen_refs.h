/* The references view: the model's references with the team's answers. */
#ifndef MLMAT_SCREEN_REFS_H
#define MLMAT_SCREEN_REFS_H

#include "app.h"

extern const struct screen_ops screen_refs_ops;
void screen_refs_open(struct app *app, int64_t team_id);

#endif
