/* Managing teams from home (CONTRACT section 6, as `mlmat team` does):
 * rename, merge into another team chosen from a list, archive or unarchive,
 * and delete after the team's name is typed to confirm. Each asks, then
 * saves through the store (one audited transaction) and says what it did
 * on the status line. */
#ifndef MLMAT_HOME_TEAMS_H
#define MLMAT_HOME_TEAMS_H

#include "app.h"
#include "team_list.h"

/* name is home's (in tl for merge): each works on copies, since a change
 * another dashboard makes while a dialog waits may read the list again. */
void home_team_rename(struct app *app, const char *name);
/* into is chosen among every other team of tl, those a filter hides too. */
void home_team_merge(struct app *app, const struct team_list *tl, int64_t id, const char *name);
void home_team_archive(struct app *app, const char *name, bool archived);
void home_team_delete(struct app *app, int64_t id, const char *name);

#endif
