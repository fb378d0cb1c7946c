#include "findbar.h"
#include "dialog.h"
#include "lineedit.h"
#include "xalloc.h"

#include <string.h>

/* The field on the status line's row: "/", the text, and what the screen
 * found at the right. */
static WINDOW *draw_bar(struct app *app, WINDOW *w, const struct lineedit *e, const char *info)
{
	struct rect r = { app->lines - 1, 0, 1, app->cols };
	int iw, cx;

	if (!(w = ui_window_at(w, &r)))
		return NULL;
	werase(w);
	ui_fill(w, 0, 0, app->cols, ui_attr(ROLE_STATUS));
	ui_text(w, 0, 1, "/", 1, ui_attr(ROLE_STATUS) | ui_bold(ROLE_STATUS));
	iw = ui_width(info);
	if (iw > app->cols / 2)
		iw = app->cols / 2;
	ui_text(w, 0, app->cols - 1 - iw, info, iw, ui_attr(ROLE_STATUS));
	cx = dialog_draw_edit(w, 0, 3, app->cols - 6 - iw, e, true);
	leaveok(w, FALSE);
	wmove(w, 0, cx);
	curs_set(1);
	wnoutrefresh(w);
	return w;
}

char *findbar_run(struct app *app, const char *initial, findbar_fn *fn, void *ctx)
{
	struct lineedit e;
	WINDOW *w = NULL;
	char info[160] = "", *kept = NULL;
	bool edited = true, first = true;

	lineedit_init(&e, initial ? initial : "", FINDBAR_MAX_CHARS);
	for (;;) {
		int key;

		if (edited)
			fn(app, ctx, lineedit_text(&e), info, sizeof info);
		/* A paste is drawn once, when it has all arrived. */
		if (first || !dialog_input_pending()) {
			app_draw(app);
			w = draw_bar(app, w, &e, info);
			doupdate();
		}
		edited = first = false;
		key = app_wait_key(app);
		if (app->quit)
			break;
		if (key == ERR)
			continue;       /* the data changed: the screen reloaded, draw it */
		if (key == KEY_RESIZE) {
			app->full_redraw = true;
			continue;
		}
		/* As in the dialogs: a lone Esc gives up, an ESC with more
		 * behind it starts a pasted sequence and is dropped. */
		if (key == KEY_ESC && !dialog_input_pending())
			break;
		if (key == '\n' || key == '\r' || key == KEY_ENTER) {
			kept = xstrdup(lineedit_text(&e));
			break;
		}
		edited = lineedit_key(&e, dialog_editor_key(key));
	}
	lineedit_free(&e);
	if (w)
		delwin(w);
	curs_set(0);
	return kept;
}
