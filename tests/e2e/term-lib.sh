# Helpers for tests/e2e/test_themes.sh and test_terminals.sh (POSIX sh):
# the real dashboard in tmux on a private server (tmux -u -L NAME -f
# /dev/null), screens read back with capture-pane and polled every 50 ms,
# never waited for with fixed sleeps; the bytes the program wrote captured
# with pipe-pane; colour escapes and bytes above 127 counted.
#
# Needs: MLMAT (the binary) and TX_DIR (a scratch folder) set by the caller.
# A failing wait notes why, with the screen, in $TX_DIR/why, which bad()
# prints under the failing check. Call tx_setup once, tx_cleanup at exit.
#
# A capture can catch the program half way through drawing (the terminal
# gets a screen in chunks), so a capture that is kept to be examined (for
# colours, bytes, reverse video) is taken by tx_settle, once the screen
# shows what it must and has stopped changing; never right after a wait for
# something else.
#
# (Not tests/e2e/tmux-lib.sh: that one belongs to test_tui.sh. Note that
# tmux 3.3a crashes on new-session after `set -g window-size manual`, so the
# size is left to resize-window, which makes that one window manual.)

# shellcheck disable=SC2016,SC2034 # tx_poll eval-s its test, which reads txw_text & co.
TX_SOCKET=mlmat-term-$$
TX_POLLS=${TX_POLLS:-400}      # polls of 50 ms: 20 s (sanitizer builds on a busy machine)

pass=0
fail=0

ok() {
	pass=$((pass + 1))
	echo "ok   - $1"
	: >"$TX_DIR/why"
}

bad() {
	fail=$((fail + 1))
	echo "FAIL - $1"
	shift
	for why in "$@"; do echo "       $why"; done
	[ -s "$TX_DIR/why" ] && sed 's/^/       /' "$TX_DIR/why"
	: >"$TX_DIR/why"
}

# check NAME COMMAND...: ok when COMMAND succeeds.
check() {
	ck_name=$1
	shift
	if "$@"; then ok "$ck_name"; else bad "$ck_name"; fi
}

summary() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}

tx() {
	tmux -u -L "$TX_SOCKET" -f /dev/null "$@"
}

# A session that idles for the whole run, so that the server stays up
# between dashboards; panes run /bin/sh whatever the user's shell.
tx_setup() {
	: >"$TX_DIR/why"
	tx new-session -d -s keep -x 80 -y 24 'exec sleep 3600' || return 1
	tx set -g default-shell /bin/sh >/dev/null
}

tx_cleanup() {
	tx kill-server >/dev/null 2>&1
}

# shq STRING: STRING quoted for sh.
shq() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# tx_start NAME COLS LINES COMMAND [RAWFILE]: a detached session whose pane
# runs COMMAND (sh), then prints EXIT=<its status> and idles. The pane waits
# for an Enter before COMMAND, so that pipe-pane (every byte the pane's
# programs write, appended to RAWFILE) is in place before the first byte.
tx_start() {
	tx kill-session -t "=$1" >/dev/null 2>&1
	tx new-session -d -s "$1" -x "$2" -y "$3" \
		"read tx_go; $4; echo EXIT=\$?; exec sleep 120" || return 1
	if [ -n "${5:-}" ]; then
		: >"$5"
		tx pipe-pane -o -t "=$1:" "cat >> $(shq "$5")" || return 1
	fi
	tx send-keys -t "=$1:" Enter
}

tx_stop() {
	tx kill-session -t "=$1" >/dev/null 2>&1
}

# tx_screen NAME [-e]: the visible screen as text (-e: with escapes).
tx_screen() {
	if [ -n "${2:-}" ]; then
		tx capture-pane -p "$2" -t "=$1:" 2>/dev/null
	else
		tx capture-pane -p -t "=$1:" 2>/dev/null
	fi
}

tx_keys() {
	txk_s=$1
	shift
	tx send-keys -t "=$txk_s:" "$@"
}

tx_dump() {
	{
		echo "$2; screen of '$1':"
		if tx has-session -t "=$1" 2>/dev/null; then
			tx_screen "$1" | sed 's/^/|/'
		else
			echo "(session '$1' is gone)"
		fi
	} >>"$TX_DIR/why"
}

# tx_poll NAME TEST: runs the command TEST with the screen in
# $TX_DIR/screen every 50 ms until it succeeds; false on timeout.
tx_poll() {
	txp_s=$1 txp_test=$2 txp_i=0
	while [ "$txp_i" -lt "$TX_POLLS" ]; do
		if tx_screen "$txp_s" >"$TX_DIR/screen" && eval "$txp_test"; then
			return 0
		fi
		tx has-session -t "=$txp_s" 2>/dev/null || return 1
		sleep 0.05
		txp_i=$((txp_i + 1))
	done
	return 1
}

# tx_wait NAME TEXT: until the screen shows TEXT (a fixed string).
tx_wait() {
	txw_text=$2
	tx_poll "$1" 'grep -qF -- "$txw_text" "$TX_DIR/screen"' && return 0
	tx_dump "$1" "timed out waiting for '$2'"
	return 1
}

# tx_wait_re NAME ERE
tx_wait_re() {
	txr_re=$2
	tx_poll "$1" 'grep -qE -- "$txr_re" "$TX_DIR/screen"' && return 0
	tx_dump "$1" "timed out waiting for /$2/"
	return 1
}

# tx_wait_gone NAME TEXT
tx_wait_gone() {
	txg_text=$2
	tx_poll "$1" '! grep -qF -- "$txg_text" "$TX_DIR/screen"' && return 0
	tx_dump "$1" "timed out waiting for '$2' to go"
	return 1
}

# tx_settle NAME TEXT: until the screen shows TEXT and its capture with
# escapes has not changed over three captures in a row (a tenth of a
# second at least): the dashboard draws only on a change, so this is a
# whole frame. Leaves it in $TX_DIR/screen.e, and as text in
# $TX_DIR/screen.
tx_settle() {
	txs_s=$1 txs_text=$2 txs_same=0
	: >"$TX_DIR/settle.e"
	tx_poll "$1" 'tx_screen "$txs_s" -e >"$TX_DIR/screen.e" &&
		if grep -qF -- "$txs_text" "$TX_DIR/screen" && cmp -s "$TX_DIR/screen.e" "$TX_DIR/settle.e"; then
			txs_same=$((txs_same + 1)); else txs_same=0; fi
		cp "$TX_DIR/screen.e" "$TX_DIR/settle.e"; [ "$txs_same" -ge 2 ]' && return 0
	tx_dump "$1" "timed out waiting for '$2' on a screen that stays the same"
	return 1
}

# tx_exit_is NAME WANT: the pane's program has exited with status WANT.
tx_exit_is() {
	tx_wait_re "$1" '^EXIT=[0-9]+' || return 1
	txe_got=$(sed -n 's/^EXIT=\([0-9]*\).*/\1/p' "$TX_DIR/screen" | tail -n 1)
	[ "$txe_got" = "$2" ] && return 0
	tx_dump "$1" "exit status $txe_got, expected $2"
	return 1
}

# tx_header_fits NAME COLS DB: the header row was drawn for COLS columns:
# it ends with the database path one column before the right edge.
tx_header_fits() {
	txh_cols=$2 txh_db=$3
	tx_poll "$1" 'txh_l=$(head -n 1 "$TX_DIR/screen");
		case $txh_l in *"$txh_db") [ "${#txh_l}" -eq $((txh_cols - 1)) ] ;; *) false ;; esac' &&
		return 0
	tx_dump "$1" "the header was not redrawn for $2 columns"
	return 1
}

# colours FILE: the colours that SGR escapes in FILE select, one a line,
# sorted and unique: fg:N / bg:N (N 0-255, or rgb). Resets, "default
# colour" (39, 49) and attributes (bold, reverse, ...) are not colours.
colours() {
	tr '\033' '\n' <"$1" | sed -n 's/^\[\([0-9;:]*\)m.*/\1/p' | tr ':' ';' | awk -F';' '{
		for (i = 1; i <= NF; i++) {
			p = $i + 0
			if (p >= 30 && p <= 37) print "fg:" p - 30
			else if (p >= 90 && p <= 97) print "fg:" p - 90 + 8
			else if (p >= 40 && p <= 47) print "bg:" p - 40
			else if (p >= 100 && p <= 107) print "bg:" p - 100 + 8
			else if ((p == 38 || p == 48) && $(i + 1) == 5) {
				print (p == 38 ? "fg:" : "bg:") $(i + 2); i += 2
			} else if ((p == 38 || p == 48) && $(i + 1) == 2) {
				print (p == 38 ? "fg:" : "bg:") "rgb"; i += 4
			}
		}
	}' | sort -u
}

# no_colours FILE...: no colour escape in any FILE; else notes them.
no_colours() {
	nc_ok=0
	for nc_f in "$@"; do
		nc_c=$(colours "$nc_f" | tr '\n' ' ')
		if [ -n "$nc_c" ]; then
			echo "colours in $(basename "$nc_f"): $nc_c" >>"$TX_DIR/why"
			nc_ok=1
		fi
	done
	return $nc_ok
}

# high_bytes FILE: how many bytes of FILE are above 127.
high_bytes() {
	LC_ALL=C tr -d '\000-\177' <"$1" | wc -c | tr -d ' '
}

# ascii_only FILE: no byte above 127; else notes the first lines with one.
ascii_only() {
	ao_n=$(high_bytes "$1")
	[ "$ao_n" -eq 0 ] && return 0
	{
		printf '%s bytes above 127 in %s; as UTF-8: ' "$ao_n" "$(basename "$1")"
		LC_ALL=C grep -o "$(printf '[\200-\377][\200-\277]*')" "$1" | sort | uniq -c |
			sort -rn | head -n 8 | awk '{ printf "%s x%s  ", $2, $1 }'
		echo
	} >>"$TX_DIR/why"
	return 1
}
