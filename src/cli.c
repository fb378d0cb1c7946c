#include "cli.h"
#include "config.h"
#include "xalloc.h"
#include "strbuf.h"
#include "period.h"
#include "text.h"
#include "theme_dirs.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct optdef {
	const char *name;
	unsigned bit;
	bool has_arg;
};

static const struct optdef optdefs[] = {
	{ "--db", OPT_DB, true },          { "--model", OPT_MODEL, true },
	{ "--theme", OPT_THEME, true },    { "--no-color", OPT_NO_COLOR, false },
	{ "--ascii", OPT_ASCII, false },   { "--read-only", OPT_READ_ONLY, false },
	{ "--teams", OPT_TEAMS, true },    { "--quarters", OPT_QUARTERS, true },
	{ "--seed", OPT_SEED, true },      { "--force", OPT_FORCE, false },
	{ "--what", OPT_WHAT, true },      { "--team", OPT_TEAM, true },
	{ "--period", OPT_PERIOD, true },  { "--assessment", OPT_ASSESSMENT, true },
	{ "-o", OPT_OUT, true },           { "--output", OPT_OUT, true },
	{ "--format", OPT_FORMAT, true },
	{ "--dry-run", OPT_DRY_RUN, false },
	{ "--session-minutes", OPT_SESSION_MINUTES, true },
};

void cli_error(const char *msg)
{
	char *safe = text_printable(msg, false);

	fprintf(stderr, "%s\n", safe);
	free(safe);
}

void cli_errorf(const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	cli_error(sb.s);
	sb_free(&sb);
}

void cli_usage_error(const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	sb_adds(&sb, "mlmat: ");
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	sb_adds(&sb, " (see mlmat --help)");
	cli_error(sb.s);
	sb_free(&sb);
}

static bool parse_count(const char *flag, const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	if (*s < '0' || *s > '9') {
		cli_usage_error("%s needs a whole number, not '%s'", flag, s);
		return false;
	}
	v = strtol(s, &end, 10);
	if (*end) {
		cli_usage_error("%s needs a whole number, not '%s'", flag, s);
		return false;
	}
	if (errno == ERANGE || v < min || v > max) {
		cli_usage_error("%s must be from %ld to %ld, not '%s'", flag, min, max, s);
		return false;
	}
	*out = v;
	return true;
}

static bool set_value(struct options *o, const struct optdef *d, const char *v)
{
	const char *why;
	long n;

	switch (d->bit) {
	case OPT_DB:
		/* An empty path names no file: a usage error, caught before
		 * anything opens it. */
		if (!*v) {
			cli_usage_error("--db needs a path, not an empty value");
			return false;
		}
		o->db = v;
		break;
	case OPT_MODEL: o->model = v; break;
	case OPT_THEME: o->theme = v; break;
	case OPT_OUT: o->out = v; break;
	case OPT_FORMAT: o->format = v; break;
	case OPT_WHAT:
		if (strcmp(v, "answers") && strcmp(v, "criteria") && strcmp(v, "roadmap") &&
		    strcmp(v, "audit") && strcmp(v, "votes")) {
			cli_usage_error("--what must be answers, criteria, roadmap, audit or votes, not '%s'",
					v);
			return false;
		}
		o->what = v;
		break;
	case OPT_TEAM:
		if (!store_team_name_clean(v, o->team, &why)) {
			cli_usage_error("--team: %s", why);
			return false;
		}
		break;
	case OPT_PERIOD:
		if (!period_parse(v, &o->period)) {
			cli_usage_error("--period must be YYYY-Qn with n from 1 to 4, not '%s'", v);
			return false;
		}
		break;
	case OPT_TEAMS:
		return parse_count(d->name, v, 1, 10000, &o->teams);
	case OPT_QUARTERS:
		return parse_count(d->name, v, 1, 200, &o->quarters);
	case OPT_ASSESSMENT:
		return parse_count(d->name, v, 1, LONG_MAX, &o->assessment);
	case OPT_SESSION_MINUTES:
		return parse_count(d->name, v, 1, 1440, &o->session_minutes);
	case OPT_SEED:
		if (!parse_count(d->name, v, 0, LONG_MAX, &n))
			return false;
		o->seed = (unsigned long)n;
		break;
	}
	return true;
}

static bool parse(int argc, char **argv, unsigned allowed, struct options *o);

bool cli_parse(int argc, char **argv, unsigned allowed, struct options *o)
{
	if (parse(argc, argv, allowed, o)) {
		if (o->nargs == 0 || (allowed & OPT_FILES))
			return true;
		cli_usage_error("unexpected argument '%s'", o->args[0]);
	}
	free(o->args);
	o->args = NULL;
	return false;
}

static bool parse(int argc, char **argv, unsigned allowed, struct options *o)
{
	bool operands_only = false;

	memset(o, 0, sizeof *o);
	o->teams = 6;
	o->quarters = 8;
	o->seed = 1;
	o->args = xcalloc((size_t)argc + 1, sizeof *o->args);
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i], *eq, *value = NULL;
		const struct optdef *d = NULL;
		size_t namelen;

		if (operands_only || arg[0] != '-' || !strcmp(arg, "-")) {
			o->args[o->nargs++] = arg;
			continue;
		}
		if (!strcmp(arg, "--")) {
			operands_only = true;
			continue;
		}
		eq = strchr(arg, '=');
		namelen = eq && arg[1] == '-' ? (size_t)(eq - arg) : strlen(arg);
		for (size_t k = 0; k < sizeof optdefs / sizeof *optdefs; k++)
			if (strlen(optdefs[k].name) == namelen && !strncmp(arg, optdefs[k].name, namelen))
				d = &optdefs[k];
		if (!d || !(allowed & d->bit)) {
			cli_usage_error("unknown option '%.*s'", (int)namelen, arg);
			return false;
		}
		if (d->has_arg) {
			if (eq && arg[1] == '-')
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else {
				cli_usage_error("%s needs a value", d->name);
				return false;
			}
			if (!set_value(o, d, value))
				return false;
		} else if (eq && arg[1] == '-') {
			cli_usage_error("%s takes no value", d->name);
			return false;
		}
		switch (d->bit) {
		case OPT_FORCE: o->force = true; break;
		case OPT_NO_COLOR: o->no_color = true; break;
		case OPT_ASCII: o->ascii = true; break;
		case OPT_READ_ONLY: o->read_only = true; break;
		default: break;
		}
		o->given |= d->bit;
	}
	return true;
}

static void config_release(void);

static struct config config = CONFIG_INIT;

static void config_release(void)
{
	config_free(&config);
}

const struct config *cli_config(void)
{
	static int state;       /* 0 not read, 1 read, -1 failed */
	char err[1200];

	if (state == 0) {
		state = config_load(&config, err, sizeof err) ? 1 : -1;
		if (state < 0)
			cli_error(err);
		else
			atexit(config_release);
	}
	return state > 0 ? &config : NULL;
}

/* The value of an environment variable, NULL when unset or empty. */
static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

char *cli_db_path(const struct options *o)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home;
	const struct config *c;

	if (o->db)
		return xstrdup(o->db);
	if (env("MLMAT_DB"))
		return xstrdup(env("MLMAT_DB"));
	if (!(c = cli_config()))
		return NULL;
	if (c->db)
		return xstrdup(c->db);
	if (xdg && *xdg == '/')
		return xasprintf("%s/mlmat/mlmat.db", xdg);
	home = getenv("HOME");
	return xasprintf("%s/.local/share/mlmat/mlmat.db", home && *home ? home : ".");
}

struct model *cli_model(const struct options *o)
{
	const char *path = o->model ? o->model : env("MLMAT_MODEL");
	const struct config *c = path ? NULL : cli_config();
	char err[1024];
	struct model *m;

	if (!path && !c)
		return NULL;
	if (!path)
		path = c->model;
	m = path ? model_load_file(path, err, sizeof err) : model_load_builtin(err, sizeof err);
	if (!m)
		cli_error(err);
	return m;
}

struct store *cli_open_readonly(const struct options *o)
{
	char *path = cli_db_path(o), err[1200];
	struct store *st;

	if (!path)
		return NULL;
	st = store_open(path, STORE_READONLY, err, sizeof err);
	if (!st)
		cli_error(err);
	free(path);
	return st;
}

struct theme *cli_theme(const struct options *o)
{
	const char *name = o->theme ? o->theme : env("MLMAT_THEME");
	const struct config *c = name ? NULL : cli_config();
	char err[1024], *path;
	struct theme *t;

	if (!name && !c)
		return NULL;
	if (!name)
		name = c->theme;
	if (!name || !strcmp(name, "default"))
		t = theme_load_builtin(err, sizeof err);
	else if (!(path = theme_find(name))) {
		char *msg = xasprintf("mlmat: no theme named '%s' (see mlmat theme list)", name);

		cli_error(msg);
		free(msg);
		return NULL;
	} else {
		t = theme_load_file(path, err, sizeof err);
		free(path);
	}
	if (!t)
		cli_error(err);
	return t;
}

int cli_check_files(int argc, char **argv, const char *what,
		    bool (*check)(const char *path, char *err, size_t errsz))
{
	struct options o;
	int status = EXIT_OK;

	if (!cli_parse(argc, argv, OPT_FILES, &o))
		return EXIT_USAGE;
	if (o.nargs == 0) {
		cli_usage_error("%s check needs at least one FILE", what);
		free(o.args);
		return EXIT_USAGE;
	}
	for (int i = 0; i < o.nargs; i++) {
		char err[1024];

		if (!check(o.args[i], err, sizeof err)) {
			cli_error(err);
			status = EXIT_BAD_INPUT;
		}
	}
	free(o.args);
	return status;
}
