/* An LD_PRELOAD shim for tests/bench/bench.py: every statement the program
 * runs through a connection opened with sqlite3_open_v2 is written, with its
 * parameters bound (sqlite3_expanded_sql), to the file $SQLTRACE_FILE, one a
 * line, after the CLOCK_MONOTONIC time it started at. The benchmark keeps
 * the statements of the dashboard's first frame and has the floor program
 * (tests/bench/floor.c) run the same ones. Statements inside triggers are
 * left out: running the statement runs them again.
 *
 * Build: cc -shared -fPIC -o sqltrace.so tests/bench/sqltrace.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static FILE *trace_out;

static int sqltrace_stmt(unsigned type, void *ctx, void *p, void *x)
{
	const char *text = x;
	struct timespec ts;
	char *sql, *c;

	(void)ctx;
	if (type != SQLITE_TRACE_STMT || !trace_out || (text && text[0] == '-' && text[1] == '-'))
		return 0;
	sql = sqlite3_expanded_sql(p);
	if (!sql)
		return 0;
	for (c = sql; *c; c++)
		if (*c == '\n' || *c == '\r' || *c == '\t')
			*c = ' ';
	clock_gettime(CLOCK_MONOTONIC, &ts);
	fprintf(trace_out, "%lld.%09ld\t%s\n", (long long)ts.tv_sec, ts.tv_nsec, sql);
	fflush(trace_out);
	sqlite3_free(sql);
	return 0;
}

int sqlite3_open_v2(const char *name, sqlite3 **db, int flags, const char *vfs)
{
	static int (*real_open)(const char *, sqlite3 **, int, const char *);
	const char *path = getenv("SQLTRACE_FILE");
	int rc;

	if (!real_open)
		*(void **)&real_open = dlsym(RTLD_NEXT, "sqlite3_open_v2");
	rc = real_open(name, db, flags, vfs);
	if (rc == SQLITE_OK && path && *path) {
		if (!trace_out)
			trace_out = fopen(path, "a");
		if (trace_out)
			sqlite3_trace_v2(*db, SQLITE_TRACE_STMT, sqltrace_stmt, NULL);
	}
	return rc;
}
