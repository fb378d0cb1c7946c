/* `mlmat import`. */
#include "cli.h"
#include "cmd.h"
#include "import.h"
#include "osutil.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Enough to fix a file by; the rest are counted. */
#define MAX_ERRORS 50

static void print_summary(const char *file, const struct import_result *r, bool dry_run)
{
	printf("import %s: %zu rows; %zu assessments created, %zu updated; %zu answers set, "
	       "%zu changed, %zu confirmed; %zu comments, %zu evidence%s\n", file, r->rows,
	       r->created, r->updated, r->answers_set, r->answers_changed, r->answers_confirmed,
	       r->comments, r->evidence, dry_run ? " (dry run: nothing changed)" : "");
}

static void print_errors(const char *file, const struct import_result *r)
{
	for (size_t i = 0; i < r->nkept; i++)
		cli_error(r->errors[i].msg);
	if (r->nerrors > r->nkept)
		cli_errorf("mlmat: %s: %zu errors in all (the first %zu shown); nothing imported",
			   file, r->nerrors, r->nkept);
	else
		cli_errorf("mlmat: %s: %zu error%s; nothing imported", file, r->nerrors,
			   r->nerrors == 1 ? "" : "s");
}

/* A database this import created and then did not fill goes again. */
static void remove_new(const char *db)
{
	static const char *const sides[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
		char *p = xasprintf("%s%s", db, sides[i]);

		unlink(p);
		free(p);
	}
}

static int run(const struct options *o, const char *db, bool existed, struct model *m)
{
	struct import_opts io = { .dry_run = (o->given & OPT_DRY_RUN) != 0, .force = o->force,
				  .model = m, .facilitator = os_user(), .max_errors = MAX_ERRORS };
	struct import_result r;
	char err[1200];
	struct store *st;
	int rc;

	/* A dry run changes nothing, not even by creating the database. */
	st = store_open(db, STORE_MUST_WRITE | (io.dry_run ? 0 : STORE_CREATE), err, sizeof err);
	if (!st) {
		cli_error(err);
		return EXIT_BAD_INPUT;
	}
	rc = import_file(st, o->args[0], &io, &r, err, sizeof err);
	store_close(st);
	if (rc < 0)
		cli_error(err);
	else if (rc == 0)
		print_errors(o->args[0], &r);
	else
		print_summary(o->args[0], &r, io.dry_run);
	import_result_free(&r);
	if (rc <= 0 && !existed)
		remove_new(db);
	return rc > 0 && fflush(stdout) == 0 ? EXIT_OK : EXIT_BAD_INPUT;
}

int cmd_import(int argc, char **argv)
{
	struct options o;
	struct model *m;
	struct stat sb;
	char *db;
	int status;

	/* --help: src/main.c prints src/usage.c's text. */
	if (!cli_parse(argc, argv, OPT_DB | OPT_MODEL | OPT_FORCE | OPT_DRY_RUN | OPT_FILES, &o))
		return EXIT_USAGE;
	if (o.nargs != 1) {
		cli_usage_error(o.nargs ? "import takes one FILE" : "import needs a FILE");
		free(o.args);
		return EXIT_USAGE;
	}
	m = cli_model(&o);
	status = EXIT_BAD_INPUT;
	if (m) {
		db = cli_db_path(&o);
		status = run(&o, db, stat(db, &sb) == 0, m);
		free(db);
		model_free(m);
	}
	free(o.args);
	return status;
}
