/* `x` on a screen: a prompt for the path, a question before overwriting,
 * then export.c writes the file atomically (report.c through the same
 * writer, for the HTML report) in a thread of its own (bgjob.c), while the
 * dashboard goes on: progress on the status line, Esc cancels. */
#include "tui_export.h"
#include "bgjob.h"
#include "dialog.h"
#include "period.h"
#include "report.h"
#include "xalloc.h"

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

/* A running export: its own copies of what the screen gave (the screen
 * may be gone before it ends). The worker's half (work, write_csv,
 * write_html, watch) runs in the job's thread and reads only the fields
 * set before it started, and bg_worker. */
struct running {
	struct app_job hook;            /* first: app->job points here */
	struct bgjob *bg, *bg_worker;
	enum export_what what;
	struct export_filter f;
	char *team, *fteam, *path;
	int period;
	bool html, force;
	int shown;                      /* the percentage on the status line (-2: none yet) */
};

static bool watch(void *ctx, int64_t rows, int64_t total)
{
	struct running *r = ctx;

	return bgjob_progress(r->bg_worker, rows, total);
}

static bool write_csv(struct store *st, FILE *out, void *ctx)
{
	struct running *r = ctx;

	return export_write_watched(st, r->what, &r->f, out, watch, r);
}

/* The report has no rows to count: a cancel stops its query, and is
 * looked at once more before the file is put in place. */
static bool write_html(struct store *st, FILE *out, void *ctx)
{
	struct running *r = ctx;

	if (!report_write_format(st, REPORT_HTML, r->team, r->period, false, out))
		return false;
	return !bgjob_cancelled(r->bg_worker) || store_fail(st, "the report was cancelled");
}

static bool work(struct bgjob *bg, struct store *st, void *ctx, char *err, size_t errsz)
{
	struct running *r = ctx;

	r->bg_worker = bg;
	return export_file_atomic(st, r->path, r->force, r->html ? write_html : write_csv, r, err,
				  errsz);
}

static void running_free(struct app *app, struct running *r)
{
	app->job = NULL;
	app->stale = true;
	free(r->team);
	free(r->fteam);
	free(r->path);
	free(r);
}

/* The end, cancelled or not: what became of the file. */
static void finish(struct app *app, struct running *r, bool cancelled)
{
	char err[1200];
	int64_t rows, total;

	bgjob_poll(r->bg, &rows, &total);
	if (bgjob_finish(r->bg, err, sizeof err)) {
		if (r->html)
			app_message(app, false, "Wrote the HTML report to %s", r->path);
		else
			app_message(app, false, "Wrote %s (%lld rows)", r->path, (long long)rows);
	} else if (cancelled) {
		app_message(app, false, "Export cancelled.");
	} else {
		app_message(app, true, "%s", err);
	}
	running_free(app, r);
}

static void tick(struct app *app)
{
	struct running *r = (struct running *)app->job;
	int64_t rows, total;
	int pct;

	if (bgjob_poll(r->bg, &rows, &total)) {
		finish(app, r, false);
		return;
	}
	/* -1 while counting (and for the report, which has no rows); the
	 * status line changes only with the percentage. */
	pct = total > 0 ? (int)(rows * 100 / total) : total == 0 ? 100 : -1;
	if (pct == r->shown)
		return;
	r->shown = pct;
	if (r->html)
		snprintf(r->hook.status, sizeof r->hook.status,
			 "Writing the HTML report to %s... (Esc cancels)", r->path);
	else if (total < 0)
		snprintf(r->hook.status, sizeof r->hook.status,
			 "Exporting %s: counting rows... (Esc cancels)", export_what_name(r->what));
	else
		snprintf(r->hook.status, sizeof r->hook.status,
			 "Exporting %s: %d%% (%lld of %lld rows) to %s (Esc cancels)",
			 export_what_name(r->what), pct, (long long)rows, (long long)total, r->path);
	app->stale = true;
}

/* Esc, or the dashboard ending: the worker stops at its next row (or its
 * query fails at once), and the writer removes its temporary file. */
static void cancel(struct app *app)
{
	struct running *r = (struct running *)app->job;

	bgjob_cancel(r->bg);
	finish(app, r, true);
}

static void start(struct app *app, const struct job *j, char *path, bool html, bool force)
{
	struct running *r = xcalloc(1, sizeof *r);
	char err[1200];

	r->what = j->what;
	r->f = *j->f;
	r->team = j->team ? xstrdup(j->team) : NULL;
	r->fteam = j->f->team ? xstrdup(j->f->team) : NULL;
	r->f.team = r->fteam;
	r->period = j->period;
	r->path = path;
	r->html = html;
	r->force = force;
	r->shown = -2;
	r->bg = bgjob_start(app->st, work, r, err, sizeof err);
	if (!r->bg) {
		app_message(app, true, "%s", err);
		running_free(app, r);
		return;
	}
	r->hook.fd = bgjob_fd(r->bg);
	r->hook.tick = tick;
	r->hook.cancel = cancel;
	app->job = &r->hook;
	tick(app);
}

static void run(struct app *app, const struct job *j, const char *default_path)
{
	char title[128];
	char *path;
	struct stat sb;
	bool force = false, html;

	if (app->job) {
		app_message(app, true, "An export is running: wait for it, or Esc to cancel it.");
		return;
	}
	if (store_lost(app->st)) {
		app_message(app, true, "%s", STORE_LOST_MSG);
		return;
	}
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
	start(app, j, path, html, force);
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
