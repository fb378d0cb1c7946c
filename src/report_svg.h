/* The HTML report's pictures as inline SVG, drawn from the report's
 * numbers with the numbers written on them (for print and colour-blind
 * readers), in the viridis palette: the heatmaps (rect.cell, one per
 * team x dimension or dimension x period), the bars per dimension
 * (rect.bar) and the overall score over the periods (circle.point). */
#ifndef MLMAT_REPORT_SVG_H
#define MLMAT_REPORT_SVG_H

#include "report_data.h"

#include <stdio.h>

/* HTML text: text_printable's copy with & < > " ' as entities. */
void report_svg_text(FILE *out, const char *s);
/* The palette colour of a level (background) and the text colour that
 * reads on it, as "#rrggbb". */
const char *report_svg_fill(const struct model *m, int level);
const char *report_svg_ink(const struct model *m, int level);

void report_svg_org_heatmap(FILE *out, const struct report *r);
void report_svg_team_heatmap(FILE *out, const struct report *r);
void report_svg_bars(FILE *out, const struct report *r);
void report_svg_line(FILE *out, const struct report *r);
/* The levels with their colours and names. */
void report_svg_legend(FILE *out, const struct model *m);

#endif
