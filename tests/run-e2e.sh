#!/bin/sh
# Runs every tests/e2e/test_*.sh from the repository root with MLMAT set
# (default: ./mlmat made absolute), and prints one summary line for all:
# the checks passed and failed, summed from each script's "N passed, M failed".
cd "$(dirname "$0")/.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
export MLMAT
# The machine's own configuration files must not steer the tests: none is
# read unless a test writes one.
MLMAT_SYSTEM_CONFIG=/nonexistent/mlmat-config.yaml
XDG_CONFIG_HOME=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-cfg-XXXXXX") || exit 2
export MLMAT_SYSTEM_CONFIG XDG_CONFIG_HOME

out=$(mktemp "${TMPDIR:-/tmp}/mlmat-e2e-out-XXXXXX") || exit 2
trap 'rm -rf "$out" "$XDG_CONFIG_HOME"' EXIT
trap 'exit 2' HUP INT TERM

pass=0; fail=0; bad_scripts=0
for t in tests/e2e/test_*.sh; do
	[ -f "$t" ] || continue
	echo "== $t"
	sh "$t" >"$out" 2>&1
	rc=$?
	cat "$out"
	summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
	p=0; f=0
	if [ -n "$summary" ]; then
		p=${summary%% passed*}
		f=${summary#*passed, }
		f=${f%% failed}
	fi
	# A script that fails without counting a failure (it crashed, or could
	# not start) still counts as one.
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	[ "$rc" -ne 0 ] && { bad_scripts=$((bad_scripts + 1)); echo "FAILED: $t (exit $rc)"; }
	pass=$((pass + p)); fail=$((fail + f))
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$bad_scripts" -eq 0 ]
