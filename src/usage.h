/* What `mlmat --help`, `mlmat help COMMAND` and `mlmat COMMAND --help`
 * print: the whole usage, and each command's. */
#ifndef MLMAT_USAGE_H
#define MLMAT_USAGE_H

extern const char usage_all[];
/* The usage of a command, or NULL for a word that is no command. */
const char *usage_of(const char *command);

#endif
