/* Bulk writing for generated history (`mlmat demo`): rows written as the
 * caller computed them, with their own time stamps and scores, through the
 * store's statements. Every call must sit inside one transaction the caller
 * holds (store_begin ... store_commit, or store_rollback on failure):
 * thousands of rows then cost one commit. Nothing is rescored, synced or
 * audited on the caller's behalf. */
#ifndef MLMAT_STORE_BULK_H
#define MLMAT_STORE_BULK_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Removes the team of that name with its assessments (answers and
 * dimension rows go with them) and roadmap; its audit rows stay. No such
 * team is no error. */
bool store_bulk_team_remove(struct store *st, const char *name);
/* A new team; its id, 0 on failure (a name taken, say). */
int64_t store_bulk_team(struct store *st, const char *name, const char *created_at);

struct store_bulk_assessment {
	int64_t team_id, model_ref;     /* model_ref from store_model_ref */
	int period;
	const char *facilitator, *created_at, *updated_at;
	double overall, coverage;       /* as score_overall gives them */
};
/* A new assessment; its id, 0 on failure. */
int64_t store_bulk_assessment(struct store *st, const struct store_bulk_assessment *b);
/* A criterion's row, written once: its answer (unknown for none) with its
 * origin (carried or answered; none for unknown), its comment and evidence
 * (NULL for none). */
struct store_bulk_crit {
	const char *criterion_id;
	enum answer answer;
	enum origin origin;
	const char *comment, *evidence;
};
bool store_bulk_criterion(struct store *st, int64_t assessment_id, const struct store_bulk_crit *b);
/* The n rows b of one assessment, STORE_BULK_ROWS to a statement. */
#define STORE_BULK_ROWS 16
bool store_bulk_criteria(struct store *st, int64_t assessment_id, const struct store_bulk_crit *b,
			 size_t n);
/* Signs the assessment off as by at (ISO 8601 UTC). */
bool store_bulk_sign(struct store *st, int64_t assessment_id, const char *by, const char *at);
struct store_bulk_dim {
	const char *dimension_id;
	int target, override_level;                 /* NO_LEVEL when unset */
	const char *override_reason, *notes;        /* NULL when none */
	const char *updated_at;
};
/* A dimension's state and its scores. */
bool store_bulk_dim(struct store *st, int64_t assessment_id, const struct store_bulk_dim *b,
		    const struct dim_score *sc);
/* An audit row stamped at (ISO 8601 UTC); assessment_id 0 for none. */
bool store_bulk_audit(struct store *st, const char *at, int64_t assessment_id,
		      const char *action, const char *detail);
/* The roadmap item of criterion crit of m for the team, as it stands. */
bool store_bulk_roadmap(struct store *st, int64_t team_id, const struct model *m, size_t crit,
			const struct rm_item *it, const char *owner, int due_period);

#endif
