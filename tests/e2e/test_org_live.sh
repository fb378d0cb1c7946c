#!/bin/sh
# End-to-end checks of the organisation view while other processes write
# (issue 20): the real binary ($MLMAT, default ./mlmat) in tmux on a private
# socket, on `mlmat demo --teams 30 --quarters 3 --seed 5`, 120x24 so that
# some teams are off screen. A watcher sits on the organisation view while
# `mlmat import --force` changes answers and `mlmat team rename` a name (each
# recorded in the audit log, as a dashboard's writes are): a small change to
# the lowest team (off screen, it stays there: the means row alone moves), the
# same team raised to the top (it comes on screen), a team on screen renamed,
# and the same sorted by a dimension (s). After each, the watcher's grid must
# become, line for line, that of a dashboard started afresh on the database
# with the same keys.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_org_live: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in tmux python3 sqlite3 cmp; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_org_live: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-orglive-XXXXXX") || exit 2
# shellcheck disable=SC2034 # read by tmux-lib.sh
TM_DIR=$tmp
# shellcheck source=tests/e2e/tmux-lib.sh
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_org_live: cannot start tmux" >&2; exit 2; }

tm_checks_start
db=$tmp/org.db
export HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
"$MLMAT" demo --db "$db" --teams 30 --quarters 3 --seed 5 >/dev/null 2>&1 ||
	{ echo "test_org_live: demo failed" >&2; exit 2; }
latest=$(sqlite3 "$db" "SELECT max(period) FROM assessments")

# lowest: the team with the lowest overall score at the latest period.
lowest() {
	sqlite3 "$db" "SELECT t.name FROM teams t JOIN assessments a ON a.team_id = t.id WHERE \
a.period = '$latest' ORDER BY a.overall, t.name LIMIT 1"
}

# change TEAM HOW: imports TEAM's latest answers changed (one: its first
# 'no' becomes 'partly'; all: every answer 'yes').
change() {
	"$MLMAT" export --db "$db" --what criteria --team "$1" --period "$latest" >"$tmp/in.csv" &&
		python3 - "$tmp/in.csv" "$2" <<'PY' &&
import csv, sys
path, how = sys.argv[1], sys.argv[2]
with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
done = False
for r in rows:
    if how == "all":
        r["answer"] = "yes"
    elif not done and r["answer"] == "no":
        r["answer"] = "partly"
        done = True
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    w.writeheader()
    w.writerows(rows)
PY
		"$MLMAT" import --db "$db" --force "$tmp/in.csv" >/dev/null 2>&1
}

# grid NAME: the screen without its first and last lines (header, status).
grid() {
	sed '1d;$d' "$TM_DIR/screen"
}

# fresh [s]: a dashboard started now, on the organisation view (sorted by
# the first dimension with s): its grid in $tmp/fresh.
fresh() {
	tm_dash fresh 120 24 "$db"
	wait_for fresh "Teams" || return 1
	tm_keys fresh o
	wait_for fresh "sorted by overall" || return 1
	sort=overall
	if [ "${1:-}" = s ]; then
		tm_keys fresh s
		sort=Experiment
	fi
	wait_settled fresh "sorted by $sort" || return 1
	grid >"$tmp/fresh"
	tm_keys fresh q q
	wait_session_gone fresh || tm kill-session -t "=fresh" >/dev/null 2>&1
}

# same WHY: the watcher's grid becomes the fresh one.
same() {
	if tm_poll watch 'grid | cmp -s - "$tmp/fresh"'; then
		ok "$1"
	else
		tm_dump watch "expected the grid of a fresh dashboard"
		bad "$1" "$(grid | diff - "$tmp/fresh" | head -8)"
	fi
}

tm_dash watch 120 24 "$db"
wait_for watch "Teams" || { bad "the dashboard starts"; echo "$pass passed, $fail failed"; exit 1; }
tm_keys watch o
if wait_for watch "sorted by overall"; then ok "o opens the organisation view"; else bad "o opens the organisation view"; fi
low=$(lowest)
tm_screen watch >"$TM_DIR/screen"
if grep -qF -- "$low" "$TM_DIR/screen"; then
	bad "the lowest team ($low) is off screen at 120x24"
else
	ok "the lowest team ($low) is off screen at 120x24"
fi
means=$(grep -F "Mean" "$TM_DIR/screen")

change "$low" one || bad "import changes $low"
fresh
if grep -qF -- "$low" "$tmp/fresh"; then bad "$low stays off screen after a small change"; fi
same "another process's change to a team off screen: the means follow, the rows stay"
tm_screen watch >"$TM_DIR/screen"
if [ "$(grep -F "Mean" "$TM_DIR/screen")" != "$means" ]; then
	ok "the means row moved"
else
	bad "the means row moved" "$means"
fi

change "$low" all || bad "import raises $low"
fresh
same "the same team raised to the top comes on screen"
if grep -qF -- "$low" "$tmp/fresh"; then ok "$low is on screen"; else bad "$low is on screen"; fi

"$MLMAT" team rename --db "$db" "$low" "Renamed Live" >/dev/null 2>&1 || bad "team rename"
fresh
same "a team on screen renamed by another process"

tm_keys watch s
wait_for watch "sorted by Experiment" || true
low=$(lowest)
change "$low" one || bad "import changes $low"
fresh s
same "sorted by a dimension: another process's change to a team off screen"
change "$low" all || bad "import raises $low"
fresh s
same "sorted by a dimension: the team raised comes on screen"

# Another dashboard answers the lowest team's first criterion (audited with
# its assessment, so the watcher reads that team alone): off screen, only
# the means row is drawn again.
tm_keys watch S
wait_for watch "sorted by overall" || true
low=$(lowest)
tm_screen watch >"$TM_DIR/screen"
means=$(grep -F "Mean" "$TM_DIR/screen")
tm_dash writer 120 24 "$db"
wait_for writer "Teams" || true
tm_keys writer /
tm_type writer "$low"
tm_keys writer Enter
wait_for writer "match" || true
tm_keys writer Enter
wait_for writer "yes" || true
for k in y n y; do
	tm_keys writer "$k"
done
wait_for writer "Saved" 40 || true
fresh
same "another dashboard's answers to a team off screen: the means row follows"
tm_screen watch >"$TM_DIR/screen"
if [ "$(grep -F "Mean" "$TM_DIR/screen")" != "$means" ]; then
	ok "the means row moved"
else
	bad "the means row moved" "$means"
fi
tm_keys writer q q

tm_keys watch q q
if wait_session_gone watch; then ok "q q quits"; else bad "q q quits"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
