/* Read-only queries the dashboard's views need beyond store_query.c: each
 * reads the whole organisation in one statement, so a view loads its data
 * once on reload instead of a query per row while drawing. */
#ifndef MLMAT_STORE_VIEW_H
#define MLMAT_STORE_VIEW_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One team's overall scores of its last assessments, oldest first. */
typedef void (*store_trend_fn)(void *ctx, int64_t team_id, const double *scores, size_t n);

/* Calls fn once per team that has an assessment, in team id order, with
 * the overall scores of its last max (at least 1) assessments. False with
 * store_error on failure. */
bool store_view_trends(struct store *st, size_t max, store_trend_fn fn, void *ctx);

#endif
