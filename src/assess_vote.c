/* Blind votes on the assessment screen (CONTRACT section 5): V opens a
 * vote on the selected criterion; every other writable dashboard with the
 * assessment open shows it over its screen and takes y, p, n or a as its
 * vote (changeable until the vote closes); the dashboard that opened it
 * sees how many voted (and may vote too), V reveals the spread with the
 * voters' names, and then an answer key sets the answer and closes the
 * vote (Esc cancels it). If the opener's dashboard is gone, any other may close it. */
#include "assess_meet.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const enum answer spread_order[] = { ANS_YES, ANS_PARTLY, ANS_NO, ANS_NA };

void assess_vote_free(struct assess *as)
{
	struct assess_meet *mt = as->meet;

	store_vote_round_clear(&mt->round);
	store_vote_list_free(mt->votes, mt->nvotes);
	mt->votes = NULL;
	mt->nvotes = 0;
	mt->voting = false;
	if (mt->win) {
		delwin(mt->win);
		mt->win = NULL;
	}
}

void assess_vote_reload(struct app *app, struct assess *as)
{
	struct assess_meet *mt = as->meet;
	WINDOW *win = mt->win;

	mt->win = NULL;
	assess_vote_free(as);
	mt->win = win;
	if (store_vote_current(app->st, as->v.a->id, &mt->round) <= 0)
		return;
	mt->voting = true;
	if (!store_vote_list(app->st, mt->round.id, &mt->votes, &mt->nvotes))
		app_message(app, true, "%s", store_error(app->st));
}

/* The opener, or anyone once the opener's dashboard is gone. */
static bool facilitating(const struct assess_meet *mt)
{
	time_t now = time(NULL);
	char k[300];

	if (!strcmp(mt->round.opener, presence_self()))
		return true;
	for (size_t i = 0; i < mt->nhere; i++) {
		snprintf(k, sizeof k, "%s:%ld", mt->here[i].host, mt->here[i].pid);
		if (!strcmp(k, mt->round.opener) && presence_alive(&mt->here[i], now))
			return false;
	}
	return true;
}

static const struct vote_cast *mine(const struct assess_meet *mt)
{
	for (size_t i = 0; i < mt->nvotes; i++)
		if (!strcmp(mt->votes[i].voter, presence_self()))
			return &mt->votes[i];
	return NULL;
}

static void changed(struct app *app, struct assess *as, bool ok)
{
	if (!ok)
		app_message(app, true, "%s", store_error(app->st));
	app_reload_all(app);
	(void)as;
}

void assess_vote_key(struct app *app, struct assess *as)
{
	struct assess_meet *mt = as->meet;
	long c = assess_selected(as);
	int64_t id;

	if (!mt || c < 0)
		return;
	if (!mt->voting) {
		id = store_vote_open(app->st, as->v.a, (size_t)c);
		changed(app, as, id > 0);
		if (id > 0 && mt->voting)
			app_message(app, false, "Vote on %s, round %d: the others vote with y/p/n/a; "
				    "V reveals.", mt->round.criterion_id, mt->round.round);
		return;
	}
	if (!facilitating(mt)) {
		app_message(app, false, "A vote on %s is open (by %s): y, p, n or a votes.",
			    mt->round.criterion_id, mt->round.opened_by);
		return;
	}
	if (mt->round.revealed) {
		app_message(app, false, "y, p, n or a sets the answer of %s and closes the vote; "
			    "Esc cancels it.", mt->round.criterion_id);
		return;
	}
	changed(app, as, store_vote_reveal(app->st, mt->round.id));
}

static enum answer key_answer(int key)
{
	switch (key) {
	case 'y': return ANS_YES;
	case 'p': return ANS_PARTLY;
	case 'n': return ANS_NO;
	case 'a': return ANS_NA;
	default: return ANS_UNKNOWN;
	}
}

bool assess_vote_answer(struct app *app, struct assess *as, int key)
{
	struct assess_meet *mt = as->meet;
	enum answer v = key_answer(key);
	struct undo_entry e;
	char crit[200];
	long crit_i;
	bool done;

	if (!mt->voting || app->readonly)
		return false;
	snprintf(crit, sizeof crit, "%s", mt->round.criterion_id);
	if (facilitating(mt)) {
		if (key == KEY_ESC) {
			changed(app, as, store_vote_close(app->st, as->v.a, mt->round.id, ANS_UNKNOWN));
			app_message(app, false, "Vote on %s cancelled.", crit);
			return true;
		}
		if (v == ANS_UNKNOWN)
			return false;
		/* Before the reveal the facilitator votes too. */
		if (!mt->round.revealed)
			goto vote;
		crit_i = model_find_criterion(as->v.a->model, crit);
		/* The answer the vote set is undone with U like any other. */
		e = undo_capture(as->v.a, UNDO_ANSWER, crit_i >= 0 ? (size_t)crit_i : 0);
		done = crit_i >= 0 && store_vote_close(app->st, as->v.a, mt->round.id, v);
		undo_record(&app->undo, &e, as->v.a, done);
		if (done) {
			changed(app, as, true);
			app_message(app, false, "%s: %s; the vote is closed.", crit, answer_name(v));
		} else {
			changed(app, as, false);
		}
		return true;
	}
	if (v == ANS_UNKNOWN) {
		if (key != 'u' && key != ' ')
			return false;
		app_message(app, false, "A vote is open: y, p, n or a votes.");
		return true;
	}
vote:
	if (store_vote_cast(app->st, mt->round.id, v)) {
		changed(app, as, true);
		app_message(app, false, "Your vote on %s: %s (hidden until revealed; you may change it).",
			    crit, answer_name(v));
	} else {
		changed(app, as, false);
	}
	return true;
}

/* Text wrapped over at most max lines from *y. */
static void wrapped(WINDOW *w, int *y, int x, int width, const char *text, int max, attr_t a)
{
	size_t st[4], ln[4];
	int n = ui_wrap(text, width, st, ln, max < 4 ? max : 4);

	for (int i = 0; i < n && i < max; i++, (*y)++) {
		char *part = xstrndup(text + st[i], ln[i]);

		ui_text(w, *y, x, part, width, a);
		free(part);
	}
}

static void draw_spread(struct assess_meet *mt, WINDOW *w, int *y, int iw)
{
	size_t count[ANS_COUNT] = { 0 }, most = 1;

	for (size_t i = 0; i < mt->nvotes; i++)
		if (++count[mt->votes[i].vote] > most)
			most = count[mt->votes[i].vote];
	for (size_t k = 0; k < sizeof spread_order / sizeof *spread_order; k++) {
		enum answer a = spread_order[k];
		struct strbuf who;
		char head[32];

		if (!count[a])
			continue;
		snprintf(head, sizeof head, "%-6s %zu", answer_name(a), count[a]);
		ui_text(w, *y, 2, head, 9, ui_attr(ui_answer_role(a)));
		ui_bar(w, *y, 11, 8, (double)count[a] / (double)most, ui_attr(ROLE_BAR));
		sb_init(&who);
		for (size_t i = 0; i < mt->nvotes; i++)
			if (mt->votes[i].vote == a)
				sb_printf(&who, "%s%s", who.len ? ", " : "", mt->votes[i].os_user);
		ui_text(w, *y, 20, who.s, iw - 19, ui_attr(ROLE_TEXT));
		sb_free(&who);
		(*y)++;
	}
}

static int lines(const char *text, int width)
{
	size_t st[2], ln[2];

	return text ? ui_wrap(text, width, st, ln, 2) : 0;
}

static int spread_rows(const struct assess_meet *mt)
{
	bool seen[ANS_COUNT] = { false };
	int n = 0;

	for (size_t i = 0; i < mt->nvotes; i++)
		if (!seen[mt->votes[i].vote]) {
			seen[mt->votes[i].vote] = true;
			n++;
		}
	return n;
}

void assess_vote_draw(struct app *app, struct assess *as)
{
	struct assess_meet *mt = as->meet;
	const struct model *m = as->v.a->model;
	const struct rect *main = &as->l.main;
	const struct vote_cast *my;
	const struct model_level *lv;
	long c;
	struct rect r;
	char buf[300];
	int y = 1, iw;
	bool fac;

	if (!mt->voting || app->readonly || main->h < 8 || main->w < 30)
		return;
	c = model_find_criterion(m, mt->round.criterion_id);
	if (c < 0)
		return;
	r.w = main->w - 4 < 76 ? main->w - 4 : 76;
	/* Borders, level, text, guidance, the count, the spread, the keys. */
	r.h = 2 + 1 + lines(m->crits[c].text, r.w - 4) + lines(m->crits[c].guidance, r.w - 4) + 1 +
	      (mt->round.revealed ? spread_rows(mt) : 0) + 1;
	if (r.h > main->h - 2)
		r.h = main->h - 2;
	r.y = main->y + main->h - r.h - 1;
	r.x = main->x + 2;
	mt->win = ui_window_at(mt->win, &r);
	if (!mt->win)
		return;
	iw = r.w - 4;
	fac = facilitating(mt);
	werase(mt->win);
	snprintf(buf, sizeof buf, "Vote: %s, round %d, opened by %s", mt->round.criterion_id,
		 mt->round.round, mt->round.opened_by);
	ui_box(mt->win, buf, true);
	lv = model_level(m, m->crits[c].level);
	snprintf(buf, sizeof buf, "Level %d %s", m->crits[c].level, lv ? lv->name : "");
	ui_text(mt->win, y++, 2, buf, iw, ui_attr(ROLE_MUTED));
	wrapped(mt->win, &y, 2, iw, m->crits[c].text, 2, ui_attr(ROLE_TEXT));
	if (m->crits[c].guidance)
		wrapped(mt->win, &y, 2, iw, m->crits[c].guidance, 2, ui_attr(ROLE_MUTED));
	my = mine(mt);
	if (fac)
		snprintf(buf, sizeof buf, "%zu voted%s%s%s", mt->nvotes,
			 mt->round.revealed ? "" : " (hidden until V reveals)",
			 my ? "; your vote: " : "", my ? answer_name(my->vote) : "");
	else if (my)
		snprintf(buf, sizeof buf, "Your vote: %s (y, p, n or a changes it)", answer_name(my->vote));
	else
		snprintf(buf, sizeof buf, "Your vote: y yes, p partly, n no, a n/a");
	ui_text(mt->win, y++, 2, buf, iw, ui_attr(ROLE_TITLE));
	if (mt->round.revealed)
		draw_spread(mt, mt->win, &y, iw);
	if (fac)
		ui_text(mt->win, r.h - 2, 2, mt->round.revealed
			? "y/p/n/a sets the answer and closes the vote, Esc cancels"
			: "y/p/n/a votes, V reveals the votes, Esc cancels the vote", iw,
			ui_attr(ROLE_KEY));
	wnoutrefresh(mt->win);
}

struct info_ctx {
	struct strbuf *sb;
	int round;
};

static void on_vote(void *ctx, const char *crit, int round, const char *user, enum answer v,
		    const char *at, bool revealed)
{
	struct info_ctx *ic = ctx;

	(void)crit;
	(void)at;
	if (round != ic->round)
		sb_printf(ic->sb, "%sround %d:", ic->round ? "\n" : "\n\nVotes:\n", round);
	ic->round = round;
	sb_printf(ic->sb, " %s %s", user, revealed ? answer_name(v) : "(hidden)");
}

void assess_vote_info(struct app *app, const struct assess *as, size_t crit, struct strbuf *sb)
{
	struct info_ctx ic = { sb, 0 };

	if (!store_vote_each(app->st, as->v.a->id, as->v.a->model->crits[crit].id, on_vote, &ic))
		sb_printf(sb, "\n\nVotes: %s", store_error(app->st));
}
