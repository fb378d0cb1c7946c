#!/bin/sh
# End-to-end checks that nothing is out of reach (issue 15 item 1, CONTRACT
# section 5): the real binary ($MLMAT, default ./mlmat) in tmux on a private
# socket, at 80x24 and 200x50, on demo data of fixture models made by
# tests/fixtures/gen-model.sh (64 dimensions with long texts, 30
# dimensions, 3 dimensions of 200 criteria) and of the default model.
# Each pane, heatmap and grid says how much is hidden and scrolls to the
# rest: the level-progress, heatmap and roadmap panes ({ } and H L), the
# organisation grid's columns (H L, the team column kept), the review's
# heatmap; the review's change list shows at 80x24 on the default model
# and scrolls with its selection; i opens a change and a roadmap item in
# full, I the dimension, and the longest criterion's text is read to its
# end. One line per check, then "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_scroll: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in tmux sqlite3 awk; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_scroll: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-scroll-XXXXXX") || exit 2
# shellcheck disable=SC2034 # read by tmux-lib.sh
TM_DIR=$tmp
# shellcheck source=tests/e2e/tmux-lib.sh
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_scroll: cannot start tmux" >&2; exit 2; }

tm_checks_start

# check WHAT COMMAND...: ok when the command succeeds.
check() {
	ck_what=$1
	shift
	if "$@"; then ok "$ck_what"; else bad "$ck_what"; fi
}

# both SESSION ERE1 ERE2: until one screen matches both.
both() {
	# shellcheck disable=SC2034 # read by the eval-ed test
	b1=$2 b2=$3
	wait_until "$1" "/$2/ and /$3/" 'grep -qE -- "$b1" "$TM_DIR/screen" && grep -qE -- "$b2" "$TM_DIR/screen"'
}

gen=tests/fixtures/gen-model.sh
if ! { sh "$gen" 64 4 1 >"$tmp/m64.yaml" && sh "$gen" 30 4 >"$tmp/m30.yaml" &&
	sh "$gen" 3 200 >"$tmp/m200.yaml"; }; then
	echo "test_scroll: gen-model.sh failed" >&2
	exit 2
fi
for m in m64 m30 m200; do
	"$MLMAT" model check "$tmp/$m.yaml" 2>/dev/null ||
		{ echo "test_scroll: $m.yaml is not a valid model" >&2; exit 2; }
done
if ! { "$MLMAT" demo --db "$tmp/d64.db" --model "$tmp/m64.yaml" --teams 3 --quarters 12 --seed 1 &&
	"$MLMAT" demo --db "$tmp/d30.db" --model "$tmp/m30.yaml" --teams 3 --quarters 4 --seed 1 &&
	"$MLMAT" demo --db "$tmp/d200.db" --model "$tmp/m200.yaml" --teams 2 --quarters 3 --seed 1 &&
	"$MLMAT" demo --db "$tmp/def.db" --teams 4 --quarters 8 --seed 42; } >/dev/null; then
	echo "test_scroll: mlmat demo failed" >&2
	exit 2
fi

# The team with the most periods, its row on home (teams sort by name) and
# how many periods it has.
most=$(sqlite3 -separator '|' "$tmp/d64.db" \
	"SELECT t.name, count(*) FROM assessments a JOIN teams t ON t.id = a.team_id
	 GROUP BY t.id ORDER BY count(*) DESC, t.name LIMIT 1")
most_team=${most%|*} most_n=${most#*|}
most_row=$(sqlite3 "$tmp/d64.db" "SELECT count(*) FROM teams WHERE name < '$most_team'")
down() { # down SESSION N: N times j
	dn_i=0
	while [ "$dn_i" -lt "$2" ]; do tm_keys "$1" j; dn_i=$((dn_i + 1)); done
}

# ---- 80x24, 64 dimensions: home's panes ----
tm_dash h 80 24 "$tmp/d64.db" --model "$tmp/m64.yaml"
check "80x24 home: the progress pane says 56 dimensions are below (+56 more { })" \
	wait_all h "Level progress" "Dimension number 08" " +56 more { } "
tm_keys h '}'
check "} pages the progress pane: dimension 9 on, 8 above, 48 below" \
	wait_all h "Dimension number 09" "Dimension number 16" " 8 above, +48 more { } "
for _ in 1 2 3 4 5 6 7; do tm_keys h '}'; done
check "} to the end reaches dimension 64 (56 above, nothing more)" \
	wait_all h "Dimension number 64" " 56 above { } "
tm_keys h '{'
check "{ pages back up" wait_all h "Dimension number 49" " 48 above, +8 more { } "
down h "$most_row"
tm_keys h P
check "the heatmap pane of $most_team ($most_n periods) shows the latest and says which" \
	wait_re h "periods [0-9]+-$most_n of $most_n H L"
tm_keys h H
check "H shows its earlier periods, from the first" wait_re h "periods 1-[0-9]+ of $most_n H L"
tm_keys h L
check "L goes back to the latest" wait_re h "periods [0-9]+-$most_n of $most_n H L"
tm_keys h P
check "the roadmap pane says how many items are below" \
	both h "Roadmap \\([0-9]+ open\\)" "\\+[0-9]+ more \\{ \\}"
tm_keys h '}'
check "} pages the roadmap pane" wait_re h " [0-9]+ above(, \\+[0-9]+ more)? \\{ \\} "

# ---- 80x24, 64 dimensions: the organisation grid ----
tm_keys h o
check "80x24 organisation: 6 of 64 dimension columns, says so" \
	wait_all h "Organisation " "dimensions 1-6 of 64 (H L)"
tm_keys h L
check "L scrolls the columns sideways, the team column kept" \
	wait_all h "dimensions 7-12 of 64 (H L)" " Team " "$most_team"
for _ in 1 2 3 4 5 6 7 8 9 10 11; do tm_keys h L; done
check "L to the end reaches the last dimensions" wait_all h "dimensions 59-64 of 64 (H L)"
tm_keys h H
check "H scrolls back" wait_all h "dimensions 53-58 of 64 (H L)"
tm_keys h q

# ---- 80x24, 64 dimensions: the review's heatmap ----
tm_keys h r
check "80x24 review: its heatmap says 56 dimensions are below" \
	wait_all h "$most_team: $most_n periods" " +56 more { } "
tm_keys h '}'
check "} pages the review's heatmap" wait_all h " 8 above, +48 more { } "
tm_keys h H
check "H shows the review heatmap's first periods" wait_re h "periods 1-[0-9]+ of $most_n H L"
tm_keys h q q
wait_session_gone h

# ---- 80x24, default model: the change list and i ----
tm_dash r 80 24 "$tmp/def.db"
wait_for r "Teams (4)"
# the team whose latest two periods differ most
pick=$(sqlite3 "$tmp/def.db" "
	WITH last AS (SELECT a.team_id, a.id, a.period,
		row_number() OVER (PARTITION BY a.team_id ORDER BY a.period DESC) AS k FROM assessments a)
	SELECT (SELECT count(*) FROM teams t2 WHERE t2.name < t.name)
	FROM last l1 JOIN last l2 ON l1.team_id = l2.team_id AND l1.k = 1 AND l2.k = 2
	JOIN answers x1 ON x1.assessment_id = l1.id JOIN answers x2 ON x2.assessment_id = l2.id
		AND x2.criterion_id = x1.criterion_id
	JOIN teams t ON t.id = l1.team_id
	WHERE x1.answer <> x2.answer GROUP BY l1.team_id ORDER BY count(*) DESC LIMIT 1" 2>/dev/null)
down r "${pick:-0}"
tm_keys r r
wait_for r "Quarterly review"
tm_keys r P
check "80x24 review, P: the answers that changed show below the scores" \
	both r "Answers that changed \\([1-9][0-9]*\\)" "(unknown|no|partly|yes|n/a)->(unknown|no|partly|yes|n/a)"
check "the change list says how much is below" wait_re r "\\+[0-9]+ more j k, i"
tm_keys r G
check "G (End) selects the last change: the list shows its end" wait_re r " [0-9]+ above j k, i "
tm_keys r i
check "i opens the selected change in full: criterion, both answers, comment, evidence" \
	wait_all r "Changed from" "Comment:" "Evidence:" "Notes of the dimension"
tm_keys r q
wait_gone r "Changed from"
tm_keys r Tab i
check "Tab, i: the selected roadmap item in full" \
	wait_all r "Roadmap item " "Action:" "Status:" "Owner:" "Due:" "Blocked by:"
tm_keys r q q q
wait_session_gone r

# ---- 80x24, 64 dimensions with long texts: the assessment ----
first=$(sqlite3 "$tmp/d64.db" "SELECT name FROM teams ORDER BY name LIMIT 1")
tm_dash a 80 24 "$tmp/d64.db" --model "$tmp/m64.yaml"
wait_for a "Teams (3)"
tm_keys a Enter
check "the assessment opens on dimension 1, its head cut, saying I shows it in full" \
	wait_all a "$first" "dimension 1 of 64" "I: in full"
tm_keys a I
check "I: the dimension in full, stages and why" wait_all a "Dimension number 01 (dimension 1 of 64)" "Why:"
tm_keys a G
check "its last stage text to the end" wait_for a "STAGE-5-ENDS-HERE."
tm_keys a q G i
check "i on the longest criterion opens it" wait_for a "d01-c004"
tm_keys a G
check "its text is read to the end" wait_for a "LAST-WORDS-OF-THE-LONGEST."
tm_keys a q
tm_resize a 200 50
tm_keys a Tab
wait_for a "dimension 2 of 64"
tm_keys a G
check "200x50: a criterion of over 32 wrapped lines is not cut in the list" \
	wait_for a "LAST-WORDS-OF-DIMENSION-2."
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29; do
	tm_keys a Tab
done
check "Tab to dimension 31: the panes keep it in view" \
	wait_all a "dimension 31 of 64" " above, +" "Dimension number 31"
tm_keys a q q
wait_session_gone a

# ---- 200x50: 30 dimensions, 200 criteria ----
tm_dash w 200 50 "$tmp/d30.db" --model "$tmp/m30.yaml"
check "200x50, 30 dimensions: the progress pane says 5 are below" \
	both w "\\+[0-9]+ more \\{ \\}" "Dimension number 01"
tm_keys w o
check "200x50 organisation: 23 of 30 dimension columns" wait_all w "dimensions 1-23 of 30 (H L)"
tm_keys w L
check "L shows the last ones" wait_all w "dimensions 8-30 of 30 (H L)" " Team "
tm_keys w q q
wait_session_gone w
tm_dash c 80 24 "$tmp/d200.db" --model "$tmp/m200.yaml"
wait_for c "Teams (2)"
tm_keys c Enter
check "80x24, 200 criteria: the list says how many criteria are below" \
	wait_all c "dimension 1 of 3" " +195 more j k "
tm_keys c G
check "G (End) reaches the dimension's last criterion, 194 above" \
	wait_all c "Criterion 200 of dimension 1" " 194 above j k "
tm_keys c q q
wait_session_gone c

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
