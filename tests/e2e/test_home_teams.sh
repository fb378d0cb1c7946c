#!/bin/sh
# End-to-end checks of managing teams from home (CONTRACT section 6: the
# same as `mlmat team ...`) and of the new-assessment form's warning about
# a team name close to an existing one, in a real terminal (tmux) on the
# real binary ($MLMAT, default ./mlmat). Every outcome is read back from
# the database with sqlite3; every refusal leaves it unchanged.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_home_teams: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in tmux sqlite3 sha256sum; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_home_teams: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-teams-XXXXXX") || exit 2
TM_DIR=$tmp
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_home_teams: cannot start tmux" >&2; exit 2; }
tm_checks_start

db=$tmp/t.db
"$MLMAT" demo --db "$db" --teams 3 --quarters 2 --seed 7 >/dev/null 2>"$tmp/err" ||
	{ echo "test_home_teams: demo failed: $(cat "$tmp/err")" >&2; exit 2; }
q() { sqlite3 "$db" "$1"; }
first=$(q "SELECT name FROM teams ORDER BY name LIMIT 1")
second=$(q "SELECT name FROM teams ORDER BY name LIMIT 1 OFFSET 1")
nfirst=$(q "SELECT count(*) FROM assessments a JOIN teams t ON t.id = a.team_id WHERE t.name = '$first'")
# count_of NAME: the assessments of the team of that name.
count_of() { q "SELECT count(*) FROM assessments a JOIN teams t ON t.id = a.team_id WHERE t.name = '$1'"; }
check() {
	what=$1
	shift
	if "$@"; then ok "$what"; else bad "$what"; fi
}

tm_start H 120 40 "exec env TERM=xterm-256color $(shq "$MLMAT") --db $(shq "$db")"
wait_for H 'Teams (3)' || { bad "the dashboard starts"; echo "$pass passed, $fail failed"; exit 1; }

# R: rename the first team (selected at start).
tm_keys H R
wait_for H "Rename $first to"
tm_keys H C-u
tm_type H "Renamed Team"
tm_keys H Enter
check "R renames the selected team; its assessments follow" \
	tm_poll H '[ "$(count_of "Renamed Team")" = "$nfirst" ] && grep -q "Renamed $first to Renamed Team" "$tmp/screen"'

# M: merging into a team with the same periods is refused, nothing changed.
before=$(sha256sum "$db" | cut -d' ' -f1)
tm_keys H M
wait_for H "Merge "
tm_keys H Enter
wait_for H "Move every assessment"
tm_keys H y
check "M into a team with the same periods: refused on the status line, database unchanged" \
	tm_poll H 'grep -q "nothing merged" "$tmp/screen" && [ "$(q "SELECT count(*) FROM teams")" = 3 ]'

# A: archive; the team leaves home; Z lists it again, marked.
tm_keys H A
wait_for H "Archive "
tm_keys H y
check "A archives the team: home lists 2 teams" \
	tm_poll H 'grep -q "Teams (2)" "$tmp/screen" && [ -n "$(q "SELECT archived_at FROM teams WHERE name = '"'"'Renamed Team'"'"'")" ]'
tm_keys H Z
check "Z lists archived teams too, marked (archived)" \
	tm_poll H 'grep -q "Teams (3, archived too)" "$tmp/screen" && grep -q "(archived)" "$tmp/screen"'
tm_keys H k k k j A
wait_for H "Unarchive "
tm_keys H y
check "A on an archived team unarchives it" \
	tm_poll H '[ -z "$(q "SELECT archived_at FROM teams WHERE name = '"'"'Renamed Team'"'"'")" ]'
tm_keys H Z

# D: the name must be typed; a wrong one deletes nothing.
tm_keys H k k k j D
wait_for H "Type its name"
tm_type H "Renamed"
tm_keys H Enter
check "D with a name typed wrong: refused at the field, nothing deleted" \
	tm_poll H 'grep -q "Type the team" "$tmp/screen" && [ "$(q "SELECT count(*) FROM teams")" = 3 ]'
tm_keys H Escape
wait_for H "Nothing deleted"
tm_keys H D
wait_for H "Type its name"
tm_type H "Renamed Team"
tm_keys H Enter
check "D with the name typed: the team and its assessments are gone, audited" \
	tm_poll H '[ "$(q "SELECT count(*) FROM teams WHERE name = '"'"'Renamed Team'"'"'")" = 0 ] && [ "$(q "SELECT action FROM audit ORDER BY id DESC LIMIT 1")" = team-delete ]'

# n: a name one letter off an existing team's is offered that team.
nteams=$(q "SELECT count(*) FROM teams")
typo=$(printf '%s' "$second" | tr '[:upper:]' '[:lower:]')
tm_keys H n
wait_for H "New assessment"
tm_keys H C-u
tm_type H "$typo"
tm_keys H Enter Enter Enter
check "the form offers the existing team for a name that differs only in case" \
	wait_for H "No team is named"
tm_keys H y
check "y uses the existing team: no new team" \
	tm_poll H '[ "$(q "SELECT count(*) FROM teams")" = "'"$nteams"'" ] && grep -q "already has an assessment" "$tmp/screen"'
tm_keys H q q

"$MLMAT" audit verify --db "$db" >/dev/null 2>&1
check "the audit chain is intact after it all" [ $? -eq 0 ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
