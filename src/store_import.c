/* Imported answers, written through the store's statements inside the
 * import's one transaction. */
#include "store_import.h"
#include "store_int.h"
#include "osutil.h"
#include "period.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static int64_t team_id(struct store *st, const char *team, const char *now)
{
	sqlite3_stmt *s = store_stmt(st, S_TEAM_FIND);
	int64_t id = 0;

	if (!s)
		return 0;
	sqlite3_bind_text(s, 1, team, -1, SQLITE_TRANSIENT);
	if (store_lookup_id(st, s, "cannot find the team", &id) != 0)
		return id;
	if (!(s = store_stmt(st, S_TEAM_INSERT)))
		return 0;
	sqlite3_bind_text(s, 1, team, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	if (!store_step_done(st, s, "cannot create the team"))
		return 0;
	return sqlite3_last_insert_rowid(st->db);
}

/* Every dimension gets its row (the answers export lists them) and the
 * assessment its scores, as an empty one has them. */
static bool write_scores(struct store *st, int64_t id, const char *now)
{
	struct assessment *a;
	bool ok;

	if (store_assessment_load(st, id, &a) <= 0)
		return false;
	store_rescore(a);
	ok = store_touch(st, a, now);
	for (size_t d = 0; ok && d < a->model->ndims; d++)
		ok = store_write_dim(st, a, d, now);
	assessment_free(a);
	return ok;
}

int64_t store_import_create(struct store *st, const char *team, int period,
			    const struct model *m, const char *facilitator, const char *source)
{
	char now[21], p[PERIOD_LEN], *detail;
	int64_t ref = store_model_ref(st, m), tid, id;
	sqlite3_stmt *s;
	bool ok;

	time_iso_now(now);
	if (!ref || !(tid = team_id(st, team, now)) || !(s = store_stmt(st, S_ASSESS_INSERT)))
		return 0;
	sqlite3_bind_int64(s, 1, tid);
	store_bind_period(s, 2, period);
	sqlite3_bind_int64(s, 3, ref);
	sqlite3_bind_text(s, 4, facilitator, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(s, 7, 0);
	sqlite3_bind_double(s, 8, 0);
	if (!store_step_done(st, s, "cannot create the assessment"))
		return 0;
	id = sqlite3_last_insert_rowid(st->db);
	period_format(period, p);
	detail = xasprintf("team %s period %s facilitator %s, imported from %s", team, p,
			   facilitator, source);
	ok = store_audit(st, id, "create", detail) && write_scores(st, id, now);
	free(detail);
	return ok ? id : 0;
}

static bool put_answer(struct store *st, const struct assessment *a, const char *crit,
		       enum answer v)
{
	sqlite3_stmt *s = store_stmt(st, S_ANSWER_SET);

	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, a->id);
	sqlite3_bind_text(s, 2, crit, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, (int)v);
	sqlite3_bind_text(s, 4, origin_name(ORIGIN_ANSWERED), -1, SQLITE_STATIC);
	return store_step_done(st, s, "cannot save the answer");
}

static bool put_text(struct store *st, const struct assessment *a, const char *crit,
		     enum crit_text which, const char *text)
{
	sqlite3_stmt *s = store_stmt(st, which == CRIT_COMMENT ? S_CRIT_COMMENT : S_CRIT_EVIDENCE);

	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, a->id);
	sqlite3_bind_text(s, 2, crit, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 3, text);
	return store_step_done(st, s, "cannot save the criterion's text");
}

/* A changed answer in the team's latest assessment moves its roadmap item
 * as the dashboard's answer would. */
static bool move_item(struct store *st, const struct assessment *a, const char *crit,
		      enum answer old, enum answer now)
{
	struct rm_item it;
	enum rm_status before;
	char *detail;
	bool ok;

	if (store_rm_get(st, a->team_id, crit, &it) < 0)
		return false;
	before = it.status;
	if (!roadmap_on_answer(&it, old, now, a->period))
		return true;
	detail = xasprintf("%s: %s -> %s (answer %s, imported)", crit, rm_status_name(before),
			   rm_status_name(it.status), answer_name(now));
	ok = store_rm_put_status(st, a->team_id, crit, &it) &&
	     store_audit(st, a->id, "roadmap-status", detail);
	free(detail);
	return ok;
}

static void set_text(char **slot, const char *text)
{
	free(*slot);
	*slot = xstrdup(text);
}

static bool apply_one(struct store *st, struct assessment *a, const struct store_import_change *c,
		      bool latest)
{
	const char *id = a->model->crits[c->crit].id;
	enum answer old = a->answers[c->crit];

	if (c->answer != ANS_UNKNOWN) {
		if (!put_answer(st, a, id, c->answer) ||
		    (latest && old != c->answer && !move_item(st, a, id, old, c->answer)))
			return false;
		a->answers[c->crit] = c->answer;
		a->crits[c->crit].origin = ORIGIN_ANSWERED;
	}
	if (c->comment) {
		if (!put_text(st, a, id, CRIT_COMMENT, c->comment))
			return false;
		set_text(&a->crits[c->crit].comment, c->comment);
	}
	if (c->evidence) {
		if (!put_text(st, a, id, CRIT_EVIDENCE, c->evidence))
			return false;
		set_text(&a->crits[c->crit].evidence, c->evidence);
	}
	return true;
}

bool store_import_apply(struct store *st, struct assessment *a,
			const struct store_import_change *ch, size_t n, const char *detail)
{
	bool *touched = xcalloc(a->model->ndims, sizeof *touched), ok = true;
	char now[21];
	int latest = store_is_latest(st, a);

	time_iso_now(now);
	if (latest < 0)
		ok = false;
	for (size_t i = 0; ok && i < n; i++) {
		ok = apply_one(st, a, &ch[i], latest);
		touched[a->model->crits[ch[i].crit].dim] = true;
	}
	if (ok)
		store_rescore(a);
	for (size_t d = 0; ok && d < a->model->ndims; d++) {
		if (!touched[d])
			continue;
		memcpy(a->dims[d].updated_at, now, sizeof now);
		ok = store_write_dim(st, a, d, now) && (!latest || store_rm_sync_dim(st, a, d));
	}
	free(touched);
	return ok && store_touch(st, a, now) && store_audit(st, a->id, "import", detail);
}
