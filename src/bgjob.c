/* A worker thread with its own SQLite connection. The owner and the worker
 * share only atomics, the pipe and (after the join) the result: the
 * connection is opened before the thread starts and closed after it ends,
 * so a cancel may interrupt it at any moment in between. */
#include "bgjob.h"
#include "store_export.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct bgjob {
	pthread_t thread;
	struct store *st;
	bgjob_fn fn;
	void *ctx;
	int pipe[2];                    /* [0] the owner's, [1] the worker's */
	atomic_bool cancelled, ended;
	_Atomic int64_t done, total;
	int said;                       /* the worker's last woken percentage */
	int pace_ms;                    /* MLMAT_TEST_JOB_PACE_MS, or 0 */
	bool ok;                        /* fn's result, read after the join */
	char err[1200];
};

static void wake(struct bgjob *j)
{
	char c = 0;

	/* A full pipe has news waiting already. */
	while (write(j->pipe[1], &c, 1) < 0 && errno == EINTR)
		;
}

static void *run(void *arg)
{
	struct bgjob *j = arg;

	j->ok = j->fn(j, j->st, j->ctx, j->err, sizeof j->err);
	atomic_store(&j->ended, true);
	wake(j);
	return NULL;
}

struct bgjob *bgjob_start(struct store *main, bgjob_fn fn, void *ctx, char *err, size_t errsz)
{
	struct bgjob *j = xcalloc(1, sizeof *j);
	sigset_t all, old;
	int e;

	j->st = store_open_reader(main, err, errsz);
	if (!j->st) {
		free(j);
		return NULL;
	}
	if (pipe(j->pipe) != 0) {
		snprintf(err, errsz, "mlmat: cannot start the export: %s", strerror(errno));
		store_close(j->st);
		free(j);
		return NULL;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(j->pipe[i], F_SETFD, FD_CLOEXEC);
		fcntl(j->pipe[i], F_SETFL, fcntl(j->pipe[i], F_GETFL) | O_NONBLOCK);
	}
	j->fn = fn;
	j->ctx = ctx;
	j->said = -1;
	/* Tests only: a pause at each percent, so that a test can act while a
	 * job runs however fast the machine reads. */
	if (getenv("MLMAT_TEST_JOB_PACE_MS"))
		j->pace_ms = atoi(getenv("MLMAT_TEST_JOB_PACE_MS"));
	atomic_init(&j->cancelled, false);
	atomic_init(&j->ended, false);
	atomic_init(&j->done, 0);
	atomic_init(&j->total, -1);
	/* Signals (a resize, Ctrl-Z, a TERM) go to the owner's thread, whose
	 * key loop handles them: the worker starts with all of them blocked. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	e = pthread_create(&j->thread, NULL, run, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e != 0) {
		snprintf(err, errsz, "mlmat: cannot start the export: %s", strerror(e));
		close(j->pipe[0]);
		close(j->pipe[1]);
		store_close(j->st);
		free(j);
		return NULL;
	}
	return j;
}

int bgjob_fd(const struct bgjob *job)
{
	return job->pipe[0];
}

bool bgjob_progress(struct bgjob *job, int64_t done, int64_t total)
{
	int pct = total > 0 ? (int)(done * 100 / total) : (int)(done >> 12);

	atomic_store(&job->total, total);
	atomic_store(&job->done, done);
	if (pct != job->said) {
		job->said = pct;
		wake(job);
		if (job->pace_ms > 0 && job->pace_ms <= 1000)
			usleep((useconds_t)job->pace_ms * 1000);
	}
	return !atomic_load(&job->cancelled);
}

bool bgjob_cancelled(const struct bgjob *job)
{
	return atomic_load(&job->cancelled);
}

bool bgjob_poll(struct bgjob *job, int64_t *done, int64_t *total)
{
	char buf[64];

	while (read(job->pipe[0], buf, sizeof buf) > 0)
		;
	*done = atomic_load(&job->done);
	*total = atomic_load(&job->total);
	return atomic_load(&job->ended);
}

void bgjob_cancel(struct bgjob *job)
{
	atomic_store(&job->cancelled, true);
	store_interrupt(job->st);
}

bool bgjob_finish(struct bgjob *job, char *err, size_t errsz)
{
	bool ok;

	pthread_join(job->thread, NULL);
	ok = job->ok;
	if (!ok)
		snprintf(err, errsz, "%s", job->err);
	store_close(job->st);
	close(job->pipe[0]);
	close(job->pipe[1]);
	free(job);
	return ok;
}
