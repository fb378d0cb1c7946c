/* The dashboard's undo (CONTRACT section 5): the changes made in this
 * dashboard, newest on top, each with the value it replaced. Undoing puts
 * that value back through the store's normal setters, so an undo is a new
 * audited change, refused like any other on a signed-off assessment. The
 * stack holds ids, not pointers: an undo loads what it changes afresh. */
#ifndef MLMAT_UNDO_H
#define MLMAT_UNDO_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UNDO_DEPTH 32           /* the contract asks for at least 20 */

enum undo_kind {
	UNDO_ANSWER, UNDO_COMMENT, UNDO_EVIDENCE,       /* of a criterion */
	UNDO_TARGET, UNDO_OVERRIDE, UNDO_NOTES,         /* of a dimension */
	UNDO_RM_STATUS, UNDO_RM_OWNER, UNDO_RM_DUE,     /* of a roadmap item */
};

/* One change and the value before it. */
struct undo_entry {
	enum undo_kind kind;
	int64_t id;             /* the assessment; the team for a roadmap item */
	size_t index;           /* the criterion or dimension in the model */
	char *crit_id;          /* a roadmap item's criterion */
	int value;              /* answer, level, status or due period */
	enum origin origin;     /* an answer's origin */
	char *text;             /* comment, evidence, override reason, notes, owner */
};

struct undo {
	struct undo_entry e[UNDO_DEPTH];
	size_t n;
};

void undo_free(struct undo *u);

/* Before a change to assessment a: the value it is about to replace
 * (index: the criterion for an answer, comment or evidence, else the
 * dimension). After it, undo_record keeps that entry when the change went
 * through (ok) and the value differs now, and frees it otherwise. The
 * oldest entry goes when the stack is full. */
struct undo_entry undo_capture(const struct assessment *a, enum undo_kind k, size_t index);
void undo_record(struct undo *u, struct undo_entry *e, const struct assessment *a, bool ok);
/* A roadmap item's status or due period (before), or owner (before_text),
 * just changed by a successful edit. */
void undo_record_roadmap(struct undo *u, enum undo_kind k, int64_t team_id,
			 const char *crit_id, int before, const char *before_text);

enum undo_result { UNDO_EMPTY, UNDO_DONE, UNDO_FAILED };
/* Undoes the newest change: UNDO_DONE with what it did in msg ("exp-shared-
 * tracker yes -> no"); UNDO_FAILED keeps the entry (a signed-off
 * assessment may be reopened and the undo tried again) and store_error
 * says why. */
enum undo_result undo_last(struct undo *u, struct store *st, char *msg, size_t msgsz);

#endif
