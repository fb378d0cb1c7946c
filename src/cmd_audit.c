#include "cli.h"
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int audit_verify(int argc, char **argv)
{
	struct options o;
	struct store *st;
	char last[65];
	int64_t rows;
	int status;

	if (!cli_parse(argc, argv, OPT_DB, &o))
		return EXIT_USAGE;
	st = cli_open_readonly(&o);
	free(o.args);
	if (!st)
		return EXIT_BAD_INPUT;
	switch (store_audit_verify(st, &rows, last)) {
	case 1:
		printf("audit: %lld rows, chain intact\nlast hash: %s\n", (long long)rows, last);
		status = fflush(stdout) == 0 ? EXIT_OK : EXIT_BAD_INPUT;
		break;
	default:
		cli_error(store_error(st));
		status = EXIT_BAD_INPUT;
		break;
	}
	store_close(st);
	return status;
}

int cmd_audit(int argc, char **argv)
{
	/* --help: src/main.c prints src/usage.c's text. */
	if (argc >= 1 && !strcmp(argv[0], "verify"))
		return audit_verify(argc - 1, argv + 1);
	cli_usage_error(argc ? "unknown audit command '%s'" : "audit needs verify%s",
			argc ? argv[0] : "");
	return EXIT_USAGE;
}
