/* The benchmark's bare ncurses program (tests/bench/bench.py): a screen laid
 * out like the dashboard's home (a title, a list of teams with one selected,
 * a coloured heatmap, a text pane, a status line ending "? help"), drawn with
 * no data behind it. It starts as the dashboard does (locale, colours,
 * keypad, escape delay) and answers j/k by moving the selection (two lines)
 * and q by quitting: what ncurses costs at the least.
 *
 * Usage: bare [TEAMS] */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

static int bare_teams = 200;

static void bare_team(int row, int team, int selected)
{
	if (row < 2 || row >= LINES - 1)
		return;
	if (selected)
		attron(A_REVERSE);
	mvprintw(row, 0, " team-%05d   2026-Q4  L%d  %3d%% ", team, team % 5, (team * 37) % 101);
	if (selected)
		attroff(A_REVERSE);
}

static void bare_draw(int sel)
{
	int r, c, list = 36;

	erase();
	attron(A_BOLD | COLOR_PAIR(6));
	mvprintw(0, 0, " mlmat - MLOps maturity  %d teams  latest 2026-Q4", bare_teams);
	attroff(A_BOLD | COLOR_PAIR(6));
	mvhline(1, 0, ACS_HLINE, COLS);
	for (r = 2; r < LINES - 1 && r - 2 < bare_teams; r++)
		bare_team(r, r - 2, r - 2 == sel);
	mvvline(2, list, ACS_VLINE, LINES - 3);
	for (r = 0; r < 8 && 3 + r < LINES - 1; r++) {
		mvprintw(3 + r, list + 2, "Dimension %d", r + 1);
		for (c = 0; c < 16 && list + 16 + 3 * c + 2 < COLS; c++) {
			attron(COLOR_PAIR(1 + (r + c * 3) % 5));
			mvaddstr(3 + r, list + 16 + 3 * c, "\u2588\u2588");
			attroff(COLOR_PAIR(1 + (r + c * 3) % 5));
		}
	}
	for (r = 13; r < LINES - 1; r++)
		mvprintw(r, list + 2, "%2d. Automate the step %d of dimension %d so that it is repeatable",
			 r - 12, r, r % 8 + 1);
	attron(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	mvaddstr(LINES - 1, 1, "j/k move  Enter open  n new  r review  o organisation  q quit  ? help");
	attroff(A_REVERSE);
}

int main(int argc, char **argv)
{
	int sel = 0, top = 0, ch;

	if (argc > 1)
		bare_teams = atoi(argv[1]) > 0 ? atoi(argv[1]) : 1;
	setlocale(LC_ALL, "");
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	if (has_colors()) {
		start_color();
		use_default_colors();
		for (ch = 1; ch <= 6; ch++)
			init_pair((short)ch, (short)ch, -1);
	}
	bare_draw(0);
	refresh();
	while ((ch = getch()) != 'q' && ch != ERR) {
		int old = sel, rows = LINES - 3;

		if (ch == 'j' && sel + 1 < bare_teams)
			sel++;
		else if (ch == 'k' && sel > 0)
			sel--;
		else
			continue;
		if (sel < top || sel >= top + rows) {
			top = sel < top ? sel : sel - rows + 1;
			for (ch = 0; ch < rows; ch++)
				bare_team(2 + ch, top + ch, top + ch == sel);
		} else {
			bare_team(2 + old - top, old, 0);
			bare_team(2 + sel - top, sel, 1);
		}
		refresh();
	}
	endwin();
	return 0;
}
