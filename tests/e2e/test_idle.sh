#!/bin/sh
# An idle dashboard writes nothing to the terminal: on home, with the `?`
# help open, in the new-assessment form and in the notes prompt, nothing
# is sent over 2.5 seconds (five of the dashboard's half-second polls) when
# no data changed. Dialogs used to repaint the screen below them and then
# themselves at every poll: flicker, and bytes on every SSH link.
# The bytes are those the pane receives (tmux pipe-pane), counted once
# the screen has settled.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

for tool in tmux python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_idle: $tool is needed" >&2; exit 2; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-idle-XXXXXX") || exit 2
# shellcheck disable=SC2034 # read by tmux-lib.sh
TM_DIR=$tmp
# shellcheck source=tests/e2e/tmux-lib.sh
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_idle: cannot start tmux" >&2; exit 2; }
tm_checks_start

db=$tmp/idle.db
"$MLMAT" demo --db "$db" --teams 3 --quarters 2 --seed 5 >/dev/null || { echo "test_idle: demo failed" >&2; exit 2; }
tm_dash idle 100 30 "$db"

# quiet WHAT: the pane, settled, receives no byte over 2.5 s.
quiet() {
	q_log=$tmp/bytes.$pass.$fail
	: >"$q_log"
	tm pipe-pane -o -t "=idle:" "cat >> $(shq "$q_log")"
	sleep 2.5
	tm pipe-pane -t "=idle:"
	q_n=$(wc -c <"$q_log")
	if [ "$q_n" -eq 0 ]; then
		ok "$1: no byte written over 2.5 s"
	else
		bad "$1: no byte written over 2.5 s" "$q_n bytes: $(head -c 120 "$q_log" | od -An -c | head -n 3 | tr -s ' ')"
	fi
}

if wait_settled idle "Level progress"; then
	quiet "home"
else
	bad "home shows its panes"
fi

tm_keys idle '?'
if wait_settled idle "Any key closes this help."; then
	quiet "home with the ? help open"
else
	bad "? opens the help"
fi

tm_keys idle Escape
wait_gone idle "Any key closes this help." >/dev/null

tm_keys idle n
if wait_settled idle "Enter accept"; then
	quiet "the new-assessment form"
else
	bad "n opens the new-assessment form"
fi
tm_keys idle Escape
wait_gone idle "Enter accept" >/dev/null

tm_keys idle Enter
if wait_settled idle "dimension 1 of"; then
	tm_keys idle e
	if wait_settled idle "Enter accept"; then
		quiet "the notes prompt of an assessment"
	else
		bad "e opens the notes prompt"
	fi
	tm_keys idle Escape
else
	bad "Enter opens the assessment"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
