#!/bin/sh
# Real-world-shaped models through the whole program (issue 17): an OWASP
# SAMM-shaped one (business functions as groups over fifteen practices,
# levels 0 to 3) and a DSOMM-shaped one (activities at levels 1 to 4 with
# prerequisites across dimensions, citing ISO/IEC 27001:2022 and OWASP SAMM
# 2.0). For each: model check is silent; demo fills a database; every export
# kind is CSV with its header and rows, roadmap blocked_by naming exactly the
# required criteria not met in the team's latest assessment; the report
# shows the group scores, the blocked items and the references, agreeing with
# the exports; model show --format yaml gives back the same model. One line
# per check, then "N passed, M failed"; exits 1 on any failure.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
FIX=tests/fixtures/models
unset MLMAT_MODEL MLMAT_DB
export LC_ALL=C.UTF-8 2>/dev/null

if [ ! -x "$MLMAT" ]; then
	echo "test_real_models: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
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

# The kinds export knows, as its usage error lists them ("--what must be
# a, b or c, not ..."): a kind added later is checked here too.
kinds=$("$MLMAT" export --db "$tmp/none.db" --what no-such-kind 2>&1 |
	sed -n 's/.*--what must be \(.*\), not .*/\1/p' | sed 's/ or /, /; s/,//g')
case " $kinds " in
*" answers "*" roadmap "*) ok "export names its kinds: $kinds" ;;
*) bad "export names its kinds" "got '$kinds'" ;;
esac

for model in samm-groups dsomm-requires; do
	f=$FIX/good-$model.yaml
	db=$tmp/$model.db
	d=$tmp/$model
	mkdir "$d"

	"$MLMAT" model check "$f" >"$d/out" 2>"$d/err"
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$d/out" ] && [ ! -s "$d/err" ]; then
		ok "$model: model check is silent"
	else
		bad "$model: model check is silent" "exit $rc: $(head -c 300 "$d/err")"
	fi

	"$MLMAT" demo --db "$db" --model "$f" --teams 5 --quarters 3 >"$d/out" 2>"$d/err"
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$d/err" ]; then
		ok "$model: demo --teams 5 --quarters 3"
	else
		bad "$model: demo --teams 5 --quarters 3" "exit $rc: $(head -c 300 "$d/err")"
		continue
	fi

	for w in $kinds; do
		if ! "$MLMAT" export --db "$db" --what "$w" >"$d/$w.csv" 2>"$d/err"; then
			bad "$model: export --what $w" "$(head -c 300 "$d/err")"
		fi
	done
	if ! "$MLMAT" report --db "$db" >"$d/report.txt" 2>"$d/err"; then
		bad "$model: report" "$(head -c 300 "$d/err")"
	fi
	"$MLMAT" model show --model "$f" >"$d/show.txt" 2>"$d/err"

	# The exports, the report and the model as shown, held against each
	# other; each check prints its own ok/FAIL line.
	python3 - "$d" "$model" "$kinds" <<'PY' >"$d/checks"
import csv, io, re, sys, os
d, model, kinds = sys.argv[1], sys.argv[2], sys.argv[3].split()

HEADERS = {
    "answers": "assessment_id,team,period,facilitator,model_id,model_version,dimension_id,dimension,level,score,target,gap,coverage,override_reason,notes,updated_at,overall,state",
    "criteria": "assessment_id,team,period,dimension_id,criterion_id,criterion_level,criterion,answer,comment,evidence,origin",
    "roadmap": "team,dimension_id,criterion_id,action,status,owner,due_period,created_period,done_period,blocked_by",
    "audit": "at,os_user,assessment_id,action,detail,hash",
    "votes": "assessment_id,team,period,dimension_id,criterion_id,round,os_user,vote,at",
}

def check(good, what, detail=""):
    print(("ok   - " if good else "FAIL - ") + model + ": " + what +
          ("" if good or not detail else "\n       " + detail))

# The model as `model show` prints it: levels, groups, criteria with their
# requires and refs.
levels, groups, crits, cur = [], [], {}, None
section = None
for line in open(os.path.join(d, "show.txt"), encoding="utf-8"):
    line = line.rstrip("\n")
    if line in ("Levels",) or line.startswith("Groups (") or line.startswith("Dimensions ("):
        section = line.split(" ")[0]
        continue
    m = re.match(r"^  (\d+)  ", line)
    if section == "Levels" and m:
        levels.append(int(m.group(1)))
    m = re.match(r"^  (.+)  \[([a-z0-9-]+)\]$", line)
    if section == "Groups" and m:
        groups.append(m.group(1))
    m = re.match(r"^  L(\d+) ([a-z0-9-]+): ", line)
    if m:
        cur = crits[m.group(2)] = {"requires": [], "refs": []}
    m = re.match(r"^      (requires|ref): (.*)$", line)
    if m and cur is not None:
        cur["requires" if m.group(1) == "requires" else "refs"].append(m.group(2))
check(levels and groups and crits, "model show lists %d levels, %d groups, %d criteria"
      % (len(levels), len(groups), len(crits)))

rows = {}
for kind in kinds:
    path = os.path.join(d, kind + ".csv")
    raw = open(path, "rb").read() if os.path.exists(path) else b""
    table = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    want = HEADERS.get(kind)
    check(want is not None, "export --what %s has a header to check" % kind)
    check(table and ",".join(table[0]) == want, "export --what %s: its header" % kind,
          "got %r" % (table[0] if table else None))
    check(len(table) > 1 or kind == "votes", "export --what %s: %d rows" % (kind, len(table) - 1))
    # a bare LF only inside a quoted field (notes may hold one)
    check(all(len(r) == len(table[0]) for r in table) and raw.endswith(b"\r\n") and
          raw.count(b"\r\n") == len(table), "export --what %s: CSV, CRLF, every row whole" % kind)
    rows[kind] = [dict(zip(table[0], r)) for r in table[1:]] if table else []

ans = rows.get("answers", [])
lv = [int(r["level"]) for r in ans]
check(lv and min(lv) == min(levels) and max(lv) <= max(levels),
      "answers: levels from %d, within %d..%d" % (min(lv or [0]), min(levels), max(levels)))

# Each team's latest assessment: its answers by criterion.
latest = {}
for r in rows.get("criteria", []):
    t = r["team"]
    if t not in latest or r["period"] > latest[t][0]:
        latest[t] = (r["period"], {})
    if r["period"] == latest[t][0]:
        latest[t][1][r["criterion_id"]] = r["answer"]
latest = {t: v[1] for t, v in latest.items()}

# blocked_by: exactly the criteria it requires that are neither yes nor
# n/a in the team's latest assessment, in the order the model names them.
blocked = {}
wrong = []
for r in rows.get("roadmap", []):
    c = r["criterion_id"]
    got = r["blocked_by"].split()
    want = [q for q in crits.get(c, {"requires": []})["requires"]
            if latest.get(r["team"], {}).get(q) not in ("yes", "n/a")]
    if c not in crits or any(q not in crits for q in got) or got != want:
        wrong.append("%s %s: %r, expected %r" % (r["team"], c, got, want))
    if got and r["status"] in ("planned", "in-progress"):
        blocked.setdefault(r["team"], {})[c] = got
check(not wrong, "roadmap blocked_by names only criteria the item requires, not met",
      "; ".join(wrong[:3]))
check(sum(len(v) for v in blocked.values()) > 0,
      "roadmap: some open items are blocked (%d)" % sum(len(v) for v in blocked.values()))

# The report, team by team.
text = open(os.path.join(d, "report.txt"), encoding="utf-8").read()
blocks = re.split(r"(?m)^(?=Team .* - \d{4}-Q\d$)", text)
blocks = [b for b in blocks if b.startswith("Team ")]
check(len(blocks) == len(latest), "report: one block per team (%d)" % len(blocks))
for b in blocks:
    team = re.match(r"Team (.*) - ", b).group(1)
    for g in groups:
        check(re.search(r"(?m)^  " + re.escape(g) + r" +\d+\.\d\d$", b) is not None,
              "report %s: group %s with its score" % (team, g))
    nblocked = len(blocked.get(team, {}))
    m = re.search(r"(?m)^Next on the roadmap \((\d+) open items?(?:, (\d+) blocked)?\):$", b)
    check(m is not None and int(m.group(2) or 0) == nblocked,
          "report %s: %d blocked items, as exported" % (team, nblocked),
          m.group(0) if m else "no roadmap line")
    # each "blocked by" line under its item names what the export does
    items = re.findall(r"(?m)^  \d+\. \[[a-z-]+\] [a-z0-9-]+: (.*)\n(?:     blocked by (.*)\n)?", b)
    check(len(items) == min(5, int(m.group(1)) if m else 0), "report %s: its top items" % team)
    for item in items:
        if item[1]:
            check(item[1].split(", ") in blocked.get(team, {}).values(),
                  "report %s: blocked by %s, as exported" % (team, item[1]))
    # References: per reference, met (yes or n/a) of the criteria citing it
    sec = b.split("\nReferences (", 1)
    check(len(sec) == 2, "report %s: a references section" % team)
    if len(sec) == 2:
        sec = sec[1].split("\n\n", 1)[0]
        cites = {}
        for c, v in crits.items():
            for ref in v["refs"]:
                cites.setdefault(ref, []).append(c)
        for ref, cs in cites.items():
            met = sum(latest[team].get(c) in ("yes", "n/a") for c in cs)
            want = "%s %d/%d" % (ref, met, len(cs))
            check(re.search(r"(?m)^    " + re.escape(ref) + r" +%d/%d$" % (met, len(cs)), sec)
                  is not None, "report %s: reference %s" % (team, want))
        check(re.search(r"(?m)^  \S.* \d+/\d+$", sec) is not None,
              "report %s: references by standard" % team)
PY
	while IFS= read -r line; do
		case "$line" in
		"ok   - "*) ok "${line#ok   - }" ;;
		"FAIL - "*) bad "${line#FAIL - }" ;;
		*) echo "$line" ;;
		esac
	done <"$d/checks"
	grep -q . "$d/checks" || bad "$model: the checks of its exports and report ran"

	# model show --format yaml: checks, and shows as the same model
	"$MLMAT" model show --model "$f" --format yaml >"$d/shown.yaml" 2>"$d/err"
	"$MLMAT" model show --model "$d/shown.yaml" >"$d/show2.txt" 2>>"$d/err"
	"$MLMAT" model check "$d/shown.yaml" >>"$d/err" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$d/err" ] && cmp -s "$d/show.txt" "$d/show2.txt"; then
		ok "$model: model show --format yaml round-trips"
	else
		bad "$model: model show --format yaml round-trips" "exit $rc: $(head -c 300 "$d/err")" \
			"$(diff "$d/show.txt" "$d/show2.txt" | head -5 | tr '\n' '|')"
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
