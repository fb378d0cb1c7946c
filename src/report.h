/* `mlmat report`: what report_data.c gathers, written as plain text (the
 * default), GitHub-flavoured Markdown, self-contained HTML or JSON, to a
 * stream or atomically to a file. */
#ifndef MLMAT_REPORT_H
#define MLMAT_REPORT_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum report_format { REPORT_TEXT, REPORT_MARKDOWN, REPORT_HTML, REPORT_JSON };

/* "text", "markdown", "html", "json". */
bool report_parse_format(const char *s, enum report_format *out);
const char *report_format_name(enum report_format f);

/* team NULL for every team; period NO_PERIOD for each team's latest. ascii
 * (text only) replaces every non-ASCII character. Returns false with
 * store_error on a database error or a write error. */
bool report_write_format(struct store *st, enum report_format f, const char *team, int period,
			 bool ascii, FILE *out);
/* The plain-text report. */
bool report_write(struct store *st, const char *team, int period, bool ascii, FILE *out);
/* Open roadmap items of the team ordered by importance: the gap of their
 * dimension in the latest assessment times its weight, then model order. */
bool report_roadmap_ranked(struct store *st, const struct assessment *latest,
			   struct roadmap_row **out, size_t *n);

/* Writes the report to path atomically, like export_to_file (an existing
 * path only with force); on failure err holds "mlmat: ..." and no file is
 * left behind. */
bool report_to_file(struct store *st, enum report_format f, const char *team, int period,
		    const char *path, bool force, char *err, size_t errsz);

#endif
