/* What `mlmat report` says, gathered once from one snapshot of the
 * database into one struct, for every format to write: the teams shown
 * (each with its assessment, the one before it and, for its latest, the
 * roadmap), and from them the organisation's summary, heatmap, level
 * distribution, movers and roadmap counts, or for one team its history.
 * The writers (report_text.c, report_md.c, report_json.c, report_html.c)
 * only format; they agree because they read the same numbers. */
#ifndef MLMAT_REPORT_DATA_H
#define MLMAT_REPORT_DATA_H

#include "report_votes.h"
#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define REPORT_MOVERS 5         /* teams listed as having moved most */

/* One team as shown: its assessment of the period asked (or its latest). */
struct report_team {
	struct assessment *a;
	struct assessment *prev;        /* the team's assessment before a; NULL */
	bool latest;                    /* a is the team's latest: its roadmap is shown */
	struct roadmap_row *items;      /* open items, ranked (report_roadmap_ranked) */
	size_t nitems;
	char **blocked;                 /* per item: "a, b" or NULL (roadmap_blocked_list) */
	int status_count[RM_NSTATUS];   /* every item of the team, by status */
	bool has_change;                /* prev is there */
	double change;                  /* a's overall minus prev's, 2 decimals */
	/* a's vote rounds, revealed, that disagreed (report_votes.h); any_vote:
	 * a has a revealed round at all. */
	struct report_disagreement *votes;
	size_t nvotes;
	bool any_vote;
};

/* One period of the single team's history (team scope). */
struct report_period {
	int period;
	double overall, coverage;
	bool signed_off;
	double *score;                  /* by column dimension; NAN where none */
	int *level;                     /* by column dimension; -1 where none */
};

/* An answer that changed since the previous assessment (team scope). */
struct report_answer_change {
	size_t crit;                    /* in the shown assessment's model */
	enum answer before, now;
};

struct report {
	const char *team;               /* --team, or NULL: the organisation */
	int period;                     /* --period, or NO_PERIOD for the latest */
	int current;                    /* the current quarter: past-due is before it */
	struct report_team *teams;      /* by name (the store's team order) */
	size_t nteams;
	/* The columns: the dimensions of the first team's model; other
	 * models' dimensions are matched by id. NULL with no team. */
	const struct model *model;
	/* Organisation scope. */
	size_t nperiods;                /* distinct periods with assessments */
	int first_period, last_period;  /* NO_PERIOD when none */
	double mean_overall, mean_coverage;  /* over the teams shown */
	int *dist;                      /* [dim * nlevels + level - lowest]: teams at it */
	size_t movers[REPORT_MOVERS];   /* team indexes, largest move first */
	size_t nmovers;
	int status_count[RM_NSTATUS];   /* every team shown, every item */
	/* Team scope (one team shown). */
	struct report_period *history;  /* oldest first, up to the period shown */
	size_t nhistory;
	bool has_target;                /* any dimension of the shown one has one */
	double overall_target;          /* weighted mean of the dimension targets set */
	struct report_answer_change *answer_changes;
	size_t nanswer_changes;
};

/* Reads everything in one snapshot. team NULL for the organisation;
 * period NO_PERIOD for each team's latest. False with store_error. */
bool report_collect(struct store *st, const char *team, int period, struct report *r);
void report_free(struct report *r);

/* The column dimension d's index in the model of a (-1 when it has no
 * such dimension). */
long report_dim_in(const struct report *r, size_t d, const struct assessment *a);

/* Evidence split into words: a word that is an http:, https: or mailto:
 * link (scheme in any case; no quote, angle bracket, backslash or pipe in
 * it, which could end an attribute, an autolink or a Markdown table cell)
 * is a link; everything else is text. Calls fn for each piece in order,
 * the whitespace kept in the text pieces. */
typedef void (*report_piece_fn)(void *ctx, const char *s, size_t n, bool link);
void report_links(const char *text, report_piece_fn fn, void *ctx);

/* For the writers: a period as YYYY-Qn, "-" for none; and an assessment's
 * state, "signed off by WHO at WHEN" or "open (not signed off)", its user
 * text through esc (each format's escaper). */
void report_put_period(FILE *out, int period);
void report_put_state(FILE *out, const struct assessment *a, void (*esc)(FILE *, const char *));

/* A level's share of the model's range, 0 at the lowest, 1 at the highest:
 * where its colour sits on the palette. */
double report_level_frac(const struct model *m, int level);

#endif
