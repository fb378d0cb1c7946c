/* Noticing that the database file or its -wal was deleted or replaced
 * under an open connection (rm, mv over it, cp over it). SQLite keeps
 * using the files it opened: after rm or mv it writes to a file nobody
 * reads, and after cp over the file (same inode, new content) its -wal
 * and -shm still describe the old content, so a write or a checkpoint
 * would mix old pages into the new file. Once a change is seen the store
 * is lost for good: every change is refused and nothing is checkpointed. */
#include "store_int.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The files are read through SQLite's own file object, never through a
 * descriptor of ours: closing any descriptor of a file drops every POSIX
 * lock this process holds on it, SQLite's included. */
static sqlite3_file *db_file(struct store *st)
{
	sqlite3_file *f = NULL;

	if (sqlite3_file_control(st->db, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK ||
	    !f || !f->pMethods)
		return NULL;
	return f;
}

/* The header's file change counter (offset 24), read from the file the
 * connection opened (the same file as the path's unless it was replaced,
 * which the inode tells). In WAL mode commits leave it alone; the backup
 * API (mlmat restore) and a copy of another file change it. 0 with *ok
 * false when the file is not an mlmat database any more. */
static uint32_t header_counter(struct store *st, bool *ok)
{
	unsigned char h[100];
	sqlite3_file *f = db_file(st);

	*ok = false;
	if (!f || f->pMethods->xRead(f, h, sizeof h, 0) != SQLITE_OK ||
	    memcmp(h, "SQLite format 3", 16) != 0 ||
	    ((uint32_t)h[68] << 24 | (uint32_t)h[69] << 16 | (uint32_t)h[70] << 8 | h[71]) !=
		    STORE_APP_ID)
		return 0;
	*ok = true;
	return (uint32_t)h[24] << 24 | (uint32_t)h[25] << 16 | (uint32_t)h[26] << 8 | h[27];
}

/* Where checkpoints stand, from SQLite's own mapping of the -shm: nBackfill,
 * the first field of the WAL index's checkpoint information (after its
 * two 48-byte headers), and the first salt of the WAL index header, which
 * changes each time the -wal starts over. A checkpoint that also starts
 * the -wal over (TRUNCATE, or RESTART then a write) can leave nBackfill as
 * it was, but never the salt. *running: a checkpoint is copying pages into
 * the file now (its nBackfillAttempted, set before the first page, is past
 * nBackfill, set after the last): the file changes with nothing else
 * moved yet. 0 when there is no mapping. */
static uint64_t shm_checkpoints(struct store *st, bool *running)
{
	sqlite3_file *f = db_file(st);
	volatile void *region = NULL;
	const volatile uint32_t *u;

	*running = false;
	if (!f || f->pMethods->iVersion < 2 || !f->pMethods->xShmMap ||
	    f->pMethods->xShmMap(f, 0, 32768, 0, &region) != SQLITE_OK || !region)
		return 0;
	u = region;
	*running = u[32] != u[24];
	return (uint64_t)u[8] << 32 | u[24];
}

static void note_file(struct store_watch *w, const struct stat *sb, uint64_t checkpoints)
{
	w->size = (long long)sb->st_size;
	w->mtime_s = (long long)sb->st_mtim.tv_sec;
	w->mtime_ns = (long long)sb->st_mtim.tv_nsec;
	w->checkpoints = checkpoints;
}

static bool wal_identity(const struct store *st, struct stat *sb)
{
	char *p = xasprintf("%s-wal", st->path);
	bool yes = stat(p, sb) == 0;

	free(p);
	return yes;
}

/* After this connection's own commit, which may have started the -wal over
 * (a new salt) or checkpointed it into the file: what the files look like
 * now is explained, and a later change is measured from here. */
static void committed(struct store *st)
{
	struct store_watch *w = &st->watch;
	struct stat sb;
	bool running, ok;

	if (!w->on || w->lost || stat(st->path, &sb) != 0 || sb.st_dev != w->dev ||
	    sb.st_ino != w->ino)
		return;
	note_file(w, &sb, shm_checkpoints(st, &running));
	w->counter = header_counter(st, &ok);
	w->header_ok = ok;
}

void store_watch_start(struct store *st)
{
	struct store_watch *w = &st->watch;
	struct stat sb;
	bool ok, running;

	if (stat(st->path, &sb) != 0)
		return;
	memset(w, 0, sizeof *w);
	st->before_write = store_check_files;
	st->after_commit = committed;
	w->dev = sb.st_dev;
	w->ino = sb.st_ino;
	note_file(w, &sb, shm_checkpoints(st, &running));
	w->counter = header_counter(st, &ok);
	w->header_ok = ok;
	w->version = store_data_version(st);
	if (wal_identity(st, &sb)) {
		w->wal_known = true;
		w->wal_dev = sb.st_dev;
		w->wal_ino = sb.st_ino;
	}
	w->on = w->version >= 0;
}

/* Once lost, nothing is written through the connection again, and closing
 * it does not checkpoint: the -wal's pages belong to the old content, and
 * written into the file at the path now (cp over it, or its -wal removed)
 * they would corrupt it. (SQLite itself skips that checkpoint when the
 * file was unlinked or renamed.) */
static bool lose(struct store *st)
{
	st->watch.lost = true;
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	return store_fail(st, "%s", STORE_LOST_MSG);
}

bool store_check_files(struct store *st)
{
	struct store_watch *w = &st->watch;
	struct stat sb, db;
	int64_t v;
	uint32_t counter;
	uint64_t checkpoints;
	bool ok, moved, running;

	if (w->lost)
		return store_fail(st, "%s", STORE_LOST_MSG);
	if (!w->on)
		return true;
	if (stat(st->path, &sb) != 0 || sb.st_dev != w->dev || sb.st_ino != w->ino)
		return lose(st);
	db = sb;
	if (wal_identity(st, &sb)) {
		if (!w->wal_known) {
			w->wal_known = true;
			w->wal_dev = sb.st_dev;
			w->wal_ino = sb.st_ino;
		} else if (sb.st_dev != w->wal_dev || sb.st_ino != w->wal_ino) {
			return lose(st);
		}
	} else if (w->wal_known) {
		return lose(st);
	}
	/* A new database's header gets mlmat's id only at its first
	 * checkpoint; one that had it and lost it was overwritten. */
	counter = header_counter(st, &ok);
	if (!ok && w->header_ok)
		return lose(st);
	checkpoints = shm_checkpoints(st, &running);
	moved = db.st_size != w->size || db.st_mtim.tv_sec != w->mtime_s ||
		db.st_mtim.tv_nsec != w->mtime_ns;
	/* Another connection's commit (a restore changes the counter) or a
	 * checkpoint (which writes the file), done or running, explains a
	 * change; anything else wrote the file behind SQLite's back. */
	v = store_data_version(st);
	if (v != w->version || checkpoints != w->checkpoints || running) {
		w->version = v;
		w->counter = counter;
		w->header_ok = ok;
		note_file(w, &db, checkpoints);
		return true;
	}
	if ((ok && counter != w->counter) || moved)
		return lose(st);
	return true;
}

bool store_lost(const struct store *st)
{
	return st->watch.lost;
}
