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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uncheckpointed_wal_is_ours),
		cmocka_unit_test(test_foreign_wal_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
