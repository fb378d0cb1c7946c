#!/bin/sh
# End-to-end checks of the dashboard (CONTRACT sections 1 and 5, issue 4):
# the real binary ($MLMAT, default ./mlmat) in tmux on a private socket,
# driven with send-keys and read back with capture-pane, polling for text.
# The form, every answer key, targets, overrides and notes, moving between
# dimensions, resizing, SIGKILL/SIGTERM/SIGHUP, two live instances on one
# database, the layouts and help, --read-only and the terminal checks; what
# the screens showed is then compared with `mlmat export`.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# These checks move with j themselves; test_assess_keys.sh has auto-advance.
export MLMAT_ADVANCE=0

if [ ! -x "$MLMAT" ]; then
	echo "test_tui: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in tmux python3 pgrep; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_tui: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-tui-XXXXXX") || exit 2
TM_DIR=$tmp
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_tui: cannot start tmux" >&2; exit 2; }

tm_checks_start

# The answers shown in the criteria column, top to bottom: yes/partly/no/?.
labels() {
	sed -nE 's/^[^ ] (.{6})[ ~][ *] [^ ].*/\1/p' "${1:-$tmp/screen}" | tr -d ' ' |
		grep -xE '\?|no|partly|yes' | tr '\n' ' ' | sed 's/ $//'
}

# csvq.py: small queries on export files (one assessment per file).
cat >"$tmp/csvq.py" <<'PY'
import csv, sys

def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))

def dims(path):
    """The dimension ids in export (model) order."""
    out = []
    for r in rows(path):
        if r["dimension_id"] not in out:
            out.append(r["dimension_id"])
    return out

def by_level(path, d):
    """The criteria of dimension d in the order the screen shows them."""
    rs = [r for r in rows(path) if r["dimension_id"] == d]
    return sorted(rs, key=lambda r: int(r["criterion_level"]))  # stable

cmd = sys.argv[1]
if cmd == "answer":          # CRITERIA DIMIDX CRITIDX
    f, di, ci = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    print(by_level(f, dims(f)[di])[ci]["answer"])
elif cmd == "field":         # ANSWERS DIMIDX FIELD
    f, di, field = sys.argv[2], int(sys.argv[3]), sys.argv[4]
    print(rows(f)[di][field])
elif cmd == "count":         # FILE: data rows
    print(len(rows(sys.argv[2])))
PY
csvq() { python3 "$tmp/csvq.py" "$@"; }

"$MLMAT" model show >"$tmp/model.txt" 2>/dev/null
ndims=$(sed -n 's/^Dimensions (\([0-9]*\), [0-9]* criteria)$/\1/p' "$tmp/model.txt")
lowest=$(sed -n '/^Levels$/,/^Dimensions/s/^  \([0-9]\)  .*/\1/p' "$tmp/model.txt" | head -n 1)
if [ -z "$ndims" ] || [ -z "$lowest" ]; then
	echo "test_tui: cannot read the model from 'mlmat model show'" >&2
	exit 2
fi
cur="$(date +%Y)-Q$(( ($(date +%m | sed 's/^0//') + 2) / 3 ))"
user=$(id -un)

# =============================================================================
# 1-3. Empty database, the new-assessment form, answering
# =============================================================================
db1=$tmp/new/form.db
team='Données, "Core" ML'
reason='Audit, signed off'
note="Revue, \"données\" à l'équipe, 5€ - ok"

tm_dash form 80 24 "$db1"
if wait_until form "a welcome mentioning n and demo data" \
	'sed "\$d" "$tmp/screen" | grep -qi demo &&
	 sed "\$d" "$tmp/screen" | grep -Eq "(^|[^[:alnum:]])n([^[:alnum:]]|\$)"'; then
	ok "empty database: the home screen shows a welcome mentioning n and demo data"
else
	bad "empty database: the home screen shows a welcome mentioning n and demo data"
fi

tm_keys form n
if wait_until form "the form with its defaults" \
	'grep -q Team "$tmp/screen" && grep -Eq "Period +$cur( |\$)" "$tmp/screen" &&
	 grep -Eq "Facilitator +$user( |\$)" "$tmp/screen"'; then
	ok "n opens the form: Team, Period (default $cur), Facilitator (default $user)"
else
	bad "n opens the form: Team, Period (default $cur), Facilitator (default $user)"
fi

tm_type form "$team"
tm_keys form Enter C-u
tm_type form 2026-Q5
tm_keys form Enter
if wait_until form "the refused period with its message, in the form" \
	'grep -Eq "YYYY-Qn|[Pp]eriod .*(invalid|not|must)" "$tmp/screen" &&
	 grep -qF "$team" "$tmp/screen" && grep -q Facilitator "$tmp/screen" &&
	 grep -Eq "Period +2026-Q5( |\$)" "$tmp/screen"'; then
	ok "Ctrl-U clears the period; 2026-Q5 is refused at the field with a message; the form stays"
else
	bad "Ctrl-U clears the period; 2026-Q5 is refused at the field with a message; the form stays"
fi
"$MLMAT" export --db "$db1" --what answers >"$tmp/e.answers" 2>"$tmp/e.err"
rc_a=$?
"$MLMAT" export --db "$db1" --what criteria >"$tmp/e.criteria" 2>>"$tmp/e.err"
rc_c=$?
"$MLMAT" export --db "$db1" --team "$team" >/dev/null 2>>"$tmp/e.err"
rc_t=$?
if [ "$rc_a$rc_c" = 00 ] && [ "$(csvq count "$tmp/e.answers")$(csvq count "$tmp/e.criteria")" = 00 ] &&
	[ "$rc_t" = 1 ]; then
	ok "after the refused period nothing is saved (export, while the dashboard runs: no assessment, no team)"
else
	bad "after the refused period nothing is saved (export, while the dashboard runs: no assessment, no team)" \
		"export answers exit $rc_a, criteria exit $rc_c, --team exit $rc_t (want 0, 0, 1)" \
		"$(cat "$tmp/e.answers" "$tmp/e.err" | head -n 5)"
fi

tm_keys form C-u
tm_type form "$cur"
tm_keys form Enter Enter
if wait_all form "dimension 1 of $ndims" "$team" "$cur"; then
	ok "a valid period and the facilitator accepted: the assessment opens at dimension 1 of $ndims"
else
	bad "a valid period and the facilitator accepted: the assessment opens at dimension 1 of $ndims"
fi

# Every answer key on the first five criteria (in the order shown), then
# Space on the first again (yes -> no).
tm_keys form y j p j n j p u j Space
want="yes partly no ? yes"
if tm_poll form '[ "$(labels | cut -d" " -f1-5)" = "$want" ]'; then
	ok "y, p, n, p+u, Space (unknown -> yes) show: $want"
else
	tm_dump form "the screen"
	bad "y, p, n, p+u, Space (unknown -> yes) show: $want" "shown: $(labels)"
fi
tm_keys form k k k k Space
want="no partly no ? yes"
if tm_poll form '[ "$(labels | cut -d" " -f1-5)" = "$want" ]'; then
	ok "Space on a yes makes it no: $want"
else
	tm_dump form "the screen"
	bad "Space on a yes makes it no: $want" "shown: $(labels)"
fi

moves_ok=true
tm_keys form Tab
wait_re form "dimension 2 of $ndims" || moves_ok=false
tm_keys form BTab
wait_until form "dimension 1 with its answers ($want)" \
	'grep -q "dimension 1 of $ndims" "$tmp/screen" && [ "$(labels | cut -d" " -f1-5)" = "$want" ]' ||
	moves_ok=false
tm_keys form l
wait_re form "dimension 2 of $ndims" || moves_ok=false
tm_keys form h
wait_re form "dimension 1 of $ndims" || moves_ok=false
tm_keys form l
wait_re form "dimension 2 of $ndims" || moves_ok=false
if $moves_ok; then
	ok "Tab, Shift-Tab, l and h move between dimensions; the answers stay"
else
	bad "Tab, Shift-Tab, l and h move between dimensions; the answers stay"
fi

# On dimension 2: target 4, override 3 with a reason, a note.
tm_keys form t 4
if wait_re form 'Target 4'; then ok "t 4 shows target 4"; else bad "t 4 shows target 4"; fi
tm_keys form v 3
if wait_re form '[Rr]eason'; then
	tm_type form "$reason"
	tm_keys form Enter
	if wait_gone form 'Enter accept' && wait_for form "$reason" && wait_re form 'Score 3\.00'; then
		ok "v 3 asks for a reason; the override (score 3.00) and the reason are shown"
	else
		bad "v 3 asks for a reason; the override (score 3.00) and the reason are shown"
	fi
else
	bad "v 3 asks for a reason"
fi
tm_keys form e
if wait_for form 'Notes:'; then
	tm_type form "$note"
	tm_keys form Enter
	if wait_gone form 'Notes:' && wait_for form "$note"; then
		ok "e edits the notes; the note with commas, quotes and non-ASCII is shown"
	else
		bad "e edits the notes; the note with commas, quotes and non-ASCII is shown"
	fi
else
	bad "e opens a notes prompt"
fi

tm_keys form q
if wait_gone form "dimension 2 of" && wait_for form "$team"; then
	ok "q goes back home, which lists the new team"
else
	bad "q goes back home, which lists the new team"
fi
tm_keys form q
if wait_session_gone form; then ok "q on the home screen quits"; else bad "q on the home screen quits"; fi

for k in answers criteria audit; do
	"$MLMAT" export --db "$db1" --what "$k" >"$tmp/f.$k" 2>"$tmp/f.$k.err" ||
		echo "export --what $k: $(cat "$tmp/f.$k.err")" >>"$tmp/why"
done
python3 - "$tmp/f.answers" "$tmp/f.criteria" "$tmp/f.audit" "$team" "$cur" "$user" \
	"$reason" "$note" "$ndims" "$lowest" >"$tmp/py" 2>&1 <<'PY'
import csv, sys
from decimal import Decimal, ROUND_HALF_UP
fa, fc, fu, team, period, user, reason, note, ndims, lowest = sys.argv[1:]
ndims, lowest = int(ndims), int(lowest)
rd = lambda p: list(csv.DictReader(open(p, newline="", encoding="utf-8")))
ans, crit, aud = rd(fa), rd(fc), rd(fu)
probs = []
def want(what, got, exp):
    if got != exp:
        probs.append("%s: %r, want %r" % (what, got, exp))
want("answers rows", len(ans), ndims)
if len(ans) < 2 or not crit:
    print("\n".join(probs + ["criteria rows: %d" % len(crit)]))
    sys.exit(1)
ids = {r["assessment_id"] for r in ans + crit}
want("assessments", len(ids), 1)
aid = ans[0]["assessment_id"] if ans else ""
for r in ans:
    want("team", r["team"], team)
    want("period", r["period"], period)
    want("facilitator", r["facilitator"], user)
dims = []
for r in crit:
    if r["dimension_id"] not in dims:
        dims.append(r["dimension_id"])
d0 = sorted([r for r in crit if r["dimension_id"] == dims[0]], key=lambda r: int(r["criterion_level"]))
want("dimension 1 answers, first five as shown", [r["answer"] for r in d0[:5]],
     ["no", "partly", "no", "unknown", "yes"])
rest = [r for r in crit if r not in d0[:5] and r["answer"] != "unknown"]
want("other criteria answered", [(r["criterion_id"], r["answer"]) for r in rest], [])
# Dimension 1 by the contract's scoring (no override, no target).
lv = lowest
levels = sorted({int(r["criterion_level"]) for r in d0})
for L in levels:
    if all(r["answer"] == "yes" for r in d0 if int(r["criterion_level"]) <= L):
        lv = L
    else:
        break
nxt = [r for r in d0 if int(r["criterion_level"]) == lv + 1]
score = Decimal(lv)
if nxt:
    score += (Decimal(sum(r["answer"] == "yes" for r in nxt)) +
              Decimal("0.5") * sum(r["answer"] == "partly" for r in nxt)) / len(nxt)
score = score.quantize(Decimal("0.01"), ROUND_HALF_UP)
cov = (Decimal(sum(r["answer"] != "unknown" for r in d0)) / len(d0)).quantize(Decimal("0.01"), ROUND_HALF_UP)
a0, a1 = ans[0], ans[1]
want("dimension 1 level", a0["level"], str(lv))
want("dimension 1 score", a0["score"], str(score))
want("dimension 1 coverage", a0["coverage"], str(cov))
for f in ("target", "override_reason", "notes"):
    want("dimension 1 " + f, a0[f], "")
want("dimension 2 level (override)", a1["level"], "3")
want("dimension 2 score (override)", a1["score"], "3.00")
want("dimension 2 target", a1["target"], "4")
want("dimension 2 gap", a1["gap"], "1.00")
want("dimension 2 override_reason", a1["override_reason"], reason)
want("dimension 2 notes", a1["notes"], note)
for r in ans[2:]:
    for f in ("target", "override_reason", "notes"):
        want("%s %s" % (r["dimension_id"], f), r[f], "")
acts = [r["action"] for r in aud if r["assessment_id"] == aid]
want("audit answer rows (y p n p u Space Space)", acts.count("answer"), 7)
for a in ("target", "override", "notes"):
    if a not in acts:
        probs.append("no audit row with action %r (actions: %s)" % (a, sorted(set(acts))))
print("\n".join(probs))
sys.exit(1 if probs else 0)
PY
# shellcheck disable=SC2181
if [ $? -eq 0 ]; then
	ok "export shows exactly those answers, target 4, the override 3 with its reason, the note; audit has answer/target/override/notes rows"
else
	bad "export shows exactly those answers, target 4, the override 3 with its reason, the note; audit has answer/target/override/notes rows" \
		"$(cat "$tmp/py")"
fi

# =============================================================================
# 4. Resizing below the minimum and back
# =============================================================================
tm_dash rs 80 24 "$db1"
wait_for rs "$team" && tm_keys rs Enter
if wait_re rs "dimension 1 of $ndims"; then
	tm_resize rs 60 20
	if wait_re rs '[Tt]oo small'; then
		ok "resized to 60x20 mid-assessment: a 'too small' screen"
	else
		bad "resized to 60x20 mid-assessment: a 'too small' screen" \
			"window is $(tm display -p -t =rs: '#{window_width}x#{window_height}')"
	fi
	tm_resize rs 80 24
	if wait_re rs "dimension 1 of $ndims" && wait_gone rs 'oo small'; then
		ok "resized back to 80x24: the assessment again"
	else
		bad "resized back to 80x24: the assessment again"
	fi
	tm_keys rs Tab
	if wait_re rs "dimension 2 of $ndims" && wait_for rs "$reason"; then
		ok "after the resize keys still work (Tab: dimension 2 with its override)"
	else
		bad "after the resize keys still work (Tab: dimension 2 with its override)"
	fi
	tm_resize rs 60 20
	wait_re rs '[Tt]oo small' && tm_keys rs q
	if wait_session_gone rs; then
		ok "q on the 'too small' screen quits"
	else
		bad "q on the 'too small' screen quits"
	fi
else
	bad "Enter on home opens the assessment (for the resize checks)"
fi

# =============================================================================
# 5. SIGKILL right after a change was shown
# =============================================================================
tm_dash kill 80 24 "$db1"
wait_for kill "$team" && tm_keys kill Enter
wait_re kill "dimension 1 of $ndims" && tm_keys kill Tab Tab
if wait_re kill "dimension 3 of $ndims" && tm_keys kill y &&
	tm_poll kill '[ "$(labels | cut -d" " -f1)" = yes ]' && tm_keys kill t 2 && wait_re kill 'Target 2'; then
	pid=$(tm_pid kill)
	kill -KILL "$pid"
	if wait_pid_gone "$pid"; then
		"$MLMAT" export --db "$db1" --what criteria >"$tmp/k.criteria" 2>&1
		"$MLMAT" export --db "$db1" --what answers >"$tmp/k.answers" 2>&1
		got="$(csvq answer "$tmp/k.criteria" 2 0 2>&1) $(csvq field "$tmp/k.answers" 2 target 2>&1)"
		if [ "$got" = "yes 2" ]; then
			ok "SIGKILL right after y and t 2 were shown: both are in the export"
		else
			bad "SIGKILL right after y and t 2 were shown: both are in the export" \
				"dimension 3: first criterion, target = $got (want yes 2)"
		fi
	else
		bad "SIGKILL ends the dashboard"
	fi
else
	bad "y and t 2 on dimension 3 are shown (before SIGKILL)" "answers shown: $(labels)"
fi
tm kill-session -t =kill >/dev/null 2>&1

# =============================================================================
# 6. Two instances on one database
# =============================================================================
db6=$tmp/demo6.db
"$MLMAT" demo --db "$db6" --teams 3 --quarters 2 --seed 5 >/dev/null 2>"$tmp/demo.err" ||
	echo "demo: $(cat "$tmp/demo.err")" >>"$tmp/why"
"$MLMAT" export --db "$db6" --what answers >"$tmp/d.answers" 2>/dev/null
"$MLMAT" export --db "$db6" --what criteria >"$tmp/d.criteria" 2>/dev/null
# The first team's latest assessment (what Enter on home opens): a dimension
# without an override and its first criterion not yet yes, in screen order.
pick=$(python3 - "$tmp/d.answers" "$tmp/d.criteria" <<'PY'
import csv, sys
rd = lambda p: list(csv.DictReader(open(p, newline="", encoding="utf-8")))
ans, crit = rd(sys.argv[1]), rd(sys.argv[2])
team = sorted({r["team"] for r in ans}, key=lambda t: t.encode())[0]
period = max(r["period"] for r in ans if r["team"] == team)
aid = next(r["assessment_id"] for r in ans if r["team"] == team and r["period"] == period)
rows = [r for r in ans if r["assessment_id"] == aid]
for di, r in enumerate(rows):
    if r["override_reason"]:
        continue
    cs = sorted([c for c in crit if c["assessment_id"] == aid and c["dimension_id"] == r["dimension_id"]],
                key=lambda c: int(c["criterion_level"]))
    for ci, c in enumerate(cs):
        if c["answer"] != "yes":
            print(di, ci, c["answer"], aid)
            sys.exit(0)
sys.exit(1)
PY
)
# shellcheck disable=SC2086
set -- $pick
if [ $# -eq 4 ]; then
	dimidx=$1 critidx=$2 orig=$3
	case $orig in no) back=n ;; partly) back=p ;; *) back=u ;; esac
	nav=""
	i=0; while [ "$i" -lt "$dimidx" ]; do nav="$nav Tab"; i=$((i + 1)); done
	i=0; while [ "$i" -lt "$critidx" ]; do nav="$nav j"; i=$((i + 1)); done
	tm_dash A 160 50 "$db6"
	tm_dash B 160 50 "$db6"
	# B's home as it stands before the change, kept to compare with.
	wait_for A 'Level progress' && wait_settled B 'Level progress' && cp "$tmp/screen" "$tmp/B.home0"
	tm_keys A Enter
	tm_keys B Enter
	wait_re A "dimension 1 of $ndims" && wait_re B "dimension 1 of $ndims"
	# shellcheck disable=SC2086
	[ -n "$nav" ] && tm_keys A $nav && tm_keys B $nav
	# Both on the chosen criterion and drawn whole: the header shows the
	# dimension before the rest of the screen (and the j's) has followed.
	# Each names the other on its top line once the other's presence is in.
	wait_for A " with $(id -un);" >/dev/null && wait_for B " with $(id -un);" >/dev/null
	if wait_settled A "dimension $((dimidx + 1)) of $ndims" && cp "$tmp/screen" "$tmp/A.before" &&
		wait_settled B "dimension $((dimidx + 1)) of $ndims" && cp "$tmp/screen" "$tmp/B.before" &&
		cmp -s "$tmp/A.before" "$tmp/B.before"; then
		nyes0=$(labels "$tmp/B.before" | tr ' ' '\n' | grep -cx yes)
		tm_keys A y
		t0=$(now_ms)
		# The time until B's criteria show the new yes; then, once both
		# have settled, B shows what A shows (criteria and panes).
		if wait_until B "one more yes among B's criteria" \
			'[ "$(labels "$tmp/screen" | tr " " "\n" | grep -cx yes)" -eq $((nyes0 + 1)) ]'; then
			dt=$(($(now_ms) - t0))
			if wait_settled A "dimension $((dimidx + 1)) of $ndims" && cp "$tmp/screen" "$tmp/A.after" &&
				wait_settled B "dimension $((dimidx + 1)) of $ndims" && cmp -s "$tmp/screen" "$tmp/A.after" &&
				[ "$dt" -le 2000 ]; then
				ok "two instances: y ($orig -> yes) in A shows in B's criteria and panes in ${dt} ms"
			else
				tm_dump A "A's screen"
				bad "two instances: y ($orig -> yes) in A shows in B's criteria and panes within 2 s" \
					"took ${dt} ms; B's screen equals A's: $(cmp -s "$tmp/screen" "$tmp/A.after" && echo yes || echo no)"
			fi
		else
			tm_dump A "A's screen"
			bad "two instances: y ($orig -> yes) in A shows in B's criteria and panes within 2 s" \
				"yes answers shown in B: $nyes0 -> $(labels "$tmp/screen" | tr ' ' '\n' | grep -cx yes)"
		fi
		# B goes home; A sets the answer back: B's home panes follow.
		scores() { grep -oE '[0-9]+\.[0-9]{2}' "$1" | tr '\n' ' '; }
		tm_keys B q
		# B has shown A's change already: home, once drawn, shows it.
		if ! { wait_gone B "dimension $((dimidx + 1)) of" && wait_settled B 'Level progress' &&
			[ "$(scores "$tmp/screen")" != "$(scores "$tmp/B.home0")" ]; }; then
			bad "two instances: B's home shows the changed scores" "scores: $(scores "$tmp/screen")"
		else
			tm_keys A "$back"
			t0=$(now_ms)
			if tm_poll B '[ "$(scores "$tmp/screen")" = "$(scores "$tmp/B.home0")" ]'; then
				dt=$(($(now_ms) - t0))
				if [ "$dt" -le 2000 ]; then
					ok "two instances: $back (back to $orig) in A shows in B's home panes in ${dt} ms"
				else
					bad "two instances: $back (back to $orig) in A shows in B's home panes within 2 s" "took ${dt} ms"
				fi
			else
				tm_dump B "B's screen"
				bad "two instances: $back (back to $orig) in A shows in B's home panes within 2 s" \
					"scores before: $(scores "$tmp/B.home0")" "scores now:    $(scores "$tmp/screen")"
			fi
		fi
	else
		tm_dump A "A's screen"
		bad "two instances open the same assessment and show the same screen"
	fi
	tm_keys A q q
	tm_keys B q
	wait_session_gone A
	wait_session_gone B
else
	bad "demo data has a dimension with a criterion that is not yes" "$pick"
fi

# =============================================================================
# 7. Layouts and help on demo data
# =============================================================================
"$MLMAT" export --db "$db6" --what answers 2>/dev/null |
	python3 -c "
import csv, sys
for t in sorted({r['team'] for r in csv.DictReader(sys.stdin)}): print(t[:8])" >"$tmp/teams8"
for size in 80x24 100x30 160x50; do
	c=${size%x*} l=${size#*x}
	tm_dash L "$c" "$l" "$db6"
	# home_missing: what the home screen does not show yet, in $missing.
	home_missing() {
		missing=""
		grep -q 'Level progress' "$tmp/screen" || missing="$missing [Level progress]"
		while IFS= read -r t; do grep -qF "$t" "$tmp/screen" || missing="$missing [$t]"; done <"$tmp/teams8"
		grep -qF "$cur" "$tmp/screen" || missing="$missing [$cur]"
		if [ "$size" = 160x50 ]; then
			grep -q Heatmap "$tmp/screen" || missing="$missing [Heatmap]"
			grep -q Roadmap "$tmp/screen" || missing="$missing [Roadmap]"
		fi
		[ -z "$missing" ]
	}
	if wait_until L "the teams, $cur and the panes" home_missing; then
		ok "home at $size: the teams, their latest period, Level progress$([ "$size" = 160x50 ] && echo ', Heatmap and Roadmap at once')"
	else
		bad "home at $size: the teams, their latest period, Level progress$([ "$size" = 160x50 ] && echo ', Heatmap and Roadmap at once')" \
			"missing:$missing"
	fi
	if [ "$size" = 80x24 ]; then
		tm_keys L '?'
		if wait_re L 'n {2,}new assessment'; then
			tm_keys L z
			# Closed means the help gone and home drawn again in its
			# place, in one capture.
			if wait_until L "the help to close over home" \
				'! grep -qE "n {2,}new assessment" "$TM_DIR/screen" &&
				 grep -q "Level progress" "$TM_DIR/screen"'; then
				ok "? on home lists its keys (n  new assessment); any key closes it"
			else
				bad "? on home lists its keys (n  new assessment); any key closes it"
			fi
		else
			bad "? on home lists its keys (n  new assessment)"
		fi
		tm_keys L Enter
		wait_re L "dimension 1 of $ndims" && tm_keys L '?'
		if wait_until L "the assessment help (p  partly, v  override)" \
			'grep -Eq "p {2,}partly" "$TM_DIR/screen" && grep -Eq "v.* {2,}override" "$TM_DIR/screen"'; then
			ok "? in an assessment lists its keys (p  partly, v  override)"
			# The help box is drawn top to bottom: wait for its last
			# key too rather than judge a box half drawn.
			if wait_until L "every key in the help (q/Esc back, Ctrl-L last)" \
				'grep -Eq "q/Esc {2,}back" "$TM_DIR/screen" && grep -Eq "Ctrl-L {2,}redraw" "$TM_DIR/screen"'; then
				ok "? in an assessment at 80x24 lists every key of the screen (q  back home too)"
			else
				bad "? in an assessment at 80x24 lists every key of the screen (q  back home too)" \
					"the help box drops the keys that do not fit (src/dialog.c dialog_help)"
			fi
			tm_keys L z
			if wait_until L "the help to close over the assessment" \
				'! grep -qE "p {2,}partly" "$TM_DIR/screen" &&
				 grep -q "dimension 1 of $ndims" "$TM_DIR/screen"'; then
				ok "any key closes the assessment help"
			else
				bad "any key closes the assessment help"
			fi
		else
			bad "? in an assessment lists its keys (p  partly, v  override)"
		fi
	fi
	tm kill-session -t =L >/dev/null 2>&1
done

# =============================================================================
# 8. --read-only
# =============================================================================
db8=$tmp/ro.db
"$MLMAT" demo --db "$db8" --teams 3 --quarters 2 --seed 5 >/dev/null 2>&1
for k in answers criteria audit roadmap; do "$MLMAT" export --db "$db8" --what "$k" >"$tmp/ro0.$k" 2>&1; done
tm_dash ro 80 24 "$db8" --read-only
wait_for ro 'Level progress' && tm_keys ro Enter
status_ro() { tail -n 1 "$TM_DIR/screen" | grep -qi 'read-only'; }
if wait_re ro "dimension 1 of $ndims" && tm_poll ro '! status_ro'; then
	tm_keys ro y
	if tm_poll ro status_ro; then
		tm_keys ro q q
		wait_session_gone ro
		same=true
		for k in answers criteria audit roadmap; do
			"$MLMAT" export --db "$db8" --what "$k" >"$tmp/ro1.$k" 2>&1
			cmp -s "$tmp/ro0.$k" "$tmp/ro1.$k" || { same=false; echo "export --what $k changed" >>"$tmp/why"; }
		done
		if $same; then
			ok "--read-only: y shows a read-only message; the export is unchanged"
		else
			bad "--read-only: y shows a read-only message; the export is unchanged"
		fi
	else
		tm_dump ro "the screen"
		bad "--read-only: y shows a read-only message"
	fi
else
	bad "--read-only: the assessment opens (status line without a message)"
fi
tm kill-session -t =ro >/dev/null 2>&1

# =============================================================================
# 9. Not a terminal; TERM unset, dumb, unknown
# =============================================================================
M=$(shq "$MLMAT")
db9=$tmp/nottty/x.db
D=$(shq "$db9")
tm_start in 100 10 "$M --db $D </dev/null; echo EXIT=\$?; exec sleep 30"
tm_start out 100 10 "{ $M --db $D; echo EXIT=\$?; } | cat; exec sleep 30"
tm_start tunset 100 10 "env -u TERM LANG=C.UTF-8 $M --db $D; echo EXIT=\$?; exec sleep 30"
tm_start tdumb 100 10 "env TERM=dumb LANG=C.UTF-8 $M --db $D; echo EXIT=\$?; exec sleep 30"
tm_start tnone 100 10 "env TERM=nonexistent-term LANG=C.UTF-8 $M --db $D; echo EXIT=\$?; exec sleep 30"
for s in "in:2:stdin is /dev/null" "out:2:stdout is a pipe" "tunset:1:TERM unset" \
	"tdumb:1:TERM=dumb" "tnone:1:TERM=nonexistent-term"; do
	name=${s%%:*} rest=${s#*:}
	want=${rest%%:*} what=${rest#*:}
	if wait_for "$name" 'EXIT='; then
		tm capture-pane -p -J -t "=$name:" | grep -v '^ *$' >"$tmp/lines"
		msg=$(head -n 1 "$tmp/lines")
		probs=""
		[ "$(wc -l <"$tmp/lines")" -eq 2 ] || probs="$probs; not one message line"
		case $msg in "mlmat: "*) ;; *) probs="$probs; not 'mlmat: ...'" ;; esac
		[ "$(sed -n 2p "$tmp/lines")" = "EXIT=$want" ] || probs="$probs; $(sed -n 2p "$tmp/lines")"
		if [ "$want" = 2 ]; then
			case $msg in *export*report* | *report*export*) ;; *) probs="$probs; no mention of export and report" ;; esac
			[ -e "$db9" ] && probs="$probs; the database was created"
		fi
		if [ -z "$probs" ]; then
			ok "$what: exit $want with one 'mlmat: ...' line"
		else
			bad "$what: exit $want with one 'mlmat: ...' line" "${probs#; }" "$(sed 's/^/|/' "$tmp/lines")"
		fi
	else
		bad "$what: exit $want with one 'mlmat: ...' line"
	fi
	tm kill-session -t "=$name" >/dev/null 2>&1
done

# =============================================================================
# 10. SIGTERM and SIGHUP
# =============================================================================
cat >"$tmp/sig.sh" <<EOF
before=\$(stty -g)
env LANG=C.UTF-8 TERM=xterm-256color $M --db $(shq "$db1")
echo "EXIT=\$?"
if [ "\$(stty -g)" = "\$before" ]; then echo TTY=restored; else echo TTY=changed; fi
exec sleep 30
EOF
# SIGTERM and SIGHUP on an assessment, and SIGHUP with the notes prompt open
# (an SSH connection dropped while typing): each after a target was shown.
for s in TERM:3:4: HUP:4:3: HUP:5:2:prompt; do
	sig=${s%%:*} rest=${s#*:}
	tabs=${rest%%:*} rest=${rest#*:}
	target=${rest%%:*} prompt=${rest#*:}
	what="SIG$sig${prompt:+ with the notes prompt open}"
	nav=""
	i=0; while [ "$i" -lt "$tabs" ]; do nav="$nav Tab"; i=$((i + 1)); done
	tm_start sig 80 24 "exec sh $(shq "$tmp/sig.sh")"
	wait_for sig "$team" && tm_keys sig Enter
	# shellcheck disable=SC2086
	wait_re sig "dimension 1 of $ndims" && tm_keys sig $nav
	if wait_re sig "dimension $((tabs + 1)) of $ndims" && tm_keys sig t "$target" &&
		wait_re sig "Target $target" &&
		{ [ -z "$prompt" ] || { tm_keys sig e && wait_for sig 'Notes:' && tm_type sig 'not confirmed' &&
			wait_for sig 'not confirmed'; }; }; then
		pid=$(pgrep -P "$(tm_pid sig)" | head -n 1)
		kill "-$sig" "$pid"
		if wait_for sig 'TTY=' && wait_pid_gone "$pid"; then
			modes=$(tm display -p -t =sig: '#{alternate_on} #{cursor_flag}')
			code=$(sed -n 's/^ *EXIT=//p' "$tmp/screen")
			if grep -q TTY=restored "$tmp/screen" && [ "$modes" = "0 1" ] &&
				! grep -q "dimension $((tabs + 1)) of" "$tmp/screen"; then
				ok "$what: the dashboard exits (status $code), the terminal is restored (tty modes, main screen, cursor)"
			else
				tm_dump sig "the screen"
				bad "$what: the dashboard exits (status $code), the terminal is restored (tty modes, main screen, cursor)" \
					"alternate screen, cursor visible: $modes (want 0 1)"
			fi
		else
			bad "$what: the dashboard exits"
			# Do not leave it behind: a dashboard that missed the signal
			# spins once its terminal has gone.
			kill -KILL "$pid" 2>/dev/null
		fi
		"$MLMAT" export --db "$db1" --what answers >"$tmp/s.answers" 2>&1
		got="$(csvq field "$tmp/s.answers" "$tabs" target 2>&1)|$(csvq field "$tmp/s.answers" "$tabs" notes 2>&1)"
		if [ "$got" = "$target|" ]; then
			ok "$what: the change made before it (target $target on dimension $((tabs + 1))) is in the export${prompt:+; the unconfirmed note is not}"
		else
			bad "$what: the change made before it (target $target on dimension $((tabs + 1))) is in the export${prompt:+; the unconfirmed note is not}" \
				"target|notes: $got"
		fi
	else
		bad "$what: t $target on dimension $((tabs + 1)) is shown${prompt:+, then the notes prompt}"
	fi
	tm kill-session -t =sig >/dev/null 2>&1
done

# The terminal goes away without a SIGHUP reaching mlmat (a pty that is not
# its controlling terminal, closed): reads fail from then on, and the
# dashboard must end rather than spin on them.
python3 - "$MLMAT" "$db1" >"$tmp/py" 2>&1 <<'PY'
import fcntl, os, select, struct, subprocess, sys, termios, time
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "TERM": "xterm-256color",
       "HOME": os.environ.get("HOME", "/")}
p = subprocess.Popen([sys.argv[1], "--db", sys.argv[2]], stdin=slave, stdout=slave, stderr=slave,
                     env=env, start_new_session=True)
os.close(slave)
seen, deadline = b"", time.time() + 5
while b"Level progress" not in seen and time.time() < deadline and p.poll() is None:
    if select.select([master], [], [], 0.05)[0]:
        try:
            seen += os.read(master, 65536)
        except OSError:
            break
if b"Level progress" not in seen:
    print("the dashboard did not start on the pty (exit %s)" % p.poll())
    p.kill()
    sys.exit(1)
os.close(master)
try:
    p.wait(timeout=5)
    sys.exit(0)
except subprocess.TimeoutExpired:
    with open("/proc/%d/stat" % p.pid) as f:
        f = f.read().rsplit(")", 1)[1].split()
    print("still running 5 s after its terminal closed, %s clock ticks of CPU" % (int(f[11]) + int(f[12])))
    p.kill()
    p.wait()
    sys.exit(1)
PY
# shellcheck disable=SC2181
if [ $? -eq 0 ]; then
	ok "the terminal closes without a SIGHUP: the dashboard exits"
else
	bad "the terminal closes without a SIGHUP: the dashboard exits" "$(cat "$tmp/py")"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
