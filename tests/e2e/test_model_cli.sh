#!/bin/sh
# End-to-end checks of `mlmat model check` and `mlmat model show` on the real
# binary ($MLMAT, default ./mlmat), run from the repository root. Exit codes and
# messages are those of CONTRACT section 1; tests/fixtures/models/expected.txt
# says where each bad fixture must be rejected. One line per check, then
# "N passed, M failed"; exits 1 on any failure.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
FIX=tests/fixtures/models
unset MLMAT_MODEL
export LC_ALL=C.UTF-8 2>/dev/null

if [ ! -x "$MLMAT" ]; then
	echo "test_model_cli: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-XXXXXX") || exit 2
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

# Runs the command; leaves its exit status in $rc, its output in $tmp/out
# and $tmp/err.
run() {
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

lines() {
	wc -l <"$1" | tr -d ' '
}

# status_is WANT: the last command exited WANT.
status_is() {
	[ "$rc" -eq "$1" ]
}

# The last command printed exactly one stderr line that starts with PREFIX
# and contains SUB, and nothing on stdout.
one_error_line() {
	prefix=$1
	sub=$2
	[ -s "$tmp/out" ] && return 1
	[ "$(lines "$tmp/err")" = 1 ] || return 1
	line=$(cat "$tmp/err")
	case "$line" in
	"$prefix"*"$sub"*) return 0 ;;
	*) return 1 ;;
	esac
}

show_output() {
	echo "exit $rc; stdout: $(dd bs=300 count=1 <"$tmp/out" 2>/dev/null | tr '\n' '|');" \
		"stderr: $(dd bs=500 count=1 <"$tmp/err" 2>/dev/null | tr '\n' '|')"
}

# check NAME WANT_STATUS [PREFIX SUB]: the last command's status, and when
# PREFIX is given, its single error line.
check() {
	name=$1
	want=$2
	if ! status_is "$want"; then
		bad "$name" "expected exit $want" "$(show_output)"
		return
	fi
	if [ $# -ge 3 ] && ! one_error_line "$3" "$4"; then
		bad "$name" "expected one stderr line '$3...$4' and no stdout" "$(show_output)"
		return
	fi
	ok "$name"
}

# check_silent NAME: exit 0 and nothing printed at all.
check_silent() {
	if status_is 0 && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; then
		ok "$1"
	else
		bad "$1" "expected exit 0 and no output" "$(show_output)"
	fi
}

# check_usage NAME: exit 2, a "mlmat: " message on stderr, nothing on stdout.
check_usage() {
	if status_is 2 && [ ! -s "$tmp/out" ] && head -n 1 "$tmp/err" | grep -q '^mlmat: '; then
		ok "$1"
	else
		bad "$1" "expected exit 2 and 'mlmat: ...' on stderr only" "$(show_output)"
	fi
}

# out_has NAME TEXT...: exit 0 and every TEXT is a part of stdout.
out_has() {
	name=$1
	shift
	if ! status_is 0; then
		bad "$name" "expected exit 0" "$(show_output)"
		return
	fi
	for text in "$@"; do
		if ! grep -qF -- "$text" "$tmp/out"; then
			bad "$name" "stdout lacks '$text'" "$(show_output)"
			return
		fi
	done
	ok "$name"
}

# ---- model check ------------------------------------------------------------

run "$MLMAT" model check data/mlops-maturity.yaml
check_silent "model check data/mlops-maturity.yaml: exit 0, silent"

# A good model may still draw warnings (a level with no criteria is passed
# for free): exit 0, nothing on stdout, warnings only on stderr.
for f in "$FIX"/good-*.yaml; do
	run "$MLMAT" model check "$f"
	if status_is 0 && [ ! -s "$tmp/out" ] && ! grep -qv ": warning: " "$tmp/err"; then
		ok "model check $f: exit 0, nothing but warnings"
	else
		bad "model check $f: exit 0, nothing but warnings" "$(show_output)"
	fi
done
run "$MLMAT" model check "$FIX/good-links.yaml"
check_silent "model check good-links.yaml (groups, weights, refs, requires): exit 0, silent"
run "$MLMAT" model check "$FIX/warn-links.yaml"
if status_is 0 && [ ! -s "$tmp/out" ] && [ "$(cat "$tmp/err")" = "$FIX/warn-links.yaml:20:20: warning: 'alpha-one' (level 2) requires 'alpha-two' at a higher level (3)
$FIX/warn-links.yaml:16:5: warning: dimension 'alpha' has no criteria at level 4: every team passes it for free
$FIX/warn-links.yaml:26:5: warning: dimension 'beta' has no criteria at level 3: every team passes it for free" ]; then
	ok "model check warn-links.yaml: exit 0, each warning at its position"
else
	bad "model check warn-links.yaml: exit 0, each warning at its position" "$(show_output)"
fi

nbad=0
while read -r file line col sub; do
	case "$file" in '' | '#'*) continue ;; esac
	nbad=$((nbad + 1))
	run "$MLMAT" model check "$FIX/$file"
	check "model check $file: exit 1 at $line:$col" 1 "$FIX/$file:$line:$col: error: " "$sub"
done <"$FIX/expected.txt"
if [ "$nbad" -ge 24 ]; then
	ok "expected.txt lists $nbad bad fixtures"
else
	bad "expected.txt lists $nbad bad fixtures" "expected at least 24"
fi
for f in "$FIX"/bad-*.yaml; do
	if ! grep -q "^$(basename "$f") " "$FIX/expected.txt"; then
		bad "$f is listed in expected.txt"
	fi
done

run "$MLMAT" model check "$FIX/good-links.yaml" "$FIX/bad-unknown-key-top.yaml"
check "model check good bad: exit 1, one error for the bad file" 1 \
	"$FIX/bad-unknown-key-top.yaml:4:1: error: " "unknown key 'author'"

run "$MLMAT" model check "$FIX/bad-unknown-key-top.yaml" "$FIX/good-links.yaml"
check "model check bad good: exit 1, one error for the bad file" 1 \
	"$FIX/bad-unknown-key-top.yaml:4:1: error: " "unknown key 'author'"

run "$MLMAT" model check "$FIX/bad-empty.yaml" "$FIX/good-links.yaml" "$FIX/bad-anchor.yaml"
if status_is 1 && [ "$(lines "$tmp/err")" = 2 ] &&
	head -n 1 "$tmp/err" | grep -q "^$FIX/bad-empty.yaml:1:1: error: " &&
	tail -n 1 "$tmp/err" | grep -q "^$FIX/bad-anchor.yaml:2:7: error: "; then
	ok "model check bad good bad: exit 1, one error per bad file, in order"
else
	bad "model check bad good bad: exit 1, one error per bad file, in order" "$(show_output)"
fi

run "$MLMAT" model check "$FIX/good-links.yaml" "$FIX/good-two-levels.yaml" data/mlops-maturity.yaml
check_silent "model check three good files: exit 0, silent"

# The README's guide to writing a model shows good-guide.yaml: the first
# yaml block after its heading is the fixture, byte for byte, and checks
# without a word.
awk '/^### Writing your own model$/ { guide = 1 }
	guide && block && /^```$/ { exit }
	block { print }
	guide && /^```yaml$/ { block = 1 }' README.md >"$tmp/guide.yaml"
if [ -s "$tmp/guide.yaml" ] && cmp -s "$tmp/guide.yaml" "$FIX/good-guide.yaml"; then
	ok "README's example model is good-guide.yaml"
else
	bad "README's example model is good-guide.yaml" \
		"$(diff "$tmp/guide.yaml" "$FIX/good-guide.yaml" | head -5 | tr '\n' '|')"
fi
run "$MLMAT" model check "$FIX/good-guide.yaml"
check_silent "model check good-guide.yaml (every key): exit 0, silent"

# model show --format yaml: a model back as YAML that model check accepts
# and that shows as the same model.
for f in data/mlops-maturity.yaml "$FIX/good-links.yaml" "$FIX/good-samm.yaml" "$FIX/good-utf8.yaml"; do
	"$MLMAT" model show --model "$f" --format yaml >"$tmp/shown.yaml" 2>"$tmp/err"
	"$MLMAT" model show --model "$f" >"$tmp/a.txt" 2>>"$tmp/err"
	"$MLMAT" model show --model "$tmp/shown.yaml" >"$tmp/b.txt" 2>>"$tmp/err"
	run "$MLMAT" model check "$tmp/shown.yaml"
	if status_is 0 && ! grep -q ': error: ' "$tmp/err" && cmp -s "$tmp/a.txt" "$tmp/b.txt"; then
		ok "model show --format yaml of $f: checks, and shows as the same model"
	else
		bad "model show --format yaml of $f: checks, and shows as the same model" \
			"$(show_output)" "$(diff "$tmp/a.txt" "$tmp/b.txt" | head -5)"
	fi
done
run "$MLMAT" model show --format xml
check_usage "model show --format xml: exit 2"

run "$MLMAT" model check
check_usage "model check with no FILE: exit 2"

run "$MLMAT" model check "$FIX/no-such-model.yaml"
check "model check missing file: exit 1" 1 \
	"mlmat: $FIX/no-such-model.yaml: No such file or directory" ""
if [ "$(cat "$tmp/err")" = "mlmat: $FIX/no-such-model.yaml: No such file or directory" ]; then
	ok "model check missing file: exact message"
else
	bad "model check missing file: exact message" "$(show_output)"
fi

run "$MLMAT" model check "$FIX"
check "model check on a folder: exit 1" 1 "mlmat: $FIX: " "directory"

dd if=/dev/zero bs=1024 count=4097 2>/dev/null | tr '\0' '#' >"$tmp/big.yaml"
run "$MLMAT" model check "$tmp/big.yaml"
check "model check file over 4 MiB: exit 1 at 1:1" 1 "$tmp/big.yaml:1:1: error: " "4 MiB"

run "$MLMAT" model check --bogus "$FIX/good-samm.yaml"
check_usage "model check --bogus: exit 2"

run "$MLMAT" model check --model "$FIX/good-samm.yaml"
check_usage "model check --model (not an option of check): exit 2"

# ---- model show -------------------------------------------------------------

run "$MLMAT" model show
out_has "model show: the five levels" \
	"Ad-hoc experimentation and manual deployments" \
	"Repeatable pipelines and basic model tracking" \
	"Managed platforms and automated deployment" \
	"Proactive monitoring and governance at scale" \
	"Fully automated, adaptive MLOps ecosystems"
out_has "model show: the eight dimensions" \
	"Experiment Tracking and Reproducibility" \
	"Data and Model Versioning and Lineage" \
	"Pipelines and Continuous Training" \
	"Deployment and Release" \
	"Model Monitoring" \
	"Governance and Compliance" \
	"Platform and Infrastructure" \
	"Organisation and Culture"
out_has "model show: criteria" "exp-shared-tracker"
if [ ! -s "$tmp/err" ]; then ok "model show: nothing on stderr"; else bad "model show: nothing on stderr" "$(show_output)"; fi

run "$MLMAT" model show --model "$FIX/good-samm.yaml"
out_has "model show --model good-samm.yaml" \
	"SAMM-style practice model" "Not practised" "Mastered" \
	"Threat Assessment" "Security Testing" "ta-inventory"
if grep -q "Ad-hoc experimentation" "$tmp/out"; then
	bad "model show --model good-samm.yaml: not the built-in model" "$(show_output)"
else
	ok "model show --model good-samm.yaml: not the built-in model"
fi

run "$MLMAT" model show --model="$FIX/good-samm.yaml"
out_has "model show --model=PATH" "SAMM-style practice model"

run env MLMAT_MODEL="$FIX/good-samm.yaml" "$MLMAT" model show
out_has "MLMAT_MODEL picks the model for model show" "SAMM-style practice model" "Threat Assessment"

run env MLMAT_MODEL="$FIX/good-samm.yaml" "$MLMAT" model show --model "$FIX/good-two-levels.yaml"
out_has "--model wins over MLMAT_MODEL" "Two-level checklist"

run env MLMAT_MODEL= "$MLMAT" model show
out_has "empty MLMAT_MODEL means the built-in model" "MLOps Maturity" "Organisation and Culture"

run env MLMAT_MODEL="$FIX/bad-levels-gap.yaml" "$MLMAT" model show
check "MLMAT_MODEL with a bad file: exit 1" 1 "$FIX/bad-levels-gap.yaml:9:12: error: " "consecutively"

run "$MLMAT" model show --model "$FIX/bad-duplicate-criterion-id.yaml"
check "model show --model bad file: exit 1" 1 \
	"$FIX/bad-duplicate-criterion-id.yaml:28:13: error: " "duplicate criterion id 'alpha-two'"

run "$MLMAT" model show --model "$FIX/no-such-model.yaml"
check "model show --model missing file: exit 1" 1 \
	"mlmat: $FIX/no-such-model.yaml: No such file or directory" ""

run "$MLMAT" model show --model
check_usage "model show --model without a value: exit 2"

run "$MLMAT" model show --bogus
check_usage "model show --bogus: exit 2"

run "$MLMAT" model show extra
check_usage "model show with an operand: exit 2"

# ---- commands, --help, --version ------------------------------------------------

run "$MLMAT" frobnicate
check_usage "unknown command: exit 2"

run "$MLMAT" model frobnicate
check_usage "unknown model command: exit 2"

run "$MLMAT" model
check_usage "model with no command: exit 2"

run "$MLMAT" --version
if status_is 0 && grep -q '^mlmat [0-9][0-9.]*' "$tmp/out" && [ ! -s "$tmp/err" ]; then
	ok "--version: exit 0"
else
	bad "--version: exit 0" "$(show_output)"
fi

run "$MLMAT" --help
out_has "--help: exit 0, lists model check and model show" "model check" "model show"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
