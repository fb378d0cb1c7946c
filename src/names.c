#include "names.h"
#include "text.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Latin-1 Supplement and Latin Extended-A letters without their accents,
 * from U+00C0; '\0' where a character has no plain letter. */
static const char plain[] =
	"aaaaaaaceeeeiiii" "dnooooo\0ouuuuyts"     /* U+00C0-U+00DF */
	"aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty"     /* U+00E0-U+00FF */
	"aaaaaaccccccccdd" "ddeeeeeeeeeegggg"      /* U+0100-U+011F */
	"gggghhhhiiiiiiii" "iiiijjkkklllllll"      /* U+0120-U+013F */
	"lllnnnnnnnnnoooo" "oooorrrrrrssssss"      /* U+0140-U+015F */
	"ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";     /* U+0160-U+017F */

/* One character folded into out (ASCII lower case, an accent dropped),
 * nothing for a space. */
static void fold_char(unsigned cp, const char *src, size_t len, char **out)
{
	if (cp == ' ' || cp == '\t' || cp == 0xA0)
		return;
	if (cp < 0x80) {
		*(*out)++ = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return;
	}
	if (cp >= 0xC0 && cp <= 0x17F && plain[cp - 0xC0]) {
		*(*out)++ = plain[cp - 0xC0];
		return;
	}
	memcpy(*out, src, len);
	*out += len;
}

char *name_fold(const char *name)
{
	size_t n = strlen(name);
	char *out = xmalloc(n + 1), *o = out;

	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode(name + i, n - i, &cp);

		fold_char(cp, name + i, k, &o);
		i += k;
	}
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
