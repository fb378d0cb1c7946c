/* Labels that can be told apart. Every label starts as the name cut at
 * the end; while some labels are equal, each member of a group of equal
 * ones moves on to what tells it apart: past the start it shares with the
 * member most like it, to the word where they differ, then into that
 * word, then to its alt (a dimension's id), then to its number. Each step
 * moves a member strictly on, so the rounds end. */
#include "label.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LABEL_ROUNDS 64

enum stage { BY_NAME, BY_ALT, BY_NUMBER };

struct work {
	const char *name, *alt; /* as one terminal line shows them; alt may be NULL */
	char *copy;             /* name and alt made so, when either had to be */
	size_t start;           /* where the part that tells it apart begins */
	enum stage stage;
};

struct sorted {
	const char *text;       /* a label, or the source of one */
	size_t i;               /* its item */
};

static const char *source(const struct work *w)
{
	return w->stage == BY_ALT ? w->alt : w->name;
}

/* Adds the longest run of whole clusters of s[0..n) that fits cols. */
static void add_head(struct strbuf *sb, const char *s, size_t n, int cols)
{
	sb_add(sb, s, text_fit(s, n, cols > 0 ? cols : 0, NULL));
}

/* The same without the spaces it ends with: before an ellipsis inside a
 * label, where a space would only take a column. */
static void add_head_trim(struct strbuf *sb, const char *s, size_t n, int cols)
{
	size_t k = text_fit(s, n, cols > 0 ? cols : 0, NULL);

	while (k > 0 && s[k - 1] == ' ')
		k--;
	sb_add(sb, s, k);
}

/* s whole when it fits (without the spaces it ends with, which no one
 * sees), else its start and the ellipsis, as ui_text cuts it. */
static void add_cut(struct strbuf *sb, const char *s, int width, const char *ell, int ew)
{
	size_t n = strlen(s);

	if (text_width(s) <= width) {
		while (n > 0 && s[n - 1] == ' ')
			n--;
		sb_add(sb, s, n);
	} else if (width > ew) {
		add_head(sb, s, n, width - ew);
		sb_adds(sb, ell);
	} else {
		add_head(sb, s, n, width);
	}
}

/* Writes into sb the label of item index at its stage: from wk->start on,
 * the part that tells it apart, after as much of its start as fits. */
static void write_one(struct strbuf *sb, const struct work *wk, size_t index, int width,
		      const char *ell, int ew)
{
	const char *s = source(wk);
	size_t n = strlen(s), start = wk->start;
	int tw;

	if (width <= 0)
		return;
	if (wk->stage == BY_NUMBER) {
		char num[24];
		int nw = snprintf(num, sizeof num, "#%zu", index + 1);

		if (nw < width) {
			add_cut(sb, s, width - nw, ell, ew);
			sb_adds(sb, num);
		} else {
			add_cut(sb, s, width, ell, ew);
		}
		return;
	}
	while (start < n && s[start] == ' ')
		start++;
	if (start == 0 || start >= n || text_width(s) <= width) {
		add_cut(sb, s, width, ell, ew);
		return;
	}
	tw = text_width(s + start);
	if (tw + ew <= width) {         /* the tail whole, after what fits of the start */
		add_head_trim(sb, s, start, width - ew - tw);
		sb_adds(sb, ell);
		add_head_trim(sb, s + start, n - start, tw);
	} else if (width > 2 * ew) {    /* the tail's start, between ellipses */
		sb_adds(sb, ell);
		add_head_trim(sb, s + start, n - start, width - 2 * ew);
		sb_adds(sb, ell);
	} else {
		add_head(sb, s + start, n - start, width);
	}
}

/* A dashboard keeps a label per team, 10,000 and more: one allocation
 * holds the labels of a label_make, each ended by its NUL, after a first
 * byte BLOCK_START. A label that follows BLOCK_START is the one label_free
 * frees; every other follows the NUL of the one before. */
#define BLOCK_START '\x01'

/* Every label into all, the offset of each in off; each item pointed at its
 * own. */
static void write_all(struct strbuf *all, size_t *off, struct label_item *items,
		      const struct work *w, size_t n, const char *ell, int ew)
{
	all->len = 0;
	sb_addc(all, BLOCK_START);
	for (size_t i = 0; i < n; i++) {
		off[i] = all->len;
		write_one(all, &w[i], i, items[i].width, ell, ew);
		sb_add(all, "", 1);
	}
	for (size_t i = 0; i < n; i++)
		items[i].label = all->s + off[i];
}

/* name and alt as one terminal line shows them: most names already are,
 * and are used as they stand rather than copied. */
static void work_init(struct work *wk, const char *name, const char *alt)
{
	char *n, *a;
	size_t nl, al;

	wk->name = name;
	wk->alt = alt;
	if (text_is_line(name) && (!alt || text_is_line(alt)))
		return;
	n = text_line(name);
	a = alt ? text_line(alt) : NULL;
	nl = strlen(n) + 1;
	al = a ? strlen(a) + 1 : 0;
	wk->copy = xmalloc(nl + al);
	memcpy(wk->copy, n, nl);
	wk->name = wk->copy;
	if (a) {
		memcpy(wk->copy + nl, a, al);
		wk->alt = wk->copy + nl;
	}
	free(n);
	free(a);
}

/* The bytes a and b share at their start, in whole clusters. */
static size_t common_start(const char *a, const char *b)
{
	size_t an = strlen(a), bn = strlen(b), at = 0;

	while (at < an && at < bn) {
		struct text_cluster ca, cb;
		size_t k = text_cluster(a + at, an - at, &ca);

		if (text_cluster(b + at, bn - at, &cb) != k || memcmp(a + at, b + at, k) != 0)
			break;
		at += k;
	}
	return at;
}

static bool is_separator(char c)
{
	return c == ' ' || c == '-' || c == '_' || c == '/' || c == '.' || c == ':';
}

/* The last start of a word after from and at most to (0 when none). */
static size_t word_start(const char *s, size_t from, size_t to)
{
	size_t n = strlen(s), best = 0;

	for (size_t i = 0; i < n && i < to;) {
		struct text_cluster c;
		size_t k = text_cluster(s + i, n - i, &c);

		if (k == 1 && is_separator(s[i]) && i + 1 > from)
			best = i + 1;
		i += k;
	}
	return best;
}

static int cmp_source(const void *a, const void *b)
{
	const struct sorted *x = a, *y = b;

	return strcmp(x->text, y->text);
}

/* Moves each member of a group of equal labels on, to where it differs
 * from the member most like it (a neighbour in the sources' order); false
 * when none moved. */
static bool advance(struct work *w, const struct sorted *g, size_t m)
{
	struct sorted *by = xcalloc(m, sizeof *by);
	bool moved = false;

	for (size_t j = 0; j < m; j++)
		by[j] = (struct sorted){ source(&w[g[j].i]), g[j].i };
	qsort(by, m, sizeof *by, cmp_source);
	for (size_t j = 0; j < m; j++) {
		struct work *wk = &w[by[j].i];
		size_t cp = j > 0 ? common_start(by[j].text, by[j - 1].text) : 0, ws;

		if (j + 1 < m) {
			size_t next = common_start(by[j].text, by[j + 1].text);

			cp = next > cp ? next : cp;
		}
		if (wk->stage == BY_NUMBER)
			continue;
		moved = true;
		ws = word_start(by[j].text, wk->start, cp);
		if (ws > wk->start) {
			wk->start = ws;
		} else if (cp > wk->start) {
			wk->start = cp;
		} else {
			wk->start = 0;
			wk->stage = wk->stage == BY_NAME && wk->alt && strcmp(wk->alt, wk->name) != 0
					    ? BY_ALT : BY_NUMBER;
		}
	}
	free(by);
	return moved;
}

static int cmp_sorted(const void *a, const void *b)
{
	const struct sorted *x = a, *y = b;
	int c = strcmp(x->text, y->text);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Sorts the labels and moves each group of equal ones on; false when
 * all differ or nothing could move. */
static bool step(struct label_item *items, struct work *w, struct sorted *s, size_t n)
{
	bool moved = false;

	for (size_t i = 0; i < n; i++)
		s[i] = (struct sorted){ items[i].label, i };
	qsort(s, n, sizeof *s, cmp_sorted);
	for (size_t i = 0; i < n;) {
		size_t m = 1;

		while (i + m < n && strcmp(s[i].text, s[i + m].text) == 0)
			m++;
		if (m > 1 && s[i].text[0] && advance(w, s + i, m))
			moved = true;
		i += m;
	}
	return moved;
}

void label_make(struct label_item *items, size_t n, const char *ellipsis)
{
	struct work *w = xcalloc(n ? n : 1, sizeof *w);
	struct sorted *s = xcalloc(n ? n : 1, sizeof *s);
	size_t *off = xcalloc(n ? n : 1, sizeof *off);
	int ew = text_width(ellipsis);
	struct strbuf all;
	char *block;

	sb_init(&all);
	for (size_t i = 0; i < n; i++)
		work_init(&w[i], items[i].name ? items[i].name : "", items[i].alt);
	write_all(&all, off, items, w, n, ellipsis, ew);
	for (int round = 0; round < LABEL_ROUNDS && step(items, w, s, n); round++)
		write_all(&all, off, items, w, n, ellipsis, ew);
	for (size_t i = 0; i < n; i++)
		free(w[i].copy);
	if (n) {
		block = xrealloc(all.s, all.len);
		for (size_t i = 0; i < n; i++)
			items[i].label = block + off[i];
	} else {
		sb_free(&all);
	}
	free(off);
	free(w);
	free(s);
}

void label_free(struct label_item *items, size_t n)
{
	/* From the end: a call's first item, which frees its block, comes
	 * after the others of that call are looked at. */
	for (size_t i = n; i-- > 0;) {
		if (items[i].label && items[i].label[-1] == BLOCK_START)
			free(items[i].label - 1);
		items[i].label = NULL;
	}
}

char **label_dims(const struct model *m, int width, const char *ellipsis)
{
	struct label_item *items = xcalloc(m->ndims ? m->ndims : 1, sizeof *items);
	char **out = xcalloc(m->ndims ? m->ndims : 1, sizeof *out);

	for (size_t d = 0; d < m->ndims; d++)
		items[d] = (struct label_item){ m->dims[d].name, m->dims[d].id, width, NULL };
	label_make(items, m->ndims, ellipsis);
	for (size_t d = 0; d < m->ndims; d++)
		out[d] = xstrdup(items[d].label);
	label_free(items, m->ndims);
	free(items);
	return out;
}

void label_strings_free(char **labels, size_t n)
{
	if (!labels)
		return;
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
}
