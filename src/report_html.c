/* The report as one self-contained HTML file: inline CSS and SVG, no
 * script, and a Content-Security-Policy that lets nothing load (no font,
 * image, frame or link prefetch), so the file reads the same offline, in a
 * mail attachment or printed on A4, and a hostile value cannot fetch
 * anything. Every user text is escaped (report_svg_text); evidence links
 * are <a rel="noreferrer"> only for http, https and mailto. */
#include "report_write.h"
#include "period.h"
#include "report_svg.h"
#include "text.h"
#include "version.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define H report_svg_text

static const char css[] =
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#111;"
	"background:#fff;margin:0 auto;max-width:64rem;padding:1rem;line-height:1.4}"
	"h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;border-bottom:1px solid #bbb;"
	"margin-top:2rem;break-after:avoid}h3{font-size:1rem;margin-top:1.2rem;break-after:avoid}"
	"table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem;display:block;"
	"overflow-x:auto;max-width:100%}"
	"th,td{border:1px solid #ccc;padding:.2rem .45rem;text-align:left;vertical-align:top;"
	"overflow-wrap:break-word}td a{overflow-wrap:anywhere}th{background:#f2f2f2}.n{text-align:right;"
	"font-variant-numeric:tabular-nums;white-space:nowrap}"
	".wrap{overflow-x:auto;max-width:100%}svg{max-width:100%;height:auto}"
	"svg text{font-family:inherit}dl{display:grid;grid-template-columns:max-content 1fr;"
	"gap:.15rem 1rem}dt{font-weight:bold}dd{margin:0}"
	".legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;"
	"font-size:.85rem}.legend span{display:inline-block;min-width:1.4rem;text-align:center;"
	"border-radius:3px}.past{font-weight:bold;color:#a04000}tr,figure{break-inside:avoid}"
	"@page{size:A4;margin:14mm}@media print{body{max-width:none;font-size:9.5pt;padding:0}"
	".wrap{overflow:visible}a{color:inherit}}"
	/* A phone scrolls a chart sideways rather than shrink its numbers
	 * out of reading. */
	"@media (max-width:40rem){body{padding:.5rem}table{font-size:.8rem}"
	".wrap svg{max-width:none}}";

static void head(FILE *out, const char *title, const char *name)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "style-src 'unsafe-inline'\">\n<meta name=\"referrer\" content=\"no-referrer\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"mlmat " MLMAT_VERSION "\">\n<title>", out);
	fputs(title, out);
	H(out, name);
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>%s", css, title);
	H(out, name);
	fputs("</h1>\n", out);
}

/* ---- organisation ---- */

static void org_summary(FILE *out, const struct report *r)
{
	fprintf(out, "<section id=\"summary\"><h2>Summary</h2><dl>\n<dt>Teams</dt><dd>%zu</dd>\n"
		"<dt>Periods</dt><dd>%zu (", r->nteams, r->nperiods);
	report_put_period(out, r->first_period);
	fputs(" to ", out);
	report_put_period(out, r->last_period);
	fputs(")</dd>\n<dt>Shown</dt><dd>", out);
	if (r->period == NO_PERIOD)
		fputs("each team's latest assessment", out);
	else
		report_put_period(out, r->period);
	fprintf(out, "</dd>\n<dt>Mean overall score</dt><dd>%.2f of %d</dd>\n"
		"<dt>Mean coverage</dt><dd>%.0f%%</dd>\n<dt>Model</dt><dd>", r->mean_overall,
		r->model->highest, r->mean_coverage * 100);
	H(out, r->model->name);
	putc(' ', out);
	H(out, r->model->version);
	fputs("</dd></dl></section>\n", out);
}

static void org_distribution(FILE *out, const struct report *r)
{
	const struct model *m = r->model;

	fputs("<section id=\"distribution\"><h2>Levels per dimension</h2>\n"
	      "<p>How many teams are at each level.</p><div class=\"wrap\"><table>"
	      "<tr><th>Dimension</th>", out);
	for (int l = 0; l < m->nlevels; l++)
		fprintf(out, "<th class=\"n\">Level %d</th>", m->lowest + l);
	fputs("</tr>\n", out);
	for (size_t d = 0; d < m->ndims; d++) {
		fputs("<tr><td>", out);
		H(out, m->dims[d].name);
		fputs("</td>", out);
		for (int l = 0; l < m->nlevels; l++) {
			int n = r->dist[d * (size_t)m->nlevels + (size_t)l];

			if (n)
				fprintf(out, "<td class=\"n\" style=\"background:%s;color:%s\">%d</td>",
					report_svg_fill(m, m->lowest + l), report_svg_ink(m, m->lowest + l), n);
			else
				fputs("<td class=\"n\">0</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</table></div></section>\n", out);
}

static void org_tables(FILE *out, const struct report *r)
{
	fputs("<section id=\"movers\"><h2>Moved most since their previous assessment</h2>\n", out);
	if (!r->nmovers)
		fputs("<p>No team's overall score moved.</p>\n", out);
	else
		fputs("<table><tr><th>Team</th><th>Before</th><th class=\"n\">Overall</th><th>Now</th>"
		      "<th class=\"n\">Overall</th><th class=\"n\">Change</th></tr>\n", out);
	for (size_t i = 0; i < r->nmovers; i++) {
		const struct report_team *t = &r->teams[r->movers[i]];

		fputs("<tr><td>", out);
		H(out, t->a->team);
		fputs("</td><td>", out);
		report_put_period(out, t->prev->period);
		fprintf(out, "</td><td class=\"n\">%.2f</td><td>", t->prev->overall.score);
		report_put_period(out, t->a->period);
		fprintf(out, "</td><td class=\"n\">%.2f</td><td class=\"n\">%+.2f</td></tr>\n",
			t->a->overall.score, t->change);
	}
	if (r->nmovers)
		fputs("</table>\n", out);
	fputs("</section>\n<section id=\"roadmap-status\"><h2>Roadmap items by status</h2>\n<table><tr>"
	      "<th class=\"n\">Planned</th><th class=\"n\">In progress</th><th class=\"n\">Done</th>"
	      "<th class=\"n\">Dropped</th></tr>\n", out);
	fprintf(out, "<tr><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
		"<td class=\"n\">%d</td></tr></table></section>\n", r->status_count[RM_PLANNED],
		r->status_count[RM_IN_PROGRESS], r->status_count[RM_DONE], r->status_count[RM_DROPPED]);
	fputs("<section id=\"teams\"><h2>Teams</h2>\n<div class=\"wrap\"><table><tr><th>Team</th>"
	      "<th>Period</th><th class=\"n\">Overall</th><th class=\"n\">Coverage</th><th>State</th>"
	      "</tr>\n", out);
	for (size_t i = 0; i < r->nteams; i++) {
		const struct assessment *a = r->teams[i].a;

		fputs("<tr><td>", out);
		H(out, a->team);
		fputs("</td><td>", out);
		report_put_period(out, a->period);
		fprintf(out, "</td><td class=\"n\">%.2f</td><td class=\"n\">%.0f%%</td><td>",
			a->overall.score, a->overall.coverage * 100);
		report_put_state(out, a, H);
		fputs("</td></tr>\n", out);
	}
	fputs("</table></div></section>\n", out);
}

static void org(FILE *out, const struct report *r)
{
	head(out, "MLOps maturity report: ", "organisation");
	org_summary(out, r);
	fputs("<section id=\"heatmap\"><h2>Score by team and dimension</h2>\n", out);
	report_svg_legend(out, r->model);
	report_svg_org_heatmap(out, r);
	fputs("</section>\n", out);
	org_distribution(out, r);
	org_tables(out, r);
}

/* ---- one team ---- */

static void team_summary(FILE *out, const struct report *r)
{
	const struct assessment *a = r->teams[0].a;

	fprintf(out, "<section id=\"summary\"><dl>\n<dt>Period</dt><dd>");
	report_put_period(out, a->period);
	fprintf(out, "</dd>\n<dt>Overall score</dt><dd>%.2f of %d", a->overall.score,
		a->model->highest);
	if (r->has_target)
		fprintf(out, " (target %.2f)", r->overall_target);
	fprintf(out, "</dd>\n<dt>Coverage</dt><dd>%.0f%%</dd>\n<dt>State</dt><dd>",
		a->overall.coverage * 100);
	report_put_state(out, a, H);
	fputs("</dd>\n<dt>Facilitator</dt><dd>", out);
	H(out, a->facilitator);
	fputs("</dd>\n<dt>Model</dt><dd>", out);
	H(out, a->model->name);
	putc(' ', out);
	H(out, a->model->version);
	fprintf(out, "</dd>\n<dt>Assessment</dt><dd>%lld</dd></dl></section>\n", (long long)a->id);
}

static void team_dims(FILE *out, const struct report *r)
{
	const struct assessment *a = r->teams[0].a;

	fputs("<section id=\"dimensions\"><h2>Dimensions</h2>\n", out);
	report_svg_bars(out, r);
	fputs("<div class=\"wrap\"><table><tr><th>Dimension</th><th class=\"n\">Level</th>"
	      "<th class=\"n\">Score</th><th class=\"n\">Target</th><th class=\"n\">Gap</th>"
	      "<th class=\"n\">Coverage</th></tr>\n", out);
	for (size_t d = 0; d < a->model->ndims; d++) {
		const struct dim_score *s = &a->scores[d];

		fputs("<tr><td>", out);
		H(out, a->model->dims[d].name);
		if (a->dims[d].override_level != NO_LEVEL) {
			fputs("<br>level set by the facilitator: ", out);
			H(out, a->dims[d].override_reason);
		}
		fprintf(out, "</td><td class=\"n\">%d</td><td class=\"n\">%.2f</td>", s->level, s->score);
		if (a->dims[d].target != NO_LEVEL)
			fprintf(out, "<td class=\"n\">%d</td><td class=\"n\">%.2f</td>", a->dims[d].target,
				s->gap);
		else
			fputs("<td class=\"n\">-</td><td class=\"n\">-</td>", out);
		fprintf(out, "<td class=\"n\">%.0f%%</td></tr>\n", s->coverage * 100);
	}
	fputs("</table></div></section>\n", out);
}

static void team_changes(FILE *out, const struct report *r)
{
	const struct report_team *t = &r->teams[0];
	const struct model *m = t->a->model;

	fputs("<section id=\"changes\"><h2>Changes since the previous assessment</h2>\n", out);
	if (!t->prev) {
		fputs("<p>This is the team's first assessment.</p></section>\n", out);
		return;
	}
	fputs("<p>Since ", out);
	report_put_period(out, t->prev->period);
	fputs(".</p><table><tr><th>Dimension</th><th class=\"n\">Before</th><th class=\"n\">Now</th>"
	      "<th class=\"n\">Change</th></tr>\n", out);
	for (size_t d = 0; d < m->ndims; d++) {
		long k = model_find_dimension(t->prev->model, m->dims[d].id);

		fputs("<tr><td>", out);
		H(out, m->dims[d].name);
		if (k < 0)
			fprintf(out, "</td><td class=\"n\">-</td><td class=\"n\">%.2f</td>"
				"<td class=\"n\">-</td></tr>\n", t->a->scores[d].score);
		else
			fprintf(out, "</td><td class=\"n\">%.2f</td><td class=\"n\">%.2f</td>"
				"<td class=\"n\">%+.2f</td></tr>\n", t->prev->scores[k].score,
				t->a->scores[d].score,
				round2(t->a->scores[d].score - t->prev->scores[k].score));
	}
	fprintf(out, "</table>\n<h3>Answers changed (%zu)</h3>\n<ul>\n", r->nanswer_changes);
	for (size_t i = 0; i < r->nanswer_changes; i++) {
		const struct report_answer_change *c = &r->answer_changes[i];

		fprintf(out, "<li><code>%s</code> (", m->crits[c->crit].id);
		H(out, m->dims[m->crits[c->crit].dim].name);
		fprintf(out, "): %s to <strong>%s</strong></li>\n", answer_name(c->before),
			answer_name(c->now));
	}
	fputs("</ul></section>\n", out);
}

/* The rounds whose revealed votes disagreed, as a table. */
static void team_votes(FILE *out, const struct report *r)
{
	const struct report_team *t = &r->teams[0];
	const struct model *m = t->a->model;

	if (!t->any_vote)
		return;
	fputs("<section id=\"votes\"><h2>Votes that disagreed</h2>\n", out);
	if (!t->nvotes) {
		fputs("<p>None: every revealed vote agreed.</p></section>\n", out);
		return;
	}
	fputs("<table><tr><th>Criterion</th><th>Round</th><th>Votes</th></tr>\n", out);
	for (size_t i = 0; i < t->nvotes; i++) {
		const struct report_disagreement *d = &t->votes[i];

		fputs("<tr><td><code>", out);
		H(out, m->crits[d->crit].id);
		fputs("</code> ", out);
		H(out, m->crits[d->crit].text);
		fprintf(out, "</td><td class=\"n\">%d</td><td>", d->round);
		for (size_t k = 0; k < 4; k++) {
			enum answer v = report_vote_order[k];

			if (!d->count[v])
				continue;
			fprintf(out, "<div><strong>%s %zu</strong> ", answer_name(v), d->count[v]);
			H(out, d->who[v]);
			fputs("</div>", out);
		}
		fputs("</td></tr>\n", out);
	}
	fputs("</table></section>\n", out);
}

static void team_roadmap(FILE *out, const struct report *r)
{
	const struct report_team *t = &r->teams[0];
	const struct model *m = t->a->model;

	fputs("<section id=\"roadmap\"><h2>Open roadmap</h2>\n", out);
	if (!t->latest || !t->nitems) {
		fprintf(out, "<p>%s</p></section>\n", t->latest ? "No open items." :
			"Shown with the team's latest assessment.");
		return;
	}
	fputs("<div class=\"wrap\"><table><tr><th class=\"n\">#</th><th>Dimension</th>"
	      "<th>Criterion</th><th>Status</th><th>Owner</th><th>Due</th><th>Blocked by</th></tr>\n",
	      out);
	for (size_t i = 0; i < t->nitems; i++) {
		const struct roadmap_row *it = &t->items[i];
		long c = model_find_criterion(m, it->criterion_id);
		bool past = it->due_period != NO_PERIOD && it->due_period < r->current;

		fprintf(out, "<tr><td class=\"n\">%zu</td><td>", i + 1);
		H(out, it->dimension_id);
		fputs("</td><td>", out);
		H(out, c >= 0 ? m->crits[c].text : it->criterion_id);
		if (it->action) {
			fputs("<br><em>", out);
			H(out, it->action);
			fputs("</em>", out);
		}
		fprintf(out, "</td><td>%s</td><td>", rm_status_name(it->status));
		H(out, it->owner ? it->owner : "-");
		fprintf(out, "</td><td%s>", past ? " class=\"past\"" : "");
		report_put_period(out, it->due_period);
		if (past)
			fputs(" (past due)", out);
		fputs("</td><td>", out);
		H(out, t->blocked && t->blocked[i] ? t->blocked[i] : "-");
		fputs("</td></tr>\n", out);
	}
	fputs("</table></div></section>\n", out);
}

static void on_piece(void *ctx, const char *s, size_t n, bool link)
{
	FILE *out = ctx;
	char *p = xstrndup(s, n);

	if (link) {
		fputs("<a rel=\"noreferrer\" href=\"", out);
		H(out, p);
		fputs("\">", out);
		H(out, p);
		fputs("</a>", out);
	} else {
		H(out, p);
	}
	free(p);
}

static void team_evidence(FILE *out, const struct report *r)
{
	const struct assessment *a = r->teams[0].a;
	const struct model *m = a->model;

	fputs("<section id=\"evidence\"><h2>Evidence</h2>\n", out);
	for (size_t d = 0; d < m->ndims; d++) {
		fputs("<h3>", out);
		H(out, m->dims[d].name);
		fputs("</h3>\n<div class=\"wrap\"><table><tr><th>Criterion</th><th class=\"n\">Level</th>"
		      "<th>Answer</th><th>Comment</th><th>Evidence</th></tr>\n", out);
		for (size_t c = m->dims[d].first; c < m->dims[d].first + m->dims[d].ncrit; c++) {
			const struct crit_state *cs = &a->crits[c];

			fprintf(out, "<tr><td><code>%s</code> ", m->crits[c].id);
			H(out, m->crits[c].text);
			fprintf(out, "</td><td class=\"n\">%d</td><td>%s", m->crits[c].level,
				answer_name(a->answers[c]));
			if (cs->origin != ORIGIN_NONE)
				fprintf(out, " (%s)", origin_name(cs->origin));
			fputs("</td><td>", out);
			H(out, cs->comment ? cs->comment : "");
			fputs("</td><td>", out);
			if (cs->evidence) {
				char *p = text_printable(cs->evidence, false);

				report_links(p, on_piece, out);
				free(p);
			}
			fputs("</td></tr>\n", out);
		}
		fputs("</table></div>\n", out);
	}
	fputs("</section>\n", out);
}

static void team(FILE *out, const struct report *r)
{
	head(out, "MLOps maturity report: ", r->teams[0].a->team);
	team_summary(out, r);
	fputs("<section id=\"trend\"><h2>Overall score over the periods</h2>\n", out);
	report_svg_line(out, r);
	fputs("</section>\n", out);
	team_dims(out, r);
	fputs("<section id=\"heatmap\"><h2>Score by dimension and period</h2>\n", out);
	report_svg_legend(out, r->model);
	report_svg_team_heatmap(out, r);
	fputs("</section>\n", out);
	team_changes(out, r);
	team_votes(out, r);
	team_roadmap(out, r);
	team_evidence(out, r);
}

void report_html(const struct report *r, FILE *out)
{
	if (!r->nteams) {
		head(out, "MLOps maturity report", "");
		if (r->period != NO_PERIOD) {
			fputs("<p>No assessment in ", out);
			report_put_period(out, r->period);
			fputs(".</p>\n", out);
		} else {
			fputs("<p>No assessments yet.</p>\n", out);
		}
	} else if (!r->team) {
		org(out, r);
	} else {
		team(out, r);
	}
	fprintf(out, "<footer><p><small>Written by mlmat %s.</small></p></footer>\n</body>\n</html>\n",
		MLMAT_VERSION);
}
