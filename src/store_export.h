/* The rows behind each CSV export (CONTRACT section 4), walked in the
 * contract's order and handed over as typed values: the store runs the
 * queries, export.c only formats. */
#ifndef MLMAT_STORE_EXPORT_H
#define MLMAT_STORE_EXPORT_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum store_export_kind {
	STORE_EXPORT_ANSWERS, STORE_EXPORT_CRITERIA, STORE_EXPORT_ROADMAP, STORE_EXPORT_AUDIT,
	STORE_EXPORT_VOTES,
};

struct store_export_filter {
	const char *team;       /* NULL for all */
	int period;             /* NO_PERIOD for all; not for the roadmap */
	int64_t assessment;     /* 0 for all; not for the roadmap */
};

/* One column of a row. Each kind's columns are those of its CSV (CONTRACT
 * section 4) in order, typed as the letters beside its query in
 * store_export.c say: text columns fill s, integer columns i (an answer is
 * its enum answer value), real columns f. */
struct store_value {
	bool null;
	int64_t i;
	double f;
	const char *s;          /* NULL when null; valid during the call */
};

/* Called once per row with its n columns; returning false stops the walk
 * (store_export_rows then returns false too, the message being the
 * caller's to give). */
typedef bool (*store_export_fn)(void *ctx, const struct store_value *v, size_t n);

/* Walks the kind's rows in one statement (one state of the database). */
bool store_export_rows(struct store *st, enum store_export_kind kind,
		       const struct store_export_filter *f, store_export_fn fn, void *ctx);
/* How many rows store_export_rows would walk (inside store_read_begin, the
 * same state), -1 on error. */
int64_t store_export_count(struct store *st, enum store_export_kind kind,
			   const struct store_export_filter *f);
/* Makes the statement running on st fail at once (SQLITE_INTERRUPT): the
 * one call another thread may make on a connection its worker uses. */
void store_interrupt(struct store *st);
/* A second, read-only connection to main's database in this process, for
 * a reader in another thread (bgjob.c); NULL with "mlmat: ..." in err.
 * Never store_open: its checks open and close the files through
 * descriptors of their own, and closing any descriptor of a file drops
 * every POSIX lock the process holds on it, main's included (another
 * process could then checkpoint and delete the -wal under it). */
struct store *store_open_reader(struct store *main, char *err, size_t errsz);

#endif
