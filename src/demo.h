/* Plausible, deterministic history for trying mlmat out: teams that improve
 * unevenly over quarters, setbacks, targets, notes, overrides, a roadmap in
 * every status, n/a answers with their reasons, comments and evidence,
 * carried and answered answers, past quarters signed off and the current
 * one open. The same seed in the same quarter gives the same data. */
#ifndef MLMAT_DEMO_H
#define MLMAT_DEMO_H

#include "store.h"

struct demo_params {
	int teams, quarters;
	unsigned long seed;
	int last_period;        /* the current quarter */
	bool force;             /* replace earlier demo teams of the same names */
};

/* Writes everything in one transaction; false with store_error. */
bool demo_fill(struct store *st, const struct model *m, const struct demo_params *p);
/* The name of team i (0-based), as demo_fill gives it. */
void demo_team_name(int i, char out[TEAM_NAME_BYTES]);

#endif
