#include "demo.h"
#include "store_bulk.h"
#include "xalloc.h"
#include "period.h"
#include "osutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Why a criterion does not apply to a team (the comment n/a needs). */
static const char *const na_reasons[] = {
	"Does not apply yet: no model serves live traffic, batch scoring only.",
	"The models are vendor-hosted; the vendor's own process covers this.",
	"Out of scope for this team, as agreed with the platform group.",
	"Not relevant to a single internal tool with a handful of users.",
};
#define NNA (sizeof na_reasons / sizeof *na_reasons)

/* Why an answer was given. */
static const char *const comments[] = {
	"Seen in the last two releases; the third still took the manual path.",
	"Confirmed in the quarterly review with the platform team.",
	"Only for the ranking models, not yet for the embeddings.",
	"=IF(yes) was the old scorecard's answer; checked again this quarter.",
	"The new owner walked us through it, with a live demo.",
	"Zürich and Lyon do it, Singapore not yet.",
};
#define NCOMMENTS (sizeof comments / sizeof *comments)

/* Where to see it: links and document references. */
static const char *const evidence[] = {
	"https://wiki.example.com/ml/model-registry",
	"https://git.example.com/ml/pipelines/-/blob/main/ci.yml, CI run 4812",
	"Runbook RB-ML-07, section 3",
	"doc ML-ARCH-12 (architecture review, signed)",
	"https://grafana.example.com/d/drift?var-model=all",
	"Ticket ML-1234; postmortem PM-2026-03",
};
#define NEVIDENCE (sizeof evidence / sizeof *evidence)

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
	int64_t batch_ms;               /* when the open transaction began */
	/* per team, reused */
	double *progress, *rate;        /* by dimension */
	int *target;                    /* by dimension */
	double *u;                      /* by criterion: fixed thresholds */
	enum answer *answers, *prev;
	/* by criterion: what the assessments carry forward besides answers */
	bool *na;
	const char **comment, **evidence;
	enum origin *origin;
	struct store_bulk_crit *rows;   /* an assessment's, as written */
	/* The team's stream for comments, evidence, origins and sign-off, apart
	 * from the one that draws answers and the roadmap. */
	struct rng facts;
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

/* The quarter's answers from the team's progress: n/a where a criterion
 * does not apply to the team, some left unknown in a partial assessment. */
static void draw_answers(struct demo *d, struct rng *r, bool partial)
{
	const struct model *m = d->m;

	for (size_t c = 0; c < m->ncrits; c++) {
		d->answers[c] = d->na[c] ? ANS_NA
					 : answer_for(m, c, d->progress[m->crits[c].dim], d->u[c]);
		if (partial && m->crits[c].dim >= m->ndims / 2 && rng_unit(r) < 0.6)
			d->answers[c] = ANS_UNKNOWN;
	}
}

/* Origins, comments and evidence as a team leaves them: after its first
 * quarter every answer starts carried from the one before; a changed
 * answer is answered, and most unchanged ones are confirmed (fewer in the
 * current quarter, still under way). Comments and evidence are carried
 * forward; a changed answer makes the case anew (some with a comment, a
 * met one now and then with evidence); an n/a keeps its reason. */
static void draw_facts(struct demo *d, bool first, bool current)
{
	struct rng *x = &d->facts;
	double confirm = current ? 0.6 : 0.93;

	for (size_t c = 0; c < d->m->ncrits; c++) {
		enum answer v = d->answers[c];
		bool changed = v != d->prev[c];

		if (v == ANS_UNKNOWN)
			d->origin[c] = ORIGIN_NONE;
		else if (first || changed || rng_unit(x) < confirm)
			d->origin[c] = ORIGIN_ANSWERED;
		else
			d->origin[c] = ORIGIN_CARRIED;
		if (!changed || v == ANS_UNKNOWN || v == ANS_NA)
			continue;
		d->comment[c] = rng_unit(x) < 0.1 ? comments[rng_below(x, NCOMMENTS)] : NULL;
		d->evidence[c] = (v == ANS_YES || v == ANS_PARTLY) && rng_unit(x) < 0.25
				 ? evidence[rng_below(x, NEVIDENCE)] : NULL;
	}
}

static bool write_criteria(struct demo *d, int64_t id)
{
	const struct model *m = d->m;
	size_t n = 0;

	for (size_t c = 0; c < m->ncrits; c++) {
		struct store_bulk_crit b = { m->crits[c].id, d->answers[c], d->origin[c], d->comment[c],
					     d->evidence[c] };

		/* a criterion with nothing to say has no row */
		if (b.answer != ANS_UNKNOWN || b.comment || b.evidence)
			d->rows[n++] = b;
	}
	return store_bulk_criteria(d->st, id, d->rows, n);
}

/* A past quarter was signed off by its facilitator in the evening of the
 * day it was last changed; the current one is still open. */
static bool sign_off(struct demo *d, int64_t id, const char *by, const char *updated,
		     double coverage)
{
	char at[21], *detail;
	size_t carried = 0;
	bool ok;

	memcpy(at, updated, sizeof at);
	memcpy(at + 11, "18", 2);
	for (size_t c = 0; c < d->m->ncrits; c++)
		carried += d->origin[c] == ORIGIN_CARRIED;
	detail = xasprintf("signed off by %s: coverage %.0f%%, %zu carried (demo data)", by,
			   coverage * 100, carried);
	ok = store_bulk_sign(d->st, id, by, at) && store_bulk_audit(d->st, at, id, "sign-off", detail);
	free(detail);
	return ok;
}

static bool write_assessment(struct demo *d, struct rng *r, int64_t team_id, int period,
			     bool partial, bool first, int64_t *out_id)
{
	const struct model *m = d->m;
	bool current = period == d->p->last_period;
	struct overall_score overall;
	struct store_bulk_assessment b;
	struct store_bulk_dim bd;
	char created[21], updated[21];
	int64_t id;

	draw_answers(d, r, partial);
	draw_facts(d, first, current);
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
	stamp(r, period, current, created);
	memcpy(updated, created, sizeof created);
	updated[12] = (char)(updated[12] < '8' ? updated[12] + 1 : updated[12]); /* an hour later */

	b = (struct store_bulk_assessment){
		.team_id = team_id, .model_ref = d->model_ref, .period = period,
		.facilitator = people[rng_below(r, 6)], .created_at = created, .updated_at = updated,
		.overall = overall.score, .coverage = overall.coverage,
	};
	id = store_bulk_assessment(d->st, &b);
	if (!id || !write_criteria(d, id))
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
	if (!current && !sign_off(d, id, b.facilitator, updated, overall.coverage))
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

/* Demo data is committed in batches of about DEMO_BATCH_MS, between
 * assessments: the write lock is never held long (a facilitator's answer
 * in a dashboard on the same database waits at most that), and the -wal
 * is checkpointed as it goes instead of growing as large as the database.
 * A demo cut short leaves whole assessments, and its final audit row last. */
#define DEMO_BATCH_MS 100
#define DEMO_PAUSE_US 10000

static bool batch_point(struct demo *d)
{
	int64_t now = os_monotonic_ms();

	if (now - d->batch_ms < DEMO_BATCH_MS)
		return true;
	if (!store_commit(d->st) || !store_wal_trim(d->st))
		return false;
	/* A moment without the lock, for a writer that waits for it (the
	 * store retries every 2 ms). */
	usleep(DEMO_PAUSE_US);
	if (!store_begin(d->st))
		return false;
	d->batch_ms = os_monotonic_ms();
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
	d->facts.s = r->s ^ 0xA0761D6478BD642Full;
	for (size_t c = 0; c < m->ncrits; c++) {
		d->u[c] = rng_unit(r);
		d->prev[c] = ANS_UNKNOWN;
		d->na[c] = rng_unit(&d->facts) < 0.03;
		d->comment[c] = d->na[c] ? na_reasons[rng_below(&d->facts, NNA)] : NULL;
		d->evidence[c] = NULL;
		memset(&d->items[c], 0, sizeof d->items[c]);
		d->items[c].before_done = RM_NSTATUS;
		d->items[c].created_period = d->items[c].done_period = NO_PERIOD;
		d->owner[c] = -1;
		d->due[c] = NO_PERIOD;
	}
	for (int q = 0; q < span; q++) {
		int period = first + q;
		bool partial = q == span - 1 && index % 4 == 1;

		if (!write_assessment(d, r, team_id, period, partial, q == 0, &id) ||
		    !batch_point(d))
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
	d.batch_ms = os_monotonic_ms();
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
	d.na = xcalloc(m->ncrits, sizeof *d.na);
	d.comment = xcalloc(m->ncrits, sizeof *d.comment);
	d.evidence = xcalloc(m->ncrits, sizeof *d.evidence);
	d.origin = xcalloc(m->ncrits, sizeof *d.origin);
	d.rows = xcalloc(m->ncrits, sizeof *d.rows);
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
	free(d.na); free(d.comment); free(d.evidence); free(d.origin);
	free(d.rows);
	if (!ok) {
		store_rollback(st);
		return false;
	}
	return store_commit(st);
}
