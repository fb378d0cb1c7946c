#!/bin/sh
# The dashboard's `x` never blocks the screen (issue 20 item 4): on a
# database whose export takes seconds, the status line shows the progress,
# keys and other screens work and another process's change shows while it
# writes; the file is `mlmat export` byte for byte; Esc cancels, leaving
# no file and no temporary file (and an existing file as it was); one
# export at a time; `q` and SIGTERM during an export leave nothing behind.
# The real binary in tmux (private socket), polled, no fixed sleeps. One
# line per check, then "N passed, M failed"; exits 1 on any failure.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME MLMAT_TEST_JOB_PACE_MS NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_export_bg: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
command -v tmux >/dev/null 2>&1 || { echo "test_export_bg: tmux is needed" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-expbg-XXXXXX") || exit 2
# shellcheck disable=SC2034 # read by tmux-lib.sh
TM_DIR=$tmp
# shellcheck source=tests/e2e/tmux-lib.sh
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_export_bg: cannot start tmux" >&2; exit 2; }
tm_checks_start

# 300 teams over 40 quarters: the answers export has 88,000 rows. The
# dashboard pauses 20 ms at each percent (MLMAT_TEST_JOB_PACE_MS, read for
# tests only), so that its export lasts two seconds however fast the
# machine: long enough to press keys while it runs.
db=$tmp/big.db
work=$tmp/work
mkdir -p "$work"
"$MLMAT" demo --db "$db" --teams 300 --quarters 40 --seed 5 >/dev/null 2>&1 ||
	{ echo "test_export_bg: mlmat demo failed" >&2; exit 2; }
"$MLMAT" export --db "$db" >"$tmp/want.csv" ||
	{ echo "test_export_bg: mlmat export failed" >&2; exit 2; }
first=$("$MLMAT" team list --db "$db" | head -n 1 | cut -f 1)
default=mlmat-answers-org-all.csv

dash() {
	tm_start D 120 30 "cd $(shq "$work") && exec env LANG=C.UTF-8 TERM=xterm-256color MLMAT_TEST_JOB_PACE_MS=20 $(shq "$MLMAT") --db $(shq "$db")"
	wait_all D "mlmat Home" "Teams (300)" "1/300"
}

# folder_is WANT: the names in the work folder (dot files too), sorted,
# space-separated, are WANT.
folder_is() {
	left=$(cd "$work" && find . -mindepth 1 | sed 's|^\./||' | sort | tr '\n' ' ')
	[ "$left" = "$1" ]
}

# export_to NAME [y]: x, the name (empty: the default), Enter, and y to
# the overwrite question when asked; then waits for the progress.
export_to() {
	tm_keys D x
	wait_for D "Export answers as CSV to" >/dev/null || return 1
	if [ -n "$1" ]; then
		tm_keys D C-u
		tm_type D "$1"
	fi
	tm_keys D Enter
	if [ "${2:-}" = y ]; then
		wait_for D "exists. Overwrite it?" >/dev/null || return 1
		tm_keys D y
	fi
	wait_re D "Exporting answers: [0-9]+% \([0-9]+ of [0-9]+ rows\)"
}

dash || bad "the dashboard starts on 300 teams"

# A whole export, with keys and another screen while it runs.
if export_to ""; then
	ok "x shows the export's progress on the status line: 'Exporting answers: N% (R of T rows)'"
else
	bad "x shows the export's progress on the status line"
fi
tm_keys D j
if wait_all D "2/300" "Exporting answers:"; then
	ok "j moves the selection while the export runs"
else
	bad "j moves the selection while the export runs"
fi
tm_keys D o
if wait_all D "mlmat Organisation" "Exporting answers:"; then
	ok "o opens the organisation view while the export runs"
else
	bad "o opens the organisation view while the export runs"
fi
if wait_for D "Wrote ./$default (" && cmp -s "$work/$default" "$tmp/want.csv"; then
	ok "the finished export says 'Wrote ./$default (N rows)' and is 'mlmat export' byte for byte"
else
	bad "the finished export is 'mlmat export' byte for byte" "$(cmp "$work/$default" "$tmp/want.csv" 2>&1)"
fi
if folder_is "$default "; then
	ok "no temporary file is left after an export"
else
	bad "no temporary file is left after an export" "$left"
fi
tm_keys D q
wait_gone D "mlmat Organisation" || bad "q leaves the organisation view"

# Esc over an existing file: cancelled, the file as it was.
cp "$work/$default" "$tmp/before.csv"
touch -d '2020-01-01 00:00:00' "$work/$default"
export_to "" y || bad "x over the existing file, y, shows the progress"
tm_keys D Escape
if wait_for D "Export cancelled." && cmp -s "$work/$default" "$tmp/before.csv" &&
	[ "$(stat -c %Y "$work/$default")" = "$(date -d '2020-01-01 00:00:00' +%s)" ] && folder_is "$default "; then
	ok "Esc cancels: 'Export cancelled.', the existing file untouched, no temporary file"
else
	bad "Esc cancels: 'Export cancelled.', the existing file untouched, no temporary file" "$left"
fi

# Esc on a new name, with another process's change shown meanwhile, and a
# second x refused while one runs.
export_to "new.csv" || bad "x to new.csv shows the progress"
"$MLMAT" team rename --db "$db" "$first" "AAA moved" >/dev/null 2>&1
if wait_all D "AAA moved" "Exporting answers:"; then
	ok "another process's change shows while the export runs"
else
	bad "another process's change shows while the export runs"
fi
tm_keys D x
if wait_for D "An export is running: wait for it, or Esc to cancel it."; then
	ok "a second x says that an export is running"
else
	bad "a second x says that an export is running"
fi
tm_keys D Escape
if wait_for D "Export cancelled." && folder_is "$default "; then
	ok "Esc cancels an export to a new name: no file, no temporary file"
else
	bad "Esc cancels an export to a new name: no file, no temporary file" "$left"
fi

# q on home during an export quits and leaves nothing.
export_to "quit.csv" || bad "x to quit.csv shows the progress"
tm_keys D q
if wait_session_gone D && folder_is "$default "; then
	ok "q during an export quits, leaving no file and no temporary file"
else
	bad "q during an export quits, leaving no file and no temporary file" "$left"
fi

# SIGTERM during an export: the same.
dash || bad "the dashboard starts again"
export_to "term.csv" || bad "x to term.csv shows the progress"
pid=$(tm_pid D)
kill -TERM "$pid"
if wait_pid_gone "$pid" && folder_is "$default "; then
	ok "SIGTERM during an export leaves no file and no temporary file"
else
	bad "SIGTERM during an export leaves no file and no temporary file" "$left"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
