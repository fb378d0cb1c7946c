/* The audit log's hash chain (src/audit_chain.c, src/store_audit.c, CONTRACT
 * section 6): links against digests computed independently, the upgrade of
 * a schema version 1 database (tests/fixtures/schema-v1.sql, made by mlmat
 * before the chain existed), and `audit verify` finding an edited, a
 * deleted and an inserted row. The expected digests were computed once with
 * python3's hashlib and are written here as constants:
 *
 *   import hashlib
 *   ex = lambda s: "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s
 *   prev = "0" * 64
 *   for at, user, aid, action, detail in rows:
 *       prev = hashlib.sha256("\n".join([prev, at, ex(user), aid, action,
 *                                        ex(detail), ""]).encode()).hexdigest()
 *
 * with rows those of the fixture (ex is the export's spreadsheet guard). */
#include "testutil.h"

#include "audit_chain.h"
#include "store.h"
#include "store_int.h"      /* store_db: these tests tamper with the file */

#include <sqlite3.h>
#include <sys/wait.h>

#define ERRSZ 1024

static const char *const fixture_hash[] = {
	"091fb0c3b4cf93ad886dd1903985c0c89fe3c62a3e3e3117724878104a491003",
	"2f01d50e4211258f330324d93e515c28c7285509ba1b6964702a65e7198dfcbb",
	"0c1114f417197e60a4db3a556b958bb35d88edd21158e187a5f53d5344254d4e",
};

struct fx {
	char *dir, path[4200];
	struct store *st;
};

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	f->dir = tu_tmpdir();
	snprintf(f->path, sizeof f->path, "%s/a.db", f->dir);
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->st);
	tu_tmpdir_remove(f->dir);
	free(f);
	return 0;
}

static char *read_all(const char *path)
{
	FILE *in = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(in);
	assert_int_equal(fseek(in, 0, SEEK_END), 0);
	n = ftell(in);
	rewind(in);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, in), (size_t)n);
	buf[n] = '\0';
	fclose(in);
	return buf;
}

/* Runs SQL on the file through a connection of its own, as the sqlite3
 * tool would. */
static void sql_on_file(const char *path, const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

/* An old database made from the fixture, opened (and so upgraded). */
static struct store *open_old(struct fx *f)
{
	char fixture[4200], err[ERRSZ];
	char *sql;

	snprintf(fixture, sizeof fixture, "%s/schema-v1.sql", tu_fixtures());
	sql = read_all(fixture);
	sql_on_file(f->path, sql);
	free(sql);
	f->st = store_open(f->path, 0, err, sizeof err);
	if (!f->st)
		fail_msg("%s", err);
	return f->st;
}

static void hash_of_row(struct store *st, int64_t id, char out[65])
{
	sqlite3_stmt *s;
	const char *h;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), "SELECT hash FROM audit WHERE id = ?",
					    -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, id);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	h = (const char *)sqlite3_column_text(s, 0);
	snprintf(out, 65, "%s", h ? h : "(null)");
	sqlite3_finalize(s);
}

/* ---- links ---- */

static void test_link_known_chain(void **state)
{
	char h1[65], h2[65], h3[65];

	(void)state;
	assert_string_equal(audit_chain_genesis,
			    "0000000000000000000000000000000000000000000000000000000000000000");
	audit_chain_link(audit_chain_genesis, "2026-01-05T10:00:00Z", "alice", 0, "model",
			 "model m version 1", h1);
	assert_string_equal(h1, fixture_hash[0]);
	/* A detail with the spreadsheet guard, a comma, quotes and a line feed. */
	audit_chain_link(h1, "2026-01-05T10:01:00Z", "bob", 7, "answer",
			 "-x, \"quoted\"\nline two", h2);
	assert_string_equal(h2, fixture_hash[1]);
	audit_chain_link(h2, "2026-01-04T09:00:00Z", "alice", 12, "create",
			 "team A period 2026-Q1", h3);
	assert_string_equal(h3, fixture_hash[2]);
}

static void test_link_every_field_counts(void **state)
{
	char base[65], h[65];

	(void)state;
	audit_chain_link(audit_chain_genesis, "2026-01-05T10:00:00Z", "alice", 3, "a", "d", base);
	/* hashlib.sha256(b"0"*64 + b"\n2026-01-05T10:00:00Z\nalice\n3\na\nd\n") */
	assert_string_equal(base, "c25aa6e16704740cfff10b3b4396349392b0b64ce654518850cadeac98762b71");
	audit_chain_link(fixture_hash[0], "2026-01-05T10:00:00Z", "alice", 3, "a", "d", h);
	assert_string_not_equal(h, base);
	audit_chain_link(audit_chain_genesis, "2026-01-05T10:00:01Z", "alice", 3, "a", "d", h);
	assert_string_not_equal(h, base);
	audit_chain_link(audit_chain_genesis, "2026-01-05T10:00:00Z", "alicf", 3, "a", "d", h);
	assert_string_not_equal(h, base);
	audit_chain_link(audit_chain_genesis, "2026-01-05T10:00:00Z", "alice", 0, "a", "d", h);
	assert_string_not_equal(h, base);
	audit_chain_link(audit_chain_genesis, "2026-01-05T10:00:00Z", "alice", 3, "b", "d", h);
	assert_string_not_equal(h, base);
	audit_chain_link(audit_chain_genesis, "2026-01-05T10:00:00Z", "alice", 3, "a", "e", h);
	assert_string_not_equal(h, base);
}

/* ---- the upgrade from schema version 1 ---- */

static void test_migration_chains_old_rows(void **state)
{
	struct fx *f = *state;
	struct store *st = open_old(f);
	char h[65], last[65];
	int64_t rows;

	{
		sqlite3_stmt *q;

		/* Upgraded all the way, through the chain's version 2. */
		assert_int_equal(sqlite3_prepare_v2(store_db(st), "PRAGMA user_version", -1, &q, NULL),
				 SQLITE_OK);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(q, 0), STORE_SCHEMA_VERSION);
		sqlite3_finalize(q);
	}
	for (int64_t id = 1; id <= 3; id++) {
		hash_of_row(st, id, h);
		assert_string_equal(h, fixture_hash[id - 1]);
	}
	assert_int_equal(store_audit_verify(st, &rows, last), 1);
	assert_int_equal(rows, 3);
	assert_string_equal(last, fixture_hash[2]);
	/* A new row links to the last old one. */
	assert_true(store_begin(st));
	assert_true(store_audit(st, 0, "test", "after the upgrade"));
	assert_true(store_commit(st));
	assert_int_equal(store_audit_verify(st, &rows, last), 1);
	assert_int_equal(rows, 4);
	hash_of_row(st, 4, h);
	assert_string_equal(last, h);
	/* The log stays append-only: a hash once given is never changed. */
	assert_int_not_equal(sqlite3_exec(store_db(st), "UPDATE audit SET hash = 'x' WHERE id = 1",
					  NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(store_db(st), "UPDATE audit SET detail = 'x' WHERE id = 4",
					  NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(store_db(st), "DELETE FROM audit WHERE id = 2",
					  NULL, NULL, NULL), SQLITE_OK);
}

static void test_audit_needs_a_change(void **state)
{
	struct fx *f = *state;
	struct store *st = open_old(f);

	assert_false(store_audit(st, 0, "test", "outside a transaction"));
	assert_non_null(strstr(store_error(st), "inside a change"));
}

/* ---- verify ---- */

/* A database of n audit rows, closed again so the test can tamper. */
static void make_log(struct fx *f, int n)
{
	char err[ERRSZ], detail[32];

	f->st = store_open(f->path, STORE_CREATE, err, sizeof err);
	if (!f->st)
		fail_msg("%s", err);
	assert_true(store_begin(f->st));
	for (int i = 1; i <= n; i++) {
		snprintf(detail, sizeof detail, "change %d", i);
		assert_true(store_audit(f->st, i, "test", detail));
	}
	assert_true(store_commit(f->st));
	store_close(f->st);
	f->st = NULL;
}

/* verify's answer on the file as it now is: the row it names, 0 when intact. */
static int64_t verify_file(struct fx *f, int64_t *rows)
{
	char err[ERRSZ], last[65], msg[ERRSZ];
	const char *p;
	int rc;

	f->st = store_open(f->path, STORE_READONLY, err, sizeof err);
	if (!f->st)
		fail_msg("%s", err);
	rc = store_audit_verify(f->st, rows, last);
	assert_int_not_equal(rc, -1);
	snprintf(msg, sizeof msg, "%s", store_error(f->st));
	store_close(f->st);
	f->st = NULL;
	if (rc == 1)
		return 0;
	p = strstr(msg, "audit row ");
	if (!p || !strstr(msg, "hash does not match"))
		fail_msg("unexpected message: %s", msg);
	return strtoll(p + strlen("audit row "), NULL, 10);
}

#define UNLOCK "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"

static void test_verify_intact(void **state)
{
	struct fx *f = *state;
	int64_t rows;

	make_log(f, 5);
	assert_int_equal(verify_file(f, &rows), 0);
	assert_int_equal(rows, 5);
}

static void test_verify_edited_row(void **state)
{
	struct fx *f = *state;
	int64_t rows;

	make_log(f, 5);
	sql_on_file(f->path, UNLOCK "UPDATE audit SET detail = 'change 33' WHERE id = 3;");
	assert_int_equal(verify_file(f, &rows), 3);
}

static void test_verify_deleted_row(void **state)
{
	struct fx *f = *state;
	int64_t rows;

	make_log(f, 5);
	sql_on_file(f->path, UNLOCK "DELETE FROM audit WHERE id = 2;");
	/* The row after the gap is now the second. */
	assert_int_equal(verify_file(f, &rows), 2);
}

static void test_verify_inserted_row(void **state)
{
	struct fx *f = *state;
	int64_t rows;

	make_log(f, 5);
	/* Copied from the row before, hash and all, between rows 3 and 4. */
	sql_on_file(f->path, UNLOCK "UPDATE audit SET id = id + 10 WHERE id > 3;"
		    "INSERT INTO audit(id, at, os_user, assessment_id, action, detail, hash)"
		    " SELECT 4, at, os_user, assessment_id, action, detail, hash FROM audit WHERE id = 3;");
	assert_int_equal(verify_file(f, &rows), 4);
}

static void test_verify_empty_log(void **state)
{
	struct fx *f = *state;
	char err[ERRSZ], last[65];
	int64_t rows = -1;

	f->st = store_open(f->path, STORE_CREATE, err, sizeof err);
	assert_non_null(f->st);
	assert_int_equal(store_audit_verify(f->st, &rows, last), 1);
	assert_int_equal(rows, 0);
	assert_string_equal(last, audit_chain_genesis);
}

/* Two processes appending at once: each link is computed from the last
 * row's hash read inside its own write transaction, so the rows of both
 * form one chain (a PREV read before the transaction, or kept from an
 * earlier one, would fork it). */
static void test_two_writers_one_chain(void **state)
{
	struct fx *f = *state;
	enum { PER_CHILD = 150 };
	char err[ERRSZ], last[65];
	pid_t pids[2];
	int64_t rows;

	make_log(f, 1);
	for (int c = 0; c < 2; c++) {
		pids[c] = fork();
		assert_true(pids[c] >= 0);
		if (pids[c] == 0) {
			struct store *st = store_open(f->path, 0, err, sizeof err);
			bool ok = st != NULL;

			for (int i = 0; ok && i < PER_CHILD; i++)
				ok = store_begin(st) && store_audit(st, 0, c ? "two" : "one", "x") &&
				     store_commit(st);
			store_close(st);
			_exit(ok ? 0 : 1);
		}
	}
	for (int c = 0; c < 2; c++) {
		int status;

		assert_int_equal(waitpid(pids[c], &status, 0), pids[c]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	f->st = store_open(f->path, STORE_READONLY, err, sizeof err);
	assert_non_null(f->st);
	assert_int_equal(store_audit_verify(f->st, &rows, last), 1);
	assert_int_equal(rows, 1 + 2 * PER_CHILD);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_link_known_chain),
		cmocka_unit_test(test_link_every_field_counts),
		T(test_migration_chains_old_rows),
		T(test_audit_needs_a_change),
		T(test_verify_intact),
		T(test_verify_edited_row),
		T(test_verify_deleted_row),
		T(test_verify_inserted_row),
		T(test_verify_empty_log),
		T(test_two_writers_one_chain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
