#!/bin/sh
# Values outside what the model allows, written into the database behind
# mlmat's back with the sqlite3 CLI (issue 13 item 2, CONTRACT section 6):
# the dashboard ($MLMAT, default ./mlmat; run it with the ASan/UBSan build)
# in tmux on a private socket, on copies of `mlmat demo --teams 3 --quarters
# 2 --seed 9`. The hostile values are put on the team listed first on home
# (so that it is selected), in its latest assessment: an override level 12,
# a target of 99, an answer code of 7 (CHECK constraints ignored), a period
# 2026-Q9, a stored level of 40, INT_MIN as an override, a dimension id the
# model does not have and a NULL team name (its NOT NULL dropped through
# writable_schema). For each: home, Enter (the assessment), r (the review)
# and o (the organisation view) show the error naming the assessment on the
# status line or stay empty, never the value ("Level 40", "12.00 of 5")
# other than quoted in the error;
# q q quits with status 0 and no sanitizer report. The command-line cases
# are rows of tests/fixtures/bad-input.tsv.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_hostile_values: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in tmux sqlite3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_hostile_values: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-hostile-XXXXXX") || exit 2
# shellcheck disable=SC2034 # read by tmux-lib.sh
TM_DIR=$tmp
# shellcheck source=tests/e2e/tmux-lib.sh
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
tm_setup || { echo "test_hostile_values: cannot start tmux" >&2; exit 2; }
tm_checks_start

demo=$tmp/demo.db
if ! "$MLMAT" demo --db "$demo" --teams 3 --quarters 2 --seed 9 >/dev/null 2>"$tmp/demo.err"; then
	echo "test_hostile_values: mlmat demo failed: $(cat "$tmp/demo.err")" >&2
	exit 2
fi
sqlite3 "$demo" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
rm -f "$demo-wal" "$demo-shm"
# The first team on home (by name) and its latest assessment.
first=$(sqlite3 "$demo" "SELECT a.id FROM teams t JOIN assessments a ON a.team_id = t.id
	ORDER BY t.name, a.period DESC LIMIT 1")
team=$(sqlite3 "$demo" "SELECT t.name FROM teams t JOIN assessments a ON a.team_id = t.id
	WHERE a.id = $first")
if [ -z "$first" ] || [ -z "$team" ]; then
	echo "test_hostile_values: the demo database has no assessment" >&2
	exit 2
fi
dim="(SELECT min(dimension_id) FROM dims WHERE assessment_id = $first)"
drop_not_null() {       # TABLE COLUMN: as another tool could
	echo "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql =
		replace(sql, '$2 TEXT NOT NULL', '$2 TEXT') WHERE name = '$1';"
}

# hostile NAME WHAT SQL: the dashboard on a copy of the demo edited by SQL
# (run in a second sqlite3 call after any schema change).
hostile() {
	h_name=$1 h_what=$2
	h_db=$tmp/$h_name.db
	cp "$demo" "$h_db"
	case $h_name in
	null-team) sqlite3 "$h_db" "$(drop_not_null teams name)" ;;
	esac
	if ! sqlite3 "$h_db" "$3" 2>"$tmp/$h_name.sql"; then
		bad "$h_name: the sqlite3 CLI writes $h_what" "$(cat "$tmp/$h_name.sql")"
		return
	fi
	h_err=$tmp/$h_name.stderr
	tm_start "$h_name" 120 35 "env LANG=C.UTF-8 TERM=xterm-256color $(shq "$MLMAT") --db $(shq "$h_db") 2>$(shq "$h_err"); echo EXIT=\$?; exec sleep 120"
	# shellcheck disable=SC2034 # read by the wait_until tests
	h_re="mlmat: .*$h_name\\.db: (assessment $first \\(|team [0-9]+: )"
	if wait_until "$h_name" "the error on home" 'grep -qE -- "$h_re" "$TM_DIR/screen" && grep -q "Teams" "$TM_DIR/screen"'; then
		ok "$h_name: home shows the error naming the assessment ($h_what)"
	else
		bad "$h_name: home shows the error naming the assessment ($h_what)"
	fi
	# The assessment, the review, the organisation view: each drawn, the
	# error or its own screen, never the value.
	for h_key in Enter r o; do
		tm_keys "$h_name" "$h_key"
		# (The error line itself quotes the value: it is left out.)
		if wait_re "$h_name" "$h_re|Organisation|Quarterly review|dimension [0-9]+ of|No team yet" &&
			wait_settled "$h_name" "mlmat" &&
			! grep -v 'mlmat: ' "$TM_DIR/screen" |
				grep -qE 'Level (40|12|99)|(12|40|99)\.00 of|-2147483648|2026-Q9'; then
			ok "$h_name: $h_key shows no hostile value"
		else
			bad "$h_name: $h_key shows no hostile value" \
				"$(grep -v 'mlmat: ' "$TM_DIR/screen" | grep -E 'Level|of 5|2026-Q9|-2147' | head -n 3)"
		fi
		# Back to home (q leaves a screen; on home after an error it would
		# quit, so only when another screen is up).
		if ! grep -q 'Teams (' "$TM_DIR/screen"; then
			tm_keys "$h_name" q
			wait_for "$h_name" "Teams (" >/dev/null
		fi
	done
	tm_keys "$h_name" q
	if wait_re "$h_name" '^EXIT=0' && ! grep -qE 'Sanitizer|runtime error' "$h_err"; then
		ok "$h_name: q quits with status 0, no sanitizer report"
	else
		bad "$h_name: q quits with status 0, no sanitizer report" "$(head -c 400 "$h_err")"
	fi
	tm kill-session -t "=$h_name" >/dev/null 2>&1
}

hostile override-12 "an override level 12" \
	"UPDATE dims SET override_level = 12 WHERE assessment_id = $first AND dimension_id = $dim"
hostile target-99 "a target of 99" \
	"UPDATE dims SET target = 99 WHERE assessment_id = $first AND dimension_id = $dim"
hostile answer-7 "an answer code of 7" \
	"PRAGMA ignore_check_constraints = 1; UPDATE answers SET answer = 7 WHERE assessment_id = $first"
hostile period-q9 "a period 2026-Q9" \
	"UPDATE assessments SET period = '2026-Q9' WHERE id = $first"
hostile level-40 "a stored level of 40" \
	"UPDATE dims SET level = 40 WHERE assessment_id = $first"
hostile int-min "INT_MIN as an override level" \
	"UPDATE dims SET override_level = -2147483648 WHERE assessment_id = $first AND dimension_id = $dim"
hostile unknown-dim "a dimension id the model does not have" \
	"UPDATE dims SET dimension_id = 'no-such-dim' WHERE assessment_id = $first AND dimension_id = $dim"
hostile null-team "a NULL team name" \
	"UPDATE teams SET name = NULL WHERE id = (SELECT team_id FROM assessments WHERE id = $first)"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
