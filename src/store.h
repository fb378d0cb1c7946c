/* Every assessment and its history in one SQLite file: schema and
 * migrations, teams, assessments with carry-forward, answers, per-dimension
 * targets, overrides and notes, the roadmap and the append-only audit log.
 * Each change is one short BEGIN IMMEDIATE transaction, committed at once.
 * All SQL lives in the store (src/store*.c); nothing else sees SQLite.
 *
 * How store functions answer, so that a database error is never taken for
 * "not there":
 * - A change, or a read that fills a list: bool, false on failure. A change
 *   that creates something returns its id instead, 0 on failure (ids start
 *   at 1).
 * - A lookup of one thing: int, 1 found (the value through the out
 *   parameter), 0 absent (the out parameter cleared; store_error names what
 *   is missing, for callers to whom absence is a failure too), -1 a
 *   database error.
 * - A count or a version: the number, or -1 on a database error.
 * On every failure store_error holds "mlmat: PATH: ..." for the user. */
#ifndef MLMAT_STORE_H
#define MLMAT_STORE_H

#include "model.h"
#include "roadmap.h"
#include "score.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_SCHEMA_VERSION 6
#define STORE_APP_ID 0x6d6c6d74  /* "mlmt" */

enum {
	STORE_CREATE = 1 << 0,     /* create the file (0600) and its folder (0700) */
	STORE_READONLY = 1 << 1,   /* open read-only at the SQLite level */
	STORE_MUST_WRITE = 1 << 2, /* fail rather than fall back to read-only */
	STORE_SMALL_CACHE = 1 << 3, /* a long-lived reader: 512 KiB of page cache */
};

struct store;

/* Opens or creates the database. On failure returns NULL with
 * "mlmat: PATH: reason" in err. A database the user cannot write opens
 * read-only unless STORE_MUST_WRITE (store_readonly tells). */
struct store *store_open(const char *path, unsigned flags, char *err, size_t errsz);
void store_close(struct store *st);
bool store_readonly(const struct store *st);
const char *store_path(const struct store *st);
/* The last error, "mlmat: PATH: ..." (valid until the next call). */
const char *store_error(const struct store *st);
/* Records "mlmat: PATH: " and the message as the last error, so that a
 * module working on the store's data (an export that cannot write) reports
 * like the store; returns false. */
bool store_fail(struct store *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Changes when any connection commits a change; cheap to poll; -1 on error. */
int64_t store_data_version(struct store *st);
/* Whether the database file or its -wal is still the one opened: false
 * (and the store is lost for good, every later store_begin failing with
 * STORE_LOST_MSG) once either was deleted or replaced under us. */
bool store_check_files(struct store *st);
bool store_lost(const struct store *st);
/* Fits a status line of 80 columns. */
#define STORE_LOST_MSG "Database file replaced or deleted: changes are no longer saved. Restart mlmat."
/* fn(ctx) is called once a change has waited STORE_WAIT_SAY_MS (0.3 s)
 * for another process's write to finish (it waits up to 10 s), so a
 * user can be told; NULL for none. */
void store_on_wait(struct store *st, void (*fn)(void *ctx), void *ctx);
/* Outside a transaction: a -wal over 16 MiB is checkpointed and cut back
 * (for writers of many batches; false only on an error). */
bool store_wal_trim(struct store *st);
/* A descriptor that becomes readable when another process may have
 * written the database (inotify on its folder), to poll beside the
 * terminal; -1 where there is none (then look every so often). Opened on
 * the first call, closed by store_close. */
int store_notify_fd(struct store *st);
/* Reads what made it readable; true when it was the database or its
 * -wal (then look: store_data_version). */
bool store_notify_drain(struct store *st);
/* The descriptor failed: closes it for good (store_notify_fd gives -1). */
void store_notify_stop(struct store *st);
/* Number of assessments held, -1 on error. */
int64_t store_assessment_count(struct store *st);

/* The model is recorded once (by sha256) with its YAML text; returns its
 * row id, or 0 on error. */
int64_t store_model_ref(struct store *st, const struct model *m);
/* When m is recorded already, assessments taken with it are read with m
 * itself, never a second parse of the stored YAML (m must outlive the
 * store; store_model_ref does the same). 1 recorded, 0 not, -1 error. */
int store_model_adopt(struct store *st, const struct model *m);
/* The model an assessment was taken with, parsed from the stored text and
 * cached; owned by the store. A stored model that does not parse is an
 * error (-1), not an absent one. */
int store_model_get(struct store *st, int64_t ref, const struct model **out);

struct dim_state {
	int target;             /* NO_LEVEL when unset */
	int override_level;     /* NO_LEVEL when unset */
	char *override_reason;  /* NULL when unset */
	char *notes;            /* NULL when empty */
	char updated_at[21];
};

/* Where an answer comes from: copied by carry-forward and not answered
 * since, or given in this assessment. Unknown has no origin. */
enum origin { ORIGIN_NONE = 0, ORIGIN_CARRIED, ORIGIN_ANSWERED };
const char *origin_name(enum origin o);   /* "", "carried", "answered" */

#define COMMENT_MAX 500         /* characters */
#define EVIDENCE_MAX 1000

/* The rule for a comment, evidence or reason (what names it): one line of
 * at most max characters of valid UTF-8, nothing unsafe to show (control
 * characters, direction overrides). False with why set when broken. */
bool store_crit_text_valid(const char *what, const char *text, size_t max, char *why,
			   size_t whysz);

/* What an assessment keeps per criterion besides the answer. */
struct crit_state {
	char *comment, *evidence;       /* NULL when none */
	enum origin origin;
};

struct assessment {
	int64_t id, team_id, model_ref;
	char *team, *facilitator;
	int period;
	char created_at[21], updated_at[21];
	char *signed_by;                /* NULL while open */
	char signed_at[21];             /* ISO 8601 UTC when signed off */
	const struct model *model;      /* owned by the store */
	enum answer *answers;           /* by model criterion */
	struct crit_state *crits;       /* by model criterion */
	struct dim_state *dims;         /* by model dimension */
	struct dim_score *scores;       /* derived */
	struct overall_score overall;   /* derived */
};

#define TEAM_NAME_MAX 80         /* characters, not bytes */
#define TEAM_NAME_BYTES (TEAM_NAME_MAX * 4 + 1)

/* The rule for team names: trims spaces, then checks 1..80 characters of
 * valid UTF-8 with no control characters. Writes the trimmed name to out;
 * on failure *why says what is wrong. */
bool store_team_name_clean(const char *in, char out[TEAM_NAME_BYTES], const char **why);

/* Opens the team's assessment for period, or creates it (and the team): a
 * new one starts from a copy of the team's latest earlier assessment. A
 * team name that breaks the rule is refused. Returns the id, 0 on error.
 * *created tells which. */
int64_t store_assessment_begin(struct store *st, const char *team, int period,
			       const char *facilitator, const struct model *m, bool *created);
/* The assessment with its model, answers, dimension state and scores; the
 * caller frees it with assessment_free. */
int store_assessment_load(struct store *st, int64_t id, struct assessment **out);
/* The team's assessment for period. */
int store_assessment_find(struct store *st, int64_t team_id, int period, int64_t *id);
/* Re-reads answers and dimension state from the database (another process
 * may have changed them). */
bool store_assessment_reload(struct store *st, struct assessment *a);
void assessment_free(struct assessment *a);

/* How many answers are still carried, in dimension dim or (dim < 0) in the
 * whole assessment. */
size_t assessment_carried(const struct assessment *a, long dim);
/* The period the assessment's answers were copied from, or NO_PERIOD when
 * it did not start from another one. */
int store_assessment_source(struct store *st, const struct assessment *a, int *period);

/* Changes, each committed at once and audited; the assessment in memory is
 * brought up to date with what the database holds. Every change to a
 * signed-off assessment is refused: store_error then says who signed it
 * off and when. */
/* Sets the answer, and its origin to answered (the same answer as a
 * carried one confirms it). n/a is refused without a comment. */
bool store_set_answer(struct store *st, struct assessment *a, size_t crit, enum answer v);
/* Puts back an answer with the origin it had (the dashboard's undo). */
bool store_restore_answer(struct store *st, struct assessment *a, size_t crit, enum answer v,
			  enum origin o);
/* Confirms every carried answer of dimension dim (they become answered);
 * returns how many, -1 on failure. */
int store_confirm_carried(struct store *st, struct assessment *a, size_t dim);
bool store_set_target(struct store *st, struct assessment *a, size_t dim, int target);
bool store_set_override(struct store *st, struct assessment *a, size_t dim, int level,
			const char *reason);
bool store_set_notes(struct store *st, struct assessment *a, size_t dim, const char *notes);

/* A text edit saved against the value its editor opened with (expected;
 * NULL and "" both mean none), checked and written in one transaction so
 * that no other writer comes between: STORE_CONFLICT when the database
 * holds another value by now, and then nothing is written and *theirs
 * (when not NULL) is that value (to be freed, NULL for none). A value
 * already equal to the new one is no conflict. */
enum store_save { STORE_FAILED = -1, STORE_CONFLICT = 0, STORE_SAVED = 1 };
enum store_save store_set_notes_if(struct store *st, struct assessment *a, size_t dim,
				   const char *expected, const char *notes, char **theirs);
/* The override reason is the text compared; the level is set with it. */
enum store_save store_set_override_if(struct store *st, struct assessment *a, size_t dim,
				      int level, const char *expected, const char *reason,
				      char **theirs);

/* A criterion's comment or evidence (NULL or "" for none; one line, at
 * most COMMENT_MAX or EVIDENCE_MAX characters, no control characters),
 * compare-and-set like the notes. The comment of an n/a answer cannot be
 * cleared. */
enum crit_text { CRIT_COMMENT, CRIT_EVIDENCE };
enum store_save store_set_crit_text_if(struct store *st, struct assessment *a, size_t crit,
				       enum crit_text which, const char *expected,
				       const char *text, char **theirs);
bool store_set_crit_text(struct store *st, struct assessment *a, size_t crit,
			 enum crit_text which, const char *text);

/* Sign-off: records the OS user and the time; every later change is
 * refused until store_reopen, which needs a reason. Both are audited. */
bool store_sign_off(struct store *st, struct assessment *a);
bool store_reopen(struct store *st, struct assessment *a, const char *reason);

/* Teams with their latest assessment. */
#define STORE_TREND 8
struct team_summary {
	int64_t id;
	char *name;
	int64_t latest_id;          /* 0 when the team has no assessment */
	int latest_period;
	double overall, coverage;
	bool signed_off;            /* the latest assessment is signed off */
	bool archived;              /* hidden from home and the organisation view */
	/* The overall scores of the latest assessment and up to seven
	 * before it, oldest first (ntrend 0 without an assessment). */
	double trend[STORE_TREND];
	int ntrend;
	bool loaded;                /* false: only id, name and archived read */
	bool unreadable;            /* loaded, but a stored value was bad (team_list) */
};
bool store_team_list(struct store *st, struct team_summary **out, size_t *n);
/* The same with only each team's id, name and archived flag (loaded
 * false), for a list that reads the rest as teams come into view. The
 * names are in *names (arena.h): free the rows with free() and the names
 * with arena_free(), not store_team_list_free(). */
struct arena;
bool store_team_names(struct store *st, struct team_summary **out, size_t *n,
		      struct arena **names);
/* One team as store_team_list lists it; 0 when no team has the id, -1 on
 * an error. */
int store_team_one(struct store *st, int64_t id, struct team_summary *out);
void store_team_list_free(struct team_summary *t, size_t n);
/* Managing teams (CONTRACT section 6), each one audited transaction. A
 * name that no team has fails with "no team named 'X'". */
/* Every team: its name, number of assessments, latest period (NO_PERIOD
 * for none) and whether it is archived, by name. */
typedef void (*store_team_fn)(void *ctx, const char *name, int64_t assessments,
			      int latest_period, bool archived);
bool store_teams_each(struct store *st, store_team_fn fn, void *ctx);
/* Keeps all history under the new name, which no team may have. */
bool store_team_rename(struct store *st, const char *old_name, const char *new_name);
/* Moves from's assessments and roadmap into into, and removes from;
 * refused, changing nothing, when both have an assessment for one period.
 * A roadmap item of from for a criterion into has an item for stays
 * into's. */
bool store_team_merge(struct store *st, const char *from, const char *into);
bool store_team_archive(struct store *st, const char *name, bool archived);
/* Removes a team with no assessments; with force, its assessments too. */
bool store_team_delete(struct store *st, const char *name, bool force);

/* The team of that exact name. */
int store_team_find(struct store *st, const char *name, int64_t *id);
/* The team's name, to be freed. */
int store_team_name(struct store *st, int64_t team_id, char **name);
/* The team's latest assessment (the one with the latest period); id and
 * period may each be NULL. */
int store_team_latest(struct store *st, int64_t team_id, int64_t *id, int *period);


/* A team's per-dimension scores for periods (for heatmaps): returns rows
 * (period, dimension id, level, score, gap, target) through a callback. */
typedef void (*store_cell_fn)(void *ctx, int period, const char *dim_id, int level,
			      double score, double gap, int target);
bool store_team_cells(struct store *st, int64_t team_id, int from_period, int to_period,
		      store_cell_fn fn, void *ctx);

/* Every assessment of a team, oldest first. */
struct period_row {
	int64_t id;
	int period;
	double overall, coverage;
	bool signed_off;
};
bool store_team_assessments(struct store *st, int64_t team_id, struct period_row **out,
			    size_t *n);

/* The organisation at a period: for each team, its assessment of that
 * period or else its latest earlier one, one callback per dimension, with
 * the overall score of the team's assessment before the one shown. */
struct org_cell {
	int64_t team_id, assessment_id;
	const char *team, *dim_id;
	int period;             /* of the assessment shown, may be earlier */
	double overall, score, gap;
	int level, target;
	double coverage;        /* of the assessment shown, 0..1 */
	bool has_prev;          /* the team has an assessment before it */
	double prev_overall;    /* that assessment's overall score */
};
typedef void (*store_org_fn)(void *ctx, const struct org_cell *c);
bool store_org_cells(struct store *st, int period, store_org_fn fn, void *ctx);
/* The same for one team, from the aggregates the store keeps (below). */
bool store_org_team_cells(struct store *st, int period, int64_t team_id, store_org_fn fn,
			  void *ctx);

/* The organisation at a period from aggregates the store keeps on every
 * write (src/store_org.c): what store_org_cells gives, summed, in
 * hundredths, without reading every team. */
struct org_summary {
	size_t nteams;          /* teams in the view */
	size_t nchange;         /* of them, with an assessment before the one shown */
	size_t nolder;          /* of them, showing an assessment of an earlier period */
	long long overall, coverage, change;    /* sums, in hundredths */
};
bool store_org_summary(struct store *st, int period, struct org_summary *out);
/* Per dimension id: how many teams are scored there and the sum of their
 * scores in hundredths. */
typedef void (*store_org_sum_fn)(void *ctx, const char *dim_id, long long n, long long sum);
bool store_org_dim_sums(struct store *st, int period, store_org_sum_fn fn, void *ctx);
/* The overall score (hundredths) at position pos of the teams by overall
 * score, highest first; *found false past the last. */
bool store_org_overall_at(struct store *st, int period, size_t pos, bool *found, long long *ov);
/* How many teams score higher than ov (hundredths) overall. */
bool store_org_count_above(struct store *st, int period, long long ov, size_t *n);
/* The teams whose overall score (hundredths) lies in lo..hi, unordered. */
struct org_key {
	int64_t team_id;
	char *name;
	long long overall;      /* hundredths */
	bool older;             /* shows an assessment of an earlier period */
};
bool store_org_keys(struct store *st, int period, long long lo, long long hi, struct org_key **out,
		    size_t *n);
void store_org_keys_free(struct org_key *k, size_t n);
/* The team's overall score (hundredths) in the view; *found false when the
 * team is not in it. */
bool store_org_team_overall(struct store *st, int period, int64_t team_id, bool *found,
			    long long *ov);
/* The distinct periods that have assessments, oldest first. */
bool store_periods(struct store *st, int **out, size_t *n);

/* The team's roadmap in model order; open_only leaves out done and dropped. */
bool store_roadmap_list(struct store *st, int64_t team_id, bool open_only,
			struct roadmap_row **out, size_t *n);
void store_roadmap_free(struct roadmap_row *r, size_t n);
bool store_roadmap_set_status(struct store *st, int64_t team_id, const char *criterion_id,
			      enum rm_status s);
bool store_roadmap_set_owner(struct store *st, int64_t team_id, const char *criterion_id,
			     const char *owner);
enum store_save store_roadmap_set_owner_if(struct store *st, int64_t team_id,
					   const char *criterion_id, const char *expected,
					   const char *owner, char **theirs);
bool store_roadmap_set_due(struct store *st, int64_t team_id, const char *criterion_id,
			   int due_period);

/* Appends to the audit log inside the current transaction, as the next
 * link of its hash chain (src/audit_chain.h). */
bool store_audit(struct store *st, int64_t assessment_id, const char *action,
		 const char *detail);
/* The last audit row's hash: it changes with every recorded change, and
 * only with one (presence, store_presence.c, is not audited), so a reader
 * that sees the database changed tells "who is where" from the content.
 * False with store_error. */
bool store_audit_mark(struct store *st, char out[65]);
/* The teams that audited changes after audit row `after` touched, so that
 * a view reloads only what they changed. all: one of them changed the
 * organisation (a team renamed, archived, merged or deleted, a model, a
 * restore, demo data), or there were too many to list. last: the newest
 * row read (after itself when none). False with store_error. */
#define STORE_CHANGES_MAX 64
struct store_changes {
	bool all;
	int64_t teams[STORE_CHANGES_MAX];
	size_t nteams;
	int64_t last;
};
bool store_changes_since(struct store *st, int64_t after, struct store_changes *out);
/* Whether c touched team (every team when c->all). */
bool store_changes_team(const struct store_changes *c, int64_t team);
/* The newest audit row's id (0 for none), -1 with store_error. */
int64_t store_audit_last(struct store *st);
/* Recomputes the audit log's hash chain in id order: 1 intact, 0 broken
 * (store_error names the first row, counted from 1, whose hash does not
 * match), -1 a database error. *rows is the number of rows read, last the
 * last good hash (64 zeros for an empty log). */
int store_audit_verify(struct store *st, int64_t *rows, char last[65]);

/* Short transactions; store_begin waits for the busy timeout. */
bool store_begin(struct store *st);
bool store_commit(struct store *st);
void store_rollback(struct store *st);

/* A read of several queries that must see one state of the database (a
 * report): between the two, another process's commits are not seen, and no
 * change may be made through st. store_read_end ends it either way. */
bool store_read_begin(struct store *st);
bool store_read_end(struct store *st);

#endif
