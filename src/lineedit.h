/* A one-line UTF-8 text editor without curses: the text, a cursor on
 * character boundaries, and the editing keys. The dashboard maps curses keys
 * to these; tests and fuzzers drive it directly. */
#ifndef MLMAT_LINEEDIT_H
#define MLMAT_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

#define LINEEDIT_MAX_BYTES 16384

enum le_key {
	LE_LEFT = -100, LE_RIGHT, LE_HOME, LE_END, LE_BACKSPACE, LE_DELETE,
	LE_KILL_LINE,   /* Ctrl-U: clear */
	LE_KILL_WORD,   /* Ctrl-W */
};

struct lineedit {
	char *buf;
	size_t len, cap;
	size_t cursor;          /* byte offset, always at a character start */
	size_t max_chars;       /* 0 for no limit beyond LINEEDIT_MAX_BYTES */
	/* Bytes of a character typed one byte at a time (as curses delivers
	 * UTF-8 from getch). */
	char pending[4];
	size_t npending;
};

void lineedit_init(struct lineedit *e, const char *text, size_t max_chars);
void lineedit_free(struct lineedit *e);
/* Feeds one editing key (LE_*) or one byte of typed text. Control
 * characters are refused. Returns true when the text or cursor changed. */
bool lineedit_key(struct lineedit *e, int key);
/* Inserts a whole string (a paste); control characters and invalid UTF-8
 * are skipped. */
void lineedit_insert(struct lineedit *e, const char *s, size_t n);
const char *lineedit_text(const struct lineedit *e);
/* Cursor position in characters from the start. */
size_t lineedit_cursor_chars(const struct lineedit *e);

#endif
