/* Every statement the store prepares is planned by SQLite without a full
 * scan of a table that grows with the organisation (assessments, answers,
 * dims, audit, roadmap, presence, votes, vote_rounds, teams), except the
 * few that read everything by design, allow-listed below with why. A walk
 * of a whole index ("SCAN t USING INDEX i") counts as a scan too: it is as
 * long as the table.
 *
 * The statements are not copied here: the prepared-statement table is
 * walked through store_stmt, and every other statement is recorded (its
 * text as prepared, sqlite3_sql) by a trace on each connection (the
 * store's, and those the backup module opens on copies) while the test
 * runs each of the store's entry points on demo data, every export with
 * each combination of filters. Each text is then asked for its
 * EXPLAIN QUERY PLAN, with nothing bound. */
#include "testutil.h"

#include "arena.h"
#include "demo.h"
#include "model.h"
#include "period.h"
#include "store.h"
#include "store_export.h"
#include "store_import.h"
#include "store_backup.h"
#include "store_int.h"
#include "store_presence.h"
#include "store_vote.h"
#include "strbuf.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ERRSZ 1024
#define MAX_TEXTS 400

/* A statement may scan table when its text holds needle ("$" at its end:
 * ends with it). */
static const struct {
	const char *needle, *table, *why;
} allowed[] = {
	{ "GROUP BY t.id ORDER BY t.name", "teams", "`mlmat team list` lists every team" },
	{ "LEFT JOIN team_latest l ON l.team_id = t.id ORDER BY t.name$", "teams",
	  "a list of every team with its latest assessment (report, the new-assessment form)" },
	{ "archived_at IS NOT NULL FROM teams ORDER BY name$", "teams",
	  "home lists every team's name (from the index teams_list)" },
	{ "WHERE t.archived_at IS NULL ORDER BY t.id", "teams",
	  "the organisation view shows every team" },
	{ " FROM audit ORDER BY id$", "audit", "the audit chain check reads every row in order" },
	{ " FROM audit ORDER BY id DESC LIMIT 1$", "audit", "the last row only, the rowid's last" },
	{ "SELECT 1 FROM audit WHERE hash = ?$", "audit",
	  "a restore asks once whether a copy holds a change; it copies the whole file anyway" },
	{ "JOIN teams t ON t.id = a.team_id ORDER BY p.moved_ms", "presence",
	  "who is where: one row per open dashboard" },
	/* Exports of everything. */
	{ "= md.dimension_id ORDER BY t.name", "dims", "`mlmat export` of every assessment" },
	{ "LEFT JOIN teams t ON t.id = a.team_id ORDER BY au.id$", "audit",
	  "`mlmat export --what audit` of the whole log" },
	{ "r.closed_at IS NOT NULL) ORDER BY", "votes", "`mlmat export --what votes` of every vote" },
	{ "a.model FROM teams t JOIN assessments a ON a.team_id = t.id ORDER BY t.name, a.period$",
	  "teams", "`mlmat export --what criteria` of every assessment" },
	{ "JOIN roadmap r ON r.team_id = t.id ORDER BY", "teams",
	  "`mlmat export --what roadmap` of every team" },
	{ "SELECT count(*) FROM assessments$", "assessments",
	  "`mlmat demo` asks once whether the database is empty" },
};

/* Tables that grow with the organisation. */
static const char *const growing[] = {
	"assessments", "answers", "dims", "audit", "roadmap", "presence", "votes", "vote_rounds",
	"teams", "team_latest",
};

struct texts {
	char *s[MAX_TEXTS];
	size_t n;
};

static struct texts seen;

static void remember(const char *sql)
{
	const char *p = sql;
	char word[8] = "";
	size_t k = 0;

	while (isspace((unsigned char)*p))
		p++;
	while (k < sizeof word - 1 && isalpha((unsigned char)p[k])) {
		word[k] = (char)toupper((unsigned char)p[k]);
		k++;
	}
	word[k] = '\0';
	/* Queries and changes; not PRAGMAs, transactions or the schema. */
	if (strcmp(word, "SELECT") && strcmp(word, "INSERT") && strcmp(word, "UPDATE") &&
	    strcmp(word, "DELETE") && strcmp(word, "WITH"))
		return;
	for (size_t i = 0; i < seen.n; i++)
		if (!strcmp(seen.s[i], sql))
			return;
	if (seen.n == MAX_TEXTS)
		fail_msg("more than %d statements", MAX_TEXTS);
	seen.s[seen.n++] = strdup(sql);
}

static int trace(unsigned type, void *ctx, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);

	(void)type, (void)ctx, (void)x;
	if (sql)
		remember(sql);
	return 0;
}

/* On every connection SQLite opens in this process: the store's, and
 * those the backup module opens on copies. */
static int trace_connection(sqlite3 *db, char **err, const sqlite3_api_routines *api)
{
	(void)err, (void)api;
	sqlite3_trace_v2(db, SQLITE_TRACE_STMT, trace, NULL);
	return SQLITE_OK;
}

/* ---- the plan ---------------------------------------------------------- */

struct alias {
	char name[64], table[64];
};

static bool is_word(const char *w, const char *k)
{
	return !strcasecmp(w, k);
}

static bool is_keyword(const char *w)
{
	static const char *const kw[] = { "ON", "WHERE", "JOIN", "LEFT", "INNER", "CROSS", "ORDER",
					  "GROUP", "SET", "USING", "LIMIT", "UNION", "VALUES",
					  "NATURAL", "OUTER", "AS", "OR", "DEFAULT", "SELECT" };

	for (size_t i = 0; i < sizeof kw / sizeof *kw; i++)
		if (is_word(w, kw[i]))
			return true;
	return false;
}

/* The words of sql (identifiers; every other character a word of its own,
 * string literals left out). */
static size_t words(const char *sql, char (*w)[64], size_t max)
{
	size_t n = 0;

	for (const char *p = sql; *p && n < max;) {
		if (isspace((unsigned char)*p)) {
			p++;
		} else if (*p == '\'') {
			for (p++; *p && *p != '\''; p++)
				;
			if (*p)
				p++;
		} else if (isalpha((unsigned char)*p) || *p == '_') {
			size_t k = 0;

			while ((isalnum((unsigned char)*p) || *p == '_') && k < 63)
				w[n][k++] = *p++;
			w[n++][k] = '\0';
		} else {
			w[n][0] = *p++;
			w[n++][1] = '\0';
		}
	}
	return n;
}

/* The table each name a plan may say stands for: after FROM, JOIN, UPDATE
 * (OR IGNORE) and INTO, a table and its alias. */
static size_t aliases(const char *sql, struct alias *al, size_t max)
{
	static char w[1024][64];
	size_t nw = words(sql, w, 1024), n = 0;

	for (size_t i = 0; i + 1 < nw && n + 2 <= max; i++) {
		size_t j = i + 1;

		if (!is_word(w[i], "FROM") && !is_word(w[i], "JOIN") && !is_word(w[i], "UPDATE") &&
		    !is_word(w[i], "INTO"))
			continue;
		if (is_word(w[i], "UPDATE") && is_word(w[j], "OR"))
			j += 2;
		if (j >= nw || !(isalpha((unsigned char)w[j][0]) || w[j][0] == '_'))
			continue;
		snprintf(al[n].name, sizeof al[n].name, "%s", w[j]);
		snprintf(al[n].table, sizeof al[n].table, "%s", w[j]);
		n++;
		if (j + 1 < nw && is_word(w[j + 1], "AS"))
			j++;
		if (j + 1 < nw && (isalpha((unsigned char)w[j + 1][0]) || w[j + 1][0] == '_') &&
		    !is_keyword(w[j + 1])) {
			snprintf(al[n].name, sizeof al[n].name, "%s", w[j + 1]);
			snprintf(al[n].table, sizeof al[n].table, "%s", w[j]);
			n++;
		}
	}
	return n;
}

static bool grows(const char *table)
{
	for (size_t i = 0; i < sizeof growing / sizeof *growing; i++)
		if (!strcmp(growing[i], table))
			return true;
	return false;
}

static bool may_scan(const char *sql, const char *table)
{
	for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++) {
		const char *nd = allowed[i].needle, *at = strstr(sql, nd);
		size_t len = strlen(nd);

		if (strcmp(allowed[i].table, table))
			continue;
		if (len && nd[len - 1] == '$') {
			len--;
			at = strlen(sql) >= len ? sql + strlen(sql) - len : NULL;
			if (at && strncmp(at, nd, len))
				at = NULL;
		}
		if (at)
			return true;
	}
	return false;
}

/* Appends to bad each full scan of a growing table in sql's plan. */
static void check_plan(sqlite3 *db, const char *sql, struct strbuf *bad, size_t *plans)
{
	struct alias al[64];
	size_t nal = aliases(sql, al, 64);
	char *q = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(db, q, -1, &s, NULL) != SQLITE_OK)
		fail_msg("cannot plan %s: %s", sql, sqlite3_errmsg(db));
	free(q);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(s, 3);
		char name[64] = "";
		const char *table;

		if (!d || strncmp(d, "SCAN ", 5))
			continue;
		sscanf(d + 5, "%63s", name);
		table = name;
		for (size_t i = 0; i < nal; i++)
			if (!strcmp(al[i].name, name))
				table = al[i].table;
		if (grows(table) && !may_scan(sql, table)) {
			fprintf(stderr, "full scan: %s (%s) in: %s\n", d, table, sql);
			sb_printf(bad, "%s%s", bad->len ? ", " : "", table);
		}
	}
	if (rc != SQLITE_DONE)
		fail_msg("cannot plan %s: %s", sql, sqlite3_errmsg(db));
	sqlite3_finalize(s);
	(*plans)++;
}

/* ---- the tour of the store --------------------------------------------- */

struct fx {
	char *dir, path[4200];
	struct model *m;
	struct store *st;
};

static void ok(struct fx *f, bool done)
{
	if (!done)
		fail_msg("%s", store_error(f->st));
}

static int per(const char *s)
{
	int p = 0;

	assert_true(period_parse(s, &p));
	return p;
}

static void no_team(void *ctx, const char *name, int64_t n, int latest, bool archived)
{
	(void)ctx, (void)name, (void)n, (void)latest, (void)archived;
}

static void no_cell(void *ctx, int period, const char *dim, int level, double score, double gap,
		    int target)
{
	(void)ctx, (void)period, (void)dim, (void)level, (void)score, (void)gap, (void)target;
}

static void no_org(void *ctx, const struct org_cell *c)
{
	(void)ctx, (void)c;
}

static void no_vote(void *ctx, const char *crit, int round, const char *user, enum answer v,
		    const char *at, bool revealed)
{
	(void)ctx, (void)crit, (void)round, (void)user, (void)v, (void)at, (void)revealed;
}

static bool count_row(void *ctx, const struct store_value *v, size_t n)
{
	(void)v, (void)n;
	++*(size_t *)ctx;
	return true;
}

/* Every kind with each combination of team, period and assessment. */
static void tour_exports(struct fx *f, const char *team, int period, int64_t assessment)
{
	for (int kind = STORE_EXPORT_ANSWERS; kind <= STORE_EXPORT_VOTES; kind++)
		for (int mask = 0; mask < 8; mask++) {
			struct store_export_filter flt = {
				.team = mask & 1 ? team : NULL,
				.period = mask & 2 ? period : NO_PERIOD,
				.assessment = mask & 4 ? assessment : 0,
			};
			size_t rows = 0;

			if (kind == STORE_EXPORT_ROADMAP && mask > 1)
				continue;
			ok(f, store_export_rows(f->st, (enum store_export_kind)kind, &flt, count_row,
						&rows));
		}
}

static void tour_assessment(struct fx *f, int64_t id)
{
	struct assessment *a = NULL;
	struct vote_round r = { 0 };
	struct vote_cast *casts = NULL;
	struct presence *pr = NULL;
	size_t n = 0;
	char *user = NULL, *theirs = NULL;
	int64_t round, found;
	int p;

	assert_int_equal(store_assessment_load(f->st, id, &a), 1);
	ok(f, store_assessment_reload(f->st, a));
	assert_true(store_assessment_source(f->st, a, &p) >= 0);
	assert_true(store_assessment_find(f->st, a->team_id, a->period, &found) >= 0);
	ok(f, store_presence_put(f->st, id, a->model->dims[0].id, a->model->crits[0].id, true));
	ok(f, store_presence_list(f->st, id, &pr, &n));
	store_presence_free(pr, n);
	assert_true(store_presence_last_editor(f->st, id, &user) >= 0);
	free(user);
	ok(f, store_set_answer(f->st, a, 0, ANS_PARTLY));
	ok(f, store_restore_answer(f->st, a, 0, ANS_YES, ORIGIN_ANSWERED));
	assert_true(store_confirm_carried(f->st, a, 0) >= 0);
	ok(f, store_set_target(f->st, a, 0, a->model->highest));
	ok(f, store_set_override(f->st, a, 0, a->model->lowest, "a reason"));
	ok(f, store_set_notes(f->st, a, 0, "notes"));
	assert_int_equal(store_set_notes_if(f->st, a, 0, "notes", "more notes", &theirs),
			 STORE_SAVED);
	ok(f, store_set_crit_text(f->st, a, 1, CRIT_COMMENT, "a comment"));
	assert_int_equal(store_set_crit_text_if(f->st, a, 1, CRIT_EVIDENCE, NULL, "evidence",
						&theirs), STORE_SAVED);
	round = store_vote_open(f->st, a, 2);
	assert_true(round > 0);
	ok(f, store_vote_cast(f->st, round, ANS_YES));
	ok(f, store_vote_list(f->st, round, &casts, &n));
	store_vote_list_free(casts, n);
	assert_int_equal(store_vote_current(f->st, id, &r), 1);
	store_vote_round_clear(&r);
	ok(f, store_vote_reveal(f->st, round));
	ok(f, store_vote_each(f->st, id, NULL, no_vote, NULL));
	ok(f, store_vote_each(f->st, id, a->model->crits[2].id, no_vote, NULL));
	ok(f, store_vote_close(f->st, a, round, ANS_YES));
	ok(f, store_sign_off(f->st, a));
	ok(f, store_reopen(f->st, a, "a reason"));
	ok(f, store_presence_leave(f->st));
	assessment_free(a);
}

static void tour_team(struct fx *f, int64_t team)
{
	struct period_row *rows = NULL;
	struct roadmap_row *rm = NULL;
	size_t n = 0;
	char *name = NULL, *theirs = NULL;
	int64_t latest = 0;
	int period = 0;

	assert_int_equal(store_team_name(f->st, team, &name), 1);
	free(name);
	assert_int_equal(store_team_latest(f->st, team, &latest, &period), 1);
	ok(f, store_team_cells(f->st, team, per("2024-Q1"), period, no_cell, NULL));
	ok(f, store_team_assessments(f->st, team, &rows, &n));
	free(rows);
	ok(f, store_roadmap_list(f->st, team, true, &rm, &n));
	store_roadmap_free(rm, n);
	ok(f, store_roadmap_list(f->st, team, false, &rm, &n));
	assert_true(n > 0);
	ok(f, store_roadmap_set_status(f->st, team, rm[0].criterion_id, RM_IN_PROGRESS));
	ok(f, store_roadmap_set_owner(f->st, team, rm[0].criterion_id, "owner"));
	assert_int_equal(store_roadmap_set_owner_if(f->st, team, rm[0].criterion_id, "owner",
						    "someone", &theirs), STORE_SAVED);
	ok(f, store_roadmap_set_due(f->st, team, rm[0].criterion_id, period));
	store_roadmap_free(rm, n);
	tour_assessment(f, latest);
}

static void tour(struct fx *f)
{
	struct team_summary *teams = NULL, one;
	struct arena *names = NULL;
	struct store_changes changes;
	char name[TEAM_NAME_BYTES], other[TEAM_NAME_BYTES], hash[65], at[21], err[ERRSZ];
	char copy[4300];
	struct store_copy_info info;
	int64_t team = 0, rows = 0, id;
	int *periods = NULL;
	size_t n = 0, np = 0;
	bool created;
	struct assessment *a = NULL;
	struct store_import_change ch = { 0, ANS_NO, "imported", NULL };

	ok(f, store_team_list(f->st, &teams, &n));
	store_team_list_free(teams, n);
	snprintf(copy, sizeof copy, "%s/copy.db", f->dir);
	ok(f, store_teams_each(f->st, no_team, NULL));
	ok(f, store_periods(f->st, &periods, &np));
	assert_true(np > 1);
	ok(f, store_org_cells(f->st, periods[np - 1], no_org, NULL));
	ok(f, store_org_cells(f->st, periods[0], no_org, NULL));
	ok(f, store_team_names(f->st, &teams, &n, &names));
	assert_true(n > 0);
	assert_int_equal(store_team_one(f->st, teams[0].id, &one), 1);
	free(one.name);
	free(teams);
	arena_free(names);
	assert_true(store_audit_last(f->st) > 0);
	ok(f, store_changes_since(f->st, 1, &changes));
	assert_true(store_assessment_count(f->st) > 0);
	ok(f, store_audit_mark(f->st, hash));
	assert_int_equal(store_audit_verify(f->st, &rows, hash), 1);
	assert_int_equal(store_last_change(f->st, at, hash), 1);

	/* A backup, checked as a restore checks it. */
	tu_write_file(copy, "");
	ok(f, store_backup_into(f->st, copy));
	if (!store_copy_check(copy, &info, err, sizeof err))
		fail_msg("%s", err);
	assert_int_equal(store_copy_holds(copy, hash), 1);

	demo_team_name(0, name);
	assert_int_equal(store_team_find(f->st, name, &team), 1);
	tour_team(f, team);
	store_team_latest(f->st, team, &id, NULL);
	tour_exports(f, name, periods[np - 1], id);
	/* A new quarter, from the latest (a copy). */
	assert_true(store_assessment_begin(f->st, name, periods[np - 1] + 1, "fac", f->m,
					   &created) > 0);
	assert_true(created);

	ok(f, store_begin(f->st));
	/* A quarter no other team has, for the merge below. */
	id = store_import_create(f->st, "Imported", periods[np - 1] + 3, f->m, "fac", "file.csv");
	ok(f, id > 0);
	assert_int_equal(store_assessment_load(f->st, id, &a), 1);
	ok(f, store_import_apply(f->st, a, &ch, 1, "file.csv"));
	ok(f, store_commit(f->st));
	assessment_free(a);

	demo_team_name(1, name);
	ok(f, store_team_rename(f->st, name, "Renamed"));
	ok(f, store_team_archive(f->st, "Renamed", true));
	ok(f, store_team_archive(f->st, "Renamed", false));
	/* Refused (both have the same quarters), after its queries ran. */
	demo_team_name(2, name);
	demo_team_name(3, other);
	assert_false(store_team_merge(f->st, name, other));
	ok(f, store_team_merge(f->st, "Imported", other));
	ok(f, store_team_delete(f->st, name, true));
	free(periods);
}

/* ---- the test ---------------------------------------------------------- */

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[ERRSZ] = "";
	struct demo_params p = { .teams = 30, .quarters = 8, .seed = 7, .force = false };

	f->dir = tu_tmpdir();
	snprintf(f->path, sizeof f->path, "%s/plans.db", f->dir);
	if (!(f->m = model_load_builtin(err, sizeof err)))
		fail_msg("%s", err);
	if (!(f->st = store_open(f->path, STORE_CREATE, err, sizeof err)))
		fail_msg("%s", err);
	/* After the schema's creation: its statements run once per database. */
	trace_connection(store_db(f->st), NULL, NULL);
	sqlite3_auto_extension((void (*)(void))trace_connection);
	p.last_period = per("2026-Q2");
	if (!demo_fill(f->st, f->m, &p))
		fail_msg("demo_fill: %s", store_error(f->st));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->st);
	sqlite3_reset_auto_extension();
	model_free(f->m);
	tu_tmpdir_remove(f->dir);
	for (size_t i = 0; i < seen.n; i++)
		free(seen.s[i]);
	seen.n = 0;
	free(f);
	return 0;
}

static void test_no_full_scans(void **state)
{
	struct fx *f = *state;
	sqlite3 *db = store_db(f->st);
	struct strbuf bad;
	size_t plans = 0;

	tour(f);
	sqlite3_trace_v2(db, 0, NULL, NULL);
	/* The prepared-statement table, including statements no call above
	 * happened to run. */
	for (int i = 0; i < S_NSTMT; i++) {
		sqlite3_stmt *s = store_stmt(f->st, (enum sid)i);

		if (!s)
			fail_msg("%s", store_error(f->st));
		remember(sqlite3_sql(s));
	}
	sb_init(&bad);
	for (size_t i = 0; i < seen.n; i++)
		check_plan(db, seen.s[i], &bad, &plans);
	if (bad.len)
		fail_msg("%zu statements planned; full scans of: %s", plans, bad.s);
	sb_free(&bad);
	/* The tour reached the statements outside the table too (112 when
	 * written). */
	assert_true(plans >= 90);
}

/* The audit export of one assessment is read through audit_assessment. */
static void test_audit_by_assessment(void **state)
{
	struct fx *f = *state;
	struct store_export_filter flt = { NULL, NO_PERIOD, 1 };
	size_t rows = 0, plans = 0;
	struct strbuf bad;

	ok(f, store_export_rows(f->st, STORE_EXPORT_AUDIT, &flt, count_row, &rows));
	assert_true(rows > 0);
	sb_init(&bad);
	for (size_t i = 0; i < seen.n; i++)
		if (strstr(seen.s[i], "FROM audit au"))
			check_plan(store_db(f->st), seen.s[i], &bad, &plans);
	assert_int_equal(plans, 1);
	if (bad.len)
		fail_msg("full scan of %s", bad.s);
	sb_free(&bad);
}

static int64_t qint(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* A version 4 database (the same schema without version 5's table and
 * indexes) is given them when it is opened, with its data. */
static void test_upgrade_from_v4(void **state)
{
	struct fx *f = *state;
	char err[ERRSZ] = "";
	int64_t teams = qint(store_db(f->st), "SELECT count(*) FROM teams");
	struct strbuf bad;
	size_t plans = 0;

	assert_int_equal(sqlite3_exec(store_db(f->st), "DROP INDEX presence_assessment;"
				      "DROP INDEX presence_seen; DROP INDEX teams_list;"
				      "DROP TRIGGER team_latest_insert; DROP TRIGGER team_latest_delete;"
				      "DROP TRIGGER team_latest_update; DROP TRIGGER team_latest_moved;"
				      "DROP TABLE team_latest; DROP TRIGGER org_assessment_insert;"
				      "DROP TRIGGER org_assessment_delete; DROP TRIGGER org_assessment_move;"
				      "DROP TRIGGER org_assessment_scores; DROP TRIGGER org_dim_insert;"
				      "DROP TRIGGER org_dim_delete; DROP TRIGGER org_dim_update;"
				      "DROP TRIGGER org_team_insert; DROP TRIGGER org_team_delete;"
				      "DROP TRIGGER org_team_update; DROP TABLE org_periods;"
				      "DROP TABLE org_rows; DROP TABLE org_dim_sums; DROP TABLE org_dim_rows;"
				      "DROP TABLE org_sums; PRAGMA user_version = 4;",
				      NULL, NULL, NULL), SQLITE_OK);
	store_close(f->st);
	if (!(f->st = store_open(f->path, 0, err, sizeof err)))
		fail_msg("%s", err);
	assert_int_equal(qint(store_db(f->st), "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(qint(store_db(f->st), "SELECT count(*) FROM sqlite_schema WHERE name IN "
			      "('presence_assessment', 'presence_seen')"), 2);
	assert_int_equal(qint(store_db(f->st), "SELECT count(*) FROM teams"), teams);
	/* team_latest filled: each team's newest assessment and the overall
	 * scores before it, as a query of assessments finds them. */
	assert_int_equal(qint(store_db(f->st), "SELECT count(*) FROM team_latest"), teams);
	assert_int_equal(qint(store_db(f->st),
			      "SELECT count(*) FROM team_latest l WHERE l.assessment_id = (SELECT id "
			      "FROM assessments WHERE team_id = l.team_id ORDER BY period DESC LIMIT 1) "
			      "AND l.t1 IS (SELECT overall FROM assessments WHERE team_id = l.team_id "
			      "ORDER BY period DESC LIMIT 1 OFFSET 1) AND l.t7 IS (SELECT overall FROM "
			      "assessments WHERE team_id = l.team_id ORDER BY period DESC LIMIT 1 "
			      "OFFSET 7)"), teams);
	sb_init(&bad);
	check_plan(store_db(f->st), "DELETE FROM assessments WHERE team_id = ?", &bad, &plans);
	if (bad.len)
		fail_msg("full scan of %s", bad.s);
	sb_free(&bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_no_full_scans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_by_assessment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_from_v4, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
