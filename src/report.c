#include "report.h"
#include "period.h"
#include "refs.h"
#include "report_votes.h"
#include "text.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define TOP_ITEMS 5

bool report_roadmap_ranked(struct store *st, const struct assessment *latest,
			   struct roadmap_row **out, size_t *n)
{
	if (!store_roadmap_list(st, latest->team_id, true, out, n))
		return false;
	roadmap_rank(latest->model, latest->scores, *out, *n);
	return true;
}

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

/* "blocked by a, b" under an item whose criterion requires criteria not
 * yet met in a (CONTRACT section 3); nothing for one that is free. */
static size_t put_blockers(FILE *out, const struct assessment *a, long c, bool print)
{
	const struct model *m = a->model;
	size_t *ids, n;

	if (c < 0 || !m->crits[c].nrequires)
		return 0;
	ids = xcalloc(m->crits[c].nrequires, sizeof *ids);
	n = roadmap_blockers(m, a->answers, (size_t)c, ids);
	if (print && n) {
		fputs("     blocked by ", out);
		for (size_t i = 0; i < n; i++)
			fprintf(out, "%s%s", i ? ", " : "", m->crits[ids[i]].id);
		putc('\n', out);
	}
	free(ids);
	return n;
}

/* The top open items of the team, when a is its latest assessment. */
static bool put_roadmap(struct store *st, FILE *out, const struct assessment *a, bool ascii)
{
	const struct model *m = a->model;
	struct roadmap_row *items = NULL;
	size_t nitems = 0;
	char period[PERIOD_LEN];
	int64_t latest_id;
	size_t blocked = 0;

	if (store_team_latest(st, a->team_id, &latest_id, NULL) <= 0)
		return false;
	if (latest_id != a->id)
		return true;
	if (!report_roadmap_ranked(st, a, &items, &nitems))
		return false;
	for (size_t i = 0; i < nitems; i++)
		blocked += put_blockers(out, a, model_find_criterion(m, items[i].criterion_id), false) > 0;
	fprintf(out, "\nNext on the roadmap (%zu open item%s", nitems, nitems == 1 ? "" : "s");
	if (blocked)
		fprintf(out, ", %zu blocked", blocked);
	fputs("):\n", out);
	for (size_t i = 0; i < nitems && i < TOP_ITEMS; i++) {
		struct roadmap_row *r = &items[i];
		long c = model_find_criterion(m, r->criterion_id);

		fprintf(out, "  %zu. [%s] %s: ", i + 1, rm_status_name(r->status), r->dimension_id);
		put_text(out, c >= 0 ? m->crits[c].text : r->criterion_id, ascii);
		putc('\n', out);
		put_blockers(out, a, c, true);
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
	store_roadmap_free(items, nitems);
	return true;
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

static bool report_one(struct store *st, int64_t id, bool ascii, FILE *out)
{
	struct assessment *a;
	bool ok;

	/* The id comes from the same snapshot: absent is a failure too. */
	if (store_assessment_load(st, id, &a) <= 0)
		return false;
	put_head(out, a, ascii);
	put_dims(out, a, ascii);
	ok = put_roadmap(st, out, a, ascii);
	if (ok) {
		put_refs(out, a, ascii);
		put_comments(out, a, ascii);
		ok = report_votes(st, a, ascii, out);
		putc('\n', out);
	}
	assessment_free(a);
	return ok;
}

/* Every query of the report reads the same snapshot: a dashboard saving
 * meanwhile cannot make the report mix states or fail half-way. */
bool report_write(struct store *st, const char *team, int period, bool ascii, FILE *out)
{
	struct team_summary *teams;
	size_t n, shown = 0;
	bool ok = true;

	if (!store_read_begin(st))
		return false;
	if (!store_team_list(st, &teams, &n)) {
		store_rollback(st);
		return false;
	}
	for (size_t i = 0; ok && i < n; i++) {
		int64_t id = teams[i].latest_id;

		if (team && strcmp(teams[i].name, team) != 0)
			continue;
		if (period != NO_PERIOD && store_assessment_find(st, teams[i].id, period, &id) < 0) {
			ok = false;
			break;
		}
		if (!id)
			continue;
		ok = report_one(st, id, ascii, out);
		shown++;
	}
	if (ok && shown == 0) {
		char p[PERIOD_LEN];

		if (period != NO_PERIOD) {
			period_format(period, p);
			fprintf(out, "No assessment in %s.\n", p);
		} else {
			fputs("No assessments yet.\n", out);
		}
	}
	store_team_list_free(teams, n);
	/* After a failure SQLite may have ended the transaction itself (a
	 * damaged page): rolling back keeps the message of what failed. */
	if (!ok) {
		store_rollback(st);
		return false;
	}
	return store_read_end(st);
}
