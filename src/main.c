#include "cli.h"
#include "cmd.h"
#include "usage.h"
#include "version.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* `mlmat COMMAND ... --help` or `-h` before any "--": that command's usage. */
static bool asks_help(int argc, char **argv)
{
	for (int i = 2; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} commands[] = {
		{ "model", cmd_model }, { "demo", cmd_demo },   { "export", cmd_export },
		{ "report", cmd_report }, { "theme", cmd_theme }, { "audit", cmd_audit },
		{ "init", cmd_init }, { "team", cmd_team }, { "backup", cmd_backup },
		{ "restore", cmd_restore }, { "import", cmd_import },
	};

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C"); /* CSV and reports always use a dot */
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage_all, stdout);
		return EXIT_OK;
	}
	if (argc > 1 && !strcmp(argv[1], "help")) {
		const char *text = argc > 2 ? usage_of(argv[2]) : usage_all;

		if (argc > 3 || !text) {
			cli_usage_error("help takes one command name%s%s%s", argc > 2 ? ", not '" : "",
					argc > 2 ? argv[2] : "", argc > 2 ? "'" : "");
			return EXIT_USAGE;
		}
		fputs(text, stdout);
		return EXIT_OK;
	}
	if (argc > 2 && usage_of(argv[1]) && asks_help(argc, argv)) {
		fputs(usage_of(argv[1]), stdout);
		return EXIT_OK;
	}
	if (argc == 2 && !strcmp(argv[1], "--keys")) {
		return cmd_keys(argc - 2, argv + 2);
	}
	if (argc > 1 && !strcmp(argv[1], "--version")) {
		printf("mlmat %s\n", MLMAT_VERSION);
		return EXIT_OK;
	}
	if (argc > 1 && argv[1][0] != '-') {
		for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
			if (!strcmp(argv[1], commands[i].name))
				return commands[i].run(argc - 2, argv + 2);
		cli_usage_error("unknown command '%s'", argv[1]);
		return EXIT_USAGE;
	}
	return cmd_dashboard(argc - 1, argv + 1);
}
