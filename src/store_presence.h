/* Who has which assessment open (CONTRACT section 5, "Facilitation with
 * several terminals"): each writable dashboard keeps one row with its
 * host, process id, OS user, the assessment, dimension and criterion it
 * shows and a heartbeat, and removes it when it leaves the assessment.
 * A row counts as gone once its process is dead on this host or its
 * heartbeat is older than presence_timeout() seconds: a killed dashboard
 * cannot linger. */
#ifndef MLMAT_STORE_PRESENCE_H
#define MLMAT_STORE_PRESENCE_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define PRESENCE_TIMEOUT 30     /* seconds; MLMAT_PRESENCE_TIMEOUT overrides */

struct presence {
	char *host, *os_user;
	long pid;
	int64_t assessment_id;
	char *team;
	int period;
	char *dimension_id, *criterion_id;      /* NULL when none */
	int64_t moved_ms;       /* Unix time of its last move, milliseconds */
	int64_t seen;           /* Unix time of its last heartbeat, seconds */
	bool self;              /* this process */
};

/* Seconds after which a row without a heartbeat is gone: 30, or
 * MLMAT_PRESENCE_TIMEOUT (1..3600) for tests. */
int presence_timeout(void);
/* Seconds between heartbeats of an open assessment: a third of the timeout. */
int presence_heartbeat(void);
/* This process's name among voters and followers: "HOST:PID". */
const char *presence_self(void);
/* Whether the row's dashboard is still there at now. */
bool presence_alive(const struct presence *p, time_t now);

/* Writes this dashboard's row (moved tells a move from a heartbeat) and
 * drops the rows of dead processes on this host. */
bool store_presence_put(struct store *st, int64_t assessment_id, const char *dimension_id,
			const char *criterion_id, bool moved);
/* Removes this dashboard's row. */
bool store_presence_leave(struct store *st);
/* The rows that are alive, the latest move first (this process's too,
 * marked self); assessment 0 for all. */
bool store_presence_list(struct store *st, int64_t assessment_id, struct presence **out,
			 size_t *n);
void store_presence_free(struct presence *p, size_t n);
/* Frees one row's strings. */
void store_presence_clear(struct presence *p);
/* The OS user who last changed an answer of the assessment (the
 * facilitator to follow), by the lookup convention of store.h. */
int store_presence_last_editor(struct store *st, int64_t assessment_id, char **user);

#endif
