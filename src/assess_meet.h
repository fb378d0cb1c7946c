/* The assessment screen with the team in other terminals (CONTRACT
 * section 5): presence (who else has this assessment open, written on
 * moves and as a heartbeat), follow (F), blind votes (V) and pacing. The
 * screen calls these hooks; the state lives in struct assess_meet. Other
 * dashboards' presence and votes arrive like every other change: the app
 * loop's poll of the database calls the screen's reload. */
#ifndef MLMAT_ASSESS_MEET_H
#define MLMAT_ASSESS_MEET_H

#include "assess.h"
#include "store_presence.h"
#include "strbuf.h"
#include "store_vote.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct assess_meet {
	/* Presence: where this dashboard last said it is. */
	size_t put_dim, put_sel;
	bool put_done, move_due, beat_due;
	int64_t put_at;                 /* monotonic seconds of the last write */
	struct presence *here;          /* the others on this assessment */
	size_t nhere;
	/* Follow. */
	char *leader;                   /* "HOST:PID", NULL when not following */
	char *leader_user;
	/* Pacing. */
	int64_t opened_at;              /* monotonic seconds */
	size_t left_at_open;            /* unknown answers then */
	char pace[120];
	/* The assessment's open vote, if any. */
	bool voting;
	struct vote_round round;
	struct vote_cast *votes;
	size_t nvotes;
	WINDOW *win;
	struct store *st;
	bool readonly;
};

void assess_meet_open(struct app *app, struct assess *as);
void assess_meet_free(struct assess *as);
/* After the data changed: the others' places, the vote, and a move when
 * following. */
void assess_meet_reload(struct app *app, struct assess *as);
/* Each frame, after the main window: notes a move or a due heartbeat (the
 * write waits for keys to pause), draws who is here and the pace on the
 * window's top line, and the vote over the window. */
void assess_meet_draw(struct app *app, struct assess *as);
/* When keys pause: the presence write a move or heartbeat asked for. */
bool assess_meet_idle(struct app *app, struct assess *as);
/* Before the key table: a movement key stops following; answer keys are
 * votes while a vote is open. True when the key was used. */
bool assess_meet_key(struct app *app, struct assess *as, int key);
/* F and V. */
void assess_meet_follow(struct app *app, struct assess *as);
void assess_vote_key(struct app *app, struct assess *as);
/* The votes on criterion crit, for `i`, appended to sb. */
void assess_vote_info(struct app *app, const struct assess *as, size_t crit, struct strbuf *sb);

/* assess_vote.c, for assess_meet.c. */
void assess_vote_reload(struct app *app, struct assess *as);
void assess_vote_draw(struct app *app, struct assess *as);
bool assess_vote_answer(struct app *app, struct assess *as, int key);
void assess_vote_free(struct assess *as);

#endif
