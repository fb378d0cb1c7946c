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
	int64_t view_team;
	int shown;                      /* narrow terminals: the pane below */
	struct layout l;
	WINDOW *list, *panes[PANE_COUNT];
	struct presence_view here;      /* who has which assessment open */
};

/* The labels of the rows on screen, made again when drawn. */
void home_drop_names(struct home *h);
/* The list of teams into h->list: every row, or with h->nchanged only the
 * rows of the teams changed (home_changed) when nothing else did. */
void home_draw_list(struct app *app, struct home *h);

#endif
