/* Backups as files: a temporary file beside the target, the store's copy
 * into it, fsync, then link() or rename(); and the restore's steps around
 * the store's copy. */
#include "backup.h"
#include "store_backup.h"
#include "osutil.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static bool same_file(const char *a, const char *b)
{
	struct stat x, y;

	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* Only a regular file is replaced, even with force; never the database
 * itself (a rename over it would pull the file from under every open
 * dashboard). */
static bool target_ok(struct store *st, const char *path, bool force, char *err, size_t errsz)
{
	struct stat sb;
	const char *why;

	if (lstat(path, &sb) != 0)
		return true;
	why = S_ISLNK(sb.st_mode) ? "is a symbolic link" : file_kind_refusal((unsigned)sb.st_mode);
	if (!why && same_file(path, store_path(st)))
		why = "is the database itself";
	if (!why && !force)
		why = "already exists; use --force to overwrite";
	if (why)
		snprintf(err, errsz, "mlmat: %s: %s", path, why);
	return why == NULL;
}

/* fsync of the file (closed by SQLite: a descriptor of ours on a file an
 * SQLite connection has open would drop its locks when closed), and of
 * the folder once the name is in place. */
static bool sync_path(const char *path, bool dir)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | (dir ? O_DIRECTORY : 0));
	bool ok;

	if (fd < 0)
		return false;
	ok = fsync(fd) == 0 || (dir && errno == EINVAL);
	close(fd);
	return ok;
}

/* The copy gets the database's permissions: it holds the same data. */
static int make_temp(struct store *st, const char *path, char **tmp, char **dir)
{
	char *copy = xstrdup(path);
	struct stat sb;
	int fd;

	*dir = xstrdup(dirname(copy));
	free(copy);
	*tmp = xasprintf("%s/.mlmat-backup-XXXXXX", *dir);
	os_cleanup_block(true);
	fd = mkstemp(*tmp);
	if (fd >= 0)
		os_cleanup_arm(*tmp);
	os_cleanup_block(false);
	if (fd >= 0 && stat(store_path(st), &sb) == 0)
		fchmod(fd, sb.st_mode & 0666);
	return fd;
}

bool backup_to_file(struct store *st, const char *path, bool force, char *err, size_t errsz)
{
	char *tmp, *dir;
	int fd;
	bool ok = false;

	if (!target_ok(st, path, force, err, errsz))
		return false;
	fd = make_temp(st, path, &tmp, &dir);
	if (fd < 0) {
		snprintf(err, errsz, "mlmat: %s: %s", path, strerror(errno));
		goto out;
	}
	close(fd);
	if (!store_backup_into(st, tmp)) {
		snprintf(err, errsz, "%s", store_error(st));
		goto out;
	}
	if (!sync_path(tmp, false)) {
		snprintf(err, errsz, "mlmat: %s: cannot sync the copy: %s", path, strerror(errno));
		goto out;
	}
	/* Without force, link() refuses atomically a file that appeared
	 * meanwhile; with it, rename() replaces the old copy in one step. */
	if (force ? rename(tmp, path) != 0 : link(tmp, path) != 0) {
		snprintf(err, errsz, "mlmat: %s: %s", path,
			 errno == EEXIST ? "already exists; use --force to overwrite" : strerror(errno));
		goto out;
	}
	ok = true;
	sync_path(dir, true);
out:
	if (fd >= 0 && !(ok && force))
		unlink(tmp);
	os_cleanup_disarm();
	free(tmp);
	free(dir);
	return ok;
}

static char *before_path(const char *db)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime_r(&now, &tm));
	return xasprintf("%s.before-restore-%s", db, stamp);
}

/* Changes the database holds and file does not (its last audit row is not
 * in file's log) would be dropped but for the copy before: a restore of an
 * old backup, or of another database, over them needs force. Times are
 * not enough: two changes can share a second. */
static bool newer_ok(struct store *st, const char *file, bool force, char *err, size_t errsz)
{
	char at[21], hash[65];
	int rc = store_last_change(st, at, hash);

	if (rc < 0) {
		snprintf(err, errsz, "%s", store_error(st));
		return false;
	}
	if (rc == 0 || force || store_copy_holds(file, hash))
		return true;
	snprintf(err, errsz, "mlmat: %s: has changes that %s does not hold (the last at %s); use "
		 "--force to restore anyway (they are kept in the copy made before)",
		 store_path(st), file, at);
	return false;
}

static bool audit_restore(struct store *st, const char *file, const struct backup_restored *r,
			  const struct store_copy_info *info)
{
	char *detail = xasprintf("restored from %s (schema version %d, last change %s); the "
				 "database before: %s", file, info->version,
				 info->last_change[0] ? info->last_change : "none",
				 r->before ? r->before : "empty, not kept");
	bool ok = store_begin(st) && store_audit(st, 0, "restore", detail);

	free(detail);
	if (!ok) {
		store_rollback(st);
		return false;
	}
	return store_commit(st);
}

/* A missing database is created: moving to a new host is a restore into
 * nothing. FILE is checked first, so that a bad one creates nothing. */
static struct store *open_live(const char *db, char *err, size_t errsz)
{
	struct stat sb;

	return store_open(db, STORE_MUST_WRITE | (stat(db, &sb) != 0 ? STORE_CREATE : 0), err,
			  errsz);
}

/* The copy of the database before the restore, unless it never recorded
 * anything. A change saved while the copy is made would be in neither the
 * copy nor the restored database: the copy must hold the database's last
 * change, checked again after it is made (which leaves only the moment
 * between that check and the restore's own lock). */
static bool keep_before(struct store *st, struct backup_restored *r, char *err, size_t errsz)
{
	char at[21], hash[65];
	struct stat sb;
	int had;

	for (int tries = 0; tries < 3; tries++) {
		if ((had = store_last_change(st, at, hash)) < 0) {
			snprintf(err, errsz, "%s", store_error(st));
			return false;
		}
		if (!had)
			return true;    /* nothing recorded, nothing to keep */
		free(r->before);
		r->before = before_path(store_path(st));
		if (lstat(r->before, &sb) == 0) {
			snprintf(err, errsz, "mlmat: %s: exists already (another restore this second?); "
				 "nothing was restored, try again", r->before);
			return false;
		}
		if (!backup_to_file(st, r->before, false, err, errsz))
			return false;
		if ((had = store_last_change(st, at, hash)) < 0) {
			snprintf(err, errsz, "%s", store_error(st));
			return false;
		}
		if (store_copy_holds(r->before, hash))
			return true;
		unlink(r->before);
	}
	snprintf(err, errsz, "mlmat: %s: changed while it was copied, three times; nothing was "
		 "restored, try again", store_path(st));
	return false;
}

static bool restore_into(struct store **st, const char *file, bool force,
			 const struct store_copy_info *info, struct backup_restored *r,
			 char *err, size_t errsz)
{
	char *path;

	if (same_file(file, store_path(*st))) {
		snprintf(err, errsz, "mlmat: %s: is the database itself", file);
		return false;
	}
	if (!newer_ok(*st, file, force, err, errsz) || !keep_before(*st, r, err, errsz))
		return false;
	if (!store_restore_from(*st, file)) {
		snprintf(err, errsz, "%s", store_error(*st));
		return false;
	}
	/* Reopened: an older schema is migrated, and the statements and
	 * cached models of the content before are dropped. */
	path = xstrdup(store_path(*st));
	store_close(*st);
	*st = store_open(path, STORE_MUST_WRITE, err, errsz);
	free(path);
	if (*st && !audit_restore(*st, file, r, info)) {
		snprintf(err, errsz, "%s", store_error(*st));
		return false;
	}
	return *st != NULL;
}

bool backup_restore(const char *db, const char *file, bool force, struct backup_restored *r,
		    char *err, size_t errsz)
{
	struct store_copy_info info;
	struct store *st;
	bool ok;

	memset(r, 0, sizeof *r);
	if (!store_copy_check(file, &info, err, errsz) || !(st = open_live(db, err, errsz)))
		return false;
	r->version = info.version;
	ok = restore_into(&st, file, force, &info, r, err, errsz);
	store_close(st);
	return ok;
}
