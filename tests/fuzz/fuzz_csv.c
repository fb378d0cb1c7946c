/* libFuzzer target: the CSV field writer. Every field must read back
 * through an RFC 4180 reader as the contract's cleaned text (CONTRACT
 * section 4: a control character other than LF, or CR outside a CR LF
 * pair, and each invalid UTF-8 sequence become U+FFFD), less the formula
 * prefix; and no control byte other than CR LF and LF is ever written. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The text the contract wants in the field, written apart from csv.c's. */
static char *cleaned(const char *in, size_t len)
{
	char *out = malloc(3 * len + 1);
	size_t n = 0;

	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t k = utf8_decode(in + i, len - i, &cp);
		int bad = (cp == 0xFFFD && k == 1) || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
			  (cp < 0x20 && cp != '\n' && !(cp == '\r' && i + 1 < len && in[i + 1] == '\n'));

		if (bad) {
			memcpy(out + n, "\xEF\xBF\xBD", 3);
			n += 3;
		} else {
			memcpy(out + n, in + i, k);
			n += k;
		}
		i += k;
	}
	out[n] = '\0';
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1), *out, *back;
	size_t need, n = 0, i = 0;
	int quoted;

	memcpy(in, data, size);
	in[size] = '\0';
	size = strlen(in);      /* a C string ends at the first NUL */
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
	for (i = 0; i < need; i++) {
		unsigned char c = (unsigned char)out[i];

		if ((c < 0x20 && c != '\n' && !(c == '\r' && i + 1 < need && out[i + 1] == '\n')) ||
		    c == 0x7F)
			__builtin_trap(); /* a control byte written */
	}
	if (!utf8_valid(out, need, NULL))
		__builtin_trap();
	{
		char *want = cleaned(in, size);
		const char *orig = want, *got = back;

		if (strchr("=+-@\t\r", want[0]) && want[0]) {
			if (back[0] != '\'')
				__builtin_trap();
			got++;
		}
		if (strcmp(orig, got) != 0)
			__builtin_trap();
		free(want);
	}
	free(in);
	free(out);
	free(back);
	return 0;
}
