#!/bin/sh
# End-to-end checks of `mlmat report` and `mlmat demo` on the real binary
# ($MLMAT, default ./mlmat), run from the repository root (CONTRACT section 1,
# issue 3): the report's content, filters and lack of escape codes; demo's
# determinism, --force, ranges, file modes and scale.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR
export LC_ALL=C.UTF-8 2>/dev/null

if [ ! -x "$MLMAT" ]; then
	echo "test_report_demo: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in python3 sqlite3 sha256sum; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_report_demo: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-report-XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

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
	for why in "$@"; do echo "       $why"; done
}

check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else bad "$desc"; fi
}

run() {
	"$MLMAT" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

sha() {
	sha256sum "$1" | cut -d' ' -f1
}

q() { # read-only SQL on a database that must not change
	sqlite3 "file:$1?immutable=1" "$2"
}

expect_status() {
	want=$1
	desc=$2
	shift 2
	run "$@"
	if [ "$rc" -ne "$want" ]; then
		bad "$desc: exit $want" "got exit $rc" "stderr: $(head -c 300 "$tmp/err")"
	elif [ "$want" -ne 0 ] && ! head -n 1 "$tmp/err" | grep -q '^mlmat: '; then
		bad "$desc: exit $want with a 'mlmat: ...' message" "stderr: $(head -c 300 "$tmp/err")"
	else
		ok "$desc: exit $want"
	fi
}

"$MLMAT" model show >"$tmp/model.txt" 2>/dev/null
ncrits=$(sed -n 's/^Dimensions ([0-9]*, \([0-9]*\) criteria)$/\1/p' "$tmp/model.txt")
sed -n 's/^\(.*[^ ]\)  \[[a-z0-9-]*, weight [^]]*\]$/\1/p' "$tmp/model.txt" >"$tmp/dimnames"
check "model show gives the criteria count and the dimension names" \
	sh -c "[ -n '$ncrits' ] && [ -s '$tmp/dimnames' ]"

# =============================================================================
# report
# =============================================================================
db=$tmp/demo.db
run demo --db "$db" --teams 6 --quarters 8 --seed 7
check "demo --teams 6 --quarters 8 --seed 7: exit 0" [ "$rc" -eq 0 ]
db_sha=$(sha "$db")
q "$db" "SELECT name FROM teams ORDER BY name" >"$tmp/teams"

run report --db "$db"
cp "$tmp/out" "$tmp/report.txt"
check "report: exit 0, nothing on stderr" sh -c "[ $rc -eq 0 ] && [ ! -s '$tmp/err' ]"
missing=""
while IFS= read -r t; do
	grep -qF "$t" "$tmp/report.txt" || missing="$missing [$t]"
done <"$tmp/teams"
check "report names every team ($(wc -l <"$tmp/teams" | tr -d ' ') teams)$missing" [ -z "$missing" ]
check "report has an 'Overall' line for each team" \
	[ "$(grep -c 'Overall' "$tmp/report.txt")" -ge "$(wc -l <"$tmp/teams")" ]

team="Payments ML"
run report --db "$db" --team "$team"
cp "$tmp/out" "$tmp/team.txt"
check "report --team '$team': exit 0" [ "$rc" -eq 0 ]
missing=""
while IFS= read -r d; do
	grep -qF "$d" "$tmp/team.txt" || missing="$missing [$d]"
done <"$tmp/dimnames"
check "report --team '$team' lists every dimension by name$missing" [ -z "$missing" ]
check "report --team '$team' has 'Overall'" grep -q 'Overall' "$tmp/team.txt"
others=""
while IFS= read -r t; do
	[ "$t" = "$team" ] && continue
	grep -qF "$t" "$tmp/team.txt" && others="$others [$t]"
done <"$tmp/teams"
check "report --team '$team' shows no other team$others" sh -c "[ -z '$others' ] && grep -qF '$team' '$tmp/team.txt'"
latest=$(q "$db" "SELECT max(a.period) FROM assessments a JOIN teams t ON t.id = a.team_id WHERE t.name = '$team'")
check "report --team '$team' is about its latest assessment ($latest)" grep -qF "$latest" "$tmp/team.txt"
run report --db "$db" --team "  $team "
check "report --team is compared after trimming spaces" sh -c "[ $rc -eq 0 ] && cmp -s '$tmp/out' '$tmp/team.txt'"
expect_status 1 "report --team 'No Such Team'" report --db "$db" --team "No Such Team"
check "report --team 'No Such Team': nothing on stdout" [ ! -s "$tmp/out" ]

period=$(q "$db" "SELECT period FROM assessments GROUP BY period ORDER BY period LIMIT 1 OFFSET 3")
nper=$(q "$db" "SELECT count(*) FROM assessments WHERE period = '$period'")
run report --db "$db" --period "$period"
check "report --period $period: exit 0" [ "$rc" -eq 0 ]
python3 - "$tmp/out" "$tmp/teams" "$period" "$nper" "$db" >"$tmp/py" 2>&1 <<'PY'
import sqlite3, sys
text = open(sys.argv[1], encoding="utf-8").read()
teams = open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]
period, n, db = sys.argv[3], int(sys.argv[4]), sys.argv[5]
con = sqlite3.connect("file:%s?immutable=1" % db, uri=True)
have = {r[0] for r in con.execute(
    "SELECT t.name FROM teams t JOIN assessments a ON a.team_id = t.id WHERE a.period = ?", (period,))}
probs = []
for t in teams:
    shown = ("Team %s" % t) in text
    if shown != (t in have):
        probs.append("team %r shown=%s, has an assessment in %s=%s" % (t, shown, period, t in have))
others = [l for l in text.split("\n") if l.startswith("Team ") and period not in l]
probs += ["a team line without %s: %r" % (period, l) for l in others]
if text.count(period) < n:
    probs.append("%s appears %d times for %d assessments" % (period, text.count(period), n))
if probs:
    print("\n".join(probs))
sys.exit(1 if probs else 0)
PY
check "report --period $period: exactly the $nper teams assessed in $period, all of that period" [ $? -eq 0 ]
[ -s "$tmp/py" ] && sed 's/^/       /' "$tmp/py"
run report --db "$db" --team "$team" --period 1999-Q1
check "report --team '$team' --period with no assessment: exit 0" [ "$rc" -eq 0 ]
expect_status 2 "report --period 2026-Q5" report --db "$db" --period 2026-Q5
expect_status 2 "report --team of 81 characters" report --db "$db" --team "$(printf '%081d' 0)"
expect_status 2 "report unknown flag --what" report --db "$db" --what answers
expect_status 2 "report missing value (--db last)" report --db
check "report leaves the database unchanged (sha256)" [ "$(sha "$db")" = "$db_sha" ]

# Escape codes in the database never reach the report's output.
esc=$tmp/esc.db
cp "$db" "$esc"
tid=$(q "$esc" "SELECT id FROM teams WHERE name = '$team'")
aid=$(q "$esc" "SELECT max(id) FROM assessments WHERE team_id = $tid")
sqlite3 "$esc" "
UPDATE dims SET notes = 'a' || char(27) || '[31mred'
  WHERE assessment_id = $aid AND dimension_id = (SELECT dimension_id FROM dims WHERE assessment_id = $aid LIMIT 1);
UPDATE dims SET override_level = 1, override_reason = 'why' || char(27) || '[1mbold' || char(155) || '2J'
  WHERE assessment_id = $aid AND dimension_id = (SELECT dimension_id FROM dims WHERE assessment_id = $aid LIMIT 1 OFFSET 1);
UPDATE assessments SET facilitator = 'fac' || char(27) || '[5m' WHERE id = $aid;
UPDATE answers SET comment = 'why' || char(27) || '[31m', evidence = 'see' || char(27) || ']8;;x'
  WHERE assessment_id = $aid AND criterion_id = (SELECT min(criterion_id) FROM answers WHERE assessment_id = $aid);
UPDATE roadmap SET owner = 'own' || char(27) || '[2J', action = 'act' || char(27) || ']0;title' || char(7)
  WHERE team_id = $tid;" 2>"$tmp/err" || bad "sqlite3 CLI plants escape codes" "$(cat "$tmp/err")"
check "the planted note holds an ESC byte" \
	[ "$(q "$esc" "SELECT count(*) FROM dims WHERE assessment_id = $aid AND instr(notes, char(27)) > 0")" = 1 ]
run report --db "$esc"
check "report with ESC in notes, an override reason, the facilitator, a comment, evidence, roadmap owners and actions: exit 0" \
	sh -c "[ $rc -eq 0 ] && grep -q '^      comment: why' '$tmp/out' && grep -q '^      evidence: see' '$tmp/out'"
check "report output has no ESC byte (0x1b)" sh -c "! LC_ALL=C grep -q \"\$(printf '\\033')\" '$tmp/out'"
check "report output has no other control bytes (BEL, C1 CSI U+009B)" python3 -c "
import sys
b = open('$tmp/out', 'rb').read()
bad = [c for c in b if (c < 32 and c != 10) or c == 127]
sys.exit(1 if bad or '\x9b' in b.decode('utf-8', 'replace') else 0)"
run report --db "$esc" --team "$team"
check "report --team with the planted escape codes: exit 0, no ESC byte" \
	sh -c "[ $rc -eq 0 ] && ! LC_ALL=C grep -q \"\$(printf '\\033')\" '$tmp/out'"
# A team name holding ESC (not enterable through mlmat, but a database is a file).
sqlite3 "$esc" "UPDATE teams SET name = 'Evil' || char(27) || '[31mTeam' WHERE id = $tid" 2>/dev/null
run report --db "$esc"
check "report with an ESC in a team name (planted with sqlite3): no ESC byte" \
	sh -c "[ $rc -eq 0 ] && ! LC_ALL=C grep -q \"\$(printf '\\033')\" '$tmp/out'"
# A model file may spell ESC as a YAML escape ("\x1b"), which `model check`
# accepts; the model's version then sits in the database.
sed 's/^version:.*$/version: "1.0\\x1b[31m"/' data/mlops-maturity.yaml >"$tmp/escver.yaml"
run demo --db "$tmp/escver.db" --model "$tmp/escver.yaml" --teams 2 --quarters 1
if [ "$rc" -eq 1 ] && grep -q 'x1b' "$tmp/escver.yaml"; then
	ok "a model whose version holds an escaped ESC is refused by demo (exit 1)"
else
	run report --db "$tmp/escver.db"
	check "report with a model version holding ESC (YAML \"\\x1b\" escape): exit 0, no ESC byte" \
		sh -c "[ $rc -eq 0 ] && ! LC_ALL=C grep -q \"\$(printf '\\033')\" '$tmp/out'"
fi

expect_status 1 "report on a missing database" report --db "$tmp/none.db"
check "report on a missing database: message is 'mlmat: PATH: ...'" grep -q "^mlmat: $tmp/none.db: " "$tmp/err"
check "report on a missing database: not created" [ ! -e "$tmp/none.db" ]
: >"$tmp/empty.db"
expect_status 1 "report on a 0-byte database" report --db "$tmp/empty.db"
check "report on a 0-byte database: still 0 bytes" sh -c "[ -f '$tmp/empty.db' ] && [ ! -s '$tmp/empty.db' ]"
printf 'hello\n' >"$tmp/text.db"
expect_status 1 "report on a text file" report --db "$tmp/text.db"
check "report on a text file: unchanged" [ "$(cat "$tmp/text.db")" = hello ]

# =============================================================================
# demo
# =============================================================================
export_all() { # DB PREFIX: the three deterministic kinds
	for k in criteria answers roadmap; do
		"$MLMAT" export --db "$1" --what "$k" >"$2.$k.csv" 2>/dev/null || echo "export $k of $1 failed" >&2
	done
}
"$MLMAT" demo --db "$tmp/s1.db" --seed 42 >/dev/null 2>&1 &&
"$MLMAT" demo --db "$tmp/s2.db" --seed 42 >/dev/null 2>&1 &&
"$MLMAT" demo --db "$tmp/s3.db" --seed 43 >/dev/null 2>&1
check "demo --seed 42 twice and --seed 43 into fresh databases: exit 0" [ $? -eq 0 ]
export_all "$tmp/s1.db" "$tmp/s1"
export_all "$tmp/s2.db" "$tmp/s2"
export_all "$tmp/s3.db" "$tmp/s3"
for k in criteria answers roadmap; do
	check "same seed: identical 'export --what $k'" \
		sh -c "[ -s '$tmp/s1.$k.csv' ] && cmp -s '$tmp/s1.$k.csv' '$tmp/s2.$k.csv'"
done
check "different seeds: different 'export --what criteria'" \
	sh -c "[ -s '$tmp/s3.criteria.csv' ] && ! cmp -s '$tmp/s1.criteria.csv' '$tmp/s3.criteria.csv'"
check "different seeds: different 'export --what answers'" \
	sh -c "[ -s '$tmp/s3.answers.csv' ] && ! cmp -s '$tmp/s1.answers.csv' '$tmp/s3.answers.csv'"
check "demo defaults to 6 teams" [ "$(q "$tmp/s1.db" "SELECT count(*) FROM teams")" = 6 ]
check "demo defaults to 8 quarters" [ "$(q "$tmp/s1.db" "SELECT count(DISTINCT period) FROM assessments")" = 8 ]
cur="$(date +%Y)-Q$(( ($(date +%m | sed 's/^0//') + 2) / 3 ))"
check "demo history ends at the current quarter ($cur)" \
	[ "$(q "$tmp/s1.db" "SELECT max(period) FROM assessments")" = "$cur" ]
check "demo roadmap has items in every status" \
	[ "$(q "$tmp/s1.db" "SELECT count(DISTINCT status) FROM roadmap")" = 4 ]

# What issue 14 adds, as the exports show it: n/a with reasons, comments,
# evidence links, carried and answered answers, past quarters signed off,
# the current one open.
python3 - "$tmp/s1.criteria.csv" "$tmp/s1.answers.csv" "$cur" >"$tmp/py" 2>&1 <<'PY'
import csv, sys
def rd(p):
    with open(p, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
crit, ans, cur = rd(sys.argv[1]), rd(sys.argv[2]), sys.argv[3]
probs = []
def need(ok, what):
    if not ok:
        probs.append(what)
na = [r for r in crit if r["answer"] == "n/a"]
need(na and all(r["comment"] for r in na), "n/a rows, each with its reason as comment")
need(any(r["comment"] and r["answer"] in ("yes", "partly", "no") for r in crit),
     "comments on yes/partly/no answers")
need(any(r["evidence"].startswith("https://") for r in crit), "evidence given as an https link")
need(any(r["evidence"] and "://" not in r["evidence"] for r in crit),
     "evidence given as a document reference")
need(any(r["origin"] == "carried" and r["period"] < cur for r in crit),
     "carried answers in a past quarter")
need(any(r["origin"] == "carried" and r["period"] == cur for r in crit),
     "answers still carried in the current quarter")
need(any(r["origin"] == "answered" and r["period"] == cur for r in crit),
     "answered answers in the current quarter")
past = [r for r in crit if r["period"] < cur and r["answer"] != "unknown"]
need(past and sum(r["origin"] == "answered" for r in past) > 0.8 * len(past),
     "most past answers confirmed")
states = {(r["period"] == cur, r["state"]) for r in ans}
need(states == {(False, "signed-off"), (True, "open")},
     "past quarters signed off, the current open (got %r)" % sorted(states))
if probs:
    print("\n".join(probs))
sys.exit(1 if probs else 0)
PY
check "demo's exports: n/a with reasons, comments, evidence, carried and answered, signed off and open" \
	[ $? -eq 0 ]
[ -s "$tmp/py" ] && sed 's/^/       /' "$tmp/py"
past=$(q "$tmp/s1.db" "SELECT max(period) FROM assessments WHERE period < '$cur'")
run report --db "$tmp/s1.db" --period "$past"
check "report --period $past (signed off): 'Signed off by' lines, no 'Open' one" \
	sh -c "[ $rc -eq 0 ] && grep -q '^Signed off by [a-z]* at ' '$tmp/out' && ! grep -q '^Open' '$tmp/out'"
run report --db "$tmp/s1.db"
check "report of the current quarter: open, with a comments section listing n/a answers" \
	sh -c "[ $rc -eq 0 ] && grep -q '^Open (not signed off)' '$tmp/out' &&
	       grep -q '^Comments and evidence:' '$tmp/out' && grep -q '^    [a-z0-9-]*: n/a, ' '$tmp/out' &&
	       grep -q '^      evidence: https://' '$tmp/out'"

s1sha=$(sha "$tmp/s1.db")
expect_status 1 "demo into a database that has assessments" demo --db "$tmp/s1.db" --seed 42
check "demo refusal mentions --force" grep -q -- '--force' "$tmp/err"
check "demo refusal: database unchanged (sha256)" [ "$(sha "$tmp/s1.db")" = "$s1sha" ]
n_before=$(q "$tmp/s1.db" "SELECT count(*) FROM assessments")
run demo --db "$tmp/s1.db" --seed 42 --force
check "demo --force into a database that has assessments: exit 0" [ "$rc" -eq 0 ]
check "demo --force with the same teams replaces them (teams 6, assessments $n_before)" \
	sh -c "[ \"\$(sqlite3 '$tmp/s1.db' 'SELECT count(*) FROM teams')\" = 6 ] &&
	       [ \"\$(sqlite3 '$tmp/s1.db' 'SELECT count(*) FROM assessments')\" = '$n_before' ]"
"$MLMAT" export --db "$tmp/s1.db" --what roadmap >"$tmp/f.roadmap.csv" 2>/dev/null
check "demo --force with the same seed: the same roadmap as before" cmp -s "$tmp/f.roadmap.csv" "$tmp/s1.roadmap.csv"

for bad_args in "--teams 0" "--teams 10001" "--teams abc" "--teams -1" "--quarters 0" \
	"--quarters 201" "--quarters 1.5" "--seed abc" "--bogus" "extra"; do
	# shellcheck disable=SC2086
	expect_status 2 "demo $bad_args" demo --db "$tmp/usage.db" $bad_args
done
expect_status 2 "demo missing value (--teams last)" demo --db "$tmp/usage.db" --teams
check "demo usage errors create no database" [ ! -e "$tmp/usage.db" ]
printf 'not a database\n' >"$tmp/text2.db"
expect_status 1 "demo into a text file" demo --db "$tmp/text2.db"
check "demo into a text file: unchanged" [ "$(cat "$tmp/text2.db")" = "not a database" ]

run demo --db "$tmp/one.db" --teams 1 --quarters 1
check "demo --teams 1 --quarters 1: exit 0" [ "$rc" -eq 0 ]
check "demo --teams 1 --quarters 1: one team, one assessment in $cur" \
	[ "$(q "$tmp/one.db" "SELECT count(*) || ' ' || max(period) FROM assessments")" = "1 $cur" ]
"$MLMAT" export --db "$tmp/one.db" --what criteria >"$tmp/one.csv" 2>/dev/null
check "demo --teams 1 --quarters 1: export --what criteria has $ncrits rows" \
	[ "$(python3 -c "import csv; print(len(list(csv.reader(open('$tmp/one.csv', newline='', encoding='utf-8')))) - 1)")" = "$ncrits" ]
run demo --db "$tmp/maxq.db" --teams 1 --quarters 200
check "demo --teams 1 --quarters 200 (the largest): exit 0, 200 quarters" \
	sh -c "[ $rc -eq 0 ] && [ \"\$(sqlite3 'file:$tmp/maxq.db?immutable=1' 'SELECT count(*) FROM assessments')\" = 200 ]"

(umask 000 && "$MLMAT" demo --db "$tmp/new/nested/m.db" --teams 1 --quarters 1 >/dev/null 2>&1)
check "demo creates a database in a nested missing folder: exit 0" [ $? -eq 0 ]
check "the new database file has mode 600 (umask 000)" [ "$(stat -c %a "$tmp/new/nested/m.db" 2>/dev/null)" = 600 ]
check "the created folders have mode 700 (umask 000)" \
	[ "$(stat -c %a "$tmp/new" 2>/dev/null) $(stat -c %a "$tmp/new/nested" 2>/dev/null)" = "700 700" ]
mkdir -p "$tmp/home"
env -u MLMAT_DB HOME="$tmp/home" XDG_DATA_HOME="$tmp/xdg" "$MLMAT" demo --teams 1 --quarters 1 >/dev/null 2>"$tmp/err"
check "demo without --db: exit 2 with a hint, \$XDG_DATA_HOME/mlmat/mlmat.db never made" \
	sh -c "[ $? -eq 2 ] && [ ! -e '$tmp/xdg/mlmat' ] && grep -q 'only into the database named by --db' '$tmp/err'"
MLMAT_DB="$tmp/env.db" "$MLMAT" demo --teams 1 --quarters 1 >/dev/null 2>&1
check "demo without --db leaves \$MLMAT_DB alone: exit 2, no file" sh -c "[ $? -eq 2 ] && [ ! -e '$tmp/env.db' ]"

# Scale: 200 teams x 40 quarters in one go; every criterion of every assessment exported.
big=$tmp/big.db
run demo --db "$big" --teams 200 --quarters 40
check "demo --teams 200 --quarters 40: exit 0" [ "$rc" -eq 0 ]
nass=$(q "$big" "SELECT count(*) FROM assessments")
check "demo --teams 200 --quarters 40: 200 teams, at most 40 quarters" \
	[ "$(q "$big" "SELECT count(*) || ' ' || (SELECT count(DISTINCT period) <= 40 FROM assessments) FROM teams")" = "200 1" ]
rows=$("$MLMAT" export --db "$big" --what criteria 2>"$tmp/err" | python3 -c "
import csv, io, sys
print(sum(1 for _ in csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline=''))) - 1)")
check "export --what criteria of it: $nass assessments x $ncrits criteria rows ($rows)" \
	[ "$rows" = "$((nass * ncrits))" ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
