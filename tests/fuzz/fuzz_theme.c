/* libFuzzer target: the theme loader on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[1024];
	struct theme *t = theme_load_buffer((const char *)data, size, "fuzz.yaml", err, sizeof err);

	if (t) {
		for (int r = 0; r < ROLE_COUNT; r++)
			if (t->roles[r].fg8 > 7 || t->roles[r].bg8 > 7 || t->roles[r].fg > 255)
				__builtin_trap();
		theme_free(t);
	} else if (err[0] == '\0') {
		__builtin_trap();
	}
	return 0;
}
