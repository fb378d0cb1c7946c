/* Opening a database: creating it, checking that it is mlmat's and that
 * this binary can use it, the schema and its migrations. */
#include "store_int.h"
#include "xalloc.h"
#include "osutil.h"
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Checks that the file is an SQLite database of ours that this binary can
 * use, without writing to it. */
static bool check_database(struct store *st, int *version, bool *empty)
{
	bool ok;
	int64_t tables, app = 0, pages, page_size = 0;
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
	if (ok)
		app = query_int(st, "PRAGMA application_id", &ok);
	if (!ok)
		return store_fail(st, "cannot read the database: %s", sqlite3_errmsg(st->db));
	*empty = tables == 0;
	if (app != STORE_APP_ID && (app != 0 || *version != 0 || tables > 0))
		return store_fail(st, "not an mlmat database");
	if (*version > STORE_SCHEMA_VERSION)
		return store_fail(st, "the database has schema version %d, newer than this mlmat "
				  "understands (%d); use a newer mlmat", *version, STORE_SCHEMA_VERSION);
	pages = query_int(st, "PRAGMA page_count", &ok);
	if (ok)
		page_size = query_int(st, "PRAGMA page_size", &ok);
	if (!ok)
		return store_fail(st, "cannot read the database: %s", sqlite3_errmsg(st->db));
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
	if (sqlite3_open_v2(enc, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		store_fail(st, "cannot open read-only: %s", st->db ? sqlite3_errmsg(st->db) : "out of memory");
		free(enc);
		return false;
	}
	free(enc);
	sqlite3_extended_result_codes(st->db, 1);
	return true;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool file_exists(const char *path, const char *suffix, off_t *size)
{
	char *p = xasprintf("%s%s", path, suffix);
	struct stat sb;
	bool yes = stat(p, &sb) == 0;

	free(p);
	if (size)
		*size = yes ? sb.st_size : 0;
	return yes;
}

/* The application_id of a WAL database whose header on disk does not have
 * it yet (mlmat's own, written into the WAL and not yet checkpointed), read
 * through a read-only connection that changes nothing; -1 on error. The
 * -shm file that connection may create is removed again when it was not
 * there before. */
static int64_t wal_app_id(struct store *st)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	int64_t app = -1;
	bool had_shm = file_exists(st->path, "-shm", NULL);

	if (sqlite3_open_v2(st->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW,
			    NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		app = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	if (!had_shm && app != STORE_APP_ID) {
		char *shm = xasprintf("%s-shm", st->path);
		unlink(shm);
		free(shm);
	}
	return app;
}

/* Another program's SQLite file must never be written: opening it for
 * writing switches it to WAL or migrates it. So its header is read first,
 * from the file itself: the application_id (offset 68) must be mlmat's.
 * Only a file whose header has no id and that has a WAL beside it may still
 * be mlmat's (the id not yet checkpointed); that WAL is read read-only.
 * A file that is not SQLite at all is left to SQLite to name. */
static bool check_owner(struct store *st, const struct stat *sb)
{
	unsigned char h[100];
	uint32_t app, version;
	off_t walsize;
	int fd;
	ssize_t n;

	if (sb->st_size == 0)
		return true;
	fd = open(st->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return store_fail(st, "cannot read: %s", strerror(errno));
	n = read(fd, h, sizeof h);
	close(fd);
	if (n != (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return true;
	app = be32(h + 68);
	version = be32(h + 60);
	if (app == STORE_APP_ID)
		return true;
	if (app == 0 && file_exists(st->path, "-wal", &walsize) && walsize > 0 &&
	    wal_app_id(st) == STORE_APP_ID)
		return true;
	if (app != 0)
		return store_fail(st, "not an mlmat database (another program's SQLite file: "
				  "application_id %u, user_version %u); left as it is", app, version);
	return store_fail(st, "not an mlmat database (an SQLite file without mlmat's "
			  "application_id, user_version %u); left as it is", version);
}

/* Only a regular file is a database; anything else says what it is (a
 * symbolic link is not followed: SQLite would put its -wal and -shm beside
 * the link, not beside the file). */
static bool check_kind(struct store *st, const struct stat *sb)
{
	char target[4096];
	ssize_t n;

	if (S_ISREG(sb->st_mode))
		return true;
	if (S_ISDIR(sb->st_mode))
		return store_fail(st, "is a directory (a folder), not a database file");
	if (S_ISLNK(sb->st_mode)) {
		n = readlink(st->path, target, sizeof target - 1);
		target[n > 0 ? n : 0] = '\0';
		return store_fail(st, "is a symbolic link (to %s), not a database file; give the "
				  "path of the file itself", n > 0 ? target : "?");
	}
	if (S_ISFIFO(sb->st_mode))
		return store_fail(st, "is a FIFO (named pipe), not a database file");
	if (S_ISCHR(sb->st_mode) || S_ISBLK(sb->st_mode))
		return store_fail(st, "is a device, not a database file");
	if (S_ISSOCK(sb->st_mode))
		return store_fail(st, "is a socket, not a database file");
	return store_fail(st, "is not a regular file, not a database file");
}

/* Every process with the database open shares its -shm file (and writes
 * its -wal): one left by another user with a mode that keeps us out makes
 * SQLite fail with a message that names neither. One we may read but not
 * write still lets us read (*ro_why names it then). */
static bool check_side_files(struct store *st, char **ro_why)
{
	static const char *const sides[] = { "-shm", "-wal" };
	struct stat sb;

	*ro_why = NULL;
	for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
		char *p = xasprintf("%s%s", st->path, sides[i]);
		int e = 0;

		if (stat(p, &sb) == 0 && access(p, R_OK) != 0) {
			e = errno;
			store_fail(st, "%s: %s (mode %04o, owner uid %lu): every user of the database "
				   "must be able to read and write it; ask its owner to change its mode, "
				   "or remove it while no mlmat has the database open", p, strerror(e),
				   (unsigned)(sb.st_mode & 07777), (unsigned long)sb.st_uid);
			free(p);
			free(*ro_why);
			*ro_why = NULL;
			return false;
		}
		if (!*ro_why && stat(p, &sb) == 0 && access(p, W_OK) != 0)
			*ro_why = xasprintf("%s is not writable (mode %04o, owner uid %lu)", p,
					    (unsigned)(sb.st_mode & 07777), (unsigned long)sb.st_uid);
		free(p);
	}
	return true;
}

/* Writing a WAL database needs its -wal and -shm files: in a folder we
 * cannot write, they can be neither created nor removed. */
static bool folder_lets_wal(struct store *st)
{
	char *dir = xstrdup(st->path), *slash = strrchr(dir, '/');
	bool ok;

	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	ok = access(dir, W_OK) == 0 ||
	     (file_exists(st->path, "-wal", NULL) && file_exists(st->path, "-shm", NULL));
	free(dir);
	return ok;
}

/* FULL: the WAL is synced at every commit, so a change shown as saved
 * survives a power cut (NORMAL syncs only at checkpoints, and the last
 * commits can be lost). MLMAT_TEST_SYNCHRONOUS=NORMAL exists only so that
 * tests/e2e/test_power_cut.sh and the benchmark can show the difference. */
static const char *synchronous_pragma(void)
{
	const char *t = getenv("MLMAT_TEST_SYNCHRONOUS");

	if (t && strcmp(t, "NORMAL") == 0)
		return "PRAGMA synchronous = NORMAL";
	return "PRAGMA synchronous = FULL";
}

/* Another connection holds the write lock: retry every 2 ms for up to
 * STORE_BUSY_TIMEOUT_MS. SQLite's own timeout backs off to one try in
 * 100 ms, which a writer that lets go for a moment between batches (demo)
 * would seldom catch; a short sleep costs nothing while waiting. After
 * STORE_WAIT_SAY_MS the store's wait hook says so (the dashboard: on the
 * status line), once per wait. */
static int busy_wait(void *ctx, int count)
{
	struct store *st = ctx;
	int64_t now = os_monotonic_ms();

	if (count == 0) {
		st->wait_since = now;
		st->wait_said = false;
	}
	if (now - st->wait_since >= STORE_BUSY_TIMEOUT_MS)
		return 0;
	if (st->on_wait && now - st->wait_since >= STORE_WAIT_SAY_MS && !st->wait_said) {
		st->wait_said = true;
		st->on_wait(st->wait_ctx);
	}
	usleep(2000);
	return 1;
}

/* Bulk writers (demo) call this between their batches: readers that come
 * and go all the time keep a passive checkpoint from ever resetting the
 * -wal, so past STORE_WAL_TRIM bytes it is checkpointed whole and cut to
 * nothing (waiting, as a write would, for readers of older data). */
bool store_wal_trim(struct store *st)
{
	char *wal = xasprintf("%s-wal", st->path);
	struct stat sb;
	bool big = stat(wal, &sb) == 0 && sb.st_size > STORE_WAL_TRIM;
	int rc;

	free(wal);
	if (!big || st->readonly || st->tx_depth > 0)
		return true;
	rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	if (rc == SQLITE_OK || rc == SQLITE_BUSY)
		return true;    /* busy: readers stayed; the next batch tries again */
	return store_fail(st, "cannot checkpoint: %s", sqlite3_errmsg(st->db));
}

void store_on_wait(struct store *st, void (*fn)(void *ctx), void *ctx)
{
	st->on_wait = fn;
	st->wait_ctx = ctx;
}

struct store *store_open(const char *path, unsigned flags, char *err, size_t errsz)
{
	struct store *st = xcalloc(1, sizeof *st);
	struct stat sb;
	bool created = false, empty = true;
	char *side_ro = NULL;
	int version = 0, oflags;

	/* Each connection is used by one thread at a time (SQLITE_OPEN_NOMUTEX),
	 * and nothing reads SQLite's memory statistics: neither costs a lock
	 * per call. Too late once SQLite is initialised, which is harmless. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	st->notify_fd = st->notify_wal = -1;
	st->path = xstrdup(path);
	if (lstat(path, &sb) != 0) {
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
	} else if (!check_kind(st, &sb)) {
		goto fail;
	} else if (sb.st_size == 0 && !(flags & STORE_CREATE)) {
		store_fail(st, "the database is empty");
		goto fail;
	} else if (!check_owner(st, &sb) || !check_side_files(st, &side_ro)) {
		goto fail;
	}
	st->readonly = (flags & STORE_READONLY) != 0;
	if (!st->readonly && side_ro) {
		if (flags & STORE_MUST_WRITE) {
			store_fail(st, "read-only: %s", side_ro);
			free(side_ro);
			goto fail;
		}
		st->readonly = true;
	}
	free(side_ro);
	if (!st->readonly && access(path, W_OK) != 0) {
		if (flags & STORE_MUST_WRITE) {
			store_fail(st, "cannot write: %s", strerror(errno));
			goto fail;
		}
		st->readonly = true;
	}
	if (!st->readonly && !folder_lets_wal(st)) {
		if (flags & STORE_MUST_WRITE) {
			store_fail(st, "read-only: its folder is not writable, and SQLite must create "
				   "%s-wal and %s-shm there to write", path, path);
			goto fail;
		}
		st->readonly = true;
	}
	oflags = st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		store_fail(st, "cannot open: %s", st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_handler(st->db, busy_wait, st);
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
		/* journal_size_limit: a -wal that grew in a burst of writes is cut
		 * back to 8 MiB when it is next reset, not kept at its largest. */
		if (!store_exec(st, "PRAGMA journal_mode = WAL", "cannot use WAL") ||
		    !store_exec(st, "PRAGMA journal_size_limit = 8388608", "cannot limit the WAL") ||
		    !store_exec(st, synchronous_pragma(), "cannot set synchronous"))
			goto fail;
		if (version < STORE_SCHEMA_VERSION && !store_migrate(st, version))
			goto fail;
		store_watch_start(st);
	}
	if (!store_exec(st, "PRAGMA foreign_keys = ON", "cannot enable foreign keys"))
		goto fail;
	/* A dashboard stays open for hours, fifty of them on one host: 512 KiB
	 * of page cache, not SQLite's 2 MiB (1.5 MB of its peak memory at
	 * 10,000 teams). Its screens reach their rows through indexes, and a
	 * page missed is read from the kernel's cache in microseconds; the
	 * scans a bigger cache would hold outgrow 2 MiB at 10,000 teams. */
	if ((flags & STORE_SMALL_CACHE) &&
	    !store_exec(st, "PRAGMA cache_size = -512", "cannot set the page cache"))
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
	store_stmts_free(st);
	store_models_free(st);
	if (st->notify_fd >= 0)
		close(st->notify_fd);
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
