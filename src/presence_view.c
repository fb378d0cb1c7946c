/* Home's line of who has which assessment open (presence_view.h). */
#include "presence_view.h"
#include "period.h"
#include "strbuf.h"

#include <string.h>
#include <time.h>

void presence_view_load(struct app *app, struct presence_view *v)
{
	struct presence *all;
	size_t n, k = 0;

	if (!store_presence_list(app->st, 0, &all, &n))
		return;
	for (size_t i = 0; i < n; i++) {
		if (all[i].self) {
			store_presence_clear(&all[i]);
			continue;
		}
		all[k++] = all[i];
	}
	presence_view_free(v);
	v->p = all;
	v->n = k;
}

void presence_view_free(struct presence_view *v)
{
	store_presence_free(v->p, v->n);
	v->p = NULL;
	v->n = 0;
}

void presence_view_draw(const struct presence_view *v, WINDOW *w, int y, int x, int width)
{
	struct strbuf sb;
	time_t now = time(NULL);
	char p[PERIOD_LEN];

	sb_init(&sb);
	for (size_t i = 0; i < v->n; i++) {
		if (!presence_alive(&v->p[i], now))
			continue;
		period_format(v->p[i].period, p);
		sb_printf(&sb, "%s%s on %s %s", sb.len ? ", " : " here: ", v->p[i].os_user, v->p[i].team,
			  p);
	}
	if (sb.len) {
		sb_addc(&sb, ' ');
		ui_text(w, y, x, sb.s, width, ui_attr(ROLE_MUTED));
	}
	sb_free(&sb);
}

int64_t presence_view_team(const struct presence_view *v, const char *team)
{
	time_t now = time(NULL);

	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->p[i].team, team) && presence_alive(&v->p[i], now))
			return v->p[i].assessment_id;
	return 0;
}
