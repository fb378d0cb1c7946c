/* The organisation's figures (src/org.c) without a terminal: teams ordered
 * by each sort key (overall, a dimension, the change, the name), the cycle
 * of keys, each dimension's mean over the teams scored there, columns in
 * the model's order whatever the scores, the overall mean, the change
 * since the previous assessment; then the grid built from store_org_cells
 * on a real SQLite file in a private folder, checked against the
 * assessments the store loads. */
#include "testutil.h"

#include "model.h"
#include "org.h"
#include "period.h"
#include "score.h"
#include "store.h"

#include <math.h>

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* A team row on the stack: two dimensions. */
struct row {
	struct org_team t;
	double score[2], gap[2];
	int level[2], target[2];
};

static void row_init(struct row *r, const char *name, double overall, double s0, int l0,
		     double s1, int l1)
{
	memset(r, 0, sizeof *r);
	r->t.name = (char *)(uintptr_t)name;
	r->t.overall = overall;
	r->score[0] = s0;
	r->score[1] = s1;
	r->level[0] = l0;
	r->level[1] = l1;
	r->target[0] = r->target[1] = NO_LEVEL;
	r->t.score = r->score;
	r->t.gap = r->gap;
	r->t.level = r->level;
	r->t.target = r->target;
}

static void test_sort_teams(void **state)
{
	struct org_team t[5];
	static const char *const names[5] = { "beta", "alpha", "gamma", "delta", "Zulu" };
	static const double overall[5] = { 2.0, 2.0, 3.5, 1.0, 2.0 };
	static const char *const want[5] = { "gamma", "alpha", "beta", "Zulu", "delta" };

	(void)state;
	memset(t, 0, sizeof t);
	for (int i = 0; i < 5; i++) {
		t[i].name = (char *)(uintptr_t)names[i];
		t[i].overall = overall[i];
	}
	/* Highest first; equal scores by name as people read it (find_collate:
	 * under the C locale the folded names, so "Zulu" after "beta"). */
	org_sort_teams(t, 5, ORG_SORT_OVERALL);
	for (int i = 0; i < 5; i++)
		assert_string_equal(t[i].name, want[i]);
	org_sort_teams(t, 0, ORG_SORT_OVERALL); /* nothing to do, nothing touched */
	assert_string_equal(t[0].name, "gamma");
}

static void assert_order(const struct org_team *t, const char *const *want, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(t[i].name, want[i]) != 0)
			fail_msg("place %d: %s, want %s", i, t[i].name, want[i]);
}

/* Each key: by a dimension (unscored teams last), by the change (teams
 * without one last), by name; ties by overall score, then name. */
static void test_sort_keys(void **state)
{
	struct row r[5];
	struct org_team t[5];
	static const char *const by_d0[5] = { "c", "e", "a", "b", "d" };
	static const char *const by_d1[5] = { "d", "b", "a", "e", "c" };
	static const char *const by_change[5] = { "b", "e", "a", "d", "c" };
	static const char *const by_name[5] = { "a", "b", "c", "d", "e" };
	static const char *const by_overall[5] = { "d", "c", "e", "b", "a" };

	(void)state;
	row_init(&r[0], "a", 1.0, 2.0, 2, 3.0, 3);
	row_init(&r[1], "b", 2.0, 1.0, 1, 3.0, 3);
	row_init(&r[2], "c", 3.0, 4.0, 4, 0, -1);   /* unscored in 1 */
	row_init(&r[3], "d", 4.0, 0, -1, 5.0, 5);   /* unscored in 0 */
	row_init(&r[4], "e", 3.0, 2.0, 2, 1.0, 1);
	r[0].t.has_change = true, r[0].t.change = 0.5;
	r[1].t.has_change = true, r[1].t.change = 1.25;
	r[3].t.has_change = true, r[3].t.change = -0.5;
	r[4].t.has_change = true, r[4].t.change = 0.5; /* ties a: e has the higher overall */
	for (int i = 0; i < 5; i++) {
		t[4 - i] = r[i].t;
		t[4 - i].id = i + 1;
	}
	org_sort_teams(t, 5, 0);
	assert_order(t, by_d0, 5); /* a and e tie at 2.0: e's overall is higher */
	org_sort_teams(t, 5, 1);
	assert_order(t, by_d1, 5); /* a and b tie at 3.0: b's overall is higher */
	org_sort_teams(t, 5, ORG_SORT_CHANGE);
	assert_order(t, by_change, 5);
	org_sort_teams(t, 5, ORG_SORT_NAME);
	assert_order(t, by_name, 5);
	org_sort_teams(t, 5, ORG_SORT_OVERALL);
	assert_order(t, by_overall, 5);
}

/* s steps overall, each column in the columns' order, change, name and
 * round again; S steps back. */
static void test_sort_step(void **state)
{
	const size_t cols[3] = { 2, 0, 1 };
	const long want[6] = { ORG_SORT_OVERALL, 2, 0, 1, ORG_SORT_CHANGE, ORG_SORT_NAME };
	long k = ORG_SORT_OVERALL;

	(void)state;
	for (int i = 1; i <= 12; i++) {
		k = org_sort_step(cols, 3, k, 1);
		assert_int_equal(k, want[i % 6]);
	}
	for (int i = 11; i >= 0; i--) {
		k = org_sort_step(cols, 3, k, -1);
		assert_int_equal(k, want[i % 6]);
	}
	assert_int_equal(org_sort_step(cols, 0, ORG_SORT_OVERALL, 1), ORG_SORT_CHANGE);
	assert_string_equal(org_sort_label(NULL, ORG_SORT_OVERALL), "overall");
	assert_string_equal(org_sort_label(NULL, ORG_SORT_CHANGE), "change");
	assert_string_equal(org_sort_label(NULL, ORG_SORT_NAME), "name");
}

static void test_change(void **state)
{
	(void)state;
	NEAR(org_change(2.3, 2.0), 0.3);
	NEAR(org_change(1.1, 2.25), -1.15);
	NEAR(org_change(2.1, 2.1), 0);
	assert_true(org_change(0.3, 0.1) == 0.2); /* rounded, not 0.19999... */
}

static void test_dimension_means(void **state)
{
	struct row r[3];
	struct org_team t[3];
	double mean[2] = { -1, -1 };
	int count[2] = { -1, -1 };

	(void)state;
	row_init(&r[0], "a", 0, 1.0, 1, 9.0, -1); /* no score in dimension 1 */
	row_init(&r[1], "b", 0, 2.5, 2, 9.0, -1);
	row_init(&r[2], "c", 0, 3.0, 3, 9.0, -1);
	for (int i = 0; i < 3; i++)
		t[i] = r[i].t;
	org_dimension_means(t, 3, 2, mean, &count[0]);
	NEAR(mean[0], round2(6.5 / 3));
	assert_int_equal(count[0], 3);
	/* Unscored teams count for nothing: no team, a mean of 0. */
	NEAR(mean[1], 0);
	assert_int_equal(count[1], 0);

	t[1].level[1] = 2;
	t[1].score[1] = 2.25;
	org_dimension_means(t, 3, 2, mean, count);
	NEAR(mean[1], 2.25);
	assert_int_equal(count[1], 1);
	/* Not an average of the zeros the other teams hold. */
	NEAR(mean[0], round2(6.5 / 3));
}

static struct org_cell cell(int64_t team, const char *name, const char *dim, int period,
			    double overall, double score, int level)
{
	struct org_cell c = { team, team * 10, name, dim, period, overall, score, 0, level, NO_LEVEL,
			      1.0, false, 0 };

	return c;
}

/* The columns follow the model, whatever the period's means: the grid of
 * one period and of the next, with the means the other way round, have
 * the same columns; the teams keep the sort key across periods. */
static void test_columns_stable(void **state)
{
	char err[1024];
	struct model *m = model_load_builtin(err, sizeof err);
	struct org_grid g;
	struct org_cell c;

	(void)state;
	assert_non_null(m);
	org_grid_init(&g, m->ndims);
	for (int p = 0; p < 2; p++) {
		org_grid_clear(&g);
		/* period 0: the last dimension scores highest; period 1: the first */
		for (size_t k = 0; k < m->ndims; k++) {
			double sc = p ? (double)(m->ndims - k) : (double)k;

			c = cell(1, "one", m->dims[k].id, 100 + p, 2.0, sc / 4, (int)k % 3 + 1);
			org_grid_add(&g, m, &c);
			c = cell(2, "two", m->dims[k].id, 100 + p, 3.0, sc / 8, (int)k % 3 + 1);
			org_grid_add(&g, m, &c);
		}
		org_grid_finish(&g, 100 + p);
		org_grid_groups(&g, m);
		for (size_t k = 0; k < m->ndims; k++)
			assert_int_equal(g.cols[k], k);
		if (!p) {
			assert_string_equal(g.teams[0].name, "two");
			org_grid_sort(&g, (long)m->ndims - 1);
			assert_int_equal(g.sort, (long)m->ndims - 1);
			assert_string_equal(g.teams[0].name, "one"); /* 7/4 over 7/8 */
		} else {
			/* Still sorted by the last dimension: "one" higher there. */
			assert_int_equal(g.sort, (long)m->ndims - 1);
			assert_string_equal(g.teams[0].name, "one");
		}
	}
	org_grid_sort(&g, (long)m->ndims); /* no such dimension: back to overall */
	assert_int_equal(g.sort, ORG_SORT_OVERALL);
	assert_string_equal(g.teams[0].name, "two");
	org_grid_free(&g);
	model_free(m);
}

static void test_overall_mean(void **state)
{
	struct org_team t[3];

	(void)state;
	memset(t, 0, sizeof t);
	t[0].overall = 1.0;
	t[1].overall = 2.0;
	t[2].overall = 4.5;
	NEAR(org_overall_mean(t, 3), round2(7.5 / 3));
	NEAR(org_overall_mean(t, 0), 0);
}

/* Means round half away from zero, as scores and the report's mean
 * overall score do (round2): two teams at 1.00 and 1.01 mean 1.01, not
 * the 1.00 that printf makes of 1.005. */
static void test_mean_rounding(void **state)
{
	static const struct {
		long long sum;
		size_t n;
		const char *shown;
	} cases[] = {
		{ 201, 2, "1.01" }, { 203, 2, "1.02" }, { 3, 2, "0.02" }, { -3, 2, "-0.02" },
		{ 1876, 8, "2.35" }, { 100, 3, "0.33" }, { 200, 3, "0.67" }, { 0, 0, "0.00" },
	};
	char buf[32], want[32];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		snprintf(buf, sizeof buf, "%.2f", org_mean100(cases[i].sum, cases[i].n));
		assert_string_equal(buf, cases[i].shown);
	}
	for (size_t n = 1; n < 10; n++)
		for (long long sum = -500 * (long long)n; sum <= 500 * (long long)n; sum++) {
			snprintf(buf, sizeof buf, "%.2f", org_mean100(sum, n));
			snprintf(want, sizeof want, "%.2f", round2((double)sum / 100 / (double)n));
			if (strcmp(buf, want) && strcmp(want, "-0.00"))
				fail_msg("mean of %zu summing to %lld: %s, the report's %s", n, sum, buf,
					 want);
		}
}

static void test_grid_add_and_finish(void **state)
{
	char err[1024];
	struct model *m = model_load_builtin(err, sizeof err);
	struct org_grid g;
	const char *d0, *d1;
	struct org_cell c;

	(void)state;
	assert_non_null(m);
	d0 = m->dims[0].id;
	d1 = m->dims[1].id;
	org_grid_init(&g, m->ndims);
	/* Cells come grouped by team: a new id starts a row. */
	c = cell(1, "low", d0, 100, 1.0, 1.0, 1);
	org_grid_add(&g, m, &c);
	c = cell(1, "low", d1, 100, 1.0, 2.0, 2);
	org_grid_add(&g, m, &c);
	c = cell(2, "high", d1, 99, 3.0, 4.0, 4);
	org_grid_add(&g, m, &c);
	/* A dimension the model lacks: the team is listed, unscored there. */
	c = cell(3, "other", "no-such-dimension", 100, 2.0, 5.0, 5);
	org_grid_add(&g, m, &c);
	assert_int_equal(g.nteams, 3);
	assert_int_equal(g.teams[0].level[0], 1);
	assert_int_equal(g.teams[0].level[1], 2);
	assert_int_equal(g.teams[1].level[0], -1);
	for (size_t k = 0; k < m->ndims; k++)
		assert_int_equal(g.teams[2].level[k], -1);

	org_grid_finish(&g, 100);
	assert_string_equal(g.teams[0].name, "high");
	assert_string_equal(g.teams[1].name, "other");
	assert_string_equal(g.teams[2].name, "low");
	assert_true(g.any_older); /* "high" shows period 99 */
	NEAR(g.mean[0], 1.0);
	NEAR(g.mean[1], 3.0);
	assert_int_equal(g.count[1], 2);
	/* The model's order, though dimension 1 has the higher mean. */
	assert_int_equal(g.cols[0], 0);
	assert_int_equal(g.cols[1], 1);
	NEAR(g.overall_mean, 2.0);

	/* The next period starts from no team, with the same columns. */
	org_grid_clear(&g);
	assert_int_equal(g.nteams, 0);
	c = cell(4, "only", d0, 100, 2.0, 2.0, 2);
	org_grid_add(&g, m, &c);
	org_grid_finish(&g, 100);
	assert_false(g.any_older);
	NEAR(g.overall_mean, 2.0);
	assert_int_equal(g.count[1], 0);
	org_grid_free(&g);
	model_free(m);
}

/* ---- the grid from a real database ---- */

struct db {
	char *dir;
	struct model *m;
	struct store *st;
	struct org_grid g;
};

static int db_setup(void **state)
{
	struct db *d = calloc(1, sizeof *d);
	char path[4200], err[1200];

	d->dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/org.db", d->dir);
	d->m = model_load_builtin(err, sizeof err);
	d->st = d->m ? store_open(path, STORE_CREATE, err, sizeof err) : NULL;
	*state = d;
	if (!d->st)
		fprintf(stderr, "test_org: %s\n", err);
	return d->st ? 0 : -1;
}

static int db_teardown(void **state)
{
	struct db *d = *state;

	org_grid_free(&d->g);
	store_close(d->st);
	model_free(d->m);
	tu_tmpdir_remove(d->dir);
	free(d);
	return 0;
}

static void on_cell(void *ctx, const struct org_cell *c)
{
	struct db *d = ctx;

	org_grid_add(&d->g, d->m, c);
}

/* An assessment for team in period with the first n criteria answered yes. */
static int64_t assess(struct db *d, const char *team, const char *period, size_t n)
{
	int p;
	bool created;
	int64_t id;
	struct assessment *a;

	assert_true(period_parse(period, &p));
	id = store_assessment_begin(d->st, team, p, "tester", d->m, &created);
	assert_true(id > 0);
	assert_int_equal(store_assessment_load(d->st, id, &a), 1);
	assert_non_null(a);
	for (size_t c = 0; c < n && c < d->m->ncrits; c++)
		assert_true(store_set_answer(d->st, a, c, ANS_YES));
	assessment_free(a);
	return id;
}

static void test_grid_from_store(void **state)
{
	struct db *d = *state;
	int64_t ids[3];
	struct assessment *a[3];
	int p;

	ids[0] = assess(d, "Payments", "2026-Q1", 3);
	ids[1] = assess(d, "Search", "2026-Q2", 30);
	ids[2] = assess(d, "Ads", "2026-Q2", 12);
	assert_true(period_parse("2026-Q2", &p));
	org_grid_init(&d->g, d->m->ndims);
	assert_true(store_org_cells(d->st, p, on_cell, d));
	org_grid_finish(&d->g, p);

	assert_int_equal(d->g.nteams, 3);
	assert_string_equal(d->g.teams[0].name, "Search");
	assert_string_equal(d->g.teams[1].name, "Ads");
	assert_string_equal(d->g.teams[2].name, "Payments");
	/* Payments has nothing in 2026-Q2: its 2026-Q1 assessment stands in. */
	assert_int_equal(d->g.teams[2].assessment_id, ids[0]);
	assert_int_not_equal(d->g.teams[2].period, p);
	assert_true(d->g.any_older);

	for (int i = 0; i < 3; i++) {
		assert_int_equal(store_assessment_load(d->st, ids[i], &a[i]), 1);
		assert_non_null(a[i]);
	}
	NEAR(d->g.teams[0].overall, a[1]->overall.score);
	NEAR(d->g.overall_mean,
	     round2((a[0]->overall.score + a[1]->overall.score + a[2]->overall.score) / 3));
	for (size_t k = 0; k < d->m->ndims; k++) {
		double sum = 0;

		for (int i = 0; i < 3; i++)
			sum += a[i]->scores[k].score;
		assert_int_equal(d->g.count[k], 3);
		assert_true(fabs(d->g.mean[k] - sum / 3) < 0.01); /* stored rounded */
	}
	for (size_t c = 0; c < d->m->ndims; c++)
		assert_int_equal(d->g.cols[c], c);
	/* Each team's coverage is its assessment's; none has a change. */
	NEAR(d->g.teams[0].coverage, a[1]->overall.coverage);
	NEAR(d->g.teams[2].coverage, a[0]->overall.coverage);
	assert_true(d->g.teams[0].coverage < 1);
	for (int i = 0; i < 3; i++)
		assert_false(d->g.teams[i].has_change);
	assert_int_equal(d->g.nchange, 0);
	NEAR(d->g.coverage_mean, round2((a[0]->overall.coverage + a[1]->overall.coverage +
					 a[2]->overall.coverage) / 3));
	for (int i = 0; i < 3; i++)
		assessment_free(a[i]);
}

static double overall_of(struct db *d, int64_t id)
{
	struct assessment *a;
	double x;

	assert_int_equal(store_assessment_load(d->st, id, &a), 1);
	x = a->overall.score;
	assessment_free(a);
	return x;
}

static const struct org_team *team_named(const struct org_grid *g, const char *name)
{
	for (size_t i = 0; i < g->nteams; i++)
		if (!strcmp(g->teams[i].name, name))
			return &g->teams[i];
	fail_msg("no team %s in the grid", name);
	return NULL;
}

/* The change is the overall score shown minus the overall score of the
 * team's assessment before it: the previous period with data for the team,
 * skipping periods without; none for a first assessment. */
static void test_change_from_store(void **state)
{
	struct db *d = *state;
	int64_t s1 = assess(d, "Search", "2026-Q1", 5), s3 = assess(d, "Search", "2026-Q3", 40);
	int64_t a1 = assess(d, "Ads", "2026-Q1", 10), a2 = assess(d, "Ads", "2026-Q2", 30);
	int p2, p3;
	const struct org_team *t;

	assess(d, "New", "2026-Q3", 1);
	assert_true(period_parse("2026-Q2", &p2));
	assert_true(period_parse("2026-Q3", &p3));
	org_grid_init(&d->g, d->m->ndims);
	assert_true(store_org_cells(d->st, p3, on_cell, d));
	org_grid_finish(&d->g, p3);
	assert_int_equal(d->g.nteams, 3);
	t = team_named(&d->g, "Search"); /* Q3 against Q1: Q2 has nothing */
	assert_true(t->has_change);
	NEAR(t->change, org_change(overall_of(d, s3), overall_of(d, s1)));
	assert_true(t->change > 0);
	t = team_named(&d->g, "Ads"); /* shows Q2 (older): against Q1 */
	assert_int_equal(t->period, p2);
	assert_true(t->has_change);
	NEAR(t->change, org_change(overall_of(d, a2), overall_of(d, a1)));
	assert_true(t->change > 0);
	assert_false(team_named(&d->g, "New")->has_change);
	assert_int_equal(d->g.nchange, 2);
	NEAR(d->g.change_mean,
	     round2((d->g.teams[0].change + d->g.teams[1].change + d->g.teams[2].change) / 2));
	org_grid_sort(&d->g, ORG_SORT_CHANGE);
	assert_true(d->g.teams[0].change >= d->g.teams[1].change);
	assert_string_equal(d->g.teams[2].name, "New"); /* no change: last */

	/* At Q2, Search shows Q1, its first: no change. */
	org_grid_clear(&d->g);
	assert_true(store_org_cells(d->st, p2, on_cell, d));
	org_grid_finish(&d->g, p2);
	assert_int_equal(d->g.nteams, 2);
	assert_false(team_named(&d->g, "Search")->has_change);
	assert_true(team_named(&d->g, "Ads")->has_change);
}

/* Group means: each team's group score is the weighted mean of its scores
 * in the group's dimensions it is scored in; the group's mean is over the
 * teams scored in it. Columns regroup by group, keeping their order. */
static const char groups_yaml[] =
	"id: g\nname: G\nversion: \"1\"\nlevels:\n"
	"  - level: 1\n    name: One\n  - level: 2\n    name: Two\n"
	"groups:\n  - id: x\n    name: X\n  - id: y\n    name: Y\n"
	"dimensions:\n"
	"  - id: a\n    name: A\n    group: x\n    criteria:\n"
	"      - id: a1\n        level: 2\n        text: A one\n"
	"  - id: b\n    name: B\n    group: y\n    criteria:\n"
	"      - id: b1\n        level: 2\n        text: B one\n"
	"  - id: c\n    name: C\n    group: x\n    weight: 3\n    criteria:\n"
	"      - id: c1\n        level: 2\n        text: C one\n";

static void test_group_means(void **state)
{
	char err[512] = "";
	struct model *m = model_load_buffer(groups_yaml, strlen(groups_yaml), "g.yaml", err,
					    sizeof err);
	struct org_team t[2];
	double score[2][3] = { { 1.0, 2.0, 3.0 }, { 2.0, 0, 0 } }, mean[2];
	int level[2][3] = { { 1, 2, 2 }, { 2, -1, -1 } };
	size_t cols[3] = { 2, 1, 0 };

	(void)state;
	if (!m)
		fail_msg("the test model did not load: %s", err);
	memset(t, 0, sizeof t);
	for (int i = 0; i < 2; i++) {
		t[i].score = score[i];
		t[i].level = level[i];
	}
	org_group_means(t, 2, m, mean);
	/* Team 1: x = (1 x 1 + 3 x 3) / 4 = 2.5, y = 2; team 2: x = 2, no y. */
	NEAR(mean[0], (2.5 + 2.0) / 2);
	NEAR(mean[1], 2.0);
	org_group_means(t, 0, m, mean);
	NEAR(mean[0], 0);
	NEAR(mean[1], 0);
	org_order_by_group(m, cols, 3);
	assert_int_equal(cols[0], 2);
	assert_int_equal(cols[1], 0);
	assert_int_equal(cols[2], 1);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort_teams),
		cmocka_unit_test(test_dimension_means),
		cmocka_unit_test(test_sort_keys),
		cmocka_unit_test(test_sort_step),
		cmocka_unit_test(test_change),
		cmocka_unit_test(test_columns_stable),
		cmocka_unit_test(test_overall_mean),
		cmocka_unit_test(test_mean_rounding),
		cmocka_unit_test(test_group_means),
		cmocka_unit_test(test_grid_add_and_finish),
		cmocka_unit_test_setup_teardown(test_grid_from_store, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_change_from_store, db_setup, db_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
