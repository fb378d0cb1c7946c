#include "ui.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

struct ui ui;

static const char *const utf8_eighths[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
static const char *const utf8_spark[8] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
static const char *const utf8_shade[5] = { " ", "░", "▒", "▓", "█" };
static const char *const ascii_spark[8] = { "_", ".", "-", "~", "=", "+", "*", "#" };
static const char *const ascii_shade[5] = { " ", ".", ":", "+", "#" };

static const struct glyphs glyphs_utf8 = {
	"█", utf8_eighths, utf8_spark, utf8_shade, "│", "…", "▲", "▼", "=", "·", "─",
};
static const struct glyphs glyphs_ascii = {
	"#", NULL, ascii_spark, ascii_shade, "|", "~", "+", "-", "=", "*", "-",
};

/* One style per role: colours for 8-colour terminals, a 256-colour
 * refinement, and the attribute used without colour. -1 is the terminal's
 * own colour, so no background is painted over the user's. */
static const struct {
	short fg, bg, fg256, bg256;
	attr_t attr, mono;
} roles[ROLE_COUNT] = {
	[ROLE_TEXT] = { -1, -1, -1, -1, A_NORMAL, A_NORMAL },
	[ROLE_MUTED] = { -1, -1, 245, -1, A_DIM, A_DIM },
	[ROLE_TITLE] = { COLOR_CYAN, -1, 75, -1, A_BOLD, A_BOLD },
	[ROLE_BORDER] = { COLOR_BLUE, -1, 67, -1, A_NORMAL, A_NORMAL },
	[ROLE_SELECT] = { COLOR_BLACK, COLOR_CYAN, 16, 117, A_NORMAL, A_REVERSE },
	[ROLE_STATUS] = { COLOR_BLACK, COLOR_WHITE, 16, 252, A_NORMAL, A_REVERSE },
	[ROLE_HEADER] = { COLOR_WHITE, COLOR_BLUE, 231, 25, A_BOLD, A_REVERSE | A_BOLD },
	[ROLE_WARN] = { COLOR_YELLOW, -1, 214, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_ERROR] = { COLOR_RED, -1, 196, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_OK] = { COLOR_GREEN, -1, 71, -1, A_NORMAL, A_NORMAL },
	[ROLE_KEY] = { COLOR_YELLOW, -1, 221, -1, A_BOLD, A_BOLD },
	[ROLE_YES] = { COLOR_GREEN, -1, 71, -1, A_BOLD, A_BOLD },
	[ROLE_PARTLY] = { COLOR_YELLOW, -1, 178, -1, A_NORMAL, A_UNDERLINE },
	[ROLE_NO] = { COLOR_RED, -1, 167, -1, A_NORMAL, A_NORMAL },
	[ROLE_UNKNOWN] = { -1, -1, 245, -1, A_DIM, A_DIM },
	[ROLE_BAR] = { COLOR_CYAN, -1, 74, -1, A_NORMAL, A_NORMAL },
	[ROLE_TARGET] = { COLOR_MAGENTA, -1, 205, -1, A_BOLD, A_BOLD },
	[ROLE_HEAT1] = { COLOR_BLACK, COLOR_RED, 16, 174, A_NORMAL, A_NORMAL },
	[ROLE_HEAT2] = { COLOR_BLACK, COLOR_MAGENTA, 16, 216, A_NORMAL, A_NORMAL },
	[ROLE_HEAT3] = { COLOR_BLACK, COLOR_YELLOW, 16, 222, A_NORMAL, A_BOLD },
	[ROLE_HEAT4] = { COLOR_BLACK, COLOR_CYAN, 16, 151, A_NORMAL, A_BOLD },
	[ROLE_HEAT5] = { COLOR_BLACK, COLOR_GREEN, 16, 114, A_NORMAL, A_BOLD | A_UNDERLINE },
	[ROLE_GAP0] = { COLOR_BLACK, COLOR_GREEN, 16, 114, A_NORMAL, A_NORMAL },
	[ROLE_GAP1] = { COLOR_BLACK, COLOR_YELLOW, 16, 222, A_NORMAL, A_UNDERLINE },
	[ROLE_GAP2] = { COLOR_BLACK, COLOR_MAGENTA, 16, 216, A_NORMAL, A_BOLD },
	[ROLE_GAP3] = { COLOR_BLACK, COLOR_RED, 16, 174, A_NORMAL, A_BOLD | A_UNDERLINE },
};

void ui_setup(bool want_color, bool ascii)
{
	ui.ascii = ascii;
	ui.g = ascii ? &glyphs_ascii : &glyphs_utf8;
	ui.color = want_color && has_colors();
	if (!ui.color)
		return;
	start_color();
	use_default_colors();
	for (int r = 0; r < ROLE_COUNT; r++) {
		bool rich = COLORS >= 256;
		short fg = rich && roles[r].fg256 >= 0 ? roles[r].fg256 : roles[r].fg;
		short bg = rich && roles[r].bg256 >= 0 ? roles[r].bg256 : roles[r].bg;

		init_pair((short)(r + 1), fg, bg);
	}
}

attr_t ui_attr(enum role r)
{
	if (!ui.color)
		return roles[r].mono;
	return COLOR_PAIR(r + 1) | roles[r].attr;
}

int ui_heat_index(int level, int lowest, int highest)
{
	int span = highest - lowest;
	int i = span > 0 ? ((level - lowest) * 4 + span / 2) / span : 4;

	return i < 0 ? 0 : i > 4 ? 4 : i;
}

enum role ui_heat_role(int level, int lowest, int highest)
{
	return (enum role)(ROLE_HEAT1 + ui_heat_index(level, lowest, highest));
}

enum role ui_gap_role(double gap, bool has_target)
{
	if (!has_target || gap <= 0)
		return ROLE_GAP0;
	if (gap <= 1.0)
		return ROLE_GAP1;
	if (gap <= 2.0)
		return ROLE_GAP2;
	return ROLE_GAP3;
}

/* One character of s: its bytes to draw (replaced when unsafe) and its
 * width. */
static size_t next_char(const char *s, size_t n, const char **draw, size_t *dlen, int *width)
{
	unsigned cp;
	size_t k = utf8_decode(s, n, &cp);
	int wd;

	*draw = s;
	*dlen = k;
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || (cp == 0xFFFD && k == 1) ||
	    (cp >= 0x80 && ui.ascii)) {
		*draw = "?";
		*dlen = 1;
		*width = 1;
		return k ? k : 1;
	}
	wd = cp < 0x80 ? 1 : wcwidth((wchar_t)cp);
	if (wd < 0) {
		*draw = "?";
		*dlen = 1;
		wd = 1;
	}
	*width = wd;
	return k;
}

int ui_width(const char *s)
{
	size_t n = strlen(s);
	int total = 0;

	for (size_t i = 0; i < n;) {
		const char *d;
		size_t dl;
		int w;

		i += next_char(s + i, n - i, &d, &dl, &w);
		total += w;
	}
	return total;
}

int ui_text(WINDOW *w, int y, int x, const char *s, int maxw, attr_t a)
{
	size_t n = s ? strlen(s) : 0;
	int used = 0, total = s ? ui_width(s) : 0;
	int ell = ui_width(ui.g->ellipsis);

	if (maxw <= 0)
		return 0;
	wattrset(w, (int)a);
	wmove(w, y, x);
	for (size_t i = 0; i < n;) {
		const char *d;
		size_t dl;
		int cw;
		size_t k = next_char(s + i, n - i, &d, &dl, &cw);

		if (total > maxw && used + cw > maxw - ell) {
			waddstr(w, ui.g->ellipsis);
			used += ell;
			break;
		}
		if (used + cw > maxw)
			break;
		if (cw == 0 && used == 0) { /* a combining mark cannot start a cell */
			i += k;
			continue;
		}
		waddnstr(w, d, (int)dl);
		used += cw;
		i += k;
	}
	wattrset(w, A_NORMAL);
	return used;
}

void ui_fill(WINDOW *w, int y, int x, int to, attr_t a)
{
	wattrset(w, (int)a);
	for (int i = x; i < to; i++)
		mvwaddch(w, y, i, ' ');
	wattrset(w, A_NORMAL);
}

int ui_wrap(const char *s, int width, size_t *starts, size_t *lens, int max)
{
	size_t n = strlen(s), line = 0, last_space = (size_t)-1;
	int count = 0, cols = 0;

	if (width < 1)
		width = 1;
	for (size_t i = 0; i < n && count < max;) {
		const char *d;
		size_t dl;
		int cw;
		size_t k = next_char(s + i, n - i, &d, &dl, &cw);

		if (s[i] == '\n') {
			starts[count] = line;
			lens[count++] = i - line;
			line = i + 1;
			cols = 0;
			last_space = (size_t)-1;
			i++;
			continue;
		}
		if (cols + cw > width) {
			size_t cut = last_space != (size_t)-1 && last_space > line ? last_space : i;

			starts[count] = line;
			lens[count++] = cut - line;
			line = cut;
			while (line < n && s[line] == ' ')
				line++;
			i = line;
			cols = 0;
			last_space = (size_t)-1;
			continue;
		}
		if (s[i] == ' ')
			last_space = i;
		cols += cw;
		i += k;
	}
	if (count < max && (line < n || count == 0)) {
		starts[count] = line;
		lens[count++] = n - line;
	}
	return count;
}

void ui_bar(WINDOW *w, int y, int x, int width, double value, attr_t a)
{
	int eighths, full;

	if (value < 0)
		value = 0;
	if (value > 1)
		value = 1;
	eighths = (int)(value * width * 8 + 0.5);
	full = eighths / 8;
	wattrset(w, (int)a);
	wmove(w, y, x);
	for (int i = 0; i < full; i++)
		waddstr(w, ui.g->bar_full);
	if (full < width && ui.g->eighths && eighths % 8) {
		waddstr(w, ui.g->eighths[eighths % 8]);
		full++;
	}
	wattrset(w, (int)ui_attr(ROLE_MUTED));
	for (int i = full; i < width; i++)
		waddstr(w, ui.ascii ? "." : "·");
	wattrset(w, A_NORMAL);
}

void ui_spark(WINDOW *w, int y, int x, const double *v, int n, double lo, double hi, attr_t a)
{
	wattrset(w, (int)a);
	wmove(w, y, x);
	for (int i = 0; i < n; i++) {
		double f = hi > lo ? (v[i] - lo) / (hi - lo) : 0;
		int k = (int)(f * 7 + 0.5);

		waddstr(w, ui.g->spark[k < 0 ? 0 : k > 7 ? 7 : k]);
	}
	wattrset(w, A_NORMAL);
}

void ui_hline(WINDOW *w, int y, int x, int n)
{
	if (ui.ascii) {
		mvwhline(w, y, x, ACS_HLINE, n);
		return;
	}
	/* Line drawing as UTF-8 text: terminals and multiplexers that mishandle
	 * the alternate character set still show it. */
	wmove(w, y, x);
	for (int i = 0; i < n; i++)
		waddstr(w, "─");
}

void ui_box(WINDOW *w, const char *title, bool focused)
{
	int maxx = getmaxx(w), maxy = getmaxy(w);

	wattrset(w, (int)ui_attr(focused ? ROLE_TITLE : ROLE_BORDER));
	if (ui.ascii) {
		box(w, 0, 0);
	} else {
		mvwaddstr(w, 0, 0, "┌");
		ui_hline(w, 0, 1, maxx - 2);
		waddstr(w, "┐");
		for (int y = 1; y < maxy - 1; y++) {
			mvwaddstr(w, y, 0, "│");
			mvwaddstr(w, y, maxx - 1, "│");
		}
		mvwaddstr(w, maxy - 1, 0, "└");
		ui_hline(w, maxy - 1, 1, maxx - 2);
		/* The bottom-right cell last: waddstr there would scroll. */
		mvwins_nwstr(w, maxy - 1, maxx - 1, L"┘", 1);
	}
	wattrset(w, A_NORMAL);
	if (title && maxx > 6) {
		mvwaddch(w, 0, 1, ' ');
		ui_text(w, 0, 2, title, maxx - 5, ui_attr(ROLE_TITLE));
		waddch(w, ' ');
	}
}
