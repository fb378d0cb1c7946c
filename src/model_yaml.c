/* The strict readers of YAML values shared by the model loader. */
#include "model_int.h"
#include "xalloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

bool model_err(struct vctx *v, const struct ynode *at, const char *fmt, ...)
{
	va_list ap;

	if (v->failed)
		return false;
	v->failed = true;
	va_start(ap, fmt);
	ytree_verror(v->err, v->errsz, v->name, at->line, at->col, fmt, ap);
	va_end(ap);
	return false;
}

const char *model_kind_name(const struct ynode *n)
{
	switch (n->kind) {
	case YN_MAP: return "a mapping";
	case YN_SEQ: return "a list";
	default: return "text";
	}
}

bool model_check_keys(struct vctx *v, const struct ynode *map,
		       const char *const allowed[], const char *where)
{
	for (size_t i = 0; i < map->n; i += 2) {
		const struct ynode *k = map->items[i];
		bool ok = false;

		for (size_t j = 0; allowed[j]; j++)
			if (!strcmp(k->text, allowed[j]))
				ok = true;
		if (!ok)
			return model_err(v, k, "unknown key '%s' in %s", k->text, where);
	}
	return true;
}

bool model_expect_map(struct vctx *v, const struct ynode *n, const char *what)
{
	if (n->kind != YN_MAP)
		return model_err(v, n, "%s must be a mapping, not %s", what, model_kind_name(n));
	return true;
}

/* The position of the key itself, for errors about a key's value being
 * absent. */
const struct ynode *model_key_node(const struct ynode *map, const char *key)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (!strcmp(map->items[i]->text, key))
			return map->items[i];
	return map;
}

/* Text value of key: required ones must be present and non-empty; an
 * optional one that is null counts as absent (*out stays NULL). */
bool model_get_text(struct vctx *v, const struct ynode *map, const char *key,
		     bool required, const char *where, char **out)
{
	const struct ynode *n = ynode_get(map, key);

	*out = NULL;
	if (!n || ynode_is_null(n) || (n->kind == YN_SCALAR && n->len == 0)) {
		if (!required)
			return true;
		if (!n)
			return model_err(v, map, "%s is missing required key '%s'", where, key);
		return model_err(v, n->len == 0 && n->plain ? model_key_node(map, key) : n,
			    "'%s' is required and cannot be empty", key);
	}
	if (n->kind != YN_SCALAR)
		return model_err(v, n, "'%s' must be text, not %s", key, model_kind_name(n));
	*out = xstrdup(n->text);
	return true;
}

bool model_parse_whole(const struct ynode *n, int *out)
{
	long val = 0;

	if (n->kind != YN_SCALAR || !n->plain || n->len == 0 || n->len > 6)
		return false;
	for (size_t i = 0; i < n->len; i++) {
		if (n->text[i] < '0' || n->text[i] > '9')
			return false;
		val = val * 10 + (n->text[i] - '0');
	}
	*out = (int)val;
	return true;
}

bool model_get_level(struct vctx *v, const struct ynode *map, const char *where,
			    int *out)
{
	const struct ynode *n = ynode_get(map, "level");

	if (!n)
		return model_err(v, map, "%s is missing required key 'level'", where);
	if (ynode_is_null(n))
		return model_err(v, n->len == 0 ? model_key_node(map, "level") : n,
			    "'level' is required and cannot be empty");
	if (!model_parse_whole(n, out))
		return model_err(v, n, "'level' must be a whole number written in digits, not '%s'",
			    n->kind == YN_SCALAR ? n->text : model_kind_name(n));
	return true;
}

bool model_valid_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

bool model_get_id(struct vctx *v, const struct ynode *map, const char *where, char **out)
{
	if (!model_get_text(v, map, "id", true, where, out))
		return false;
	if (!model_valid_id(*out)) {
		free(*out);
		*out = NULL;
		return model_err(v, ynode_get(map, "id"),
			    "'id' must use only a-z, 0-9 and '-'");
	}
	return true;
}

/* A required list written as empty, ~ or null is missing, not mistyped. */
bool model_require(struct vctx *v, const struct ynode *map, const char *key,
			  const char *where)
{
	const struct ynode *n = ynode_get(map, key);

	if (!n)
		return model_err(v, map, "%s is missing required key '%s'", where, key);
	if (ynode_is_null(n))
		return model_err(v, n->len == 0 ? model_key_node(map, key) : n,
			    "'%s' is required and cannot be empty", key);
	return true;
}

bool model_get_weight(struct vctx *v, const struct ynode *n, double *out)
{
	char *end;

	*out = 1.0;
	if (!n || ynode_is_null(n))
		return true;
	if (n->kind != YN_SCALAR || !n->plain)
		return model_err(v, n, "'weight' must be a number");
	*out = strtod(n->text, &end);
	if (end == n->text || *end || !isfinite(*out) ||
	    strspn(n->text, "0123456789.+-eE") != n->len)
		return model_err(v, n, "'weight' must be a number, not '%s'", n->text);
	if (!(*out > 0))
		return model_err(v, n, "'weight' must be greater than 0");
	return true;
}

