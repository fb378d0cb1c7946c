#!/bin/sh
# The mouse in the dashboard, in tmux: the terminal gets xterm SGR 1006
# mouse mode (tmux's pane flags say so), and reports written into the pane
# as a terminal sends them (ESC [ < b ; x ; y M, then m on release) select
# a team, open it with a double-click, scroll the list with the wheel,
# select and open a criterion, pick in a chooser, open from the
# organisation grid and the review's roadmap, and the ? help says so.
# With `mouse: false` (or MLMAT_MOUSE=0) no mode is
# asked for and the same reports change nothing; quitting and Ctrl-Z turn
# the mode off, `fg` on again.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME MLMAT_MOUSE NO_COLOR TMUX XDG_CONFIG_HOME
export LANG=C.UTF-8 LC_ALL=C.UTF-8

command -v tmux >/dev/null 2>&1 || { echo "test_mouse: tmux is needed" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-mouse-XXXXXX") || exit 2
# shellcheck disable=SC2034 # read by tmux-lib.sh
TM_DIR=$tmp
# shellcheck source=tests/e2e/tmux-lib.sh
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_mouse: cannot start tmux" >&2; exit 2; }
tm_checks_start

# The same teams in a database for each part, so that one part's failure
# leaves the next its own start.
for part in mouse off sh; do
	"$MLMAT" demo --db "$tmp/$part.db" --teams 30 --quarters 3 --seed 11 >/dev/null ||
		{ echo "test_mouse: demo failed" >&2; exit 2; }
done
db=$tmp/mouse.db
# No configuration but the one a check writes.
export MLMAT_SYSTEM_CONFIG="$tmp/none.yaml" HOME="$tmp/home"
mkdir -p "$tmp/cfg/mlmat" "$tmp/home"
printf 'mouse: false\n' >"$tmp/cfg/mlmat/config.yaml"

# flags NAME: the pane's mouse modes, "any standard sgr" (1 when on).
flags() {
	tm display -p -t "=$1:" '#{mouse_any_flag} #{mouse_standard_flag} #{mouse_sgr_flag}'
}

# wait_flags NAME WANT: until the pane's mouse flags are WANT.
wait_flags() {
	wfl_i=0
	while [ "$wfl_i" -lt "$TM_POLLS" ]; do
		[ "$(flags "$1")" = "$2" ] && return 0
		sleep 0.05
		wfl_i=$((wfl_i + 1))
	done
	echo "mouse flags are '$(flags "$1")', not '$2'" >>"$TM_DIR/why"
	return 1
}

# click NAME Y X [N]: N (1) left clicks on screen row Y, column X (from 1),
# each a press and a release, all in one write (a double-click for N=2).
click() {
	c_seq="" c_i=0
	while [ "$c_i" -lt "${4:-1}" ]; do
		c_seq="$c_seq$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$3" "$2" "$3" "$2")"
		c_i=$((c_i + 1))
	done
	tm send-keys -t "=$1:" -l -- "$c_seq"
}

# wheel NAME Y X N: N steps of the wheel down over row Y, column X.
wheel() {
	w_seq="" w_i=0
	while [ "$w_i" -lt "$4" ]; do
		w_seq="$w_seq$(printf '\033[<65;%d;%dM' "$3" "$2")"
		w_i=$((w_i + 1))
	done
	tm send-keys -t "=$1:" -l -- "$w_seq"
}

# row_of TEXT: the screen row (from 1) of the first line of the last
# capture showing TEXT.
row_of() {
	grep -nF -- "$1" "$TM_DIR/screen" | head -n 1 | cut -d: -f1
}

# team_at N: the name of the team on list row N (from 1) of the last
# capture, as the home list shows it.
team_at() {
	sed -n "$((3 + $1))p" "$TM_DIR/screen" | sed 's/^│ *//; s/   .*//'
}

# crit_at N: "ROW TEXT" of the Nth criterion's first line in the last
# capture of the assessment (ROW from 1; TEXT the start of its text).
crit_at() {
	grep -n '^│ \(  ?   \| no   \|partly\| yes  \| n/a  \)' "$TM_DIR/screen" | sed -n "$1p" |
		sed 's/^\([0-9]*\):│ .\{8\} \(.\{1,30\}\).*/\1 \2/'
}

# --- Mouse on (the default) ---
tm_dash m 80 24 "$db"
if wait_settled m "Teams (30)" && wait_flags m "1 1 1"; then
	ok "the dashboard asks for SGR 1006 mouse reports (ESC[?1000h ESC[?1006h)"
else
	bad "the dashboard asks for SGR 1006 mouse reports (ESC[?1000h ESC[?1006h)"
fi
tm_keys m '?'
if wait_for m "Mouse      click, double-click, wheel"; then
	ok "the ? help says what the mouse does"
else
	bad "the ? help says what the mouse does"
fi
tm_keys m Escape
wait_gone m "Any key closes" >/dev/null
wait_settled m " 1/30 " >/dev/null
first=$(team_at 1)
click m 6 6
if wait_for m " 3/30 "; then
	ok "a click on the third team selects it"
else
	bad "a click on the third team selects it"
fi
wheel m 6 6 3
if wait_for m " 12/30 " && wait_gone m "$first"; then
	ok "three steps of the wheel over the list move the selection 9 teams on and scroll"
else
	bad "three steps of the wheel over the list move the selection 9 teams on and scroll"
fi
wait_settled m " 12/30 " >/dev/null
second=$(team_at 2)
click m 5 6 2
if wait_all m "dimension 1 of" "$second"; then
	ok "a double-click on a team opens its assessment"
else
	bad "a double-click on a team opens its assessment" "team: $second"
fi

# The assessment: a click on the second criterion's text selects it (i
# shows it), a double-click on another one opens it in full.
if wait_settled m "dimension 1 of"; then
	crit=$(crit_at 2)
	# In order after the click: i shows the criterion now selected, in a
	# box of its own (its text right after the box's border).
	click m "${crit%% *}" 20
	tm_keys m i
	if [ -n "$crit" ] && wait_for m "│ ${crit#* }"; then
		ok "a click on a criterion selects it (i shows it)"
	else
		bad "a click on a criterion selects it (i shows it)" "criterion: $crit"
	fi
	tm_keys m q
	wait_gone m "│ ${crit#* }" >/dev/null
	wait_settled m "dimension 1 of" >/dev/null
	crit=$(crit_at 4)
	click m "${crit%% *}" 30 2
	if [ -n "$crit" ] && wait_all m "│ ${crit#* }" "Comment:" "Evidence:"; then
		ok "a double-click on a criterion opens its whole text"
	else
		bad "a double-click on a criterion opens its whole text" "criterion: $crit"
	fi
	tm_keys m q
	wait_gone m "Evidence:" >/dev/null
else
	bad "a click on a criterion selects it (i shows it)" "no assessment"
	bad "a double-click on a criterion opens its whole text" "no assessment"
fi
tm_keys m q
wait_settled m "Teams (30)" >/dev/null

# The merge chooser: a click selects, a double-click chooses, and the
# question that follows is the one the keys get to for the same item.
tm_keys m M
if wait_settled m "Enter choose"; then
	pick_row=$(($(row_of "Enter choose") - 3))
	items=$((pick_row - $(row_of "Merge ") - 1))
	click m "$pick_row" 40 2
	if wait_settled m "Move every assessment"; then
		cp "$TM_DIR/screen" "$tmp/by-mouse"
		tm_keys m n
		wait_for m "Nothing merged." >/dev/null
		tm_keys m M
		wait_settled m "Enter choose" >/dev/null
		while [ "$items" -gt 0 ]; do tm_keys m j; items=$((items - 1)); done
		tm_keys m Enter
		wait_settled m "Move every assessment" >/dev/null
		if cmp -s "$TM_DIR/screen" "$tmp/by-mouse"; then
			ok "a double-click in a chooser chooses the item"
		else
			bad "a double-click in a chooser chooses the item" \
				"by mouse: $(grep 'into' "$tmp/by-mouse")" "by keys: $(grep 'into' "$TM_DIR/screen")"
		fi
	else
		bad "a double-click in a chooser chooses the item" "no question after the double-click"
	fi
	tm_keys m n
	wait_for m "Nothing merged." >/dev/null
else
	bad "a double-click in a chooser chooses the item" "M opens no chooser"
fi

# The organisation grid: a double-click on a team's cell opens its review.
tm_keys m o
if wait_settled m "Organisation"; then
	org_row=$(($(row_of "Mean") - 3))
	org_team=$(sed -n "${org_row}p" "$TM_DIR/screen" | sed 's/^│ //; s/  .*//; s/…$//')
	# A name cut to be told apart keeps its distinguishing end ("D…Pricing 2").
	org_team=${org_team##*…}
	click m "$org_row" 40 2
	if wait_all m "Quarterly review" "$org_team"; then
		ok "a double-click on a team's cell in the organisation grid opens its review"
	else
		bad "a double-click on a team's cell in the organisation grid opens its review" "team: $org_team"
	fi
	# The review's roadmap: a double-click on an item opens the later
	# period's assessment, like Enter.
	if wait_settled m "Roadmap (" && [ -n "$(row_of "Roadmap (")" ]; then
		click m "$(($(row_of "Roadmap (") + 3))" 10 2
		if wait_all m "Assessment" "dimension 1 of" "$org_team"; then
			ok "a double-click on a roadmap item opens the assessment"
		else
			bad "a double-click on a roadmap item opens the assessment"
		fi
	else
		bad "a double-click on a roadmap item opens the assessment" "no roadmap shown"
	fi
else
	bad "a double-click on a team's cell in the organisation grid opens its review" "o opens nothing"
fi
tm kill-session -t "=m" >/dev/null 2>&1

# --- mouse: false, MLMAT_MOUSE=0 ---
db=$tmp/off.db
for how in config env; do
	if [ "$how" = config ]; then
		pre="XDG_CONFIG_HOME=$(shq "$tmp/cfg")"
		what="mouse: false in the configuration"
	else
		pre="MLMAT_MOUSE=0"
		what="MLMAT_MOUSE=0"
	fi
	# script(1) keeps every byte the dashboard writes.
	log=$tmp/off-$how.typescript
	tm_start off 80 24 "env $pre LANG=C.UTF-8 TERM=xterm-256color script -q -f -c $(shq "$(shq "$MLMAT") --db $(shq "$db")") $(shq "$log")"
	if wait_settled off " 1/30 " && [ "$(flags off)" = "0 0 0" ] && [ -s "$log" ] &&
		! grep -q "$(printf '\033')\[?100[06]h" "$log"; then
		ok "$what: no mouse mode is asked for (no ESC[?1000h, no ESC[?1006h)"
	else
		bad "$what: no mouse mode is asked for (no ESC[?1000h, no ESC[?1006h)" "flags: $(flags off)" \
			"$(grep -c "$(printf '\033')\[?100[06]h" "$log" 2>/dev/null) lines with a mode"
	fi
	tm_keys off '?'
	if wait_settled off "Any key closes" && ! grep -q "double-click" "$TM_DIR/screen"; then
		ok "$what: the ? help does not offer the mouse"
	else
		bad "$what: the ? help does not offer the mouse"
	fi
	tm_keys off Escape
	wait_gone off "Any key closes" >/dev/null
	click off 6 6
	wheel off 6 6 3
	click off 5 6 2
	tm_keys off j
	if wait_settled off " 2/30 " && ! grep -q "dimension 1 of" "$TM_DIR/screen"; then
		ok "$what: the same reports change nothing, keys still work"
	else
		bad "$what: the same reports change nothing, keys still work"
	fi
	# Quit, not only kill the session: script(1) outlives a hang-up and
	# would keep the dashboard under it running after the test.
	tm_keys off q
	wait_session_gone off >/dev/null || tm kill-session -t "=off" >/dev/null 2>&1
done

# --- Ctrl-Z and quitting, from a shell with job control ---
db=$tmp/sh.db
tm_start sh 80 24 "env PS1='$ ' LANG=C.UTF-8 TERM=xterm-256color sh -i"
tm_type sh "$(shq "$MLMAT") --db $(shq "$db")"
tm_keys sh Enter
if wait_settled sh "Teams (30)" && wait_flags sh "1 1 1"; then
	tm_keys sh C-z
	if wait_for sh "Stopped" && wait_flags sh "0 0 0"; then
		ok "Ctrl-Z turns the mouse mode off while the dashboard is stopped"
	else
		bad "Ctrl-Z turns the mouse mode off while the dashboard is stopped"
	fi
	tm_type sh fg
	tm_keys sh Enter
	if wait_for sh "Teams (30)" && wait_flags sh "1 1 1"; then
		click sh 6 6
		if wait_for sh " 3/30 "; then
			ok "fg brings the dashboard and its mouse mode back"
		else
			bad "fg brings the dashboard and its mouse mode back" "no click after fg"
		fi
	else
		bad "fg brings the dashboard and its mouse mode back"
	fi
	tm_keys sh q
	if wait_gone sh "Teams (30)" && wait_flags sh "0 0 0"; then
		ok "quitting turns the mouse mode off"
	else
		bad "quitting turns the mouse mode off"
	fi
else
	bad "the dashboard starts from a shell with the mouse on"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
