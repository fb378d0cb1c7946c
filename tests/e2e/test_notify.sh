#!/bin/sh
# Live updates come from inotify, not from the timed look: a dashboard
# that looks for changes only every 10 minutes (MLMAT_POLL_MS=600000),
# writable or read-only, still shows another process's change at once
# (within the 3 s a check waits), and a busy database folder (another file
# written all the time) does not keep it awake. A bad MLMAT_POLL_MS is
# named on the status line.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX MLMAT_POLL_MS
export LANG=C.UTF-8 LC_ALL=C.UTF-8
for tool in tmux pgrep; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_notify: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-notify-XXXXXX") || exit 2
TM_DIR=$tmp
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_notify: cannot start tmux" >&2; exit 2; }
tm_checks_start

mkdir "$tmp/db"
db=$tmp/db/n.db
"$MLMAT" demo --db "$db" --teams 2 --quarters 1 --seed 5 >/dev/null 2>"$tmp/demo.err" ||
	echo "demo: $(cat "$tmp/demo.err")" >>"$tmp/why"
first=$("$MLMAT" team list --db "$db" | head -n 1 | cut -f 1)

# dash NAME POLL_MS: the dashboard on $db, looking every POLL_MS.
dash() {
	tm_start "$1" 100 30 "env MLMAT_POLL_MS=$2 LANG=C.UTF-8 TERM=xterm-256color $(shq "$MLMAT") --db $(shq "$db")"
}

dash B 600000
wait_for B 'Level progress'
if "$MLMAT" team rename --db "$db" "$first" "Renamed Once" >/dev/null &&
	wait_for B 'Renamed Once' 60; then
	ok "a rename by another process shows at once though the timed look is 10 min away"
else
	bad "a rename by another process shows at once though the timed look is 10 min away"
fi
tm_keys B q
wait_session_gone B
tm_start B 100 30 "env MLMAT_POLL_MS=600000 LANG=C.UTF-8 TERM=xterm-256color $(shq "$MLMAT") --db $(shq "$db") --read-only"
wait_for B 'Level progress'
if "$MLMAT" team rename --db "$db" "Renamed Once" "Renamed Twice" >/dev/null &&
	wait_for B 'Renamed Twice' 60; then
	ok "a read-only dashboard shows another process's change at once too"
else
	bad "a read-only dashboard shows another process's change at once too"
fi

# Another file in the folder written 2000 times: the dashboard's CPU time
# (utime+stime, clock ticks) grows by less than it takes to redraw.
pid=$(tm_pid B)
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
if [ -r "/proc/$pid/stat" ]; then
	c0=$(cpu "$pid")
	i=0
	while [ $i -lt 2000 ]; do echo "$i" >>"$tmp/db/other.log"; i=$((i + 1)); done
	c1=$(cpu "$pid")
	if [ $((c1 - c0)) -le 5 ]; then
		ok "2000 writes to another file in the folder cost it $((c1 - c0)) clock ticks"
	else
		bad "2000 writes to another file in the folder do not wake it" "$((c1 - c0)) clock ticks"
	fi
else
	ok "no /proc here: the folder check is skipped"
fi
# Readers do not wake it: each connection opens the -wal for writing (and,
# as root, gives it the database's owner), which inotify reports as a close
# after writing and a change of attributes; only writes may wake it. Its
# voluntary context switches (one per wake) over 100 reads by the sqlite3
# tool stay under half their number.
if [ -r "/proc/$pid/status" ]; then
	sw() { awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$1/status"; }
	s0=$(sw "$pid")
	i=0
	while [ $i -lt 100 ]; do sqlite3 "$db" "SELECT count(*) FROM teams" >/dev/null; i=$((i + 1)); done
	s1=$(sw "$pid")
	if [ $((s1 - s0)) -lt 50 ]; then
		ok "100 readers of the database wake it $((s1 - s0)) times"
	else
		bad "100 readers of the database do not wake it" "$((s1 - s0)) wakes"
	fi
fi
tm_keys B q
wait_session_gone B

dash C bogus
if wait_for C 'MLMAT_POLL_MS=bogus ignored'; then
	ok "a bad MLMAT_POLL_MS is named on the status line"
else
	bad "a bad MLMAT_POLL_MS is named on the status line"
fi
tm_keys C q
if wait_session_gone C; then ok "the dashboard quits"; else bad "the dashboard quits"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
