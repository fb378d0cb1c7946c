#include "cli.h"
#include "cmd.h"
#include "report.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_report(int argc, char **argv)
{
	struct options o;
	struct store *st;
	int64_t team_id;
	int status = EXIT_OK, found = 1;
	bool ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0;

	if (!cli_parse(argc, argv, OPT_DB | OPT_TEAM | OPT_PERIOD, &o))
		return EXIT_USAGE;
	st = cli_open_readonly(&o);
	if (!st) {
		free(o.args);
		return EXIT_BAD_INPUT;
	}
	if (o.given & OPT_TEAM)
		found = store_team_find(st, o.team, &team_id);
	if (found < 0) {
		cli_error(store_error(st));
		status = EXIT_BAD_INPUT;
	} else if (!found) {
		fprintf(stderr, "mlmat: no team is named '%s'\n", o.team);
		status = EXIT_BAD_INPUT;
	} else if (!report_write(st, (o.given & OPT_TEAM) ? o.team : NULL,
				 (o.given & OPT_PERIOD) ? o.period : NO_PERIOD, ascii, stdout)) {
		cli_error(store_error(st));
		status = EXIT_BAD_INPUT;
	}
	store_close(st);
	free(o.args);
	return status;
}
