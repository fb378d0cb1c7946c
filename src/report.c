#include "report.h"
#include "export.h"
#include "report_write.h"

#include <errno.h>
#include <string.h>

static const char *const format_names[] = {
	[REPORT_TEXT] = "text", [REPORT_MARKDOWN] = "markdown", [REPORT_HTML] = "html",
	[REPORT_JSON] = "json",
};

bool report_parse_format(const char *s, enum report_format *out)
{
	for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++) {
		if (!strcmp(s, format_names[i])) {
			*out = (enum report_format)i;
			return true;
		}
	}
	return false;
}

const char *report_format_name(enum report_format f)
{
	return format_names[f];
}

bool report_write_format(struct store *st, enum report_format f, const char *team, int period,
			 bool ascii, FILE *out)
{
	struct report r;

	if (!report_collect(st, team, period, &r))
		return false;
	switch (f) {
	case REPORT_TEXT: report_text(&r, ascii, out); break;
	case REPORT_MARKDOWN: report_md(&r, out); break;
	case REPORT_HTML: report_html(&r, out); break;
	case REPORT_JSON: report_json(&r, out); break;
	}
	report_free(&r);
	if (fflush(out) != 0 || ferror(out))
		return store_fail(st, "cannot write the report: %s", strerror(errno));
	return true;
}

bool report_write(struct store *st, const char *team, int period, bool ascii, FILE *out)
{
	return report_write_format(st, REPORT_TEXT, team, period, ascii, out);
}

struct file_job {
	enum report_format f;
	const char *team;
	int period;
};

static bool write_job(struct store *st, FILE *out, void *ctx)
{
	const struct file_job *j = ctx;

	return report_write_format(st, j->f, j->team, j->period, false, out);
}

bool report_to_file(struct store *st, enum report_format f, const char *team, int period,
		    const char *path, bool force, char *err, size_t errsz)
{
	struct file_job j = { f, team, period };

	return export_file_atomic(st, path, force, write_job, &j, err, errsz);
}
