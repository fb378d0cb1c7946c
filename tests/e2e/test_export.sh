#!/bin/sh
# End-to-end checks of `mlmat export` on the real binary ($MLMAT, default
# ./mlmat), run from the repository root, against CONTRACT sections 1 and 4:
# the four CSV kinds read back with a real CSV parser (python3's csv module),
# RFC 4180 bytes (CRLF, quoting), formats, row order, the formula prefix,
# filters, usage errors, `-o FILE` (atomic, --force, symbolic links) and the
# database location rules; export never creates or changes a database.
# One line per check, then "N passed, M failed"; exits 1 on any failure.

cd "$(dirname "$0")/../.." || exit 2
MLMAT=${MLMAT:-./mlmat}
case "$MLMAT" in /*) ;; *) MLMAT=$(pwd)/$MLMAT ;; esac
unset MLMAT_DB MLMAT_MODEL MLMAT_THEME
export LC_ALL=C.UTF-8 2>/dev/null

if [ ! -x "$MLMAT" ]; then
	echo "test_export: no mlmat binary at $MLMAT (build it, or set MLMAT)" >&2
	exit 2
fi
for tool in python3 sqlite3 sha256sum; do
	command -v "$tool" >/dev/null 2>&1 || { echo "test_export: $tool is needed" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlmat-e2e-export-XXXXXX") || exit 2
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

# check DESC CMD...: one check, passed when CMD succeeds.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else bad "$desc"; fi
}

# Runs mlmat with the arguments; exit status in $rc, output in $tmp/out and
# $tmp/err.
run() {
	"$MLMAT" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

sha() {
	sha256sum "$1" | cut -d' ' -f1
}

# The python3 checker. Each sub-command prints "ok   - ..." / "FAIL - ..."
# lines, which py_checks counts.
cat >"$tmp/chk.py" <<'PY'
import csv, hashlib, io, re, sqlite3, sys

HEADERS = {
    "answers": "assessment_id,team,period,facilitator,model_id,model_version,dimension_id,"
               "dimension,level,score,target,gap,coverage,override_reason,notes,updated_at,overall,state",
    "criteria": "assessment_id,team,period,dimension_id,criterion_id,criterion_level,criterion,answer,"
                "comment,evidence,origin",
    "roadmap": "team,dimension_id,criterion_id,action,status,owner,due_period,created_period,done_period,blocked_by",
    "audit": "at,os_user,assessment_id,action,detail,hash",
}
PERIOD = re.compile(r"^[0-9]{4}-Q[1-4]$")
ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")
DEC2 = re.compile(r"^[0-9]+\.[0-9]{2}$")
INT = re.compile(r"^[0-9]+$")
FORMULA = ("=", "+", "-", "@", "\t", "\r")
ANSWERS = {1: "no", 2: "partly", 3: "yes", 4: "n/a"}

out = []

def ok(desc):
    out.append("ok   - " + desc)

def bad(desc, *why):
    out.append("FAIL - " + desc)
    for w in why[:8]:
        out.append("       " + str(w)[:300])

def verdict(desc, problems):
    if problems:
        bad(desc, *problems)
    else:
        ok(desc)

def px(s):
    """The contract's formula prefix, applied to an expected text value."""
    if s is None:
        return ""
    s = str(s)
    return "'" + s if s.startswith(FORMULA) else s

def num2(v):
    return "" if v is None else "%.2f" % v

def opt(v):
    return "" if v is None else str(v)

def read_model(path):
    """Dimension and criterion order from `mlmat model show`."""
    dims, crits = [], []
    dim_re = re.compile(r"^(\S.*?)  \[([a-z0-9-]+), weight [^\]]*\]$")
    crit_re = re.compile(r"^  L([0-9]+) ([a-z0-9-]+): (.*)$")
    act_re = re.compile(r"^      action: (.*)$")
    req_re = re.compile(r"^      requires: ([a-z0-9-]+)$")
    cur = None
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            m = dim_re.match(line)
            if m:
                cur = m.group(2)
                dims.append((m.group(2), m.group(1)))
                continue
            m = crit_re.match(line)
            if m and cur:
                crits.append({"id": m.group(2), "level": int(m.group(1)), "text": m.group(3),
                              "dim": cur, "action": None, "requires": []})
                continue
            m = req_re.match(line)
            if m and crits:
                crits[-1]["requires"].append(m.group(1))
                continue
            m = act_re.match(line)
            if m and crits:
                crits[-1]["action"] = m.group(1)
    return dims, crits

def raw_scan(s):
    """A strict RFC 4180 scanner over the decoded text: returns
    (records of (quoted, value) fields, problems)."""
    problems, records, fields, i, n = [], [], [], 0, len(s)
    while i < n:
        if s[i] == '"':
            i += 1
            buf = []
            while True:
                if i >= n:
                    problems.append("unterminated quoted field in record %d" % (len(records) + 1))
                    return records, problems
                c = s[i]
                if c == '"':
                    if i + 1 < n and s[i + 1] == '"':
                        buf.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                buf.append(c)
                i += 1
            fields.append((True, "".join(buf)))
        else:
            j = i
            while j < n and s[j] not in ',\r\n"':
                j += 1
            if j < n and s[j] == '"':
                problems.append("a quote inside an unquoted field in record %d" % (len(records) + 1))
                return records, problems
            fields.append((False, s[i:j]))
            i = j
        if i >= n:
            problems.append("the last record does not end with CRLF")
            records.append(fields)
            break
        if s[i] == ",":
            i += 1
            if i >= n:
                problems.append("the file ends after a comma")
            continue
        if s.startswith("\r\n", i):
            records.append(fields)
            fields = []
            i += 2
            continue
        problems.append("a bare %s outside quotes in record %d (offset %d)"
                        % ("CR" if s[i] == "\r" else "LF", len(records) + 1, i))
        return records, problems
    return records, problems

def parse(path):
    with open(path, "rb") as f:
        raw = f.read()
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    return raw, rows

def cmd_format(path, kind, model_path):
    """Everything that can be checked from the file and the model alone."""
    dims, crits = read_model(model_path)
    dim_ord = {d: i for i, (d, _) in enumerate(dims)}
    crit_ord = {c["id"]: i for i, c in enumerate(crits)}
    crit_dim = {c["id"]: c["dim"] for c in crits}
    with open(path, "rb") as f:
        raw = f.read()
    verdict("%s: no BOM" % kind, ["starts with EF BB BF"] if raw.startswith(b"\xef\xbb\xbf") else [])
    try:
        text = raw.decode("utf-8", errors="strict")
        ok("%s: valid UTF-8" % kind)
    except UnicodeDecodeError as e:
        bad("%s: valid UTF-8" % kind, e)
        return
    records, problems = raw_scan(text)
    verdict("%s: every record ends with CRLF, no bare CR/LF outside quotes" % kind, problems)
    over = ["record %d field %d quoted without need: %r" % (r + 1, k + 1, v)
            for r, rec in enumerate(records) for k, (q, v) in enumerate(rec)
            if q and not any(c in v for c in ',"\r\n')]
    verdict("%s: fields quoted only when they hold a comma, quote, CR or LF" % kind, over)
    try:
        _, rows = parse(path)
    except (csv.Error, UnicodeDecodeError) as e:
        bad("%s: csv module parses the file (strict)" % kind, e)
        return
    same = [v for _, v in sum(records, [])] == sum(rows, [])
    verdict("%s: csv module parses the file (strict), same fields as the byte scanner" % kind,
            [] if same and len(records) == len(rows) else
            ["csv module: %d records, scanner: %d" % (len(rows), len(records))])
    if not rows:
        bad("%s: header row" % kind, "empty file")
        return
    verdict("%s: header is exactly CONTRACT section 4's" % kind,
            [] if ",".join(rows[0]) == HEADERS[kind] and "\n" not in raw.split(b"\r\n")[0].decode()
            else ["got %r" % ",".join(rows[0])])
    cols = HEADERS[kind].split(",")
    body = rows[1:]
    verdict("%s: has data rows" % kind, [] if body else ["only the header"])
    wrong = ["row %d has %d fields" % (i + 2, len(r)) for i, r in enumerate(body) if len(r) != len(cols)]
    verdict("%s: every row has %d fields" % (kind, len(cols)), wrong)
    if wrong:
        return
    recs = [dict(zip(cols, r)) for r in body]
    probs = []

    def want(i, col, rx, empty_ok=False, what=None):
        v = recs[i][col]
        if v == "" and empty_ok:
            return
        if not rx.match(v):
            probs.append("row %d %s=%r is not %s" % (i + 2, col, v, what or rx.pattern))

    for i, r in enumerate(recs):
        if kind == "answers":
            want(i, "assessment_id", INT)
            want(i, "period", PERIOD)
            want(i, "level", INT)
            want(i, "target", INT, True)
            for c in ("score", "coverage", "overall"):
                want(i, c, DEC2, what="a number with a dot and exactly 2 decimals")
            # gap is empty exactly when the dimension has no target
            if (r["target"] == "") != (r["gap"] == ""):
                probs.append("row %d target %r but gap %r" % (i + 2, r["target"], r["gap"]))
            elif r["gap"]:
                want(i, "gap", DEC2, what="a number with a dot and exactly 2 decimals")
            if DEC2.match(r["coverage"]) and not 0 <= float(r["coverage"]) <= 1:
                probs.append("row %d coverage %s outside 0..1" % (i + 2, r["coverage"]))
            want(i, "updated_at", ISO)
            if r["state"] not in ("open", "signed-off"):
                probs.append("row %d state %r" % (i + 2, r["state"]))
            if r["dimension_id"] not in dim_ord:
                probs.append("row %d unknown dimension_id %r" % (i + 2, r["dimension_id"]))
        elif kind == "criteria":
            want(i, "assessment_id", INT)
            want(i, "period", PERIOD)
            want(i, "criterion_level", INT)
            if r["answer"] not in ("yes", "partly", "no", "n/a", "unknown"):
                probs.append("row %d answer %r" % (i + 2, r["answer"]))
            # the origin is empty exactly for an unknown answer
            if r["origin"] not in (("",) if r["answer"] == "unknown" else ("carried", "answered")):
                probs.append("row %d answer %r origin %r" % (i + 2, r["answer"], r["origin"]))
            if crit_dim.get(r["criterion_id"]) != r["dimension_id"]:
                probs.append("row %d criterion %r is not in dimension %r"
                             % (i + 2, r["criterion_id"], r["dimension_id"]))
        elif kind == "roadmap":
            if r["status"] not in ("planned", "in-progress", "done", "dropped"):
                probs.append("row %d status %r" % (i + 2, r["status"]))
            want(i, "due_period", PERIOD, True)
            want(i, "created_period", PERIOD)
            want(i, "done_period", PERIOD, True)
            if crit_dim.get(r["criterion_id"]) != r["dimension_id"]:
                probs.append("row %d criterion %r is not in dimension %r"
                             % (i + 2, r["criterion_id"], r["dimension_id"]))
        elif kind == "audit":
            want(i, "at", ISO)
            want(i, "assessment_id", INT, True)
    verdict("%s: field formats (numbers, periods, ISO 8601 UTC times, answer/status words)" % kind, probs)

    if kind == "roadmap":
        incons = ["row %d status %s done_period %r" % (i + 2, r["status"], r["done_period"])
                  for i, r in enumerate(recs) if (r["status"] == "done") != (r["done_period"] != "")]
        verdict("roadmap: done_period is set exactly on done items", incons)

    # Row order, from the model's own order as `mlmat model show` prints it.
    probs = []
    if kind in ("answers", "criteria"):
        key = (lambda r: (r["team"], r["period"], dim_ord.get(r["dimension_id"], -1))) \
            if kind == "answers" else \
            (lambda r: (r["team"], r["period"], crit_ord.get(r["criterion_id"], -1)))
        for i in range(1, len(recs)):
            if not key(recs[i - 1]) < key(recs[i]):
                probs.append("row %d %r does not come after row %d %r"
                             % (i + 2, key(recs[i]), i + 1, key(recs[i - 1])))
        # Every assessment lists every dimension / criterion of the model, in order.
        by = {}
        for r in recs:
            by.setdefault(r["assessment_id"], []).append(
                r["dimension_id"] if kind == "answers" else r["criterion_id"])
        full = [d for d, _ in dims] if kind == "answers" else [c["id"] for c in crits]
        for a, seq in by.items():
            if seq != full:
                probs.append("assessment %s: %s not the model's list in order" % (a, kind))
    elif kind == "roadmap":
        key = lambda r: (r["team"], crit_ord.get(r["criterion_id"], -1))
        for i in range(1, len(recs)):
            if not key(recs[i - 1]) < key(recs[i]):
                probs.append("row %d %r does not come after row %d %r"
                             % (i + 2, key(recs[i]), i + 1, key(recs[i - 1])))
    else:
        # The order of recording, the hash chain's: each row links to the one before.
        prev = "0" * 64
        for i, r in enumerate(recs):
            text = "\n".join([prev, r["at"], r["os_user"], r["assessment_id"], r["action"],
                              r["detail"], ""])
            if hashlib.sha256(text.encode()).hexdigest() != r["hash"]:
                probs.append("row %d does not follow row %d in the hash chain" % (i + 2, i + 1))
                break
            prev = r["hash"]
    verdict("%s: row order (CONTRACT section 4; model order from `mlmat model show`)" % kind, probs)

    starts = ["row %d %s=%r" % (i + 2, c, r[c][:30]) for i, r in enumerate(recs)
              for c in cols if r[c].startswith(FORMULA)]
    verdict("%s: no field starts with = + - @ TAB or CR" % kind, starts)
    spurious = ["row %d %s=%r" % (i + 2, c, r[c][:30]) for i, r in enumerate(recs)
                for c in cols if r[c].startswith("'") and not r[c][1:].startswith(FORMULA)]
    verdict("%s: no field has a quote prefix it does not need" % kind, spurious)

def connect(db):
    return sqlite3.connect("file:%s?immutable=1" % db, uri=True)

def cmd_content(path, kind, model_path, db):
    """Every field of every row equals what the database holds, in order."""
    dims, crits = read_model(model_path)
    dim_ord = {d: i for i, (d, _) in enumerate(dims)}
    dim_name = dict(dims)
    crit_ord = {c["id"]: i for i, c in enumerate(crits)}
    con = connect(db)
    exp = []
    if kind == "answers":
        q = con.execute(
            "SELECT a.id, t.name, a.period, a.facilitator, m.model_id, m.version, d.dimension_id,"
            " d.level, d.score, d.target, d.gap, d.coverage, d.override_reason, d.notes, d.updated_at,"
            " a.overall, a.signed_by FROM dims d JOIN assessments a ON a.id = d.assessment_id"
            " JOIN teams t ON t.id = a.team_id JOIN models m ON m.id = a.model")
        rows = sorted(q.fetchall(), key=lambda r: (r[1], r[2], dim_ord.get(r[6], -1)))
        for (aid, team, per, fac, mid, ver, did, lvl, sc, tgt, gap, cov, orr, notes, upd, ov,
             by) in rows:
            exp.append([str(aid), px(team), per, px(fac), px(mid), px(ver), did,
                        px(dim_name.get(did)), str(lvl), num2(sc), opt(tgt),
                        "" if tgt is None else num2(gap),
                        num2(cov), px(orr), px(notes), upd, num2(ov),
                        "open" if by is None else "signed-off"])
    elif kind == "criteria":
        ans = {}
        for aid, cid, a, com, ev, org in con.execute(
                "SELECT assessment_id, criterion_id, answer, comment, evidence, origin FROM answers"):
            org = "" if a is None else "carried" if org == "carried" else "answered"
            ans[(aid, cid)] = ["unknown" if a is None else ANSWERS.get(a, "?%r" % a), px(com), px(ev), org]
        q = con.execute("SELECT a.id, t.name, a.period FROM assessments a JOIN teams t ON t.id = a.team_id")
        for aid, team, per in sorted(q.fetchall(), key=lambda r: (r[1], r[2])):
            for c in crits:
                exp.append([str(aid), px(team), per, c["dim"], c["id"], str(c["level"]),
                            px(c["text"])] + ans.get((aid, c["id"]), ["unknown", "", "", ""]))
    elif kind == "roadmap":
        # blocked_by: what the criterion requires that the team's latest
        # assessment answers neither yes (3) nor n/a (4), in the model's order.
        requires = {c["id"]: c["requires"] for c in crits}
        latest = {}
        for aid, cid, a in con.execute(
                "SELECT n.assessment_id, n.criterion_id, n.answer FROM answers n WHERE n.assessment_id ="
                " (SELECT l.id FROM assessments l JOIN assessments x ON x.team_id = l.team_id"
                "  WHERE x.id = n.assessment_id ORDER BY l.period DESC LIMIT 1)"):
            latest[(aid, cid)] = a
        q = con.execute("SELECT t.name, r.dimension_id, r.criterion_id, r.action, r.status, r.owner,"
                        " r.due_period, r.created_period, r.done_period,"
                        " (SELECT l.id FROM assessments l WHERE l.team_id = t.id ORDER BY l.period DESC LIMIT 1)"
                        " FROM roadmap r JOIN teams t ON t.id = r.team_id")
        for r in sorted(q.fetchall(), key=lambda r: (r[0], crit_ord.get(r[2], -1))):
            blocked = [x for x in requires.get(r[2], []) if latest.get((r[9], x)) not in (3, 4)]
            exp.append([px(r[0]), r[1], r[2], px(r[3]), r[4], px(r[5]), opt(r[6]), r[7], opt(r[8]),
                        " ".join(blocked)])
    else:
        # In the order of recording, the hash chain's (CONTRACT section 4).
        q = con.execute("SELECT at, os_user, assessment_id, action, detail, hash FROM audit ORDER BY id")
        for r in q.fetchall():
            exp.append([r[0], px(r[1]), opt(r[2] if r[2] else None), px(r[3]), px(r[4]), px(r[5])])
    con.close()
    _, rows = parse(path)
    got = rows[1:]
    probs = []
    if len(got) != len(exp):
        probs.append("%d rows, the database has %d" % (len(got), len(exp)))
    for i, (g, e) in enumerate(zip(got, exp)):
        if g != e:
            probs.append("row %d: got %r" % (i + 2, g))
            probs.append("        want %r" % e)
            break
    verdict("%s: every row and field equals the database (prefix rule applied), in order" % kind, probs)

def cmd_note(path, value_file, desc):
    """A note read by the sqlite3 CLI (VALUE_FILE, one trailing newline)
    comes back exactly from the parsed answers export."""
    with open(value_file, encoding="utf-8", newline="") as f:
        v = f.read()
    if v.endswith("\n"):
        v = v[:-1]
    _, rows = parse(path)
    col = rows[0].index("notes")
    notes = [r[col] for r in rows[1:]]
    if not v:
        bad(desc, "the demo database holds no such note")
    elif px(v) in notes:
        ok(desc)
    else:
        near = [n for n in notes if v[1:12] in n][:2]
        bad(desc, "want %r" % px(v), "near: %r" % near)

def cmd_filter(path, full_path, kind, col, value, answers_path=None):
    """A filtered export is exactly the matching rows of the full one."""
    _, rows = parse(path)
    _, full = parse(full_path)
    cols = full[0]
    if col == "period" and kind == "audit":
        _, ans = parse(answers_path)
        ids = {r[0] for r in ans[1:] if r[2] == value}
        want = [r for r in full[1:] if r[cols.index("assessment_id")] in ids]
    else:
        want = [r for r in full[1:] if r[cols.index(col)] == value]
    probs = []
    if rows[:1] != full[:1]:
        probs.append("header %r" % rows[:1])
    if not want:
        probs.append("nothing to compare: no %s=%r rows in the full export" % (col, value))
    if rows[1:] != want:
        probs.append("%d rows, want %d (the full export's rows with %s=%r)"
                     % (len(rows) - 1, len(want), col, value))
    verdict("--what %s --%s %r: exactly the matching rows" % (kind, col if col != "assessment_id" else "assessment", value), probs)

def cmd_pick(path, what):
    """Prints values for the shell: a period present in the middle of the
    history, an assessment id, and a (team, period) pair with no assessment."""
    _, rows = parse(path)
    recs = rows[1:]
    periods = sorted({r[2] for r in recs})
    teams = sorted({r[1] for r in recs})
    if what == "period":
        print(periods[len(periods) // 2])
    elif what == "assessment":
        print(recs[len(recs) // 2][0])
    elif what == "empty-pair":
        have = {(r[1], r[2]) for r in recs}
        for t in teams:
            for p in periods:
                if (t, p) not in have:
                    print(t)
                    print(p)
                    return

if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "pick":
        cmd_pick(*sys.argv[2:])
        sys.exit(0)
    try:
        {"format": cmd_format, "content": cmd_content, "note": cmd_note,
         "filter": cmd_filter}[cmd](*sys.argv[2:])
    except Exception as e:  # a crash is one failed check, not a silent pass
        bad("%s %s: checker crashed" % (cmd, " ".join(sys.argv[2:3])), repr(e))
    print("\n".join(out))
PY

# py_checks ARGS...: runs the checker and counts its ok/FAIL lines.
py_checks() {
	python3 "$tmp/chk.py" "$@" >"$tmp/py" 2>&1
	prc=$?
	cat "$tmp/py"
	p=$(grep -c '^ok   - ' "$tmp/py")
	f=$(grep -c '^FAIL - ' "$tmp/py")
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$prc" -ne 0 ] && [ "$f" -eq 0 ]; then bad "checker $1 exited $prc"; fi
}

# usage_error DESC ARGS...: exit 2, one `mlmat: ` line on stderr, no stdout.
expect_status() {
	want=$1
	desc=$2
	shift 2
	run "$@"
	if [ "$rc" -ne "$want" ]; then
		bad "$desc: exit $want" "got exit $rc" "stderr: $(head -c 300 "$tmp/err")"
	elif [ "$want" -ne 0 ] && ! head -n 1 "$tmp/err" | grep -q '^mlmat: '; then
		bad "$desc: exit $want with a 'mlmat: ...' message" "stderr: $(head -c 300 "$tmp/err")"
	elif [ "$want" -ne 0 ] && [ -s "$tmp/out" ]; then
		bad "$desc: exit $want and nothing on stdout" "stdout: $(head -c 200 "$tmp/out")"
	else
		ok "$desc: exit $want"
	fi
}

# --- A demo database -------------------------------------------------------
db=$tmp/demo.db
run demo --db "$db" --teams 6 --quarters 8 --seed 7
check "demo --teams 6 --quarters 8 --seed 7 fills a database" sh -c "[ $rc -eq 0 ] && [ -s '$db' ]"
"$MLMAT" model show >"$tmp/model.txt" 2>"$tmp/err" || bad "mlmat model show" "$(cat "$tmp/err")"
db_sha=$(sha "$db")

# --- Each kind: bytes, parser, header, formats, order, prefix, content ------
for kind in answers criteria roadmap audit; do
	run export --db "$db" --what "$kind"
	cp "$tmp/out" "$tmp/$kind.csv"
	if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ]; then ok "export --what $kind: exit 0, quiet stderr"
	else bad "export --what $kind: exit 0, quiet stderr" "exit $rc" "$(head -c 300 "$tmp/err")"; fi
	py_checks format "$tmp/$kind.csv" "$kind" "$tmp/model.txt"
	py_checks content "$tmp/$kind.csv" "$kind" "$tmp/model.txt" "$db"
done
run export --db "$db"
check "export without --what is --what answers, byte for byte" cmp -s "$tmp/out" "$tmp/answers.csv"
run export --db="$db" --what=criteria
check "--db=PATH --what=criteria forms give the same bytes" cmp -s "$tmp/out" "$tmp/criteria.csv"

# Notes with commas, quotes, new lines, non-ASCII text and formula starts,
# read through the sqlite3 CLI and through the CSV parser.
note_check() {
	desc=$1
	like=$2
	sqlite3 "file:$db?immutable=1" "SELECT notes FROM dims WHERE notes LIKE '$like' LIMIT 1" \
		>"$tmp/note" 2>"$tmp/err" || bad "sqlite3 CLI reads the note $like" "$(cat "$tmp/err")"
	py_checks note "$tmp/answers.csv" "$tmp/note" "$desc"
}
note_check "note with a comma and \"quotes\" round-trips exactly" '%"custom"%'
note_check "note with a new line round-trips exactly" 'Registry exists%'
note_check "note with non-ASCII text round-trips exactly" '%Zürich%'
note_check "note starting with '=' comes back with a single ' prefix" '=%'
note_check "note starting with '-' comes back with a single ' prefix" '-%'
note_check "note starting with '@' comes back with a single ' prefix" '@%'
check "raw bytes: the '=' note is written as '=SUM..., the '-' note as '-1..." \
	sh -c "grep -q \",'=SUM(A1:A9) is how\" '$tmp/answers.csv' && grep -q \",'-1 incident\" '$tmp/answers.csv'"

# --- Filters ----------------------------------------------------------------
team="Payments ML"
for kind in answers criteria roadmap audit; do
	run export --db "$db" --what "$kind" --team "$team"
	check "export --what $kind --team '$team': exit 0" [ "$rc" -eq 0 ]
	cp "$tmp/out" "$tmp/f.csv"
	if [ "$kind" = audit ]; then
		# audit has no team column: its rows are those of the team's assessments.
		python3 - "$tmp/f.csv" "$tmp/audit.csv" "$tmp/answers.csv" "$team" >"$tmp/py" 2>&1 <<'PY'
import csv, sys
def rd(p):
    with open(p, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))
got, full, ans, team = rd(sys.argv[1]), rd(sys.argv[2]), rd(sys.argv[3]), sys.argv[4]
ids = {r[0] for r in ans[1:] if r[1] == team}
want = [r for r in full[1:] if r[2] in ids]
sys.exit(0 if want and got[0] == full[0] and got[1:] == want else 1)
PY
		check "--what audit --team '$team': exactly the rows of that team's assessments" [ $? -eq 0 ]
	else
		py_checks filter "$tmp/f.csv" "$tmp/$kind.csv" "$kind" team "$team"
	fi
done
run export --db "$db" --team "  $team  "
check "--team is compared after trimming spaces" sh -c "[ $rc -eq 0 ] && grep -q '^[0-9]*,$team,' '$tmp/out'"

period=$(python3 "$tmp/chk.py" pick "$tmp/answers.csv" period)
aid=$(python3 "$tmp/chk.py" pick "$tmp/answers.csv" assessment)
for kind in answers criteria audit; do
	run export --db "$db" --what "$kind" --period "$period"
	cp "$tmp/out" "$tmp/f.csv"
	py_checks filter "$tmp/f.csv" "$tmp/$kind.csv" "$kind" period "$period" "$tmp/answers.csv"
	run export --db "$db" --what "$kind" --assessment "$aid"
	cp "$tmp/out" "$tmp/f.csv"
	py_checks filter "$tmp/f.csv" "$tmp/$kind.csv" "$kind" assessment_id "$aid"
done
run export --db "$db" --team "$team" --period "$period"
check "--team and --period together: only that team's rows of that period" \
	python3 -c "
import csv, sys
r = list(csv.reader(open('$tmp/out', newline='', encoding='utf-8')))
sys.exit(0 if len(r) > 1 and all(x[1] == '$team' and x[2] == '$period' for x in r[1:]) else 1)"

python3 "$tmp/chk.py" pick "$tmp/answers.csv" empty-pair >"$tmp/pair"
eteam=$(sed -n 1p "$tmp/pair")
eperiod=$(sed -n 2p "$tmp/pair")
header_only() { # KIND: $tmp/out is the header alone
	python3 -c "import sys; sys.exit(0 if open('$tmp/out','rb').read().count(b'\r\n') == 1 else 1)" &&
		head -n 1 "$tmp/out" | grep -q "^$(head -n 1 "$tmp/$1.csv" | tr -d '\r')"
}
if [ -z "$eteam" ]; then
	bad "the demo has a team without an assessment in some period (to test header-only output)"
else
	for kind in answers criteria audit; do
		run export --db "$db" --what "$kind" --team "$eteam" --period "$eperiod"
		if [ "$rc" -eq 0 ] && header_only "$kind"; then
			ok "--what $kind --team '$eteam' --period $eperiod (no assessment): header alone, exit 0"
		else
			bad "--what $kind --team '$eteam' --period $eperiod (no assessment): header alone, exit 0" \
				"exit $rc" "$(head -c 300 "$tmp/out")" "$(head -c 300 "$tmp/err")"
		fi
	done
fi
run export --db "$db" --period 1999-Q1
check "--period with no assessment at all: header alone, exit 0" sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$tmp/out') -eq 1 ]"

expect_status 1 "--team 'No Such Team' (answers)" export --db "$db" --team "No Such Team"
expect_status 1 "--team 'No Such Team' (roadmap)" export --db "$db" --what roadmap --team "No Such Team"
expect_status 1 "--team of exactly 80 characters that no team has" \
	export --db "$db" --team "$(printf '%080d' 0)"
expect_status 1 "--team of 80 non-ASCII characters (160 bytes) that no team has" \
	export --db "$db" --team "$(python3 -c 'print("é" * 80)')"
expect_status 2 "--what roadmap --period" export --db "$db" --what roadmap --period "$period"
expect_status 2 "--what roadmap --assessment" export --db "$db" --what roadmap --assessment "$aid"
expect_status 2 "--period 2026-Q5" export --db "$db" --period 2026-Q5
expect_status 2 "--period 2026-Q0" export --db "$db" --period 2026-Q0
expect_status 2 "--period 26-Q1" export --db "$db" --period 26-Q1
expect_status 2 "--period 2026Q1" export --db "$db" --period 2026Q1
expect_status 2 "--what nope" export --db "$db" --what nope
expect_status 2 "--assessment abc" export --db "$db" --assessment abc
expect_status 2 "--assessment -3" export --db "$db" --assessment -3
expect_status 2 "--assessment 1x" export --db "$db" --assessment 1x
expect_status 2 "--team of 81 characters" export --db "$db" --team "$(printf '%081d' 0)"
expect_status 2 "--team of 81 non-ASCII characters" export --db "$db" --team "$(python3 -c 'print("é" * 81)')"
expect_status 2 "--team with a control character (0x01)" export --db "$db" --team "$(printf 'Pay\001ments')"
expect_status 2 "--team with an ESC character" export --db "$db" --team "$(printf 'Pay\033[31mments')"
expect_status 2 "--team with a TAB" export --db "$db" --team "$(printf 'Pay\tments')"
expect_status 2 "--team empty" export --db "$db" --team ""
expect_status 2 "unknown flag --bogus" export --db "$db" --bogus
expect_status 2 "an operand" export --db "$db" answers
expect_status 2 "missing value (--db last)" export --db
expect_status 2 "missing value (-o last)" export --db "$db" -o
expect_status 2 "missing value (--team last)" export --db "$db" --team
expect_status 2 "usage error before the database is looked at (--what nope, missing db)" \
	export --db "$tmp/none.db" --what nope

# --- -o FILE ------------------------------------------------------------------
od=$tmp/outdir
mkdir "$od"
no_temps() {
	for f in "$od"/.mlmat-export-*; do
		if [ -e "$f" ] || [ -L "$f" ]; then
			bad "no .mlmat-export-* temporary file left behind ($1)" "$(ls -A "$od")"
			return
		fi
	done
	ok "no .mlmat-export-* temporary file left behind ($1)"
}
run export --db "$db" --what criteria -o "$od/c.csv"
check "-o FILE: exit 0, nothing on stdout" sh -c "[ $rc -eq 0 ] && [ ! -s '$tmp/out' ]"
check "-o FILE: the same bytes as stdout" cmp -s "$od/c.csv" "$tmp/criteria.csv"
no_temps "after success"
run export --db "$db" --what roadmap --output "$od/r.csv"
check "--output FILE: the same bytes as stdout" sh -c "[ $rc -eq 0 ] && cmp -s '$od/r.csv' '$tmp/roadmap.csv'"
printf 'sentinel\n' >"$od/c.csv"
expect_status 1 "-o an existing FILE without --force" export --db "$db" -o "$od/c.csv"
check "-o an existing FILE without --force: the file is unchanged" \
	sh -c "[ \"\$(cat '$od/c.csv')\" = sentinel ]"
check "  ... and the message mentions --force" grep -q -- '--force' "$tmp/err"
no_temps "after refusing to overwrite"
run export --db "$db" --what criteria -o "$od/c.csv" --force
check "-o an existing FILE with --force: exit 0, overwritten with the export" \
	sh -c "[ $rc -eq 0 ] && cmp -s '$od/c.csv' '$tmp/criteria.csv'"
run export --db "$db" --force -o "$od/new.csv"
check "--force with a FILE that does not exist yet: written" \
	sh -c "[ $rc -eq 0 ] && cmp -s '$od/new.csv' '$tmp/answers.csv'"
mkdir "$od/sub"
expect_status 1 "-o naming a folder" export --db "$db" -o "$od/sub"
expect_status 1 "-o naming a folder, with --force" export --db "$db" -o "$od/sub" --force
check "-o naming a folder: the folder is left as it was (empty)" sh -c "[ -d '$od/sub' ] && [ -z \"\$(ls -A '$od/sub')\" ]"
expect_status 1 "-o in a missing folder" export --db "$db" -o "$od/missing/deeper/x.csv"
check "-o in a missing folder: nothing created" [ ! -e "$od/missing" ]
printf 'precious\n' >"$od/target.txt"
ln -s target.txt "$od/link.csv"
expect_status 1 "-o a symbolic link without --force" export --db "$db" -o "$od/link.csv"
check "-o a symbolic link without --force: the file it points to is unchanged" \
	sh -c "[ \"\$(cat '$od/target.txt')\" = precious ] && [ -L '$od/link.csv' ]"
run export --db "$db" -o "$od/link.csv" --force
check "-o a symbolic link with --force: exit 0" [ "$rc" -eq 0 ]
check "-o a symbolic link with --force: the file it points to is NOT modified" \
	sh -c "[ \"\$(cat '$od/target.txt')\" = precious ]"
check "-o a symbolic link with --force: the link itself is replaced by the export" \
	sh -c "[ ! -L '$od/link.csv' ] && [ -f '$od/link.csv' ] && cmp -s '$od/link.csv' '$tmp/answers.csv'"
ln -s nowhere.txt "$od/dangling.csv"
expect_status 1 "-o a dangling symbolic link without --force" export --db "$db" -o "$od/dangling.csv"
check "-o a dangling symbolic link without --force: its target is not created" [ ! -e "$od/nowhere.txt" ]
expect_status 1 "-o with an unknown --team" export --db "$db" --team "No Such Team" -o "$od/none.csv"
check "-o with an unknown --team: no file created" [ ! -e "$od/none.csv" ]
run export --db "$db" --what audit --team "$team" -o "$od/a.csv"
"$MLMAT" export --db "$db" --what audit --team "$team" >"$tmp/a2.csv" 2>/dev/null
check "-o FILE with filters: the same bytes as stdout with the same filters" \
	sh -c "[ $rc -eq 0 ] && cmp -s '$od/a.csv' '$tmp/a2.csv'"
no_temps "after all the -o runs, failures included"
run export --db "$tmp/none.db" -o "$od/from-missing.csv"
check "-o with a missing database: exit 1, no file created" sh -c "[ $rc -eq 1 ] && [ ! -e '$od/from-missing.csv' ]"
no_temps "after a failed open"
if [ -w /dev/full ]; then
	"$MLMAT" export --db "$db" >/dev/full 2>"$tmp/err"
	rc=$?
	check "stdout that cannot be written (/dev/full): exit 1 with 'mlmat: ...'" \
		sh -c "[ $rc -eq 1 ] && grep -q '^mlmat: .' '$tmp/err'"
fi

# --- The database is only read ------------------------------------------------
check "the database file is unchanged by every export above (sha256)" [ "$(sha "$db")" = "$db_sha" ]

missing=$tmp/missing.db
expect_status 1 "missing database" export --db "$missing"
check "missing database: message is 'mlmat: PATH: ...'" grep -q "^mlmat: $missing: ." "$tmp/err"
check "missing database: the path still does not exist" [ ! -e "$missing" ]
expect_status 1 "database in a missing folder" export --db "$tmp/nodir/x.db"
check "database in a missing folder: the folder is not created" [ ! -e "$tmp/nodir" ]
: >"$tmp/empty.db"
expect_status 1 "0-byte database" export --db "$tmp/empty.db"
check "0-byte database: message names the path" grep -q "^mlmat: $tmp/empty.db: " "$tmp/err"
check "0-byte database: still 0 bytes" sh -c "[ -f '$tmp/empty.db' ] && [ ! -s '$tmp/empty.db' ]"
printf 'team,score\nnot,a database\n' >"$tmp/text.db"
tsha=$(sha "$tmp/text.db")
expect_status 1 "a text file as database" export --db "$tmp/text.db"
check "a text file as database: message names the path" grep -q "^mlmat: $tmp/text.db: " "$tmp/err"
check "a text file as database: unchanged" [ "$(sha "$tmp/text.db")" = "$tsha" ]
head -c 8192 "$db" >"$tmp/trunc.db"
trsha=$(sha "$tmp/trunc.db")
expect_status 1 "a truncated database" export --db "$tmp/trunc.db"
check "a truncated database: unchanged" [ "$(sha "$tmp/trunc.db")" = "$trsha" ]
expect_status 1 "a folder as database" export --db "$od/sub"

# --- Where the database is found ----------------------------------------------
home=$tmp/home
xdg=$tmp/xdg
mkdir -p "$home" "$xdg/mlmat" "$home/.local/share/mlmat"
cp "$db" "$xdg/mlmat/mlmat.db"
MLMAT_DB=$db HOME=$home XDG_DATA_HOME=$tmp/empty-xdg "$MLMAT" export --what criteria >"$tmp/out" 2>"$tmp/err"
check "\$MLMAT_DB is used when --db is absent" sh -c "[ $? -eq 0 ] && cmp -s '$tmp/out' '$tmp/criteria.csv'"
MLMAT_DB=$tmp/none.db "$MLMAT" export --db "$db" --what criteria >"$tmp/out" 2>"$tmp/err"
check "--db wins over \$MLMAT_DB" sh -c "[ $? -eq 0 ] && cmp -s '$tmp/out' '$tmp/criteria.csv'"
env -u MLMAT_DB HOME="$home" XDG_DATA_HOME="$xdg" "$MLMAT" export --what criteria >"$tmp/out" 2>"$tmp/err"
check "\$XDG_DATA_HOME/mlmat/mlmat.db is used when neither --db nor \$MLMAT_DB" \
	sh -c "[ $? -eq 0 ] && cmp -s '$tmp/out' '$tmp/criteria.csv'"
MLMAT_DB="" HOME="$home" XDG_DATA_HOME="$xdg" "$MLMAT" export --what criteria >"$tmp/out" 2>"$tmp/err"
check "an empty \$MLMAT_DB counts as unset" sh -c "[ $? -eq 0 ] && cmp -s '$tmp/out' '$tmp/criteria.csv'"
MLMAT_DB=$tmp/none.db HOME="$home" XDG_DATA_HOME="$xdg" "$MLMAT" export >"$tmp/out" 2>"$tmp/err"
check "\$MLMAT_DB wins over \$XDG_DATA_HOME (missing one: exit 1)" sh -c "[ $? -eq 1 ] && grep -q '^mlmat: $tmp/none.db: ' '$tmp/err'"
cp "$db" "$home/.local/share/mlmat/mlmat.db"
env -u MLMAT_DB -u XDG_DATA_HOME HOME="$home" "$MLMAT" export --what criteria >"$tmp/out" 2>"$tmp/err"
check "\$HOME/.local/share/mlmat/mlmat.db when XDG_DATA_HOME is unset" \
	sh -c "[ $? -eq 0 ] && cmp -s '$tmp/out' '$tmp/criteria.csv'"
env -u MLMAT_DB HOME="$home" XDG_DATA_HOME="$tmp/xdg2" "$MLMAT" export >"$tmp/out" 2>"$tmp/err"
check "default database missing: exit 1 'mlmat: $tmp/xdg2/mlmat/mlmat.db: ...'" \
	sh -c "[ $? -eq 1 ] && grep -q '^mlmat: $tmp/xdg2/mlmat/mlmat.db: ' '$tmp/err'"
check "default database missing: its folder is not created" [ ! -e "$tmp/xdg2" ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
