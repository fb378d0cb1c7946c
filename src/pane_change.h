/* The review's change pane: a team's two compared assessments, score by
 * score, then the answers that moved, with the later one's notes. */
#ifndef MLMAT_PANE_CHANGE_H
#define MLMAT_PANE_CHANGE_H

#include "score.h"
#include "store.h"
#include "ui.h"

#include <stdbool.h>
#include <stddef.h>

/* An answer that differs between the two assessments. */
struct change_answer {
	size_t dim, crit;               /* in the later assessment's model */
	enum answer was;
};

struct change {
	const struct assessment *after, *before;        /* not owned */
	/* by dimension of after: before's score, NAN where it has none */
	double *before_score;
	/* by group of after's model (NULL without groups): both group scores,
	 * before's NAN where its model has no group of that id */
	double *group_after, *group_before;
	struct change_answer *moved;    /* in model order */
	size_t nmoved;
};

/* Compares after with before (NULL: nothing to compare yet); both must
 * outlive c. Their models may differ: dimensions and criteria are matched
 * by id. */
void pane_change_load(struct change *c, const struct assessment *after,
		      const struct assessment *before);
void pane_change_free(struct change *c);
/* The lines of the list of answers that moved: a dimension's name, its
 * moved answers, then its notes. */
size_t pane_change_lines(const struct change *c);
/* Draws what pane_change_load prepared into w, the list of moved answers
 * from its line top on, with how many lines are hidden above and below;
 * focused: the list keys move it. Returns how many lines of the list fit. */
int pane_change_draw(WINDOW *w, const struct change *c, size_t top, bool focused);

#endif
