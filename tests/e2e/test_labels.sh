#!/bin/sh
# Labels that can be told apart, and text that keeps the columns (issue 15
# item 2), on the real binary ($MLMAT, default ./mlmat) in tmux at 80x24
# and 160x45. The database (demo data) has a model whose first three
# dimension names share their first 26 characters, two team names that
# share their first 50, team names and a comment holding emoji joined with
# U+200D, flags, U+FE0F, a skin tone, CJK and a combining accent, and
# (written with sqlite3, as another tool could) a team name and a comment
# with a tab and a line end. On home (each pane), the assessment, the
# organisation view and the review: every box's corners and sides stand in
# their columns on the captured screen, measured cell by cell; names cut to
# fit differ; emoji sequences show as U+FFFD, tabs and line ends as spaces;
# the panes' titles name the selected team.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_labels: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in tmux sqlite3 python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_labels: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-labels-XXXXXX") || exit 2
# shellcheck disable=SC2034 # read by tmux-lib.sh
TM_DIR=$tmp
# shellcheck source=tests/e2e/tmux-lib.sh
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
tm_setup || { echo "test_labels: cannot start tmux" >&2; exit 2; }
tm_checks_start

check() {
	what=$1
	shift
	if "$@"; then ok "$what"; else bad "$what"; fi
}

# The default model with three dimension names alike for their first 26
# characters (the level-progress pane's labels at 80 columns).
model=$tmp/alike.yaml
sed -e 's/^    name: Experiment Tracking and Reproducibility$/    name: Build and Test Automation Experiments/' \
	-e 's/^    name: Data and Model Versioning and Lineage$/    name: Build and Test Automation Versioning/' \
	-e 's/^    name: Pipelines and Continuous Training$/    name: Build and Test Automation Pipelines/' \
	data/mlops-maturity.yaml >"$model"
if [ "$(grep -c '^    name: Build and Test Automation' "$model")" -ne 3 ]; then
	echo "test_labels: the default model's dimension names have changed" >&2
	exit 2
fi
db=$tmp/labels.db
"$MLMAT" demo --db "$db" --model "$model" --teams 6 --quarters 2 --seed 11 >/dev/null 2>"$tmp/err" ||
	{ echo "test_labels: demo failed: $(cat "$tmp/err")" >&2; exit 2; }
q() { sqlite3 "$db" "$1"; }

family=$(printf '\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247')
flags=$(printf '\360\237\207\251\360\237\207\252\360\237\207\253\360\237\207\267')
heart=$(printf '\342\235\244\357\270\217')
thumb=$(printf '\360\237\221\215\360\237\217\275')
cjk=$(printf '\346\225\260\346\215\256\345\271\263\345\217\260')
acute=$(printf 'cafe\314\201')
fffd=$(printf '\357\277\275')
ell=$(printf '\342\200\246')
north="Machine Learning Platform Engineering Group Team North"
south="Machine Learning Platform Engineering Group Team South"
names="$north|$south|Family $family ZWJ|Flags $flags and $heart and $thumb|$cjk $acute wide"
i=0
q "SELECT name FROM teams ORDER BY id" >"$tmp/old"
while IFS= read -r old; do
	i=$((i + 1))
	if [ "$i" -le 5 ]; then
		new=$(printf '%s\n' "$names" | cut -d'|' -f"$i")
		"$MLMAT" team rename "$old" "$new" --db "$db" >/dev/null 2>"$tmp/err" ||
			{ echo "test_labels: team rename to '$new' failed: $(cat "$tmp/err")" >&2; exit 2; }
	else
		# No control character gets in through mlmat: another tool's.
		q "UPDATE teams SET name = 'Tab' || char(9) || 'Team' || char(10) || 'Newline' WHERE name = '$old'"
	fi
done <"$tmp/old"
# The family team's latest assessment: a comment and evidence on every
# criterion of the first dimension (the first one is selected on Enter).
aid=$(q "SELECT a.id FROM assessments a JOIN teams t ON t.id = a.team_id
	WHERE t.name = 'Family $family ZWJ' ORDER BY a.period DESC LIMIT 1")
q "UPDATE answers SET comment = 'Note $family x' || char(9) || 'tabbed $heart end',
	evidence = 'Proof $flags $acute' WHERE assessment_id = $aid AND criterion_id LIKE 'exp-%'"
if [ "$(q "SELECT count(*) FROM answers WHERE assessment_id = $aid AND comment LIKE 'Note %'")" -lt 1 ]; then
	echo "test_labels: no answer to comment on in assessment $aid" >&2
	exit 2
fi

# boxes_intact COLS: every box on $TM_DIR/screen has its corners and its
# sides in the same columns from top to bottom, and no line is wider than
# COLS, counting cells as tmux does (a wide character two, a mark none).
boxes_intact() {
	python3 - "$TM_DIR/screen" "$1" >"$tmp/boxes" 2>&1 <<'PY'
import sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
cols = int(sys.argv[2])

def width(ch):
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1

grid = []
problems = []
for y, line in enumerate(lines):
    cells, x = {}, 0
    for ch in line:
        w = width(ch)
        if w:
            cells[x] = ch
        x += w
    if x > cols:
        problems.append("line %d is %d cells wide: %s" % (y, x, line))
    grid.append(cells)
boxes = 0
for y, cells in enumerate(grid):
    for x0 in sorted(c for c, ch in cells.items() if ch == "\u250c"):
        x1 = next((c for c in sorted(cells) if c > x0 and cells[c] == "\u2510"), None)
        if x1 is None:
            problems.append("line %d: a box opens at column %d and never closes" % (y, x0))
            continue
        boxes += 1
        for yy in range(y + 1, len(grid)):
            row = grid[yy]
            if row.get(x0) == "\u2514":
                if row.get(x1) != "\u2518":
                    problems.append("line %d: box %d-%d ends without its right corner: %s" % (yy, x0, x1, lines[yy]))
                break
            if row.get(x0) not in ("\u2502", "\u251c") or row.get(x1) not in ("\u2502", "\u2524"):
                problems.append("line %d: box %d-%d lost a side (%r at %d, %r at %d): %s"
                                % (yy, x0, x1, row.get(x0), x0, row.get(x1), x1, lines[yy]))
                break
        else:
            problems.append("the box at line %d, columns %d-%d has no bottom" % (y, x0, x1))
if boxes == 0:
    problems.append("no box on the screen")
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
}

# settled_boxes NAME TEXT COLS WHAT: the screen, once settled with TEXT on
# it, has every box intact.
settled_boxes() {
	if wait_settled "$1" "$2" && boxes_intact "$3"; then
		ok "$4: every box's corners and sides in their columns"
	else
		bad "$4: every box's corners and sides in their columns" "$(cat "$tmp/boxes" 2>/dev/null)" \
			"$(sed 's/^/|/' "$TM_DIR/screen")"
	fi
}

shows() { grep -qF -- "$1" "$TM_DIR/screen"; }

tm_start L 80 24 "exec env TERM=xterm-256color $(shq "$MLMAT") --db $(shq "$db") --model $(shq "$model") 2>$(shq "$tmp/stderr")"
if ! wait_for L "Teams (6)"; then
	bad "the dashboard starts"
	echo "$pass passed, $fail failed"
	exit 1
fi

# -- home at 80x24, the level-progress pane below the list
settled_boxes L "Level progress" 80 "home 80x24, level progress"
check "home: the team names alike for 50 characters differ (their ends kept)" \
	sh -c "grep -q '^│ Machine Learning.*${ell}North ' '$TM_DIR/screen' &&
		grep -q '^│ Machine Learning.*${ell}South ' '$TM_DIR/screen'"
check "home: ZWJ family, flags, U+FE0F heart and skin tone each shown as one U+FFFD" \
	sh -c "grep -qF '│ Family $fffd ZWJ ' '$TM_DIR/screen' &&
		grep -qF '│ Flags $fffd$fffd and $fffd and $fffd ' '$TM_DIR/screen'"
check "home: CJK and a combining accent shown as they are" shows "$cjk $acute wide"
check "home: a tab and a line end in a team name shown as spaces" \
	sh -c "grep -qF 'Tab Team Newline' '$TM_DIR/screen' && ! grep -qF 'Tab?Team' '$TM_DIR/screen'"
check "home: the level-progress pane's title names the selected team" \
	shows "Level progress - Family $fffd ZWJ"
check "home: three dimension names alike for 26 characters differ in the pane" \
	sh -c "grep -qF '${ell}Experiments' '$TM_DIR/screen' && grep -qF '${ell}Versioning' '$TM_DIR/screen' &&
		grep -qF '${ell}Pipelines' '$TM_DIR/screen'"
tm_keys L P
settled_boxes L "Heatmap: level (g) - Family" 80 "home 80x24, heatmap"
check "home: the heatmap's dimension labels differ" \
	sh -c "grep -qF '${ell}Experiments' '$TM_DIR/screen' && grep -qF '${ell}Versioning' '$TM_DIR/screen'"
tm_keys L P
settled_boxes L "open) - Family $fffd ZWJ" 80 "home 80x24, roadmap"

# -- a text field: the cursor follows what is drawn (an emoji sequence is
# one cell), so it stands where "Abxcd" would put it
cursor_after() {        # TEXT SHOWN: the cursor's column with TEXT typed in the Team field
	tm_keys L C-u
	tm_type L "$1"
	wait_settled L "$2" >/dev/null && tm display -p -t =L: '#{cursor_x}'
}
tm_keys L n
if wait_for L "New assessment"; then
	plain=$(cursor_after "Abxcd" "Abxcd")
	joined=$(cursor_after "Ab${family}cd" "Ab${fffd}cd")
	if [ -n "$plain" ] && [ "$plain" = "$joined" ]; then
		ok "a text field: the cursor after a ZWJ family stands where it would after one cell"
	else
		bad "a text field: the cursor after a ZWJ family stands where it would after one cell" \
			"column $joined, want $plain"
	fi
else
	bad "n opens the new-assessment form"
fi
tm_keys L Escape
wait_gone L "New assessment"

# -- the family team's assessment: the comment under the first criterion
tm_keys L Enter
settled_boxes L "Note $fffd x tabbed $fffd end" 80 "assessment 80x24 with an emoji comment"
check "assessment: the comment's tab shown as a space, its emoji as U+FFFD" \
	shows "Note $fffd x tabbed $fffd end"
check "assessment: the evidence's flags as U+FFFD, the accent kept" shows "Proof $fffd$fffd $acute"
tm_keys L q
wait_for L "Teams (6)"

# -- the organisation view: team names and the dimension heads
tm_keys L o
settled_boxes L "Organisation" 80 "organisation 80x24"
check "organisation: the dimension heads alike for 6 columns differ" \
	sh -c "grep -qF '${ell}Expe${ell}' '$TM_DIR/screen' && grep -qF '${ell}Vers${ell}' '$TM_DIR/screen' &&
		grep -qF '${ell}Pipe${ell}' '$TM_DIR/screen'"
check "organisation: the two teams alike for 50 characters differ" \
	sh -c "[ \"\$(grep -c '^│ Mach.*[NS]' '$TM_DIR/screen')\" -ge 2 ] &&
		grep -q '^│ M.*${ell}North ' '$TM_DIR/screen' && grep -q '^│ M.*${ell}South ' '$TM_DIR/screen'"
tm_keys L q
wait_for L "Teams (6)"

# -- the review of the family team
tm_keys L r
settled_boxes L "Quarterly review" 80 "review 80x24"
tm_keys L q
wait_for L "Teams (6)"

# -- 160x45: the panes beside the list
tm_resize L 160 45
settled_boxes L "Roadmap (" 160 "home 160x45, three panes"
check "home 160x45: each pane's title names the selected team" \
	sh -c "grep -qF 'Level progress - Family $fffd ZWJ' '$TM_DIR/screen' &&
		grep -qF 'Heatmap: level (g) - Family $fffd ZWJ' '$TM_DIR/screen' &&
		grep -qF 'open) - Family $fffd ZWJ' '$TM_DIR/screen'"
tm_keys L j
settled_boxes L "Level progress - Flags" 160 "home 160x45, the flags team selected"
tm_keys L Enter
settled_boxes L "Build and Test Automation Experiments" 160 "assessment 160x45"
tm_keys L q
wait_for L "Teams (6)"
tm_keys L o
settled_boxes L "Organisation" 160 "organisation 160x45"
tm_keys L q
wait_for L "Teams (6)"
tm_keys L q
if wait_session_gone L && ! grep -qE 'Sanitizer|runtime error' "$tmp/stderr"; then
	ok "q quits, with no sanitizer report"
else
	bad "q quits, with no sanitizer report" "$(head -c 2000 "$tmp/stderr")"
fi

# -- OWASP SAMM (a fixture): three dimension ids start "security-"; the
# roadmap pane's 10-column id cell tells them apart
samm=$tmp/samm.db
if "$MLMAT" demo --db "$samm" --model tests/fixtures/models/good-samm-groups.yaml --teams 3 \
	--quarters 2 --seed 5 >/dev/null 2>"$tmp/err"; then
	tm_dash S 160 45 "$samm" --model tests/fixtures/models/good-samm-groups.yaml
	settled_boxes S "Roadmap (" 160 "home 160x45 on a model with groups"
	check "roadmap pane: the ids security-testing, -architecture and -requirements differ" \
		sh -c "! grep -qF 'security-${ell}' '$TM_DIR/screen' &&
			grep -qE 'se${ell}testing|${ell}architec${ell}|${ell}requirem${ell}' '$TM_DIR/screen'"
	tm_keys S q
else
	bad "demo on the SAMM fixture" "$(cat "$tmp/err")"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
