/* The plain-text report: the organisation's summary first (without
 * --team), then per team its head, dimensions, roadmap, references and
 * every comment and evidence. */
#include "report_write.h"
#include "period.h"
#include "refs.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#define TOP_ITEMS 5

static void put_text(FILE *out, const char *s, bool ascii)
{
	char *p = text_printable(s ? s : "", ascii);

	fputs(p, out);
	free(p);
}

static void put_padded(FILE *out, const char *s, int width, bool right, bool ascii)
{
	char *p = text_printable(s, ascii);

	fput_padded(out, p, width, right);
	free(p);
}

/* Open, or who signed it off and when; and how many answers are still
 * carried from the assessment before, unconfirmed. */
static void put_state(FILE *out, const struct assessment *a, bool ascii)
{
	size_t carried = assessment_carried(a, -1);

	if (a->signed_by) {
		fputs("Signed off by ", out);
		put_text(out, a->signed_by, ascii);
		fprintf(out, " at %s", a->signed_at);
	} else {
		fputs("Open (not signed off)", out);
	}
	if (carried)
		fprintf(out, ", %zu answer%s still carried", carried, carried == 1 ? "" : "s");
	putc('\n', out);
}

/* One criterion of the comments section: its id, answer and origin, then
 * its comment and evidence each on a line of its own. */
static void put_criterion(FILE *out, const struct assessment *a, size_t c, bool ascii)
{
	const struct crit_state *cs = &a->crits[c];

	fprintf(out, "    %s: %s", a->model->crits[c].id, answer_name(a->answers[c]));
	if (cs->origin != ORIGIN_NONE)
		fprintf(out, ", %s", origin_name(cs->origin));
	putc('\n', out);
	if (cs->comment) {
		fputs("      comment: ", out);
		put_text(out, cs->comment, ascii);
		putc('\n', out);
	}
	if (cs->evidence) {
		fputs("      evidence: ", out);
		put_text(out, cs->evidence, ascii);
		putc('\n', out);
	}
}

/* Every comment and evidence of the assessment, by dimension in model
 * order: the case an auditor reads for each answer. */
static void put_comments(FILE *out, const struct assessment *a, bool ascii)
{
	const struct model *m = a->model;
	bool any = false;

	fputs("\nComments and evidence:\n", out);
	for (size_t d = 0; d < m->ndims; d++) {
		bool shown = false;

		for (size_t c = m->dims[d].first; c < m->dims[d].first + m->dims[d].ncrit; c++) {
			if (!a->crits[c].comment && !a->crits[c].evidence)
				continue;
			if (!shown) {
				fputs("  ", out);
				put_text(out, m->dims[d].name, ascii);
				putc('\n', out);
				shown = any = true;
			}
			put_criterion(out, a, c, ascii);
		}
	}
	if (!any)
		fputs("  none\n", out);
}

/* The rounds whose revealed votes disagreed: each answer with its count
 * and voters, then the criterion; nothing when no round was revealed. */
static void put_votes(FILE *out, const struct report_team *t, bool ascii)
{
	const struct model *m = t->a->model;

	if (!t->any_vote)
		return;
	fputs("\nVotes that disagreed:\n", out);
	if (!t->nvotes)
		fputs("  none\n", out);
	for (size_t i = 0; i < t->nvotes; i++) {
		const struct report_disagreement *d = &t->votes[i];
		size_t shown = 0;

		fputs("  ", out);
		put_text(out, m->crits[d->crit].id, ascii);
		fprintf(out, ", round %d:", d->round);
		for (size_t k = 0; k < 4; k++) {
			enum answer v = report_vote_order[k];

			if (!d->count[v])
				continue;
			fprintf(out, "%s %s %zu (", shown++ ? "," : "", answer_name(v), d->count[v]);
			put_text(out, d->who[v], ascii);
			putc(')', out);
		}
		fputs("\n    ", out);
		put_text(out, m->crits[d->crit].text, ascii);
		putc('\n', out);
	}
}

static void put_head(FILE *out, const struct assessment *a, bool ascii)
{
	const struct model *m = a->model;
	char period[PERIOD_LEN];

	period_format(a->period, period);
	fputs("Team ", out);
	put_text(out, a->team, ascii);
	fprintf(out, " - %s\n", period);
	fputs("Facilitator ", out);
	put_text(out, a->facilitator, ascii);
	fprintf(out, ", model %s ", m->id);
	put_text(out, m->version, ascii);
	fprintf(out, ", assessment %lld, updated ", (long long)a->id);
	put_text(out, a->updated_at, ascii);
	putc('\n', out);
	fprintf(out, "Overall score %.2f of %d, coverage %.0f%%\n", a->overall.score,
		m->highest, a->overall.coverage * 100);
	put_state(out, a, ascii);
}

static void put_dim_row(FILE *out, const struct assessment *a, size_t d, int indent, bool ascii)
{
	const struct dim_score *s = &a->scores[d];
	char buf[32];

	fprintf(out, "%*s", indent, "");
	put_padded(out, a->model->dims[d].name, 42 - indent, false, ascii);
	if (a->dims[d].target != NO_LEVEL)
		snprintf(buf, sizeof buf, "%d", a->dims[d].target);
	else
		snprintf(buf, sizeof buf, "-");
	fprintf(out, " %5d%s%6.2f %6s %6.2f %7.0f%%\n", s->level,
		a->dims[d].override_level != NO_LEVEL ? "*" : " ", s->score, buf, s->gap,
		s->coverage * 100);
}

/* The dimension table; when the model has groups, each group's line (its
 * score in the score column) heads its dimensions, indented beneath it. */
static void put_dims(FILE *out, const struct assessment *a, bool ascii)
{
	const struct model *m = a->model;

	fprintf(out, "\n  %-40s %5s %6s %6s %6s %8s\n", m->ngroups ? "Group / dimension" : "Dimension",
		"Level", "Score", "Target", "Gap", "Coverage");
	if (!m->ngroups)
		for (size_t d = 0; d < m->ndims; d++)
			put_dim_row(out, a, d, 2, ascii);
	for (size_t g = 0; g < m->ngroups; g++) {
		fputs("  ", out);
		put_padded(out, m->groups[g].name, 40, false, ascii);
		fprintf(out, " %5s %6.2f\n", "", score_group(m, a->scores, (long)g));
		for (size_t d = 0; d < m->ndims; d++)
			if (m->dims[d].group == (long)g)
				put_dim_row(out, a, d, 4, ascii);
	}
	for (size_t d = 0; d < m->ndims; d++) {
		if (a->dims[d].override_level == NO_LEVEL)
			continue;
		fputs("  * ", out);
		put_text(out, m->dims[d].name, ascii);
		fprintf(out, ": level set to %d by the facilitator: ", a->dims[d].override_level);
		put_text(out, a->dims[d].override_reason, ascii);
		putc('\n', out);
	}
}

/* The top open items of the team, when a is its latest assessment. */
static void put_roadmap(FILE *out, const struct report_team *t, bool ascii)
{
	const struct assessment *a = t->a;
	const struct model *m = a->model;
	char period[PERIOD_LEN];
	size_t blocked = 0;

	if (!t->latest)
		return;
	for (size_t i = 0; i < t->nitems; i++)
		blocked += t->blocked && t->blocked[i];
	fprintf(out, "\nNext on the roadmap (%zu open item%s", t->nitems, t->nitems == 1 ? "" : "s");
	if (blocked)
		fprintf(out, ", %zu blocked", blocked);
	fputs("):\n", out);
	for (size_t i = 0; i < t->nitems && i < TOP_ITEMS; i++) {
		const struct roadmap_row *r = &t->items[i];
		long c = model_find_criterion(m, r->criterion_id);

		fprintf(out, "  %zu. [%s] %s: ", i + 1, rm_status_name(r->status), r->dimension_id);
		put_text(out, c >= 0 ? m->crits[c].text : r->criterion_id, ascii);
		putc('\n', out);
		if (t->blocked && t->blocked[i])
			fprintf(out, "     blocked by %s\n", t->blocked[i]);
		if (r->action) {
			fputs("     ", out);
			put_text(out, r->action, ascii);
			putc('\n', out);
		}
		if (r->owner || r->due_period != NO_PERIOD) {
			fputs("     owner ", out);
			put_text(out, r->owner ? r->owner : "-", ascii);
			if (r->due_period != NO_PERIOD) {
				period_format(r->due_period, period);
				fprintf(out, ", due %s", period);
			}
			putc('\n', out);
		}
	}
}

static void put_ref_line(FILE *out, const char *label, int indent, int met, int total,
			 bool ascii)
{
	fprintf(out, "%*s", indent, "");
	put_padded(out, label, 50 - indent, false, ascii);
	fprintf(out, " %d/%d\n", met, total);
}

/* The references view as text (refs.c): per standard, then per reference,
 * how many of the criteria citing it a meets (yes or n/a) of how many.
 * Nothing when the model cites no reference. */
static void put_refs(FILE *out, const struct assessment *a, bool ascii)
{
	struct ref_view v;

	refs_build(a->model, a->answers, &v);
	if (v.ngroups)
		fputs("\nReferences (criteria met, yes or n/a, of those citing it):\n", out);
	for (size_t g = 0; g < v.ngroups; g++) {
		put_ref_line(out, v.groups[g].prefix, 2, v.groups[g].met, v.groups[g].total, ascii);
		for (size_t k = 0; k < v.groups[g].nitems; k++)
			put_ref_line(out, v.groups[g].items[k].ref, 4, v.groups[g].items[k].met,
				     (int)v.groups[g].items[k].ncrits, ascii);
	}
	refs_free(&v);
}

/* Without --team: how many teams, over which periods, their means, the
 * roadmap's items by status and the teams that moved most. */
static void put_org(FILE *out, const struct report *r, bool ascii)
{
	char p1[PERIOD_LEN], p2[PERIOD_LEN];

	period_format(r->first_period, p1);
	period_format(r->last_period, p2);
	fprintf(out, "Organisation: %zu team%s, %zu period%s (%s to %s), mean overall %.2f, "
		"mean coverage %.0f%%\n", r->nteams, r->nteams == 1 ? "" : "s", r->nperiods,
		r->nperiods == 1 ? "" : "s", p1, p2, r->mean_overall, r->mean_coverage * 100);
	fputs("Roadmap items:", out);
	for (int s = 0; s < RM_NSTATUS; s++)
		fprintf(out, "%s %d %s", s ? "," : "", r->status_count[s], rm_status_name((enum rm_status)s));
	putc('\n', out);
	if (r->nmovers)
		fputs("Moved most since their previous assessment:\n", out);
	for (size_t i = 0; i < r->nmovers; i++) {
		const struct report_team *t = &r->teams[r->movers[i]];

		period_format(t->prev->period, p1);
		period_format(t->a->period, p2);
		fputs("  ", out);
		put_text(out, t->a->team, ascii);
		fprintf(out, " %+.2f (%s %.2f, %s %.2f)\n", t->change, p1, t->prev->overall.score, p2,
			t->a->overall.score);
	}
	putc('\n', out);
}

void report_text(const struct report *r, bool ascii, FILE *out)
{
	if (!r->nteams) {
		char p[PERIOD_LEN];

		if (r->period != NO_PERIOD) {
			period_format(r->period, p);
			fprintf(out, "No assessment in %s.\n", p);
		} else {
			fputs("No assessments yet.\n", out);
		}
		return;
	}
	if (!r->team)
		put_org(out, r, ascii);
	for (size_t i = 0; i < r->nteams; i++) {
		const struct assessment *a = r->teams[i].a;

		put_head(out, a, ascii);
		put_dims(out, a, ascii);
		put_roadmap(out, &r->teams[i], ascii);
		put_refs(out, a, ascii);
		put_comments(out, a, ascii);
		put_votes(out, &r->teams[i], ascii);
		putc('\n', out);
	}
}
