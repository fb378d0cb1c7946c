#include "osutil.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int64_t os_monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void time_iso_now(char out[21])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *os_user(void)
{
	static char name[256];
	struct passwd *pw;

	if (name[0])
		return name;
	pw = getpwuid(getuid());
	if (pw && pw->pw_name && pw->pw_name[0])
		snprintf(name, sizeof name, "%s", pw->pw_name);
	else
		snprintf(name, sizeof name, "uid%ld", (long)getuid());
	return name;
}

/* Reads fd to its end (at most max bytes), closes it. */
static char *read_fd(int fd, const struct stat *st, size_t max, size_t *len, bool *too_big)
{
	char *buf;
	size_t cap, n = 0;

	if (S_ISREG(st->st_mode) && (size_t)st->st_size > max) {
		close(fd);
		*too_big = true;
		return NULL;
	}
	cap = S_ISREG(st->st_mode) ? (size_t)st->st_size + 1 : 4096;
	buf = xmalloc(cap);
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap) {
			if (cap > max + 1) {
				free(buf);
				close(fd);
				*too_big = true;
				return NULL;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			close(fd);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n > max) {
		free(buf);
		*too_big = true;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

char *file_read(const char *path, size_t max, size_t *len, bool *too_big)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;

	*too_big = false;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return NULL;
	}
	return read_fd(fd, &st, max, len, too_big);
}

const char *file_kind_refusal(unsigned mode)
{
	if (S_ISREG(mode))
		return NULL;
	if (S_ISDIR(mode))
		return "is a directory";
	if (S_ISFIFO(mode))
		return "is a FIFO";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "is a device";
	if (S_ISSOCK(mode))
		return "is a socket";
	return "is not a regular file";
}

/* O_NONBLOCK so that opening a FIFO with no writer returns at once instead
 * of waiting for one; the kind is then checked on the open file itself, so
 * nothing can swap the path between the check and the read. */
char *file_read_regular(const char *path, size_t max, size_t *len, bool *too_big,
			const char **why)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	struct stat st;
	int flags;

	*too_big = false;
	*why = NULL;
	if (fd < 0 || fstat(fd, &st) != 0) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		*why = strerror(e);
		errno = e;
		return NULL;
	}
	if ((*why = file_kind_refusal((unsigned)st.st_mode)) != NULL) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return read_fd(fd, &st, max, len, too_big);
}

/* The temporary file os_cleanup_arm names, and what the signals did before.
 * The handler reads only these, set before it can run. */
static const int cleanup_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
#define NCLEANUP (sizeof cleanup_sigs / sizeof *cleanup_sigs)
static char cleanup_path[PATH_MAX];
static volatile sig_atomic_t cleanup_armed, interrupted;
static struct sigaction cleanup_old[NCLEANUP];

/* Async-signal-safe: unlink, sigaction and raise only. A signal that
 * killed the process before still kills it (and its status says so), after
 * the file is gone; one the program handles itself (the dashboard's) is
 * passed on, and the flag makes the writer stop and clean up. */
static void on_cleanup_signal(int sig)
{
	int saved = errno;

	for (size_t i = 0; i < NCLEANUP; i++) {
		const struct sigaction *old = &cleanup_old[i];

		if (cleanup_sigs[i] != sig)
			continue;
		if (!(old->sa_flags & SA_SIGINFO) && old->sa_handler == SIG_IGN)
			break;
		interrupted = 1;
		if (!(old->sa_flags & SA_SIGINFO) && old->sa_handler == SIG_DFL) {
			struct sigaction dfl;

			if (cleanup_armed)
				unlink(cleanup_path);
			cleanup_armed = 0;
			memset(&dfl, 0, sizeof dfl);
			dfl.sa_handler = SIG_DFL;
			sigemptyset(&dfl.sa_mask);
			sigaction(sig, &dfl, NULL);
			raise(sig);     /* delivered when this handler returns */
		} else if (!(old->sa_flags & SA_SIGINFO)) {
			old->sa_handler(sig);
		}
		break;
	}
	errno = saved;
}

/* The thread's mask before the block, given back after it: a worker
 * thread that runs with every signal blocked (bgjob.c) stays so, and the
 * main thread takes the signals again. */
static _Thread_local sigset_t cleanup_before;
static _Thread_local bool cleanup_blocked;

void os_cleanup_block(bool block)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < NCLEANUP; i++)
		sigaddset(&set, cleanup_sigs[i]);
	if (block) {
		pthread_sigmask(SIG_BLOCK, &set, &cleanup_before);
		cleanup_blocked = true;
	} else if (cleanup_blocked) {
		pthread_sigmask(SIG_SETMASK, &cleanup_before, NULL);
		cleanup_blocked = false;
	} else {
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	}
}

bool os_cleanup_arm(const char *path)
{
	struct sigaction sa;

	if (strlen(path) >= sizeof cleanup_path)
		return false;
	memcpy(cleanup_path, path, strlen(path) + 1);
	interrupted = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_cleanup_signal;
	sigfillset(&sa.sa_mask);
	for (size_t i = 0; i < NCLEANUP; i++)
		sigaction(cleanup_sigs[i], &sa, &cleanup_old[i]);
	cleanup_armed = 1;
	return true;
}

void os_cleanup_disarm(void)
{
	os_cleanup_block(true);
	if (cleanup_armed) {
		for (size_t i = 0; i < NCLEANUP; i++)
			sigaction(cleanup_sigs[i], &cleanup_old[i], NULL);
	}
	cleanup_armed = 0;
	interrupted = 0;
	os_cleanup_block(false);
}

bool os_interrupted(void)
{
	return interrupted != 0;
}
