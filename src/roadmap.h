/* The roadmap rules of CONTRACT section 3, without storage: which criteria
 * are in a dimension's gap, and how an answer change moves an item. Used by
 * the store for live edits and by the demo generator. */
#ifndef MLMAT_ROADMAP_H
#define MLMAT_ROADMAP_H

#include "model.h"
#include "score.h"

#include <stdbool.h>

enum rm_status { RM_PLANNED = 0, RM_IN_PROGRESS, RM_DONE, RM_DROPPED, RM_NSTATUS };

#define NO_PERIOD (-1)

struct rm_item {
	bool exists;
	enum rm_status status;
	/* The status before an answer made the item done (RM_NSTATUS for
	 * none): a yes taken back returns the item to it. */
	enum rm_status before_done;
	int created_period, done_period;    /* period indexes or NO_PERIOD */
};

const char *rm_status_name(enum rm_status s);
bool rm_status_parse(const char *s, enum rm_status *out);

/* True when criterion c, answered no or partly, lies in its dimension's
 * gap: at a level from the dimension's level + 1 up to the larger of that
 * and the target (NO_LEVEL for none), so the next level is always on the
 * roadmap. Unknown and n/a plan no work: what was not assessed, or does not
 * apply, is no gap. */
bool roadmap_in_gap(const struct model *m, size_t c, enum answer a, int level, int target);

/* The answer to the item's criterion in the latest assessment moved from
 * old to now; returns true when the item changed. To yes: done, and the
 * status it had is kept in before_done; from yes: back to that status
 * (planned when none). */
bool roadmap_on_answer(struct rm_item *it, enum answer old, enum answer now, int latest_period);

/* A person sets the status: done records the latest period, anything else
 * clears it; a status set by hand is no answer's to take back. */
void roadmap_set_status(struct rm_item *it, enum rm_status s, int latest_period);

/* One roadmap item as stored, with its place in the model (ord). */
struct roadmap_row {
	char *criterion_id, *dimension_id, *action, *owner;
	enum rm_status status;
	int due_period, created_period, done_period;
	int ord;
};

/* The criteria that block criterion crit: those it requires that are
 * neither yes nor n/a in answers, written to out (room for the criterion's
 * nrequires); returns how many. */
size_t roadmap_blockers(const struct model *m, const enum answer *answers, size_t crit,
			size_t *out);

/* For each of n rows, the ids of the criteria blocking an open (planned or
 * in-progress) item, as "a, b", or NULL when nothing blocks it (done and
 * dropped items are never blocked); answers are those of the team's latest
 * assessment, on model m. NULL for n 0. Free with roadmap_blocked_free. */
char **roadmap_blocked_list(const struct model *m, const enum answer *answers,
			    const struct roadmap_row *rows, size_t n);
void roadmap_blocked_free(char **blocked, size_t n);

/* Orders open items by importance: the gap of their dimension (scores by
 * model dimension) times the dimension's weight, largest first, then model
 * order; an item whose criterion requires another item's comes after it. */
void roadmap_rank(const struct model *m, const struct dim_score *scores,
		  struct roadmap_row *rows, size_t n);

#endif
