#!/bin/sh
# End-to-end checks of mlmat backup and restore (CONTRACT section 6, issue 16
# item 4) on the real binary, with dashboards in tmux:
# - backups taken while a dashboard answers are each a whole mlmat database
#   (integrity_check, application_id, schema version, DELETE journal mode,
#   audit chain intact), and the last one holds exactly what the dashboard
#   saved; the database's file is not changed by a backup; an existing FILE
#   is refused without --force and replaced with it;
# - a restore while a dashboard is open: the dashboard shows the restored
#   teams within 1.5 s without calling the file replaced, keeps the file's
#   inode, saves the next answer into the restored data, while one that
#   held an assessment open refuses to write into another assessment now
#   under its id; integrity_check
#   and the audit chain hold, a 'restore' row names FILE and the copy kept
#   before, which holds the old data;
# - a restore refused: a file that is not mlmat's (database byte for byte
#   unchanged), changes FILE does not hold without --force; an older schema
#   restored is upgraded.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_backup: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in tmux sqlite3 sha256sum stat; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_backup: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-backup-XXXXXX") || exit 2
TM_DIR=$tmp
. tests/e2e/tmux-lib.sh
writer=""
cleanup() {
	[ -n "$writer" ] && kill "$writer" 2>/dev/null
	tm_cleanup
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_backup: cannot start tmux" >&2; exit 2; }
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"

tm_checks_start

hash() {
	if [ -e "$1" ]; then sha256sum <"$1" | cut -d' ' -f1; else echo absent; fi
}

# check NAME CONDITION-STATUS [WHY...]
check() {
	ch_name=$1 ch_rc=$2
	shift 2
	if [ "$ch_rc" -eq 0 ]; then ok "$ch_name"; else bad "$ch_name" "$@"; fi
}

# whole FILE: what makes FILE a standalone mlmat database, as one line.
whole() {
	sqlite3 "$1" 'PRAGMA integrity_check; PRAGMA application_id; PRAGMA user_version;
		PRAGMA journal_mode;' 2>&1 | tr '\n' ' '
	"$MLMAT" audit verify --db "$1" 2>&1 | head -n 1
}

criteria() {
	"$MLMAT" export --db "$1" --what criteria
}

demo() {
	"$MLMAT" demo --db "$1" --teams "$2" --quarters "$3" --seed "$4" >/dev/null 2>&1 ||
		{ echo "test_backup: mlmat demo failed" >&2; exit 2; }
}

# ---- backups while a dashboard writes --------------------------------------

db=$tmp/live/mlmat.db
mkdir -p "$tmp/live" "$tmp/bk"
demo "$db" 2 2 1
# The schema version this mlmat writes.
version=$(sqlite3 "$db" 'PRAGMA user_version')
tm_dash A 100 30 "$db"
wait_for A "Payments ML" >/dev/null
tm_keys A Enter
wait_re A "dimension 1 of [0-9]+" >/dev/null
# The writer answers criterion after criterion (the selection moves on
# after each answer) while the backups run.
(
	i=0
	while [ "$i" -lt 120 ]; do
		case $((i % 3)) in 0) k=y ;; 1) k=n ;; *) k=p ;; esac
		tm_keys A "$k" 2>/dev/null
		sleep 0.02
		i=$((i + 1))
	done
) &
writer=$!
# Backups one after another for as long as the writer runs, each checked
# at once.
n=0 good=0 why=""
while kill -0 "$writer" 2>/dev/null || [ "$n" -lt 3 ]; do
	n=$((n + 1))
	b=$tmp/bk/b$n.db
	"$MLMAT" backup --db "$db" "$b" 2>"$tmp/bk/err" || echo "exit $?" >>"$tmp/bk/err"
	w=$(whole "$b")
	case $w in
	"ok 1835822452 $version delete audit: "*", chain intact") good=$((good + 1)) ;;
	*) why="$why b$n: $w $(cat "$tmp/bk/err");" ;;
	esac
	[ -e "$b-wal" ] && why="$why b$n has a -wal beside it;"
	rm -f "$b"
done
wait "$writer"
writer=""
check "$n backups taken while a dashboard answers are each a whole mlmat database (DELETE mode, chain intact)" \
	"$([ "$good" -eq "$n" ] && [ -z "$why" ]; echo $?)" "$why"
answers=$(sqlite3 "$db" 'SELECT count(*) FROM audit WHERE action = '"'answer'"';')
check "the dashboard saved answers meanwhile" "$([ "${answers:-0}" -gt 0 ]; echo $?)" "answers audited: $answers"
wait_settled A "dimension" >/dev/null
"$MLMAT" backup --db "$db" "$tmp/bk/last.db"
criteria "$db" >"$tmp/live.csv"
criteria "$tmp/bk/last.db" >"$tmp/last.csv"
check "a backup after the last answer holds every saved answer (the -wal's included)" \
	"$(cmp -s "$tmp/live.csv" "$tmp/last.csv"; echo $?)" "$(diff "$tmp/live.csv" "$tmp/last.csv" | head -5)"
tm_keys A q q
wait_session_gone A >/dev/null

# ---- backup reads only; FILE rules ---------------------------------------------

sum=$(hash "$db")
"$MLMAT" backup --db "$db" "$tmp/bk/quiet.db"
check "a backup leaves the database file byte for byte" "$([ "$(hash "$db")" = "$sum" ]; echo $?)"
bsum=$(hash "$tmp/bk/quiet.db")
"$MLMAT" backup --db "$db" "$tmp/bk/quiet.db" 2>"$tmp/err"
rc=$?
check "an existing FILE is refused without --force (exit 1), left as it was" \
	"$([ "$rc" -eq 1 ] && grep -q 'already exists' "$tmp/err" && [ "$(hash "$tmp/bk/quiet.db")" = "$bsum" ]; echo $?)" \
	"exit $rc: $(cat "$tmp/err")"
demo "$tmp/other.db" 1 1 5
"$MLMAT" backup --db "$tmp/other.db" "$tmp/bk/quiet.db" --force
rc=$?
criteria "$tmp/other.db" >"$tmp/other.csv"
check "--force replaces it with a whole copy" \
	"$([ "$rc" -eq 0 ] && criteria "$tmp/bk/quiet.db" | cmp -s - "$tmp/other.csv"; echo $?)" "exit $rc"
ls -A "$tmp/bk" | grep -q '^\.mlmat-backup' && bad "no temporary file is left behind" "$(ls -A "$tmp/bk")" ||
	ok "no temporary file is left behind"

# ---- restore while a dashboard is open --------------------------------------

demo "$tmp/src.db" 3 3 7
ino=$(stat -c %i "$db")
tm_dash B 100 30 "$db"
wait_for B "Payments ML" >/dev/null
# C has an assessment open: after the restore its id is another's.
tm_dash C 100 30 "$db"
wait_for C "Payments ML" >/dev/null
tm_keys C Enter
wait_re C "dimension 1 of [0-9]+" >/dev/null
if wait_for B "Fraud Detection" 2 >/dev/null; then
	bad "the dashboard does not show the other history before the restore"
fi
: >"$TM_DIR/why"
# --force: another history replaces this one's changes.
"$MLMAT" restore --db "$db" "$tmp/src.db" --force >"$tmp/out" 2>"$tmp/err"
rc=$?
start=$(now_ms)
check "restore exits 0 and names the copy kept before" \
	"$([ "$rc" -eq 0 ] && grep -q 'before-restore-' "$tmp/out"; echo $?)" "exit $rc: $(cat "$tmp/out" "$tmp/err")"
if wait_for B "Fraud Detection" 30; then
	ok "the open dashboard shows the restored teams within 1.5 s ($(($(now_ms) - start)) ms)"
else
	bad "the open dashboard shows the restored teams within 1.5 s"
fi
lost='Database file replaced or deleted'
check "the dashboard does not take the restore for a replaced file" \
	"$(! grep -qF "$lost" "$TM_DIR/screen"; echo $?)" "$(sed 's/^/|/' "$TM_DIR/screen")"
check "the database file keeps its inode" "$([ "$(stat -c %i "$db")" = "$ino" ]; echo $?)"
ic=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
check "integrity_check is ok with the dashboard open" "$([ "$ic" = ok ]; echo $?)" "$ic"
n_audit=$(sqlite3 "$db" "SELECT count(*) FROM audit")
tm_keys C Space
# The dashboard may have re-read the assessment first and ask whether to
# change one that is not the team's latest: yes, and the store refuses.
tm_poll C 'grep -q "Change it anyway" "$TM_DIR/screen" || grep -q "is another one now" "$TM_DIR/screen"' 100
if grep -q "Change it anyway" "$TM_DIR/screen"; then
	tm_keys C y
fi
if wait_for C "is another one now" 100 >/dev/null; then
	ok "an assessment held open across the restore refuses a change: it is another one now"
else
	bad "an assessment held open across the restore refuses a change: it is another one now"
fi
check "nothing was written into the restored assessment under that id" \
	"$([ "$(sqlite3 "$db" "SELECT count(*) FROM audit")" = "$n_audit" ]; echo $?)"
tm_keys C q q
tm_keys B Enter
wait_re B "dimension 1 of [0-9]+" >/dev/null
before_answers=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'answer'")
tm_keys B Space
tm_poll B '[ "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = '"'answer'"'")" -gt "$before_answers" ]' >/dev/null
check "the dashboard saves its next answer into the restored data" \
	"$([ "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'answer'")" -gt "$before_answers" ] &&
		! grep -qF "$lost" "$TM_DIR/screen"; echo $?)" "$(sed 's/^/|/' "$TM_DIR/screen")"
tm_keys B q q
wait_session_gone B >/dev/null
check "after the dashboard quits: integrity_check ok, audit chain intact" \
	"$(whole "$db" | grep -q '^ok .*chain intact'; echo $?)" "$(whole "$db")"
"$MLMAT" export --db "$db" --what audit >"$tmp/audit.csv"
before=$(ls "$tmp"/live/mlmat.db.before-restore-* 2>/dev/null | head -n 1)
check "an audited 'restore' row names FILE and the copy before" \
	"$(grep ',restore,' "$tmp/audit.csv" | grep -F "$tmp/src.db" | grep -qF "$before"; echo $?)" \
	"$(grep ',restore,' "$tmp/audit.csv")"
check "the copy before is a whole database holding the old teams only" \
	"$([ -n "$before" ] && whole "$before" | grep -q '^ok .*chain intact' &&
		criteria "$before" | grep -q 'Payments ML' && ! criteria "$before" | grep -q 'Fraud Detection'; echo $?)" \
	"${before:-no copy}"

# ---- restores refused, and an older schema ----------------------------------

printf 'not a database\n' >"$tmp/text.db"
sum=$(hash "$db")
"$MLMAT" restore --db "$db" "$tmp/text.db" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a file that is not mlmat's is refused (exit 1), the database byte for byte unchanged" \
	"$([ "$rc" -eq 1 ] && grep -q '^mlmat: .*not an SQLite database' "$tmp/err" && [ ! -s "$tmp/out" ] &&
		[ "$(hash "$db")" = "$sum" ]; echo $?)" "exit $rc: $(cat "$tmp/err")"
"$MLMAT" restore --db "$db" "$tmp/src.db" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "changes FILE does not hold are not replaced without --force (exit 1)" \
	"$([ "$rc" -eq 1 ] && grep -q 'has changes that .* does not hold' "$tmp/err" && [ "$(hash "$db")" = "$sum" ]; echo $?)" \
	"exit $rc: $(cat "$tmp/err")"
sleep 1 # a new second: the copy before gets its own name
"$MLMAT" restore --db "$db" "$tmp/src.db" --force >"$tmp/out" 2>"$tmp/err"
rc=$?
check "--force restores them anyway, keeping another copy before" \
	"$([ "$rc" -eq 0 ] && [ "$(ls "$tmp"/live/mlmat.db.before-restore-* | wc -l)" -eq 2 ]; echo $?)" \
	"exit $rc: $(cat "$tmp/err")"
sqlite3 "$tmp/v2.db" <tests/fixtures/schema-v2.sql
"$MLMAT" restore --db "$tmp/old/mlmat.db" "$tmp/v2.db" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a version 2 file restored into a new database is upgraded to version $version, chain intact" \
	"$([ "$rc" -eq 0 ] && whole "$tmp/old/mlmat.db" | grep -q "^ok 1835822452 $version wal audit: .*chain intact"; echo $?)" \
	"exit $rc: $(cat "$tmp/err") $(whole "$tmp/old/mlmat.db")"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
