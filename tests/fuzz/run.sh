#!/bin/sh
# Runs each fuzz target for SECONDS from a corpus seeded with data/, themes/
# and the test fixtures; a crash is kept in build/fuzz/crashes/ and fails the
# run. Usage: run.sh SECONDS TARGET...
set -u
seconds=$1; shift
dir=build/fuzz
status=0
mkdir -p "$dir/crashes"
for t in "$@"; do
	corpus=$dir/corpus/$t
	mkdir -p "$corpus"
	case $t in
	fuzz_model) cp data/*.yaml tests/fixtures/models/*.yaml "$corpus/" 2>/dev/null ;;
	fuzz_theme) cp themes/*.yaml tests/fixtures/themes/*.yaml "$corpus/" 2>/dev/null ;;
	fuzz_csv) printf '=SUM(A1)' > "$corpus/formula"; printf 'a,"b"\r\nc' > "$corpus/quotes" ;;
	fuzz_parsers) printf '2026-Q4' > "$corpus/period"; printf '  Données, "ML" ' > "$corpus/team" ;;
	fuzz_lineedit) printf '\120abc\303\251\370\374\375' > "$corpus/keys" ;;
	fuzz_csvread) printf 'team,period\r\n"a ""b""",2026-Q1\r\n\357\273\277x,"y\nz"\n' > "$corpus/rows" ;;
	esac
	echo "fuzz: $t for $seconds s"
	if ! "$dir/$t" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix="$dir/crashes/$t-" -print_final_stats=1 \
		> "$dir/$t.log" 2>&1; then
		echo "fuzz: $t FOUND A CRASH; see $dir/$t.log and $dir/crashes/"
		tail -30 "$dir/$t.log"
		status=1
	else
		grep -E "stat::number_of_executed_units|cov:" "$dir/$t.log" | tail -2
	fi
done
exit $status
