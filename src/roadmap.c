#include "roadmap.h"

#include <string.h>

static const char *const status_names[RM_NSTATUS] = { "planned", "in-progress", "done", "dropped" };

const char *rm_status_name(enum rm_status s)
{
	return (unsigned)s < RM_NSTATUS ? status_names[s] : "planned";
}

bool rm_status_parse(const char *s, enum rm_status *out)
{
	for (int i = 0; i < RM_NSTATUS; i++) {
		if (!strcmp(s, status_names[i])) {
			*out = (enum rm_status)i;
			return true;
		}
	}
	return false;
}

bool roadmap_in_gap(const struct model *m, size_t c, enum answer a, int level, int target)
{
	int top = target > level + 1 ? target : level + 1;
	int l = m->crits[c].level;

	return a != ANS_YES && l >= level + 1 && l <= top;
}

bool roadmap_on_answer(struct rm_item *it, enum answer old, enum answer now, int latest_period)
{
	if (!it->exists || old == now)
		return false;
	if (now == ANS_YES) {
		it->status = RM_DONE;
		it->done_period = latest_period;
		return true;
	}
	if (old == ANS_YES) {
		it->status = RM_PLANNED;
		it->done_period = NO_PERIOD;
		return true;
	}
	return false;
}

void roadmap_set_status(struct rm_item *it, enum rm_status s, int latest_period)
{
	it->status = s;
	it->done_period = s == RM_DONE ? latest_period : NO_PERIOD;
}
