/* Reading whole files: sizes, limits, folders, pipes and errors. */
#include "testutil.h"

#include "osutil.h"
#include "xalloc.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

/* ---- files ---- */

static char *path_in(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void test_file_read(void **state)
{
	char *dir = tu_tmpdir(), *p = path_in(dir, "a.txt");
	size_t len = 999;
	bool too_big = true;
	char *buf;

	(void)state;
	tu_write_file(p, "hello\nworld\n");
	buf = file_read(p, 1024, &len, &too_big);
	assert_non_null(buf);
	assert_false(too_big);
	assert_int_equal(len, 12);
	assert_string_equal(buf, "hello\nworld\n");
	free(buf);
	free(p);
	tu_tmpdir_remove(dir);
}

static void test_file_read_empty(void **state)
{
	char *dir = tu_tmpdir(), *p = path_in(dir, "empty");
	size_t len = 999;
	bool too_big = true;
	char *buf;

	(void)state;
	tu_write_file(p, "");
	buf = file_read(p, 1024, &len, &too_big);
	assert_non_null(buf);
	assert_false(too_big);
	assert_int_equal(len, 0);
	assert_int_equal(buf[0], '\0');
	free(buf);
	buf = file_read(p, 0, &len, &too_big);
	assert_non_null(buf);
	assert_int_equal(len, 0);
	free(buf);
	free(p);
	tu_tmpdir_remove(dir);
}

static void test_file_read_binary(void **state)
{
	char *dir = tu_tmpdir(), *p = path_in(dir, "bin");
	static const char data[] = { 'a', '\0', 'b', '\xff', '\n' };
	size_t len = 0;
	bool too_big = true;
	char *buf;
	FILE *f;

	(void)state;
	f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, sizeof data, f), sizeof data);
	assert_int_equal(fclose(f), 0);
	buf = file_read(p, 100, &len, &too_big);
	assert_non_null(buf);
	assert_int_equal(len, sizeof data);
	assert_memory_equal(buf, data, sizeof data);
	assert_int_equal(buf[len], '\0');
	free(buf);
	free(p);
	tu_tmpdir_remove(dir);
}

static void test_file_read_max(void **state)
{
	char *dir = tu_tmpdir(), *p = path_in(dir, "ten");
	size_t len = 0;
	bool too_big = false;
	char *buf;

	(void)state;
	tu_write_file(p, "0123456789");
	/* exactly max: read */
	buf = file_read(p, 10, &len, &too_big);
	assert_non_null(buf);
	assert_false(too_big);
	assert_int_equal(len, 10);
	assert_string_equal(buf, "0123456789");
	free(buf);
	/* one over: too big */
	len = 777;
	buf = file_read(p, 9, &len, &too_big);
	assert_null(buf);
	assert_true(too_big);
	buf = file_read(p, 0, &len, &too_big);
	assert_null(buf);
	assert_true(too_big);
	free(p);
	tu_tmpdir_remove(dir);
}

static void test_file_read_big(void **state)
{
	char *dir = tu_tmpdir(), *p = path_in(dir, "big");
	size_t n = 300000, len = 0;
	char *text = malloc(n + 1), *buf;
	bool too_big = true;

	(void)state;
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		text[i] = (char)('a' + i % 26);
	text[n] = '\0';
	tu_write_file(p, text);
	buf = file_read(p, 4 * 1024 * 1024, &len, &too_big);
	assert_non_null(buf);
	assert_false(too_big);
	assert_int_equal(len, n);
	assert_string_equal(buf, text);
	free(buf);
	buf = file_read(p, n - 1, &len, &too_big);
	assert_null(buf);
	assert_true(too_big);
	free(text);
	free(p);
	tu_tmpdir_remove(dir);
}

static void test_file_read_missing(void **state)
{
	char *dir = tu_tmpdir(), *p = path_in(dir, "nope.yaml");
	size_t len = 0;
	bool too_big = true;

	(void)state;
	errno = 0;
	assert_null(file_read(p, 1024, &len, &too_big));
	assert_int_equal(errno, ENOENT);
	assert_false(too_big);
	free(p);
	tu_tmpdir_remove(dir);
}

static void test_file_read_folder(void **state)
{
	char *dir = tu_tmpdir(), *sub = path_in(dir, "sub");
	size_t len = 0;
	bool too_big = true;

	(void)state;
	assert_int_equal(mkdir(sub, 0700), 0);
	errno = 0;
	assert_null(file_read(sub, 1024, &len, &too_big));
	assert_int_equal(errno, EISDIR);
	assert_false(too_big);
	too_big = true;
	errno = 0;
	assert_null(file_read(dir, 1024, &len, &too_big));
	assert_int_equal(errno, EISDIR);
	assert_false(too_big);
	free(sub);
	tu_tmpdir_remove(dir);
}

static void test_file_read_unreadable(void **state)
{
	char *dir = tu_tmpdir(), *p = path_in(dir, "secret");
	size_t len = 0;
	bool too_big = true;

	(void)state;
	tu_write_file(p, "x");
	assert_int_equal(chmod(p, 0), 0);
	if (geteuid() != 0) {           /* root reads it anyway */
		errno = 0;
		assert_null(file_read(p, 1024, &len, &too_big));
		assert_int_equal(errno, EACCES);
		assert_false(too_big);
	}
	free(p);
	tu_tmpdir_remove(dir);
}

/* A pipe holding n bytes, read through /dev/fd/N: a file whose size is not
 * known up front. n stays under the pipe's 64 KiB so no writer is needed. */
static char *pipe_read(size_t n, size_t max, size_t *len, bool *too_big)
{
	int fds[2];
	char *data = malloc(n + 1), *path, *buf;

	assert_non_null(data);
	for (size_t i = 0; i < n; i++)
		data[i] = (char)('a' + i % 26);
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], data, n), (ssize_t)n);
	assert_int_equal(close(fds[1]), 0);
	free(data);
	path = xasprintf("/dev/fd/%d", fds[0]);
	buf = file_read(path, max, len, too_big);
	free(path);
	close(fds[0]);
	return buf;
}

static void test_file_read_pipe(void **state)
{
	size_t len = 0;
	bool too_big = true;
	char *buf;

	(void)state;
	/* bigger than the first buffer of a file of unknown size */
	buf = pipe_read(10000, 1 << 20, &len, &too_big);
	assert_non_null(buf);
	assert_false(too_big);
	assert_int_equal(len, 10000);
	assert_int_equal(strlen(buf), 10000);
	for (size_t i = 0; i < 10000; i++)
		if (buf[i] != (char)('a' + i % 26))
			fail_msg("wrong byte at %zu", i);
	free(buf);
	/* exactly max */
	buf = pipe_read(5000, 5000, &len, &too_big);
	assert_non_null(buf);
	assert_false(too_big);
	assert_int_equal(len, 5000);
	free(buf);
	/* one over max */
	buf = pipe_read(5001, 5000, &len, &too_big);
	assert_null(buf);
	assert_true(too_big);
	/* far over max */
	too_big = false;
	buf = pipe_read(60000, 5000, &len, &too_big);
	assert_null(buf);
	assert_true(too_big);
	/* empty */
	buf = pipe_read(0, 5000, &len, &too_big);
	assert_non_null(buf);
	assert_false(too_big);
	assert_int_equal(len, 0);
	free(buf);
}

/* A model or theme must be a regular file: a FIFO with no writer, a device
 * and a directory are refused at once with the reason, never read or waited
 * on (a FIFO would block open() without O_NONBLOCK; the test would hang). */
static void test_file_read_regular(void **state)
{
	char *dir = tu_tmpdir(), *fifo = path_in(dir, "fifo"), *reg = path_in(dir, "reg");
	const char *why = "unset";
	size_t len = 0;
	bool too_big = true;
	char *buf;

	(void)state;
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_null(file_read_regular(fifo, 1024, &len, &too_big, &why));
	assert_non_null(why);
	assert_string_equal(why, "is a FIFO");
	assert_false(too_big);
	assert_null(file_read_regular("/dev/zero", 1024, &len, &too_big, &why));
	assert_string_equal(why, "is a device");
	assert_null(file_read_regular(dir, 1024, &len, &too_big, &why));
	assert_string_equal(why, "is a directory");
	assert_null(file_read_regular(reg, 1024, &len, &too_big, &why));
	assert_string_equal(why, strerror(ENOENT));
	tu_write_file(reg, "abc");
	buf = file_read_regular(reg, 1024, &len, &too_big, &why);
	assert_non_null(buf);
	assert_null(why);
	assert_int_equal(len, 3);
	assert_string_equal(buf, "abc");
	free(buf);
	assert_null(file_read_regular(reg, 2, &len, &too_big, &why));
	assert_true(too_big);
	free(fifo);
	free(reg);
	tu_tmpdir_remove(dir);
}

/* A signal that kills the process while a temporary file is armed removes
 * the file first, and the process still dies of that signal. */
static void test_cleanup_on_signal(void **state)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
	char *dir = tu_tmpdir(), *p = path_in(dir, "tmp");
	struct stat sb;

	(void)state;
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		int status;
		pid_t pid;

		tu_write_file(p, "partial");
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			signal(sigs[i], SIG_DFL);
			os_cleanup_arm(p);
			raise(sigs[i]);
			_exit(0);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status));
		assert_int_equal(WTERMSIG(status), sigs[i]);
		assert_int_not_equal(stat(p, &sb), 0);
	}
	/* Disarmed, the file stays and the signal acts as before. */
	tu_write_file(p, "kept");
	{
		int status;
		pid_t pid = fork();

		assert_true(pid >= 0);
		if (pid == 0) {
			signal(SIGTERM, SIG_DFL);
			os_cleanup_arm(p);
			os_cleanup_disarm();
			raise(SIGTERM);
			_exit(0);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status));
		assert_int_equal(stat(p, &sb), 0);
	}
	free(p);
	tu_tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_read),
		cmocka_unit_test(test_file_read_empty),
		cmocka_unit_test(test_file_read_binary),
		cmocka_unit_test(test_file_read_max),
		cmocka_unit_test(test_file_read_big),
		cmocka_unit_test(test_file_read_missing),
		cmocka_unit_test(test_file_read_folder),
		cmocka_unit_test(test_file_read_unreadable),
		cmocka_unit_test(test_file_read_pipe),
		cmocka_unit_test(test_file_read_regular),
		cmocka_unit_test(test_cleanup_on_signal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
