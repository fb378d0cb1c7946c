#!/bin/sh
# The formula-injection prefix reaches every text field of every export,
# ids included: a model whose ids begin with '-' and whose texts begin with
# '=', '+' and '@'.
MLMAT=${MLMAT:-./mlmat}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$MLMAT" demo --db "$tmp/d.db" --model tests/fixtures/models/good-leading-dash.yaml \
	--teams 1 --quarters 1 --seed 4 > /dev/null || { echo "FAIL - demo"; echo "0 passed, 1 failed"; exit 1; }
for w in answers criteria roadmap audit; do
	"$MLMAT" export --db "$tmp/d.db" --what $w > "$tmp/$w.csv"
done
python3 - "$tmp" <<'PY'
import csv, sys, os
tmp = sys.argv[1]
passed = failed = 0
def check(ok, what):
    global passed, failed
    print(("ok   - " if ok else "FAIL - ") + what)
    if ok: passed += 1
    else: failed += 1
for w in ["answers", "criteria", "roadmap", "audit"]:
    with open(os.path.join(tmp, w + ".csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    bad = [v for r in rows[1:] for v in r if v[:1] in ("=", "+", "-", "@", "\t", "\r")]
    check(not bad, "%s: no field begins with = + - @ TAB CR (%d rows)" % (w, len(rows) - 1))
answers = list(csv.DictReader(open(os.path.join(tmp, "answers.csv"), newline="", encoding="utf-8")))
check(answers[0]["model_id"] == "'-dash", "answers: model_id '-dash is written '-dash")
check(answers[0]["dimension_id"] == "'-dim" and answers[0]["dimension"] == "'=Dim",
      "answers: dimension id and name are prefixed")
crit = list(csv.DictReader(open(os.path.join(tmp, "criteria.csv"), newline="", encoding="utf-8")))
check(crit[0]["criterion_id"] == "'-crit" and crit[0]["criterion"] == "'+text",
      "criteria: criterion id and text are prefixed")
rm = list(csv.DictReader(open(os.path.join(tmp, "roadmap.csv"), newline="", encoding="utf-8")))
check(len(rm) == 1 and rm[0]["dimension_id"] == "'-dim" and rm[0]["criterion_id"] == "'-crit"
      and rm[0]["action"] == "'@act", "roadmap: ids and action are prefixed")
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
