#include "score.h"
#include "strbuf.h"

#include <math.h>
#include <string.h>

static const char *const answer_names[] = { "unknown", "no", "partly", "yes", "n/a" };

const char *answer_name(enum answer a)
{
	return (unsigned)a < ANS_COUNT ? answer_names[a] : "unknown";
}

bool answer_parse(const char *s, enum answer *a)
{
	for (int i = 0; i < ANS_COUNT; i++) {
		if (!strcmp(s, answer_names[i])) {
			*a = (enum answer)i;
			return true;
		}
	}
	return false;
}

static int staircase(const struct model *m, const struct dimension *d, const enum answer *answers)
{
	int level = m->lowest;

	for (int l = m->lowest + 1; l <= m->highest; l++) {
		for (size_t c = d->first; c < d->first + d->ncrit; c++)
			if (m->crits[c].level == l && answers[c] != ANS_YES && answers[c] != ANS_NA)
				return level;
		level = l;
	}
	return level;
}

void score_dimension(const struct model *m, size_t dim, const enum answer *answers,
		     const struct dim_input *in, struct dim_score *out)
{
	const struct dimension *d = &m->dims[dim];
	int level = staircase(m, d, answers);

	memset(out, 0, sizeof *out);
	out->derived_level = level;
	out->total = (int)d->ncrit;
	for (size_t c = d->first; c < d->first + d->ncrit; c++)
		if (answers[c] != ANS_UNKNOWN)
			out->answered++;
	out->coverage = out->total ? round2((double)out->answered / out->total) : 0;

	if (in && in->override_level != NO_LEVEL) {
		out->level = in->override_level;
		out->raw_score = out->score = in->override_level;
	} else if (level >= m->highest) {
		out->level = level;
		out->raw_score = out->score = level;
	} else {
		int halves = 0, n = 0;
		double met = 0, total = 0;
		bool weighted = false;

		for (size_t c = d->first; c < d->first + d->ncrit; c++) {
			const struct criterion *cr = &m->crits[c];
			int h = answers[c] == ANS_YES ? 2 : answers[c] == ANS_PARTLY ? 1 : 0;

			if (cr->level != level + 1 || answers[c] == ANS_NA)
				continue;
			n++;
			halves += h;
			met += cr->weight * h;
			total += 2 * cr->weight;
			weighted = weighted || cr->weight != 1;
		}
		out->level = level;
		/* level + 1 always holds criteria that apply here: a level
		 * without any (none at all, or all n/a) is passed. */
		if (weighted) {
			out->raw_score = level + met / total;
			out->score = round2(out->raw_score);
		} else {
			out->raw_score = level + (double)halves / (2.0 * n);
			/* Exact in integers: hundredths rounded half away from zero. */
			out->score = level + (double)((200L * halves + 2L * n) / (4L * n)) / 100.0;
		}
	}
	if (in && in->target != NO_LEVEL && in->target > out->score)
		out->gap = round2(in->target - out->score);
}

double score_group(const struct model *m, const struct dim_score *dims, long group)
{
	double sum = 0, wsum = 0;

	for (size_t i = 0; i < m->ndims; i++) {
		if (m->dims[i].group != group)
			continue;
		sum += m->dims[i].weight * dims[i].raw_score;
		wsum += m->dims[i].weight;
	}
	return wsum > 0 ? round2(sum / wsum) : 0;
}

void score_overall(const struct model *m, const struct dim_score *dims,
		   struct overall_score *out)
{
	double sum = 0, wsum = 0;
	int answered = 0, total = 0;

	for (size_t i = 0; i < m->ndims; i++) {
		sum += m->dims[i].weight * dims[i].raw_score;
		wsum += m->dims[i].weight;
		answered += dims[i].answered;
		total += dims[i].total;
	}
	out->score = wsum > 0 ? round2(sum / wsum) : 0;
	out->coverage = total ? round2((double)answered / total) : 0;
}

char *score_explain(const struct model *m, size_t dim, const enum answer *answers,
		    const struct dim_score *s)
{
	const struct dimension *d = &m->dims[dim];
	struct strbuf sb;
	int next = s->derived_level + 1;
	bool first = true;

	sb_init(&sb);
	if (s->level != s->derived_level)
		sb_printf(&sb, "Level %d (override; criteria give %d)", s->level, s->derived_level);
	else
		sb_printf(&sb, "Level %d", s->level);
	if (s->derived_level >= m->highest) {
		sb_adds(&sb, " - the top level");
		return sb.s;
	}
	sb_printf(&sb, " - for level %d missing: ", next);
	for (size_t c = d->first; c < d->first + d->ncrit; c++) {
		if (m->crits[c].level != next || answers[c] == ANS_YES || answers[c] == ANS_NA)
			continue;
		sb_printf(&sb, "%s%s (%s)", first ? "" : "; ", m->crits[c].text,
			  answer_name(answers[c]));
		first = false;
	}
	return sb.s;
}

double round2(double x)
{
	double r = fabs(x) * 100.0;
	double f = floor(r);

	/* Scores are sums of halves and quotients; a tolerance keeps 1.125,
	 * stored as 1.12499999..., rounding up as written. */
	if (r - f >= 0.5 - 1e-9)
		f += 1.0;
	return copysign(f / 100.0, x);
}
