#include "home_teams.h"
#include "dialog.h"
#include "form.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* After a change: every screen re-reads, and the outcome (said, to be
 * freed) is said last. */
static void done(struct app *app, bool ok, char *said)
{
	char *why = ok ? NULL : xstrdup(store_error(app->st));

	app_reload_all(app);
	if (ok)
		app_message(app, false, "%s", said);
	else
		app_message(app, true, "Not saved: %s", why);
	free(why);
	free(said);
}

void home_team_rename(struct app *app, const char *home_name)
{
	char *name = xstrdup(home_name), title[160];
	char *to = dialog_prompt(app, (snprintf(title, sizeof title, "Rename %s to", name), title),
				 name, TEAM_NAME_MAX, form_check_team_name, NULL);

	if (!to || !strcmp(to, name))
		app_message(app, false, "Team unchanged.");
	else
		done(app, store_team_rename(app->st, name, to),
		     xasprintf("Renamed %s to %s; its history goes with it.", name, to));
	free(to);
	free(name);
}

static void merge(struct app *app, const char *name, const char *const *others, size_t n)
{
	char title[160], question[400];
	long into;

	snprintf(title, sizeof title, "Merge %s into", name);
	into = dialog_choose(app, title, others, n);
	if (into < 0) {
		app_message(app, false, "Nothing merged.");
		return;
	}
	snprintf(question, sizeof question, "Move every assessment of %s into %s and remove %s?",
		 name, others[into], name);
	if (!dialog_confirm(app, question)) {
		app_message(app, false, "Nothing merged.");
		return;
	}
	done(app, store_team_merge(app->st, name, others[into]),
	     xasprintf("Merged %s into %s.", name, others[into]));
}

void home_team_merge(struct app *app, const struct team_list *tl, int64_t id, const char *name)
{
	char **copies = xcalloc(tl->nall ? tl->nall : 1, sizeof *copies), *copy;
	size_t n = 0;

	for (size_t i = 0; i < tl->nall; i++)
		if (tl->all[i].id != id)
			copies[n++] = xstrdup(tl->all[i].name);
	if (!n) {
		app_message(app, false, "There is no other team to merge %s into.", name);
		free(copies);
		return;
	}
	copy = xstrdup(name);
	merge(app, copy, (const char *const *)copies, n);
	free(copy);
	for (size_t i = 0; i < n; i++)
		free(copies[i]);
	free(copies);
}

void home_team_archive(struct app *app, const char *home_name, bool archived)
{
	char question[300], *name = xstrdup(home_name);

	snprintf(question, sizeof question, archived
		 ? "Archive %s? It leaves home and the organisation view; its history stays in "
		   "exports and reports (Z shows archived teams)."
		 : "Unarchive %s? It shows on home and in the organisation view again.", name);
	if (!dialog_confirm(app, question))
		app_message(app, false, "Team unchanged.");
	else
		done(app, store_team_archive(app->st, name, archived),
		     xasprintf("%s %s.", archived ? "Archived" : "Unarchived", name));
	free(name);
}

static const char *same_name(const char *text, void *ctx)
{
	return strcmp(text, ctx) ? "Type the team's name exactly, or Esc." : NULL;
}

void home_team_delete(struct app *app, int64_t id, const char *home_name)
{
	char title[300], *typed, *name;
	struct period_row *rows = NULL;
	size_t assessments = 0;

	if (!store_team_assessments(app->st, id, &rows, &assessments)) {
		app_message(app, true, "%s", store_error(app->st));
		return;
	}
	free(rows);
	name = xstrdup(home_name);

	snprintf(title, sizeof title, "Delete %s and its %lld assessment%s? Type its name", name,
		 (long long)assessments, assessments == 1 ? "" : "s");
	/* The name itself must be typed: a key pressed by mistake deletes
	 * nothing. */
	typed = dialog_prompt(app, title, "", TEAM_NAME_MAX, same_name, (void *)(uintptr_t)name);
	if (!typed) {
		app_message(app, false, "Nothing deleted.");
	} else {
		free(typed);
		done(app, store_team_delete(app->st, name, true),
		     xasprintf("Deleted %s; the audit log keeps its history.", name));
	}
	free(name);
}
