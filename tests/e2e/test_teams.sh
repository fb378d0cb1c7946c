#!/bin/sh
# End-to-end checks of the configuration files, `mlmat init`, `demo`'s
# --db, `mlmat team ...` and per-command help (CONTRACT sections 1 and 6),
# on the real binary ($MLMAT, default ./mlmat), run from the repository
# root. Each refusal must change nothing: the database keeps its sha256.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
export LC_ALL=C.UTF-8 2>/dev/null
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR

if [ ! -x "$MLMAT" ]; then
	echo "test_teams: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
export MLMAT_SYSTEM_CONFIG="$tmp/etc/config.yaml"
mkdir -p "$HOME" "$XDG_CONFIG_HOME/mlmat" "$tmp/etc"

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   - $1"; }
bad() {
	fail=$((fail + 1))
	echo "FAIL - $1"
	shift
	for why in "$@"; do echo "       $why"; done
}
check() {
	name=$1
	shift
	if "$@"; then ok "$name"; else bad "$name" "$(cat "$tmp/out" "$tmp/err" 2>/dev/null | head -5)"; fi
}
run() {
	"$MLMAT" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
sha() { sha256sum "$1" | cut -d' ' -f1; }

# ---- configuration ----
run init --db "$tmp/sys.db"
run init --db "$tmp/user.db"
run init --db "$tmp/env.db"
run init --db "$tmp/flag.db"
printf 'db: %s\n' "$tmp/sys.db" >"$MLMAT_SYSTEM_CONFIG"
run team list
check "the system file's db is used (team list reads it)" [ "$rc" -eq 0 ]
run demo --db "$tmp/sys.db" --teams 1 --quarters 1 --seed 5
sysname=$(sqlite3 "$tmp/sys.db" "SELECT name FROM teams")
run team list
check "team list of the system file's db names its team" grep -q "^$sysname	1	" "$tmp/out"
printf 'db: user.db\n' >"$XDG_CONFIG_HOME/mlmat/config.yaml"
cp "$tmp/user.db" "$XDG_CONFIG_HOME/mlmat/user.db"
run team list
check "the user's file wins over the system's, a relative db next to the file" \
	sh -c "[ $rc -eq 0 ] && [ ! -s '$tmp/out' ]"
MLMAT_DB="$tmp/sys.db" "$MLMAT" team list >"$tmp/out" 2>"$tmp/err"
check "\$MLMAT_DB wins over both files" grep -q "^$sysname	" "$tmp/out"
MLMAT_DB="$tmp/env.db" "$MLMAT" team list --db "$tmp/sys.db" >"$tmp/out" 2>"$tmp/err"
check "--db wins over \$MLMAT_DB" grep -q "^$sysname	" "$tmp/out"

printf 'theme: light\nadvance: maybe\n' >"$XDG_CONFIG_HOME/mlmat/config.yaml"
run team list
check "a bad value: FILE:LINE:COL: error:, exit 1" \
	sh -c "[ $rc -eq 1 ] && grep -q '^$XDG_CONFIG_HOME/mlmat/config.yaml:2:10: error: .advance. must be true or false' '$tmp/err'"
printf 'colour: red\n' >"$XDG_CONFIG_HOME/mlmat/config.yaml"
run export
check "an unknown key: FILE:LINE:COL: error:, exit 1" \
	sh -c "[ $rc -eq 1 ] && grep -q 'config.yaml:1:1: error: unknown key .colour.' '$tmp/err'"
run export --db "$tmp/sys.db"
check "with --db given, export does not read the configuration" [ "$rc" -eq 0 ]
printf 'model: %s\n' "$tmp/missing.yaml" >"$XDG_CONFIG_HOME/mlmat/config.yaml"
run model show
check "the configured model is loaded (missing: mlmat: FILE: ..., exit 1)" \
	sh -c "[ $rc -eq 1 ] && grep -q '^mlmat: $tmp/missing.yaml' '$tmp/err'"
rm "$XDG_CONFIG_HOME/mlmat/config.yaml"
run --help
check "--help names both configuration files" \
	sh -c "grep -q '/etc/mlmat/config.yaml' '$tmp/out' && grep -q 'mlmat/config.yaml' '$tmp/out'"

# ---- init and demo ----
run init --db "$tmp/a/b/new.db"
check "init creates the database and its folders: exit 0" \
	sh -c "[ $rc -eq 0 ] && [ -s '$tmp/a/b/new.db' ] && [ \"\$(stat -c %a '$tmp/a/b')\" = 700 ]"
check "init makes an mlmat database with no assessment" \
	[ "$(sqlite3 "$tmp/a/b/new.db" 'PRAGMA application_id; SELECT count(*) FROM assessments' | tr '\n' ' ')" = "1835822452 0 " ]
before=$(sha "$tmp/sys.db")
run init --db "$tmp/sys.db"
check "init on an mlmat database: exit 0, left as it is" \
	sh -c "[ $rc -eq 0 ] && [ '$(sha "$tmp/sys.db")' = '$before' ] && grep -q 'left as it is' '$tmp/out'"
printf 'not a database\n' >"$tmp/text.db"
before=$(sha "$tmp/text.db")
run init --db "$tmp/text.db"
check "init on another file: exit 1, the file unchanged" \
	sh -c "[ $rc -eq 1 ] && [ '$(sha "$tmp/text.db")' = '$before' ] && grep -q '^mlmat: ' '$tmp/err'"
MLMAT_DB="$tmp/env-demo.db" "$MLMAT" demo --teams 1 --quarters 1 >"$tmp/out" 2>"$tmp/err"
check "demo without --db: exit 2 with the hint, \$MLMAT_DB untouched" \
	sh -c "[ $? -eq 2 ] && [ ! -e '$tmp/env-demo.db' ] && grep -q 'mlmat demo --db' '$tmp/err'"

# ---- team ----
db=$tmp/teams.db
run demo --db "$db" --teams 3 --quarters 2 --seed 7
run team list --db "$db"
check "team list: NAME<TAB>assessments<TAB>latest period<TAB>active, one a line" \
	sh -c "[ $rc -eq 0 ] && [ \"\$(grep -cE '^[^	]+	[0-9]+	[0-9]{4}-Q[1-4]	active$' '$tmp/out')\" = 3 ]"
first=$(head -n 1 "$tmp/out" | cut -f1)
second=$(sed -n 2p "$tmp/out" | cut -f1)
third=$(sed -n 3p "$tmp/out" | cut -f1)
nfirst=$(head -n 1 "$tmp/out" | cut -f2)
audits=$(sqlite3 "$db" "SELECT count(*) FROM audit")

run team rename "$first" "Renamed Team" --db "$db"
check "rename: exit 0, history under the new name" \
	sh -c "[ $rc -eq 0 ] && [ \"\$(sqlite3 '$db' \"SELECT count(*) FROM assessments a JOIN teams t ON t.id = a.team_id WHERE t.name = 'Renamed Team'\")\" = $nfirst ]"
check "rename is audited" [ "$(sqlite3 "$db" "SELECT action FROM audit ORDER BY id DESC LIMIT 1")" = team-rename ]
before=$(sha "$db")
run team rename "Renamed Team" "$second" --db "$db"
check "rename to an existing name: exit 1, nothing changed" \
	sh -c "[ $rc -eq 1 ] && [ '$(sha "$db")' = '$before' ] && grep -q 'exists already' '$tmp/err'"
run team rename "No Such Team" "Whatever" --db "$db"
check "rename of a name no team has: exit 1, nothing changed" \
	sh -c "[ $rc -eq 1 ] && [ '$(sha "$db")' = '$before' ] && grep -q \"no team named 'No Such Team'\" '$tmp/err'"
run team rename "Renamed Team" "$(printf 'bad\tname')" --db "$db"
check "rename to a name with a control character: exit 2" [ "$rc" -eq 2 ]
run team merge "Renamed Team" "$second" --db "$db"
check "merge with an assessment for the same period on both sides: exit 1, nothing changed" \
	sh -c "[ $rc -eq 1 ] && [ '$(sha "$db")' = '$before' ] && grep -q 'nothing merged' '$tmp/err'"

# A team of one earlier period merges into one that lacks it.
sqlite3 "$db" "UPDATE assessments SET period = '2001-Q1' WHERE team_id = (SELECT id FROM teams WHERE name = '$third') AND id = (SELECT min(id) FROM assessments WHERE team_id = (SELECT id FROM teams WHERE name = '$third'))"
sqlite3 "$db" "DELETE FROM assessments WHERE team_id = (SELECT id FROM teams WHERE name = '$third') AND period <> '2001-Q1'"
run team merge "$third" "$second" --db "$db"
check "merge: exit 0, FROM's assessment moved, FROM gone" \
	sh -c "[ $rc -eq 0 ] && [ \"\$(sqlite3 '$db' \"SELECT count(*) FROM teams WHERE name = '$third'\")\" = 0 ] && [ \"\$(sqlite3 '$db' \"SELECT count(*) FROM assessments a JOIN teams t ON t.id = a.team_id WHERE t.name = '$second' AND a.period = '2001-Q1'\")\" = 1 ]"

run team archive "Renamed Team" --db "$db"
run team list --db "$db"
check "archive: listed as archived" grep -q "^Renamed Team	.*	archived$" "$tmp/out"
run export --db "$db" --team "Renamed Team"
check "an archived team stays in exports" sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$tmp/out') -gt 1 ]"
run team unarchive "Renamed Team" --db "$db"
run team list --db "$db"
check "unarchive: active again" grep -q "^Renamed Team	.*	active$" "$tmp/out"

before=$(sha "$db")
run team delete "Renamed Team" --db "$db"
check "delete of a team with assessments without --force: exit 1, nothing changed" \
	sh -c "[ $rc -eq 1 ] && [ '$(sha "$db")' = '$before' ] && grep -q -- '--force' '$tmp/err'"
run team delete "Renamed Team" --force --db "$db"
check "delete --force: the team and its assessments gone, audit rows kept" \
	sh -c "[ $rc -eq 0 ] && [ \"\$(sqlite3 '$db' \"SELECT count(*) FROM teams WHERE name = 'Renamed Team'\")\" = 0 ] && [ \"\$(sqlite3 '$db' 'SELECT count(*) FROM audit')\" -gt $audits ]"
check "every team change audited, the chain intact" \
	sh -c "[ \"\$(sqlite3 '$db' \"SELECT group_concat(action, ' ') FROM audit WHERE action LIKE 'team-%'\")\" = 'team-rename team-merge team-archive team-unarchive team-delete' ] && '$MLMAT' audit verify --db '$db' >/dev/null"
run team list --db "$tmp/missing.db"
check "team list of a missing database: exit 1, nothing created" \
	sh -c "[ $rc -eq 1 ] && [ ! -e '$tmp/missing.db' ]"
run team frobnicate --db "$db"
check "an unknown team command: exit 2" [ "$rc" -eq 2 ]
run team rename OnlyOne --db "$db"
check "rename with one name: exit 2" [ "$rc" -eq 2 ]

# ---- help ----
for c in demo export report init team model theme audit; do
	run "$c" --help
	rc1=$rc
	head1=$(head -n 1 "$tmp/out")
	run help "$c"
	check "mlmat $c --help and mlmat help $c: the same usage on stdout, exit 0" \
		sh -c "[ $rc1 -eq 0 ] && [ $rc -eq 0 ] && [ '$head1' = \"\$(head -n 1 '$tmp/out')\" ] && grep -q '^Usage: mlmat $c' '$tmp/out'"
done
run help nothing
check "help of a word that is no command: exit 2" [ "$rc" -eq 2 ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
