#!/bin/sh
# Error messages quote what the user gave (a command, a path, a theme name)
# but never pass a control character through to the terminal.
MLMAT=${MLMAT:-./mlmat}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
esc=$(printf '\033')
pass=0 fail=0
check() { # description, expected status, command...
	d=$1 want=$2; shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ "$rc" -eq "$want" ] && ! grep -q "$esc" "$tmp/err" && grep -q '^mlmat: ' "$tmp/err"; then
		pass=$((pass + 1)); echo "ok   - $d"
	else
		fail=$((fail + 1)); echo "FAIL - $d (exit $rc)"; od -c "$tmp/err" | head -3
	fi
}
check "unknown command with an escape sequence" 2 "$MLMAT" "$(printf 'x\033]0;pwned\007y')"
check "unknown flag with an escape sequence" 2 "$MLMAT" export "$(printf -- '--x\033[2J')"
check "database path with an escape sequence" 1 "$MLMAT" export --db "$(printf '%s/a\033[2Jb' "$tmp")"
check "model path with an escape sequence" 1 "$MLMAT" model check "$(printf '%s/m\033[31m.yaml' "$tmp")"
check "bad period with an escape sequence" 2 "$MLMAT" export --period "$(printf '2026\033[2J')"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
