/* Whole-database copies through SQLite's online backup API, and the check
 * of a file before a restore. */
#include "store_backup.h"
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Copies everything in one step, so that the copy is one state of the
 * source (a step that stopped half-way would restart on another
 * connection's commit). A lock held elsewhere for a moment (a checkpoint,
 * a writer of the destination) is waited for up to the busy timeout. */
static int copy_all(sqlite3 *dest, sqlite3 *src)
{
	sqlite3_backup *b = sqlite3_backup_init(dest, "main", src, "main");
	int rc, waited = 0;

	if (!b)
		return sqlite3_errcode(dest);
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		if (waited >= STORE_BUSY_TIMEOUT_MS)
			break;
		sqlite3_sleep(50);
		waited += 50;
	}
	if (sqlite3_backup_finish(b) != SQLITE_OK && rc == SQLITE_DONE)
		rc = sqlite3_errcode(dest);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The copy is a file to keep, mail or move: no -wal or -shm beside it.
 * (The backup API copies the source's header, which says WAL.) */
static bool journal_delete(sqlite3 *db)
{
	sqlite3_stmt *s;
	bool ok = false;

	if (sqlite3_prepare_v2(db, "PRAGMA journal_mode = DELETE", -1, &s, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(s) == SQLITE_ROW)
		ok = !strcmp((const char *)sqlite3_column_text(s, 0), "delete");
	sqlite3_finalize(s);
	return ok;
}

bool store_backup_into(struct store *st, const char *path)
{
	sqlite3 *dest = NULL;
	int rc;
	bool ok;

	if (sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) !=
	    SQLITE_OK) {
		store_fail(st, "%s: cannot open the copy: %s", path,
			   dest ? sqlite3_errmsg(dest) : "out of memory");
		sqlite3_close(dest);
		return false;
	}
	rc = copy_all(dest, st->db);
	ok = rc == SQLITE_OK;
	if (!ok)
		store_fail(st, "cannot copy the database: %s", sqlite3_errstr(rc));
	else if (!(ok = journal_delete(dest)))
		store_fail(st, "%s: cannot finish the copy: %s", path, sqlite3_errmsg(dest));
	if (sqlite3_close(dest) != SQLITE_OK && ok)
		ok = store_fail(st, "%s: cannot close the copy", path);
	return ok;
}

static int64_t one_int(sqlite3 *db, const char *sql, bool *ok)
{
	sqlite3_stmt *s;
	int64_t v = 0;

	*ok = sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW;
	if (*ok)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The latest audit row's time (and hash, when wanted: every database
 * this mlmat writes has the column) into at; 1, 0 (no rows) or -1. */
static int last_change(sqlite3 *db, char at[21], char *hash)
{
	sqlite3_stmt *s;
	int rc;

	at[0] = '\0';
	if (hash)
		hash[0] = '\0';
	if (sqlite3_prepare_v2(db, hash ? "SELECT at, hash FROM audit ORDER BY id DESC LIMIT 1"
				   : "SELECT at FROM audit ORDER BY id DESC LIMIT 1", -1, &s, NULL) !=
	    SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(at, 21, "%s", (const char *)sqlite3_column_text(s, 0));
		if (hash)
			snprintf(hash, 65, "%s", (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_last_change(struct store *st, char at[21], char hash[65])
{
	int rc = last_change(st->db, at, hash);

	if (rc < 0)
		store_fail_db(st, "cannot read the audit log");
	return rc;
}

int store_copy_holds(const char *path, const char *hash)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int rc = 0;

	/* A file of schema version 1 has no hashes: it holds no known row. */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL) ==
		    SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT 1 FROM audit WHERE hash = ?", -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, hash, -1, SQLITE_STATIC);
		rc = sqlite3_step(s) == SQLITE_ROW;
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return rc;
}

/* The file's own header: SQLite's magic and mlmat's application_id
 * (offset 68), read before SQLite is let near it. */
static const char *header_why(const char *path)
{
	unsigned char h[100];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	ssize_t n;

	if (fd < 0)
		return strerror(errno);
	n = read(fd, h, sizeof h);
	close(fd);
	if (n != (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return "not an SQLite database, so not an mlmat database or backup";
	if (((uint32_t)h[68] << 24 | (uint32_t)h[69] << 16 | (uint32_t)h[70] << 8 | h[71]) !=
	    STORE_APP_ID)
		return "not an mlmat database (an SQLite file without mlmat's application_id)";
	return NULL;
}

/* NULL when db, opened read-only, is a whole mlmat database this mlmat
 * can read; else why not. */
static const char *check_open(sqlite3 *db, struct store_copy_info *info)
{
	bool ok;
	int64_t v = one_int(db, "PRAGMA user_version", &ok);
	sqlite3_stmt *s;

	if (!ok)
		return sqlite3_errmsg(db);
	if (v < 1)
		return "an mlmat database without a schema (empty)";
	if (v > STORE_SCHEMA_VERSION)
		return "its schema is newer than this mlmat understands; use a newer mlmat";
	info->version = (int)v;
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
		return sqlite3_errmsg(db);
	ok = sqlite3_step(s) == SQLITE_ROW &&
	     !strcmp((const char *)sqlite3_column_text(s, 0), "ok");
	sqlite3_finalize(s);
	if (!ok)
		return "damaged: PRAGMA integrity_check fails";
	if (last_change(db, info->last_change, NULL) < 0)
		return sqlite3_errmsg(db);
	return NULL;
}

bool store_copy_check(const char *path, struct store_copy_info *info, char *err,
		      size_t errsz)
{
	const char *why = header_why(path);
	sqlite3 *db = NULL;

	memset(info, 0, sizeof *info);
	if (!why) {
		if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL) !=
		    SQLITE_OK)
			why = db ? sqlite3_errmsg(db) : "out of memory";
		else
			why = check_open(db, info);
	}
	/* why may be SQLite's message: written out before the close. */
	if (why)
		snprintf(err, errsz, "mlmat: %s: %s", path, why);
	sqlite3_close(db);
	return why == NULL;
}

bool store_restore_from(struct store *st, const char *path)
{
	sqlite3 *src = NULL;
	int rc;

	if (st->tx_depth > 0)
		return store_fail(st, "cannot restore in the middle of a transaction");
	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL) !=
	    SQLITE_OK) {
		store_fail(st, "%s: %s", path, src ? sqlite3_errmsg(src) : "out of memory");
		sqlite3_close(src);
		return false;
	}
	rc = copy_all(st->db, src);
	sqlite3_close(src);
	if (rc == SQLITE_READONLY)
		return store_fail(st, "cannot restore %s: its page size differs from the database's "
				  "(a WAL database keeps its page size)", path);
	if (rc != SQLITE_OK)
		return store_fail(st, "cannot restore %s: %s", path, sqlite3_errstr(rc));
	return true;
}
