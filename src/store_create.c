/* Making an assessment: the team-name rule, and a new assessment started
 * from a copy of the team's latest earlier one (carry-forward). */
#include "store_int.h"
#include "xalloc.h"
#include "period.h"
#include "text.h"
#include "osutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool copy_previous(struct store *st, struct assessment *a, int64_t prev_id)
{
	struct assessment *prev;
	sqlite3_stmt *s;

	if (store_assessment_load(st, prev_id, &prev) <= 0)
		return false;
	s = store_stmt(st, S_ANSWERS_COPY);
	if (!s) {
		assessment_free(prev);
		return false;
	}
	sqlite3_bind_int64(s, 1, a->id);
	sqlite3_bind_int64(s, 2, prev_id);
	sqlite3_bind_int64(s, 3, a->model_ref);
	if (!store_step_done(st, s, "cannot copy answers") || !store_load_state(st, a)) {
		assessment_free(prev);
		return false;
	}
	/* Targets, overrides and notes follow by dimension id, within the
	 * levels the new model has. */
	for (size_t d = 0; d < prev->model->ndims; d++) {
		long nd = model_find_dimension(a->model, prev->model->dims[d].id);
		const struct dim_state *from = &prev->dims[d];
		struct dim_state *to;

		if (nd < 0)
			continue;
		to = &a->dims[nd];
		if (from->target != NO_LEVEL && model_level(a->model, from->target))
			to->target = from->target;
		if (from->override_level != NO_LEVEL && model_level(a->model, from->override_level)) {
			to->override_level = from->override_level;
			to->override_reason = from->override_reason ? xstrdup(from->override_reason) : NULL;
		}
		to->notes = from->notes ? xstrdup(from->notes) : NULL;
	}
	assessment_free(prev);
	return true;
}

bool store_team_name_clean(const char *in, char out[TEAM_NAME_BYTES], const char **why)
{
	const char *start = in, *end = in + strlen(in);
	size_t chars = 0;

	while (start < end && *start == ' ')
		start++;
	while (end > start && end[-1] == ' ')
		end--;
	if (start == end) {
		*why = "a team name cannot be empty";
		return false;
	}
	for (const char *p = start; p < end;) {
		unsigned cp;
		size_t k = utf8_decode(p, (size_t)(end - p), &cp);

		if (cp == 0xFFFD && k == 1) {
			*why = "a team name must be valid UTF-8";
			return false;
		}
		if (text_is_control(cp)) {
			*why = "a team name cannot hold control characters";
			return false;
		}
		p += k;
		if (++chars > TEAM_NAME_MAX) {
			*why = "a team name is at most 80 characters";
			return false;
		}
	}
	memcpy(out, start, (size_t)(end - start));
	out[end - start] = '\0';
	return true;
}

int64_t store_assessment_begin(struct store *st, const char *team, int period,
			       const char *facilitator, const struct model *m, bool *created)
{
	sqlite3_stmt *s;
	int64_t team_id = 0, id = 0, prev = 0, ref;
	struct assessment *a = NULL;
	char now[21], pbuf[PERIOD_LEN], clean[TEAM_NAME_BYTES];
	const char *why;

	*created = false;
	if (!store_team_name_clean(team, clean, &why)) {
		store_fail(st, "%s", why);
		return 0;
	}
	team = clean;
	ref = store_model_ref(st, m);
	if (!ref || !store_begin(st))
		return 0;
	time_iso_now(now);
	if (!(s = store_stmt(st, S_TEAM_FIND)))
		goto fail;
	sqlite3_bind_text(s, 1, team, -1, SQLITE_TRANSIENT);
	if (store_lookup_id(st, s, "cannot find the team", &team_id) < 0)
		goto fail;
	if (!team_id) {
		if (!(s = store_stmt(st, S_TEAM_INSERT)))
			goto fail;
		sqlite3_bind_text(s, 1, team, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
		if (!store_step_done(st, s, "cannot create the team"))
			goto fail;
		team_id = sqlite3_last_insert_rowid(st->db);
	} else {
		if (!(s = store_stmt(st, S_ASSESS_FIND)))
			goto fail;
		sqlite3_bind_int64(s, 1, team_id);
		store_bind_period(s, 2, period);
		if (store_lookup_id(st, s, "cannot find the assessment", &id) < 0)
			goto fail;
		if (id) {
			store_rollback(st);
			return id;
		}
		if (!(s = store_stmt(st, S_ASSESS_PREV)))
			goto fail;
		sqlite3_bind_int64(s, 1, team_id);
		store_bind_period(s, 2, period);
		if (store_lookup_id(st, s, "cannot find the previous assessment", &prev) < 0)
			goto fail;
	}
	if (!(s = store_stmt(st, S_ASSESS_INSERT)))
		goto fail;
	sqlite3_bind_int64(s, 1, team_id);
	store_bind_period(s, 2, period);
	sqlite3_bind_int64(s, 3, ref);
	sqlite3_bind_text(s, 4, facilitator, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(s, 7, 0);
	sqlite3_bind_double(s, 8, 0);
	if (!store_step_done(st, s, "cannot create the assessment"))
		goto fail;
	id = sqlite3_last_insert_rowid(st->db);
	if (store_assessment_load(st, id, &a) <= 0 || (prev && !copy_previous(st, a, prev)))
		goto fail;
	store_rescore(a);
	for (size_t d = 0; d < a->model->ndims; d++)
		if (!store_write_dim(st, a, d, now))
			goto fail;
	if (!store_touch(st, a, now))
		goto fail;
	period_format(period, pbuf);
	{
		char *detail = prev ? xasprintf("team %s period %s facilitator %s, from assessment %lld",
						team, pbuf, facilitator, (long long)prev)
				    : xasprintf("team %s period %s facilitator %s", team, pbuf, facilitator);
		bool ok = store_audit(st, id, "create", detail);

		free(detail);
		if (!ok)
			goto fail;
	}
	switch (store_is_latest(st, a)) {
	case 1:
		for (size_t d = 0; d < a->model->ndims; d++)
			if (!store_rm_sync_dim(st, a, d))
				goto fail;
		break;
	case -1:
		goto fail;
	}
	if (!store_commit(st))
		goto fail_nocommit;
	assessment_free(a);
	*created = true;
	return id;
fail:
	store_rollback(st);
fail_nocommit:
	assessment_free(a);
	return 0;
}
