/* Home's view of presence (CONTRACT section 5): who has which assessment
 * open, drawn on one line, and the assessment another dashboard has open
 * for a team (for F). */
#ifndef MLMAT_PRESENCE_VIEW_H
#define MLMAT_PRESENCE_VIEW_H

#include "app.h"
#include "store_presence.h"

struct presence_view {
	struct presence *p;     /* the other dashboards */
	size_t n;
};

void presence_view_load(struct app *app, struct presence_view *v);
void presence_view_free(struct presence_view *v);
/* "here: ann on Payments 2026-Q1, ..." from (y, x), at most width
 * columns; nothing when nobody else is here. Liveness is checked again at
 * each frame, so a killed dashboard goes without waiting for a change. */
void presence_view_draw(const struct presence_view *v, WINDOW *w, int y, int x, int width);
/* The assessment of team that another dashboard has open, or 0. */
int64_t presence_view_team(const struct presence_view *v, const char *team);

#endif
