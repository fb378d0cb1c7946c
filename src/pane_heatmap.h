/* The heatmap: a team's scores by dimension (rows) and period (columns),
 * read from the store in one place and drawn by one function, for the pane
 * beside home and the assessment and for the quarterly review. */
#ifndef MLMAT_PANE_HEATMAP_H
#define MLMAT_PANE_HEATMAP_H

#include "model.h"
#include "store.h"
#include "ui.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct heatmap {
	const struct model *m;  /* the rows are its dimensions; NULL: no data */
	int *periods;           /* the columns, oldest first */
	size_t nperiods, cap;
	/* by [column * m->ndims + dimension]; level < 0 where there is none */
	int *level, *target;
	double *score, *gap;
};

/* Reads the team's cells of periods from..to into hm (emptied first), with
 * the dimensions of m as rows: a column per period that has cells. False
 * with store_error on failure. */
bool pane_heatmap_load(struct heatmap *hm, struct store *st, int64_t team_id,
		       const struct model *m, int from, int to);
/* Empties hm, keeping nothing. */
void pane_heatmap_free(struct heatmap *hm);
/* The column of period, or -1. */
long pane_heatmap_column(const struct heatmap *hm, int period);

/* How a heatmap is framed where it is shown. */
struct heatmap_frame {
	const char *title;
	bool focused;
	const char *empty;      /* said when there is no column */
	int label_w;            /* columns for the dimension names */
	size_t first;           /* the first column shown */
	long mark[2];           /* columns whose heads stand out, or -1 */
	attr_t mark_attr;       /* added to the title role of a marked head */
	bool arrows;            /* < and > where columns are scrolled off */
	const char *legend;     /* the bottom line when there is room, or NULL */
	const bool *signed_off; /* by column: heads marked signed off, or NULL */
	size_t top;             /* the first dimension shown */
	const char *row_keys;   /* the keys that scroll the rows, as said */
	const char *col_keys;   /* and the columns */
};

/* How many columns fit in a window width cols wide (at least one). */
int pane_heatmap_fit(int cols, int label_w);
/* How many dimension rows fit in a window lines high. */
int pane_heatmap_rows(int lines);
/* Draws hm into w (a box, the heads, a row per dimension from f->top on,
 * what is out of the window said on its bottom border); the colour of a
 * cell by its gap to target when by_gap, else by its level. */
void pane_heatmap_draw(WINDOW *w, const struct heatmap *hm, const struct heatmap_frame *f,
		       bool by_gap);

/* The pane beside home and the assessment (panes.h). */
struct pane_ops;
extern const struct pane_ops pane_heatmap_ops;

#endif
