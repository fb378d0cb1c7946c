/* Facilitation with several terminals (CONTRACT section 5), through the
 * store on a real SQLite file: presence rows and their liveness (a dead
 * process, a stale heartbeat), blind vote rounds with a second process
 * voting, the reveal, the close that sets the answer, round 2, refusals on
 * a signed-off assessment, the audit rows and `export --what votes`. */
#include "testutil.h"

#include "export.h"
#include "model.h"
#include "period.h"
#include "report.h"
#include "osutil.h"
#include "store.h"
#include "store_int.h"
#include "store_presence.h"
#include "store_vote.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ERRSZ 1024

static const char yaml[] =
	"id: tiny\nname: Tiny model\nversion: \"1\"\nlevels:\n"
	"  - level: 1\n    name: One\n  - level: 2\n    name: Two\n"
	"dimensions:\n"
	"  - id: dx\n    name: Dim X\n    weight: 1\n    criteria:\n"
	"      - id: x2a\n        level: 2\n        text: Criterion x2a\n"
	"      - id: x2b\n        level: 2\n        text: Criterion x2b\n";

enum { X2A, X2B };

struct fx {
	char *dir, path[4200];
	struct model *m;
	struct store *st;
	struct assessment *a;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[ERRSZ] = "";
	bool created;
	int64_t id;
	int p = 0;

	f->dir = tu_tmpdir();
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	f->m = model_load_buffer(yaml, strlen(yaml), "tiny.yaml", err, sizeof err);
	if (!f->m)
		fail_msg("%s", err);
	if (!(f->st = store_open(f->path, STORE_CREATE, err, sizeof err)))
		fail_msg("%s", err);
	assert_true(period_parse("2026-Q1", &p));
	id = store_assessment_begin(f->st, "Team", p, "fac", f->m, &created);
	assert_true(id > 0);
	assert_int_equal(store_assessment_load(f->st, id, &f->a), 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	assessment_free(f->a);
	store_close(f->st);
	model_free(f->m);
	tu_tmpdir_remove(f->dir);
	free(f);
	unsetenv("MLMAT_PRESENCE_TIMEOUT");
	return 0;
}

static void ok(struct fx *f, bool done)
{
	if (!done)
		fail_msg("%s", store_error(f->st));
}

static int64_t qint(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void exec(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

/* A pid that no process has: a child that has exited and been reaped. */
static long dead_pid(void)
{
	pid_t c = fork();

	assert_true(c >= 0);
	if (c == 0)
		_exit(0);
	waitpid(c, NULL, 0);
	return (long)c;
}

/* Runs fn in another process (another dashboard: its own connection and
 * "HOST:PID"); fails the test when it fails. */
static void in_child(struct fx *f, bool (*fn)(struct store *st, int64_t arg, int v), int64_t arg,
		     int v)
{
	pid_t c = fork();
	int status = 0;

	assert_true(c >= 0);
	if (c == 0) {
		char err[ERRSZ];
		struct store *st = store_open(f->path, 0, err, sizeof err);
		bool done = st && fn(st, arg, v);

		if (!done)
			fprintf(stderr, "child: %s\n", st ? store_error(st) : err);
		_exit(done ? 0 : 1);
	}
	waitpid(c, &status, 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static bool child_vote(struct store *st, int64_t round, int v)
{
	return store_vote_cast(st, round, (enum answer)v);
}

static bool child_presence(struct store *st, int64_t assessment, int v)
{
	(void)v;
	return store_presence_put(st, assessment, "dx", "x2b", true);
}

/* ---- presence ---- */

static void test_presence_put_list_leave(void **state)
{
	struct fx *f = *state;
	struct presence *p;
	size_t n;

	assert_int_equal(qint(f->st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	ok(f, store_presence_put(f->st, f->a->id, "dx", "x2a", true));
	ok(f, store_presence_list(f->st, f->a->id, &p, &n));
	assert_int_equal(n, 1);
	assert_true(p[0].self);
	assert_string_equal(p[0].criterion_id, "x2a");
	assert_string_equal(p[0].team, "Team");
	store_presence_free(p, n);
	/* A heartbeat keeps the time of the last move. */
	int64_t moved = qint(f->st, "SELECT moved_ms FROM presence");
	usleep(20000);
	ok(f, store_presence_put(f->st, f->a->id, "dx", "x2a", false));
	assert_int_equal(qint(f->st, "SELECT moved_ms FROM presence"), moved);
	ok(f, store_presence_leave(f->st));
	assert_int_equal(qint(f->st, "SELECT count(*) FROM presence"), 0);
	/* Another process, gone once it has exited (its pid is dead). */
	in_child(f, child_presence, f->a->id, 0);
	assert_int_equal(qint(f->st, "SELECT count(*) FROM presence"), 1);
	ok(f, store_presence_list(f->st, 0, &p, &n));
	assert_int_equal(n, 0);
	store_presence_free(p, n);
	/* A writer drops the dead rows of its host. */
	ok(f, store_presence_put(f->st, f->a->id, "dx", "x2a", true));
	assert_int_equal(qint(f->st, "SELECT count(*) FROM presence"), 1);
}

static void test_presence_timeout(void **state)
{
	struct fx *f = *state;
	struct presence *p;
	size_t n;
	char sql[512];
	long now = (long)time(NULL);

	/* Another host's rows: only the heartbeat tells. */
	snprintf(sql, sizeof sql, "INSERT INTO presence VALUES ('elsewhere.invalid', 1, 'ann', %lld,"
		 " 'dx', 'x2a', 1, %ld), ('elsewhere.invalid', 2, 'bob', %lld, 'dx', 'x2b', 2, %ld)",
		 (long long)f->a->id, now - 5, (long long)f->a->id, now - 40);
	exec(f->st, sql);
	ok(f, store_presence_list(f->st, f->a->id, &p, &n));
	assert_int_equal(n, 1);
	assert_string_equal(p[0].os_user, "ann");
	store_presence_free(p, n);
	setenv("MLMAT_PRESENCE_TIMEOUT", "3", 1);
	assert_int_equal(presence_timeout(), 3);
	assert_int_equal(presence_heartbeat(), 1);
	ok(f, store_presence_list(f->st, f->a->id, &p, &n));
	assert_int_equal(n, 0);
	store_presence_free(p, n);
	setenv("MLMAT_PRESENCE_TIMEOUT", "zero", 1);
	assert_int_equal(presence_timeout(), PRESENCE_TIMEOUT);
	/* A dead pid on this host is gone whatever its heartbeat. */
	{
		struct presence q = { 0 };
		char host[256] = "";

		gethostname(host, sizeof host - 1);
		q.host = host;
		q.pid = dead_pid();
		q.seen = now;
		assert_false(presence_alive(&q, (time_t)now));
		q.pid = (long)getppid();
		assert_true(presence_alive(&q, (time_t)now));
	}
}

/* ---- votes ---- */

static void test_vote_round(void **state)
{
	struct fx *f = *state;
	struct vote_round r;
	struct vote_cast *v;
	size_t n;
	int64_t id;

	id = store_vote_open(f->st, f->a, X2A);
	ok(f, id > 0);
	assert_int_equal(store_vote_current(f->st, f->a->id, &r), 1);
	assert_int_equal(r.round, 1);
	assert_string_equal(r.criterion_id, "x2a");
	assert_string_equal(r.opener, presence_self());
	assert_false(r.revealed);
	store_vote_round_clear(&r);
	/* V again on it is the same round; another criterion waits. */
	assert_int_equal(store_vote_open(f->st, f->a, X2A), id);
	assert_int_equal(store_vote_open(f->st, f->a, X2B), 0);
	assert_non_null(strstr(store_error(f->st), "a vote on x2a is open"));
	in_child(f, child_vote, id, ANS_YES);
	in_child(f, child_vote, id, ANS_NO);
	assert_false(store_vote_cast(f->st, id, ANS_UNKNOWN));
	ok(f, store_vote_list(f->st, id, &v, &n));
	assert_int_equal(n, 2);
	assert_int_equal(v[0].vote, ANS_YES);
	assert_int_equal(v[1].vote, ANS_NO);
	assert_string_not_equal(v[0].voter, v[1].voter);
	store_vote_list_free(v, n);
	/* Blind in the audit log until the reveal. */
	assert_int_equal(qint(f->st, "SELECT count(*) FROM audit WHERE action = 'vote'"
			      " AND detail = 'x2a: round 1: vote cast'"), 2);
	ok(f, store_vote_reveal(f->st, id));
	assert_int_equal(qint(f->st, "SELECT count(*) FROM audit WHERE action = 'vote-reveal'"
			      " AND detail = 'x2a: round 1: yes 1, no 1'"), 1);
	ok(f, store_vote_close(f->st, f->a, id, ANS_PARTLY));
	assert_int_equal(f->a->answers[X2A], ANS_PARTLY);
	assert_int_equal(store_vote_current(f->st, f->a->id, &r), 0);
	assert_false(store_vote_cast(f->st, id, ANS_YES));
	assert_non_null(strstr(store_error(f->st), "closed"));
	/* Round 2 on the same criterion. */
	id = store_vote_open(f->st, f->a, X2A);
	ok(f, id > 0);
	assert_int_equal(store_vote_current(f->st, f->a->id, &r), 1);
	assert_int_equal(r.round, 2);
	store_vote_round_clear(&r);
	ok(f, store_vote_cast(f->st, id, ANS_NA));
	ok(f, store_vote_close(f->st, f->a, id, ANS_UNKNOWN));
	assert_int_equal(f->a->answers[X2A], ANS_PARTLY);
	assert_int_equal(qint(f->st, "SELECT count(*) FROM audit WHERE action = 'vote-close'"
			      " AND detail = 'x2a: round 2: cancelled'"), 1);
	/* A vote that sets the answer the criterion already has closes too. */
	id = store_vote_open(f->st, f->a, X2A);
	ok(f, id > 0);
	ok(f, store_vote_reveal(f->st, id));
	ok(f, store_vote_close(f->st, f->a, id, ANS_PARTLY));
	assert_int_equal(store_vote_current(f->st, f->a->id, &r), 0);
	assert_int_equal(f->a->answers[X2A], ANS_PARTLY);
	ok(f, store_audit_verify(f->st, &(int64_t){ 0 }, (char[65]){ 0 }) == 1);
}

static void test_vote_refused_signed_off(void **state)
{
	struct fx *f = *state;
	int64_t id = store_vote_open(f->st, f->a, X2B);

	ok(f, id > 0);
	ok(f, store_sign_off(f->st, f->a));
	assert_false(store_vote_cast(f->st, id, ANS_YES));
	assert_non_null(strstr(store_error(f->st), "signed off"));
	assert_false(store_vote_close(f->st, f->a, id, ANS_YES));
	assert_int_equal(f->a->answers[X2B], ANS_UNKNOWN);
	/* The failed close left the round open. */
	assert_int_equal(qint(f->st, "SELECT count(*) FROM vote_rounds WHERE closed_at IS NULL"), 1);
	exec(f->st, "DELETE FROM vote_rounds");
	assert_int_equal(store_vote_open(f->st, f->a, X2B), 0);
	assert_non_null(strstr(store_error(f->st), "votes are refused"));
}

static void test_export_votes(void **state)
{
	struct fx *f = *state;
	struct export_filter all = { NULL, NO_PERIOD, 0 }, other = { NULL, NO_PERIOD, 999 };
	char *buf = NULL, want[512];
	size_t len = 0;
	FILE *out;
	int64_t id = store_vote_open(f->st, f->a, X2B);

	ok(f, id > 0);
	in_child(f, child_vote, id, ANS_PARTLY);
	/* Blind until revealed: the header alone. */
	out = open_memstream(&buf, &len);
	ok(f, export_write(f->st, EXPORT_VOTES, &all, out));
	fclose(out);
	assert_string_equal(buf, "assessment_id,team,period,dimension_id,criterion_id,round,os_user,"
			    "vote,at\r\n");
	free(buf);
	ok(f, store_vote_reveal(f->st, id));
	exec(f->st, "UPDATE votes SET at = '2026-01-02T03:04:05Z', os_user = '=ann'");
	out = open_memstream(&buf, &len);
	ok(f, export_write(f->st, EXPORT_VOTES, &all, out));
	fclose(out);
	snprintf(want, sizeof want, "assessment_id,team,period,dimension_id,criterion_id,round,"
		 "os_user,vote,at\r\n%lld,Team,2026-Q1,dx,x2b,1,'=ann,partly,2026-01-02T03:04:05Z\r\n",
		 (long long)f->a->id);
	assert_string_equal(buf, want);
	free(buf);
	out = open_memstream(&buf, &len);
	ok(f, export_write(f->st, EXPORT_VOTES, &other, out));
	fclose(out);
	assert_null(strchr(strchr(buf, '\n') + 1, ','));
	free(buf);
}

static char *report_in(struct fx *f, enum report_format fmt, const char *team)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	ok(f, report_write_format(f->st, fmt, team, NO_PERIOD, true, out));
	fclose(out);
	return buf;
}

static char *report(struct fx *f)
{
	return report_in(f, REPORT_TEXT, NULL);
}

static void has(char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("no '%s' in:\n%s", want, text);
	free(text);
}

/* The report lists the revealed rounds whose votes differ, and only
 * those; an assessment without revealed votes has no such section. */
static void test_report_disagreed(void **state)
{
	struct fx *f = *state;
	char *text, want[300];
	int64_t id = store_vote_open(f->st, f->a, X2B);

	ok(f, id > 0);
	in_child(f, child_vote, id, ANS_YES);
	ok(f, store_vote_cast(f->st, id, ANS_NO));
	text = report(f);
	assert_null(strstr(text, "Votes that disagreed"));
	free(text);
	ok(f, store_vote_reveal(f->st, id));
	ok(f, store_vote_close(f->st, f->a, id, ANS_PARTLY));
	id = store_vote_open(f->st, f->a, X2A);
	ok(f, id > 0);
	ok(f, store_vote_cast(f->st, id, ANS_YES));
	ok(f, store_vote_reveal(f->st, id));
	text = report(f);
	snprintf(want, sizeof want, "\nVotes that disagreed:\n  x2b, round 1: yes 1 (%s), no 1 (%s)\n"
		 "    Criterion x2b\n", os_user(), os_user());
	if (!strstr(text, want))
		fail_msg("no '%s' in:\n%s", want, text);
	assert_null(strstr(text, "x2a, round"));
	free(text);
	/* The same in every format of the team's report. */
	snprintf(want, sizeof want, "| `x2b` | 1 | yes 1 (%s); no 1 (%s) | Criterion x2b |",
		 os_user(), os_user());
	has(report_in(f, REPORT_MARKDOWN, "Team"), want);
	snprintf(want, sizeof want, "\"criterion\": \"x2b\", \"round\": 1, \"votes\": "
		 "{\"yes\": {\"count\": 1, \"voters\": \"%s\"}, \"no\": {\"count\": 1, ",
		 os_user());
	has(report_in(f, REPORT_JSON, "Team"), want);
	has(report_in(f, REPORT_HTML, "Team"), "<section id=\"votes\"><h2>Votes that disagreed</h2>");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_presence_put_list_leave, setup, teardown),
		cmocka_unit_test_setup_teardown(test_presence_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vote_round, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vote_refused_signed_off, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_votes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_disagreed, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
