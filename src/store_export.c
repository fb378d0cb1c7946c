/* The export queries: one statement per kind, so each export reads one
 * state of the database, filtered by team, period and assessment. */
#include "store_export.h"
#include "store_int.h"
#include "period.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>

#include <string.h>

/* Each kind's column types, one letter per column (T text, I integer, F
 * real), its query up to its conditions, the condition it always has, the
 * column its assessment filter compares and its order. The condition of a
 * filter is there only when the filter is given: an "?1 IS NULL OR"
 * would keep SQLite from the indexes (a scan of the whole audit log for
 * one assessment's rows). */
static const struct {
	const char *types, *from, *where, *assessment, *order;
	const char *by_team;    /* the query up to its conditions with a team or period */
} kinds[] = {
	[STORE_EXPORT_ANSWERS] = { "ITTTTTTTIFIFFTTTFT",
		"SELECT a.id, t.name, a.period, a.facilitator, m.model_id, m.version, d.dimension_id,"
		" md.name, d.level, d.score, d.target, d.gap, d.coverage, d.override_reason, d.notes,"
		" d.updated_at, a.overall,"
		" CASE WHEN a.signed_by IS NULL THEN 'open' ELSE 'signed-off' END"
		" FROM teams t JOIN assessments a ON a.team_id = t.id"
		" JOIN models m ON m.id = a.model JOIN model_dims md ON md.model = a.model"
		" JOIN dims d ON d.assessment_id = a.id AND d.dimension_id = md.dimension_id",
		NULL, "a.id", " ORDER BY t.name, a.period, md.ord" },
	/* The origin as the assessment's load reads it: none for an unknown
	 * answer, answered unless the row says carried. */
	[STORE_EXPORT_CRITERIA] = { "ITTTTITITTT",
		"SELECT a.id, t.name, a.period, mc.dimension_id, mc.criterion_id, mc.level, mc.text,"
		" ans.answer, ans.comment, ans.evidence,"
		" CASE WHEN ans.answer IS NULL THEN NULL WHEN ans.origin = 'carried' THEN 'carried'"
		" ELSE 'answered' END FROM teams t JOIN assessments a ON a.team_id = t.id"
		" JOIN model_criteria mc ON mc.model = a.model"
		" LEFT JOIN answers ans ON ans.assessment_id = a.id AND ans.criterion_id = mc.criterion_id",
		NULL, "a.id", " ORDER BY t.name, a.period, mc.ord" },
	/* blocked_by (B) is worked out from the team's latest assessment,
	 * whose id the query gives in its place. Only the team filter
	 * applies. */
	[STORE_EXPORT_ROADMAP] = { "TTTTTTTTTB",
		"SELECT t.name, r.dimension_id, r.criterion_id, r.action, r.status, r.owner,"
		" r.due_period, r.created_period, r.done_period,"
		" (SELECT l.id FROM assessments l WHERE l.team_id = t.id ORDER BY l.period DESC LIMIT 1)"
		" FROM teams t JOIN roadmap r ON r.team_id = t.id",
		NULL, NULL, " ORDER BY t.name, r.ord" },
	[STORE_EXPORT_AUDIT] = { "TTITTT",
		"SELECT au.at, au.os_user, au.assessment_id, au.action, au.detail, au.hash FROM audit au"
		" LEFT JOIN assessments a ON a.id = au.assessment_id"
		" LEFT JOIN teams t ON t.id = a.team_id",
		NULL, "au.assessment_id", " ORDER BY au.id",
		/* From the team's or the period's assessments, not the log. */
		"SELECT au.at, au.os_user, au.assessment_id, au.action, au.detail, au.hash"
		" FROM teams t JOIN assessments a ON a.team_id = t.id"
		" JOIN audit au ON au.assessment_id = a.id" },
	/* A round's votes stay blind until it is revealed or closed. */
	[STORE_EXPORT_VOTES] = { "ITTTTITIT",
		"SELECT a.id, t.name, a.period, mc.dimension_id, r.criterion_id, r.round, v.os_user,"
		" v.vote, v.at FROM teams t JOIN assessments a ON a.team_id = t.id"
		" JOIN vote_rounds r ON r.assessment_id = a.id JOIN votes v ON v.round_id = r.id"
		" LEFT JOIN model_criteria mc ON mc.model = a.model AND mc.criterion_id = r.criterion_id",
		"(r.revealed_at IS NOT NULL OR r.closed_at IS NOT NULL)", "a.id",
		" ORDER BY t.name, a.period, mc.ord, r.criterion_id, r.round, v.at, v.voter" },
};

/* The kind's query for the filters given: the team is ?1, the period ?2
 * and the assessment ?3. count: the number of its rows instead (the same
 * joins and conditions without the sort: cheap beside the export). */
static char *export_sql(enum store_export_kind kind, const struct store_export_filter *f,
			bool count)
{
	const char *and = " WHERE ";
	struct strbuf sb;

	sb_init(&sb);
	if (count)
		sb_printf(&sb, "SELECT count(*) FROM (");
	if (kinds[kind].by_team && (f->team || f->period != NO_PERIOD))
		sb_printf(&sb, "%s", kinds[kind].by_team);
	else
		sb_printf(&sb, "%s", kinds[kind].from);
	if (kinds[kind].where) {
		sb_printf(&sb, "%s%s", and, kinds[kind].where);
		and = " AND ";
	}
	if (f->team) {
		sb_printf(&sb, "%st.name = ?1", and);
		and = " AND ";
	}
	if (f->period != NO_PERIOD && kind != STORE_EXPORT_ROADMAP) {
		sb_printf(&sb, "%sa.period = ?2", and);
		and = " AND ";
	}
	if (f->assessment > 0 && kinds[kind].assessment)
		sb_printf(&sb, "%s%s = ?3", and, kinds[kind].assessment);
	sb_printf(&sb, "%s", count ? ")" : kinds[kind].order);
	return sb.s;
}

#define MAX_COLUMNS 18         /* the longest types string above */

/* The values of a row checked before they are handed over: an assessment's
 * rows are checked by loading it (which checks every value it is shown
 * with), and its stored level, score, gap and coverage against its model;
 * a roadmap row's status and periods. *a is the assessment of the row
 * before, reloaded when the row is another's. */
static bool row_ok(struct store *st, enum store_export_kind kind, sqlite3_stmt *s,
		   struct assessment **a)
{
	static const struct store_rm_columns rm = { 0, 2, 1, 4, 6, 7, 8 };
	struct store_rm_values rv;
	const struct model *m;
	char why[STORE_WHY], p[PERIOD_LEN];
	int level;
	double x;
	enum answer ans;

	switch (kind) {
	case STORE_EXPORT_ROADMAP:
		if (!store_roadmap_row_ok(st, s, &rm, &rv))
			return false;
		if (sqlite3_column_type(s, 9) == SQLITE_NULL ||
		    (*a && (*a)->id == sqlite3_column_int64(s, 9)))
			return true;
		assessment_free(*a);
		*a = NULL;
		return store_assessment_load(st, sqlite3_column_int64(s, 9), a) > 0;
	case STORE_EXPORT_AUDIT:
		return true;
	case STORE_EXPORT_ANSWERS:
	case STORE_EXPORT_CRITERIA:
	case STORE_EXPORT_VOTES:
		break;
	}
	if (!*a || (*a)->id != sqlite3_column_int64(s, 0)) {
		assessment_free(*a);
		*a = NULL;
		if (store_assessment_load(st, sqlite3_column_int64(s, 0), a) <= 0)
			return false;
	}
	m = (*a)->model;
	if (kind == STORE_EXPORT_CRITERIA || kind == STORE_EXPORT_VOTES) {
		/* Both have the answer in column 7; a vote is never unknown. */
		if (store_column_answer(s, 7, &ans, why) &&
		    (kind == STORE_EXPORT_CRITERIA || ans != ANS_UNKNOWN))
			return true;
		if (kind == STORE_EXPORT_VOTES && ans == ANS_UNKNOWN)
			snprintf(why, sizeof why, "a vote without an answer");
	} else if (store_column_level(s, 8, m, "level", false, &level, why) &&
		   store_column_real(s, 9, m->lowest, m->highest, "score", &x, why) &&
		   store_column_level(s, 10, m, "target", true, &level, why) &&
		   store_column_real(s, 11, 0, m->highest - m->lowest, "gap", &x, why) &&
		   store_column_real(s, 12, 0, 1, "coverage", &x, why) &&
		   store_column_real(s, 16, m->lowest, m->highest, "overall score", &x, why)) {
		return true;
	}
	period_format((*a)->period, p);
	return store_bad_value(st, (*a)->id, (*a)->team, p, why);
}

/* The ids of the criteria blocking the row's criterion in a (CONTRACT
 * section 3), separated by spaces, into sb; false when none. */
static bool blocked_by(const struct assessment *a, sqlite3_stmt *s, struct strbuf *sb)
{
	const char *id = (const char *)sqlite3_column_text(s, 2);
	long c = a && id ? model_find_criterion(a->model, id) : -1;
	size_t *out, n;

	sb_free(sb);
	sb_init(sb);
	if (c < 0 || !a->model->crits[c].nrequires)
		return false;
	out = xcalloc(a->model->crits[c].nrequires, sizeof *out);
	n = roadmap_blockers(a->model, a->answers, (size_t)c, out);
	for (size_t i = 0; i < n; i++)
		sb_printf(sb, "%s%s", i ? " " : "", a->model->crits[out[i]].id);
	free(out);
	return n > 0;
}

/* The kind's statement (or its count) with the filter bound. The
 * roadmap's query has no ?2: binding it fails, harmlessly. */
static bool prepare(struct store *st, enum store_export_kind kind,
		    const struct store_export_filter *f, bool count, sqlite3_stmt **s)
{
	char *sql = export_sql(kind, f, count);
	int rc = sqlite3_prepare_v2(st->db, sql, -1, s, NULL);

	free(sql);
	if (rc != SQLITE_OK)
		return store_fail_db(st, "cannot export");
	if (f->team)
		sqlite3_bind_text(*s, 1, f->team, -1, SQLITE_STATIC);
	if (f->period != NO_PERIOD)
		store_bind_period(*s, 2, f->period);
	if (f->assessment > 0)
		sqlite3_bind_int64(*s, 3, f->assessment);
	return true;
}

int64_t store_export_count(struct store *st, enum store_export_kind kind,
			   const struct store_export_filter *f)
{
	sqlite3_stmt *s;
	int64_t n = -1;

	if (!prepare(st, kind, f, true, &s))
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	else
		store_fail_db(st, "cannot export");
	sqlite3_finalize(s);
	return n;
}

void store_interrupt(struct store *st)
{
	sqlite3_interrupt(st->db);
}

struct store *store_open_reader(struct store *main, char *err, size_t errsz)
{
	struct store *st = xcalloc(1, sizeof *st);
	const char *name = sqlite3_db_filename(main->db, "main");
	int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW;
	struct strbuf uri;

	st->notify_fd = st->notify_wal = -1;
	st->path = xstrdup(main->path);
	st->readonly = true;
	sb_init(&uri);
	/* A database its reader cannot write beside is read as it is on disk
	 * (store.c reopen_immutable): the same here. */
	if (name && sqlite3_uri_boolean(name, "immutable", 0)) {
		sb_adds(&uri, "file:");
		for (const char *p = st->path; *p; p++) {
			if (*p == '%' || *p == '?' || *p == '#')
				sb_printf(&uri, "%%%02X", (unsigned char)*p);
			else
				sb_addc(&uri, *p);
		}
		sb_adds(&uri, "?immutable=1");
		flags |= SQLITE_OPEN_URI;
	} else {
		sb_adds(&uri, st->path);
	}
	if (sqlite3_open_v2(uri.s, &st->db, flags, NULL) != SQLITE_OK) {
		snprintf(err, errsz, "mlmat: %s: cannot open: %s", st->path,
			 st->db ? sqlite3_errmsg(st->db) : "out of memory");
		sb_free(&uri);
		store_close(st);
		return NULL;
	}
	sb_free(&uri);
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
	return st;
}

bool store_export_rows(struct store *st, enum store_export_kind kind,
		       const struct store_export_filter *f, store_export_fn fn, void *ctx)
{
	const char *types = kinds[kind].types;
	size_t n = strlen(types);
	struct store_value v[MAX_COLUMNS];
	sqlite3_stmt *s;
	struct assessment *a = NULL;
	struct strbuf blockers;
	bool stopped = false, bad = false;
	int rc = SQLITE_DONE;

	if (!prepare(st, kind, f, false, &s))
		return false;
	sb_init(&blockers);
	while (!stopped && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!row_ok(st, kind, s, &a)) {
			bad = true;
			break;
		}
		for (size_t i = 0; i < n; i++) {
			int col = (int)i;

			memset(&v[i], 0, sizeof v[i]);
			if (types[i] == 'B') {
				v[i].null = !blocked_by(a, s, &blockers);
				v[i].s = v[i].null ? NULL : blockers.s;
				continue;
			}
			v[i].null = sqlite3_column_type(s, col) == SQLITE_NULL;
			if (v[i].null)
				continue;
			switch (types[i]) {
			case 'T': v[i].s = (const char *)sqlite3_column_text(s, col); break;
			case 'I': v[i].i = sqlite3_column_int64(s, col); break;
			case 'F': v[i].f = sqlite3_column_double(s, col); break;
			}
		}
		stopped = !fn(ctx, v, n);
	}
	assessment_free(a);
	sb_free(&blockers);
	if (!bad && !stopped && rc != SQLITE_DONE)
		store_fail_db(st, "cannot export");
	sqlite3_finalize(s);
	return !bad && !stopped && rc == SQLITE_DONE;
}
