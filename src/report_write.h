/* The report's writers, one per format, each writing what report_collect
 * gathered; user text goes out through report_clean first, so no format
 * carries a control character or a bidirectional override. */
#ifndef MLMAT_REPORT_WRITE_H
#define MLMAT_REPORT_WRITE_H

#include "report_data.h"

#include <stdbool.h>
#include <stdio.h>

void report_text(const struct report *r, bool ascii, FILE *out);
void report_md(const struct report *r, FILE *out);
void report_json(const struct report *r, FILE *out);
void report_html(const struct report *r, FILE *out);

#endif
