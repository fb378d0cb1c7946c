#!/bin/sh
# Replays seed inputs through each fuzz target built with tests/fuzz/replay.c
# (see there). Usage: replay.sh BUILD TARGET...
build=$1; shift
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
printf '=SUM(A1)' > "$tmp/formula"; printf 'a,"b"\r\nc' > "$tmp/quotes"; printf '' > "$tmp/empty"
printf '2026-Q4' > "$tmp/period"; printf '  Donn\303\251es, "ML" ' > "$tmp/team"
printf '\120abc\303\251\370\374\375' > "$tmp/keys"; printf '\377\376-@\t\r\n"' > "$tmp/bytes"
status=0
for t in "$@"; do
	case $t in
	fuzz_model) set -- data/*.yaml tests/fixtures/models/*.yaml ;;
	fuzz_theme) set -- themes/*.yaml tests/fixtures/themes/*.yaml ;;
	*) set -- "$tmp"/* ;;
	esac
	if "$build/tests/replay_${t#fuzz_}" "$@"; then
		echo "replay: $t on $# inputs"
	else
		echo "FAILED: replay $t"; status=1
	fi
done
exit $status
