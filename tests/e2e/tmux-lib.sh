# Helpers for driving the real mlmat dashboard in tmux; sourced by
# tests/e2e/test_tui.sh (POSIX sh). Every session lives on a private server
# (tmux -L mlmat-test-PID, no config file); screens are read back with
# capture-pane and polled every 50 ms, never waited for with fixed sleeps.
#
# A capture can catch the program half way through drawing a screen (the
# terminal gets it in chunks): the top rows new, the rest still the old
# screen. So a check looks only at a capture that one wait found complete
# for it: everything it checks together is waited for together (wait_all,
# wait_until), and a capture kept to compare with later is taken once the
# screen has settled (wait_settled), never right after a wait for
# something else.
#
# Needs: MLMAT (the binary) and TM_DIR (a scratch folder) set by the caller.
# A failing wait notes why, with the screen, in $TM_DIR/why.
# Call tm_setup once, and tm_cleanup at exit.

# shellcheck disable=SC2016,SC2034 # tm_poll eval-s its test, which reads wf_text & co.
TM_SOCKET=mlmat-test-$$
TM_POLLS=${TM_POLLS:-400}       # polls of 50 ms: 20 s (sanitizer builds on a busy machine)

tm() {
	tmux -u -L "$TM_SOCKET" -f /dev/null "$@"
}

# A session that idles for the whole run, so that the server does not exit
# (and race the next new-session) whenever the last dashboard quits.
tm_setup() {
	tm new-session -d -s keep -x 80 -y 24 'exec sleep 3600' &&
		TM_SOCKET_PATH=$(tm display -p -t =keep: '#{socket_path}')
}

# Kills the server, and then (by pid) whatever its panes ran that outlived
# it: a dashboard that misses its SIGHUP would otherwise spin on.
tm_cleanup() {
	tmc_panes=$(tm list-panes -a -F '#{pane_pid}' 2>/dev/null)
	tmc_pids=$tmc_panes
	for tmc_p in $tmc_panes; do tmc_pids="$tmc_pids $(pgrep -P "$tmc_p")"; done
	tm kill-server >/dev/null 2>&1
	tmc_i=0
	while [ "$tmc_i" -lt 20 ]; do
		tmc_left=""
		for tmc_p in $tmc_pids; do
			kill -0 "$tmc_p" 2>/dev/null && tmc_left="$tmc_left $tmc_p"
		done
		[ -z "$tmc_left" ] && break
		sleep 0.05
		tmc_i=$((tmc_i + 1))
	done
	for tmc_p in $tmc_left; do kill -KILL "$tmc_p" 2>/dev/null; done
	[ -n "${TM_SOCKET_PATH:-}" ] && rm -f "$TM_SOCKET_PATH"
}

# shq STRING: STRING quoted for sh.
shq() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# tm_start NAME COLS LINES COMMAND: a detached session running COMMAND (sh).
tm_start() {
	tm kill-session -t "=$1" >/dev/null 2>&1
	tm new-session -d -s "$1" -x "$2" -y "$3" "$4"
}

# Targets: "=NAME" is exactly the session NAME, "=NAME:" its (only) window
# and pane.

# tm_dash NAME COLS LINES DB [ARGS...]: the dashboard on DB. env execs
# mlmat, so the pane's pid is mlmat's.
tm_dash() {
	tmd_name=$1 tmd_cols=$2 tmd_lines=$3 tmd_db=$4
	shift 4
	tmd_cmd="env LANG=C.UTF-8 TERM=xterm-256color $(shq "$MLMAT") --db $(shq "$tmd_db")"
	for tmd_a in "$@"; do tmd_cmd="$tmd_cmd $(shq "$tmd_a")"; done
	tm_start "$tmd_name" "$tmd_cols" "$tmd_lines" "$tmd_cmd"
}

tm_pid() {
	tm list-panes -t "=$1:" -F '#{pane_pid}' 2>/dev/null | head -n 1
}

# tm_keys NAME KEY...: tmux key names (Enter, Tab, BTab, C-u, Space, ...).
tm_keys() {
	tmk_s=$1
	shift
	tm send-keys -t "=$tmk_s:" "$@"
}

# tm_type NAME TEXT: TEXT literally (UTF-8 included).
tm_type() {
	tm send-keys -t "=$1:" -l -- "$2"
}

# tm_screen NAME: the visible screen as plain text.
tm_screen() {
	tm capture-pane -p -t "=$1:" 2>/dev/null
}

# tm_dump NAME WHY: notes WHY and the screen in $TM_DIR/why, which the test
# prints under its next failing check.
tm_dump() {
	{
		echo "$2; screen of '$1':"
		if tm has-session -t "=$1" 2>/dev/null; then
			tm_screen "$1" | sed 's/^/|/'
		else
			echo "(session '$1' is gone)"
		fi
	} >>"$TM_DIR/why"
}

# tm_poll NAME TEST [POLLS]: runs the command TEST with the screen in
# $TM_DIR/screen every 50 ms until it succeeds; false on timeout, or at once
# when the session has gone (no dump).
tm_poll() {
	tmp_s=$1 tmp_test=$2 tmp_n=${3:-$TM_POLLS} tmp_i=0
	while [ "$tmp_i" -lt "$tmp_n" ]; do
		if ! tm_screen "$tmp_s" >"$TM_DIR/screen"; then
			tm has-session -t "=$tmp_s" 2>/dev/null || return 1
		elif eval "$tmp_test"; then
			return 0
		fi
		sleep 0.05
		tmp_i=$((tmp_i + 1))
	done
	return 1
}

# wait_for NAME TEXT [POLLS]: until the screen shows TEXT (fixed string);
# on timeout prints the screen and fails.
wait_for() {
	wf_text=$2
	tm_poll "$1" 'grep -qF -- "$wf_text" "$TM_DIR/screen"' "${3:-}" && return 0
	tm_dump "$1" "timed out waiting for '$2'"
	return 1
}

# wait_re NAME ERE [POLLS]: like wait_for with an extended regular expression.
wait_re() {
	wr_re=$2
	tm_poll "$1" 'grep -qE -- "$wr_re" "$TM_DIR/screen"' "${3:-}" && return 0
	tm_dump "$1" "timed out waiting for /$2/"
	return 1
}

# wait_all NAME TEXT...: until one screen shows every TEXT (fixed strings).
wait_all() {
	wa_s=$1
	shift
	: >"$TM_DIR/want"
	for wa_t in "$@"; do printf '%s\n' "$wa_t" >>"$TM_DIR/want"; done
	tm_poll "$wa_s" 'screen_has_all' && return 0
	tm_dump "$wa_s" "timed out waiting for all of: $(tr '\n' '|' <"$TM_DIR/want")"
	return 1
}

# screen_has_all: $TM_DIR/screen shows every line of $TM_DIR/want.
screen_has_all() {
	while IFS= read -r sha_t; do
		grep -qF -- "$sha_t" "$TM_DIR/screen" || return 1
	done <"$TM_DIR/want"
	return 0
}

# wait_until NAME WHAT TEST [POLLS]: tm_poll with a name for the wait: on
# timeout notes "timed out waiting for WHAT" and the screen.
wait_until() {
	tm_poll "$1" "$3" "${4:-}" && return 0
	tm_dump "$1" "timed out waiting for $2"
	return 1
}

# wait_settled NAME TEXT: until the screen shows TEXT and has not changed
# over three captures in a row (a tenth of a second at least): the
# dashboard draws only on a change, so this is a whole frame. Leaves it in
# $TM_DIR/screen.
wait_settled() {
	ws_text=$2 ws_same=0
	: >"$TM_DIR/settle"
	tm_poll "$1" 'if grep -qF -- "$ws_text" "$TM_DIR/screen" && cmp -s "$TM_DIR/screen" "$TM_DIR/settle"; then
			ws_same=$((ws_same + 1)); else ws_same=0; fi
		cp "$TM_DIR/screen" "$TM_DIR/settle"; [ "$ws_same" -ge 2 ]' && return 0
	tm_dump "$1" "timed out waiting for '$2' on a screen that stays the same"
	return 1
}

# wait_gone NAME TEXT: until the screen no longer shows TEXT.
wait_gone() {
	wg_text=$2
	tm_poll "$1" '! grep -qF -- "$wg_text" "$TM_DIR/screen"' "${3:-}" && return 0
	tm_dump "$1" "timed out waiting for '$2' to go"
	return 1
}

# wait_pid_gone PID: until the process has exited (a zombie that tmux has
# not reaped yet counts as gone).
wait_pid_gone() {
	wp_i=0
	while [ "$wp_i" -lt "$TM_POLLS" ]; do
		kill -0 "$1" 2>/dev/null || return 0
		case $(ps -o stat= -p "$1" 2>/dev/null) in Z*) return 0 ;; esac
		sleep 0.05
		wp_i=$((wp_i + 1))
	done
	echo "process $1 still runs after $((TM_POLLS / 20)) s: $(ps -o stat=,args= -p "$1" 2>/dev/null)" >>"$TM_DIR/why"
	return 1
}

# wait_session_gone NAME: until the session has closed (its program exited).
wait_session_gone() {
	ws_i=0
	while [ "$ws_i" -lt "$TM_POLLS" ]; do
		tm has-session -t "=$1" 2>/dev/null || return 0
		sleep 0.05
		ws_i=$((ws_i + 1))
	done
	tm_dump "$1" "the session is still there after $((TM_POLLS / 20)) s"
	return 1
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# tm_resize NAME COLS LINES: as if the user resized the terminal. On a
# detached session resize-window also switches the window to a manual size,
# so no client (there is none) sizes it back.
tm_resize() {
	tm resize-window -t "=$1:" -x "$2" -y "$3"
}

# Counting checks: ok DESCRIPTION, or bad DESCRIPTION [WHY...], which also
# prints what the failing waits noted in $TM_DIR/why. tm_checks_start resets
# the counts.
tm_checks_start() {
	pass=0
	fail=0
	: >"$TM_DIR/why"
}

ok() {
	pass=$((pass + 1))
	echo "ok - $1"
	: >"$TM_DIR/why"
}

bad() {
	fail=$((fail + 1))
	echo "not ok - $1"
	shift
	for why in "$@"; do echo "#   $why"; done
	sed 's/^/#   /' "$TM_DIR/why"
	: >"$TM_DIR/why"
}
