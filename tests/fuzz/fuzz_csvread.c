/* libFuzzer target: the CSV reader. Any input reads to its end without a
 * crash, every field is valid UTF-8, and the records read, written out
 * again with every field quoted, read back the same. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "strbuf.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void quote(struct strbuf *sb, char **f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sb_adds(sb, i ? ",\"" : "\"");
		for (const char *p = f[i]; *p; p++) {
			if (*p == '"')
				sb_addc(sb, '"');
			sb_addc(sb, *p);
		}
		sb_addc(sb, '"');
	}
	sb_adds(sb, "\r\n");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csvread *r = csvread_new((const char *)data, size), *back;
	struct strbuf once, twice;
	char **f;
	size_t n, line;
	const char *why;
	int rc;

	sb_init(&once);
	sb_init(&twice);
	while ((rc = csvread_next(r, &f, &n, &line, &why)) != 0) {
		if (rc < 0)
			continue;
		for (size_t i = 0; i < n; i++)
			if (!utf8_valid(f[i], strlen(f[i]), NULL))
				__builtin_trap();
		/* An empty line is skipped, so a record of one empty field is
		 * written quoted to survive. */
		quote(&once, f, n);
	}
	csvread_free(r);
	back = csvread_new(once.s ? once.s : "", once.len);
	while ((rc = csvread_next(back, &f, &n, &line, &why)) != 0) {
		if (rc < 0)
			__builtin_trap();
		quote(&twice, f, n);
	}
	csvread_free(back);
	if (once.len != twice.len || (once.len && memcmp(once.s, twice.s, once.len)))
		__builtin_trap();
	sb_free(&once);
	sb_free(&twice);
	return 0;
}
