/* Modal dialogs over the current screen: text fields (the new-assessment
 * form, reasons, notes, owners) and the key help. Each handles resizes by
 * redrawing the screen below it first. */
#include "dialog.h"
#include "lineedit.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static WINDOW *centered(struct app *app, int h, int w, WINDOW *old)
{
	struct rect r;

	if (w > app->cols - 2)
		w = app->cols - 2;
	if (h > app->lines - 2)
		h = app->lines - 2;
	r = (struct rect){ (app->lines - h) / 2, (app->cols - w) / 2, h, w };
	return ui_window_at(old, &r);
}

/* Draws the editor's text in width columns, scrolled sideways so the
 * cursor stays visible; returns the cursor's column. Walks back from the
 * cursor one screenful, so long texts cost no more than short ones. */
static int draw_edit(WINDOW *w, int y, int x, int width, const struct lineedit *e, bool active)
{
	const char *text = lineedit_text(e);
	attr_t a = ui_attr(active ? ROLE_SELECT : ROLE_TEXT) | A_UNDERLINE;
	size_t start = e->cursor;
	int cols = 0;

	ui_fill(w, y, x, x + width, a);
	/* The text up to the cursor measured whole, as ui_text draws it: an
	 * emoji sequence is one cell, not the sum of its characters. */
	while (start > 0) {
		size_t prev = start - 1;
		char *part;
		int cw;

		while (prev > 0 && ((unsigned char)text[prev] & 0xC0) == 0x80)
			prev--;
		part = xstrndup(text + prev, e->cursor - prev);
		cw = ui_width(part);
		free(part);
		if (cw >= width)
			break;
		cols = cw;
		start = prev;
	}
	ui_text(w, y, x, text + start, width, a);
	return x + cols;
}

/* Shows a modal window and waits for a key: ERR when the screen must be
 * drawn again first (the data changed, a resize) or the app is ending. */
static int modal_key(struct app *app, WINDOW *w)
{
	int key;

	wnoutrefresh(w);
	doupdate();
	key = app_wait_key(app);
	if (key == KEY_RESIZE) {
		app->full_redraw = true;
		return ERR;
	}
	return key;
}

/* Maps a curses key to a line editor key, or returns key unchanged. */
static int editor_key(int key)
{
	switch (key) {
	case KEY_LEFT: return LE_LEFT;
	case KEY_RIGHT: return LE_RIGHT;
	case KEY_HOME: case KEY_CTRL('a'): return LE_HOME;
	case KEY_END: case KEY_CTRL('e'): return LE_END;
	case KEY_BACKSPACE: case 127: case 8: return LE_BACKSPACE;
	case KEY_DC: case KEY_CTRL('d'): return LE_DELETE;
	case KEY_CTRL('u'): return LE_KILL_LINE;
	case KEY_CTRL('w'): return LE_KILL_WORD;
	default: return key;
	}
}

/* True when more input is already waiting (a paste, or a key sequence). */
static bool input_pending(void)
{
	int k;

	timeout(0);
	k = getch();
	if (k == ERR)
		return false;
	ungetch(k);
	return true;
}

bool dialog_fields(struct app *app, const char *title, struct dialog_field *f, int n)
{
	WINDOW *w = NULL;
	int cur = 0;
	bool ok = false;

	for (int i = 0; i < n; i++) {
		lineedit_init(&f[i].ed, f[i].initial, f[i].max_chars);
		f[i].error = NULL;
	}
	for (bool under = true, draw = true;;) {
		int width, label_w = 0, key, cursor_y = 1, cursor_x = 1;

		for (int i = 0; i < n; i++)
			if (ui_width(f[i].label) > label_w)
				label_w = ui_width(f[i].label);
		/* The screen below changes only on a resize or another process's
		 * change; a paste is drawn once, when it has all arrived. */
		if (under) {
			app_draw(app);
			under = false;
		}
		w = centered(app, 4 + 2 * n, 72, w);
		if (!w)
			break;
		/* Skip frames while a paste is arriving; always draw the first
		 * one, and the one after Enter (it may show an error). */
		if (!draw && input_pending())
			goto read;
		draw = false;
		width = getmaxx(w);
		werase(w);
		ui_box(w, title, true);
		for (int i = 0; i < n; i++) {
			int y = 1 + 2 * i, cx;

			ui_text(w, y, 2, f[i].label, label_w, ui_attr(i == cur ? ROLE_TITLE : ROLE_TEXT));
			cx = draw_edit(w, y, 3 + label_w, width - 5 - label_w, &f[i].ed, i == cur);
			if (i == cur)
				cursor_y = y, cursor_x = cx;
			if (f[i].error)
				ui_text(w, y + 1, 3 + label_w, f[i].error, width - 5 - label_w,
					ui_attr(ROLE_ERROR));
		}
		ui_text(w, 2 * n + 2, 2, "Enter accept  Esc cancel  Ctrl-U clear", width - 4,
			ui_attr(ROLE_MUTED));
		leaveok(w, FALSE);
		wmove(w, cursor_y, cursor_x);
		curs_set(1);
		wnoutrefresh(w);
		doupdate();
read:
		key = app_wait_key(app);
		if (app->quit)
			break;
		if (key == ERR) {
			under = true;
			continue;
		}
		if (key == KEY_RESIZE) {
			app->full_redraw = true;
			under = draw = true;
			continue;
		}
		/* Esc cancels; an ESC with more bytes right behind it starts a
		 * pasted escape sequence, whose ESC is dropped like any control
		 * character while the rest is typed as text. */
		if (key == KEY_ESC && !input_pending())
			break;
		if (key == KEY_ESC)
			continue;
		if (key == '\n' || key == '\r' || key == KEY_ENTER) {
			const char *text = lineedit_text(&f[cur].ed);

			draw = true;
			f[cur].error = f[cur].validate ? f[cur].validate(text, f[cur].ctx) : NULL;
			if (f[cur].error)
				continue;
			if (++cur == n) {
				ok = true;
				break;
			}
			continue;
		}
		if (key == KEY_UP && cur > 0) {
			cur--;
			continue;
		}
		f[cur].error = NULL;
		lineedit_key(&f[cur].ed, editor_key(key));
	}
	if (w)
		delwin(w);
	curs_set(0);
	app->full_redraw = true;
	if (!ok)
		for (int i = 0; i < n; i++)
			lineedit_free(&f[i].ed);
	return ok;
}

char *dialog_prompt(struct app *app, const char *title, const char *initial, size_t max_chars,
		    const char *(*validate)(const char *text, void *ctx), void *ctx)
{
	struct dialog_field f = { "", initial, max_chars, validate, ctx, { 0 }, NULL };
	char *text;

	if (!dialog_fields(app, title, &f, 1))
		return NULL;
	text = xstrdup(lineedit_text(&f.ed));
	lineedit_free(&f.ed);
	return text;
}

/* The keys as a text that scrolls, for a terminal too short for them in
 * two columns. */
static void help_text(struct app *app, const char *title, const struct keydef *const *all, int n)
{
	struct strbuf b;

	sb_init(&b);
	for (int i = 0; i < n; i++)
		sb_printf(&b, "%s%-12s %s", i ? "\n" : "", all[i]->label, all[i]->help);
	dialog_text(app, title, b.s);
	sb_free(&b);
}

void dialog_help(struct app *app, const struct screen_ops *ops)
{
	static const struct keydef common[] = {
		{ '?', KEY_F(1), "?/F1", "this help", NULL, false },
		{ KEY_CTRL('l'), 0, "Ctrl-L", "redraw the screen", NULL, false },
		{ APP_KEY_MOUSE, 0, "Mouse", "click, double-click, wheel", NULL, false },
		{ KEY_ESC, 0, "Esc", "cancel the export being written", NULL, false },
	};
	const struct keydef *all[64];
	WINDOW *w = NULL;
	int n = 0, nkeys;

	for (const struct keydef *k = ops->keys; k && k->key && n < 60; k++)
		all[n++] = k;
	nkeys = n;
	all[n++] = &common[0];
	all[n++] = &common[1];
	if (app->mouse_wanted)
		all[n++] = &common[2];
	if (app->job)
		all[n++] = &common[3];
	for (;;) {
		int width, rows, ncol, colw, shown = n;
		char title[80];

		app_draw(app);
		/* Two columns get the terminal's width, so that helps fit. */
		w = centered(app, n + 3, n + 3 > app->lines - 2 ? app->cols : 72, w);
		if (!w)
			break;
		width = getmaxx(w);
		rows = getmaxy(w) - 3;
		if (rows < 1)
			rows = 1;
		/* Two columns when the keys do not fit in one; a text that
		 * scrolls when they do not fit in two. */
		ncol = n > rows ? 2 : 1;
		colw = (width - 2) / ncol;
		snprintf(title, sizeof title, "Keys: %s", ops->name);
		/* The keys every screen has go to the last line when that
		 * spares the scrolling text. */
		if (n > 2 * rows && nkeys <= 2 * rows)
			shown = nkeys;
		if (shown > 2 * rows) {
			delwin(w);
			help_text(app, title, all, n);
			return;
		}
		werase(w);
		ui_box(w, title, true);
		for (int i = 0; i < shown; i++) {
			int per = (shown + ncol - 1) / ncol, c = i / per, y = 1 + i % per, x = 2 + c * colw;
			int lw = ncol == 1 ? 14 : 10;

			if (y > rows)
				continue;
			ui_text(w, y, x, all[i]->label, lw, ui_attr(ROLE_KEY));
			ui_text(w, y, x + lw + 1, all[i]->help, colw - lw - 2, ui_attr(ROLE_TEXT));
		}
		ui_text(w, getmaxy(w) - 2, 2, shown < n ? "Any key closes this help.   ?/F1  this help   "
			"Ctrl-L  redraw the screen" : "Any key closes this help.", width - 4, ui_attr(ROLE_MUTED));
		if (modal_key(app, w) != ERR || app->quit)
			break;
	}
	if (w)
		delwin(w);
	app->full_redraw = true;
}

/* Wraps text (its newlines kept) to width: the byte ranges of the lines. */
static size_t wrap_text(const char *text, int width, size_t **start, size_t **len)
{
	size_t max = strlen(text) + 2;

	*start = xcalloc(max, sizeof **start);
	*len = xcalloc(max, sizeof **len);
	return (size_t)ui_wrap(text, width, *start, *len, (int)max);
}

void dialog_text(struct app *app, const char *title, const char *text)
{
	WINDOW *w = NULL;
	size_t *start = NULL, *len = NULL, n = 0, top = 0;
	int width = 0;

	for (;;) {
		int rows, key;
		char more[128];

		app_draw(app);
		w = centered(app, app->lines - 4, 76, w);
		if (!w)
			break;
		if (getmaxx(w) - 4 != width) {
			free(start);
			free(len);
			width = getmaxx(w) - 4;
			n = wrap_text(text, width, &start, &len);
		}
		/* A short text gets a box its size. */
		if ((int)n + 3 < getmaxy(w) && !(w = centered(app, (int)n + 3, 76, w)))
			break;
		rows = getmaxy(w) - 3;
		if (rows < 1)
			rows = 1;
		if (top + (size_t)rows > n)
			top = n > (size_t)rows ? n - (size_t)rows : 0;
		werase(w);
		ui_box(w, title, true);
		for (int i = 0; i < rows && top + (size_t)i < n; i++) {
			char *line = xstrndup(text + start[top + (size_t)i], len[top + (size_t)i]);

			ui_text(w, 1 + i, 2, line, width, ui_attr(ROLE_TEXT));
			free(line);
		}
		if (n > (size_t)rows)
			snprintf(more, sizeof more, "lines %zu-%zu of %zu  j/k PgUp/PgDn scroll  q close",
				 top + 1, top + (size_t)rows < n ? top + (size_t)rows : n, n);
		else
			snprintf(more, sizeof more, "q, Esc or Enter closes");
		ui_text(w, getmaxy(w) - 2, 2, more, width, ui_attr(ROLE_MUTED));
		key = modal_key(app, w);
		if (app->quit || key == 'q' || key == KEY_ESC || key == '\n' || key == '\r' ||
		    key == KEY_ENTER)
			break;
		if (key == APP_KEY_MOUSE && app->mouse_ev.kind == MOUSE_WHEEL_DOWN)
			top += MOUSE_WHEEL_ROWS;
		else if (key == APP_KEY_MOUSE && app->mouse_ev.kind == MOUSE_WHEEL_UP)
			top = top > MOUSE_WHEEL_ROWS ? top - MOUSE_WHEEL_ROWS : 0;
		else if ((key == 'j' || key == KEY_DOWN) && top + (size_t)rows < n)
			top++;
		else if ((key == 'k' || key == KEY_UP) && top > 0)
			top--;
		else if (key == KEY_NPAGE || key == ' ')
			top += (size_t)rows;
		else if (key == KEY_PPAGE)
			top = top > (size_t)rows ? top - (size_t)rows : 0;
		else if (key == KEY_HOME)
			top = 0;
		else if (key == KEY_END || key == 'G')
			top = n;
	}
	free(start);
	free(len);
	if (w)
		delwin(w);
	app->full_redraw = true;
}

/* The question wraps (up to 4 lines) rather than lose its end. */
bool dialog_confirm(struct app *app, const char *question)
{
	WINDOW *w = NULL;
	int key, qw = ui_width(question);

	for (;;) {
		size_t st[5], ln[5];
		int n, width;

		app_draw(app);
		width = qw + 6 < 40 ? 40 : qw + 6 > 76 ? 76 : qw + 6;
		n = ui_wrap(question, (width > app->cols - 2 ? app->cols - 2 : width) - 4, st, ln, 4);
		w = centered(app, 4 + n, width, w);
		if (!w)
			return false;
		werase(w);
		ui_box(w, "Confirm", true);
		for (int i = 0; i < n; i++) {
			char *line = xstrndup(question + st[i], ln[i]);

			ui_text(w, 1 + i, 2, line, getmaxx(w) - 4, ui_attr(ROLE_TEXT));
			free(line);
		}
		ui_text(w, 2 + n, 2, "y yes   n or Esc no", getmaxx(w) - 4, ui_attr(ROLE_MUTED));
		key = modal_key(app, w);
		if ((key != ERR && key != APP_KEY_MOUSE) || app->quit)
			break;
	}
	delwin(w);
	app->full_redraw = true;
	return key == 'y' || key == 'Y';
}

/* Both texts on one line each, cut to the window: enough to recognise them;
 * the one kept is shown in full on the screen afterwards. */
int dialog_conflict(struct app *app, const char *what, const char *theirs, const char *mine)
{
	WINDOW *w = NULL;
	char line[160];
	int key = ERR;

	for (;;) {
		app_draw(app);
		w = centered(app, 8, 72, w);
		if (!w)
			return 't';
		werase(w);
		ui_box(w, "Changed meanwhile", true);
		snprintf(line, sizeof line, "%s was changed elsewhere while you edited it.", what);
		ui_text(w, 1, 2, line, getmaxx(w) - 4, ui_attr(ROLE_TEXT));
		ui_text(w, 3, 2, "Theirs:", 8, ui_attr(ROLE_MUTED));
		ui_text(w, 3, 10, theirs && *theirs ? theirs : "(none)", getmaxx(w) - 12,
			ui_attr(ROLE_TEXT));
		ui_text(w, 4, 2, "Mine:", 8, ui_attr(ROLE_MUTED));
		ui_text(w, 4, 10, mine && *mine ? mine : "(none)", getmaxx(w) - 12, ui_attr(ROLE_TEXT));
		ui_text(w, 6, 2, "k keep mine   t or Esc take theirs", getmaxx(w) - 4,
			ui_attr(ROLE_MUTED));
		key = modal_key(app, w);
		if (app->quit || key == 'k' || key == 'K' || key == 't' || key == 'T' || key == 27)
			break;
	}
	delwin(w);
	app->full_redraw = true;
	return key == 'k' || key == 'K' ? 'k' : 't';
}

/* The mouse in a chooser drawn in w (items one a row from its first inner
 * line, for rows rows from top): a click selects an item, the wheel moves
 * the selection; true for a double-click on the selected one, which
 * chooses it like Enter. */
static bool choose_mouse(const struct app *app, WINDOW *w, int rows, size_t top, size_t n,
			 size_t *sel)
{
	const struct mouse_event *ev = &app->mouse_ev;
	struct rect r;
	long i;

	getbegyx(w, r.y, r.x);
	getmaxyx(w, r.h, r.w);
	if (ev->kind != MOUSE_CLICK) {
		*sel = mouse_wheel_move(ev, *sel, n);
		return false;
	}
	i = mouse_list_row(&r, 1, rows, top, n, ev->y, ev->x);
	if (i < 0)
		return false;
	if (ev->twice && (size_t)i == *sel)
		return true;
	*sel = (size_t)i;
	return false;
}

long dialog_choose(struct app *app, const char *title, const char *const *items, size_t n)
{
	WINDOW *w = NULL;
	size_t sel = 0, top = 0;
	long chosen = -1;
	int width = ui_width(title) + 8;

	for (size_t i = 0; i < n; i++)
		if (ui_width(items[i]) + 6 > width)
			width = ui_width(items[i]) + 6;
	if (width > 76)
		width = 76;
	while (n && !app->quit) {
		int rows, key;

		app_draw(app);
		w = centered(app, (int)(n < 16 ? n : 16) + 4, width, w);
		if (!w)
			break;
		rows = getmaxy(w) - 4;
		if (sel < top)
			top = sel;
		if (rows > 0 && sel >= top + (size_t)rows)
			top = sel - (size_t)rows + 1;
		werase(w);
		ui_box(w, title, true);
		for (int y = 0; y < rows && top + (size_t)y < n; y++) {
			attr_t a = ui_attr(top + (size_t)y == sel ? ROLE_SELECT : ROLE_TEXT);

			if (top + (size_t)y == sel)
				ui_fill(w, 1 + y, 1, getmaxx(w) - 2, a);
			ui_text(w, 1 + y, 2, items[top + (size_t)y], getmaxx(w) - 4, a);
		}
		ui_text(w, getmaxy(w) - 2, 2, "Enter choose   Esc cancel", getmaxx(w) - 4,
			ui_attr(ROLE_MUTED));
		key = modal_key(app, w);
		if (key == '\n' || key == '\r' || key == KEY_ENTER ||
		    (key == APP_KEY_MOUSE && choose_mouse(app, w, rows, top, n, &sel))) {
			chosen = (long)sel;
			break;
		}
		if (key == KEY_ESC || key == 'q')
			break;
		if ((key == 'j' || key == KEY_DOWN) && sel + 1 < n)
			sel++;
		else if ((key == 'k' || key == KEY_UP) && sel > 0)
			sel--;
		else if (key == KEY_NPAGE)
			sel = sel + 10 < n ? sel + 10 : n - 1;
		else if (key == KEY_PPAGE)
			sel = sel > 10 ? sel - 10 : 0;
		else if (key == KEY_HOME)
			sel = 0;
		else if (key == KEY_END)
			sel = n - 1;
	}
	if (w)
		delwin(w);
	app->full_redraw = true;
	return chosen;
}

/* For the other text fields (the find field): the same keys, paste
 * handling and drawing as the dialogs'. */
int dialog_editor_key(int key)
{
	return editor_key(key);
}

bool dialog_input_pending(void)
{
	return input_pending();
}

int dialog_draw_edit(WINDOW *w, int y, int x, int width, const struct lineedit *e, bool active)
{
	return draw_edit(w, y, x, width, e, active);
}
