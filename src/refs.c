#include "refs.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool clause_word(const char *w, size_t n)
{
	static const char *const words[] = { "Art.", "Art", "Article", "Annex", "Clause",
					     "Section", "Sec.", "\xc2\xa7" };

	if (isdigit((unsigned char)w[0]) && !memchr(w, ':', n))
		return true;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i]) == n && !strncmp(w, words[i], n))
			return true;
	return false;
}

char *ref_prefix(const char *ref)
{
	const char *p = ref, *end = ref;

	while (*p) {
		const char *w = p;

		while (*p && *p != ' ')
			p++;
		if (w != ref && clause_word(w, (size_t)(p - w)))
			break;
		end = p;
		/* A standard's number with its year ends the name. */
		if (isdigit((unsigned char)w[0]) && memchr(w, ':', (size_t)(p - w)))
			break;
		while (*p == ' ')
			p++;
	}
	return xstrndup(ref, (size_t)(end - ref));
}

int ref_compare(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			const char *x = a, *y = b;

			while (*x == '0')
				x++;
			while (*y == '0')
				y++;
			size_t nx = strspn(x, "0123456789"), ny = strspn(y, "0123456789");
			int c = nx != ny ? (nx < ny ? -1 : 1) : strncmp(x, y, nx);

			if (c)
				return c;
			a = x + nx;
			b = y + ny;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

static struct ref_group *group_of(struct ref_view *v, const char *ref)
{
	char *prefix = ref_prefix(ref);

	for (size_t i = 0; i < v->ngroups; i++)
		if (!strcmp(v->groups[i].prefix, prefix)) {
			free(prefix);
			return &v->groups[i];
		}
	v->groups = xrealloc(v->groups, (v->ngroups + 1) * sizeof *v->groups);
	v->groups[v->ngroups] = (struct ref_group){ .prefix = prefix };
	return &v->groups[v->ngroups++];
}

static struct ref_item *item_of(struct ref_group *g, const char *ref)
{
	for (size_t i = 0; i < g->nitems; i++)
		if (!strcmp(g->items[i].ref, ref))
			return &g->items[i];
	g->items = xrealloc(g->items, (g->nitems + 1) * sizeof *g->items);
	g->items[g->nitems] = (struct ref_item){ .ref = ref };
	return &g->items[g->nitems++];
}

static int cmp_group(const void *a, const void *b)
{
	return ref_compare(((const struct ref_group *)a)->prefix, ((const struct ref_group *)b)->prefix);
}

static int cmp_item(const void *a, const void *b)
{
	return ref_compare(((const struct ref_item *)a)->ref, ((const struct ref_item *)b)->ref);
}

static bool met(const enum answer *answers, size_t c)
{
	return answers && (answers[c] == ANS_YES || answers[c] == ANS_NA);
}

void refs_build(const struct model *m, const enum answer *answers, struct ref_view *out)
{
	memset(out, 0, sizeof *out);
	for (size_t c = 0; c < m->ncrits; c++) {
		for (size_t j = 0; j < m->crits[c].nrefs; j++) {
			struct ref_item *it = item_of(group_of(out, m->crits[c].refs[j]), m->crits[c].refs[j]);

			it->crits = xrealloc(it->crits, (it->ncrits + 1) * sizeof *it->crits);
			it->crits[it->ncrits++] = c;
			it->met += met(answers, c);
		}
	}
	/* qsort wants a valid pointer even for no elements (UBSan says so):
	 * a model that cites nothing has no array at all. */
	if (out->ngroups)
		qsort(out->groups, out->ngroups, sizeof *out->groups, cmp_group);
	for (size_t i = 0; i < out->ngroups; i++) {
		struct ref_group *g = &out->groups[i];

		qsort(g->items, g->nitems, sizeof *g->items, cmp_item);
		/* A criterion citing two clauses of one standard counts once. */
		for (size_t c = 0; c < m->ncrits; c++) {
			bool cites = false;

			for (size_t k = 0; !cites && k < g->nitems; k++)
				for (size_t j = 0; !cites && j < g->items[k].ncrits; j++)
					cites = g->items[k].crits[j] == c;
			g->total += cites;
			g->met += cites && met(answers, c);
		}
	}
}

void refs_free(struct ref_view *v)
{
	for (size_t i = 0; i < v->ngroups; i++) {
		for (size_t k = 0; k < v->groups[i].nitems; k++)
			free(v->groups[i].items[k].crits);
		free(v->groups[i].items);
		free(v->groups[i].prefix);
	}
	free(v->groups);
	memset(v, 0, sizeof *v);
}
