/* `x` on a screen: a prompt for the path, a question before overwriting,
 * then export.c writes the file atomically (report.c through the same
 * writer, for the HTML report). */
#include "tui_export.h"
#include "dialog.h"
#include "period.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

void tui_export_default_path(enum export_what what, const char *team, int period, char *out,
			     size_t size)
{
	char p[PERIOD_LEN] = "all", slug[96];
	size_t n = 0;
	bool dash = false;

	if (period != NO_PERIOD)
		period_format(period, p);
	for (const char *s = team ? team : "org"; *s && n < sizeof slug - 1; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			slug[n++] = (char)c;
			dash = false;
		} else if (!dash && n > 0) {
			slug[n++] = '-';
			dash = true;
		}
	}
	while (n > 0 && slug[n - 1] == '-')
		n--;
	if (n == 0)
		slug[n++] = 't';
	slug[n] = '\0';
	snprintf(out, size, "./mlmat-%s-%s-%s.csv", export_what_name(what), slug, p);
}

static const char *need_path(const char *text, void *ctx)
{
	(void)ctx;
	return *text ? NULL : "Give a file name.";
}

static bool is_html(const char *path)
{
	size_t n = strlen(path);

	return (n > 5 && !strcasecmp(path + n - 5, ".html")) ||
	       (n > 4 && !strcasecmp(path + n - 4, ".htm"));
}

/* What `x` writes: the CSV, or (when the screen offers it and the name
 * ends in .html) the HTML report of team (NULL: the organisation) at
 * period. */
struct job {
	enum export_what what;
	const struct export_filter *f;
	bool offer_report;
	const char *team;
	int period;
};

static void run(struct app *app, const struct job *j, const char *default_path)
{
	char title[128], err[1200];
	char *path;
	struct stat sb;
	bool force = false, html, ok;

	snprintf(title, sizeof title, j->offer_report ?
		 "Export %s as CSV to (a name ending .html: the HTML report)" : "Export %s as CSV to",
		 export_what_name(j->what));
	path = dialog_prompt(app, title, default_path, 0, need_path, NULL);
	if (!path) {
		app_message(app, false, "Nothing exported.");
		return;
	}
	html = j->offer_report && is_html(path);
	if (lstat(path, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
		char q[600];

		snprintf(q, sizeof q, "%s exists. Overwrite it?", path);
		if (!dialog_confirm(app, q)) {
			app_message(app, false, "Nothing exported; %s left as it was.", path);
			free(path);
			return;
		}
		force = true;
	}
	if (html)
		ok = report_to_file(app->st, REPORT_HTML, j->team, j->period, path, force, err,
				    sizeof err);
	else
		ok = export_to_file(app->st, j->what, j->f, path, force, err, sizeof err);
	if (ok)
		app_message(app, false, "Wrote %s%s", html ? "the HTML report to " : "", path);
	else
		app_message(app, true, "%s", err);
	free(path);
}

void tui_export_run(struct app *app, enum export_what what, const struct export_filter *f,
		    const char *default_path)
{
	struct job j = { what, f, false, NULL, NO_PERIOD };

	run(app, &j, default_path);
}

void tui_export_offer(struct app *app, enum export_what what, const struct export_filter *f,
		      const char *default_path, const char *team, int period)
{
	struct job j = { what, f, true, team, period };

	run(app, &j, default_path);
}
