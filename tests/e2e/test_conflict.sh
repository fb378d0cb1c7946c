#!/bin/sh
# End-to-end check of concurrent text edits (issue 13 item 8): two
# dashboards, A and B, on one assessment. A opens the notes editor, B saves
# notes on the same dimension, then A saves: A asks (keep mine / take
# theirs) instead of overwriting B's notes unseen. t keeps B's notes; then
# again with k, A's text wins. The same for an override reason (t) and a
# roadmap item's owner on the quarterly review (k). `mlmat export` tells
# what the database holds. One line per check, then "N passed, M failed".

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_conflict: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in tmux python3 pgrep; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_conflict: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-conflict-XXXXXX") || exit 2
TM_DIR=$tmp
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_conflict: cannot start tmux" >&2; exit 2; }

tm_checks_start

db=$tmp/c.db
"$MLMAT" demo --db "$db" --teams 1 --quarters 1 --seed 5 >/dev/null 2>"$tmp/demo.err" ||
	echo "demo: $(cat "$tmp/demo.err")" >>"$tmp/why"

# The notes of the first dimension, as the database holds them.
notes1() {
	"$MLMAT" export --db "$db" --what answers 2>&1 | python3 -c '
import csv, sys
print(next(csv.DictReader(sys.stdin))["notes"])'
}

# The detail of the last notes row in the audit log, without its dimension.
last_notes_audit() {
	python3 -c '
import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
r = db.execute("SELECT detail FROM audit WHERE action = ? ORDER BY id DESC LIMIT 1", ("notes",)).fetchone()
print(r[0].split(": ", 1)[1] if r else "")' "$db"
}

# Both dashboards on the one assessment, at its first dimension.
tm_dash A 120 40 "$db"
tm_dash B 120 40 "$db"
wait_for A 'Level progress' && wait_for B 'Level progress'
tm_keys A Enter
tm_keys B Enter
wait_re A 'dimension 1 of' && wait_re B 'dimension 1 of'

# round ANSWER THEIRS MINE [KEY PROMPT]: A opens the editor (KEY, default
# e: the notes; its PROMPT shown); B saves THEIRS; A types MINE and presses
# Enter, then answers ANSWER (t or k) when asked. True when A asked,
# showing both texts.
round() {
	rk=${4:-e} rp=${5:-Notes:}
	# shellcheck disable=SC2086 # KEY may be two keys (v 3)
	tm_keys A $rk
	wait_for A "$rp" || return 1
	# shellcheck disable=SC2086
	tm_keys B $rk
	wait_for B "$rp" || return 1
	tm_keys B C-u
	tm_type B "$2"
	tm_keys B Enter
	wait_gone B "$rp" && wait_for B "$2" || return 1
	tm_keys A C-u
	tm_type A "$3"
	tm_keys A Enter
	wait_all A 'Changed meanwhile' "$2" "$3" 'k keep mine' || return 1
	tm_keys A "$1"
	wait_gone A 'Changed meanwhile'
}

if round t 'notes from B' 'notes from A'; then
	ok "A asks when B saved the notes while A's editor was open, showing both texts"
	if wait_for A 'notes from B' && [ "$(notes1)" = 'notes from B' ]; then
		ok "t takes theirs: A shows B's notes and the database keeps them"
	else
		bad "t takes theirs: A shows B's notes and the database keeps them" "database: $(notes1)"
	fi
else
	bad "A asks when B saved the notes while A's editor was open, showing both texts" \
		"database: $(notes1)"
fi

if round k 'B again' 'A wins'; then
	ok "asked again on the next conflict"
	if wait_for A 'A wins' && [ "$(notes1)" = 'A wins' ] &&
		[ "$(last_notes_audit)" = 'notes: A wins' ]; then
		ok "k keeps mine: A's notes are saved over B's, and audited"
	else
		bad "k keeps mine: A's notes are saved over B's, and audited" "database: $(notes1)"
	fi
	if wait_for B 'A wins'; then
		ok "B then shows A's notes"
	else
		bad "B then shows A's notes"
	fi
else
	bad "asked again on the next conflict" "database: $(notes1)"
fi

# The override reason of the first dimension, as the database holds it.
reason1() {
	"$MLMAT" export --db "$db" --what answers 2>&1 | python3 -c '
import csv, sys
print(next(csv.DictReader(sys.stdin))["override_reason"])'
}
if round t 'their reason' 'my reason' 'v 3' 'Reason for overriding the level to 3'; then
	ok "the override reason: A asks when B overrode with a reason while A's editor was open"
	if wait_for A 'their reason' && [ "$(reason1)" = 'their reason' ]; then
		ok "the override reason: t keeps B's, shown in A"
	else
		bad "the override reason: t keeps B's, shown in A" "database: $(reason1)"
	fi
else
	bad "the override reason: A asks when B overrode with a reason while A's editor was open" \
		"database: $(reason1)"
fi

# A roadmap item's owner, on the quarterly review: both select the first
# item; A keeps its owner over B's.
owners() {
	"$MLMAT" export --db "$db" --what roadmap 2>&1 | python3 -c '
import csv, sys
print(" ".join(sorted(r["owner"] for r in csv.DictReader(sys.stdin) if r["owner"])))'
}
# count WORD LIST: how many times WORD is in the space-separated LIST.
count() {
	# shellcheck disable=SC2086 # the list is split on purpose
	printf '%s\n' $2 | grep -cxF "$1"
}
tm_keys A q
tm_keys B q
wait_for A 'Level progress' && wait_for B 'Level progress'
tm_keys A r
tm_keys B r
wait_re A 'Action +Dimension +Status +Owner' && wait_re B 'Action +Dimension +Status +Owner'
before=$(owners)
if round k 'dana' 'lee' O 'Owner (empty clears)'; then
	ok "the owner: A asks when B set it while A's editor was open"
	if wait_for A 'lee' && tm_poll B 'grep -qF lee "$TM_DIR/screen"' &&
		[ "$(count lee "$(owners)")" = $(($(count lee "$before") + 1)) ] &&
		[ "$(count dana "$(owners)")" = "$(count dana "$before")" ]; then
		ok "the owner: k keeps A's over B's; both show it"
	else
		bad "the owner: k keeps A's over B's; both show it" "owners: $(owners) (before: '$before')"
	fi
else
	bad "the owner: A asks when B set it while A's editor was open" "owners: $(owners)"
fi

# Both quit (so that a sanitizer build reports any leak at exit).
for d in A B; do
	tm_keys "$d" q
	wait_for "$d" 'Level progress' && tm_keys "$d" q
done
if wait_session_gone A && wait_session_gone B; then
	ok "both dashboards quit"
else
	bad "both dashboards quit"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
