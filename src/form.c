/* The new-assessment form: three fields in one dialog, checked by the
 * store's team-name rule and the period syntax. */
#include "form.h"
#include "dialog.h"
#include "names.h"
#include "xalloc.h"
#include "period.h"
#include "osutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *form_check_team_name(const char *text, void *ctx)
{
	char clean[TEAM_NAME_BYTES];
	const char *why;

	(void)ctx;
	return store_team_name_clean(text, clean, &why) ? NULL : why;
}

static const char *check_period(const char *text, void *ctx)
{
	(void)ctx;
	return period_parse(text, NULL) ? NULL : "A period is YYYY-Qn, n from 1 to 4 (e.g. 2026-Q4).";
}

/* A new assessment says where its answers came from, if anywhere. */
static void say_source(struct app *app, int64_t id, const char *team, const char *period)
{
	struct assessment *a;
	char from[PERIOD_LEN];
	int p = NO_PERIOD;

	if (store_assessment_load(app->st, id, &a) > 0) {
		store_assessment_source(app->st, a, &p);
		assessment_free(a);
	}
	if (p == NO_PERIOD) {
		app_message(app, false, "New assessment for %s in %s.", team, period);
		return;
	}
	period_format(p, from);
	app_message(app, false, "New assessment for %s in %s, answers carried from %s: confirm or "
		    "change them.", team, period, from);
}

/* A typed team name that is no team's but close to one's (the same but
 * for case, spaces or accents, or a letter or two off) is probably that
 * team mistyped: asks, and writes the name to use into team. */
static void offer_close_team(struct app *app, char team[TEAM_NAME_BYTES])
{
	struct team_summary *t;
	const char *close = NULL;
	size_t n;
	bool exact = false;

	if (!store_team_list(app->st, &t, &n))
		return;         /* the store's error shows when the form saves */
	for (size_t i = 0; i < n; i++) {
		exact = exact || !strcmp(t[i].name, team);
		if (!close && name_close(team, t[i].name))
			close = t[i].name;
	}
	if (!exact && close) {
		char *q = xasprintf("No team is named '%s', but '%s' is. Use '%s'? (n: a new team "
				    "named '%s')", team, close, close, team);

		if (dialog_confirm(app, q))
			snprintf(team, TEAM_NAME_BYTES, "%s", close);
		free(q);
	}
	store_team_list_free(t, n);
}

int64_t form_new_assessment(struct app *app, const char *default_team)
{
	char period[PERIOD_LEN], team[TEAM_NAME_BYTES], facilitator[TEAM_NAME_BYTES];
	struct dialog_field f[3] = {
		{ "Team", default_team, TEAM_NAME_MAX, form_check_team_name, NULL, { 0 }, NULL },
		{ "Period", period, 7, check_period, NULL, { 0 }, NULL },
		{ "Facilitator", os_user(), TEAM_NAME_MAX, form_check_team_name, NULL, { 0 }, NULL },
	};
	const char *why;
	int p;
	bool created;
	int64_t id;

	period_format(period_current(), period);
	if (!dialog_fields(app, "New assessment", f, 3)) {
		app_message(app, false, "No assessment created.");
		return 0;
	}
	store_team_name_clean(lineedit_text(&f[0].ed), team, &why);
	period_parse(lineedit_text(&f[1].ed), &p);
	store_team_name_clean(lineedit_text(&f[2].ed), facilitator, &why);
	for (int i = 0; i < 3; i++)
		lineedit_free(&f[i].ed);
	offer_close_team(app, team);
	id = store_assessment_begin(app->st, team, p, facilitator, app->model, &created);
	if (!id) {
		app_message(app, true, "Not saved: %s", store_error(app->st));
		return 0;
	}
	app_reload_all(app);
	period_format(p, period);
	if (created)
		say_source(app, id, team, period);
	else
		app_message(app, false, "%s already has an assessment in %s: opened it.", team, period);
	return id;
}
