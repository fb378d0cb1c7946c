/* The dashboard's undo stack: entries captured before each change, kept
 * once it went through, and put back through the store's setters. */
#include "undo.h"
#include "period.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void entry_free(struct undo_entry *e)
{
	free(e->crit_id);
	free(e->text);
	memset(e, 0, sizeof *e);
}

void undo_free(struct undo *u)
{
	for (size_t i = 0; i < u->n; i++)
		entry_free(&u->e[i]);
	u->n = 0;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

static bool same_text(const char *x, const char *y)
{
	return !strcmp(x ? x : "", y ? y : "");
}

struct undo_entry undo_capture(const struct assessment *a, enum undo_kind k, size_t index)
{
	struct undo_entry e = { .kind = k, .id = a->id, .index = index };

	switch (k) {
	case UNDO_ANSWER:
		e.value = (int)a->answers[index];
		e.origin = a->crits[index].origin;
		break;
	case UNDO_COMMENT:
		e.text = dup_or_null(a->crits[index].comment);
		break;
	case UNDO_EVIDENCE:
		e.text = dup_or_null(a->crits[index].evidence);
		break;
	case UNDO_TARGET:
		e.value = a->dims[index].target;
		break;
	case UNDO_OVERRIDE:
		e.value = a->dims[index].override_level;
		e.text = dup_or_null(a->dims[index].override_reason);
		break;
	case UNDO_NOTES:
		e.text = dup_or_null(a->dims[index].notes);
		break;
	default:
		break;
	}
	return e;
}

/* Whether the value e holds is still the one a has. */
static bool unchanged(const struct undo_entry *e, const struct assessment *a)
{
	size_t i = e->index;

	switch (e->kind) {
	case UNDO_ANSWER:
		return e->value == (int)a->answers[i] && e->origin == a->crits[i].origin;
	case UNDO_COMMENT:
		return same_text(e->text, a->crits[i].comment);
	case UNDO_EVIDENCE:
		return same_text(e->text, a->crits[i].evidence);
	case UNDO_TARGET:
		return e->value == a->dims[i].target;
	case UNDO_OVERRIDE:
		return e->value == a->dims[i].override_level &&
		       same_text(e->text, a->dims[i].override_reason);
	case UNDO_NOTES:
		return same_text(e->text, a->dims[i].notes);
	default:
		return false;
	}
}

static void push(struct undo *u, struct undo_entry *e)
{
	if (u->n == UNDO_DEPTH) {
		entry_free(&u->e[0]);
		memmove(u->e, u->e + 1, (UNDO_DEPTH - 1) * sizeof *u->e);
		u->n--;
	}
	u->e[u->n++] = *e;
	memset(e, 0, sizeof *e);
}

void undo_record(struct undo *u, struct undo_entry *e, const struct assessment *a, bool ok)
{
	if (ok && !unchanged(e, a))
		push(u, e);
	else
		entry_free(e);
}

void undo_record_roadmap(struct undo *u, enum undo_kind k, int64_t team_id,
			 const char *crit_id, int before, const char *before_text)
{
	struct undo_entry e = { .kind = k, .id = team_id, .crit_id = xstrdup(crit_id),
				.value = before, .text = dup_or_null(before_text) };

	push(u, &e);
}

static void level_text(int level, char buf[16])
{
	if (level == NO_LEVEL)
		snprintf(buf, 16, "none");
	else
		snprintf(buf, 16, "%d", level);
}

/* Puts back a change to an assessment; msg says what. */
static bool undo_assessment(struct store *st, const struct undo_entry *e, char *msg, size_t msgsz)
{
	struct assessment *a;
	const char *crit, *dim;
	char from[16], to[16];
	bool ok = false;

	if (store_assessment_load(st, e->id, &a) <= 0)
		return false;
	crit = e->index < a->model->ncrits ? a->model->crits[e->index].id : "";
	dim = e->index < a->model->ndims ? a->model->dims[e->index].id : "";
	switch (e->kind) {
	case UNDO_ANSWER:
		snprintf(msg, msgsz, "%s %s -> %s%s", crit, answer_name(a->answers[e->index]),
			 answer_name((enum answer)e->value),
			 e->origin == ORIGIN_CARRIED ? " (carried)" : "");
		ok = store_restore_answer(st, a, e->index, (enum answer)e->value, e->origin);
		break;
	case UNDO_COMMENT:
	case UNDO_EVIDENCE:
		snprintf(msg, msgsz, "%s %s %s", crit, e->kind == UNDO_COMMENT ? "comment" : "evidence",
			 e->text ? "put back" : "removed");
		ok = store_set_crit_text(st, a, e->index,
					 e->kind == UNDO_COMMENT ? CRIT_COMMENT : CRIT_EVIDENCE, e->text);
		break;
	case UNDO_TARGET:
		level_text(a->dims[e->index].target, from);
		level_text(e->value, to);
		snprintf(msg, msgsz, "%s target %s -> %s", dim, from, to);
		ok = store_set_target(st, a, e->index, e->value);
		break;
	case UNDO_OVERRIDE:
		level_text(a->dims[e->index].override_level, from);
		level_text(e->value, to);
		snprintf(msg, msgsz, "%s override %s -> %s", dim, from, to);
		ok = store_set_override(st, a, e->index, e->value, e->text);
		break;
	case UNDO_NOTES:
		snprintf(msg, msgsz, "%s notes %s", dim, e->text ? "put back" : "removed");
		ok = store_set_notes(st, a, e->index, e->text);
		break;
	default:
		break;
	}
	assessment_free(a);
	return ok;
}

static bool undo_roadmap(struct store *st, const struct undo_entry *e, char *msg, size_t msgsz)
{
	char p[PERIOD_LEN] = "none";

	switch (e->kind) {
	case UNDO_RM_STATUS:
		snprintf(msg, msgsz, "%s status back to %s", e->crit_id,
			 rm_status_name((enum rm_status)e->value));
		return store_roadmap_set_status(st, e->id, e->crit_id, (enum rm_status)e->value);
	case UNDO_RM_OWNER:
		snprintf(msg, msgsz, "%s owner back to %s", e->crit_id, e->text ? e->text : "none");
		return store_roadmap_set_owner(st, e->id, e->crit_id, e->text);
	case UNDO_RM_DUE:
		if (e->value != NO_PERIOD)
			period_format(e->value, p);
		snprintf(msg, msgsz, "%s due back to %s", e->crit_id, p);
		return store_roadmap_set_due(st, e->id, e->crit_id, e->value);
	default:
		return false;
	}
}

enum undo_result undo_last(struct undo *u, struct store *st, char *msg, size_t msgsz)
{
	struct undo_entry *e;
	bool ok;

	if (!u->n)
		return UNDO_EMPTY;
	e = &u->e[u->n - 1];
	ok = e->kind >= UNDO_RM_STATUS ? undo_roadmap(st, e, msg, msgsz)
				       : undo_assessment(st, e, msg, msgsz);
	if (!ok)
		return UNDO_FAILED;
	entry_free(e);
	u->n--;
	return UNDO_DONE;
}
