/* The assessment screen's parts, shared by its modules, which call each
 * other one way: the screen (screen_assess.c) uses the drawing
 * (assess_draw.c) and the changes its keys make (assess_edit.c); all use
 * the place in the assessment (assess_nav.c). */
#ifndef MLMAT_ASSESS_H
#define MLMAT_ASSESS_H

#include "app.h"
#include "layout.h"
#include "panes.h"

#include <stdbool.h>
#include <stddef.h>

struct assess {
	struct team_view v;
	size_t dim;
	size_t *order, norder;  /* the dimension's criteria, by level */
	char *why;              /* why the dimension's level is what it is */
	char **prereq;          /* by place in order: prerequisites and their answers, or NULL */
	size_t nprereq;
	size_t sel, top_line;
	int pending;            /* 't' or 'v' while waiting for a level */
	int shown;              /* narrow terminals: pane below, or -1 */
	char *find;             /* the text `/` searches for, or NULL */
	bool advance;           /* an answer moves the selection on */
	struct layout l;
	WINDOW *main, *panes[PANE_COUNT];
	struct assess_meet *meet;       /* presence, follow, votes (assess_meet.h) */
	/* By row of main: the criterion (place in order) drawn there, or -1;
	 * the drawing notes it for the mouse. */
	long *row_crit;
	int nrow_crit;
	bool clicked;           /* the last click selected a criterion */
};

/* The criteria of dimension dim in the screen's order (by level, then the
 * model's order) into out (room for the dimension's criteria); returns
 * how many. */
size_t assess_order(const struct model *m, size_t dim, size_t *out);
/* The selected criterion's index in the model, or -1 when the dimension
 * has none. */
long assess_selected(const struct assess *as);
/* Lists the dimension's criteria again (after it changed). */
void assess_build_order(struct assess *as);
/* Selects criterion sel (in screen order) of dimension dim. */
void assess_go_to(struct assess *as, size_t dim, size_t sel);
/* Moves to the next criterion, to the next dimension's first after the
 * last; false (and nothing moves) at the very last one. */
bool assess_step(struct assess *as);
/* A criterion found by a search: its dimension and place in that
 * dimension's order. */
struct assess_hit {
	size_t dim, pos;
};
/* The criteria whose id, text, comment or evidence holds folded (a
 * find_fold result), in screen order across the dimensions, into *out
 * (caller frees); returns how many. */
size_t assess_find_all(const struct assess *as, const char *folded, struct assess_hit **out);
/* Which of the n (at least 1) hits comes next from (dim, pos) in screen
 * order: dir 0 the first at or after it, 1 the first after it, -1 the
 * last before it; *wrapped says when it went round the end (or the start). */
size_t assess_hit_next(const struct assess_hit *hits, size_t n, size_t dim, size_t pos, int dir,
		       bool *wrapped);
/* `/`: searches as the text is typed and goes to the first criterion
 * found from the selection on; Esc goes back. Then dir 1 the next, -1 the
 * previous one found (round the ends, as the status line says). */
void assess_find(struct app *app, struct assess *as);
void assess_find_step(struct app *app, struct assess *as, int dir);
/* Explains the dimension's level again after a change, and what its
 * criteria require with whether each is met. */
void assess_explain(struct assess *as);
/* Frees what assess_explain prepared. */
void assess_explain_free(struct assess *as);

/* Draws the dimension, its criteria and the selected one's comment and
 * evidence into as->main. */
void assess_draw_main(struct assess *as);
/* I: the dimension's head in full (assess_info.c): why, stages, target,
 * override and its reason, notes, in a scrolling text view. */
void assess_dim_info(struct app *app, struct assess *as);
/* Labels and roles of answers, shared with the whole-text view. */
const char *assess_answer_label(enum answer a);

/* The keys that change the assessment (assess_edit.c). */
void assess_answer(struct app *app, struct assess *as, enum answer v);
void assess_na(struct app *app, struct assess *as);
void assess_comment(struct app *app, struct assess *as);
void assess_evidence(struct app *app, struct assess *as);
void assess_notes(struct app *app, struct assess *as);
/* Sets (level) or clears (NO_LEVEL) the target ('t') or override ('v'). */
void assess_level(struct app *app, struct assess *as, int which, int level);
void assess_confirm_carried(struct app *app, struct assess *as);
void assess_sign(struct app *app, struct assess *as);

#endif
