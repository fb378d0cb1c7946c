/* Shared by the cmocka unit tests: the cmocka includes in the order it needs,
 * a private temporary folder per test binary, and small file helpers. */
#ifndef MLMAT_TESTUTIL_H
#define MLMAT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fresh folder under $TMPDIR, removed by tu_tmpdir_remove. */
static inline char *tu_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *path = malloc(4096);

	snprintf(path, 4096, "%s/mlmat-test-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(path)) {
		perror("mkdtemp");
		abort();
	}
	return path;
}

static inline void tu_tmpdir_remove(char *path)
{
	char cmd[4200];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", path);
	free(path);
}

static inline void tu_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

/* Folder of the test sources, for fixtures: MLMAT_TESTS or ./tests. */
static inline const char *tu_fixtures(void)
{
	const char *d = getenv("MLMAT_FIXTURES");

	return d && *d ? d : "tests/fixtures";
}

#endif
