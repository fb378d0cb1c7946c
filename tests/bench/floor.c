/* The benchmark's floor program (tests/bench/bench.py): what a first frame
 * costs at the least. It runs the statements of TRACE (lines "TIME<TAB>SQL",
 * written by tests/bench/sqltrace.c while the dashboard drew its first frame
 * on the same database) through libsqlite3, reads every column of every row,
 * and writes a text made from the rows, clipped to 120 columns and to BYTES
 * bytes, ending with a "? help" line, in one write. Then it waits for a key.
 * No curses, no YAML, no model: the dashboard can only be slower. bench.py
 * gives each distinct statement once: a floor repeats no read.
 *
 * Usage: floor DB TRACE BYTES */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define FLOOR_COLS 120

struct floor_out {
	char *buf;
	size_t len, cap;
};

static void floor_add(struct floor_out *o, const char *s, size_t n)
{
	if (o->len + n > o->cap)
		n = o->cap - o->len;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static int floor_run(sqlite3 *db, const char *sql, struct floor_out *o)
{
	sqlite3_stmt *st;
	char line[FLOOR_COLS + 2];
	int rc, i, n;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return 1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t len = 0;

		n = sqlite3_column_count(st);
		for (i = 0; i < n; i++) {
			const unsigned char *t = sqlite3_column_text(st, i);
			size_t tl = t ? strlen((const char *)t) : 0;

			if (len < FLOOR_COLS - 1) {
				if (tl > FLOOR_COLS - 1 - len)
					tl = FLOOR_COLS - 1 - len;
				memcpy(line + len, t ? (const char *)t : "", tl);
				len += tl;
				line[len++] = ' ';
			}
		}
		line[len++] = '\r';
		line[len++] = '\n';
		floor_add(o, line, len);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : 1;
}

int main(int argc, char **argv)
{
	static const char help[] = "j/k move  Enter open  q quit  ? help";
	struct floor_out o = { NULL, 0, 0 };
	char *line = NULL, *sql;
	size_t lcap = 0;
	sqlite3 *db;
	struct termios tio;
	FILE *trace;
	long bytes;
	char key;

	if (argc != 4 || (bytes = strtol(argv[3], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: floor DB TRACE BYTES\n");
		return 2;
	}
	trace = fopen(argv[2], "r");
	if (!trace) {
		perror(argv[2]);
		return 1;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "floor: %s: %s\n", argv[1], sqlite3_errmsg(db));
		return 1;
	}
	o.cap = (size_t)bytes;
	o.buf = malloc(o.cap + sizeof help);
	if (!o.buf)
		return 1;
	while (getline(&line, &lcap, trace) > 0) {
		line[strcspn(line, "\n")] = '\0';
		sql = strchr(line, '\t');
		if (sql)
			floor_run(db, sql + 1, &o);
	}
	free(line);
	fclose(trace);
	/* A key ends it, as in a dashboard: no line buffering, no echo. */
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
	}
	memcpy(o.buf + o.len, help, sizeof help - 1);
	if (write(STDOUT_FILENO, o.buf, o.len + sizeof help - 1) < 0)
		return 1;
	if (read(STDIN_FILENO, &key, 1) < 0)
		key = 0;
	free(o.buf);
	sqlite3_close(db);
	return 0;
}
