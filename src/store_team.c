/* Teams over their whole life (CONTRACT section 6): listed, renamed,
 * merged, archived and deleted, each as one audited transaction. Rare
 * changes: their statements are prepared when used, not kept. */
#include "store_int.h"
#include "osutil.h"
#include "period.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs sql with the text and integer arguments its types string names
 * ('t' text, 'i' int64), in order. With out, the first row's column 0 is
 * read into it (0 when there is no row). false on a database error. */
static bool run(struct store *st, const char *what, int64_t *out, const char *sql,
		const char *types, ...)
{
	sqlite3_stmt *s;
	va_list ap;
	int rc;

	if (out)
		*out = 0;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_fail_db(st, what);
	va_start(ap, types);
	for (int i = 0; types[i]; i++) {
		if (types[i] == 't')
			sqlite3_bind_text(s, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(s, i + 1, va_arg(ap, int64_t));
	}
	va_end(ap);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && out)
		*out = sqlite3_column_int64(s, 0);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_fail_db(st, what);
		sqlite3_finalize(s);
		return false;
	}
	sqlite3_finalize(s);
	return true;
}

bool store_teams_each(struct store *st, store_team_fn fn, void *ctx)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db,
			       "SELECT t.name, count(a.id), max(a.period), t.archived_at IS NOT NULL "
			       "FROM teams t LEFT JOIN assessments a ON a.team_id = t.id "
			       "GROUP BY t.id ORDER BY t.name", -1, &s, NULL) != SQLITE_OK)
		return store_fail_db(st, "cannot list the teams");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);

		fn(ctx, name ? name : "", sqlite3_column_int64(s, 1), store_column_period(s, 2),
		   sqlite3_column_int(s, 3) != 0);
	}
	if (rc != SQLITE_DONE) {
		store_fail_db(st, "cannot list the teams");
		sqlite3_finalize(s);
		return false;
	}
	sqlite3_finalize(s);
	return true;
}

/* Inside a change: the id of the team named name, or a failure naming it. */
static bool team_id(struct store *st, const char *name, int64_t *id)
{
	if (!run(st, "cannot find the team", id, "SELECT id FROM teams WHERE name = ?", "t", name))
		return false;
	return *id || store_fail(st, "no team named '%s' (see mlmat team list)", name);
}

/* A new name follows the rule of every team name. */
static bool clean_name(struct store *st, const char *in, char out[TEAM_NAME_BYTES])
{
	const char *why;

	return store_team_name_clean(in, out, &why) || store_fail(st, "%s", why);
}

/* Ends a change: audited and committed, or rolled back. */
static bool finish(struct store *st, bool ok, const char *action, const char *detail)
{
	if (ok && store_audit(st, 0, action, detail) && store_commit(st))
		return true;
	if (ok)
		store_rollback(st);
	return false;
}

bool store_team_rename(struct store *st, const char *old_name, const char *new_name)
{
	char clean[TEAM_NAME_BYTES], *detail;
	int64_t id, taken;
	bool ok;

	if (!clean_name(st, new_name, clean) || !store_begin(st))
		return false;
	ok = team_id(st, old_name, &id) &&
	     run(st, "cannot rename the team", &taken, "SELECT id FROM teams WHERE name = ?", "t",
		 clean);
	if (ok && taken) {
		ok = false;
		store_fail(st, "a team named '%s' exists already (merge the two with mlmat team merge)",
			   clean);
	}
	ok = ok && run(st, "cannot rename the team", NULL, "UPDATE teams SET name = ? WHERE id = ?",
		       "ti", clean, id);
	if (!ok) {
		store_rollback(st);
		return false;
	}
	detail = xasprintf("team %s renamed to %s", old_name, clean);
	ok = finish(st, true, "team-rename", detail);
	free(detail);
	return ok;
}

bool store_team_merge(struct store *st, const char *from, const char *into)
{
	int64_t fid, iid, clash, moved;
	char *detail;
	bool ok;

	if (!store_begin(st))
		return false;
	ok = team_id(st, from, &fid) && team_id(st, into, &iid);
	if (ok && fid == iid) {
		ok = false;
		store_fail(st, "a team cannot be merged into itself");
	}
	ok = ok && run(st, "cannot merge the teams", &clash,
		       "SELECT count(*) FROM assessments a JOIN assessments b ON b.period = a.period "
		       "WHERE a.team_id = ? AND b.team_id = ?", "ii", fid, iid);
	if (ok && clash) {
		ok = false;
		store_fail(st, "'%s' and '%s' both have assessments for %lld period%s; nothing merged "
			   "(delete or move one of each pair first)", from, into, (long long)clash,
			   clash == 1 ? "" : "s");
	}
	ok = ok && run(st, "cannot merge the teams", &moved,
		       "SELECT count(*) FROM assessments WHERE team_id = ?", "i", fid) &&
	     run(st, "cannot merge the teams", NULL,
		 "UPDATE assessments SET team_id = ?1 WHERE team_id = ?2", "ii", iid, fid) &&
	     run(st, "cannot merge the teams", NULL,
		 "UPDATE OR IGNORE roadmap SET team_id = ?1 WHERE team_id = ?2", "ii", iid, fid) &&
	     run(st, "cannot merge the teams", NULL, "DELETE FROM roadmap WHERE team_id = ?", "i",
		 fid) &&
	     run(st, "cannot merge the teams", NULL, "DELETE FROM teams WHERE id = ?", "i", fid);
	if (!ok) {
		store_rollback(st);
		return false;
	}
	detail = xasprintf("team %s merged into %s (%lld assessment%s moved)", from, into,
			   (long long)moved, moved == 1 ? "" : "s");
	ok = finish(st, true, "team-merge", detail);
	free(detail);
	return ok;
}

bool store_team_archive(struct store *st, const char *name, bool archived)
{
	char now[21], *detail;
	int64_t id, was;
	bool ok;

	if (!store_begin(st))
		return false;
	ok = team_id(st, name, &id) &&
	     run(st, "cannot archive the team", &was,
		 "SELECT archived_at IS NOT NULL FROM teams WHERE id = ?", "i", id);
	if (ok && was == archived) {
		store_rollback(st);
		return true;    /* already so: nothing to record */
	}
	time_iso_now(now);
	if (archived)
		ok = ok && run(st, "cannot archive the team", NULL,
			       "UPDATE teams SET archived_at = ? WHERE id = ?", "ti", now, id);
	else
		ok = ok && run(st, "cannot unarchive the team", NULL,
			       "UPDATE teams SET archived_at = NULL WHERE id = ?", "i", id);
	if (!ok) {
		store_rollback(st);
		return false;
	}
	detail = xasprintf("team %s %s", name, archived ? "archived" : "unarchived");
	ok = finish(st, true, archived ? "team-archive" : "team-unarchive", detail);
	free(detail);
	return ok;
}

bool store_team_delete(struct store *st, const char *name, bool force)
{
	int64_t id, count;
	char *detail;
	bool ok;

	if (!store_begin(st))
		return false;
	ok = team_id(st, name, &id) &&
	     run(st, "cannot delete the team", &count,
		 "SELECT count(*) FROM assessments WHERE team_id = ?", "i", id);
	if (ok && count && !force) {
		ok = false;
		store_fail(st, "team '%s' has %lld assessment%s; --force deletes them too", name,
			   (long long)count, count == 1 ? "" : "s");
	}
	/* Answers and dimension rows go with their assessments (ON DELETE
	 * CASCADE), roadmap items with the team; audit rows stay. */
	ok = ok && run(st, "cannot delete the team", NULL,
		       "DELETE FROM assessments WHERE team_id = ?", "i", id) &&
	     run(st, "cannot delete the team", NULL, "DELETE FROM roadmap WHERE team_id = ?", "i", id) &&
	     run(st, "cannot delete the team", NULL, "DELETE FROM teams WHERE id = ?", "i", id);
	if (!ok) {
		store_rollback(st);
		return false;
	}
	detail = xasprintf("team %s deleted with %lld assessment%s", name, (long long)count,
			   count == 1 ? "" : "s");
	ok = finish(st, true, "team-delete", detail);
	free(detail);
	return ok;
}
