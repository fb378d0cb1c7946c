/* The level progress pane: a bar per dimension from the lowest level to
 * the highest, the target marked, and the overall score. */
#ifndef MLMAT_PANE_PROGRESS_H
#define MLMAT_PANE_PROGRESS_H

struct pane_ops;
extern const struct pane_ops pane_progress_ops;

#endif
