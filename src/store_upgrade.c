/* The schema and its upgrades: each migration moves the database from
 * one user_version to the next, all of them in one transaction. */
#include "store_int.h"
#include "store_org_sql.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The overall score of a.team_id's assessment that many before its
 * latest (one index seek each through UNIQUE(team_id, period)). */
#define TREND_AT(k) "(SELECT overall FROM assessments WHERE team_id = a.team_id" \
	" ORDER BY period DESC LIMIT 1 OFFSET " #k ")"
#define TREND_COLUMNS TREND_AT(1) "," TREND_AT(2) "," TREND_AT(3) "," TREND_AT(4) "," \
	TREND_AT(5) "," TREND_AT(6) "," TREND_AT(7)

/* Each entry moves the schema from version i to i + 1. */
static const char *const migrations[] = {
	"CREATE TABLE models("
	"  id INTEGER PRIMARY KEY, model_id TEXT NOT NULL, version TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL UNIQUE, yaml TEXT NOT NULL, added_at TEXT NOT NULL);"
	"CREATE TABLE model_dims("
	"  model INTEGER NOT NULL REFERENCES models(id), ord INTEGER NOT NULL,"
	"  dimension_id TEXT NOT NULL, name TEXT NOT NULL, weight REAL NOT NULL,"
	"  PRIMARY KEY(model, ord), UNIQUE(model, dimension_id)) WITHOUT ROWID;"
	"CREATE TABLE model_criteria("
	"  model INTEGER NOT NULL REFERENCES models(id), ord INTEGER NOT NULL,"
	"  criterion_id TEXT NOT NULL, dimension_id TEXT NOT NULL, level INTEGER NOT NULL,"
	"  text TEXT NOT NULL, action TEXT,"
	"  PRIMARY KEY(model, ord), UNIQUE(model, criterion_id)) WITHOUT ROWID;"
	"CREATE TABLE teams("
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);"
	"CREATE TABLE assessments("
	"  id INTEGER PRIMARY KEY, team_id INTEGER NOT NULL REFERENCES teams(id),"
	"  period TEXT NOT NULL, model INTEGER NOT NULL REFERENCES models(id),"
	"  facilitator TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	"  overall REAL NOT NULL DEFAULT 0, coverage REAL NOT NULL DEFAULT 0,"
	"  UNIQUE(team_id, period));"
	"CREATE INDEX assessments_period ON assessments(period, team_id);"
	"CREATE TABLE answers("
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
	"  criterion_id TEXT NOT NULL, answer INTEGER NOT NULL CHECK (answer BETWEEN 1 AND 3),"
	"  PRIMARY KEY(assessment_id, criterion_id)) WITHOUT ROWID;"
	"CREATE TABLE dims("
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
	"  dimension_id TEXT NOT NULL, target INTEGER, override_level INTEGER,"
	"  override_reason TEXT, notes TEXT, level INTEGER NOT NULL, score REAL NOT NULL,"
	"  gap REAL NOT NULL, coverage REAL NOT NULL, updated_at TEXT NOT NULL,"
	"  PRIMARY KEY(assessment_id, dimension_id)) WITHOUT ROWID;"
	"CREATE TABLE roadmap("
	"  team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,"
	"  criterion_id TEXT NOT NULL, dimension_id TEXT NOT NULL, ord INTEGER NOT NULL,"
	"  action TEXT, status TEXT NOT NULL"
	"    CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),"
	"  owner TEXT, due_period TEXT, created_period TEXT NOT NULL, done_period TEXT,"
	"  PRIMARY KEY(team_id, criterion_id)) WITHOUT ROWID;"
	"CREATE INDEX roadmap_order ON roadmap(team_id, ord);"
	"CREATE TABLE audit("
	"  id INTEGER PRIMARY KEY, at TEXT NOT NULL, os_user TEXT NOT NULL,"
	"  assessment_id INTEGER, action TEXT NOT NULL, detail TEXT NOT NULL);"
	"CREATE INDEX audit_at ON audit(at, id);"
	"CREATE INDEX audit_assessment ON audit(assessment_id);"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
	/* The audit hash chain: a row may be given its hash once, by the
	 * upgrade (store_audit_chain_old); after that it is never updated. */
	"ALTER TABLE audit ADD COLUMN hash TEXT;"
	"DROP TRIGGER audit_no_update;"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit WHEN OLD.hash IS NOT NULL"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
	/* Version 3: per criterion a comment, evidence and the answer's
	 * origin (n/a is answer 4; a row may hold a comment with no answer);
	 * sign-off; archived teams; the roadmap status an answer's yes
	 * replaced. An answer
	 * some change of its assessment set is "answered", one copied when
	 * the assessment was made from another is "carried". */
	"CREATE TABLE answers_v3("
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
	"  criterion_id TEXT NOT NULL, answer INTEGER CHECK (answer BETWEEN 1 AND 4),"
	"  comment TEXT, evidence TEXT,"
	"  origin TEXT CHECK (origin IN ('carried', 'answered')),"
	"  PRIMARY KEY(assessment_id, criterion_id)) WITHOUT ROWID;"
	"INSERT INTO answers_v3(assessment_id, criterion_id, answer, origin)"
	"  SELECT n.assessment_id, n.criterion_id, n.answer,"
	"    CASE WHEN EXISTS (SELECT 1 FROM audit u WHERE u.assessment_id = n.assessment_id"
	"      AND u.action = 'answer' AND substr(u.detail, 1, length(n.criterion_id) + 2)"
	"        = n.criterion_id || ': ') THEN 'answered'"
	"    WHEN EXISTS (SELECT 1 FROM audit u WHERE u.assessment_id = n.assessment_id"
	"      AND u.action = 'create' AND u.detail LIKE '%, from assessment %') THEN 'carried'"
	"    ELSE 'answered' END FROM answers n;"
	"DROP TABLE answers;"
	"ALTER TABLE answers_v3 RENAME TO answers;"
	"ALTER TABLE assessments ADD COLUMN signed_by TEXT;"
	"ALTER TABLE assessments ADD COLUMN signed_at TEXT;"
	"ALTER TABLE teams ADD COLUMN archived_at TEXT;"
	"ALTER TABLE roadmap ADD COLUMN before_done TEXT"
	"  CHECK (before_done IN ('planned', 'in-progress', 'dropped'));",
	/* Version 4: facilitation with several terminals (CONTRACT section
	 * 5). presence: one row per writable dashboard with an assessment
	 * open (src/store_presence.c). vote_rounds: each vote on a criterion,
	 * numbered from 1 per criterion; opener is the "HOST:PID" of the
	 * dashboard that opened it. votes: each voter's ("HOST:PID") last
	 * answer in a round, kept after the round closes. */
	"CREATE TABLE presence("
	"  host TEXT NOT NULL, pid INTEGER NOT NULL, os_user TEXT NOT NULL,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
	"  dimension_id TEXT, criterion_id TEXT, moved_ms INTEGER NOT NULL, seen INTEGER NOT NULL,"
	"  PRIMARY KEY(host, pid)) WITHOUT ROWID;"
	"CREATE TABLE vote_rounds("
	"  id INTEGER PRIMARY KEY,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
	"  criterion_id TEXT NOT NULL, round INTEGER NOT NULL, opened_by TEXT NOT NULL,"
	"  opener TEXT NOT NULL, opened_at TEXT NOT NULL, revealed_at TEXT, closed_at TEXT,"
	"  UNIQUE(assessment_id, criterion_id, round));"
	"CREATE TABLE votes("
	"  round_id INTEGER NOT NULL REFERENCES vote_rounds(id) ON DELETE CASCADE,"
	"  voter TEXT NOT NULL, os_user TEXT NOT NULL,"
	"  vote INTEGER NOT NULL CHECK (vote BETWEEN 1 AND 4), at TEXT NOT NULL,"
	"  PRIMARY KEY(round_id, voter)) WITHOUT ROWID;",
	/* Version 5: what home lists of each team, kept by the database
	 * itself on every write to assessments (whoever writes, raw SQL
	 * included) instead of found at each read: the latest assessment and
	 * the overall scores of the seven before it (t1 the newest of them,
	 * NULL where the team has fewer). Reading it costs a page per some
	 * fifty teams where finding it read a page per team. teams_list holds
	 * the whole list of names home sorts, without a read of the table.
	 * presence gets an index for each lookup that scanned it: an
	 * assessment's (its dashboard's list, and the cascade when
	 * assessments are deleted) and the stale ones (pruned at each
	 * heartbeat). And the organisation view's aggregates
	 * (src/store_org_sql.h). */
	"CREATE TABLE team_latest("
	"  team_id INTEGER PRIMARY KEY, assessment_id INTEGER NOT NULL, period TEXT NOT NULL,"
	"  overall REAL NOT NULL, coverage REAL NOT NULL, model INTEGER NOT NULL, signed_by TEXT,"
	"  t1 REAL, t2 REAL, t3 REAL, t4 REAL, t5 REAL, t6 REAL, t7 REAL);"
	"CREATE INDEX teams_list ON teams(name, archived_at);"
	"CREATE TRIGGER team_latest_insert AFTER INSERT ON assessments BEGIN"
	"  DELETE FROM team_latest WHERE team_id = NEW.team_id;"
	"  INSERT INTO team_latest SELECT a.team_id, a.id, a.period, a.overall, a.coverage, a.model,"
	"    a.signed_by," TREND_COLUMNS
	"    FROM assessments a WHERE a.team_id = NEW.team_id ORDER BY a.period DESC LIMIT 1;"
	"END;"
	"CREATE TRIGGER team_latest_delete AFTER DELETE ON assessments BEGIN"
	"  DELETE FROM team_latest WHERE team_id = OLD.team_id;"
	"  INSERT INTO team_latest SELECT a.team_id, a.id, a.period, a.overall, a.coverage, a.model,"
	"    a.signed_by," TREND_COLUMNS
	"    FROM assessments a WHERE a.team_id = OLD.team_id ORDER BY a.period DESC LIMIT 1;"
	"END;"
	"CREATE TRIGGER team_latest_update AFTER UPDATE OF team_id, period, overall, coverage, model,"
	"  signed_by ON assessments BEGIN"
	"  DELETE FROM team_latest WHERE team_id = NEW.team_id;"
	"  INSERT INTO team_latest SELECT a.team_id, a.id, a.period, a.overall, a.coverage, a.model,"
	"    a.signed_by," TREND_COLUMNS
	"    FROM assessments a WHERE a.team_id = NEW.team_id ORDER BY a.period DESC LIMIT 1;"
	"END;"
	"CREATE TRIGGER team_latest_moved AFTER UPDATE OF team_id ON assessments"
	"  WHEN OLD.team_id IS NOT NEW.team_id BEGIN"
	"  DELETE FROM team_latest WHERE team_id = OLD.team_id;"
	"  INSERT INTO team_latest SELECT a.team_id, a.id, a.period, a.overall, a.coverage, a.model,"
	"    a.signed_by," TREND_COLUMNS
	"    FROM assessments a WHERE a.team_id = OLD.team_id ORDER BY a.period DESC LIMIT 1;"
	"END;"
	"INSERT INTO team_latest SELECT a.team_id, a.id, a.period, a.overall, a.coverage, a.model,"
	"  a.signed_by," TREND_COLUMNS
	"  FROM teams t JOIN assessments a ON a.id = (SELECT id FROM assessments l"
	"  WHERE l.team_id = t.id ORDER BY l.period DESC LIMIT 1);"
	"CREATE INDEX presence_assessment ON presence(assessment_id);"
	"CREATE INDEX presence_seen ON presence(seen);"
	ORG_TABLES ORG_TRIGGERS,
	/* Version 6: the organisation view sorted by a dimension a window at
	 * a time (org_dim_rows) and its sums in one row per period (org_sums),
	 * both kept on write; version 5's triggers made again to keep
	 * org_dim_rows (src/store_org_sql.h). */
	ORG_V6_TABLES ORG_SUM_TRIGGERS ORG_DROP_TRIGGERS ORG_TRIGGERS,
};


bool store_exec(struct store *st, const char *q, const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, q, NULL, NULL, &msg) != SQLITE_OK) {
		if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_FULL)
			store_fail(st, "%s: disk full (no space left for the database)", what);
		else
			store_fail(st, "%s: %s", what, msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return false;
	}
	return true;
}

/* After a failure: SQLite may have rolled back already (a full disk does),
 * and the message to keep is the failure's, not the rollback's. */
static void rollback_quietly(struct store *st)
{
	if (sqlite3_get_autocommit(st->db) == 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Version 3's roadmap rule plans work only for criteria answered no or
 * partly. Items the old rule made for unknown answers that a yes then
 * closed in the period they were made in, for a criterion the team never
 * answered no or partly (neither now nor in the audit log), were never
 * work: they are removed, with one audit row per team naming them. */
static const char honest_roadmap_sql[] =
	"SELECT r.team_id, r.criterion_id,"
	"  (SELECT id FROM assessments WHERE team_id = r.team_id ORDER BY period DESC LIMIT 1)"
	" FROM roadmap r WHERE r.status = 'done' AND r.done_period = r.created_period"
	" AND NOT EXISTS (SELECT 1 FROM answers n JOIN assessments a ON a.id = n.assessment_id"
	"   WHERE a.team_id = r.team_id AND n.criterion_id = r.criterion_id AND n.answer IN (1, 2))"
	" AND NOT EXISTS (SELECT 1 FROM audit u JOIN assessments a ON a.id = u.assessment_id"
	"   WHERE a.team_id = r.team_id AND u.action = 'answer'"
	"   AND substr(u.detail, 1, length(r.criterion_id) + 2) = r.criterion_id || ': '"
	"   AND (u.detail LIKE '% no' OR u.detail LIKE '% partly'"
	"     OR u.detail LIKE '% no -> %' OR u.detail LIKE '% partly -> %'))"
	" ORDER BY r.team_id, r.ord";

static bool audit_removed(struct store *st, int64_t latest, int n, const char *ids)
{
	char *detail = xasprintf("removed %d roadmap item%s that no answer put in the gap: %s",
				 n, n == 1 ? "" : "s", ids);
	bool ok = store_audit(st, latest, "roadmap-upgrade", detail);

	free(detail);
	return ok;
}

static bool honest_roadmap(struct store *st)
{
	sqlite3_stmt *q, *del;
	struct strbuf ids;
	int64_t team = 0, latest = 0;
	int rc, n = 0;
	bool ok = true;

	if (sqlite3_prepare_v2(st->db, honest_roadmap_sql, -1, &q, NULL) != SQLITE_OK)
		return store_fail_db(st, "schema upgrade failed");
	if (sqlite3_prepare_v2(st->db, "DELETE FROM roadmap WHERE team_id = ? AND criterion_id = ?",
			       -1, &del, NULL) != SQLITE_OK) {
		sqlite3_finalize(q);
		return store_fail_db(st, "schema upgrade failed");
	}
	sb_init(&ids);
	/* Rows come team by team; each team's are audited once it ends. */
	while (ok && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t t = sqlite3_column_int64(q, 0);
		const char *crit = (const char *)sqlite3_column_text(q, 1);

		if (n && t != team) {
			ok = audit_removed(st, latest, n, ids.s);
			sb_free(&ids);
			sb_init(&ids);
			n = 0;
		}
		team = t;
		latest = sqlite3_column_int64(q, 2);
		sqlite3_bind_int64(del, 1, t);
		sqlite3_bind_text(del, 2, crit ? crit : "", -1, SQLITE_TRANSIENT);
		if (ok && sqlite3_step(del) != SQLITE_DONE)
			ok = store_fail_db(st, "schema upgrade failed");
		sqlite3_reset(del);
		sb_printf(&ids, "%s%s", n++ ? " " : "", crit ? crit : "");
	}
	if (ok && rc != SQLITE_DONE)
		ok = store_fail_db(st, "schema upgrade failed");
	if (ok && n)
		ok = audit_removed(st, latest, n, ids.s);
	sb_free(&ids);
	sqlite3_finalize(del);
	sqlite3_finalize(q);
	return ok;
}

bool store_migrate(struct store *st, int from)
{
	int count = (int)(sizeof migrations / sizeof *migrations);
	char buf[64];

	bool ok = true;

	if (!store_exec(st, "BEGIN IMMEDIATE", "cannot start the schema upgrade"))
		return false;
	/* A change as far as the audit log can tell: upgrades append to it. */
	st->tx_depth = 1;
	for (int v = from; ok && v < count; v++)
		ok = store_exec(st, migrations[v], "schema upgrade failed") &&
		     (v != 1 || store_audit_chain_old(st)) && (v != 2 || honest_roadmap(st));
	snprintf(buf, sizeof buf, "PRAGMA user_version = %d", count);
	ok = ok && store_exec(st, buf, "schema upgrade failed") &&
	     store_exec(st, "PRAGMA application_id = 1835822452", "schema upgrade failed") &&
	     store_exec(st, "COMMIT", "schema upgrade failed");
	st->tx_depth = 0;
	if (!ok)
		rollback_quietly(st);
	return ok;
}
