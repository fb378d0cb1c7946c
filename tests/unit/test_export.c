/* CSV export (src/export.c) against CONTRACT section 4, through the public
 * functions only: export_write for each --what on a real SQLite file filled
 * through the store API, export_to_file's atomic write. The output is read
 * back with the test's own strict RFC 4180 reader; headers are compared
 * with the contract's column lists, rows field by field with values worked
 * out from the contract's scoring rules (in the comments), never taken from
 * the code. Times are checked for their form only.
 *
 * The database is built once for the group: teams whose names sort apart
 * from their creation order (so rows must be sorted, not listed by id), a
 * period created after a later one, a dimension order that is not
 * alphabetical, and fields with commas, quotes, line ends and leading
 * formula characters. */
#include "testutil.h"

#include "export.h"
#include "model.h"
#include "roadmap.h"
#include "score.h"
#include "store.h"
#include "xalloc.h"
#include "period.h"
#include "osutil.h"

#include <dirent.h>
#include <pwd.h>
#include <sqlite3.h>
#include <sys/stat.h>

#define PATHSZ 4200

/* ---- the contract's columns (CONTRACT section 4) ---- */

static const char *const answers_cols[] = {
	"assessment_id", "team", "period", "facilitator", "model_id", "model_version",
	"dimension_id", "dimension", "level", "score", "target", "gap", "coverage",
	"override_reason", "notes", "updated_at", "overall", "state", NULL
};
static const char *const criteria_cols[] = {
	"assessment_id", "team", "period", "dimension_id", "criterion_id", "criterion_level",
	"criterion", "answer", "comment", "evidence", "origin", NULL
};
static const char *const roadmap_cols[] = {
	"team", "dimension_id", "criterion_id", "action", "status", "owner", "due_period",
	"created_period", "done_period", "blocked_by", NULL
};
static const char *const audit_cols[] = {
	"at", "os_user", "assessment_id", "action", "detail", "hash", NULL
};

/* ---- the model ---- */

/* Levels 1 to 4. Dimension dz "Zeta, "Z"" (weight 1) comes before da
 * "Alpha" (weight 2) in the model, the other way round in the alphabet. */
static const char model_yaml[] =
	"id: exp-model\nname: Export test\nversion: \"2.1\"\n"
	"levels:\n"
	"  - level: 1\n    name: One\n  - level: 2\n    name: Two\n"
	"  - level: 3\n    name: Three\n  - level: 4\n    name: Four\n"
	"dimensions:\n"
	"  - id: dz\n    name: \"Zeta, \\\"Z\\\"\"\n    weight: 1\n    criteria:\n"
	"      - id: z2a\n        level: 2\n        text: \"=SUM(1), \\\"two\\\"\"\n"
	"        action: Do z2a.\n"
	"      - id: z3a\n        level: 3\n        text: Zeta three\n        action: Do z3a.\n"
	"      - id: z4a\n        level: 4\n        text: Zeta four\n        action: Do z4a.\n"
	"  - id: da\n    name: Alpha\n    weight: 2\n    criteria:\n"
	"      - id: a2a\n        level: 2\n        text: Alpha two A\n        action: Do a2a.\n"
	"      - id: a2b\n        level: 2\n        text: Alpha two B\n        action: Do a2b.\n"
	"      - id: a3a\n        level: 3\n        text: Alpha three\n        action: Do a3a.\n"
	"      - id: a4a\n        level: 4\n        text: Alpha four\n        action: \"-rm -rf, \\\"no\\\"\"\n";

/* The model order of the criteria, as written above. */
static const char *const crit_order[] = { "z2a", "z3a", "z4a", "a2a", "a2b", "a3a", "a4a" };

#define EVIL "=Evil, \"Q\""
#define NOTES "-note, \"quoted\"\nsecond line"
#define REASON "Seen, \"in\" prod"
#define OWNER "Zoë, Ops"

/* ---- the database, built once ---- */

/* What the audit log must hold, in the order of recording. */
struct logged {
	int64_t assessment;     /* 0: none */
	const char *action;
	const char *crit;       /* roadmap edits: the item's criterion */
};

static struct {
	char *dir;
	char db[PATHSZ];
	struct model *m;
	int64_t beta2, beta1, alpha1, evil3;
	struct logged log[64];
	size_t nlog;
	char err[1024];
} fx;

static void path_in(char out[PATHSZ], const char *dir, const char *name)
{
	int n = snprintf(out, PATHSZ, "%s/%s", dir, name);

	if (n < 0 || n >= PATHSZ)
		fail_msg("path too long: %s/%s", dir, name);
}

static int per(const char *s)
{
	int p = NO_PERIOD;

	period_parse(s, &p);
	return p;
}

static void logged(int64_t id, const char *action, const char *crit)
{
	if (fx.nlog < sizeof fx.log / sizeof *fx.log)
		fx.log[fx.nlog++] = (struct logged){ id, action, crit };
}

/* Each step below returns false with fx.err set. */
static bool step(bool ok, struct store *st, const char *what)
{
	if (!ok && !fx.err[0])
		snprintf(fx.err, sizeof fx.err, "%s: %s", what, store_error(st));
	return ok;
}

static int64_t begin(struct store *st, const char *team, const char *period, const char *fac)
{
	bool created = false;
	int64_t id = store_assessment_begin(st, team, per(period), fac, fx.m, &created);

	if (!step(id > 0 && created, st, "store_assessment_begin"))
		return 0;
	logged(id, "create", NULL);
	return id;
}

static bool ans(struct store *st, struct assessment *a, const char *crit, enum answer v)
{
	logged(a->id, "answer", NULL);
	return step(store_set_answer(st, a, (size_t)model_find_criterion(fx.m, crit), v), st,
		    crit);
}

static bool tgt(struct store *st, struct assessment *a, const char *dim, int level)
{
	logged(a->id, "target", NULL);
	return step(store_set_target(st, a, (size_t)model_find_dimension(fx.m, dim), level), st,
		    dim);
}

static bool ovr(struct store *st, struct assessment *a, const char *dim, int level,
		const char *reason)
{
	logged(a->id, "override", NULL);
	return step(store_set_override(st, a, (size_t)model_find_dimension(fx.m, dim), level,
				       reason), st, dim);
}

static bool build(struct store *st)
{
	struct assessment *a;
	bool ok;

	/* The model is recorded with the first assessment. */
	logged(0, "model", NULL);

	/* Beta 2026-Q2 first, so that its id is smaller than Q1's.
	 * da: a2a a2b yes, a3a partly, a4a no, target 4: level 2, score
	 * 2 + 0.5/1 = 2.50, gap 1.50. dz: z2a z3a no, z4a yes (above the
	 * gap), target 3: level 1, score 1.00, gap 2.00. */
	if (!(fx.beta2 = begin(st, "Beta", "2026-Q2", "Fac One")))
		return false;
	store_assessment_load(st, fx.beta2, &a);
	ok = step(a != NULL, st, "load") &&
	     tgt(st, a, "da", 4) && ans(st, a, "a2a", ANS_YES) && ans(st, a, "a2b", ANS_YES) &&
	     ans(st, a, "a3a", ANS_PARTLY) && ans(st, a, "a4a", ANS_NO) &&
	     tgt(st, a, "dz", 3) && ans(st, a, "z2a", ANS_NO) && ans(st, a, "z3a", ANS_NO) &&
	     ans(st, a, "z4a", ANS_YES);
	if (ok) {
		logged(a->id, "notes", NULL);
		ok = step(store_set_notes(st, a, (size_t)model_find_dimension(fx.m, "da"), NOTES),
			  st, "notes");
	}
	assessment_free(a);
	if (!ok)
		return false;

	/* Beta 2026-Q1, older: nothing to copy from. dz overridden to 3;
	 * da: a2a yes, a2b unknown: level 1, score 1 + 1/2 = 1.50. */
	if (!(fx.beta1 = begin(st, "Beta", "2026-Q1", "Fac Two")))
		return false;
	store_assessment_load(st, fx.beta1, &a);
	ok = step(a != NULL, st, "load") && ans(st, a, "a2a", ANS_YES) &&
	     ovr(st, a, "dz", 3, REASON);
	assessment_free(a);
	if (!ok)
		return false;

	/* Alpha 2026-Q1: every criterion no, targets 4: level 1, score
	 * 1.00, gap 3.00 in both; seven open items. */
	if (!(fx.alpha1 = begin(st, "Alpha", "2026-Q1", "Fac Three")))
		return false;
	store_assessment_load(st, fx.alpha1, &a);
	ok = step(a != NULL, st, "load") && tgt(st, a, "da", 4) && tgt(st, a, "dz", 4);
	for (size_t i = 0; ok && i < 7; i++)
		ok = ans(st, a, crit_order[i], ANS_NO);
	assessment_free(a);
	if (!ok)
		return false;

	/* A team whose name begins with '=' and holds a comma and quotes;
	 * da overridden to 2 with a reason that begins with '='. */
	if (!(fx.evil3 = begin(st, EVIL, "2026-Q3", "@fac")))
		return false;
	store_assessment_load(st, fx.evil3, &a);
	ok = step(a != NULL, st, "load") && ovr(st, a, "da", 2, "=1+2");
	assessment_free(a);
	if (!ok)
		return false;

	/* Roadmap edits on Beta, recorded against its latest assessment. */
	{
		int64_t team = 0;

		store_team_find(st, "Beta", &team);

		logged(fx.beta2, "roadmap-status", "a4a");
		logged(fx.beta2, "roadmap-status", "z2a");
		logged(fx.beta2, "roadmap-status", "z3a");
		logged(fx.beta2, "roadmap-owner", "z3a");
		logged(fx.beta2, "roadmap-due", "z3a");
		return step(team > 0, st, "store_team_find") &&
		       step(store_roadmap_set_status(st, team, "a4a", RM_DROPPED), st, "a4a") &&
		       step(store_roadmap_set_status(st, team, "z2a", RM_DONE), st, "z2a") &&
		       step(store_roadmap_set_status(st, team, "z3a", RM_IN_PROGRESS), st, "z3a") &&
		       step(store_roadmap_set_owner(st, team, "z3a", OWNER), st, "owner") &&
		       step(store_roadmap_set_due(st, team, "z3a", per("2026-Q4")), st, "due");
	}
}

static int group_setup(void **state)
{
	char err[1024] = "";
	struct store *st;
	bool ok;

	(void)state;
	umask(022);
	fx.dir = tu_tmpdir();
	snprintf(fx.db, sizeof fx.db, "%s/mlmat.db", fx.dir);
	fx.m = model_load_buffer(model_yaml, strlen(model_yaml), "export-test.yaml", err, sizeof err);
	if (!fx.m) {
		fprintf(stderr, "the test model did not load: %s\n", err);
		return -1;
	}
	st = store_open(fx.db, STORE_CREATE, err, sizeof err);
	if (!st) {
		fprintf(stderr, "store_open: %s\n", err);
		return -1;
	}
	ok = build(st);
	store_close(st);
	if (!ok) {
		fprintf(stderr, "building the test database: %s\n", fx.err);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	model_free(fx.m);
	tu_tmpdir_remove(fx.dir);
	return 0;
}

/* ---- reading CSV back (strict RFC 4180) ---- */

struct table {
	char ***rows;           /* rows[0] is the header */
	size_t *nfields;
	size_t nrows;           /* with the header */
	char *raw;              /* the bytes as written */
};

/* What a test holds, freed by the teardown even when an assertion fails. */
static struct table held[16];
static size_t nheld;
static struct store *held_st;

static void table_free(struct table *t)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t f = 0; f < t->nfields[r]; f++)
			free(t->rows[r][f]);
		free(t->rows[r]);
	}
	free(t->rows);
	free(t->nfields);
	free(t->raw);
	memset(t, 0, sizeof *t);
}

static int test_setup(void **state)
{
	(void)state;
	nheld = 0;
	held_st = NULL;
	return 0;
}

static int test_teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < nheld; i++)
		table_free(&held[i]);
	nheld = 0;
	store_close(held_st);
	held_st = NULL;
	return 0;
}

/* Parses CSV text; fails the test on anything RFC 4180 does not allow:
 * a record not ended by CRLF, a quote inside an unquoted field, an
 * unterminated quoted field. */
static struct table *parse(char *raw)
{
	struct table *t;
	const char *p = raw;
	size_t cap = 0;

	if (nheld == sizeof held / sizeof *held)
		fail_msg("a test holds too many tables");
	t = &held[nheld++];
	memset(t, 0, sizeof *t);
	t->raw = raw;
	while (*p) {
		char **fields = NULL;
		size_t nf = 0;

		for (;;) {
			size_t len = 0, fcap = 64;
			char *f = xmalloc(fcap);

			if (*p == '"') {
				for (p++;; p++) {
					if (*p == '\0')
						fail_msg("row %zu: unterminated quoted field", t->nrows);
					if (*p == '"') {
						if (p[1] != '"')
							break;
						p++;
					}
					if (len + 2 > fcap)
						f = xrealloc(f, fcap *= 2);
					f[len++] = *p;
				}
				p++;
			} else {
				for (; *p && *p != ',' && *p != '\r' && *p != '\n'; p++) {
					if (*p == '"')
						fail_msg("row %zu: a quote inside an unquoted field", t->nrows);
					if (len + 2 > fcap)
						f = xrealloc(f, fcap *= 2);
					f[len++] = *p;
				}
			}
			f[len] = '\0';
			fields = xrealloc(fields, (nf + 1) * sizeof *fields);
			fields[nf++] = f;
			if (*p == ',') {
				p++;
				continue;
			}
			if (p[0] != '\r' || p[1] != '\n')
				fail_msg("row %zu: not ended by CRLF (0x%02x)", t->nrows, (unsigned char)*p);
			p += 2;
			break;
		}
		if (t->nrows == cap) {
			cap = cap ? cap * 2 : 16;
			t->rows = xrealloc(t->rows, cap * sizeof *t->rows);
			t->nfields = xrealloc(t->nfields, cap * sizeof *t->nfields);
		}
		t->rows[t->nrows] = fields;
		t->nfields[t->nrows++] = nf;
	}
	if (t->nrows == 0)
		fail_msg("no header row");
	for (size_t r = 1; r < t->nrows; r++)
		if (t->nfields[r] != t->nfields[0])
			fail_msg("row %zu has %zu fields, the header %zu", r, t->nfields[r], t->nfields[0]);
	return t;
}

static size_t col(const struct table *t, const char *name)
{
	for (size_t i = 0; i < t->nfields[0]; i++)
		if (!strcmp(t->rows[0][i], name))
			return i;
	fail_msg("no column %s", name);
	return 0;
}

/* Data row r (from 0), column name. */
static const char *cell(const struct table *t, size_t r, const char *name)
{
	if (r + 1 >= t->nrows)
		fail_msg("no data row %zu (%zu rows)", r, t->nrows - 1);
	return t->rows[r + 1][col(t, name)];
}

static size_t nrows(const struct table *t)
{
	return t->nrows - 1;
}

/* ---- exporting ---- */

static struct store *open_ro(void)
{
	char err[1024] = "";

	if (!held_st) {
		held_st = store_open(fx.db, STORE_READONLY, err, sizeof err);
		if (!held_st)
			fail_msg("store_open: %s", err);
	}
	return held_st;
}

static char *slurp(FILE *f)
{
	long n;
	char *buf;

	assert_int_equal(fflush(f), 0);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	assert_int_equal(strlen(buf), (size_t)n);       /* no NUL byte written */
	return buf;
}

static char *export_raw(enum export_what what, const char *team, const char *period,
			int64_t assessment)
{
	struct export_filter f = { team, period ? per(period) : NO_PERIOD, assessment };
	struct store *st = open_ro();
	FILE *out = tmpfile();
	char *raw;

	assert_non_null(out);
	if (!export_write(st, what, &f, out)) {
		fclose(out);
		fail_msg("export_write(%s): %s", export_what_name(what), store_error(st));
	}
	raw = slurp(out);
	fclose(out);
	return raw;
}

static struct table *export(enum export_what what, const char *team, const char *period,
			    int64_t assessment)
{
	return parse(export_raw(what, team, period, assessment));
}

/* ---- checks ---- */

/* The header holds the contract's columns in the contract's order. Columns
 * are only ever added at the end, so a header may stop before the
 * contract's last ones while they are being implemented, but never before
 * min_cols, and never with a column renamed, moved or dropped. */
static void expect_header(const struct table *t, const char *const *want, size_t min_cols)
{
	size_t nwant = 0;

	while (want[nwant])
		nwant++;
	if (t->nfields[0] < min_cols || t->nfields[0] > nwant)
		fail_msg("the header has %zu columns; the contract names %zu", t->nfields[0], nwant);
	for (size_t i = 0; i < t->nfields[0]; i++)
		if (strcmp(t->rows[0][i], want[i]) != 0)
			fail_msg("column %zu is %s, the contract says %s", i + 1, t->rows[0][i], want[i]);
	/* No byte order mark, and nothing before the first column. */
	assert_memory_equal(t->raw, want[0], strlen(want[0]));
}

/* The whole header line, byte for byte, as the contract lists it. */
static void expect_header_exact(enum export_what what, const char *const *want)
{
	char line[512] = "";
	char *raw = export_raw(what, NULL, NULL, 0);
	char *end = strstr(raw, "\r\n");

	for (size_t i = 0; want[i]; i++) {
		if (i)
			strcat(line, ",");
		strcat(line, want[i]);
	}
	if (end)
		*end = '\0';
	if (strcmp(raw, line) != 0) {
		char msg[1200];

		snprintf(msg, sizeof msg, "%s header:\n  got  %s\n  want %s", export_what_name(what),
			 raw, line);
		free(raw);
		fail_msg("%s", msg);
	}
	free(raw);
}

/* ISO 8601 UTC, "2026-11-26T15:04:05Z", with plausible numbers. */
static void expect_time(const char *s)
{
	static const char form[] = "dddd-dd-ddTdd:dd:ddZ";
	int mon, day, h, mi, sec;

	if (strlen(s) != strlen(form))
		fail_msg("time '%s' is not YYYY-MM-DDTHH:MM:SSZ", s);
	for (size_t i = 0; form[i]; i++) {
		bool ok = form[i] == 'd' ? (s[i] >= '0' && s[i] <= '9') : s[i] == form[i];

		if (!ok)
			fail_msg("time '%s' is not YYYY-MM-DDTHH:MM:SSZ", s);
	}
	mon = atoi(s + 5);
	day = atoi(s + 8);
	h = atoi(s + 11);
	mi = atoi(s + 14);
	sec = atoi(s + 17);
	if (mon < 1 || mon > 12 || day < 1 || day > 31 || h > 23 || mi > 59 || sec > 60)
		fail_msg("time '%s' is out of range", s);
}

static void expect_id(const char *field, int64_t id)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)id);
	assert_string_equal(field, buf);
}

static size_t dim_ord(const char *id)
{
	long d = model_find_dimension(fx.m, id);

	if (d < 0)
		fail_msg("no dimension %s", id);
	return (size_t)d;
}

static size_t crit_ord(const char *id)
{
	long c = model_find_criterion(fx.m, id);

	if (c < 0)
		fail_msg("no criterion %s", id);
	return (size_t)c;
}

/* The row of the table for this assessment id and key column value. */
static size_t find_row(const struct table *t, int64_t id, const char *key, const char *value)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)id);
	for (size_t r = 0; r < nrows(t); r++)
		if (!strcmp(cell(t, r, "assessment_id"), buf) && !strcmp(cell(t, r, key), value))
			return r;
	fail_msg("no row for assessment %lld, %s %s", (long long)id, key, value);
	return 0;
}

/* ======================================================================== */
/* --what answers                                                           */
/* ======================================================================== */

static void test_answers_header(void **state)
{
	(void)state;
	expect_header(export(EXPORT_ANSWERS, NULL, NULL, 0), answers_cols, 18);
}

/* One row per dimension per assessment: 4 assessments x 2 dimensions,
 * ordered by team (byte order: "=Evil" < "Alpha" < "Beta"), period, then
 * the model's dimension order (dz before da). */
static void test_answers_order(void **state)
{
	static const char *const want[][3] = {
		{ EVIL, "2026-Q3", "dz" }, { EVIL, "2026-Q3", "da" },
		{ "Alpha", "2026-Q1", "dz" }, { "Alpha", "2026-Q1", "da" },
		{ "Beta", "2026-Q1", "dz" }, { "Beta", "2026-Q1", "da" },
		{ "Beta", "2026-Q2", "dz" }, { "Beta", "2026-Q2", "da" },
	};
	struct table *t = export(EXPORT_ANSWERS, NULL, NULL, 0);

	(void)state;
	assert_int_equal(nrows(t), 8);
	for (size_t r = 0; r < 8; r++) {
		const char *team = cell(t, r, "team");

		/* a team name beginning with '=' is written with the prefix */
		if (!strcmp(want[r][0], EVIL))
			assert_string_equal(team, "'" EVIL);
		else
			assert_string_equal(team, want[r][0]);
		assert_string_equal(cell(t, r, "period"), want[r][1]);
		assert_string_equal(cell(t, r, "dimension_id"), want[r][2]);
	}
}

static void test_answers_values(void **state)
{
	struct table *t = export(EXPORT_ANSWERS, NULL, NULL, 0);
	size_t r;

	(void)state;
	/* Beta 2026-Q2, dz: level 1, score 1.00, target 3, gap 2.00, every
	 * criterion answered: coverage 1.00. */
	r = find_row(t, fx.beta2, "dimension_id", "dz");
	assert_string_equal(cell(t, r, "team"), "Beta");
	assert_string_equal(cell(t, r, "period"), "2026-Q2");
	assert_string_equal(cell(t, r, "facilitator"), "Fac One");
	assert_string_equal(cell(t, r, "model_id"), "exp-model");
	assert_string_equal(cell(t, r, "model_version"), "2.1");
	assert_string_equal(cell(t, r, "dimension"), "Zeta, \"Z\"");
	assert_string_equal(cell(t, r, "level"), "1");
	assert_string_equal(cell(t, r, "score"), "1.00");
	assert_string_equal(cell(t, r, "target"), "3");
	assert_string_equal(cell(t, r, "gap"), "2.00");
	assert_string_equal(cell(t, r, "coverage"), "1.00");
	assert_string_equal(cell(t, r, "override_reason"), "");
	assert_string_equal(cell(t, r, "notes"), "");
	expect_time(cell(t, r, "updated_at"));
	/* da: level 2, score 2 + 0.5/1 = 2.50, target 4, gap 1.50; the notes
	 * begin with '-' and hold a comma, quotes and a line end. */
	r = find_row(t, fx.beta2, "dimension_id", "da");
	assert_string_equal(cell(t, r, "dimension"), "Alpha");
	assert_string_equal(cell(t, r, "level"), "2");
	assert_string_equal(cell(t, r, "score"), "2.50");
	assert_string_equal(cell(t, r, "target"), "4");
	assert_string_equal(cell(t, r, "gap"), "1.50");
	assert_string_equal(cell(t, r, "coverage"), "1.00");
	assert_string_equal(cell(t, r, "notes"), "'" NOTES);
	expect_time(cell(t, r, "updated_at"));

	/* Beta 2026-Q1, dz: overridden to 3 (score 3.00), no target (target
	 * empty; gap too, see test_gap_empty_without_target), nothing
	 * answered (coverage 0.00). */
	r = find_row(t, fx.beta1, "dimension_id", "dz");
	assert_string_equal(cell(t, r, "facilitator"), "Fac Two");
	assert_string_equal(cell(t, r, "level"), "3");
	assert_string_equal(cell(t, r, "score"), "3.00");
	assert_string_equal(cell(t, r, "target"), "");
	assert_string_equal(cell(t, r, "coverage"), "0.00");
	assert_string_equal(cell(t, r, "override_reason"), REASON);
	/* da: a2a yes, a2b unknown: level 1, score 1 + 1/2 = 1.50, one of
	 * four answered: coverage 0.25. */
	r = find_row(t, fx.beta1, "dimension_id", "da");
	assert_string_equal(cell(t, r, "level"), "1");
	assert_string_equal(cell(t, r, "score"), "1.50");
	assert_string_equal(cell(t, r, "coverage"), "0.25");
	assert_string_equal(cell(t, r, "override_reason"), "");

	/* Alpha: all no, targets 4: level 1, score 1.00, gap 3.00. */
	for (size_t d = 0; d < 2; d++) {
		r = find_row(t, fx.alpha1, "dimension_id", d ? "da" : "dz");
		assert_string_equal(cell(t, r, "level"), "1");
		assert_string_equal(cell(t, r, "score"), "1.00");
		assert_string_equal(cell(t, r, "gap"), "3.00");
		assert_string_equal(cell(t, r, "coverage"), "1.00");
	}

	/* The formula prefix on a facilitator and an override reason. */
	r = find_row(t, fx.evil3, "dimension_id", "da");
	assert_string_equal(cell(t, r, "facilitator"), "'@fac");
	assert_string_equal(cell(t, r, "level"), "2");
	assert_string_equal(cell(t, r, "score"), "2.00");
	assert_string_equal(cell(t, r, "override_reason"), "'=1+2");
}

/* The fields with commas, quotes and line ends as bytes, not just as read
 * back: the prefix inside the quotes, quotes doubled, the LF kept. */
static void test_answers_quoting_bytes(void **state)
{
	char *raw = export_raw(EXPORT_ANSWERS, NULL, NULL, 0);

	(void)state;
	parse(raw);     /* frees raw in the teardown */
	assert_non_null(strstr(raw, ",\"'=Evil, \"\"Q\"\"\","));
	assert_non_null(strstr(raw, ",\"'-note, \"\"quoted\"\"\nsecond line\","));
	assert_non_null(strstr(raw, ",\"Zeta, \"\"Z\"\"\","));
	assert_non_null(strstr(raw, ",\"Seen, \"\"in\"\" prod\","));
}

static void expect_assessments(const struct table *t, const int64_t *ids, size_t n)
{
	assert_int_equal(nrows(t), 2 * n);
	for (size_t r = 0; r < nrows(t); r++)
		expect_id(cell(t, r, "assessment_id"), ids[r / 2]);
}

static void test_answers_filters(void **state)
{
	(void)state;
	/* --team: that team's assessments, by period */
	expect_assessments(export(EXPORT_ANSWERS, "Beta", NULL, 0),
			   (int64_t[]){ fx.beta1, fx.beta2 }, 2);
	expect_assessments(export(EXPORT_ANSWERS, EVIL, NULL, 0), (int64_t[]){ fx.evil3 }, 1);
	/* --period: every team's assessment of that period */
	expect_assessments(export(EXPORT_ANSWERS, NULL, "2026-Q1", 0),
			   (int64_t[]){ fx.alpha1, fx.beta1 }, 2);
	/* both */
	expect_assessments(export(EXPORT_ANSWERS, "Beta", "2026-Q2", 0),
			   (int64_t[]){ fx.beta2 }, 1);
	/* --assessment */
	expect_assessments(export(EXPORT_ANSWERS, NULL, NULL, fx.beta1),
			   (int64_t[]){ fx.beta1 }, 1);
	/* a period with no assessment: the header alone */
	expect_header(export(EXPORT_ANSWERS, NULL, "2027-Q1", 0), answers_cols, 18);
	assert_int_equal(nrows(export(EXPORT_ANSWERS, NULL, "2027-Q1", 0)), 0);
	assert_int_equal(nrows(export(EXPORT_ANSWERS, "Alpha", "2026-Q2", 0)), 0);
	/* the name is compared exactly */
	assert_int_equal(nrows(export(EXPORT_ANSWERS, "beta", NULL, 0)), 0);
}

/* ======================================================================== */
/* --what criteria                                                          */
/* ======================================================================== */

static void test_criteria(void **state)
{
	static const char *const beta2_answers[] = { "no", "no", "yes", "yes", "yes", "partly", "no" };
	static const char *const beta1_answers[] = { "unknown", "unknown", "unknown", "yes",
						     "unknown", "unknown", "unknown" };
	static const int levels[] = { 2, 3, 4, 2, 2, 3, 4 };
	struct table *t = export(EXPORT_CRITERIA, NULL, NULL, 0);
	struct table *b;

	(void)state;
	expect_header(t, criteria_cols, 11);
	/* one row per criterion per assessment, by team, period, model order */
	assert_int_equal(nrows(t), 4 * 7);
	for (size_t r = 0; r < nrows(t); r++) {
		static const int64_t *const ids[] = { &fx.evil3, &fx.alpha1, &fx.beta1, &fx.beta2 };
		char lv[8];

		expect_id(cell(t, r, "assessment_id"), *ids[r / 7]);
		assert_string_equal(cell(t, r, "criterion_id"), crit_order[r % 7]);
		assert_string_equal(cell(t, r, "dimension_id"), r % 7 < 3 ? "dz" : "da");
		snprintf(lv, sizeof lv, "%d", levels[r % 7]);
		assert_string_equal(cell(t, r, "criterion_level"), lv);
	}
	/* criterion text that begins with '=' and holds a comma and quotes */
	assert_string_equal(cell(t, 0, "criterion"), "'=SUM(1), \"two\"");
	assert_string_equal(cell(t, 1, "criterion"), "Zeta three");

	b = export(EXPORT_CRITERIA, "Beta", NULL, 0);
	assert_int_equal(nrows(b), 14);
	for (size_t i = 0; i < 7; i++) {
		expect_id(cell(b, i, "assessment_id"), fx.beta1);
		assert_string_equal(cell(b, i, "period"), "2026-Q1");
		assert_string_equal(cell(b, i, "answer"), beta1_answers[i]);
		expect_id(cell(b, 7 + i, "assessment_id"), fx.beta2);
		assert_string_equal(cell(b, 7 + i, "period"), "2026-Q2");
		assert_string_equal(cell(b, 7 + i, "answer"), beta2_answers[i]);
		assert_string_equal(cell(b, 7 + i, "team"), "Beta");
	}
	assert_int_equal(nrows(export(EXPORT_CRITERIA, NULL, "2026-Q3", 0)), 7);
	assert_int_equal(nrows(export(EXPORT_CRITERIA, NULL, NULL, fx.alpha1)), 7);
	assert_int_equal(nrows(export(EXPORT_CRITERIA, NULL, "2025-Q4", 0)), 0);
}

/* ======================================================================== */
/* --what roadmap                                                           */
/* ======================================================================== */

static size_t find_item(const struct table *t, const char *team, const char *crit)
{
	for (size_t r = 0; r < nrows(t); r++)
		if (!strcmp(cell(t, r, "team"), team) && !strcmp(cell(t, r, "criterion_id"), crit))
			return r;
	fail_msg("no roadmap item %s for %s", crit, team);
	return 0;
}

static void expect_item(const struct table *t, const char *crit, const char *action,
			const char *status, const char *owner, const char *due,
			const char *created, const char *done)
{
	size_t r = find_item(t, "Beta", crit);

	assert_string_equal(cell(t, r, "dimension_id"), crit[0] == 'z' ? "dz" : "da");
	assert_string_equal(cell(t, r, "action"), action);
	assert_string_equal(cell(t, r, "status"), status);
	assert_string_equal(cell(t, r, "owner"), owner);
	assert_string_equal(cell(t, r, "due_period"), due);
	assert_string_equal(cell(t, r, "created_period"), created);
	assert_string_equal(cell(t, r, "done_period"), done);
}

static void test_roadmap(void **state)
{
	struct table *t = export(EXPORT_ROADMAP, NULL, NULL, 0);
	struct table *a;
	size_t r;

	(void)state;
	expect_header(t, roadmap_cols, 9);
	/* Beta's items from the gaps of 2026-Q2 (its latest), created then:
	 * a3a partly (da, level 2, target 4), z2a and z3a no (dz, level 1,
	 * target 3); a4a no, dropped; z2a done by a person: done in the
	 * latest period; z3a's owner and due period. */
	expect_item(t, "a3a", "Do a3a.", "planned", "", "", "2026-Q2", "");
	/* an action that begins with '-' and holds a comma and quotes */
	expect_item(t, "a4a", "'-rm -rf, \"no\"", "dropped", "", "", "2026-Q2", "");
	expect_item(t, "z2a", "Do z2a.", "done", "", "", "2026-Q2", "2026-Q2");
	expect_item(t, "z3a", "Do z3a.", "in-progress", OWNER, "2026-Q4", "2026-Q2", "");

	/* Ordered by team (byte order), then the model's criterion order. */
	for (r = 1; r < nrows(t); r++) {
		const char *t0 = cell(t, r - 1, "team"), *t1 = cell(t, r, "team");
		int c = strcmp(t0, t1);

		if (c > 0 || (c == 0 && crit_ord(cell(t, r - 1, "criterion_id")) >=
					crit_ord(cell(t, r, "criterion_id"))))
			fail_msg("roadmap row %zu (%s %s) after row %zu (%s %s)", r + 1, t1,
				 cell(t, r, "criterion_id"), r, t0, cell(t, r - 1, "criterion_id"));
		/* the dimension follows from the criterion */
		assert_int_equal(dim_ord(cell(t, r, "dimension_id")),
				 fx.m->crits[crit_ord(cell(t, r, "criterion_id"))].dim);
	}

	/* --team: Alpha, every criterion no below targets 4: seven planned
	 * items, created in 2026-Q1, in model order. */
	a = export(EXPORT_ROADMAP, "Alpha", NULL, 0);
	assert_int_equal(nrows(a), 7);
	for (r = 0; r < 7; r++) {
		assert_string_equal(cell(a, r, "team"), "Alpha");
		assert_string_equal(cell(a, r, "criterion_id"), crit_order[r]);
		assert_string_equal(cell(a, r, "status"), "planned");
		assert_string_equal(cell(a, r, "created_period"), "2026-Q1");
		assert_string_equal(cell(a, r, "done_period"), "");
	}
	a = export(EXPORT_ROADMAP, EVIL, NULL, 0);
	for (r = 0; r < nrows(a); r++)
		assert_string_equal(cell(a, r, "team"), "'" EVIL);
	assert_int_equal(nrows(export(EXPORT_ROADMAP, "Nobody", NULL, 0)), 0);
}

/* ======================================================================== */
/* --what audit                                                             */
/* ======================================================================== */

/* The rows, in order, with what was done, in order. An answer that moves
 * a roadmap item also records a roadmap-status row; which answers do
 * depends on which items exist (see test_roadmap.c: no/partly only), so
 * those rows are set aside: the rows that are not roadmap-status
 * must be exactly the changes made, and the roadmap-status rows must hold
 * the status edits made by hand, in order. */
static void expect_audit(const struct table *t, bool (*want)(const struct logged *))
{
	const struct passwd *pw = getpwuid(getuid());
	size_t li = 0;

	assert_non_null(pw);

	for (size_t r = 0; r < nrows(t); r++) {
		const char *action = cell(t, r, "action");
		const char *aid = cell(t, r, "assessment_id");
		char id[32] = "";

		expect_time(cell(t, r, "at"));
		assert_string_equal(cell(t, r, "os_user"), pw->pw_name);
		assert_true(cell(t, r, "detail")[0] != '\0');
		while (li < fx.nlog && !want(&fx.log[li]))
			li++;
		if (li < fx.nlog && fx.log[li].assessment)
			snprintf(id, sizeof id, "%lld", (long long)fx.log[li].assessment);
		if (li < fx.nlog && !strcmp(action, fx.log[li].action) && !strcmp(aid, id) &&
		    (!fx.log[li].crit || strstr(cell(t, r, "detail"), fx.log[li].crit))) {
			li++;
			continue;
		}
		if (!strcmp(action, "roadmap-status"))
			continue;       /* moved by an answer */
		fail_msg("audit row %zu is %s on '%s', expected %s on '%s'", r + 1, action, aid,
			 li < fx.nlog ? fx.log[li].action : "nothing more", id);
	}
	while (li < fx.nlog && !want(&fx.log[li]))
		li++;
	if (li < fx.nlog)
		fail_msg("no audit row for %s on %lld (change %zu)", fx.log[li].action,
			 (long long)fx.log[li].assessment, li + 1);
}

static bool all(const struct logged *l) { (void)l; return true; }
static bool beta(const struct logged *l) { return l->assessment == fx.beta1 || l->assessment == fx.beta2; }
static bool beta1(const struct logged *l) { return l->assessment == fx.beta1; }
static bool q1(const struct logged *l) { return l->assessment == fx.beta1 || l->assessment == fx.alpha1; }

static void test_audit(void **state)
{
	struct table *t = export(EXPORT_AUDIT, NULL, NULL, 0);

	(void)state;
	expect_header(t, audit_cols, 5);
	expect_audit(t, all);
	/* the model row has no assessment */
	assert_string_equal(cell(t, 0, "action"), "model");
	assert_string_equal(cell(t, 0, "assessment_id"), "");
	/* filters: roadmap edits count as the team's latest assessment's */
	expect_audit(export(EXPORT_AUDIT, "Beta", NULL, 0), beta);
	expect_audit(export(EXPORT_AUDIT, NULL, NULL, fx.beta1), beta1);
	expect_audit(export(EXPORT_AUDIT, NULL, "2026-Q1", 0), q1);
	assert_int_equal(nrows(export(EXPORT_AUDIT, NULL, "2027-Q1", 0)), 0);
}

/* ======================================================================== */
/* export_to_file                                                           */
/* ======================================================================== */

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);

	return n >= k && !strcmp(s + n - k, tail);
}

/* The names in a folder, sorted, space-separated; SQLite's own side files
 * (-wal, -shm) aside. */
static void listing(const char *dir, char *out, size_t size)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);

	out[0] = '\0';
	assert_true(n >= 0);
	for (int i = 0; i < n; i++) {
		const char *e = names[i]->d_name;

		if (strcmp(e, ".") && strcmp(e, "..") && !ends_with(e, "-wal") && !ends_with(e, "-shm")) {
			strncat(out, names[i]->d_name, size - strlen(out) - 2);
			strcat(out, " ");
		}
		free(names[i]);
	}
	free(names);
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;

	if (!f)
		fail_msg("%s: cannot read", path);
	s = slurp(f);
	fclose(f);
	return s;
}

static void test_to_file(void **state)
{
	struct export_filter all_rows = { NULL, NO_PERIOD, 0 }, beta_rows = { "Beta", NO_PERIOD, 0 };
	struct store *st = open_ro();
	char dir[PATHSZ], path[PATHSZ], err[1300], names[512], *want, *got;
	struct stat sb;

	(void)state;
	path_in(dir, fx.dir, "out");
	assert_int_equal(mkdir(dir, 0700), 0);
	path_in(path, dir, "roadmap.csv");

	/* A new file: the export, byte for byte, and nothing else left. */
	assert_true(export_to_file(st, EXPORT_ROADMAP, &all_rows, path, false, err, sizeof err));
	want = export_raw(EXPORT_ROADMAP, NULL, NULL, 0);
	got = read_file(path);
	assert_string_equal(got, want);
	free(got);
	free(want);
	listing(dir, names, sizeof names);
	assert_string_equal(names, "roadmap.csv ");
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0644);      /* 0666 less the umask 022 */

	/* An existing file without force: refused, unchanged, no temporary
	 * file left. */
	tu_write_file(path, "keep me\n");
	err[0] = '\0';
	assert_false(export_to_file(st, EXPORT_ANSWERS, &all_rows, path, false, err, sizeof err));
	assert_true(!strncmp(err, "mlmat: ", 7) && strstr(err, path) && strstr(err, "exists"));
	got = read_file(path);
	assert_string_equal(got, "keep me\n");
	free(got);
	listing(dir, names, sizeof names);
	assert_string_equal(names, "roadmap.csv ");

	/* With force: replaced by the export. */
	assert_true(export_to_file(st, EXPORT_ANSWERS, &beta_rows, path, true, err, sizeof err));
	want = export_raw(EXPORT_ANSWERS, "Beta", NULL, 0);
	got = read_file(path);
	assert_string_equal(got, want);
	free(got);
	free(want);
	listing(dir, names, sizeof names);
	assert_string_equal(names, "roadmap.csv ");

	/* A folder is never replaced, even with force. */
	err[0] = '\0';
	assert_false(export_to_file(st, EXPORT_ANSWERS, &all_rows, dir, true, err, sizeof err));
	assert_true(!strncmp(err, "mlmat: ", 7) && strstr(err, dir));
	listing(dir, names, sizeof names);
	assert_string_equal(names, "roadmap.csv ");

	/* A folder that does not exist: an error naming the path. */
	path_in(path, fx.dir, "no/such/x.csv");
	err[0] = '\0';
	assert_false(export_to_file(st, EXPORT_ANSWERS, &all_rows, path, false, err, sizeof err));
	assert_true(!strncmp(err, "mlmat: ", 7) && strstr(err, path));
}

/* ======================================================================== */
/* A database that fails at query time                                      */
/* ======================================================================== */

/* A copy of the database with the roadmap table gone: it still opens (the
 * store checks the schema version, not each table), and every roadmap
 * query fails. The error must reach the caller, and export_to_file must
 * leave no file behind. */
static void test_query_error(void **state)
{
	struct export_filter f = { NULL, NO_PERIOD, 0 };
	char dir[PATHSZ], db[PATHSZ], path[PATHSZ], err[1300] = "", names[512];
	char cmd[PATHSZ * 2 + 32];
	sqlite3 *raw;
	struct store *st;
	FILE *out;

	(void)state;
	path_in(dir, fx.dir, "broken");
	assert_int_equal(mkdir(dir, 0700), 0);
	path_in(db, dir, "broken.db");
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", fx.db, db);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "DROP TABLE roadmap", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);

	st = held_st = store_open(db, STORE_READONLY, err, sizeof err);
	if (!st)
		fail_msg("the broken database must still open: %s", err);
	out = tmpfile();
	assert_non_null(out);
	assert_false(export_write(st, EXPORT_ROADMAP, &f, out));
	fclose(out);
	assert_true(!strncmp(store_error(st), "mlmat: ", 7));
	assert_non_null(strstr(store_error(st), db));
	assert_non_null(strstr(store_error(st), "roadmap"));

	path_in(path, dir, "rm.csv");
	assert_false(export_to_file(st, EXPORT_ROADMAP, &f, path, false, err, sizeof err));
	assert_non_null(strstr(err, "roadmap"));
	listing(dir, names, sizeof names);
	assert_string_equal(names, "broken.db ");
}

/* CONTRACT section 4: "No field holds a control character other than LF
 * (and CR inside a quoted CR LF pair) or text that is not valid UTF-8,
 * whatever the database holds: such characters are replaced by U+FFFD."
 * csv_escape (src/csv.c), which every text field goes through, does it. */
static void test_control_characters(void **state)
{
	static const char notes[] = "bell\a esc\x1b[31m bad\xff end";
	char dir[PATHSZ], db[PATHSZ], err[1300] = "", cmd[PATHSZ * 2 + 32];
	struct store *st;
	struct assessment *a;
	struct table *t;
	const unsigned char *p;
	size_t r;
	bool ok;

	(void)state;
	path_in(dir, fx.dir, "ctl");
	assert_int_equal(mkdir(dir, 0700), 0);
	path_in(db, dir, "ctl.db");
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", fx.db, db);
	assert_int_equal(system(cmd), 0);
	st = store_open(db, 0, err, sizeof err);
	if (!st)
		fail_msg("store_open: %s", err);
	store_assessment_load(st, fx.alpha1, &a);
	ok = a && store_set_notes(st, a, (size_t)model_find_dimension(fx.m, "dz"), notes);
	snprintf(err, sizeof err, "%s", store_error(st));
	assessment_free(a);
	store_close(st);
	if (!ok)
		fail_msg("store_set_notes: %s", err);

	st = held_st = store_open(db, STORE_READONLY, err, sizeof err);
	assert_non_null(st);
	{
		struct export_filter f = { "Alpha", NO_PERIOD, 0 };
		FILE *out = tmpfile();

		assert_non_null(out);
		assert_true(export_write(st, EXPORT_ANSWERS, &f, out));
		t = parse(slurp(out));
		fclose(out);
	}
	for (p = (const unsigned char *)t->raw; *p; p++)
		if ((*p < 0x20 && *p != '\r' && *p != '\n') || *p == 0x7f || *p == 0xff)
			fail_msg("the export holds byte 0x%02x", *p);
	r = find_row(t, fx.alpha1, "dimension_id", "dz");
	assert_string_equal(cell(t, r, "notes"),
			    "bell\xEF\xBF\xBD esc\xEF\xBF\xBD[31m bad\xEF\xBF\xBD end");
}

/* ======================================================================== */
/* Comment, evidence, origin, n/a and sign-off                              */
/* ======================================================================== */

#define WHY_NA "=no models, \"yet\""
#define EVIDENCE "https://wiki.example/ci, doc CI-7"

static bool crit_text(struct store *st, struct assessment *a, const char *crit,
		      enum crit_text which, const char *text)
{
	return step(store_set_crit_text(st, a, crit_ord(crit), which, text), st, crit);
}

/* Like ans, without recording the change for the main database's audit
 * checks. */
static bool answer(struct store *st, struct assessment *a, const char *crit, enum answer v)
{
	return step(store_set_answer(st, a, crit_ord(crit), v), st, crit);
}

/* Gamma 2026-Q1: z2a n/a with its reason, a2a yes with evidence, a2b
 * partly; signed off. Gamma 2026-Q2, copied from it: a2b answered yes,
 * the rest still carried. Returns the two ids through q1 and q2. */
static bool build_signed(const char *db, int64_t *q1, int64_t *q2)
{
	char err[1024] = "";
	struct store *st = store_open(db, STORE_CREATE, err, sizeof err);
	struct assessment *a = NULL;
	bool created, ok;

	if (!st)
		fail_msg("store_open: %s", err);
	*q1 = store_assessment_begin(st, "Gamma", per("2026-Q1"), "Fac", fx.m, &created);
	ok = step(*q1 > 0, st, "begin") && step(store_assessment_load(st, *q1, &a) > 0, st, "load") &&
	     crit_text(st, a, "z2a", CRIT_COMMENT, WHY_NA) && answer(st, a, "z2a", ANS_NA) &&
	     crit_text(st, a, "a2a", CRIT_EVIDENCE, EVIDENCE) && answer(st, a, "a2a", ANS_YES) &&
	     answer(st, a, "a2b", ANS_PARTLY) && step(store_sign_off(st, a), st, "sign-off");
	assessment_free(a);
	a = NULL;
	if (ok) {
		*q2 = store_assessment_begin(st, "Gamma", per("2026-Q2"), "Fac", fx.m, &created);
		ok = step(*q2 > 0, st, "begin") &&
		     step(store_assessment_load(st, *q2, &a) > 0, st, "load") &&
		     answer(st, a, "a2b", ANS_YES);
	}
	assessment_free(a);
	store_close(st);
	return ok;
}

/* What CONTRACT section 4 adds for issue 14: answers' overall and state,
 * criteria's comment, evidence (through the one escaper: the formula
 * prefix, U+FFFD) and origin. */
static void test_sign_off_and_origins(void **state)
{
	char dir[PATHSZ], db[PATHSZ], err[1024] = "";
	int64_t q1 = 0, q2 = 0;
	sqlite3 *raw;
	struct table *t;

	(void)state;
	path_in(dir, fx.dir, "signed");
	assert_int_equal(mkdir(dir, 0700), 0);
	path_in(db, dir, "signed.db");
	fx.err[0] = '\0';
	if (!build_signed(db, &q1, &q2))
		fail_msg("building the database: %s", fx.err);
	/* evidence with an escape character, as only another program writes */
	assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "UPDATE answers SET evidence = 'see' || char(27) || '[1m'"
				      " WHERE criterion_id = 'a2b'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	held_st = store_open(db, STORE_READONLY, err, sizeof err);
	if (!held_st)
		fail_msg("store_open: %s", err);

	/* Q1: dz's only level-2 criterion is n/a, so level 2 is passed and
	 * z3a unknown: 2.00; da: 1 + (1 + 0.5) / 2 = 1.75. Overall (1 x 2.00
	 * + 2 x 1.75) / 3 = 1.83. Q2: da 2.00 with a2b yes: (2 + 4) / 3. */
	t = export(EXPORT_ANSWERS, NULL, NULL, 0);
	assert_int_equal(nrows(t), 4);
	assert_string_equal(cell(t, find_row(t, q1, "dimension_id", "da"), "score"), "1.75");
	for (size_t r = 0; r < 4; r++) {
		bool first = !strcmp(cell(t, r, "period"), "2026-Q1");

		assert_string_equal(cell(t, r, "overall"), first ? "1.83" : "2.00");
		assert_string_equal(cell(t, r, "state"), first ? "signed-off" : "open");
	}

	t = export(EXPORT_CRITERIA, NULL, NULL, 0);
	assert_int_equal(nrows(t), 14);
	for (int64_t id = q1; id; id = id == q1 ? q2 : 0) {
		size_t r = find_row(t, id, "criterion_id", "z2a");
		const char *origin = id == q1 ? "answered" : "carried";

		assert_string_equal(cell(t, r, "answer"), "n/a");
		assert_string_equal(cell(t, r, "comment"), "'" WHY_NA);
		assert_string_equal(cell(t, r, "evidence"), "");
		assert_string_equal(cell(t, r, "origin"), origin);
		r = find_row(t, id, "criterion_id", "a2a");
		assert_string_equal(cell(t, r, "answer"), "yes");
		assert_string_equal(cell(t, r, "comment"), "");
		assert_string_equal(cell(t, r, "evidence"), EVIDENCE);
		assert_string_equal(cell(t, r, "origin"), origin);
		r = find_row(t, id, "criterion_id", "z3a");
		assert_string_equal(cell(t, r, "answer"), "unknown");
		assert_string_equal(cell(t, r, "origin"), "");
	}
	/* confirmed with another answer; the evidence's escape replaced */
	assert_string_equal(cell(t, find_row(t, q2, "criterion_id", "a2b"), "answer"), "yes");
	assert_string_equal(cell(t, find_row(t, q2, "criterion_id", "a2b"), "origin"), "answered");
	assert_string_equal(cell(t, find_row(t, q1, "criterion_id", "a2b"), "evidence"),
			    "see\xEF\xBF\xBD[1m");
	assert_non_null(strstr(t->raw, ",\"'" "=no models, \"\"yet\"\"\","));
}

/* The headers byte for byte, as CONTRACT section 4 lists them. */
static void test_headers_exact(void **state)
{
	(void)state;
	expect_header_exact(EXPORT_ANSWERS, answers_cols);
	expect_header_exact(EXPORT_CRITERIA, criteria_cols);
	expect_header_exact(EXPORT_AUDIT, audit_cols);
}

/* ======================================================================== */
/* The roadmap's columns                                                    */
/* ======================================================================== */


/* CONTRACT section 4's roadmap columns, blocked_by last. */
static void test_roadmap_header_exact(void **state)
{
	(void)state;
	expect_header_exact(EXPORT_ROADMAP, roadmap_cols);
}

/* CONTRACT section 4: "gap empty when the dimension has no target". The
 * export writes 0.00 (src/export.c writes the stored gap, 0 without a
 * target, whenever it is not NULL). */
static void test_gap_empty_without_target(void **state)
{
	struct table *t;
	size_t r;

	(void)state;
	t = export(EXPORT_ANSWERS, NULL, NULL, 0);
	r = find_row(t, fx.beta1, "dimension_id", "dz");
	assert_string_equal(cell(t, r, "target"), "");
	assert_string_equal(cell(t, r, "gap"), "");
	r = find_row(t, fx.evil3, "dimension_id", "da");
	assert_string_equal(cell(t, r, "gap"), "");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, test_setup, test_teardown)
	const struct CMUnitTest tests[] = {
		T(test_answers_header),
		T(test_answers_order),
		T(test_answers_values),
		T(test_answers_quoting_bytes),
		T(test_answers_filters),
		T(test_criteria),
		T(test_roadmap),
		T(test_audit),
		T(test_to_file),
		T(test_query_error),
		T(test_control_characters),
		T(test_headers_exact),
		T(test_sign_off_and_origins),
		T(test_roadmap_header_exact),
		T(test_gap_empty_without_target),
	};
#undef T

	return cmocka_run_group_tests_name("export", tests, group_setup, group_teardown);
}
