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
	long before_crit;               /* in the earlier one's, or -1 */
	size_t line;                    /* its line in the list */
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
	size_t nlines;                  /* of the list: names, moved answers, notes */
};

/* Where the pane is scrolled, kept by its screen: the scores' first line,
 * the selected moved answer and the list's first line; the draw keeps
 * them in range and notes a page of each: the score lines and the moved
 * answers it showed. */
struct change_scroll {
	size_t score_top, sel, top;
	size_t score_page, page;
};

/* Compares after with before (NULL: nothing to compare yet); both must
 * outlive c. Their models may differ: dimensions and criteria are matched
 * by id. */
void pane_change_load(struct change *c, const struct assessment *after,
		      const struct assessment *before);
void pane_change_free(struct change *c);
/* Draws what pane_change_load prepared into w: the scores from
 * sc->score_top on, then the list of moved answers (a dimension's name,
 * its moved answers, its notes) scrolled to keep the selected one in view,
 * which stands out when focused (the list keys move it). The list keeps
 * at least two thirds of the pane when the scores do not all fit; what is
 * out of view is said with the keys that bring it. */
void pane_change_draw(WINDOW *w, const struct change *c, struct change_scroll *sc, bool focused);
/* The whole text of moved answer i (for `i`): the criterion, both answers
 * with their origin, comment and evidence, and the dimension's notes in
 * both periods; title gets the criterion's id. The caller frees it. */
char *pane_change_text(const struct change *c, size_t i, char *title, size_t title_size);

#endif
