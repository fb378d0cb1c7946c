/* The level progress pane: a bar per dimension from the lowest level to
 * the highest, the target marked, and the overall score. */
#ifndef MLMAT_PANE_PROGRESS_H
#define MLMAT_PANE_PROGRESS_H

#include "model.h"

#include <stddef.h>

/* The pane's lines, shared with the review's scores: with groups, each
 * group's line then its dimensions. Line i is group *g (and *d -1) or
 * dimension *d. */
size_t pane_progress_lines(const struct model *m);
void pane_progress_line(const struct model *m, size_t i, long *g, long *d);

struct pane_ops;
extern const struct pane_ops pane_progress_ops;

#endif
