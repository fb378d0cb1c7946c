#include "team_list.h"
#include "arena.h"
#include "find.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Archived teams leave the list unless asked for. */
static void drop_archived(struct team_list *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->nall; i++) {
		if (l->all[i].archived && !l->archived)
			continue;
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

/* The store lists names in byte order, which is often the locale's too:
 * one look along the list then spares the sort. */
static bool sorted(const struct team_list *l)
{
	for (size_t i = 1; i < l->nall; i++)
		if (cmp_name(&l->all[i - 1], &l->all[i]) > 0)
			return false;
	return true;
}

/* The teams shown borrow from all: a copy only while a filter is on. */
static void drop_shown(struct team_list *l)
{
	if (l->teams != l->all)
		free(l->teams);
	free(l->from);
	l->teams = NULL;
	l->from = NULL;
	l->n = 0;
}

static void free_all(struct team_list *l)
{
	drop_shown(l);
	for (size_t i = 0; l->folded && i < l->nall; i++)
		free(l->folded[i]);
	free(l->folded);
	l->folded = NULL;
	free(l->all);
	arena_free(l->names);
	l->names = NULL;
	l->all = NULL;
	l->nall = 0;
}

/* The teams shown again after the list or the filter changed. */
static void show(struct team_list *l)
{
	char *f;

	drop_shown(l);
	if (!l->filter) {
		l->teams = l->all;
		l->n = l->nall;
		return;
	}
	/* The names folded once per load, not at every key typed (find_in
	 * is strstr in the folded name). */
	if (!l->folded) {
		l->folded = xcalloc(l->nall ? l->nall : 1, sizeof *l->folded);
		for (size_t i = 0; i < l->nall; i++)
			l->folded[i] = find_fold(l->all[i].name);
	}
	f = find_fold(l->filter);
	l->teams = xcalloc(l->nall ? l->nall : 1, sizeof *l->teams);
	l->from = xcalloc(l->nall ? l->nall : 1, sizeof *l->from);
	for (size_t i = 0; i < l->nall; i++)
		if (strstr(l->folded[i], f)) {
			l->from[l->n] = i;
			l->teams[l->n++] = l->all[i];
		}
	free(f);
}

bool team_list_load(struct team_list *l, struct store *st)
{
	bool ok;

	free_all(l);
	ok = store_team_names(st, &l->all, &l->nall, &l->names);
	drop_archived(l);
	if (!sorted(l))
		qsort(l->all, l->nall, sizeof *l->all, cmp_name);
	show(l);
	return ok;
}

/* Shown team k read again from the store, in both lists. */
static int read_one(struct team_list *l, struct store *st, size_t k)
{
	struct team_summary t;
	int r = store_team_one(st, l->teams[k].id, &t);

	if (r <= 0)
		return r;
	/* The name and archiving are the organisation's: they change only
	 * with a load of the whole list, which keeps the order. */
	free(t.name);
	t.name = l->teams[k].name;
	t.archived = l->teams[k].archived;
	l->teams[k] = t;
	if (l->from)
		l->all[l->from[k]] = t;
	return 1;
}

int team_list_fill(struct team_list *l, struct store *st, size_t from, size_t n)
{
	int r = 1;

	/* A row that cannot be read is not asked for again at every frame
	 * (it shows no results), and the rows after it are still read. */
	for (size_t k = from; k < l->n && k < from + n; k++) {
		int one = l->teams[k].loaded ? 1 : read_one(l, st, k);

		if (one <= 0) {
			l->teams[k].loaded = true;
			l->teams[k].unreadable = one < 0;
			if (l->from)
				l->all[l->from[k]] = l->teams[k];
		}
		r = one < r ? one : r;
	}
	return r;
}

bool team_list_forget(struct team_list *l, int64_t id)
{
	size_t i;

	for (i = 0; i < l->nall && l->all[i].id != id; i++)
		;
	if (i == l->nall)
		return false;
	l->all[i].loaded = false;
	if (l->teams != l->all)
		for (size_t k = 0; k < l->n; k++)
			if (l->teams[k].id == id)
				l->teams[k].loaded = false;
	return true;
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
	free(l->filter);
	memset(l, 0, sizeof *l);
}
