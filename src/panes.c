/* The panes as plug-ins: one table lists them in the layout's order
 * (enum pane_id); the team view asks each to load its data and to draw. */
#include "panes.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static const struct pane_ops *const panes[PANE_COUNT] = {
	[PANE_PROGRESS] = &pane_progress_ops,
	[PANE_HEATMAP] = &pane_heatmap_ops,
	[PANE_ROADMAP] = &pane_roadmap_ops,
};

void team_view_free(struct team_view *v)
{
	for (int p = 0; p < PANE_COUNT; p++)
		if (panes[p]->free)
			panes[p]->free(v);
	assessment_free(v->a);
	free(v->group_score);
	memset(v, 0, sizeof *v);
}

/* The group scores of the assessment, worked out once here so that the
 * header and the progress pane only read them. */
static void load_groups(struct team_view *v)
{
	const struct model *m = v->a ? v->a->model : NULL;

	free(v->group_score);
	v->group_score = NULL;
	if (!m || !m->ngroups)
		return;
	v->group_score = xcalloc(m->ngroups, sizeof *v->group_score);
	for (size_t g = 0; g < m->ngroups; g++)
		v->group_score[g] = score_group(m, v->a->scores, (long)g);
}

void team_view_refresh(struct app *app, struct team_view *v)
{
	load_groups(v);
	for (int p = 0; p < PANE_COUNT; p++)
		if (panes[p]->load)
			panes[p]->load(app, v);
}

void team_view_load(struct app *app, struct team_view *v, int64_t team_id, int64_t assessment_id)
{
	assessment_free(v->a);
	v->a = NULL;
	v->team_id = team_id;
	if (!assessment_id && store_team_latest(app->st, team_id, &assessment_id, NULL) < 0)
		app_message(app, true, "%s", store_error(app->st));
	if (assessment_id && store_assessment_load(app->st, assessment_id, &v->a) < 0)
		app_message(app, true, "%s", store_error(app->st));
	team_view_refresh(app, v);
}

void panes_draw(struct app *app, const struct layout *l, WINDOW **wins, const struct team_view *v)
{
	for (int p = 0; p < PANE_COUNT; p++) {
		wins[p] = ui_window_at(wins[p], &l->pane[p]);
		if (!wins[p])
			continue;
		werase(wins[p]);
		panes[p]->draw(app, wins[p], v);
		wnoutrefresh(wins[p]);
	}
}
