#!/bin/sh
# The terminal ladder of issue 6 (CONTRACT section 1): the real dashboard
# ($MLMAT, default ./mlmat) in tmux over TERM in xterm, xterm-256color,
# screen, screen-256color, tmux-256color, linux, vt100 and vt220, each with
# LANG=C.UTF-8 and with LANG=C, and NO_COLOR=1 and --ascii on some of them:
# start, open an assessment, resize and back, quit with q q and exit 0.
# With NO_COLOR no colour escape is captured (capture-pane -e, and the bytes
# the program wrote); with LANG=C or --ascii no byte above 127 is captured
# (capture-pane -p, and the bytes the program wrote, through pipe-pane).
# Then TERM unset, dumb and unknown, a 10x5 window and Ctrl-L.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tx_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX LC_ALL LC_CTYPE LC_MESSAGES LANGUAGE
export LANG=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_terminals: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
command -v tmux >/dev/null 2>&1 || { echo "test_terminals: tmux is needed" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-term-XXXXXX") || exit 2
TX_DIR=$tmp
. tests/e2e/term-lib.sh
trap 'tx_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
# No user themes or config from the person running the tests.
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
tx_setup || { echo "test_terminals: cannot start tmux" >&2; exit 2; }

db=$tmp/demo.db
if ! "$MLMAT" demo --db "$db" --teams 3 --quarters 3 >"$tmp/demo.out" 2>&1; then
	bad "mlmat demo makes the database" "$(cat "$tmp/demo.out")"
	summary
	exit 1
fi

# The command of a pane: mlmat under TERM and LANG (never LC_ALL), with
# NO_COLOR=1 when NC is 1; TERM "-" unsets it.
dash_cmd() {
	dc_term=$1 dc_lang=$2 dc_nc=$3
	shift 3
	dc_cmd="env -u LC_ALL -u LC_CTYPE -u LC_MESSAGES -u NO_COLOR"
	if [ "$dc_term" = - ]; then dc_cmd="$dc_cmd -u TERM"; else dc_cmd="$dc_cmd TERM=$dc_term"; fi
	dc_cmd="$dc_cmd LANG=$dc_lang"
	[ "$dc_nc" = 1 ] && dc_cmd="$dc_cmd NO_COLOR=1"
	dc_cmd="$dc_cmd $(shq "$MLMAT") --db $(shq "${dc_db:-$db}")"
	for dc_a in "$@"; do dc_cmd="$dc_cmd $(shq "$dc_a")"; done
	echo "$dc_cmd"
}

ascii_only2() {
	ascii_only "$1" && ascii_only "$2"
}

# reverse_row FILE TEXT: the row of FILE (capture-pane -e) showing TEXT
# selects reverse video (SGR 7) somewhere.
reverse_row() {
	grep -F -- "$2" "$1" | tr '\033' '\n' | sed -n 's/^\[\([0-9;]*\)m.*/;\1;/p' | grep -q ';7;'
}

# ---- the matrix ------------------------------------------------------------

# run_case TERM LANG NO_COLOR(0|1) [ARGS...]
n=0
run_case() {
	rc_term=$1 rc_lang=$2 rc_nc=$3
	shift 3
	n=$((n + 1))
	s=m$n
	what="TERM=$rc_term LANG=$rc_lang"
	[ "$rc_nc" = 1 ] && what="$what NO_COLOR=1"
	[ $# -gt 0 ] && what="$what $*"
	raw=$tmp/raw$n
	ascii=0
	case "$rc_lang $*" in "C "* | *--ascii*) ascii=1 ;; esac

	if ! tx_start "$s" 80 24 "$(dash_cmd "$rc_term" "$rc_lang" "$rc_nc" "$@")" "$raw"; then
		bad "$what: tmux starts the dashboard"
		return
	fi
	# Each screen examined below (colours, bytes, reverse video) is a
	# whole frame: captured once it has settled.
	if ! tx_settle "$s" Teams; then
		bad "$what: home screen shows Teams"
		tx_stop "$s"
		return
	fi
	ok "$what: home screen shows Teams"
	cp "$TX_DIR/screen.e" "$tmp/home$n.e"
	cp "$TX_DIR/screen" "$tmp/home$n.p"

	tx_keys "$s" Enter
	if tx_settle "$s" 'dimension 1 of'; then
		ok "$what: Enter opens the assessment"
	else
		bad "$what: Enter opens the assessment"
	fi
	cp "$TX_DIR/screen.e" "$tmp/assess$n.e"
	cp "$TX_DIR/screen" "$tmp/assess$n.p"

	tx resize-window -t "=$s:" -x 100 -y 30
	if tx_header_fits "$s" 100 "$db" && tx_settle "$s" 'dimension 1 of'; then
		ok "$what: redrawn at 100x30"
	else
		bad "$what: redrawn at 100x30"
	fi
	cat "$TX_DIR/screen.e" >>"$tmp/assess$n.e"
	cat "$TX_DIR/screen" >>"$tmp/assess$n.p"
	tx resize-window -t "=$s:" -x 80 -y 24
	if tx_header_fits "$s" 80 "$db" && tx_settle "$s" 'dimension 1 of'; then
		ok "$what: redrawn back at 80x24"
	else
		bad "$what: redrawn back at 80x24"
	fi
	cat "$TX_DIR/screen" >>"$tmp/assess$n.p"

	tx_keys "$s" q
	tx_wait_gone "$s" 'dimension 1 of' >/dev/null && tx_wait "$s" Teams >/dev/null
	tx_keys "$s" q
	check "$what: q q quits with status 0" tx_exit_is "$s" 0
	tx_stop "$s"

	nocolour=$rc_nc
	case "$rc_term $*" in vt100* | vt220* | *--no-color*) nocolour=1 ;; esac
	if [ "$nocolour" = 1 ]; then
		# No colour: NO_COLOR, or a terminal without colours.
		check "$what: no colour escape on the home and assessment screens" \
			no_colours "$tmp/home$n.e" "$tmp/assess$n.e"
		check "$what: no colour escape in all the program wrote" no_colours "$raw"
		# ...while home still shows the selection apart (reverse).
		check "$what: the selected team still stands out (reverse video)" \
			reverse_row "$tmp/home$n.e" 'Fraud Detection'
	else
		case $rc_term in
		*256color)
			# 256 colours: the full theme (the default's title is 32).
			colours "$tmp/home$n.e" >"$tmp/colours$n"
			if grep -qx 'fg:32' "$tmp/colours$n"; then
				ok "$what: the theme's 256 colours shown"
			else
				bad "$what: the theme's 256 colours shown" \
					"colours: $(tr '\n' ' ' <"$tmp/colours$n")"
			fi ;;
		*)
			# 8 colours: the theme's 8-colour forms, nothing above 7.
			colours "$tmp/home$n.e" >"$tmp/colours$n"
			colours "$tmp/assess$n.e" >>"$tmp/colours$n"
			if [ -s "$tmp/colours$n" ] && ! grep -qvE '^(fg|bg):[0-7]$' "$tmp/colours$n"; then
				ok "$what: 8-colour forms only"
			else
				bad "$what: 8-colour forms only" "colours: $(sort -u "$tmp/colours$n" | tr '\n' ' ')"
			fi ;;
		esac
	fi

	if [ "$ascii" = 1 ]; then
		# Lines are ACS: ncurses switches the terminal's character set
		# (ESC ( 0 or SO) and writes ASCII letters such as q and x. The
		# tmux 3.3 used here keeps those letters in capture-pane -p;
		# a tmux that showed them as Unicode lines in the capture would
		# fail the first check and not the second, which counts the
		# bytes the program itself wrote (pipe-pane) and is the one
		# that matters.
		check "$what: no byte above 127 on the captured screens" \
			ascii_only2 "$tmp/home$n.p" "$tmp/assess$n.p"
		check "$what: no byte above 127 in all the program wrote" ascii_only "$raw"
	else
		# The control: a UTF-8 locale does draw box lines and blocks.
		if [ "$(high_bytes "$tmp/home$n.p")" -gt 0 ]; then
			ok "$what: UTF-8 glyphs drawn"
		else
			bad "$what: UTF-8 glyphs drawn" "home screen is plain ASCII"
		fi
	fi
}

t0=$(date +%s)
run_case xterm-256color C.UTF-8 0
run_case xterm-256color C 1
run_case xterm C.UTF-8 1
run_case xterm C 0
run_case screen C.UTF-8 0 --ascii
run_case screen C 1
run_case screen-256color C.UTF-8 1 --ascii
run_case screen-256color C 0
run_case tmux-256color C.UTF-8 0 --ascii
run_case tmux-256color C 0
run_case linux C.UTF-8 0
run_case linux C 1
run_case vt100 C.UTF-8 0
run_case vt100 C 0 --ascii
run_case vt220 C.UTF-8 1
run_case vt220 C 0
run_case xterm-256color C.UTF-8 0 --no-color --ascii
run_case xterm C.UTF-8 0 --ascii

# ---- TERM that cannot show the dashboard -----------------------------------

bad_term() {
	bt_term=$1 bt_name=$2
	n=$((n + 1))
	s=t$n
	rm -f "$tmp/err$n"
	dc_db=$tmp/never$n.db
	tx_start "$s" 80 24 "$(dash_cmd "$bt_term" C.UTF-8 0) 2>$(shq "$tmp/err$n")" ||
		{ bad "$bt_name: exits 1 with one line 'mlmat: ...'" "tmux failed"; return; }
	if tx_exit_is "$s" 1 && [ "$(wc -l <"$tmp/err$n" | tr -d ' ')" = 1 ] &&
		grep -q '^mlmat: .*TERM' "$tmp/err$n"; then
		ok "$bt_name: exits 1 with one line 'mlmat: ...'"
	else
		bad "$bt_name: exits 1 with one line 'mlmat: ...'" \
			"stderr: $(tr '\n' '|' <"$tmp/err$n" 2>/dev/null)"
	fi
	# Nothing was drawn: the pane shows only the exit line.
	if tx_poll "$s" '[ "$(grep -cv "^ *$" "$TX_DIR/screen")" = 1 ]'; then
		ok "$bt_name: the screen is left alone"
	else
		tx_dump "$s" "more than the EXIT line on the screen"
		bad "$bt_name: the screen is left alone"
	fi
	tx_stop "$s"
	dc_db=
	# The terminal is checked before anything is created.
	if [ -e "$tmp/never$n.db" ]; then
		bad "$bt_name: no database created"
	else
		ok "$bt_name: no database created"
	fi
}
bad_term - "TERM unset"
bad_term dumb "TERM=dumb"
bad_term unknown-xyz "TERM=unknown-xyz"

# ---- a window too small ----------------------------------------------------

s=small
tx_start "$s" 10 5 "$(dash_cmd xterm-256color C.UTF-8 0)"
check "10x5: says the terminal is too small" tx_wait_re "$s" 'Terminal|too small'
tx resize-window -t "=$s:" -x 80 -y 24
check "10x5 grown to 80x24: home screen shows Teams" tx_wait "$s" Teams
tx resize-window -t "=$s:" -x 10 -y 5
check "back to 10x5: too small again" tx_wait_re "$s" 'Terminal|too small'
tx_keys "$s" q
check "10x5: q quits with status 0" tx_exit_is "$s" 0
tx_stop "$s"

# ---- Ctrl-L ----------------------------------------------------------------

# garble NAME: writes over the pane as a `wall` message would, behind
# mlmat's back, straight to the pane's terminal.
garble() {
	g_tty=$(tx display-message -p -t "=$1:" '#{pane_tty}')
	printf '\033[6;12HGARBLED BY WALL\033[12;30HLINE NOISE' >"$g_tty"
	tx_wait "$1" 'GARBLED BY WALL'
}

s=redraw
tx_start "$s" 80 24 "$(dash_cmd xterm-256color C.UTF-8 0)"
if tx_wait "$s" Teams && garble "$s"; then
	tx_keys "$s" C-l
	if tx_wait_gone "$s" 'GARBLED BY WALL' && tx_wait_gone "$s" 'LINE NOISE' &&
		tx_wait "$s" Teams; then
		ok "Ctrl-L on home redraws the whole screen"
	else
		bad "Ctrl-L on home redraws the whole screen"
	fi
else
	bad "Ctrl-L on home redraws the whole screen" "could not garble the screen"
fi
tx_keys "$s" Enter
if tx_wait "$s" 'dimension 1 of' && garble "$s"; then
	tx_keys "$s" C-l
	if tx_wait_gone "$s" 'GARBLED BY WALL' && tx_wait "$s" 'dimension 1 of'; then
		ok "Ctrl-L on an assessment redraws the whole screen"
	else
		bad "Ctrl-L on an assessment redraws the whole screen"
	fi
else
	bad "Ctrl-L on an assessment redraws the whole screen" "could not garble the screen"
fi
tx_keys "$s" q
tx_wait_gone "$s" 'dimension 1 of' >/dev/null && tx_wait "$s" Teams >/dev/null
tx_keys "$s" q
check "after Ctrl-L, q q quits with status 0" tx_exit_is "$s" 0
tx_stop "$s"

echo "# $(($(date +%s) - t0)) s"
summary
