/* Presence rows: one per writable dashboard with an assessment open. */
#include "store_presence.h"
#include "store_int.h"
#include "osutil.h"
#include "xalloc.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int presence_timeout(void)
{
	const char *e = getenv("MLMAT_PRESENCE_TIMEOUT");
	char *end;
	long v;

	if (!e || !*e)
		return PRESENCE_TIMEOUT;
	v = strtol(e, &end, 10);
	return *end || v < 1 || v > 3600 ? PRESENCE_TIMEOUT : (int)v;
}

int presence_heartbeat(void)
{
	int t = presence_timeout() / 3;

	return t > 0 ? t : 1;
}

static const char *host_name(void)
{
	static char host[256];

	if (!host[0] && (gethostname(host, sizeof host - 1) != 0 || !host[0]))
		snprintf(host, sizeof host, "localhost");
	return host;
}

const char *presence_self(void)
{
	static char self[300];

	snprintf(self, sizeof self, "%s:%ld", host_name(), (long)getpid());
	return self;
}

/* A process of this host is looked up; another host's row has only its
 * heartbeat to go by. */
static bool pid_dead(const char *host, long pid)
{
	return strcmp(host, host_name()) == 0 && pid > 0 && kill((pid_t)pid, 0) != 0 &&
	       errno == ESRCH;
}

bool presence_alive(const struct presence *p, time_t now)
{
	if (p->self)
		return true;
	return !pid_dead(p->host, p->pid) && p->seen + presence_timeout() >= (int64_t)now;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Rows of dead processes on this host, and rows no heartbeat kept for a
 * day, go when a dashboard writes its own. */
static bool prune(struct store *st)
{
	sqlite3_stmt *q, *del;
	bool ok = true;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT pid FROM presence WHERE host = ?", -1, &q,
			       NULL) != SQLITE_OK)
		return store_fail_db(st, "cannot read who is here");
	if (sqlite3_prepare_v2(st->db, "DELETE FROM presence WHERE host = ?1 AND pid = ?2"
			       " OR seen < ?3", -1, &del, NULL) != SQLITE_OK) {
		sqlite3_finalize(q);
		return store_fail_db(st, "cannot read who is here");
	}
	sqlite3_bind_text(q, 1, host_name(), -1, SQLITE_STATIC);
	sqlite3_bind_text(del, 1, host_name(), -1, SQLITE_STATIC);
	sqlite3_bind_int64(del, 3, (int64_t)time(NULL) - 86400);
	sqlite3_bind_int64(del, 2, -1);
	ok = sqlite3_step(del) == SQLITE_DONE;
	sqlite3_reset(del);
	while (ok && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		long pid = (long)sqlite3_column_int64(q, 0);

		if (!pid_dead(host_name(), pid))
			continue;
		sqlite3_bind_int64(del, 2, pid);
		ok = sqlite3_step(del) == SQLITE_DONE;
		sqlite3_reset(del);
	}
	if (!ok)
		store_fail_db(st, "cannot update who is here");
	sqlite3_finalize(del);
	sqlite3_finalize(q);
	return ok;
}

bool store_presence_put(struct store *st, int64_t assessment_id, const char *dimension_id,
			const char *criterion_id, bool moved)
{
	sqlite3_stmt *s;
	bool ok;

	if (!store_begin(st))
		return false;
	if (sqlite3_prepare_v2(st->db,
			       "INSERT INTO presence(host, pid, os_user, assessment_id, dimension_id,"
			       " criterion_id, moved_ms, seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
			       " ON CONFLICT(host, pid) DO UPDATE SET os_user = ?3, assessment_id = ?4,"
			       " dimension_id = ?5, criterion_id = ?6,"
			       " moved_ms = CASE WHEN ?9 OR assessment_id IS NOT ?4 THEN ?7 ELSE moved_ms END,"
			       " seen = ?8", -1, &s, NULL) != SQLITE_OK) {
		store_fail_db(st, "cannot update who is here");
		store_rollback(st);
		return false;
	}
	sqlite3_bind_text(s, 1, host_name(), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (int64_t)getpid());
	sqlite3_bind_text(s, 3, os_user(), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, assessment_id);
	store_bind_text_or_null(s, 5, dimension_id);
	store_bind_text_or_null(s, 6, criterion_id);
	sqlite3_bind_int64(s, 7, now_ms());
	sqlite3_bind_int64(s, 8, (int64_t)time(NULL));
	sqlite3_bind_int(s, 9, moved);
	ok = sqlite3_step(s) == SQLITE_DONE;
	if (!ok)
		store_fail_db(st, "cannot update who is here");
	sqlite3_finalize(s);
	if (!ok || !prune(st)) {
		store_rollback(st);
		return false;
	}
	return store_commit(st);
}

bool store_presence_leave(struct store *st)
{
	sqlite3_stmt *s;
	bool ok;

	if (!store_begin(st))
		return false;
	if (sqlite3_prepare_v2(st->db, "DELETE FROM presence WHERE host = ? AND pid = ?", -1, &s,
			       NULL) != SQLITE_OK) {
		store_fail_db(st, "cannot update who is here");
		store_rollback(st);
		return false;
	}
	sqlite3_bind_text(s, 1, host_name(), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (int64_t)getpid());
	ok = sqlite3_step(s) == SQLITE_DONE;
	if (!ok)
		store_fail_db(st, "cannot update who is here");
	sqlite3_finalize(s);
	if (!ok) {
		store_rollback(st);
		return false;
	}
	return store_commit(st);
}

void store_presence_clear(struct presence *p)
{
	free(p->host);
	free(p->os_user);
	free(p->team);
	free(p->dimension_id);
	free(p->criterion_id);
}

void store_presence_free(struct presence *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_presence_clear(&p[i]);
	free(p);
}

/* Everyone's rows (the whole table: one row per open dashboard), or one
 * assessment's through presence_assessment. */
#define LIST_SQL(where) \
	"SELECT p.host, p.pid, p.os_user, p.assessment_id, t.name, a.period," \
	" p.dimension_id, p.criterion_id, p.moved_ms, p.seen FROM presence p" \
	" JOIN assessments a ON a.id = p.assessment_id JOIN teams t ON t.id = a.team_id" \
	where " ORDER BY p.moved_ms DESC, p.host, p.pid"
static const char *const list_sql[2] = { LIST_SQL(""), LIST_SQL(" WHERE p.assessment_id = ?1") };

bool store_presence_list(struct store *st, int64_t assessment_id, struct presence **out,
			 size_t *n)
{
	sqlite3_stmt *s;
	struct presence *v = NULL;
	size_t cap = 0, k = 0;
	time_t now = time(NULL);
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(st->db, list_sql[assessment_id != 0], -1, &s, NULL) != SQLITE_OK)
		return store_fail_db(st, "cannot read who is here");
	if (assessment_id)
		sqlite3_bind_int64(s, 1, assessment_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct presence p = { 0 };
		char why[STORE_WHY];

		p.host = store_column_dup(s, 0);
		p.pid = (long)sqlite3_column_int64(s, 1);
		p.os_user = store_column_dup(s, 2);
		p.assessment_id = sqlite3_column_int64(s, 3);
		p.team = store_column_dup(s, 4);
		if (!store_column_period_ok(s, 5, "period", false, &p.period, why))
			p.period = NO_PERIOD;
		p.dimension_id = store_column_dup(s, 6);
		p.criterion_id = store_column_dup(s, 7);
		p.moved_ms = sqlite3_column_int64(s, 8);
		p.seen = sqlite3_column_int64(s, 9);
		p.self = p.host && !strcmp(p.host, host_name()) && p.pid == (long)getpid();
		if (!p.host || !p.os_user || !p.team || !presence_alive(&p, now)) {
			store_presence_clear(&p);
			continue;
		}
		if (k == cap) {
			cap = cap ? cap * 2 : 8;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[k++] = p;
	}
	if (rc != SQLITE_DONE) {
		store_fail_db(st, "cannot read who is here");
		sqlite3_finalize(s);
		store_presence_free(v, k);
		return false;
	}
	sqlite3_finalize(s);
	*out = v;
	*n = k;
	return true;
}

int store_presence_last_editor(struct store *st, int64_t assessment_id, char **user)
{
	sqlite3_stmt *s;
	int rc;

	*user = NULL;
	if (sqlite3_prepare_v2(st->db, "SELECT os_user FROM audit WHERE assessment_id = ?"
			       " AND action = 'answer' ORDER BY id DESC LIMIT 1", -1, &s,
			       NULL) != SQLITE_OK)
		return store_fail_db(st, "cannot read the audit log") ? 0 : -1;
	sqlite3_bind_int64(s, 1, assessment_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*user = store_column_dup(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail_db(st, "cannot read the audit log") ? 0 : -1;
	return *user != NULL;
}
