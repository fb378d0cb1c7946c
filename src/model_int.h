/* Private to the model loader (src/model*.c): the validation context and
 * the strict readers of YAML values every part of the loader shares. */
#ifndef MLMAT_MODEL_INT_H
#define MLMAT_MODEL_INT_H

#include "model.h"
#include "ytree.h"

#include <stdbool.h>
#include <stddef.h>

struct vctx {
	const char *name;
	char *err;
	size_t errsz;
	bool failed;
};

/* Records "NAME:LINE:COL: error: ..." at node at (the first error only);
 * returns false. */
bool model_err(struct vctx *v, const struct ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "a mapping", "a list", "text". */
const char *model_kind_name(const struct ynode *n);
/* Refuses a key of map that allowed (NULL-terminated) does not name. */
bool model_check_keys(struct vctx *v, const struct ynode *map, const char *const allowed[],
		      const char *where);
bool model_expect_map(struct vctx *v, const struct ynode *n, const char *what);
/* The node of key itself in map (for errors about its value), else map. */
const struct ynode *model_key_node(const struct ynode *map, const char *key);
/* Text value of key: a required one must be present and not empty; an
 * optional one that is null counts as absent (*out stays NULL). */
bool model_get_text(struct vctx *v, const struct ynode *map, const char *key, bool required,
		    const char *where, char **out);
/* A whole number written in plain digits. */
bool model_parse_whole(const struct ynode *n, int *out);
/* The required 'level' of map. */
bool model_get_level(struct vctx *v, const struct ynode *map, const char *where, int *out);
/* [a-z0-9-]+ */
bool model_valid_id(const char *s);
bool model_get_id(struct vctx *v, const struct ynode *map, const char *where, char **out);
/* A required key written as empty, ~ or null is missing, not mistyped. */
bool model_require(struct vctx *v, const struct ynode *map, const char *key, const char *where);
/* An optional number > 0 (absent or null: 1). */
bool model_get_weight(struct vctx *v, const struct ynode *n, double *out);
/* After the whole model is read: groups, requires (ids, cycles) and the
 * warnings of `model check` (src/model_links.c). */
bool model_link(struct vctx *v, struct model *m, const struct ynode *root);

#endif
