#!/bin/sh
# `mlmat report --format text|markdown|html|json [-o FILE [--force]]`
# (issue 18) on demo data, with the real binary ($MLMAT): the JSON of the
# organisation and of a team validates against data/report.schema.json
# (python3-jsonschema), which rejects a broken one; the Markdown reads as
# tables through a real parser (python3-markdown with its tables
# extension); the numbers of every format (JSON, Markdown, HTML, text) are
# the CSV export's for the same data; -o writes atomically and refuses an
# existing file without --force; a bad --format is a usage error.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR
export LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_report_formats: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
# Debian's modules (python3-markdown, python3-jsonschema) are Debian's python's.
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-repfmt-XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   - $1"; }
bad() {
	fail=$((fail + 1))
	echo "FAIL - $1"
	shift
	for why in "$@"; do echo "       $why"; done
}
check() {
	desc=$1
	shift
	if "$@" >"$tmp/why" 2>&1; then ok "$desc"; else bad "$desc" "$(head -c 1500 "$tmp/why")"; fi
}

db=$tmp/demo.db
team="Payments ML"
"$MLMAT" demo --db "$db" --teams 6 --quarters 8 --seed 42 >/dev/null 2>&1 ||
	{ echo "test_report_formats: mlmat demo failed" >&2; exit 2; }
past=$(sqlite3 "file:$db?immutable=1" "SELECT DISTINCT period FROM assessments ORDER BY period DESC LIMIT 1 OFFSET 2")

rep() { # NAME ARGS...: report to $tmp/NAME, its status in $tmp/NAME.rc
	name=$1
	shift
	"$MLMAT" report --db "$db" "$@" >"$tmp/$name" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
}
for f in text markdown html json; do
	rep "org.$f" --format "$f"
	rep "team.$f" --format "$f" --team "$team"
	rep "past.$f" --format "$f" --period "$past"
	rep "none.$f" --format "$f" --period 1999-Q1
done
all_ok=true
for f in text markdown html json; do
	for s in org team past none; do
		if [ "$(cat "$tmp/$s.$f.rc")" != 0 ] || [ ! -s "$tmp/$s.$f" ] || [ -s "$tmp/$s.$f.err" ]; then
			all_ok=false
			echo "$s.$f: exit $(cat "$tmp/$s.$f.rc"): $(cat "$tmp/$s.$f.err")"
		fi
	done
done >"$tmp/why"
if $all_ok; then ok "report in each format, organisation, team, --period $past and an empty period: exit 0"
else bad "report in each format, organisation, team, --period and an empty period: exit 0" "$(cat "$tmp/why")"; fi
"$MLMAT" report --db "$db" >"$tmp/default.txt" 2>/dev/null
check "report without --format is --format text" cmp "$tmp/default.txt" "$tmp/org.text"
check "the text report starts with the organisation's summary" \
	grep -q '^Organisation: 6 teams, 8 periods' "$tmp/org.text"
check "the text report of one team has no organisation summary" \
	sh -c "! grep -q '^Organisation:' '$tmp/team.text'"

"$MLMAT" report --db "$db" --format pdf >/dev/null 2>"$tmp/err"
rc=$?
check "--format pdf: exit 2, 'mlmat: --format must be ...'" \
	sh -c "[ $rc -eq 2 ] && grep -q '^mlmat: --format must be text, markdown, html or json' '$tmp/err'"

# -o: atomic, refuses an existing file without --force.
"$MLMAT" report --db "$db" --format json -o "$tmp/out.json" >"$tmp/stdout" 2>"$tmp/err"
rc=$?
check "-o FILE: exit 0, nothing on stdout, FILE the same as stdout's report" \
	sh -c "[ $rc -eq 0 ] && [ ! -s '$tmp/stdout' ] && cmp -s '$tmp/out.json' '$tmp/org.json'"
echo keep >"$tmp/keep.html"
"$MLMAT" report --db "$db" --format html -o "$tmp/keep.html" >/dev/null 2>"$tmp/err"
rc=$?
check "-o over an existing FILE without --force: exit 1, FILE unchanged" \
	sh -c "[ $rc -eq 1 ] && grep -q 'already exists; use --force' '$tmp/err' && [ \"\$(cat '$tmp/keep.html')\" = keep ]"
"$MLMAT" report --db "$db" --format html -o "$tmp/keep.html" --force >/dev/null 2>"$tmp/err"
rc=$?
check "-o FILE --force: exit 0, FILE replaced by the report" \
	sh -c "[ $rc -eq 0 ] && cmp -s '$tmp/keep.html' '$tmp/org.html'"
check "-o leaves no temporary file behind" sh -c "! ls -A '$tmp' | grep -q '^\.mlmat-'"
"$MLMAT" report --db "$db" --format html -o "$tmp/no/such/dir/r.html" >/dev/null 2>"$tmp/err"
rc=$?
check "-o into a missing folder: exit 1, 'mlmat: PATH: ...'" \
	sh -c "[ $rc -eq 1 ] && grep -q '^mlmat: $tmp/no/such/dir/r.html: ' '$tmp/err'"

# The CSV export of the same data, to compare every format's numbers with.
"$MLMAT" export --db "$db" --what answers >"$tmp/answers.csv" 2>/dev/null
"$MLMAT" export --db "$db" --what answers --team "$team" >"$tmp/team.csv" 2>/dev/null

"$PY" - "$tmp" "$team" "$past" >"$tmp/py" 2>&1 <<'PY'
import csv, html.parser, json, os, re, sys
tmp, team, past = sys.argv[1:4]
res = []
def check(ok, what, detail=""):
    res.append((bool(ok), what, detail))
def read(name):
    return open(os.path.join(tmp, name), encoding="utf-8").read()

try:
    import jsonschema
except ImportError:
    jsonschema = None
check(jsonschema is not None, "python3-jsonschema is installed (it validates the JSON)")
schema = json.load(open("data/report.schema.json", encoding="utf-8"))
docs = {s: json.loads(read(s + ".json")) for s in ("org", "team", "past", "none")}
if jsonschema:
    V = jsonschema.Draft202012Validator
    V.check_schema(schema)
    for s, d in docs.items():
        errs = [e.message for e in V(schema).iter_errors(d)]
        check(not errs, "JSON of %s validates against data/report.schema.json" % s, "; ".join(errs[:3]))
    broken = json.loads(read("team.json"))
    broken["teams"][0]["dimensions"][0]["score"] = "2.50"
    broken["schema"] = 2
    check(len(list(V(schema).iter_errors(broken))) >= 2,
          "the schema rejects a string score and schema 2")
check(all(d["schema"] == 1 for d in docs.values()), '"schema": 1 at the top of every JSON')
check(docs["org"]["scope"] == "organisation" and docs["team"]["scope"] == "team", "scope says which")
check(docs["none"]["teams"] == [] and docs["none"]["period"] == "1999-Q1", "an empty period: no teams, the period kept")

# The CSV's rows of each team's latest assessment (the organisation report)
# and of the one team's, keyed by (team, dimension id).
def rows(name):
    with open(os.path.join(tmp, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
allrows = rows("answers.csv")
latest = {}
for r in allrows:
    latest[r["team"]] = max(latest.get(r["team"], ""), r["period"])
csvd = {(r["team"], r["dimension_id"]): r for r in allrows if r["period"] == latest[r["team"]]}
names = {}
for r in allrows:
    names[r["dimension_id"]] = r["dimension"]
f2 = lambda x: "%.2f" % x if x is not None else ""

# JSON: every team's overall, coverage, and per dimension level, score,
# target, gap, coverage as the CSV has them.
diffs = []
for t in docs["org"]["teams"]:
    for d in t["dimensions"]:
        c = csvd.get((t["team"], d["id"]))
        if not c:
            diffs.append("no CSV row for %s/%s" % (t["team"], d["id"]))
            continue
        mine = (t["period"], f2(t["overall"]), str(d["level"]), f2(d["score"]),
                "" if d["target"] is None else str(d["target"]), f2(d["gap"]), f2(d["coverage"]),
                "signed-off" if t["state"] == "signed-off" else "open")
        theirs = (c["period"], c["overall"], c["level"], c["score"], c["target"], c["gap"],
                  c["coverage"], c["state"])
        if mine != theirs:
            diffs.append("%s/%s: json %r csv %r" % (t["team"], d["id"], mine, theirs))
check(not diffs and len(csvd) == sum(len(t["dimensions"]) for t in docs["org"]["teams"]),
      "JSON (organisation): every team's numbers are the CSV export's (%d cells)" % len(csvd),
      "; ".join(diffs[:4]))
teamrows = rows("team.csv")
hist = {h["period"]: h for h in docs["team"]["history"]}
diffs = []
for r in teamrows:
    h = hist.get(r["period"])
    s = h and {x["dimension"]: x for x in h["scores"]}.get(r["dimension_id"])
    if not s or f2(s["score"]) != r["score"] or str(s["level"]) != r["level"] or f2(h["overall"]) != r["overall"]:
        diffs.append("%s/%s: %r vs csv %s %s %s" % (r["period"], r["dimension_id"], s, r["level"], r["score"], r["overall"]))
check(teamrows and not diffs, "JSON (team): the history's scores per period are the CSV export's (%d)" % len(teamrows),
      "; ".join(diffs[:4]))

# Markdown: a real parser makes tables of it; the heatmap's cells say the
# CSV's score and level.
try:
    import markdown
except ImportError:
    markdown = None
check(markdown is not None, "python3-markdown is installed (it parses the Markdown)")
class Cells(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.cell, self.row = [], None, None
    def handle_starttag(self, tag, attrs):
        if tag == "table": self.tables.append([])
        elif tag == "tr" and self.tables: self.row = []; self.tables[-1].append(self.row)
        elif tag in ("td", "th") and self.row is not None: self.cell = ""
    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip()); self.cell = None
    def handle_data(self, data):
        if self.cell is not None: self.cell += data
def tables_of(htmltext):
    p = Cells(); p.feed(htmltext); return p.tables
if markdown:
    for s, least in (("org", 5), ("team", 6)):
        h = markdown.markdown(read(s + ".markdown"), extensions=["tables"])
        check(len(tables_of(h)) >= least, "Markdown of %s renders as tables (%d, at least %d)"
              % (s, len(tables_of(h)), least))
    h = markdown.markdown(read("org.markdown"), extensions=["tables"])
    heat = [t for t in tables_of(h) if t and t[0][:3] == ["Team", "Period", "Overall"]]
    diffs, n = [], 0
    if heat:
        head = heat[0][0]
        dimid = {v: k for k, v in names.items()}
        for row in heat[0][1:]:
            for col, val in zip(head[3:], row[3:]):
                c = csvd.get((row[0], dimid.get(col)))
                n += 1
                if not c or val != "%s (L%s)" % (c["score"], c["level"]) or row[2] != c["overall"]:
                    diffs.append("%s/%s: %s" % (row[0], col, val))
    check(heat and not diffs and n == len(csvd),
          "Markdown heatmap: every cell is the CSV's score and level (%d)" % n, "; ".join(diffs[:4]))
    h = markdown.markdown(read("team.markdown"), extensions=["tables"])
    dims = [t for t in tables_of(h) if t and t[0][:3] == ["Dimension", "Level", "Score"]]
    tl = {r["dimension"]: r for r in teamrows if r["period"] == max(x["period"] for x in teamrows)}
    diffs = []
    for row in (dims[0][1:] if dims else []):
        c = tl.get(row[0])
        want = c and [c["level"], c["score"], c["target"] or "-", c["gap"] or "-"]
        if not c or [row[1].split()[0], row[2], row[3], row[4]] != want:
            diffs.append("%s: %r vs %r" % (row[0], row[1:5], want))
    check(dims and len(dims[0]) - 1 == len(tl) and not diffs,
          "Markdown (team): the dimension table is the CSV's level, score, target and gap",
          "; ".join(diffs[:4]))

# HTML: the heatmap cells' titles and the team's dimension table.
org = read("org.html")
cells = re.findall(r'<rect class="cell"[^>]*><title>(.*?) - (.*?): score ([0-9.]+), level (\d+)</title>', org)
dimid = {v: k for k, v in names.items()}
import html as H
diffs = []
for t, d, score, level in cells:
    c = csvd.get((H.unescape(t), dimid.get(H.unescape(d))))
    if not c or (c["score"], c["level"]) != (score, level):
        diffs.append("%s/%s %s L%s" % (t, d, score, level))
check(len(cells) == len(csvd) and not diffs,
      "HTML heatmap: every cell is the CSV's score and level (%d)" % len(cells), "; ".join(diffs[:4]))
dims = [t for t in tables_of(read("team.html")) if t and t[0][:3] == ["Dimension", "Level", "Score"]]
diffs = []
for row in (dims[0][1:] if dims else []):
    c = tl.get(row[0]) if markdown else None
    want = c and [c["level"], c["score"], c["target"] or "-", c["gap"] or "-"]
    if not c or row[1:5] != want:
        diffs.append("%s: %r vs %r" % (row[0], row[1:5], want))
check(dims and not diffs, "HTML (team): the dimension table is the CSV's level, score, target and gap",
      "; ".join(diffs[:4]))

# Text: each team's "Overall score X" is the CSV's overall.
text = read("org.text")
got = dict(re.findall(r"^Team (.*) - \d{4}-Q\d\n.*\nOverall score ([0-9.]+) of", text, re.M))
want = {t: c["overall"] for (t, _), c in csvd.items()}
check(got == want, "text: every team's overall score is the CSV's", "%r vs %r" % (got, want))
for ok, what, detail in res:
    print(("ok   - " if ok else "FAIL - ") + what + ("" if ok or not detail else "\n       " + detail))
PY
while IFS= read -r line; do
	case $line in
	"ok   - "*) ok "${line#ok   - }" ;;
	"FAIL - "*) bad "${line#FAIL - }" ;;
	*) echo "$line" ;;
	esac
done <"$tmp/py"
grep -q '^ok   - text: every' "$tmp/py" || grep -q '^FAIL - text: every' "$tmp/py" ||
	bad "the Python checks ran to the end" "$(tail -n 5 "$tmp/py")"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
