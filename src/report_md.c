/* The report as GitHub-flavoured Markdown: the HTML report's content in
 * tables and lists, for tickets and wikis. User text goes through
 * text_printable, then every character that is markup is escaped: a
 * backslash before the emphasis, code and link characters, entities for
 * <, >, & (no raw HTML), | (no extra table cell) and ~ (no strike-through),
 * which CommonMark and Python-Markdown both read back as the character. */
#include "report_write.h"
#include "period.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

static void md_raw(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		switch (c) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '|': fputs("&#124;", out); break;
		case '~': fputs("&#126;", out); break;
		case '\\': case '`': case '*': case '_': case '[': case ']': case '#': case '!':
			putc('\\', out);
			putc(c, out);
			break;
		default: putc(c, out);
		}
	}
}

static void md(FILE *out, const char *s)
{
	char *p = text_printable(s ? s : "", false);

	md_raw(out, p, strlen(p));
	free(p);
}

static void on_piece(void *ctx, const char *s, size_t n, bool link)
{
	FILE *out = ctx;

	if (!link) {
		md_raw(out, s, n);
		return;
	}
	/* An autolink: nothing inside it is markup, and report_links lets
	 * through no character that could end it. */
	putc('<', out);
	fwrite(s, 1, n, out);
	putc('>', out);
}

static void md_evidence(FILE *out, const char *s)
{
	char *p = text_printable(s ? s : "", false);

	report_links(p, on_piece, out);
	free(p);
}

/* ---- organisation ---- */

static void org_heatmap(FILE *out, const struct report *r)
{
	const struct model *m = r->model;

	fputs("\n## Heatmap: score by team and dimension\n\n| Team | Period | Overall |", out);
	for (size_t d = 0; d < m->ndims; d++) {
		putc(' ', out);
		md(out, m->dims[d].name);
		fputs(" |", out);
	}
	fputs("\n|---|---|--:|", out);
	for (size_t d = 0; d < m->ndims; d++)
		fputs("--:|", out);
	putc('\n', out);
	for (size_t i = 0; i < r->nteams; i++) {
		const struct assessment *a = r->teams[i].a;

		fputs("| ", out);
		md(out, a->team);
		fputs(" | ", out);
		report_put_period(out, a->period);
		fprintf(out, " | %.2f |", a->overall.score);
		for (size_t d = 0; d < m->ndims; d++) {
			long k = report_dim_in(r, d, a);

			if (k < 0)
				fputs(" - |", out);
			else
				fprintf(out, " %.2f (L%d) |", a->scores[k].score, a->scores[k].level);
		}
		putc('\n', out);
	}
}

static void org_rest(FILE *out, const struct report *r)
{
	const struct model *m = r->model;

	fputs("\n## Levels per dimension: how many teams are at each\n\n| Dimension |", out);
	for (int l = 0; l < m->nlevels; l++)
		fprintf(out, " Level %d |", m->lowest + l);
	fputs("\n|---|", out);
	for (int l = 0; l < m->nlevels; l++)
		fputs("--:|", out);
	putc('\n', out);
	for (size_t d = 0; d < m->ndims; d++) {
		fputs("| ", out);
		md(out, m->dims[d].name);
		fputs(" |", out);
		for (int l = 0; l < m->nlevels; l++)
			fprintf(out, " %d |", r->dist[d * (size_t)m->nlevels + (size_t)l]);
		putc('\n', out);
	}
	fputs("\n## Moved most since their previous assessment\n\n", out);
	if (!r->nmovers)
		fputs("No team's overall score moved.\n", out);
	else
		fputs("| Team | Before | Overall | Now | Overall | Change |\n|---|---|--:|---|--:|--:|\n", out);
	for (size_t i = 0; i < r->nmovers; i++) {
		const struct report_team *t = &r->teams[r->movers[i]];

		fputs("| ", out);
		md(out, t->a->team);
		fputs(" | ", out);
		report_put_period(out, t->prev->period);
		fprintf(out, " | %.2f | ", t->prev->overall.score);
		report_put_period(out, t->a->period);
		fprintf(out, " | %.2f | %+.2f |\n", t->a->overall.score, t->change);
	}
	fputs("\n## Roadmap items by status\n\n| Planned | In progress | Done | Dropped |\n"
	      "|--:|--:|--:|--:|\n", out);
	fprintf(out, "| %d | %d | %d | %d |\n", r->status_count[RM_PLANNED],
		r->status_count[RM_IN_PROGRESS], r->status_count[RM_DONE], r->status_count[RM_DROPPED]);
	fputs("\n## Teams\n\n| Team | Period | Overall | Coverage | State |\n|---|---|--:|--:|---|\n", out);
	for (size_t i = 0; i < r->nteams; i++) {
		const struct assessment *a = r->teams[i].a;

		fputs("| ", out);
		md(out, a->team);
		fputs(" | ", out);
		report_put_period(out, a->period);
		fprintf(out, " | %.2f | %.0f%% | ", a->overall.score, a->overall.coverage * 100);
		report_put_state(out, a, md);
		fputs(" |\n", out);
	}
}

static void org(FILE *out, const struct report *r)
{
	fputs("# MLOps maturity report: organisation\n\n", out);
	fprintf(out, "- Teams: %zu\n- Periods: %zu (", r->nteams, r->nperiods);
	report_put_period(out, r->first_period);
	fputs(" to ", out);
	report_put_period(out, r->last_period);
	fputs(")\n- Shown: ", out);
	if (r->period == NO_PERIOD)
		fputs("each team's latest assessment", out);
	else
		report_put_period(out, r->period);
	fprintf(out, "\n- Mean overall score: %.2f\n- Mean coverage: %.0f%%\n", r->mean_overall,
		r->mean_coverage * 100);
	fputs("- Model: ", out);
	md(out, r->model->name);
	putc(' ', out);
	md(out, r->model->version);
	putc('\n', out);
	org_heatmap(out, r);
	org_rest(out, r);
}

/* ---- one team ---- */

static void team_head(FILE *out, const struct report *r)
{
	const struct assessment *a = r->teams[0].a;

	fputs("# MLOps maturity report: ", out);
	md(out, a->team);
	fputs(", ", out);
	report_put_period(out, a->period);
	fprintf(out, "\n\n- Overall score: %.2f of %d", a->overall.score, a->model->highest);
	if (r->has_target)
		fprintf(out, " (target %.2f)", r->overall_target);
	fprintf(out, "\n- Coverage: %.0f%%\n- State: ", a->overall.coverage * 100);
	report_put_state(out, a, md);
	fputs("\n- Facilitator: ", out);
	md(out, a->facilitator);
	fputs("\n- Model: ", out);
	md(out, a->model->name);
	putc(' ', out);
	md(out, a->model->version);
	fprintf(out, "\n- Assessment: %lld\n", (long long)a->id);
}

static void team_scores(FILE *out, const struct report *r)
{
	const struct assessment *a = r->teams[0].a;
	const struct model *m = r->model;

	fputs("\n## Overall score over the periods\n\n| Period | Overall | Coverage | State |\n"
	      "|---|--:|--:|---|\n", out);
	for (size_t i = 0; i < r->nhistory; i++) {
		fputs("| ", out);
		report_put_period(out, r->history[i].period);
		fprintf(out, " | %.2f | %.0f%% | %s |\n", r->history[i].overall,
			r->history[i].coverage * 100, r->history[i].signed_off ? "signed off" : "open");
	}
	fputs("\n## Dimensions\n\n| Dimension | Level | Score | Target | Gap | Coverage |\n"
	      "|---|--:|--:|--:|--:|--:|\n", out);
	for (size_t d = 0; d < a->model->ndims; d++) {
		const struct dim_score *s = &a->scores[d];

		fputs("| ", out);
		md(out, a->model->dims[d].name);
		fprintf(out, " | %d%s | %.2f | ", s->level,
			a->dims[d].override_level != NO_LEVEL ? " (override)" : "", s->score);
		if (a->dims[d].target != NO_LEVEL)
			fprintf(out, "%d | %.2f |", a->dims[d].target, s->gap);
		else
			fputs("- | - |", out);
		fprintf(out, " %.0f%% |\n", s->coverage * 100);
	}
	fputs("\n## Heatmap: score by dimension and period\n\n| Dimension |", out);
	for (size_t i = 0; i < r->nhistory; i++) {
		putc(' ', out);
		report_put_period(out, r->history[i].period);
		fputs(" |", out);
	}
	fputs("\n|---|", out);
	for (size_t i = 0; i < r->nhistory; i++)
		fputs("--:|", out);
	putc('\n', out);
	for (size_t d = 0; d < m->ndims; d++) {
		fputs("| ", out);
		md(out, m->dims[d].name);
		fputs(" |", out);
		for (size_t i = 0; i < r->nhistory; i++) {
			if (r->history[i].level[d] < 0)
				fputs(" - |", out);
			else
				fprintf(out, " %.2f |", r->history[i].score[d]);
		}
		putc('\n', out);
	}
}

static void team_changes(FILE *out, const struct report *r)
{
	const struct report_team *t = &r->teams[0];
	const struct model *m = t->a->model;

	fputs("\n## Changes since the previous assessment\n\n", out);
	if (!t->prev) {
		fputs("This is the team's first assessment.\n", out);
		return;
	}
	fputs("Since ", out);
	report_put_period(out, t->prev->period);
	fputs(":\n\n| Dimension | Before | Now | Change |\n|---|--:|--:|--:|\n", out);
	for (size_t d = 0; d < m->ndims; d++) {
		long k = model_find_dimension(t->prev->model, m->dims[d].id);

		fputs("| ", out);
		md(out, m->dims[d].name);
		if (k < 0)
			fprintf(out, " | - | %.2f | - |\n", t->a->scores[d].score);
		else
			fprintf(out, " | %.2f | %.2f | %+.2f |\n", t->prev->scores[k].score,
				t->a->scores[d].score,
				round2(t->a->scores[d].score - t->prev->scores[k].score));
	}
	fprintf(out, "\nAnswers changed: %zu\n\n", r->nanswer_changes);
	for (size_t i = 0; i < r->nanswer_changes; i++) {
		const struct report_answer_change *c = &r->answer_changes[i];

		fprintf(out, "- `%s` (", m->crits[c->crit].id);
		md(out, m->dims[m->crits[c->crit].dim].name);
		fprintf(out, "): %s to %s\n", answer_name(c->before), answer_name(c->now));
	}
}

/* The rounds whose revealed votes disagreed, as a table. */
static void team_votes(FILE *out, const struct report *r)
{
	const struct report_team *t = &r->teams[0];
	const struct model *m = t->a->model;

	if (!t->any_vote)
		return;
	fputs("\n## Votes that disagreed\n\n", out);
	if (!t->nvotes) {
		fputs("None: every revealed vote agreed.\n", out);
		return;
	}
	fputs("| Criterion | Round | Votes | Text |\n|---|--:|---|---|\n", out);
	for (size_t i = 0; i < t->nvotes; i++) {
		const struct report_disagreement *d = &t->votes[i];
		size_t shown = 0;

		fputs("| `", out);
		md(out, m->crits[d->crit].id);
		fprintf(out, "` | %d | ", d->round);
		for (size_t k = 0; k < 4; k++) {
			enum answer v = report_vote_order[k];

			if (!d->count[v])
				continue;
			fprintf(out, "%s%s %zu (", shown++ ? "; " : "", answer_name(v), d->count[v]);
			md(out, d->who[v]);
			fputs(")", out);
		}
		fputs(" | ", out);
		md(out, m->crits[d->crit].text);
		fputs(" |\n", out);
	}
}

static void team_roadmap(FILE *out, const struct report *r)
{
	const struct report_team *t = &r->teams[0];
	const struct model *m = t->a->model;

	fputs("\n## Open roadmap\n\n", out);
	if (!t->latest) {
		fputs("Shown with the team's latest assessment.\n", out);
		return;
	}
	if (!t->nitems) {
		fputs("No open items.\n", out);
		return;
	}
	fputs("| # | Dimension | Criterion | Status | Owner | Due | Blocked by |\n"
	      "|--:|---|---|---|---|---|---|\n", out);
	for (size_t i = 0; i < t->nitems; i++) {
		const struct roadmap_row *it = &t->items[i];
		long c = model_find_criterion(m, it->criterion_id);

		fprintf(out, "| %zu | ", i + 1);
		md(out, it->dimension_id);
		fputs(" | ", out);
		md(out, c >= 0 ? m->crits[c].text : it->criterion_id);
		if (it->action) {
			fputs("<br>*", out);
			md(out, it->action);
			putc('*', out);
		}
		fprintf(out, " | %s | ", rm_status_name(it->status));
		md(out, it->owner ? it->owner : "-");
		fputs(" | ", out);
		report_put_period(out, it->due_period);
		if (it->due_period != NO_PERIOD && it->due_period < r->current)
			fputs(" **past due**", out);
		fputs(" | ", out);
		md(out, t->blocked && t->blocked[i] ? t->blocked[i] : "-");
		fputs(" |\n", out);
	}
}

static void team_evidence(FILE *out, const struct report *r)
{
	const struct assessment *a = r->teams[0].a;
	const struct model *m = a->model;

	fputs("\n## Evidence\n", out);
	for (size_t d = 0; d < m->ndims; d++) {
		fputs("\n### ", out);
		md(out, m->dims[d].name);
		fputs("\n\n| Criterion | Level | Answer | Origin | Comment | Evidence |\n"
		      "|---|--:|---|---|---|---|\n", out);
		for (size_t c = m->dims[d].first; c < m->dims[d].first + m->dims[d].ncrit; c++) {
			const struct crit_state *cs = &a->crits[c];

			fprintf(out, "| `%s` ", m->crits[c].id);
			md(out, m->crits[c].text);
			fprintf(out, " | %d | %s | %s | ", m->crits[c].level, answer_name(a->answers[c]),
				cs->origin == ORIGIN_NONE ? "-" : origin_name(cs->origin));
			md(out, cs->comment ? cs->comment : "-");
			fputs(" | ", out);
			if (cs->evidence)
				md_evidence(out, cs->evidence);
			else
				putc('-', out);
			fputs(" |\n", out);
		}
	}
}

void report_md(const struct report *r, FILE *out)
{
	if (!r->nteams) {
		fputs("# MLOps maturity report\n\n", out);
		if (r->period != NO_PERIOD) {
			fputs("No assessment in ", out);
			report_put_period(out, r->period);
			fputs(".\n", out);
		} else {
			fputs("No assessments yet.\n", out);
		}
		return;
	}
	if (!r->team) {
		org(out, r);
		return;
	}
	team_head(out, r);
	team_scores(out, r);
	team_changes(out, r);
	team_votes(out, r);
	team_roadmap(out, r);
	team_evidence(out, r);
}
