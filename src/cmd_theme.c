#include "cli.h"
#include "cmd.h"
#include "theme.h"
#include "theme_dirs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool theme_valid(const char *path, char *err, size_t errsz)
{
	struct theme *t = theme_load_file(path, err, errsz);
	bool ok = t != NULL;

	theme_free(t);
	return ok;
}

int cmd_theme(int argc, char **argv)
{
	if (argc >= 1 && !strcmp(argv[0], "check"))
		return cli_check_files(argc - 1, argv + 1, "theme", theme_valid);
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
