#include "export.h"
#include "store_int.h"
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

#define FILTER_WHERE \
	" WHERE (?1 IS NULL OR t.name = ?1) AND (?2 IS NULL OR a.period = ?2)" \
	" AND (?3 IS NULL OR a.id = ?3)"

static const struct {
	const char *name, *header, *sql;
} kinds[] = {
	[EXPORT_ANSWERS] = { "answers",
		"assessment_id,team,period,facilitator,model_id,model_version,dimension_id,dimension,"
		"level,score,target,gap,coverage,override_reason,notes,updated_at",
		"SELECT a.id, t.name, a.period, a.facilitator, m.model_id, m.version, d.dimension_id,"
		" md.name, d.level, d.score, d.target, d.gap, d.coverage, d.override_reason, d.notes,"
		" d.updated_at FROM teams t JOIN assessments a ON a.team_id = t.id"
		" JOIN models m ON m.id = a.model JOIN model_dims md ON md.model = a.model"
		" JOIN dims d ON d.assessment_id = a.id AND d.dimension_id = md.dimension_id"
		FILTER_WHERE " ORDER BY t.name, a.period, md.ord" },
	[EXPORT_CRITERIA] = { "criteria",
		"assessment_id,team,period,dimension_id,criterion_id,criterion_level,criterion,answer",
		"SELECT a.id, t.name, a.period, mc.dimension_id, mc.criterion_id, mc.level, mc.text,"
		" ans.answer FROM teams t JOIN assessments a ON a.team_id = t.id"
		" JOIN model_criteria mc ON mc.model = a.model"
		" LEFT JOIN answers ans ON ans.assessment_id = a.id AND ans.criterion_id = mc.criterion_id"
		FILTER_WHERE " ORDER BY t.name, a.period, mc.ord" },
	[EXPORT_ROADMAP] = { "roadmap",
		"team,dimension_id,criterion_id,action,status,owner,due_period,created_period,done_period",
		"SELECT t.name, r.dimension_id, r.criterion_id, r.action, r.status, r.owner,"
		" r.due_period, r.created_period, r.done_period FROM teams t"
		" JOIN roadmap r ON r.team_id = t.id WHERE (?1 IS NULL OR t.name = ?1)"
		" ORDER BY t.name, r.ord" },
	[EXPORT_AUDIT] = { "audit",
		"at,os_user,assessment_id,action,detail",
		"SELECT au.at, au.os_user, au.assessment_id, au.action, au.detail FROM audit au"
		" LEFT JOIN assessments a ON a.id = au.assessment_id"
		" LEFT JOIN teams t ON t.id = a.team_id"
		" WHERE (?1 IS NULL OR t.name = ?1) AND (?2 IS NULL OR a.period = ?2)"
		" AND (?3 IS NULL OR au.assessment_id = ?3) ORDER BY au.at, au.id" },
};

/* How each column is written: T text (quoted and formula-prefixed as
 * needed; ids too, since a model id may begin with '-'), R raw (periods,
 * times and words of mlmat's own), I integer or empty, F two decimals, A an
 * answer word. */
static const char *const formats[] = {
	[EXPORT_ANSWERS] = "ITRTTTTTIFIFFTTR",
	[EXPORT_CRITERIA] = "ITRTTITA",
	[EXPORT_ROADMAP] = "TTTTRTRRR",
	[EXPORT_AUDIT] = "RTITT",
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

bool export_write(struct store *st, enum export_what what, const struct export_filter *f,
		  FILE *out)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *s;
	const char *fmt = formats[what];
	struct csv c;
	int rc;

	if (sqlite3_prepare_v2(db, kinds[what].sql, -1, &s, NULL) != SQLITE_OK)
		return store_fail_db(st, "cannot export");
	if (f->team)
		sqlite3_bind_text(s, 1, f->team, -1, SQLITE_STATIC);
	if (f->period != NO_PERIOD)
		store_bind_period(s, 2, f->period);
	if (f->assessment > 0)
		sqlite3_bind_int64(s, 3, f->assessment);
	fputs(kinds[what].header, out);
	fputs("\r\n", out);
	csv_init(&c, out);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (int i = 0; fmt[i]; i++) {
			const char *text = (const char *)sqlite3_column_text(s, i);
			bool null = sqlite3_column_type(s, i) == SQLITE_NULL;

			switch (fmt[i]) {
			case 'T': csv_text(&c, text); break;
			case 'R': csv_raw(&c, text); break;
			case 'I':
				if (null)
					csv_empty(&c);
				else
					csv_int(&c, sqlite3_column_int64(s, i));
				break;
			case 'F':
				if (null)
					csv_empty(&c);
				else
					csv_fixed2(&c, sqlite3_column_double(s, i));
				break;
			case 'A':
				csv_raw(&c, answer_name(null ? ANS_UNKNOWN
						       : (enum answer)sqlite3_column_int(s, i)));
				break;
			}
		}
		csv_end_row(&c);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail_db(st, "cannot export");
	if (ferror(out))
		return store_fail(st, "cannot write the export: %s", strerror(errno));
	return true;
}

bool export_to_file(struct store *st, enum export_what what, const struct export_filter *f,
		    const char *path, bool force, char *err, size_t errsz)
{
	struct stat sb;
	char *copy, *tmp;
	int fd;
	FILE *out;
	mode_t mask;

	if (lstat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			snprintf(err, errsz, "mlmat: %s: is a folder", path);
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
	fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errsz, "mlmat: %s: %s", path, strerror(errno));
		free(tmp);
		return false;
	}
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	out = fdopen(fd, "w");
	if (!out) {
		close(fd);
		goto fail_errno;
	}
	if (!export_write(st, what, f, out)) {
		fclose(out);
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
	free(tmp);
	return true;
fail_errno:
	snprintf(err, errsz, "mlmat: %s: %s", path, strerror(errno));
fail:
	unlink(tmp);
	free(tmp);
	return false;
}
