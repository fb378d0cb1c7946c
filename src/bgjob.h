/* Work beside the dashboard: one function run in a thread of its own on a
 * read-only connection of its own to the database, so that keys and live
 * updates go on while it runs (the dashboard's export). The owner polls a
 * descriptor for news (progress, the end) and may cancel at any time. */
#ifndef MLMAT_BGJOB_H
#define MLMAT_BGJOB_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bgjob;

/* Runs in the job's thread with the job's own store; on failure returns
 * false with a message ("mlmat: ...") in err. It touches nothing the
 * owner's thread uses, and calls bgjob_progress (or bgjob_cancelled) often
 * enough to stop soon after a cancel. */
typedef bool (*bgjob_fn)(struct bgjob *job, struct store *st, void *ctx, char *err,
			 size_t errsz);

/* Opens main's database again, read-only (store_open_reader), and starts
 * fn(ctx) in a new thread; NULL with "mlmat: ..." in err when it cannot. */
struct bgjob *bgjob_start(struct store *main, bgjob_fn fn, void *ctx, char *err, size_t errsz);
/* Readable when the job has news for bgjob_poll. */
int bgjob_fd(const struct bgjob *job);
/* In the job: done of total (total -1 while unknown); wakes the owner when
 * the percentage moves. False once the job is cancelled. */
bool bgjob_progress(struct bgjob *job, int64_t done, int64_t total);
bool bgjob_cancelled(const struct bgjob *job);
/* The owner: empties the descriptor and gives the latest progress; true
 * once the job has ended (bgjob_finish then returns at once). */
bool bgjob_poll(struct bgjob *job, int64_t *done, int64_t *total);
/* The owner: asks the job to stop; the query it runs fails at once. */
void bgjob_cancel(struct bgjob *job);
/* The owner: waits for the end, closes the connection and frees the job.
 * Returns fn's result (its message in err on failure). */
bool bgjob_finish(struct bgjob *job, char *err, size_t errsz);

#endif
