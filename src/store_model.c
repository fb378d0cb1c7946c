/* The model registry: every model an assessment was taken with is recorded
 * once, by its sha256, with its YAML text, so that an old assessment is
 * always read with its own model; parsed models are cached per store. */
#include "store_int.h"
#include "xalloc.h"
#include "osutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int find_by_sha(struct store *st, const struct model *m, int64_t *ref)
{
	sqlite3_stmt *s = store_stmt(st, S_MODEL_BY_SHA);

	*ref = 0;
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, m->sha256, -1, SQLITE_TRANSIENT);
	return store_lookup_id(st, s, "cannot look up the model", ref);
}

/* Inserts the model, its dimensions and criteria (the tables export
 * joins), and the audit row, inside the caller's transaction. */
static bool insert_model(struct store *st, const struct model *m, int64_t *ref)
{
	sqlite3_stmt *s = store_stmt(st, S_MODEL_INSERT);
	char now[21], *detail;
	bool ok;

	if (!s)
		return false;
	time_iso_now(now);
	sqlite3_bind_text(s, 1, m->id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, m->version, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, m->sha256, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, m->yaml, (int)m->yaml_len, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
	if (!store_step_done(st, s, "cannot record the model"))
		return false;
	*ref = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < m->ndims; i++) {
		if (!(s = store_stmt(st, S_MODEL_DIM_INSERT)))
			return false;
		sqlite3_bind_int64(s, 1, *ref);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_text(s, 3, m->dims[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, m->dims[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_double(s, 5, m->dims[i].weight);
		if (!store_step_done(st, s, "cannot record the model"))
			return false;
	}
	for (size_t i = 0; i < m->ncrits; i++) {
		const struct criterion *c = &m->crits[i];

		if (!(s = store_stmt(st, S_MODEL_CRIT_INSERT)))
			return false;
		sqlite3_bind_int64(s, 1, *ref);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_text(s, 3, c->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, m->dims[c->dim].id, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 5, c->level);
		sqlite3_bind_text(s, 6, c->text, -1, SQLITE_STATIC);
		store_bind_text_or_null(s, 7, c->action);
		if (!store_step_done(st, s, "cannot record the model"))
			return false;
	}
	detail = xasprintf("model %s version %s sha256 %s", m->id, m->version, m->sha256);
	ok = store_audit(st, 0, "model", detail);
	free(detail);
	return ok;
}

static void cache(struct store *st, int64_t ref, const struct model *m, struct model *owned)
{
	st->models = xgrow(st->models, &st->models_cap, st->nmodels + 1, sizeof *st->models);
	st->models[st->nmodels++] = (struct cached_model){ ref, m, owned, st->gen };
}

static const struct model *cached(struct store *st, int64_t ref, const char *sha)
{
	for (size_t i = 0; i < st->nmodels; i++)
		if (st->models[i].ref == ref && sha && !strcmp(st->models[i].m->sha256, sha)) {
			st->models[i].checked = st->gen;
			return st->models[i].m;
		}
	return NULL;
}

/* The row's model as cached and matched in this generation: nothing can
 * have put another under it since (a restore moves data_version). */
static const struct model *checked(const struct store *st, int64_t ref)
{
	for (size_t i = 0; i < st->nmodels; i++)
		if (st->models[i].ref == ref && st->models[i].checked == st->gen)
			return st->models[i].m;
	return NULL;
}

/* The caller's model becomes the cached one for its row, so reading an
 * assessment taken with it never parses its YAML again: one parse per
 * start. The caller keeps it until the store is closed. */
static int64_t adopt(struct store *st, int64_t ref, const struct model *m)
{
	if (ref > 0 && !cached(st, ref, m->sha256))
		cache(st, ref, m, NULL);
	return ref;
}

int store_model_adopt(struct store *st, const struct model *m)
{
	int64_t ref;
	int rc = find_by_sha(st, m, &ref);

	if (rc > 0)
		adopt(st, ref, m);
	return rc;
}

int64_t store_model_ref(struct store *st, const struct model *m)
{
	int64_t ref;
	int rc = find_by_sha(st, m, &ref);

	if (rc != 0)
		return rc > 0 ? adopt(st, ref, m) : 0;
	if (st->readonly) {
		store_fail(st, "the database is open read-only");
		return 0;
	}
	if (!store_begin(st))
		return 0;
	/* Another process may have recorded it since we looked. */
	rc = find_by_sha(st, m, &ref);
	if (rc < 0 || (rc == 0 && !insert_model(st, m, &ref))) {
		store_rollback(st);
		return 0;
	}
	return store_commit(st) ? adopt(st, ref, m) : 0;
}

/* The cache is keyed by the row and its model's sha256: a restore (mlmat
 * restore, by another process) may put another model under the same row,
 * and the models handed out stay valid until the store closes. */
/* Row ref of statement id (S_MODEL_SHA or S_MODEL_YAML), stepped: 1, 0
 * with "missing", -1 with the store's error. */
static int model_row(struct store *st, enum sid id, int64_t ref, sqlite3_stmt **out)
{
	sqlite3_stmt *s = *out = store_stmt(st, id);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, ref);
	rc = store_step_row(st, s, "cannot read the model");
	if (rc == 0)
		store_fail(st, "model %lld is missing", (long long)ref);
	return rc;
}

int store_model_get(struct store *st, int64_t ref, const struct model **out)
{
	sqlite3_stmt *s;
	struct model *m;
	char err[1024], name[64];
	int rc;

	if ((*out = checked(st, ref)))
		return 1;
	/* After any change elsewhere: the hash alone tells the cached model
	 * still holds, without reading the model's text. */
	if ((rc = model_row(st, S_MODEL_SHA, ref, &s)) <= 0)
		return rc;
	*out = cached(st, ref, (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	if (*out)
		return 1;
	if ((rc = model_row(st, S_MODEL_YAML, ref, &s)) <= 0)
		return rc;
	snprintf(name, sizeof name, "(stored model %lld)", (long long)ref);
	m = model_load_buffer((const char *)sqlite3_column_text(s, 0),
			      (size_t)sqlite3_column_bytes(s, 0), name, err, sizeof err);
	sqlite3_reset(s);
	if (!m) {
		store_fail(st, "%s", err);
		return -1;
	}
	cache(st, ref, m, m);
	*out = m;
	return 1;
}

void store_models_free(struct store *st)
{
	for (size_t i = 0; i < st->nmodels; i++)
		model_free(st->models[i].owned);
	free(st->models);
	st->models = NULL;
	st->nmodels = st->models_cap = 0;
}
