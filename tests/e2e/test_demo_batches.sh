#!/bin/sh
# `mlmat demo` commits in batches of about 100 ms: while it fills a large
# database, another mlmat writer gets the write lock within a batch (one
# transaction for the whole run held it for seconds), and the -wal stays
# far smaller than the database (one transaction made it as large).
# The demo is sized to run for seconds, many batches long.
MLMAT=${MLMAT:-./mlmat}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; [ -n "$2" ] && echo "       $2"; }

db=$tmp/d.db
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# A team of its own for the other writer: a one-team demo, renamed.
"$MLMAT" demo --db "$db" --teams 1 --quarters 1 --seed 9 >/dev/null &&
	"$MLMAT" team rename --db "$db" "$("$MLMAT" team list --db "$db" | head -n 1 | cut -f 1)" Outsider \
	>/dev/null || { echo "FAIL - setup"; echo "0 passed, 1 failed"; exit 1; }
t0=$(now_ms)
"$MLMAT" demo --db "$db" --teams 300 --quarters 20 --seed 3 --force >"$tmp/demo.out" 2>&1 &
demo=$!

# The other writer is mlmat itself (archive, unarchive: one audited
# transaction each), one change after another while the demo runs; how
# long each waited is kept, and the -wal's size sampled between them.
tries=0 failed=0 waitmax=0 walmax=0 verb=archive
while kill -0 "$demo" 2>/dev/null; do
	t=$(now_ms)
	if "$MLMAT" team $verb --db "$db" Outsider >"$tmp/err" 2>&1; then
		tries=$((tries + 1))
		[ $verb = archive ] && verb=unarchive || verb=archive
	else
		failed=$((failed + 1))
	fi
	t=$(($(now_ms) - t))
	[ "$t" -gt "$waitmax" ] && waitmax=$t
	w=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
	[ "$w" -gt "$walmax" ] && walmax=$w
done
wait "$demo"
rc=$?
took=$(($(now_ms) - t0))
size=$(stat -c %s "$db")

if [ "$rc" -eq 0 ]; then ok "demo 300 x 20 succeeds beside other writers"
else bad "demo 300 x 20 succeeds beside other writers" "exit $rc: $(cat "$tmp/demo.out")"; fi
# A change waits one batch (about 0.1 s), not the demo's run: the limit
# is a quarter of the run, so a slow machine (both slower) keeps the ratio.
if [ "$tries" -ge 4 ] && [ "$failed" -eq 0 ] && [ $((waitmax * 4)) -lt "$took" ]; then
	ok "another writer's changes go through while demo runs ($tries changes, longest $waitmax ms of $took ms)"
else
	bad "another writer's changes go through while demo runs" \
		"$tries changes, $failed failed ($(cat "$tmp/err")), longest $waitmax ms of the demo's $took ms"
fi
# The database is over 40 MB; the -wal is checkpointed between batches and
# cut back to 8 MiB (journal_size_limit): under half the database.
if [ "$size" -gt 41943040 ] && [ $((walmax * 2)) -lt "$size" ]; then
	ok "the -wal stays bounded (largest $walmax bytes, database $size)"
else
	bad "the -wal stays bounded" "largest -wal $walmax bytes, database $size"
fi
n=$(sqlite3 "$db" "SELECT count(*) FROM teams")
if [ "$n" = 301 ]; then ok "all 300 teams written beside Outsider"; else bad "all 300 teams written beside Outsider" "$n teams"; fi
if "$MLMAT" audit verify --db "$db" >/dev/null 2>&1; then ok "the audit chain verifies after a batched demo"
else bad "the audit chain verifies after a batched demo"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
