/* Backup and restore on real SQLite files (src/backup.c, src/store_backup.c):
 * a backup is a whole standalone copy and never replaces what it must not;
 * a file to restore is checked; a restore is seen by another open store
 * (a dashboard) as another writer's commit, not as a replaced file, with
 * the restored assessments read with their own model even where a model of
 * the content before sat under the same row, and an assessment held open
 * under an id that is now another's neither read from nor written into it; changes the file does not
 * hold are kept unless forced, whatever the times say. */
#include "testutil.h"

#include "backup.h"
#include "model.h"
#include "period.h"
#include "store.h"
#include "store_backup.h"

#include <sqlite3.h>   /* to make files of other kinds the way other programs would */

#define ERRSZ 1200

#define TINY(ID, CRIT) \
	"id: " ID "\nname: Tiny\nversion: \"1\"\nlevels:\n" \
	"  - level: 1\n    name: One\n  - level: 2\n    name: Two\n" \
	"dimensions:\n  - id: dx\n    name: Dim X\n    criteria:\n" \
	"      - id: " CRIT "\n        level: 2\n        text: Criterion " CRIT "\n"

static const char yaml_a[] = TINY("model-a", "a2");
static const char yaml_b[] = TINY("model-b", "b2");

struct fx {
	char *dir, one[4200], two[4200], copy[4200];
	struct model *a, *b;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[ERRSZ] = "";

	f->dir = tu_tmpdir();
	snprintf(f->one, sizeof f->one, "%s/one.db", f->dir);
	snprintf(f->two, sizeof f->two, "%s/two.db", f->dir);
	snprintf(f->copy, sizeof f->copy, "%s/copy.db", f->dir);
	f->a = model_load_buffer(yaml_a, strlen(yaml_a), "a.yaml", err, sizeof err);
	f->b = model_load_buffer(yaml_b, strlen(yaml_b), "b.yaml", err, sizeof err);
	if (!f->a || !f->b)
		fail_msg("%s", err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	model_free(f->a);
	model_free(f->b);
	tu_tmpdir_remove(f->dir);
	free(f);
	return 0;
}

static struct store *open_db(const char *path)
{
	char err[ERRSZ] = "";
	struct store *st = store_open(path, STORE_CREATE, err, sizeof err);

	if (!st)
		fail_msg("%s", err);
	return st;
}

/* A database at path with team's assessment of 2026-Q1 under model m, its
 * one criterion answered v. */
static void make_db(const char *path, const struct model *m, const char *team, enum answer v)
{
	struct store *st = open_db(path);
	struct assessment *a;
	bool created;
	int p;
	int64_t id;

	assert_true(period_parse("2026-Q1", &p));
	id = store_assessment_begin(st, team, p, "fac", m, &created);
	if (!id)
		fail_msg("%s", store_error(st));
	assert_int_equal(store_assessment_load(st, id, &a), 1);
	if (!store_set_answer(st, a, 0, v))
		fail_msg("%s", store_error(st));
	assessment_free(a);
	store_close(st);
}

/* The answer of team's 2026-Q1 assessment in st, and its criterion's id. */
static enum answer answer_of(struct store *st, const char *team, const char **crit)
{
	struct assessment *a;
	int64_t tid, id;
	int p;
	enum answer v;

	assert_true(period_parse("2026-Q1", &p));
	assert_int_equal(store_team_find(st, team, &tid), 1);
	assert_int_equal(store_assessment_find(st, tid, p, &id), 1);
	if (store_assessment_load(st, id, &a) != 1)
		fail_msg("%s", store_error(st));
	v = a->answers[0];
	*crit = a->model->crits[0].id;  /* the model is the store's */
	assessment_free(a);
	return v;
}

static void test_backup_is_a_whole_standalone_copy(void **state)
{
	struct fx *f = *state;
	struct store *st, *copy;
	char err[ERRSZ] = "";
	unsigned char h[100];
	const char *crit;
	FILE *in;

	make_db(f->one, f->a, "Team", ANS_YES);
	st = open_db(f->one);
	if (!backup_to_file(st, f->copy, false, err, sizeof err))
		fail_msg("%s", err);
	in = fopen(f->copy, "rb");
	assert_int_equal(fread(h, 1, sizeof h, in), sizeof h);
	fclose(in);
	/* File format versions 1: a rollback journal, no WAL to carry along. */
	assert_int_equal(h[18], 1);
	assert_int_equal(h[19], 1);
	copy = store_open(f->copy, STORE_READONLY, err, sizeof err);
	if (!copy)
		fail_msg("%s", err);
	assert_int_equal(answer_of(copy, "Team", &crit), ANS_YES);
	store_close(copy);

	assert_false(backup_to_file(st, f->copy, false, err, sizeof err));
	assert_non_null(strstr(err, "already exists"));
	assert_false(backup_to_file(st, f->one, true, err, sizeof err));
	assert_non_null(strstr(err, "is the database itself"));
	assert_false(backup_to_file(st, f->dir, true, err, sizeof err));
	assert_non_null(strstr(err, "is a directory"));
	assert_true(backup_to_file(st, f->copy, true, err, sizeof err));
	store_close(st);
}

static void test_copy_check(void **state)
{
	struct fx *f = *state;
	struct store_copy_info info;
	char err[ERRSZ] = "", path[4300];
	sqlite3 *db;

	make_db(f->one, f->a, "Team", ANS_YES);
	assert_true(store_copy_check(f->one, &info, err, sizeof err));
	assert_int_equal(info.version, STORE_SCHEMA_VERSION);
	assert_int_equal(strlen(info.last_change), 20);

	snprintf(path, sizeof path, "%s/text.db", f->dir);
	tu_write_file(path, "id,team\n1,a\n");
	assert_false(store_copy_check(path, &info, err, sizeof err));
	assert_non_null(strstr(err, "not an SQLite database"));

	snprintf(path, sizeof path, "%s/other.db", f->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x); PRAGMA user_version = 3;", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_false(store_copy_check(path, &info, err, sizeof err));
	assert_non_null(strstr(err, "not an mlmat database"));

	assert_int_equal(sqlite3_open(f->one, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_false(store_copy_check(f->one, &info, err, sizeof err));
	assert_non_null(strstr(err, "newer"));
}

static void test_restore_seen_by_an_open_store(void **state)
{
	struct fx *f = *state;
	struct store *dash;
	struct assessment *open;
	struct backup_restored r;
	char err[ERRSZ] = "", last[65];
	const char *crit;
	int64_t version, rows;

	make_db(f->one, f->a, "Team", ANS_YES);
	dash = open_db(f->one);
	assert_int_equal(answer_of(dash, "Team", &crit), ANS_YES);
	assert_string_equal(crit, "a2");
	/* The assessment a dashboard has open; its id will be Other's. */
	assert_int_equal(store_assessment_load(dash, 1, &open), 1);
	version = store_data_version(dash);
	/* Another history, whose model b sits under the same row as a. */
	make_db(f->two, f->b, "Other", ANS_PARTLY);

	if (!backup_restore(f->one, f->two, true, &r, err, sizeof err))
		fail_msg("%s", err);
	assert_non_null(r.before);
	assert_int_equal(r.version, STORE_SCHEMA_VERSION);

	/* The open store: another writer's commit, not a replaced file. */
	assert_true(store_data_version(dash) != version);
	assert_true(store_check_files(dash));
	assert_false(store_lost(dash));
	assert_int_equal(answer_of(dash, "Other", &crit), ANS_PARTLY);
	assert_string_equal(crit, "b2");
	/* The open assessment is not read from Other's, nor written into it. */
	assert_false(store_assessment_reload(dash, open));
	if (!strstr(store_error(dash), "is another one now"))
		fail_msg("%s", store_error(dash));
	assert_int_equal(open->answers[0], ANS_YES);
	assert_false(store_set_answer(dash, open, 0, ANS_NO));
	assert_int_equal(answer_of(dash, "Other", &crit), ANS_PARTLY);
	assessment_free(open);
	assert_int_equal(store_audit_verify(dash, &rows, last), 1);
	store_close(dash);

	/* The copy before holds the history before. */
	dash = open_db(r.before);
	assert_int_equal(answer_of(dash, "Team", &crit), ANS_YES);
	store_close(dash);
	free(r.before);
}

/* The database made after the file, most likely in the same second: the
 * hashes, not the times, say that it holds changes the file does not. */
static void test_restore_keeps_changes_unless_forced(void **state)
{
	struct fx *f = *state;
	struct backup_restored r;
	char err[ERRSZ] = "";
	struct store *st;
	const char *crit;

	make_db(f->two, f->b, "Other", ANS_PARTLY);
	make_db(f->one, f->a, "Team", ANS_YES);
	assert_false(backup_restore(f->one, f->two, false, &r, err, sizeof err));
	assert_non_null(strstr(err, "has changes that"));
	assert_null(r.before);
	st = open_db(f->one);
	assert_int_equal(answer_of(st, "Team", &crit), ANS_YES);
	/* A backup with nothing changed since restores without --force. */
	if (!backup_to_file(st, f->copy, false, err, sizeof err))
		fail_msg("%s", err);
	store_close(st);
	if (!backup_restore(f->one, f->copy, false, &r, err, sizeof err))
		fail_msg("%s", err);
	free(r.before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_backup_is_a_whole_standalone_copy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_seen_by_an_open_store, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_keeps_changes_unless_forced, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
