/* The organisation's figures for one period, without curses: each team's
 * scores by dimension, coverage and change since its previous assessment,
 * the teams ordered by a sort key (overall score, one dimension, the
 * change or the name), the dimensions in the model's order (grouped by
 * group), so the columns stay put when the period changes, and the means.
 * The organisation view draws them; the functions work on plain arrays so
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
	double coverage;        /* 0..1, of the assessment shown */
	bool has_change;        /* the team has an assessment before it */
	double change;          /* overall minus that one's, to 2 decimals */
};

/* What the teams are sorted by: a dimension's index (0..ndims-1) or one of
 * these. */
enum {
	ORG_SORT_OVERALL = -1,
	ORG_SORT_CHANGE = -2,
	ORG_SORT_NAME = -3,
};

struct org_grid {
	size_t ndims;           /* of the model the columns follow */
	struct org_team *teams;
	size_t nteams, cap;
	double *mean;           /* by dimension: over the teams scored there */
	int *count;             /* by dimension: how many teams are scored */
	size_t *cols;           /* dimension indexes: the model's order */
	long sort;              /* ORG_SORT_* or a dimension index */
	double overall_mean;    /* of the teams' overall scores; 0 for none */
	double coverage_mean;   /* of the teams' coverage; 0 for none */
	double change_mean;     /* over the teams with a change */
	size_t nchange;         /* how many teams have one */
	size_t ngroups;         /* of the model, after org_grid_groups */
	double *group_mean;     /* by group: over the teams scored in it */
	bool any_older;         /* a team shows an assessment of an earlier period */
	/* teams holds the positions base.. of the total teams in the view:
	 * all of them (base 0) after org_grid_finish, a window after
	 * org_grid_load_window. */
	size_t total, base;
};

void org_grid_init(struct org_grid *g, size_t ndims);
/* Adds one cell of store_org_cells, which come grouped by team: a new team
 * id starts a row. A dimension m does not have leaves the row as it is. */
void org_grid_add(struct org_grid *g, const struct model *m, const struct org_cell *c);
/* Once every cell is in: sorts the teams by g->sort and computes the
 * means; period is the one asked for (to tell older assessments). The
 * columns are not reordered: they follow the model whatever the data. */
void org_grid_finish(struct org_grid *g, int period);
/* Sorts the teams again by key (a dimension index or ORG_SORT_*). */
void org_grid_sort(struct org_grid *g, long key);
/* With a model that has groups, after org_grid_finish: the mean of each
 * group and the columns ordered by group (the model's order of groups),
 * the model's order within one. Without groups, nothing changes. */
void org_grid_groups(struct org_grid *g, const struct model *m);
/* From the aggregates the store keeps, without reading every team: the
 * count and means org_grid_finish gives (the teams sorted by overall
 * score; no group means), and no teams yet. */
bool org_grid_load_summary(struct org_grid *g, struct store *st, const struct model *m,
			   int period);
/* After org_grid_load_summary: the teams at positions from..from+n of the
 * view sorted by g->sort, overall score or a dimension (as org_sort_teams
 * orders them), with their cells, in place of those held. */
bool org_grid_load_window(struct org_grid *g, struct store *st, const struct model *m,
			  int period, size_t from, size_t n);
/* Sorts keys as org_sort_teams sorts by overall score. */
void org_keys_sort(struct org_key *k, size_t n);
/* The teams ids[0..n) with their cells, as positions base.. of the view,
 * in place of those held. */
bool org_grid_load_teams(struct org_grid *g, struct store *st, const struct model *m,
			 int period, size_t base, const int64_t *ids, size_t n);
/* The position of a team in the view at period sorted by key (overall
 * score or a dimension index of m); *found false when it is not in the
 * view. */
bool org_grid_rank(struct store *st, const struct model *m, int period, long key,
		   int64_t team_id, bool *found, size_t *pos);
/* Every team's key in the view at period sorted by key (overall score or
 * a dimension index of m), in that order. */
bool org_grid_keys(struct store *st, const struct model *m, int period, long key,
		   struct org_key **out, size_t *n);
/* After teams ids[0..n) changed (another dashboard wrote): *same true
 * when the teams held are still those at their positions and none of them
 * changed, read from the view's index entries without the window's cells. */
bool org_grid_same_window(const struct org_grid *g, struct store *st, const struct model *m,
			  int period, const int64_t *ids, size_t n, bool *same);
/* The count and the means of org_grid_load_summary, the teams held kept. */
bool org_grid_load_sums(struct org_grid *g, struct store *st, const struct model *m, int period);
/* The three above (src/org_dim.c) sorted by overall score (here). */
bool org_overall_window(struct org_grid *g, struct store *st, const struct model *m, int period,
			size_t from, size_t n);
bool org_overall_rank(struct store *st, int period, int64_t team_id, bool *found, size_t *pos);
bool org_overall_keys(struct store *st, int period, struct org_key **out, size_t *n);
/* Drops the teams, keeping the columns' arrays for the next period. */
void org_grid_clear(struct org_grid *g);
void org_grid_free(struct org_grid *g);

/* Sorts by key: ORG_SORT_OVERALL highest overall first; a dimension index
 * highest score there first, teams unscored there last; ORG_SORT_CHANGE
 * largest change first, teams without one last; ORG_SORT_NAME by name.
 * Ties go by overall score (highest first), then name (find_collate), then id. */
void org_sort_teams(struct org_team *t, size_t n, long key);
/* The sort key after key in the cycle overall, each column of cols in
 * order, change, name (dir 1), or before it (dir -1). */
long org_sort_step(const size_t *cols, size_t ndims, long key, int dir);
/* What key sorts by, for the header: "overall", "change", "name" or the
 * dimension's name. */
const char *org_sort_label(const struct model *m, long key);
/* overall minus before, rounded to 2 decimals (both are stored so). */
double org_change(double overall, double before);
/* For each of ndims dimensions, the mean score of the teams scored there
 * (0 when none) and how many they are. */
void org_dimension_means(const struct org_team *t, size_t n, size_t ndims, double *mean,
			 int *count);
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
/* A mean of n values (0 for none) from their sum in hundredths, rounded
 * half away from zero to hundredths like a score (and like the report's
 * mean overall score): every mean of the view, so that the means from the
 * grid and from the store's sums are the same number. */
double org_mean100(long long sum, size_t n);
/* A score stored to 2 decimals, in hundredths. */
long long org_x100(double v);

#endif
