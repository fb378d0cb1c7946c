#!/bin/sh
# End-to-end checks of find and name order (issue 15 item 5, CONTRACT
# section 5) on the real binary ($MLMAT, default ./mlmat) in tmux at 80x24.
# Four teams named with case and accents ("zeta", "Émile", "alpha", "Zürich
# Ops") are imported with equal answers, alpha's with a comment and an
# evidence holding "Kängurü" in two dimensions. Home (and `mlmat team
# list`) lists the teams in reading order under C.UTF-8; `/` filters them live, ignoring case and
# accents ("zurich", "ÉMI"), Enter keeps the filter, Esc clears it and the
# selection stays on its team; the organisation view sorts ties by the same
# order and filters the same way (Esc clears, then goes back); on the
# assessment `/` finds "kanguru" across dimensions in a comment and in
# evidence, `>` and `<` (Ctrl-N/Ctrl-P) go round with a message, "no match"
# is said, Esc goes back, and a criterion text is found.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_find: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in tmux python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_find: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-find-XXXXXX") || exit 2
# shellcheck disable=SC2034 # read by tmux-lib.sh
TM_DIR=$tmp
# shellcheck source=tests/e2e/tmux-lib.sh
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_find: cannot start tmux" >&2; exit 2; }
tm_checks_start

# The model's criteria, from one demo assessment's export; then every team
# answers each "partly" (equal scores: the organisation's ties go by name).
if ! "$MLMAT" demo --db "$tmp/demo.db" --teams 1 --quarters 1 --seed 1 >/dev/null 2>"$tmp/err" ||
	! "$MLMAT" export --db "$tmp/demo.db" --what criteria >"$tmp/crit.csv" 2>"$tmp/err"; then
	echo "test_find: demo or export failed: $(cat "$tmp/err")" >&2
	exit 2
fi
python3 - "$tmp/crit.csv" "$tmp/in.csv" <<'PY' || { echo "test_find: cannot write the import" >&2; exit 2; }
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
dims = []
for r in rows:
    if r["dimension_id"] not in dims:
        dims.append(r["dimension_id"])
out = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""))
out.writerow(["team", "period", "criterion_id", "answer", "comment", "evidence"])
for team in ["zeta", "Émile", "alpha", "Zürich Ops"]:
    seen = set()
    for r in rows:
        comment = evidence = ""
        first = r["dimension_id"] not in seen
        seen.add(r["dimension_id"])
        # alpha: a comment in the 3rd dimension, evidence in the 5th.
        if team == "alpha" and first and r["dimension_id"] == dims[2]:
            comment = "A Kängurü sighting"
        if team == "alpha" and first and r["dimension_id"] == dims[4]:
            evidence = "see KANGURU.pdf"
        out.writerow([team, r["period"], r["criterion_id"], "partly", comment, evidence])
PY
db=$tmp/t.db
if ! "$MLMAT" init --db "$db" >/dev/null 2>"$tmp/err" ||
	! "$MLMAT" import --db "$db" "$tmp/in.csv" >/dev/null 2>"$tmp/err"; then
	echo "test_find: import failed: $(cat "$tmp/err")" >&2
	exit 2
fi

check() {
	what=$1
	shift
	if "$@"; then ok "$what"; else bad "$what"; fi
}

list=$("$MLMAT" team list --db "$db" | cut -f 1 | tr '\n' '|')
check "team list: the same order as home (alpha, Émile, zeta, Zürich Ops)" \
	[ "$list" = "alpha|Émile|zeta|Zürich Ops|" ]

# in_order NAME...: the screen shows each NAME on a later row than the one
# before (the first row holding it).
in_order() {
	io_prev=0
	for io_name in "$@"; do
		io_row=$(grep -nF -- "$io_name" "$tmp/screen" | head -n 1 | cut -d: -f1)
		[ -n "$io_row" ] && [ "$io_row" -gt "$io_prev" ] || return 1
		io_prev=$io_row
	done
}

tm_dash F 80 24 "$db"
wait_for F 'Teams (4)' || { bad "the dashboard starts"; echo "$pass passed, $fail failed"; exit 1; }

check "home lists the teams in reading order under C.UTF-8: alpha, Émile, zeta, Zürich Ops" \
	wait_until F "the order" 'in_order "│ alpha " "│ Émile " "│ zeta " "│ Zürich Ops "'

# Home: / filters live, without case and accents.
tm_keys F /
tm_type F zurich
check "/ zurich: the field says 1 of 4 teams and the list keeps Zürich Ops alone" \
	wait_until F "the filtered list" 'grep -q "^ / zurich .*1 of 4 teams" "$tmp/screen" &&
		grep -qF "│ Zürich Ops " "$tmp/screen" && ! grep -qF "│ alpha " "$tmp/screen"'
tm_keys F Enter
check "Enter keeps the filter, named in the list's title" \
	wait_all F 'Teams (1 of 4) matching "zurich"' '1 of 4 teams match "zurich": Esc clears the filter.'
tm_keys F Escape
check "Esc clears it: all four teams again" \
	wait_until F "the whole list" 'grep -qF "Teams (4)" "$tmp/screen" && grep -qF "│ alpha " "$tmp/screen" &&
		grep -qF "Filter cleared: all 4 teams." "$tmp/screen"'
tm_keys F Enter
check "the selection stayed on Zürich Ops: Enter opens its assessment" \
	wait_all F "Zürich Ops  " "dimension 1 of"
tm_keys F q
wait_for F 'Teams (4)'
tm_keys F /
tm_type F "ÉMI"
check "/ ÉMI finds Émile (case and accents ignored): 1 of 4 teams" \
	wait_until F "Émile alone" 'grep -q "1 of 4 teams" "$tmp/screen" && grep -qF "│ Émile " "$tmp/screen" &&
		! grep -qF "│ zeta " "$tmp/screen"'
tm_keys F C-u
tm_type F "e"
check "editing the field filters again as it is typed: e in Émile, zeta" \
	wait_until F "2 teams" 'grep -q "2 of 4 teams" "$tmp/screen" && grep -qF "│ zeta " "$tmp/screen"'
tm_keys F Escape
check "Esc in the field clears the filter" \
	wait_until F "the whole list" 'grep -qF "Teams (4)" "$tmp/screen" && grep -qF "│ alpha " "$tmp/screen"'

# The organisation view: ties (equal scores) by name; / and Esc.
tm_keys F o
wait_for F "Organisation "
check "organisation view: equal scores stand in reading order" \
	wait_until F "the order" 'in_order "│ alpha " "│ Émile " "│ zeta " "│ Zürich Ops "'
tm_keys F /
tm_type F ZE
tm_keys F Enter
check "organisation / ZE keeps zeta: 1 of 4 teams matching, in the title" \
	wait_until F "the filtered grid" 'grep -qF "1 of 4 teams matching \"ZE\"" "$tmp/screen" &&
		grep -qF "│ zeta " "$tmp/screen" && ! grep -qF "│ alpha " "$tmp/screen"'
tm_keys F Escape
check "organisation: Esc clears the filter and stays" \
	wait_until F "the whole grid" 'grep -qF "Organisation " "$tmp/screen" && grep -qF "│ alpha " "$tmp/screen"'
tm_keys F Escape
check "organisation: a second Esc goes back home" wait_for F 'Teams (4)'

# The assessment of alpha, the first team.
tm_keys F k k k k Enter
wait_all F "alpha  " "dimension 1 of" || bad "Enter on alpha opens its assessment"
tm_keys F /
tm_type F kanguru
check "assessment / kanguru: goes to the comment in dimension 3, match 1 of 2" \
	wait_until F "the first match" 'grep -q "dimension 3 of" "$tmp/screen" && grep -q "match 1 of 2" "$tmp/screen"'
tm_keys F Enter
check "Enter keeps the search; the status line names the next-match keys" \
	wait_for F 'Match 1 of 2 for "kanguru": > or Ctrl-N next'
tm_keys F '>'
check "> goes to the evidence in dimension 5: match 2 of 2" \
	wait_until F "the second match" 'grep -q "dimension 5 of" "$tmp/screen" && grep -qF "Match 2 of 2" "$tmp/screen"'
tm_keys F C-n
check "Ctrl-N after the last goes round, and says so" \
	wait_until F "the wrap" 'grep -q "dimension 3 of" "$tmp/screen" &&
		grep -qF "Search went round the end: match 1 of 2" "$tmp/screen"'
tm_keys F '<'
check "< before the first goes round the start" \
	wait_until F "the wrap back" 'grep -q "dimension 5 of" "$tmp/screen" &&
		grep -qF "Search went round the start: match 2 of 2" "$tmp/screen"'
tm_keys F /
tm_keys F C-u
tm_type F "lock file or container"
check "/ finds a criterion's text as it is typed: dimension 1, match 1 of 1" \
	wait_until F "the text" 'grep -q "dimension 1 of" "$tmp/screen" && grep -qF "match 1 of 1" "$tmp/screen"'
tm_keys F Escape
check "Esc gives the search up and goes back to where / was pressed (dimension 5)" \
	wait_until F "dimension 5" 'grep -q "dimension 5 of" "$tmp/screen" && ! grep -q "^ / lock" "$tmp/screen"'
tm_keys F /
tm_type F qqxqq
check "a text found nowhere: the field says no match" wait_re F '^ / qqxqq .*no match'
tm_keys F Escape
wait_gone F qqxqq
tm_keys F '>'
check "> with no search kept says how to start one" wait_for F "Nothing to find yet: / searches"
tm_keys F /
tm_type F "LOCK FILE OR CONTAINER"
tm_keys F Enter
check "/ then Enter: the text found in any case, dimension 1, match 1 of 1" \
	wait_until F "the text" 'grep -q "dimension 1 of" "$tmp/screen" && grep -qF "Match 1 of 1" "$tmp/screen"'
tm_keys F '?'
check "? lists /, > and < with the assessment's keys" \
	wait_all F "find in criteria, comments" "next match of /" "previous match of /"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
