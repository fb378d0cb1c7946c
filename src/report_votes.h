/* The report's list of criteria where a revealed vote disagreed (CONTRACT
 * section 5): printed only for an assessment that has revealed votes. */
#ifndef MLMAT_REPORT_VOTES_H
#define MLMAT_REPORT_VOTES_H

#include "store.h"

#include <stdbool.h>
#include <stdio.h>

/* "Votes that disagreed:" and, per round with more than one answer, the
 * criterion, the round and each answer's count and voters; false with
 * store_error on a database error. */
bool report_votes(struct store *st, const struct assessment *a, bool ascii, FILE *out);

#endif
