/* `mlmat init`: an empty database (and its folder), ready for a team to
 * share; an mlmat database already there is left as it is. */
#include "cli.h"
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int cmd_init(int argc, char **argv)
{
	struct options o;
	struct store *st;
	struct stat sb;
	char *path, err[1200];
	bool existed;

	if (!cli_parse(argc, argv, OPT_DB, &o))
		return EXIT_USAGE;
	free(o.args);
	if (!(path = cli_db_path(&o)))
		return EXIT_BAD_INPUT;
	existed = stat(path, &sb) == 0 && sb.st_size > 0;
	/* Opening for writing creates, upgrades an older schema, and refuses
	 * (changing nothing) what is not an mlmat database. */
	st = store_open(path, STORE_CREATE | STORE_MUST_WRITE, err, sizeof err);
	if (!st) {
		cli_error(err);
		free(path);
		return EXIT_BAD_INPUT;
	}
	store_close(st);
	printf("mlmat: %s %s\n", path, existed ? "is an mlmat database already; left as it is"
					       : "created");
	free(path);
	return EXIT_OK;
}
