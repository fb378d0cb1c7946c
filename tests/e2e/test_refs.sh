#!/bin/sh
# End-to-end checks of the references view (`f` from home, CONTRACT
# section 3) in a real terminal (tmux) on the real binary ($MLMAT, default
# ./mlmat): a model whose criteria cite clauses (tests/fixtures/models/
# good-links.yaml), a team's answers made with the store's own commands,
# and what the view counts as met (yes or n/a) out of how many.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_refs: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in tmux sqlite3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_refs: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-refs-XXXXXX") || exit 2
TM_DIR=$tmp
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_refs: cannot start tmux" >&2; exit 2; }
tm_checks_start

model=$(pwd)/tests/fixtures/models/good-links.yaml
db=$tmp/refs.db
# One team, its answers entered through the dashboard's own keys would be
# slow to drive: the demo writes them, then the test sets the two that
# decide the counts.
"$MLMAT" demo --db "$db" --teams 1 --quarters 1 --seed 4 --model "$model" >/dev/null 2>"$tmp/err" ||
	{ echo "test_refs: demo failed: $(cat "$tmp/err")" >&2; exit 2; }
sqlite3 "$db" "DELETE FROM answers; INSERT INTO answers(assessment_id, criterion_id, answer, origin)
  SELECT id, 'alpha-one', 3, 'answered' FROM assessments;" ||
	{ echo "test_refs: cannot set the answers" >&2; exit 2; }

tm_start R 120 40 "exec env TERM=xterm-256color $(shq "$MLMAT") --db $(shq "$db") --model $(shq "$model")"
if ! wait_for R 'Level progress'; then
	bad "the dashboard starts"
	echo "$pass passed, $fail failed"
	exit 1
fi
tm_keys R f
# good-links.yaml: alpha-one cites "EU AI Act Art. 12" and "ISO/IEC
# 42001:2023"; alpha-one is yes, so each is 1/1 met.
if wait_until R "the references view" \
	'grep -q "References: " "$tmp/screen" && grep -Eq "EU AI Act +1/1" "$tmp/screen" &&
	 grep -Eq "EU AI Act Art\. 12 +1/1" "$tmp/screen" && grep -Eq "ISO/IEC 42001:2023 +1/1" "$tmp/screen"'; then
	ok "f opens the references: standards and clauses with met/total"
else
	bad "f opens the references: standards and clauses with met/total"
fi
if wait_until R "the criteria citing the first standard" \
	'grep -q "Criteria citing it" "$tmp/screen" && grep -Eq "yes +L2 alpha-one +First thing" "$tmp/screen"'; then
	ok "the criteria citing the selected standard, with their answers"
else
	bad "the criteria citing the selected standard, with their answers"
fi
# alpha-one to no in another process (mlmat import, an audited change):
# the view follows.
"$MLMAT" export --db "$db" --what criteria | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
i = rows[0].index("answer")
c = rows[0].index("criterion_id")
out = csv.writer(sys.stdout, lineterminator="\r\n")
for r in rows:
    if r[c] == "alpha-one":
        r[i] = "no"
    out.writerow(r)' >"$tmp/crit.csv"
"$MLMAT" import --db "$db" --force "$tmp/crit.csv" >"$tmp/import.out" 2>&1 ||
	echo "import: $(cat "$tmp/import.out")" >>"$tmp/why"
if wait_until R "0/1 after the answer is no" 'grep -Eq "EU AI Act +0/1" "$tmp/screen"'; then
	ok "another process's change shows: 0/1"
else
	bad "another process's change shows: 0/1"
fi
tm_keys R q
if wait_until R "home again" 'grep -q "Level progress" "$tmp/screen"'; then
	ok "q goes back home"
else
	bad "q goes back home"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
