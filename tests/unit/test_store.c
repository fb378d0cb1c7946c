/* Unit tests of the SQLite store (src/store*.c) and of demo_fill, always on
 * real database files in a private temporary folder, never a mocked
 * database: creating and opening, refusing bad databases without changing a
 * byte of them, one assessment per team and period, carry-forward, persisted
 * scores, the append-only audit log, the roadmap life cycle of CONTRACT
 * section 3, crash safety under SIGKILL, several processes at once (creating
 * the same assessment, writing thousands of answers) and deterministic demo
 * data. Models are small YAML texts or the built-in one. Forked children
 * report through pipes and end with _exit; everything a test holds is
 * released in the teardown, so a failed assertion leaks nothing. */
#include "testutil.h"

#include "demo.h"
#include "model.h"
#include "roadmap.h"
#include "score.h"
#include "sha256.h"
#include "store.h"
#include "store_int.h"      /* store_db: these tests look inside the file */
#include "strbuf.h"
#include "period.h"
#include "osutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pwd.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>

#define ERRSZ 1024
#define PATHSZ 4200
#define SENTINEL "2000-01-01T00:00:00Z"

#define Y ANS_YES
#define PT ANS_PARTLY
#define N ANS_NO
#define U ANS_UNKNOWN

/* Stored scores went through SQLite REAL columns; compare closely. */
#define assert_dbl(a, b)                                                          \
	do {                                                                      \
		double a_ = (a), b_ = (b);                                        \
		if (!(fabs(a_ - b_) < 1e-9))                                      \
			fail_msg("%s = %.17g, expected %.17g", #a, a_, b_);       \
	} while (0)

/* ---- what a test holds, released even when an assertion ends it -------- */

enum owned_kind { OWN_MODEL, OWN_STORE, OWN_ASSESSMENT };

static struct {
	enum owned_kind kind;
	void *p;
} owned[64];
static size_t nowned;

static void *own(enum owned_kind kind, void *p)
{
	if (nowned == sizeof owned / sizeof *owned)
		fail_msg("a test holds too many objects");
	owned[nowned].kind = kind;
	owned[nowned++].p = p;
	return p;
}

/* Frees p by its kind (assessments before the store whose model they use:
 * the newest first when all go). */
static void release(void *p)
{
	for (size_t i = nowned; i-- > 0;) {
		if (owned[i].p != p)
			continue;
		switch (owned[i].kind) {
		case OWN_MODEL: model_free(p); break;
		case OWN_STORE: store_close(p); break;
		case OWN_ASSESSMENT: assessment_free(p); break;
		}
		memmove(&owned[i], &owned[i + 1], (nowned - i - 1) * sizeof *owned);
		nowned--;
		return;
	}
	fail_msg("release of an object the test does not hold");
}

static void release_all(void)
{
	while (nowned > 0)
		release(owned[nowned - 1].p);
}

/* ---- models ------------------------------------------------------------ */

#define HEAD(v) "id: t\nname: Test model\nversion: \"" v "\"\n"
#define LEVEL(n) "  - level: " #n "\n    name: Level " #n "\n"
#define LEVELS "levels:\n" LEVEL(1) LEVEL(2) LEVEL(3) LEVEL(4)
#define DIM(id, w) "  - id: " id "\n    name: Dim " id "\n    weight: " w "\n    criteria:\n"
#define CRIT(id, lv) \
	"      - id: " id "\n        level: " #lv "\n        text: Criterion " id "\n" \
	"        action: Do " id ".\n"

/* Levels 1 to 4; dimension da (weight 1): a2a a2b (L2) a3a (L3) a4a (L4);
 * dimension db (weight 2): b2a (L2) b3a b3b (L3) b4a (L4). */
static const char m1_yaml[] =
	HEAD("1") LEVELS "dimensions:\n"
	DIM("da", "1") CRIT("a2a", 2) CRIT("a2b", 2) CRIT("a3a", 3) CRIT("a4a", 4)
	DIM("db", "2") CRIT("b2a", 2) CRIT("b3a", 3) CRIT("b3b", 3) CRIT("b4a", 4);

/* The next version: a2b is gone, a3n is new. */
static const char m2_yaml[] =
	HEAD("2") LEVELS "dimensions:\n"
	DIM("da", "1") CRIT("a2a", 2) CRIT("a3a", 3) CRIT("a3n", 3) CRIT("a4a", 4)
	DIM("db", "2") CRIT("b2a", 2) CRIT("b3a", 3) CRIT("b3b", 3) CRIT("b4a", 4);

static struct model *load_model(const char *yaml)
{
	char err[ERRSZ] = "";
	struct model *m = model_load_buffer(yaml, strlen(yaml), "test.yaml", err, sizeof err);

	if (!m)
		fail_msg("the test model did not load: %s", err);
	return own(OWN_MODEL, m);
}

static struct model *load_builtin(void)
{
	char err[ERRSZ] = "";
	struct model *m = model_load_builtin(err, sizeof err);

	if (!m)
		fail_msg("the built-in model did not load: %s", err);
	return own(OWN_MODEL, m);
}

static size_t cix(const struct model *m, const char *id)
{
	long c = model_find_criterion(m, id);

	if (c < 0)
		fail_msg("the model has no criterion %s", id);
	return (size_t)c;
}

static size_t dix(const struct model *m, const char *id)
{
	long d = model_find_dimension(m, id);

	if (d < 0)
		fail_msg("the model has no dimension %s", id);
	return (size_t)d;
}

static int per(const char *s)
{
	int p = 0;

	if (!period_parse(s, &p))
		fail_msg("bad period %s", s);
	return p;
}

/* ---- fixture: a fresh folder per test ---------------------------------- */

struct fx {
	char *dir;
	char db[PATHSZ];
};

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	umask(022);
	f->dir = tu_tmpdir();
	snprintf(f->db, sizeof f->db, "%s/mlmat.db", f->dir);
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	release_all();
	tu_tmpdir_remove(f->dir);
	free(f);
	return 0;
}

static void path_in(char out[PATHSZ], const char *dir, const char *name)
{
	int n = snprintf(out, PATHSZ, "%s/%s", dir, name);

	if (n < 0 || n >= PATHSZ)
		fail_msg("path too long: %s/%s", dir, name);
}

static void wal_path(char out[PATHSZ], const char *db)
{
	int n = snprintf(out, PATHSZ, "%s-wal", db);

	if (n < 0 || n >= PATHSZ)
		fail_msg("path too long: %s-wal", db);
}

/* ---- SQL helpers (test side: plain queries on the store's connection) --- */

static sqlite3_stmt *qprep(sqlite3 *db, const char *fmt, va_list ap)
{
	char *q = sqlite3_vmprintf(fmt, ap);
	sqlite3_stmt *s = NULL;

	assert_non_null(q);
	if (sqlite3_prepare_v2(db, q, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", q, sqlite3_errmsg(db));
	if (sqlite3_step(s) != SQLITE_ROW)
		fail_msg("%s: no row (%s)", q, sqlite3_errmsg(db));
	sqlite3_free(q);
	return s;
}

static int64_t qint(sqlite3 *db, const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *s;
	int64_t v;

	va_start(ap, fmt);
	s = qprep(db, fmt, ap);
	va_end(ap);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static double qdbl(sqlite3 *db, const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *s;
	double v;

	va_start(ap, fmt);
	s = qprep(db, fmt, ap);
	va_end(ap);
	v = sqlite3_column_double(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The first column of the first row, malloc'd; NULL for an SQL NULL. */
static char *qtext(sqlite3 *db, const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *s;
	const char *t;
	char *v;

	va_start(ap, fmt);
	s = qprep(db, fmt, ap);
	va_end(ap);
	t = (const char *)sqlite3_column_text(s, 0);
	v = t ? strdup(t) : NULL;
	sqlite3_finalize(s);
	return v;
}

static void assert_qtext(sqlite3 *db, const char *want, const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *s;
	const char *t;

	va_start(ap, fmt);
	s = qprep(db, fmt, ap);
	va_end(ap);
	t = (const char *)sqlite3_column_text(s, 0);
	if (!want && t)
		fail_msg("expected NULL, got '%s'", t);
	if (want && (!t || strcmp(t, want) != 0))
		fail_msg("expected '%s', got '%s'", want, t ? t : "(null)");
	sqlite3_finalize(s);
}

/* ---- store helpers ----------------------------------------------------- */

static struct store *open_ok(const char *path, unsigned flags)
{
	char err[ERRSZ] = "";
	struct store *st = store_open(path, flags, err, sizeof err);

	if (!st)
		fail_msg("store_open(%s): %s", path, err);
	return own(OWN_STORE, st);
}

static int64_t begin_ok(struct store *st, const char *team, const char *period,
			const struct model *m, bool want_created)
{
	bool created = !want_created;
	int64_t id = store_assessment_begin(st, team, per(period), "facil", m, &created);

	if (id <= 0)
		fail_msg("store_assessment_begin(%s, %s): %s", team, period, store_error(st));
	if (created != want_created)
		fail_msg("store_assessment_begin(%s, %s): created = %d, expected %d", team, period,
			 created, want_created);
	return id;
}

static struct assessment *load_ok(struct store *st, int64_t id)
{
	struct assessment *a;

	if (store_assessment_load(st, id, &a) != 1)
		fail_msg("store_assessment_load(%lld): %s", (long long)id, store_error(st));
	return own(OWN_ASSESSMENT, a);
}

/* The team's id, 0 when no team has that name; an error fails the test. */
static int64_t team_of(struct store *st, const char *name)
{
	int64_t id = -1;
	int rc = store_team_find(st, name, &id);

	if (rc < 0 || (rc == 0) != (id == 0))
		fail_msg("store_team_find(%s) = %d: %s", name, rc, store_error(st));
	return id;
}

/* The id of the team's latest assessment, 0 when it has none. */
static int64_t latest_of(struct store *st, int64_t team_id)
{
	int64_t id = -1;
	int rc = store_team_latest(st, team_id, &id, NULL);

	if (rc < 0 || (rc == 0) != (id == 0))
		fail_msg("store_team_latest(%lld) = %d: %s", (long long)team_id, rc, store_error(st));
	return id;
}

static void answer(struct store *st, struct assessment *a, const char *crit, enum answer v)
{
	if (!store_set_answer(st, a, cix(a->model, crit), v))
		fail_msg("store_set_answer(%s, %s): %s", crit, answer_name(v), store_error(st));
	assert_int_equal(a->answers[cix(a->model, crit)], v);
}

static void target(struct store *st, struct assessment *a, const char *dim, int level)
{
	if (!store_set_target(st, a, dix(a->model, dim), level))
		fail_msg("store_set_target(%s, %d): %s", dim, level, store_error(st));
	assert_int_equal(a->dims[dix(a->model, dim)].target, level);
}

static void override(struct store *st, struct assessment *a, const char *dim, int level,
		     const char *reason)
{
	if (!store_set_override(st, a, dix(a->model, dim), level, reason))
		fail_msg("store_set_override(%s, %d): %s", dim, level, store_error(st));
	assert_int_equal(a->dims[dix(a->model, dim)].override_level, level);
}

static void notes(struct store *st, struct assessment *a, const char *dim, const char *text)
{
	if (!store_set_notes(st, a, dix(a->model, dim), text))
		fail_msg("store_set_notes(%s): %s", dim, store_error(st));
}

static void rm_status(struct store *st, int64_t team, const char *crit, enum rm_status s)
{
	if (!store_roadmap_set_status(st, team, crit, s))
		fail_msg("store_roadmap_set_status(%s, %s): %s", crit, rm_status_name(s),
			 store_error(st));
}

/* An mlmat database with a little history in it, closed. */
static void make_real_db(const char *path)
{
	struct model *m = load_model(m1_yaml);
	struct store *st = open_ok(path, STORE_CREATE);
	struct assessment *a = load_ok(st, begin_ok(st, "Alpha", "2026-Q1", m, true));

	answer(st, a, "a2a", Y);
	answer(st, a, "b2a", PT);
	target(st, a, "da", 3);
	notes(st, a, "db", "Some notes, for the record.");
	release(a);
	a = load_ok(st, begin_ok(st, "Alpha", "2026-Q2", m, true));
	answer(st, a, "a2b", Y);
	release(a);
	a = load_ok(st, begin_ok(st, "Beta", "2026-Q2", m, true));
	answer(st, a, "b3a", N);
	release(a);
	release(st);
	release(m);
}

/* ---- file helpers ------------------------------------------------------ */

static void file_sha(const char *path, char out[65])
{
	size_t len = 0;
	bool big = false;
	char *buf = file_read(path, 64u << 20, &len, &big);

	if (!buf)
		fail_msg("cannot read %s: %s", path, strerror(errno));
	sha256_hex(buf, len, out);
	free(buf);
}

static void assert_unchanged(const char *path, const char before[65])
{
	char after[65], wal[PATHSZ];
	struct stat sb;

	file_sha(path, after);
	if (strcmp(before, after) != 0)
		fail_msg("%s was changed by a failed open", path);
	/* Nothing of ours is left waiting in a write-ahead log either. */
	wal_path(wal, path);
	if (stat(wal, &sb) == 0 && sb.st_size != 0)
		fail_msg("%s holds %lld bytes after a failed open", wal, (long long)sb.st_size);
}

/* Copies the first keep bytes of from to to. */
static void copy_prefix(const char *from, const char *to, size_t keep)
{
	size_t len = 0;
	bool big = false;
	char *buf = file_read(from, 64u << 20, &len, &big);
	FILE *f;

	assert_non_null(buf);
	assert_true(keep < len);
	f = fopen(to, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, keep, f), keep);
	assert_int_equal(fclose(f), 0);
	free(buf);
}

/* store_open must fail with "mlmat: PATH: ..." mentioning needle. */
static void expect_open_error(const char *path, unsigned flags, const char *needle)
{
	char err[ERRSZ] = "", prefix[PATHSZ + 16];
	struct store *st = store_open(path, flags, err, sizeof err);

	if (st) {
		store_close(st);
		fail_msg("store_open(%s, %u) succeeded; expected an error with '%s'", path, flags,
			 needle ? needle : "");
	}
	snprintf(prefix, sizeof prefix, "mlmat: %s: ", path);
	if (strncmp(err, prefix, strlen(prefix)) != 0)
		fail_msg("error '%s' does not start with '%s'", err, prefix);
	if (strlen(err) == strlen(prefix))
		fail_msg("error '%s' gives no reason", err);
	if (strchr(err, '\n'))
		fail_msg("error '%s' is not one line", err);
	if (needle && !strstr(err, needle))
		fail_msg("error '%s' does not mention '%s'", err, needle);
}

static const unsigned open_modes[] = { STORE_CREATE, 0, STORE_READONLY };
#define NMODES (sizeof open_modes / sizeof *open_modes)

/* ======================================================================== */
/* Opening and creating                                                     */
/* ======================================================================== */

static void test_create_in_missing_folder(void **state)
{
	struct fx *f = *state;
	char sub[PATHSZ], deeper[PATHSZ], db[PATHSZ], wal[PATHSZ];
	struct stat sb;
	struct store *st;
	char *mode;

	path_in(sub, f->dir, "data");
	path_in(deeper, sub, "mlmat");
	path_in(db, deeper, "mlmat.db");
	st = open_ok(db, STORE_CREATE);
	assert_false(store_readonly(st));
	assert_string_equal(store_path(st), db);

	assert_int_equal(stat(db, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(stat(sub, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 07777, 0700);
	assert_int_equal(stat(deeper, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0700);

	assert_int_equal(qint(store_db(st), "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(qint(store_db(st), "PRAGMA application_id"), STORE_APP_ID);
	mode = qtext(store_db(st), "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(qint(store_db(st), "PRAGMA foreign_keys"), 1);
	assert_int_equal(store_assessment_count(st), 0);
	/* Foreign keys are enforced, not just declared. */
	assert_int_not_equal(sqlite3_exec(store_db(st),
					  "INSERT INTO assessments(team_id, period, model, facilitator, "
					  "created_at, updated_at) VALUES (999, '2026-Q1', 999, 'x', 'a', 'b')",
					  NULL, NULL, NULL), SQLITE_OK);

	/* The write-ahead log holds the same data: the same mode. */
	{
		struct model *m = load_model(m1_yaml);

		begin_ok(st, "Alpha", "2026-Q1", m, true);
		release(m);
	}
	wal_path(wal, db);
	if (stat(wal, &sb) == 0)
		assert_int_equal(sb.st_mode & 0777, 0600);
	release(st);
}

static void test_migrate_empty_file(void **state)
{
	struct fx *f = *state;
	struct stat sb;
	struct store *st;
	int fd = open(f->db, O_WRONLY | O_CREAT | O_EXCL, 0640);

	assert_true(fd >= 0);
	assert_int_equal(fchmod(fd, 0640), 0);
	close(fd);

	st = open_ok(f->db, STORE_CREATE);
	assert_int_equal(qint(store_db(st), "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(qint(store_db(st),
			      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
			      "('models', 'model_dims', 'model_criteria', 'teams', 'assessments', "
			      "'answers', 'dims', 'roadmap', 'audit')"), 9);
	assert_int_equal(qint(store_db(st),
			      "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit'"), 2);
	release(st);
	/* An existing file keeps the mode its owner gave it. */
	assert_int_equal(stat(f->db, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	assert_true(sb.st_size > 0);
}

static void test_existing_mode_kept(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct stat sb;
	struct store *st;

	make_real_db(f->db);
	assert_int_equal(chmod(f->db, 0640), 0);
	st = open_ok(f->db, STORE_CREATE);
	assert_false(store_readonly(st));
	begin_ok(st, "Gamma", "2026-Q3", m, true);
	release(st);
	assert_int_equal(stat(f->db, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	release(m);
}

static void test_reopen_keeps_data(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct store *st = open_ok(f->db, STORE_CREATE);
	struct assessment *a;
	int64_t id = begin_ok(st, "Alpha", "2026-Q1", m, true);

	a = load_ok(st, id);
	answer(st, a, "a2a", Y);
	answer(st, a, "b3a", PT);
	target(st, a, "db", 4);
	notes(st, a, "da", "Kept: \"notes\", with a comma.");
	override(st, a, "db", 3, "Seen in production");
	release(a);
	release(st);

	for (size_t i = 0; i < 2; i++) {
		st = open_ok(f->db, i == 0 ? 0 : STORE_READONLY);
		assert_int_equal(store_readonly(st), i == 1);
		assert_int_equal(store_assessment_count(st), 1);
		assert_int_equal(team_of(st, "Alpha"), 1);
		a = load_ok(st, id);
		assert_string_equal(a->team, "Alpha");
		assert_string_equal(a->facilitator, "facil");
		assert_int_equal(a->period, per("2026-Q1"));
		assert_string_equal(a->model->version, "1");
		assert_string_equal(a->model->sha256, m->sha256);
		assert_int_equal(a->answers[cix(m, "a2a")], Y);
		assert_int_equal(a->answers[cix(m, "b3a")], PT);
		assert_int_equal(a->answers[cix(m, "a2b")], U);
		assert_int_equal(a->dims[dix(m, "db")].target, 4);
		assert_int_equal(a->dims[dix(m, "da")].target, NO_LEVEL);
		assert_string_equal(a->dims[dix(m, "da")].notes, "Kept: \"notes\", with a comma.");
		assert_null(a->dims[dix(m, "db")].notes);
		assert_int_equal(a->dims[dix(m, "db")].override_level, 3);
		assert_string_equal(a->dims[dix(m, "db")].override_reason, "Seen in production");
		assert_int_equal(a->scores[dix(m, "db")].level, 3);
		release(a);
		release(st);
	}
	release(m);
}

/* ======================================================================== */
/* Bad databases: an error "mlmat: PATH: ...", and not a byte changed       */
/* ======================================================================== */

static void test_bad_not_sqlite(void **state)
{
	struct fx *f = *state;
	char sha[65];

	tu_write_file(f->db, "team,period,score\r\nAlpha,2026-Q1,2.50\r\nBeta,2026-Q1,1.75\r\n"
			     "This is a CSV file, not a database; mlmat must leave it alone.\r\n");
	file_sha(f->db, sha);
	for (size_t i = 0; i < NMODES; i++) {
		expect_open_error(f->db, open_modes[i], "not an SQLite database");
		assert_unchanged(f->db, sha);
	}
}

static void test_bad_truncated(void **state)
{
	struct fx *f = *state;
	char whole[PATHSZ], sha[65];
	struct stat sb;
	size_t len;

	path_in(whole, f->dir, "whole.db");
	make_real_db(whole);
	assert_int_equal(stat(whole, &sb), 0);
	len = (size_t)sb.st_size;
	assert_true(len > 8192);
	/* Half, inside a page, the first page alone, the header alone, less. */
	{
		const size_t cuts[] = { len / 2, len * 5 / 7, 4096, 100, 60 };

		for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
			char name[32], cut[PATHSZ];

			snprintf(name, sizeof name, "cut%zu.db", cuts[c]);
			path_in(cut, f->dir, name);
			copy_prefix(whole, cut, cuts[c]);
			file_sha(cut, sha);
			for (size_t i = 0; i < NMODES; i++) {
				expect_open_error(cut, open_modes[i], NULL);
				assert_unchanged(cut, sha);
			}
		}
	}
}

static void test_bad_empty_readonly(void **state)
{
	struct fx *f = *state;
	struct stat sb;

	tu_write_file(f->db, "");
	expect_open_error(f->db, STORE_READONLY, "empty");
	expect_open_error(f->db, STORE_READONLY | STORE_CREATE, "empty");
	expect_open_error(f->db, 0, "empty");
	assert_int_equal(stat(f->db, &sb), 0);
	assert_int_equal(sb.st_size, 0);
}

static void test_bad_newer_schema(void **state)
{
	struct fx *f = *state;
	sqlite3 *db = NULL;
	char sha[65];

	make_real_db(f->db);
	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	file_sha(f->db, sha);
	for (size_t i = 0; i < NMODES; i++) {
		expect_open_error(f->db, open_modes[i], "newer");
		assert_unchanged(f->db, sha);
	}
}

static void test_bad_foreign_sqlite(void **state)
{
	struct fx *f = *state;
	sqlite3 *db = NULL;
	char sha[65];

	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
					 NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "CREATE TABLE people(name TEXT, email TEXT);"
				      "INSERT INTO people VALUES ('Ada', 'ada@example.org');"
				      "CREATE TABLE teams(id INTEGER PRIMARY KEY, label TEXT);",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	file_sha(f->db, sha);
	for (size_t i = 0; i < NMODES; i++) {
		expect_open_error(f->db, open_modes[i], "not an mlmat database");
		assert_unchanged(f->db, sha);
	}
}

static void test_bad_folder(void **state)
{
	struct fx *f = *state;
	struct stat sb;
	DIR *d;
	struct dirent *e;
	int entries = 0;

	assert_int_equal(mkdir(f->db, 0755), 0);
	for (size_t i = 0; i < NMODES; i++)
		expect_open_error(f->db, open_modes[i], "folder");
	assert_int_equal(stat(f->db, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	d = opendir(f->db);
	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			entries++;
	closedir(d);
	assert_int_equal(entries, 0);
}

static void test_bad_missing_readonly(void **state)
{
	struct fx *f = *state;
	char sub[PATHSZ], db[PATHSZ];
	struct stat sb;

	path_in(sub, f->dir, "missing");
	path_in(db, sub, "mlmat.db");
	expect_open_error(db, STORE_READONLY, strerror(ENOENT));
	expect_open_error(db, STORE_READONLY | STORE_CREATE, strerror(ENOENT));
	expect_open_error(db, 0, strerror(ENOENT));
	assert_int_not_equal(stat(db, &sb), 0);
	assert_int_not_equal(stat(sub, &sb), 0);
	/* Beside an existing folder too. */
	expect_open_error(f->db, STORE_READONLY, strerror(ENOENT));
	assert_int_not_equal(stat(f->db, &sb), 0);
}

/* A file the user cannot write opens read-only and says so. Root writes
 * whatever the mode, so there is nothing to see as root. */
static void test_unwritable_file_opens_readonly(void **state)
{
	struct fx *f = *state;
	struct store *st;
	struct assessment *a;
	char sha[65];

	if (geteuid() == 0)
		skip();
	make_real_db(f->db);
	assert_int_equal(chmod(f->db, 0444), 0);
	file_sha(f->db, sha);
	st = open_ok(f->db, 0);
	assert_true(store_readonly(st));
	a = load_ok(st, 1);
	assert_false(store_set_answer(st, a, 0, a->answers[0] == Y ? N : Y));
	assert_non_null(strstr(store_error(st), "read-only"));
	release(a);
	release(st);
	expect_open_error(f->db, STORE_MUST_WRITE, NULL);
	assert_unchanged(f->db, sha);
}

/* The child half of the tests below: as nobody, opens path with flags and
 * checks that it is read-only and refuses a change, and that
 * STORE_MUST_WRITE fails. Exit codes name the step that went wrong. */
static void as_nobody_child(const char *path, unsigned flags)
{
	char err[ERRSZ];
	struct store *st;
	struct assessment *a;

	if (setgid(65534) != 0 || setuid(65534) != 0)
		_exit(10);
	st = store_open(path, flags, err, sizeof err);
	if (!st) {
		fprintf(stderr, "as nobody: %s\n", err);
		_exit(11);
	}
	if (!store_readonly(st))
		_exit(12);
	if (store_assessment_load(st, 1, &a) != 1)
		_exit(13);
	if (store_set_answer(st, a, 0, a->answers[0] == Y ? N : Y))
		_exit(14);
	if (!strstr(store_error(st), "read-only"))
		_exit(15);
	assessment_free(a);
	store_close(st);
	if (!(flags & STORE_READONLY) && store_open(path, STORE_MUST_WRITE, err, sizeof err))
		_exit(16);
	_exit(0);
}

static void run_as_nobody(const char *path, unsigned flags)
{
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		as_nobody_child(path, flags);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) != 0)
		fail_msg("as nobody, flags %u: failed at step %d", flags, WEXITSTATUS(status));
}

/* The same for runs as root (CI containers): a child that drops to nobody
 * opens nobody's own 0444 database in nobody's own folder. */
static void test_unwritable_file_other_user(void **state)
{
	struct fx *f = *state;
	char sha[65];

	if (geteuid() != 0)
		skip();
	make_real_db(f->db);
	assert_int_equal(chown(f->dir, 65534, 65534), 0);
	assert_int_equal(chown(f->db, 65534, 65534), 0);
	assert_int_equal(chmod(f->db, 0444), 0);
	file_sha(f->db, sha);
	run_as_nobody(f->db, 0);
	run_as_nobody(f->db, STORE_READONLY);
	assert_unchanged(f->db, sha);
}

/* Someone else's database in someone else's folder (a shared team
 * database, a read-only mount) is one the user cannot write either: it
 * opens read-only, for the dashboard and for export and report. */
static void test_unwritable_folder_other_user(void **state)
{
	struct fx *f = *state;
	char sha[65];

	if (geteuid() != 0)
		skip();
	make_real_db(f->db);
	assert_int_equal(chmod(f->dir, 0755), 0);
	assert_int_equal(chmod(f->db, 0644), 0);
	file_sha(f->db, sha);
	run_as_nobody(f->db, STORE_READONLY);
	run_as_nobody(f->db, 0);
	assert_unchanged(f->db, sha);
}

/* STORE_READONLY: every change is refused with a message, the file stays
 * as it was. */
static void test_readonly_flag_refuses_changes(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct store *st;
	struct assessment *a;
	bool created = true;
	char sha[65];

	make_real_db(f->db);
	file_sha(f->db, sha);
	st = open_ok(f->db, STORE_READONLY);
	assert_true(store_readonly(st));
	assert_int_equal(store_assessment_count(st), 3);
	a = load_ok(st, 1);
	assert_false(store_set_answer(st, a, cix(m, "a3a"), Y));
	assert_non_null(strstr(store_error(st), "read-only"));
	assert_int_equal(a->answers[cix(m, "a3a")], U);
	assert_false(store_set_target(st, a, 0, 4));
	assert_false(store_set_notes(st, a, 0, "no"));
	assert_false(store_set_override(st, a, 0, 2, "no"));
	assert_false(store_roadmap_set_status(st, a->team_id, "a3a", RM_DONE));
	assert_int_equal(store_assessment_begin(st, "Delta", per("2026-Q1"), "x", m, &created), 0);
	assert_false(created);
	release(a);
	release(st);
	assert_unchanged(f->db, sha);
	release(m);
}

/* ======================================================================== */
/* Assessments: one per team and period, carry-forward                      */
/* ======================================================================== */

static void test_one_assessment_per_team_and_period(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct store *st = open_ok(f->db, STORE_CREATE);
	sqlite3 *db = store_db(st);
	struct assessment *a;
	int64_t id1, id2, id3, id4;

	id1 = begin_ok(st, "Alpha", "2026-Q1", m, true);
	assert_int_equal(qint(db, "SELECT count(*) FROM teams"), 1);
	assert_int_equal(qint(db, "SELECT count(*) FROM assessments"), 1);
	assert_qtext(db, "2026-Q1", "SELECT period FROM assessments WHERE id = %lld", (long long)id1);
	assert_int_equal(qint(db, "SELECT count(*) FROM dims WHERE assessment_id = %lld",
			      (long long)id1), (int64_t)m->ndims);

	/* Asking again opens the same one, and changes nothing. */
	assert_int_equal(begin_ok(st, "Alpha", "2026-Q1", m, false), id1);
	assert_int_equal(qint(db, "SELECT count(*) FROM assessments"), 1);
	assert_int_equal(qint(db, "SELECT count(*) FROM audit WHERE action = 'create'"), 1);

	/* Names are compared exactly. */
	id2 = begin_ok(st, "alpha", "2026-Q1", m, true);
	id3 = begin_ok(st, "Älpha", "2026-Q1", m, true);
	assert_int_not_equal(id2, id1);
	assert_int_not_equal(id3, id1);
	assert_int_not_equal(id3, id2);
	assert_int_equal(qint(db, "SELECT count(*) FROM teams"), 3);
	assert_int_equal(team_of(st, "ALPHA"), 0);
	assert_int_not_equal(team_of(st, "Alpha"), team_of(st, "alpha"));
	assert_int_equal(begin_ok(st, "alpha", "2026-Q1", m, false), id2);
	assert_int_equal(begin_ok(st, "Älpha", "2026-Q1", m, false), id3);

	/* Another period is another assessment of the same team. */
	id4 = begin_ok(st, "Alpha", "2026-Q2", m, true);
	assert_int_not_equal(id4, id1);
	assert_int_equal(qint(db, "SELECT count(*) FROM teams"), 3);
	assert_int_equal(store_assessment_count(st), 4);
	assert_int_equal(latest_of(st, team_of(st, "Alpha")), id4);

	a = load_ok(st, id1);
	assert_string_equal(a->team, "Alpha");
	assert_string_equal(a->facilitator, "facil");
	assert_int_equal(a->period, per("2026-Q1"));
	for (size_t c = 0; c < m->ncrits; c++)
		assert_int_equal(a->answers[c], U);
	for (size_t d = 0; d < m->ndims; d++) {
		assert_int_equal(a->dims[d].target, NO_LEVEL);
		assert_int_equal(a->dims[d].override_level, NO_LEVEL);
		assert_int_equal(a->scores[d].level, 1);
	}
	release(a);
	release(st);
	release(m);
}

static void test_carry_forward_copies_everything(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct store *st = open_ok(f->db, STORE_CREATE);
	sqlite3 *db = store_db(st);
	struct assessment *a1, *a2;
	static const char tricky[] = "Kept, with \"quotes\"\nand a second line; =1+1 — ünïcödé";
	int64_t id1, id2;

	id1 = begin_ok(st, "Carry", "2026-Q1", m, true);
	a1 = load_ok(st, id1);
	answer(st, a1, "a2a", Y);
	answer(st, a1, "a2b", PT);
	answer(st, a1, "b2a", N);
	answer(st, a1, "b3a", Y);
	target(st, a1, "da", 3);
	target(st, a1, "db", 4);
	notes(st, a1, "da", tricky);
	override(st, a1, "db", 2, "Capped until the registry is used");

	id2 = begin_ok(st, "Carry", "2026-Q2", m, true);
	a2 = load_ok(st, id2);
	for (size_t c = 0; c < m->ncrits; c++)
		if (a2->answers[c] != a1->answers[c])
			fail_msg("criterion %s: %s, copied from %s", m->crits[c].id,
				 answer_name(a2->answers[c]), answer_name(a1->answers[c]));
	assert_int_equal(a2->dims[dix(m, "da")].target, 3);
	assert_int_equal(a2->dims[dix(m, "db")].target, 4);
	assert_string_equal(a2->dims[dix(m, "da")].notes, tricky);
	assert_null(a2->dims[dix(m, "db")].notes);
	assert_int_equal(a2->dims[dix(m, "db")].override_level, 2);
	assert_string_equal(a2->dims[dix(m, "db")].override_reason, "Capped until the registry is used");
	assert_int_equal(a2->dims[dix(m, "da")].override_level, NO_LEVEL);
	assert_null(a2->dims[dix(m, "da")].override_reason);
	/* In the database too, with the scores of the copy. */
	assert_int_equal(qint(db, "SELECT count(*) FROM answers WHERE assessment_id = %lld",
			      (long long)id2), 4);
	assert_qtext(db, tricky, "SELECT notes FROM dims WHERE assessment_id = %lld AND dimension_id = 'da'",
		     (long long)id2);
	assert_int_equal(qint(db, "SELECT override_level FROM dims WHERE assessment_id = %lld "
			      "AND dimension_id = 'db'", (long long)id2), 2);
	assert_int_equal(qint(db, "SELECT level FROM dims WHERE assessment_id = %lld "
			      "AND dimension_id = 'db'", (long long)id2), 2);
	assert_int_equal(qint(db, "SELECT target FROM dims WHERE assessment_id = %lld "
			      "AND dimension_id = 'db'", (long long)id2), 4);
	assert_dbl(qdbl(db, "SELECT overall FROM assessments WHERE id = %lld", (long long)id2),
		   a1->overall.score);
	assert_dbl(qdbl(db, "SELECT coverage FROM assessments WHERE id = %lld", (long long)id2),
		   a1->overall.coverage);

	/* A copy, not a link: changing the new one leaves the old one. */
	answer(st, a2, "a2a", N);
	notes(st, a2, "da", "changed");
	release(a1);
	a1 = load_ok(st, id1);
	assert_int_equal(a1->answers[cix(m, "a2a")], Y);
	assert_string_equal(a1->dims[dix(m, "da")].notes, tricky);
	release(a1);
	release(a2);
	release(st);
	release(m);
}

static void test_carry_forward_latest_earlier_and_backfill(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct store *st = open_ok(f->db, STORE_CREATE);
	struct assessment *a;
	int64_t id3;

	a = load_ok(st, begin_ok(st, "Team", "2026-Q1", m, true));
	answer(st, a, "a2a", Y);
	notes(st, a, "da", "one");
	release(a);

	/* Q3 (skipping Q2) starts from Q1, then changes. */
	id3 = begin_ok(st, "Team", "2026-Q3", m, true);
	a = load_ok(st, id3);
	assert_int_equal(a->answers[cix(m, "a2a")], Y);
	assert_string_equal(a->dims[dix(m, "da")].notes, "one");
	answer(st, a, "a2a", N);
	answer(st, a, "b2a", Y);
	notes(st, a, "da", "three");
	target(st, a, "db", 3);
	release(a);

	/* Q4 starts from Q3, the latest earlier one. */
	a = load_ok(st, begin_ok(st, "Team", "2026-Q4", m, true));
	assert_int_equal(a->answers[cix(m, "a2a")], N);
	assert_int_equal(a->answers[cix(m, "b2a")], Y);
	assert_string_equal(a->dims[dix(m, "da")].notes, "three");
	assert_int_equal(a->dims[dix(m, "db")].target, 3);
	release(a);

	/* Backfilling Q2 starts from Q1, not from the later Q3 or Q4. */
	a = load_ok(st, begin_ok(st, "Team", "2026-Q2", m, true));
	assert_int_equal(a->answers[cix(m, "a2a")], Y);
	assert_int_equal(a->answers[cix(m, "b2a")], U);
	assert_string_equal(a->dims[dix(m, "da")].notes, "one");
	assert_int_equal(a->dims[dix(m, "db")].target, NO_LEVEL);
	release(a);

	/* A period before all of a team's assessments starts empty. */
	a = load_ok(st, begin_ok(st, "Late", "2026-Q3", m, true));
	answer(st, a, "a2a", Y);
	target(st, a, "da", 4);
	release(a);
	a = load_ok(st, begin_ok(st, "Late", "2025-Q4", m, true));
	for (size_t c = 0; c < m->ncrits; c++)
		assert_int_equal(a->answers[c], U);
	assert_int_equal(a->dims[dix(m, "da")].target, NO_LEVEL);
	release(a);
	release(st);
	release(m);
}

static void test_carry_forward_model_change(void **state)
{
	struct fx *f = *state;
	struct model *m1 = load_model(m1_yaml), *m2 = load_model(m2_yaml);
	struct store *st = open_ok(f->db, STORE_CREATE);
	sqlite3 *db = store_db(st);
	struct assessment *a;
	const struct model *old;
	int64_t id1, id2;

	id1 = begin_ok(st, "Team", "2026-Q1", m1, true);
	a = load_ok(st, id1);
	answer(st, a, "a2a", Y);
	answer(st, a, "a2b", PT);
	answer(st, a, "a3a", N);
	answer(st, a, "b2a", Y);
	target(st, a, "da", 3);
	notes(st, a, "db", "db notes");
	release(a);

	id2 = begin_ok(st, "Team", "2026-Q2", m2, true);
	a = load_ok(st, id2);
	assert_string_equal(a->model->version, "2");
	assert_string_equal(a->model->sha256, m2->sha256);
	assert_int_equal(model_find_criterion(a->model, "a2b"), -1);
	assert_int_equal(a->answers[cix(m2, "a2a")], Y);
	assert_int_equal(a->answers[cix(m2, "a3a")], N);
	assert_int_equal(a->answers[cix(m2, "a3n")], U);
	assert_int_equal(a->answers[cix(m2, "b2a")], Y);
	assert_int_equal(a->dims[dix(m2, "da")].target, 3);
	assert_string_equal(a->dims[dix(m2, "db")].notes, "db notes");
	assert_int_equal(qint(db, "SELECT count(*) FROM answers WHERE assessment_id = %lld",
			      (long long)id2), 3);
	assert_int_equal(qint(db, "SELECT count(*) FROM answers WHERE assessment_id = %lld "
			      "AND criterion_id = 'a2b'", (long long)id2), 0);
	assert_int_equal(qint(db, "SELECT count(*) FROM models"), 2);
	assert_int_not_equal(a->model_ref, qint(db, "SELECT model FROM assessments WHERE id = %lld",
						(long long)id1));
	release(a);

	/* The old assessment keeps the model it was taken with. */
	a = load_ok(st, id1);
	old = a->model;
	assert_string_equal(old->version, "1");
	assert_int_equal(a->answers[cix(old, "a2b")], PT);
	release(a);
	release(st);
	release(m1);
	release(m2);
}

/* One parse per start: an assessment taken with the caller's model is read
 * with that very model (store_model_ref and store_model_adopt), never a
 * second parse of the stored YAML; another process's open reads it once. */
static void test_model_parsed_once(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml), *same = load_model(m1_yaml);
	struct store *st = open_ok(f->db, STORE_CREATE), *other;
	struct assessment *a;
	int64_t id = begin_ok(st, "Team", "2026-Q1", m, true);
	const struct model *first;

	a = load_ok(st, id);
	assert_ptr_equal(a->model, m);
	release(a);
	release(st);

	other = open_ok(f->db, STORE_READONLY);
	a = load_ok(other, id);
	first = a->model;
	assert_ptr_not_equal(first, m);
	assert_string_equal(first->sha256, m->sha256);
	release(a);
	a = load_ok(other, id);
	assert_ptr_equal(a->model, first);     /* cached: parsed once */
	release(a);
	release(other);

	other = open_ok(f->db, STORE_READONLY);
	assert_int_equal(store_model_adopt(other, same), 1);
	a = load_ok(other, id);
	assert_ptr_equal(a->model, same);
	release(a);
	release(other);
	release(m);
	release(same);
}

/* ======================================================================== */
/* Scores, as stored                                                        */
/* ======================================================================== */

/* Every stored dimension row and the assessment's totals agree with scoring
 * the given answers and inputs afresh. */
static void check_scores(struct store *st, const struct assessment *a, const enum answer *ans,
			 const struct dim_input *in)
{
	const struct model *m = a->model;
	struct dim_score want[4];
	struct overall_score ov;
	sqlite3 *db = store_db(st);

	assert_true(m->ndims <= 4);
	for (size_t d = 0; d < m->ndims; d++) {
		const char *id = m->dims[d].id;

		score_dimension(m, d, ans, &in[d], &want[d]);
		assert_int_equal(qint(db, "SELECT level FROM dims WHERE assessment_id = %lld AND "
				      "dimension_id = %Q", (long long)a->id, id), want[d].level);
		assert_dbl(qdbl(db, "SELECT score FROM dims WHERE assessment_id = %lld AND "
				"dimension_id = %Q", (long long)a->id, id), want[d].score);
		assert_dbl(qdbl(db, "SELECT gap FROM dims WHERE assessment_id = %lld AND "
				"dimension_id = %Q", (long long)a->id, id), want[d].gap);
		assert_dbl(qdbl(db, "SELECT coverage FROM dims WHERE assessment_id = %lld AND "
				"dimension_id = %Q", (long long)a->id, id), want[d].coverage);
		assert_int_equal(a->scores[d].level, want[d].level);
		assert_dbl(a->scores[d].score, want[d].score);
		assert_dbl(a->scores[d].gap, want[d].gap);
	}
	score_overall(m, want, &ov);
	assert_dbl(qdbl(db, "SELECT overall FROM assessments WHERE id = %lld", (long long)a->id),
		   ov.score);
	assert_dbl(qdbl(db, "SELECT coverage FROM assessments WHERE id = %lld", (long long)a->id),
		   ov.coverage);
	assert_dbl(a->overall.score, ov.score);
}

static void stamp_sentinel(struct store *st, int64_t id)
{
	char *q = sqlite3_mprintf("UPDATE dims SET updated_at = '" SENTINEL "' WHERE assessment_id = %lld;"
				  "UPDATE assessments SET updated_at = '" SENTINEL "' WHERE id = %lld",
				  (long long)id, (long long)id);

	assert_int_equal(sqlite3_exec(store_db(st), q, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(q);
}

/* After a change to dimension changed: its updated_at is a fresh ISO time,
 * the assessment's; the others still hold the sentinel. */
static void check_updated_at(struct store *st, const struct assessment *a, size_t changed)
{
	sqlite3 *db = store_db(st);
	char *at = qtext(db, "SELECT updated_at FROM assessments WHERE id = %lld", (long long)a->id);

	assert_non_null(at);
	assert_string_not_equal(at, SENTINEL);
	assert_int_equal(strlen(at), 20);
	assert_int_equal(at[10], 'T');
	assert_int_equal(at[19], 'Z');
	assert_string_equal(a->updated_at, at);
	for (size_t d = 0; d < a->model->ndims; d++) {
		assert_qtext(db, d == changed ? at : SENTINEL,
			     "SELECT updated_at FROM dims WHERE assessment_id = %lld AND dimension_id = %Q",
			     (long long)a->id, a->model->dims[d].id);
		if (d == changed)
			assert_string_equal(a->dims[d].updated_at, at);
	}
	free(at);
}

static void test_scores_persisted(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct store *st = open_ok(f->db, STORE_CREATE);
	struct assessment *a = load_ok(st, begin_ok(st, "Scores", "2026-Q1", m, true));
	enum answer ans[8] = { U, U, U, U, U, U, U, U };
	struct dim_input in[2] = { { NO_LEVEL, NO_LEVEL }, { NO_LEVEL, NO_LEVEL } };
	static const struct { const char *crit; enum answer v; } steps[] = {
		{ "a2a", Y }, { "a2b", PT }, { "b2a", Y }, { "a2b", Y }, { "a3a", PT },
		{ "b3a", Y }, { "b3b", N }, { "a4a", Y }, { "b3b", Y }, { "a2a", U },
		{ "b4a", PT }, { "a2a", Y },
	};
	int64_t audits;

	assert_int_equal(m->ncrits, 8);
	check_scores(st, a, ans, in);
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		size_t c = cix(m, steps[i].crit);

		stamp_sentinel(st, a->id);
		answer(st, a, steps[i].crit, steps[i].v);
		ans[c] = steps[i].v;
		check_scores(st, a, ans, in);
		check_updated_at(st, a, m->crits[c].dim);
	}

	/* The same answer again is no change: no time stamp, no audit row. */
	stamp_sentinel(st, a->id);
	audits = qint(store_db(st), "SELECT count(*) FROM audit");
	answer(st, a, "a2a", Y);
	assert_int_equal(qint(store_db(st), "SELECT count(*) FROM audit"), audits);
	assert_int_equal(qint(store_db(st), "SELECT count(*) FROM dims WHERE updated_at <> '" SENTINEL "'"), 0);

	stamp_sentinel(st, a->id);
	target(st, a, "db", 4);
	in[1].target = 4;
	check_scores(st, a, ans, in);
	check_updated_at(st, a, 1);

	stamp_sentinel(st, a->id);
	override(st, a, "da", 2, "Only one model in production");
	in[0].override_level = 2;
	check_scores(st, a, ans, in);
	check_updated_at(st, a, 0);

	stamp_sentinel(st, a->id);
	notes(st, a, "db", "A note");
	check_scores(st, a, ans, in);
	check_updated_at(st, a, 1);

	stamp_sentinel(st, a->id);
	override(st, a, "da", NO_LEVEL, NULL);
	in[0].override_level = NO_LEVEL;
	check_scores(st, a, ans, in);
	check_updated_at(st, a, 0);

	/* A fresh load agrees with the assessment kept in memory. */
	{
		struct assessment *b = load_ok(st, a->id);

		for (size_t c = 0; c < m->ncrits; c++)
			assert_int_equal(b->answers[c], ans[c]);
		check_scores(st, b, ans, in);
		release(b);
	}
	release(a);
	release(st);
	release(m);
}

/* Changes made through another connection are seen on reload, and a change
 * re-reads what the database holds before it applies. */
static void test_reload_sees_other_writers(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct store *s1 = open_ok(f->db, STORE_CREATE), *s2;
	int64_t id = begin_ok(s1, "Both", "2026-Q1", m, true);
	struct assessment *a1 = load_ok(s1, id), *a2;
	enum answer ans[8] = { U, U, U, U, U, U, U, U };
	struct dim_input in[2] = { { NO_LEVEL, NO_LEVEL }, { NO_LEVEL, NO_LEVEL } };

	s2 = open_ok(f->db, 0);
	a2 = load_ok(s2, id);
	answer(s2, a2, "a2a", Y);
	answer(s2, a2, "a2b", Y);
	assert_true(store_assessment_reload(s1, a1));
	assert_int_equal(a1->answers[cix(m, "a2a")], Y);
	assert_int_equal(a1->scores[dix(m, "da")].level, 2);
	/* a2 is stale about this one; its change must not undo it. */
	answer(s1, a1, "b2a", Y);
	answer(s2, a2, "a3a", PT);
	ans[cix(m, "a2a")] = Y;
	ans[cix(m, "a2b")] = Y;
	ans[cix(m, "b2a")] = Y;
	ans[cix(m, "a3a")] = PT;
	assert_int_equal(a2->answers[cix(m, "b2a")], Y);
	check_scores(s2, a2, ans, in);
	release(a1);
	release(a2);
	release(s2);
	release(s1);
	release(m);
}

/* ======================================================================== */
/* The audit log                                                            */
/* ======================================================================== */

static int64_t audit_count(struct store *st)
{
	return qint(store_db(st), "SELECT count(*) FROM audit");
}

static void expect_audit(struct store *st, int64_t before, const char *action, int64_t assessment)
{
	struct passwd *pw = getpwuid(getuid());
	sqlite3 *db = store_db(st);

	assert_non_null(pw);
	assert_int_equal(audit_count(st), before + 1);
	assert_qtext(db, action, "SELECT action FROM audit ORDER BY id DESC LIMIT 1");
	assert_qtext(db, pw->pw_name, "SELECT os_user FROM audit ORDER BY id DESC LIMIT 1");
	assert_int_equal(qint(db, "SELECT assessment_id FROM audit ORDER BY id DESC LIMIT 1"), assessment);
	assert_int_equal(qint(db, "SELECT length(detail) > 0 FROM audit ORDER BY id DESC LIMIT 1"), 1);
	assert_int_equal(qint(db, "SELECT at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T"
			      "[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z' FROM audit ORDER BY id DESC LIMIT 1"), 1);
}

static void test_audit_every_change(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct store *st = open_ok(f->db, STORE_CREATE);
	struct assessment *a1, *a2;
	int64_t id1, id2, team, n;

	n = audit_count(st);
	id1 = begin_ok(st, "Audited", "2026-Q1", m, true);
	/* The model is recorded first, then the assessment is created. */
	assert_int_equal(audit_count(st), n + 2);
	n = audit_count(st) - 1;
	expect_audit(st, n, "create", id1);
	a1 = load_ok(st, id1);
	team = a1->team_id;

	n = audit_count(st);
	answer(st, a1, "b3a", PT);
	expect_audit(st, n, "answer", id1);
	n = audit_count(st);
	target(st, a1, "da", 4);
	expect_audit(st, n, "target", id1);
	n = audit_count(st);
	override(st, a1, "db", 3, "Looks like 3 to us");
	expect_audit(st, n, "override", id1);
	n = audit_count(st);
	notes(st, a1, "db", "Noted");
	expect_audit(st, n, "notes", id1);
	answer(st, a1, "a3a", N);       /* a roadmap item for the edits below */

	/* A newer assessment: roadmap edits go against the latest one. */
	n = audit_count(st);
	id2 = begin_ok(st, "Audited", "2026-Q2", m, true);
	expect_audit(st, n, "create", id2);
	n = audit_count(st);
	rm_status(st, team, "a3a", RM_IN_PROGRESS);
	expect_audit(st, n, "roadmap-status", id2);
	n = audit_count(st);
	assert_true(store_roadmap_set_owner(st, team, "a3a", "dana"));
	expect_audit(st, n, "roadmap-owner", id2);
	n = audit_count(st);
	assert_true(store_roadmap_set_due(st, team, "a3a", per("2026-Q4")));
	expect_audit(st, n, "roadmap-due", id2);

	/* An answer that moves a roadmap item records both. */
	a2 = load_ok(st, id2);
	n = audit_count(st);
	answer(st, a2, "a3a", Y);
	assert_int_equal(audit_count(st), n + 2);
	assert_int_equal(qint(store_db(st), "SELECT count(*) FROM audit WHERE id > %lld AND "
			      "assessment_id = %lld AND action IN ('answer', 'roadmap-status')",
			      (long long)n, (long long)id2), 2);
	release(a2);
	/* An answer on the older one is audited against that one. */
	n = audit_count(st);
	answer(st, a1, "b3b", N);
	expect_audit(st, n, "answer", id1);
	release(a1);
	release(st);

	/* Append-only, whoever asks. */
	{
		sqlite3 *db = NULL;
		char *detail;
		int64_t rows;
		static const char *const attempts[] = {
			"UPDATE audit SET detail = 'x'",
			"UPDATE audit SET os_user = 'mallory' WHERE action = 'answer'",
			"DELETE FROM audit",
			"DELETE FROM audit WHERE action = 'create'",
		};

		assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
		rows = qint(db, "SELECT count(*) FROM audit");
		detail = qtext(db, "SELECT group_concat(os_user || detail, '|') FROM audit");
		for (size_t i = 0; i < sizeof attempts / sizeof *attempts; i++) {
			char *msg = NULL;

			assert_int_not_equal(sqlite3_exec(db, attempts[i], NULL, NULL, &msg), SQLITE_OK);
			assert_non_null(msg);
			if (!strstr(msg, "append-only"))
				fail_msg("%s: '%s' does not say append-only", attempts[i], msg);
			sqlite3_free(msg);
		}
		assert_int_equal(qint(db, "SELECT count(*) FROM audit"), rows);
		assert_qtext(db, detail, "SELECT group_concat(os_user || detail, '|') FROM audit");
		free(detail);
		assert_int_equal(sqlite3_close(db), SQLITE_OK);
	}
	release(m);
}

/* ======================================================================== */
/* Concurrent text edits: a save against the value its editor opened with   */
/* ======================================================================== */

/* Two dashboards, s1 and s2, open the same notes, reason and owner; s2
 * saves first. s1's save against what it opened with is a conflict that
 * writes nothing and tells s2's text; against s2's text it is saved. */
static void test_concurrent_text_edits(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct store *s1 = open_ok(f->db, STORE_CREATE), *s2;
	int64_t id = begin_ok(s1, "Both", "2026-Q1", m, true), n;
	struct assessment *a1 = load_ok(s1, id), *a2;
	int64_t team = a1->team_id;
	size_t da = dix(m, "da");
	char *theirs = NULL;
	sqlite3 *db = store_db(s1);

	answer(s1, a1, "a2a", N);       /* a roadmap item, for its owner */
	s2 = open_ok(f->db, 0);
	a2 = load_ok(s2, id);

	/* The notes: both open them empty; s2 saves. */
	notes(s2, a2, "da", "theirs");
	n = audit_count(s1);
	assert_int_equal(store_set_notes_if(s1, a1, da, "", "mine", &theirs), STORE_CONFLICT);
	assert_non_null(theirs);
	assert_string_equal(theirs, "theirs");
	assert_qtext(db, "theirs", "SELECT notes FROM dims WHERE dimension_id = 'da'");
	assert_int_equal(audit_count(s1), n);
	/* The assessment in memory shows what the database holds. */
	assert_string_equal(a1->dims[da].notes, "theirs");
	/* Keep mine: a save against theirs. */
	assert_int_equal(store_set_notes_if(s1, a1, da, theirs, "mine", NULL), STORE_SAVED);
	assert_qtext(db, "mine", "SELECT notes FROM dims WHERE dimension_id = 'da'");
	expect_audit(s1, n, "notes", id);
	free(theirs);
	theirs = NULL;
	/* Unchanged since opened: no conflict. */
	assert_int_equal(store_set_notes_if(s1, a1, da, "mine", "mine again", &theirs), STORE_SAVED);
	assert_null(theirs);
	/* Changed to the very text being saved: no conflict, nothing to write. */
	notes(s2, a2, "da", "same");
	n = audit_count(s1);
	assert_int_equal(store_set_notes_if(s1, a1, da, "mine again", "same", &theirs), STORE_SAVED);
	assert_null(theirs);
	assert_int_equal(audit_count(s1), n);
	/* Cleared elsewhere: theirs is none. */
	notes(s2, a2, "da", "");
	assert_int_equal(store_set_notes_if(s1, a1, da, "same", "late", &theirs), STORE_CONFLICT);
	assert_null(theirs);
	assert_int_equal(qint(db, "SELECT notes IS NULL FROM dims WHERE dimension_id = 'da'"), 1);

	/* The override reason. */
	override(s2, a2, "da", 2, "their reason");
	n = audit_count(s1);
	assert_int_equal(store_set_override_if(s1, a1, da, 3, "", "my reason", &theirs),
			 STORE_CONFLICT);
	assert_string_equal(theirs, "their reason");
	assert_int_equal(audit_count(s1), n);
	assert_int_equal(qint(db, "SELECT override_level FROM dims WHERE dimension_id = 'da'"), 2);
	assert_int_equal(store_set_override_if(s1, a1, da, 3, theirs, "my reason", NULL), STORE_SAVED);
	assert_qtext(db, "my reason",
		     "SELECT override_reason FROM dims WHERE dimension_id = 'da'");
	expect_audit(s1, n, "override", id);
	free(theirs);
	theirs = NULL;

	/* A roadmap item's owner. */
	assert_true(store_roadmap_set_owner(s2, team, "a2a", "dana"));
	n = audit_count(s1);
	assert_int_equal(store_roadmap_set_owner_if(s1, team, "a2a", NULL, "lee", &theirs),
			 STORE_CONFLICT);
	assert_string_equal(theirs, "dana");
	assert_int_equal(audit_count(s1), n);
	assert_qtext(db, "dana", "SELECT owner FROM roadmap WHERE criterion_id = 'a2a'");
	assert_int_equal(store_roadmap_set_owner_if(s1, team, "a2a", theirs, "lee", NULL), STORE_SAVED);
	assert_qtext(db, "lee", "SELECT owner FROM roadmap WHERE criterion_id = 'a2a'");
	expect_audit(s1, n, "roadmap-owner", id);
	free(theirs);
	theirs = NULL;
	assert_int_equal(store_roadmap_set_owner_if(s1, team, "a2a", "lee", "", &theirs), STORE_SAVED);
	assert_null(theirs);
	assert_int_equal(qint(db, "SELECT owner IS NULL FROM roadmap WHERE criterion_id = 'a2a'"), 1);

	release(a1);
	release(a2);
	release(s2);
	release(s1);
	release(m);
}

/* ======================================================================== */
/* The roadmap (CONTRACT section 3)                                         */
/* ======================================================================== */

struct rm_list {
	struct roadmap_row *r;
	size_t n;
};

static struct rm_list rm_get(struct store *st, int64_t team, bool open_only)
{
	struct rm_list l = { NULL, 0 };

	if (!store_roadmap_list(st, team, open_only, &l.r, &l.n))
		fail_msg("store_roadmap_list: %s", store_error(st));
	return l;
}

static const struct roadmap_row *rm_find(const struct rm_list *l, const char *crit)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->r[i].criterion_id, crit))
			return &l->r[i];
	return NULL;
}

static size_t rm_count(struct store *st, int64_t team)
{
	struct rm_list l = rm_get(st, team, false);
	size_t n = l.n;

	store_roadmap_free(l.r, l.n);
	return n;
}

static bool rm_has(struct store *st, int64_t team, const char *crit)
{
	struct rm_list l = rm_get(st, team, false);
	bool found = rm_find(&l, crit) != NULL;

	store_roadmap_free(l.r, l.n);
	return found;
}

/* The item exists with this status, created period and done period (NULL:
 * none). */
static void expect_item(struct store *st, int64_t team, const char *crit, enum rm_status status,
			const char *created, const char *done)
{
	struct rm_list l = rm_get(st, team, false);
	const struct roadmap_row *r = rm_find(&l, crit);
	char msg[256] = "";

	if (!r)
		snprintf(msg, sizeof msg, "no roadmap item for %s", crit);
	else if (r->status != status)
		snprintf(msg, sizeof msg, "%s: status %s, expected %s", crit,
			 rm_status_name(r->status), rm_status_name(status));
	else if (r->created_period != per(created))
		snprintf(msg, sizeof msg, "%s: created_period %d, expected %s", crit,
			 r->created_period, created);
	else if (r->done_period != (done ? per(done) : NO_PERIOD))
		snprintf(msg, sizeof msg, "%s: done_period %d, expected %s", crit, r->done_period,
			 done ? done : "none");
	store_roadmap_free(l.r, l.n);
	if (msg[0])
		fail_msg("%s", msg);
}

/* Items appear planned for every criterion answered no or partly in the
 * gap, with the action and dimension of the criterion, in model order;
 * unknown and n/a plan no work. */
static void test_roadmap_items_appear(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct store *st = open_ok(f->db, STORE_CREATE);
	struct assessment *a = load_ok(st, begin_ok(st, "Road", "2026-Q1", m, true));
	int64_t team = a->team_id;
	struct rm_list l;
	static const char *const want[] = { "a2a", "a2b", "a3a", "a4a", "b2a", "b3b" };

	answer(st, a, "b3a", Y);        /* above a gap: yes, so never an item */
	target(st, a, "da", 4);
	target(st, a, "db", 3);
	assert_int_equal(rm_count(st, team), 0);        /* nothing assessed yet */
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		answer(st, a, want[i], i % 2 ? PT : N);
	l = rm_get(st, team, false);
	assert_int_equal(l.n, 6);
	for (size_t i = 0; i < l.n; i++) {
		const struct roadmap_row *r = &l.r[i];
		char action[32];

		assert_string_equal(r->criterion_id, want[i]);
		assert_string_equal(r->dimension_id, want[i][0] == 'a' ? "da" : "db");
		snprintf(action, sizeof action, "Do %s.", want[i]);
		assert_string_equal(r->action, action);
		assert_null(r->owner);
		assert_int_equal(r->status, RM_PLANNED);
		assert_int_equal(r->due_period, NO_PERIOD);
		assert_int_equal(r->created_period, per("2026-Q1"));
		assert_int_equal(r->done_period, NO_PERIOD);
		if (i > 0)
			assert_true(r->ord > l.r[i - 1].ord);
	}
	store_roadmap_free(l.r, l.n);
	assert_false(rm_has(st, team, "b3a"));
	assert_false(rm_has(st, team, "b4a"));

	/* A later period is the latest: new gaps there are created in it. */
	release(a);
	a = load_ok(st, begin_ok(st, "Road", "2026-Q2", m, true));
	assert_int_equal(rm_count(st, team), 6);
	target(st, a, "db", 4);
	assert_false(rm_has(st, team, "b4a"));          /* unknown */
	answer(st, a, "b4a", N);
	expect_item(st, team, "b4a", RM_PLANNED, "2026-Q2", NULL);
	expect_item(st, team, "b3b", RM_PLANNED, "2026-Q1", NULL);
	assert_false(rm_has(st, team, "b3a"));
	release(a);

	/* The override level is where the gap starts. */
	a = load_ok(st, begin_ok(st, "Capped", "2026-Q1", m, true));
	override(st, a, "db", 3, "Seen in production");
	target(st, a, "db", 4);
	answer(st, a, "b4a", PT);
	answer(st, a, "b3b", N);
	assert_true(rm_has(st, a->team_id, "b4a"));
	assert_false(rm_has(st, a->team_id, "b3a"));
	assert_false(rm_has(st, a->team_id, "b3b"));
	release(a);
	release(st);
	release(m);
}

/* CONTRACT section 3: the gap runs "from the dimension's level + 1 ... up
 * to the larger of that and its target"; "that" is level + 1 (were it the
 * level, "the larger of" would say nothing), so the next level's criteria
 * are items even without a target, or with one at or below the level. The
 * other roadmap tests hold under either reading. */
static void test_roadmap_next_level_without_target(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct store *st = open_ok(f->db, STORE_CREATE);
	struct assessment *a = load_ok(st, begin_ok(st, "Next", "2026-Q1", m, true));
	int64_t team = a->team_id;

	answer(st, a, "a2a", N);
	answer(st, a, "a2b", PT);
	answer(st, a, "b2a", N);
	answer(st, a, "a3a", N);        /* level 3: beyond the next level */
	expect_item(st, team, "a2a", RM_PLANNED, "2026-Q1", NULL);
	expect_item(st, team, "a2b", RM_PLANNED, "2026-Q1", NULL);
	expect_item(st, team, "b2a", RM_PLANNED, "2026-Q1", NULL);
	assert_int_equal(rm_count(st, team), 3);
	answer(st, a, "b2a", Y);
	answer(st, a, "b3a", PT);
	target(st, a, "db", 2);         /* at the level: the next level still counts */
	expect_item(st, team, "b3a", RM_PLANNED, "2026-Q1", NULL);
	assert_false(rm_has(st, team, "b3b"));          /* unknown: not assessed */
	assert_false(rm_has(st, team, "b4a"));
	release(a);
	release(st);
	release(m);
}

static void test_roadmap_life_cycle(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct store *st = open_ok(f->db, STORE_CREATE);
	struct assessment *a1, *a2, *a3;
	int64_t team;
	struct rm_list l;

	a1 = load_ok(st, begin_ok(st, "Life", "2026-Q1", m, true));
	team = a1->team_id;
	target(st, a1, "da", 4);
	target(st, a1, "db", 3);
	assert_int_equal(rm_count(st, team), 0);
	{
		static const char *const gap[] = { "a2a", "a2b", "a3a", "a4a", "b2a", "b3a", "b3b" };

		for (size_t i = 0; i < sizeof gap / sizeof *gap; i++)
			answer(st, a1, gap[i], N);
	}
	/* a2a a2b a3a a4a b2a b3a b3b, planned since Q1 */
	assert_int_equal(rm_count(st, team), 7);
	a2 = load_ok(st, begin_ok(st, "Life", "2026-Q2", m, true));
	assert_int_equal(rm_count(st, team), 7);

	/* The latest assessment's answer to yes: done in the latest period. */
	answer(st, a2, "a2a", Y);
	expect_item(st, team, "a2a", RM_DONE, "2026-Q1", "2026-Q2");
	/* From yes to anything else: planned again, created period kept. */
	answer(st, a2, "a2a", N);
	expect_item(st, team, "a2a", RM_PLANNED, "2026-Q1", NULL);
	answer(st, a2, "b2a", Y);
	expect_item(st, team, "b2a", RM_DONE, "2026-Q1", "2026-Q2");
	answer(st, a2, "b2a", U);
	expect_item(st, team, "b2a", RM_PLANNED, "2026-Q1", NULL);
	answer(st, a2, "b2a", Y);
	answer(st, a2, "b2a", PT);
	expect_item(st, team, "b2a", RM_PLANNED, "2026-Q1", NULL);

	/* To yes whatever the status was. */
	rm_status(st, team, "a2b", RM_DROPPED);
	expect_item(st, team, "a2b", RM_DROPPED, "2026-Q1", NULL);
	answer(st, a2, "a2b", Y);
	expect_item(st, team, "a2b", RM_DONE, "2026-Q1", "2026-Q2");
	/* A yes taken back returns the item to the status it had before the
	 * yes made it done: in progress stays in progress, with its owner. */
	rm_status(st, team, "a3a", RM_IN_PROGRESS);
	assert_true(store_roadmap_set_owner(st, team, "a3a", "dana"));
	answer(st, a2, "a3a", Y);
	expect_item(st, team, "a3a", RM_DONE, "2026-Q1", "2026-Q2");
	answer(st, a2, "a3a", PT);
	expect_item(st, team, "a3a", RM_IN_PROGRESS, "2026-Q1", NULL);
	l = rm_get(st, team, false);
	assert_string_equal(rm_find(&l, "a3a")->owner, "dana");
	store_roadmap_free(l.r, l.n);
	assert_true(store_roadmap_set_owner(st, team, "a3a", NULL));
	/* A yes again and a status set by hand: the hand's status holds, and
	 * taking the yes back then finds no status an answer replaced. */
	answer(st, a2, "a3a", Y);
	rm_status(st, team, "a3a", RM_DONE);
	answer(st, a2, "a3a", N);
	expect_item(st, team, "a3a", RM_PLANNED, "2026-Q1", NULL);

	/* Answers that neither reach nor leave yes move nothing. */
	rm_status(st, team, "b3b", RM_IN_PROGRESS);
	answer(st, a2, "b3b", N);
	answer(st, a2, "b3b", PT);
	answer(st, a2, "b3b", U);
	expect_item(st, team, "b3b", RM_IN_PROGRESS, "2026-Q1", NULL);

	/* People set any status; done takes the latest period, the rest clear it. */
	rm_status(st, team, "a4a", RM_DONE);
	expect_item(st, team, "a4a", RM_DONE, "2026-Q1", "2026-Q2");
	rm_status(st, team, "a4a", RM_IN_PROGRESS);
	expect_item(st, team, "a4a", RM_IN_PROGRESS, "2026-Q1", NULL);
	rm_status(st, team, "a4a", RM_DONE);
	rm_status(st, team, "a4a", RM_DROPPED);
	expect_item(st, team, "a4a", RM_DROPPED, "2026-Q1", NULL);
	rm_status(st, team, "a4a", RM_DONE);
	rm_status(st, team, "a4a", RM_PLANNED);
	expect_item(st, team, "a4a", RM_PLANNED, "2026-Q1", NULL);

	/* Answers on an older assessment do not move items, nor add them. */
	answer(st, a1, "b3b", Y);
	answer(st, a1, "a4a", Y);
	answer(st, a1, "a2b", N);
	target(st, a1, "db", 4);
	expect_item(st, team, "b3b", RM_IN_PROGRESS, "2026-Q1", NULL);
	expect_item(st, team, "a4a", RM_PLANNED, "2026-Q1", NULL);
	expect_item(st, team, "a2b", RM_DONE, "2026-Q1", "2026-Q2");
	assert_false(rm_has(st, team, "b4a"));
	assert_int_equal(rm_count(st, team), 7);

	/* Leaving the gap without a yes (target lowered) keeps the status, and
	 * items are never deleted. */
	rm_status(st, team, "a4a", RM_IN_PROGRESS);
	target(st, a2, "da", 2);
	target(st, a2, "da", NO_LEVEL);
	target(st, a2, "db", NO_LEVEL);
	expect_item(st, team, "a4a", RM_IN_PROGRESS, "2026-Q1", NULL);
	expect_item(st, team, "a3a", RM_PLANNED, "2026-Q1", NULL);
	expect_item(st, team, "b3b", RM_IN_PROGRESS, "2026-Q1", NULL);
	assert_int_equal(rm_count(st, team), 7);

	/* Owner and due period, read back. */
	assert_true(store_roadmap_set_owner(st, team, "a4a", "Zoë Ng, platform"));
	assert_true(store_roadmap_set_due(st, team, "a4a", per("2027-Q1")));
	l = rm_get(st, team, false);
	assert_string_equal(rm_find(&l, "a4a")->owner, "Zoë Ng, platform");
	assert_int_equal(rm_find(&l, "a4a")->due_period, per("2027-Q1"));
	assert_int_equal(rm_find(&l, "a4a")->status, RM_IN_PROGRESS);
	assert_null(rm_find(&l, "a3a")->owner);
	store_roadmap_free(l.r, l.n);
	assert_true(store_roadmap_set_owner(st, team, "a4a", NULL));
	assert_true(store_roadmap_set_due(st, team, "a4a", NO_PERIOD));
	l = rm_get(st, team, false);
	assert_null(rm_find(&l, "a4a")->owner);
	assert_int_equal(rm_find(&l, "a4a")->due_period, NO_PERIOD);
	store_roadmap_free(l.r, l.n);

	/* Open items only: no done, no dropped. */
	rm_status(st, team, "b3a", RM_DROPPED);
	l = rm_get(st, team, true);
	for (size_t i = 0; i < l.n; i++)
		assert_true(l.r[i].status == RM_PLANNED || l.r[i].status == RM_IN_PROGRESS);
	assert_null(rm_find(&l, "a2b"));        /* done */
	assert_null(rm_find(&l, "b3a"));        /* dropped */
	assert_non_null(rm_find(&l, "a4a"));
	store_roadmap_free(l.r, l.n);

	/* A newer period: done now means that period. */
	a3 = load_ok(st, begin_ok(st, "Life", "2026-Q3", m, true));
	rm_status(st, team, "a3a", RM_DONE);
	expect_item(st, team, "a3a", RM_DONE, "2026-Q1", "2026-Q3");
	answer(st, a3, "b3b", Y);
	expect_item(st, team, "b3b", RM_DONE, "2026-Q1", "2026-Q3");
	/* and Q2 is older now: its answers move nothing. */
	answer(st, a2, "a4a", Y);
	expect_item(st, team, "a4a", RM_IN_PROGRESS, "2026-Q1", NULL);

	/* An item that does not exist cannot be edited. */
	assert_false(store_roadmap_set_status(st, team, "b4a", RM_DONE));
	assert_non_null(strstr(store_error(st), "b4a"));
	assert_false(rm_has(st, team, "b4a"));
	assert_int_equal(rm_count(st, team), 7);

	release(a1);
	release(a2);
	release(a3);
	release(st);
	release(m);
}

/* ======================================================================== */
/* Crash safety: SIGKILL at random moments loses nothing reported saved      */
/* ======================================================================== */

#define CRASH_ROUNDS 36

static size_t crash_crit(uint64_t seq, size_t ncrits)
{
	return (size_t)(seq % ncrits);
}

static enum answer crash_val(int round, uint64_t seq, size_t ncrits)
{
	return (enum answer)((seq / ncrits + (uint64_t)round) % 4);
}

static bool write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Reads exactly n bytes; false at end of file. */
static bool read_all(int fd, void *buf, size_t n)
{
	char *p = buf;

	while (n > 0) {
		ssize_t r = read(fd, p, n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p += r;
		n -= (size_t)r;
	}
	return true;
}

/* The child: reports 0 once open, then each change's sequence number once
 * store_set_answer has returned true. Runs until killed. */
static void crash_child(const char *path, int64_t id, int round, int fd)
{
	char err[ERRSZ];
	struct store *st = store_open(path, 0, err, sizeof err);
	struct assessment *a;
	uint64_t seq = 0;

	if (!st || store_assessment_load(st, id, &a) != 1)
		_exit(3);
	if (!write_all(fd, &seq, sizeof seq))
		_exit(4);
	for (;;) {
		seq++;
		if (!store_set_answer(st, a, crash_crit(seq, a->model->ncrits),
				      crash_val(round, seq, a->model->ncrits)))
			_exit(5);
		if (!write_all(fd, &seq, sizeof seq))
			_exit(4);
	}
}

static void test_crash_safety(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct store *st = open_ok(f->db, STORE_CREATE);
	int64_t id = begin_ok(st, "Crash", "2026-Q1", m, true);
	enum answer expected[8];
	size_t n = m->ncrits;
	uint64_t total = 0;

	assert_int_equal(n, 8);
	release(st);
	for (size_t c = 0; c < n; c++)
		expected[c] = U;
	srand(20260101);
	for (int round = 0; round < CRASH_ROUNDS; round++) {
		int fds[2], status;
		uint64_t seq, last = 0;
		pid_t pid;
		struct assessment *a;
		char *ok;

		assert_int_equal(pipe(fds), 0);
		fflush(NULL);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			crash_child(f->db, id, round, fds[1]);
			_exit(6);
		}
		close(fds[1]);
		if (!read_all(fds[0], &seq, sizeof seq)) {
			waitpid(pid, &status, 0);
			fail_msg("round %d: the writer died before starting (status %d)", round, status);
		}
		/* A few rounds kill at once; the rest let the writer report a
		 * random number of changes (so a slow machine or valgrind still
		 * writes), then wait a random moment more. */
		if (round % 6 != 0) {
			uint64_t upto = (uint64_t)(rand() % 400);

			while (last < upto && read_all(fds[0], &seq, sizeof seq)) {
				assert_int_equal(seq, last + 1);
				last = seq;
			}
			usleep((useconds_t)(rand() % 3000));
		}
		assert_int_equal(kill(pid, SIGKILL), 0);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
			fail_msg("round %d: the writer stopped by itself (status %d)", round, status);
		while (read_all(fds[0], &seq, sizeof seq)) {
			assert_int_equal(seq, last + 1);
			last = seq;
		}
		close(fds[0]);
		for (uint64_t s = 1; s <= last; s++)
			expected[crash_crit(s, n)] = crash_val(round, s, n);
		total += last;

		st = open_ok(f->db, 0);
		ok = qtext(store_db(st), "PRAGMA integrity_check");
		assert_string_equal(ok, "ok");
		free(ok);
		a = load_ok(st, id);
		for (size_t c = 0; c < n; c++) {
			/* The change after the last reported one may have been
			 * committed too, just before the kill. */
			bool next = c == crash_crit(last + 1, n) &&
				    a->answers[c] == crash_val(round, last + 1, n);

			if (a->answers[c] != expected[c] && !next)
				fail_msg("round %d after %llu changes: %s is %s, reported %s", round,
					 (unsigned long long)last, m->crits[c].id,
					 answer_name(a->answers[c]), answer_name(expected[c]));
			expected[c] = a->answers[c];
		}
		/* Each change's scores were committed with it. */
		for (size_t d = 0; d < m->ndims; d++) {
			struct dim_input in = { NO_LEVEL, NO_LEVEL };
			struct dim_score sc;

			score_dimension(m, d, a->answers, &in, &sc);
			assert_int_equal(qint(store_db(st), "SELECT level FROM dims WHERE assessment_id = %lld "
					      "AND dimension_id = %Q", (long long)id, m->dims[d].id), sc.level);
			assert_dbl(qdbl(store_db(st), "SELECT score FROM dims WHERE assessment_id = %lld "
					"AND dimension_id = %Q", (long long)id, m->dims[d].id), sc.score);
		}
		release(a);
		release(st);
	}
	/* The rounds did write: the test is not vacuous. */
	if (total < 100)
		fail_msg("only %llu changes reported over %d rounds", (unsigned long long)total, CRASH_ROUNDS);
	release(m);
}

/* ======================================================================== */
/* Two processes writing at once                                            */
/* ======================================================================== */

#define OWN_CHANGES 2000
#define SHARED_CHANGES 200
#define WRITER_STEPS (OWN_CHANGES + SHARED_CHANGES)

struct writer_report {
	int changes, fails;
	char err[ERRSZ];
};

/* Step i of writer k: on the shared assessment every 11th step, on criteria
 * of k's parity there (so each writer knows their values), else on its own. */
static bool writer_step(int k, int i, int *own_j, int *shared_j, size_t *crit)
{
	if (i % 11 == 10) {
		*crit = (size_t)(2 * ((*shared_j)++ % 4) + k);
		return true;
	}
	*crit = (size_t)((*own_j)++ % 8);
	return false;
}

/* Each change moves the answer on: unknown, yes, partly, no, unknown... */
static enum answer next_answer(enum answer v)
{
	return (enum answer)(((int)v + 3) % 4);
}

static void writer_child(const char *path, int k, int64_t own_id, int64_t shared_id, int go,
			 int out)
{
	struct writer_report rep;
	char err[ERRSZ], c;
	struct store *st = store_open(path, 0, err, sizeof err);
	struct assessment *own_a, *shared;
	enum answer own_v[8] = { U, U, U, U, U, U, U, U }, sh_v[8] = { U, U, U, U, U, U, U, U };
	int own_j = 0, shared_j = 0;

	memset(&rep, 0, sizeof rep);
	if (!st) {
		rep.fails = -1;
		snprintf(rep.err, sizeof rep.err, "%s", err);
		write_all(out, &rep, sizeof rep);
		_exit(3);
	}
	if (store_assessment_load(st, own_id, &own_a) != 1 ||
	    store_assessment_load(st, shared_id, &shared) != 1 || !read_all(go, &c, 1))
		_exit(4);
	for (int i = 0; i < WRITER_STEPS; i++) {
		size_t crit;
		bool on_shared = writer_step(k, i, &own_j, &shared_j, &crit);
		enum answer *vals = on_shared ? sh_v : own_v;
		enum answer v = next_answer(vals[crit]);

		if (store_set_answer(st, on_shared ? shared : own_a, crit, v)) {
			vals[crit] = v;
			rep.changes++;
		} else if (rep.fails++ == 0) {
			snprintf(rep.err, sizeof rep.err, "%s", store_error(st));
		}
	}
	assessment_free(own_a);
	assessment_free(shared);
	store_close(st);
	write_all(out, &rep, sizeof rep);
	_exit(0);
}

/* Several processes asking at once for the same new team and period, on a
 * database that has not recorded the model yet: all get the same
 * assessment, exactly one creates it, none sees an error. */
#define RACERS 4
#define RACE_ROUNDS 8

struct race_report {
	int64_t id;
	int created;
	char err[ERRSZ];
};

static void racer_child(const char *path, const struct model *m, int go, int out)
{
	struct race_report rep;
	char err[ERRSZ], c;
	bool created = false;
	struct store *st = store_open(path, STORE_CREATE, err, sizeof err);

	memset(&rep, 0, sizeof rep);
	if (!st) {
		snprintf(rep.err, sizeof rep.err, "%s", err);
	} else if (read_all(go, &c, 1)) {
		rep.id = store_assessment_begin(st, "Race", per("2026-Q1"), "racer", m, &created);
		rep.created = created;
		if (!rep.id)
			snprintf(rep.err, sizeof rep.err, "%s", store_error(st));
	}
	store_close(st);
	write_all(out, &rep, sizeof rep);
	_exit(0);
}

static void test_concurrent_begin(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);

	for (int round = 0; round < RACE_ROUNDS; round++) {
		char path[PATHSZ], name[32];
		pid_t pid[RACERS];
		int out[RACERS][2], go[2], created = 0;
		struct race_report reps[RACERS];
		bool got[RACERS];
		int64_t id = 0;
		struct store *st;

		snprintf(name, sizeof name, "race%d.db", round);
		path_in(path, f->dir, name);
		/* The database exists (so no child creates the file) but has
		 * never seen the model. */
		st = open_ok(path, STORE_CREATE);
		release(st);
		assert_int_equal(pipe(go), 0);
		for (int k = 0; k < RACERS; k++) {
			assert_int_equal(pipe(out[k]), 0);
			fflush(NULL);
			pid[k] = fork();
			assert_true(pid[k] >= 0);
			if (pid[k] == 0) {
				close(out[k][0]);
				close(go[1]);
				racer_child(path, m, go[0], out[k][1]);
				_exit(7);
			}
			close(out[k][1]);
		}
		close(go[0]);
		/* Let every child open, then start them together. */
		usleep(20000);
		assert_true(write_all(go[1], "gggg", RACERS));
		close(go[1]);
		/* Collect every child before judging any. */
		for (int k = 0; k < RACERS; k++) {
			int status;

			got[k] = read_all(out[k][0], &reps[k], sizeof reps[k]);
			close(out[k][0]);
			assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
		}
		for (int k = 0; k < RACERS; k++) {
			const struct race_report rep = reps[k];

			if (!got[k])
				fail_msg("racer %d sent no report", k);
			if (rep.id <= 0)
				fail_msg("round %d, racer %d: store_assessment_begin failed: %s", round, k,
					 rep.err);
			if (id && rep.id != id)
				fail_msg("round %d: racers got assessments %lld and %lld", round,
					 (long long)id, (long long)rep.id);
			id = rep.id;
			created += rep.created;
		}
		assert_int_equal(created, 1);
		st = open_ok(path, 0);
		assert_int_equal(store_assessment_count(st), 1);
		assert_int_equal(qint(store_db(st), "SELECT count(*) FROM models"), 1);
		assert_int_equal(qint(store_db(st), "SELECT count(*) FROM teams"), 1);
		release(st);
	}
	release(m);
}

static void test_two_writers(void **state)
{
	struct fx *f = *state;
	struct model *m = load_model(m1_yaml);
	struct store *st = open_ok(f->db, STORE_CREATE);
	int64_t own_id[2], shared;
	enum answer own_v[2][8], sh_v[8];
	pid_t pid[2];
	int out[2][2], go[2], statuses[2];
	struct writer_report reps[2];
	bool got[2];
	struct assessment *a;
	struct dim_input in[2] = { { NO_LEVEL, NO_LEVEL }, { NO_LEVEL, NO_LEVEL } };
	char *ok;

	own_id[0] = begin_ok(st, "Writer A", "2026-Q1", m, true);
	own_id[1] = begin_ok(st, "Writer B", "2026-Q1", m, true);
	shared = begin_ok(st, "Shared", "2026-Q1", m, true);
	release(st);

	assert_int_equal(pipe(go), 0);
	for (int k = 0; k < 2; k++) {
		assert_int_equal(pipe(out[k]), 0);
		fflush(NULL);
		pid[k] = fork();
		assert_true(pid[k] >= 0);
		if (pid[k] == 0) {
			close(out[k][0]);
			close(go[1]);
			writer_child(f->db, k, own_id[k], shared, go[0], out[k][1]);
			_exit(7);
		}
		close(out[k][1]);
	}
	close(go[0]);
	/* Both start together. */
	assert_true(write_all(go[1], "gg", 2));
	close(go[1]);
	for (int k = 0; k < 2; k++) {
		got[k] = read_all(out[k][0], &reps[k], sizeof reps[k]);
		close(out[k][0]);
		assert_int_equal(waitpid(pid[k], &statuses[k], 0), pid[k]);
	}
	for (int k = 0; k < 2; k++) {
		const struct writer_report rep = reps[k];
		int status = statuses[k];

		if (!got[k])
			fail_msg("writer %d sent no report (status %d)", k, status);
		assert_true(WIFEXITED(status));
		if (WEXITSTATUS(status) != 0)
			fail_msg("writer %d exited with %d: %s", k, WEXITSTATUS(status), rep.err);
		if (rep.fails != 0)
			fail_msg("writer %d: %d of %d changes failed, first: %s", k, rep.fails,
				 WRITER_STEPS, rep.err);
		assert_int_equal(rep.changes, WRITER_STEPS);
	}

	/* What each writer did, replayed. */
	for (size_t c = 0; c < 8; c++)
		own_v[0][c] = own_v[1][c] = sh_v[c] = U;
	for (int k = 0; k < 2; k++) {
		int own_j = 0, shared_j = 0;

		for (int i = 0; i < WRITER_STEPS; i++) {
			size_t crit;
			bool on_shared = writer_step(k, i, &own_j, &shared_j, &crit);
			enum answer *vals = on_shared ? sh_v : own_v[k];

			vals[crit] = next_answer(vals[crit]);
		}
	}
	st = open_ok(f->db, 0);
	ok = qtext(store_db(st), "PRAGMA integrity_check");
	assert_string_equal(ok, "ok");
	free(ok);
	for (int k = 0; k < 3; k++) {
		int64_t id = k < 2 ? own_id[k] : shared;
		const enum answer *vals = k < 2 ? own_v[k] : sh_v;

		a = load_ok(st, id);
		for (size_t c = 0; c < 8; c++)
			if (a->answers[c] != vals[c])
				fail_msg("assessment %lld: %s is %s, expected %s", (long long)id,
					 m->crits[c].id, answer_name(a->answers[c]), answer_name(vals[c]));
		/* The stored scores follow both writers' answers. */
		check_scores(st, a, vals, in);
		release(a);
		assert_int_equal(qint(store_db(st), "SELECT count(*) FROM audit WHERE action = 'answer' "
				      "AND assessment_id = %lld", (long long)id),
				 k < 2 ? OWN_CHANGES : 2 * SHARED_CHANGES);
	}
	assert_int_equal(qint(store_db(st), "SELECT count(*) FROM audit WHERE action = 'answer'"),
			 2 * WRITER_STEPS);
	release(st);
	release(m);
}

/* ======================================================================== */
/* Demo data                                                                */
/* ======================================================================== */

static struct store *demo_db(const char *path, const struct model *m, unsigned long seed)
{
	struct store *st = open_ok(path, STORE_CREATE);
	struct demo_params p = { .teams = 6, .quarters = 8, .seed = seed,
				 .last_period = per("2026-Q2"), .force = false };

	if (!demo_fill(st, m, &p))
		fail_msg("demo_fill: %s", store_error(st));
	return st;
}

/* Everything demo_fill wrote, as text; only the time stamps of the model
 * and demo audit rows (taken from the clock) are left out. */
static char *demo_dump(struct store *st)
{
	static const char *const queries[] = {
		"SELECT group_concat(x, '|') FROM (SELECT id || ',' || name || ',' || created_at AS x "
		"FROM teams ORDER BY id)",
		"SELECT group_concat(x, '|') FROM (SELECT a.id || ',' || a.team_id || ',' || a.period || ',' || "
		"a.facilitator || ',' || a.created_at || ',' || a.updated_at || ',' || quote(a.overall) || ',' || "
		"quote(a.coverage) AS x FROM assessments a ORDER BY a.id)",
		"SELECT group_concat(x, '|') FROM (SELECT assessment_id || ',' || criterion_id || ',' || answer AS x "
		"FROM answers ORDER BY assessment_id, criterion_id)",
		"SELECT group_concat(x, '|') FROM (SELECT assessment_id || ',' || dimension_id || ',' || "
		"quote(target) || ',' || quote(override_level) || ',' || quote(override_reason) || ',' || "
		"quote(notes) || ',' || level || ',' || quote(score) || ',' || quote(gap) || ',' || "
		"quote(coverage) || ',' || updated_at AS x FROM dims ORDER BY assessment_id, dimension_id)",
		"SELECT group_concat(x, '|') FROM (SELECT team_id || ',' || criterion_id || ',' || dimension_id || "
		"',' || ord || ',' || quote(action) || ',' || status || ',' || quote(owner) || ',' || "
		"quote(due_period) || ',' || created_period || ',' || quote(done_period) AS x FROM roadmap "
		"ORDER BY team_id, criterion_id)",
		"SELECT group_concat(x, '|') FROM (SELECT id || ',' || CASE WHEN action IN ('demo', 'model') "
		"THEN '' ELSE at END || ',' || os_user || ',' || quote(assessment_id) || ',' || action || ',' || "
		"detail AS x FROM audit ORDER BY id)",
	};
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
		char *part = qtext(store_db(st), "%s", queries[i]);

		assert_non_null(part);
		sb_adds(&sb, part);
		sb_adds(&sb, "\n#\n");
		free(part);
	}
	return sb.s;
}

static void test_demo_deterministic(void **state)
{
	struct fx *f = *state;
	struct model *m = load_builtin();
	char p1[PATHSZ], p2[PATHSZ], p3[PATHSZ];
	struct store *s1, *s2, *s3;
	char *d1, *d2, *d3;

	path_in(p1, f->dir, "one.db");
	path_in(p2, f->dir, "two.db");
	path_in(p3, f->dir, "three.db");
	s1 = demo_db(p1, m, 42);
	s2 = demo_db(p2, m, 42);
	s3 = demo_db(p3, m, 43);
	d1 = demo_dump(s1);
	d2 = demo_dump(s2);
	d3 = demo_dump(s3);
	assert_true(strlen(d1) > 1000);
	if (strcmp(d1, d2) != 0) {
		size_t i = 0;

		while (d1[i] == d2[i])
			i++;
		fail_msg("the same seed gave different data at byte %zu: '%.60s' vs '%.60s'", i,
			 d1 + (i > 20 ? i - 20 : 0), d2 + (i > 20 ? i - 20 : 0));
	}
	assert_string_not_equal(d1, d3);
	free(d1);
	free(d2);
	free(d3);
	release(s1);
	release(s2);
	release(s3);
	release(m);
}

static void test_demo_content(void **state)
{
	struct fx *f = *state;
	struct model *m = load_builtin();
	struct store *st = demo_db(f->db, m, 42);
	sqlite3 *db = store_db(st);
	char *s;

	assert_int_equal(qint(db, "SELECT count(*) FROM teams"), 6);
	assert_qtext(db, "2026-Q2", "SELECT max(period) FROM assessments");
	assert_qtext(db, "2024-Q3", "SELECT min(period) FROM assessments");
	assert_int_equal(qint(db, "SELECT max(n) FROM (SELECT count(*) AS n FROM assessments GROUP BY team_id)"), 8);
	assert_int_equal(store_assessment_count(st), qint(db, "SELECT count(*) FROM assessments"));
	/* every roadmap status, owners, due periods */
	assert_int_equal(qint(db, "SELECT count(DISTINCT status) FROM roadmap"), 4);
	for (int i = 0; i < RM_NSTATUS; i++)
		assert_true(qint(db, "SELECT count(*) FROM roadmap WHERE status = %Q",
				 rm_status_name((enum rm_status)i)) > 0);
	assert_true(qint(db, "SELECT count(owner) FROM roadmap") > 0);
	assert_true(qint(db, "SELECT count(due_period) FROM roadmap") > 0);
	assert_int_equal(qint(db, "SELECT count(*) FROM roadmap WHERE (status = 'done') <> "
			      "(done_period IS NOT NULL)"), 0);
	/* tricky notes */
	assert_true(qint(db, "SELECT count(*) FROM dims WHERE instr(notes, ',') > 0") > 0);
	assert_true(qint(db, "SELECT count(*) FROM dims WHERE instr(notes, '\"') > 0") > 0);
	assert_true(qint(db, "SELECT count(*) FROM dims WHERE instr(notes, char(10)) > 0") > 0);
	assert_true(qint(db, "SELECT count(*) FROM dims WHERE substr(notes, 1, 1) = '='") > 0);
	assert_true(qint(db, "SELECT count(*) FROM dims WHERE length(notes) <> length(CAST(notes AS BLOB))") > 0);
	/* overrides with reasons, and targets */
	assert_true(qint(db, "SELECT count(*) FROM dims WHERE override_level IS NOT NULL "
			 "AND length(override_reason) > 0") > 0);
	assert_int_equal(qint(db, "SELECT count(*) FROM dims WHERE override_level IS NOT NULL "
			      "AND override_reason IS NULL"), 0);
	assert_true(qint(db, "SELECT count(target) FROM dims") > 0);
	/* stored scores agree with the stored answers */
	s = qtext(db, "PRAGMA integrity_check");
	assert_string_equal(s, "ok");
	free(s);
	{
		struct team_summary *t;
		size_t n;

		assert_true(store_team_list(st, &t, &n));
		assert_int_equal(n, 6);
		for (size_t i = 0; i < n; i++) {
			struct assessment *a = load_ok(st, t[i].latest_id);

			for (size_t d = 0; d < m->ndims; d++) {
				assert_int_equal(qint(db, "SELECT level FROM dims WHERE assessment_id = %lld "
						      "AND dimension_id = %Q", (long long)a->id,
						      m->dims[d].id), a->scores[d].level);
				assert_dbl(qdbl(db, "SELECT score FROM dims WHERE assessment_id = %lld "
						"AND dimension_id = %Q", (long long)a->id, m->dims[d].id),
					   a->scores[d].score);
			}
			assert_dbl(t[i].overall, a->overall.score);
			release(a);
		}
		store_team_list_free(t, n);
	}
	release(st);
	release(m);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_create_in_missing_folder),
		T(test_migrate_empty_file),
		T(test_existing_mode_kept),
		T(test_reopen_keeps_data),
		T(test_bad_not_sqlite),
		T(test_bad_truncated),
		T(test_bad_empty_readonly),
		T(test_bad_newer_schema),
		T(test_bad_foreign_sqlite),
		T(test_bad_folder),
		T(test_bad_missing_readonly),
		T(test_unwritable_file_opens_readonly),
		T(test_unwritable_file_other_user),
		T(test_unwritable_folder_other_user),
		T(test_readonly_flag_refuses_changes),
		T(test_one_assessment_per_team_and_period),
		T(test_carry_forward_copies_everything),
		T(test_carry_forward_latest_earlier_and_backfill),
		T(test_carry_forward_model_change),
	T(test_model_parsed_once),
		T(test_scores_persisted),
		T(test_reload_sees_other_writers),
		T(test_audit_every_change),
		T(test_concurrent_text_edits),
		T(test_roadmap_items_appear),
		T(test_roadmap_next_level_without_target),
		T(test_roadmap_life_cycle),
		T(test_crash_safety),
		T(test_concurrent_begin),
		T(test_two_writers),
		T(test_demo_deterministic),
		T(test_demo_content),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
