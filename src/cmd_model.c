#include "cli.h"
#include "cmd.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Valid; what is legal but likely a mistake is printed as a warning. */
static bool model_valid(const char *path, char *err, size_t errsz)
{
	struct model *m = model_load_file(path, err, errsz);
	bool ok = m != NULL;

	for (size_t i = 0; ok && i < m->nwarnings; i++)
		cli_error(m->warnings[i]);
	model_free(m);
	return ok;
}

static int model_show(int argc, char **argv)
{
	struct options o;
	struct model *m;

	bool yaml;

	if (!cli_parse(argc, argv, OPT_MODEL | OPT_FORMAT, &o))
		return EXIT_USAGE;
	free(o.args);
	if (o.format && strcmp(o.format, "text") && strcmp(o.format, "yaml")) {
		cli_usage_error("--format must be text or yaml, not '%s'", o.format);
		return EXIT_USAGE;
	}
	yaml = o.format && !strcmp(o.format, "yaml");
	if (!(m = cli_model(&o)))
		return EXIT_BAD_INPUT;
	if (yaml)
		model_print_yaml(m, stdout);
	else
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
