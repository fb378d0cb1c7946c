#include "names.h"
#include "find.h"
#include "text.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The name folded like a search (find_fold), without its spaces. */
char *name_fold(const char *name)
{
	char *out = find_fold(name), *o = out;

	for (const char *i = out; *i; i++)
		if (*i != ' ')
			*o++ = *i;
	*o = '\0';
	return out;
}

/* The text's characters as code points; *n their number. */
static unsigned *code_points(const char *s, size_t *n)
{
	size_t len = strlen(s);
	unsigned *cps = xcalloc(len + 1, sizeof *cps);

	*n = 0;
	for (size_t i = 0; i < len;)
		i += utf8_decode(s + i, len - i, &cps[(*n)++]);
	return cps;
}

size_t name_distance(const char *a, const char *b, size_t limit)
{
	size_t na, nb, *row, best = 0;
	unsigned *x = code_points(a, &na), *y = code_points(b, &nb);

	if ((na > nb ? na - nb : nb - na) > limit) {
		free(x);
		free(y);
		return limit + 1;
	}
	/* One row of the Wagner-Fischer table at a time. */
	row = xcalloc(nb + 1, sizeof *row);
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];

		row[0] = i;
		best = row[0];
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j], v = diag + (x[i - 1] != y[j - 1]);

			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			diag = up;
			row[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			break;
	}
	best = best > limit ? limit + 1 : (row[nb] > limit ? limit + 1 : row[nb]);
	free(row);
	free(x);
	free(y);
	return best;
}

bool name_close(const char *typed, const char *existing)
{
	char *a, *b;
	size_t na;
	bool close;

	if (!strcmp(typed, existing))
		return false;
	a = name_fold(typed);
	b = name_fold(existing);
	na = strlen(a);
	close = !strcmp(a, b) || (na >= 3 && strlen(b) >= 3 && name_distance(a, b, 2) <= 2);
	free(a);
	free(b);
	return close;
}
