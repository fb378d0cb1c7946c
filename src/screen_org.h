/* The organisation view: every team's scores in one period. */
#ifndef MLMAT_SCREEN_ORG_H
#define MLMAT_SCREEN_ORG_H

#include "app.h"

extern const struct screen_ops screen_org_ops;
void screen_org_open(struct app *app);

#endif
