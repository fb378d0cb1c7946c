/* The configuration files of CONTRACT section 1: the system's
 * /etc/mlmat/config.yaml, then the user's
 * ${XDG_CONFIG_HOME:-$HOME/.config}/mlmat/config.yaml, the later one winning
 * key by key. Strict like models: an unknown key or a value of the wrong
 * type is "FILE:LINE:COL: error: ..."; a missing file is no error. Flags
 * and environment variables come before both (src/cli.c). */
#ifndef MLMAT_CONFIG_H
#define MLMAT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_UNSET (-1)

struct config {
	char *db, *model, *theme;       /* NULL when unset */
	int ascii, no_color, advance, mouse;    /* CONFIG_UNSET, 0 or 1 */
	long session_minutes;           /* CONFIG_UNSET or 1..1440 */
};

#define CONFIG_INIT { NULL, NULL, NULL, CONFIG_UNSET, CONFIG_UNSET, CONFIG_UNSET, \
		      CONFIG_UNSET, CONFIG_UNSET }

/* The system file: $MLMAT_SYSTEM_CONFIG when set (for packagers and tests),
 * else /etc/mlmat/config.yaml. The user file: under $XDG_CONFIG_HOME when it
 * is an absolute path, else ~/.config. NULL when there is no home. Both to
 * be freed. */
char *config_system_path(void);
char *config_user_path(void);

/* Reads buf (the text of the file name) over c: each key given replaces
 * c's. A relative `db`, `model` or `theme` path is taken relative to the
 * file's folder. On error c is unchanged and err holds the message. */
bool config_parse(struct config *c, const char *buf, size_t len, const char *name,
		  char *err, size_t errsz);
/* config_parse of a file; a file that does not exist is no error. */
bool config_load_file(struct config *c, const char *path, char *err, size_t errsz);
/* The system file, then the user file. */
bool config_load(struct config *c, char *err, size_t errsz);
void config_free(struct config *c);

#endif
