#include "ui.h"
#include "label.h"
#include "text.h"

#include <langinfo.h>
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
	"█", utf8_eighths, utf8_spark, utf8_shade, "│", "…", "▲", "▼", "=", "·", "─", "✓",
};
static const struct glyphs glyphs_ascii = {
	"#", NULL, ascii_spark, ascii_shade, "|", "~", "+", "-", "=", "*", "-", "S",
};

static attr_t role_attrs[ROLE_COUNT];
static attr_t role_mono[ROLE_COUNT];
static bool role_paired[ROLE_COUNT];
static bool role_bold_fades[ROLE_COUNT];

static attr_t to_curses(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & THEME_BOLD)
		r |= A_BOLD;
	if (a & THEME_DIM)
		r |= A_DIM;
	if (a & THEME_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_STANDOUT)
		r |= A_STANDOUT;
#ifdef A_ITALIC
	if (a & THEME_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

static bool theme_has_colour(const struct theme *t)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if (t->roles[r].fg >= 0 || t->roles[r].bg >= 0)
			return true;
	return false;
}

void ui_setup(const struct theme *t, bool want_color, bool ascii)
{
	ui.ascii = ascii;
	ui.acs = ascii && strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	ui.g = ascii ? &glyphs_ascii : &glyphs_utf8;
	ui.color = want_color && has_colors() && theme_has_colour(t);
	for (int r = 0; r < ROLE_COUNT; r++) {
		role_mono[r] = to_curses(t->roles[r].mono);
		role_attrs[r] = to_curses(t->roles[r].attrs);
		role_bold_fades[r] = false;
	}
	if (!ui.color)
		return;
	start_color();
	/* -1 keeps the terminal's own colour: no background is painted over
	 * the user's. */
	use_default_colors();
	for (int r = 0; r < ROLE_COUNT && r + 1 < COLOR_PAIRS; r++) {
		const struct theme_style *st = &t->roles[r];
		bool rich = COLORS >= 256;
		short fg = rich ? st->fg : st->fg8, bg = rich ? st->bg : st->bg8;

		if (!rich && COLORS >= 16) {
			fg = st->fg >= 0 && st->fg < 16 ? st->fg : st->fg8;
			bg = st->bg >= 0 && st->bg < 16 ? st->bg : st->bg8;
		}
		/* Plain text keeps a pair of its own even in the terminal's
		 * colours: every window's background uses it, and curses then
		 * switches between pairs without resetting all attributes. */
		role_paired[r] = fg >= 0 || bg >= 0 || r == ROLE_TEXT;
		role_bold_fades[r] = theme_bold_color(fg) != fg && theme_readable(fg, bg) &&
				     !theme_readable(theme_bold_color(fg), bg);
		init_pair((short)(r + 1), fg, bg);
	}
}

void ui_window(WINDOW *w)
{
	wbkgdset(w, ' ' | ui_attr(ROLE_TEXT));
}

WINDOW *ui_window_at(WINDOW *old, const struct rect *r)
{
	WINDOW *w;

	if (old) {
		int y, x, h, wd;

		getbegyx(old, y, x);
		getmaxyx(old, h, wd);
		if (y == r->y && x == r->x && h == r->h && wd == r->w)
			return old;
		delwin(old);
	}
	if (r->h <= 0 || r->w <= 0)
		return NULL;
	w = newwin(r->h, r->w, r->y, r->x);
	if (w) {
		leaveok(w, TRUE);
		ui_window(w);
	}
	return w;
}

attr_t ui_attr(enum role r)
{
	if (!ui.color)
		return role_mono[r];
	if (!role_paired[r])
		return role_attrs[r];
	return COLOR_PAIR(r + 1) | role_attrs[r];
}

attr_t ui_bold(enum role r)
{
	return ui.color && role_bold_fades[r] ? A_UNDERLINE : A_BOLD;
}

int ui_heat_index(int level, int lowest, int highest)
{
	int span = highest - lowest;
	int i = span > 0 ? ((level - lowest) * 4 + span / 2) / span : 4;

	return i < 0 ? 0 : i > 4 ? 4 : i;
}

enum role ui_answer_role(enum answer a)
{
	static const enum role roles[] = { ROLE_UNKNOWN, ROLE_NO, ROLE_PARTLY, ROLE_YES, ROLE_MUTED };

	return (unsigned)a < ANS_COUNT ? roles[a] : ROLE_UNKNOWN;
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

/* One cluster of s (text_cluster): the bytes to draw and its width. In
 * ASCII mode a character outside ASCII is a '?' (its marks dropped). */
static size_t next_char(const char *s, size_t n, const char **draw, size_t *dlen, int *width)
{
	struct text_cluster c;
	size_t k = text_cluster(s, n, &c);

	*draw = text_cluster_draw(s, &c, dlen);
	*width = c.width;
	if (ui.ascii && c.show == TEXT_AS_IS && (unsigned char)s[0] >= 0x80) {
		*draw = "?";
		*dlen = 1;
		*width = 1;
	} else if (ui.ascii && c.show == TEXT_AS_IS) {
		*dlen = 1;
	} else if (ui.ascii && c.show == TEXT_UNSURE) {
		*draw = "?";
		*dlen = 1;
	}
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

/* Printable ASCII only: each byte one column, drawn as it is. */
static bool plain_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return false;
	return true;
}

int ui_text(WINDOW *w, int y, int x, const char *s, int maxw, attr_t a)
{
	size_t n = s ? strlen(s) : 0;
	int used = 0, total, ell = ui_width(ui.g->ellipsis);

	if (maxw <= 0)
		return 0;
	wattrset(w, (int)a);
	wmove(w, y, x);
	/* Most text on a screen: one call, not a cluster at a time. */
	if (plain_ascii(s, n)) {
		if (n <= (size_t)maxw) {
			if (n)
				waddnstr(w, s, (int)n);
			used = (int)n;
		} else {
			int keep = maxw > ell ? maxw - ell : 0;

			if (keep)
				waddnstr(w, s, keep);
			waddstr(w, ui.g->ellipsis);
			used = keep + ell;
		}
		wattrset(w, (int)ui_attr(ROLE_TEXT));
		return used;
	}
	total = ui_width(s);
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
		if (dl)
			waddnstr(w, d, (int)dl);
		used += cw;
		i += k;
	}
	wattrset(w, (int)ui_attr(ROLE_TEXT));
	return used;
}

void ui_fill(WINDOW *w, int y, int x, int to, attr_t a)
{
	wattrset(w, (int)a);
	for (int i = x; i < to; i++)
		mvwaddch(w, y, i, ' ');
	wattrset(w, (int)ui_attr(ROLE_TEXT));
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
	/* The empty part of the track: dots in ASCII, where a bar of '#'
	 * needs them to be read; blank with block glyphs (fewer bytes). */
	wattrset(w, (int)ui_attr(ROLE_MUTED));
	for (int i = full; i < width; i++)
		waddstr(w, ui.ascii ? "." : " ");
	wattrset(w, (int)ui_attr(ROLE_TEXT));
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
	wattrset(w, (int)ui_attr(ROLE_TEXT));
}

void ui_hline(WINDOW *w, int y, int x, int n)
{
	if (ui.ascii) {
		mvwhline(w, y, x, ui.acs ? ACS_HLINE : '-', n);
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

	/* Borders in one plain role: a bold or dim border around every row
	 * would cost a full attribute reset per line on slow links. The box
	 * that takes the keys shows it in its title. */
	wattrset(w, (int)ui_attr(ROLE_BORDER));
	if (ui.ascii && ui.acs) {
		box(w, 0, 0);
	} else if (ui.ascii) {
		/* --ascii in a UTF-8 locale: ncurses would draw ACS as Unicode
		 * on some terminals, so plain ASCII. */
		wborder(w, '|', '|', '-', '-', '+', '+', '+', '+');
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
	wattrset(w, (int)ui_attr(ROLE_TEXT));
	if (title && maxx > 6) {
		mvwaddch(w, 0, 1, ' ');
		ui_text(w, 0, 2, title, maxx - 5, ui_attr(focused ? ROLE_TITLE : ROLE_MUTED));
		waddch(w, ' ');
	}
}

void ui_title_of(char *buf, size_t n, const char *kind, const char *name, WINDOW *w)
{
	/* ui_box leaves a title the box's width less 5 columns. */
	int room = getmaxx(w) - 5 - ui_width(kind) - 3;
	struct label_item it = { name, NULL, room, NULL };

	if (!name || room < 4) {
		snprintf(buf, n, "%s", kind);
		return;
	}
	label_make(&it, 1, ui.g->ellipsis);
	snprintf(buf, n, "%s - %s", kind, it.label);
	label_free(&it, 1);
}

static enum role cell_role(bool by_gap, int level, int lowest, int highest, double gap,
			   bool has_target, int *shade)
{
	enum role r = by_gap ? ui_gap_role(gap, has_target) : ui_heat_role(level, lowest, highest);
	int k = by_gap ? (int)(r - ROLE_GAP0) + 1 : ui_heat_index(level, lowest, highest);

	*shade = k > 4 ? 4 : k;
	return r;
}

void ui_heat_cell(WINDOW *w, int y, int x, int width, const struct ui_heat *h, int level,
		  double score, double gap, bool has_target, const char *suffix)
{
	char buf[32];
	enum role role;
	int shade;

	if (level < 0) {
		ui_text(w, y, x, "  -", width - 1, ui_attr(ROLE_MUTED));
		return;
	}
	role = cell_role(h->by_gap, level, h->lowest, h->highest, gap, has_target, &shade);
	/* Cells touch, so a row of them changes only the background on the
	 * wire; without colour a shading glyph tells the levels apart. */
	if (ui.color)
		snprintf(buf, sizeof buf, " %4.2f%s", score, suffix);
	else
		snprintf(buf, sizeof buf, "%s%4.2f%s", ui.g->shade[shade], score, suffix);
	ui_fill(w, y, x, x + width, ui_attr(role));
	ui_text(w, y, x, buf, width, ui_attr(role));
}
