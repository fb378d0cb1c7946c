/* CSV export (CONTRACT section 4): streams rows from the database in the
 * contract's order, and writes files atomically. */
#ifndef MLMAT_EXPORT_H
#define MLMAT_EXPORT_H

#include "store.h"

#include <stdio.h>

enum export_what { EXPORT_ANSWERS, EXPORT_CRITERIA, EXPORT_ROADMAP, EXPORT_AUDIT, EXPORT_VOTES };

struct export_filter {
	const char *team;       /* NULL for all */
	int period;             /* NO_PERIOD for all */
	int64_t assessment;     /* 0 for all */
};

bool export_parse_what(const char *s, enum export_what *out);
const char *export_what_name(enum export_what w);
/* Writes the header and the rows; false with store_error on failure. */
bool export_write(struct store *st, enum export_what what, const struct export_filter *f,
		  FILE *out);
/* export_write for a long export beside other work: watch is called with
 * the rows written so far and their total (counted first, in the same read
 * of the database) once before the first row and after each row;
 * returning false stops the export (store_error: "the export was
 * cancelled"). */
typedef bool (*export_watch_fn)(void *ctx, int64_t rows, int64_t total);
bool export_write_watched(struct store *st, enum export_what what, const struct export_filter *f,
			  FILE *out, export_watch_fn watch, void *ctx);
/* Writes to path through a temporary file in the same folder and a rename.
 * Refuses an existing path unless force. On failure err holds
 * "mlmat: PATH: reason" and no file is left behind. */
bool export_to_file(struct store *st, enum export_what what, const struct export_filter *f,
		    const char *path, bool force, char *err, size_t errsz);

/* The atomic writer behind export_to_file, for any content (the report
 * too): fn writes it to out, returning false with store_error set. */
typedef bool (*export_file_fn)(struct store *st, FILE *out, void *ctx);
bool export_file_atomic(struct store *st, const char *path, bool force, export_file_fn fn,
			void *ctx, char *err, size_t errsz);

#endif
