#!/bin/sh
# The README's pictures (issue 9): the real dashboard ($MLMAT, default
# ./build/mlmat) on demo data, driven in tmux on a private socket, each screen
# captured with its colours (capture-pane -p -e) and rendered to PNG by
# tests/render-screen.py (pyte + Pillow, DejaVu Sans Mono). `make screenshots`
# runs it; the PNGs go to screenshots/ (or $SCREENSHOTS_DIR) under fixed names.
#
# Repeatable: the same seed, the same database path (the header shows it),
# and a fixed clock. The demo data ends at "the current quarter" and the
# roadmap marks items past due against it, so mlmat runs under faketime at
# $SCREENSHOTS_DATE (default 2026-11-15 12:00 UTC, in 2026-Q4) when faketime
# is installed; without it the periods follow today's quarter (a warning
# says so). Each dashboard gets a clean environment (env -i): no user
# themes, no MLMAT_* variables, TZ=UTC. Keys are sent with send-keys and
# screens read back by polling capture-pane every 50 ms; there are no fixed
# sleeps. A capture is taken once the expected text is shown and the screen
# has stayed the same for three polls in a row.
#
# Needs: tmux, python3 with pyte and PIL (Debian: python3-pyte python3-pil),
# fonts-dejavu-core; faketime for the fixed clock.

cd "$(dirname "$0")/.." || exit 2
MLMAT=${MLMAT:-./build/mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
OUT=${SCREENSHOTS_DIR:-screenshots}
DATE=${SCREENSHOTS_DATE:-2026-11-15 12:00:00}
SEED=42
# Fixed: the dashboard's header shows the database path.
WORK=/tmp/mlmat-screens
DB=$WORK/demo.db

say() { echo "screenshots: $*"; }
die() { echo "screenshots: $*" >&2; exit 1; }

[ -x "$MLMAT" ] || die "no mlmat binary at $MLMAT (run make, or set MLMAT)"
command -v tmux >/dev/null 2>&1 || die "tmux is needed (apt-get install tmux)"

# Debian's python3-pyte lives in /usr/bin/python3's dist-packages, which a
# python3 earlier in PATH (pyenv, a venv) may not see.
PY=
for p in ${PYTHON:-} python3 /usr/bin/python3; do
	if "$p" -c 'import pyte, PIL' >/dev/null 2>&1; then PY=$p; break; fi
done
[ -n "$PY" ] || die "no python3 with pyte and PIL (apt-get install python3-pyte python3-pil)"

FAKE=
if command -v faketime >/dev/null 2>&1; then
	FAKE="faketime --exclude-monotonic '$DATE'"
else
	say "warning: faketime is not installed; the periods shown follow today's quarter" >&2
fi

mkdir -p "$WORK" "$OUT" || exit 1
chmod 700 "$WORK"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-shots-XXXXXX") || exit 2
mkdir "$tmp/home"
TM_DIR=$tmp
. tests/e2e/tmux-lib.sh
TM_SOCKET=mlmat-shots-$$
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
: >"$tmp/why"

# A fresh demo database at the fixed path, under the fixed clock.
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
sh -c "env -i PATH=/usr/bin:/bin HOME=$(shq "$tmp/home") TZ=UTC LANG=C.UTF-8 $FAKE \
	$(shq "$MLMAT") demo --db $(shq "$DB") --teams 8 --quarters 8 --seed $SEED" >/dev/null ||
	die "mlmat demo failed"

tm_setup || die "cannot start tmux"

failed=0
fail() {
	failed=$((failed + 1))
	echo "screenshots: FAILED: $1" >&2
	sed 's/^/  /' "$tmp/why" >&2
	: >"$tmp/why"
}

# dash NAME COLS LINES LANG EXTRA-ENV [ARGS...]: the dashboard on the demo
# database in a clean environment.
dash() {
	d_name=$1 d_cols=$2 d_lines=$3 d_lang=$4 d_env=$5
	shift 5
	d_cmd="env -i PATH=/usr/bin:/bin HOME=$(shq "$tmp/home") TZ=UTC LANG=$d_lang"
	d_cmd="$d_cmd TERM=xterm-256color $d_env $FAKE $(shq "$MLMAT") --db $(shq "$DB")"
	for d_a in "$@"; do d_cmd="$d_cmd $(shq "$d_a")"; done
	tm_start "$d_name" "$d_cols" "$d_lines" "$d_cmd"
}

# settle NAME: until the screen, colours included, is the same for three
# polls in a row (a redraw that tmux received in pieces is complete).
settle() {
	s_i=0 s_same=0
	: >"$tmp/prev"
	while [ "$s_i" -lt "$TM_POLLS" ]; do
		tm capture-pane -p -e -t "=$1:" >"$tmp/cur" 2>/dev/null || return 1
		if cmp -s "$tmp/cur" "$tmp/prev"; then
			s_same=$((s_same + 1))
			[ "$s_same" -ge 3 ] && return 0
		else
			s_same=0
			cp "$tmp/cur" "$tmp/prev"
		fi
		sleep 0.05
		s_i=$((s_i + 1))
	done
	tm_dump "$1" "the screen kept changing"
	return 1
}

# snap NAME COLS LINES FILE TITLE [RENDER-OPTION...]: captures the settled
# screen and renders it to $OUT/FILE.png; then closes the session.
snap() {
	if settle "$1"; then
		cp "$tmp/cur" "$tmp/$4.ansi"
		if "$PY" tests/render-screen.py "$tmp/$4.ansi" "$OUT/$4.png" \
			--size "$2x$3" --title "$5" ${6:+"$6"}; then
			say "$OUT/$4.png"
		else
			echo "render failed" >>"$tmp/why"
			fail "$4"
		fi
	else
		fail "$4"
	fi
	tm kill-session -t "=$1" >/dev/null 2>&1
}

# The first team in the list (sorted by name) is the selected one.
home_ready() { wait_for "$1" "Roadmap (" && wait_for "$1" "Customer Care AI"; }

# Home, 160x45: teams, level progress, heatmap, roadmap side by side.
dash home 160 45 C.UTF-8 ""
if home_ready home; then snap home 160 45 home "mlmat - home (160x45)"; else fail home; fi

# Assessment, 160x45: Enter opens the team's latest assessment; Tab moves
# to dimension 2, whose criteria have yes, partly and no answers.
dash assess 160 45 C.UTF-8 ""
if home_ready assess && tm_keys assess Enter && wait_for assess "dimension 1 of 8" &&
	tm_keys assess Tab && wait_for assess "dimension 2 of 8"; then
	snap assess 160 45 assessment "mlmat - assessment (160x45)"
else
	fail assessment
fi

# Quarterly review, 160x45: r on the selected team.
dash review 160 45 C.UTF-8 ""
if home_ready review && tm_keys review r && wait_for review "Change " &&
	wait_for review "To target"; then
	snap review 160 45 review "mlmat - quarterly review (160x45)"
else
	fail review
fi

# Organisation, 160x45: o.
dash org 160 45 C.UTF-8 ""
if home_ready org && tm_keys org o && wait_re org "Organisation [0-9]{4}-Q[1-4]" &&
	wait_for org "Mean"; then
	snap org 160 45 organisation "mlmat - organisation (160x45)"
else
	fail organisation
fi

# The 80x24 layout: panes stacked below the main view.
dash home80 80 24 C.UTF-8 ""
if wait_for home80 "Customer Care AI" && wait_for home80 "Level progress"; then
	snap home80 80 24 home-80x24 "mlmat - home (80x24)"
else
	fail home-80x24
fi
dash assess80 80 24 C.UTF-8 ""
if wait_for assess80 "Customer Care AI" && tm_keys assess80 Enter &&
	wait_for assess80 "dimension 1 of 8" && tm_keys assess80 Tab &&
	wait_for assess80 "dimension 2 of 8"; then
	snap assess80 80 24 assessment-80x24 "mlmat - assessment (80x24)"
else
	fail assessment-80x24
fi

# The mono/ASCII fallback: NO_COLOR, --ascii and a locale that is not UTF-8.
dash mono 100 30 C NO_COLOR=1 --ascii
if wait_for mono "Customer Care AI" && wait_for mono "Level progress"; then
	snap mono 100 30 mono-ascii "mlmat - NO_COLOR=1 LANG=C --ascii (100x30)"
else
	fail mono-ascii
fi

# Each theme on the home screen, 120x35; the light theme, made for light
# terminals, on a light one.
for theme in default dark light high-contrast mono; do
	dash "t-$theme" 120 35 C.UTF-8 "" --theme "$theme"
	light=
	[ "$theme" = light ] && light=--light
	if home_ready "t-$theme"; then
		snap "t-$theme" 120 35 "theme-$theme" "mlmat --theme $theme (120x35)" $light
	else
		fail "theme-$theme"
	fi
done

if [ "$failed" -gt 0 ]; then
	echo "screenshots: $failed failed" >&2
	exit 1
fi
tm_cleanup
rm -f "$DB" "$DB-wal" "$DB-shm"
rmdir "$WORK" 2>/dev/null
say "done"
