#include "cli.h"
#include "cmd.h"
#include "demo.h"
#include "xalloc.h"
#include "period.h"

#include <stdio.h>
#include <stdlib.h>

int cmd_demo(int argc, char **argv)
{
	struct options o;
	struct demo_params p;
	struct model *m;
	struct store *st;
	char *path, err[1200];
	int64_t existing;
	int status = EXIT_OK;

	if (!cli_parse(argc, argv, OPT_DB | OPT_TEAMS | OPT_QUARTERS | OPT_SEED | OPT_MODEL |
			   OPT_FORCE, &o))
		return EXIT_USAGE;
	/* Demo data goes only where it is named: never into the default,
	 * configured or $MLMAT_DB database, which may be the real one. */
	if (!(o.given & OPT_DB)) {
		cli_usage_error("demo writes only into the database named by --db, "
				"e.g. mlmat demo --db /tmp/mlmat-demo.db");
		free(o.args);
		return EXIT_USAGE;
	}
	m = cli_model(&o);
	if (!m) {
		free(o.args);
		return EXIT_BAD_INPUT;
	}
	path = cli_db_path(&o);
	st = store_open(path, STORE_CREATE | STORE_MUST_WRITE, err, sizeof err);
	if (!st) {
		cli_error(err);
		status = EXIT_BAD_INPUT;
		goto out;
	}
	existing = store_assessment_count(st);
	if (existing < 0) {
		cli_error(store_error(st));
		status = EXIT_BAD_INPUT;
		goto out;
	}
	if (existing > 0 && !o.force) {
		char *msg = xasprintf("mlmat: %s: the database already holds %lld assessment%s; "
				      "use --force to add demo data to it", path, (long long)existing,
				      existing == 1 ? "" : "s");

		cli_error(msg);
		free(msg);
		status = EXIT_BAD_INPUT;
		goto out;
	}
	p = (struct demo_params){ (int)o.teams, (int)o.quarters, o.seed, period_current(), o.force };
	if (!demo_fill(st, m, &p)) {
		cli_error(store_error(st));
		status = EXIT_BAD_INPUT;
		goto out;
	}
	printf("mlmat: wrote %d teams x up to %d quarters to %s\n", p.teams, p.quarters, path);
out:
	store_close(st);
	model_free(m);
	free(path);
	free(o.args);
	return status;
}
