/* The organisation's figures for one period, without curses: each team's
 * scores by dimension, the teams ordered by overall score, the dimensions
 * by their mean over the teams, and the means themselves. The
 * organisation view draws them; the functions work on plain arrays so
 * they are tested without a terminal. */
#ifndef MLMAT_ORG_H
#define MLMAT_ORG_H

#include "model.h"
#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct org_team {
	int64_t id, assessment_id;
	char *name;
	int period;             /* of the assessment shown: may be earlier */
	double overall;
	double *score, *gap;    /* by model dimension */
	int *level, *target;    /* level < 0: no score in that dimension */
};

struct org_grid {
	size_t ndims;           /* of the model the columns follow */
	struct org_team *teams;
	size_t nteams, cap;
	double *mean;           /* by dimension: over the teams scored there */
	int *count;             /* by dimension: how many teams are scored */
	size_t *cols;           /* dimension indexes, highest mean first */
	double overall_mean;    /* of the teams' overall scores; 0 for none */
	size_t ngroups;         /* of the model, after org_grid_groups */
	double *group_mean;     /* by group: over the teams scored in it */
	bool any_older;         /* a team shows an assessment of an earlier period */
};

void org_grid_init(struct org_grid *g, size_t ndims);
/* Adds one cell of store_org_cells, which come grouped by team: a new team
 * id starts a row. A dimension m does not have leaves the row as it is. */
void org_grid_add(struct org_grid *g, const struct model *m, const struct org_cell *c);
/* Once every cell is in: orders the teams and the columns and computes the
 * means; period is the one asked for (to tell older assessments). */
void org_grid_finish(struct org_grid *g, int period);
/* With a model that has groups, after org_grid_finish: the mean of each
 * group and the columns ordered by group (the model's order of groups),
 * highest mean first within one. Without groups, nothing changes. */
void org_grid_groups(struct org_grid *g, const struct model *m);
/* Drops the teams, keeping the columns' arrays for the next period. */
void org_grid_clear(struct org_grid *g);
void org_grid_free(struct org_grid *g);

/* Highest overall score first; equal scores by name (byte order). */
void org_sort_teams(struct org_team *t, size_t n);
/* For each of ndims dimensions, the mean score of the teams scored there
 * (0 when none) and how many they are. */
void org_dimension_means(const struct org_team *t, size_t n, size_t ndims, double *mean,
			 int *count);
/* The dimension indexes 0..ndims-1, highest mean first; equal means keep
 * the model's order. */
void org_order_dimensions(const double *mean, size_t ndims, size_t *cols);
/* For each group of m, the mean over the teams of each team's group score
 * (the weighted mean of its scores in the group's dimensions it is scored
 * in; a team scored in none of them is left out); 0 for a group no team
 * is scored in. */
void org_group_means(const struct org_team *t, size_t n, const struct model *m, double *mean);
/* Orders cols (dimension indexes) by their dimension's group, keeping the
 * order within a group. */
void org_order_by_group(const struct model *m, size_t *cols, size_t ndims);
/* The mean of the teams' overall scores; 0 for no team. */
double org_overall_mean(const struct org_team *t, size_t n);

#endif
