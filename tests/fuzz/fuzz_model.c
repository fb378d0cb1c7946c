/* libFuzzer target: the model loader on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[1024];
	struct model *m = model_load_buffer((const char *)data, size, "fuzz.yaml", err, sizeof err);

	if (m) {
		/* A model that loads must score without trouble. */
		for (size_t d = 0; d < m->ndims; d++)
			if (m->dims[d].ncrit == 0 || m->dims[d].first + m->dims[d].ncrit > m->ncrits)
				__builtin_trap();
		model_free(m);
	} else if (err[0] == '\0') {
		__builtin_trap(); /* every rejection says why */
	}
	return 0;
}
