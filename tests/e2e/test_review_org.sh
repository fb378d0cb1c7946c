#!/bin/sh
# End-to-end checks of the quarterly review and the organisation view (issue
# 5, CONTRACT sections 3-5): the real binary ($MLMAT, default ./mlmat) in tmux
# on a private socket, on `mlmat demo --teams 4 --quarters 4 --seed 3`.
# From home a team's review (r); a roadmap item's status (s) and owner (O, a
# name with a comma and non-ASCII) changed, then read back with
# `mlmat export --what roadmap` and `--what audit` (python3's csv module);
# x writes the team's roadmap to ./mlmat-roadmap-<team>-<period>.csv (the
# pane runs in a scratch folder), byte for byte the export, and asks before
# overwriting (n keeps the file, y replaces it); S steps the status back;
# signed-off periods are marked in the heatmap, and on home the team whose
# latest assessment another process signed off (also with --ascii
# --no-color); the organisation view (o): a team's overall score and
# change since its assessment before, the sort key in the title (s, S),
# its periods (h/l) and Enter on a team; q back each time.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_review_org: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in tmux python3 pgrep cmp sqlite3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_review_org: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-review-XXXXXX") || exit 2
# shellcheck disable=SC2034 # read by tmux-lib.sh
TM_DIR=$tmp
# shellcheck source=tests/e2e/tmux-lib.sh
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_review_org: cannot start tmux" >&2; exit 2; }

tm_checks_start

# The checks that need the screen stop here when the dashboard is gone.
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
}

# csvq.py: small queries on export files.
cat >"$tmp/csvq.py" <<'PY'
import csv, sys

def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))

cmd = sys.argv[1]
if cmd == "pick":            # ANSWERS: "INDEX<TAB>TEAM<TAB>NPERIODS" of the team to review
    rs = rows(sys.argv[2])
    teams = sorted({r["team"] for r in rs}, key=lambda t: t.encode())
    periods = {t: sorted({r["period"] for r in rs if r["team"] == t}) for t in teams}
    # the first team after the first (so j is pressed) with two periods or more
    for i, t in enumerate(teams):
        if i > 0 and len(periods[t]) >= 2:
            print("%d\t%s\t%d" % (i, t, len(periods[t])))
            break
elif cmd == "first":         # ROADMAP: "CRITERION<TAB>STATUS" of the first row
    r = rows(sys.argv[2])[0]
    print("%s\t%s" % (r["criterion_id"], r["status"]))
elif cmd == "item":          # ROADMAP CRITERION FIELD
    for r in rows(sys.argv[2]):
        if r["criterion_id"] == sys.argv[3]:
            print(r[sys.argv[4]])
elif cmd == "others":        # BEFORE AFTER CRITERION: the other rows are the same
    a = [r for r in rows(sys.argv[2]) if r["criterion_id"] != sys.argv[4]]
    b = [r for r in rows(sys.argv[3]) if r["criterion_id"] != sys.argv[4]]
    sys.exit(0 if a == b and a else 1)
elif cmd == "latest":        # ANSWERS TEAM: the id of the team's latest assessment
    rs = [r for r in rows(sys.argv[2]) if r["team"] == sys.argv[3]]
    print(max(rs, key=lambda r: r["period"])["assessment_id"])
elif cmd == "audit":         # AUDIT ACTION ASSESSMENT CRITERION TEXT: such a row exists
    _, _, f, action, aid, crit, text = sys.argv
    hit = [r for r in rows(f) if r["action"] == action and r["assessment_id"] == aid
           and crit in r["detail"] and text in r["detail"]]
    sys.exit(0 if hit else 1)
elif cmd == "naudit":        # AUDIT ACTION CRITERION: how many such rows name CRITERION
    _, _, f, action, crit = sys.argv
    print(sum(1 for r in rows(f) if r["action"] == action and crit in r["detail"]))
elif cmd == "teams":         # ANSWERS: the team names, one a line
    for t in sorted({r["team"] for r in rows(sys.argv[2])}):
        print(t)
elif cmd == "orgrow":        # ANSWERS PERIOD TEAM: "OVERALL<TAB>CHANGE" as the organisation shows them
    _, _, f, period, team = sys.argv
    ov = {}
    for r in rows(f):
        if r["team"] == team and r["period"] <= period:
            ov[r["period"]] = float(r["overall"])
    ps = sorted(ov)
    change = "%+.2f" % round(ov[ps[-1]] - ov[ps[-2]], 2) if len(ps) > 1 else ""
    print("%.2f\t%s" % (ov[ps[-1]], change))
elif cmd == "count":         # ANSWERS PERIOD: teams with an assessment at or before PERIOD
    print(len({r["team"] for r in rows(sys.argv[2]) if r["period"] <= sys.argv[3]}))
PY
csvq() { python3 "$tmp/csvq.py" "$@"; }

next_status() {
	case $1 in
	planned) echo in-progress ;;
	in-progress) echo 'done' ;;
	done) echo dropped ;;
	*) echo planned ;;
	esac
}

cur="$(date +%Y)-Q$(( ($(date +%m | sed 's/^0//') + 2) / 3 ))"
y=${cur%-Q*} q=${cur#*-Q}
if [ "$q" -eq 1 ]; then prev="$((y - 1))-Q4"; else prev="$y-Q$((q - 1))"; fi

db=$tmp/demo.db
work=$tmp/cwd
mkdir -p "$work"
if ! "$MLMAT" demo --db "$db" --teams 4 --quarters 4 --seed 3 >/dev/null 2>"$tmp/demo.err"; then
	echo "test_review_org: mlmat demo failed: $(cat "$tmp/demo.err")" >&2
	exit 2
fi
ex() { "$MLMAT" export --db "$db" "$@"; }
ex --what answers >"$tmp/answers.csv" 2>"$tmp/err" || { echo "test_review_org: export: $(cat "$tmp/err")" >&2; exit 2; }
pick=$(csvq pick "$tmp/answers.csv")
idx=$(printf '%s' "$pick" | cut -f1)
team=$(printf '%s' "$pick" | cut -f2)
nper=$(printf '%s' "$pick" | cut -f3)
if [ -z "$team" ]; then
	echo "test_review_org: the demo data has no team to review" >&2
	exit 2
fi
slug=$(printf '%s' "$team" | sed 's/[^A-Za-z0-9][^A-Za-z0-9]*/-/g; s/^-*//; s/-*$//')
csvfile=mlmat-roadmap-$slug-$cur.csv
owner='Zoë Ångström, Ops'

# The dashboard at 120x40 (wide: the change panel beside the heatmap), in
# the scratch folder so that x writes there.
tm_start R 120 40 "cd $(shq "$work") && exec env LANG=C.UTF-8 TERM=xterm-256color $(shq "$MLMAT") --db $(shq "$db")"

# =============================================================================
# 1. The review of a team
# =============================================================================
if ! wait_for R 'Level progress'; then
	bad "the dashboard starts on the demo database"
	finish
fi
i=0
while [ "$i" -lt "$idx" ]; do tm_keys R j; i=$((i + 1)); done
tm_keys R r
if wait_until R "the review of $team with its panes and roadmap table" \
	'grep -qF "$team: $nper periods" "$tmp/screen" && grep -qF "Change $prev -> $cur" "$tmp/screen" &&
	 grep -q "Quarterly review" "$tmp/screen" && grep -q "To target" "$tmp/screen" &&
	 grep -Eq "Action +Dimension +Status +Owner +Due +Created +Done" "$tmp/screen"'; then
	ok "r on '$team' opens its review: heatmap of $nper periods, Change $prev -> $cur, To target, the roadmap table"
else
	bad "r on '$team' opens its review: heatmap of $nper periods, Change $prev -> $cur, To target, the roadmap table"
fi

# The first roadmap item (selected at first) is the first row of the
# team's roadmap export (both in model order).
ex --what roadmap --team "$team" >"$tmp/rm0.csv" 2>"$tmp/err"
first=$(csvq first "$tmp/rm0.csv")
crit=$(printf '%s' "$first" | cut -f1)
st0=$(printf '%s' "$first" | cut -f2)
st1=$(next_status "$st0")
# The table's first item row: the line after its header.
# shellcheck disable=SC2317 # called from the tm_poll tests
item_line() { grep -A1 -E 'Action +Dimension +Status' "$tmp/screen" | sed -n 2p; }

# =============================================================================
# 2. Status and owner, then the exports
# =============================================================================
tm_keys R s
if tm_poll R '[ "$(ex --what roadmap --team "$team" | csvq item /dev/stdin "$crit" status)" = "$st1" ]' &&
	tm_poll R 'item_line | grep -q " $st1 "'; then
	ok "s on the first item ($crit): $st0 -> $st1, saved and shown"
else
	tm_dump R "the screen"
	bad "s on the first item ($crit): $st0 -> $st1, saved and shown" \
		"export status: $(ex --what roadmap --team "$team" | csvq item /dev/stdin "$crit" status)"
fi

tm_keys R O
if wait_for R 'Owner (empty clears)'; then
	tm_keys R C-u
	tm_type R "$owner"
	tm_keys R Enter
	if wait_gone R 'Owner (empty clears)' &&
		tm_poll R '[ "$(ex --what roadmap --team "$team" | csvq item /dev/stdin "$crit" owner)" = "$owner" ]' &&
		tm_poll R 'item_line | grep -qF "Zoë Ång"'; then
		ok "O asks for the owner; '$owner' is saved and shown"
	else
		tm_dump R "the screen"
		bad "O asks for the owner; '$owner' is saved and shown" \
			"export owner: $(ex --what roadmap --team "$team" | csvq item /dev/stdin "$crit" owner)"
	fi
else
	tm_dump R "the screen"
	bad "O asks for the owner"
fi

ex --what roadmap --team "$team" >"$tmp/rm1.csv" 2>"$tmp/err"
# done records the team's latest period (the current quarter); any other
# status clears it.
done1=""
[ "$st1" = "done" ] && done1=$cur
got="$(csvq item "$tmp/rm1.csv" "$crit" status)|$(csvq item "$tmp/rm1.csv" "$crit" owner)|$(csvq item "$tmp/rm1.csv" "$crit" done_period)"
if [ "$got" = "$st1|$owner|$done1" ] && csvq others "$tmp/rm0.csv" "$tmp/rm1.csv" "$crit"; then
	ok "export --what roadmap --team: $crit has status $st1, owner '$owner', done_period '$done1'; the other items are unchanged"
else
	bad "export --what roadmap --team: $crit has status $st1, owner '$owner', done_period '$done1'; the other items are unchanged" \
		"status|owner|done_period: $got"
fi
if ex --what roadmap | grep -qF "$crit" && ex --what roadmap >"$tmp/rm-all.csv" &&
	python3 - "$tmp/rm-all.csv" "$team" "$crit" "$st1" "$owner" <<'PY'
import csv, sys
f, team, crit, status, owner = sys.argv[1:]
rs = [r for r in csv.DictReader(open(f, newline="", encoding="utf-8"))
      if r["team"] == team and r["criterion_id"] == crit]
sys.exit(0 if len(rs) == 1 and rs[0]["status"] == status and rs[0]["owner"] == owner else 1)
PY
then
	ok "export --what roadmap (every team) has the same row"
else
	bad "export --what roadmap (every team) has the same row"
fi

latest=$(csvq latest "$tmp/answers.csv" "$team")
ex --what audit >"$tmp/audit.csv" 2>"$tmp/err"
if csvq audit "$tmp/audit.csv" roadmap-status "$latest" "$crit" "$st1"; then
	ok "the audit export has a roadmap-status row for $crit ($st0 -> $st1) on the team's latest assessment ($latest)"
else
	bad "the audit export has a roadmap-status row for $crit ($st0 -> $st1) on the team's latest assessment ($latest)" \
		"$(grep -F roadmap- "$tmp/audit.csv" | tail -n 3)"
fi
if csvq audit "$tmp/audit.csv" roadmap-owner "$latest" "$crit" "$owner"; then
	ok "the audit export has a roadmap-owner row for $crit naming '$owner'"
else
	bad "the audit export has a roadmap-owner row for $crit naming '$owner'" \
		"$(grep -F roadmap- "$tmp/audit.csv" | tail -n 3)"
fi

# Another process changes the roadmap while the owner prompt is open: the
# review reloads under the prompt (its poll runs every half second, so
# three polls pass in 1.5 s), and the owner typed then still goes to the
# item the prompt was opened on (the item was once read from the list the
# reload had freed: a use-after-free that ASan reports). The change is to
# this item's owner, so the save asks first (issue 13 item 8): k keeps it.
owner2='Ops on call'
tm_keys R O
if wait_for R 'Owner (empty clears)'; then
	sqlite3 "$db" "UPDATE roadmap SET owner = 'Elsewhere' WHERE criterion_id = '$crit'" 2>"$tmp/err"
	sleep 1.5
	tm_keys R C-u
	tm_type R "$owner2"
	tm_keys R Enter
	wait_all R 'Changed meanwhile' 'Elsewhere' "$owner2" && tm_keys R k
	if wait_gone R 'Owner (empty clears)' && wait_gone R 'Changed meanwhile' &&
		tm_poll R '[ "$(ex --what roadmap --team "$team" | csvq item /dev/stdin "$crit" owner)" = "$owner2" ]' &&
		wait_for R 'Quarterly review'; then
		ok "O while another process changes the roadmap: '$owner2' is saved on $crit"
	else
		tm_dump R "the screen"
		bad "O while another process changes the roadmap: '$owner2' is saved on $crit" \
			"export owner: $(ex --what roadmap --team "$team" | csvq item /dev/stdin "$crit" owner)" \
			"$(cat "$tmp/err")"
	fi
else
	tm_dump R "the screen"
	bad "O opens the owner prompt a second time"
fi

# =============================================================================
# 3. x: the roadmap as CSV, never overwritten without asking
# =============================================================================
tm_keys R x
if wait_all R "./$csvfile" 'Export roadmap as CSV to'; then
	ok "x asks where to export, defaulting to ./$csvfile"
	tm_keys R Enter
	if wait_for R "Wrote ./$csvfile" && [ -f "$work/$csvfile" ]; then
		ok "Enter writes ./$csvfile in the working folder and says so"
	else
		tm_dump R "the screen"
		bad "Enter writes ./$csvfile in the working folder and says so"
	fi
else
	tm_dump R "the screen"
	bad "x asks where to export, defaulting to ./$csvfile"
fi
ex --what roadmap --team "$team" >"$tmp/rm2.csv" 2>"$tmp/err"
if [ -f "$work/$csvfile" ] && cmp -s "$work/$csvfile" "$tmp/rm2.csv"; then
	ok "the file equals 'mlmat export --what roadmap --team' byte for byte"
else
	bad "the file equals 'mlmat export --what roadmap --team' byte for byte" \
		"$(cmp "$work/$csvfile" "$tmp/rm2.csv" 2>&1)"
fi
left=$(cd "$work" && find . -mindepth 1 | sed 's|^\./||' | tr '\n' ' ')
if [ "$left" = "$csvfile " ]; then
	ok "nothing else is left in the folder"
else
	bad "nothing else is left in the folder" "$left"
fi
cp "$work/$csvfile" "$tmp/written1.csv" 2>/dev/null

# Another status change, so that a new export would differ from the file.
st2=$(next_status "$st1")
tm_keys R s
tm_poll R '[ "$(ex --what roadmap --team "$team" | csvq item /dev/stdin "$crit" status)" = "$st2" ]' ||
	echo "the second s did not save $st2" >>"$tmp/why"
tm_keys R x
wait_all R "./$csvfile" 'Export roadmap as CSV to' && tm_keys R Enter
if wait_all R 'Overwrite it?' "$csvfile exists"; then
	ok "x and Enter again: asks before overwriting the existing file"
	tm_keys R n
	if wait_gone R 'Overwrite it?' && wait_for R 'left as it was' &&
		cmp -s "$work/$csvfile" "$tmp/written1.csv"; then
		ok "n: nothing exported, the file is unchanged"
	else
		tm_dump R "the screen"
		bad "n: nothing exported, the file is unchanged"
	fi
	tm_keys R x
	wait_all R "./$csvfile" 'Export roadmap as CSV to' && tm_keys R Enter
	if wait_for R 'Overwrite it?'; then
		tm_keys R y
		ex --what roadmap --team "$team" >"$tmp/rm3.csv" 2>"$tmp/err"
		if wait_for R "Wrote ./$csvfile" && cmp -s "$work/$csvfile" "$tmp/rm3.csv" &&
			! cmp -s "$tmp/rm3.csv" "$tmp/written1.csv" && grep -qF ",$st2," "$work/$csvfile"; then
			ok "y: the file is overwritten with the current roadmap ($crit now $st2)"
		else
			tm_dump R "the screen"
			bad "y: the file is overwritten with the current roadmap ($crit now $st2)" \
				"$(cmp "$work/$csvfile" "$tmp/rm3.csv" 2>&1)"
		fi
	else
		bad "x and Enter a third time asks again"
	fi
else
	tm_dump R "the screen"
	bad "x and Enter again: asks before overwriting the existing file"
fi

# =============================================================================
# 3b. S steps the status back; signed-off periods are marked
# =============================================================================
naudit=$(ex --what audit | csvq naudit /dev/stdin roadmap-status "$crit")
tm_keys R S
if tm_poll R '[ "$(ex --what roadmap --team "$team" | csvq item /dev/stdin "$crit" status)" = "$st1" ]' &&
	tm_poll R 'item_line | grep -q " $st1 "' &&
	[ "$(ex --what audit | csvq naudit /dev/stdin roadmap-status "$crit")" = $((naudit + 1)) ]; then
	ok "S on $crit steps its status back: $st2 -> $st1, saved, shown and audited"
else
	tm_dump R "the screen"
	bad "S on $crit steps its status back: $st2 -> $st1, saved, shown and audited" \
		"export status: $(ex --what roadmap --team "$team" | csvq item /dev/stdin "$crit" status)"
fi
# heads as the heatmap writes them: YYQn
head_prev=$(printf '%s' "$prev" | sed 's/^..\(..\)-/\1/')
head_cur=$(printf '%s' "$cur" | sed 's/^..\(..\)-/\1/')
if wait_until R "the heatmap marks $prev signed off and $cur open" \
	'grep -qF "$team: $nper periods, ✓ signed off" "$tmp/screen" &&
	 grep -qF "${head_prev}✓" "$tmp/screen" && grep -qF "$head_cur" "$tmp/screen" &&
	 ! grep -qF "${head_cur}✓" "$tmp/screen"'; then
	ok "the review's heatmap marks the signed-off $prev (${head_prev}✓), not the open $cur"
else
	bad "the review's heatmap marks the signed-off $prev (${head_prev}✓), not the open $cur"
fi

tm_keys R q
if wait_gone R 'Quarterly review' && wait_for R 'Level progress'; then
	ok "q goes back home"
else
	tm_dump R "the screen"
	bad "q goes back home"
fi

# Another dashboard signs off the team's latest assessment (found with /,
# opened with Enter, S then y): home marks that team, and only it, after
# its period.
# shellcheck disable=SC2317 # called from the tm_poll tests
marked_rows() { grep -cF "$cur✓" "$tmp/screen"; }
: >"$tmp/err"
tm_dash O 120 40 "$db"
if wait_for O 'Level progress'; then
	tm_keys O /
	tm_type O "$team"
	tm_keys O Enter
	tm_keys O Enter
	if wait_re O "Sign|$team" && tm_keys O S && wait_for O "Sign off $team $cur?"; then
		tm_keys O y
		wait_re O 'Signed off by' || echo "no sign-off shown" >"$tmp/err"
	else
		echo "the other dashboard did not offer the sign-off" >"$tmp/err"
	fi
	tm_keys O q
	tm_keys O q
	wait_session_gone O || echo "the other dashboard did not quit" >>"$tmp/err"
else
	echo "the other dashboard did not start" >"$tmp/err"
fi
[ "$(sqlite3 "$db" "SELECT signed_by IS NOT NULL FROM assessments WHERE id = $latest")" = 1 ] ||
	echo "assessment $latest is not signed off" >>"$tmp/err"
if wait_until R "home marks $team signed off" \
	'grep -F "$team" "$tmp/screen" | grep -qF "$cur✓" && [ "$(marked_rows)" = 1 ] &&
	 grep -qF "✓ signed off" "$tmp/screen"'; then
	ok "home marks $team, whose latest assessment another process signed off, with ✓ after $cur"
else
	bad "home marks $team, whose latest assessment another process signed off, with ✓ after $cur" \
		"$(cat "$tmp/err")"
fi
# The same mark in plain ASCII and without colour: S.
tm_dash A 120 40 "$db" --ascii --no-color
if wait_until A "home marks $team with S in --ascii --no-color" \
	'grep -F "$team" "$tmp/screen" | grep -qF "${cur}S" && grep -qF "S signed off" "$tmp/screen"'; then
	ok "--ascii --no-color: home marks $team with S after $cur, the title says 'S signed off'"
else
	bad "--ascii --no-color: home marks $team with S after $cur, the title says 'S signed off'"
fi
tm_keys A q
wait_session_gone A || bad "q quits the --ascii dashboard"

# =============================================================================
# 4. The organisation view
# =============================================================================
ncur=$(csvq count "$tmp/answers.csv" "$cur")
nprev=$(csvq count "$tmp/answers.csv" "$prev")
tm_keys R o
if wait_all R "Organisation $cur: $ncur teams" 'Mean' "$team"; then
	ok "o opens the organisation view: $cur, $ncur teams, the Mean row"
else
	tm_dump R "the screen"
	bad "o opens the organisation view: $cur, $ncur teams, the Mean row"
fi
# The team's overall score, and its change since its assessment before,
# at the end of its row; the title names the sort key, s and S change it.
orgrow=$(csvq orgrow "$tmp/answers.csv" "$cur" "$team")
ov=$(printf '%s' "$orgrow" | cut -f1)
chg=$(printf '%s' "$orgrow" | cut -f2)
ov_re=$(printf '%s' "$ov" | sed 's/[+.]/[&]/g')
chg_re=$(printf '%s' "$chg" | sed 's/[+.]/[&]/g')
if wait_until R "the row of $team: $ov, change '$chg', under Overall Cov Change" \
	'grep -qE "Overall +Cov +Change" "$tmp/screen" &&
	 grep -F -- "$team" "$tmp/screen" | grep -qE -- " $ov_re +[0-9]+% +$chg_re +│"'; then
	ok "the organisation shows $team's overall score $ov and change '$chg' with its coverage"
else
	tm_dump R "the screen"
	bad "the organisation shows $team's overall score $ov and change '$chg' with its coverage"
fi
if wait_for R "sorted by overall (s)"; then ok "the title says the sort: overall"; else tm_dump R "the screen"; bad "the title says the sort: overall"; fi
tm_keys R s
if wait_for R "sorted by Experiment Tracking"; then
	ok "s sorts by the first dimension"
else
	tm_dump R "the screen"
	bad "s sorts by the first dimension"
fi
tm_keys R S
if wait_for R "sorted by overall (s)"; then ok "S goes back to overall"; else tm_dump R "the screen"; bad "S goes back to overall"; fi
tm_keys R h
if wait_until R "the title Organisation $prev: $nprev teams" \
	'grep -qF "Organisation $prev: $nprev teams" "$tmp/screen" && ! grep -q "Organisation $cur" "$tmp/screen"'; then
	ok "h: the previous period ($prev, $nprev teams) in the title"
else
	tm_dump R "the screen"
	bad "h: the previous period ($prev, $nprev teams) in the title"
fi
tm_keys R l
if wait_for R "Organisation $cur: $ncur teams"; then
	ok "l: back to $cur"
else
	tm_dump R "the screen"
	bad "l: back to $cur"
fi
tm_keys R Left
if wait_for R "Organisation $prev: "; then
	ok "Left: $prev again"
else
	tm_dump R "the screen"
	bad "Left: $prev again"
fi

# Enter on the selected team (the first row) opens its review.
# k to the top, whichever team the selection followed across periods. The
# first row's name is read from a capture where it is a whole team name
# (not a row half drawn).
tm_keys R k k k k k k
csvq teams "$tmp/answers.csv" >"$tmp/teams"
# shellcheck disable=SC2317 # called from the tm_poll test
first_row() { grep -A1 -E '│ Team +' "$tmp/screen" | sed -n 2p | sed 's/^│ //; s/  .*//'; }
sel=""
wait_until R "a whole team name on the first row" \
	'grep -qF "Organisation $prev: " "$tmp/screen" && sel=$(first_row) && [ -n "$sel" ] &&
	 grep -qxF -- "$sel" "$tmp/teams"' || sel=""
tm_keys R Enter
if [ -n "$sel" ] && wait_for R 'Quarterly review' && wait_for R "$sel: "; then
	ok "Enter on '$sel' opens its review"
else
	tm_dump R "the screen"
	bad "Enter on '$sel' opens its review"
fi
tm_keys R q
if wait_gone R 'Quarterly review' && wait_for R "Organisation $prev: "; then
	ok "q goes back to the organisation view, at $prev"
else
	tm_dump R "the screen"
	bad "q goes back to the organisation view, at $prev"
fi
tm_keys R q
if wait_until R "home, without the organisation view" \
	'grep -q "Level progress" "$tmp/screen" && ! grep -q Organisation "$tmp/screen"'; then
	ok "q again goes home"
else
	tm_dump R "the screen"
	bad "q again goes home"
fi
tm_keys R q
if wait_session_gone R; then ok "q on home quits"; else bad "q on home quits"; fi

finish
