/* The report as JSON (data/report.schema.json, "schema": 1): numbers as
 * numbers with the CSV export's two decimals, periods as "YYYY-Qn"
 * strings, null for what is absent. User text goes through text_printable
 * (no control character or bidirectional override), and <, > and & are
 * written as \u escapes so the text stays inert even pasted into HTML. */
#include "report_write.h"
#include "period.h"
#include "text.h"
#include "version.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void j_str(FILE *out, const char *s)
{
	char *p;

	if (!s) {
		fputs("null", out);
		return;
	}
	p = text_printable(s, false);
	putc('"', out);
	for (const char *c = p; *c; c++) {
		switch (*c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '<': fputs("\\u003c", out); break;
		case '>': fputs("\\u003e", out); break;
		case '&': fputs("\\u0026", out); break;
		default: putc(*c, out);
		}
	}
	putc('"', out);
	free(p);
}

static void j_key(FILE *out, bool *first, const char *key)
{
	fprintf(out, "%s\"%s\": ", *first ? "" : ", ", key);
	*first = false;
}

static void j_kstr(FILE *out, bool *first, const char *key, const char *s)
{
	j_key(out, first, key);
	j_str(out, s);
}

static void j_kperiod(FILE *out, bool *first, const char *key, int period)
{
	char p[PERIOD_LEN];

	j_key(out, first, key);
	if (period == NO_PERIOD) {
		fputs("null", out);
		return;
	}
	period_format(period, p);
	fprintf(out, "\"%s\"", p);
}

static void j_knum(FILE *out, bool *first, const char *key, double x, bool present)
{
	j_key(out, first, key);
	if (!present || isnan(x))
		fputs("null", out);
	else
		fprintf(out, "%.2f", x);
}

/* A number of the model (a weight), as written, not rounded. */
static void j_kreal(FILE *out, bool *first, const char *key, double x)
{
	j_key(out, first, key);
	fprintf(out, "%.15g", x);
}

static void j_kint(FILE *out, bool *first, const char *key, long long x, bool present)
{
	j_key(out, first, key);
	if (present)
		fprintf(out, "%lld", x);
	else
		fputs("null", out);
}

static void j_kbool(FILE *out, bool *first, const char *key, bool x)
{
	j_key(out, first, key);
	fputs(x ? "true" : "false", out);
}

static void put_model(FILE *out, const struct model *m)
{
	bool f = true;

	fputs("{", out);
	j_kstr(out, &f, "id", m->id);
	j_kstr(out, &f, "name", m->name);
	j_kstr(out, &f, "version", m->version);
	j_kint(out, &f, "lowest", m->lowest, true);
	j_kint(out, &f, "highest", m->highest, true);
	j_key(out, &f, "levels");
	fputs("[", out);
	for (int i = 0; i < m->nlevels; i++) {
		bool g = true;

		fputs(i ? ", {" : "{", out);
		j_kint(out, &g, "level", m->levels[i].level, true);
		j_kstr(out, &g, "name", m->levels[i].name);
		fputs("}", out);
	}
	fputs("]", out);
	j_key(out, &f, "dimensions");
	fputs("[", out);
	for (size_t d = 0; d < m->ndims; d++) {
		bool g = true;

		fputs(d ? ",\n    {" : "\n    {", out);
		j_kstr(out, &g, "id", m->dims[d].id);
		j_kstr(out, &g, "name", m->dims[d].name);
		j_kstr(out, &g, "group", m->dims[d].group >= 0 ? m->groups[m->dims[d].group].name : NULL);
		j_kreal(out, &g, "weight", m->dims[d].weight);
		fputs("}", out);
	}
	fputs("]}", out);
}

static void put_dims(FILE *out, const struct assessment *a)
{
	const struct model *m = a->model;

	fputs("[", out);
	for (size_t d = 0; d < m->ndims; d++) {
		const struct dim_score *s = &a->scores[d];
		bool tgt = a->dims[d].target != NO_LEVEL, f = true;

		fputs(d ? ",\n      {" : "\n      {", out);
		j_kstr(out, &f, "id", m->dims[d].id);
		j_kstr(out, &f, "name", m->dims[d].name);
		j_kint(out, &f, "level", s->level, true);
		j_knum(out, &f, "score", s->score, true);
		j_kint(out, &f, "target", a->dims[d].target, tgt);
		j_knum(out, &f, "gap", s->gap, tgt);
		j_knum(out, &f, "coverage", s->coverage, true);
		j_kbool(out, &f, "overridden", a->dims[d].override_level != NO_LEVEL);
		j_kstr(out, &f, "override_reason", a->dims[d].override_reason);
		j_kstr(out, &f, "notes", a->dims[d].notes);
		fputs("}", out);
	}
	fputs("]", out);
}

static void put_roadmap(FILE *out, const struct report *r, const struct report_team *t)
{
	const struct model *m = t->a->model;

	fputs("[", out);
	for (size_t i = 0; i < t->nitems; i++) {
		const struct roadmap_row *it = &t->items[i];
		long c = model_find_criterion(m, it->criterion_id);
		bool f = true;

		fputs(i ? ",\n      {" : "\n      {", out);
		j_kstr(out, &f, "criterion", it->criterion_id);
		j_kstr(out, &f, "dimension", it->dimension_id);
		j_kstr(out, &f, "text", c >= 0 ? m->crits[c].text : NULL);
		j_kstr(out, &f, "action", it->action);
		j_kstr(out, &f, "status", rm_status_name(it->status));
		j_kstr(out, &f, "owner", it->owner);
		j_kperiod(out, &f, "due", it->due_period);
		j_kperiod(out, &f, "created", it->created_period);
		j_kbool(out, &f, "past_due", it->due_period != NO_PERIOD && it->due_period < r->current);
		j_key(out, &f, "blocked_by");
		fputs("[", out);
		if (t->blocked && t->blocked[i]) {
			const char *p = t->blocked[i];

			/* "a, b": criterion ids, which hold no comma. */
			while (*p) {
				size_t n = strcspn(p, ",");
				char *id = xstrndup(p, n);

				fputs(p == t->blocked[i] ? "" : ", ", out);
				j_str(out, id);
				free(id);
				p += n;
				while (*p == ',' || *p == ' ')
					p++;
			}
		}
		fputs("]}", out);
	}
	fputs("]", out);
}

static void put_evidence(FILE *out, const struct assessment *a)
{
	const struct model *m = a->model;

	fputs("[", out);
	for (size_t c = 0; c < m->ncrits; c++) {
		const struct crit_state *cs = &a->crits[c];
		bool f = true;

		fputs(c ? ",\n      {" : "\n      {", out);
		j_kstr(out, &f, "dimension", m->dims[m->crits[c].dim].id);
		j_kstr(out, &f, "criterion", m->crits[c].id);
		j_kint(out, &f, "level", m->crits[c].level, true);
		j_kstr(out, &f, "text", m->crits[c].text);
		j_kstr(out, &f, "answer", answer_name(a->answers[c]));
		j_kstr(out, &f, "origin", cs->origin == ORIGIN_NONE ? NULL : origin_name(cs->origin));
		j_kstr(out, &f, "comment", cs->comment);
		j_kstr(out, &f, "evidence", cs->evidence);
		fputs("}", out);
	}
	fputs("]", out);
}

static void put_team(FILE *out, const struct report *r, const struct report_team *t)
{
	const struct assessment *a = t->a;
	bool f = true, detail = r->team != NULL;

	fputs("{", out);
	j_kstr(out, &f, "team", a->team);
	j_kint(out, &f, "assessment_id", a->id, true);
	j_kperiod(out, &f, "period", a->period);
	j_kstr(out, &f, "facilitator", a->facilitator);
	j_kstr(out, &f, "model_id", a->model->id);
	j_kstr(out, &f, "model_version", a->model->version);
	j_knum(out, &f, "overall", a->overall.score, true);
	j_knum(out, &f, "coverage", a->overall.coverage, true);
	j_kstr(out, &f, "state", a->signed_by ? "signed-off" : "open");
	j_kstr(out, &f, "signed_by", a->signed_by);
	j_kstr(out, &f, "signed_at", a->signed_by ? a->signed_at : NULL);
	j_kint(out, &f, "carried", (long long)assessment_carried(a, -1), true);
	j_kperiod(out, &f, "previous_period", t->prev ? t->prev->period : NO_PERIOD);
	j_knum(out, &f, "previous_overall", t->prev ? t->prev->overall.score : 0, t->prev != NULL);
	j_knum(out, &f, "change", t->change, t->has_change);
	j_key(out, &f, "dimensions");
	put_dims(out, a);
	j_key(out, &f, "roadmap");
	if (detail && t->latest)
		put_roadmap(out, r, t);
	else
		fputs("null", out);
	j_key(out, &f, "evidence");
	if (detail)
		put_evidence(out, a);
	else
		fputs("null", out);
	fputs("}", out);
}

static void put_history(FILE *out, const struct report *r)
{
	fputs("[", out);
	for (size_t i = 0; i < r->nhistory; i++) {
		const struct report_period *h = &r->history[i];
		bool f = true;

		fputs(i ? ",\n    {" : "\n    {", out);
		j_kperiod(out, &f, "period", h->period);
		j_knum(out, &f, "overall", h->overall, true);
		j_knum(out, &f, "coverage", h->coverage, true);
		j_kstr(out, &f, "state", h->signed_off ? "signed-off" : "open");
		j_key(out, &f, "scores");
		fputs("[", out);
		for (size_t d = 0; d < r->model->ndims; d++) {
			bool g = true;

			fputs(d ? ", {" : "{", out);
			j_kstr(out, &g, "dimension", r->model->dims[d].id);
			j_kint(out, &g, "level", h->level[d], h->level[d] >= 0);
			j_knum(out, &g, "score", h->score[d], true);
			fputs("}", out);
		}
		fputs("]}", out);
	}
	fputs("]", out);
}

static void put_changes(FILE *out, const struct report *r)
{
	const struct report_team *t = &r->teams[0];
	const struct model *m = t->a->model;
	bool f = true, any = false;

	if (!t->prev) {
		fputs("null", out);
		return;
	}
	fputs("{", out);
	j_kperiod(out, &f, "previous_period", t->prev->period);
	j_key(out, &f, "dimensions");
	fputs("[", out);
	for (size_t d = 0; d < m->ndims; d++) {
		long k = model_find_dimension(t->prev->model, m->dims[d].id);
		double before = k >= 0 ? t->prev->scores[k].score : 0, now = t->a->scores[d].score;
		bool g = true;

		fputs(any ? ",\n      {" : "\n      {", out);
		any = true;
		j_kstr(out, &g, "dimension", m->dims[d].id);
		j_knum(out, &g, "previous_score", before, k >= 0);
		j_knum(out, &g, "score", now, true);
		j_knum(out, &g, "change", round2(now - before), k >= 0);
		fputs("}", out);
	}
	fputs("]", out);
	j_key(out, &f, "answers");
	fputs("[", out);
	for (size_t i = 0; i < r->nanswer_changes; i++) {
		const struct report_answer_change *c = &r->answer_changes[i];
		bool g = true;

		fputs(i ? ",\n      {" : "\n      {", out);
		j_kstr(out, &g, "dimension", m->dims[m->crits[c->crit].dim].id);
		j_kstr(out, &g, "criterion", m->crits[c->crit].id);
		j_kstr(out, &g, "previous", answer_name(c->before));
		j_kstr(out, &g, "answer", answer_name(c->now));
		fputs("}", out);
	}
	fputs("]}", out);
}

/* The rounds whose revealed votes disagreed: [] when every revealed vote
 * agreed, null when there was no revealed vote. */
static void put_votes(FILE *out, const struct report *r)
{
	const struct report_team *t = &r->teams[0];
	const struct model *m = t->a->model;

	if (!t->any_vote) {
		fputs("null", out);
		return;
	}
	fputs("[", out);
	for (size_t i = 0; i < t->nvotes; i++) {
		const struct report_disagreement *d = &t->votes[i];
		bool g = true, h = true;

		fputs(i ? ",\n      {" : "\n      {", out);
		j_kstr(out, &g, "dimension", m->dims[m->crits[d->crit].dim].id);
		j_kstr(out, &g, "criterion", m->crits[d->crit].id);
		j_kint(out, &g, "round", d->round, true);
		j_key(out, &g, "votes");
		fputs("{", out);
		for (size_t k = 0; k < 4; k++) {
			enum answer v = report_vote_order[k];

			if (!d->count[v])
				continue;
			j_key(out, &h, answer_name(v));
			fputs("{", out);
			{
				bool e = true;

				j_kint(out, &e, "count", (long long)d->count[v], true);
				j_kstr(out, &e, "voters", d->who[v]);
			}
			fputs("}", out);
		}
		fputs("}}", out);
	}
	fputs("]", out);
}

static void put_org(FILE *out, const struct report *r)
{
	const struct model *m = r->model;
	bool f = true;

	fputs(",\n  \"summary\": {", out);
	j_kint(out, &f, "teams", (long long)r->nteams, true);
	j_kint(out, &f, "periods", (long long)r->nperiods, true);
	j_kperiod(out, &f, "first_period", r->first_period);
	j_kperiod(out, &f, "last_period", r->last_period);
	j_knum(out, &f, "mean_overall", r->mean_overall, r->nteams > 0);
	j_knum(out, &f, "mean_coverage", r->mean_coverage, r->nteams > 0);
	fputs("},\n  \"roadmap_status\": {", out);
	f = true;
	for (int s = 0; s < RM_NSTATUS; s++)
		j_kint(out, &f, rm_status_name((enum rm_status)s), r->status_count[s], true);
	fputs("},\n  \"distribution\": [", out);
	for (size_t d = 0; m && d < m->ndims; d++) {
		bool g = true;

		fputs(d ? ",\n    {" : "\n    {", out);
		j_kstr(out, &g, "dimension", m->dims[d].id);
		j_key(out, &g, "levels");
		fputs("[", out);
		for (int l = 0; l < m->nlevels; l++) {
			bool h = true;

			fputs(l ? ", {" : "{", out);
			j_kint(out, &h, "level", m->lowest + l, true);
			j_kint(out, &h, "teams", r->dist[d * (size_t)m->nlevels + (size_t)l], true);
			fputs("}", out);
		}
		fputs("]}", out);
	}
	fputs("],\n  \"movers\": [", out);
	for (size_t i = 0; i < r->nmovers; i++) {
		const struct report_team *t = &r->teams[r->movers[i]];
		bool g = true;

		fputs(i ? ",\n    {" : "\n    {", out);
		j_kstr(out, &g, "team", t->a->team);
		j_kperiod(out, &g, "previous_period", t->prev->period);
		j_knum(out, &g, "previous_overall", t->prev->overall.score, true);
		j_kperiod(out, &g, "period", t->a->period);
		j_knum(out, &g, "overall", t->a->overall.score, true);
		j_knum(out, &g, "change", t->change, true);
		fputs("}", out);
	}
	fputs("]", out);
}

void report_json(const struct report *r, FILE *out)
{
	bool f = true;

	fputs("{\n  ", out);
	j_kint(out, &f, "schema", 1, true);
	j_kstr(out, &f, "generator", "mlmat " MLMAT_VERSION);
	j_kstr(out, &f, "scope", r->team ? "team" : "organisation");
	j_kperiod(out, &f, "period", r->period);
	j_kperiod(out, &f, "current_period", r->current);
	fputs(",\n  ", out);
	f = true;
	j_key(out, &f, "model");
	if (r->model)
		put_model(out, r->model);
	else
		fputs("null", out);
	if (!r->team)
		put_org(out, r);
	fputs(",\n  \"teams\": [", out);
	for (size_t i = 0; i < r->nteams; i++) {
		fputs(i ? ",\n    " : "\n    ", out);
		put_team(out, r, &r->teams[i]);
	}
	fputs("]", out);
	if (r->team) {
		fputs(",\n  ", out);
		f = true;
		j_key(out, &f, "history");
		put_history(out, r);
		fputs(",\n  ", out);
		f = true;
		j_knum(out, &f, "overall_target", r->overall_target, r->has_target);
		fputs(",\n  ", out);
		f = true;
		j_key(out, &f, "changes");
		if (r->nteams)
			put_changes(out, r);
		else
			fputs("null", out);
		fputs(",\n  ", out);
		f = true;
		j_key(out, &f, "disagreements");
		if (r->nteams)
			put_votes(out, r);
		else
			fputs("null", out);
	}
	fputs("\n}\n", out);
}
