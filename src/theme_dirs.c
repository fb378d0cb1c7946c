#include "theme_dirs.h"
#include "xalloc.h"
#include "text.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef MLMAT_SHAREDIR
#define MLMAT_SHAREDIR "/usr/local/share/mlmat"
#endif
/* The folders searched, in order: the user's, the installed, and, only in a
 * build made with MLMAT_SRCDIR (development and tests), the source tree's,
 * so that it runs its themes without installing. An installed binary knows
 * no build folder and never looks in the current one. */
static int theme_dirs(char *dirs[3])
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int n = 0;

	if (xdg && *xdg == '/')
		dirs[n++] = xasprintf("%s/mlmat/themes", xdg);
	else if (home && *home)
		dirs[n++] = xasprintf("%s/.config/mlmat/themes", home);
	dirs[n++] = xstrdup(MLMAT_SHAREDIR "/themes");
#ifdef MLMAT_SRCDIR
	dirs[n++] = xstrdup(MLMAT_SRCDIR "/themes");
#endif
	return n;
}

char *theme_find(const char *name)
{
	char *dirs[3], *found = NULL;
	size_t n = strlen(name);
	int nd;

	if (strchr(name, '/') || (n > 5 && !strcmp(name + n - 5, ".yaml")))
		return xstrdup(name);
	nd = theme_dirs(dirs);
	for (int i = 0; i < nd; i++) {
		char *p = xasprintf("%s/%s.yaml", dirs[i], name);
		struct stat sb;

		if (!found && stat(p, &sb) == 0 && S_ISREG(sb.st_mode))
			found = p;
		else
			free(p);
		free(dirs[i]);
	}
	return found;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void theme_list(FILE *out)
{
	char *dirs[3], **seen = NULL;
	size_t nseen = 0, seen_cap = 0;
	int nd = theme_dirs(dirs);

	fprintf(out, "default\t(built-in)\n");
	for (int i = 0; i < nd; i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;
		char **names = NULL;
		size_t nn = 0, cap = 0;

		while (d && (e = readdir(d))) {
			size_t n = strlen(e->d_name);

			if (n > 5 && !strcmp(e->d_name + n - 5, ".yaml") && e->d_name[0] != '.') {
				names = xgrow(names, &cap, nn + 1, sizeof *names);
				names[nn++] = xstrndup(e->d_name, n - 5);
			}
		}
		if (d)
			closedir(d);
		if (nn > 1)
			qsort(names, nn, sizeof *names, cmp_str);
		for (size_t k = 0; k < nn; k++) {
			bool dup = !strcmp(names[k], "default");

			for (size_t j = 0; j < nseen; j++)
				dup |= !strcmp(seen[j], names[k]);
			if (dup) {
				free(names[k]);
				continue;
			}
			{
				/* File and folder names may hold anything, escape
				 * sequences too: printed as text_printable makes them. */
				char *name = text_printable(names[k], false);
				char *where = xasprintf("%s/%s.yaml", dirs[i], names[k]);
				char *safe = text_printable(where, false);

				fprintf(out, "%s\t%s\n", name, safe);
				free(name);
				free(where);
				free(safe);
			}
			seen = xgrow(seen, &seen_cap, nseen + 1, sizeof *seen);
			seen[nseen++] = names[k];
		}
		free(names);
		free(dirs[i]);
	}
	for (size_t j = 0; j < nseen; j++)
		free(seen[j]);
	free(seen);
}
