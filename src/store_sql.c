/* The store's SQL statements, prepared once and reused, with the helpers
 * every store module runs them through: errors, steps, bindings,
 * transactions. */
#include "store_int.h"
#include "xalloc.h"
#include "period.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A team as home lists it: its latest assessment, then the overall scores
 * of up to seven before it, oldest first. */
#define BULK_ROW "(?,?,?,?,?,?)"
#define BULK_ROWS4 BULK_ROW "," BULK_ROW "," BULK_ROW "," BULK_ROW
#define BULK_ROWS16 BULK_ROWS4 "," BULK_ROWS4 "," BULK_ROWS4 "," BULK_ROWS4
#define TEAM_ROW "t.id, t.name, l.assessment_id, l.period, l.overall, l.coverage, l.model, " \
	"l.signed_by, t.archived_at IS NOT NULL, l.t7, l.t6, l.t5, l.t4, l.t3, l.t2, l.t1 " \
	"FROM teams t LEFT JOIN team_latest l ON l.team_id = t.id"

static const char *const sql[S_NSTMT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	/* A snapshot starts at the first read and holds until COMMIT. */
	[S_BEGIN_READ] = "BEGIN DEFERRED",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_AUDIT] = "INSERT INTO audit(at, os_user, assessment_id, action, detail, hash) VALUES (?,?,?,?,?,?)",
	[S_AUDIT_LAST] = "SELECT hash FROM audit ORDER BY id DESC LIMIT 1",
	[S_MODEL_BY_SHA] = "SELECT id FROM models WHERE sha256 = ?",
	[S_MODEL_INSERT] = "INSERT INTO models(model_id, version, sha256, yaml, added_at) VALUES (?,?,?,?,?)",
	[S_MODEL_DIM_INSERT] = "INSERT INTO model_dims(model, ord, dimension_id, name, weight) VALUES (?,?,?,?,?)",
	[S_MODEL_CRIT_INSERT] = "INSERT INTO model_criteria(model, ord, criterion_id, dimension_id, level, text, action) VALUES (?,?,?,?,?,?,?)",
	/* The hash comes before the text in the row: read alone, it costs no
	 * overflow page of the text. */
	[S_MODEL_SHA] = "SELECT sha256 FROM models WHERE id = ?",
	[S_MODEL_YAML] = "SELECT yaml, sha256 FROM models WHERE id = ?",
	[S_TEAM_FIND] = "SELECT id FROM teams WHERE name = ?",
	[S_TEAM_INSERT] = "INSERT INTO teams(name, created_at) VALUES (?, ?)",
	[S_ASSESS_FIND] = "SELECT id FROM assessments WHERE team_id = ? AND period = ?",
	[S_ASSESS_INSERT] = "INSERT INTO assessments(team_id, period, model, facilitator, created_at, "
			    "updated_at, overall, coverage) VALUES (?,?,?,?,?,?,?,?)",
	[S_ASSESS_PREV] = "SELECT id FROM assessments WHERE team_id = ? AND period < ? ORDER BY period DESC LIMIT 1",
	[S_ASSESS_GET] = "SELECT a.team_id, t.name, a.period, a.model, a.facilitator, a.created_at, a.updated_at, "
			 "a.signed_by, a.signed_at "
			 "FROM assessments a JOIN teams t ON t.id = a.team_id WHERE a.id = ?",
	[S_ASSESS_LATEST] = "SELECT id, period FROM assessments WHERE team_id = ? ORDER BY period DESC LIMIT 1",
	[S_ASSESS_TOUCH] = "UPDATE assessments SET overall = ?, coverage = ?, updated_at = ? WHERE id = ?",
	[S_ANSWERS_GET] = "SELECT criterion_id, answer, comment, evidence, origin FROM answers "
			  "WHERE assessment_id = ?",
	/* An unknown answer is NULL, with no origin. */
	[S_ANSWER_SET] = "INSERT INTO answers(assessment_id, criterion_id, answer, origin) VALUES (?,?,?,?) "
			 "ON CONFLICT(assessment_id, criterion_id) DO UPDATE SET answer = excluded.answer, "
			 "origin = excluded.origin",
	/* A row that holds nothing any more goes. */
	[S_ANSWER_DEL] = "DELETE FROM answers WHERE assessment_id = ? AND criterion_id = ? "
			 "AND answer IS NULL AND comment IS NULL AND evidence IS NULL",
	[S_CRIT_COMMENT] = "INSERT INTO answers(assessment_id, criterion_id, comment) VALUES (?,?,?) "
			   "ON CONFLICT(assessment_id, criterion_id) DO UPDATE SET comment = excluded.comment",
	[S_CRIT_EVIDENCE] = "INSERT INTO answers(assessment_id, criterion_id, evidence) VALUES (?,?,?) "
			    "ON CONFLICT(assessment_id, criterion_id) DO UPDATE SET evidence = excluded.evidence",
	[S_ASSESS_SIGN] = "UPDATE assessments SET signed_by = ?, signed_at = ? WHERE id = ?",
	/* The assessment an assessment was copied from, as its creation was
	 * audited ("..., from assessment N"). */
	[S_ASSESS_PREV_PERIOD] = "SELECT p.period FROM audit u JOIN assessments p ON p.id = "
				 "CAST(substr(u.detail, instr(u.detail, ', from assessment ') + 18) AS INTEGER) "
				 "WHERE u.assessment_id = ? AND u.action = 'create' "
				 "AND instr(u.detail, ', from assessment ') > 0 ORDER BY u.id LIMIT 1",
	/* With what identifies the assessment (its team may be renamed or
	 * merged), which a restore may change under an id a dashboard holds. */
	[S_ASSESS_STATE] = "SELECT a.signed_by, a.signed_at, a.period, m.sha256, a.created_at "
			   "FROM assessments a JOIN models m ON m.id = a.model WHERE a.id = ?",
	[S_ANSWERS_COPY] = "INSERT INTO answers(assessment_id, criterion_id, answer, comment, evidence, origin) "
			   "SELECT ?1, a.criterion_id, a.answer, a.comment, a.evidence, "
			   "CASE WHEN a.answer IS NULL THEN NULL ELSE 'carried' END FROM answers a "
			   "JOIN model_criteria c ON c.model = ?3 AND c.criterion_id = a.criterion_id "
			   "WHERE a.assessment_id = ?2",
	[S_DIMS_GET] = "SELECT dimension_id, target, override_level, override_reason, notes, updated_at "
		       "FROM dims WHERE assessment_id = ?",
	[S_DIM_UPSERT] = "INSERT INTO dims(assessment_id, dimension_id, target, override_level, override_reason, "
			 "notes, level, score, gap, coverage, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
			 "ON CONFLICT(assessment_id, dimension_id) DO UPDATE SET target = excluded.target, "
			 "override_level = excluded.override_level, override_reason = excluded.override_reason, "
			 "notes = excluded.notes, level = excluded.level, score = excluded.score, "
			 "gap = excluded.gap, coverage = excluded.coverage, updated_at = excluded.updated_at",
	[S_DIM_SCORE] = "UPDATE dims SET level = ?, score = ?, gap = ?, coverage = ? "
			"WHERE assessment_id = ? AND dimension_id = ?",
	[S_RM_GET] = "SELECT status, done_period, created_period, before_done FROM roadmap "
		     "WHERE team_id = ? AND criterion_id = ?",
	[S_RM_INSERT] = "INSERT INTO roadmap(team_id, criterion_id, dimension_id, ord, action, status, created_period) "
			"VALUES (?,?,?,?,?,'planned',?) ON CONFLICT(team_id, criterion_id) DO NOTHING",
	[S_RM_PUT] = "INSERT INTO roadmap(team_id, criterion_id, dimension_id, ord, action, status, "
		     "owner, due_period, created_period, done_period, before_done) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	[S_RM_SET_STATUS] = "UPDATE roadmap SET status = ?1, done_period = ?2, before_done = ?5 "
			    "WHERE team_id = ?3 AND criterion_id = ?4",
	[S_RM_SET_OWNER] = "UPDATE roadmap SET owner = ? WHERE team_id = ? AND criterion_id = ?",
	[S_RM_SET_DUE] = "UPDATE roadmap SET due_period = ? WHERE team_id = ? AND criterion_id = ?",
	[S_RM_LIST] = "SELECT criterion_id, dimension_id, action, owner, status, due_period, created_period, "
		      "done_period, ord FROM roadmap WHERE team_id = ?1 "
		      "AND (?2 = 0 OR status IN ('planned', 'in-progress')) ORDER BY ord",
	/* From team_latest, which the database keeps (schema version 5). */
	[S_TEAM_LIST] = "SELECT " TEAM_ROW " ORDER BY t.name",
	[S_TEAM_ONE] = "SELECT " TEAM_ROW " WHERE t.id = ?",
	/* All of it in the index teams_list (schema version 5). */
	[S_TEAM_NAMES] = "SELECT id, name, archived_at IS NOT NULL FROM teams ORDER BY name",
	[S_AUDIT_LAST_ID] = "SELECT max(id) FROM audit",
	[S_AUDIT_SINCE] = "SELECT u.id, a.team_id FROM audit u LEFT JOIN assessments a "
			  "ON a.id = u.assessment_id WHERE u.id > ? ORDER BY u.id",
	[S_TEAM_CELLS] = "SELECT a.period, d.dimension_id, d.level, d.score, d.gap, d.target, a.id, a.model "
			 "FROM assessments a JOIN dims d ON d.assessment_id = a.id "
			 "WHERE a.team_id = ? AND a.period >= ? AND a.period <= ? ORDER BY a.period",
	[S_COUNT_ASSESS] = "SELECT count(*) FROM assessments",
	[S_DATA_VERSION] = "PRAGMA data_version",
	[S_TEAM_ASSESSMENTS] = "SELECT id, period, overall, coverage, model, signed_by FROM assessments "
			       "WHERE team_id = ? ORDER BY period",
	/* With each team's assessment shown (a), its previous one (pa), for
	 * the change: as the store keeps them in org_rows (the latest at or
	 * before the period, the one before that; teams not archived). */
	[S_ORG_CELLS] = "SELECT t.id, t.name, a.id, a.period, a.overall, d.dimension_id, d.score, d.level, "
			"d.gap, d.target, a.model, a.coverage, pa.id, pa.period, pa.overall, pa.model "
			"FROM org_rows r JOIN teams t ON t.id = r.team_id JOIN assessments a ON "
			"a.id = r.assessment_id JOIN dims d ON d.assessment_id = a.id LEFT JOIN "
			"assessments pa ON pa.id = r.prev_id WHERE r.period = ?1 ORDER BY r.team_id",
	[S_TEAM_NAME] = "SELECT name FROM teams WHERE id = ?",
	/* Answers and dimension rows go with their assessments (ON DELETE
	 * CASCADE); audit rows stay. */
	[S_TEAM_DELETE_ASSESS] = "DELETE FROM assessments WHERE team_id = (SELECT id FROM teams WHERE name = ?)",
	[S_TEAM_DELETE_RM] = "DELETE FROM roadmap WHERE team_id = (SELECT id FROM teams WHERE name = ?)",
	[S_TEAM_DELETE] = "DELETE FROM teams WHERE name = ?",
	/* A criterion's whole row in one insert, for generated history. */
	[S_BULK_CRITERION] = "INSERT INTO answers(assessment_id, criterion_id, answer, origin, comment, "
			     "evidence) VALUES (?,?,?,?,?,?)",
	/* STORE_BULK_ROWS (16) rows in one statement: a tenth of the cost of
	 * running the statement per row, most of a demo's time. */
	[S_BULK_CRITERIA] = "INSERT INTO answers(assessment_id, criterion_id, answer, origin, comment, "
			    "evidence) VALUES " BULK_ROWS16,
	/* The periods with assessments, kept by the store (org_periods). */
	[S_PERIODS] = "SELECT period FROM org_periods ORDER BY period",
	/* The organisation view's window: from the aggregates that triggers
	 * keep (schema version 5, src/store_upgrade.c); a team is in the
	 * view at a period when it has a row there with dimension rows (nd). */
	[S_ORG_TEAM] = "SELECT t.id, t.name, a.id, a.period, a.overall, d.dimension_id, d.score, d.level, "
		       "d.gap, d.target, a.model, a.coverage, pa.id, pa.period, pa.overall, pa.model "
		       "FROM org_rows r JOIN teams t ON t.id = r.team_id JOIN assessments a ON "
		       "a.id = r.assessment_id JOIN dims d ON d.assessment_id = a.id LEFT JOIN assessments "
		       "pa ON pa.id = r.prev_id WHERE r.period = ?1 AND r.team_id = ?2",
	/* One row kept on write (schema version 6): org_rows with nd > 0, summed. */
	[S_ORG_SUMMARY] = "SELECT n, ov, cov, nch, ch, nolder FROM org_sums WHERE period = ?1",
	[S_ORG_DIM_SUMS] = "SELECT dimension_id, n, s FROM org_dim_sums WHERE period = ?1 AND n > 0",
	[S_ORG_OV_AT] = "SELECT ov100 FROM org_rows WHERE period = ?1 AND nd > 0 "
			"ORDER BY ov100 DESC LIMIT 1 OFFSET ?2",
	[S_ORG_ABOVE] = "SELECT count(*) FROM org_rows WHERE period = ?1 AND nd > 0 AND ov100 > ?2",
	[S_ORG_TIES] = "SELECT r.team_id, t.name, r.ov100, r.shown <> r.period FROM org_rows r JOIN teams t ON t.id = r.team_id "
		       "WHERE r.period = ?1 AND r.nd > 0 AND r.ov100 BETWEEN ?2 AND ?3",
	[S_ORG_TEAM_OV] = "SELECT ov100 FROM org_rows WHERE period = ?1 AND team_id = ?2 AND nd > 0",
	[S_ORG_ASSESS_TEAM] = "SELECT team_id FROM assessments WHERE id = ?",
	/* Sorted by a dimension ?2 (schema version 6): the teams scored there
	 * through org_dim_rows' index, those not scored from org_rows. */
	[S_ORG_DIM_N] = "SELECT n FROM org_dim_sums WHERE period = ?1 AND dimension_id = ?2",
	[S_ORG_DIM_AT] = "SELECT score, ov100 FROM org_dim_rows WHERE period = ?1 AND dimension_id = ?2 "
			 "ORDER BY score DESC, ov100 DESC LIMIT 1 OFFSET ?3",
	[S_ORG_DIM_ABOVE] = "SELECT count(*) FROM org_dim_rows WHERE period = ?1 AND dimension_id = ?2 "
			    "AND (score, ov100) > (?3, ?4)",
	[S_ORG_DIM_TIES] = "SELECT x.team_id, t.name, r.ov100, r.shown <> r.period, x.score FROM "
			   "org_dim_rows x JOIN org_rows r ON r.period = x.period AND r.team_id = x.team_id "
			   "JOIN teams t ON t.id = x.team_id WHERE x.period = ?1 AND x.dimension_id = ?2 "
			   "AND (x.score, x.ov100) >= (?3, ?4) AND (x.score, x.ov100) <= (?5, ?6)",
	[S_ORG_DIM_TEAM] = "SELECT score, ov100 FROM org_dim_rows WHERE team_id = ?3 AND period = ?1 "
			   "AND dimension_id = ?2",
	[S_ORG_UNSCORED] = "SELECT r.team_id, t.name, r.ov100, r.shown <> r.period FROM org_rows r "
			   "JOIN teams t ON t.id = r.team_id WHERE r.period = ?1 AND r.nd > 0 AND NOT "
			   "EXISTS (SELECT 1 FROM org_dim_rows x WHERE x.team_id = r.team_id AND "
			   "x.period = ?1 AND x.dimension_id = ?2)",
	[S_ORG_TEAM_KEY] = "SELECT r.team_id, t.name, r.ov100, r.shown <> r.period FROM org_rows r "
			   "JOIN teams t ON t.id = r.team_id WHERE r.period = ?1 AND r.team_id = ?2 "
			   "AND r.nd > 0",
};

bool store_fail(struct store *st, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(st->err, sizeof st->err, "mlmat: %s: ", st->path);

	if (n >= 0 && (size_t)n < sizeof st->err) {
		va_start(ap, fmt);
		vsnprintf(st->err + n, sizeof st->err - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return false;
}

bool store_fail_db(struct store *st, const char *what)
{
	int code = sqlite3_extended_errcode(st->db);

	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		return store_fail(st, "%s: the database stayed locked by another writer for %d s; "
				  "nothing was changed, try again", what, STORE_BUSY_TIMEOUT_MS / 1000);
	if ((code & 0xff) == SQLITE_READONLY)
		return store_fail(st, "%s: the database is read-only", what);
	if ((code & 0xff) == SQLITE_FULL)
		return store_fail(st, "%s: disk full (no space left for the database); nothing "
				  "was changed", what);
	return store_fail(st, "%s: %s", what, sqlite3_errmsg(st->db));
}

sqlite3_stmt *store_stmt(struct store *st, enum sid id)
{
	sqlite3_stmt *s = st->stmts[id];

	if (!s) {
		if (sqlite3_prepare_v3(st->db, sql[id], -1, SQLITE_PREPARE_PERSISTENT,
				       &st->stmts[id], NULL) != SQLITE_OK) {
			store_fail_db(st, "prepare");
			return NULL;
		}
		return st->stmts[id];
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

void store_stmts_free(struct store *st)
{
	for (int i = 0; i < S_NSTMT; i++) {
		sqlite3_finalize(st->stmts[i]);
		st->stmts[i] = NULL;
	}
}

bool store_step_done(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc;

	if (!s)
		return false;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail_db(st, what);
	return true;
}

int store_step_row(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return 1;
	/* The message before the reset, which may replace it. */
	if (rc != SQLITE_DONE)
		store_fail_db(st, what);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_lookup_id(struct store *st, sqlite3_stmt *s, const char *what, int64_t *id)
{
	int rc = store_step_row(st, s, what);

	*id = 0;
	if (rc > 0) {
		*id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return rc;
}

void store_bind_text_or_null(sqlite3_stmt *s, int i, const char *text)
{
	if (text && *text)
		sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

void store_bind_period(sqlite3_stmt *s, int i, int period)
{
	char buf[PERIOD_LEN];

	if (period == NO_PERIOD) {
		sqlite3_bind_null(s, i);
		return;
	}
	period_format(period, buf);
	sqlite3_bind_text(s, i, buf, -1, SQLITE_TRANSIENT);
}

int store_column_period(sqlite3_stmt *s, int i)
{
	const char *text = (const char *)sqlite3_column_text(s, i);
	int p;

	return text && period_parse(text, &p) ? p : NO_PERIOD;
}

char *store_column_dup(sqlite3_stmt *s, int i)
{
	const char *text = (const char *)sqlite3_column_text(s, i);

	return text ? xstrdup(text) : NULL;
}

/* The one number a prepared statement without parameters returns, -1 on
 * error. */
static int64_t stmt_int(struct store *st, enum sid id, const char *what)
{
	sqlite3_stmt *s = store_stmt(st, id);
	int64_t v;

	switch (store_step_row(st, s, what)) {
	case 1:
		v = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return v;
	case 0:
		store_fail(st, "%s: no result", what);
		return -1;
	default:
		return -1;
	}
}

int64_t store_data_version(struct store *st)
{
	int64_t v = stmt_int(st, S_DATA_VERSION, "cannot poll for changes");

	if (v != st->seen_version) {
		st->seen_version = v;
		st->gen++;
	}
	return v;
}

int64_t store_assessment_count(struct store *st)
{
	return stmt_int(st, S_COUNT_ASSESS, "cannot count assessments");
}

bool store_begin(struct store *st)
{
	if (st->readonly)
		return store_fail(st, "the database is open read-only");
	if (st->tx_depth > 0 && st->tx_read)
		return store_fail(st, "cannot change the database in the middle of a read");
	if (st->tx_depth > 0) {
		st->tx_depth++;
		return true;
	}
	if (st->before_write && !st->before_write(st))
		return false;
	st->tx_depth++;
	if (!store_step_done(st, store_stmt(st, S_BEGIN), "cannot start a change")) {
		st->tx_depth = 0;
		return false;
	}
	return true;
}

bool store_commit(struct store *st)
{
	if (--st->tx_depth > 0)
		return true;
	st->tx_depth = 0;
	st->tx_read = false;
	if ((st->before_commit && !st->before_commit(st)) ||
	    !store_step_done(st, store_stmt(st, S_COMMIT), "cannot save the change")) {
		store_rollback(st);
		return false;
	}
	if (st->after_commit)
		st->after_commit(st);
	return true;
}

void store_rollback(struct store *st)
{
	char keep[sizeof st->err];

	st->tx_depth = 0;
	st->tx_read = false;
	if (st->after_rollback)
		st->after_rollback(st);
	memcpy(keep, st->err, sizeof keep);
	if (sqlite3_get_autocommit(st->db) == 0)
		store_step_done(st, store_stmt(st, S_ROLLBACK), "rollback");
	memcpy(st->err, keep, sizeof keep);
}

bool store_read_begin(struct store *st)
{
	/* Inside a change the change's own transaction is the snapshot. */
	if (st->tx_depth++ > 0)
		return true;
	st->tx_read = true;
	st->gen++;
	if (!store_step_done(st, store_stmt(st, S_BEGIN_READ), "cannot start reading")) {
		st->tx_depth = 0;
		st->tx_read = false;
		return false;
	}
	return true;
}

bool store_read_end(struct store *st)
{
	return store_commit(st);
}
