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

/* Another team starts at the top of each pane, its latest periods, and
 * follows the screen's dimension again. */
static void reset_scroll(struct team_view *v)
{
	memset(v->top, 0, sizeof v->top);
	v->heat_back = 0;
	for (int p = 0; p < PANE_COUNT; p++)
		v->followed[p] = -1;
}

void team_view_load(struct app *app, struct team_view *v, int64_t team_id, int64_t assessment_id)
{
	if (team_id != v->team_id)
		reset_scroll(v);
	assessment_free(v->a);
	v->a = NULL;
	v->team_id = team_id;
	if (!assessment_id && store_team_latest(app->st, team_id, &assessment_id, NULL) < 0)
		app_message(app, true, "%s", store_error(app->st));
	if (assessment_id && store_assessment_load(app->st, assessment_id, &v->a) < 0)
		app_message(app, true, "%s", store_error(app->st));
	team_view_refresh(app, v);
}

void panes_draw(struct app *app, const struct layout *l, WINDOW **wins, struct team_view *v)
{
	for (int p = 0; p < PANE_COUNT; p++) {
		wins[p] = ui_window_at(wins[p], &l->pane[p]);
		v->page[p] = 0;
		if (!wins[p])
			continue;
		werase(wins[p]);
		panes[p]->draw(app, wins[p], v);
		wnoutrefresh(wins[p]);
	}
}

void panes_key(struct app *app, struct team_view *v)
{
	switch (app->key) {
	case '}':
	case '{':
		/* Each pane shown at the last frame moves by its own page;
		 * its draw keeps it in range. */
		for (int p = 0; p < PANE_COUNT; p++) {
			size_t pg = v->page[p];

			if (!pg)
				continue;
			if (app->key == '}')
				v->top[p] += pg;
			else
				v->top[p] = v->top[p] > pg ? v->top[p] - pg : 0;
		}
		break;
	case 'H': /* when the heatmap is on screen; its draw keeps it in range */
		if (v->page[PANE_HEATMAP])
			v->heat_back += v->heat_fit;
		break;
	case 'L':
		v->heat_back = v->heat_back > v->heat_fit ? v->heat_back - v->heat_fit : 0;
		break;
	default:
		break;
	}
}
