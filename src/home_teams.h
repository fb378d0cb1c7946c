/* Managing teams from home (CONTRACT section 6, as `mlmat team` does):
 * rename, merge into another team chosen from a list, archive or unarchive,
 * and delete after the team's name is typed to confirm. Each asks, then
 * saves through the store (one audited transaction) and says what it did
 * on the status line. */
#ifndef MLMAT_HOME_TEAMS_H
#define MLMAT_HOME_TEAMS_H

#include "app.h"

void home_team_rename(struct app *app, const char *name);
/* into is chosen among the other teams (names, n of them). */
void home_team_merge(struct app *app, const char *name, const char *const *others, size_t n);
void home_team_archive(struct app *app, const char *name, bool archived);
void home_team_delete(struct app *app, const char *name, int64_t assessments);

#endif
