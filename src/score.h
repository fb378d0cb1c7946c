/* Scoring, as CONTRACT section 3 says: the staircase level, the fractional
 * score, coverage, overrides, targets and gaps, the weighted overall score. */
#ifndef MLMAT_SCORE_H
#define MLMAT_SCORE_H

#include "model.h"

#include <stdbool.h>

/* n/a: the criterion does not apply to this team (a comment says why); it
 * is left out of level and score and counts as answered for coverage. */
enum answer { ANS_UNKNOWN = 0, ANS_NO = 1, ANS_PARTLY = 2, ANS_YES = 3, ANS_NA = 4, ANS_COUNT };

#define NO_LEVEL (-1)   /* no target, no override */

struct dim_input {
	int target;             /* NO_LEVEL when unset */
	int override_level;     /* NO_LEVEL when unset */
};

struct dim_score {
	int level;              /* the override when there is one */
	int derived_level;      /* the staircase level, override or not */
	double score;           /* rounded to 2 decimals */
	double raw_score;       /* unrounded */
	double gap;             /* 0 without a target */
	double coverage;        /* rounded to 2 decimals */
	int answered, total;
};

/* "unknown", "no", "partly", "yes", "n/a". */
const char *answer_name(enum answer a);
bool answer_parse(const char *s, enum answer *a);

/* answers is indexed like model->crits. */
void score_dimension(const struct model *m, size_t dim, const enum answer *answers,
		     const struct dim_input *in, struct dim_score *out);

struct overall_score {
	double score;           /* weighted mean, rounded */
	double coverage;        /* answered / all criteria, rounded */
};
void score_overall(const struct model *m, const struct dim_score *dims,
		   struct overall_score *out);

/* A group's score: the weighted mean of its dimensions' unrounded scores,
 * rounded like a score (0 for a group with no dimension). */
double score_group(const struct model *m, const struct dim_score *dims, long group);

/* The "why" of a level: "Level 2 - for level 3 missing: a; b". Caller frees. */
char *score_explain(const struct model *m, size_t dim, const enum answer *answers,
		    const struct dim_score *s);

/* Rounds half away from zero to two decimals (1.125 -> 1.13). */
double round2(double x);

#endif
