/* The report's criteria where a revealed vote disagreed (CONTRACT section
 * 5): gathered per assessment for report_data.c, written by each format. */
#ifndef MLMAT_REPORT_VOTES_H
#define MLMAT_REPORT_VOTES_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>

/* A round of votes on one criterion, revealed (or closed), whose votes
 * were not all the same answer. */
struct report_disagreement {
	size_t crit;                    /* in the assessment's model */
	int round;
	size_t count[ANS_COUNT];        /* votes by answer */
	char *who[ANS_COUNT];           /* the voters of each answer, "a, b"; NULL for none */
};

/* The order answers are listed in: yes, partly, no, n/a. */
extern const enum answer report_vote_order[4];

/* The disagreeing rounds of a, by criterion then round; *any_revealed:
 * a has a revealed round at all (then "none" is worth saying). False with
 * store_error on a database error. */
bool report_votes_collect(struct store *st, const struct assessment *a,
			  struct report_disagreement **out, size_t *n, bool *any_revealed);
void report_votes_free(struct report_disagreement *d, size_t n);

#endif
