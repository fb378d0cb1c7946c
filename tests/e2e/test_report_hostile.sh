#!/bin/sh
# Hostile text from the database (issue 18) is inert in every report
# format: a team name holding <script> and a right-to-left override, a
# facilitator, comment, evidence, override reason, roadmap owner and action
# holding markup, event handlers, javascript: links, pipes and bidi
# isolates, planted with the sqlite3 CLI (a database is a file). The HTML
# (parsed, and read by headless Chromium where it is installed) and the
# Markdown (rendered by python3-markdown) hold no element or attribute the
# text brought, only http/https/mailto links with rel=noreferrer, and show
# the text as text; the JSON keeps it as data with <, > and & escaped; no
# format holds a bidirectional override or isolate.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR
export LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_report_hostile: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
CHROMIUM=$(command -v chromium || command -v chromium-browser)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-rephost-XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

db=$tmp/demo.db
team="Payments ML"
"$MLMAT" demo --db "$db" --teams 3 --quarters 2 --seed 5 >/dev/null 2>&1 ||
	{ echo "test_report_hostile: mlmat demo failed" >&2; exit 2; }
"$PY" - "$db" "$team" <<'PY' || { echo "test_report_hostile: planting failed" >&2; exit 2; }
import sqlite3, sys
db, team = sys.argv[1:3]
con = sqlite3.connect(db)
tid = con.execute("SELECT id FROM teams WHERE name = ?", (team,)).fetchone()[0]
aid = con.execute("SELECT max(id) FROM assessments WHERE team_id = ?", (tid,)).fetchone()[0]
other = con.execute("SELECT id FROM teams WHERE id <> ? ORDER BY id LIMIT 1", (tid,)).fetchone()[0]
con.execute("UPDATE teams SET name = ? WHERE id = ?", ("<script>alert(1)</script> \u202eevil", other))
con.execute("UPDATE assessments SET facilitator = ? WHERE id = ?", ('"><img src=x onerror=alert(2)>', aid))
crit = con.execute("SELECT criterion_id FROM answers WHERE assessment_id = ? ORDER BY criterion_id LIMIT 1", (aid,)).fetchone()[0]
con.execute("UPDATE answers SET comment = ?, evidence = ? WHERE assessment_id = ? AND criterion_id = ?",
            ("<b>bold</b> | *star* _u_ [x](javascript:alert(3)) ![i](http://127.0.0.1:9/i.png) \u2066iso\u2069 &amp; ~~s~~",
             'javascript:alert(4) https://ok.example/a?b=1&c=2 mailto:x@y.example "><svg onload=alert(5)> '
             'http://127.0.0.1:9/"onmouseover=alert(6) JavaScript:alert(7) data:text/html,<script>alert(8)</script>',
             aid, crit))
dim = con.execute("SELECT dimension_id FROM dims WHERE assessment_id = ? LIMIT 1", (aid,)).fetchone()[0]
con.execute("UPDATE dims SET override_level = 1, override_reason = ?, notes = ? WHERE assessment_id = ? AND dimension_id = ?",
            ("<style>body{display:none}</style>", "<iframe src=http://127.0.0.1:9/>", aid, dim))
con.execute("UPDATE roadmap SET owner = ?, action = ? WHERE team_id = ? AND status IN ('planned', 'in-progress')",
            ("<iframe src=http://127.0.0.1:9/> | owner", "</td></tr></table><script>alert(9)</script>", tid))
con.commit()
PY

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   - $1"; }
bad() {
	fail=$((fail + 1))
	echo "FAIL - $1"
	shift
	for why in "$@"; do echo "       $why"; done
}

for f in text markdown html json; do
	if ! "$MLMAT" report --db "$db" --format "$f" >"$tmp/org.$f" 2>"$tmp/org.$f.err" ||
		! "$MLMAT" report --db "$db" --format "$f" --team "$team" >"$tmp/team.$f" 2>"$tmp/team.$f.err"; then
		bad "report --format $f with hostile text: exit 0" "$(cat "$tmp/org.$f.err" "$tmp/team.$f.err")"
	fi
done

"$PY" - "$tmp" "${CHROMIUM:-}" >"$tmp/py" 2>&1 <<'PY'
import html, html.parser, json, os, re, sys
tmp, chromium = sys.argv[1:3]
res = []
def check(ok, what, detail=""):
    res.append((bool(ok), what, detail))
def read(name):
    return open(os.path.join(tmp, name), encoding="utf-8").read()
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
NAME = "<script>alert(1)</script> ?evil"

class Tags(html.parser.HTMLParser):
    """Every element and attribute, the links, and the text."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.links, self.text = [], [], [], []
        self.rows = []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [a for a, _ in attrs]
        if tag == "a":
            self.links.append(dict(attrs))
        if tag == "tr":
            self.rows.append(0)
        if tag in ("td", "th") and self.rows:
            self.rows[-1] += 1
    def handle_data(self, data):
        self.text.append(data)
def parse(h):
    p = Tags(); p.feed(h); p.close(); return p

def inert(p, what, head_tags=()):
    bad_tags = sorted({t for t in p.tags if t in ("script", "img", "iframe", "object", "embed", "link",
                                                   "base", "form", "input", "button", "image")}
                      | ({"style"} if p.tags.count("style") > len(head_tags) else set()))
    check(not bad_tags, "%s: no element the text brought (script, img, iframe, style...)" % what, bad_tags)
    ons = sorted({a for a in p.attrs if a.startswith("on")})
    check(not ons, "%s: no event handler attribute" % what, ons)
    links = [(l.get("href", ""), l.get("rel")) for l in p.links]
    badl = [l for l in links if not re.match(r"(?i)(https?|mailto):", l[0])]
    check(not badl, "%s: every link is http, https or mailto (%d)" % (what, len(links)), badl)
    return links

# HTML
for s in ("org", "team"):
    h = read(s + ".html")
    p = parse(h)
    check(not BIDI.search(h), "HTML %s: no bidirectional override or isolate" % s)
    links = inert(p, "HTML " + s, head_tags=("style",))
    check(all(r == "noreferrer" for _, r in links), "HTML %s: every link has rel=noreferrer" % s)
    text = "".join(p.text)
    if s == "org":
        check(NAME in text, "HTML org: the team name shows as text, its override as ?")
    else:
        hrefs = [l for l, _ in links]
        check("https://ok.example/a?b=1&c=2" in hrefs and "mailto:x@y.example" in hrefs,
              "HTML team: the https and mailto evidence are links", hrefs)
        check(not any("javascript" in l.lower() or "127.0.0.1" in l or "data:" in l for l in hrefs),
              "HTML team: javascript:, data: and a link with a quote in it are not links", hrefs)
        for lit in ('"><img src=x onerror=alert(2)>', "<b>bold</b> | *star*", "javascript:alert(4)",
                    "<style>body{display:none}</style>", "</td></tr></table><script>alert(9)</script>",
                    "<iframe src=http://127.0.0.1:9/> | owner", "data:text/html,<script>alert(8)</script>"):
            check(lit in text, "HTML team: %r shows as text" % lit)

# Markdown, rendered by a real parser.
try:
    import markdown
except ImportError:
    markdown = None
check(markdown is not None, "python3-markdown is installed")
if markdown:
    for s in ("org", "team"):
        m = read(s + ".markdown")
        check(not BIDI.search(m), "Markdown %s: no bidirectional override or isolate" % s)
        h = markdown.markdown(m, extensions=["tables"])
        p = parse(h)
        inert(p, "Markdown %s (rendered)" % s)
        text = "".join(p.text)
        uneven = [r for r in p.rows if r != p.rows[0]] if s == "org" else []
        if s == "org":
            check(NAME in text, "Markdown org: the team name shows as text")
        else:
            for lit in ('"><img src=x onerror=alert(2)>', "<b>bold</b> | *star* _u_ [x](javascript:alert(3))",
                        "![i](http://127.0.0.1:9/i.png)", "&amp; ~~s~~", "javascript:alert(4)",
                        "</td></tr></table><script>alert(9)</script>", "<iframe src=http://127.0.0.1:9/> | owner"):
                check(lit in text, "Markdown team: %r shows as text" % lit)
            hrefs = [l.get("href") for l in p.links]
            check("https://ok.example/a?b=1&c=2" in hrefs, "Markdown team: the https evidence is a link", hrefs)
            # A pipe in the text adds no cell: every row of a table has its header's cells.
            tables = re.findall(r"<table>.*?</table>", h, re.S)
            odd = []
            for t in tables:
                q = parse(t)
                if len(set(q.rows)) != 1:
                    odd.append(q.rows)
            check(tables and not odd, "Markdown team: a pipe in the text adds no table cell", odd[:2])

# JSON: the text as data.
for s in ("org", "team"):
    raw = read(s + ".json")
    check(not BIDI.search(raw), "JSON %s: no bidirectional override or isolate" % s)
    check("<" not in raw and ">" not in raw and "&" not in raw, "JSON %s: <, > and & written as \\u escapes" % s)
    d = json.loads(raw)
    if s == "org":
        check(NAME in [t["team"] for t in d["teams"]], "JSON org: the team name is kept as data, its override as ?")
    else:
        t = d["teams"][0]
        check(t["facilitator"] == '"><img src=x onerror=alert(2)>', "JSON team: the facilitator is kept as data")
        ev = [e for e in t["evidence"] if e["comment"] and "bold" in e["comment"]]
        check(ev and ev[0]["comment"].startswith("<b>bold</b> | *star*") and "?iso?" in ev[0]["comment"],
              "JSON team: the comment kept, its isolates as ?", ev[:1])
try:
    import jsonschema
    schema = json.load(open("data/report.schema.json", encoding="utf-8"))
    for s in ("org", "team"):
        errs = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(json.loads(read(s + ".json")))]
        check(not errs, "JSON %s with hostile text validates against the schema" % s, errs[:3])
except ImportError:
    check(False, "python3-jsonschema is installed")

# Text.
for s in ("org", "team"):
    t = read(s + ".text")
    check(not BIDI.search(t) and "\x1b" not in t, "text %s: no bidirectional override, no ESC" % s)

for ok, what, detail in res:
    print(("ok   - " if ok else "FAIL - ") + what + ("" if ok or not detail else "\n       " + str(detail)[:600]))
PY
while IFS= read -r line; do
	case $line in
	"ok   - "*) ok "${line#ok   - }" ;;
	"FAIL - "*) bad "${line#FAIL - }" ;;
	*) echo "$line" ;;
	esac
done <"$tmp/py"
grep -q 'text team: no bidi' "$tmp/py" || bad "the Python checks ran to the end" "$(tail -n 5 "$tmp/py")"

# The browser: nothing runs, nothing loads, the text is there.
if [ -z "$CHROMIUM" ]; then
	echo "SKIP: the browser checks (chromium is not installed)"
else
	for s in org team; do
		args="--headless --disable-gpu --no-first-run --user-data-dir=$tmp/profile --virtual-time-budget=2000"
		[ "$(id -u)" = 0 ] && args="--no-sandbox $args"
		# shellcheck disable=SC2086
		HOME=$tmp/home "$CHROMIUM" $args --enable-logging=stderr --v=0 --dump-dom "file://$tmp/$s.html" \
			>"$tmp/$s.dom" 2>"$tmp/$s.log"
		if grep -q 'Refused to\|Uncaught\|ERR_' "$tmp/$s.log"; then
			bad "chromium $s: no CSP refusal, script error or failed load" "$(grep 'Refused to\|Uncaught\|ERR_' "$tmp/$s.log" | head -3)"
		else
			ok "chromium $s: no CSP refusal, script error or failed load"
		fi
		if [ -s "$tmp/$s.dom" ] && ! grep -q '<script\|<img\|<iframe\|<[^>]* on[a-z]*=' "$tmp/$s.dom"; then
			ok "chromium $s: the DOM it built holds no script, img, iframe or event handler"
		else
			bad "chromium $s: the DOM it built holds no script, img, iframe or event handler" \
				"$(grep -o '<script[^>]*>\|<img[^>]*>\|<iframe[^>]*>\|<[^>]* on[a-z]*=[^ >]*' "$tmp/$s.dom" | head -3)"
		fi
	done
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
