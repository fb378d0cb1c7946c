/* Being woken when another process writes the database, instead of
 * looking every so often: every commit appends to the -wal (a checkpoint
 * writes the file, a restore replaces its content), so inotify watches on
 * those two files tell a dashboard within milliseconds. A third watch on
 * the folder sees only names come and go (a -wal created after the open,
 * the file moved or removed), so a busy folder such as /tmp does not wake
 * anyone with its other files' writes. The -shm is written through a
 * mapping, which inotify does not see: readers never wake anyone. Where
 * inotify is missing (not Linux, or out of watches) there is no
 * descriptor, and the caller keeps polling. */
#include "store_int.h"
#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/inotify.h>

/* Writes only: every connection, a reader's too, opens the -wal for
 * writing and (run as root) gives it the database's owner, so IN_CLOSE_WRITE
 * and IN_ATTRIB would wake every dashboard at each `mlmat export`. */
#define FILE_EVENTS (IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF)
#define DIR_EVENTS (IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM)

static void watch_wal(struct store *st)
{
	char *wal = xasprintf("%s-wal", st->path);

	st->notify_wal = inotify_add_watch(st->notify_fd, wal, FILE_EVENTS);
	free(wal);
}

int store_notify_fd(struct store *st)
{
	const char *slash;
	char *dir;

	if (st->notify_fd >= 0 || st->notify_failed)
		return st->notify_fd;
	st->notify_failed = true;
	slash = strrchr(st->path, '/');
	dir = slash ? xstrndup(st->path, slash == st->path ? 1 : (size_t)(slash - st->path))
		    : xstrdup(".");
	st->notify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (st->notify_fd >= 0 &&
	    (inotify_add_watch(st->notify_fd, dir, DIR_EVENTS | IN_ONLYDIR) < 0 ||
	     inotify_add_watch(st->notify_fd, st->path, FILE_EVENTS) < 0)) {
		close(st->notify_fd);
		st->notify_fd = -1;
	}
	free(dir);
	if (st->notify_fd >= 0)
		watch_wal(st);          /* none yet is no error: the folder tells */
	st->notify_failed = st->notify_fd < 0;
	return st->notify_fd;
}

bool store_notify_drain(struct store *st)
{
	const char *slash = strrchr(st->path, '/'), *base = slash ? slash + 1 : st->path;
	size_t blen = strlen(base);
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool ours = false, new_wal = false;
	ssize_t n;

	if (st->notify_fd < 0)
		return false;
	while ((n = read(st->notify_fd, buf, sizeof buf)) > 0) {
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *e = (const struct inotify_event *)(void *)p;
			bool named = e->len && !strncmp(e->name, base, blen);

			if (!e->len) {
				ours = true;    /* the file, its -wal, or a lost event */
				if (e->wd == st->notify_wal && (e->mask & IN_IGNORED))
					st->notify_wal = -1;
			} else if (named && e->name[blen] == '\0') {
				ours = true;
			} else if (named && !strcmp(e->name + blen, "-wal")) {
				ours = true;
				new_wal |= (e->mask & (IN_CREATE | IN_MOVED_TO)) != 0;
			}
			p += sizeof *e + e->len;
		}
	}
	if (n < 0 && errno != EAGAIN && errno != EINTR)
		ours = true;
	if (new_wal || st->notify_wal < 0)
		watch_wal(st);
	return ours;
}

#else

int store_notify_fd(struct store *st)
{
	(void)st;
	return -1;
}

bool store_notify_drain(struct store *st)
{
	(void)st;
	return false;
}

#endif

void store_notify_stop(struct store *st)
{
	if (st->notify_fd >= 0)
		close(st->notify_fd);
	st->notify_fd = -1;
	st->notify_failed = true;
}
