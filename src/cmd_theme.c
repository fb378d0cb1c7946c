#include "cli.h"
#include "cmd.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int theme_check(int argc, char **argv)
{
	struct options o;
	int status = EXIT_OK;

	if (!cli_parse(argc, argv, 0, &o))
		return EXIT_USAGE;
	if (o.nargs == 0) {
		cli_usage_error("theme check needs at least one FILE");
		free(o.args);
		return EXIT_USAGE;
	}
	for (int i = 0; i < o.nargs; i++) {
		char err[1024];
		struct theme *t = theme_load_file(o.args[i], err, sizeof err);

		if (!t) {
			fprintf(stderr, "%s\n", err);
			status = EXIT_BAD_INPUT;
		}
		theme_free(t);
	}
	free(o.args);
	return status;
}

int cmd_theme(int argc, char **argv)
{
	if (argc >= 1 && !strcmp(argv[0], "check"))
		return theme_check(argc - 1, argv + 1);
	if (argc >= 1 && !strcmp(argv[0], "list")) {
		if (argc > 1) {
			cli_usage_error("unexpected argument '%s'", argv[1]);
			return EXIT_USAGE;
		}
		theme_list(stdout);
		return EXIT_OK;
	}
	cli_usage_error(argc ? "unknown theme command '%s'" : "theme needs check or list%s",
			argc ? argv[0] : "");
	return EXIT_USAGE;
}
