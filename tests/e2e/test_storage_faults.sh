#!/bin/sh
# Storage faults say what they are (issue 13): a full disk says "disk
# full", not the error of the rollback after it ("cannot rollback - no
# transaction is active" used to hide it), when a new database is created
# and when the dashboard saves a change.
#
# The full disk is the LD_PRELOAD shim tests/diskfull.c: a write that would
# make the database, its -wal or -journal larger than DISKFULL_BYTES fails
# with ENOSPC, which is what write(2) says on a full file system. It needs
# no root and no mount (CI has no small tmpfs to fill), and SQLite sees the
# same error it would see on a full disk. Read-only folders, symbolic links,
# FIFOs, devices and -shm files that lock others out are cases of
# tests/fixtures/bad-input.tsv and tests/unit/test_store_open.c.
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
	echo "test_storage_faults: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in cc sqlite3 tmux; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_storage_faults: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-faults-XXXXXX") || exit 2
tmp=$(cd "$tmp" && pwd -P)
# shellcheck disable=SC2034 # read by tmux-lib.sh
TM_DIR=$tmp
# shellcheck source=tests/e2e/tmux-lib.sh
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
tm_checks_start

if ! cc -shared -fPIC -o "$tmp/diskfull.so" tests/diskfull.c -ldl 2>"$tmp/cc.err"; then
	echo "test_storage_faults: cannot build the shim: $(cat "$tmp/cc.err")" >&2
	exit 2
fi

# full BYTES DB COMMAND...: COMMAND with the disk full for DB past BYTES.
full() {
	f_bytes=$1 f_db=$2
	shift 2
	env LD_PRELOAD="$tmp/diskfull.so" DISKFULL_DB="$f_db" DISKFULL_BYTES="$f_bytes" "$@"
}

# -- creating a database: the schema upgrade fails (a small and a larger
# disk: the first write, or the commit)
for bytes in 20000 200000; do
	db=$tmp/new-$bytes.db
	full "$bytes" "$db" "$MLMAT" demo --db "$db" --teams 1 --quarters 1 >"$tmp/out" 2>"$tmp/err"
	rc=$?
	what="demo on a full disk ($bytes bytes): exit 1, 'mlmat: DB: ... disk full', no rollback error"
	if [ "$rc" -eq 1 ] && grep -q "^mlmat: $db: .*disk full" "$tmp/err" &&
		! grep -qi 'rollback' "$tmp/err" && [ ! -s "$tmp/out" ]; then
		ok "$what"
	else
		bad "$what" "exit $rc" "stderr: $(cat "$tmp/err")"
	fi
done

# -- a change in the dashboard
if ! "$MLMAT" demo --db "$tmp/demo.db" --teams 2 --quarters 1 --seed 4 >/dev/null 2>"$tmp/err"; then
	bad "mlmat demo makes the database" "$(cat "$tmp/err")"
else
	sqlite3 "$tmp/demo.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
	rm -f "$tmp/demo.db-wal" "$tmp/demo.db-shm"
	audit0=$(sqlite3 "$tmp/demo.db" 'SELECT count(*) FROM audit')
	tm_setup || { bad "tmux starts"; echo "$pass passed, $fail failed"; exit 1; }
	# 4096 bytes: the WAL cannot take one page.
	tm_start full 200 30 "env LD_PRELOAD=$(shq "$tmp/diskfull.so") DISKFULL_DB=$(shq "$tmp/demo.db") \
DISKFULL_BYTES=4096 LANG=C.UTF-8 TERM=xterm-256color $(shq "$MLMAT") --db $(shq "$tmp/demo.db")"
	what="dashboard on a full disk: an answer says 'Not saved: ... disk full'"
	if wait_re full '[0-9]{4}-Q[1-4]' && tm_keys full Enter &&
		wait_re full '\[[ x~?-]\]|yes|partly' && tm_keys full Space &&
		wait_re full 'Not saved:.*disk full'; then
		ok "$what"
	else
		bad "$what"
	fi
	tm_keys full q q q
	tm kill-session -t =full >/dev/null 2>&1
	# The dashboard may still be exiting (its locks going with it): wait
	# for them rather than read "database is locked".
	audit1=$(sqlite3 -cmd '.timeout 10000' "$tmp/demo.db" 'SELECT count(*) FROM audit')
	if [ "$audit1" = "$audit0" ]; then
		ok "dashboard on a full disk: nothing of the change is saved"
	else
		bad "dashboard on a full disk: nothing of the change is saved" "audit rows $audit0 -> $audit1"
	fi
fi

# -- a database in a folder mlmat cannot write: the WAL's -wal and -shm
# cannot be made there, so it opens read-only and says so (as root every
# folder is writable: skipped)
if [ "$(id -u)" -eq 0 ]; then
	echo "skip - dashboard in a read-only folder: as root every folder is writable"
elif [ -f "$tmp/demo.db" ]; then
	mkdir "$tmp/ro" && cp "$tmp/demo.db" "$tmp/ro/mlmat.db" && chmod 0555 "$tmp/ro"
	tm_start ro 120 30 "env LANG=C.UTF-8 TERM=xterm-256color $(shq "$MLMAT") --db $(shq "$tmp/ro/mlmat.db"); echo EXIT=\$?; exec sleep 60"
	what="dashboard in a read-only folder: opens, '[read-only]' on the status line"
	if wait_re ro '\[read-only\]' && wait_re ro '[0-9]{4}-Q[1-4]'; then
		ok "$what"
	else
		bad "$what"
	fi
	tm_keys ro q
	tm kill-session -t =ro >/dev/null 2>&1
	chmod 0755 "$tmp/ro"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
