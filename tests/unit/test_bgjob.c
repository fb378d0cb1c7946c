/* The worker behind the dashboard's export (src/bgjob.c with
 * export_write_watched): on a real SQLite file filled by demo_fill, a job
 * writes the same bytes as export_to_file, reports its rows against their
 * counted total, and a cancel stops it leaving no file (and an existing
 * file as it was); a database that cannot be opened is said at once. */
#include "testutil.h"

#include "bgjob.h"
#include "demo.h"
#include "export.h"
#include "model.h"
#include "period.h"
#include "store.h"

#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <time.h>

#define TEST_TIMEOUT 60

struct fx {
	char *dir;
	char db[4200], path[4200];
	struct store *st;
	struct model *m;
};

/* What a job writes, and how it behaves: hold stops it at hold_at rows
 * written (0: once counted, before the first) until it is cancelled or
 * released. */
struct job {
	struct bgjob *bg;               /* the worker's (set in work) */
	const char *path;
	bool force, hold;
	struct export_filter f;
	int hold_at;
	atomic_bool release;
};

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[1200] = "";
	struct demo_params p = { 20, 4, 7, 0, false };

	alarm(TEST_TIMEOUT);
	p.last_period = period_current();
	f->dir = tu_tmpdir();
	snprintf(f->db, sizeof f->db, "%s/mlmat.db", f->dir);
	snprintf(f->path, sizeof f->path, "%s/out.csv", f->dir);
	f->m = model_load_builtin(err, sizeof err);
	if (!f->m)
		fail_msg("built-in model: %s", err);
	f->st = store_open(f->db, STORE_CREATE, err, sizeof err);
	if (!f->st)
		fail_msg("store_open: %s", err);
	if (!demo_fill(f->st, f->m, &p))
		fail_msg("demo_fill: %s", store_error(f->st));
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->st);
	model_free(f->m);
	tu_tmpdir_remove(f->dir);
	free(f);
	return 0;
}

static bool watch(void *ctx, int64_t rows, int64_t total)
{
	struct job *j = ctx;
	bool go = bgjob_progress(j->bg, rows, total);

	while (go && j->hold && rows == j->hold_at && !atomic_load(&j->release)) {
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
		go = !bgjob_cancelled(j->bg);
	}
	return go;
}

static bool write_csv(struct store *st, FILE *out, void *ctx)
{
	struct job *j = ctx;

	return export_write_watched(st, EXPORT_CRITERIA, &j->f, out, watch, j);
}

static bool work(struct bgjob *bg, struct store *st, void *ctx, char *err, size_t errsz)
{
	struct job *j = ctx;

	j->bg = bg;
	return export_file_atomic(st, j->path, j->force, write_csv, j, err, errsz);
}

/* Waits on the job's descriptor, as the dashboard does, until it ends or
 * until the rows are counted and stop_at of them written (-1: the end);
 * the latest progress. */
static bool wait_job(struct bgjob *bg, int64_t stop_at, int64_t *rows, int64_t *total)
{
	for (;;) {
		struct pollfd p = { bgjob_fd(bg), POLLIN, 0 };
		bool ended = bgjob_poll(bg, rows, total);

		if (ended || (stop_at >= 0 && *total >= 0 && *rows >= stop_at))
			return ended;
		poll(&p, 1, 1000);
	}
}

static char *slurp(const char *path, size_t *n)
{
	FILE *in = fopen(path, "rb");
	char *buf;
	long len;

	assert_non_null(in);
	fseek(in, 0, SEEK_END);
	len = ftell(in);
	rewind(in);
	buf = malloc((size_t)len + 1);
	assert_int_equal(fread(buf, 1, (size_t)len, in), (size_t)len);
	fclose(in);
	*n = (size_t)len;
	return buf;
}

/* The names in the folder other than the database's files. */
static int others(const char *dir, char *first, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	first[0] = '\0';
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    !strncmp(e->d_name, "mlmat.db", 8))
			continue;
		if (n++ == 0)
			snprintf(first, size, "%s", e->d_name);
	}
	closedir(d);
	return n;
}

static void job_writes_what_export_writes(void **state)
{
	struct fx *f = *state;
	struct job j = { NULL, f->path, false, false, { NULL, NO_PERIOD, 0 }, 1, false };
	char err[1200] = "", want_path[4300], name[256];
	struct bgjob *bg = bgjob_start(f->st, work, &j, err, sizeof err);
	int64_t rows = -1, total = -1;
	size_t n1, n2;
	char *got, *want;

	if (!bg)
		fail_msg("bgjob_start: %s", err);
	assert_true(wait_job(bg, -1, &rows, &total));
	if (!bgjob_finish(bg, err, sizeof err))
		fail_msg("the job failed: %s", err);
	/* 20 teams, each with 1 to 4 assessments of every criterion. */
	assert_true(total > 0);
	assert_int_equal(rows, total);
	snprintf(want_path, sizeof want_path, "%s/want.csv", f->dir);
	assert_true(export_to_file(f->st, EXPORT_CRITERIA, &j.f, want_path, false, err, sizeof err));
	got = slurp(f->path, &n1);
	want = slurp(want_path, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(got, want, n1);
	free(got);
	free(want);
	unlink(want_path);
	unlink(f->path);
	assert_int_equal(others(f->dir, name, sizeof name), 0);
}

static void cancel_leaves_no_file(void **state)
{
	struct fx *f = *state;
	struct job j = { NULL, f->path, false, true, { NULL, NO_PERIOD, 0 }, 1, false };
	char err[1200] = "", name[256];
	struct bgjob *bg = bgjob_start(f->st, work, &j, err, sizeof err);
	int64_t rows = 0, total = -1;

	if (!bg)
		fail_msg("bgjob_start: %s", err);
	/* The job holds at its first row, its temporary file open. */
	assert_false(wait_job(bg, 1, &rows, &total));
	assert_int_equal(others(f->dir, name, sizeof name), 1);
	bgjob_cancel(bg);
	assert_false(bgjob_finish(bg, err, sizeof err));
	assert_non_null(strstr(err, "cancelled"));
	if (others(f->dir, name, sizeof name) != 0)
		fail_msg("left behind after a cancel: %s", name);
}

static void cancel_keeps_an_existing_file(void **state)
{
	struct fx *f = *state;
	struct job j = { NULL, f->path, true, true, { NULL, NO_PERIOD, 0 }, 1, false };
	char err[1200] = "", name[256];
	struct bgjob *bg;
	int64_t rows = 0, total = -1;
	size_t n;
	char *text;

	tu_write_file(f->path, "keep me\n");
	bg = bgjob_start(f->st, work, &j, err, sizeof err);
	if (!bg)
		fail_msg("bgjob_start: %s", err);
	assert_false(wait_job(bg, 1, &rows, &total));
	bgjob_cancel(bg);
	assert_false(bgjob_finish(bg, err, sizeof err));
	text = slurp(f->path, &n);
	assert_int_equal(n, 8);
	assert_memory_equal(text, "keep me\n", 8);
	free(text);
	unlink(f->path);
	if (others(f->dir, name, sizeof name) != 0)
		fail_msg("left behind after a cancel: %s", name);
}

/* Another connection's changes between the count and the first row are
 * not in the file: the count and the rows read one state of the
 * database. */
static void job_reads_one_state(void **state)
{
	struct fx *f = *state;
	struct job j = { NULL, f->path, false, true, { NULL, NO_PERIOD, 0 }, 0, false };
	char err[1200] = "", want_path[4300], first[TEAM_NAME_BYTES];
	struct bgjob *bg;
	int64_t rows = 0, total = -1;
	size_t n1, n2;
	char *got, *want;
	bool created;

	snprintf(want_path, sizeof want_path, "%s/want.csv", f->dir);
	assert_true(export_to_file(f->st, EXPORT_CRITERIA, &j.f, want_path, false, err, sizeof err));
	bg = bgjob_start(f->st, work, &j, err, sizeof err);
	if (!bg)
		fail_msg("bgjob_start: %s", err);
	assert_false(wait_job(bg, 0, &rows, &total));
	/* The first team (by name) gets a name that sorts last, and a new
	 * team an assessment. */
	demo_team_name(0, first);
	if (!store_team_rename(f->st, first, "zz renamed meanwhile"))
		fail_msg("rename: %s", store_error(f->st));
	if (store_assessment_begin(f->st, "zz new", period_current(), "me", f->m, &created) <= 0)
		fail_msg("new assessment: %s", store_error(f->st));
	atomic_store(&j.release, true);
	assert_true(wait_job(bg, -1, &rows, &total));
	if (!bgjob_finish(bg, err, sizeof err))
		fail_msg("the job failed: %s", err);
	assert_int_equal(rows, total);
	got = slurp(f->path, &n1);
	want = slurp(want_path, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(got, want, n1);
	free(got);
	free(want);
	unlink(want_path);
	unlink(f->path);
	assert_true(store_team_rename(f->st, "zz renamed meanwhile", first));
}

static void missing_database_is_said(void **state)
{
	struct fx *f = *state;
	struct job j = { NULL, f->path, false, false, { NULL, NO_PERIOD, 0 }, 1, false };
	char err[1200] = "", db[4300], side[4400];
	struct store *gone;

	snprintf(db, sizeof db, "%s/gone.db", f->dir);
	gone = store_open(db, STORE_CREATE, err, sizeof err);
	if (!gone)
		fail_msg("store_open: %s", err);
	unlink(db);
	snprintf(side, sizeof side, "%s-wal", db);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db);
	unlink(side);
	assert_null(bgjob_start(gone, work, &j, err, sizeof err));
	assert_non_null(strstr(err, "mlmat: "));
	assert_non_null(strstr(err, "gone.db"));
	store_close(gone);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(job_writes_what_export_writes),
		cmocka_unit_test(cancel_leaves_no_file),
		cmocka_unit_test(cancel_keeps_an_existing_file),
		cmocka_unit_test(job_reads_one_state),
		cmocka_unit_test(missing_database_is_said),
	};

	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
