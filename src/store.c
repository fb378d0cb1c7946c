#include "store_int.h"
#include "xalloc.h"
#include "strbuf.h"
#include "period.h"
#include "osutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 10000

static const char *const sql[S_NSTMT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_AUDIT] = "INSERT INTO audit(at, os_user, assessment_id, action, detail) VALUES (?,?,?,?,?)",
	[S_MODEL_BY_SHA] = "SELECT id FROM models WHERE sha256 = ?",
	[S_MODEL_INSERT] = "INSERT INTO models(model_id, version, sha256, yaml, added_at) VALUES (?,?,?,?,?)",
	[S_MODEL_DIM_INSERT] = "INSERT INTO model_dims(model, ord, dimension_id, name, weight) VALUES (?,?,?,?,?)",
	[S_MODEL_CRIT_INSERT] = "INSERT INTO model_criteria(model, ord, criterion_id, dimension_id, level, text, action) VALUES (?,?,?,?,?,?,?)",
	[S_MODEL_YAML] = "SELECT yaml FROM models WHERE id = ?",
	[S_TEAM_FIND] = "SELECT id FROM teams WHERE name = ?",
	[S_TEAM_INSERT] = "INSERT INTO teams(name, created_at) VALUES (?, ?)",
	[S_ASSESS_FIND] = "SELECT id FROM assessments WHERE team_id = ? AND period = ?",
	[S_ASSESS_INSERT] = "INSERT INTO assessments(team_id, period, model, facilitator, created_at, updated_at) VALUES (?,?,?,?,?,?)",
	[S_ASSESS_PREV] = "SELECT id FROM assessments WHERE team_id = ? AND period < ? ORDER BY period DESC LIMIT 1",
	[S_ASSESS_GET] = "SELECT a.team_id, t.name, a.period, a.model, a.facilitator, a.created_at, a.updated_at "
			 "FROM assessments a JOIN teams t ON t.id = a.team_id WHERE a.id = ?",
	[S_ASSESS_LATEST] = "SELECT id, period FROM assessments WHERE team_id = ? ORDER BY period DESC LIMIT 1",
	[S_ASSESS_TOUCH] = "UPDATE assessments SET overall = ?, coverage = ?, updated_at = ? WHERE id = ?",
	[S_ANSWERS_GET] = "SELECT criterion_id, answer FROM answers WHERE assessment_id = ?",
	[S_ANSWER_SET] = "INSERT INTO answers(assessment_id, criterion_id, answer) VALUES (?,?,?) "
			 "ON CONFLICT(assessment_id, criterion_id) DO UPDATE SET answer = excluded.answer",
	[S_ANSWER_DEL] = "DELETE FROM answers WHERE assessment_id = ? AND criterion_id = ?",
	[S_ANSWERS_COPY] = "INSERT INTO answers(assessment_id, criterion_id, answer) "
			   "SELECT ?1, a.criterion_id, a.answer FROM answers a "
			   "JOIN model_criteria c ON c.model = ?3 AND c.criterion_id = a.criterion_id "
			   "WHERE a.assessment_id = ?2",
	[S_DIMS_GET] = "SELECT dimension_id, target, override_level, override_reason, notes, updated_at "
		       "FROM dims WHERE assessment_id = ?",
	[S_DIM_UPSERT] = "INSERT INTO dims(assessment_id, dimension_id, target, override_level, override_reason, "
			 "notes, level, score, gap, coverage, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
			 "ON CONFLICT(assessment_id, dimension_id) DO UPDATE SET target = excluded.target, "
			 "override_level = excluded.override_level, override_reason = excluded.override_reason, "
			 "notes = excluded.notes, level = excluded.level, score = excluded.score, "
			 "gap = excluded.gap, coverage = excluded.coverage, updated_at = excluded.updated_at",
	[S_DIM_SCORE] = "UPDATE dims SET level = ?, score = ?, gap = ?, coverage = ? "
			"WHERE assessment_id = ? AND dimension_id = ?",
	[S_RM_GET] = "SELECT status, done_period, created_period FROM roadmap WHERE team_id = ? AND criterion_id = ?",
	[S_RM_INSERT] = "INSERT INTO roadmap(team_id, criterion_id, dimension_id, ord, action, status, created_period) "
			"VALUES (?,?,?,?,?,'planned',?) ON CONFLICT(team_id, criterion_id) DO NOTHING",
	[S_RM_SET_STATUS] = "UPDATE roadmap SET status = ?, done_period = ? WHERE team_id = ? AND criterion_id = ?",
	[S_RM_SET_OWNER] = "UPDATE roadmap SET owner = ? WHERE team_id = ? AND criterion_id = ?",
	[S_RM_SET_DUE] = "UPDATE roadmap SET due_period = ? WHERE team_id = ? AND criterion_id = ?",
	[S_RM_LIST] = "SELECT criterion_id, dimension_id, action, owner, status, due_period, created_period, "
		      "done_period, ord FROM roadmap WHERE team_id = ?1 "
		      "AND (?2 = 0 OR status IN ('planned', 'in-progress')) ORDER BY ord",
	[S_TEAM_LIST] = "SELECT t.id, t.name, a.id, a.period, a.overall, a.coverage "
			"FROM teams t LEFT JOIN assessments a ON a.id = "
			"(SELECT id FROM assessments l WHERE l.team_id = t.id ORDER BY l.period DESC LIMIT 1) "
			"ORDER BY t.name",
	[S_TEAM_HISTORY] = "SELECT period, overall FROM assessments WHERE team_id = ? ORDER BY period DESC LIMIT ?",
	[S_TEAM_CELLS] = "SELECT a.period, d.dimension_id, d.level, d.score, d.gap, d.target "
			 "FROM assessments a JOIN dims d ON d.assessment_id = a.id "
			 "WHERE a.team_id = ? AND a.period >= ? AND a.period <= ? ORDER BY a.period",
	[S_COUNT_ASSESS] = "SELECT count(*) FROM assessments",
	[S_DATA_VERSION] = "PRAGMA data_version",
	[S_TEAM_ASSESSMENTS] = "SELECT id, period, overall, coverage FROM assessments WHERE team_id = ? ORDER BY period",
	[S_ORG_CELLS] = "SELECT t.id, t.name, a.id, a.period, a.overall, d.dimension_id, d.score, d.level, "
			"d.gap, d.target FROM teams t JOIN assessments a ON a.id = "
			"(SELECT id FROM assessments l WHERE l.team_id = t.id AND l.period <= ?1 "
			"ORDER BY l.period DESC LIMIT 1) JOIN dims d ON d.assessment_id = a.id ORDER BY t.id",
	[S_TEAM_NAME] = "SELECT name FROM teams WHERE id = ?",
	/* One index seek per period instead of a scan of every assessment. */
	[S_PERIODS] = "WITH RECURSIVE p(x) AS (SELECT min(period) FROM assessments UNION ALL "
		      "SELECT (SELECT min(period) FROM assessments WHERE period > x) FROM p "
		      "WHERE x IS NOT NULL) SELECT x FROM p WHERE x IS NOT NULL",
};

/* Each entry moves the schema from version i to i + 1. */
static const char *const migrations[] = {
	"CREATE TABLE models("
	"  id INTEGER PRIMARY KEY, model_id TEXT NOT NULL, version TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL UNIQUE, yaml TEXT NOT NULL, added_at TEXT NOT NULL);"
	"CREATE TABLE model_dims("
	"  model INTEGER NOT NULL REFERENCES models(id), ord INTEGER NOT NULL,"
	"  dimension_id TEXT NOT NULL, name TEXT NOT NULL, weight REAL NOT NULL,"
	"  PRIMARY KEY(model, ord), UNIQUE(model, dimension_id)) WITHOUT ROWID;"
	"CREATE TABLE model_criteria("
	"  model INTEGER NOT NULL REFERENCES models(id), ord INTEGER NOT NULL,"
	"  criterion_id TEXT NOT NULL, dimension_id TEXT NOT NULL, level INTEGER NOT NULL,"
	"  text TEXT NOT NULL, action TEXT,"
	"  PRIMARY KEY(model, ord), UNIQUE(model, criterion_id)) WITHOUT ROWID;"
	"CREATE TABLE teams("
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);"
	"CREATE TABLE assessments("
	"  id INTEGER PRIMARY KEY, team_id INTEGER NOT NULL REFERENCES teams(id),"
	"  period TEXT NOT NULL, model INTEGER NOT NULL REFERENCES models(id),"
	"  facilitator TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	"  overall REAL NOT NULL DEFAULT 0, coverage REAL NOT NULL DEFAULT 0,"
	"  UNIQUE(team_id, period));"
	"CREATE INDEX assessments_period ON assessments(period, team_id);"
	"CREATE TABLE answers("
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
	"  criterion_id TEXT NOT NULL, answer INTEGER NOT NULL CHECK (answer BETWEEN 1 AND 3),"
	"  PRIMARY KEY(assessment_id, criterion_id)) WITHOUT ROWID;"
	"CREATE TABLE dims("
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
	"  dimension_id TEXT NOT NULL, target INTEGER, override_level INTEGER,"
	"  override_reason TEXT, notes TEXT, level INTEGER NOT NULL, score REAL NOT NULL,"
	"  gap REAL NOT NULL, coverage REAL NOT NULL, updated_at TEXT NOT NULL,"
	"  PRIMARY KEY(assessment_id, dimension_id)) WITHOUT ROWID;"
	"CREATE TABLE roadmap("
	"  team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,"
	"  criterion_id TEXT NOT NULL, dimension_id TEXT NOT NULL, ord INTEGER NOT NULL,"
	"  action TEXT, status TEXT NOT NULL"
	"    CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),"
	"  owner TEXT, due_period TEXT, created_period TEXT NOT NULL, done_period TEXT,"
	"  PRIMARY KEY(team_id, criterion_id)) WITHOUT ROWID;"
	"CREATE INDEX roadmap_order ON roadmap(team_id, ord);"
	"CREATE TABLE audit("
	"  id INTEGER PRIMARY KEY, at TEXT NOT NULL, os_user TEXT NOT NULL,"
	"  assessment_id INTEGER, action TEXT NOT NULL, detail TEXT NOT NULL);"
	"CREATE INDEX audit_at ON audit(at, id);"
	"CREATE INDEX audit_assessment ON audit(assessment_id);"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
};

bool store_fail(struct store *st, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(st->err, sizeof st->err, "mlmat: %s: ", st->path);

	if (n >= 0 && (size_t)n < sizeof st->err) {
		va_start(ap, fmt);
		vsnprintf(st->err + n, sizeof st->err - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return false;
}

bool store_fail_db(struct store *st, const char *what)
{
	int code = sqlite3_extended_errcode(st->db);

	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		return store_fail(st, "%s: the database stayed locked by another writer for %d s; "
				  "nothing was changed, try again", what, BUSY_TIMEOUT_MS / 1000);
	if ((code & 0xff) == SQLITE_READONLY)
		return store_fail(st, "%s: the database is read-only", what);
	return store_fail(st, "%s: %s", what, sqlite3_errmsg(st->db));
}

sqlite3_stmt *store_stmt(struct store *st, enum sid id)
{
	sqlite3_stmt *s = st->stmts[id];

	if (!s) {
		if (sqlite3_prepare_v3(st->db, sql[id], -1, SQLITE_PREPARE_PERSISTENT,
				       &st->stmts[id], NULL) != SQLITE_OK) {
			store_fail_db(st, "prepare");
			return NULL;
		}
		return st->stmts[id];
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

bool store_step_done(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc;

	if (!s)
		return false;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail_db(st, what);
	return true;
}

void store_bind_text_or_null(sqlite3_stmt *s, int i, const char *text)
{
	if (text && *text)
		sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

void store_bind_period(sqlite3_stmt *s, int i, int period)
{
	char buf[PERIOD_LEN];

	if (period == NO_PERIOD) {
		sqlite3_bind_null(s, i);
		return;
	}
	period_format(period, buf);
	sqlite3_bind_text(s, i, buf, -1, SQLITE_TRANSIENT);
}

int store_column_period(sqlite3_stmt *s, int i)
{
	const char *text = (const char *)sqlite3_column_text(s, i);
	int p;

	return text && period_parse(text, &p) ? p : NO_PERIOD;
}

char *store_column_dup(sqlite3_stmt *s, int i)
{
	const char *text = (const char *)sqlite3_column_text(s, i);

	return text ? xstrdup(text) : NULL;
}

static bool exec(struct store *st, const char *q, const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, q, NULL, NULL, &msg) != SQLITE_OK) {
		store_fail(st, "%s: %s", what, msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return false;
	}
	return true;
}

static int64_t query_int(struct store *st, const char *q, bool *ok)
{
	sqlite3_stmt *s;
	int64_t v = 0;

	*ok = false;
	if (sqlite3_prepare_v2(st->db, q, -1, &s, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW) {
		v = sqlite3_column_int64(s, 0);
		*ok = true;
	}
	sqlite3_finalize(s);
	return v;
}

/* Creates each missing folder of path's parent with mode 0700. */
static bool make_parents(const char *path)
{
	char *dir = xstrdup(path);

	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			int e = errno;
			free(dir);
			errno = e;
			return false;
		}
		*p = '/';
	}
	free(dir);
	return true;
}

static bool migrate(struct store *st, int from)
{
	int count = (int)(sizeof migrations / sizeof *migrations);
	char buf[64];

	if (!exec(st, "BEGIN IMMEDIATE", "cannot start the schema upgrade"))
		return false;
	for (int v = from; v < count; v++) {
		if (!exec(st, migrations[v], "schema upgrade failed")) {
			exec(st, "ROLLBACK", "rollback");
			return false;
		}
	}
	snprintf(buf, sizeof buf, "PRAGMA user_version = %d", count);
	if (!exec(st, buf, "schema upgrade failed") ||
	    !exec(st, "PRAGMA application_id = 1835822452", "schema upgrade failed") ||
	    !exec(st, "COMMIT", "schema upgrade failed")) {
		exec(st, "ROLLBACK", "rollback");
		return false;
	}
	return true;
}

/* Checks that the file is an SQLite database of ours that this binary can
 * use, without writing to it. */
static bool check_database(struct store *st, int *version, bool *empty)
{
	bool ok;
	int64_t tables, app, pages, page_size;
	struct stat sb, wal;
	char *walpath;

	tables = query_int(st, "SELECT count(*) FROM sqlite_schema", &ok);
	if (!ok) {
		int code = sqlite3_errcode(st->db);

		if (code == SQLITE_NOTADB)
			return store_fail(st, "not an SQLite database");
		if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
			return store_fail_db(st, "cannot read");
		return store_fail(st, "cannot read the database: %s", sqlite3_errmsg(st->db));
	}
	*version = (int)query_int(st, "PRAGMA user_version", &ok);
	app = query_int(st, "PRAGMA application_id", &ok);
	*empty = tables == 0;
	if ((app != 0 && app != STORE_APP_ID) || (*version == 0 && tables > 0))
		return store_fail(st, "not an mlmat database");
	if (*version > STORE_SCHEMA_VERSION)
		return store_fail(st, "the database has schema version %d, newer than this mlmat "
				  "understands (%d); use a newer mlmat", *version, STORE_SCHEMA_VERSION);
	pages = query_int(st, "PRAGMA page_count", &ok);
	page_size = query_int(st, "PRAGMA page_size", &ok);
	walpath = xasprintf("%s-wal", st->path);
	if (stat(st->path, &sb) == 0 && (stat(walpath, &wal) != 0 || wal.st_size == 0) &&
	    (int64_t)sb.st_size < pages * page_size) {
		free(walpath);
		return store_fail(st, "the database file is truncated");
	}
	free(walpath);
	return true;
}

static bool can_read(struct store *st)
{
	bool ok;

	query_int(st, "SELECT count(*) FROM sqlite_schema", &ok);
	return ok || (sqlite3_errcode(st->db) & 0xff) != SQLITE_READONLY;
}

/* A WAL database read by someone who cannot write its folder: SQLite cannot
 * create the shared-memory file, so read the file as it is on disk. */
static bool reopen_immutable(struct store *st)
{
	char *p, *enc;
	struct strbuf sb;

	sqlite3_close(st->db);
	st->db = NULL;
	/* Escape the characters a URI gives meaning to. */
	sb_init(&sb);
	sb_adds(&sb, "file:");
	for (p = st->path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			sb_printf(&sb, "%%%02X", (unsigned char)*p);
		else
			sb_addc(&sb, *p);
	}
	sb_adds(&sb, "?immutable=1");
	enc = sb.s;
	if (sqlite3_open_v2(enc, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK) {
		store_fail(st, "cannot open read-only: %s", st->db ? sqlite3_errmsg(st->db) : "out of memory");
		free(enc);
		return false;
	}
	free(enc);
	sqlite3_extended_result_codes(st->db, 1);
	return true;
}

struct store *store_open(const char *path, unsigned flags, char *err, size_t errsz)
{
	struct store *st = xcalloc(1, sizeof *st);
	struct stat sb;
	bool created = false, empty = true;
	int version = 0, oflags;

	st->path = xstrdup(path);
	if (stat(path, &sb) != 0) {
		int fd;

		if (errno != ENOENT || !(flags & STORE_CREATE) || (flags & STORE_READONLY)) {
			store_fail(st, "%s", strerror(errno));
			goto fail;
		}
		if (!make_parents(path)) {
			store_fail(st, "cannot create its folder: %s", strerror(errno));
			goto fail;
		}
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd < 0) {
			store_fail(st, "cannot create: %s", strerror(errno));
			goto fail;
		}
		close(fd);
		created = true;
	} else if (S_ISDIR(sb.st_mode)) {
		store_fail(st, "is a folder, not a database file");
		goto fail;
	} else if (sb.st_size == 0 && !(flags & STORE_CREATE)) {
		store_fail(st, "the database is empty");
		goto fail;
	}
	st->readonly = (flags & STORE_READONLY) != 0;
	if (!st->readonly && access(path, W_OK) != 0) {
		if (flags & STORE_MUST_WRITE) {
			store_fail(st, "cannot write: %s", strerror(errno));
			goto fail;
		}
		st->readonly = true;
	}
	oflags = st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		store_fail(st, "cannot open: %s", st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(st->db, 1);
	if (st->readonly && !can_read(st) && !reopen_immutable(st))
		goto fail;
	if (!check_database(st, &version, &empty))
		goto fail;
	if (st->readonly) {
		if (version < STORE_SCHEMA_VERSION) {
			store_fail(st, empty ? "the database is empty"
				   : "the database needs a schema upgrade; open it once with write access");
			goto fail;
		}
	} else {
		if (!exec(st, "PRAGMA journal_mode = WAL", "cannot use WAL") ||
		    !exec(st, "PRAGMA synchronous = NORMAL", "cannot set synchronous"))
			goto fail;
		if (version < STORE_SCHEMA_VERSION && !migrate(st, version))
			goto fail;
	}
	if (!exec(st, "PRAGMA foreign_keys = ON", "cannot enable foreign keys"))
		goto fail;
	return st;
fail:
	snprintf(err, errsz, "%s", st->err);
	if (created && st->db == NULL)
		unlink(path);
	store_close(st);
	return NULL;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	for (int i = 0; i < S_NSTMT; i++)
		sqlite3_finalize(st->stmts[i]);
	for (size_t i = 0; i < st->nmodels; i++)
		model_free(st->models[i].m);
	free(st->models);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

bool store_readonly(const struct store *st)
{
	return st->readonly;
}

const char *store_path(const struct store *st)
{
	return st->path;
}

const char *store_error(const struct store *st)
{
	return st->err;
}

sqlite3 *store_db(struct store *st)
{
	return st->db;
}

/* The one number a prepared statement without parameters returns. */
static int64_t stmt_int(struct store *st, enum sid id)
{
	sqlite3_stmt *s = store_stmt(st, id);
	int64_t v = 0;

	if (!s)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
}

int64_t store_data_version(struct store *st)
{
	return stmt_int(st, S_DATA_VERSION);
}

int64_t store_assessment_count(struct store *st)
{
	return stmt_int(st, S_COUNT_ASSESS);
}

bool store_begin(struct store *st)
{
	if (st->readonly)
		return store_fail(st, "the database is open read-only");
	if (st->tx_depth++ > 0)
		return true;
	if (!store_step_done(st, store_stmt(st, S_BEGIN), "cannot start a change")) {
		st->tx_depth = 0;
		return false;
	}
	return true;
}

bool store_commit(struct store *st)
{
	if (--st->tx_depth > 0)
		return true;
	st->tx_depth = 0;
	if (!store_step_done(st, store_stmt(st, S_COMMIT), "cannot save the change")) {
		store_step_done(st, store_stmt(st, S_ROLLBACK), "rollback");
		return false;
	}
	return true;
}

void store_rollback(struct store *st)
{
	char keep[sizeof st->err];

	st->tx_depth = 0;
	memcpy(keep, st->err, sizeof keep);
	if (sqlite3_get_autocommit(st->db) == 0)
		store_step_done(st, store_stmt(st, S_ROLLBACK), "rollback");
	memcpy(st->err, keep, sizeof keep);
}

bool store_audit(struct store *st, int64_t assessment_id, const char *action, const char *detail)
{
	sqlite3_stmt *s = store_stmt(st, S_AUDIT);
	char now[21];

	if (!s)
		return false;
	time_iso_now(now);
	sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, os_user(), -1, SQLITE_TRANSIENT);
	if (assessment_id > 0)
		sqlite3_bind_int64(s, 3, assessment_id);
	sqlite3_bind_text(s, 4, action, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, detail ? detail : "", -1, SQLITE_TRANSIENT);
	return store_step_done(st, s, "cannot write the audit log");
}

int64_t store_model_ref(struct store *st, const struct model *m)
{
	sqlite3_stmt *s = store_stmt(st, S_MODEL_BY_SHA);
	int64_t ref = 0;
	char now[21];

	if (!s)
		return 0;
	sqlite3_bind_text(s, 1, m->sha256, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		ref = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (ref || st->readonly)
		return ref;
	if (!store_begin(st))
		return 0;
	/* Another process may have recorded it since we looked. */
	s = store_stmt(st, S_MODEL_BY_SHA);
	if (!s)
		goto fail;
	sqlite3_bind_text(s, 1, m->sha256, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		ref = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (ref)
		return store_commit(st) ? ref : 0;
	time_iso_now(now);
	s = store_stmt(st, S_MODEL_INSERT);
	if (!s)
		goto fail;
	sqlite3_bind_text(s, 1, m->id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, m->version, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, m->sha256, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, m->yaml, (int)m->yaml_len, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
	if (!store_step_done(st, s, "cannot record the model"))
		goto fail;
	ref = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < m->ndims; i++) {
		s = store_stmt(st, S_MODEL_DIM_INSERT);
		sqlite3_bind_int64(s, 1, ref);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_text(s, 3, m->dims[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, m->dims[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_double(s, 5, m->dims[i].weight);
		if (!store_step_done(st, s, "cannot record the model"))
			goto fail;
	}
	for (size_t i = 0; i < m->ncrits; i++) {
		const struct criterion *c = &m->crits[i];

		s = store_stmt(st, S_MODEL_CRIT_INSERT);
		sqlite3_bind_int64(s, 1, ref);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_text(s, 3, c->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, m->dims[c->dim].id, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 5, c->level);
		sqlite3_bind_text(s, 6, c->text, -1, SQLITE_STATIC);
		store_bind_text_or_null(s, 7, c->action);
		if (!store_step_done(st, s, "cannot record the model"))
			goto fail;
	}
	{
		char *detail = xasprintf("model %s version %s sha256 %s", m->id, m->version, m->sha256);
		bool ok = store_audit(st, 0, "model", detail);

		free(detail);
		if (!ok)
			goto fail;
	}
	if (!store_commit(st))
		return 0;
	return ref;
fail:
	store_rollback(st);
	return 0;
}

const struct model *store_model_get(struct store *st, int64_t ref)
{
	sqlite3_stmt *s;
	struct model *m = NULL;
	char err[1024], name[64];

	for (size_t i = 0; i < st->nmodels; i++)
		if (st->models[i].ref == ref)
			return st->models[i].m;
	s = store_stmt(st, S_MODEL_YAML);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, ref);
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(name, sizeof name, "(stored model %lld)", (long long)ref);
		m = model_load_buffer((const char *)sqlite3_column_text(s, 0),
				      (size_t)sqlite3_column_bytes(s, 0), name, err, sizeof err);
		if (!m)
			store_fail(st, "%s", err);
	} else {
		store_fail(st, "model %lld is missing", (long long)ref);
	}
	sqlite3_reset(s);
	if (!m)
		return NULL;
	st->models = xrealloc(st->models, (st->nmodels + 1) * sizeof *st->models);
	st->models[st->nmodels++] = (struct cached_model){ ref, m };
	return m;
}
