/* `mlmat backup` and `mlmat restore` (CONTRACT section 6): a copy of the
 * database written beside its target and renamed over it once whole and
 * synced, and a restore that checks its file, keeps a copy of the
 * database before, copies the file's content in and audits it. The
 * copies themselves are the store's (src/store_backup.c). */
#ifndef MLMAT_BACKUP_H
#define MLMAT_BACKUP_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>

/* Writes a copy of st's database to path: a temporary file in path's
 * folder, synced, then linked (refusing an existing path) or, with force,
 * renamed over it. On failure err holds "mlmat: PATH: reason" and no file
 * is left behind. */
bool backup_to_file(struct store *st, const char *path, bool force, char *err, size_t errsz);

struct backup_restored {
	char *before;           /* the copy of the database before; NULL when it held nothing */
	int version;            /* the schema version of the file restored */
};
/* Replaces the content of the database at db (created when missing) with
 * file's. Refused when file is not an mlmat database this mlmat can read,
 * and, unless force, when the database holds changes file does not (its
 * last audit row is not in file's log; they would survive only in the
 * copy before). The database is
 * reopened after the copy (which migrates an older schema) and the
 * restore audited in it. The caller frees r->before, also on failure. */
bool backup_restore(const char *db, const char *file, bool force, struct backup_restored *r,
		    char *err, size_t errsz);

#endif
