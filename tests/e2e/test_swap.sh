#!/bin/sh
# End-to-end checks of a database swapped under a running dashboard (CONTRACT
# section 6, issue 13 item 4): with the dashboard open on an assessment, the
# database file is removed, replaced by mv (a new inode), overwritten by cp
# (same inode, new content), or its -wal removed. Each time the status line
# says so within 5 s, an answer key is refused (the answers shown stay as
# they were), and the file now at the path is byte for byte what the swap
# left there, also after the dashboard quits, and passes integrity_check.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

# shellcheck disable=SC2016 # the single-quoted tests are eval-ed by tm_poll
cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_swap: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in tmux sqlite3 sha256sum; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_swap: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-swap-XXXXXX") || exit 2
TM_DIR=$tmp
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_swap: cannot start tmux" >&2; exit 2; }

tm_checks_start

lost='Database file replaced or deleted: changes are no longer saved. Restart mlmat.'

# The answers shown in the criteria column, top to bottom.
labels() {
	sed -nE 's/^[^ ] (.{6})[ ~][ *] [^ ].*/\1/p' "$1" | tr -d ' ' |
		grep -xE '\?|no|partly|yes' | tr '\n' ' ' | sed 's/ $//'
}

# hash FILE: its sha256, or "absent".
hash() {
	if [ -e "$1" ]; then sha256sum <"$1" | cut -d' ' -f1; else echo absent; fi
}

# integrity FILE: integrity_check of FILE's bytes alone, on a copy (the
# side files beside FILE may be the old database's: see the cp case).
integrity() {
	rm -rf "$tmp/ic" && mkdir "$tmp/ic" && cp "$1" "$tmp/ic/db" &&
		sqlite3 "$tmp/ic/db" 'PRAGMA integrity_check' 2>&1
}

# A database of another history, to copy or move over the open one.
"$MLMAT" demo --db "$tmp/other.db" --teams 3 --quarters 3 --seed 7 >/dev/null 2>&1 ||
	{ echo "test_swap: mlmat demo failed" >&2; exit 2; }

for how in rm mv cp rm-wal; do
	db=$tmp/$how/mlmat.db
	mkdir "$tmp/$how"
	"$MLMAT" demo --db "$db" --teams 2 --quarters 2 --seed 1 >/dev/null 2>&1 ||
		{ echo "test_swap: mlmat demo failed" >&2; exit 2; }
	tm_dash "$how" 80 24 "$db"
	wait_for "$how" "q quit" >/dev/null
	tm_keys "$how" Enter
	wait_re "$how" "dimension 1 of [0-9]+" >/dev/null
	# An answer saved first, so that the -wal holds pages of the old file.
	tm_keys "$how" n
	tm_poll "$how" '[ -s "$db-wal" ]' >/dev/null
	wait_settled "$how" "dimension 1 of" >/dev/null
	before=$(labels "$tmp/screen")

	case $how in
	rm) rm -f "$db" ;;
	mv) cp "$tmp/other.db" "$tmp/$how/new.db" && mv "$tmp/$how/new.db" "$db" ;;
	cp) cp "$tmp/other.db" "$db" ;;
	rm-wal) rm -f "$db-wal" ;;
	esac
	sum=$(hash "$db")

	if wait_for "$how" "$lost" 100; then
		ok "$how: the status line says the database was replaced or deleted within 5 s"
	else
		bad "$how: the status line says the database was replaced or deleted within 5 s"
	fi

	tm_keys "$how" y
	wait_settled "$how" "dimension 1 of" >/dev/null
	after=$(labels "$tmp/screen")
	if grep -qF "$lost" "$tmp/screen" && [ -n "$before" ] && [ "$before" = "$after" ]; then
		ok "$how: y is refused with that message; the answers shown stay ($after)"
	else
		bad "$how: y is refused with that message; the answers shown stay" \
			"before: '$before', after: '$after'" "$(sed 's/^/|/' "$tmp/screen")"
	fi

	tm_keys "$how" q q
	wait_session_gone "$how" >/dev/null
	now=$(hash "$db")
	if [ "$how" = rm ]; then
		if [ "$now" = absent ]; then
			ok "$how: no file appears at the path"
		else
			bad "$how: no file appears at the path" "$(ls -l "$tmp/$how")"
		fi
		continue
	fi
	if [ "$sum" = "$now" ]; then
		ok "$how: the file at the path is byte for byte unchanged after the dashboard quits"
	else
		bad "$how: the file at the path is byte for byte unchanged after the dashboard quits" \
			"sha256 $sum after the swap, $now now"
	fi
	ic=$(integrity "$db")
	if [ "$ic" = ok ]; then
		ok "$how: the file at the path passes integrity_check"
	else
		bad "$how: the file at the path passes integrity_check" "$ic"
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
