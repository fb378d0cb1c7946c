#include "cli.h"
#include "cmd.h"
#include "report.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The report is written to memory first and printed only once it is
 * whole: a database error half-way gives an error, never half a report. */
static int write_report(struct store *st, const struct options *o, enum report_format f,
			bool ascii)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	bool ok;

	if (!mem) {
		perror("mlmat: report");
		return EXIT_BAD_INPUT;
	}
	ok = report_write_format(st, f, (o->given & OPT_TEAM) ? o->team : NULL,
				 (o->given & OPT_PERIOD) ? o->period : NO_PERIOD, ascii, mem);
	if (fclose(mem) != 0) {
		perror("mlmat: report");
		free(text);
		return EXIT_BAD_INPUT;
	}
	if (ok)
		fwrite(text, 1, len, stdout);
	else
		cli_error(store_error(st));
	free(text);
	return ok ? EXIT_OK : EXIT_BAD_INPUT;
}

int cmd_report(int argc, char **argv)
{
	struct options o;
	struct store *st;
	int64_t team_id;
	int status = EXIT_OK, found = 1;
	bool ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	enum report_format f = REPORT_TEXT;

	if (!cli_parse(argc, argv, OPT_DB | OPT_TEAM | OPT_PERIOD | OPT_FORMAT | OPT_OUT | OPT_FORCE,
		       &o))
		return EXIT_USAGE;
	if (o.format && !report_parse_format(o.format, &f)) {
		cli_usage_error("--format must be text, markdown, html or json, not '%s'", o.format);
		free(o.args);
		return EXIT_USAGE;
	}
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
		cli_errorf("mlmat: no team is named '%s'", o.team);
		status = EXIT_BAD_INPUT;
	} else if (o.out) {
		char err[1200];

		/* A file is read elsewhere: only the terminal's text follows
		 * the locale. */
		if (!report_to_file(st, f, (o.given & OPT_TEAM) ? o.team : NULL,
				    (o.given & OPT_PERIOD) ? o.period : NO_PERIOD, o.out, o.force,
				    err, sizeof err)) {
			cli_error(err);
			status = EXIT_BAD_INPUT;
		}
	} else {
		status = write_report(st, &o, f, ascii);
	}
	store_close(st);
	free(o.args);
	return status;
}
