/* Opening databases that are not simply mlmat's (issue 13): another
 * program's SQLite file, even one whose header looks like mlmat's would
 * before a checkpoint, is refused and left as it was; mlmat's own database
 * whose application_id is still only in its WAL opens; storage faults say
 * what they are. */
#include "testutil.h"
#include "model.h"
#include "period.h"
#include "store.h"
#include "store_int.h"      /* store_db: the disk-full test */

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#define ERRSZ 1200

static char *dir;

static int setup(void **state)
{
	(void)state;
	dir = tu_tmpdir();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_tmpdir_remove(dir);
	return 0;
}

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[8192];
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(1 << 20);

	assert_non_null(f);
	*len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

static bool exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

static uint32_t header_app_id(const char *path)
{
	size_t len;
	unsigned char *h = (unsigned char *)slurp(path, &len);
	uint32_t v = len >= 100 ? (uint32_t)h[68] << 24 | (uint32_t)h[69] << 16 |
		(uint32_t)h[70] << 8 | h[71] : 0;

	free(h);
	return v;
}

/* A new mlmat database copied while its creator still has it open: the
 * header on disk has no application_id yet, the WAL has it. */
static void test_uncheckpointed_wal_is_ours(void **state)
{
	char path[4200], copy[4200], from[4300], to[4300], err[ERRSZ];
	struct store *st, *st2;
	struct model *m = model_load_builtin(err, sizeof err);
	bool created;
	int p;

	(void)state;
	assert_non_null(m);
	snprintf(path, sizeof path, "%s/live.db", dir);
	snprintf(copy, sizeof copy, "%s/copy.db", dir);
	st = store_open(path, STORE_CREATE, err, sizeof err);
	assert_non_null(st);
	assert_true(period_parse("2026-Q1", &p));
	assert_true(store_assessment_begin(st, "Alpha", p, "me", m, &created) > 0);
	copy_file(path, copy);
	snprintf(from, sizeof from, "%s-wal", path);
	snprintf(to, sizeof to, "%s-wal", copy);
	copy_file(from, to);
	assert_int_equal(header_app_id(copy), 0);
	st2 = store_open(copy, 0, err, sizeof err);
	if (!st2)
		fail_msg("mlmat's own database with its id in the WAL: %s", err);
	store_close(st2);
	store_close(st);
	model_free(m);
}

/* Another program's database in WAL mode, no application_id, a WAL not
 * yet checkpointed: refused, the files left byte for byte, no -shm made. */
static void test_foreign_wal_refused(void **state)
{
	char path[4200], copy[4200], from[4300], to[4300], shm[4300], err[ERRSZ];
	sqlite3 *db;
	size_t l1, l2, w1, w2;
	char *before, *after, *wbefore, *wafter;

	(void)state;
	snprintf(path, sizeof path, "%s/other.db", dir);
	snprintf(copy, sizeof copy, "%s/other-copy.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
				      "CREATE TABLE notes(body TEXT); INSERT INTO notes VALUES ('x');"
				      "PRAGMA user_version = 1;", NULL, NULL, NULL), SQLITE_OK);
	copy_file(path, copy);
	snprintf(from, sizeof from, "%s-wal", path);
	snprintf(to, sizeof to, "%s-wal", copy);
	copy_file(from, to);
	sqlite3_close(db);
	snprintf(shm, sizeof shm, "%s-shm", copy);
	before = slurp(copy, &l1);
	wbefore = slurp(to, &w1);
	assert_null(store_open(copy, STORE_CREATE, err, sizeof err));
	assert_non_null(strstr(err, "not an mlmat database"));
	after = slurp(copy, &l2);
	wafter = slurp(to, &w2);
	assert_int_equal(l1, l2);
	assert_memory_equal(before, after, l1);
	assert_int_equal(w1, w2);
	assert_memory_equal(wbefore, wafter, w1);
	assert_false(exists(shm));
	free(before);
	free(after);
	free(wbefore);
	free(wafter);
}

/* A full disk (SQLite's max_page_count makes SQLITE_FULL happen as ENOSPC
 * would): the change fails with "disk full", not with what the rollback
 * after it says, and nothing of it is saved. */
static void test_disk_full(void **state)
{
	char path[4200], err[ERRSZ], team[32], q[64];
	struct store *st;
	struct model *m = model_load_builtin(err, sizeof err);
	bool created;
	int p, i;
	int64_t before, id = 1;

	(void)state;
	assert_non_null(m);
	snprintf(path, sizeof path, "%s/full.db", dir);
	st = store_open(path, STORE_CREATE, err, sizeof err);
	assert_non_null(st);
	assert_true(period_parse("2026-Q1", &p));
	assert_true(store_assessment_begin(st, "Alpha", p, "me", m, &created) > 0);
	before = store_assessment_count(st);
	{
		sqlite3_stmt *s;

		assert_int_equal(sqlite3_prepare_v2(store_db(st), "PRAGMA page_count", -1, &s,
						    NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		snprintf(q, sizeof q, "PRAGMA max_page_count = %d", sqlite3_column_int(s, 0) + 1);
		sqlite3_finalize(s);
	}
	assert_int_equal(sqlite3_exec(store_db(st), q, NULL, NULL, NULL), SQLITE_OK);
	for (i = 0; i < 200 && id > 0; i++) {
		snprintf(team, sizeof team, "Team %03d", i);
		id = store_assessment_begin(st, team, p, "me", m, &created);
	}
	assert_int_equal(id, 0);
	if (!strstr(store_error(st), "disk full"))
		fail_msg("a full disk says: %s", store_error(st));
	assert_null(strstr(store_error(st), "rollback"));
	assert_int_equal(store_assessment_count(st), before + i - 1);
	store_close(st);
	model_free(m);
}

/* Not a regular file: each says what it is. */
static void test_not_regular(void **state)
{
	char path[4200], link[4200], err[ERRSZ];

	(void)state;
	snprintf(path, sizeof path, "%s/fifo.db", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_null(store_open(path, STORE_CREATE, err, sizeof err));
	assert_non_null(strstr(err, "is a FIFO"));
	assert_null(store_open("/dev/null", STORE_READONLY, err, sizeof err));
	assert_non_null(strstr(err, "/dev/null: is a device"));
	snprintf(path, sizeof path, "%s/sub.db", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_null(store_open(path, STORE_CREATE, err, sizeof err));
	assert_non_null(strstr(err, "is a directory"));
	snprintf(link, sizeof link, "%s/link.db", dir);
	assert_int_equal(symlink("sub.db", link), 0);
	assert_null(store_open(link, STORE_CREATE, err, sizeof err));
	assert_non_null(strstr(err, "is a symbolic link (to sub.db)"));
}

/* A folder we cannot write: WAL needs -wal and -shm there, so the
 * database opens read-only (as root every folder is writable: skipped). */
static void test_readonly_folder(void **state)
{
	char sub[4200], path[4300], err[ERRSZ];
	struct store *st;

	(void)state;
	if (geteuid() == 0)
		skip();
	snprintf(sub, sizeof sub, "%s/ro", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(path, sizeof path, "%s/mlmat.db", sub);
	st = store_open(path, STORE_CREATE, err, sizeof err);
	assert_non_null(st);
	store_close(st);
	assert_int_equal(chmod(sub, 0500), 0);
	st = store_open(path, STORE_CREATE, err, sizeof err);
	if (!st)
		fail_msg("a database in a read-only folder: %s", err);
	assert_true(store_readonly(st));
	assert_true(store_assessment_count(st) >= 0);
	store_close(st);
	assert_null(store_open(path, STORE_CREATE | STORE_MUST_WRITE, err, sizeof err));
	assert_non_null(strstr(err, "read-only"));
	assert_int_equal(chmod(sub, 0700), 0);
}

/* A database deleted or replaced under an open store (rm, mv over it, cp
 * over it, its -wal removed): store_check_files notices, every change is
 * refused with STORE_LOST_MSG, and the file at the path is left byte for
 * byte as the swap left it, also once the store is closed. Another
 * connection's changes before the swap are not mistaken for one. */
static void test_swapped_files(void **state)
{
	static const char *const kinds[] = { "rm", "mv", "cp", "rm-wal" };
	char err[ERRSZ], path[4200], other[4200], tmp[4200], wal[4300];
	struct model *m = model_load_builtin(err, sizeof err);
	bool created;
	int p, q;

	(void)state;
	assert_non_null(m);
	assert_true(period_parse("2026-Q1", &p));
	assert_true(period_parse("2026-Q2", &q));
	snprintf(other, sizeof other, "%s/swap-source.db", dir);
	{
		struct store *o = store_open(other, STORE_CREATE, err, sizeof err);

		if (!o)
			fail_msg("%s", err);
		assert_true(store_assessment_begin(o, "Other", p, "me", m, &created) > 0);
		store_close(o);
	}
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		struct store *st, *st2;
		char *before = NULL, *after;
		size_t blen = 0, alen;

		snprintf(path, sizeof path, "%s/swap-%s.db", dir, kinds[k]);
		snprintf(wal, sizeof wal, "%s-wal", path);
		snprintf(tmp, sizeof tmp, "%s/swap-%s.new", dir, kinds[k]);
		st = store_open(path, STORE_CREATE, err, sizeof err);
		assert_non_null(st);
		assert_true(store_assessment_begin(st, "Alpha", p, "me", m, &created) > 0);
		st2 = store_open(path, 0, err, sizeof err);
		assert_non_null(st2);
		assert_true(store_assessment_begin(st2, "Beta", q, "me", m, &created) > 0);
		store_close(st2);
		if (!store_check_files(st))
			fail_msg("%s: another connection's change taken for a swap: %s", kinds[k],
				 store_error(st));
		if (k == 0) {
			assert_int_equal(unlink(path), 0);
		} else if (k == 1) {
			copy_file(other, tmp);
			assert_int_equal(rename(tmp, path), 0);
		} else if (k == 2) {
			copy_file(other, path);
		} else {
			assert_int_equal(unlink(wal), 0);
		}
		if (k != 0)
			before = slurp(path, &blen);
		if (store_check_files(st))
			fail_msg("%s: not noticed", kinds[k]);
		assert_true(store_lost(st));
		assert_false(store_assessment_begin(st, "Gamma", p, "me", m, &created) > 0);
		assert_non_null(strstr(store_error(st), STORE_LOST_MSG));
		store_close(st);
		if (k == 0) {
			assert_false(exists(path));
			continue;
		}
		after = slurp(path, &alen);
		assert_int_equal(alen, blen);
		assert_memory_equal(after, before, blen);
		free(after);
		free(before);
	}
	model_free(m);
}

static int cache_size(sqlite3 *db)
{
	sqlite3_stmt *q;
	int n = 0;

	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA cache_size", -1, &q, NULL),
			 SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return n;
}

/* The dashboard's long-lived connection keeps a small page cache, read-only
 * or not; other commands keep SQLite's default. */
static void test_small_cache(void **state)
{
	char path[4200], err[ERRSZ];
	struct store *st;
	unsigned flags[] = { STORE_CREATE, STORE_READONLY };
	sqlite3 *plain;
	int sqlite_default;

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &plain), SQLITE_OK);
	sqlite_default = cache_size(plain);
	sqlite3_close(plain);
	snprintf(path, sizeof path, "%s/cache.db", dir);
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
		st = store_open(path, flags[i] | STORE_SMALL_CACHE, err, sizeof err);
		if (!st)
			fail_msg("%s", err);
		assert_int_equal(cache_size(store_db(st)), -512);
		store_close(st);
		st = store_open(path, flags[i], err, sizeof err);
		assert_non_null(st);
		assert_int_equal(cache_size(store_db(st)), sqlite_default);
		store_close(st);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uncheckpointed_wal_is_ours),
		cmocka_unit_test(test_foreign_wal_refused),
		cmocka_unit_test(test_disk_full),
		cmocka_unit_test(test_not_regular),
		cmocka_unit_test(test_readonly_folder),
		cmocka_unit_test(test_swapped_files),
		cmocka_unit_test(test_small_cache),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
