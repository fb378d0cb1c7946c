/* The references view (CONTRACT section 3): every reference the model's
 * criteria cite, grouped by the standard it belongs to, with the criteria
 * citing it and how many of them an assessment meets (yes or n/a). Core
 * code: the dashboard's view and the report both show it. */
#ifndef MLMAT_REFS_H
#define MLMAT_REFS_H

#include "model.h"
#include "score.h"

#include <stddef.h>

struct ref_item {
	const char *ref;        /* the model's text */
	size_t *crits;          /* the criteria citing it, in model order */
	size_t ncrits;
	int met;                /* of them answered yes or n/a */
};

struct ref_group {
	char *prefix;           /* the standard: "EU AI Act", "GDPR", ... */
	struct ref_item *items; /* in natural order: Art. 9 before Art. 10 */
	size_t nitems;
	int met, total;         /* over its items' criteria, each counted once */
};

struct ref_view {
	struct ref_group *groups;       /* by prefix */
	size_t ngroups;
};

/* The standard a reference belongs to: its words up to the first that
 * names a clause ("Art.", "Article", "Annex", "Clause", "Section", "§") or
 * starts with a digit, a standard's number with a year ("42001:2023")
 * staying part of it: "EU AI Act Art. 12" -> "EU AI Act", "HIPAA 45 CFR
 * 164.312" -> "HIPAA", "ISO/IEC 42001:2023 A.6" -> "ISO/IEC 42001:2023".
 * Caller frees. */
char *ref_prefix(const char *ref);
/* Compares texts with their digit runs as numbers. */
int ref_compare(const char *a, const char *b);
/* Builds the view of m with answers (by criterion; NULL: nothing met). */
void refs_build(const struct model *m, const enum answer *answers, struct ref_view *out);
void refs_free(struct ref_view *v);

#endif
