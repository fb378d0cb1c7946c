#include "report_svg.h"
#include "period.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Viridis (matplotlib's, perceptually uniform and readable with the common
 * colour blindnesses and in grey), nine steps from dark to light. */
static const char *const viridis[] = {
	"#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c",
	"#28ae80", "#5ec962", "#addc30", "#fde725",
};
#define NVIRIDIS (sizeof viridis / sizeof *viridis)

#define CELL_W 64
#define CELL_H 28
#define LABEL_W 230
#define HEAD_H 170
#define NAME_CHARS 30           /* a label longer is cut, its whole text in <title> */

void report_svg_text(FILE *out, const char *s)
{
	char *p = text_printable(s ? s : "", false);

	for (const char *c = p; *c; c++) {
		switch (*c) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: putc(*c, out);
		}
	}
	free(p);
}

static size_t step_of(const struct model *m, int level)
{
	return (size_t)lround(report_level_frac(m, level) * (NVIRIDIS - 1));
}

const char *report_svg_fill(const struct model *m, int level)
{
	return viridis[step_of(m, level)];
}

const char *report_svg_ink(const struct model *m, int level)
{
	return step_of(m, level) < NVIRIDIS / 2 ? "#ffffff" : "#000000";
}

/* A label cut to NAME_CHARS characters, with its whole text as a tooltip. */
static void label(FILE *out, double x, double y, const char *anchor, const char *s)
{
	char *p = text_printable(s ? s : "", false);
	size_t n = strlen(p), chars = 0, cut = n;

	for (size_t i = 0; i < n; i++) {
		if (((unsigned char)p[i] & 0xc0) != 0x80 && ++chars > NAME_CHARS) {
			cut = i;
			break;
		}
	}
	if (cut < n)
		strcpy(p + cut, "\xe2\x80\xa6");
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor);
	report_svg_text(out, p);
	fputs("<title>", out);
	report_svg_text(out, s);
	fputs("</title></text>\n", out);
	free(p);
}

static void head_label(FILE *out, double x, const char *s)
{
	fprintf(out, "<g transform=\"translate(%.1f %d) rotate(-40)\">", x, HEAD_H - 6);
	label(out, 0, 0, "start", s);
	fputs("</g>\n", out);
}

/* One heatmap cell: its colour by level, its score written on it. */
static void cell(FILE *out, const struct model *m, double x, double y, int level, double score,
		 const char *row, const char *col)
{
	if (level < 0) {
		fprintf(out, "<rect class=\"cell none\" x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" "
			"fill=\"#ffffff\" stroke=\"#bbbbbb\"/><text x=\"%.1f\" y=\"%.1f\" "
			"text-anchor=\"middle\">-</text>\n", x, y, CELL_W - 2, CELL_H - 2,
			x + CELL_W / 2.0 - 1, y + CELL_H / 2.0 + 4);
		return;
	}
	fprintf(out, "<rect class=\"cell\" x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" "
		"fill=\"%s\"><title>", x, y, CELL_W - 2, CELL_H - 2, report_svg_fill(m, level));
	report_svg_text(out, row);
	fputs(" - ", out);
	report_svg_text(out, col);
	fprintf(out, ": score %.2f, level %d</title></rect>", score, level);
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">%.2f</text>\n",
		x + CELL_W / 2.0 - 1, y + CELL_H / 2.0 + 4, report_svg_ink(m, level), score);
}

static void svg_open(FILE *out, const char *title, int w, int h)
{
	fprintf(out, "<div class=\"wrap\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
		"viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" font-size=\"12\">"
		"<title>%s</title>\n", w, h, w, h, title);
}

void report_svg_org_heatmap(FILE *out, const struct report *r)
{
	const struct model *m = r->model;
	int w = LABEL_W + (int)(m->ndims + 1) * CELL_W + HEAD_H;
	int h = HEAD_H + (int)r->nteams * CELL_H + 10;

	svg_open(out, "Score by team and dimension", w, h);
	head_label(out, LABEL_W + CELL_W / 2.0, "Overall");
	for (size_t d = 0; d < m->ndims; d++)
		head_label(out, LABEL_W + (double)(d + 1) * CELL_W + CELL_W / 2.0, m->dims[d].name);
	for (size_t i = 0; i < r->nteams; i++) {
		const struct assessment *a = r->teams[i].a;
		double y = HEAD_H + (double)i * CELL_H;

		label(out, LABEL_W - 8, y + CELL_H / 2.0 + 4, "end", a->team);
		fprintf(out, "<text class=\"overall\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
			"font-weight=\"bold\">%.2f</text>\n", LABEL_W + CELL_W / 2.0,
			y + CELL_H / 2.0 + 4, a->overall.score);
		for (size_t d = 0; d < m->ndims; d++) {
			long k = report_dim_in(r, d, a);

			cell(out, m, LABEL_W + (double)(d + 1) * CELL_W, y, k >= 0 ? a->scores[k].level : -1,
			     k >= 0 ? a->scores[k].score : 0, a->team, m->dims[d].name);
		}
	}
	fputs("</svg></div>\n", out);
}

void report_svg_team_heatmap(FILE *out, const struct report *r)
{
	const struct model *m = r->model;
	int w = LABEL_W + (int)r->nhistory * CELL_W + 60;
	int h = HEAD_H / 2 + (int)m->ndims * CELL_H + 10;

	svg_open(out, "Score by dimension and period", w, h);
	for (size_t i = 0; i < r->nhistory; i++) {
		char p[PERIOD_LEN];

		period_format(r->history[i].period, p);
		fprintf(out, "<g transform=\"translate(%.1f %d) rotate(-40)\"><text>%s</text></g>\n",
			LABEL_W + (double)i * CELL_W + CELL_W / 2.0 - 8, HEAD_H / 2 - 6, p);
	}
	for (size_t d = 0; d < m->ndims; d++) {
		double y = HEAD_H / 2.0 + (double)d * CELL_H;

		label(out, LABEL_W - 8, y + CELL_H / 2.0 + 4, "end", m->dims[d].name);
		for (size_t i = 0; i < r->nhistory; i++) {
			char p[PERIOD_LEN];

			period_format(r->history[i].period, p);
			cell(out, m, LABEL_W + (double)i * CELL_W, y, r->history[i].level[d],
			     r->history[i].score[d], m->dims[d].name, p);
		}
	}
	fputs("</svg></div>\n", out);
}

#define BAR_W 360               /* the highest level's length */
#define BAR_H 22

/* Per dimension of the assessment shown: a bar to its score, a mark at
 * its target, and the numbers beside it. */
void report_svg_bars(FILE *out, const struct report *r)
{
	const struct assessment *a = r->teams[0].a;
	const struct model *m = a->model;
	double unit = (double)BAR_W / (m->highest > 0 ? m->highest : 1);
	int w = LABEL_W + BAR_W + 220, h = 24 + (int)m->ndims * (BAR_H + 8);

	svg_open(out, "Score, target and gap per dimension", w, h);
	for (int l = 0; l <= m->highest; l++)
		fprintf(out, "<line x1=\"%.1f\" y1=\"14\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>"
			"<text x=\"%.1f\" y=\"11\" text-anchor=\"middle\" fill=\"#555555\">%d</text>\n",
			LABEL_W + l * unit, LABEL_W + l * unit, h, LABEL_W + l * unit, l);
	for (size_t d = 0; d < m->ndims; d++) {
		const struct dim_score *s = &a->scores[d];
		double y = 20 + (double)d * (BAR_H + 8);
		int t = a->dims[d].target;

		label(out, LABEL_W - 8, y + BAR_H / 2.0 + 4, "end", m->dims[d].name);
		fprintf(out, "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
			"fill=\"%s\"><title>", LABEL_W, y, s->score * unit, BAR_H,
			report_svg_fill(m, s->level));
		report_svg_text(out, m->dims[d].name);
		fprintf(out, ": score %.2f</title></rect>\n", s->score);
		if (t != NO_LEVEL)
			fprintf(out, "<line class=\"target\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				"stroke=\"#d55e00\" stroke-width=\"3\"/>\n", LABEL_W + t * unit, y - 3,
				LABEL_W + t * unit, y + BAR_H + 3);
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">%.2f", LABEL_W + BAR_W + 12.0,
			y + BAR_H / 2.0 + 4, s->score);
		if (t != NO_LEVEL)
			fprintf(out, " / target %d / gap %.2f", t, s->gap);
		fputs("</text>\n", out);
	}
	fputs("</svg></div>\n", out);
}

#define LINE_W 560
#define LINE_H 220
#define LINE_X 40

/* The overall score over the team's periods, with the target as a dashed
 * line, each point's score written above it. */
void report_svg_line(FILE *out, const struct report *r)
{
	const struct model *m = r->model;
	size_t n = r->nhistory;
	double step = n > 1 ? (double)(LINE_W - LINE_X - 60) / (double)(n - 1) : 0;
	double unit = (double)(LINE_H - 50) / (m->highest > 0 ? m->highest : 1);
	size_t every = n > 12 ? (n + 11) / 12 : 1;

#define PX(i) (LINE_X + 20 + (double)(i) * step)
#define PY(v) (LINE_H - 30 - (v) * unit)
	svg_open(out, "Overall score over the periods", LINE_W, LINE_H);
	for (int l = 0; l <= m->highest; l++)
		fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>"
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555555\">%d</text>\n",
			LINE_X, PY(l), LINE_W - 10, PY(l), LINE_X - 6, PY(l) + 4, l);
	if (r->has_target)
		fprintf(out, "<line class=\"target\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
			"stroke=\"#d55e00\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#a04000\">target %.2f</text>\n",
			LINE_X, PY(r->overall_target), LINE_W - 10, PY(r->overall_target), LINE_W - 10,
			PY(r->overall_target) - 5, r->overall_target);
	fputs("<polyline class=\"line\" fill=\"none\" stroke=\"#0072b2\" stroke-width=\"2\" points=\"", out);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%.1f,%.1f", i ? " " : "", PX(i), PY(r->history[i].overall));
	fputs("\"/>\n", out);
	for (size_t i = 0; i < n; i++) {
		char p[PERIOD_LEN];

		period_format(r->history[i].period, p);
		fprintf(out, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#0072b2\">"
			"<title>%s: %.2f</title></circle><text x=\"%.1f\" y=\"%.1f\" "
			"text-anchor=\"middle\">%.2f</text>\n", PX(i), PY(r->history[i].overall), p,
			r->history[i].overall, PX(i), PY(r->history[i].overall) - 8, r->history[i].overall);
		if (i % every == 0 || i == n - 1)
			fprintf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555555\">%s"
				"</text>\n", PX(i), LINE_H - 10, p);
	}
	fputs("</svg></div>\n", out);
#undef PX
#undef PY
}

void report_svg_legend(FILE *out, const struct model *m)
{
	fputs("<ul class=\"legend\">", out);
	for (int i = 0; i < m->nlevels; i++) {
		int l = m->levels[i].level;

		fprintf(out, "<li><span style=\"background:%s;color:%s\">%d</span> ",
			report_svg_fill(m, l), report_svg_ink(m, l), l);
		report_svg_text(out, m->levels[i].name);
		fputs("</li>", out);
	}
	fputs("</ul>\n", out);
}
