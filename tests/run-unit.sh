#!/bin/sh
# Runs each cmocka unit test binary; prints one summary line for all.
build=$1; shift
pass=0; fail=0
for t in "$@"; do
	if "$build/tests/$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $t"; fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
