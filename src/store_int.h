/* Private to the store modules: the connection, its prepared statements
 * (prepared once, reused) and the cache of parsed models. */
#ifndef MLMAT_STORE_INT_H
#define MLMAT_STORE_INT_H

#include "store.h"

enum sid {
	S_BEGIN, S_COMMIT, S_ROLLBACK, S_AUDIT, S_MODEL_BY_SHA, S_MODEL_INSERT,
	S_MODEL_DIM_INSERT, S_MODEL_CRIT_INSERT, S_MODEL_YAML,
	S_TEAM_FIND, S_TEAM_INSERT, S_ASSESS_FIND, S_ASSESS_INSERT, S_ASSESS_PREV,
	S_ASSESS_GET, S_ASSESS_LATEST, S_ASSESS_TOUCH, S_ANSWERS_GET, S_ANSWER_SET,
	S_ANSWER_DEL, S_ANSWERS_COPY, S_DIMS_GET, S_DIM_UPSERT, S_DIM_SCORE,
	S_RM_GET, S_RM_INSERT, S_RM_SET_STATUS, S_RM_SET_OWNER, S_RM_SET_DUE,
	S_RM_LIST, S_TEAM_LIST, S_TEAM_HISTORY, S_TEAM_CELLS, S_COUNT_ASSESS,
	S_DATA_VERSION, S_TEAM_ASSESSMENTS, S_ORG_CELLS, S_PERIODS, S_TEAM_NAME,
	S_NSTMT
};

struct cached_model {
	int64_t ref;
	struct model *m;
};

struct store {
	sqlite3 *db;
	char *path;
	bool readonly;
	int tx_depth;
	char err[1024];
	sqlite3_stmt *stmts[S_NSTMT];
	struct cached_model *models;
	size_t nmodels;
};

/* The statement, reset and with its bindings cleared. */
sqlite3_stmt *store_stmt(struct store *st, enum sid id);
/* Records "mlmat: PATH: what: sqlite message" as the last error. */
bool store_fail_db(struct store *st, const char *what);
bool store_fail(struct store *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Runs a statement that returns no rows. */
bool store_step_done(struct store *st, sqlite3_stmt *s, const char *what);
void store_bind_text_or_null(sqlite3_stmt *s, int i, const char *text);
void store_bind_period(sqlite3_stmt *s, int i, int period);
int store_column_period(sqlite3_stmt *s, int i);
char *store_column_dup(sqlite3_stmt *s, int i);

/* Shared by the assessment and edit modules. */
void store_rescore(struct assessment *a);
bool store_load_state(struct store *st, struct assessment *a);
bool store_write_dim(struct store *st, const struct assessment *a, size_t d, const char *now);
bool store_touch(struct store *st, struct assessment *a, const char *now);
bool store_rm_get(struct store *st, int64_t team_id, const char *crit, struct rm_item *it);
bool store_rm_put_status(struct store *st, int64_t team_id, const char *crit,
			 const struct rm_item *it);
bool store_rm_sync_dim(struct store *st, const struct assessment *a, size_t d);
bool store_is_latest(struct store *st, const struct assessment *a);

#endif
