/* Private to the store modules (src/store*.c) and the store's white-box
 * unit tests: the connection, its prepared statements (prepared once,
 * reused) and the cache of parsed models. */
#ifndef MLMAT_STORE_INT_H
#define MLMAT_STORE_INT_H

#include "store.h"

#include <sqlite3.h>

/* How long a change waits for another writer before it gives up. */
#define STORE_BUSY_TIMEOUT_MS 10000
#define STORE_WAIT_SAY_MS 300
#define STORE_WAL_TRIM (16 << 20)

enum sid {
	S_BEGIN, S_BEGIN_READ, S_COMMIT, S_ROLLBACK, S_AUDIT, S_AUDIT_LAST, S_MODEL_BY_SHA, S_MODEL_INSERT,
	S_MODEL_DIM_INSERT, S_MODEL_CRIT_INSERT, S_MODEL_SHA, S_MODEL_YAML,
	S_TEAM_FIND, S_TEAM_INSERT, S_ASSESS_FIND, S_ASSESS_INSERT, S_ASSESS_PREV,
	S_ASSESS_GET, S_ASSESS_LATEST, S_ASSESS_TOUCH, S_ANSWERS_GET, S_ANSWER_SET,
	S_ANSWER_DEL, S_CRIT_COMMENT, S_CRIT_EVIDENCE, S_ASSESS_SIGN, S_ASSESS_STATE,
	S_ASSESS_PREV_PERIOD,
	S_ANSWERS_COPY, S_DIMS_GET, S_DIM_UPSERT, S_DIM_SCORE,
	S_RM_GET, S_RM_INSERT, S_RM_PUT, S_RM_SET_STATUS, S_RM_SET_OWNER, S_RM_SET_DUE,
	S_RM_LIST, S_TEAM_LIST, S_TEAM_ONE, S_TEAM_NAMES, S_AUDIT_LAST_ID, S_AUDIT_SINCE, S_TEAM_CELLS, S_COUNT_ASSESS,
	S_DATA_VERSION, S_TEAM_ASSESSMENTS, S_ORG_CELLS, S_PERIODS, S_TEAM_NAME,
	S_TEAM_DELETE_ASSESS, S_TEAM_DELETE_RM, S_TEAM_DELETE, S_BULK_CRITERION, S_BULK_CRITERIA,
	S_ORG_TEAM, S_ORG_SUMMARY, S_ORG_DIM_SUMS, S_ORG_OV_AT, S_ORG_ABOVE, S_ORG_TIES, S_ORG_TEAM_OV,
	S_ORG_ASSESS_TEAM,
	S_ORG_DIM_N, S_ORG_DIM_AT, S_ORG_DIM_ABOVE, S_ORG_DIM_TIES, S_ORG_DIM_TEAM, S_ORG_UNSCORED,
	S_ORG_TEAM_KEY,
	S_NSTMT
};

/* owned: the same model when it was parsed from the stored YAML and is
 * freed with the store; NULL for the caller's model (store_model_ref,
 * store_model_adopt), which outlives the store. */
struct cached_model {
	int64_t ref;
	const struct model *m;
	struct model *owned;
	uint64_t checked;               /* st->gen when its row last matched */
};

/* What identifies the files under the connection (src/store_watch.c). */
struct store_watch {
	bool on, wal_known, lost;
	bool header_ok;         /* mlmat's header on disk (a new file's may not be yet) */
	unsigned long long dev, ino, wal_dev, wal_ino;
	uint32_t counter;       /* the header's file change counter */
	int64_t version;        /* data_version at the last check */
	/* The file's size and change time and where the -shm says checkpoints
	 * stand (store_watch.c shm_checkpoints), at the last check: SQLite
	 * writes the file only in a checkpoint, which moves those or follows
	 * a commit. */
	long long size, mtime_s, mtime_ns;
	uint64_t checkpoints;
};

struct store {
	sqlite3 *db;
	char *path;
	bool readonly;
	int tx_depth;
	bool tx_read;           /* the outermost transaction is a read */
	char err[1024];
	sqlite3_stmt *stmts[S_NSTMT];
	struct cached_model *models;
	size_t nmodels, models_cap;
	struct store_watch watch;
	/* What another process may have changed is looked at again only in a
	 * new generation: a new read snapshot, or data_version seen to move. */
	uint64_t gen;
	int64_t seen_version;
	int notify_fd;                  /* store_notify.c: -1 for none */
	int notify_wal;                 /* its watch on the -wal, -1 for none */
	bool notify_failed;
	/* Run by store_begin before each change; set by store_watch_start
	 * (the statements and transactions sit below the watch). */
	bool (*before_write)(struct store *st);
	/* Run by store_commit after each commit; set with before_write. */
	void (*after_commit)(struct store *st);
	/* Waiting for another writer's lock (store.c busy_wait). */
	int64_t wait_since;
	bool wait_said;
	void (*on_wait)(void *ctx);
	void *wait_ctx;
	/* Bulk writes hold the organisation view's triggers off until the
	 * commit, which brings these teams' aggregates up to date (store_org.c). */
	bool org_paused;
	int64_t *org_teams;
	size_t org_nteams, org_cap;
	/* Run by store_commit before the COMMIT (false: roll back instead),
	 * and by store_rollback; set while bulk writes hold the triggers off
	 * (store_org_pause), so that the transactions know no module above. */
	bool (*before_commit)(struct store *st);
	void (*after_rollback)(struct store *st);
};

/* Records the identity of the database file and its -wal, once the
 * connection is in WAL mode and may write. */
void store_watch_start(struct store *st);

/* Inside a change: the organisation view's triggers held off (dropped, in
 * the change's transaction) for bulk writes, the team (0 for none) noted
 * to be brought up to date before the change commits (before_commit). */
bool store_org_pause(struct store *st, int64_t team_id);

/* Runs SQL text that returns no rows (a disk full said as such). */
bool store_exec(struct store *st, const char *sql, const char *what);
/* Brings the schema from version from up to STORE_SCHEMA_VERSION in one
 * transaction (src/store_upgrade.c). */
bool store_migrate(struct store *st, int from);

/* The connection, for the store's modules and its white-box tests. */
sqlite3 *store_db(struct store *st);

/* The statement, reset and with its bindings cleared. */
sqlite3_stmt *store_stmt(struct store *st, enum sid id);
/* Frees every prepared statement (before the connection closes). */
void store_stmts_free(struct store *st);
/* Records "mlmat: PATH: what: sqlite message" as the last error. */
bool store_fail_db(struct store *st, const char *what);
/* Runs a statement that returns no rows. */
bool store_step_done(struct store *st, sqlite3_stmt *s, const char *what);
/* Steps a query: 1 a row (read it, then sqlite3_reset), 0 no row and -1 an
 * error recorded as what (the statement reset for both). */
int store_step_row(struct store *st, sqlite3_stmt *s, const char *what);
/* A query whose one row holds an id in column 0: the lookup convention of
 * store.h, without the message for "absent". */
int store_lookup_id(struct store *st, sqlite3_stmt *s, const char *what, int64_t *id);
void store_bind_text_or_null(sqlite3_stmt *s, int i, const char *text);
void store_bind_period(sqlite3_stmt *s, int i, int period);
int store_column_period(sqlite3_stmt *s, int i);
char *store_column_dup(sqlite3_stmt *s, int i);
/* Appends an audit row stamped at (ISO 8601 UTC) inside the current
 * transaction: store_audit with a time other than now. */
bool store_audit_at(struct store *st, const char *at, int64_t assessment_id,
		    const char *action, const char *detail);
/* The schema upgrade to version 2: gives each row written before the chain
 * existed its hash, in id order, inside the upgrade's transaction. */
bool store_audit_chain_old(struct store *st);

/* Values read from the database are checked here, one helper per kind
 * (src/store_value.c): each returns true with the value, or false with why
 * (for store_bad_value) when the database holds something the model does
 * not allow. A level must be an integer within the model's levels (NULL is
 * NO_LEVEL when nullable); a real within lo..hi; an answer NULL (unknown)
 * or 1-3; a period a quarter "YYYY-Qn" (NULL is NO_PERIOD when nullable);
 * a text not NULL unless nullable. */
#define STORE_WHY 160
bool store_column_level(sqlite3_stmt *s, int i, const struct model *m, const char *what,
			bool nullable, int *out, char why[STORE_WHY]);
bool store_column_real(sqlite3_stmt *s, int i, double lo, double hi, const char *what,
		       double *out, char why[STORE_WHY]);
bool store_column_answer(sqlite3_stmt *s, int i, enum answer *out, char why[STORE_WHY]);
bool store_column_period_ok(sqlite3_stmt *s, int i, const char *what, bool nullable, int *out,
			    char why[STORE_WHY]);
bool store_column_text(sqlite3_stmt *s, int i, const char *what, bool nullable, const char **out,
		       char why[STORE_WHY]);
bool store_column_status(sqlite3_stmt *s, int i, enum rm_status *out, char why[STORE_WHY]);
/* A roadmap row's columns (team -1 when the query has none) and its
 * checked values; a bad one records "team 'T': roadmap item 'C': why". */
struct store_rm_columns {
	int team, criterion, dimension, status, due, created, done;
};
struct store_rm_values {
	const char *dimension;
	enum rm_status status;
	int due, created, done;
};
bool store_roadmap_row_ok(struct store *st, sqlite3_stmt *s, const struct store_rm_columns *c,
			  struct store_rm_values *v);
/* An assessment's summary columns: its period (pcol), its overall score
 * (ocol) within its model's levels (the model's ref in mcol), its coverage
 * (ccol, -1 when the query has none). A bad value is an error naming the
 * assessment (its id in idcol; team may be NULL). */
bool store_summary_ok(struct store *st, sqlite3_stmt *s, int idcol, const char *team, int pcol,
		      int ocol, int ccol, int mcol, int *period);
/* Records "mlmat: PATH: assessment ID (TEAM, PERIOD): why"; returns false. */
bool store_bad_value(struct store *st, int64_t assessment, const char *team, const char *period,
		     const char *why);

/* The model registry's cache, freed with the store. */
void store_models_free(struct store *st);

/* Shared by the assessment, edit and bulk modules. */
void store_rescore(struct assessment *a);
bool store_load_state(struct store *st, struct assessment *a);
/* Writes a dimension row: its state (target, override, reason, notes), its
 * scores and updated_at. */
bool store_put_dim(struct store *st, int64_t assessment_id, const char *dimension_id,
		   int target, int override_level, const char *override_reason, const char *notes,
		   const struct dim_score *sc, const char *updated_at);
bool store_write_dim(struct store *st, const struct assessment *a, size_t d, const char *now);
bool store_touch(struct store *st, struct assessment *a, const char *now);
/* The team's roadmap item for crit, by the lookup convention of store.h
 * (it->exists says the same); no message for "absent". */
int store_rm_get(struct store *st, int64_t team_id, const char *crit, struct rm_item *it);
bool store_rm_put_status(struct store *st, int64_t team_id, const char *crit,
			 const struct rm_item *it);
bool store_rm_sync_dim(struct store *st, const struct assessment *a, size_t d);
/* Text values compare with NULL and "" the same: both are "none". */
bool store_text_same(const char *x, const char *y);
/* A change to a begins: a transaction, a's state re-read, and a refusal
 * when a is signed off. */
bool store_edit_begin(struct store *st, struct assessment *a);
/* Saves dimension d and the assessment's totals, audits, syncs the roadmap
 * when a is the team's latest, and commits (or rolls back, re-reading a). */
bool store_edit_finish(struct store *st, struct assessment *a, size_t d,
		       const char *action, const char *detail);
/* 1 when a is its team's latest assessment, 0 when not, -1 on error. */
int store_is_latest(struct store *st, const struct assessment *a);

#endif
