/* The assessment's search: `/` finds the criteria whose id, text, comment
 * or evidence hold a text, across every dimension, as it is typed; `>` and
 * `<` (Ctrl-N, Ctrl-P) go to the next and previous one, round the ends. */
#include "assess.h"
#include "find.h"
#include "findbar.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

size_t assess_find_all(const struct assess *as, const char *folded, struct assess_hit **out)
{
	const struct assessment *a = as->v.a;
	const struct model *m = a->model;
	size_t *order = xcalloc(m->ncrits + 1, sizeof *order), n = 0;

	*out = xcalloc(m->ncrits + 1, sizeof **out);
	for (size_t d = 0; d < m->ndims; d++) {
		size_t k = assess_order(m, d, order);

		for (size_t i = 0; i < k; i++) {
			size_t c = order[i];

			if (find_in(m->crits[c].id, folded) || find_in(m->crits[c].text, folded) ||
			    find_in(a->crits[c].comment, folded) || find_in(a->crits[c].evidence, folded))
				(*out)[n++] = (struct assess_hit){ d, i };
		}
	}
	free(order);
	return n;
}

/* <0, 0, >0 as hit h stands before, at or after (dim, pos). */
static int hit_cmp(const struct assess_hit *h, size_t dim, size_t pos)
{
	if (h->dim != dim)
		return h->dim < dim ? -1 : 1;
	return (h->pos > pos) - (h->pos < pos);
}

size_t assess_hit_next(const struct assess_hit *hits, size_t n, size_t dim, size_t pos, int dir,
		       bool *wrapped)
{
	*wrapped = false;
	if (dir < 0) {
		for (size_t i = n; i-- > 0;)
			if (hit_cmp(&hits[i], dim, pos) < 0)
				return i;
		*wrapped = true;
		return n - 1;
	}
	for (size_t i = 0; i < n; i++)
		if (hit_cmp(&hits[i], dim, pos) >= dir)
			return i;
	*wrapped = true;
	return 0;
}

/* Where `/` was pressed: the search starts there, and Esc goes back. */
struct search {
	struct assess *as;
	size_t dim, pos;
};

/* Goes to the criterion found for text nearest (dim, pos) in direction
 * dir (as assess_hit_next), which is *k (from 1) of the n it returns; with
 * none, moves nothing and returns 0. */
static size_t go_to_hit(struct assess *as, const char *text, size_t dim, size_t pos, int dir,
			size_t *k, bool *wrapped)
{
	char *folded = find_fold(text);
	struct assess_hit *hits;
	size_t n = assess_find_all(as, folded, &hits);

	*k = 0;
	*wrapped = false;
	if (n) {
		*k = assess_hit_next(hits, n, dim, pos, dir, wrapped);
		assess_go_to(as, hits[*k].dim, hits[*k].pos);
		++*k;
	}
	free(hits);
	free(folded);
	return n;
}

static void on_find(struct app *app, void *ctx, const char *text, char *info, size_t size)
{
	struct search *f = ctx;
	size_t n = 0, k;
	bool wrapped;

	(void)app;
	info[0] = '\0';
	if (text[0] && (n = go_to_hit(f->as, text, f->dim, f->pos, 0, &k, &wrapped)))
		snprintf(info, size, "match %zu of %zu", k, n);
	else if (text[0])
		snprintf(info, size, "no match");
	if (!n)
		assess_go_to(f->as, f->dim, f->pos);
}

void assess_find(struct app *app, struct assess *as)
{
	struct search f = { as, as->dim, as->sel };
	char *text = findbar_run(app, as->find, on_find, &f);
	size_t n, k;
	bool wrapped;

	free(as->find);
	as->find = NULL;
	if (!text || !text[0]) {
		assess_go_to(as, f.dim, f.pos);
		free(text);
		return;
	}
	as->find = text;
	if ((n = go_to_hit(as, text, f.dim, f.pos, 0, &k, &wrapped)))
		app_message(app, false, "Match %zu of %zu for \"%s\": > or Ctrl-N next, < or Ctrl-P "
			    "previous.", k, n, text);
	else
		app_message(app, false, "No match for \"%s\" in criterion texts, comments or "
			    "evidence.", text);
}

void assess_find_step(struct app *app, struct assess *as, int dir)
{
	size_t n, k;
	bool wrapped;

	if (!as->find) {
		app_message(app, false, "Nothing to find yet: / searches criterion texts, comments "
			    "and evidence.");
		return;
	}
	n = go_to_hit(as, as->find, as->dim, as->sel, dir, &k, &wrapped);
	if (!n)
		app_message(app, false, "No match for \"%s\".", as->find);
	else if (wrapped)
		app_message(app, false, "Search went round the %s: match %zu of %zu for \"%s\".",
			    dir > 0 ? "end" : "start", k, n, as->find);
	else
		app_message(app, false, "Match %zu of %zu for \"%s\".", k, n, as->find);
}
