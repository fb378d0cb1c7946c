/* Blind votes on a criterion (CONTRACT section 5): a round opened by one
 * dashboard, one answer per other dashboard ("HOST:PID", changeable until
 * the round closes), the spread revealed, and the answer set by whoever
 * opened it (which closes the round; its votes stay recorded). At most one
 * round per assessment is open at a time; a later round on the same
 * criterion is round 2, 3, ... Every step is audited, a vote without its
 * answer (votes stay blind in the audit log until revealed). Nothing is
 * accepted on a signed-off assessment. */
#ifndef MLMAT_STORE_VOTE_H
#define MLMAT_STORE_VOTE_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vote_round {
	int64_t id, assessment_id;
	char *criterion_id;
	int round;
	char *opened_by;        /* OS user */
	char *opener;           /* "HOST:PID" of the dashboard that opened it */
	bool revealed, closed;
};

struct vote_cast {
	char *voter;            /* "HOST:PID" */
	char *os_user;
	enum answer vote;
	char at[21];
};

/* The assessment's open round, by the lookup convention of store.h. */
int store_vote_current(struct store *st, int64_t assessment_id, struct vote_round *r);
void store_vote_round_clear(struct vote_round *r);
/* The round's votes, oldest first. */
bool store_vote_list(struct store *st, int64_t round_id, struct vote_cast **out, size_t *n);
void store_vote_list_free(struct vote_cast *v, size_t n);

/* Opens a round on criterion crit of a (refused when another round of a is
 * open); returns its id, 0 on error. */
int64_t store_vote_open(struct store *st, const struct assessment *a, size_t crit);
/* This dashboard's vote (yes, partly, no or n/a) in an open round. */
bool store_vote_cast(struct store *st, int64_t round_id, enum answer v);
bool store_vote_reveal(struct store *st, int64_t round_id);
/* Closes the round: with an answer (not unknown) sets it on a (as
 * store_set_answer does, in the same transaction); with ANS_UNKNOWN
 * cancels the round. */
bool store_vote_close(struct store *st, struct assessment *a, int64_t round_id, enum answer v);

/* Every vote cast on the assessment (on criterion crit only, unless NULL),
 * in the model's order of criteria, then by round and time; revealed
 * tells whether its round was revealed. */
typedef void (*store_vote_fn)(void *ctx, const char *criterion_id, int round,
			      const char *os_user, enum answer vote, const char *at,
			      bool revealed);
bool store_vote_each(struct store *st, int64_t assessment_id, const char *crit,
		     store_vote_fn fn, void *ctx);

#endif
