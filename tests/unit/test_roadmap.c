/* The roadmap rules of CONTRACT section 3 (src/roadmap.c), without storage:
 * the status words, which criteria lie in a dimension's gap, how an answer
 * change and a person's status change move an item, and the ranking of
 * open items (largest gap times dimension weight first, then model order).
 * The model is a small YAML text; scores and rows are built by hand, and
 * every expected order is worked out from the contract's rule in the
 * comments, never taken from the code. */
#include "testutil.h"

#include "model.h"
#include "roadmap.h"
#include "score.h"
#include "store.h"
#include "period.h"

#define Y ANS_YES
#define PT ANS_PARTLY
#define N ANS_NO
#define U ANS_UNKNOWN

#define HEAD "id: t\nname: Test model\nversion: \"1\"\n"
#define LEVEL(n) "  - level: " #n "\n    name: Level " #n "\n"
#define DIM(id, w) "  - id: " id "\n    name: Dim " id "\n    weight: " w "\n    criteria:\n"
#define CRIT(id, lv) \
	"      - id: " id "\n        level: " #lv "\n        text: Criterion " id "\n" \
	"        action: Do " id ".\n"

/* Levels 1 to 4. Dimension da (weight 1): a2a a2b (L2) a3a (L3) a4a (L4);
 * db (weight 2): b2a (L2) b3a (L3) b4a (L4); dc (weight 0.5): c2a (L2)
 * c3a (L3). Model order is the order written here. */
static const char model_yaml[] =
	HEAD "levels:\n" LEVEL(1) LEVEL(2) LEVEL(3) LEVEL(4) "dimensions:\n"
	DIM("da", "1") CRIT("a2a", 2) CRIT("a2b", 2) CRIT("a3a", 3) CRIT("a4a", 4)
	DIM("db", "2") CRIT("b2a", 2) CRIT("b3a", 3) CRIT("b4a", 4)
	DIM("dc", "0.5") CRIT("c2a", 2) CRIT("c3a", 3);

static struct model *load(void)
{
	char err[512] = "";
	struct model *m = model_load_buffer(model_yaml, strlen(model_yaml), "test.yaml", err,
					    sizeof err);

	if (!m)
		fail_msg("the test model did not load: %s", err);
	return m;
}

static int setup(void **state)
{
	*state = load();
	return 0;
}

static int teardown(void **state)
{
	model_free(*state);
	return 0;
}

static size_t cix(const struct model *m, const char *id)
{
	long c = model_find_criterion(m, id);

	if (c < 0)
		fail_msg("the model has no criterion %s", id);
	return (size_t)c;
}

/* ---- status words (CONTRACT section 3 and the roadmap CSV) ---- */

static void test_status_words(void **state)
{
	static const char *const words[] = { "planned", "in-progress", "done", "dropped" };
	static const enum rm_status values[] = { RM_PLANNED, RM_IN_PROGRESS, RM_DONE, RM_DROPPED };
	enum rm_status s;

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(rm_status_name(values[i]), words[i]);
		s = RM_NSTATUS;
		assert_true(rm_status_parse(words[i], &s));
		assert_int_equal(s, values[i]);
	}
	for (const char *const *bad = (const char *const[]){ "", "Done", "in progress", "in_progress",
							      "planned ", "todo", NULL };
	     *bad; bad++) {
		s = RM_DROPPED;
		assert_false(rm_status_parse(*bad, &s));
		assert_int_equal(s, RM_DROPPED);        /* left alone */
	}
}

/* ---- the gap ---- */

/* The gap runs from the dimension's level + 1 up to the larger of that and
 * the target; answered no or partly. */
static void test_in_gap_levels(void **state)
{
	const struct model *m = *state;
	size_t a2a = cix(m, "a2a"), a3a = cix(m, "a3a"), a4a = cix(m, "a4a");
	static const enum answer open[] = { N, PT };

	for (size_t i = 0; i < 2; i++) {
		enum answer x = open[i];

		/* level 1, no target: only level 2 */
		assert_true(roadmap_in_gap(m, a2a, x, 1, NO_LEVEL));
		assert_false(roadmap_in_gap(m, a3a, x, 1, NO_LEVEL));
		assert_false(roadmap_in_gap(m, a4a, x, 1, NO_LEVEL));
		/* level 1, target 3: levels 2 and 3 */
		assert_true(roadmap_in_gap(m, a2a, x, 1, 3));
		assert_true(roadmap_in_gap(m, a3a, x, 1, 3));
		assert_false(roadmap_in_gap(m, a4a, x, 1, 3));
		/* level 1, target 4: levels 2 to 4 */
		assert_true(roadmap_in_gap(m, a4a, x, 1, 4));
		/* level 2, target 4: levels 3 and 4, not the level reached */
		assert_false(roadmap_in_gap(m, a2a, x, 2, 4));
		assert_true(roadmap_in_gap(m, a3a, x, 2, 4));
		assert_true(roadmap_in_gap(m, a4a, x, 2, 4));
		/* a target at or below the level: still the next level */
		assert_true(roadmap_in_gap(m, a4a, x, 3, 2));
		assert_true(roadmap_in_gap(m, a4a, x, 3, 3));
		assert_false(roadmap_in_gap(m, a3a, x, 3, 2));
		/* an override level 3 above a criterion not met at level 2:
		 * the gap starts above the override */
		assert_false(roadmap_in_gap(m, a2a, x, 3, 4));
		/* at the top level there is no gap */
		assert_false(roadmap_in_gap(m, a4a, x, 4, 4));
	}
}

/* What is met is never planned work. */
static void test_in_gap_never_yes(void **state)
{
	const struct model *m = *state;

	assert_false(roadmap_in_gap(m, cix(m, "a2a"), Y, 1, NO_LEVEL));
	assert_false(roadmap_in_gap(m, cix(m, "a3a"), Y, 1, 4));
	assert_false(roadmap_in_gap(m, cix(m, "b4a"), Y, 1, 4));
}

/* CONTRACT section 3: "each criterion answered no or partly (not unknown,
 * not n/a: no work is planned for what was not assessed)". */
static void test_unknown_and_na_not_in_gap(void **state)
{
	const struct model *m = *state;

	assert_false(roadmap_in_gap(m, cix(m, "a2a"), U, 1, NO_LEVEL));
	assert_false(roadmap_in_gap(m, cix(m, "a3a"), U, 1, 4));
	assert_false(roadmap_in_gap(m, cix(m, "a2a"), ANS_NA, 1, NO_LEVEL));
	assert_false(roadmap_in_gap(m, cix(m, "a3a"), ANS_NA, 1, 4));
	assert_true(roadmap_in_gap(m, cix(m, "a2a"), N, 1, NO_LEVEL));
	assert_true(roadmap_in_gap(m, cix(m, "a3a"), PT, 1, 4));
}

/* The status a yes replaced comes back when the yes is taken back; a
 * status a person set meanwhile is no answer's to take back. */
static void test_before_done_kept_and_restored(void **state)
{
	static const enum rm_status was[] = { RM_PLANNED, RM_IN_PROGRESS, RM_DROPPED };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct rm_item it = { .exists = true, .status = was[i], .created_period = 100,
				      .done_period = NO_PERIOD, .before_done = RM_NSTATUS };

		assert_true(roadmap_on_answer(&it, ANS_NO, ANS_YES, 101));
		assert_int_equal(it.status, RM_DONE);
		assert_int_equal(it.before_done, was[i]);
		assert_true(roadmap_on_answer(&it, ANS_YES, ANS_PARTLY, 101));
		assert_int_equal(it.status, was[i]);
		assert_int_equal(it.done_period, NO_PERIOD);
		assert_int_equal(it.before_done, RM_NSTATUS);
	}
	{
		struct rm_item it = { .exists = true, .status = RM_IN_PROGRESS, .created_period = 100,
				      .done_period = NO_PERIOD, .before_done = RM_NSTATUS };

		roadmap_on_answer(&it, ANS_NO, ANS_YES, 101);
		roadmap_set_status(&it, RM_DONE, 101);
		assert_true(roadmap_on_answer(&it, ANS_YES, ANS_NO, 101));
		assert_int_equal(it.status, RM_PLANNED);
	}
}

/* ---- answers move items ---- */

static struct rm_item item(enum rm_status s, int created, int done)
{
	return (struct rm_item){ .exists = true, .status = s, .created_period = created,
				 .done_period = done };
}

#define P1 100
#define P2 101
#define P3 102

#define assert_item(it, st, created, done)                                  \
	do {                                                                \
		assert_true((it).exists);                                   \
		assert_int_equal((it).status, (st));                        \
		assert_int_equal((it).created_period, (created));           \
		assert_int_equal((it).done_period, (done));                 \
	} while (0)

/* To yes: done in the latest period, whatever the status was. */
static void test_answer_yes_makes_done(void **state)
{
	static const enum answer from[] = { U, N, PT };
	static const enum rm_status was[] = { RM_PLANNED, RM_IN_PROGRESS, RM_DROPPED };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		for (size_t j = 0; j < 3; j++) {
			struct rm_item it = item(was[j], P1, NO_PERIOD);

			assert_true(roadmap_on_answer(&it, from[i], Y, P3));
			assert_item(it, RM_DONE, P1, P3);
		}
	}
	/* An item a person had marked done in an earlier period: done
	 * now, in the latest period. */
	{
		struct rm_item it = item(RM_DONE, P1, P2);

		roadmap_on_answer(&it, N, Y, P3);
		assert_item(it, RM_DONE, P1, P3);
	}
}

/* From yes to anything else: back to planned when the item had no other
 * status before the answer made it done; done_period cleared, created kept. */
static void test_answer_leaving_yes(void **state)
{
	static const enum answer to[] = { U, N, PT };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct rm_item it = item(RM_PLANNED, P1, NO_PERIOD);

		assert_true(roadmap_on_answer(&it, N, Y, P2));
		assert_item(it, RM_DONE, P1, P2);
		assert_true(roadmap_on_answer(&it, Y, to[i], P3));
		assert_item(it, RM_PLANNED, P1, NO_PERIOD);
	}
}

/* Answers that neither reach nor leave yes, or do not change, move nothing. */
static void test_answer_other_changes_keep(void **state)
{
	static const enum answer ans[] = { U, N, PT };
	static const enum rm_status sts[] = { RM_PLANNED, RM_IN_PROGRESS, RM_DONE, RM_DROPPED };

	(void)state;
	for (size_t s = 0; s < 4; s++) {
		for (size_t i = 0; i < 3; i++) {
			for (size_t j = 0; j < 3; j++) {
				int done = sts[s] == RM_DONE ? P2 : NO_PERIOD;
				struct rm_item it = item(sts[s], P1, done);

				assert_false(roadmap_on_answer(&it, ans[i], ans[j], P3));
				assert_item(it, sts[s], P1, done);
			}
		}
		{
			struct rm_item it = item(sts[s], P1, NO_PERIOD);

			assert_false(roadmap_on_answer(&it, Y, Y, P3));
			assert_item(it, sts[s], P1, NO_PERIOD);
		}
	}
}

/* No item, nothing to move (the store creates items, not the answer rule). */
static void test_answer_without_item(void **state)
{
	struct rm_item it = { .exists = false, .status = RM_PLANNED, .created_period = NO_PERIOD,
			      .done_period = NO_PERIOD };

	(void)state;
	assert_false(roadmap_on_answer(&it, N, Y, P3));
	assert_false(it.exists);
	assert_int_equal(it.status, RM_PLANNED);
	assert_int_equal(it.done_period, NO_PERIOD);
}

/* ---- people set the status ---- */

static void test_set_status(void **state)
{
	static const enum rm_status sts[] = { RM_PLANNED, RM_IN_PROGRESS, RM_DONE, RM_DROPPED };

	(void)state;
	for (size_t from = 0; from < 4; from++) {
		for (size_t to = 0; to < 4; to++) {
			struct rm_item it = item(sts[from], P1, sts[from] == RM_DONE ? P2 : NO_PERIOD);

			roadmap_set_status(&it, sts[to], P3);
			/* done records the latest period; any other status clears it */
			assert_item(it, sts[to], P1, sts[to] == RM_DONE ? P3 : NO_PERIOD);
		}
	}
}

/* ---- ranking ---- */

static struct roadmap_row row(const struct model *m, const char *crit)
{
	size_t c = cix(m, crit);

	return (struct roadmap_row){
		.criterion_id = m->crits[c].id,
		.dimension_id = m->dims[m->crits[c].dim].id,
		.action = m->crits[c].action,
		.owner = NULL,
		.status = RM_PLANNED,
		.due_period = NO_PERIOD, .created_period = P1, .done_period = NO_PERIOD,
		.ord = (int)c,
	};
}

/* Scores of the three dimensions with these gaps (the rest unused). */
static void gaps(struct dim_score sc[3], double ga, double gb, double gc)
{
	memset(sc, 0, 3 * sizeof *sc);
	sc[0].gap = ga;
	sc[1].gap = gb;
	sc[2].gap = gc;
}

static void expect_order(const struct roadmap_row *r, size_t n, const char *const *want)
{
	char got[256] = "", exp[256] = "";

	for (size_t i = 0; i < n; i++) {
		strcat(got, r[i].criterion_id);
		strcat(got, " ");
		strcat(exp, want[i]);
		strcat(exp, " ");
	}
	if (strcmp(got, exp) != 0)
		fail_msg("ranked %s, expected %s", got, exp);
}

/* Rows given in a shuffled order, ranked by gap x weight. */
static void rank_case(const struct model *m, double ga, double gb, double gc,
		      const char *const *in, const char *const *want, size_t n)
{
	struct dim_score sc[3];
	struct roadmap_row r[16];

	gaps(sc, ga, gb, gc);
	for (size_t i = 0; i < n; i++)
		r[i] = row(m, in[i]);
	roadmap_rank(m, sc, r, n);
	expect_order(r, n, want);
}

static void test_rank_gap_times_weight(void **state)
{
	const struct model *m = *state;
	static const char *const in[] = { "c3a", "a3a", "b4a", "a2a", "c2a", "b2a", "a4a" };

	/* da 1.5 x 1 = 1.5; db 1 x 2 = 2; dc 3 x 0.5 = 1.5: db first although
	 * its gap is the smallest; da and dc tie, so model order (da first). */
	rank_case(m, 1.5, 1, 3, in,
		  (const char *const[]){ "b2a", "b4a", "a2a", "a3a", "a4a", "c2a", "c3a" }, 7);
	/* da 2.5 x 1 = 2.5 first; db 1 x 2 = 2; dc 1 x 0.5 = 0.5 */
	rank_case(m, 2.5, 1, 1, in,
		  (const char *const[]){ "a2a", "a3a", "a4a", "b2a", "b4a", "c2a", "c3a" }, 7);
	/* dc 4.5 x 0.5 = 2.25 before da 2 x 1 = 2; db has no gap: last */
	rank_case(m, 2, 0, 4.5, in,
		  (const char *const[]){ "c2a", "c3a", "a2a", "a3a", "a4a", "b2a", "b4a" }, 7);
}

/* Equal weights: model order, whatever order the rows came in. */
static void test_rank_ties_in_model_order(void **state)
{
	const struct model *m = *state;
	static const char *const in[] = { "c3a", "b4a", "a4a", "b2a", "a2b", "c2a", "a2a", "b3a" };

	/* 2 x 1 = 1 x 2 = 4 x 0.5 */
	rank_case(m, 2, 1, 4, in,
		  (const char *const[]){ "a2a", "a2b", "a4a", "b2a", "b3a", "b4a", "c2a", "c3a" }, 8);
	/* no gap anywhere: model order */
	rank_case(m, 0, 0, 0, in,
		  (const char *const[]){ "a2a", "a2b", "a4a", "b2a", "b3a", "b4a", "c2a", "c3a" }, 8);
}

/* Ranking moves whole rows: each keeps its own fields. */
static void test_rank_keeps_rows_whole(void **state)
{
	const struct model *m = *state;
	struct dim_score sc[3];
	struct roadmap_row r[3];

	r[0] = row(m, "a2a");
	r[0].owner = "Ana";
	r[0].status = RM_IN_PROGRESS;
	r[0].due_period = P3;
	r[1] = row(m, "c2a");
	r[2] = row(m, "b2a");
	r[2].owner = "Bo";
	r[2].created_period = P2;
	gaps(sc, 1, 2, 1);      /* db 4, da 1, dc 0.5 */
	roadmap_rank(m, sc, r, 3);
	expect_order(r, 3, (const char *const[]){ "b2a", "a2a", "c2a" });
	assert_string_equal(r[0].dimension_id, "db");
	assert_string_equal(r[0].owner, "Bo");
	assert_string_equal(r[0].action, "Do b2a.");
	assert_int_equal(r[0].created_period, P2);
	assert_string_equal(r[1].owner, "Ana");
	assert_int_equal(r[1].status, RM_IN_PROGRESS);
	assert_int_equal(r[1].due_period, P3);
	assert_null(r[2].owner);
	assert_int_equal(r[2].ord, (int)cix(m, "c2a"));
}

static void test_rank_small(void **state)
{
	const struct model *m = *state;
	struct dim_score sc[3];
	struct roadmap_row r[2];

	gaps(sc, 1, 1, 1);
	roadmap_rank(m, sc, NULL, 0);
	r[0] = row(m, "c3a");
	roadmap_rank(m, sc, r, 1);
	assert_string_equal(r[0].criterion_id, "c3a");
	r[0] = row(m, "c3a");
	r[1] = row(m, "c2a");
	roadmap_rank(m, sc, r, 2);
	expect_order(r, 2, (const char *const[]){ "c2a", "c3a" });
}

/* Many gap combinations: the result is a permutation of the rows, in
 * non-increasing gap x weight, model order among equals. The weights are
 * read from the model text above, not from the code. */
static void test_rank_property(void **state)
{
	const struct model *m = *state;
	static const double weight[3] = { 1, 2, 0.5 };
	static const double steps[] = { 0, 0.5, 1, 1.25, 2, 3 };
	const size_t ns = sizeof steps / sizeof *steps;
	struct dim_score sc[3];
	struct roadmap_row r[9];
	size_t nrows = m->ncrits;

	assert_int_equal(nrows, 9);
	for (size_t i = 0; i < ns; i++) {
		for (size_t j = 0; j < ns; j++) {
			for (size_t k = 0; k < ns; k++) {
				bool seen[9] = { false };

				gaps(sc, steps[i], steps[j], steps[k]);
				/* reverse model order in */
				for (size_t c = 0; c < nrows; c++)
					r[c] = row(m, m->crits[nrows - 1 - c].id);
				roadmap_rank(m, sc, r, nrows);
				for (size_t c = 0; c < nrows; c++) {
					assert_false(seen[r[c].ord]);
					seen[r[c].ord] = true;
				}
				for (size_t c = 1; c < nrows; c++) {
					size_t d0 = (size_t)model_find_dimension(m, r[c - 1].dimension_id);
					size_t d1 = (size_t)model_find_dimension(m, r[c].dimension_id);
					double w0 = sc[d0].gap * weight[d0], w1 = sc[d1].gap * weight[d1];

					if (w0 < w1 || (w0 == w1 && r[c - 1].ord > r[c].ord))
						fail_msg("gaps %g %g %g: %s (%g) ranked before %s (%g)",
							 steps[i], steps[j], steps[k], r[c - 1].criterion_id,
							 w0, r[c].criterion_id, w1);
				}
			}
		}
	}
}

/* ---- the rules through the store ---- */

/* CONTRACT section 3: an answer leaving yes puts the item "back to the
 * status the item had before the answer made it done (planned if it had
 * none)", kept in the database between the two answers. */
static void test_leaving_yes_restores_status(void **state)
{
	const struct model *m = *state;
	char *dir, path[4200], err[1024] = "";
	struct store *st;
	struct assessment *a = NULL;
	struct roadmap_row *r = NULL;
	size_t n = 0;
	int period = 0;
	int64_t id;
	bool created, ok;
	enum rm_status got = RM_NSTATUS;

	dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/rm.db", dir);
	st = store_open(path, STORE_CREATE, err, sizeof err);
	ok = st && period_parse("2026-Q1", &period) &&
	     (id = store_assessment_begin(st, "Team", period, "fac", m, &created)) > 0 &&
	     store_assessment_load(st, id, &a) == 1 &&
	     store_set_answer(st, a, cix(m, "a2a"), N) &&
	     store_roadmap_set_status(st, a->team_id, "a2a", RM_IN_PROGRESS) &&
	     store_set_answer(st, a, cix(m, "a2a"), Y) &&
	     store_set_answer(st, a, cix(m, "a2a"), PT) &&
	     store_roadmap_list(st, a->team_id, false, &r, &n);
	if (!ok)
		snprintf(err, sizeof err, "%s", st ? store_error(st) : err);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(r[i].criterion_id, "a2a"))
			got = r[i].status;
	store_roadmap_free(r, n);
	assessment_free(a);
	store_close(st);
	tu_tmpdir_remove(dir);
	if (!ok)
		fail_msg("setting up: %s", err);
	if (got != RM_IN_PROGRESS)
		fail_msg("in-progress, then yes, then partly: %s, expected in-progress",
			 got == RM_NSTATUS ? "no item" : rm_status_name(got));
}

/* roadmap_blocked_list: an open item whose criterion requires criteria
 * neither yes nor n/a names them ("a, b"), in the order of its requires;
 * a met prerequisite, a done or dropped item and a criterion the model
 * lacks name nothing. */
static const char blocked_yaml[] =
	HEAD "levels:\n" LEVEL(1) LEVEL(2) LEVEL(3) "dimensions:\n"
	DIM("da", "1") CRIT("p1", 2) CRIT("p2", 2) CRIT("p3", 2)
	"      - id: top\n        level: 3\n        text: Top\n"
	"        requires: [p1, p2, p3]\n";

static void test_blocked_list(void **state)
{
	char err[512] = "";
	struct model *m = model_load_buffer(blocked_yaml, strlen(blocked_yaml), "b.yaml", err,
					    sizeof err);
	enum answer ans[4];
	struct roadmap_row rows[4];
	char **b;

	(void)state;
	if (!m)
		fail_msg("the test model did not load: %s", err);
	memset(rows, 0, sizeof rows);
	rows[0].criterion_id = (char *)(uintptr_t)"top";
	rows[1].criterion_id = (char *)(uintptr_t)"top";
	rows[1].status = RM_IN_PROGRESS;
	rows[2].criterion_id = (char *)(uintptr_t)"top";
	rows[2].status = RM_DONE;
	rows[3].criterion_id = (char *)(uintptr_t)"gone";
	ans[cix(m, "p1")] = PT;
	ans[cix(m, "p2")] = ANS_NA;
	ans[cix(m, "p3")] = U;
	ans[cix(m, "top")] = N;
	b = roadmap_blocked_list(m, ans, rows, 4);
	assert_non_null(b);
	assert_string_equal(b[0], "p1, p3");
	assert_string_equal(b[1], "p1, p3");
	assert_null(b[2]);
	assert_null(b[3]);
	roadmap_blocked_free(b, 4);
	ans[cix(m, "p1")] = Y;
	ans[cix(m, "p3")] = Y;
	b = roadmap_blocked_list(m, ans, rows, 1);
	assert_null(b[0]);
	roadmap_blocked_free(b, 1);
	assert_null(roadmap_blocked_list(m, ans, rows, 0));
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_words),
		cmocka_unit_test(test_blocked_list),
		cmocka_unit_test_setup_teardown(test_in_gap_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_in_gap_never_yes, setup, teardown),
		cmocka_unit_test(test_answer_yes_makes_done),
		cmocka_unit_test(test_answer_leaving_yes),
		cmocka_unit_test(test_answer_other_changes_keep),
		cmocka_unit_test(test_answer_without_item),
		cmocka_unit_test(test_set_status),
		cmocka_unit_test_setup_teardown(test_rank_gap_times_weight, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rank_ties_in_model_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rank_keeps_rows_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rank_small, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rank_property, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_and_na_not_in_gap, setup, teardown),
		cmocka_unit_test(test_before_done_kept_and_restored),
		cmocka_unit_test_setup_teardown(test_leaving_yes_restores_status, setup, teardown),
	};

	return cmocka_run_group_tests_name("roadmap", tests, NULL, NULL);
}
