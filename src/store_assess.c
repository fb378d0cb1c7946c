/* Reading an assessment (its answers, criterion texts, dimension state and
 * sign-off) and the rows shared by the modules that change it. */
#include "store_int.h"
#include "xalloc.h"
#include "period.h"
#include "text.h"
#include "osutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void assessment_free(struct assessment *a)
{
	if (!a)
		return;
	if (a->dims) {
		for (size_t i = 0; i < a->model->ndims; i++) {
			free(a->dims[i].override_reason);
			free(a->dims[i].notes);
		}
	}
	if (a->crits) {
		for (size_t i = 0; i < a->model->ncrits; i++) {
			free(a->crits[i].comment);
			free(a->crits[i].evidence);
		}
	}
	free(a->crits);
	free(a->signed_by);
	free(a->dims);
	free(a->answers);
	free(a->scores);
	free(a->team);
	free(a->facilitator);
	free(a);
}

static void bind_level(sqlite3_stmt *s, int i, int level)
{
	if (level == NO_LEVEL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int(s, i, level);
}

void store_rescore(struct assessment *a)
{
	const struct model *m = a->model;

	for (size_t d = 0; d < m->ndims; d++) {
		struct dim_input in = { a->dims[d].target, a->dims[d].override_level };

		score_dimension(m, d, a->answers, &in, &a->scores[d]);
	}
	score_overall(m, a->scores, &a->overall);
}

/* The error for a value of a's rows that the model does not allow. */
static bool bad_value(struct store *st, const struct assessment *a, const char *why)
{
	char p[PERIOD_LEN];

	period_format(a->period, p);
	return store_bad_value(st, a->id, a->team, p, why);
}

const char *origin_name(enum origin o)
{
	return o == ORIGIN_CARRIED ? "carried" : o == ORIGIN_ANSWERED ? "answered" : "";
}

size_t assessment_carried(const struct assessment *a, long dim)
{
	const struct model *m = a->model;
	size_t from = dim < 0 ? 0 : m->dims[dim].first;
	size_t to = dim < 0 ? m->ncrits : from + m->dims[dim].ncrit;
	size_t n = 0;

	for (size_t c = from; c < to; c++)
		n += a->answers[c] != ANS_UNKNOWN && a->crits[c].origin == ORIGIN_CARRIED;
	return n;
}

static bool same_column(sqlite3_stmt *s, int i, const char *v)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	return t && v && !strcmp(t, v);
}

/* The sign-off as the database holds it now, once the row is known to be
 * still this assessment. */
static bool load_sign_off(struct store *st, struct assessment *a)
{
	sqlite3_stmt *s = store_stmt(st, S_ASSESS_STATE);
	const char *at;
	int rc;

	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, a->id);
	rc = store_step_row(st, s, "cannot read the assessment");
	if (rc == 0)
		store_fail(st, "assessment %lld does not exist", (long long)a->id);
	if (rc <= 0)
		return false;
	/* Another assessment under this id: a restore (or a database copied
	 * over this one) put another history in. Its state must not be read
	 * into this one, nor this one's changes written into it. */
	if (store_column_period(s, 2) != a->period || !same_column(s, 3, a->model->sha256) ||
	    !same_column(s, 4, a->created_at)) {
		sqlite3_reset(s);
		return store_fail(st, "assessment %lld is another one now (the database was restored): "
				  "open it again from home", (long long)a->id);
	}
	free(a->signed_by);
	a->signed_by = store_column_dup(s, 0);
	at = (const char *)sqlite3_column_text(s, 1);
	snprintf(a->signed_at, sizeof a->signed_at, "%s", a->signed_by && at ? at : "");
	sqlite3_reset(s);
	return true;
}

/* An answer row's origin: 'carried', 'answered', or NULL (an unknown
 * answer has none; an answer with none counts as answered). */
static bool column_origin(sqlite3_stmt *s, int i, enum answer v, enum origin *o,
			  char why[STORE_WHY])
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	*o = v == ANS_UNKNOWN ? ORIGIN_NONE : ORIGIN_ANSWERED;
	if (!t)
		return true;
	if (!strcmp(t, "carried")) {
		if (v != ANS_UNKNOWN)
			*o = ORIGIN_CARRIED;
		return true;
	}
	if (!strcmp(t, "answered"))
		return true;
	snprintf(why, STORE_WHY, "answer origin '%.40s' is neither carried nor answered", t);
	return false;
}

/* Reads answers and dimension rows into a. A row the model does not allow
 * (a criterion or dimension it does not have, a level outside its levels,
 * an answer code that is no answer) is an error naming the assessment. */
bool store_load_state(struct store *st, struct assessment *a)
{
	const struct model *m = a->model;
	sqlite3_stmt *s;
	char why[STORE_WHY];
	int rc;

	/* First: an assessment that is not this one any more keeps what it
	 * showed. */
	if (!load_sign_off(st, a))
		return false;
	memset(a->answers, 0, m->ncrits * sizeof *a->answers);
	for (size_t c = 0; c < m->ncrits; c++) {
		free(a->crits[c].comment);
		free(a->crits[c].evidence);
		memset(&a->crits[c], 0, sizeof a->crits[c]);
	}
	for (size_t d = 0; d < m->ndims; d++) {
		free(a->dims[d].override_reason);
		free(a->dims[d].notes);
		memset(&a->dims[d], 0, sizeof a->dims[d]);
		a->dims[d].target = a->dims[d].override_level = NO_LEVEL;
		memcpy(a->dims[d].updated_at, a->created_at, sizeof a->created_at);
	}
	s = store_stmt(st, S_ANSWERS_GET);
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, a->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id;
		long c;
		enum answer v;
		char ans[STORE_WHY];

		if (!store_column_text(s, 0, "the criterion id of an answer", false, &id, why))
			goto bad;
		if (!store_column_answer(s, 1, &v, ans)) {
			snprintf(why, sizeof why, "criterion '%.40s': %.100s", id, ans);
			goto bad;
		}
		c = model_find_criterion(m, id);
		if (c < 0) {
			snprintf(why, sizeof why, "an answer to criterion '%.40s', which model %.40s %.20s "
				 "does not have", id, m->id, m->version);
			goto bad;
		}
		a->answers[c] = v;
		if (!column_origin(s, 4, v, &a->crits[c].origin, why)) {
			snprintf(ans, sizeof ans, "%s", why);
			snprintf(why, sizeof why, "criterion '%.40s': %.100s", id, ans);
			goto bad;
		}
		a->crits[c].comment = store_column_dup(s, 2);
		a->crits[c].evidence = store_column_dup(s, 3);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail_db(st, "cannot read answers");
	s = store_stmt(st, S_DIMS_GET);
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, a->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id, *upd;
		long d;

		if (!store_column_text(s, 0, "the dimension id of a dimension row", false, &id, why))
			goto bad;
		d = model_find_dimension(m, id);
		if (d < 0) {
			snprintf(why, sizeof why, "a row for dimension '%.40s', which model %.40s %.20s "
				 "does not have", id, m->id, m->version);
			goto bad;
		}
		if (!store_column_level(s, 1, m, "target", true, &a->dims[d].target, why) ||
		    !store_column_level(s, 2, m, "override level", true, &a->dims[d].override_level, why))
			goto bad;
		a->dims[d].override_reason = store_column_dup(s, 3);
		a->dims[d].notes = store_column_dup(s, 4);
		upd = (const char *)sqlite3_column_text(s, 5);
		if (upd)
			snprintf(a->dims[d].updated_at, sizeof a->dims[d].updated_at, "%s", upd);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail_db(st, "cannot read dimensions");
	store_rescore(a);
	return true;
bad:
	sqlite3_reset(s);
	return bad_value(st, a, why);
}

int store_assessment_load(struct store *st, int64_t id, struct assessment **out)
{
	sqlite3_stmt *s = store_stmt(st, S_ASSESS_GET);
	struct assessment *a;
	const char *txt;
	int rc;

	*out = NULL;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = store_step_row(st, s, "cannot read the assessment");
	if (rc <= 0) {
		if (rc == 0)
			store_fail(st, "assessment %lld does not exist", (long long)id);
		return rc;
	}
	a = xcalloc(1, sizeof *a);
	a->id = id;
	a->team_id = sqlite3_column_int64(s, 0);
	a->team = store_column_dup(s, 1);
	a->model_ref = sqlite3_column_int64(s, 3);
	a->facilitator = store_column_dup(s, 4);
	{
		char why[STORE_WHY];
		const char *t;

		if (!store_column_text(s, 1, "the team name", false, &t, why) ||
		    !store_column_text(s, 4, "the facilitator", false, &t, why) ||
		    !store_column_period_ok(s, 2, "period", false, &a->period, why)) {
			txt = (const char *)sqlite3_column_text(s, 2);
			store_bad_value(st, id, a->team, txt, why);
			sqlite3_reset(s);
			free(a->team);
			free(a->facilitator);
			free(a);
			return -1;
		}
	}
	txt = (const char *)sqlite3_column_text(s, 5);
	snprintf(a->created_at, sizeof a->created_at, "%s", txt ? txt : "");
	txt = (const char *)sqlite3_column_text(s, 6);
	snprintf(a->updated_at, sizeof a->updated_at, "%s", txt ? txt : "");
	sqlite3_reset(s);
	/* The assessment is there: a model missing under it is damage, an
	 * error, not an absent assessment. */
	if (store_model_get(st, a->model_ref, &a->model) <= 0) {
		free(a->team);
		free(a->facilitator);
		free(a);
		return -1;
	}
	a->answers = xcalloc(a->model->ncrits, sizeof *a->answers);
	a->crits = xcalloc(a->model->ncrits, sizeof *a->crits);
	a->dims = xcalloc(a->model->ndims, sizeof *a->dims);
	a->scores = xcalloc(a->model->ndims, sizeof *a->scores);
	if (!store_load_state(st, a)) {
		assessment_free(a);
		return -1;
	}
	*out = a;
	return 1;
}

int store_assessment_find(struct store *st, int64_t team_id, int period, int64_t *id)
{
	sqlite3_stmt *s = store_stmt(st, S_ASSESS_FIND);
	char p[PERIOD_LEN];
	int rc;

	*id = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, team_id);
	store_bind_period(s, 2, period);
	rc = store_lookup_id(st, s, "cannot find the assessment", id);
	if (rc == 0) {
		period_format(period, p);
		store_fail(st, "team %lld has no assessment in %s", (long long)team_id, p);
	}
	return rc;
}

bool store_assessment_reload(struct store *st, struct assessment *a)
{
	return store_load_state(st, a);
}

bool store_put_dim(struct store *st, int64_t assessment_id, const char *dimension_id,
		   int target, int override_level, const char *override_reason, const char *notes,
		   const struct dim_score *sc, const char *updated_at)
{
	sqlite3_stmt *s = store_stmt(st, S_DIM_UPSERT);

	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, assessment_id);
	sqlite3_bind_text(s, 2, dimension_id, -1, SQLITE_STATIC);
	bind_level(s, 3, target);
	bind_level(s, 4, override_level);
	store_bind_text_or_null(s, 5, override_reason);
	store_bind_text_or_null(s, 6, notes);
	sqlite3_bind_int(s, 7, sc->level);
	sqlite3_bind_double(s, 8, sc->score);
	sqlite3_bind_double(s, 9, sc->gap);
	sqlite3_bind_double(s, 10, sc->coverage);
	sqlite3_bind_text(s, 11, updated_at, -1, SQLITE_TRANSIENT);
	return store_step_done(st, s, "cannot save the dimension");
}

bool store_write_dim(struct store *st, const struct assessment *a, size_t d, const char *now)
{
	const struct dim_state *ds = &a->dims[d];

	return store_put_dim(st, a->id, a->model->dims[d].id, ds->target, ds->override_level,
			     ds->override_reason, ds->notes, &a->scores[d], now ? now : ds->updated_at);
}

bool store_touch(struct store *st, struct assessment *a, const char *now)
{
	sqlite3_stmt *s = store_stmt(st, S_ASSESS_TOUCH);

	if (!s)
		return false;
	sqlite3_bind_double(s, 1, a->overall.score);
	sqlite3_bind_double(s, 2, a->overall.coverage);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, a->id);
	memcpy(a->updated_at, now, 21);
	return store_step_done(st, s, "cannot save the assessment");
}

int store_team_latest(struct store *st, int64_t team_id, int64_t *id, int *period)
{
	sqlite3_stmt *s = store_stmt(st, S_ASSESS_LATEST);
	int rc;

	if (id)
		*id = 0;
	if (period)
		*period = NO_PERIOD;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, team_id);
	rc = store_step_row(st, s, "cannot find the team's latest assessment");
	if (rc == 0)
		store_fail(st, "team %lld has no assessment", (long long)team_id);
	if (rc <= 0)
		return rc;
	if (id)
		*id = sqlite3_column_int64(s, 0);
	if (period)
		*period = store_column_period(s, 1);
	sqlite3_reset(s);
	return 1;
}

int store_rm_get(struct store *st, int64_t team_id, const char *crit, struct rm_item *it)
{
	sqlite3_stmt *s = store_stmt(st, S_RM_GET);
	int rc;

	memset(it, 0, sizeof *it);
	it->before_done = RM_NSTATUS;
	it->created_period = it->done_period = NO_PERIOD;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, team_id);
	sqlite3_bind_text(s, 2, crit, -1, SQLITE_TRANSIENT);
	rc = store_step_row(st, s, "cannot read the roadmap item");
	if (rc <= 0)
		return rc;
	it->exists = true;
	it->before_done = RM_NSTATUS;
	rm_status_parse((const char *)sqlite3_column_text(s, 0), &it->status);
	if (sqlite3_column_type(s, 3) != SQLITE_NULL)
		rm_status_parse((const char *)sqlite3_column_text(s, 3), &it->before_done);
	it->done_period = store_column_period(s, 1);
	it->created_period = store_column_period(s, 2);
	sqlite3_reset(s);
	return 1;
}

bool store_rm_put_status(struct store *st, int64_t team_id, const char *crit,
			  const struct rm_item *it)
{
	sqlite3_stmt *s = store_stmt(st, S_RM_SET_STATUS);

	if (!s)
		return false;
	sqlite3_bind_text(s, 1, rm_status_name(it->status), -1, SQLITE_STATIC);
	store_bind_period(s, 2, it->done_period);
	sqlite3_bind_int64(s, 3, team_id);
	sqlite3_bind_text(s, 4, crit, -1, SQLITE_TRANSIENT);
	store_bind_text_or_null(s, 5, it->status == RM_DONE && it->before_done < RM_NSTATUS &&
				      it->before_done != RM_DONE ? rm_status_name(it->before_done) : NULL);
	return store_step_done(st, s, "cannot save the roadmap item");
}

/* Adds a planned item for every criterion of dimension d in its gap. */
bool store_rm_sync_dim(struct store *st, const struct assessment *a, size_t d)
{
	const struct model *m = a->model;
	const struct dimension *dim = &m->dims[d];

	for (size_t c = dim->first; c < dim->first + dim->ncrit; c++) {
		sqlite3_stmt *s;

		if (!roadmap_in_gap(m, c, a->answers[c], a->scores[d].level, a->dims[d].target))
			continue;
		s = store_stmt(st, S_RM_INSERT);
		if (!s)
			return false;
		sqlite3_bind_int64(s, 1, a->team_id);
		sqlite3_bind_text(s, 2, m->crits[c].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, dim->id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, (int64_t)c);
		store_bind_text_or_null(s, 5, m->crits[c].action);
		store_bind_period(s, 6, a->period);
		if (!store_step_done(st, s, "cannot save the roadmap"))
			return false;
	}
	return true;
}

int store_is_latest(struct store *st, const struct assessment *a)
{
	int64_t latest;
	int rc = store_team_latest(st, a->team_id, &latest, NULL);

	/* a is in the database: its team has a latest assessment. */
	if (rc == 0)
		return -1;
	return rc < 0 ? -1 : latest == a->id;
}

