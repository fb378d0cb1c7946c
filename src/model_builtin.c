/* The built-in model: data/mlops-maturity.yaml loaded and checked at build
 * time (model_compile.c), copied here; its text and SHA-256 embedded beside
 * it (embed.sh). Starting the dashboard parses no YAML for it. */
#include "model.h"
#include "xalloc.h"

#include <stdio.h>
#include <string.h>

extern const char builtin_model_yaml[];
extern const unsigned long builtin_model_yaml_len;
extern const char builtin_model_yaml_sha256[];
extern const struct model builtin_model_compiled;

struct model *model_load_builtin(char *err, size_t errsz)
{
	struct model *m = model_copy(&builtin_model_compiled);

	(void)err;
	(void)errsz;
	m->yaml = xstrndup(builtin_model_yaml, builtin_model_yaml_len);
	m->yaml_len = builtin_model_yaml_len;
	snprintf(m->sha256, sizeof m->sha256, "%s", builtin_model_yaml_sha256);
	return m;
}
