/* The built-in model is compiled into the binary as C data at build time
 * (src/model_compile.c): it must be exactly the model a parse of
 * data/mlops-maturity.yaml gives, field by field. model_copy, which hands
 * it out, must copy every field of any model (groups, references,
 * requirements, warnings). */
#include "testutil.h"

#include "model.h"

#include <string.h>

static void same_str(const char *what, size_t i, const char *a, const char *b)
{
	if (!a || !b) {
		if (a != b)
			fail_msg("%s %zu: '%s' against '%s'", what, i, a ? a : "(none)",
				 b ? b : "(none)");
		return;
	}
	if (strcmp(a, b))
		fail_msg("%s %zu: '%s' against '%s'", what, i, a, b);
}

static void same_model(const struct model *a, const struct model *b)
{
	same_str("id", 0, a->id, b->id);
	same_str("name", 0, a->name, b->name);
	same_str("version", 0, a->version, b->version);
	same_str("description", 0, a->description, b->description);
	assert_int_equal(a->nlevels, b->nlevels);
	assert_int_equal(a->lowest, b->lowest);
	assert_int_equal(a->highest, b->highest);
	for (int i = 0; i < a->nlevels; i++) {
		assert_int_equal(a->levels[i].level, b->levels[i].level);
		same_str("level name", (size_t)i, a->levels[i].name, b->levels[i].name);
		same_str("level summary", (size_t)i, a->levels[i].summary, b->levels[i].summary);
	}
	assert_int_equal(a->ngroups, b->ngroups);
	for (size_t i = 0; i < a->ngroups; i++) {
		same_str("group id", i, a->groups[i].id, b->groups[i].id);
		same_str("group name", i, a->groups[i].name, b->groups[i].name);
		same_str("group description", i, a->groups[i].description, b->groups[i].description);
	}
	assert_int_equal(a->ndims, b->ndims);
	for (size_t i = 0; i < a->ndims; i++) {
		const struct dimension *x = &a->dims[i], *y = &b->dims[i];

		same_str("dimension id", i, x->id, y->id);
		same_str("dimension name", i, x->name, y->name);
		same_str("dimension description", i, x->description, y->description);
		assert_true(x->weight == y->weight);
		assert_int_equal(x->group, y->group);
		for (int j = 0; j < MODEL_MAX_LEVELS; j++)
			same_str("dimension stage", i, x->stages[j], y->stages[j]);
		assert_int_equal(x->first, y->first);
		assert_int_equal(x->ncrit, y->ncrit);
	}
	assert_int_equal(a->ncrits, b->ncrits);
	for (size_t i = 0; i < a->ncrits; i++) {
		const struct criterion *x = &a->crits[i], *y = &b->crits[i];

		same_str("criterion id", i, x->id, y->id);
		assert_int_equal(x->level, y->level);
		same_str("criterion text", i, x->text, y->text);
		same_str("criterion action", i, x->action, y->action);
		same_str("criterion guidance", i, x->guidance, y->guidance);
		assert_true(x->weight == y->weight);
		assert_int_equal(x->nrefs, y->nrefs);
		for (size_t j = 0; j < x->nrefs; j++)
			same_str("criterion reference", i, x->refs[j], y->refs[j]);
		assert_int_equal(x->nrequires, y->nrequires);
		for (size_t j = 0; j < x->nrequires; j++)
			assert_int_equal(x->requires[j], y->requires[j]);
		assert_int_equal(x->dim, y->dim);
	}
	assert_int_equal(a->nwarnings, b->nwarnings);
	for (size_t i = 0; i < a->nwarnings; i++)
		same_str("warning", i, a->warnings[i], b->warnings[i]);
	assert_int_equal(a->yaml_len, b->yaml_len);
	assert_memory_equal(a->yaml, b->yaml, a->yaml_len);
	assert_int_equal(a->yaml[a->yaml_len], '\0');
	assert_string_equal(a->sha256, b->sha256);
}

static void test_builtin_is_the_parsed_file(void **state)
{
	char err[512];
	struct model *b = model_load_builtin(err, sizeof err);
	struct model *f = model_load_file("data/mlops-maturity.yaml", err, sizeof err);

	(void)state;
	assert_non_null(b);
	if (!f)
		fail_msg("data/mlops-maturity.yaml does not load: %s", err);
	same_model(b, f);
	model_free(b);
	model_free(f);
}

static void test_copy_every_field(void **state)
{
	static const char *const files[] = {
		"tests/fixtures/models/good-samm-groups.yaml",
		"tests/fixtures/models/good-dsomm-requires.yaml",
		"tests/fixtures/models/good-links.yaml",
		"tests/fixtures/models/good-guide.yaml",
		"data/mlops-maturity.yaml",
	};

	(void)state;
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char err[512];
		struct model *m = model_load_file(files[i], err, sizeof err), *c;

		if (!m)
			fail_msg("%s does not load: %s", files[i], err);
		/* every id found where it is, by halves of the sorted ids */
		for (size_t k = 0; k < m->ncrits; k++)
			assert_int_equal(model_find_criterion(m, m->crits[k].id), (long)k);
		assert_int_equal(model_find_criterion(m, ""), -1);
		assert_int_equal(model_find_criterion(m, "~no such criterion"), -1);
		assert_int_equal(model_find_criterion(m, "0"), -1);
		c = model_copy(m);
		for (size_t k = 0; k < c->ncrits; k++)
			assert_int_equal(model_find_criterion(c, c->crits[k].id), (long)k);
		assert_ptr_not_equal(c->crits, m->crits);
		model_free(m);  /* the copy owns all it holds: read it after */
		m = model_load_file(files[i], err, sizeof err);
		same_model(c, m);
		model_free(c);
		model_free(m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_is_the_parsed_file),
		cmocka_unit_test(test_copy_every_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
