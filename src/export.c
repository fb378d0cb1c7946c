#include "export.h"
#include "store_export.h"
#include "csv.h"
#include "xalloc.h"
#include "osutil.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *name, *header;
} kinds[] = {
	[EXPORT_ANSWERS] = { "answers",
		"assessment_id,team,period,facilitator,model_id,model_version,dimension_id,dimension,"
		"level,score,target,gap,coverage,override_reason,notes,updated_at,overall,state" },
	[EXPORT_CRITERIA] = { "criteria",
		"assessment_id,team,period,dimension_id,criterion_id,criterion_level,criterion,answer,"
		"comment,evidence,origin" },
	[EXPORT_ROADMAP] = { "roadmap",
		"team,dimension_id,criterion_id,action,status,owner,due_period,created_period,done_period,"
		"blocked_by" },
	[EXPORT_AUDIT] = { "audit",
		"at,os_user,assessment_id,action,detail,hash" },
	[EXPORT_VOTES] = { "votes",
		"assessment_id,team,period,dimension_id,criterion_id,round,os_user,vote,at" },
};

/* The store's rows of each kind, in the same order. */
static const enum store_export_kind rows_of[] = {
	[EXPORT_ANSWERS] = STORE_EXPORT_ANSWERS,
	[EXPORT_CRITERIA] = STORE_EXPORT_CRITERIA,
	[EXPORT_ROADMAP] = STORE_EXPORT_ROADMAP,
	[EXPORT_AUDIT] = STORE_EXPORT_AUDIT,
	[EXPORT_VOTES] = STORE_EXPORT_VOTES,
};

/* How each column is written: T text (quoted and formula-prefixed as
 * needed; ids too, since a model id may begin with '-'), R raw (periods,
 * times and words of mlmat's own), I integer or empty, F two decimals, G a
 * gap (two decimals, empty when the dimension has no target), A an answer
 * word. */
static const char *const formats[] = {
	[EXPORT_ANSWERS] = "ITRTTTTTIFIGFTTRFR",
	[EXPORT_CRITERIA] = "ITRTTITATTR",
	[EXPORT_ROADMAP] = "TTTTRTRRRT",
	[EXPORT_AUDIT] = "RTITTT",
	[EXPORT_VOTES] = "ITRTTITAR",
};

bool export_parse_what(const char *s, enum export_what *out)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		if (!strcmp(s, kinds[i].name)) {
			*out = (enum export_what)i;
			return true;
		}
	}
	return false;
}

const char *export_what_name(enum export_what w)
{
	return kinds[w].name;
}

struct row_ctx {
	struct csv c;
	const char *fmt, *header;
	bool started, stopped;
	int64_t rows, total;
	export_watch_fn watch;
	void *watch_ctx;
};

/* The header goes out with the first row (or after a query that found
 * none): a query that cannot even start writes nothing at all. */
static void start(struct row_ctx *w)
{
	if (w->started)
		return;
	w->started = true;
	csv_put(&w->c, w->header, strlen(w->header));
	csv_put(&w->c, "\r\n", 2);
}

static bool write_row(void *ctx, const struct store_value *v, size_t n)
{
	struct row_ctx *w = ctx;

	start(w);
	for (size_t i = 0; i < n && w->fmt[i]; i++) {
		switch (w->fmt[i]) {
		case 'T': csv_text(&w->c, v[i].s); break;
		case 'R': csv_raw(&w->c, v[i].s); break;
		case 'I':
			if (v[i].null)
				csv_empty(&w->c);
			else
				csv_int(&w->c, v[i].i);
			break;
		case 'F':
			if (v[i].null)
				csv_empty(&w->c);
			else
				csv_fixed2(&w->c, v[i].f);
			break;
		case 'G':       /* a gap: empty without the target before it */
			if (v[i].null || (i > 0 && v[i - 1].null))
				csv_empty(&w->c);
			else
				csv_fixed2(&w->c, v[i].f);
			break;
		case 'A':
			csv_raw(&w->c, answer_name(v[i].null ? ANS_UNKNOWN : (enum answer)(int)v[i].i));
			break;
		}
	}
	csv_end_row(&w->c);
	w->rows++;
	if (w->watch && !w->watch(w->watch_ctx, w->rows, w->total)) {
		w->stopped = true;
		return false;
	}
	/* Stop at the first write error, or at a signal that asks to stop
	 * (see os_cleanup_arm), rather than run the query on. */
	return !ferror(w->c.out) && !os_interrupted();
}

bool export_write(struct store *st, enum export_what what, const struct export_filter *f,
		  FILE *out)
{
	return export_write_watched(st, what, f, out, NULL, NULL);
}

bool export_write_watched(struct store *st, enum export_what what, const struct export_filter *f,
			  FILE *out, export_watch_fn watch, void *ctx)
{
	struct store_export_filter sf = { f->team, f->period, f->assessment };
	struct row_ctx w = { .fmt = formats[what], .header = kinds[what].header, .total = -1,
			     .watch = watch, .watch_ctx = ctx };
	bool ok;

	csv_init(&w.c, out);
	/* Watched, the count and the rows read one state of the database, so
	 * the rows end at the total. */
	if (watch) {
		if (!store_read_begin(st))
			return false;
		w.total = store_export_count(st, rows_of[what], &sf);
		if (w.total < 0) {
			store_read_end(st);
			return false;
		}
		w.stopped = !watch(ctx, 0, w.total);
	}
	ok = !w.stopped && store_export_rows(st, rows_of[what], &sf, write_row, &w);
	if (watch && !store_read_end(st))
		ok = false;
	if (w.stopped)
		return store_fail(st, "the export was cancelled");
	if (os_interrupted())
		return store_fail(st, "the export was interrupted");
	if (ok)
		start(&w);
	csv_flush(&w.c);
	if (ferror(out))
		return store_fail(st, "cannot write the export: %s", strerror(errno));
	return ok;
}

bool export_file_atomic(struct store *st, const char *path, bool force, export_file_fn fn,
			void *ctx, char *err, size_t errsz)
{
	struct stat sb;
	char *copy, *tmp;
	int fd;
	FILE *out;
	mode_t mask;

	if (lstat(path, &sb) == 0) {
		struct stat to;
		const char *why = file_kind_refusal((unsigned)sb.st_mode);

		/* Only a regular file is ever replaced, even with --force: a
		 * directory, FIFO or device (or a link to one) is refused. */
		if (S_ISLNK(sb.st_mode))
			why = stat(path, &to) == 0 ? file_kind_refusal((unsigned)to.st_mode) : NULL;
		if (why) {
			snprintf(err, errsz, "mlmat: %s: %s", path, why);
			return false;
		}
		if (!force) {
			snprintf(err, errsz, "mlmat: %s: already exists; use --force to overwrite", path);
			return false;
		}
	}
	copy = xstrdup(path);
	tmp = xasprintf("%s/.mlmat-export-XXXXXX", dirname(copy));
	free(copy);
	/* The signals that would leave the temporary file behind wait until
	 * it is armed for removal. */
	os_cleanup_block(true);
	fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;

		os_cleanup_block(false);
		snprintf(err, errsz, "mlmat: %s: %s", path, strerror(e));
		free(tmp);
		return false;
	}
	os_cleanup_arm(tmp);
	os_cleanup_block(false);
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	out = fdopen(fd, "w");
	if (!out) {
		close(fd);
		goto fail_errno;
	}
	if (!fn(st, out, ctx)) {
		fclose(out);
		if (os_interrupted())
			snprintf(err, errsz, "mlmat: %s: interrupted; nothing written", path);
		else
			snprintf(err, errsz, "%s", store_error(st));
		goto fail;
	}
	if (fflush(out) != 0 || fsync(fileno(out)) != 0) {
		fclose(out);
		goto fail_errno;
	}
	if (fclose(out) != 0)
		goto fail_errno;
	/* Without --force, link() refuses atomically a file that appeared
	 * meanwhile; with it, rename() replaces even a symbolic link itself,
	 * never the file it points to. */
	if (!force) {
		if (link(tmp, path) != 0) {
			if (errno == EEXIST)
				snprintf(err, errsz, "mlmat: %s: already exists; use --force to overwrite", path);
			else
				snprintf(err, errsz, "mlmat: %s: %s", path, strerror(errno));
			goto fail;
		}
		unlink(tmp);
	} else if (rename(tmp, path) != 0) {
		goto fail_errno;
	}
	os_cleanup_disarm();
	free(tmp);
	return true;
fail_errno:
	snprintf(err, errsz, "mlmat: %s: %s", path, strerror(errno));
fail:
	unlink(tmp);
	os_cleanup_disarm();
	free(tmp);
	return false;
}

struct export_job {
	enum export_what what;
	const struct export_filter *f;
};

static bool export_job_write(struct store *st, FILE *out, void *ctx)
{
	const struct export_job *j = ctx;

	return export_write(st, j->what, j->f, out);
}

bool export_to_file(struct store *st, enum export_what what, const struct export_filter *f,
		    const char *path, bool force, char *err, size_t errsz)
{
	struct export_job j = { what, f };

	return export_file_atomic(st, path, force, export_job_write, &j, err, errsz);
}
