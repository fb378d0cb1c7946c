/* The live panes beside home and the assessment (level progress, gap
 * heatmap, roadmap) and the team data they show. */
#ifndef MLMAT_PANES_H
#define MLMAT_PANES_H

#include "app.h"
#include "layout.h"
#include "roadmap.h"
#include "store.h"

#include <stddef.h>
#include <stdint.h>

#define HEAT_MAX_PERIODS 40

/* What the panes show for one team: its assessment (latest, or the one being
 * taken), scores over its periods, and its ranked open roadmap. */
struct team_view {
	int64_t team_id;
	struct assessment *a;           /* owned */
	int nperiods;
	int periods[HEAT_MAX_PERIODS];
	/* by [dimension * nperiods + period index]; level < 0 when absent */
	int *level;
	double *score, *gap;
	int *target;
	size_t ndims;
	struct roadmap_row *roadmap;
	size_t nroadmap;
};

/* Loads the team's assessment (its latest when assessment_id is 0) and
 * what the panes show of it. */
void team_view_load(struct app *app, struct team_view *v, int64_t team_id, int64_t assessment_id);
/* Re-reads the heatmap and the roadmap after v->a changed. */
void team_view_refresh(struct app *app, struct team_view *v);
void team_view_free(struct team_view *v);

void pane_progress_draw(struct app *app, WINDOW *w, const struct team_view *v);
void pane_heatmap_draw(struct app *app, WINDOW *w, const struct team_view *v);
void pane_roadmap_draw(struct app *app, WINDOW *w, const struct team_view *v);
/* Each pane into its rectangle of the layout (wins kept between frames). */
void panes_draw(struct app *app, const struct layout *l, WINDOW **wins,
		const struct team_view *v);

#endif
