#include "cli.h"
#include "cmd.h"
#include "version.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
"Usage:\n"
"  mlmat [--db PATH] [--model PATH] [--theme NAME|PATH] [--no-color] [--ascii] [--read-only]\n"
"                                     open the dashboard\n"
"  mlmat demo   [--db PATH] [--teams N] [--quarters Q] [--seed S] [--model PATH] [--force]\n"
"                                     fill a database with plausible history\n"
"  mlmat export [--db PATH] [--what answers|criteria|roadmap|audit] [--team NAME]\n"
"               [--period YYYY-Qn] [--assessment ID] [-o FILE [--force]]\n"
"                                     CSV to stdout, or atomically to FILE\n"
"  mlmat report [--db PATH] [--team NAME] [--period YYYY-Qn]\n"
"                                     plain-text summary\n"
"  mlmat model check FILE...          validate model files\n"
"  mlmat model show [--model PATH]    print the model as text\n"
"  mlmat theme check FILE...          validate theme files\n"
"  mlmat theme list                   list the themes found, built-in first\n"
"  mlmat backup [--db PATH] FILE [--force]\n"
"                                     a consistent copy of the database, safe while\n"
"                                     dashboards run\n"
"  mlmat restore [--db PATH] FILE [--force]\n"
"                                     replace the database's content with FILE's\n"
"  mlmat import [--db PATH] [--model PATH] FILE [--dry-run] [--force]\n"
"                                     answers from a CSV with the columns of\n"
"                                     export --what criteria\n"
"  mlmat audit verify [--db PATH]     check the audit log's hash chain\n"
"  mlmat --help | --version | --keys  (--keys: every screen's keys)\n"
"\n"
"Environment: MLMAT_DB, MLMAT_MODEL, MLMAT_THEME, NO_COLOR, XDG_DATA_HOME, XDG_CONFIG_HOME.\n"
"Exit status: 0 success, 1 bad input, 2 usage error.\n";

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} commands[] = {
		{ "model", cmd_model }, { "demo", cmd_demo },   { "export", cmd_export },
		{ "report", cmd_report }, { "theme", cmd_theme }, { "audit", cmd_audit },
		{ "backup", cmd_backup }, { "restore", cmd_restore }, { "import", cmd_import },
	};

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C"); /* CSV and reports always use a dot */
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage, stdout);
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
