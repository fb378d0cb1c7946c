
#include "ytree.h"
#include "xalloc.h"
#include "text.h"
#include "osutil.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct parser {
	yaml_parser_t yp;
	const char *buf;
	size_t len;
	const char *name;
	char *err;
	size_t errsz;
	bool failed;
};

static void fail_at(struct parser *p, size_t line, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void fail_at(struct parser *p, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return;
	p->failed = true;
	va_start(ap, fmt);
	ytree_verror(p->err, p->errsz, p->name, (long)line, (long)col, fmt, ap);
	va_end(ap);
}

static void fail_mark(struct parser *p, yaml_mark_t m, const char *msg)
{
	fail_at(p, m.line + 1, m.column + 1, "%s", msg);
}

static bool next_event(struct parser *p, yaml_event_t *ev)
{
	if (yaml_parser_parse(&p->yp, ev))
		return true;
	{
		yaml_mark_t m = p->yp.problem_mark;
		const char *what = p->yp.problem ? p->yp.problem : "invalid YAML";

		if (p->yp.error == YAML_READER_ERROR) {
			/* The reader runs ahead of the scanner: find the position
			 * of the offending byte in the input itself. */
			size_t line = 1, col = 1, end = p->yp.problem_offset;

			for (size_t i = 0; i < end && i < p->len; i++) {
				if (p->buf[i] == '\n') {
					line++;
					col = 1;
				} else if (((unsigned char)p->buf[i] & 0xC0) != 0x80) {
					col++;
				}
			}
			fail_at(p, line, col, "%s", what);
			return false;
		}
		fail_at(p, m.line + 1, m.column + 1, "%s", what);
	}
	return false;
}

static struct ynode *node_new(enum ynode_kind kind, yaml_mark_t m)
{
	struct ynode *n = xcalloc(1, sizeof *n);

	n->kind = kind;
	n->line = (int)m.line + 1;
	n->col = (int)m.column + 1;
	return n;
}

static void node_push(struct ynode *parent, struct ynode *child, size_t *cap)
{
	parent->items = xgrow(parent->items, cap, parent->n + 1, sizeof *parent->items);
	parent->items[parent->n++] = child;
}

void ytree_free(struct ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		ytree_free(n->items[i]);
	free(n->items);
	free(n->text);
	free(n);
}

static int cmp_keyref(const void *a, const void *b)
{
	const struct ynode *const *x = a, *const *y = b;
	int c = strcmp((*x)->text, (*y)->text);

	if (c)
		return c;
	if ((*x)->line != (*y)->line)
		return (*x)->line < (*y)->line ? -1 : 1;
	return ((*x)->col > (*y)->col) - ((*x)->col < (*y)->col);
}

/* Reports the duplicate key that comes last-but-first in the file: the
 * second occurrence of whichever key repeats earliest. Sorting keeps large
 * mappings (a YAML bomb of many keys) at n log n. */
static bool check_duplicates(struct parser *p, struct ynode *map)
{
	size_t nk = map->n / 2;
	struct ynode **keys, *worst = NULL;

	if (nk < 2)
		return true;
	keys = xmalloc(nk * sizeof *keys);
	for (size_t i = 0; i < nk; i++)
		keys[i] = map->items[2 * i];
	qsort(keys, nk, sizeof *keys, cmp_keyref);
	for (size_t i = 1; i < nk; i++) {
		if (strcmp(keys[i]->text, keys[i - 1]->text) != 0)
			continue;
		struct ynode *later = keys[i]; /* ties are sorted by position */
		if (!worst || later->line < worst->line ||
		    (later->line == worst->line && later->col < worst->col))
			worst = later;
	}
	if (worst)
		fail_at(p, (size_t)worst->line, (size_t)worst->col,
			"duplicate key '%s'", worst->text);
	free(keys);
	return worst == NULL;
}

static struct ynode *parse_node(struct parser *p, yaml_event_t *ev, int depth);

static bool check_anchor(struct parser *p, yaml_event_t *ev)
{
	const yaml_char_t *anchor = NULL;

	if (ev->type == YAML_SCALAR_EVENT)
		anchor = ev->data.scalar.anchor;
	else if (ev->type == YAML_SEQUENCE_START_EVENT)
		anchor = ev->data.sequence_start.anchor;
	else if (ev->type == YAML_MAPPING_START_EVENT)
		anchor = ev->data.mapping_start.anchor;
	if (anchor) {
		fail_mark(p, ev->start_mark, "YAML anchors are not allowed");
		return false;
	}
	return true;
}

static struct ynode *parse_collection(struct parser *p, yaml_event_t *start, int depth)
{
	bool is_map = start->type == YAML_MAPPING_START_EVENT;
	yaml_event_type_t end = is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
	struct ynode *n = node_new(is_map ? YN_MAP : YN_SEQ, start->start_mark);
	size_t cap = 0;

	if (depth > YTREE_MAX_DEPTH) {
		fail_mark(p, start->start_mark, "nesting is too deep");
		ytree_free(n);
		return NULL;
	}
	for (;;) {
		yaml_event_t ev;
		struct ynode *child;

		if (!next_event(p, &ev)) {
			ytree_free(n);
			return NULL;
		}
		if (ev.type == end) {
			yaml_event_delete(&ev);
			break;
		}
		if (is_map && n->n % 2 == 0 && ev.type != YAML_SCALAR_EVENT &&
		    ev.type != YAML_ALIAS_EVENT) {
			fail_mark(p, ev.start_mark, "a mapping key must be a plain scalar");
			yaml_event_delete(&ev);
			ytree_free(n);
			return NULL;
		}
		child = parse_node(p, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!child) {
			ytree_free(n);
			return NULL;
		}
		node_push(n, child, &cap);
	}
	if (is_map && !check_duplicates(p, n)) {
		ytree_free(n);
		return NULL;
	}
	return n;
}

static struct ynode *parse_node(struct parser *p, yaml_event_t *ev, int depth)
{
	struct ynode *n;

	if (ev->type == YAML_ALIAS_EVENT) {
		fail_mark(p, ev->start_mark, "YAML aliases are not allowed");
		return NULL;
	}
	if (!check_anchor(p, ev))
		return NULL;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = node_new(YN_SCALAR, ev->start_mark);
		n->text = xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		for (size_t i = 0; i < n->len; i++) {
			unsigned char c = (unsigned char)n->text[i];

			/* Escapes such as "\e" or "\x1b" would smuggle terminal
			 * controls into screens and reports. */
			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F ||
			    (c == 0xC2 && i + 1 < n->len && (unsigned char)n->text[i + 1] < 0xA0)) {
				fail_mark(p, ev->start_mark, c ? "text holds a control character"
								: "text holds a NUL character");
				ytree_free(n);
				return NULL;
			}
			/* U+202A-U+202E and U+2066-U+2069 (E2 80 AA-AE, E2 81
			 * A6-A9) reorder what is shown around them: a criterion
			 * could read differently from what it says. */
			if (c == 0xE2 && i + 2 < n->len) {
				unsigned cp;

				if (utf8_decode(n->text + i, n->len - i, &cp) == 3 && text_is_bidi(cp)) {
					fail_at(p, ev->start_mark.line + 1, ev->start_mark.column + 1,
						"text holds a bidirectional override (U+%04X)", cp);
					ytree_free(n);
					return NULL;
				}
			}
		}
		return n;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return parse_collection(p, ev, depth);
	default:
		fail_mark(p, ev->start_mark, "unexpected YAML event");
		return NULL;
	}
}

struct ynode *ytree_parse(const char *buf, size_t len, const char *name,
			  char *err, size_t errsz)
{
	struct parser p = { .name = name, .err = err, .errsz = errsz, .buf = buf, .len = len };
	struct ynode *root = NULL;
	yaml_event_t ev;
	size_t bad;

	err[0] = '\0';
	if (len > YTREE_MAX_BYTES) {
		fail_at(&p, 1, 1, "file is larger than 4 MiB");
		return NULL;
	}
	if (!utf8_valid(buf, len, &bad)) {
		size_t line = 1, col = 1;

		for (size_t i = 0; i < bad; i++) {
			if (buf[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
				col++;
			}
		}
		fail_at(&p, line, col, "text is not valid UTF-8");
		return NULL;
	}
	if (!yaml_parser_initialize(&p.yp)) {
		fail_at(&p, 1, 1, "out of memory");
		return NULL;
	}
	/* libyaml keeps a byte order mark as a column when the encoding is
	 * set; skip it, YAML allows one. */
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		p.buf = buf += 3;
		p.len = len -= 3;
	}
	yaml_parser_set_input_string(&p.yp, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&p.yp, YAML_UTF8_ENCODING);

	if (!next_event(&p, &ev))
		goto out;
	yaml_event_delete(&ev); /* STREAM-START */
	if (!next_event(&p, &ev))
		goto out;
	if (ev.type == YAML_STREAM_END_EVENT) {
		fail_mark(&p, ev.start_mark, "the file is empty; expected a mapping");
		yaml_event_delete(&ev);
		goto out;
	}
	yaml_event_delete(&ev); /* DOCUMENT-START */
	if (!next_event(&p, &ev))
		goto out;
	root = parse_node(&p, &ev, 0);
	yaml_event_delete(&ev);
	if (!root)
		goto out;
	if (!next_event(&p, &ev))
		goto fail;
	yaml_event_delete(&ev); /* DOCUMENT-END */
	if (!next_event(&p, &ev))
		goto fail;
	if (ev.type != YAML_STREAM_END_EVENT) {
		fail_mark(&p, ev.start_mark, "only one YAML document is allowed");
		yaml_event_delete(&ev);
		goto fail;
	}
	yaml_event_delete(&ev);
	goto out;
fail:
	ytree_free(root);
	root = NULL;
out:
	yaml_parser_delete(&p.yp);
	return root;
}

struct ynode *ytree_load_file(const char *path, char **text, size_t *text_len,
			      char *err, size_t errsz)
{
	bool too_big;
	size_t len = 0;
	const char *why;
	char *buf = file_read_regular(path, YTREE_MAX_BYTES, &len, &too_big, &why);
	struct ynode *root;

	*text = NULL;
	if (!buf) {
		if (too_big)
			ytree_error(err, errsz, path, 1, 1, "file is larger than 4 MiB");
		else
			snprintf(err, errsz, "mlmat: %s: %s", path, why);
		return NULL;
	}
	root = ytree_parse(buf, len, path, err, errsz);
	if (!root) {
		free(buf);
		return NULL;
	}
	*text = buf;
	*text_len = len;
	return root;
}

bool ynode_is_null(const struct ynode *n)
{
	if (n->kind != YN_SCALAR || !n->plain)
		return false;
	return n->len == 0 || !strcmp(n->text, "~") || !strcmp(n->text, "null") ||
	       !strcmp(n->text, "Null") || !strcmp(n->text, "NULL");
}

struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	if (map->kind != YN_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (!strcmp(map->items[i]->text, key))
			return map->items[i + 1];
	return NULL;
}

bool ynode_error(char *err, size_t errsz, const char *name, const struct ynode *at,
		 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ytree_verror(err, errsz, name, at->line, at->col, fmt, ap);
	va_end(ap);
	return false;
}

void ytree_error(char *err, size_t errsz, const char *name, long line, long col,
		 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ytree_verror(err, errsz, name, line, col, fmt, ap);
	va_end(ap);
}

void ytree_verror(char *err, size_t errsz, const char *name, long line, long col,
		  const char *fmt, va_list ap)
{
	int n = snprintf(err, errsz, "%s:%ld:%ld: error: ", name, line, col);

	if (n >= 0 && (size_t)n < errsz)
		vsnprintf(err + n, errsz - (size_t)n, fmt, ap);
}
