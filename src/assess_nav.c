/* The assessment screen's place: the order its criteria are listed in,
 * the selection, and moving it (by a key, or on after an answer); and what
 * the dimension's level and criteria need explained, prepared once per
 * change for the drawing to read. */
#include "assess.h"
#include "xalloc.h"

#include <stdlib.h>

size_t assess_order(const struct model *m, size_t dim, size_t *out)
{
	const struct dimension *d = &m->dims[dim];
	size_t n = 0;

	for (int l = m->lowest + 1; l <= m->highest; l++)
		for (size_t c = d->first; c < d->first + d->ncrit; c++)
			if (m->crits[c].level == l)
				out[n++] = c;
	return n;
}

void assess_build_order(struct assess *as)
{
	const struct model *m = as->v.a->model;

	free(as->order);
	as->order = xcalloc(m->dims[as->dim].ncrit + 1, sizeof *as->order);
	as->norder = assess_order(m, as->dim, as->order);
	if (as->sel >= as->norder)
		as->sel = as->norder ? as->norder - 1 : 0;
}

/* Explains the dimension's level once per change, not once per frame. */
/* The prerequisites of criterion ci with their answers, and whether each
 * is met (yes or n/a), as drawn under it; NULL when it requires nothing.
 * Caller frees. */
static char *prereq_text(const struct assessment *a, size_t ci)
{
	const struct criterion *c = &a->model->crits[ci];
	char *t = NULL;

	for (size_t j = 0; j < c->nrequires; j++) {
		size_t r = c->requires[j];
		enum answer v = a->answers[r];
		char *next = xasprintf("%s%s%s %s (%s)", t ? t : "", t ? ", " : "",
				       a->model->crits[r].id, answer_name(v),
				       v == ANS_YES || v == ANS_NA ? "met" : "not met");

		free(t);
		t = next;
	}
	return t;
}

void assess_explain_free(struct assess *as)
{
	for (size_t i = 0; i < as->nprereq; i++)
		free(as->prereq[i]);
	free(as->prereq);
	as->prereq = NULL;
	as->nprereq = 0;
	free(as->why);
	as->why = NULL;
}

void assess_explain(struct assess *as)
{
	const struct assessment *a = as->v.a;

	assess_explain_free(as);
	as->why = score_explain(a->model, as->dim, a->answers, &a->scores[as->dim]);
	as->prereq = xcalloc(as->norder ? as->norder : 1, sizeof *as->prereq);
	as->nprereq = as->norder;
	for (size_t i = 0; i < as->norder; i++)
		as->prereq[i] = prereq_text(a, as->order[i]);
}

long assess_selected(const struct assess *as)
{
	return as->norder ? (long)as->order[as->sel] : -1;
}

void assess_go_to(struct assess *as, size_t dim, size_t sel)
{
	if (dim != as->dim) {
		as->dim = dim;
		as->top_line = 0;
		assess_build_order(as);
		assess_explain(as);
	}
	as->sel = sel < as->norder ? sel : 0;
}

bool assess_step(struct assess *as)
{
	if (as->sel + 1 < as->norder)
		as->sel++;
	else if (as->dim + 1 < as->v.a->model->ndims)
		assess_go_to(as, as->dim + 1, 0);
	else
		return false;
	return true;
}
