/* Short labels that can be told apart: names cut to a width in terminal
 * columns, where two cut names that would look the same keep what tells
 * them apart instead of their shared start. */
#ifndef MLMAT_LABEL_H
#define MLMAT_LABEL_H

#include <stddef.h>

#include "model.h"

struct label_item {
	const char *name;       /* what to show */
	const char *alt;        /* shown instead when names alone cannot be told
				 * apart (a dimension's id); may be NULL */
	int width;              /* columns the label may take */
	char *label;            /* out: as one terminal line shows it */
};

/* Labels items[0..n), each at most its width (text_width) and drawn as
 * it stands (text_line): the name when it fits, else cut with ellipsis at
 * the end; cut names that collide keep the part where they differ after as
 * much of their start as fits ("Platform Eng…North", "…Security"), then
 * fall back to alt, then to their number in the list ("Build…#3"). Labels
 * differ whenever the widths leave room for it. */
void label_make(struct label_item *items, size_t n, const char *ellipsis);
/* Frees the labels of the items of whole label_make calls. */
void label_free(struct label_item *items, size_t n);

/* The model's dimension names as labels of width columns (ids as alt);
 * free with label_strings_free(labels, m->ndims). */
char **label_dims(const struct model *m, int width, const char *ellipsis);
void label_strings_free(char **labels, size_t n);

#endif
