/* The report's votes that disagreed (report_votes.h). */
#include "report_votes.h"
#include "store_vote.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static const enum answer order[] = { ANS_YES, ANS_PARTLY, ANS_NO, ANS_NA };

/* One round's votes as they come (the rows are by criterion, then round). */
struct round_acc {
	const struct assessment *a;
	FILE *out;
	bool ascii, any_revealed, any_disagreed;
	char *crit;
	int round;
	bool revealed;
	size_t count[ANS_COUNT];
	struct strbuf who[ANS_COUNT];
};

static void put_text(FILE *out, const char *s, bool ascii)
{
	char *p = text_printable(s ? s : "", ascii);

	fputs(p, out);
	free(p);
}

static void flush(struct round_acc *r)
{
	size_t kinds = 0;
	long c;

	for (size_t i = 0; i < ANS_COUNT; i++)
		kinds += r->count[i] > 0;
	if (r->crit && r->revealed && kinds > 1) {
		if (!r->any_disagreed)
			fputs("\nVotes that disagreed:\n", r->out);
		r->any_disagreed = true;
		fputs("  ", r->out);
		put_text(r->out, r->crit, r->ascii);
		fprintf(r->out, ", round %d:", r->round);
		for (size_t k = 0, n = 0; k < sizeof order / sizeof *order; k++) {
			if (!r->count[order[k]])
				continue;
			fprintf(r->out, "%s %s %zu (", n++ ? "," : "", answer_name(order[k]),
				r->count[order[k]]);
			put_text(r->out, r->who[order[k]].s, r->ascii);
			putc(')', r->out);
		}
		putc('\n', r->out);
		c = model_find_criterion(r->a->model, r->crit);
		if (c >= 0) {
			fputs("    ", r->out);
			put_text(r->out, r->a->model->crits[c].text, r->ascii);
			putc('\n', r->out);
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
	if (!r->crit || strcmp(r->crit, crit) != 0 || r->round != round) {
		flush(r);
		r->crit = xstrdup(crit ? crit : "");
		r->round = round;
		r->revealed = revealed;
	}
	r->any_revealed |= revealed;
	r->count[v]++;
	sb_printf(&r->who[v], "%s%s", r->who[v].len ? ", " : "", user ? user : "");
}

bool report_votes(struct store *st, const struct assessment *a, bool ascii, FILE *out)
{
	struct round_acc r = { .a = a, .out = out, .ascii = ascii };
	bool ok;

	for (size_t i = 0; i < ANS_COUNT; i++)
		sb_init(&r.who[i]);
	ok = store_vote_each(st, a->id, NULL, on_vote, &r);
	flush(&r);
	for (size_t i = 0; i < ANS_COUNT; i++)
		sb_free(&r.who[i]);
	if (ok && r.any_revealed && !r.any_disagreed)
		fputs("\nVotes that disagreed:\n  none\n", out);
	return ok;
}
