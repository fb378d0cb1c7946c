#!/bin/sh
# A change shown as saved survives a power cut (CONTRACT section 6: the
# database is opened with synchronous=FULL).
#
# The simulation: the dashboard runs with the LD_PRELOAD shim
# tests/powercut.c, which keeps a copy of the database and of its -wal file
# each time mlmat's SQLite syncs one of them (fsync or fdatasync returned).
# The copies are exactly what a disk is guaranteed to hold after a power
# cut: whatever was written but not synced may be lost, and the shim assumes
# it is (the worst case the kernel allows). The -shm file is never synced
# and SQLite rebuilds it from the WAL, so it is dropped. After a change the
# dashboard is killed with SIGKILL (no exit handler, no checkpoint), and the
# copies are opened as the machine would open them after the power came
# back. No root, no mount, no device mapper: it runs in CI as it runs here.
#
# With synchronous=FULL the change is in the copies. With NORMAL, forced
# through MLMAT_TEST_SYNCHRONOUS=NORMAL (read by the store only for this
# test and the benchmark), it is lost: that run shows the simulation can
# tell the two apart.
# One line per check, then "N passed, M failed"; exits 1 on any failure.
cd "$(dirname "$0")/../.." || exit 2
root=$(pwd)
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$root/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME MLMAT_TEST_SYNCHRONOUS NO_COLOR TMUX
export LANG=C.UTF-8
# A sanitizer build (make sanitize) wants its runtime first among the
# libraries; the shim comes before it here and only passes calls on.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

if [ ! -x "$MLMAT" ]; then
	echo "test_power_cut: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in cc sqlite3 tmux; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_power_cut: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-powercut-XXXXXX") || exit 2
tmp=$(cd "$tmp" && pwd -P)
# shellcheck disable=SC2034 # read by tmux-lib.sh
TM_DIR=$tmp
# shellcheck source=tests/e2e/tmux-lib.sh
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
tm_checks_start

if ! cc -shared -fPIC -o "$tmp/powercut.so" tests/powercut.c -ldl 2>"$tmp/cc.err"; then
	echo "test_power_cut: cannot build the shim: $(cat "$tmp/cc.err")" >&2
	exit 2
fi
if ! "$MLMAT" demo --db "$tmp/demo.db" --teams 2 --quarters 1 --seed 3 >/dev/null 2>"$tmp/demo.err"; then
	bad "mlmat demo makes the database" "$(cat "$tmp/demo.err")"
	echo "$pass passed, $fail failed"
	exit 1
fi
sqlite3 "$tmp/demo.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
rm -f "$tmp/demo.db-wal" "$tmp/demo.db-shm"
tm_setup || { bad "tmux starts"; echo "$pass passed, $fail failed"; exit 1; }

# state DB: what a change touches, as one line.
state() {
	sqlite3 "$1" "SELECT (SELECT count(*) FROM audit) || ' audit rows; answers ' ||
		(SELECT group_concat(criterion_id || '=' || answer, ',') FROM
		 (SELECT criterion_id, answer FROM answers ORDER BY assessment_id, criterion_id));" 2>&1
}

# run SYNC: the dashboard on a fresh copy under the shim; answers two
# criteria of the first team's assessment (y then n: at least one differs
# from what it was), waits until both are committed, then cuts the power.
# Leaves the live state in $tmp/SYNC.live, the state after the cut in
# $tmp/SYNC.after and the state before in $tmp/SYNC.before.
run() {
	d=$tmp/$1
	mkdir -p "$d/disk"
	cp "$tmp/demo.db" "$d/mlmat.db"
	cp "$tmp/demo.db" "$d/disk/mlmat.db"    # synced before mlmat starts
	state "$d/mlmat.db" >"$tmp/$1.before"
	sync_env=""
	[ "$1" = NORMAL ] && sync_env="MLMAT_TEST_SYNCHRONOUS=NORMAL"
	tm_start "pc$1" 100 30 "env $sync_env LD_PRELOAD=$(shq "$tmp/powercut.so") \
POWERCUT_DB=$(shq "$d/mlmat.db") POWERCUT_DIR=$(shq "$d/disk") LANG=C.UTF-8 TERM=xterm-256color \
$(shq "$MLMAT") --db $(shq "$d/mlmat.db")" || return 1
	wait_re "pc$1" '[0-9]{4}-Q[1-4]' || return 1
	tm_keys "pc$1" Enter
	wait_re "pc$1" '\[[ x~?-]\]|yes|partly' || return 1
	before_audit=$(sqlite3 "$d/mlmat.db" 'SELECT count(*) FROM audit')
	tm_keys "pc$1" y
	tm_keys "pc$1" n
	# Two audited changes, or one when a key gave the answer already there.
	i=0
	while [ "$i" -lt 100 ]; do
		n=$(sqlite3 "$d/mlmat.db" 'SELECT count(*) FROM audit' 2>/dev/null)
		[ "${n:-0}" -ge $((before_audit + 2)) ] && break
		sleep 0.05
		i=$((i + 1))
	done
	state "$d/mlmat.db" >"$tmp/$1.live"
	pid=$(tm_pid "pc$1")
	kill -KILL "$pid"
	wait_pid_gone "$pid" >/dev/null 2>&1
	tm kill-session -t "=pc$1" >/dev/null 2>&1
	# The power comes back: the disk holds the synced copies, no -shm.
	state "$d/disk/mlmat.db" >"$tmp/$1.after"
}

if run FULL; then
	if [ "$(cat "$tmp/FULL.live")" = "$(cat "$tmp/FULL.before")" ]; then
		bad "the dashboard saves two answers (FULL)" "state: $(cat "$tmp/FULL.live")"
	elif [ "$(cat "$tmp/FULL.after")" = "$(cat "$tmp/FULL.live")" ]; then
		ok "synchronous=FULL: the answers shown as saved are on disk after a power cut"
	else
		bad "synchronous=FULL: the answers shown as saved are on disk after a power cut" \
			"shown: $(cut -c1-200 "$tmp/FULL.live")" "after the cut: $(cut -c1-200 "$tmp/FULL.after")"
	fi
	chk=$(sqlite3 "$tmp/FULL/disk/mlmat.db" 'PRAGMA integrity_check;' 2>&1)
	if [ "$chk" = ok ]; then
		ok "synchronous=FULL: the database after the power cut is intact"
	else
		bad "synchronous=FULL: the database after the power cut is intact" "$chk"
	fi
else
	bad "the dashboard runs under the power-cut shim (FULL)"
fi

if run NORMAL; then
	if [ "$(cat "$tmp/NORMAL.live")" = "$(cat "$tmp/NORMAL.before")" ]; then
		bad "the dashboard saves two answers (NORMAL)" "state: $(cat "$tmp/NORMAL.live")"
	elif [ "$(cat "$tmp/NORMAL.after")" = "$(cat "$tmp/NORMAL.before")" ]; then
		ok "synchronous=NORMAL (the old setting) loses the answers in the same power cut: the simulation tells the two apart"
	else
		bad "synchronous=NORMAL (the old setting) loses the answers in the same power cut: the simulation tells the two apart" \
			"before: $(cut -c1-200 "$tmp/NORMAL.before")" "after the cut: $(cut -c1-200 "$tmp/NORMAL.after")"
	fi
else
	bad "the dashboard runs under the power-cut shim (NORMAL)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
