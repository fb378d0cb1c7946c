/* libFuzzer target: the text input editor fed arbitrary keys and bytes.
 * The text must stay valid UTF-8 without control characters, and the cursor
 * on a character boundary. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lineedit.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lineedit e;
	size_t bad;

	lineedit_init(&e, NULL, size > 0 ? data[0] % 100 : 0);
	for (size_t i = 1; i < size; i++) {
		int key = data[i];

		/* Bytes 0xF8..0xFF stand for the editing keys. */
		if (key >= 0xF8)
			key = LE_LEFT + (key - 0xF8);
		lineedit_key(&e, key);
		if (e.cursor > e.len || strlen(e.buf) != e.len ||
		    (e.cursor < e.len && ((unsigned char)e.buf[e.cursor] & 0xC0) == 0x80))
			__builtin_trap();
	}
	if (!utf8_valid(e.buf, e.len, &bad))
		__builtin_trap();
	for (size_t i = 0; i < e.len; i++)
		if ((unsigned char)e.buf[i] < 0x20 || e.buf[i] == 0x7f)
			__builtin_trap();
	if (e.max_chars && utf8_len(e.buf, e.len) > e.max_chars)
		__builtin_trap();
	lineedit_free(&e);
	return 0;
}
