"""The measurements of tests/bench/bench.py: first frames (the dashboard and
its anchors), keys (one at a time after the panes settle, and held), idle
CPU with and without a writer, a saved change, and the export.

CPU is nanoseconds on a CPU from /proc/PID/task/*/schedstat, read before a
key and after the screen has settled. A key "settles" when its output has
been quiet for --quiet ms and no second burst (the panes the dashboard
draws once keys pause, app.c's IDLE_MS) came within PANES_S.

Python 3 standard library only, plus the sqlite3 command-line tool."""

import csv
import io
import os
import shutil
import statistics
import subprocess
import time

from ptydash import Session, child_env

PANES_S = 0.200             # a second burst (the panes) comes within this
HELD_HZ = 30.0              # a held key: auto-repeat at about 30 presses a second


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def dash(mlmat, db, env, cols=120, rows=40):
    return Session([mlmat, "--db", db], env, cols, rows)


def unlink_db(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)


def sql(db, query):
    return subprocess.run(["sqlite3", db, query], stdout=subprocess.PIPE, text=True,
                          check=True).stdout


def settle(s, m):
    """After a key's first burst: waits for the panes' burst, adds it to m."""
    n, last = s.burst(first_timeout=PANES_S)
    if last is not None:
        m["bytes"] += n
        m["ms"] = (last - m["t0"]) * 1000.0 if m.get("t0") else m["ms"]
    return m


def press(s, k, settle_panes=True):
    """One key, measured until the screen settles: dict(ms, bytes, ns)."""
    s.drain()
    n0 = s.cpu_ns()
    t0 = time.perf_counter()
    s.write(k)
    n, last = s.burst(first_timeout=3.0)
    m = {"ms": (last - t0) * 1000.0 if last else None, "bytes": n, "key_bytes": n, "t0": t0}
    if settle_panes:
        settle(s, m)
    n1 = s.cpu_ns()
    m["ns"] = n1 - n0 if n0 is not None and n1 is not None else None
    return m


def hold(s, k, presses):
    """k written back to back at HELD_HZ, presses times, as auto-repeat does:
    CPU until the screen settles after the last one, per press."""
    s.drain()
    n0 = s.cpu_ns()
    t0 = time.perf_counter()
    nbytes = 0
    for i in range(presses):
        s.write(k)
        due = t0 + (i + 1) / HELD_HZ
        while True:
            left = due - time.perf_counter()
            if left <= 0:
                break
            data, _ = s._read(left)
            nbytes += len(data)
    n, _ = s.burst(first_timeout=PANES_S)
    nbytes += n
    settle(s, {"bytes": 0, "ms": None})
    n1 = s.cpu_ns()
    return {"ns": (n1 - n0) / presses if n0 is not None and n1 is not None else None,
            "bytes": nbytes / presses, "ms": None, "n": presses}


def summarize(ms):
    ns = [m["ns"] for m in ms if m.get("ns") is not None]
    return {"n": sum(m.get("n", 1) for m in ms),
            "cpu_ms": median(ns) / 1e6 if ns else None,
            "mean_ms": sum(ns) / len(ns) / 1e6 if ns else None,
            "max_ms": max(ns) / 1e6 if ns else None,
            "settle_ms": median([m["ms"] for m in ms]),
            "bytes": median([m["bytes"] for m in ms]),
            "key_bytes": median([m.get("key_bytes") for m in ms]),
            "silent": sum(1 for m in ms if not m["bytes"])}


# -- databases -----------------------------------------------------------------------

def build_db(mlmat, path, teams, quarters, env, cache=False):
    """A demo database: (seconds the demo took, when). With cache, a database
    built before (its time kept in PATH.built) is used again."""
    stamp = path + ".built"
    if cache and os.path.exists(path) and os.path.exists(stamp):
        with open(stamp) as f:
            secs, when = f.read().split(None, 1)
        # A database kept from an older mlmat is upgraded here, once, not by
        # the first dashboards of a run (an upgrade of 3.6 GB takes longer
        # than a dashboard waits for the lock).
        r = subprocess.run([mlmat, "init", "--db", path], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            raise RuntimeError("mlmat init failed (%d): %s" % (r.returncode, r.stderr.strip()))
        return float(secs), when.strip()
    unlink_db(path)
    t0 = time.perf_counter()
    r = subprocess.run([mlmat, "demo", "--db", path, "--teams", str(teams), "--quarters",
                        str(quarters)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError("mlmat demo failed (%d): %s" % (r.returncode, r.stderr.strip()))
    when = time.strftime("%Y-%m-%d %H:%M")
    if cache:
        with open(stamp, "w") as f:
            f.write("%.2f %s\n" % (dt, when))
    return dt, "this run"


def build_empty_db(mlmat, path, env):
    """The dashboard creates the database on first use: open it once, quit."""
    unlink_db(path)
    s = dash(mlmat, path, env)
    try:
        s.first_frame()
    finally:
        s.close()


# -- first frames ---------------------------------------------------------------

def first_frames(argv, env, runs, cols=120, rows=40):
    """Median wall ms to the last byte of the first frame, median CPU ms to
    then, median bytes, max VmHWM kB."""
    wall, cpu, size, hwm = [], [], [], []
    for _ in range(runs):
        s = Session(argv, env, cols, rows)
        try:
            ms, n = s.first_frame(timeout=60.0)
            ns = s.cpu_ns()
            wall.append(ms)
            cpu.append(ns / 1e6 if ns is not None else None)
            size.append(n)
            hwm.append(s.status_kb("VmHWM"))
        finally:
            s.close()
    return {"wall": median(wall), "cpu": median(cpu), "bytes": median(size),
            "hwm": max(h for h in hwm if h is not None) if any(hwm) else None}


def trace_first_frame(mlmat, db, env, tools, out):
    """The statements the dashboard runs up to its first frame on db,
    through the sqltrace.so shim, each distinct one once (a floor repeats no
    read), written to out for the floor program: (statements, distinct)."""
    raw = out + ".raw"
    if os.path.exists(raw):
        os.unlink(raw)
    e = dict(env, LD_PRELOAD=os.path.join(tools, "sqltrace.so"), SQLTRACE_FILE=raw)
    s = dash(mlmat, db, e)
    try:
        s.first_frame(timeout=120.0)
        until = time.monotonic()
    finally:
        s.close()
    n, seen = 0, set()
    with open(raw) as f, open(out, "w") as g:
        for line in f:
            t, _, stmt = line.partition("\t")
            if float(t) > until:
                break
            n += 1
            if stmt not in seen:
                seen.add(stmt)
                g.write(line)
    os.unlink(raw)
    return n, len(seen)


# -- keys -------------------------------------------------------------------------

def keys_session(mlmat, db, env, presses, opens, find_key):
    """One session of keys on db: ({kind: summary}, VmHWM kB)."""
    s = dash(mlmat, db, env)
    out = {}
    try:
        s.first_frame()
        nteams = int(sql(db, "SELECT count(*) FROM teams WHERE archived_at IS NULL"))
        scrolls = nteams > 45
        # j on home: past the window first (held, not measured), so that each
        # measured press scrolls the list; then held j and k, 30 a second.
        if scrolls:
            hold(s, b"j", 45)
        out["j_home"] = summarize([press(s, b"j") for _ in range(presses)])
        out["held_j"] = summarize([hold(s, b"j", 3 * presses)])
        out["held_k"] = summarize([hold(s, b"k", 3 * presses)])
        # Open the selected team's latest assessment and go back.
        res = []
        for _ in range(opens):
            res.append(press(s, b"\r"))
            press(s, b"q")
        out["open_assess"] = summarize(res)
        press(s, b"\r")
        press(s, b"n")
        out["answer"] = summarize([press(s, b"yn"[i % 2:i % 2 + 1]) for i in range(presses)])
        out["criterion"] = summarize([press(s, b"jk"[i % 2:i % 2 + 1]) for i in range(presses)])
        out["next_dim"] = summarize([press(s, b"\t") for _ in range(presses)])
        out["held_j_assess"] = summarize([hold(s, b"j", 3 * presses)])
        press(s, b"q")
        opened, back = [], []
        for _ in range(opens):
            opened.append(press(s, b"r"))
            back.append(press(s, b"q"))
        out["review"], out["back_review"] = summarize(opened), summarize(back)
        opened, back, hl = [], [], []
        for _ in range(opens):
            opened.append(press(s, b"o"))
            hl.append(press(s, b"h"))
            hl.append(press(s, b"l"))
            back.append(press(s, b"q"))
        out["org"], out["org_hl"], out["back_org"] = \
            summarize(opened), summarize(hl), summarize(back)
        if find_key:
            res = []
            for _ in range(opens):
                press(s, b"/")
                res.append(press(s, b"1"))
                res.append(press(s, b"2"))
                press(s, b"\x1b")
            out["find"] = summarize(res)
        shrink, grow = [], []
        for _ in range(max(2, opens // 2)):
            shrink.append(s.act(lambda: s.setsize(100, 30)))
            settle(s, shrink[-1])
            grow.append(s.act(lambda: s.setsize(120, 40)))
            settle(s, grow[-1])
        out["resize"] = summarize(shrink + grow)
        hwm = s.status_kb("VmHWM")
    finally:
        s.close()
    return out, hwm


def anchor_keys(bare, env, presses):
    """The bare ncurses program's j: one at a time, and held."""
    s = Session([bare, "1000"], env)
    try:
        s.first_frame()
        hold(s, b"j", 45)
        one = summarize([press(s, b"j") for _ in range(presses)])
        held = summarize([hold(s, b"j", 3 * presses)])
        hwm = s.status_kb("VmHWM")
    finally:
        s.close(b"q")
    return one, held, hwm


# -- idle, with and without a writer ------------------------------------------------

def writer_home(work):
    """A HOME whose configuration turns advance off, so a writer pressing y
    and n in turn changes the same criterion each time."""
    home = os.path.join(work, "home-writer")
    os.makedirs(os.path.join(home, ".config", "mlmat"), exist_ok=True)
    with open(os.path.join(home, ".config", "mlmat", "config.yaml"), "w") as f:
        f.write("advance: false\n")
    return home


ANSWERS_SQL = "SELECT count(*) FROM audit WHERE action = 'answer'"


def idle(mlmat, db, env, seconds, work, writer=False, screen=b""):
    """CPU of a watching dashboard (on home, or after the keys in screen)
    over seconds: dict(pct of a core, bytes written, changes the writer
    made, latency: ms from each key to the watcher's next output, keys).
    The writer is a second dashboard answering a criterion of the fifth
    team's latest assessment every 100 ms (y and n in turn)."""
    w = None
    s = dash(mlmat, db, env)
    try:
        s.first_frame()
        for k in screen:
            press(s, bytes([k]))
        if writer:
            w = dash(mlmat, db, child_env(writer_home(work)))
            w.first_frame()
            for k in b"jjjj\r":
                press(w, bytes([k]))
            press(w, b"n")
        a0 = int(sql(db, ANSWERS_SQL))
        s.drain()
        n0, before = s.cpu_ns(), len(s.out)
        t0 = time.perf_counter()
        end, due = t0 + seconds, t0
        keys, reads = [], []
        while True:
            now = time.perf_counter()
            if now >= end:
                break
            if w is not None:
                if now >= due:
                    w.write(b"y" if len(keys) % 2 == 0 else b"n")
                    keys.append(time.perf_counter())
                    due += 0.1
                w.drain()
            _, t = s._read(min(end, due if w is not None else end) - now)
            if t is not None:
                reads.append(t)
        n1 = s.cpu_ns()
        written = len(s.out) - before
    finally:
        if w is not None:
            w.close()
        s.close()
    changes = int(sql(db, ANSWERS_SQL)) - a0
    # Live updates: from each key of the writer to the watcher's next output.
    lat = []
    for t in keys:
        after = [r for r in reads if r >= t]
        if after:
            lat.append((after[0] - t) * 1000.0)
    return {"pct": (n1 - n0) / 1e6 / (seconds * 1000.0) * 100.0, "written": written,
            "changes": changes, "latency": lat, "keys": len(keys)}


# -- a saved change: synchronous=FULL against NORMAL -------------------------------

def saved_change(mlmat, src_db, work, presses):
    """{mode: (median ms key to screen, audit rows added, presses)}."""
    home = writer_home(work)
    out = {}
    for mode in ("NORMAL", "FULL", "NORMAL", "FULL"):
        db = os.path.join(work, "saved-%s.db" % mode.lower())
        unlink_db(db)
        shutil.copyfile(src_db, db)
        e = child_env(home)
        if mode == "NORMAL":
            e["MLMAT_TEST_SYNCHRONOUS"] = "NORMAL"
        a0 = int(sql(db, "SELECT count(*) FROM audit"))
        s = dash(mlmat, db, e)
        try:
            s.first_frame()
            press(s, b"\r")
            press(s, b"n")
            ms = [press(s, b"yn"[i % 2:i % 2 + 1], settle_panes=False)["ms"]
                  for i in range(presses)]
        finally:
            s.close()
        a1 = int(sql(db, "SELECT count(*) FROM audit"))
        prev = out.get(mode, ([], 0, 0))
        out[mode] = (prev[0] + ms, prev[1] + a1 - a0, prev[2] + presses)
    return {k: (median(v[0]), v[1], v[2]) for k, v in out.items()}


# -- the export against the sqlite3 tool ------------------------------------------------

# The query `mlmat export --what criteria` runs (src/store_export.c), without its
# filter, with the answer mapped to its word as mlmat does (src/score.h).
SQLITE_CRITERIA = (
    "SELECT a.id AS assessment_id, t.name AS team, a.period AS period,"
    " mc.dimension_id AS dimension_id, mc.criterion_id AS criterion_id,"
    " mc.level AS criterion_level, mc.text AS criterion,"
    " CASE ans.answer WHEN 4 THEN 'n/a' WHEN 3 THEN 'yes' WHEN 2 THEN 'partly' WHEN 1 THEN 'no'"
    " ELSE 'unknown' END AS answer, ans.comment AS comment, ans.evidence AS evidence,"
    " CASE WHEN ans.answer IS NULL THEN NULL WHEN ans.origin = 'carried' THEN 'carried'"
    " ELSE 'answered' END AS origin"
    " FROM teams t JOIN assessments a ON a.team_id = t.id"
    " JOIN model_criteria mc ON mc.model = a.model"
    " LEFT JOIN answers ans ON ans.assessment_id = a.id AND ans.criterion_id = mc.criterion_id"
    " ORDER BY t.name, a.period, mc.ord"
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def timed_run(argv, env):
    """argv with stdout to /dev/null: (wall s, user+sys s)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace").strip()
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("%s failed: %s" % (argv[0], err))
    return wall, ru.ru_utime + ru.ru_stime


def compare_exports(m_argv, s_argv, env):
    """Both CSV streams side by side: (mlmat rows, sqlite3 rows, rows that
    differ, header equal)."""
    pm = subprocess.Popen(m_argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    ps = subprocess.Popen(s_argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    rm = csv.reader(io.TextIOWrapper(pm.stdout, encoding="utf-8", newline=""))
    rs = csv.reader(io.TextIOWrapper(ps.stdout, encoding="utf-8", newline=""))
    hm, hs = next(rm, None), next(rs, None)
    nm = ns = differ = 0
    end = object()
    while True:
        a, b = next(rm, end), next(rs, end)
        if a is end and b is end:
            break
        nm += a is not end
        ns += b is not end
        if a is end or b is end:
            differ += 1
        elif a != b:
            # mlmat guards text that starts like a formula with a quote.
            a2 = [x[1:] if x.startswith("'") and x[1:].startswith(FORMULA_START) else x for x in a]
            differ += a2 != b
    pm.wait()
    ps.wait()
    return nm, ns, differ, hm == hs


def export(mlmat, db, env, runs):
    m_argv = [mlmat, "export", "--what", "criteria", "--db", db]
    # A busy timeout as mlmat has: both start at once on a database whose
    # -wal and -shm the first of them makes.
    s_argv = ["sqlite3", "-cmd", ".timeout 10000", "-csv", "-header", db, SQLITE_CRITERIA]
    nm, ns, differ, header_ok = compare_exports(m_argv, s_argv, env)   # also warms the cache
    mt, st, mc, sc = [], [], [], []
    for _ in range(runs):
        w, c = timed_run(m_argv, env)
        mt.append(w)
        mc.append(c)
        w, c = timed_run(s_argv, env)
        st.append(w)
        sc.append(c)
    return {"rows_mlmat": nm, "rows_sqlite": ns, "differ": differ, "header_ok": header_ok,
            "mlmat_s": median(mt), "sqlite_s": median(st), "mlmat_cpu": median(mc),
            "sqlite_cpu": median(sc)}
