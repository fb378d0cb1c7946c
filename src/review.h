/* The quarterly review screen's parts, shared by its modules: the screen
 * (screen_review.c: data, layout, keys) and the roadmap table's drawing
 * (review_table.c). */
#ifndef MLMAT_REVIEW_H
#define MLMAT_REVIEW_H

#include "layout.h"
#include "pane_change.h"
#include "pane_heatmap.h"
#include "roadmap.h"
#include "store.h"
#include "ui.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The line of progress figures. */
struct figures {
	bool has_target, has_to_date;
	double to_target, to_date, target;
	double *hist;                   /* every overall score, oldest first */
};

struct review {
	int64_t team_id;
	char *team;
	struct period_row *rows;        /* every assessment, oldest first */
	size_t nrows, after, before;
	size_t heat_left, heat_top;     /* the heatmap's first period and dimension shown */
	size_t heat_fit, heat_rows;     /* its columns and rows, from the last draw */
	bool heat_follow;               /* scroll it to the compared periods */
	struct assessment *a_after, *a_before;
	const struct model *m;          /* of the later assessment */
	struct heatmap heat;            /* every period */
	bool *heat_signed;              /* by heat column: signed off */
	long mark[2];                   /* heat columns of after and before, or -1 */
	struct figures fig;             /* of the later assessment */
	struct change change;           /* of the compared pair */
	struct roadmap_row *rm;
	bool *rm_overdue;               /* open and due before the period of the reload */
	char **rm_blocked;              /* what blocks each open item, NULL when nothing */
	size_t nrm, sel, top, page;
	bool show_change;               /* narrow terminals */
	bool on_change;                 /* the list keys move the change list (Tab) */
	struct change_scroll cs;        /* the change pane's scores and list */
	struct review_layout l;
	WINDOW *heat_win, *change_win, *figures, *table;
};

/* Planned or in progress. */
bool review_item_open(const struct roadmap_row *it);
/* Draws the roadmap table into r->table, scrolled to the selection; notes
 * the rows it shows in r->page (PgUp/PgDn). */
void review_draw_table(struct review *r);
/* The whole text of roadmap item i (for `i`): action, criterion, owner,
 * due, status, what blocks it; title gets its criterion's id. The caller
 * frees it. */
char *review_item_text(const struct review *r, size_t i, char *title, size_t title_size);

#endif
