/* The plain-text summary of `mlmat report`: per team, the overall score,
 * the state (open or signed off), per dimension level, score, target and
 * gap (under their group with its score when the model has groups), the
 * top roadmap items with what blocks them, the references met per standard
 * and per reference when the model cites any, and every comment and
 * evidence. */
#ifndef MLMAT_REPORT_H
#define MLMAT_REPORT_H

#include "store.h"

#include <stdio.h>

/* team NULL for every team; period NO_PERIOD for each team's latest.
 * Returns false with store_error on a database error. */
bool report_write(struct store *st, const char *team, int period, bool ascii, FILE *out);

/* Open roadmap items of the team ordered by importance: the gap of their
 * dimension in the latest assessment times its weight, then model order. */
bool report_roadmap_ranked(struct store *st, const struct assessment *latest,
			   struct roadmap_row **out, size_t *n);

#endif
