#!/bin/sh
# Issue 19, end to end in tmux: three dashboards on one database (a and b
# writable, c read-only), with MLMAT_PRESENCE_TIMEOUT=3 so heartbeats come
# every second.
# - Presence: a's header names the others; c's home names who has which
#   assessment open.
# - Follow: c (read-only) follows a with F from home and moves to a's
#   dimension within 0.5 s of a's move; a movement key stops it.
# - A blind vote: a opens it with V, a and b vote; the count shows, the
#   answers do not, until a's V reveals the spread; a's answer key sets the
#   answer and closes the vote; `i` lists the votes; the votes export
#   matches what was typed.
# - Round 2 with a voter (b) killed during the vote: the vote still
#   reveals and closes; b's presence disappears from a's header (within
#   30 s; a killed process's pid is dead at once).
# - The opener (a) killed during round 3: another dashboard (e) reveals it
#   and sets the answer.
# - A signed-off assessment refuses a vote.
# - Pacing with --session-minutes 1 on a new assessment: ahead at first,
#   behind once time passes with nothing answered, ahead again after a
#   burst of answers.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX LC_CTYPE
export LANG=C.UTF-8 LC_ALL=C.UTF-8 MLMAT_PRESENCE_TIMEOUT=3

command -v tmux >/dev/null 2>&1 || { echo "test_facilitate: tmux is needed" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-facilitate-XXXXXX") || exit 2
# shellcheck disable=SC2034 # read by tmux-lib.sh
TM_DIR=$tmp
# shellcheck source=tests/e2e/tmux-lib.sh
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_facilitate: cannot start tmux" >&2; exit 2; }
tm_checks_start

db=$tmp/f.db
"$MLMAT" demo --db "$db" --teams 1 --quarters 1 --seed 7 >/dev/null || { echo "test_facilitate: demo failed" >&2; exit 2; }
team=$("$MLMAT" team list --db "$db" | cut -f1)
me=$(id -un)

tm_dash a 100 30 "$db"
tm_dash b 100 30 "$db"
tm_dash c 100 30 "$db" --read-only
for s in a b c; do wait_for "$s" "Teams (1)" || bad "dashboard $s starts"; done
tm_keys a Enter
tm_keys b Enter
if wait_for a "with $me;" && wait_for c "here: $me on $team"; then
	ok "presence: a's header names the other dashboard, c's home who has the assessment open"
else
	bad "presence: a's header names the other dashboard, c's home who has the assessment open"
fi

# ---- follow ----
tm_keys a j
wait_settled a "dimension 1 of" >/dev/null
tm_keys c F
if wait_for c "Follow whom?"; then
	tm_keys c Enter
fi
if wait_all c "Following $me" "dimension 1 of"; then
	ok "F on home opens the assessment someone has open and follows (a chooser when several)"
else
	bad "F on home opens the assessment someone has open and follows (a chooser when several)"
fi
# The first two dimensions' names, from the model the database holds.
dim2=$("$MLMAT" export --db "$db" --what answers | awk -F, 'NR == 3 { print $8 }')
t0=$(now_ms)
tm_keys a Tab
if wait_for c "$dim2" 40; then
	t1=$(now_ms)
	if [ $((t1 - t0)) -le 500 ]; then
		ok "follow: c moves to a's dimension within 0.5 s ($((t1 - t0)) ms)"
	else
		bad "follow: c moves to a's dimension within 0.5 s" "took $((t1 - t0)) ms"
	fi
else
	bad "follow: c moves to a's dimension within 0.5 s"
fi
# The criterion too: a moves down twice; c's i names the same criterion.
tm_keys a j j
wait_settled a "dimension 2 of" >/dev/null
tm_keys a i
wait_re a '^.*┌ [a-z0-9-]+ \(' >/dev/null
crit_a=$(grep -oE '┌ [a-z0-9-]+ \(' "$TM_DIR/screen" | head -n 1 | cut -c 5- | sed 's/ ($//')
tm_keys a q
wait_gone a "$crit_a (" >/dev/null
# c's i shows the criterion selected when pressed: asked again
# until c has caught up with a's move.
tries=0 found=1
while [ -n "$crit_a" ] && [ $tries -lt 20 ]; do
	tm_keys c i
	wait_for c "Enter closes" >/dev/null || break
	if grep -qF "$crit_a ($dim2)" "$TM_DIR/screen"; then found=0; break; fi
	tm_keys c q
	wait_gone c "Enter closes" >/dev/null
	tries=$((tries + 1))
done
: >"$TM_DIR/why"
if [ $found -eq 0 ]; then
	ok "follow: c selects a's criterion ($crit_a)"
else
	bad "follow: c selects a's criterion ($crit_a)"
fi
tm_keys c q
tm_keys c j
if wait_for c "Not following $me"; then
	ok "a movement key stops following"
else
	bad "a movement key stops following"
fi

# ---- a blind vote with two voters ----
tm_keys a V
if wait_all a "Vote: $crit_a, round 1" "0 voted (hidden" && wait_all b "Vote: $crit_a, round 1" "Your vote: y yes"; then
	ok "V opens the vote on a and on b, naming the criterion"
else
	bad "V opens the vote on a and on b, naming the criterion"
fi
wait_settled c "dimension" >/dev/null
if ! grep -q "Vote:" "$TM_DIR/screen"; then
	ok "the read-only dashboard shows no vote to take"
else
	bad "the read-only dashboard shows no vote to take"
fi
tm_keys a n
tm_keys b y
if wait_for a "2 voted (hidden until V reveals); your vote: no" && ! grep -qE "(yes|no) +1 " "$TM_DIR/screen" &&
	wait_for b "Your vote: yes" && ! grep -qE "(yes|no) +1 " "$TM_DIR/screen"; then
	ok "the count shows on a as the votes come; the votes stay hidden"
else
	bad "the count shows on a as the votes come; the votes stay hidden"
fi
tm_keys a V
if wait_all a "yes    1" "no     1" "y/p/n/a sets the answer" && wait_all b "yes    1" "no     1"; then
	ok "V reveals the spread on every dashboard with the voters' names"
else
	bad "V reveals the spread on every dashboard with the voters' names"
fi
tm_keys a p
if wait_gone a "Vote: $crit_a" && wait_gone b "Vote: $crit_a" && wait_for a "$crit_a: partly; the vote is closed"; then
	ok "a's answer key sets the answer and closes the vote everywhere"
else
	bad "a's answer key sets the answer and closes the vote everywhere"
fi
tm_keys a i
if wait_all a "Votes:" "round 1: $me no $me yes"; then
	ok "i lists the votes on the criterion"
else
	bad "i lists the votes on the criterion"
fi
tm_keys a q
"$MLMAT" export --db "$db" --what votes >"$tmp/votes.csv"
got=$(tr -d '\r' <"$tmp/votes.csv" | awk -F, 'NR > 1 { print $5 "," $6 "," $7 "," $8 }' | sort | tr '\n' ' ')
want="$crit_a,1,$me,no $crit_a,1,$me,yes "
crit_ans=$("$MLMAT" export --db "$db" --what criteria | tr -d '\r' | awk -F, -v c="$crit_a" '$5 == c { print $8 }')
if [ "$got" = "$want" ] && head -n 1 "$tmp/votes.csv" | grep -q '^assessment_id,team,period,dimension_id,criterion_id,round,os_user,vote,at' &&
	[ "$crit_ans" = partly ]; then
	ok "the votes export matches what was typed, and the answer is set"
else
	bad "the votes export matches what was typed, and the answer is set" "got: $got" "want: $want" "answer: $crit_ans"
fi

tm_keys a U
if wait_for a "Undid: $crit_a"; then
	ok "U undoes the answer the vote set"
else
	bad "U undoes the answer the vote set"
fi

# ---- round 2, a voter killed during the vote ----
tm_keys a V
wait_for b "Vote: $crit_a, round 2" || bad "round 2 opens on b"
tm_keys b y
wait_for a "1 voted" >/dev/null
bpid=$(tm_pid b)
kill -KILL "$bpid"
wait_pid_gone "$bpid" >/dev/null
t0=$(now_ms)
if wait_gone a "with $me;" 600; then
	ok "presence of a killed dashboard disappears within 30 s ($(($(now_ms) - t0)) ms)"
else
	bad "presence of a killed dashboard disappears within 30 s"
fi
tm_keys a V
if wait_for a "yes    1" && tm_keys a y && wait_for a "$crit_a: yes; the vote is closed"; then
	ok "a voter killed during the vote does not block it: revealed and closed"
else
	bad "a voter killed during the vote does not block it: revealed and closed"
fi
if "$MLMAT" export --db "$db" --what votes | tr -d '\r' | grep -q ",$crit_a,2,$me,yes,"; then
	ok "round 2 is exported as round 2"
else
	bad "round 2 is exported as round 2"
fi

# ---- the opener killed: another dashboard closes the vote ----
tm_dash e 100 30 "$db"
wait_for e "Teams (1)" >/dev/null
tm_keys e Enter
wait_for a "with $me;" >/dev/null
tm_keys a V
wait_for e "Vote: $crit_a, round 3" >/dev/null
tm_keys e n
wait_for a "1 voted" >/dev/null
apid=$(tm_pid a)
kill -KILL "$apid"
wait_pid_gone "$apid" >/dev/null
# e takes over once it sees a gone: its vote box offers V then.
if wait_for e "V reveals the votes" && tm_keys e V && wait_for e "no     1" && tm_keys e p && wait_for e "$crit_a: partly; the vote is closed"; then
	ok "the opener killed: another dashboard reveals the vote and sets the answer"
else
	bad "the opener killed: another dashboard reveals the vote and sets the answer"
fi

# ---- signed off ----
tm_keys e S
if wait_for e "Sign off"; then tm_keys e y; fi
wait_for e "Signed off by" >/dev/null
tm_keys e V
if wait_for e "is signed off by $me" && ! grep -q "Vote: " "$TM_DIR/screen"; then
	ok "a signed-off assessment refuses a vote"
else
	bad "a signed-off assessment refuses a vote"
fi

# ---- pacing ----
db2=$tmp/pace.db
"$MLMAT" init --db "$db2" >/dev/null || bad "init the pacing database"
tm_dash d 100 30 "$db2" --session-minutes 1
wait_for d "No assessments yet" >/dev/null
tm_keys d n
wait_for d "Team" >/dev/null
tm_keys d C-u
tm_type d "Pace"
tm_keys d Enter Enter Enter
if wait_re d "0/1m, [0-9]+ dims left, ahead, [0-9]+s per criterion"; then
	ok "pacing: minutes of the session, dimensions left, ahead at the start"
else
	bad "pacing: minutes of the session, dimensions left, ahead at the start"
fi
# Moving (j, k) refreshes the line; nothing answered while time passes is
# behind.
tries=0
while [ $tries -lt 100 ]; do
	tm_keys d j
	if wait_re d "1m, [0-9]+ dims left, behind" 4 2>/dev/null; then break; fi
	tries=$((tries + 1))
done
: >"$TM_DIR/why"
if [ $tries -lt 100 ]; then
	ok "pacing: behind once time passes with nothing answered"
else
	bad "pacing: behind once time passes with nothing answered"
fi
tm_keys d k k y y y y y y y y y y y y y y y y y y y y
# Once every answer is drawn: the screen has settled.
if wait_settled d "dims left" && grep -qE "1m, [0-9]+ dims left, ahead" "$TM_DIR/screen"; then
	ok "pacing: ahead again after a burst of answers"
else
	bad "pacing: ahead again after a burst of answers"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
