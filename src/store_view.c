#include "store_view.h"
#include "store_int.h"
#include "xalloc.h"

#include <stdlib.h>

/* Teams first (CROSS JOIN keeps that order): for each, one index seek for
 * its max-th newest period ('' when it has fewer: periods are text), then
 * a range of at most max rows, already in (team, period) order. */
static const char trends_sql[] =
	"SELECT t.id, a.overall, a.id, a.period, a.model FROM teams t CROSS JOIN assessments a "
	"WHERE a.team_id = t.id AND a.period >= coalesce("
	"(SELECT l.period FROM assessments l WHERE l.team_id = t.id "
	"ORDER BY l.period DESC LIMIT 1 OFFSET ?1), '') "
	"ORDER BY t.id, a.period";

bool store_view_trends(struct store *st, size_t max, store_trend_fn fn, void *ctx)
{
	sqlite3_stmt *s = NULL;
	double *scores;
	size_t n = 0;
	int64_t team = 0;
	int rc;

	if (max < 1)
		max = 1;
	if (sqlite3_prepare_v2(store_db(st), trends_sql, -1, &s, NULL) != SQLITE_OK)
		return store_fail_db(st, "cannot read the teams' trends");
	scores = xcalloc(max, sizeof *scores);
	sqlite3_bind_int64(s, 1, (int64_t)max - 1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		int period;

		if (!store_summary_ok(st, s, 2, NULL, 3, 1, -1, 4, &period))
			break;

		if (n && id != team) {
			fn(ctx, team, scores, n);
			n = 0;
		}
		team = id;
		if (n < max)
			scores[n++] = sqlite3_column_double(s, 1);
	}
	if (rc == SQLITE_DONE && n)
		fn(ctx, team, scores, n);
	free(scores);
	if (rc != SQLITE_DONE) {
		/* A bad value stopped the walk with its own message. */
		if (rc != SQLITE_ROW)
			store_fail_db(st, "cannot read the teams' trends");
		sqlite3_finalize(s);
		return false;
	}
	sqlite3_finalize(s);
	return true;
}
