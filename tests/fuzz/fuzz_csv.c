/* libFuzzer target: the CSV field writer. Every field must read back as
 * written (less the formula prefix) through an RFC 4180 reader. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1), *out, *back;
	size_t need, n = 0, i = 0;
	int quoted;

	memcpy(in, data, size);
	in[size] = '\0';
	need = csv_escape(in, NULL, 0);
	out = malloc(need + 1);
	if (csv_escape(in, out, need + 1) != need || strlen(out) != need)
		__builtin_trap();
	/* Read the field back. */
	back = malloc(need + 1);
	quoted = out[0] == '"';
	if (quoted)
		i = 1;
	for (; i < need; i++) {
		if (quoted && out[i] == '"') {
			if (i + 1 < need && out[i + 1] == '"') {
				back[n++] = '"';
				i++;
				continue;
			}
			if (i + 1 != need)
				__builtin_trap(); /* a lone quote inside */
			break;
		}
		if (!quoted && (out[i] == ',' || out[i] == '"' || out[i] == '\r' || out[i] == '\n'))
			__builtin_trap(); /* needed quotes */
		back[n++] = out[i];
	}
	back[n] = '\0';
	{
		const char *orig = in, *got = back;

		if (strchr("=+-@\t\r", in[0]) && in[0]) {
			if (back[0] != '\'')
				__builtin_trap();
			got++;
		}
		if (strcmp(orig, got) != 0)
			__builtin_trap();
	}
	free(in);
	free(out);
	free(back);
	return 0;
}
