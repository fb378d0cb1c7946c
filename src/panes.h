/* The live panes beside home and the assessment (level progress, gap
 * heatmap, roadmap), each a plug-in in its own file behind struct
 * pane_ops, and the team view they share: loaded once when the team or
 * its assessment changes, then only read while drawing. */
#ifndef MLMAT_PANES_H
#define MLMAT_PANES_H

#include "app.h"
#include "layout.h"
#include "pane_heatmap.h"
#include "pane_progress.h"
#include "pane_roadmap.h"
#include "store.h"

#include <stdint.h>

/* What the panes show for one team: its assessment (latest, or the one being
 * taken), scores over its periods, and its ranked open roadmap. */
struct team_view {
	int64_t team_id;
	struct assessment *a;           /* owned; NULL: no assessment yet */
	struct heatmap heat;            /* pane_heatmap.c */
	long heat_current;              /* the column of a's period, or -1 */
	struct roadmap_list roadmap;    /* pane_roadmap.c */
	double *group_score;            /* by model group of a; NULL without groups */
	/* Scrolling, kept while the team stays: each pane's first row shown
	 * and the rows it showed at its last draw (a page), the heatmap's
	 * periods scrolled back from the latest, and the dimension the
	 * screen is on (-1: none), which the dimension panes keep in view
	 * when it changes. */
	size_t top[PANE_COUNT];
	size_t page[PANE_COUNT];
	size_t heat_back, heat_fit;
	long focus, followed[PANE_COUNT];
};

struct pane_ops {
	/* Prepares the pane's part of v after v->a changed (NULL or not). */
	void (*load)(struct app *app, struct team_view *v);
	/* Draws into w what load prepared, from the rows v->top[] says (kept
	 * in range), and notes the rows shown in v->page[]. */
	void (*draw)(struct app *app, WINDOW *w, struct team_view *v);
	/* Frees what load prepared. */
	void (*free)(struct team_view *v);
};

/* Loads the team's assessment (its latest when assessment_id is 0) and
 * what each pane shows of it. */
void team_view_load(struct app *app, struct team_view *v, int64_t team_id, int64_t assessment_id);
/* Has each pane prepare its data again after v->a changed. */
void team_view_refresh(struct app *app, struct team_view *v);
void team_view_free(struct team_view *v);
/* Each pane into its rectangle of the layout (wins kept between frames). */
void panes_draw(struct app *app, const struct layout *l, WINDOW **wins, struct team_view *v);
/* The panes' keys (app->key, one of PANES_KEYS): { and } a page of each
 * pane's rows up and down, H and L the heatmap's earlier and later
 * periods. The panes take no focus, so these work beside the screen's own
 * list keys. */
void panes_key(struct app *app, struct team_view *v);
#define PANES_KEYS(run) \
	{ '}', '{', "}/{", "panes: page down, up", run, false }, \
	{ 'H', 'L', "H/L", "heatmap: earlier, later", run, false }
/* The pane scroll keys, as the panes say them. */
#define PANES_ROW_KEYS "{ }"
#define PANES_COL_KEYS "H L"

#endif
