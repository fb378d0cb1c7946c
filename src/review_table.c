/* The quarterly review's roadmap table: an item a row, the selection kept
 * in view, overdue and blocked items marked, and what blocks the selected
 * one on the bottom line. */
#include "review.h"
#include "period.h"
#include "scroll.h"
#include "strbuf.h"

#include <stdio.h>

bool review_item_open(const struct roadmap_row *it)
{
	return it->status == RM_PLANNED || it->status == RM_IN_PROGRESS;
}

void review_draw_table(struct review *r)
{
	WINDOW *w = r->table;
	int iw = getmaxx(w) - 2, rows = getmaxy(w) - 3;
	int cw[7] = { 0, 12, 12, 10, 8, 8, 8 };
	static const char *const heads[7] = { "Action", "Dimension", "Status", "Owner", "Due",
					      "Created", "Done" };
	char title[300];
	size_t nblocked = 0;

	werase(w);
	for (size_t i = 0; r->rm_blocked && i < r->nrm; i++)
		nblocked += r->rm_blocked[i] != NULL;
	snprintf(title, sizeof title, "Roadmap (%zu items; s status, O owner, d due%s)", r->nrm,
		 nblocked ? "; ! blocked" : "");
	ui_box(w, title, true);
	cw[0] = iw - (12 + 12 + 10 + 8 + 8 + 8) - 7;
	if (cw[0] < 10)
		cw[0] = 10;
	{
		int x = 1;

		for (int c = 0; c < 7; c++) {
			ui_text(w, 1, x, heads[c], cw[c], ui_attr(ROLE_MUTED));
			x += cw[c] + 1;
		}
	}
	r->page = rows > 1 ? (size_t)rows : 1;
	if (r->sel < r->top)
		r->top = r->sel;
	if (rows > 0 && r->sel >= r->top + (size_t)rows)
		r->top = r->sel - (size_t)rows + 1;
	for (int i = 0; i < rows && r->top + (size_t)i < r->nrm; i++) {
		const struct roadmap_row *it = &r->rm[r->top + (size_t)i];
		bool sel = r->top + (size_t)i == r->sel;
		bool open = review_item_open(it), overdue = r->rm_overdue[r->top + (size_t)i];
		enum role role = sel ? ROLE_SELECT : overdue ? ROLE_WARN : open ? ROLE_TEXT : ROLE_MUTED;
		attr_t a = ui_attr(role);
		char p[3][PERIOD_LEN];
		const char *cells[7];
		int x = 1, y = 2 + i;

		for (int k = 0; k < 3; k++) {
			int v = k == 0 ? it->due_period : k == 1 ? it->created_period : it->done_period;

			if (v == NO_PERIOD)
				snprintf(p[k], sizeof p[k], "-");
			else
				period_format(v, p[k]);
		}
		cells[0] = it->action ? it->action : it->criterion_id;
		cells[1] = it->dimension_id;
		cells[2] = rm_status_name(it->status);
		cells[3] = it->owner ? it->owner : "-";
		cells[4] = p[0];
		cells[5] = p[1];
		cells[6] = p[2];
		if (sel)
			ui_fill(w, y, 1, iw + 1, a);
		/* A blocked item: a mark before its action (its blockers on the
		 * bottom line when selected). */
		if (r->rm_blocked && r->rm_blocked[r->top + (size_t)i]) {
			ui_text(w, y, x, "!", 1, sel ? a : ui_attr(ROLE_WARN) | ui_bold(ROLE_WARN));
			ui_text(w, y, x + 2, cells[0], cw[0] - 2, a);
			x += cw[0] + 1;
		}
		for (int c = x > 1 ? 1 : 0; c < 7; c++) {
			ui_text(w, y, x, cells[c], cw[c], a | (c == 4 && overdue ? ui_bold(role) : 0));
			x += cw[c] + 1;
		}
	}
	if (!r->nrm) {
		ui_text(w, 2, 2, "No roadmap items: no gaps to targets yet.", iw - 2, ui_attr(ROLE_MUTED));
	} else {
		int right = scroll_mark_rows(w, r->top, rows > 0 ? (size_t)rows : 0, r->nrm,
					     r->on_change ? "Tab" : "j k, i");

		if (r->rm_blocked && r->rm_blocked[r->sel]) {
			snprintf(title, sizeof title, " blocked by %s ", r->rm_blocked[r->sel]);
			ui_text(w, getmaxy(w) - 1, 2, title, iw - 3 - right, ui_attr(ROLE_WARN));
		}
	}
	wnoutrefresh(w);
}

char *review_item_text(const struct review *r, size_t i, char *title, size_t title_size)
{
	const struct roadmap_row *it;
	long c;
	char p[3][PERIOD_LEN];
	struct strbuf b;

	if (i >= r->nrm)
		return NULL;
	it = &r->rm[i];
	c = r->m ? model_find_criterion(r->m, it->criterion_id) : -1;
	for (int k = 0; k < 3; k++) {
		int v = k == 0 ? it->due_period : k == 1 ? it->created_period : it->done_period;

		if (v == NO_PERIOD)
			snprintf(p[k], sizeof p[k], "-");
		else
			period_format(v, p[k]);
	}
	sb_init(&b);
	sb_printf(&b, "Action: %s\n\nCriterion %s: %s", it->action ? it->action : "-",
		  it->criterion_id, c >= 0 ? r->m->crits[c].text : "(not in the model)");
	if (c >= 0)
		sb_printf(&b, "\nLevel %d of %s", r->m->crits[c].level,
			  r->m->dims[r->m->crits[c].dim].name);
	else
		sb_printf(&b, "\nDimension: %s", it->dimension_id);
	sb_printf(&b, "\n\nStatus: %s\nOwner: %s\nDue: %s%s\nCreated: %s\nDone: %s",
		  rm_status_name(it->status), it->owner ? it->owner : "-", p[0],
		  r->rm_overdue && r->rm_overdue[i] ? " (overdue)" : "", p[1], p[2]);
	sb_printf(&b, "\nBlocked by: %s",
		  r->rm_blocked && r->rm_blocked[i] ? r->rm_blocked[i] : "nothing");
	snprintf(title, title_size, "Roadmap item %s", it->criterion_id);
	return b.s;
}
