/* An LD_PRELOAD shim for tests/e2e/test_storage_faults.sh: a full disk for
 * the database named by $DISKFULL_DB and its -wal or -journal. A write
 * that would make one of them larger than $DISKFULL_BYTES fails with
 * ENOSPC, as it would on a full file system; nothing else changes (the
 * -shm file, memory shared between processes, is left alone: SQLite
 * extends it before any change, and a failure there is not a full disk
 * of data). No root, no mount.
 *
 * Build: cc -shared -fPIC -o diskfull.so tests/diskfull.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int full(int fd, off_t end)
{
	const char *db = getenv("DISKFULL_DB"), *lim = getenv("DISKFULL_BYTES");
	char link[64], path[PATH_MAX];
	ssize_t n;

	if (!db || !lim)
		return 0;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof path - 1);
	if (n <= 0)
		return 0;
	path[n] = '\0';
	if (strncmp(path, db, strlen(db)) != 0 || strcmp(path + strlen(db), "-shm") == 0 ||
	    end <= (off_t)atoll(lim))
		return 0;
	errno = ENOSPC;
	return 1;
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off_t offset)
{
	ssize_t (*real)(int, const void *, size_t, off_t) =
		(ssize_t (*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite64");

	if (full(fd, offset + (off_t)count))
		return -1;
	return real(fd, buf, count, offset);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
	return pwrite64(fd, buf, count, offset);
}

ssize_t write(int fd, const void *buf, size_t count)
{
	ssize_t (*real)(int, const void *, size_t) =
		(ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");

	if (full(fd, lseek(fd, 0, SEEK_CUR) + (off_t)count))
		return -1;
	return real(fd, buf, count);
}
