#include "demo.h"
#include "store_bulk.h"
#include "xalloc.h"
#include "period.h"
#include "osutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const team_bases[] = {
	"Payments ML", "Search Ranking", "Fraud Detection", "Recommendations",
	"Demand Forecasting", "Customer Care AI", "Dynamic Pricing", "Logistics Optimisation",
	"Credit Risk", "Marketing Analytics", "Ads Ranking", "Supply Chain",
	"Données Clients", "Computer Vision", "Speech & Voice", "Churn Prediction",
	"Zürich Risk Analytics", "Clinical NLP", "Energy Forecasting", "Trust & Safety",
};
#define NBASES (sizeof team_bases / sizeof *team_bases)

static const char *const people[] = {
	"alice", "bjorn", "chen", "dana", "emeka", "farah", "goran", "hiroshi", "ines", "jamal",
};
#define NPEOPLE (sizeof people / sizeof *people)

static const char *const notes[] = {
	"Tracking lives in MLflow, but two notebooks still log to local CSV files.",
	"Uses MLflow, W&B and \"custom\" scripts; consolidation planned.",
	"Registry exists, yet the fraud model was hot-fixed in prod twice.\nFollow-up agreed with the platform team.",
	"=SUM(A1:A9) is how the old scorecard was computed; not a formula here.",
	"-1 incident this quarter thanks to canary releases.",
	"Équipe de données: modèles déployés à Zürich, revue trimestrielle — 予測 OK.",
	"Drift checks (PSI > 0.2) alert on-call, but the runbook is out of date.",
	"@platform asked for a shared feature store; waiting on budget.",
	"Bias review done for credit models only, not for marketing.",
	"Owner left the company; knowledge transfer in progress, see ticket ML-1234.",
};
#define NNOTES (sizeof notes / sizeof *notes)

static const char *const reasons[] = {
	"Audit found deployments that bypassed the registry; capped until fixed.",
	"Evidence shown only for one of four models in production.",
	"Criteria met on paper, but the on-call rota has nobody trained on ML incidents.",
};
#define NREASONS (sizeof reasons / sizeof *reasons)

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

static unsigned rng_below(struct rng *r, unsigned n)
{
	return (unsigned)(rng_next(r) % n);
}

void demo_team_name(int i, char out[TEAM_NAME_BYTES])
{
	if (i < (int)NBASES)
		snprintf(out, TEAM_NAME_BYTES, "%s", team_bases[i]);
	else
		snprintf(out, TEAM_NAME_BYTES, "%s %d", team_bases[i % NBASES], i / (int)NBASES + 1);
}

struct demo {
	struct store *st;
	const struct model *m;
	const struct demo_params *p;
	int64_t model_ref;
	/* per team, reused */
	double *progress, *rate;        /* by dimension */
	int *target;                    /* by dimension */
	double *u;                      /* by criterion: fixed thresholds */
	enum answer *answers, *prev;
	struct rm_item *items;
	int *owner, *due;
	struct dim_score *scores;
	struct dim_input *in;
};

/* A time stamp inside the quarter, so the same seed gives the same data. */
static void stamp(struct rng *r, int period, bool current, char out[21])
{
	int year = period / 4, month = period % 4 * 3 + 1 + (int)rng_below(r, 3);
	int day = 1 + (int)rng_below(r, 24);

	if (current) { /* early in the quarter, so never in the future */
		month = period % 4 * 3 + 1;
		day = 1;
	}

	char buf[64];

	snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02u:%02u:%02uZ", year % 10000, month,
		 day > 28 ? 28 : day, 8 + rng_below(r, 10), rng_below(r, 60), rng_below(r, 60));
	memcpy(out, buf, 20);
	out[20] = '\0';
}

static enum answer answer_for(const struct model *m, size_t c, double progress, double u)
{
	int level = m->crits[c].level;
	double f = progress - (level - 1);

	if (f > 1)
		f = 1;
	if (f < 0)
		f = 0;
	if (u < f)
		return ANS_YES;
	if (u < f + 0.22 && level <= (int)progress + 2)
		return ANS_PARTLY;
	/* Now and then a criterion is met above a gap. */
	if (u > 0.97 && level == (int)progress + 2)
		return ANS_YES;
	return ANS_NO;
}

static bool write_assessment(struct demo *d, struct rng *r, int64_t team_id, int period,
			     bool partial, int64_t *out_id)
{
	const struct model *m = d->m;
	struct overall_score overall;
	struct store_bulk_assessment b;
	struct store_bulk_dim bd;
	char created[21], updated[21];
	int64_t id;

	for (size_t c = 0; c < m->ncrits; c++) {
		d->answers[c] = answer_for(m, c, d->progress[m->crits[c].dim], d->u[c]);
		if (partial && m->crits[c].dim >= m->ndims / 2 && rng_unit(r) < 0.6)
			d->answers[c] = ANS_UNKNOWN;
	}
	for (size_t k = 0; k < m->ndims; k++) {
		d->in[k].target = d->target[k];
		d->in[k].override_level = NO_LEVEL;
		score_dimension(m, k, d->answers, &d->in[k], &d->scores[k]);
		if (d->scores[k].level > m->lowest && rng_unit(r) < 0.03) {
			d->in[k].override_level = d->scores[k].level - 1;
			score_dimension(m, k, d->answers, &d->in[k], &d->scores[k]);
		}
	}
	score_overall(m, d->scores, &overall);
	stamp(r, period, period == d->p->last_period, created);
	memcpy(updated, created, sizeof created);
	updated[12] = (char)(updated[12] < '8' ? updated[12] + 1 : updated[12]); /* an hour later */

	b = (struct store_bulk_assessment){
		.team_id = team_id, .model_ref = d->model_ref, .period = period,
		.facilitator = people[rng_below(r, 6)], .created_at = created, .updated_at = updated,
		.overall = overall.score, .coverage = overall.coverage,
	};
	id = store_bulk_assessment(d->st, &b);
	if (!id)
		return false;
	for (size_t c = 0; c < m->ncrits; c++)
		if (d->answers[c] != ANS_UNKNOWN &&
		    !store_bulk_answer(d->st, id, m->crits[c].id, d->answers[c], ORIGIN_ANSWERED))
			return false;
	for (size_t k = 0; k < m->ndims; k++) {
		bd = (struct store_bulk_dim){ m->dims[k].id, d->in[k].target, d->in[k].override_level,
					      NULL, NULL, updated };
		/* The draws in this order: the same seed gives the same data. */
		if (bd.override_level != NO_LEVEL)
			bd.override_reason = reasons[rng_below(r, NREASONS)];
		if (rng_unit(r) < 0.15)
			bd.notes = notes[rng_below(r, NNOTES)];
		if (!store_bulk_dim(d->st, id, &bd, &d->scores[k]))
			return false;
	}
	if (!store_bulk_audit(d->st, created, id, "create", "demo data"))
		return false;
	*out_id = id;
	return true;
}

/* The roadmap's life over the team's quarters: answers move items, gaps add
 * them, people start, drop, finish and assign them. */
static void roadmap_quarter(struct demo *d, struct rng *r, int period)
{
	const struct model *m = d->m;

	for (size_t c = 0; c < m->ncrits; c++) {
		struct rm_item *it = &d->items[c];
		size_t k = m->crits[c].dim;

		roadmap_on_answer(it, d->prev[c], d->answers[c], period);
		if (!it->exists && roadmap_in_gap(m, c, d->answers[c], d->scores[k].level, d->target[k])) {
			it->exists = true;
			it->status = RM_PLANNED;
			it->created_period = period;
			it->done_period = NO_PERIOD;
			d->owner[c] = rng_unit(r) < 0.6 ? (int)rng_below(r, NPEOPLE) : -1;
			d->due[c] = rng_unit(r) < 0.7 ? period + 1 + (int)rng_below(r, 4) : NO_PERIOD;
		} else if (it->exists && (it->status == RM_PLANNED || it->status == RM_IN_PROGRESS)) {
			double x = rng_unit(r);

			if (x < 0.02)
				roadmap_set_status(it, RM_DROPPED, period);
			else if (x < 0.05)
				roadmap_set_status(it, RM_DONE, period);
			else if (x < 0.30 && it->status == RM_PLANNED)
				roadmap_set_status(it, RM_IN_PROGRESS, period);
			if (d->owner[c] < 0 && rng_unit(r) < 0.2)
				d->owner[c] = (int)rng_below(r, NPEOPLE);
		}
		d->prev[c] = d->answers[c];
	}
}

static bool write_roadmap(struct demo *d, int64_t team_id)
{
	const struct model *m = d->m;

	for (size_t c = 0; c < m->ncrits; c++) {
		const struct rm_item *it = &d->items[c];

		if (it->exists &&
		    !store_bulk_roadmap(d->st, team_id, m, c, it,
					d->owner[c] >= 0 ? people[d->owner[c]] : NULL, d->due[c]))
			return false;
	}
	return true;
}

static bool fill_team(struct demo *d, int index, struct rng *r)
{
	const struct model *m = d->m;
	const struct demo_params *p = d->p;
	char name[TEAM_NAME_BYTES], created[21];
	int first = p->last_period - p->quarters + 1, span = p->quarters;
	int64_t team_id, id = 0;

	demo_team_name(index, name);
	if (p->force && !store_bulk_team_remove(d->st, name))
		return false;
	/* Uneven histories: some teams join later, the last one this quarter. */
	if (p->teams >= 3 && index == p->teams - 1)
		span = 1;
	else if (index > 0 && rng_unit(r) < 0.3)
		span = p->quarters - (int)rng_below(r, (unsigned)(p->quarters / 2 + 1));
	first = p->last_period - span + 1;
	stamp(r, first, first == p->last_period, created);
	team_id = store_bulk_team(d->st, name, created);
	if (!team_id)
		return false;

	for (size_t k = 0; k < m->ndims; k++) {
		d->progress[k] = m->lowest + rng_unit(r) * 1.6;
		d->rate[k] = 0.04 + rng_unit(r) * 0.22;
		d->target[k] = rng_unit(r) < 0.15 ? NO_LEVEL : (int)d->progress[k] + 2;
		if (d->target[k] > m->highest)
			d->target[k] = m->highest;
	}
	for (size_t c = 0; c < m->ncrits; c++) {
		d->u[c] = rng_unit(r);
		d->prev[c] = ANS_UNKNOWN;
		memset(&d->items[c], 0, sizeof d->items[c]);
		d->items[c].created_period = d->items[c].done_period = NO_PERIOD;
		d->owner[c] = -1;
		d->due[c] = NO_PERIOD;
	}
	for (int q = 0; q < span; q++) {
		int period = first + q;
		bool partial = q == span - 1 && index % 4 == 1;

		if (!write_assessment(d, r, team_id, period, partial, &id))
			return false;
		roadmap_quarter(d, r, period);
		for (size_t k = 0; k < m->ndims; k++) {
			double step = d->rate[k] * (0.4 + rng_unit(r));

			if (rng_unit(r) < 0.06)
				step = -(0.4 + rng_unit(r) * 0.8); /* a setback */
			d->progress[k] += step;
			if (d->progress[k] < m->lowest)
				d->progress[k] = m->lowest;
			if (d->progress[k] > m->highest + 0.5)
				d->progress[k] = m->highest + 0.5;
			if (d->target[k] != NO_LEVEL && d->scores[k].level >= d->target[k] &&
			    d->target[k] < m->highest && rng_unit(r) < 0.5)
				d->target[k]++;
		}
	}
	return write_roadmap(d, team_id);
}

bool demo_fill(struct store *st, const struct model *m, const struct demo_params *p)
{
	struct demo d = { .st = st, .m = m, .p = p };
	struct rng base = { p->seed * 0x9E3779B97F4A7C15ull ^ ((uint64_t)p->last_period << 32) };
	bool ok = false;
	char *detail;

	d.model_ref = store_model_ref(st, m);
	if (!d.model_ref || !store_begin(st))
		return false;
	d.progress = xcalloc(m->ndims, sizeof *d.progress);
	d.rate = xcalloc(m->ndims, sizeof *d.rate);
	d.target = xcalloc(m->ndims, sizeof *d.target);
	d.scores = xcalloc(m->ndims, sizeof *d.scores);
	d.in = xcalloc(m->ndims, sizeof *d.in);
	d.u = xcalloc(m->ncrits, sizeof *d.u);
	d.answers = xcalloc(m->ncrits, sizeof *d.answers);
	d.prev = xcalloc(m->ncrits, sizeof *d.prev);
	d.items = xcalloc(m->ncrits, sizeof *d.items);
	d.owner = xcalloc(m->ncrits, sizeof *d.owner);
	d.due = xcalloc(m->ncrits, sizeof *d.due);
	for (int i = 0; i < p->teams; i++) {
		/* Each team draws from its own stream, so team i looks the same
		 * whatever the number of teams. */
		struct rng r = { base.s ^ ((uint64_t)(i + 1) * 0xD1B54A32D192ED03ull) };

		rng_next(&r);
		if (!fill_team(&d, i, &r))
			goto out;
	}
	detail = xasprintf("demo data: %d teams x %d quarters, seed %lu", p->teams, p->quarters, p->seed);
	ok = store_audit(st, 0, "demo", detail);
	free(detail);
out:
	free(d.progress); free(d.rate); free(d.target); free(d.scores); free(d.in);
	free(d.u); free(d.answers); free(d.prev); free(d.items); free(d.owner); free(d.due);
	if (!ok) {
		store_rollback(st);
		return false;
	}
	return store_commit(st);
}
