#include "config.h"
#include "xalloc.h"
#include "ytree.h"
#include "osutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *config_system_path(void)
{
	const char *p = getenv("MLMAT_SYSTEM_CONFIG");

	return xstrdup(p && *p ? p : "/etc/mlmat/config.yaml");
}

char *config_user_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/mlmat/config.yaml", xdg);
	if (home && *home)
		return xasprintf("%s/.config/mlmat/config.yaml", home);
	return NULL;
}

enum kind { K_PATH, K_BOOL, K_MINUTES };

struct key {
	const char *name;
	enum kind kind;
	size_t off;
};

static const struct key keys[] = {
	{ "db", K_PATH, offsetof(struct config, db) },
	{ "model", K_PATH, offsetof(struct config, model) },
	{ "theme", K_PATH, offsetof(struct config, theme) },
	{ "ascii", K_BOOL, offsetof(struct config, ascii) },
	{ "no-color", K_BOOL, offsetof(struct config, no_color) },
	{ "advance", K_BOOL, offsetof(struct config, advance) },
	{ "mouse", K_BOOL, offsetof(struct config, mouse) },
	{ "session-minutes", K_MINUTES, offsetof(struct config, session_minutes) },
};

#define NKEYS (sizeof keys / sizeof *keys)

/* A path relative to the file's folder; a theme NAME (no '/', no .yaml)
 * stays a name. */
static char *resolve(const struct key *k, const char *value, const char *file)
{
	const char *slash = strrchr(file, '/');
	size_t n = strlen(value);

	if (value[0] == '/' || !slash)
		return xstrdup(value);
	if (!strcmp(k->name, "theme") && !strchr(value, '/') &&
	    !(n > 5 && !strcmp(value + n - 5, ".yaml")))
		return xstrdup(value);
	return xasprintf("%.*s/%s", (int)(slash - file), file, value);
}

/* Checks one value and stores it in c. */
static bool take(const struct key *k, const struct ynode *v, const char *name, struct config *c,
		 char *err, size_t errsz)
{
	void *slot = (char *)c + k->off;

	if (v->kind != YN_SCALAR)
		return ynode_error(err, errsz, name, v, "'%s' must be a single value", k->name);
	switch (k->kind) {
	case K_PATH:
		if (ynode_is_null(v) || !*v->text || strlen(v->text) != v->len)
			return ynode_error(err, errsz, name, v, "'%s' needs a path or name", k->name);
		free(*(char **)slot);
		*(char **)slot = resolve(k, v->text, name);
		return true;
	case K_BOOL:
		if (!v->plain || (strcmp(v->text, "true") && strcmp(v->text, "false")))
			return ynode_error(err, errsz, name, v, "'%s' must be true or false, not '%s'",
					   k->name, v->text);
		*(int *)slot = !strcmp(v->text, "true");
		return true;
	case K_MINUTES: {
		char *end = NULL;
		long n = -1;

		errno = 0;
		if (v->plain && v->text[0] >= '0' && v->text[0] <= '9')
			n = strtol(v->text, &end, 10);
		if (n < 1 || n > 1440 || errno || *end)
			return ynode_error(err, errsz, name, v,
					   "'%s' must be a whole number of minutes from 1 to 1440, not '%s'",
					   k->name, v->text);
		*(long *)slot = n;
		return true;
	}
	}
	return false;
}

/* A file of blank lines and comments only sets nothing (YAML has no
 * document in it at all). */
static bool blank(const char *buf, size_t len)
{
	bool comment = false;

	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			comment = false;
		else if (buf[i] == '#')
			comment = true;
		else if (!comment && buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r')
			return false;
	}
	return true;
}

bool config_parse(struct config *c, const char *buf, size_t len, const char *name,
		  char *err, size_t errsz)
{
	struct ynode *root;
	/* Read into a copy, so that a bad file changes nothing. */
	struct config next = *c;
	bool ok;

	next.db = next.model = next.theme = NULL;
	if (blank(buf, len))
		return true;
	root = ytree_parse(buf, len, name, err, errsz);
	ok = root != NULL;
	if (ok && !(root->kind == YN_MAP || (root->kind == YN_SCALAR && ynode_is_null(root))))
		ok = ynode_error(err, errsz, name, root, "a configuration is a mapping of keys "
				 "(db, model, theme, ascii, no-color, advance, mouse, session-minutes)");
	for (size_t i = 0; ok && root->kind == YN_MAP && i < root->n; i += 2) {
		const struct ynode *k = root->items[i], *v = root->items[i + 1];
		const struct key *def = NULL;

		for (size_t j = 0; j < NKEYS; j++)
			if (!strcmp(k->text, keys[j].name))
				def = &keys[j];
		ok = def ? take(def, v, name, &next, err, errsz)
			 : ynode_error(err, errsz, name, k, "unknown key '%s' (known: db, model, theme, "
				       "ascii, no-color, advance, mouse, session-minutes)", k->text);
	}
	ytree_free(root);
	if (!ok) {
		config_free(&next);
		return false;
	}
	/* Key by key: what this file does not name stays as it was. */
	if (!next.db)
		next.db = c->db;
	else
		free(c->db);
	if (!next.model)
		next.model = c->model;
	else
		free(c->model);
	if (!next.theme)
		next.theme = c->theme;
	else
		free(c->theme);
	*c = next;
	return true;
}

bool config_load_file(struct config *c, const char *path, char *err, size_t errsz)
{
	struct stat sb;
	const char *why;
	bool too_big, ok;
	size_t len = 0;
	char *text;

	if (stat(path, &sb) != 0 && errno == ENOENT)
		return true;
	text = file_read_regular(path, YTREE_MAX_BYTES, &len, &too_big, &why);
	if (!text) {
		if (too_big)
			ytree_error(err, errsz, path, 1, 1, "file is larger than 4 MiB");
		else
			snprintf(err, errsz, "mlmat: %s: %s", path, why);
		return false;
	}
	ok = config_parse(c, text, len, path, err, errsz);
	free(text);
	return ok;
}

bool config_load(struct config *c, char *err, size_t errsz)
{
	char *sys = config_system_path(), *user = config_user_path();
	bool ok = config_load_file(c, sys, err, errsz) &&
		  (!user || config_load_file(c, user, err, errsz));

	free(sys);
	free(user);
	return ok;
}

void config_free(struct config *c)
{
	free(c->db);
	free(c->model);
	free(c->theme);
	c->db = c->model = c->theme = NULL;
}
