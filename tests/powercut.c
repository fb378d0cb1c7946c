/* An LD_PRELOAD shim for tests/e2e/test_power_cut.sh: it keeps, for the
 * database named by $POWERCUT_DB and its -wal and -journal files, a copy of
 * each file as it was when it was last synced (fsync or fdatasync
 * returned), in the folder $POWERCUT_DIR. Those copies are what a disk holds
 * after a power cut: a write the kernel has only in its page cache is gone,
 * a synced one stays. The test kills the program with SIGKILL (no exit
 * handler, no checkpoint) and opens the copies as the machine would after
 * the power came back.
 *
 * Build: cc -shared -fPIC -o powercut.so tests/powercut.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void keep_image(int fd)
{
	const char *db = getenv("POWERCUT_DB"), *dir = getenv("POWERCUT_DIR");
	char link[64], path[PATH_MAX], dst[2 * PATH_MAX], tmp[2 * PATH_MAX + 8], buf[65536];
	const char *base, *rest;
	ssize_t n;
	int in, out;
	size_t dblen;

	if (!db || !dir)
		return;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof path - 1);
	if (n <= 0)
		return;
	path[n] = '\0';
	dblen = strlen(db);
	if (strncmp(path, db, dblen) != 0)
		return;
	rest = path + dblen;
	if (*rest && strcmp(rest, "-wal") != 0 && strcmp(rest, "-journal") != 0)
		return;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	snprintf(dst, sizeof dst, "%s/%s", dir, base);
	snprintf(tmp, sizeof tmp, "%s.tmp", dst);
	in = open(path, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return;
	out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out < 0) {
		close(in);
		return;
	}
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			break;
	close(in);
	close(out);
	rename(tmp, dst);
}

int fsync(int fd)
{
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	int rc = real(fd);

	if (rc == 0)
		keep_image(fd);
	return rc;
}

int fdatasync(int fd)
{
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
	int rc = real(fd);

	if (rc == 0)
		keep_image(fd);
	return rc;
}
