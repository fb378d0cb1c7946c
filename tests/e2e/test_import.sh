#!/bin/sh
# End-to-end checks of mlmat import (CONTRACT section 6, issue 16 item 5) on
# the real binary:
# - the round trip: a criteria export imported into a database that does not
#   exist yet, exported again, gives the same rows but for assessment_id and
#   origin (imported answers are answered);
# - one team's history moved to another host's database;
# - one bad row among ~900: exit 1, FILE:LINE: error: at its line, nothing on
#   stdout, the database byte for byte unchanged; many bad rows: the first 50
#   and a count;
# - --dry-run counts and changes nothing; a conflict is refused, then taken
#   with --force, audited, the chain intact; rows that match a signed-off
#   assessment (the demo signs past quarters off) are no change and pass;
# - some 95,000 rows import in well under half a minute.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_import: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in python3 sqlite3 sha256sum; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_import: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-import-XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"

pass=0
fail=0
ok() {
	pass=$((pass + 1))
	echo "ok   - $1"
}
bad() {
	fail=$((fail + 1))
	echo "FAIL - $1"
	shift
	for why in "$@"; do printf '       %s\n' "$why"; done
}
check() {
	ch_name=$1 ch_rc=$2
	shift 2
	if [ "$ch_rc" -eq 0 ]; then ok "$ch_name"; else bad "$ch_name" "$@"; fi
}

hash() {
	if [ -e "$1" ]; then sha256sum <"$1" | cut -d' ' -f1; else echo absent; fi
}

demo() {
	"$MLMAT" demo --db "$1" --teams "$2" --quarters "$3" --seed "$4" >/dev/null 2>&1 ||
		{ echo "test_import: mlmat demo failed" >&2; exit 2; }
}

# same A.csv B.csv: the rows match but for assessment_id and origin, and
# every origin of B is answered or empty (unknown); prints the first
# difference.
same() {
	python3 - "$1" "$2" <<'PY'
import csv, sys
def rows(p):
    with open(p, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
a, b = rows(sys.argv[1]), rows(sys.argv[2])
drop = lambda r: {k: v for k, v in r.items() if k not in ("assessment_id", "origin")}
if len(a) != len(b):
    sys.exit("%d rows, then %d" % (len(a), len(b)))
for x, y in zip(a, b):
    if drop(x) != drop(y):
        sys.exit("first difference: %s / %s" % (drop(x), drop(y)))
    if y["origin"] not in ("answered", ""):
        sys.exit("origin %r after import" % y["origin"])
PY
}

# edit IN OUT ROW COLUMN VALUE...: IN with the given data rows' (counted from 1)
# columns set.
edit() {
	python3 - "$@" <<'PY'
import csv, sys
src, dst, edits = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(src, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
h = rows[0]
for i in range(0, len(edits), 3):
    rows[int(edits[i])][h.index(edits[i + 1])] = edits[i + 2]
with open(dst, "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\r\n").writerows(rows)
PY
}

# ---- the round trip ----------------------------------------------------------

demo "$tmp/a.db" 3 3 4
"$MLMAT" export --db "$tmp/a.db" --what criteria >"$tmp/a.csv"
"$MLMAT" import --db "$tmp/new/mlmat.db" "$tmp/a.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "import into a database that does not exist creates it (exit 0) and says what it did" \
	"$([ "$rc" -eq 0 ] && grep -q '^import .*assessments created' "$tmp/out"; echo $?)" \
	"exit $rc: $(cat "$tmp/out" "$tmp/err")"
"$MLMAT" export --db "$tmp/new/mlmat.db" --what criteria >"$tmp/b.csv"
why=$(same "$tmp/a.csv" "$tmp/b.csv" 2>&1)
check "export, import, export: the same rows but for assessment_id and origin ($(($(wc -l <"$tmp/a.csv") - 1)) rows)" \
	"$([ -z "$why" ]; echo $?)" "$why"
"$MLMAT" import --db "$tmp/new/mlmat.db" "$tmp/a.csv" >"$tmp/out" 2>&1
check "importing the same file again changes nothing (no conflict)" \
	"$(grep -q ' 0 answers set, 0 changed, 0 confirmed; 0 comments, 0 evidence$' "$tmp/out"; echo $?)" "$(cat "$tmp/out")"
check "the audit chain of the new database is intact" \
	"$("$MLMAT" audit verify --db "$tmp/new/mlmat.db" | grep -q 'chain intact'; echo $?)"

# ---- one team's history to another host ----------------------------------------

demo "$tmp/hostb.db" 2 2 1
team="Fraud Detection"
if "$MLMAT" export --db "$tmp/hostb.db" --team "$team" >/dev/null 2>&1; then
	bad "host B has no team '$team' before the move"
fi
"$MLMAT" export --db "$tmp/a.db" --what criteria --team "$team" >"$tmp/team.csv"
"$MLMAT" import --db "$tmp/hostb.db" "$tmp/team.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
"$MLMAT" export --db "$tmp/hostb.db" --what criteria --team "$team" >"$tmp/moved.csv"
why=$(same "$tmp/team.csv" "$tmp/moved.csv" 2>&1)
check "a team's history exported from host A and imported into host B reads the same there" \
	"$([ "$rc" -eq 0 ] && [ -z "$why" ]; echo $?)" "exit $rc: $(cat "$tmp/err") $why"

# ---- bad rows ------------------------------------------------------------------

cp "$tmp/a.db" "$tmp/c.db"
sum=$(hash "$tmp/c.db")
edit "$tmp/a.csv" "$tmp/bad.csv" 500 answer maybe
"$MLMAT" import --db "$tmp/c.db" "$tmp/bad.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "one bad row among $(($(wc -l <"$tmp/a.csv") - 1)): exit 1, FILE:501: error: on stderr, nothing on stdout" \
	"$([ "$rc" -eq 1 ] && grep -q "^$tmp/bad.csv:501: error: the answer 'maybe'" "$tmp/err" && [ ! -s "$tmp/out" ]; echo $?)" \
	"exit $rc: $(head -c 300 "$tmp/err")"
check "the database is byte for byte unchanged" "$([ "$(hash "$tmp/c.db")" = "$sum" ]; echo $?)"
set --
i=0
while [ "$i" -lt 60 ]; do
	i=$((i + 1))
	set -- "$@" $((i * 10)) period 2026-Q0
done
edit "$tmp/a.csv" "$tmp/many.csv" "$@"
"$MLMAT" import --db "$tmp/c.db" "$tmp/many.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "60 bad rows: the first 50 by line, then a count; exit 1" \
	"$([ "$rc" -eq 1 ] && [ "$(grep -c ': error: ' "$tmp/err")" -eq 50 ] &&
		head -n 1 "$tmp/err" | grep -q ':11: error: the period' &&
		grep -q '60 errors in all (the first 50 shown); nothing imported' "$tmp/err"; echo $?)" \
	"exit $rc: $(tail -n 2 "$tmp/err")"
check "the database is still byte for byte unchanged" "$([ "$(hash "$tmp/c.db")" = "$sum" ]; echo $?)"

# ---- dry run, conflicts, --force ----------------------------------------------

# Row 1 is answered in the demo; rows 2 and 3 get a comment and evidence.
first=$(python3 -c 'import csv,sys; print(list(csv.DictReader(open(sys.argv[1], newline="")))[0]["answer"])' "$tmp/a.csv")
case $first in yes) other=no ;; *) other=yes ;; esac
edit "$tmp/a.csv" "$tmp/change.csv" 1 answer "$other" 2 comment "checked, see wiki" 3 evidence "=https://wiki/x"
"$MLMAT" import --db "$tmp/c.db" "$tmp/change.csv" --dry-run --force >"$tmp/out" 2>"$tmp/err"
rc=$?
check "--dry-run reports what would change and changes nothing" \
	"$([ "$rc" -eq 0 ] && grep -Eq ' 1 changed, [0-9]+ confirmed; 1 comments, 1 evidence \(dry run: nothing changed\)' "$tmp/out" &&
		[ "$(hash "$tmp/c.db")" = "$sum" ]; echo $?)" "exit $rc: $(cat "$tmp/out" "$tmp/err")"
"$MLMAT" import --db "$tmp/c.db" "$tmp/change.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a different answer is a conflict: refused without --force (exit 1), at its line" \
	"$([ "$rc" -eq 1 ] && grep -q "^$tmp/change.csv:2: error: conflict: .* is $first in the database and $other here" "$tmp/err" &&
		[ "$(hash "$tmp/c.db")" = "$sum" ]; echo $?)" "exit $rc: $(cat "$tmp/err")"
"$MLMAT" import --db "$tmp/c.db" "$tmp/change.csv" --force >"$tmp/out" 2>"$tmp/err"
rc=$?
"$MLMAT" export --db "$tmp/c.db" --what criteria >"$tmp/c.csv"
got=$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], newline=""))); print(r[0]["answer"], r[0]["origin"], "|", r[1]["comment"], "|", r[2]["evidence"])' "$tmp/c.csv")
check "--force takes the file's answer (answered), the comment and the evidence (formula guard off)" \
	"$([ "$rc" -eq 0 ] && [ "$got" = "$other answered | checked, see wiki | '=https://wiki/x" ]; echo $?)" \
	"exit $rc: $got $(cat "$tmp/err")"
check "the import is audited and the chain intact" \
	"$("$MLMAT" export --db "$tmp/c.db" --what audit | grep -q ',import,"from .*change.csv: 0 answers set, 1 changed, ' &&
		"$MLMAT" audit verify --db "$tmp/c.db" | grep -q 'chain intact'; echo $?)"

# A row of a signed-off assessment (the demo signs past quarters off) with
# another answer: refused as a change to it, whatever --force says.
"$MLMAT" export --db "$tmp/c.db" >"$tmp/answers.csv"
row=$(python3 - "$tmp/answers.csv" "$tmp/c.csv" <<'PY'
import csv, sys
signed = {(r["team"], r["period"]) for r in csv.DictReader(open(sys.argv[1], newline=""))
          if r["state"] == "signed-off"}
for i, r in enumerate(csv.DictReader(open(sys.argv[2], newline="")), 1):
    if (r["team"], r["period"]) in signed and r["answer"] in ("yes", "no"):
        print(i, "no" if r["answer"] == "yes" else "yes")
        break
PY
)
if [ -n "$row" ]; then
	edit "$tmp/c.csv" "$tmp/signed.csv" ${row% *} answer ${row#* }
	sum=$(hash "$tmp/c.db")
	"$MLMAT" import --db "$tmp/c.db" "$tmp/signed.csv" --force >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "a change to a signed-off assessment is refused at its line, even with --force" \
		"$([ "$rc" -eq 1 ] && grep -q "^$tmp/signed.csv:$((${row% *} + 1)): error: .* is signed off (by " "$tmp/err" &&
			[ "$(grep -c ': error: ' "$tmp/err")" -eq 1 ] && [ "$(hash "$tmp/c.db")" = "$sum" ]; echo $?)" \
		"exit $rc: $(head -c 400 "$tmp/err")"
else
	bad "the demo database has a signed-off assessment to try"
fi

# ---- many rows -----------------------------------------------------------------

demo "$tmp/big.db" 100 8 3
"$MLMAT" export --db "$tmp/big.db" --what criteria >"$tmp/big.csv"
start=$(date +%s%N)
"$MLMAT" import --db "$tmp/bignew.db" "$tmp/big.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
ms=$((($(date +%s%N) - start) / 1000000))
rows=$(($(wc -l <"$tmp/big.csv") - 1))
check "$rows rows import in one transaction in under 30 s ($ms ms)" \
	"$([ "$rc" -eq 0 ] && [ "$rows" -gt 90000 ] && [ "$ms" -lt 30000 ]; echo $?)" "exit $rc: $(cat "$tmp/err")"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
