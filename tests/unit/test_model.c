/* Unit tests of the model loader (src/model.c over src/ytree.c): the
 * built-in model's shape, every strict rule of CONTRACT section 2 through the
 * fixtures in tests/fixtures/models (expected.txt is the spec of where each
 * bad file is rejected), the size limit, unreadable files and the lookups.
 * Runs from the repository root. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>

#include "model.h"
#include "sha256.h"
#include "ytree.h"

#define ERRSZ 1024

static char *fixture_path(const char *file)
{
	size_t n = strlen(tu_fixtures()) + strlen("/models/") + strlen(file) + 1;
	char *p = malloc(n);

	assert_non_null(p);
	snprintf(p, n, "%s/models/%s", tu_fixtures(), file);
	return p;
}

/* Reads a whole file into a fresh buffer; *len gets its size. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	for (;;) {
		size_t r;

		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	assert_int_equal(fclose(f), 0);
	*len = n;
	return buf;
}

static bool is_one_line(const char *s)
{
	return *s && !strchr(s, '\n') && !strchr(s, '\r');
}

/* ---- the built-in model ------------------------------------------------ */

static const char *const builtin_level_names[] = {
	"Ad-hoc experimentation and manual deployments",
	"Repeatable pipelines and basic model tracking",
	"Managed platforms and automated deployment",
	"Proactive monitoring and governance at scale",
	"Fully automated, adaptive MLOps ecosystems",
};

static const char *const builtin_dimension_ids[] = {
	"experiment-tracking", "versioning", "pipelines", "deployment",
	"monitoring", "governance", "platform", "organisation",
};

static void test_builtin_shape(void **state)
{
	char err[ERRSZ];
	struct model *m = model_load_builtin(err, sizeof err);

	(void)state;
	if (!m)
		fail_msg("built-in model does not load: %s", err);
	assert_string_equal(m->id, "mlops-maturity");
	assert_string_equal(m->version, "1.1");
	{
		/* The hash comes from the build (src/embed.sh): it must be the text's. */
		char sha[65];

		sha256_hex(m->yaml, m->yaml_len, sha);
		assert_string_equal(m->sha256, sha);
	}
	assert_non_null(m->name);
	assert_int_equal(m->nlevels, 5);
	assert_int_equal(m->lowest, 1);
	assert_int_equal(m->highest, 5);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(m->levels[i].level, i + 1);
		assert_string_equal(m->levels[i].name, builtin_level_names[i]);
		assert_non_null(m->levels[i].summary);
		assert_ptr_equal(model_level(m, i + 1), &m->levels[i]);
	}
	assert_null(model_level(m, 0));
	assert_null(model_level(m, 6));

	assert_true(m->ndims >= 8);
	for (size_t i = 0; i < sizeof builtin_dimension_ids / sizeof *builtin_dimension_ids; i++) {
		long d = model_find_dimension(m, builtin_dimension_ids[i]);

		if (d < 0)
			fail_msg("built-in model has no dimension '%s'", builtin_dimension_ids[i]);
	}

	size_t next = 0;
	for (size_t i = 0; i < m->ndims; i++) {
		const struct dimension *d = &m->dims[i];

		assert_non_null(d->name);
		assert_true(d->weight > 0);
		for (int l = 0; l < m->nlevels; l++)
			if (!d->stages[l] || !*d->stages[l])
				fail_msg("dimension '%s' has no stage for level %d", d->id, m->lowest + l);
		/* Criteria are stored in dimension order, contiguous per dimension. */
		assert_int_equal(d->first, next);
		next += d->ncrit;
		for (int l = 2; l <= 5; l++) {
			int with_action = 0;

			for (size_t c = d->first; c < d->first + d->ncrit; c++) {
				assert_int_equal(m->crits[c].dim, i);
				if (m->crits[c].level == l && m->crits[c].action && *m->crits[c].action)
					with_action++;
			}
			if (with_action < 2)
				fail_msg("dimension '%s' has %d criteria with an action at level %d",
					 d->id, with_action, l);
		}
	}
	assert_int_equal(next, m->ncrits);
	for (size_t c = 0; c < m->ncrits; c++) {
		assert_in_range(m->crits[c].level, 2, 5);
		assert_non_null(m->crits[c].text);
		/* ids are unique: the first match is the criterion itself */
		assert_int_equal(model_find_criterion(m, m->crits[c].id), (long)c);
	}
	assert_int_equal(strlen(m->sha256), 64);
	assert_int_equal(strspn(m->sha256, "0123456789abcdef"), 64);
	model_free(m);
}

static void test_builtin_matches_data_file(void **state)
{
	char err[ERRSZ];
	struct model *b = model_load_builtin(err, sizeof err);
	struct model *f;

	(void)state;
	assert_non_null(b);
	f = model_load_file("data/mlops-maturity.yaml", err, sizeof err);
	if (!f)
		fail_msg("data/mlops-maturity.yaml does not load: %s", err);
	assert_string_equal(b->sha256, f->sha256);
	assert_int_equal(b->yaml_len, f->yaml_len);
	assert_memory_equal(b->yaml, f->yaml, f->yaml_len);
	assert_int_equal(b->ndims, f->ndims);
	assert_int_equal(b->ncrits, f->ncrits);
	model_free(b);
	model_free(f);
}

/* The references the default model cites: only the clauses it was written
 * against (issue 17), each spelled one way so the references view groups
 * them by standard. A clause outside this list is a new claim that needs
 * checking against the text of the standard, not a typo to let through. */
static const char *const builtin_allowed_refs[] = {
	"EU AI Act Art. 9", "EU AI Act Art. 10", "EU AI Act Art. 11",
	"EU AI Act Art. 12", "EU AI Act Art. 13", "EU AI Act Art. 14",
	"EU AI Act Art. 15", "EU AI Act Art. 17", "EU AI Act Art. 72",
	"GDPR Art. 5", "GDPR Art. 17", "GDPR Art. 22", "GDPR Art. 25",
	"GDPR Art. 30", "GDPR Art. 35",
	"HIPAA 45 CFR 164.308", "HIPAA 45 CFR 164.312",
	"ISO/IEC 42001:2023",
	"NIST AI RMF 1.0 GOVERN", "NIST AI RMF 1.0 MAP",
	"NIST AI RMF 1.0 MEASURE", "NIST AI RMF 1.0 MANAGE",
};

static const char *const builtin_ref_prefixes[] = {
	"EU AI Act ", "GDPR ", "HIPAA ", "ISO/IEC 42001:2023", "NIST AI RMF 1.0 ",
};

static bool crit_cites(const struct criterion *c, const char *ref)
{
	for (size_t j = 0; j < c->nrefs; j++)
		if (!strcmp(c->refs[j], ref))
			return true;
	return false;
}

static bool crit_requires(const struct model *m, const char *id, const char *req)
{
	long c = model_find_criterion(m, id);

	if (c < 0)
		fail_msg("built-in model has no criterion '%s'", id);
	for (size_t j = 0; j < m->crits[c].nrequires; j++)
		if (!strcmp(m->crits[m->crits[c].requires[j]].id, req))
			return true;
	return false;
}

/* The default model's refs, requires and guidance (version 1.1): every ref
 * is one of the cited clauses under one of five prefixes, enough criteria
 * cite the EU AI Act for its section of the references view to mean
 * something, no criterion requires one at a higher level, and the model
 * loads with no warnings, as built in and from the data file. */
static void test_builtin_links(void **state)
{
	char err[ERRSZ];
	struct model *m = model_load_builtin(err, sizeof err);
	struct model *f;
	size_t eu = 0, gdpr = 0, hipaa = 0, iso = 0, nist = 0;
	size_t with_refs = 0, with_requires = 0, with_guidance = 0;

	(void)state;
	if (!m)
		fail_msg("built-in model does not load: %s", err);
	assert_int_equal(m->nwarnings, 0);
	f = model_load_file("data/mlops-maturity.yaml", err, sizeof err);
	if (!f)
		fail_msg("data/mlops-maturity.yaml does not load: %s", err);
	if (f->nwarnings)
		fail_msg("data/mlops-maturity.yaml: %s", f->warnings[0]);
	model_free(f);

	for (size_t c = 0; c < m->ncrits; c++) {
		const struct criterion *cr = &m->crits[c];
		bool cites_eu = false;

		with_refs += cr->nrefs > 0;
		with_requires += cr->nrequires > 0;
		if (cr->guidance) {
			assert_true(is_one_line(cr->guidance));
			with_guidance++;
		}
		for (size_t j = 0; j < cr->nrefs; j++) {
			const char *r = cr->refs[j];
			size_t p, a;

			for (p = 0; p < sizeof builtin_ref_prefixes / sizeof *builtin_ref_prefixes; p++)
				if (!strncmp(r, builtin_ref_prefixes[p], strlen(builtin_ref_prefixes[p])))
					break;
			if (p == sizeof builtin_ref_prefixes / sizeof *builtin_ref_prefixes)
				fail_msg("'%s' cites '%s', which starts with none of the five prefixes",
					 cr->id, r);
			for (a = 0; a < sizeof builtin_allowed_refs / sizeof *builtin_allowed_refs; a++)
				if (!strcmp(r, builtin_allowed_refs[a]))
					break;
			if (a == sizeof builtin_allowed_refs / sizeof *builtin_allowed_refs)
				fail_msg("'%s' cites '%s', which is not one of the clauses the model is written against",
					 cr->id, r);
			eu += p == 0 && !cites_eu;
			cites_eu = cites_eu || p == 0;
			gdpr += p == 1;
			hipaa += p == 2;
			iso += p == 3;
			nist += p == 4;
		}
		for (size_t j = 0; j < cr->nrequires; j++) {
			const struct criterion *q = &m->crits[cr->requires[j]];

			if (q->level > cr->level)
				fail_msg("'%s' (level %d) requires '%s' at a higher level (%d)",
					 cr->id, cr->level, q->id, q->level);
			assert_true(cr->requires[j] != c);
		}
	}
	/* At least 20 criteria cite the EU AI Act; every standard is cited. */
	if (eu < 20)
		fail_msg("only %zu criteria cite the EU AI Act", eu);
	assert_true(gdpr >= 3);
	assert_true(hipaa >= 3);
	assert_true(iso >= 3);
	assert_true(nist >= 10);
	/* Sparse: refs and requires on a minority of criteria; guidance where
	 * judging needs it. */
	assert_true(with_refs >= 30 && with_refs * 2 < m->ncrits);
	assert_true(with_requires >= 20 && with_requires * 2 < m->ncrits);
	assert_in_range(with_guidance, 20, 40);

	/* The prerequisites the issue names, and a few clauses that must stay. */
	assert_true(crit_requires(m, "ver-registry-stages", "ver-model-registry"));
	assert_true(crit_requires(m, "dep-from-registry", "ver-model-registry"));
	assert_true(crit_requires(m, "pip-drift-triggered-retrain", "mon-drift-alerts"));
	assert_true(crit_requires(m, "pip-ct-degradation", "mon-accuracy-tracked"));
	assert_true(crit_requires(m, "exp-auto-selection", "exp-shared-comparison"));
	assert_true(crit_requires(m, "ver-metadata-lineage", "ver-data-versioned"));
	assert_true(crit_cites(&m->crits[model_find_criterion(m, "gov-audit-trail")], "EU AI Act Art. 12"));
	assert_true(crit_cites(&m->crits[model_find_criterion(m, "mon-predictions-logged")], "EU AI Act Art. 12"));
	assert_true(crit_cites(&m->crits[model_find_criterion(m, "ver-retention-erasure")], "GDPR Art. 17"));
	assert_true(crit_cites(&m->crits[model_find_criterion(m, "mon-drift-alerts")], "EU AI Act Art. 72"));
	model_free(m);
}

/* ---- bad fixtures, driven by expected.txt ------------------------------- */

struct expectation {
	char file[256];
	int line, col;
	char sub[512];
};

/* Reads expected.txt: "FILE LINE COL SUBSTRING", '#' comments. */
static size_t read_expectations(struct expectation **out)
{
	char *path = fixture_path("expected.txt");
	FILE *f = fopen(path, "r");
	struct expectation *ex = NULL;
	size_t n = 0, cap = 0;
	char buf[1024];

	if (!f)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	while (fgets(buf, sizeof buf, f)) {
		int used = 0;

		buf[strcspn(buf, "\r\n")] = '\0';
		if (buf[0] == '#' || buf[strspn(buf, " \t")] == '\0')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ex = realloc(ex, cap * sizeof *ex);
			assert_non_null(ex);
		}
		if (sscanf(buf, "%255s %d %d %n", ex[n].file, &ex[n].line, &ex[n].col, &used) != 3 ||
		    !buf[used])
			fail_msg("expected.txt: bad line '%s'", buf);
		snprintf(ex[n].sub, sizeof ex[n].sub, "%s", buf + used);
		n++;
	}
	fclose(f);
	free(path);
	*out = ex;
	return n;
}

/* Checks one error message against an expectation; prints and counts a
 * mismatch instead of stopping, so one run lists every wrong fixture. */
static int check_message(const char *how, const char *path, const struct expectation *e,
			 const struct model *m, const char *err)
{
	char prefix[1024];

	snprintf(prefix, sizeof prefix, "%s:%d:%d: error: ", path, e->line, e->col);
	if (m) {
		print_error("%s %s: loaded, expected %s...%s\n", how, e->file, prefix, e->sub);
		return 1;
	}
	if (strncmp(err, prefix, strlen(prefix)) != 0 || !strstr(err + strlen(prefix), e->sub) ||
	    !is_one_line(err)) {
		print_error("%s %s:\n    expected: %s...%s\n    got:      %s\n", how, e->file,
			    prefix, e->sub, err);
		return 1;
	}
	return 0;
}

static void test_bad_fixtures(void **state)
{
	struct expectation *ex;
	size_t n = read_expectations(&ex);
	int failures = 0;

	(void)state;
	assert_true(n >= 24);
	for (size_t i = 0; i < n; i++) {
		char *path = fixture_path(ex[i].file);
		char err[ERRSZ];
		char err2[ERRSZ];
		struct model *m;
		size_t len;
		char *buf;

		m = model_load_file(path, err, sizeof err);
		failures += check_message("model_load_file", path, &ex[i], m, err);
		model_free(m);

		/* The same text from memory gives the very same message. */
		buf = slurp(path, &len);
		m = model_load_buffer(buf, len, path, err2, sizeof err2);
		failures += check_message("model_load_buffer", path, &ex[i], m, err2);
		model_free(m);
		free(buf);
		free(path);
	}
	free(ex);
	if (failures)
		fail_msg("%d of %zu bad fixtures are not rejected as expected.txt says",
			 failures, 2 * n);
}

/* Every bad-*.yaml has a line in expected.txt and every line a file. */
static void test_expected_covers_fixtures(void **state)
{
	struct expectation *ex;
	size_t n = read_expectations(&ex), files = 0;
	char *dir = fixture_path("");
	DIR *d = opendir(dir);
	struct dirent *de;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		bool listed = false;

		if (strncmp(de->d_name, "bad-", 4) != 0 || l < 5 ||
		    strcmp(de->d_name + l - 5, ".yaml") != 0)
			continue;
		files++;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(ex[i].file, de->d_name))
				listed = true;
		if (!listed)
			fail_msg("%s is not listed in expected.txt", de->d_name);
	}
	closedir(d);
	assert_int_equal(files, n);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (!strcmp(ex[i].file, ex[j].file))
				fail_msg("%s is listed twice in expected.txt", ex[i].file);
	free(ex);
	free(dir);
}

/* ---- good fixtures ------------------------------------------------------ */

struct good {
	const char *file, *id, *version;
	int lowest, highest;
	size_t ndims, ncrits;
};

static const struct good goods[] = {
	{ "good-samm.yaml", "samm-style", "2.0", 0, 3, 2, 5 },
	{ "good-two-levels.yaml", "two-levels", "1", 1, 2, 1, 2 },
	{ "good-ten-levels.yaml", "ten-levels", "10", 0, 9, 1, 9 },
	{ "good-version-unquoted.yaml", "unquoted-version", "1.0", 1, 2, 1, 1 },
	{ "good-weights.yaml", "weighted", "3.1", 1, 3, 4, 5 },
	{ "good-dimensions-first.yaml", "dims-first", "0.9", 1, 4, 1, 2 },
	{ "good-minimal.yaml", "minimal", "1.0", 1, 2, 2, 2 },
	{ "good-utf8.yaml", "utf8-text", "1.0-\xc3\xbc", 1, 2, 1, 1 },
};

static struct model *load_fixture(const char *file)
{
	char *path = fixture_path(file);
	char err[ERRSZ];
	struct model *m = model_load_file(path, err, sizeof err);

	if (!m)
		fail_msg("%s does not load: %s", path, err);
	free(path);
	return m;
}

static void test_good_fixtures(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof goods / sizeof *goods; i++) {
		const struct good *g = &goods[i];
		struct model *m = load_fixture(g->file);

		assert_string_equal(m->id, g->id);
		assert_string_equal(m->version, g->version);
		assert_int_equal(m->lowest, g->lowest);
		assert_int_equal(m->highest, g->highest);
		assert_int_equal(m->nlevels, g->highest - g->lowest + 1);
		assert_int_equal(m->ndims, g->ndims);
		assert_int_equal(m->ncrits, g->ncrits);
		for (int l = 0; l < m->nlevels; l++)
			assert_int_equal(m->levels[l].level, g->lowest + l);
		for (size_t c = 0; c < m->ncrits; c++)
			assert_in_range(m->crits[c].level, g->lowest + 1, g->highest);
		model_free(m);
	}
}

static void test_good_samm_details(void **state)
{
	struct model *m = load_fixture("good-samm.yaml");
	long ta = model_find_criterion(m, "ta-inventory");
	const struct dimension *d;

	(void)state;
	assert_string_equal(m->levels[0].name, "Not practised");
	assert_string_equal(m->levels[0].summary, "The practice is not in place.");
	assert_null(m->levels[1].summary);
	assert_string_equal(model_level(m, 0)->name, "Not practised");
	assert_null(model_level(m, -1));
	assert_null(model_level(m, 4));
	d = &m->dims[0];
	/* stages are indexed by level - lowest */
	assert_string_equal(d->stages[0], "No threat modelling.");
	assert_string_equal(d->stages[1], "Ad-hoc threat modelling of risky models.");
	assert_null(d->stages[2]);
	assert_string_equal(d->stages[3], "Threat models are kept current and reviewed.");
	assert_true(ta >= 0);
	assert_int_equal(m->crits[ta].level, 1);
	assert_string_equal(m->crits[ta].action, "Keep a list of models and the data they touch.");
	assert_null(m->crits[model_find_criterion(m, "ta-threat-model")].action);
	assert_string_equal(m->description,
			    "Levels from 0 (no practice) to 3, as OWASP SAMM numbers them.");
	model_free(m);
}

static void test_good_weights(void **state)
{
	struct model *m = load_fixture("good-weights.yaml");

	(void)state;
	assert_float_equal(m->dims[model_find_dimension(m, "heavy")].weight, 2.0, 1e-12);
	assert_float_equal(m->dims[model_find_dimension(m, "light")].weight, 0.5, 1e-12);
	assert_float_equal(m->dims[model_find_dimension(m, "exponent")].weight, 1.5, 1e-12);
	assert_float_equal(m->dims[model_find_dimension(m, "plain")].weight, 1.0, 1e-12);
	model_free(m);
}

static void test_good_minimal_optional_absent(void **state)
{
	struct model *m = load_fixture("good-minimal.yaml");

	(void)state;
	assert_null(m->description);
	assert_null(m->levels[0].summary);
	assert_null(m->levels[1].summary);
	for (size_t i = 0; i < m->ndims; i++) {
		assert_null(m->dims[i].description);
		assert_float_equal(m->dims[i].weight, 1.0, 1e-12);
		for (int l = 0; l < MODEL_MAX_LEVELS; l++)
			assert_null(m->dims[i].stages[l]);
	}
	for (size_t c = 0; c < m->ncrits; c++)
		assert_null(m->crits[c].action);
	model_free(m);
}

static void test_good_dimensions_first(void **state)
{
	struct model *m = load_fixture("good-dimensions-first.yaml");

	(void)state;
	assert_string_equal(m->dims[0].stages[4 - 1], "Top.");
	assert_int_equal(m->crits[model_find_criterion(m, "first-top")].level, 4);
	/* file order is kept within a dimension */
	assert_string_equal(m->crits[0].id, "first-top");
	assert_string_equal(m->crits[1].id, "first-low");
	model_free(m);
}

static void test_good_ten_levels(void **state)
{
	struct model *m = load_fixture("good-ten-levels.yaml");

	(void)state;
	assert_string_equal(m->dims[0].stages[0], "Bottom rung.");
	assert_string_equal(m->dims[0].stages[9], "Top rung.");
	assert_string_equal(model_level(m, 9)->name, "Level 9");
	model_free(m);
}

/* ---- size limit, unreadable files --------------------------------------- */

static void write_sized(const char *path, const char *head, size_t total)
{
	FILE *f = fopen(path, "wb");
	size_t hl = strlen(head);

	assert_non_null(f);
	assert_true(total > hl + 2);
	assert_int_equal(fwrite(head, 1, hl, f), hl);
	/* one long comment line fills the rest */
	assert_int_equal(fputc('#', f), '#');
	for (size_t i = hl + 1; i < total - 1; i++)
		assert_int_equal(fputc('x', f), 'x');
	assert_int_equal(fputc('\n', f), '\n');
	assert_int_equal(fclose(f), 0);
}

static const char small_model[] =
	"id: big\nname: Big\nversion: \"1\"\nlevels:\n"
	"  - level: 1\n    name: A\n  - level: 2\n    name: B\n"
	"dimensions:\n  - id: d\n    name: D\n    criteria:\n"
	"      - id: c\n        level: 2\n        text: T\n";

static void test_over_4mib(void **state)
{
	char *dir = tu_tmpdir();
	char path[4200], want[4300], err[ERRSZ];
	struct model *m;

	(void)state;
	snprintf(path, sizeof path, "%s/big.yaml", dir);
	write_sized(path, small_model, (size_t)4 * 1024 * 1024 + 1);
	m = model_load_file(path, err, sizeof err);
	assert_null(m);
	snprintf(want, sizeof want, "%s:1:1: error: ", path);
	if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, "4 MiB"))
		fail_msg("expected '%s... 4 MiB', got '%s'", want, err);

	/* Exactly 4 MiB is not over the limit. */
	write_sized(path, small_model, (size_t)4 * 1024 * 1024);
	m = model_load_file(path, err, sizeof err);
	if (!m)
		fail_msg("a 4 MiB model is rejected: %s", err);
	assert_int_equal(m->yaml_len, (size_t)4 * 1024 * 1024);
	model_free(m);
	tu_tmpdir_remove(dir);
}

static void test_buffer_over_4mib(void **state)
{
	size_t len = (size_t)4 * 1024 * 1024 + 1;
	char *buf = malloc(len);
	char err[ERRSZ];

	(void)state;
	assert_non_null(buf);
	memset(buf, '#', len);
	memcpy(buf, small_model, strlen(small_model));
	assert_null(model_load_buffer(buf, len, "mem.yaml", err, sizeof err));
	assert_int_equal(strncmp(err, "mem.yaml:1:1: error: ", 21), 0);
	assert_non_null(strstr(err, "4 MiB"));
	free(buf);
}

static void test_missing_file(void **state)
{
	char err[ERRSZ];
	char *path = fixture_path("no-such-model.yaml");
	char want[1200];

	(void)state;
	assert_null(model_load_file(path, err, sizeof err));
	snprintf(want, sizeof want, "mlmat: %s: No such file or directory", path);
	assert_string_equal(err, want);
	free(path);

	path = fixture_path("");
	path[strlen(path) - 1] = '\0'; /* the folder itself */
	assert_null(model_load_file(path, err, sizeof err));
	snprintf(want, sizeof want, "mlmat: %s: is a directory", path);
	assert_string_equal(err, want);
	free(path);
}

/* A short error buffer truncates the message and never overflows. */
static void test_small_error_buffer(void **state)
{
	char *path = fixture_path("bad-unknown-key-criterion.yaml");
	char err[24];

	(void)state;
	memset(err, 'x', sizeof err);
	assert_null(model_load_file(path, err, 16));
	assert_true(strlen(err) < 16);
	assert_int_equal(err[16], 'x');
	free(path);
}

/* ---- byte-level cases written inline ------------------------------------ */

struct inline_case {
	const char *yaml;
	size_t len;             /* 0: strlen */
	const char *prefix, *sub;
};

#define HEAD "id: t\nname: T\nversion: \"1\"\nlevels:\n" \
	"  - level: 1\n    name: A\n  - level: 2\n    name: B\n"
#define DIMS "dimensions:\n  - id: d\n    name: D\n    criteria:\n" \
	"      - id: c\n        level: 2\n        text: T\n"

static const struct inline_case inline_cases[] = {
	/* DEL, a C1 control and NUL are reported where they are, not at 1:1 */
	{ HEAD DIMS "description: a\x7f" "b\n", 0, "t.yaml:16:15: error: ", "control" },
	{ HEAD DIMS "description: a\xc2\x80" "b\n", 0, "t.yaml:16:15: error: ", "control" },
	{ HEAD "description: ab\0c\n" DIMS, sizeof(HEAD "description: ab\0c\n" DIMS) - 1,
	  "t.yaml:9:16: error: ", "control" },
	/* a key written three times: the second one is the duplicate */
	{ HEAD DIMS "description: a\ndescription: b\ndescription: c\n", 0,
	  "t.yaml:17:1: error: ", "duplicate key 'description'" },
	/* an escaped NUL inside quotes */
	{ HEAD DIMS "description: \"a\\0b\"\n", 0, "t.yaml:16:14: error: ", "NUL" },
	/* nesting bombs stop at the depth limit */
	{ HEAD DIMS "description: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
	  "[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
	  0, "t.yaml:16:", "too deep" },
	/* CRLF line ends count as one line break */
	{ "id: t\r\nname: T: x\r\n", 0, "t.yaml:2:8: error: ", "mapping values" },
	/* a comment-only file is empty */
	{ "# nothing\n", 0, "t.yaml:", "empty" },
	/* a document that is only '---' has no mapping */
	{ "---\n", 0, "t.yaml:", "mapping" },
};

static void test_inline_cases(void **state)
{
	int failures = 0;

	(void)state;
	for (size_t i = 0; i < sizeof inline_cases / sizeof *inline_cases; i++) {
		const struct inline_case *c = &inline_cases[i];
		size_t len = c->len ? c->len : strlen(c->yaml);
		char err[ERRSZ];
		struct model *m = model_load_buffer(c->yaml, len, "t.yaml", err, sizeof err);

		if (m) {
			print_error("inline case %zu loaded; expected %s...%s\n", i, c->prefix, c->sub);
			failures++;
			model_free(m);
			continue;
		}
		if (strncmp(err, c->prefix, strlen(c->prefix)) != 0 || !strstr(err, c->sub) ||
		    !strstr(err, ": error: ") || !is_one_line(err)) {
			print_error("inline case %zu:\n    expected: %s...%s\n    got:      %s\n", i,
				    c->prefix, c->sub, err);
			failures++;
		}
	}
	if (failures)
		fail_msg("%d inline cases are not rejected as expected", failures);
}

/* A valid model with CRLF line ends loads like its LF twin. */
static void test_crlf(void **state)
{
	const char *lf = HEAD DIMS;
	char crlf[1024], err[ERRSZ];
	size_t n = 0;
	struct model *m;

	(void)state;
	for (const char *p = lf; *p; p++) {
		if (*p == '\n')
			crlf[n++] = '\r';
		crlf[n++] = *p;
	}
	m = model_load_buffer(crlf, n, "crlf.yaml", err, sizeof err);
	if (!m)
		fail_msg("CRLF model rejected: %s", err);
	assert_string_equal(m->name, "T");
	assert_string_equal(m->crits[0].text, "T");
	assert_int_equal(m->ncrits, 1);
	model_free(m);
}

/* YAML 1.2 section 5.2: a byte order mark may start the stream and is not
 * content; editors on Windows write one. The model is valid UTF-8 YAML. */
static void test_bom(void **state)
{
	char bom[1024], err[ERRSZ];
	struct model *m;

	(void)state;
	snprintf(bom, sizeof bom, "\xef\xbb\xbf%s", HEAD DIMS);
	m = model_load_buffer(bom, strlen(bom), "bom.yaml", err, sizeof err);
	if (!m)
		fail_msg("model with a UTF-8 byte order mark rejected: %s", err);
	assert_string_equal(m->id, "t");
	assert_int_equal(m->nlevels, 2);
	model_free(m);
}

/* ---- lookups ------------------------------------------------------------ */

static void test_find(void **state)
{
	char err[ERRSZ];
	struct model *m = model_load_builtin(err, sizeof err);
	struct model *s;
	long d, c;

	(void)state;
	assert_non_null(m);
	d = model_find_dimension(m, "monitoring");
	assert_true(d >= 0);
	assert_string_equal(m->dims[d].id, "monitoring");
	assert_int_equal(model_find_dimension(m, "experiment-tracking"), 0);
	assert_int_equal(model_find_dimension(m, "no-such-dimension"), -1);
	assert_int_equal(model_find_dimension(m, ""), -1);
	assert_int_equal(model_find_dimension(m, "Monitoring"), -1);
	assert_int_equal(model_find_dimension(m, "monitor"), -1);

	c = model_find_criterion(m, "exp-shared-tracker");
	assert_true(c >= 0);
	assert_string_equal(m->crits[c].id, "exp-shared-tracker");
	assert_int_equal(m->crits[c].dim, 0);
	assert_int_equal(m->crits[c].level, 2);
	assert_int_equal(model_find_criterion(m, "no-such-criterion"), -1);
	assert_int_equal(model_find_criterion(m, ""), -1);
	/* a dimension id is not a criterion id */
	assert_int_equal(model_find_criterion(m, "monitoring"), -1);
	model_free(m);

	s = load_fixture("good-samm.yaml");
	assert_int_equal(model_find_dimension(s, "threat-assessment"), 0);
	assert_int_equal(model_find_dimension(s, "security-testing"), 1);
	assert_int_equal(model_find_criterion(s, "ta-inventory"), 0);
	assert_int_equal(model_find_criterion(s, "st-red-team"), 4);
	assert_int_equal(s->crits[4].dim, 1);
	assert_int_equal(s->dims[1].first, 3);
	assert_int_equal(s->dims[1].ncrit, 2);
	model_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_shape),
		cmocka_unit_test(test_builtin_matches_data_file),
		cmocka_unit_test(test_builtin_links),
		cmocka_unit_test(test_bad_fixtures),
		cmocka_unit_test(test_expected_covers_fixtures),
		cmocka_unit_test(test_good_fixtures),
		cmocka_unit_test(test_good_samm_details),
		cmocka_unit_test(test_good_weights),
		cmocka_unit_test(test_good_minimal_optional_absent),
		cmocka_unit_test(test_good_dimensions_first),
		cmocka_unit_test(test_good_ten_levels),
		cmocka_unit_test(test_over_4mib),
		cmocka_unit_test(test_buffer_over_4mib),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_small_error_buffer),
		cmocka_unit_test(test_inline_cases),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
