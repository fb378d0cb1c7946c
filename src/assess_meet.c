/* Presence, follow and pacing on the assessment screen (assess_meet.h).
 * The presence row is written when keys pause after a move (one small
 * write per burst of moves, never while idle) and, while the assessment
 * stays open, as a heartbeat every presence_heartbeat() seconds (10 by
 * default), so that other dashboards can tell a live one from a killed
 * one; it is removed when the screen closes. */
#include "assess_meet.h"
#include "dialog.h"
#include "osutil.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t mono_s(void)
{
	return os_monotonic_ms() / 1000;
}

static size_t unknown_left(const struct assessment *a)
{
	size_t n = 0;

	for (size_t c = 0; c < a->model->ncrits; c++)
		n += a->answers[c] == ANS_UNKNOWN;
	return n;
}

/* "12m, 3 dims left" and, with session-minutes, whether the unknown
 * answers left are fewer (ahead) or more (behind) than an even pace from
 * the opening would leave by now, with the time left per criterion. */
static void pace_text(const struct app *app, struct assess *as)
{
	struct assess_meet *mt = as->meet;
	const struct assessment *a = as->v.a;
	int64_t el = mono_s() - mt->opened_at, total = (int64_t)app->session_minutes * 60;
	size_t dims = 0, left = unknown_left(a);
	int n;

	for (size_t d = 0; d < a->model->ndims; d++)
		dims += a->scores[d].coverage < 1.0;
	if (total > 0)
		n = snprintf(mt->pace, sizeof mt->pace, "%lld/%ldm, %zu dim%s left",
			     (long long)(el / 60), app->session_minutes, dims, dims == 1 ? "" : "s");
	else
		n = snprintf(mt->pace, sizeof mt->pace, "%lldm, %zu dim%s left", (long long)(el / 60),
			     dims, dims == 1 ? "" : "s");
	if (total <= 0 || n < 0 || (size_t)n >= sizeof mt->pace || !left)
		return;
	if (el >= total) {
		snprintf(mt->pace + n, sizeof mt->pace - (size_t)n, ", over time");
		return;
	}
	/* Ahead when left <= left_at_open * (total - el) / total. */
	snprintf(mt->pace + n, sizeof mt->pace - (size_t)n, ", %s, %llds per criterion",
		 (int64_t)left * total <= (int64_t)mt->left_at_open * (total - el) ? "ahead" : "behind",
		 (long long)((total - el) / (int64_t)left));
}

void assess_meet_open(struct app *app, struct assess *as)
{
	struct assess_meet *mt = xcalloc(1, sizeof *mt);

	as->meet = mt;
	mt->st = app->st;
	mt->readonly = app->readonly;
	mt->opened_at = mono_s();
	mt->left_at_open = unknown_left(as->v.a);
	assess_meet_reload(app, as);
	/* Arrived: said once keys pause. */
	mt->move_due = !app->readonly;
	app->idle_pending = true;
}

static void stop_following(struct assess_meet *mt)
{
	free(mt->leader);
	free(mt->leader_user);
	mt->leader = mt->leader_user = NULL;
}

void assess_meet_free(struct assess *as)
{
	struct assess_meet *mt = as->meet;

	if (!mt)
		return;
	if (mt->put_done && !mt->readonly && !store_lost(mt->st))
		store_presence_leave(mt->st);
	store_presence_free(mt->here, mt->nhere);
	stop_following(mt);
	assess_vote_free(as);
	free(mt);
	as->meet = NULL;
}

static const struct presence *find_key(const struct assess_meet *mt, const char *key)
{
	char k[300];

	for (size_t i = 0; i < mt->nhere; i++) {
		snprintf(k, sizeof k, "%s:%ld", mt->here[i].host, mt->here[i].pid);
		if (!strcmp(k, key))
			return &mt->here[i];
	}
	return NULL;
}

/* Moves to the leader's dimension and criterion. */
static void follow_move(struct app *app, struct assess *as)
{
	struct assess_meet *mt = as->meet;
	const struct presence *p = find_key(mt, mt->leader);
	const struct model *m = as->v.a->model;
	long d, c;

	if (!p) {
		app_message(app, false, "%s left: not following any more (F follows again).",
			    mt->leader_user);
		stop_following(mt);
		return;
	}
	d = p->dimension_id ? model_find_dimension(m, p->dimension_id) : -1;
	if (d < 0)
		return;
	c = p->criterion_id ? model_find_criterion(m, p->criterion_id) : -1;
	assess_go_to(as, (size_t)d, as->sel);
	for (size_t i = 0; c >= 0 && i < as->norder; i++)
		if (as->order[i] == (size_t)c)
			as->sel = i;
}

void assess_meet_reload(struct app *app, struct assess *as)
{
	struct assess_meet *mt = as->meet;
	struct presence *all;
	size_t n, k = 0;

	if (!mt)
		return;
	if (store_presence_list(app->st, as->v.a->id, &all, &n)) {
		/* The others only: this dashboard's own row is not news. */
		for (size_t i = 0; i < n; i++) {
			if (all[i].self) {
				store_presence_clear(&all[i]);
				continue;
			}
			all[k++] = all[i];
		}
		store_presence_free(mt->here, mt->nhere);
		mt->here = all;
		mt->nhere = k;
	}
	if (mt->leader)
		follow_move(app, as);
	assess_vote_reload(app, as);
	pace_text(app, as);
}

static bool is_move_key(int key)
{
	switch (key) {
	case '\t': case KEY_BTAB: case KEY_LEFT: case KEY_RIGHT: case KEY_UP: case KEY_DOWN:
	case 'h': case 'j': case 'k': case 'l': case 'J': case 'G':
	case KEY_NPAGE: case KEY_PPAGE: case KEY_HOME: case KEY_END:
		return true;
	default:
		return false;
	}
}

bool assess_meet_key(struct app *app, struct assess *as, int key)
{
	struct assess_meet *mt = as->meet;

	if (!mt)
		return false;
	if (mt->leader && is_move_key(key)) {
		app_message(app, false, "Not following %s any more: F follows again.", mt->leader_user);
		stop_following(mt);
	}
	return assess_vote_answer(app, as, key);
}

void assess_meet_follow(struct app *app, struct assess *as)
{
	struct assess_meet *mt = as->meet;
	char **names;
	const struct presence *pick = NULL;
	char *editor = NULL;
	size_t same = 0;
	long i;

	if (!mt)
		return;
	if (!mt->nhere) {
		app_message(app, false, "Nobody else has this assessment open to follow.");
		return;
	}
	/* The facilitator: the one who changed an answer last, if only one
	 * dashboard of that user is here; otherwise a choice. */
	if (mt->nhere == 1) {
		pick = &mt->here[0];
	} else if (store_presence_last_editor(app->st, as->v.a->id, &editor) > 0) {
		for (size_t k = 0; k < mt->nhere; k++)
			if (!strcmp(mt->here[k].os_user, editor)) {
				pick = &mt->here[k];
				same++;
			}
		if (same != 1)
			pick = NULL;
	}
	free(editor);
	if (!pick) {
		names = xcalloc(mt->nhere, sizeof *names);
		for (size_t k = 0; k < mt->nhere; k++) {
			const struct presence *p = &mt->here[k];

			names[k] = xasprintf("%s (pid %ld on %s) at %s", p->os_user, p->pid, p->host,
					     p->criterion_id ? p->criterion_id : "-");
		}
		i = dialog_choose(app, "Follow whom?", (const char *const *)names, mt->nhere);
		for (size_t k = 0; k < mt->nhere; k++)
			free(names[k]);
		free(names);
		if (i < 0 || (size_t)i >= mt->nhere)
			return;
		pick = &mt->here[i];
	}
	stop_following(mt);
	mt->leader = xasprintf("%s:%ld", pick->host, pick->pid);
	mt->leader_user = xstrdup(pick->os_user);
	app_message(app, false, "Following %s: any movement key stops.", mt->leader_user);
	follow_move(app, as);
}

void assess_meet_draw(struct app *app, struct assess *as)
{
	struct assess_meet *mt = as->meet;
	WINDOW *w = as->main;
	struct strbuf line;
	int width, iw;
	time_t now = time(NULL);

	if (!mt || !w)
		return;
	/* A move, or a heartbeat due: written when keys pause. */
	if (!app->readonly && (!mt->put_done || mt->put_dim != as->dim || mt->put_sel != as->sel))
		mt->move_due = true;
	else if (!app->readonly && mono_s() - mt->put_at >= presence_heartbeat())
		mt->beat_due = true;
	/* Following polls at the pause's pace (twice as often as the app's
	 * poll) so the leader's move shows well within half a second. */
	if (mt->move_due || mt->beat_due || mt->leader)
		app->idle_pending = true;
	sb_init(&line);
	if (mt->leader)
		sb_printf(&line, " following %s;", mt->leader_user);
	/* Liveness again at each frame: a killed dashboard goes at once. */
	for (size_t i = 0, k = 0; i < mt->nhere; i++)
		if (presence_alive(&mt->here[i], now))
			sb_printf(&line, "%s%s", k++ ? ", " : " with ", mt->here[i].os_user);
	if (line.len && line.s[line.len - 1] != ';')
		sb_addc(&line, ';');
	sb_printf(&line, " %s ", mt->pace);
	iw = getmaxx(w) - 4;
	width = ui_width(line.s);
	/* Right-aligned on the top line, after the dimension's name. */
	ui_text(w, 0, width < iw / 2 ? getmaxx(w) - 2 - width : getmaxx(w) - 2 - iw / 2, line.s,
		iw / 2, ui_attr(ROLE_MUTED));
	sb_free(&line);
	wnoutrefresh(w);
	assess_vote_draw(app, as);
}

bool assess_meet_idle(struct app *app, struct assess *as)
{
	struct assess_meet *mt = as->meet;
	bool moved;
	long c;

	if (!mt || app->readonly || store_lost(app->st) || (!mt->move_due && !mt->beat_due))
		return false;
	c = assess_selected(as);
	if (!store_presence_put(app->st, as->v.a->id, as->v.a->model->dims[as->dim].id,
				c >= 0 ? as->v.a->model->crits[c].id : NULL, mt->move_due)) {
		/* Not worth a message each time: presence is a courtesy. */
		mt->put_at = mono_s();
		mt->move_due = mt->beat_due = false;
		return false;
	}
	mt->put_done = true;
	mt->put_dim = as->dim;
	mt->put_sel = as->sel;
	mt->put_at = mono_s();
	moved = mt->move_due;
	if (moved)
		pace_text(app, as);
	mt->move_due = mt->beat_due = false;
	return moved;
}
