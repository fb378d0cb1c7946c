/* `mlmat backup` and `mlmat restore`. */
#include "backup.h"
#include "cli.h"
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char backup_usage[] =
"Usage: mlmat backup [--db PATH] FILE [--force]\n"
"  Writes a consistent copy of the database to FILE through SQLite's backup\n"
"  API, safe while dashboards write: a temporary file beside FILE, synced,\n"
"  then renamed. The copy is one file (DELETE journal mode) with the\n"
"  database's permissions. An existing FILE is refused without --force.\n"
"  Reads the database only.\n";

static const char restore_usage[] =
"Usage: mlmat restore [--db PATH] FILE [--force]\n"
"  Replaces the database's content with FILE's (an mlmat database, e.g. from\n"
"  mlmat backup; an older schema is upgraded). FILE is checked first (mlmat's,\n"
"  not newer than this mlmat, SQLite's integrity check), and the database is\n"
"  kept as DB.before-restore-YYYYmmddTHHMMSSZ. Open dashboards show the\n"
"  restored data within a second. Refused when the database holds changes\n"
"  FILE does not (its last audit row is not in FILE's log), unless --force.\n"
"  The restore is audited.\n";

static bool wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

/* The options and the one FILE operand: 0 when they are fine, -1 when the
 * usage was asked for (and printed), else EXIT_USAGE. */
static int parse_file(int argc, char **argv, const char *usage, const char *cmd,
		      struct options *o)
{
	if (wants_help(argc, argv)) {
		fputs(usage, stdout);
		return -1;
	}
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
	int status = parse_file(argc, argv, backup_usage, "backup", &o);

	if (status)
		return status < 0 ? EXIT_OK : status;
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
	int status = parse_file(argc, argv, restore_usage, "restore", &o);

	if (status)
		return status < 0 ? EXIT_OK : status;
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
