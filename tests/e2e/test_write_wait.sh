#!/bin/sh
# A change that waits for another process's write says so: while another
# connection holds the write lock (a demo or an import would), an answer
# typed in the dashboard shows "Waiting for another writer" on the status
# line, and is saved once the lock is let go. The lock holder is Python's
# sqlite3 module, BEGIN IMMEDIATE held for 3 s.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8
for tool in tmux python3 pgrep; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_write_wait: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-wait-XXXXXX") || exit 2
TM_DIR=$tmp
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_write_wait: cannot start tmux" >&2; exit 2; }
tm_checks_start

db=$tmp/w.db
"$MLMAT" demo --db "$db" --teams 1 --quarters 1 --seed 5 >/dev/null 2>"$tmp/demo.err" ||
	echo "demo: $(cat "$tmp/demo.err")" >>"$tmp/why"

# The first criterion's answer, as the database holds it.
first_answer() {
	"$MLMAT" export --db "$db" --what criteria 2>&1 | python3 -c '
import csv, sys
print(next(csv.DictReader(sys.stdin))["answer"])'
}

tm_dash A 100 30 "$db"
wait_for A 'Level progress'
tm_keys A Enter
wait_re A 'dimension 1 of'
before=$(first_answer)
if [ "$before" = no ]; then key=y want=yes; else key=n want=no; fi

python3 - "$db" "$tmp/locked" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(3)
c.execute("ROLLBACK")
PY
holder=$!
tm_poll A '[ -e "$tmp/locked" ]' >/dev/null
tm_keys A "$key"
if wait_for A 'Waiting for another writer'; then
	ok "an answer typed while another process writes says it waits"
else
	bad "an answer typed while another process writes says it waits"
fi
wait "$holder"
if tm_poll A '[ "$(first_answer)" = "$want" ]'; then
	ok "the answer is saved once the other writer lets go ($before -> $want)"
else
	bad "the answer is saved once the other writer lets go" "answer: $(first_answer), want $want"
fi

tm_keys A q
wait_for A 'Level progress' && tm_keys A q
if wait_session_gone A; then ok "the dashboard quits"; else bad "the dashboard quits"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
