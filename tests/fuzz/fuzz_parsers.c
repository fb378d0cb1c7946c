/* libFuzzer target: the period and team-name parsers and UTF-8 helpers. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "store.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), name[TEAM_NAME_BYTES], p[PERIOD_LEN];
	const char *why;
	int idx;
	size_t bad;

	memcpy(s, data, size);
	s[size] = '\0';
	if (period_parse(s, &idx)) {
		period_format(idx, p);
		if (strcmp(p, s) != 0)
			__builtin_trap(); /* a parsed period formats back the same */
	}
	if (store_team_name_clean(s, name, &why)) {
		size_t n = strlen(name);

		if (n == 0 || name[0] == ' ' || name[n - 1] == ' ' || utf8_len(name, n) > TEAM_NAME_MAX ||
		    !utf8_valid(name, n, &bad))
			__builtin_trap();
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
				__builtin_trap();
	}
	{
		char *safe = text_printable(s, false);

		for (size_t i = 0; safe[i]; i++)
			if ((unsigned char)safe[i] < 0x20 || safe[i] == 0x7f)
				__builtin_trap(); /* nothing a terminal would act on */
		free(safe);
	}
	free(s);
	return 0;
}
