/* Database errors are errors, not "absent": each store lookup, count and
 * read is made to fail at query time on a real database file, and must
 * answer -1 (or false) with a "mlmat: PATH: ..." message, never 0, NULL or a
 * silent default. Two ways to fail:
 * - from a second connection, as another process would: a table renamed
 *   away, a stored model damaged or deleted;
 * - on the store's own connection (white-box, through store_db), a
 *   progress handler that interrupts exactly one statement, picked by a
 *   piece of its SQL, so that one lookup fails while every other statement
 *   of the same change would work (the case where a failure taken for
 *   "absent" silently writes the wrong thing).
 * report_write is also checked to read one snapshot while another
 * connection commits in the middle of it. */
#include "testutil.h"

#include "export.h"
#include "model.h"
#include "period.h"
#include "report.h"
#include "store.h"
#include "store_bulk.h"
#include "store_int.h"      /* store_db: the interrupting tests */

#include <sqlite3.h>

#define ERRSZ 1200

/* Levels 1 to 3; dimension da: a2a a2b (L2) a3a (L3); db: b2a (L2) b3a (L3). */
static const char model_yaml[] =
	"id: t\nname: Test model\nversion: \"1\"\n"
	"levels:\n"
	"  - level: 1\n    name: One\n"
	"  - level: 2\n    name: Two\n"
	"  - level: 3\n    name: Three\n"
	"dimensions:\n"
	"  - id: da\n    name: Dim da\n    criteria:\n"
	"      - id: a2a\n        level: 2\n        text: Criterion a2a\n"
	"      - id: a2b\n        level: 2\n        text: Criterion a2b\n"
	"      - id: a3a\n        level: 3\n        text: Criterion a3a\n"
	"  - id: db\n    name: Dim db\n    criteria:\n"
	"      - id: b2a\n        level: 2\n        text: Criterion b2a\n"
	"      - id: b3a\n        level: 3\n        text: Criterion b3a\n";

struct fx {
	char *dir;
	char path[4200];
	struct model *m;
	struct model *big;              /* the built-in model, for bulk rows */
	struct store *st;
	sqlite3 *other;                 /* another process's connection */
	struct assessment *a;
	char *text;                     /* a string a test got from the store */
	char *out;                      /* a report written to memory */
	size_t outlen;
	int64_t alpha, beta;            /* team ids */
	int64_t alpha_q1, alpha_q2, beta_q1;
};

static int per(const char *s)
{
	int p = 0;

	if (!period_parse(s, &p))
		fail_msg("bad period %s", s);
	return p;
}

static int64_t begin(struct fx *f, const char *team, const char *period)
{
	bool created;
	int64_t id = store_assessment_begin(f->st, team, per(period), "facil", f->m, &created);

	if (!id)
		fail_msg("store_assessment_begin(%s, %s): %s", team, period, store_error(f->st));
	return id;
}

static void set_answer(struct fx *f, int64_t id, const char *crit, enum answer v)
{
	struct assessment *a;

	if (store_assessment_load(f->st, id, &a) != 1)
		fail_msg("store_assessment_load(%lld): %s", (long long)id, store_error(f->st));
	f->a = a;
	if (!store_set_answer(f->st, a, (size_t)model_find_criterion(f->m, crit), v))
		fail_msg("store_set_answer(%s): %s", crit, store_error(f->st));
	assessment_free(a);
	f->a = NULL;
}

/* Alpha in 2026-Q1 and 2026-Q2 (carried forward; a2b no, so a roadmap
 * item), Beta in 2026-Q1. */
static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[ERRSZ];

	if (!f)
		return -1;
	*state = f;
	f->dir = tu_tmpdir();
	snprintf(f->path, sizeof f->path, "%s/mlmat.db", f->dir);
	f->m = model_load_buffer(model_yaml, strlen(model_yaml), "test.yaml", err, sizeof err);
	if (!f->m) {
		fprintf(stderr, "model: %s\n", err);
		return -1;
	}
	f->st = store_open(f->path, STORE_CREATE, err, sizeof err);
	if (!f->st) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	f->alpha_q1 = begin(f, "Alpha", "2026-Q1");
	set_answer(f, f->alpha_q1, "a2a", ANS_YES);
	f->alpha_q2 = begin(f, "Alpha", "2026-Q2");
	set_answer(f, f->alpha_q2, "a2b", ANS_NO);
	f->beta_q1 = begin(f, "Beta", "2026-Q1");
	if (store_team_find(f->st, "Alpha", &f->alpha) != 1 ||
	    store_team_find(f->st, "Beta", &f->beta) != 1) {
		fprintf(stderr, "%s\n", store_error(f->st));
		return -1;
	}
	if (sqlite3_open_v2(f->path, &f->other, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(f->other, 10000);
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	if (f->st)
		sqlite3_progress_handler(store_db(f->st), 0, NULL, NULL);
	assessment_free(f->a);
	store_close(f->st);
	sqlite3_close(f->other);
	model_free(f->m);
	model_free(f->big);
	free(f->text);
	free(f->out);
	tu_tmpdir_remove(f->dir);
	free(f);
	return 0;
}

/* Runs SQL on the other connection, as another process would. */
static void other_exec(struct fx *f, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(f->other, sql, NULL, NULL, &msg) != SQLITE_OK) {
		char copy[512];

		snprintf(copy, sizeof copy, "%s", msg ? msg : "?");
		sqlite3_free(msg);
		fail_msg("%s: %s", sql, copy);
	}
}

/* The store's last error is its own kind of message and names the cause. */
static void assert_error(struct fx *f, const char *needle)
{
	const char *err = store_error(f->st);
	char prefix[4300];

	snprintf(prefix, sizeof prefix, "mlmat: %s: ", f->path);
	if (strncmp(err, prefix, strlen(prefix)) != 0)
		fail_msg("error '%s' does not start with '%s'", err, prefix);
	if (!strstr(err, needle))
		fail_msg("error '%s' does not mention '%s'", err, needle);
}

/* ---- interrupting one statement of the store's own connection ---------- */

static struct {
	sqlite3 *db;
	const char *piece;      /* of the SQL of the statement to interrupt */
	int hits;
} interrupt;

static int interrupt_cb(void *ctx)
{
	(void)ctx;
	for (sqlite3_stmt *s = sqlite3_next_stmt(interrupt.db, NULL); s;
	     s = sqlite3_next_stmt(interrupt.db, s)) {
		if (sqlite3_stmt_busy(s) && strstr(sqlite3_sql(s), interrupt.piece)) {
			interrupt.hits++;
			return 1;
		}
	}
	return 0;
}

static void interrupt_on(struct fx *f, const char *piece)
{
	interrupt.db = store_db(f->st);
	interrupt.piece = piece;
	interrupt.hits = 0;
	sqlite3_progress_handler(interrupt.db, 1, interrupt_cb, NULL);
}

/* Ends the interruption; it must have happened, or the test proved nothing. */
static void interrupt_off(struct fx *f)
{
	sqlite3_progress_handler(store_db(f->st), 0, NULL, NULL);
	if (interrupt.hits == 0)
		fail_msg("no statement with '%s' ran", interrupt.piece);
}

/* ======================================================================== */
/* Lookups: absent is 0, a failure is -1                                    */
/* ======================================================================== */

static void test_team_find(void **state)
{
	struct fx *f = *state;
	int64_t id = -1;

	assert_int_equal(store_team_find(f->st, "Nobody", &id), 0);
	assert_int_equal(id, 0);
	assert_error(f, "Nobody");
	other_exec(f, "ALTER TABLE teams RENAME TO teams_gone");
	id = -1;
	assert_int_equal(store_team_find(f->st, "Alpha", &id), -1);
	assert_int_equal(id, 0);
	assert_error(f, "no such table: teams");
	other_exec(f, "ALTER TABLE teams_gone RENAME TO teams");
	assert_int_equal(store_team_find(f->st, "Alpha", &id), 1);
	assert_int_equal(id, f->alpha);
}

static void test_team_name(void **state)
{
	struct fx *f = *state;

	assert_int_equal(store_team_name(f->st, 999, &f->text), 0);
	assert_null(f->text);
	assert_error(f, "does not exist");
	other_exec(f, "ALTER TABLE teams RENAME TO teams_gone");
	assert_int_equal(store_team_name(f->st, f->beta, &f->text), -1);
	assert_null(f->text);
	assert_error(f, "no such table: teams");
	other_exec(f, "ALTER TABLE teams_gone RENAME TO teams");
	assert_int_equal(store_team_name(f->st, f->beta, &f->text), 1);
	assert_string_equal(f->text, "Beta");
}

static void test_team_latest(void **state)
{
	struct fx *f = *state;
	int64_t id = -1;
	int period = 0;

	assert_int_equal(store_team_latest(f->st, 999, &id, &period), 0);
	assert_int_equal(id, 0);
	assert_int_equal(period, NO_PERIOD);
	assert_int_equal(store_team_latest(f->st, f->alpha, &id, &period), 1);
	assert_int_equal(id, f->alpha_q2);
	assert_int_equal(period, per("2026-Q2"));
	other_exec(f, "ALTER TABLE assessments RENAME TO assessments_gone");
	assert_int_equal(store_team_latest(f->st, f->alpha, &id, &period), -1);
	assert_int_equal(id, 0);
	assert_error(f, "no such table: assessments");
}

static void test_assessment_find(void **state)
{
	struct fx *f = *state;
	int64_t id = -1;

	assert_int_equal(store_assessment_find(f->st, f->beta, per("2026-Q2"), &id), 0);
	assert_int_equal(id, 0);
	assert_int_equal(store_assessment_find(f->st, f->beta, per("2026-Q1"), &id), 1);
	assert_int_equal(id, f->beta_q1);
	other_exec(f, "ALTER TABLE assessments RENAME TO assessments_gone");
	assert_int_equal(store_assessment_find(f->st, f->beta, per("2026-Q1"), &id), -1);
	assert_int_equal(id, 0);
	assert_error(f, "no such table: assessments");
}

/* A failed read is no longer "assessment N does not exist". */
static void test_assessment_load(void **state)
{
	struct fx *f = *state;

	assert_int_equal(store_assessment_load(f->st, 999, &f->a), 0);
	assert_null(f->a);
	assert_error(f, "assessment 999 does not exist");
	other_exec(f, "ALTER TABLE assessments RENAME TO assessments_gone");
	assert_int_equal(store_assessment_load(f->st, f->beta_q1, &f->a), -1);
	assert_null(f->a);
	assert_error(f, "no such table: assessments");
	assert_null(strstr(store_error(f->st), "does not exist"));
}

/* A stored model that does not parse, or that is gone, breaks the
 * assessments taken with it: an error, not an absent assessment. */
static void test_model_get(void **state)
{
	struct fx *f = *state;
	char err[ERRSZ];
	const struct model *m;

	/* A fresh store, so that no model is cached. */
	store_close(f->st);
	f->st = NULL;
	other_exec(f, "UPDATE models SET yaml = 'id: [broken'");
	f->st = store_open(f->path, 0, err, sizeof err);
	assert_non_null(f->st);
	assert_int_equal(store_model_get(f->st, 1, &m), -1);
	assert_null(m);
	assert_error(f, "stored model 1");
	assert_int_equal(store_assessment_load(f->st, f->alpha_q1, &f->a), -1);
	assert_null(f->a);
	assert_error(f, "stored model 1");

	other_exec(f, "PRAGMA foreign_keys = OFF; DELETE FROM model_criteria; DELETE FROM model_dims; "
		   "DELETE FROM models");
	assert_int_equal(store_model_get(f->st, 1, &m), 0);
	assert_null(m);
	assert_error(f, "model 1 is missing");
	assert_int_equal(store_assessment_load(f->st, f->alpha_q1, &f->a), -1);
	assert_null(f->a);
	assert_error(f, "model 1 is missing");
}

/* ======================================================================== */
/* Counts and lists                                                         */
/* ======================================================================== */

static void test_assessment_count(void **state)
{
	struct fx *f = *state;

	assert_int_equal(store_assessment_count(f->st), 3);
	other_exec(f, "ALTER TABLE assessments RENAME TO assessments_gone");
	assert_int_equal(store_assessment_count(f->st), -1);
	assert_error(f, "no such table: assessments");
}

static double overall(struct fx *f, int64_t id)
{
	struct assessment *a;
	double v;

	if (store_assessment_load(f->st, id, &a) != 1)
		fail_msg("store_assessment_load: %s", store_error(f->st));
	v = a->overall.score;
	assessment_free(a);
	return v;
}

/* The home screen's sparklines: each team's last overall scores, oldest
 * first, kept by the database (team_latest) as assessments change, by
 * whoever changes them; a failed read is an error. */
static void test_trends(void **state)
{
	struct fx *f = *state;
	struct team_summary *t, one;
	size_t n;
	double q1, q2;

	set_answer(f, f->alpha_q2, "b2a", ANS_YES);
	q1 = overall(f, f->alpha_q1);
	q2 = overall(f, f->alpha_q2);
	assert_true(q2 > q1);
	assert_true(store_team_list(f->st, &t, &n));
	assert_int_equal(n, 2);
	assert_int_equal(t[0].id, f->alpha);
	assert_int_equal(t[0].ntrend, 2);
	assert_true(t[0].trend[0] == q1 && t[0].trend[1] == q2 && t[0].overall == q2);
	assert_int_equal(t[0].latest_id, f->alpha_q2);
	assert_int_equal(t[1].id, f->beta);
	assert_int_equal(t[1].ntrend, 1);
	assert_true(t[1].trend[0] == overall(f, f->beta_q1));
	store_team_list_free(t, n);

	/* Another program's SQL keeps it too: the newest assessment gone,
	 * the one before is the latest. */
	other_exec(f, "DELETE FROM assessments WHERE id = (SELECT max(id) FROM assessments "
		      "WHERE team_id = (SELECT id FROM teams WHERE name = 'Alpha'))");
	assert_int_equal(store_team_one(f->st, f->alpha, &one), 1);
	assert_int_equal(one.latest_id, f->alpha_q1);
	assert_int_equal(one.ntrend, 1);
	assert_true(one.trend[0] == q1);
	free(one.name);
	assert_int_equal(store_team_one(f->st, 999999, &one), 0);

	/* A value that is no number is an error, not a point. */
	other_exec(f, "UPDATE team_latest SET t1 = 'x'");
	assert_false(store_team_list(f->st, &t, &n));
	assert_error(f, "an earlier overall score");

	other_exec(f, "ALTER TABLE team_latest RENAME TO team_latest_gone");
	assert_false(store_team_list(f->st, &t, &n));
	assert_error(f, "no such table: team_latest");
}

/* What changed since an audit row: the teams of the assessments changed,
 * or the whole organisation for a change of no assessment. */
static void test_changes(void **state)
{
	struct fx *f = *state;
	struct store_changes c;
	int64_t seen = store_audit_last(f->st);

	assert_true(seen > 0);
	assert_true(store_changes_since(f->st, seen, &c));
	assert_false(c.all);
	assert_int_equal(c.nteams, 0);
	assert_int_equal(c.last, seen);

	set_answer(f, f->alpha_q2, "b2a", ANS_NO);
	set_answer(f, f->alpha_q1, "b2a", ANS_NO);
	assert_true(store_changes_since(f->st, seen, &c));
	assert_false(c.all);
	assert_int_equal(c.nteams, 1);          /* one team, however many rows */
	assert_int_equal(c.teams[0], f->alpha);
	assert_true(store_changes_team(&c, f->alpha));
	assert_false(store_changes_team(&c, f->beta));
	assert_true(c.last > seen);
	assert_int_equal(c.last, store_audit_last(f->st));

	seen = c.last;
	set_answer(f, f->beta_q1, "b2a", ANS_NO);
	assert_true(store_changes_since(f->st, seen, &c));
	assert_int_equal(c.nteams, 1);
	assert_int_equal(c.teams[0], f->beta);

	seen = c.last;
	assert_true(store_team_rename(f->st, "Beta", "Gamma"));
	assert_true(store_changes_since(f->st, seen, &c));
	assert_true(c.all);
	assert_true(store_changes_team(&c, f->alpha));
}

static void test_export_error(void **state)
{
	struct fx *f = *state;
	struct export_filter filter = { NULL, NO_PERIOD, 0 };
	FILE *out = open_memstream(&f->out, &f->outlen);

	assert_non_null(out);
	other_exec(f, "ALTER TABLE dims RENAME TO dims_gone");
	assert_false(export_write(f->st, EXPORT_ANSWERS, &filter, out));
	assert_error(f, "cannot export: no such table: dims");
	/* A failure while the rows stream, after the header. */
	interrupt_on(f, "FROM teams t JOIN roadmap r");
	assert_false(export_write(f->st, EXPORT_ROADMAP, &filter, out));
	interrupt_off(f);
	fclose(out);
	assert_error(f, "cannot export: interrupted");
}

/* ======================================================================== */
/* Lookups inside changes: a failure stops the change                      */
/* ======================================================================== */

/* Taking a failed team lookup for "no such team" would create a second
 * team of the name or, here, a new one nobody asked for. */
static void test_begin_team_lookup_fails(void **state)
{
	struct fx *f = *state;
	bool created = true;
	int64_t id;

	interrupt_on(f, "FROM teams WHERE name = ?");
	assert_int_equal(store_assessment_begin(f->st, "Gamma", per("2026-Q1"), "facil", f->m,
						&created), 0);
	interrupt_off(f);
	assert_false(created);
	assert_error(f, "cannot find the team: interrupted");
	assert_int_equal(store_team_find(f->st, "Gamma", &id), 0);
	assert_int_equal(store_assessment_count(f->st), 3);
}

/* Taking a failed lookup of the team's assessment in that period for
 * "none" would create one without knowing whether it exists. */
static void test_begin_assessment_lookup_fails(void **state)
{
	struct fx *f = *state;
	bool created = true;

	interrupt_on(f, "FROM assessments WHERE team_id = ? AND period = ?");
	assert_int_equal(store_assessment_begin(f->st, "Beta", per("2026-Q3"), "facil", f->m,
						&created), 0);
	interrupt_off(f);
	assert_error(f, "cannot find the assessment: interrupted");
	assert_int_equal(store_assessment_count(f->st), 3);
}

/* Taking a failed lookup of the previous assessment for "none" would start
 * the quarter empty instead of carrying the answers forward. */
static void test_begin_previous_lookup_fails(void **state)
{
	struct fx *f = *state;
	bool created = true;
	int64_t id;

	interrupt_on(f, "period < ?");
	assert_int_equal(store_assessment_begin(f->st, "Alpha", per("2026-Q3"), "facil", f->m,
						&created), 0);
	interrupt_off(f);
	assert_error(f, "cannot find the previous assessment: interrupted");
	assert_int_equal(store_assessment_count(f->st), 3);
	/* Once it works, the answers are carried forward. */
	id = begin(f, "Alpha", "2026-Q3");
	assert_int_equal(store_assessment_load(f->st, id, &f->a), 1);
	assert_int_equal(f->a->answers[model_find_criterion(f->m, "a2a")], ANS_YES);
	assert_int_equal(f->a->answers[model_find_criterion(f->m, "a2b")], ANS_NO);
}

/* Taking a failed "is this the latest assessment?" for "no" would save the
 * answer and skip the roadmap: the change is refused and nothing saved. */
static void test_answer_latest_lookup_fails(void **state)
{
	struct fx *f = *state;
	size_t c = (size_t)model_find_criterion(f->m, "a2b");

	assert_int_equal(store_assessment_load(f->st, f->alpha_q2, &f->a), 1);
	interrupt_on(f, "SELECT id, period FROM assessments");
	assert_false(store_set_answer(f->st, f->a, c, ANS_YES));
	interrupt_off(f);
	assert_error(f, "cannot find the team's latest assessment: interrupted");
	assert_true(store_assessment_reload(f->st, f->a));
	assert_int_equal(f->a->answers[c], ANS_NO);
	/* Once it works, the roadmap item follows the answer. */
	assert_true(store_set_answer(f->st, f->a, c, ANS_YES));
	{
		struct roadmap_row *rows;
		size_t n, done = 0;

		assert_true(store_roadmap_list(f->st, f->alpha, false, &rows, &n));
		for (size_t i = 0; i < n; i++)
			if (!strcmp(rows[i].criterion_id, "a2b") && rows[i].status == RM_DONE)
				done++;
		store_roadmap_free(rows, n);
		assert_int_equal(done, 1);
	}
}

/* A failed roadmap read is not "no roadmap item". */
static void test_roadmap_lookup_fails(void **state)
{
	struct fx *f = *state;

	interrupt_on(f, "FROM roadmap WHERE team_id = ? AND criterion_id = ?");
	assert_false(store_roadmap_set_status(f->st, f->alpha, "a2b", RM_IN_PROGRESS));
	interrupt_off(f);
	assert_error(f, "cannot read the roadmap item: interrupted");
	assert_null(strstr(store_error(f->st), "no roadmap item"));
	assert_false(store_roadmap_set_status(f->st, f->alpha, "a3a", RM_IN_PROGRESS));
	assert_error(f, "no roadmap item for a3a");
	assert_true(store_roadmap_set_status(f->st, f->alpha, "a2b", RM_IN_PROGRESS));
}

/* ======================================================================== */
/* One snapshot for a report; bulk writes only inside a change              */
/* ======================================================================== */

static struct {
	sqlite3 *store_db, *other;
	bool done;
	int rc;
} midway;

/* While the report reads Alpha, another connection commits a change to
 * Beta. */
static int midway_cb(void *ctx)
{
	(void)ctx;
	if (midway.done)
		return 0;
	for (sqlite3_stmt *s = sqlite3_next_stmt(midway.store_db, NULL); s;
	     s = sqlite3_next_stmt(midway.store_db, s)) {
		if (sqlite3_stmt_busy(s) && strstr(sqlite3_sql(s), "FROM assessments a JOIN teams t")) {
			midway.done = true;
			midway.rc = sqlite3_exec(midway.other, "UPDATE assessments SET facilitator = "
						 "'CHANGED' WHERE facilitator = 'facil'", NULL, NULL, NULL);
			break;
		}
	}
	return 0;
}

static void test_report_one_snapshot(void **state)
{
	struct fx *f = *state;
	FILE *out = open_memstream(&f->out, &f->outlen);

	assert_non_null(out);
	midway.store_db = store_db(f->st);
	midway.other = f->other;
	midway.done = false;
	sqlite3_progress_handler(midway.store_db, 1, midway_cb, NULL);
	assert_true(report_write(f->st, NULL, NO_PERIOD, true, out));
	sqlite3_progress_handler(midway.store_db, 0, NULL, NULL);
	fclose(out);
	assert_true(midway.done);
	assert_int_equal(midway.rc, SQLITE_OK);
	assert_non_null(strstr(f->out, "Team Beta - 2026-Q1\nFacilitator facil,"));
	assert_null(strstr(f->out, "CHANGED"));
	/* The read is over: the next report sees the change, and changes work. */
	free(f->out);
	f->out = NULL;
	out = open_memstream(&f->out, &f->outlen);
	assert_non_null(out);
	assert_true(report_write(f->st, "Beta", NO_PERIOD, true, out));
	fclose(out);
	assert_non_null(strstr(f->out, "Facilitator CHANGED,"));
	assert_true(begin(f, "Gamma", "2026-Q1") > 0);
}

static void test_read_refuses_changes(void **state)
{
	struct fx *f = *state;

	assert_true(store_read_begin(f->st));
	assert_int_equal(store_bulk_team(f->st, "Delta", "2026-01-01T00:00:00Z"), 0);
	assert_false(store_begin(f->st));
	assert_error(f, "in the middle of a read");
	assert_true(store_read_end(f->st));
	assert_true(store_begin(f->st));
	store_rollback(f->st);
}

static void test_bulk_needs_a_change(void **state)
{
	struct fx *f = *state;
	int64_t id;

	assert_int_equal(store_bulk_team(f->st, "Delta", "2026-01-01T00:00:00Z"), 0);
	assert_error(f, "bulk writes need a transaction");
	assert_false(store_bulk_audit(f->st, "2026-01-01T00:00:00Z", 0, "demo", "x"));
	assert_int_equal(store_team_find(f->st, "Delta", &id), 0);
	assert_true(store_begin(f->st));
	id = store_bulk_team(f->st, "Delta", "2026-01-01T00:00:00Z");
	assert_true(id > 0);
	assert_true(store_commit(f->st));
	assert_int_equal(store_team_find(f->st, "Delta", &id), 1);
}

/* Rows written STORE_BULK_ROWS to a statement and the rest one by one
 * read back as written: answers and origins, NULL where unset, comments
 * and evidence, no row for a criterion left out. */
static void test_bulk_criteria(void **state)
{
	struct fx *f = *state;
	struct store_bulk_assessment b = { 0 };
	struct store_bulk_crit rows[64];
	struct assessment *a;
	size_t n = 0, want = 2 * STORE_BULK_ROWS + 5;
	int64_t id;
	char err[ERRSZ];
	const struct model *m = f->big = model_load_builtin(err, sizeof err);

	assert_non_null(m);
	assert_true(m->ncrits > want);
	assert_true(store_begin(f->st));
	b.team_id = store_bulk_team(f->st, "Delta", "2026-01-01T00:00:00Z");
	b.model_ref = store_model_ref(f->st, m);
	b.period = per("2026-Q1");
	b.facilitator = "facil";
	b.created_at = b.updated_at = "2026-01-02T00:00:00Z";
	id = store_bulk_assessment(f->st, &b);
	assert_true(id > 0);
	for (size_t c = 0; c < want; c++)
		rows[n++] = (struct store_bulk_crit){
			m->crits[c].id, c % 3 == 2 ? ANS_UNKNOWN : c % 3 ? ANS_NO : ANS_YES,
			c % 3 == 2 ? ORIGIN_NONE : c % 2 ? ORIGIN_CARRIED : ORIGIN_ANSWERED,
			c % 3 == 2 || c % 5 == 0 ? "why" : NULL, c % 7 == 0 ? "where" : NULL };
	assert_true(store_bulk_criteria(f->st, id, rows, n));
	assert_true(store_commit(f->st));
	assert_int_equal(store_assessment_load(f->st, id, &a), 1);
	f->a = a;
	for (size_t c = 0; c < m->ncrits; c++) {
		const struct store_bulk_crit *r = c < want ? &rows[c] : NULL;

		assert_int_equal(a->answers[c], r ? r->answer : ANS_UNKNOWN);
		assert_int_equal(a->crits[c].origin, r ? r->origin : ORIGIN_NONE);
		if (r && r->comment)
			assert_string_equal(a->crits[c].comment, r->comment);
		else
			assert_null(a->crits[c].comment);
		if (r && r->evidence)
			assert_string_equal(a->crits[c].evidence, r->evidence);
		else
			assert_null(a->crits[c].evidence);
	}
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_team_find),
		T(test_team_name),
		T(test_team_latest),
		T(test_assessment_find),
		T(test_assessment_load),
		T(test_model_get),
		T(test_assessment_count),
		T(test_trends),
		T(test_changes),
		T(test_export_error),
		T(test_begin_team_lookup_fails),
		T(test_begin_assessment_lookup_fails),
		T(test_begin_previous_lookup_fails),
		T(test_answer_latest_lookup_fails),
		T(test_roadmap_lookup_fails),
		T(test_report_one_snapshot),
		T(test_read_refuses_changes),
		T(test_bulk_needs_a_change),
		T(test_bulk_criteria),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
