/* Home: the teams with their latest scores beside the selected team's
 * panes; the first screen of the dashboard. */
#ifndef MLMAT_SCREEN_HOME_H
#define MLMAT_SCREEN_HOME_H

#include "app.h"

extern const struct screen_ops screen_home_ops;
void screen_home_open(struct app *app);

#endif
