#!/bin/sh
# The tamper-evident audit log (CONTRACT section 6): `mlmat audit verify` on
# a demo database says the chain is intact and prints the last hash; the
# hashes of `export --what audit` equal a recomputation in python3 from the
# exported fields alone; then, each on its own copy, a row edited, a row
# deleted and rows inserted with the sqlite3 tool (dropping the append-only
# triggers first and putting them back, as an attacker would) make `audit
# verify` exit 1 naming the first row whose hash does not match. Also: an
# old (schema version 1) database gets its rows chained on upgrade, verify
# only reads, and the command's usage and errors.
# One line per check, then "N passed, M failed"; exits 1 on any failure.
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_audit: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
command -v sqlite3 >/dev/null 2>&1 || { echo "test_audit: sqlite3 is needed" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-audit-XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() {
	fail=$((fail + 1))
	echo "not ok - $1"
	shift
	for why in "$@"; do printf '%s\n' "$why" | sed 's/^/#   /'; done
}
# check WHAT STATUS: passes when STATUS (a condition's $?) is 0.
check() {
	if [ "$2" -eq 0 ]; then ok "$1"; else bad "$1"; fi
}

good=$tmp/good.db
if ! "$MLMAT" demo --db "$good" --teams 3 --quarters 2 --seed 5 >/dev/null 2>"$tmp/err"; then
	echo "test_audit: mlmat demo failed: $(cat "$tmp/err")" >&2
	exit 2
fi
sqlite3 "$good" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
rows=$(sqlite3 "$good" 'SELECT count(*) FROM audit')

# ---- intact ----
"$MLMAT" audit verify --db "$good" >"$tmp/out" 2>"$tmp/err"
rc=$?
last=$(sqlite3 "$good" 'SELECT hash FROM audit ORDER BY id DESC LIMIT 1')
if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ] &&
	[ "$(sed -n 1p "$tmp/out")" = "audit: $rows rows, chain intact" ] &&
	[ "$(sed -n 2p "$tmp/out")" = "last hash: $last" ]; then
	ok "verify on a demo database: exit 0, 'audit: $rows rows, chain intact' and the last hash"
else
	bad "verify on a demo database: exit 0, 'audit: $rows rows, chain intact' and the last hash" \
		"exit $rc" "stdout: $(cat "$tmp/out")" "stderr: $(cat "$tmp/err")" "last row's hash: $last"
fi

# ---- the export's hashes, recomputed independently ----
"$MLMAT" export --db "$good" --what audit >"$tmp/audit.csv" 2>"$tmp/err"
if python3 - "$tmp/audit.csv" "$last" >"$tmp/py" 2>&1 <<'PY'
import csv, hashlib, re, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0] == ["at", "os_user", "assessment_id", "action", "detail", "hash"], rows[0]
prev = "0" * 64
for n, r in enumerate(rows[1:], 1):
    at, user, aid, action, detail, h = r
    want = hashlib.sha256("\n".join([prev, at, user, aid, action, detail, ""]).encode()).hexdigest()
    if h != want or not re.fullmatch(r"[0-9a-f]{64}", h):
        print("row %d: export %r, recomputed %s" % (n, h, want))
        sys.exit(1)
    prev = h
if prev != sys.argv[2]:
    print("last recomputed %s, verify printed %s" % (prev, sys.argv[2]))
    sys.exit(1)
print("%d rows" % (len(rows) - 1))
PY
then
	ok "export --what audit: every hash equals python3's recomputation from the exported fields ($(cat "$tmp/py"))"
else
	bad "export --what audit: every hash equals python3's recomputation from the exported fields" "$(cat "$tmp/py")"
fi

# ---- verify only reads ----
before=$(cksum <"$good")
"$MLMAT" audit verify --db "$good" >/dev/null 2>&1
[ "$(cksum <"$good")" = "$before" ]
check "verify leaves the database file as it was" $?

# ---- tampering, each on its own copy ----
# tamper NAME SQL: a copy of the good database changed by SQL run between
# dropping the append-only triggers and creating them again.
tamper() {
	t_db=$tmp/$1.db
	cp "$good" "$t_db"
	sqlite3 "$t_db" >/dev/null 2>"$tmp/sqlerr" <<SQL || echo "sqlite3: $(cat "$tmp/sqlerr")" >&2
DROP TRIGGER audit_no_update;
DROP TRIGGER audit_no_delete;
$2
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit WHEN OLD.hash IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
SQL
}

# expect_row WHAT DB N AT: verify exits 1 naming row N stamped AT.
expect_row() {
	"$MLMAT" audit verify --db "$2" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	want="mlmat: $2: audit row $3 (at $4): hash does not match"
	if [ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
		grep -qF "$want" "$tmp/err"; then
		ok "$1: verify exits 1 naming audit row $3"
	else
		bad "$1: verify exits 1 naming audit row $3" "exit $rc" "stdout: $(cat "$tmp/out")" \
			"stderr: $(cat "$tmp/err")" "want: $want ..."
	fi
}

at_of() { sqlite3 "$good" "SELECT at FROM audit ORDER BY id LIMIT 1 OFFSET $(($1 - 1))"; }

tamper edited "UPDATE audit SET detail = detail || '!' WHERE id = 3;"
expect_row "a row's detail edited" "$tmp/edited.db" 3 "$(at_of 3)"

tamper edited_user "UPDATE audit SET os_user = 'mallory' WHERE id = 2;"
expect_row "a row's os_user edited" "$tmp/edited_user.db" 2 "$(at_of 2)"

tamper deleted "DELETE FROM audit WHERE id = 2;"
# The row that followed the deleted one is now row 2.
expect_row "a row deleted" "$tmp/deleted.db" 2 "$(at_of 3)"

tamper deleted_last "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit);"
"$MLMAT" audit verify --db "$tmp/deleted_last.db" >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 0 ] && [ "$(sed -n 2p "$tmp/out")" != "last hash: $last" ]
check "the last row deleted: the chain up to it is intact, with another last hash (why to keep a copy)" $?

tamper inserted_end "INSERT INTO audit(at, os_user, assessment_id, action, detail, hash)
  SELECT at, os_user, assessment_id, action, detail, hash FROM audit WHERE id = (SELECT max(id) FROM audit);"
expect_row "a row inserted at the end (a copy of the last, hash and all)" "$tmp/inserted_end.db" \
	$((rows + 1)) "$(at_of "$rows")"

tamper inserted_mid "UPDATE audit SET id = id + 1000 WHERE id > 3;
INSERT INTO audit(id, at, os_user, assessment_id, action, detail, hash)
  VALUES (4, '2026-01-01T00:00:00Z', 'mallory', NULL, 'answer', 'never happened', '$last');"
expect_row "a row inserted in the middle" "$tmp/inserted_mid.db" 4 "2026-01-01T00:00:00Z"

# ---- an old database: its rows are chained on upgrade ----
old=$tmp/old.db
sqlite3 "$old" <tests/fixtures/schema-v1.sql
"$MLMAT" audit verify --db "$old" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(sqlite3 "$old" "PRAGMA user_version")" = 1 ]
check "verify on a schema version 1 database asks for the upgrade (exit 1), changing nothing" $?
"$MLMAT" demo --db "$old" --teams 1 --quarters 1 >/dev/null 2>"$tmp/err"
# The fixture's three rows, chained by python3's hashlib (tests/unit/test_audit.c).
first3=$(sqlite3 "$old" 'SELECT hash FROM audit WHERE id <= 3 ORDER BY id' | tr '\n' ' ')
want3="091fb0c3b4cf93ad886dd1903985c0c89fe3c62a3e3e3117724878104a491003 2f01d50e4211258f330324d93e515c28c7285509ba1b6964702a65e7198dfcbb 0c1114f417197e60a4db3a556b958bb35d88edd21158e187a5f53d5344254d4e "
"$MLMAT" audit verify --db "$old" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && [ "$first3" = "$want3" ] && [ "$(sqlite3 "$old" 'PRAGMA user_version')" = "$(sqlite3 "$good" 'PRAGMA user_version')" ] &&
	grep -q "chain intact" "$tmp/out"; then
	ok "an old database opened for writing (demo): its rows chained in order, new rows after them, verify exit 0"
else
	bad "an old database opened for writing (demo): its rows chained in order, new rows after them, verify exit 0" \
		"exit $rc" "$(cat "$tmp/out" "$tmp/err")" "first hashes: $first3"
fi

# ---- usage ----
"$MLMAT" audit --help >"$tmp/out" 2>/dev/null
rc=$?
[ $rc -eq 0 ] && grep -q "^Usage: mlmat audit verify" "$tmp/out"
check "audit --help: usage on stdout, exit 0" $?
"$MLMAT" audit verify --help >"$tmp/out" 2>/dev/null
rc=$?
[ $rc -eq 0 ] && grep -q "^Usage: mlmat audit verify" "$tmp/out"
check "audit verify --help: usage on stdout, exit 0" $?
"$MLMAT" audit verify --db "$tmp/missing.db" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "^mlmat: " "$tmp/err" && [ ! -e "$tmp/missing.db" ]
check "verify on a missing database: exit 1, 'mlmat: ...', nothing created" $?
"$MLMAT" audit frobnicate >/dev/null 2>&1
rc=$?
[ $rc -eq 2 ]
check "an unknown audit command: exit 2" $?
"$MLMAT" audit verify --db "$good" --team x >/dev/null 2>&1
rc=$?
[ $rc -eq 2 ]
check "an option verify does not take: exit 2" $?
"$MLMAT" --help | grep -q "mlmat audit verify"
check "mlmat --help lists audit verify" $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
