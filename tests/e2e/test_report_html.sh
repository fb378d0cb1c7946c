#!/bin/sh
# The HTML report (issue 18) read by a real browser: headless Chromium
# (Debian's `chromium`), driven through its DevTools protocol over
# --remote-debugging-pipe by a small Python client (standard library only).
# For the organisation's report and a team's, from the browser itself: no
# request leaves the file, no console or CSP error, no script, every team
# name and every dimension is in the rendered text, the SVG charts have one
# cell per team x dimension (dimension x period), one bar per dimension and
# one point per period; on a phone's width (390 px) nothing spills out of
# the page sideways; it prints to A4. Skipped ("SKIP: ...") only where
# chromium is missing.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME NO_COLOR
export LC_ALL=C.UTF-8

if [ ! -x "$MLMAT" ]; then
	echo "test_report_html: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
CHROMIUM=$(command -v chromium || command -v chromium-browser)
if [ -z "$CHROMIUM" ]; then
	echo "SKIP: test_report_html: chromium is not installed"
	echo "0 passed, 0 failed"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-rephtml-XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

db=$tmp/demo.db
team="Payments ML"
"$MLMAT" demo --db "$db" --teams 6 --quarters 8 --seed 42 >/dev/null 2>&1 ||
	{ echo "test_report_html: mlmat demo failed" >&2; exit 2; }
if ! "$MLMAT" report --db "$db" --format html -o "$tmp/org.html" ||
	! "$MLMAT" report --db "$db" --format html --team "$team" -o "$tmp/team.html" ||
	! "$MLMAT" report --db "$db" --format json -o "$tmp/org.json" ||
	! "$MLMAT" report --db "$db" --format json --team "$team" -o "$tmp/team.json"; then
	echo "test_report_html: mlmat report failed" >&2
	exit 2
fi

python3 - "$CHROMIUM" "$tmp" <<'PY'
import base64, fcntl, json, os, select, subprocess, sys, time
chromium, tmp = sys.argv[1:3]
passed = failed = 0
def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   - " + what)
    else:
        failed += 1
        print("FAIL - " + what + ("\n       " + str(detail)[:1500] if detail else ""))

class Browser:
    """Chromium with its DevTools protocol on fds 3 (to it) and 4 (from it),
    messages as JSON ended by a NUL byte."""
    def __init__(self):
        to_r, to_w = os.pipe()
        from_r, from_w = os.pipe()
        hi = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_r, from_w)]
        def child():
            os.dup2(hi[0], 3)
            os.dup2(hi[1], 4)
        args = [chromium, "--headless", "--disable-gpu", "--remote-debugging-pipe",
                "--user-data-dir=" + os.path.join(tmp, "profile"), "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update",
                "--disable-default-apps", "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")
        # Its own HOME: the browser leaves nothing in the user's.
        env = dict(os.environ, HOME=os.path.join(tmp, "home"))
        self.p = subprocess.Popen(args, preexec_fn=child, pass_fds=(3, 4), env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, "chromium.log"), "w"))
        for fd in (to_r, from_w, *hi):
            os.close(fd)
        self.w, self.r = to_w, from_r
        self.buf, self.n, self.events, self.session = b"", 0, [], None
    def _read(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.r], [], [], left)[0]:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self.r, 65536)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)
    def call(self, method, params=None, session=True, timeout=30):
        self.n += 1
        msg = {"id": self.n, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self._read(deadline)
            if m.get("id") == self.n:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)
    def wait(self, method, timeout=30):
        deadline = time.time() + timeout
        for i, m in enumerate(self.events):
            if m.get("method") == method:
                del self.events[i]
                return m
        while True:
            m = self._read(deadline)
            if m.get("method") == method:
                return m
            self.events.append(m)
    def close(self):
        try:
            self.call("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.p.kill()

def dom_facts():
    return """JSON.stringify({
      text: document.body.innerText,
      cells: document.querySelectorAll('svg rect.cell').length,
      bars: document.querySelectorAll('svg rect.bar').length,
      points: document.querySelectorAll('svg circle.point').length,
      scripts: document.scripts.length,
      images: document.images.length,
      links: Array.from(document.links).map(a => [a.protocol, a.rel]),
      width: document.documentElement.scrollWidth,
      csp: (document.querySelector('meta[http-equiv=Content-Security-Policy]') || {}).content
    })"""

b = Browser()
try:
    target = b.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
    b.session = b.call("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
    for d in ("Page", "Network", "Runtime", "Log"):
        b.call(d + ".enable")

    def load(name, width=1100):
        b.call("Emulation.setDeviceMetricsOverride",
               {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500})
        b.events = []
        url = "file://" + os.path.join(tmp, name)
        b.call("Page.navigate", {"url": url})
        b.wait("Page.loadEventFired")
        facts = json.loads(b.call("Runtime.evaluate", {"expression": dom_facts(), "returnByValue": True})["result"]["value"])
        out = [e["params"]["request"]["url"] for e in b.events
               if e.get("method") == "Network.requestWillBeSent" and e["params"]["request"]["url"] != url]
        errs = [e["params"] for e in b.events
                if (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
                or (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "warning"))
                or e.get("method") == "Runtime.exceptionThrown"]
        return facts, out, errs

    org = json.load(open(os.path.join(tmp, "org.json"), encoding="utf-8"))
    team = json.load(open(os.path.join(tmp, "team.json"), encoding="utf-8"))
    teams = [t["team"] for t in org["teams"]]
    dims = [d["name"] for d in org["model"]["dimensions"]]
    periods = [h["period"] for h in team["history"]]

    f, out, errs = load("org.html")
    check(not out, "organisation: no request leaves the file", out)
    check(not errs, "organisation: no console, CSP or script error", errs)
    check(f["scripts"] == 0 and f["images"] == 0, "organisation: no script, no image", f["scripts"])
    check(f.get("csp") == "default-src 'none'; style-src 'unsafe-inline'", "organisation: the CSP loads nothing", f.get("csp"))
    missing = [t for t in teams if t not in f["text"]] + [d for d in dims if d not in f["text"]]
    check(len(teams) == 6 and not missing, "organisation: every team (6) and dimension (%d) is in the rendered text" % len(dims), missing)
    check(f["cells"] == len(teams) * len(dims), "organisation: the heatmap has %d x %d cells" % (len(teams), len(dims)), f["cells"])
    for t in org["teams"]:
        if ("%.2f" % t["overall"]) not in f["text"]:
            check(False, "organisation: %s's overall is shown" % t["team"])
    ft, out, errs = load("team.html")
    check(not out, "team: no request leaves the file", out)
    check(not errs, "team: no console, CSP or script error", errs)
    missing = [d for d in dims if d not in ft["text"]] + ([] if team["teams"][0]["team"] in ft["text"] else ["the team"])
    check(not missing, "team: the team and every dimension are in the rendered text", missing)
    check(ft["cells"] == len(dims) * len(periods), "team: the heatmap has %d x %d cells" % (len(dims), len(periods)), ft["cells"])
    check(ft["bars"] == len(dims), "team: one bar per dimension (%d)" % len(dims), ft["bars"])
    check(ft["points"] == len(periods), "team: one point per period on the line (%d)" % len(periods), ft["points"])
    check(ft["links"] and all(p in ("http:", "https:", "mailto:") and r == "noreferrer" for p, r in ft["links"]),
          "team: the evidence links (%d) are http, https or mailto, rel=noreferrer" % len(ft["links"]), ft["links"][:5])
    for name in ("org.html", "team.html"):
        fp, _, _ = load(name, 390)
        check(fp["width"] <= 390, "%s on a phone (390 px): nothing spills sideways" % name, fp["width"])
    pdf = b.call("Page.printToPDF", {"preferCSSPageSize": True})
    data = base64.b64decode(pdf["data"])
    import re
    box = re.search(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", data)
    check(data.startswith(b"%PDF") and box and abs(float(box.group(1)) - 595.3) < 1
          and abs(float(box.group(2)) - 841.9) < 1, "it prints on A4 (its @page size, 595 x 842 pt)",
          box.group(0) if box else data[:80])
except Exception as e:
    check(False, "the browser session ran", "%s: %s\n%s" % (type(e).__name__, e,
          open(os.path.join(tmp, "chromium.log"), errors="replace").read()[-800:]))
finally:
    b.close()
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
