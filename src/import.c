/* The import: the CSV is read and every row checked on its own first
 * (team, period, answer, text), then the rows are grouped by team and
 * period and each group is checked against its assessment (criterion,
 * sign-off, conflicts, n/a) and applied, all inside one transaction that
 * is committed only when no row was bad. */
#include "import.h"
#include "csvread.h"
#include "osutil.h"
#include "period.h"
#include "store_import.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Far more than 100,000 rows of criteria. */
#define IMPORT_MAX_BYTES ((size_t)1 << 30)

enum col { C_TEAM, C_PERIOD, C_DIM, C_CRIT, C_ANSWER, C_COMMENT, C_EVIDENCE, C_N };
static const char *const col_names[C_N] = {
	"team", "period", "dimension_id", "criterion_id", "answer", "comment", "evidence",
};
static const bool col_required[C_N] = { true, true, false, true, true, false, false };

/* A row that passed the checks of its own: dim, comment and evidence are
 * NULL when the column is absent or (comment, evidence) empty, which
 * leaves what the database holds. */
struct row {
	size_t line;
	char *team, *crit, *dim, *comment, *evidence;
	int period;
	enum answer answer;
};

struct import {
	const char *path;
	const struct import_opts *o;
	struct import_result *r;
	int col[C_N];           /* the field's index, -1 when absent */
	size_t ncols;
	struct row *rows;
	size_t nrows, cap;
};

static void bad(struct import *im, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bad(struct import *im, size_t line, const char *fmt, ...)
{
	struct import_result *r = im->r;
	struct strbuf sb;
	va_list ap;

	r->nerrors++;
	if (r->nkept >= im->o->max_errors)
		return;
	sb_init(&sb);
	sb_printf(&sb, "%s:%zu: error: ", im->path, line);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	r->errors = xrealloc(r->errors, (r->nkept + 1) * sizeof *r->errors);
	r->errors[r->nkept++] = (struct import_error){ line, sb.s };
}

static bool header(struct import *im, char **f, size_t n, size_t line)
{
	size_t before = im->r->nerrors;

	for (int c = 0; c < C_N; c++)
		im->col[c] = -1;
	im->ncols = n;
	for (size_t i = 0; i < n; i++) {
		for (int c = 0; c < C_N; c++) {
			if (strcmp(f[i], col_names[c]))
				continue;
			if (im->col[c] >= 0)
				bad(im, line, "the column '%s' is named twice", col_names[c]);
			im->col[c] = (int)i;
		}
	}
	for (int c = 0; c < C_N; c++)
		if (col_required[c] && im->col[c] < 0)
			bad(im, line, "no '%s' column (a header with the columns of mlmat export "
			    "--what criteria is needed)", col_names[c]);
	return im->r->nerrors == before;
}

/* The field of column c, the export's formula guard taken off; NULL when
 * the file has no such column. */
static char *field(const struct import *im, char **f, enum col c)
{
	if (im->col[c] < 0)
		return NULL;
	csvread_unguard(f[im->col[c]]);
	return f[im->col[c]];
}

static char *text_field(struct import *im, char **f, enum col c, size_t max, size_t line)
{
	char *t = field(im, f, c), why[128];

	if (!t || !*t)
		return NULL;
	if (!store_crit_text_valid(col_names[c], t, max, why, sizeof why)) {
		bad(im, line, "%s", why);
		return NULL;
	}
	return xstrdup(t);
}

static void parse_row(struct import *im, char **f, size_t n, size_t line)
{
	struct row row = { .line = line };
	char team[TEAM_NAME_BYTES], *t;
	const char *why;
	size_t before = im->r->nerrors;

	if (n != im->ncols) {
		bad(im, line, "%zu fields, the header has %zu", n, im->ncols);
		return;
	}
	if (!store_team_name_clean(field(im, f, C_TEAM), team, &why))
		bad(im, line, "%s", why);
	if (!period_parse(t = field(im, f, C_PERIOD), &row.period))
		bad(im, line, "the period '%s' is not YYYY-Qn with n from 1 to 4", t);
	if (!*field(im, f, C_CRIT))
		bad(im, line, "no criterion_id");
	if (!answer_parse(t = field(im, f, C_ANSWER), &row.answer))
		bad(im, line, "the answer '%s' is not yes, partly, no, n/a or unknown", t);
	row.comment = text_field(im, f, C_COMMENT, COMMENT_MAX, line);
	row.evidence = text_field(im, f, C_EVIDENCE, EVIDENCE_MAX, line);
	if (im->r->nerrors != before) {
		free(row.comment);
		free(row.evidence);
		return;
	}
	row.team = xstrdup(team);
	row.crit = xstrdup(field(im, f, C_CRIT));
	t = field(im, f, C_DIM);
	row.dim = t && *t ? xstrdup(t) : NULL;
	im->rows = xgrow(im->rows, &im->cap, im->nrows + 1, sizeof *im->rows);
	im->rows[im->nrows++] = row;
}

static void read_rows(struct import *im, const char *buf, size_t len)
{
	struct csvread *cr = csvread_new(buf, len);
	char **f;
	size_t n, line;
	const char *why;
	int rc;
	bool have_header = false;

	/* Without the header's columns no row can be read: reading stops at
	 * a bad header. */
	while ((rc = csvread_next(cr, &f, &n, &line, &why)) != 0) {
		if (rc < 0) {
			bad(im, line, "%s", why);
			if (!have_header)
				break;
		} else if (!have_header) {
			if (!header(im, f, n, line))
				break;
			have_header = true;
		} else {
			im->r->rows++;
			parse_row(im, f, n, line);
		}
	}
	if (!have_header && !im->r->nerrors)
		bad(im, 1, "no header (the columns of mlmat export --what criteria)");
	csvread_free(cr);
}

static int by_assessment(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	int c = strcmp(a->team, b->team);

	if (c)
		return c;
	if (a->period != b->period)
		return a->period < b->period ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* The assessment of the group's team and period, made when missing:
 * 1 found or made (*a loaded), -1 a database error. */
static int assessment_of(struct store *st, struct import *im, const struct row *r,
			 struct assessment **a)
{
	int64_t team = 0, id = 0;
	int rc = store_team_find(st, r->team, &team);

	if (rc > 0)
		rc = store_assessment_find(st, team, r->period, &id);
	if (rc < 0)
		return -1;
	if (!id) {
		id = store_import_create(st, r->team, r->period, im->o->model, im->o->facilitator,
					 im->path);
		if (!id)
			return -1;
		im->r->created++;
	}
	return store_assessment_load(st, id, a) > 0 ? 1 : -1;
}

static bool same_text(const char *x, const char *y)
{
	return !strcmp(x ? x : "", y ? y : "");
}

/* What one group changes, counted apart until the group proves good. */
struct plan {
	struct store_import_change *ch;
	size_t *lines;          /* of each change */
	size_t n;
	size_t set, changed, confirmed, comments, evidence;
	size_t *seen;           /* by criterion: the line that gave it, 0 none */
};

/* The rules of one row against the assessment as it stood before the
 * import; the change it makes goes into p. */
static void check_row(struct import *im, const struct assessment *a, const struct row *r,
		      struct plan *p, const char *ap)
{
	const struct model *m = a->model;
	long c = model_find_criterion(m, r->crit);
	struct store_import_change ch = { 0 };
	enum answer old;
	const char *comment;

	if (c < 0) {
		bad(im, r->line, "no criterion '%s' in the model of %s (%s version %s)", r->crit, ap,
		    m->id, m->version);
		return;
	}
	if (r->dim && strcmp(r->dim, m->dims[m->crits[c].dim].id))
		bad(im, r->line, "criterion '%s' is in dimension '%s', not '%s'", r->crit,
		    m->dims[m->crits[c].dim].id, r->dim);
	if (p->seen[c]) {
		bad(im, r->line, "criterion '%s' of %s is given twice (first on line %zu)", r->crit,
		    ap, p->seen[c]);
		return;
	}
	p->seen[c] = r->line;
	old = a->answers[c];
	if (r->answer != ANS_UNKNOWN && old != ANS_UNKNOWN && old != r->answer && !im->o->force)
		bad(im, r->line, "conflict: %s of %s is %s in the database and %s here (--force "
		    "takes the file's)", r->crit, ap, answer_name(old), answer_name(r->answer));
	comment = r->comment ? r->comment : a->crits[c].comment;
	if (r->answer == ANS_NA && !(comment && *comment))
		bad(im, r->line, "%s is n/a without a comment saying why it does not apply", r->crit);
	ch.crit = (size_t)c;
	/* The same answer confirms a carried one, except where nothing may
	 * change: there the row simply matches. */
	if (r->answer != ANS_UNKNOWN &&
	    (r->answer != old || (a->crits[c].origin != ORIGIN_ANSWERED && !a->signed_by))) {
		ch.answer = r->answer;
		if (old == ANS_UNKNOWN)
			p->set++;
		else if (old != r->answer)
			p->changed++;
		else
			p->confirmed++;
	}
	if (r->comment && !same_text(r->comment, a->crits[c].comment)) {
		ch.comment = r->comment;
		p->comments++;
	}
	if (r->evidence && !same_text(r->evidence, a->crits[c].evidence)) {
		ch.evidence = r->evidence;
		p->evidence++;
	}
	if (ch.answer != ANS_UNKNOWN || ch.comment || ch.evidence) {
		p->lines[p->n] = r->line;
		p->ch[p->n++] = ch;
	}
}

static bool apply_plan(struct store *st, struct import *im, struct assessment *a,
		       const struct plan *p)
{
	struct import_result *r = im->r;
	char *detail;
	bool ok;

	r->answers_set += p->set;
	r->answers_changed += p->changed;
	r->answers_confirmed += p->confirmed;
	r->comments += p->comments;
	r->evidence += p->evidence;
	if (!p->n)
		return true;
	detail = xasprintf("from %s: %zu answers set, %zu changed, %zu confirmed, %zu comments, "
			   "%zu evidence", im->path, p->set, p->changed, p->confirmed, p->comments,
			   p->evidence);
	ok = store_import_apply(st, a, p->ch, p->n, detail);
	free(detail);
	return ok;
}

/* One team and period: rows[0..n). False on a database error only. */
static bool import_group(struct store *st, struct import *im, const struct row *rows, size_t n)
{
	struct assessment *a = NULL;
	struct plan p = { 0 };
	char ap[TEAM_NAME_BYTES + 16], per[PERIOD_LEN];
	size_t created = im->r->created;
	bool ok = true;

	if (assessment_of(st, im, rows, &a) < 0)
		return false;
	period_format(rows->period, per);
	snprintf(ap, sizeof ap, "%s %s", rows->team, per);
	p.ch = xcalloc(n, sizeof *p.ch);
	p.lines = xcalloc(n, sizeof *p.lines);
	p.seen = xcalloc(a->model->ncrits, sizeof *p.seen);
	for (size_t i = 0; i < n; i++)
		check_row(im, a, &rows[i], &p, ap);
	/* A signed-off assessment refuses every change, and only changes: a
	 * row that matches what it holds (a file exported from it) is fine. */
	for (size_t i = 0; a->signed_by && i < p.n; i++)
		bad(im, p.lines[i], "%s is signed off (by %s at %s): reopen it before changing it",
		    ap, a->signed_by, a->signed_at);
	/* Once any row is bad nothing will be committed: checking goes on,
	 * writing stops. */
	if (!im->r->nerrors) {
		ok = apply_plan(st, im, a, &p);
		if (p.n && created == im->r->created)
			im->r->updated++;
	}
	free(p.ch);
	free(p.lines);
	free(p.seen);
	assessment_free(a);
	return ok;
}

static bool import_rows(struct store *st, struct import *im)
{
	if (im->nrows)
		qsort(im->rows, im->nrows, sizeof *im->rows, by_assessment);
	for (size_t i = 0, j; i < im->nrows; i = j) {
		for (j = i + 1; j < im->nrows && im->rows[j].period == im->rows[i].period &&
				!strcmp(im->rows[j].team, im->rows[i].team);
		     j++)
			;
		if (!import_group(st, im, im->rows + i, j - i))
			return false;
	}
	return true;
}

static void rows_free(struct import *im)
{
	for (size_t i = 0; i < im->nrows; i++) {
		free(im->rows[i].team);
		free(im->rows[i].crit);
		free(im->rows[i].dim);
		free(im->rows[i].comment);
		free(im->rows[i].evidence);
	}
	free(im->rows);
}

/* The rows' own faults are found first, the database's after: the user
 * reads them in the file's order. */
static int by_line(const void *x, const void *y)
{
	const struct import_error *a = x, *b = y;

	return a->line < b->line ? -1 : a->line > b->line;
}

int import_file(struct store *st, const char *path, const struct import_opts *o,
		struct import_result *r, char *err, size_t errsz)
{
	struct import im = { .path = path, .o = o, .r = r };
	size_t len;
	bool too_big, ok;
	const char *why = NULL;
	char *buf = file_read_regular(path, IMPORT_MAX_BYTES, &len, &too_big, &why);

	memset(r, 0, sizeof *r);
	if (!buf) {
		snprintf(err, errsz, "mlmat: %s: %s", path, too_big ? "over 1 GiB" : why);
		return -1;
	}
	read_rows(&im, buf, len);
	free(buf);
	/* Rows bad on their own are left out; the others are still checked
	 * against the database, so that one run lists every bad row. */
	ok = store_begin(st);
	if (ok) {
		ok = import_rows(st, &im);
		if (ok && !r->nerrors && !o->dry_run)
			ok = store_commit(st);
		else
			store_rollback(st);
	}
	rows_free(&im);
	if (r->nkept)
		qsort(r->errors, r->nkept, sizeof *r->errors, by_line);
	if (!ok) {
		snprintf(err, errsz, "%s", store_error(st));
		return -1;
	}
	return r->nerrors ? 0 : 1;
}

void import_result_free(struct import_result *r)
{
	for (size_t i = 0; i < r->nkept; i++)
		free(r->errors[i].msg);
	free(r->errors);
}
