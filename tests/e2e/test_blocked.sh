#!/bin/sh
# End-to-end check of blocked roadmap items (CONTRACT section 3, requires)
# in a real terminal (tmux) on the real binary ($MLMAT, default ./mlmat):
# on tests/fixtures/models/good-links.yaml alpha-two requires alpha-one and
# beta-one. The demo (seed 4) leaves alpha-one partly and beta-one yes, so
# alpha-two's item is blocked by alpha-one: the home roadmap pane and the
# review's table say so, and stop saying it once alpha-one is answered yes
# on the assessment screen.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_blocked: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
command -v tmux >/dev/null 2>&1 || { echo "test_blocked: tmux is needed" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-prereq-XXXXXX") || exit 2
TM_DIR=$tmp
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

model=$(pwd)/tests/fixtures/models/good-links.yaml
db=$tmp/links.db
"$MLMAT" demo --db "$db" --teams 1 --quarters 1 --seed 4 --model "$model" >/dev/null 2>"$tmp/err" ||
	{ echo "test_blocked: demo failed: $(cat "$tmp/err")" >&2; exit 2; }
# The starting point, read from the export: alpha-two blocked by alpha-one.
"$MLMAT" export --what roadmap --db "$db" >"$tmp/roadmap.csv" 2>"$tmp/err" ||
	{ echo "test_blocked: export failed: $(cat "$tmp/err")" >&2; exit 2; }
tr -d '\r' <"$tmp/roadmap.csv" | grep -q ',alpha-two,.*,alpha-one$' ||
	{ echo "test_blocked: the demo data no longer blocks alpha-two by alpha-one:" >&2
	  cat "$tmp/roadmap.csv" >&2; exit 2; }

tm_setup || { echo "test_blocked: cannot start tmux" >&2; exit 2; }
tm_checks_start
tm_start B 120 40 "exec env TERM=xterm-256color $(shq "$MLMAT") --db $(shq "$db") --model $(shq "$model")"
if ! wait_for B 'Level progress'; then
	bad "the dashboard starts"
	echo "$pass passed, $fail failed"
	exit 1
fi
if wait_until B "the blocked item on home" \
	'grep -Eq "blocked alpha +Second thing\. .*after alpha-one" "$tmp/screen"'; then
	ok "the roadmap pane shows alpha-two blocked, after alpha-one"
else
	bad "the roadmap pane shows alpha-two blocked, after alpha-one"
fi
tm_keys B r
tm_keys B j
if wait_until B "the review's blocked item" \
	'grep -Eq "! alpha-two +alpha +planned" "$tmp/screen" && grep -q "blocked by alpha-one" "$tmp/screen"'; then
	ok "the review's table shows alpha-two blocked, and by what"
else
	bad "the review's table shows alpha-two blocked, and by what"
fi
tm_keys B q
wait_for B 'Level progress' >/dev/null
# The assessment opens at Alpha's first criterion, alpha-one.
tm_keys B Enter
if wait_until B "the group in the header" \
	'grep -q "dimension 1 of 2  group Build" "$tmp/screen"'; then
	ok "the assessment header names the group and its score"
else
	bad "the assessment header names the group and its score"
fi
tm_keys B y
if wait_until B "alpha-one answered yes" \
	'grep -q "Requires  alpha-one yes (met), beta-one" "$tmp/screen"'; then
	ok "after y the selection moves to alpha-two, its prerequisites met"
else
	bad "after y the selection moves to alpha-two, its prerequisites met"
fi
tm_keys B q
if wait_until B "home without the blocked item" \
	'grep -q "Level progress" "$tmp/screen" && grep -q "Second thing\." "$tmp/screen" &&
	 ! grep -q "blocked" "$tmp/screen" && ! grep -q "after alpha-one" "$tmp/screen"'; then
	ok "once alpha-one is yes, alpha-two is no longer blocked"
else
	bad "once alpha-one is yes, alpha-two is no longer blocked"
fi
tm_keys B r
if wait_until B "the review without the blocked item" \
	'grep -Eq "│alpha-two +alpha +planned" "$tmp/screen" && ! grep -q "blocked" "$tmp/screen"'; then
	ok "nor in the review's table"
else
	bad "nor in the review's table"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
