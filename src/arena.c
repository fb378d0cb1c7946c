#include "arena.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Blocks of ARENA_BLOCK bytes, newest first; a longer string gets a block
 * of its own size. */
#define ARENA_BLOCK (64 * 1024 - 64)

struct arena {
	struct arena *next;
	size_t used, size;
	char bytes[];
};

static struct arena *block(struct arena *next, size_t size)
{
	struct arena *b = xmalloc(sizeof *b + size);

	b->next = next;
	b->used = 0;
	b->size = size;
	return b;
}

char *arena_strndup(struct arena **a, const char *s, size_t n)
{
	struct arena *b = *a;
	char *out;

	if (n + 1 > ARENA_BLOCK) {
		/* behind the current block, which keeps its room */
		b = block(b ? b->next : NULL, n + 1);
		if (*a)
			(*a)->next = b;
		else
			*a = b;
	} else if (!b || b->size - b->used < n + 1) {
		b = *a = block(b, ARENA_BLOCK);
	}
	out = b->bytes + b->used;
	memcpy(out, s, n);
	out[n] = '\0';
	b->used += n + 1;
	return out;
}

void arena_free(struct arena *a)
{
	while (a) {
		struct arena *next = a->next;

		free(a);
		a = next;
	}
}
