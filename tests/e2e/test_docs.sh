#!/bin/sh
# The README, the man page and the program agree: every key in the program's
# key tables (mlmat --keys) is in the README table of its screen and in the
# man page, and every single-character key the README lists exists; every
# command of mlmat --help is in the README's command list; the README's CSV
# columns are exactly the headers mlmat export writes. Also: the core
# modules include no curses header.
MLMAT=${MLMAT:-./mlmat}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$MLMAT" --keys > "$tmp/keys" || { echo "FAIL - mlmat --keys"; echo "0 passed, 1 failed"; exit 1; }
"$MLMAT" --help > "$tmp/help"
"$MLMAT" demo --db "$tmp/d.db" --teams 2 --quarters 2 > /dev/null
for w in answers criteria roadmap audit; do
	"$MLMAT" export --db "$tmp/d.db" --what $w | head -n 1 | tr -d '\r' > "$tmp/header-$w"
done

python3 - "$tmp" <<'PY'
import re, sys, os
tmp = sys.argv[1]
readme = open("README.md", encoding="utf-8").read()
man = open("mlmat.1", encoding="utf-8").read()
passed = failed = 0

def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   - " + what)
    else:
        failed += 1
        print("FAIL - " + what + (": " + detail if detail else ""))

def table(screen):
    """The rows of the README key table headed '| SCREEN | |'."""
    m = re.search(r"^\| " + re.escape(screen) + r" \| \|\n\|---\|---\|\n((?:\|.*\n)+)", readme, re.M)
    return m.group(1) if m else None

keys = {}
for line in open(os.path.join(tmp, "keys"), encoding="utf-8"):
    screen, label, help_ = line.rstrip("\n").split("\t")
    keys.setdefault(screen, []).append((label, help_))

names = {"t N": "t", "v N": "v", "/": "/"}
# Words set in bold in the man page (.B, .BR, .BI lines), dashes unescaped.
man_tokens = set()
for line in man.splitlines():
    if re.match(r"\.B[RI]? ", line):
        for tok in re.split(r'[\s"]+', line.split(" ", 1)[1].replace("\\-", "-")):
            man_tokens.add(tok)
for screen, entries in keys.items():
    rows = table(screen)
    check(rows is not None, "README has a key table for %s" % screen)
    if rows is None:
        continue
    first_cols = " ".join(r.split("|")[1] for r in rows.splitlines())
    for label, help_ in entries:
        primary = names.get(label, label.split("/")[0])
        check("`%s`" % primary in first_cols, "%s key %s is in the README" % (screen, label))
        check(primary in man_tokens, "%s key %s is in the man page" % (screen, label))
    # Every key a label names ("H/L": both H and L).
    program = {names.get(l, l.split("/")[0]) for l, _ in entries} | {"?", "q", "Ctrl-L", "Esc", "x"}
    program |= {p for l, _ in entries for p in l.split("/")}
    for code in re.findall(r"`([^`]+)`", first_cols):
        for k in code.split():
            if len(k) == 1 and k.isalpha():
                check(k in program, "README key %s on %s exists in the program" % (k, screen))

# Commands: each usage line of --help names a command that the README lists.
help_text = open(os.path.join(tmp, "help"), encoding="utf-8").read()
cmds = set()
for line in help_text.splitlines():
    m = re.match(r"\s+mlmat ((?:model|theme|audit) \w+|demo|export|report|backup|restore|import)\b", line)
    if m:
        cmds.add(m.group(1))
check(len(cmds) >= 8, "mlmat --help lists the commands", str(sorted(cmds)))
block = re.search(r"## The command line\n\n```\n(.*?)```", readme, re.S)
check(block is not None, "README has the command list")
for c in sorted(cmds):
    check(block is not None and ("mlmat " + c) in block.group(1), "README lists 'mlmat %s'" % c)
    check(("mlmat " + c.split()[0]) in man.replace("\\-", "-").replace(".B ", "").replace("\n", " ")
          or c.split()[0] in man, "man page lists '%s'" % c)

# CSV columns: the README's table holds exactly what export writes.
for w in ["answers", "criteria", "roadmap", "audit"]:
    header = open(os.path.join(tmp, "header-" + w)).read().strip()
    m = re.search(r"^\| `%s`[^|]*\|[^|]*\| `([^`]+)` \|" % w, readme, re.M)
    check(m is not None and m.group(1) == header, "README columns of --what %s match export" % w,
          "README %r, export %r" % (m.group(1) if m else None, header))

# Core modules: no curses.
core = ["xalloc", "strbuf", "period", "text", "osutil", "ytree", "model", "score", "sha256", "roadmap", "store", "store_assess",
        "store_edit", "store_query", "store_sql", "store_model", "store_export", "store_bulk", "store_view", "store_audit", "audit_chain", "csv", "export", "report", "demo", "lineedit", "layout",
        "progress", "org", "theme", "theme_dirs", "find", "names", "team_list"]
for mod in core:
    for ext in (".c", ".h"):
        path = os.path.join("src", mod + ext)
        if not os.path.exists(path):
            continue
        text = open(path, encoding="utf-8").read()
        check(re.search(r"#\s*include\s*[<\"](n?curses|ncursesw/curses|term|ui|tui|app)\.h[>\"]", text) is None,
              "%s includes no curses header" % path)

# SQL lives in the store: no other module sees SQLite or the store's insides.
for name in sorted(os.listdir("src")):
    if name.startswith("store") or not name.endswith((".c", ".h")):
        continue
    text = open(os.path.join("src", name), encoding="utf-8").read()
    check(re.search(r"sqlite3|store_int\.h", text) is None, "src/%s leaves SQL to the store" % name)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
