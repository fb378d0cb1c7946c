/* The organisation view sorted by a dimension, from the aggregates the
 * store keeps on write (org_dim_rows, schema version 6; src/store_org_dim.c):
 * the teams scored in the dimension through an index on their score, a
 * window at a time, and the teams not scored there. */
#ifndef MLMAT_STORE_ORG_H
#define MLMAT_STORE_ORG_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A team's key in the view sorted by a dimension: its key by overall
 * score, and its score in the dimension when it has one. */
struct org_dkey {
	struct org_key k;
	bool scored;
	double score;
};
void store_org_dkeys_free(struct org_dkey *k, size_t n);
/* Where a team scored in a dimension sorts: by score, then overall score
 * (hundredths), highest first. */
struct org_dpos {
	double score;
	long long overall;
};

/* How many teams of the view at period are scored in dimension dim. */
bool store_org_dim_count(struct store *st, int period, const char *dim, size_t *n);
/* The place at position pos of the teams scored in dim, highest first;
 * *found false past the last. */
bool store_org_dim_at(struct store *st, int period, const char *dim, size_t pos, bool *found,
		      struct org_dpos *at);
/* How many teams sort before at in dim. */
bool store_org_dim_above(struct store *st, int period, const char *dim, struct org_dpos at,
			 size_t *n);
/* The teams scored in dim whose place lies from lo to hi, unordered. */
bool store_org_dim_keys(struct store *st, int period, const char *dim, struct org_dpos lo,
			struct org_dpos hi, struct org_dkey **out, size_t *n);
/* The teams of the view not scored in dim, unordered. */
bool store_org_unscored_keys(struct store *st, int period, const char *dim, struct org_dkey **out,
			     size_t *n);
/* The team's place in dim; *found false when it has none in the view. */
bool store_org_dim_team(struct store *st, int period, const char *dim, int64_t team_id,
			bool *found, struct org_dpos *at);
/* The team's key in the view (name, overall); *found false when it is not
 * in the view. out->name is the caller's to free. */
bool store_org_team_key(struct store *st, int period, int64_t team_id, bool *found,
			struct org_key *out);

#endif
