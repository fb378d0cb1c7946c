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
struct export_query {
	const char *types, *from, *where, *assessment, *order;
	const char *by_team;    /* the query up to its conditions with a team or period */
};

static const struct export_query kinds[] = {
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
	 * answer, answered unless the row says carried. The join the rows
	 * stand for (criteria_rows makes them) and that counts them. */
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

/* The criteria export's rows come from the assessments it holds, in its
 * order, each with its model's criteria (read once per model) and the
 * answers its load reads and checks: the same rows and values as the join
 * above, without reading every answer a second time. */
static const struct export_query criteria_assessments = { "ITTI",
	"SELECT a.id, t.name, a.period, a.model FROM teams t JOIN assessments a ON a.team_id = t.id",
	NULL, "a.id", " ORDER BY t.name, a.period", NULL };

#define MODEL_CRITERIA_SQL \
	"SELECT dimension_id, criterion_id, level, text FROM model_criteria WHERE model = ?1" \
	" ORDER BY ord"

/* The query q for the filters given: the team is ?1, the period ?2 (unless
 * !by_period) and the assessment ?3. count: the number of its rows instead
 * (the same joins and conditions without the sort: cheap beside the
 * export). */
static char *export_sql(const struct export_query *q, bool by_period,
			const struct store_export_filter *f, bool count)
{
	const char *and = " WHERE ";
	struct strbuf sb;

	sb_init(&sb);
	if (count)
		sb_printf(&sb, "SELECT count(*) FROM (");
	if (q->by_team && (f->team || f->period != NO_PERIOD))
		sb_printf(&sb, "%s", q->by_team);
	else
		sb_printf(&sb, "%s", q->from);
	if (q->where) {
		sb_printf(&sb, "%s%s", and, q->where);
		and = " AND ";
	}
	if (f->team) {
		sb_printf(&sb, "%st.name = ?1", and);
		and = " AND ";
	}
	if (f->period != NO_PERIOD && by_period) {
		sb_printf(&sb, "%sa.period = ?2", and);
		and = " AND ";
	}
	if (f->assessment > 0 && q->assessment)
		sb_printf(&sb, "%s%s = ?3", and, q->assessment);
	sb_printf(&sb, "%s", count ? ")" : q->order);
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

/* The query q (or its count) with the filter bound. The roadmap's query
 * has no ?2: binding it fails, harmlessly. */
static bool prepare(struct store *st, const struct export_query *q, bool by_period,
		    const struct store_export_filter *f, bool count, sqlite3_stmt **s)
{
	char *sql = export_sql(q, by_period, f, count);
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

	if (!prepare(st, &kinds[kind], kind != STORE_EXPORT_ROADMAP, f, true, &s))
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

/* One model's criteria as model_criteria lists them, in order; c is each
 * one's index in the model its assessments load with (-1: none there, so
 * never answered, since the load refuses an answer to it). */
struct crit_list {
	int64_t ref;
	size_t n;
	bool mapped;
	struct crit_row {
		char *dimension_id, *criterion_id, *text;
		bool level_null;
		int64_t level;
		long c;
	} *rows;
	struct crit_list *next;
};

static void crit_lists_free(struct crit_list *l)
{
	while (l) {
		struct crit_list *next = l->next;

		for (size_t i = 0; i < l->n; i++) {
			free(l->rows[i].dimension_id);
			free(l->rows[i].criterion_id);
			free(l->rows[i].text);
		}
		free(l->rows);
		free(l);
		l = next;
	}
}

/* Model ref's criteria, read on first use into *lists; NULL on error. */
static struct crit_list *crit_list_get(struct store *st, struct crit_list **lists, int64_t ref)
{
	struct crit_list *l;
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	for (l = *lists; l; l = l->next)
		if (l->ref == ref)
			return l;
	if (sqlite3_prepare_v2(st->db, MODEL_CRITERIA_SQL, -1, &s, NULL) != SQLITE_OK) {
		store_fail_db(st, "cannot export");
		return NULL;
	}
	l = xcalloc(1, sizeof *l);
	l->ref = ref;
	l->next = *lists;
	*lists = l;
	sqlite3_bind_int64(s, 1, ref);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct crit_row *r;

		if (l->n == cap) {
			cap = cap ? 2 * cap : 64;
			l->rows = xrealloc(l->rows, cap * sizeof *l->rows);
		}
		r = &l->rows[l->n++];
		r->dimension_id = store_column_dup(s, 0);
		r->criterion_id = store_column_dup(s, 1);
		r->level_null = sqlite3_column_type(s, 2) == SQLITE_NULL;
		r->level = sqlite3_column_int64(s, 2);
		r->text = store_column_dup(s, 3);
		r->c = -1;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_fail_db(st, "cannot export");
		return NULL;
	}
	return l;
}

static void text_value(struct store_value *v, const char *s)
{
	v->null = !s;
	v->s = s;
}

/* The criteria export (see criteria_assessments): the rows of a, whose
 * team and period are as the query read them, handed to fn. */
static bool criteria_of(struct crit_list *l, const struct assessment *a, sqlite3_stmt *s,
			store_export_fn fn, void *ctx)
{
	struct store_value v[11];

	if (!l->mapped) {
		for (size_t i = 0; i < l->n; i++)
			l->rows[i].c = l->rows[i].criterion_id ?
				model_find_criterion(a->model, l->rows[i].criterion_id) : -1;
		l->mapped = true;
	}
	memset(v, 0, sizeof v);
	v[0].i = a->id;
	text_value(&v[1], (const char *)sqlite3_column_text(s, 1));
	text_value(&v[2], (const char *)sqlite3_column_text(s, 2));
	for (size_t i = 0; i < l->n; i++) {
		const struct crit_row *r = &l->rows[i];
		const struct crit_state *cs = r->c >= 0 ? &a->crits[r->c] : NULL;
		enum answer ans = r->c >= 0 ? a->answers[r->c] : ANS_UNKNOWN;

		text_value(&v[3], r->dimension_id);
		text_value(&v[4], r->criterion_id);
		v[5].null = r->level_null;
		v[5].i = r->level;
		text_value(&v[6], r->text);
		v[7].null = ans == ANS_UNKNOWN;
		v[7].i = ans;
		text_value(&v[8], cs ? cs->comment : NULL);
		text_value(&v[9], cs ? cs->evidence : NULL);
		text_value(&v[10], !cs || cs->origin == ORIGIN_NONE ? NULL : origin_name(cs->origin));
		if (!fn(ctx, v, 11))
			return false;
	}
	return true;
}

/* The assessments run in one statement, which holds the one state of the
 * database every load and model read beside it sees. An assessment is
 * loaded (and so checked) only when its model has criteria, as the join
 * would meet it only then. */
static bool criteria_rows(struct store *st, const struct store_export_filter *f,
			  store_export_fn fn, void *ctx)
{
	struct crit_list *lists = NULL, *l;
	struct assessment *a = NULL;
	sqlite3_stmt *s;
	bool ok = true;
	int rc = SQLITE_DONE;

	if (!prepare(st, &criteria_assessments, true, f, false, &s))
		return false;
	while (ok && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		l = crit_list_get(st, &lists, sqlite3_column_int64(s, 3));
		if (!l) {
			ok = false;
			break;
		}
		if (!l->n)
			continue;
		if (store_assessment_load(st, sqlite3_column_int64(s, 0), &a) <= 0) {
			ok = false;
			break;
		}
		ok = criteria_of(l, a, s, fn, ctx);
		assessment_free(a);
		a = NULL;
		if (!ok)
			break;
	}
	if (ok && rc != SQLITE_DONE) {
		store_fail_db(st, "cannot export");
		ok = false;
	}
	sqlite3_finalize(s);
	crit_lists_free(lists);
	return ok;
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

	if (kind == STORE_EXPORT_CRITERIA)
		return criteria_rows(st, f, fn, ctx);
	if (!prepare(st, &kinds[kind], kind != STORE_EXPORT_ROADMAP, f, false, &s))
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
			/* One call for a text: NULL is SQL's NULL. */
			if (types[i] == 'T') {
				v[i].s = (const char *)sqlite3_column_text(s, col);
				v[i].null = !v[i].s;
				continue;
			}
			v[i].null = sqlite3_column_type(s, col) == SQLITE_NULL;
			if (v[i].null)
				continue;
			if (types[i] == 'I')
				v[i].i = sqlite3_column_int64(s, col);
			else
				v[i].f = sqlite3_column_double(s, col);
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
