/* Colour themes: a YAML file names each colour role's foreground,
 * background and attributes, its 8-colour form and its monochrome
 * attributes. Loaded strictly like models; no curses here. */
#ifndef MLMAT_THEME_H
#define MLMAT_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum role {
	ROLE_TEXT, ROLE_MUTED, ROLE_TITLE, ROLE_BORDER, ROLE_SELECT, ROLE_STATUS,
	ROLE_HEADER, ROLE_WARN, ROLE_ERROR, ROLE_OK, ROLE_KEY,
	ROLE_YES, ROLE_PARTLY, ROLE_NO, ROLE_UNKNOWN, ROLE_BAR, ROLE_TARGET,
	ROLE_HEAT1, ROLE_HEAT2, ROLE_HEAT3, ROLE_HEAT4, ROLE_HEAT5,
	ROLE_GAP0, ROLE_GAP1, ROLE_GAP2, ROLE_GAP3,
	ROLE_COUNT
};

enum {
	THEME_BOLD = 1 << 0, THEME_DIM = 1 << 1, THEME_UNDERLINE = 1 << 2,
	THEME_REVERSE = 1 << 3, THEME_ITALIC = 1 << 4, THEME_STANDOUT = 1 << 5,
};

#define THEME_DEFAULT_COLOR (-1)   /* the terminal's own */

struct theme_style {
	short fg, bg;           /* 0-255 or THEME_DEFAULT_COLOR */
	short fg8, bg8;         /* 0-7 or THEME_DEFAULT_COLOR */
	unsigned attrs;         /* with colour */
	unsigned mono;          /* without colour */
};

struct theme {
	char *name, *description;
	struct theme_style roles[ROLE_COUNT];
};

const char *theme_role_name(enum role r);
/* Roles a file leaves out keep the built-in default theme's style. */
struct theme *theme_load_file(const char *path, char *err, size_t errsz);
struct theme *theme_load_buffer(const char *buf, size_t len, const char *name, char *err,
				size_t errsz);
struct theme *theme_load_builtin(char *err, size_t errsz);
void theme_free(struct theme *t);

/* A colour: a name, 0-255 or #rrggbb (the nearest of the 256). */
bool theme_parse_color(const char *s, short *out);
/* The nearest of the 8 basic colours to a 256-colour index. */
short theme_nearest8(short c);

/* WCAG 2 relative luminance (0 black .. 1 white) of a colour given as
 * 0-255 sRGB components, and of a palette index 0-255 taken at xterm's
 * standard values (0-15 the xterm defaults, 16-231 the cube, 232-255 the
 * grey ramp). The index of THEME_DEFAULT_COLOR is unknowable: -1. */
double theme_luminance_rgb(int r, int g, int b);
double theme_luminance(short c);
/* WCAG contrast ratio, 1 to 21, of two luminances in either order. */
double theme_contrast_ratio(double la, double lb);
/* The same for two palette indexes; -1 if either is the terminal's own. */
double theme_contrast(short a, short b);
/* What a terminal that draws bold as bright shows for a basic colour 0-7
 * (the bright one, 8-15); other colours stay as they are. */
short theme_bold_color(short c);
/* Whether fg reads on bg by the rule the default theme keeps (README
 * "Themes"): over the terminal's own background (bg THEME_DEFAULT_COLOR),
 * whichever of white and black it is, 3:1 against both; on a background of
 * its own, 4.5:1. The terminal's own foreground reads over its own
 * background; on a stated background its contrast is unknown: false. */
bool theme_readable(short fg, short bg);

#endif
