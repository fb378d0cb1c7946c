/* `mlmat import` (CONTRACT section 6): rows with the `--what criteria`
 * columns (header required, columns by name, extra columns ignored; the
 * columns used: team, period, criterion_id, answer, and when present
 * dimension_id, comment and evidence), checked whole and applied in one
 * transaction, or not at all. */
#ifndef MLMAT_IMPORT_H
#define MLMAT_IMPORT_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>

struct import_opts {
	bool dry_run;                   /* check and count, then roll back */
	bool force;                     /* take the file's answer in a conflict */
	const struct model *model;      /* for the assessments the import creates */
	const char *facilitator;        /* of those */
	size_t max_errors;              /* messages kept; the rest are counted */
};

struct import_error {
	size_t line;
	char *msg;                      /* "FILE:LINE: error: ..." */
};

struct import_result {
	size_t rows, created, updated;
	size_t answers_set;             /* where the answer was unknown */
	size_t answers_changed;         /* another answer replaced (--force) */
	size_t answers_confirmed;       /* the same answer, carried before */
	size_t comments, evidence;      /* set or changed */
	struct import_error *errors;    /* the first max_errors found, by line */
	size_t nkept, nerrors;          /* messages kept, errors in all */
};

/* Reads path and imports it into st: 1 done (for a dry run: would be done;
 * nothing changed), 0 bad input (r->errors says where; nothing changed),
 * -1 a file or database failure (err holds "mlmat: ..."). */
int import_file(struct store *st, const char *path, const struct import_opts *o,
		struct import_result *r, char *err, size_t errsz);
void import_result_free(struct import_result *r);

#endif
