#!/bin/sh
# The real-world-shaped models of test_real_models.sh (SAMM-shaped: groups,
# levels 0 to 3; DSOMM-shaped: requires across dimensions, levels 0 to 4)
# on the dashboard at 80x24 in tmux, on demo data: home, a team's latest
# assessment with the model's own level names, the references view, the
# organisation view; no screen says the terminal is too small.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR TMUX
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_real_models_tui: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
command -v tmux >/dev/null 2>&1 || { echo "test_real_models_tui: tmux is needed" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-real-XXXXXX") || exit 2
TM_DIR=$tmp
. tests/e2e/tmux-lib.sh
trap 'tm_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tm_setup || { echo "test_real_models_tui: cannot start tmux" >&2; exit 2; }
tm_checks_start

# step NAME WHAT TEST: waits until TEST holds on the screen of NAME.
step() {
	if wait_until "$1" "$2" "$3"; then ok "$2"; else bad "$2"; fi
}

for model in samm-groups dsomm-requires; do
	f=$(pwd)/tests/fixtures/models/good-$model.yaml
	db=$tmp/$model.db
	"$MLMAT" demo --db "$db" --model "$f" --teams 5 --quarters 3 >/dev/null 2>"$tmp/err" ||
		{ bad "$model: demo" "$(cat "$tmp/err")"; continue; }
	tm_dash "$model" 80 24 "$db" --model "$f"
	case $model in
	samm-groups) dim="Strategy and Metrics" lv="Level 1  Initial understanding" ;;
	*) dim="Build" lv="Level 1  Basic understanding of security practices" ;;
	esac
	step "$model" "$model: home at 80x24, teams and level progress" \
		'grep -q "Payments ML" "$tmp/screen" && grep -q "Level progress" "$tmp/screen" &&
		 grep -q "│$dim " "$tmp/screen" && ! grep -qi "too small" "$tmp/screen"'
	tm_keys "$model" Enter
	step "$model" "$model: Enter opens the latest assessment, levels by the model's names" \
		'grep -q "┌ $dim ─" "$tmp/screen" && grep -q "dimension 1 of " "$tmp/screen" &&
		 grep -q "$lv" "$tmp/screen" && ! grep -qi "too small" "$tmp/screen"'
	tm_keys "$model" q
	wait_until "$model" "home again" 'grep -q "Level progress" "$tmp/screen"' || bad "$model: q goes home"
	tm_keys "$model" f
	step "$model" "$model: f lists the references with met/total" \
		'grep -q "References: " "$tmp/screen" &&
		 grep -Eq "ISO/IEC 27001:2022 +[0-9]+/[0-9]+" "$tmp/screen"'
	tm_keys "$model" q
	wait_until "$model" "home again" 'grep -q "Level progress" "$tmp/screen"' || bad "$model: q goes home"
	tm_keys "$model" o
	step "$model" "$model: o shows the organisation with its mean row" \
		'grep -q "Organisation 20" "$tmp/screen" && grep -q "│ Mean " "$tmp/screen" &&
		 ! grep -qi "too small" "$tmp/screen"'
	tm_keys "$model" q
	wait_until "$model" "home again" 'grep -q "Level progress" "$tmp/screen"' || bad "$model: q goes home"
	tm_keys "$model" q
	if wait_session_gone "$model"; then ok "$model: q quits"; else bad "$model: q quits"; fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
