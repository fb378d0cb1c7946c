#include "report_data.h"
#include "report.h"
#include "period.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool report_roadmap_ranked(struct store *st, const struct assessment *latest,
			   struct roadmap_row **out, size_t *n)
{
	if (!store_roadmap_list(st, latest->team_id, true, out, n))
		return false;
	roadmap_rank(latest->model, latest->scores, *out, *n);
	return true;
}

long report_dim_in(const struct report *r, size_t d, const struct assessment *a)
{
	if (!r->model || d >= r->model->ndims)
		return -1;
	if (a->model == r->model)
		return (long)d;
	return model_find_dimension(a->model, r->model->dims[d].id);
}

double report_level_frac(const struct model *m, int level)
{
	if (m->highest <= m->lowest)
		return 1;
	if (level < m->lowest)
		level = m->lowest;
	if (level > m->highest)
		level = m->highest;
	return (double)(level - m->lowest) / (m->highest - m->lowest);
}

static size_t scheme_len(const char *s, size_t n)
{
	static const char *const schemes[] = { "https://", "http://", "mailto:" };

	for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++) {
		size_t k = strlen(schemes[i]);

		if (n > k && !strncasecmp(s, schemes[i], k))
			return k;
	}
	return 0;
}

/* A link is a word with a known scheme and nothing in it that could end
 * an attribute or a Markdown autolink. */
static bool is_link(const char *s, size_t n)
{
	if (!scheme_len(s, n))
		return false;
	for (size_t i = 0; i < n; i++)
		if (strchr("\"'<>\\`|", s[i]) || (unsigned char)s[i] < 0x21)
			return false;
	return true;
}

void report_links(const char *text, report_piece_fn fn, void *ctx)
{
	const char *p = text, *start = text;

	while (*p) {
		const char *w = p;
		size_t n, end;

		if (*p == ' ') {
			p++;
			continue;
		}
		while (*p && *p != ' ')
			p++;
		n = (size_t)(p - w);
		/* Sentence punctuation after a link is not part of it. */
		end = n;
		while (end > 0 && strchr(".,;:!?)", w[end - 1]))
			end--;
		if (!is_link(w, end))
			continue;
		if (w > start)
			fn(ctx, start, (size_t)(w - start), false);
		fn(ctx, w, end, true);
		start = w + end;
	}
	if (p > start)
		fn(ctx, start, (size_t)(p - start), false);
}

/* ---- collecting ---- */

struct cells_ctx {
	struct report *r;
};

static void on_cell(void *ctx, int period, const char *dim_id, int level, double score,
		    double gap, int target)
{
	struct report *r = ((struct cells_ctx *)ctx)->r;
	long d = model_find_dimension(r->model, dim_id);

	(void)gap;
	(void)target;
	if (d < 0)
		return;
	for (size_t i = 0; i < r->nhistory; i++) {
		if (r->history[i].period == period) {
			r->history[i].score[d] = score;
			r->history[i].level[d] = level;
		}
	}
}

/* The single team's periods up to the one shown, with its scores by
 * column dimension. */
static bool collect_history(struct store *st, struct report *r, const struct period_row *rows,
			    size_t nrows)
{
	const struct assessment *a = r->teams[0].a;
	struct cells_ctx c = { r };
	size_t nd = r->model->ndims;

	r->history = xcalloc(nrows ? nrows : 1, sizeof *r->history);
	for (size_t i = 0; i < nrows && rows[i].period <= a->period; i++) {
		struct report_period *h = &r->history[r->nhistory++];

		h->period = rows[i].period;
		h->overall = rows[i].overall;
		h->coverage = rows[i].coverage;
		h->signed_off = rows[i].signed_off;
		h->score = xcalloc(nd, sizeof *h->score);
		h->level = xcalloc(nd, sizeof *h->level);
		for (size_t d = 0; d < nd; d++) {
			h->score[d] = NAN;
			h->level[d] = -1;
		}
	}
	if (!r->nhistory)
		return true;
	return store_team_cells(st, a->team_id, r->history[0].period, a->period, on_cell, &c);
}

/* What changed in the answers since the team's assessment before, matched
 * by criterion id (the model may have changed between them). */
static void collect_answer_changes(struct report *r)
{
	const struct assessment *a = r->teams[0].a, *p = r->teams[0].prev;
	const struct model *m = a->model;
	double wsum = 0, tsum = 0;

	for (size_t d = 0; d < m->ndims; d++) {
		if (a->dims[d].target == NO_LEVEL)
			continue;
		wsum += m->dims[d].weight;
		tsum += m->dims[d].weight * a->dims[d].target;
	}
	r->has_target = wsum > 0;
	r->overall_target = wsum > 0 ? round2(tsum / wsum) : 0;
	if (!p)
		return;
	r->answer_changes = xcalloc(m->ncrits ? m->ncrits : 1, sizeof *r->answer_changes);
	for (size_t c = 0; c < m->ncrits; c++) {
		long pc = model_find_criterion(p->model, m->crits[c].id);

		if (pc < 0 || p->answers[pc] == a->answers[c])
			continue;
		r->answer_changes[r->nanswer_changes++] =
			(struct report_answer_change){ c, p->answers[pc], a->answers[c] };
	}
}

static bool collect_team(struct store *st, struct report *r, const struct team_summary *t,
			 int64_t id)
{
	struct report_team *rt = &r->teams[r->nteams];
	struct period_row *rows = NULL;
	struct roadmap_row *all = NULL;
	size_t nrows = 0, nall = 0;
	bool ok;

	memset(rt, 0, sizeof *rt);
	/* The id comes from the same snapshot: absent is a failure too. */
	if (store_assessment_load(st, id, &rt->a) <= 0)
		return false;
	r->nteams++;
	if (!r->model)
		r->model = rt->a->model;
	if (!store_team_assessments(st, t->id, &rows, &nrows))
		return false;
	ok = true;
	for (size_t i = 1; ok && i < nrows; i++) {
		if (rows[i].id != id)
			continue;
		ok = store_assessment_load(st, rows[i - 1].id, &rt->prev) > 0;
		if (ok) {
			rt->has_change = true;
			rt->change = round2(rt->a->overall.score - rt->prev->overall.score);
		}
	}
	rt->latest = id == t->latest_id;
	if (ok)
		ok = report_votes_collect(st, rt->a, &rt->votes, &rt->nvotes, &rt->any_vote);
	if (ok && rt->latest) {
		ok = report_roadmap_ranked(st, rt->a, &rt->items, &rt->nitems);
		if (ok)
			rt->blocked = roadmap_blocked_list(rt->a->model, rt->a->answers, rt->items,
							   rt->nitems);
	}
	if (ok)
		ok = store_roadmap_list(st, t->id, false, &all, &nall);
	for (size_t i = 0; ok && i < nall; i++) {
		rt->status_count[all[i].status]++;
		r->status_count[all[i].status]++;
	}
	store_roadmap_free(all, nall);
	if (ok && r->team)
		ok = collect_history(st, r, rows, nrows);
	free(rows);
	return ok;
}

static int by_move(const void *x, const void *y, void *ctx)
{
	const struct report *r = ctx;
	const struct report_team *a = &r->teams[*(const size_t *)x], *b = &r->teams[*(const size_t *)y];
	double da = fabs(a->change), db = fabs(b->change);

	if (da != db)
		return da > db ? -1 : 1;
	return strcmp(a->a->team, b->a->team);
}

/* The organisation's figures over the teams shown. */
static void summarise(struct report *r)
{
	const struct model *m = r->model;
	size_t *idx = xcalloc(r->nteams ? r->nteams : 1, sizeof *idx), n = 0;
	double so = 0, sc = 0;

	if (!m) {
		free(idx);
		return;
	}
	r->dist = xcalloc(m->ndims * (size_t)m->nlevels, sizeof *r->dist);
	for (size_t i = 0; i < r->nteams; i++) {
		const struct report_team *t = &r->teams[i];

		so += t->a->overall.score;
		sc += t->a->overall.coverage;
		for (size_t d = 0; d < m->ndims; d++) {
			long k = report_dim_in(r, d, t->a);
			int lv = k >= 0 ? t->a->scores[k].level : -1;

			if (lv >= m->lowest && lv <= m->highest)
				r->dist[d * (size_t)m->nlevels + (size_t)(lv - m->lowest)]++;
		}
		if (t->has_change && t->change != 0)
			idx[n++] = i;
	}
	r->mean_overall = r->nteams ? round2(so / (double)r->nteams) : 0;
	r->mean_coverage = r->nteams ? round2(sc / (double)r->nteams) : 0;
	/* Insertion sort: qsort has no context argument in C11. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && by_move(&idx[j], &idx[j - 1], r) < 0; j--) {
			size_t x = idx[j];

			idx[j] = idx[j - 1];
			idx[j - 1] = x;
		}
	for (size_t i = 0; i < n && i < REPORT_MOVERS; i++)
		r->movers[r->nmovers++] = idx[i];
	free(idx);
}

static bool collect(struct store *st, struct report *r)
{
	struct team_summary *teams;
	int *periods;
	size_t n, np;
	bool ok = true;

	if (!store_team_list(st, &teams, &n))
		return false;
	r->teams = xcalloc(n ? n : 1, sizeof *r->teams);
	for (size_t i = 0; ok && i < n; i++) {
		int64_t id = teams[i].latest_id;

		if (r->team && strcmp(teams[i].name, r->team) != 0)
			continue;
		if (r->period != NO_PERIOD && store_assessment_find(st, teams[i].id, r->period, &id) < 0)
			ok = false;
		else if (id)
			ok = collect_team(st, r, &teams[i], id);
	}
	store_team_list_free(teams, n);
	/* After the teams: a bad value is then named with its assessment. */
	ok = ok && store_periods(st, &periods, &np);
	if (ok) {
		r->nperiods = np;
		r->first_period = np ? periods[0] : NO_PERIOD;
		r->last_period = np ? periods[np - 1] : NO_PERIOD;
		free(periods);
	}
	if (ok && r->team && r->nteams)
		collect_answer_changes(r);
	if (ok)
		summarise(r);
	return ok;
}

/* Every query reads the same snapshot: a dashboard saving meanwhile
 * cannot make the report mix states or fail half-way. */
bool report_collect(struct store *st, const char *team, int period, struct report *r)
{
	memset(r, 0, sizeof *r);
	r->team = team;
	r->period = period;
	r->current = period_current();
	if (!store_read_begin(st))
		return false;
	if (!collect(st, r)) {
		/* After a failure SQLite may have ended the transaction itself
		 * (a damaged page): rolling back keeps the message. */
		store_rollback(st);
		report_free(r);
		return false;
	}
	if (!store_read_end(st)) {
		report_free(r);
		return false;
	}
	return true;
}

void report_free(struct report *r)
{
	for (size_t i = 0; i < r->nteams; i++) {
		struct report_team *t = &r->teams[i];

		report_votes_free(t->votes, t->nvotes);
		roadmap_blocked_free(t->blocked, t->nitems);
		store_roadmap_free(t->items, t->nitems);
		assessment_free(t->prev);
		assessment_free(t->a);
	}
	free(r->teams);
	for (size_t i = 0; i < r->nhistory; i++) {
		free(r->history[i].score);
		free(r->history[i].level);
	}
	free(r->history);
	free(r->dist);
	free(r->answer_changes);
	memset(r, 0, sizeof *r);
}

void report_put_period(FILE *out, int period)
{
	char p[PERIOD_LEN];

	if (period == NO_PERIOD) {
		fputs("-", out);
		return;
	}
	period_format(period, p);
	fputs(p, out);
}

void report_put_state(FILE *out, const struct assessment *a, void (*esc)(FILE *, const char *))
{
	if (a->signed_by) {
		fputs("signed off by ", out);
		esc(out, a->signed_by);
		fprintf(out, " at %s", a->signed_at);
	} else {
		fputs("open (not signed off)", out);
	}
}
