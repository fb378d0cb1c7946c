/* The roadmap pane: the team's open items, most important first, with
 * owner and due period, overdue ones marked. */
#ifndef MLMAT_PANE_ROADMAP_H
#define MLMAT_PANE_ROADMAP_H

#include "roadmap.h"

#include <stdbool.h>
#include <stddef.h>

struct roadmap_list {
	struct roadmap_row *rows;       /* open items, ranked */
	size_t n;
	const char **text;              /* what each says: its action, else its criterion */
	bool *overdue;                  /* due before the period current when loaded */
	char **blocked;                 /* what blocks each ("a, b"), NULL when nothing */
};

struct pane_ops;
extern const struct pane_ops pane_roadmap_ops;

#endif
