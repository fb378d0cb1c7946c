/* `mlmat team list|rename|merge|archive|unarchive|delete` (CONTRACT
 * section 6). */
#include "cli.h"
#include "cmd.h"
#include "find.h"
#include "period.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct team_row {
	char *name;
	int64_t assessments;
	int latest;
	bool archived;
};

struct team_rows {
	struct team_row *r;
	size_t n, cap;
};

static void add_team(void *ctx, const char *name, int64_t assessments, int latest, bool archived)
{
	struct team_rows *t = ctx;

	t->r = xgrow(t->r, &t->cap, t->n + 1, sizeof *t->r);
	t->r[t->n++] = (struct team_row){ xstrdup(name), assessments, latest, archived };
}

static int cmp_row(const void *a, const void *b)
{
	return find_collate(((const struct team_row *)a)->name, ((const struct team_row *)b)->name);
}

/* In the order home lists them: the locale's (find_collate). */
static bool list_teams(struct store *st)
{
	struct team_rows t = { NULL, 0, 0 };
	bool ok = store_teams_each(st, add_team, &t);

	if (t.n)
		qsort(t.r, t.n, sizeof *t.r, cmp_row);
	for (size_t i = 0; i < t.n; i++) {
		char p[PERIOD_LEN] = "";

		if (t.r[i].latest != NO_PERIOD)
			period_format(t.r[i].latest, p);
		if (ok)
			printf("%s\t%lld\t%s\t%s\n", t.r[i].name, (long long)t.r[i].assessments, p,
			       t.r[i].archived ? "archived" : "active");
		free(t.r[i].name);
	}
	free(t.r);
	return ok;
}

static const struct {
	const char *name;
	int nargs;
} verbs[] = {
	{ "list", 0 }, { "rename", 2 }, { "merge", 2 }, { "archive", 1 }, { "unarchive", 1 },
	{ "delete", 1 },
};

/* A team name given on the command line follows the names' rule: a bad
 * one is a usage error. */
static bool name_ok(const char *name)
{
	char clean[TEAM_NAME_BYTES];
	const char *why;

	if (store_team_name_clean(name, clean, &why))
		return true;
	cli_usage_error("team name '%s': %s", name, why);
	return false;
}

static bool run(struct store *st, const char *verb, const struct options *o)
{
	const char *a = o->nargs > 1 ? o->args[1] : NULL, *b = o->nargs > 2 ? o->args[2] : NULL;

	if (!strcmp(verb, "list"))
		return list_teams(st);
	if (!strcmp(verb, "rename"))
		return store_team_rename(st, a, b);
	if (!strcmp(verb, "merge"))
		return store_team_merge(st, a, b);
	if (!strcmp(verb, "archive") || !strcmp(verb, "unarchive"))
		return store_team_archive(st, a, !strcmp(verb, "archive"));
	return store_team_delete(st, a, o->force);
}

int cmd_team(int argc, char **argv)
{
	struct options o;
	struct store *st;
	const char *verb;
	char *path, err[1200];
	int status = EXIT_OK, want = -1;

	if (!cli_parse(argc, argv, OPT_DB | OPT_FORCE | OPT_FILES, &o))
		return EXIT_USAGE;
	verb = o.nargs ? o.args[0] : "";
	for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
		if (!strcmp(verb, verbs[i].name))
			want = verbs[i].nargs;
	if (want < 0 || o.nargs != want + 1 || ((o.given & OPT_FORCE) && strcmp(verb, "delete"))) {
		if (want < 0)
			cli_usage_error("team needs list, rename, merge, archive, unarchive or delete%s%s%s",
					*verb ? ", not '" : "", verb, *verb ? "'" : "");
		else if (o.nargs != want + 1)
			cli_usage_error("team %s needs %s", verb, want == 2 ? "two team names" :
					want == 1 ? "a team name" : "no team name");
		else
			cli_usage_error("--force goes with team delete only");
		free(o.args);
		return EXIT_USAGE;
	}
	for (int i = 1; i < o.nargs; i++)
		if (!name_ok(o.args[i])) {
			free(o.args);
			return EXIT_USAGE;
		}
	if (!(path = cli_db_path(&o))) {
		free(o.args);
		return EXIT_BAD_INPUT;
	}
	/* list only reads: a missing database is an error, never created. */
	st = store_open(path, want ? STORE_MUST_WRITE : STORE_READONLY, err, sizeof err);
	if (!st) {
		cli_error(err);
		status = EXIT_BAD_INPUT;
	} else if (!run(st, verb, &o)) {
		cli_error(store_error(st));
		status = EXIT_BAD_INPUT;
	}
	store_close(st);
	free(path);
	free(o.args);
	return status;
}
