/* Home's list of teams without curses: every team's name, and the latest
 * results and last overall scores of the teams shown (read as they come
 * into view: 10,000 teams cost a list of names), in the order the user's locale sorts names
 * (find_collate), and the teams a filter keeps (a part of the name, found
 * as find_match finds it). */
#ifndef MLMAT_TEAM_LIST_H
#define MLMAT_TEAM_LIST_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct team_list {
	bool archived;                          /* list archived teams too */
	/* Every team listed, by name. */
	struct team_summary *all;
	size_t nall;
	struct arena *names;                    /* all's names */
	char **folded;                          /* by all: names as find_fold folds them, or NULL */
	char *filter;                           /* NULL: every team shown */
	/* The teams the filter keeps, in the same order: all itself without
	 * a filter, else copies (names borrowed). */
	struct team_summary *teams;
	size_t *from;                           /* with a filter: where in all */
	size_t n;
};

/* Reads the teams again, keeping the filter. False with store_error (and
 * no team) when the store fails. */
bool team_list_load(struct team_list *l, struct store *st);
/* Reads the results of the shown teams from..from+n not read yet, each
 * once (one that cannot be read shows none). 1 when done, 0 when one is
 * gone (load it all), -1 with store_error (of the last that failed). */
int team_list_fill(struct team_list *l, struct store *st, size_t from, size_t n);
/* After a change to team id's assessments: its results are read again
 * when it is next shown (team_list_fill). A name or archiving changes the
 * organisation: load it all. False when the team is not listed. */
bool team_list_forget(struct team_list *l, int64_t id);
/* Shows the teams whose name holds text (NULL or empty: all). */
void team_list_filter(struct team_list *l, const char *text);
/* Where team id is among the teams shown, or SIZE_MAX. */
size_t team_list_find(const struct team_list *l, int64_t id);
void team_list_free(struct team_list *l);

#endif
