#include "theme.h"
#include "xalloc.h"
#include "ytree.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

extern const char builtin_theme_yaml[];
extern const unsigned long builtin_theme_yaml_len;

static const char *const role_names[ROLE_COUNT] = {
	"text", "muted", "title", "border", "selection", "status", "header", "warning", "error",
	"ok", "key", "yes", "partly", "no", "unknown", "bar", "target",
	"level1", "level2", "level3", "level4", "level5", "gap0", "gap1", "gap2", "gap3",
};

static const char *const color_names[16] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	"bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue",
	"bright-magenta", "bright-cyan", "bright-white",
};

static const struct {
	const char *name;
	unsigned flag;
} attr_names[] = {
	{ "bold", THEME_BOLD }, { "dim", THEME_DIM }, { "underline", THEME_UNDERLINE },
	{ "reverse", THEME_REVERSE }, { "italic", THEME_ITALIC }, { "standout", THEME_STANDOUT },
};

const char *theme_role_name(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_names[r] : "?";
}

static void rgb_of(int i, int *r, int *g, int *b)
{
	static const unsigned char basic[16][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 }, { 0, 0, 238 },
		{ 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 }, { 127, 127, 127 },
		{ 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 }, { 92, 92, 255 }, { 255, 0, 255 },
		{ 0, 255, 255 }, { 255, 255, 255 },
	};
	static const int cube[6] = { 0, 95, 135, 175, 215, 255 };

	if (i < 16) {
		*r = basic[i][0];
		*g = basic[i][1];
		*b = basic[i][2];
	} else if (i < 232) {
		i -= 16;
		*r = cube[i / 36];
		*g = cube[i / 6 % 6];
		*b = cube[i % 6];
	} else {
		*r = *g = *b = 8 + 10 * (i - 232);
	}
}

/* WCAG 2.x: linearise each sRGB channel, then weight by the eye's
 * sensitivity. */
static double linear(int v)
{
	double c = v / 255.0;

	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double theme_luminance_rgb(int r, int g, int b)
{
	return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

double theme_luminance(short c)
{
	int r, g, b;

	if (c < 0 || c > 255)
		return -1;
	rgb_of(c, &r, &g, &b);
	return theme_luminance_rgb(r, g, b);
}

double theme_contrast_ratio(double la, double lb)
{
	double hi = la > lb ? la : lb, lo = la > lb ? lb : la;

	return (hi + 0.05) / (lo + 0.05);
}

double theme_contrast(short a, short b)
{
	double la = theme_luminance(a), lb = theme_luminance(b);

	return la < 0 || lb < 0 ? -1 : theme_contrast_ratio(la, lb);
}

short theme_bold_color(short c)
{
	return c >= 0 && c < 8 ? (short)(c + 8) : c;
}

bool theme_readable(short fg, short bg)
{
	double l = theme_luminance(fg);

	if (bg < 0)
		return fg < 0 || (theme_contrast_ratio(l, 1.0) >= 3.0 &&
				  theme_contrast_ratio(l, 0.0) >= 3.0);
	return fg >= 0 && theme_contrast(fg, bg) >= 4.5;
}

static short nearest(int r, int g, int b, int from, int to)
{
	long best = -1;
	short idx = (short)from;

	for (int i = from; i <= to; i++) {
		int cr, cg, cb;
		long d;

		rgb_of(i, &cr, &cg, &cb);
		d = (long)(cr - r) * (cr - r) + (long)(cg - g) * (cg - g) + (long)(cb - b) * (cb - b);
		if (best < 0 || d < best) {
			best = d;
			idx = (short)i;
		}
	}
	return idx;
}

short theme_nearest8(short c)
{
	int r, g, b;

	if (c < 0)
		return c;
	if (c < 16)
		return (short)(c % 8);
	rgb_of(c, &r, &g, &b);
	return nearest(r, g, b, 0, 7);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool theme_parse_color(const char *s, short *out)
{
	size_t n = strlen(s);

	if (!strcmp(s, "default")) {
		*out = THEME_DEFAULT_COLOR;
		return true;
	}
	for (int i = 0; i < 16; i++) {
		if (!strcmp(s, color_names[i])) {
			*out = (short)i;
			return true;
		}
	}
	if (n == 7 && s[0] == '#') {
		int v[6];

		for (int i = 0; i < 6; i++)
			if ((v[i] = hexval(s[1 + i])) < 0)
				return false;
		/* The 16 basic colours vary between terminals: match the fixed
		 * cube and grey ramp only. */
		*out = nearest(v[0] * 16 + v[1], v[2] * 16 + v[3], v[4] * 16 + v[5], 16, 255);
		return true;
	}
	if (n >= 1 && n <= 3 && strspn(s, "0123456789") == n) {
		int v = atoi(s);

		if (v > 255)
			return false;
		*out = (short)v;
		return true;
	}
	return false;
}

struct tctx {
	const char *name;
	char *err;
	size_t errsz;
};

static bool parse_attrs(struct tctx *c, const struct ynode *n, unsigned *out)
{
	*out = 0;
	if (n->kind != YN_SEQ)
		return ynode_error(c->err, c->errsz, c->name, n,
				   "attributes are a list such as [bold, underline]");
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *a = n->items[i];
		bool ok = false;

		if (a->kind == YN_SCALAR)
			for (size_t k = 0; k < sizeof attr_names / sizeof *attr_names; k++)
				if (!strcmp(a->text, attr_names[k].name)) {
					*out |= attr_names[k].flag;
					ok = true;
				}
		if (!ok)
			return ynode_error(c->err, c->errsz, c->name, a,
					   "unknown attribute '%s' (bold, dim, underline, reverse, italic, standout)",
					   a->kind == YN_SCALAR ? a->text : "?");
	}
	return true;
}

static bool parse_color_node(struct tctx *c, const struct ynode *n, bool basic, short *out)
{
	if (n->kind != YN_SCALAR || !theme_parse_color(n->text, out))
		return ynode_error(c->err, c->errsz, c->name, n,
				   "a colour is a name (default, red, bright-blue, ...), 0-255 or #rrggbb");
	if (basic && (*out > 7 || (n->text[0] >= '0' && n->text[0] <= '9')))
		return ynode_error(c->err, c->errsz, c->name, n,
				   "an 8-colour form must be default or one of the 8 basic colour names");
	return true;
}

static bool parse_role(struct tctx *c, const struct ynode *map, struct theme_style *st)
{
	static const char *const keys[] = { "fg", "bg", "fg8", "bg8", "attrs", "mono", NULL };
	bool fg8 = false, bg8 = false;

	if (map->kind != YN_MAP)
		return ynode_error(c->err, c->errsz, c->name, map,
				   "a role is a mapping of fg, bg, fg8, bg8, attrs and mono");
	/* A role the theme states is whole: what it leaves out is the
	 * terminal's own colour and no attribute. */
	*st = (struct theme_style){ THEME_DEFAULT_COLOR, THEME_DEFAULT_COLOR, THEME_DEFAULT_COLOR,
				    THEME_DEFAULT_COLOR, 0, 0 };
	for (size_t i = 0; i < map->n; i += 2) {
		const struct ynode *k = map->items[i], *v = map->items[i + 1];
		bool known = false;

		for (size_t j = 0; keys[j]; j++)
			known |= !strcmp(k->text, keys[j]);
		if (!known)
			return ynode_error(c->err, c->errsz, c->name, k, "unknown key '%s' in a role", k->text);
		if (!strcmp(k->text, "fg") && !parse_color_node(c, v, false, &st->fg))
			return false;
		if (!strcmp(k->text, "bg") && !parse_color_node(c, v, false, &st->bg))
			return false;
		if (!strcmp(k->text, "fg8") && !(fg8 = parse_color_node(c, v, true, &st->fg8)))
			return false;
		if (!strcmp(k->text, "bg8") && !(bg8 = parse_color_node(c, v, true, &st->bg8)))
			return false;
		if (!strcmp(k->text, "attrs") && !parse_attrs(c, v, &st->attrs))
			return false;
		if (!strcmp(k->text, "mono") && !parse_attrs(c, v, &st->mono))
			return false;
	}
	/* Without a stated 8-colour form, the nearest basic colour. */
	if (!fg8)
		st->fg8 = theme_nearest8(st->fg);
	if (!bg8)
		st->bg8 = theme_nearest8(st->bg);
	return true;
}

static bool parse_theme(struct tctx *c, const struct ynode *root, struct theme *t)
{
	static const char *const keys[] = { "name", "description", "roles", NULL };
	const struct ynode *roles, *name, *desc;

	if (root->kind != YN_MAP)
		return ynode_error(c->err, c->errsz, c->name, root, "a theme must be a mapping");
	for (size_t i = 0; i < root->n; i += 2) {
		const struct ynode *k = root->items[i];
		bool known = false;

		for (size_t j = 0; keys[j]; j++)
			known |= !strcmp(k->text, keys[j]);
		if (!known)
			return ynode_error(c->err, c->errsz, c->name, k, "unknown key '%s' in the theme",
					   k->text);
	}
	name = ynode_get(root, "name");
	if (!name)
		return ynode_error(c->err, c->errsz, c->name, root, "the theme is missing required key 'name'");
	if (name->kind != YN_SCALAR || ynode_is_null(name) || name->len == 0) {
		const struct ynode *at = name;

		/* An empty value has no position of its own: point at the key. */
		for (size_t i = 0; name->kind == YN_SCALAR && name->len == 0 && name->plain && i < root->n; i += 2)
			if (root->items[i + 1] == name)
				at = root->items[i];
		return ynode_error(c->err, c->errsz, c->name, at, "'name' is required and must be non-empty text");
	}
	free(t->name);
	t->name = xstrdup(name->text);
	desc = ynode_get(root, "description");
	if (desc && !ynode_is_null(desc)) {
		if (desc->kind != YN_SCALAR)
			return ynode_error(c->err, c->errsz, c->name, desc, "'description' must be text");
		free(t->description);
		t->description = xstrdup(desc->text);
	}
	roles = ynode_get(root, "roles");
	if (!roles)
		return ynode_error(c->err, c->errsz, c->name, root, "the theme is missing required key 'roles'");
	if (roles->kind != YN_MAP)
		return ynode_error(c->err, c->errsz, c->name, roles, "'roles' must be a mapping of role names");
	for (size_t i = 0; i < roles->n; i += 2) {
		const struct ynode *k = roles->items[i];
		int r = -1;

		for (int j = 0; j < ROLE_COUNT; j++)
			if (!strcmp(k->text, role_names[j]))
				r = j;
		if (r < 0)
			return ynode_error(c->err, c->errsz, c->name, k, "unknown role '%s'", k->text);
		if (!parse_role(c, roles->items[i + 1], &t->roles[r]))
			return false;
	}
	return true;
}

void theme_free(struct theme *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->description);
	free(t);
}

/* Builds a theme from a parsed tree on top of base (NULL: all default);
 * frees the tree. */
static struct theme *from_tree(struct ynode *root, const char *name, const struct theme *base,
			       char *err, size_t errsz)
{
	struct tctx c = { name, err, errsz };
	struct theme *t = xcalloc(1, sizeof *t);

	if (base) {
		memcpy(t->roles, base->roles, sizeof t->roles);
	} else {
		for (int r = 0; r < ROLE_COUNT; r++)
			t->roles[r] = (struct theme_style){ -1, -1, -1, -1, 0, 0 };
	}
	if (!parse_theme(&c, root, t)) {
		theme_free(t);
		t = NULL;
	}
	ytree_free(root);
	return t;
}

struct theme *theme_load_builtin(char *err, size_t errsz)
{
	const char *name = "themes/default.yaml";
	struct ynode *root = ytree_parse(builtin_theme_yaml, builtin_theme_yaml_len, name, err, errsz);

	return root ? from_tree(root, name, NULL, err, errsz) : NULL;
}

/* Roles the file leaves out keep the built-in theme's style. */
static struct theme *over_builtin(struct ynode *root, const char *name, char *err, size_t errsz)
{
	struct theme *base, *t;

	if (!root)
		return NULL;
	base = theme_load_builtin(err, errsz);
	if (!base) {
		ytree_free(root);
		return NULL;
	}
	t = from_tree(root, name, base, err, errsz);
	theme_free(base);
	return t;
}

struct theme *theme_load_buffer(const char *buf, size_t len, const char *name, char *err,
				size_t errsz)
{
	return over_builtin(ytree_parse(buf, len, name, err, errsz), name, err, errsz);
}

struct theme *theme_load_file(const char *path, char *err, size_t errsz)
{
	char *text = NULL;
	size_t len;
	struct theme *t = over_builtin(ytree_load_file(path, &text, &len, err, errsz), path, err, errsz);

	free(text);
	return t;
}
