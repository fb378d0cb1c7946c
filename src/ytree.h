/* A YAML document as a small tree with positions, read strictly with libyaml:
 * one document, no anchors or aliases, no duplicate or non-scalar keys,
 * bounded depth. Used by the model and theme loaders. */
#ifndef MLMAT_YTREE_H
#define MLMAT_YTREE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define YTREE_MAX_BYTES (4u * 1024u * 1024u)
#define YTREE_MAX_DEPTH 64

enum ynode_kind { YN_SCALAR, YN_MAP, YN_SEQ };

struct ynode {
	enum ynode_kind kind;
	int line, col;          /* 1-based */
	bool plain;             /* scalar written without quotes or block style */
	char *text;             /* scalar text, NUL-terminated */
	size_t len;
	struct ynode **items;   /* seq: items; map: key, value, key, value... */
	size_t n;               /* number of entries in items */
};

/* Parses buf (not necessarily NUL-terminated). On error returns NULL and
 * writes "NAME:LINE:COL: error: ..." into err. */
struct ynode *ytree_parse(const char *buf, size_t len, const char *name,
			  char *err, size_t errsz);
/* Reads and parses a file, enforcing the 4 MiB limit. A file that cannot be
 * read gives "mlmat: NAME: reason". */
struct ynode *ytree_load_file(const char *path, char **text, size_t *text_len,
			      char *err, size_t errsz);
void ytree_free(struct ynode *n);

/* The one formatter of positioned errors in YAML files (models, themes):
 * writes "NAME:LINE:COL: error: MESSAGE" into err. */
void ytree_verror(char *err, size_t errsz, const char *name, long line, long col,
		  const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));
void ytree_error(char *err, size_t errsz, const char *name, long line, long col,
		 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Writes "NAME:LINE:COL: error: ..." at node into err; returns false. */
bool ynode_error(char *err, size_t errsz, const char *name, const struct ynode *at,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Plain scalars that YAML reads as null: empty, ~, null, Null, NULL. */
bool ynode_is_null(const struct ynode *n);
/* Value for key in a mapping, or NULL. */
struct ynode *ynode_get(const struct ynode *map, const char *key);

#endif
