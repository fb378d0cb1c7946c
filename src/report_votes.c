/* The report's votes that disagreed (report_votes.h). */
#include "report_votes.h"
#include "store_vote.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

const enum answer report_vote_order[4] = { ANS_YES, ANS_PARTLY, ANS_NO, ANS_NA };

/* One round's votes as they come (the rows are by criterion, then round). */
struct round_acc {
	const struct assessment *a;
	struct report_disagreement *out;
	size_t n, cap;
	bool any_revealed;
	char *crit;
	int round;
	bool revealed;
	size_t count[ANS_COUNT];
	struct strbuf who[ANS_COUNT];
};

static void flush(struct round_acc *r)
{
	size_t kinds = 0;
	long c = r->crit ? model_find_criterion(r->a->model, r->crit) : -1;

	for (size_t i = 0; i < ANS_COUNT; i++)
		kinds += r->count[i] > 0;
	if (c >= 0 && r->revealed && kinds > 1) {
		struct report_disagreement *d;

		r->out = xgrow(r->out, &r->cap, r->n + 1, sizeof *r->out);
		d = &r->out[r->n++];
		memset(d, 0, sizeof *d);
		d->crit = (size_t)c;
		d->round = r->round;
		for (size_t i = 0; i < ANS_COUNT; i++) {
			d->count[i] = r->count[i];
			d->who[i] = r->count[i] ? xstrdup(r->who[i].s ? r->who[i].s : "") : NULL;
		}
	}
	free(r->crit);
	r->crit = NULL;
	for (size_t i = 0; i < ANS_COUNT; i++) {
		r->count[i] = 0;
		sb_free(&r->who[i]);
		sb_init(&r->who[i]);
	}
}

static void on_vote(void *ctx, const char *crit, int round, const char *user, enum answer v,
		    const char *at, bool revealed)
{
	struct round_acc *r = ctx;

	(void)at;
	if (!r->crit || strcmp(r->crit, crit ? crit : "") != 0 || r->round != round) {
		flush(r);
		r->crit = xstrdup(crit ? crit : "");
		r->round = round;
		r->revealed = revealed;
	}
	r->any_revealed |= revealed;
	r->count[v]++;
	sb_printf(&r->who[v], "%s%s", r->who[v].len ? ", " : "", user ? user : "");
}

bool report_votes_collect(struct store *st, const struct assessment *a,
			  struct report_disagreement **out, size_t *n, bool *any_revealed)
{
	struct round_acc r = { .a = a };
	bool ok;

	for (size_t i = 0; i < ANS_COUNT; i++)
		sb_init(&r.who[i]);
	ok = store_vote_each(st, a->id, NULL, on_vote, &r);
	flush(&r);
	for (size_t i = 0; i < ANS_COUNT; i++)
		sb_free(&r.who[i]);
	if (!ok) {
		report_votes_free(r.out, r.n);
		r.out = NULL;
		r.n = 0;
	}
	*out = r.out;
	*n = r.n;
	*any_revealed = r.any_revealed;
	return ok;
}

void report_votes_free(struct report_disagreement *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < ANS_COUNT; k++)
			free(d[i].who[k]);
	free(d);
}
