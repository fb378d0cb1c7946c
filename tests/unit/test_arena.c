/* The string arena: copies that stay where they are while more are added,
 * across blocks, a string longer than a block among them. */
#include "testutil.h"

#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_copies_stay(void **state)
{
	enum { N = 20000 };
	struct arena *a = NULL;
	static char *copy[N];
	char buf[64], *big = malloc(200000);

	(void)state;
	assert_non_null(big);
	memset(big, 'x', 199999);
	big[199999] = '\0';
	for (int i = 0; i < N; i++) {
		int n = snprintf(buf, sizeof buf, "Team %d with a longer name", i);

		copy[i] = arena_strndup(&a, buf, (size_t)n);
		if (i == N / 2) {
			char *b = arena_strndup(&a, big, strlen(big));

			assert_int_equal(strlen(b), 199999);
			assert_memory_equal(b, big, 200000);
		}
	}
	for (int i = 0; i < N; i++) {
		snprintf(buf, sizeof buf, "Team %d with a longer name", i);
		assert_string_equal(copy[i], buf);
	}
	/* n bytes only, ended by a NUL */
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_string_equal(arena_strndup(&a, "", 0), "");
	arena_free(a);
	arena_free(NULL);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copies_stay),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
