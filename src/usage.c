#include "usage.h"

#include <stddef.h>
#include <string.h>

const char usage_all[] =
"Usage:\n"
"  mlmat [--db PATH] [--model PATH] [--theme NAME|PATH] [--no-color] [--ascii] [--read-only]\n"
"        [--session-minutes N]        open the dashboard\n"
"  mlmat demo   --db PATH [--teams N] [--quarters Q] [--seed S] [--model PATH] [--force]\n"
"                                     fill a database with plausible history\n"
"  mlmat export [--db PATH] [--what answers|criteria|roadmap|audit|votes]\n"
"               [--team NAME] [--period YYYY-Qn] [--assessment ID] [-o FILE [--force]]\n"
"                                     CSV to stdout, or atomically to FILE\n"
"  mlmat report [--db PATH] [--team NAME] [--period YYYY-Qn]\n"
"               [--format text|markdown|html|json] [-o FILE [--force]]\n"
"                                     a summary as text, Markdown, HTML or JSON\n"
"  mlmat init   [--db PATH]           create an empty database (and its folder)\n"
"  mlmat team   list|rename OLD NEW|merge FROM INTO|archive NAME|unarchive NAME|\n"
"               delete NAME [--force] [--db PATH]\n"
"                                     manage teams\n"
"  mlmat model check FILE...          validate model files\n"
"  mlmat model show [--model PATH] [--format text|yaml]\n"
"                                     print the model as text or YAML\n"
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
"  mlmat help [COMMAND] | mlmat COMMAND --help\n"
"                                     a command's usage\n"
"  mlmat --help | --version | --keys  (--keys: every screen's keys)\n"
"\n"
"Configuration: /etc/mlmat/config.yaml, then ${XDG_CONFIG_HOME:-~/.config}/mlmat/config.yaml\n"
"  (keys db, model, theme, ascii, no-color, advance, mouse, session-minutes; the later\n"
"  file wins key by key; flags and environment variables come first).\n"
"Environment: MLMAT_DB, MLMAT_MODEL, MLMAT_THEME, NO_COLOR, XDG_DATA_HOME, XDG_CONFIG_HOME.\n"
"Exit status: 0 success, 1 bad input, 2 usage error.\n";

static const struct {
	const char *command, *text;
} usages[] = {
	{ "demo",
	  "Usage: mlmat demo --db PATH [--teams N] [--quarters Q] [--seed S] [--model PATH] [--force]\n"
	  "  Fills the database named by --db (and only that one) with plausible history:\n"
	  "  N teams (1-10000, default 6) over up to Q quarters (1-200, default 8) ending at\n"
	  "  the current quarter. The same seed in the same quarter gives the same data.\n"
	  "  --force adds to a database that holds assessments, replacing the demo teams.\n" },
	{ "export",
	  "Usage: mlmat export [--db PATH] [--what answers|criteria|roadmap|audit|votes]\n"
	  "                    [--team NAME] [--period YYYY-Qn] [--assessment ID]\n"
	  "                    [-o FILE [--force]]\n"
	  "  CSV (RFC 4180, UTF-8) to stdout, or atomically to FILE (an existing FILE only\n"
	  "  with --force). --period and --assessment filter answers, criteria, audit and\n"
	  "  votes.\n"
	  "  Reads the database only.\n" },
	{ "report",
	  "Usage: mlmat report [--db PATH] [--team NAME] [--period YYYY-Qn]\n"
	  "                    [--format text|markdown|html|json] [-o FILE [--force]]\n"
	  "  A summary of the organisation and every team (or of one team), at the\n"
	  "  latest period or the one given: plain text (the default), GitHub-flavoured\n"
	  "  Markdown, one self-contained HTML file with charts, or JSON (its schema,\n"
	  "  report.schema.json, is installed beside the default model). -o FILE\n"
	  "  writes it atomically (an existing FILE only with --force). Reads the\n"
	  "  database only.\n" },
	{ "init",
	  "Usage: mlmat init [--db PATH]\n"
	  "  Creates an empty database (mode 0600) and its folder (0700); an mlmat database\n"
	  "  already there is left as it is (an older one is upgraded), exit 0; anything\n"
	  "  else there: exit 1.\n" },
	{ "team",
	  "Usage: mlmat team list [--db PATH]\n"
	  "       mlmat team rename OLD NEW [--db PATH]\n"
	  "       mlmat team merge FROM INTO [--db PATH]\n"
	  "       mlmat team archive NAME [--db PATH]\n"
	  "       mlmat team unarchive NAME [--db PATH]\n"
	  "       mlmat team delete NAME [--force] [--db PATH]\n"
	  "  list prints NAME<TAB>assessments<TAB>latest period<TAB>active|archived.\n"
	  "  rename keeps all history under the new name (which no team may have); merge\n"
	  "  moves FROM's assessments into INTO and removes FROM (refused when both have an\n"
	  "  assessment for one period); archive hides a team from home and the\n"
	  "  organisation view, keeping it in exports and reports; delete removes a team\n"
	  "  with no assessments, with --force its assessments too. Every change is audited.\n" },
	{ "model",
	  "Usage: mlmat model check FILE...\n"
	  "       mlmat model show [--model PATH] [--format text|yaml]\n"
	  "  check validates model files (nothing printed, exit 0, when all are valid;\n"
	  "  warnings for what is likely a mistake go to stderr); show prints the model,\n"
	  "  as text or as YAML that model check accepts.\n" },
	{ "theme",
	  "Usage: mlmat theme check FILE...\n"
	  "       mlmat theme list\n"
	  "  check validates theme files; list shows the themes found, built-in first.\n" },
	{ "audit",
	  "Usage: mlmat audit verify [--db PATH]\n"
	  "  Recomputes the audit log's hash chain. Prints 'audit: N rows, chain intact'\n"
	  "  and the last hash (keep a copy elsewhere: it proves the log up to there),\n"
	  "  exit 0; or names the first row whose hash does not match (a row changed,\n"
	  "  deleted or inserted), exit 1. Reads the database only.\n" },
	{ "backup",
	  "Usage: mlmat backup [--db PATH] FILE [--force]\n"
	  "  Writes a consistent copy of the database to FILE through SQLite's backup\n"
	  "  API, safe while dashboards write: a temporary file beside FILE, synced,\n"
	  "  then renamed. The copy is one file (DELETE journal mode) with the\n"
	  "  database's permissions. An existing FILE is refused without --force.\n"
	  "  Reads the database only.\n" },
	{ "restore",
	  "Usage: mlmat restore [--db PATH] FILE [--force]\n"
	  "  Replaces the database's content with FILE's (an mlmat database, e.g. from\n"
	  "  mlmat backup; an older schema is upgraded). FILE is checked first (mlmat's,\n"
	  "  not newer than this mlmat, SQLite's integrity check), and the database is\n"
	  "  kept as DB.before-restore-YYYYmmddTHHMMSSZ. Open dashboards show the\n"
	  "  restored data within a second. Refused when the database holds changes\n"
	  "  FILE does not (its last audit row is not in FILE's log), unless --force.\n"
	  "  The restore is audited.\n" },
	{ "import",
	  "Usage: mlmat import [--db PATH] [--model PATH] FILE [--dry-run] [--force]\n"
	  "  Reads answers, comments and evidence from a CSV with the columns of\n"
	  "  mlmat export --what criteria (header required; team, period,\n"
	  "  criterion_id and answer needed; dimension_id, comment and evidence used\n"
	  "  when present; other columns ignored). An assessment that does not exist\n"
	  "  is created with the model (--model, MLMAT_MODEL or the built-in one),\n"
	  "  empty; imported answers count as answered. An answer 'unknown' or an\n"
	  "  empty comment or evidence leaves what the database holds. One\n"
	  "  transaction: any bad row is reported as FILE:LINE: error: ... and\n"
	  "  nothing is imported (exit 1). An answer that differs from the one stored\n"
	  "  is a conflict, refused unless --force. --dry-run reports what would\n"
	  "  change and changes nothing. The database is created when missing.\n" },
};

const char *usage_of(const char *command)
{
	for (size_t i = 0; i < sizeof usages / sizeof *usages; i++)
		if (!strcmp(command, usages[i].command))
			return usages[i].text;
	return NULL;
}
