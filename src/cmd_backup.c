/* `mlmat backup` and `mlmat restore`. */
#include "backup.h"
#include "cli.h"
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>

/* The options and the one FILE operand (--help: src/main.c prints
 * src/usage.c's text): 0 when they are fine, else EXIT_USAGE. */
static int parse_file(int argc, char **argv, const char *cmd, struct options *o)
{
	if (!cli_parse(argc, argv, OPT_DB | OPT_FORCE | OPT_FILES, o))
		return EXIT_USAGE;
	if (o->nargs != 1) {
		cli_usage_error(o->nargs ? "%s takes one FILE" : "%s needs a FILE", cmd);
		free(o->args);
		return EXIT_USAGE;
	}
	return 0;
}

int cmd_backup(int argc, char **argv)
{
	struct options o;
	struct store *st;
	char err[1200];
	int status = parse_file(argc, argv, "backup", &o);

	if (status)
		return status;
	st = cli_open_readonly(&o);
	status = EXIT_BAD_INPUT;
	if (st && backup_to_file(st, o.args[0], o.force, err, sizeof err))
		status = EXIT_OK;
	else if (st)
		cli_error(err);
	store_close(st);
	free(o.args);
	return status;
}

int cmd_restore(int argc, char **argv)
{
	struct options o;
	struct backup_restored r;
	char err[1200], *db;
	int status = parse_file(argc, argv, "restore", &o);

	if (status)
		return status;
	db = cli_db_path(&o);
	status = EXIT_BAD_INPUT;
	if (!backup_restore(db, o.args[0], o.force, &r, err, sizeof err)) {
		cli_error(err);
	} else {
		printf("restored %s into %s", o.args[0], db);
		if (r.before)
			printf("; the database before is kept in %s", r.before);
		printf("\n");
		status = fflush(stdout) == 0 ? EXIT_OK : EXIT_BAD_INPUT;
	}
	free(r.before);
	free(db);
	free(o.args);
	return status;
}
