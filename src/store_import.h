/* The store's side of `mlmat import` (CONTRACT section 6): an empty
 * assessment made for imported answers, and a batch of answers, comments
 * and evidence applied to one assessment with its scores, roadmap and
 * audit. Every call sits inside one transaction the caller holds
 * (store_begin ... store_commit, or store_rollback): a whole import is one
 * commit or nothing. The rules (conflicts, n/a, sign-off) are checked by
 * the caller (src/import.c) before it applies anything. */
#ifndef MLMAT_STORE_IMPORT_H
#define MLMAT_STORE_IMPORT_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A new assessment of team (created when missing) for period, taken with
 * model m: empty, not copied from an earlier one. Audited as 'create',
 * naming source. Its id, 0 on failure. */
int64_t store_import_create(struct store *st, const char *team, int period,
			    const struct model *m, const char *facilitator, const char *source);

/* One criterion's imported values. */
struct store_import_change {
	size_t crit;                    /* index in the assessment's model */
	enum answer answer;             /* ANS_UNKNOWN: left as it is */
	const char *comment, *evidence; /* NULL: left as it is */
};
/* Writes the changes into a (loaded inside this transaction; the caller
 * checked that it is open): answers become answered, and an answer that
 * changes moves its roadmap item as a person's would (audited
 * 'roadmap-status'); then rescores, saves the dimensions touched, syncs the
 * roadmap when a is its team's latest, and audits one 'import' row with
 * detail. */
bool store_import_apply(struct store *st, struct assessment *a,
			const struct store_import_change *ch, size_t n, const char *detail);

#endif
