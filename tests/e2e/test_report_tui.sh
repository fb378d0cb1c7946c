#!/bin/sh
# The dashboard's `x` on the organisation view and the review offers the
# HTML report as well as the CSV (issue 18 item 5): the prompt says so, a
# name ending in .html gets the report, written atomically, the same bytes
# as `mlmat report --format html` for what the screen shows; the CSV stays
# the default. The real binary in tmux (private socket), polled, no sleeps.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_report_tui: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
command -v tmux >/dev/null 2>&1 || { echo "test_report_tui: tmux is needed" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-reptui-XXXXXX") || exit 2
# shellcheck disable=SC2034 # read by tmux-lib.sh
TM_DIR=$tmp
# shellcheck source=tests/e2e/tmux-lib.sh
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_report_tui: cannot start tmux" >&2; exit 2; }
tm_checks_start

db=$tmp/demo.db
work=$tmp/work
mkdir -p "$work"
"$MLMAT" demo --db "$db" --teams 4 --quarters 3 --seed 11 >/dev/null 2>&1 ||
	{ echo "test_report_tui: mlmat demo failed" >&2; exit 2; }
tm_start R 120 40 "cd $(shq "$work") && exec env LANG=C.UTF-8 TERM=xterm-256color $(shq "$MLMAT") --db $(shq "$db")"
home=$("$MLMAT" team list --db "$db" | head -n 1 | cut -f 1)
wait_for R "$home" || bad "the dashboard starts"

# The organisation view: o, then x.
tm_keys R o
wait_for R "mlmat Organisation" || bad "o opens the organisation view"
tm_keys R x
if wait_all R "Export answers as CSV to (a name ending .html: the HTML report)" "./mlmat-answers-org-"; then
	ok "x on the organisation view offers the HTML report, the CSV by default"
else
	bad "x on the organisation view offers the HTML report, the CSV by default"
fi
tm_keys R C-u
tm_type R "org.html"
tm_keys R Enter
if wait_for R "Wrote the HTML report to org.html"; then
	ok "a name ending .html: 'Wrote the HTML report to org.html'"
else
	bad "a name ending .html: 'Wrote the HTML report to org.html'"
fi
"$MLMAT" report --db "$db" --format html >"$tmp/org.html" 2>/dev/null
if cmp -s "$work/org.html" "$tmp/org.html"; then
	ok "the file is 'mlmat report --format html' byte for byte"
else
	bad "the file is 'mlmat report --format html' byte for byte" "$(cmp "$work/org.html" "$tmp/org.html" 2>&1)"
fi
tm_keys R x
wait_for R "Export answers as CSV to" >/dev/null && tm_keys R C-u && tm_type R "org.html" && tm_keys R Enter
if wait_for R "org.html exists. Overwrite it?"; then
	tm_keys R n
	if wait_for R "left as it was" && cmp -s "$work/org.html" "$tmp/org.html"; then
		ok "an existing report is overwritten only when asked: n keeps it"
	else
		bad "an existing report is overwritten only when asked: n keeps it"
	fi
else
	bad "x again with the same name asks before overwriting"
fi

# The review of a team: q home, r, then x.
tm_keys R q
wait_gone R "mlmat Organisation" || bad "q leaves the organisation view"
tm_keys R r
wait_for R "mlmat Quarterly review" || bad "r opens the review"
tm_keys R x
if wait_all R "Export roadmap as CSV to (a name ending .html: the HTML report)"; then
	ok "x on the review offers the HTML report"
else
	bad "x on the review offers the HTML report"
fi
tm_keys R C-u
tm_type R "team.HTML"
tm_keys R Enter
wait_for R "Wrote the HTML report to team.HTML" >/dev/null
team=$(sed -n 's|^<title>MLOps maturity report: \(.*\)</title>$|\1|p' "$work/team.HTML" 2>/dev/null)
"$MLMAT" report --db "$db" --format html --team "$team" >"$tmp/team.html" 2>/dev/null
if [ -n "$team" ] && cmp -s "$work/team.HTML" "$tmp/team.html"; then
	ok "the review's report (team.HTML) is 'mlmat report --format html --team \"$team\"'"
else
	bad "the review's report (team.HTML) is 'mlmat report --format html --team TEAM'" "team '$team'"
fi
left=$(cd "$work" && find . -mindepth 1 | sed 's|^\./||' | sort | tr '\n' ' ')
if [ "$left" = "org.html team.HTML " ]; then
	ok "nothing else is left in the folder"
else
	bad "nothing else is left in the folder" "$left"
fi
tm_keys R q q
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
