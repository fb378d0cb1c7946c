#!/bin/sh
# The shape of the source (STYLE.md), checked on the objects the tests run:
# - the modules call each other one way: no cycle in the graph of which
#   object file uses a symbol another defines (nm);
# - the dashboard's app loop references no particular screen;
# - the core (the Makefile's CORE_SRC) uses no curses symbol and no module
#   of the dashboard;
# - no file outside src/store*.c includes sqlite3.h, calls SQLite, includes
#   the store's private header or holds SQL;
# - no source file is over 600 lines.
MLMAT=${MLMAT:-./mlmat}
build=$(dirname "$MLMAT")

python3 - "$build" <<'PY'
import collections, glob, os, re, subprocess, sys

build = sys.argv[1]
passed = failed = 0

def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   - " + what)
    else:
        failed += 1
        print("FAIL - " + what + (": " + detail if detail else ""))

def make_list(name):
    text = open("Makefile", encoding="utf-8").read().replace("\\\n", " ")
    m = re.search(r"^%s\s*=\s*(.*)$" % name, text, re.M)
    return m.group(1).split() if m else []

def nm(path):
    out = subprocess.run(["nm", path], capture_output=True, text=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[1] in "TDBRCV":
            defined.add(parts[2])
    return defined, undefined

mods = {}
for c in sorted(glob.glob("src/*.c")):
    m = os.path.basename(c)[:-2]
    o = os.path.join(build, m + ".o")
    check(os.path.exists(o), "%s is built" % o)
    if os.path.exists(o):
        mods[m] = nm(o)
owner = {}
for m, (defined, _) in mods.items():
    for s in defined:
        owner[s] = m
edges = collections.defaultdict(set)
for m, (_, undefined) in mods.items():
    for s in undefined:
        if s in owner and owner[s] != m:
            edges[m].add(owner[s])

# Strongly connected components (Tarjan): any with two or more modules is a cycle.
index, low, stack, on, cycles, counter = {}, {}, [], set(), [], [0]
def visit(v):
    index[v] = low[v] = counter[0]; counter[0] += 1
    stack.append(v); on.add(v)
    for w in sorted(edges[v]):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            cycles.append(sorted(comp))
sys.setrecursionlimit(10000)
for v in sorted(mods):
    if v not in index:
        visit(v)
check(len(mods) > 20 and not cycles, "the modules call each other one way (no cycle)",
      "; ".join(" <-> ".join(c) for c in cycles))

# The app loop knows no particular screen.
app = "app" if "app" in mods else "tui"
screens = [m for m in mods if m.startswith("screen_")]
check(app in mods and not (edges[app] & set(screens)),
      "the app loop (%s.o) references no screen" % app, ", ".join(sorted(edges[app] & set(screens))))
check(app in mods and not any(s.startswith("screen_") for s in mods[app][1]),
      "the app loop names no screen symbol", ", ".join(sorted(s for s in mods[app][1] if s.startswith("screen_"))))

# The core: no curses, no dashboard module.
core = make_list("CORE_SRC")
tui = set(make_list("TUI_SRC"))
check(len(core) > 10 and len(tui) > 3, "the Makefile lists the core and the dashboard")
libdir = subprocess.run(["sh", "-c", "pkg-config --variable=libdir ncursesw"],
                        capture_output=True, text=True).stdout.strip()
curses = set()
for lib in glob.glob(os.path.join(libdir or "/usr/lib", "lib*curses*w.so*")) + \
           glob.glob(os.path.join(libdir or "/usr/lib", "libtinfo.so*")) + \
           glob.glob("/lib/*/libtinfo.so*") + glob.glob("/lib/*/libncursesw.so*"):
    out = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True).stdout
    curses |= {l.split()[-1].split("@")[0] for l in out.splitlines() if l.split()}
check(len(curses) > 100, "the curses library's symbols are known", str(len(curses)))
for m in core:
    if m not in mods:
        continue
    bad = sorted(mods[m][1] & curses)
    check(not bad, "core module %s uses no curses symbol" % m, ", ".join(bad[:5]))
    check(not (edges[m] & tui), "core module %s uses no dashboard module" % m,
          ", ".join(sorted(edges[m] & tui)))

# SQL only in the store.
sql = re.compile(r'"[^"\n]*\b(SELECT\b[^"\n]*\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE|PRAGMA)\b')
for path in sorted(glob.glob("src/*.[ch]")):
    name = os.path.basename(path)
    if name.startswith("store"):
        continue
    text = open(path, encoding="utf-8").read()
    check(not re.search(r"sqlite3|store_int\.h", text), "%s names no SQLite and no store internals" % path)
    check(not sql.search(text), "%s holds no SQL" % path)

# Small files.
for path in sorted(glob.glob("src/*.[ch]")):
    n = sum(1 for _ in open(path, encoding="utf-8"))
    check(n <= 600, "%s is at most 600 lines" % path, "%d lines" % n)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
