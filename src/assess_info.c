/* The assessment's whole-text view of the dimension on screen (I): what
 * its head shows cut to a few lines (why the level is what it is, the
 * stage texts, target, override and its reason, notes), in full. */
#include "assess.h"
#include "dialog.h"
#include "period.h"
#include "strbuf.h"

#include <stdio.h>

void assess_dim_info(struct app *app, struct assess *as)
{
	const struct assessment *a = as->v.a;
	const struct model *m = a->model;
	const struct dimension *d = &m->dims[as->dim];
	const struct dim_state *ds = &a->dims[as->dim];
	const struct dim_score *sc = &a->scores[as->dim];
	struct strbuf b;
	char title[200];

	sb_init(&b);
	if (d->description)
		sb_printf(&b, "%s\n\n", d->description);
	sb_printf(&b, "Score %.2f, level %d (derived %d), coverage %.0f%%\nWhy: %s", sc->score,
		  sc->level, sc->derived_level, sc->coverage * 100, as->why ? as->why : "-");
	sb_printf(&b, "\n\nTarget: ");
	if (ds->target != NO_LEVEL)
		sb_printf(&b, "%d, gap %.2f", ds->target, sc->gap);
	else
		sb_printf(&b, "-");
	sb_printf(&b, "\nOverride: ");
	if (ds->override_level != NO_LEVEL)
		sb_printf(&b, "%d, because: %s", ds->override_level,
			  ds->override_reason ? ds->override_reason : "-");
	else
		sb_printf(&b, "-");
	sb_printf(&b, "\nNotes: %s\n\nStages:", ds->notes ? ds->notes : "-");
	for (int l = m->lowest; l <= m->highest; l++) {
		const struct model_level *lv = model_level(m, l);

		sb_printf(&b, "\nL%d %s%s: %s", l, lv ? lv->name : "", l == sc->level ? " (now)" : "",
			  d->stages[l - m->lowest] ? d->stages[l - m->lowest] : "-");
	}
	snprintf(title, sizeof title, "%s (dimension %zu of %zu)", d->name, as->dim + 1, m->ndims);
	dialog_text(app, title, b.s);
	sb_free(&b);
}
