/* The organisation view's state, shared by its screen (screen_org.c: keys,
 * loading) and its drawing (org_draw.c). Private to those two. */
#ifndef MLMAT_ORG_VIEW_H
#define MLMAT_ORG_VIEW_H

#include "app.h"
#include "label.h"
#include "layout.h"
#include "org.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct org {
	int *periods;
	size_t nperiods, pi;
	struct org_grid g;      /* the teams and means of periods[pi] */
	/* Sorted by overall score with a model without groups, the grid
	 * holds only a window of the teams shown (the rows visible), its count
	 * and means from the store's aggregates (win); else every team. With
	 * a filter, shown indexes keys, every team's key in the view's order. */
	bool win;
	struct org_key *keys;
	size_t nkeys;
	struct store *st;
	int rows;               /* team rows of the last draw */
	char *filter;           /* `/`: what a team's name must contain, or NULL */
	size_t *shown, nshown;  /* the teams of g (or keys) the filter keeps, in order */
	int64_t find_from;      /* the team selected when `/` was pressed */
	size_t sel, top;        /* in shown */
	struct layout l;
	struct org_columns c;   /* of the grid window */
	size_t c0;              /* the first dimension column shown */
	WINDOW *grid;
	const struct model *m;  /* the columns' */
	/* The names as drawn (team_labels), by g's order: made again after
	 * the grid, its order or the layout changed, not at every key. */
	struct label_item *names;
	size_t nnames;
	bool names_made;        /* by label_make (else borrowed from all) */
	/* In window mode with names cut: every team's label in the view's
	 * order, for periods[all_pi] at name width all_nw (org_draw.c). */
	char **all;
	size_t nall, all_pi;
	int all_nw;
	/* Other dashboards' changes since the last frame moved only the
	 * means: the next frame draws their row alone, unless a key, a reload
	 * or a repaint came between (drawn_keys: app->keys at the last draw). */
	bool means_only;
	bool full_due;          /* loaded again since the last whole frame */
	unsigned long drawn_keys;
};

void org_view_drop_names(struct org *o);
/* Also the labels and keys of every team (after the grid was loaded again). */
void org_view_drop_all(struct org *o);
/* In window mode: every team's key in the view's order (o->keys). */
bool org_view_keys(struct org *o);
/* The team at position i of those shown; NULL outside the window. */
struct org_team *org_view_team_at(const struct org *o, size_t i);
/* Its index in g.teams, for the names. */
size_t org_view_index_at(const struct org *o, size_t i);
/* In window mode: the teams at positions from..from+n held. */
void org_view_cover(struct org *o, size_t from, size_t n);
/* After the layout, before the draw: the rows shown scrolled to the
 * selection, their teams loaded (window mode) and their names made, so
 * that the draw only reads. */
void org_view_settle(struct org *o);
void org_view_draw(struct app *app, struct screen *s);
/* Whether the next frame draws the means alone (org_view_draw). */
bool org_view_means_only(const struct app *app, const struct org *o);

#endif
