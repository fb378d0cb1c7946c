/* The SQL of the organisation view's aggregates, private to the store:
 * the tables and triggers of schema version 5 (store_upgrade.c), and the
 * same triggers dropped and made again around bulk writes (store_org.c). */
#ifndef MLMAT_STORE_ORG_SQL_H
#define MLMAT_STORE_ORG_SQL_H

/* Version 5's aggregates for the organisation view (src/store_org.c),
 * kept by triggers so that every writer, raw SQL included, keeps them
 * right. org_periods: the periods that have assessments, with how many.
 * org_rows: per such period and team not archived, the assessment the
 * view shows (the team's latest at or before it), the one before that,
 * scores in hundredths and how many dimension rows it has. org_dim_sums:
 * per period and dimension id, how many rows of org_rows have a score
 * there and its sum in hundredths. Each trigger keeps "org_dim_sums is
 * org_rows joined with dims" true after its row changed, whatever order
 * a cascade runs in. */
#define ORG_X100(e) "CAST(round((" e ") * 100) AS INTEGER)"
/* The team's next assessment after NEW's. */
#define ORG_NEXT "(SELECT min(l.period) FROM assessments l WHERE l.team_id = NEW.team_id " \
	"AND l.period > NEW.period)"
/* COL, the period column, in NEW's span: from its period to the next. */
#define ORG_SPAN(col) " AND " col " >= NEW.period AND " col " < coalesce(" ORG_NEXT ", 'z')"
#define ORG_NOSPAN(col) ""
/* span is ORG_SPAN or ORG_NOSPAN (every period). */
#define ORG_TEAM_DIMS(t, span) "FROM org_rows r JOIN dims d ON d.assessment_id = r.assessment_id " \
	"WHERE r.team_id = " t span("r.period") " GROUP BY 1, 2"
#define ORG_SUB(t, span) \
	"UPDATE org_dim_sums SET n = org_dim_sums.n - c.cn, s = org_dim_sums.s - c.cs FROM " \
	"(SELECT r.period AS p, d.dimension_id AS dim, count(*) AS cn, sum(" ORG_X100("d.score") \
	") AS cs " ORG_TEAM_DIMS(t, span) ") AS c " \
	"WHERE org_dim_sums.period = c.p AND org_dim_sums.dimension_id = c.dim;"
#define ORG_ADD(t, span) \
	"INSERT INTO org_dim_sums(period, dimension_id, n, s) SELECT r.period, d.dimension_id, " \
	"count(*), sum(" ORG_X100("d.score") ") " ORG_TEAM_DIMS(t, span) " ON CONFLICT(period, " \
	"dimension_id) DO UPDATE SET n = n + excluded.n, s = s + excluded.s;"
/* The rows of team t (an expression) at each period p of from. */
#define ORG_ROWS_SELECT(t, from) \
	"SELECT p.period, a.team_id, a.id, a.period, " ORG_X100("a.overall") ", " \
	ORG_X100("a.coverage") ", pa.id, " ORG_X100("pa.overall") ", " \
	"(SELECT count(*) FROM dims WHERE assessment_id = a.id) FROM " from " " \
	"JOIN assessments a ON a.id = (SELECT l.id FROM assessments l WHERE l.team_id = " t \
	" AND l.period <= p.period ORDER BY l.period DESC LIMIT 1) " \
	"LEFT JOIN assessments pa ON pa.id = (SELECT l.id FROM assessments l WHERE l.team_id = " \
	t " AND l.period < a.period ORDER BY l.period DESC LIMIT 1)"
/* Team t's rows made again (over span), its sums with them. */
/* Version 6: team t's rows of org_dim_rows (over span) taken out, or
 * made from org_rows and dims. */
#define ORG_DROWS_DEL(t, span) "DELETE FROM org_dim_rows WHERE team_id = " t span("period") ";"
#define ORG_DROWS_ADD(t, span) \
	"INSERT OR REPLACE INTO org_dim_rows SELECT r.team_id, r.period, d.dimension_id, d.score, " \
	"r.ov100 FROM org_rows r JOIN dims d ON d.assessment_id = r.assessment_id WHERE r.team_id = " t \
	span("r.period") ";"
#define ORG_REFRESH(t, span) \
	ORG_SUB(t, span) ORG_DROWS_DEL(t, span) "DELETE FROM org_rows WHERE team_id = " t \
	span("period") ";" \
	"INSERT INTO org_rows " ORG_ROWS_SELECT(t, "org_periods p") " WHERE (SELECT archived_at " \
	"IS NULL FROM teams WHERE id = " t ")" span("p.period") ";" ORG_ADD(t, span) \
	ORG_DROWS_ADD(t, span)
#define ORG_ALL(t) ORG_REFRESH(t, ORG_NOSPAN)
/* A period's first assessment: the period starts as a copy of the one
 * before it (every team shows there what it showed before). */
#define ORG_PERIOD_ADD(p) \
	"INSERT INTO org_periods(period, nassess) VALUES (" p ", 1) ON CONFLICT(period) DO UPDATE " \
	"SET nassess = nassess + 1;" \
	"INSERT INTO org_rows SELECT " p ", team_id, assessment_id, shown, ov100, cov100, prev_id, " \
	"pov100, nd FROM org_rows WHERE period = (SELECT max(period) FROM org_periods WHERE period < " \
	p ") AND (SELECT nassess FROM org_periods WHERE period = " p ") = 1;" \
	"INSERT INTO org_dim_sums SELECT " p ", dimension_id, n, s FROM org_dim_sums WHERE period = " \
	"(SELECT max(period) FROM org_periods WHERE period < " p ") AND (SELECT nassess FROM " \
	"org_periods WHERE period = " p ") = 1;" \
	"INSERT OR REPLACE INTO org_dim_rows SELECT team_id, " p ", dimension_id, score, ov100 FROM " \
	"org_dim_rows WHERE period = (SELECT max(period) FROM org_periods WHERE period < " p ") " \
	"AND (SELECT nassess FROM org_periods WHERE period = " p ") = 1;"
#define ORG_PERIOD_DEL(p) \
	"UPDATE org_periods SET nassess = nassess - 1 WHERE period = " p ";" \
	"DELETE FROM org_rows WHERE period = " p " AND (SELECT nassess FROM org_periods WHERE " \
	"period = " p ") = 0;" \
	"DELETE FROM org_dim_sums WHERE period = " p " AND (SELECT nassess FROM org_periods WHERE " \
	"period = " p ") = 0;" \
	"DELETE FROM org_dim_rows WHERE period = " p " AND (SELECT nassess FROM org_periods WHERE " \
	"period = " p ") = 0;" \
	"DELETE FROM org_sums WHERE period = " p " AND (SELECT nassess FROM org_periods WHERE " \
	"period = " p ") = 0;" \
	"DELETE FROM org_periods WHERE period = " p " AND nassess = 0;"
#define ORG_DIM_ADD(r) \
	"UPDATE org_rows SET nd = nd + 1 WHERE assessment_id = " r ".assessment_id;" \
	"INSERT INTO org_dim_sums(period, dimension_id, n, s) SELECT period, " r ".dimension_id, 1, " \
	ORG_X100(r ".score") " FROM org_rows WHERE assessment_id = " r ".assessment_id " \
	"ON CONFLICT(period, dimension_id) DO UPDATE SET n = n + 1, s = s + excluded.s;" \
	"INSERT OR REPLACE INTO org_dim_rows SELECT team_id, period, " r ".dimension_id, " r \
	".score, ov100 FROM org_rows WHERE assessment_id = " r ".assessment_id;"
#define ORG_DIM_SUB(r) \
	"UPDATE org_rows SET nd = nd - 1 WHERE assessment_id = " r ".assessment_id;" \
	"UPDATE org_dim_sums SET n = n - 1, s = s - " ORG_X100(r ".score") " WHERE dimension_id = " \
	r ".dimension_id AND period IN (SELECT period FROM org_rows WHERE assessment_id = " r \
	".assessment_id);" \
	"DELETE FROM org_dim_rows WHERE dimension_id = " r ".dimension_id AND (team_id, period) IN " \
	"(SELECT team_id, period FROM org_rows WHERE assessment_id = " r ".assessment_id);"

/* Team ?1's rows made again at every period, in four statements. */
#define ORG_TEAM_SQL_SUB ORG_SUB("?1", ORG_NOSPAN)
#define ORG_TEAM_SQL_DEL "DELETE FROM org_rows WHERE team_id = ?1;"
#define ORG_TEAM_SQL_ROWS "INSERT INTO org_rows " ORG_ROWS_SELECT("?1", "org_periods p") \
	" WHERE (SELECT archived_at IS NULL FROM teams WHERE id = ?1);"
#define ORG_TEAM_SQL_ADD ORG_ADD("?1", ORG_NOSPAN)
#define ORG_TEAM_SQL_DROWS_DEL ORG_DROWS_DEL("?1", ORG_NOSPAN)
#define ORG_TEAM_SQL_DROWS_ADD ORG_DROWS_ADD("?1", ORG_NOSPAN)

#define ORG_TABLES \
	"CREATE TABLE org_periods(period TEXT PRIMARY KEY, nassess INTEGER NOT NULL) WITHOUT ROWID;" \
	"CREATE TABLE org_rows(" \
	"  period TEXT NOT NULL, team_id INTEGER NOT NULL, assessment_id INTEGER NOT NULL," \
	"  shown TEXT NOT NULL, ov100 INTEGER NOT NULL, cov100 INTEGER NOT NULL," \
	"  prev_id INTEGER, pov100 INTEGER, nd INTEGER NOT NULL," \
	"  PRIMARY KEY(period, team_id)) WITHOUT ROWID;" \
	"CREATE TABLE org_dim_sums(" \
	"  period TEXT NOT NULL, dimension_id TEXT NOT NULL, n INTEGER NOT NULL, s INTEGER NOT NULL," \
	"  PRIMARY KEY(period, dimension_id)) WITHOUT ROWID;" \
	"INSERT INTO org_periods SELECT period, count(*) FROM assessments GROUP BY period;" \
	"INSERT INTO org_rows " ORG_ROWS_SELECT("t.id", "org_periods p JOIN teams t ON " \
						"t.archived_at IS NULL") ";" \
	"INSERT INTO org_dim_sums SELECT r.period, d.dimension_id, count(*), sum(" ORG_X100("d.score") \
	") FROM org_rows r JOIN dims d ON d.assessment_id = r.assessment_id GROUP BY 1, 2;" \
	"CREATE INDEX org_rows_overall ON org_rows(period, ov100, nd);" \
	"CREATE INDEX org_rows_team ON org_rows(team_id);" \
	"CREATE INDEX org_rows_assessment ON org_rows(assessment_id);" \
	"CREATE INDEX org_rows_prev ON org_rows(prev_id);"

#define ORG_TRIGGERS \
	"CREATE TRIGGER org_assessment_insert AFTER INSERT ON assessments BEGIN " \
	ORG_PERIOD_ADD("NEW.period") ORG_REFRESH("NEW.team_id", ORG_SPAN) \
	"UPDATE org_rows SET prev_id = NEW.id, pov100 = " ORG_X100("NEW.overall") \
	" WHERE team_id = NEW.team_id AND shown = " ORG_NEXT "; END;" \
	"CREATE TRIGGER org_assessment_delete AFTER DELETE ON assessments BEGIN " \
	ORG_PERIOD_DEL("OLD.period") ORG_ALL("OLD.team_id") " END;" \
	"CREATE TRIGGER org_assessment_move AFTER UPDATE OF id, team_id, period ON assessments BEGIN " \
	ORG_PERIOD_DEL("OLD.period") ORG_PERIOD_ADD("NEW.period") ORG_ALL("OLD.team_id") \
	ORG_ALL("NEW.team_id") " END;" \
	"CREATE TRIGGER org_assessment_scores AFTER UPDATE OF overall, coverage ON assessments BEGIN " \
	"UPDATE org_rows SET ov100 = " ORG_X100("NEW.overall") ", cov100 = " ORG_X100("NEW.coverage") \
	" WHERE assessment_id = NEW.id;" \
	"UPDATE org_rows SET pov100 = " ORG_X100("NEW.overall") " WHERE prev_id = NEW.id; END;" \
	"CREATE TRIGGER org_dim_insert AFTER INSERT ON dims BEGIN " ORG_DIM_ADD("NEW") " END;" \
	"CREATE TRIGGER org_dim_delete AFTER DELETE ON dims BEGIN " ORG_DIM_SUB("OLD") " END;" \
	"CREATE TRIGGER org_dim_update AFTER UPDATE OF assessment_id, dimension_id, score ON dims " \
	"BEGIN " ORG_DIM_SUB("OLD") ORG_DIM_ADD("NEW") " END;" \
	"CREATE TRIGGER org_team_insert AFTER INSERT ON teams BEGIN " ORG_ALL("NEW.id") " END;" \
	"CREATE TRIGGER org_team_delete AFTER DELETE ON teams BEGIN " ORG_ALL("OLD.id") " END;" \
	"CREATE TRIGGER org_team_update AFTER UPDATE OF id, archived_at ON teams BEGIN " \
	ORG_ALL("OLD.id") ORG_ALL("NEW.id") " END;"

/* Version 6: org_dim_rows, per period, dimension id and team of org_rows
 * (those with dimension rows) the team's score there, as REAL, and its
 * overall score (ov100, the first tie-break): its index gives the view
 * sorted by a dimension a window at a time. org_sums, per
 * period, what the view sums over its teams (org_rows with nd > 0): their
 * count, overall and coverage in hundredths, how many have a change and
 * its sum, how many show an older assessment; kept by triggers on
 * org_rows itself (ORG_SUM_TRIGGERS), which bulk writes keep. */
#define ORG_SUM_ROW(r) "SELECT " r ".period, 1, " r ".ov100, " r ".cov100, " r ".pov100 IS NOT " \
	"NULL, coalesce(" r ".ov100 - " r ".pov100, 0), " r ".shown <> " r ".period"
#define ORG_SUM_ADD(r) "INSERT INTO org_sums " ORG_SUM_ROW(r) " WHERE " r ".nd > 0 " \
	"ON CONFLICT(period) DO UPDATE SET n = n + 1, ov = ov + excluded.ov, cov = cov + " \
	"excluded.cov, nch = nch + excluded.nch, ch = ch + excluded.ch, nolder = nolder + " \
	"excluded.nolder;"
#define ORG_SUM_SUB(r) "UPDATE org_sums SET n = n - 1, ov = ov - " r ".ov100, cov = cov - " r \
	".cov100, nch = nch - (" r ".pov100 IS NOT NULL), ch = ch - coalesce(" r ".ov100 - " r \
	".pov100, 0), nolder = nolder - (" r ".shown <> " r ".period) WHERE period = " r \
	".period AND " r ".nd > 0;"
#define ORG_V6_TABLES \
	"CREATE TABLE org_dim_rows(" \
	"  team_id INTEGER NOT NULL, period TEXT NOT NULL, dimension_id TEXT NOT NULL, score REAL," \
	"  ov100 INTEGER NOT NULL," \
	"  PRIMARY KEY(team_id, period, dimension_id)) WITHOUT ROWID;" \
	"INSERT INTO org_dim_rows SELECT r.team_id, r.period, d.dimension_id, d.score, r.ov100 " \
	"FROM org_rows r " \
	"JOIN dims d ON d.assessment_id = r.assessment_id;" \
	"CREATE INDEX org_dim_rows_order ON org_dim_rows(period, dimension_id, score, ov100);" \
	"CREATE TABLE org_sums(period TEXT PRIMARY KEY, n INTEGER NOT NULL, ov INTEGER NOT NULL," \
	"  cov INTEGER NOT NULL, nch INTEGER NOT NULL, ch INTEGER NOT NULL," \
	"  nolder INTEGER NOT NULL) WITHOUT ROWID;" \
	"INSERT INTO org_sums SELECT period, count(*), sum(ov100), sum(cov100), count(pov100), " \
	"coalesce(sum(ov100 - pov100), 0), sum(shown <> period) FROM org_rows WHERE nd > 0 " \
	"GROUP BY period;"
#define ORG_SUM_TRIGGERS \
	"CREATE TRIGGER org_rows_insert AFTER INSERT ON org_rows BEGIN " ORG_SUM_ADD("NEW") " END;" \
	"CREATE TRIGGER org_rows_delete AFTER DELETE ON org_rows BEGIN " ORG_SUM_SUB("OLD") " END;" \
	"CREATE TRIGGER org_rows_update AFTER UPDATE ON org_rows BEGIN " ORG_SUM_SUB("OLD") \
	ORG_SUM_ADD("NEW") " END;" \
	"CREATE TRIGGER org_rows_overall AFTER UPDATE OF ov100 ON org_rows BEGIN " \
	"UPDATE org_dim_rows SET ov100 = NEW.ov100 WHERE team_id = NEW.team_id AND period = " \
	"NEW.period; END;"

#define ORG_DROP_TRIGGERS \
	"DROP TRIGGER IF EXISTS org_assessment_insert; DROP TRIGGER IF EXISTS org_assessment_delete;" \
	"DROP TRIGGER IF EXISTS org_assessment_move; DROP TRIGGER IF EXISTS org_assessment_scores;" \
	"DROP TRIGGER IF EXISTS org_dim_insert; DROP TRIGGER IF EXISTS org_dim_delete;" \
	"DROP TRIGGER IF EXISTS org_dim_update; DROP TRIGGER IF EXISTS org_team_insert;" \
	"DROP TRIGGER IF EXISTS org_team_delete; DROP TRIGGER IF EXISTS org_team_update;"

#endif
