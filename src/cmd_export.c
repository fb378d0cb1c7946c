#include "cli.h"
#include "cmd.h"
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The export is written to an unnamed temporary file first and copied out
 * only once it is whole: a value the store refuses half-way (or a database
 * error) gives an error and nothing on standard output, never half an
 * export taken for a whole one. */
static int write_stdout(struct store *st, enum export_what what, const struct export_filter *f)
{
	FILE *tmp = tmpfile();
	char buf[65536];
	size_t n;

	if (!tmp) {
		perror("mlmat: export");
		return EXIT_BAD_INPUT;
	}
	if (!export_write(st, what, f, tmp) || fflush(tmp) != 0) {
		cli_error(store_error(st));
		fclose(tmp);
		return EXIT_BAD_INPUT;
	}
	rewind(tmp);
	while ((n = fread(buf, 1, sizeof buf, tmp)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			break;
	if (ferror(tmp) || fflush(stdout) != 0 || ferror(stdout)) {
		perror("mlmat: export");
		fclose(tmp);
		return EXIT_BAD_INPUT;
	}
	fclose(tmp);
	return EXIT_OK;
}

int cmd_export(int argc, char **argv)
{
	struct options o;
	struct export_filter f = { NULL, NO_PERIOD, 0 };
	enum export_what what = EXPORT_ANSWERS;
	struct store *st;
	int64_t team_id;
	int status = EXIT_OK, found = 1;

	if (!cli_parse(argc, argv, OPT_DB | OPT_WHAT | OPT_TEAM | OPT_PERIOD | OPT_ASSESSMENT |
			   OPT_OUT | OPT_FORCE, &o))
		return EXIT_USAGE;
	if (o.what)
		export_parse_what(o.what, &what);
	if (what == EXPORT_ROADMAP && (o.given & (OPT_PERIOD | OPT_ASSESSMENT))) {
		cli_usage_error("--period and --assessment do not apply to --what roadmap");
		goto usage;
	}
	if (o.given & OPT_TEAM)
		f.team = o.team;
	if (o.given & OPT_PERIOD)
		f.period = o.period;
	f.assessment = o.assessment;
	st = cli_open_readonly(&o);
	if (!st) {
		free(o.args);
		return EXIT_BAD_INPUT;
	}
	if (f.team)
		found = store_team_find(st, f.team, &team_id);
	if (found < 0) {
		cli_error(store_error(st));
		status = EXIT_BAD_INPUT;
	} else if (!found) {
		cli_errorf("mlmat: no team is named '%s'", f.team);
		status = EXIT_BAD_INPUT;
	} else if (o.out) {
		char err[1200];

		if (!export_to_file(st, what, &f, o.out, o.force, err, sizeof err)) {
			cli_error(err);
			status = EXIT_BAD_INPUT;
		}
	} else {
		status = write_stdout(st, what, &f);
	}
	store_close(st);
	free(o.args);
	return status;
usage:
	free(o.args);
	return EXIT_USAGE;
}
