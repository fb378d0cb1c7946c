/* Command-line options shared by mlmat's commands: parsing with exact
 * usage errors (exit 2), and the resolution of the database and model paths. */
#ifndef MLMAT_CLI_H
#define MLMAT_CLI_H

#include <stdbool.h>

#include "model.h"
#include "store.h"
#include "theme.h"

enum { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_USAGE = 2 };

/* Which options a command takes. */
enum {
	OPT_DB = 1 << 0, OPT_MODEL = 1 << 1, OPT_THEME = 1 << 2, OPT_NO_COLOR = 1 << 3,
	OPT_ASCII = 1 << 4, OPT_READ_ONLY = 1 << 5, OPT_TEAMS = 1 << 6,
	OPT_QUARTERS = 1 << 7, OPT_SEED = 1 << 8, OPT_FORCE = 1 << 9, OPT_WHAT = 1 << 10,
	OPT_TEAM = 1 << 11, OPT_PERIOD = 1 << 12, OPT_ASSESSMENT = 1 << 13, OPT_OUT = 1 << 14,
	OPT_FILES = 1 << 15,    /* operands (FILE...) are allowed */
	OPT_FORMAT = 1 << 16,   /* --format WORD, checked by the command */
	OPT_DRY_RUN = 1 << 17,  /* import: check and count, change nothing */
	OPT_SESSION_MINUTES = 1 << 18,  /* the dashboard: a facilitated session's length */
};

struct options {
	unsigned given;                 /* OPT_* bits seen */
	const char *db, *model, *theme, *what, *out, *format;
	char team[TEAM_NAME_BYTES];
	int period;                     /* period index */
	long teams, quarters, assessment, session_minutes;
	unsigned long seed;
	bool force, no_color, ascii, read_only;
	const char **args;              /* operands left after the options */
	int nargs;
};

/* Parses argv; on a usage error (an unknown option, a bad value, or an
 * operand where OPT_FILES is not allowed) prints "mlmat: ..." and returns
 * false. */
bool cli_parse(int argc, char **argv, unsigned allowed, struct options *o);
/* The configuration files (src/config.h), read at the first call; NULL
 * (the error printed) when one of them is bad. */
const struct config *cli_config(void);
/* --db, else $MLMAT_DB, else `db` of the configuration, else the XDG data
 * path. Caller frees; NULL (the error printed) for a bad configuration. */
char *cli_db_path(const struct options *o);
/* --model, else $MLMAT_MODEL, else `model` of the configuration, else the
 * built-in model; prints the error. */
struct model *cli_model(const struct options *o);
/* Opens the database read-only for export and report: a missing or empty
 * file is an error, and the file is never created or changed. Prints the
 * error. */
struct store *cli_open_readonly(const struct options *o);
/* --theme, else $MLMAT_THEME, else `theme` of the configuration, else the
 * built-in theme; prints the error. */
struct theme *cli_theme(const struct options *o);
/* `mlmat model check` and `mlmat theme check`: loads every FILE operand with
 * check (true when valid, else err set), prints each error, and returns the
 * exit status. */
int cli_check_files(int argc, char **argv, const char *what,
		    bool (*check)(const char *path, char *err, size_t errsz));
/* Prints one error line to stderr, with any control character, bidirectional
 * override or invalid UTF-8 in it (a path or value the user gave, a name
 * from the database) made harmless by text_printable. */
void cli_error(const char *msg);
/* cli_error of printf's text. */
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
