#include "roadmap.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const status_names[RM_NSTATUS] = { "planned", "in-progress", "done", "dropped" };

const char *rm_status_name(enum rm_status s)
{
	return (unsigned)s < RM_NSTATUS ? status_names[s] : "planned";
}

bool rm_status_parse(const char *s, enum rm_status *out)
{
	for (int i = 0; i < RM_NSTATUS; i++) {
		if (!strcmp(s, status_names[i])) {
			*out = (enum rm_status)i;
			return true;
		}
	}
	return false;
}

bool roadmap_in_gap(const struct model *m, size_t c, enum answer a, int level, int target)
{
	int top = target > level + 1 ? target : level + 1;
	int l = m->crits[c].level;

	return (a == ANS_NO || a == ANS_PARTLY) && l >= level + 1 && l <= top;
}

bool roadmap_on_answer(struct rm_item *it, enum answer old, enum answer now, int latest_period)
{
	if (!it->exists || old == now)
		return false;
	if (now == ANS_YES) {
		if (it->status != RM_DONE)
			it->before_done = it->status;
		else if (it->done_period == latest_period)
			return false;
		it->status = RM_DONE;
		it->done_period = latest_period;
		return true;
	}
	if (old == ANS_YES) {
		it->status = it->before_done < RM_NSTATUS && it->before_done != RM_DONE
			     ? it->before_done : RM_PLANNED;
		it->before_done = RM_NSTATUS;
		it->done_period = NO_PERIOD;
		return true;
	}
	return false;
}

void roadmap_set_status(struct rm_item *it, enum rm_status s, int latest_period)
{
	it->status = s;
	it->before_done = RM_NSTATUS;
	it->done_period = s == RM_DONE ? latest_period : NO_PERIOD;
}

struct ranked {
	struct roadmap_row row;
	double weight;
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight < y->weight ? 1 : -1;
	return (x->row.ord > y->row.ord) - (x->row.ord < y->row.ord);
}

/* Whether the row's criterion requires criterion id. */
static bool requires_id(const struct model *m, const struct roadmap_row *row, const char *id)
{
	long c = model_find_criterion(m, row->criterion_id);

	for (size_t j = 0; c >= 0 && j < m->crits[c].nrequires; j++)
		if (!strcmp(m->crits[m->crits[c].requires[j]].id, id))
			return true;
	return false;
}

/* Moves each row after the rows of the criteria it requires, keeping the
 * order otherwise. Requires has no cycles (the loader refuses them), so
 * each row moves at most once per row it requires. */
static void after_prerequisites(const struct model *m, struct roadmap_row *rows, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t last = i;

		for (size_t j = i + 1; j < n; j++)
			if (requires_id(m, &rows[i], rows[j].criterion_id))
				last = j;
		if (last == i) {
			i++;
			continue;
		}
		struct roadmap_row moved = rows[i];

		memmove(&rows[i], &rows[i + 1], (last - i) * sizeof *rows);
		rows[last] = moved;
	}
}

void roadmap_rank(const struct model *m, const struct dim_score *scores,
		  struct roadmap_row *rows, size_t n)
{
	struct ranked *r;

	if (n < 2)
		return;
	r = xcalloc(n, sizeof *r);
	for (size_t i = 0; i < n; i++) {
		long d = model_find_dimension(m, rows[i].dimension_id);

		r[i].row = rows[i];
		r[i].weight = d < 0 ? 0 : scores[d].gap * m->dims[d].weight;
	}
	qsort(r, n, sizeof *r, cmp_ranked);
	for (size_t i = 0; i < n; i++)
		rows[i] = r[i].row;
	free(r);
	after_prerequisites(m, rows, n);
}

size_t roadmap_blockers(const struct model *m, const enum answer *answers, size_t crit,
			size_t *out)
{
	const struct criterion *c = &m->crits[crit];
	size_t n = 0;

	for (size_t j = 0; j < c->nrequires; j++) {
		enum answer a = answers[c->requires[j]];

		if (a != ANS_YES && a != ANS_NA)
			out[n++] = c->requires[j];
	}
	return n;
}

/* "a, b": the ids of the criteria that block crit, or NULL for none. */
static char *blocked_text(const struct model *m, const enum answer *answers, size_t crit)
{
	size_t *out, n, len = 1;
	char *t;

	if (!m->crits[crit].nrequires)
		return NULL;
	out = xcalloc(m->crits[crit].nrequires, sizeof *out);
	n = roadmap_blockers(m, answers, crit, out);
	for (size_t i = 0; i < n; i++)
		len += strlen(m->crits[out[i]].id) + 2;
	t = n ? xcalloc(len, 1) : NULL;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(t, ", ");
		strcat(t, m->crits[out[i]].id);
	}
	free(out);
	return t;
}

char **roadmap_blocked_list(const struct model *m, const enum answer *answers,
			    const struct roadmap_row *rows, size_t n)
{
	char **b;

	if (!n)
		return NULL;
	b = xcalloc(n, sizeof *b);
	for (size_t i = 0; i < n && m && answers; i++) {
		long c = model_find_criterion(m, rows[i].criterion_id);

		if (c >= 0 && (rows[i].status == RM_PLANNED || rows[i].status == RM_IN_PROGRESS))
			b[i] = blocked_text(m, answers, (size_t)c);
	}
	return b;
}

void roadmap_blocked_free(char **blocked, size_t n)
{
	for (size_t i = 0; blocked && i < n; i++)
		free(blocked[i]);
	free(blocked);
}
