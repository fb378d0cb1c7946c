/* The store's side of `mlmat backup` and `mlmat restore` (CONTRACT section
 * 6): whole-database copies through SQLite's online backup API, which
 * copies one consistent state while other connections go on writing, and
 * the checks a file must pass before its content may replace a database's.
 * Files, names and the audit are src/backup.c's. */
#ifndef MLMAT_STORE_BACKUP_H
#define MLMAT_STORE_BACKUP_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>

/* Copies st's database, in one step (one state), into the database file
 * at path, which must exist and be empty (the caller's temporary file).
 * The copy is left in DELETE journal mode: one self-contained file. */
bool store_backup_into(struct store *st, const char *path);

/* What a file to restore holds. */
struct store_copy_info {
	int version;            /* its schema version, 1..STORE_SCHEMA_VERSION */
	char last_change[21];   /* its latest audit row's time, "" for none */
};
/* Checks that path is an mlmat database this mlmat can read (mlmat's
 * application_id, a schema version not newer than this mlmat's,
 * PRAGMA integrity_check ok), opening it read-only; a file that is not
 * an SQLite database of mlmat's is not opened by SQLite at all. On
 * failure err holds "mlmat: PATH: reason". */
bool store_copy_check(const char *path, struct store_copy_info *info, char *err,
		      size_t errsz);

/* Replaces the content of st's database with path's through the backup
 * API: one write transaction, which open dashboards see as another
 * connection's commit. st must hold no transaction. The caller reopens
 * the database afterwards (its schema may be older; cached models and
 * statements belong to the content before). */
bool store_restore_from(struct store *st, const char *path);

/* The latest audit row's time and hash: 1 with them set, 0 when the log
 * is empty (nothing was ever recorded), -1 on error. */
int store_last_change(struct store *st, char at[21], char hash[65]);
/* Whether the audit log of the database file at path holds the row of
 * that hash, i.e. every change up to it: 1 yes, 0 no (or unreadable). */
int store_copy_holds(const char *path, const char *hash);

#endif
