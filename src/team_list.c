#include "team_list.h"
#include "find.h"
#include "store_view.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

struct team_ref {
	int64_t id;
	size_t i;               /* in the list */
};

static int cmp_ref(const void *a, const void *b)
{
	const struct team_ref *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

struct trends_ctx {
	struct team_list *l;
	struct team_ref *by_id;         /* the list in id order, as trends come */
	size_t next;
};

static void on_trend(void *ctx, int64_t team_id, const double *scores, size_t n)
{
	struct trends_ctx *c = ctx;
	struct team_list *l = c->l;

	while (c->next < l->nall && c->by_id[c->next].id < team_id)
		c->next++;
	if (c->next == l->nall || c->by_id[c->next].id != team_id)
		return;
	memcpy(l->spark_all[c->by_id[c->next].i], scores, n * sizeof *scores);
	l->nspark_all[c->by_id[c->next].i] = (int)n;
}

/* Every team's sparkline in one query. */
static bool load_trends(struct team_list *l, struct store *st)
{
	struct trends_ctx c = { l, xcalloc(l->nall ? l->nall : 1, sizeof *c.by_id), 0 };
	bool ok;

	for (size_t i = 0; i < l->nall; i++)
		c.by_id[i] = (struct team_ref){ l->all[i].id, i };
	qsort(c.by_id, l->nall, sizeof *c.by_id, cmp_ref);
	ok = !l->nall || store_view_trends(st, TEAM_LIST_SPARK, on_trend, &c);
	free(c.by_id);
	return ok;
}

/* Archived teams leave the list unless asked for. */
static void drop_archived(struct team_list *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->nall; i++) {
		if (l->all[i].archived && !l->archived) {
			free(l->all[i].name);
			continue;
		}
		l->all[n++] = l->all[i];
	}
	l->nall = n;
}

/* By name as the user's locale orders them, the same names by id. */
static int cmp_name(const void *a, const void *b)
{
	const struct team_summary *x = a, *y = b;
	int c = find_collate(x->name, y->name);

	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static void free_all(struct team_list *l)
{
	store_team_list_free(l->all, l->nall);
	free(l->spark_all);
	free(l->nspark_all);
	l->all = NULL;
	l->spark_all = NULL;
	l->nspark_all = NULL;
	l->nall = 0;
}

/* The teams shown again after the list or the filter changed. */
static void show(struct team_list *l)
{
	char *f = l->filter ? find_fold(l->filter) : NULL;
	size_t room = l->nall ? l->nall : 1;

	free(l->teams);
	free(l->spark);
	free(l->nspark);
	l->teams = xcalloc(room, sizeof *l->teams);
	l->spark = xcalloc(room, sizeof *l->spark);
	l->nspark = xcalloc(room, sizeof *l->nspark);
	l->n = 0;
	for (size_t i = 0; i < l->nall; i++) {
		if (f && !find_in(l->all[i].name, f))
			continue;
		l->teams[l->n] = l->all[i];
		memcpy(l->spark[l->n], l->spark_all[i], sizeof *l->spark);
		l->nspark[l->n++] = l->nspark_all[i];
	}
	free(f);
}

bool team_list_load(struct team_list *l, struct store *st)
{
	bool ok;

	free_all(l);
	ok = store_team_list(st, &l->all, &l->nall);
	drop_archived(l);
	if (l->nall)
		qsort(l->all, l->nall, sizeof *l->all, cmp_name);
	l->spark_all = xcalloc(l->nall ? l->nall : 1, sizeof *l->spark_all);
	l->nspark_all = xcalloc(l->nall ? l->nall : 1, sizeof *l->nspark_all);
	ok = ok && load_trends(l, st);
	show(l);
	return ok;
}

void team_list_filter(struct team_list *l, const char *text)
{
	free(l->filter);
	l->filter = text && text[0] ? xstrdup(text) : NULL;
	show(l);
}

size_t team_list_find(const struct team_list *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->teams[i].id == id)
			return i;
	return SIZE_MAX;
}

void team_list_free(struct team_list *l)
{
	free_all(l);
	free(l->teams);
	free(l->spark);
	free(l->nspark);
	free(l->filter);
	memset(l, 0, sizeof *l);
}
