/* Home's state, shared by its screen (screen_home.c) and the drawing of
 * its list of teams (home_list.c); private to the two. */
#ifndef MLMAT_HOME_H
#define MLMAT_HOME_H

#include "app.h"
#include "label.h"
#include "layout.h"
#include "panes.h"
#include "presence_view.h"
#include "team_list.h"

#define SPARK_N STORE_TREND
#define HOME_CHANGED_MAX 16

struct home {
	struct team_list tl;            /* every team, and those `/` keeps */
	/* The teams shown (tl's, kept in step by show). */
	struct team_summary *teams;
	size_t nteams, sel, top;
	int64_t find_from;              /* the team selected when `/` was pressed */
	/* The names as drawn (team_labels) of the nnames rows from
	 * names_top, for width names_w: made again when the list scrolls or
	 * changes or the width does, not at every key. */
	struct label_item *names;
	size_t nnames, names_top;
	int names_w;
	struct team_view view;
	bool view_dirty;                /* view read since the panes were drawn */
	bool lost;                      /* a team listed is gone: read the list again */
	unsigned long drawn_keys;       /* app->keys when they were */
	/* Other dashboards' changes since the last frame touched only these
	 * rows (indexes in teams): the next frame may draw them alone. */
	size_t changed[HOME_CHANGED_MAX];
	size_t nchanged;
	bool rows_only;
	int64_t view_team;
	int shown;                      /* narrow terminals: the pane below */
	struct layout l;
	WINDOW *list, *panes[PANE_COUNT];
	struct presence_view here;      /* who has which assessment open */
};

/* The labels of the rows on screen, made again when drawn. */
void home_drop_names(struct home *h);
/* The list of teams into h->list. */
void home_draw_list(struct app *app, struct home *h);
/* Only the rows of h->changed on screen (their results read again); false,
 * drawing nothing, when the rows on screen are no longer those labelled. */
bool home_draw_rows(struct app *app, struct home *h);

#endif
