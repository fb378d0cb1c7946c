/* Values read from the database, checked at the store's boundary: another
 * tool may have written anything into the file (a level of 12 on a 1-5
 * model, an answer code of 7, a period "2026-Q9", a NULL team name,
 * INT_MIN). Every read of such a value goes through one of these helpers;
 * a value outside what the model allows is an error naming the assessment,
 * so that no screen, report or export shows it or computes with it. */
#include "store_int.h"
#include "period.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

static bool why_set(char why[STORE_WHY], const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool why_set(char why[STORE_WHY], const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, STORE_WHY, fmt, ap);
	va_end(ap);
	return false;
}

/* The column as the user would recognise it in the message: short, and
 * never a control character (the text may be anything). */
static void shown(sqlite3_stmt *s, int i, char out[40])
{
	const unsigned char *t = sqlite3_column_text(s, i);
	size_t n = 0;

	if (!t) {
		snprintf(out, 40, "NULL");
		return;
	}
	out[n++] = '\'';
	for (; *t && n < 34; t++)
		out[n++] = *t < 0x20 || *t == 0x7f || *t >= 0x80 ? '?' : (char)*t;
	if (*t)
		out[n++] = '.', out[n++] = '.', out[n++] = '.';
	out[n++] = '\'';
	out[n] = '\0';
}

bool store_column_level(sqlite3_stmt *s, int i, const struct model *m, const char *what,
			bool nullable, int *out, char why[STORE_WHY])
{
	int type = sqlite3_column_type(s, i);
	int64_t v;
	char buf[40];

	*out = NO_LEVEL;
	if (type == SQLITE_NULL) {
		if (nullable)
			return true;
		return why_set(why, "%s is missing (NULL)", what);
	}
	if (type != SQLITE_INTEGER) {
		shown(s, i, buf);
		return why_set(why, "%s %s is not a level of the model (%d-%d)", what, buf,
			       m->lowest, m->highest);
	}
	v = sqlite3_column_int64(s, i);
	if (v < m->lowest || v > m->highest)
		return why_set(why, "%s %" PRId64 " is outside the model's levels %d-%d", what, v,
			       m->lowest, m->highest);
	*out = (int)v;
	return true;
}

bool store_column_real(sqlite3_stmt *s, int i, double lo, double hi, const char *what,
		       double *out, char why[STORE_WHY])
{
	int type = sqlite3_column_type(s, i);
	double v;
	char buf[40];

	*out = 0;
	if (type == SQLITE_NULL)
		return why_set(why, "%s is missing (NULL)", what);
	if (type != SQLITE_INTEGER && type != SQLITE_FLOAT) {
		shown(s, i, buf);
		return why_set(why, "%s %s is not a number", what, buf);
	}
	v = sqlite3_column_double(s, i);
	/* Written as NaN compares false both ways: refused too. */
	if (!(v >= lo && v <= hi))
		return why_set(why, "%s %.2f is outside %.2f-%.2f", what, v, lo, hi);
	*out = v;
	return true;
}

bool store_column_answer(sqlite3_stmt *s, int i, enum answer *out, char why[STORE_WHY])
{
	int type = sqlite3_column_type(s, i);
	int64_t v;
	char buf[40];

	*out = ANS_UNKNOWN;
	if (type == SQLITE_NULL)
		return true;
	v = sqlite3_column_int64(s, i);
	if (type != SQLITE_INTEGER || v < ANS_NO || v > ANS_NA) {
		if (type == SQLITE_INTEGER)
			snprintf(buf, sizeof buf, "%" PRId64, v);
		else
			shown(s, i, buf);
		return why_set(why, "answer code %s is not one of %d (no), %d (partly), %d (yes), %d (n/a)",
			       buf, ANS_NO, ANS_PARTLY, ANS_YES, ANS_NA);
	}
	*out = (enum answer)v;
	return true;
}

bool store_column_period_ok(sqlite3_stmt *s, int i, const char *what, bool nullable, int *out,
			    char why[STORE_WHY])
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	char buf[40];

	*out = NO_PERIOD;
	if (!t) {
		if (nullable)
			return true;
		return why_set(why, "%s is missing (NULL)", what);
	}
	if (sqlite3_column_type(s, i) != SQLITE_TEXT || !period_parse(t, out)) {
		*out = NO_PERIOD;
		shown(s, i, buf);
		return why_set(why, "%s %s is not a quarter (YYYY-Qn)", what, buf);
	}
	return true;
}

bool store_column_text(sqlite3_stmt *s, int i, const char *what, bool nullable, const char **out,
		       char why[STORE_WHY])
{
	*out = (const char *)sqlite3_column_text(s, i);
	if (!*out && !nullable)
		return why_set(why, "%s is missing (NULL)", what);
	return true;
}

bool store_column_status(sqlite3_stmt *s, int i, enum rm_status *out, char why[STORE_WHY])
{
	char buf[40];

	*out = RM_PLANNED;
	if (sqlite3_column_type(s, i) == SQLITE_TEXT &&
	    rm_status_parse((const char *)sqlite3_column_text(s, i), out))
		return true;
	shown(s, i, buf);
	return why_set(why, "status %s is not planned, in-progress, done or dropped", buf);
}

bool store_roadmap_row_ok(struct store *st, sqlite3_stmt *s, const struct store_rm_columns *c,
			  struct store_rm_values *v)
{
	char why[STORE_WHY];
	const char *team = c->team >= 0 ? (const char *)sqlite3_column_text(s, c->team) : NULL;
	const char *crit = (const char *)sqlite3_column_text(s, c->criterion);

	if ((c->team < 0 || store_column_text(s, c->team, "the team name", false, &team, why)) &&
	    store_column_text(s, c->criterion, "the criterion id", false, &crit, why) &&
	    store_column_text(s, c->dimension, "the dimension id", false, &v->dimension, why) &&
	    store_column_status(s, c->status, &v->status, why) &&
	    store_column_period_ok(s, c->due, "due period", true, &v->due, why) &&
	    store_column_period_ok(s, c->created, "created period", false, &v->created, why) &&
	    store_column_period_ok(s, c->done, "done period", true, &v->done, why))
		return true;
	if (team)
		return store_fail(st, "team '%s': roadmap item '%s': %s", team, crit ? crit : "NULL", why);
	return store_fail(st, "roadmap item '%s': %s", crit ? crit : "NULL", why);
}

bool store_summary_ok(struct store *st, sqlite3_stmt *s, int idcol, const char *team, int pcol,
		      int ocol, int ccol, int mcol, int *period)
{
	const struct model *m;
	char why[STORE_WHY];
	double x;

	if (!store_column_period_ok(s, pcol, "period", false, period, why))
		goto bad;
	if (store_model_get(st, sqlite3_column_int64(s, mcol), &m) <= 0)
		return false;
	if (!store_column_real(s, ocol, m->lowest, m->highest, "overall score", &x, why) ||
	    (ccol >= 0 && !store_column_real(s, ccol, 0, 1, "coverage", &x, why)))
		goto bad;
	return true;
bad:
	return store_bad_value(st, sqlite3_column_int64(s, idcol), team,
			       (const char *)sqlite3_column_text(s, pcol), why);
}

bool store_bad_value(struct store *st, int64_t assessment, const char *team, const char *period,
		     const char *why)
{
	/* A period that is not one is shown (cleaned) by why. */
	if (!period || !period_parse(period, NULL))
		period = "bad period";
	if (!team)
		return store_fail(st, "assessment %" PRId64 " (%s): %s", assessment, period, why);
	return store_fail(st, "assessment %" PRId64 " (%s, %s): %s", assessment, team, period, why);
}
