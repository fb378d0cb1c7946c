#!/bin/sh
# A database that opens but fails at query time must say so (CONTRACT
# section 1: a database that cannot be used is exit 1 with one `mlmat: ...`
# line): `mlmat export` and `mlmat report` on demo databases broken with the
# sqlite3 tool in ways that pass mlmat's open checks (the schema version and
# application id are intact) but make a query fail: a table dropped or
# renamed, a column renamed through PRAGMA writable_schema, a table's pages
# damaged on disk (the query prepares, then fails while reading rows). Each
# command must exit 1 with one stderr line `mlmat: DB: ...` naming the
# problem (no such table or column, a malformed database) - not a
# misleading "no team is named ..." or "assessment N does not exist", and
# never exit 0. A report that fails writes nothing on stdout: a summary cut
# short (say, without its roadmap) reads as a whole one. An export whose
# query cannot start writes nothing either (not even the header: a header
# alone means "no rows").
# One line per check, then "N passed, M failed"; exits 1 on any failure.
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_db_errors: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
command -v sqlite3 >/dev/null 2>&1 || { echo "test_db_errors: sqlite3 is needed" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-dberr-XXXXXX") || exit 2
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

# The pristine database: 3 teams over 2 quarters, its WAL checkpointed into
# the file so that a copy is the whole database.
good=$tmp/good.db
if ! "$MLMAT" demo --db "$good" --teams 3 --quarters 2 --seed 7 >/dev/null 2>"$tmp/err"; then
	echo "test_db_errors: mlmat demo failed: $(cat "$tmp/err")" >&2
	exit 2
fi
sqlite3 "$good" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
# A team that exists, for --team.
team=$("$MLMAT" report --db "$good" 2>/dev/null | sed -n 's/^Team \(.*\) - [0-9]*-Q[1-4]$/\1/p' | head -n 1)
if [ -z "$team" ]; then
	echo "test_db_errors: no team in the demo report" >&2
	exit 2
fi

# broken NAME SQL: a copy of the pristine database named NAME.db, changed
# with the sqlite3 tool; prints its path.
broken() {
	b_db=$tmp/$1.db
	cp "$good" "$b_db" && sqlite3 "$b_db" "$2" >/dev/null 2>"$tmp/sqlerr" ||
		echo "sqlite3 $2: $(cat "$tmp/sqlerr")" >&2
	echo "$b_db"
}

# damaged NAME TABLE: a copy whose TABLE has its root page overwritten, so
# that the schema (page 1) reads well and a query on TABLE prepares, then
# fails while stepping ("database disk image is malformed").
damaged() {
	d_db=$tmp/$1.db
	cp "$good" "$d_db"
	d_root=$(sqlite3 "$d_db" "SELECT rootpage FROM sqlite_schema WHERE name = '$2'")
	d_size=$(sqlite3 "$d_db" 'PRAGMA page_size')
	printf '\377\377\377\377\377\377\377\377' |
		dd of="$d_db" bs=1 seek=$(((d_root - 1) * d_size)) conv=notrunc 2>/dev/null
	echo "$d_db"
}

# fails WHAT DB ARGS...: mlmat ARGS --db DB exits 1 with exactly one stderr
# line "mlmat: DB: ..." naming the damage. A report must also leave stdout
# empty.
fails() {
	f_what=$1 f_db=$2
	shift 2
	"$MLMAT" "$@" --db "$f_db" >"$tmp/out" 2>"$tmp/err"
	f_rc=$?
	f_lines=$(wc -l <"$tmp/err" | tr -d ' ')
	f_msg=$(head -n 1 "$tmp/err")
	f_cmd="mlmat $*"
	if [ "$f_rc" -eq 1 ] && [ "$f_lines" = 1 ] &&
		printf '%s\n' "$f_msg" | grep -qF "mlmat: $f_db: " &&
		printf '%s\n' "$f_msg" | grep -qE 'no such (table|column)|malformed|corrupt'; then
		ok "$f_what: $f_cmd exits 1 naming the database problem"
	else
		bad "$f_what: $f_cmd exits 1 naming the database problem" \
			"exit $f_rc, $f_lines stderr line(s): $(head -c 300 "$tmp/err")"
	fi
	if [ "$1" = report ]; then
		if [ ! -s "$tmp/out" ]; then
			ok "$f_what: $f_cmd writes nothing on stdout"
		else
			bad "$f_what: $f_cmd writes nothing on stdout" \
				"$(wc -l <"$tmp/out" | tr -d ' ') lines on stdout, the first: $(head -n 1 "$tmp/out")"
		fi
	fi
}

# The control: the pristine database gives every command exit 0.
for args in "export --what roadmap" "export --what answers" "export --what criteria" \
	"report" "report --team"; do
	# shellcheck disable=SC2086 # the words of args are meant
	if [ "$args" = "report --team" ]; then
		"$MLMAT" report --team "$team" --db "$good" >/dev/null 2>"$tmp/err"
	else
		"$MLMAT" $args --db "$good" >/dev/null 2>"$tmp/err"
	fi
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ]; then
		ok "control: mlmat $args on the intact database exits 0"
	else
		bad "control: mlmat $args on the intact database exits 0" "exit $rc: $(cat "$tmp/err")"
	fi
done

# ---- a table dropped: the statement cannot be prepared ------------------
db=$(broken no-roadmap 'DROP TABLE roadmap')
fails "roadmap table dropped" "$db" export --what roadmap
fails "roadmap table dropped" "$db" report
fails "roadmap table dropped" "$db" report --team "$team"

db=$(broken no-dims 'DROP TABLE dims')
fails "dims table dropped" "$db" export --what answers
if [ ! -s "$tmp/out" ]; then
	ok "dims table dropped: mlmat export --what answers writes nothing on stdout"
else
	bad "dims table dropped: mlmat export --what answers writes nothing on stdout" "$(head -c 200 "$tmp/out")"
fi
fails "dims table dropped" "$db" report
fails "dims table dropped" "$db" report --team "$team"

# ---- a table renamed: the team look-up itself fails ----------------------
# A failing look-up is not "no such team".
db=$(broken teams-renamed 'ALTER TABLE teams RENAME TO teams_old')
fails "teams table renamed" "$db" export --what answers
fails "teams table renamed" "$db" export --what roadmap --team "$team"
fails "teams table renamed" "$db" export --what answers --team "$team"
fails "teams table renamed" "$db" report
fails "teams table renamed" "$db" report --team "$team"

# ---- a column renamed behind SQLite's back (writable_schema) -------------
db=$(broken owner-renamed "PRAGMA writable_schema = ON;
	UPDATE sqlite_schema SET sql = replace(sql, 'owner TEXT', 'holder TEXT') WHERE name = 'roadmap';")
fails "roadmap.owner renamed in the schema" "$db" export --what roadmap
fails "roadmap.owner renamed in the schema" "$db" report --team "$team"

db=$(broken name-renamed "PRAGMA writable_schema = ON;
	UPDATE sqlite_schema SET sql = replace(sql, 'name TEXT NOT NULL UNIQUE', 'label TEXT NOT NULL UNIQUE')
	WHERE name = 'teams';")
fails "teams.name renamed in the schema" "$db" report --team "$team"
fails "teams.name renamed in the schema" "$db" export --what roadmap --team "$team"

# ---- pages damaged: the statement prepares, reading rows fails -----------
db=$(damaged roadmap-damaged roadmap)
fails "roadmap pages damaged" "$db" export --what roadmap
fails "roadmap pages damaged" "$db" report
fails "roadmap pages damaged" "$db" report --team "$team"

# The team look-up reads only the name index; loading the assessment then
# reads the damaged table: that is damage, not a missing assessment.
db=$(damaged teams-damaged teams)
fails "teams pages damaged" "$db" export --what answers
fails "teams pages damaged" "$db" report
fails "teams pages damaged" "$db" report --team "$team"

db=$(damaged answers-damaged answers)
fails "answers pages damaged" "$db" export --what criteria
fails "answers pages damaged" "$db" report --team "$team"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
