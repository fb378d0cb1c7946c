#!/bin/sh
# End-to-end checks that a dashboard reads again only what a change
# touched (issue 20 item 1), on the real binary ($MLMAT) in tmux. The
# statements the watching dashboard runs are caught by the sqltrace shim
# (tests/bench/sqltrace.c, built here), so the test sees what was read,
# not only what was drawn:
# - another process's answer to one team's assessment: home reads that
#   team's row (S_TEAM_ONE, "WHERE t.id = N"), never the whole list
#   ("FROM teams ... ORDER BY name"), and shows the new score;
# - home's first frame reads the results of the rows on screen only;
# - q back home after a look at the review, nothing written: no read of the
#   list at all;
# - a team renamed (a change to the organisation): the whole list again.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_targeted: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in tmux sqlite3 cc python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_targeted: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-targeted-XXXXXX") || exit 2
TM_DIR=$tmp
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_targeted: cannot start tmux" >&2; exit 2; }
tm_checks_start

cc -shared -fPIC -o "$tmp/sqltrace.so" tests/bench/sqltrace.c -ldl 2>"$tmp/err" ||
	{ echo "test_targeted: cannot build the trace shim: $(cat "$tmp/err")" >&2; exit 2; }
db=$tmp/org.db
"$MLMAT" demo --db "$db" --teams 80 --quarters 3 --seed 7 >/dev/null 2>"$tmp/err" ||
	{ echo "test_targeted: demo failed: $(cat "$tmp/err")" >&2; exit 2; }
trace=$tmp/trace
# A sanitizer build wants its runtime first; the shim only adds a trace.
tm_start W 120 40 "exec env TERM=xterm-256color ASAN_OPTIONS=verify_asan_link_order=0 \
LD_PRELOAD=$(shq "$tmp/sqltrace.so") SQLTRACE_FILE=$(shq "$trace") \
$(shq "$MLMAT") --db $(shq "$db")"
if ! wait_for W 'Level progress'; then
	bad "the watching dashboard starts"
	echo "$pass passed, $fail failed"
	exit 1
fi
wait_settled W >/dev/null 2>&1 || true

# lines_after N: the trace from line N+1 on.
lines_after() {
	tail -n "+$(($1 + 1))" "$trace"
}
list_reads() {
	lines_after "$1" | grep -Ec "FROM teams.* ORDER BY (t\.)?name"
}
if [ "$(grep -Ec "FROM teams.* ORDER BY (t\.)?name" "$trace")" -ge 1 ]; then
	ok "the trace catches the first frame's read of the list"
else
	bad "the trace catches the first frame's read of the list" "$(head -c 2000 "$trace")"
fi
# 80 teams, some 30 rows on screen: only those rows' results are read.
n=$(grep -c "WHERE t.id = " "$trace")
if [ "$n" -ge 10 ] && [ "$n" -le 40 ]; then
	ok "home reads the results of the teams on screen only ($n of 80)"
else
	bad "home reads the results of the teams on screen only ($n of 80)"
fi

# ---- another process answers one criterion of one team ----
team=$(sqlite3 "$db" "SELECT name FROM teams ORDER BY name LIMIT 1")
tid=$(sqlite3 "$db" "SELECT id FROM teams WHERE name = '$team'")
"$MLMAT" export --db "$db" --what criteria --team "$team" | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
h = rows[0]
a, p = h.index("answer"), h.index("period")
latest = max(r[p] for r in rows[1:])
flip = {"yes": "no", "no": "yes", "partly": "yes", "n/a": "yes", "": "yes"}
out = csv.writer(sys.stdout, lineterminator="\r\n")
out.writerow(h)
done = 0
for r in rows[1:]:
    if r[p] == latest and not done:
        r[a] = flip.get(r[a], "yes")
        out.writerow(r)
        done = 1' >"$tmp/one.csv"
mark=$(wc -l <"$trace")
"$MLMAT" import --db "$db" --force "$tmp/one.csv" >"$tmp/import.out" 2>&1 ||
	echo "import: $(cat "$tmp/import.out")" >>"$tmp/why"
score=$(sqlite3 "$db" "SELECT printf('%5.2f', overall) FROM team_latest WHERE team_id = $tid")
if wait_until W "the team's row read again" \
	'lines_after "$mark" | grep -q "WHERE t.id = $tid"' &&
	wait_until W "the new score on the screen" \
	'grep -F "$team" "$tmp/screen" | grep -qF "$score"'; then
	ok "another process's answer: home reads that team's row and shows $score"
else
	bad "another process's answer: home reads that team's row and shows $score" \
		"$(lines_after "$mark" | cut -c1-200)"
fi
n=$(list_reads "$mark")
if [ "$n" -eq 0 ]; then
	ok "another process's answer: the list of every team is not read again"
else
	bad "another process's answer: the list of every team is not read again" \
		"$n reads: $(lines_after "$mark" | cut -c1-200)"
fi
# The model of the changed assessment is known: its hash says so, without
# its text (the text's pages are most of what a model row reads).
n=$(lines_after "$mark" | grep -c "SELECT yaml")
if [ "$n" -eq 0 ]; then
	ok "another process's answer: the model's text is not read again"
else
	bad "another process's answer: the model's text is not read again" \
		"$n reads: $(lines_after "$mark" | grep "models" | cut -c1-200)"
fi

# ---- q back home with nothing changed ----
tm_keys W r
wait_for W 'Quarterly review' >/dev/null 2>&1
mark=$(wc -l <"$trace")
tm_keys W q
if wait_for W 'Level progress'; then
	wait_settled W >/dev/null 2>&1 || true
	n=$(lines_after "$mark" | grep -c "FROM teams t")
	if [ "$n" -eq 0 ]; then
		ok "q back home with nothing changed reads no team again"
	else
		bad "q back home with nothing changed reads no team again" \
			"$(lines_after "$mark" | cut -c1-200)"
	fi
else
	bad "q goes back home"
fi

# ---- a change to the organisation: everything again ----
mark=$(wc -l <"$trace")
"$MLMAT" team rename --db "$db" "$team" "Aaa Renamed Team" >"$tmp/out" 2>&1 ||
	echo "rename: $(cat "$tmp/out")" >>"$tmp/why"
if wait_until W "the renamed team" 'grep -q "Aaa Renamed Team" "$tmp/screen"' &&
	[ "$(list_reads "$mark")" -ge 1 ]; then
	ok "a team renamed elsewhere: the list is read again and shows the new name"
else
	bad "a team renamed elsewhere: the list is read again and shows the new name"
fi

# ---- a team dialog open while another process changes the organisation ----
# The list under the dialog is read again (freed and made anew); the
# dialog works on its own copy of the name (a sanitizer build catches a
# read of the old one).
first=$(sqlite3 "$db" "SELECT name FROM teams ORDER BY name LIMIT 1")
other=$(sqlite3 "$db" "SELECT name FROM teams ORDER BY name LIMIT 1 OFFSET 5")
tm_keys W R
if wait_for W "Rename $first to"; then
	mark=$(wc -l <"$trace")
	"$MLMAT" team rename --db "$db" "$other" "$other Two" >"$tmp/out" 2>&1 ||
		echo "rename: $(cat "$tmp/out")" >>"$tmp/why"
	if wait_until W "the list read again under the dialog" '[ "$(list_reads "$mark")" -ge 1 ]'; then
		tm_type W " Renamed"
		tm_keys W Enter
		if wait_for W "Renamed $first to $first Renamed" &&
			[ "$(sqlite3 "$db" "SELECT count(*) FROM teams WHERE name = '$first Renamed'")" = 1 ]; then
			ok "a rename dialog open while the list is read again renames the team it was opened on"
		else
			bad "a rename dialog open while the list is read again renames the team it was opened on"
		fi
	else
		bad "the list is read again while a rename dialog is open"
	fi
else
	bad "R opens the rename dialog"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
