#include "cli.h"
#include "cmd.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool model_valid(const char *path, char *err, size_t errsz)
{
	struct model *m = model_load_file(path, err, errsz);
	bool ok = m != NULL;

	model_free(m);
	return ok;
}

static int model_show(int argc, char **argv)
{
	struct options o;
	struct model *m;

	if (!cli_parse(argc, argv, OPT_MODEL, &o))
		return EXIT_USAGE;
	m = cli_model(&o);
	free(o.args);
	if (!m)
		return EXIT_BAD_INPUT;
	model_print(m, stdout);
	model_free(m);
	return EXIT_OK;
}

int cmd_model(int argc, char **argv)
{
	if (argc >= 1 && !strcmp(argv[0], "check"))
		return cli_check_files(argc - 1, argv + 1, "model", model_valid);
	if (argc >= 1 && !strcmp(argv[0], "show"))
		return model_show(argc - 1, argv + 1);
	cli_usage_error(argc ? "unknown model command '%s'" : "model needs check or show%s",
			argc ? argv[0] : "");
	return EXIT_USAGE;
}
