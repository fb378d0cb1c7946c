#!/usr/bin/env python3
"""mlmat performance benchmark (`make bench`); see issue 7 for the budgets.

Builds demo databases with the real binary, runs the real dashboard on a
pseudo-terminal (120x40, TERM=xterm-256color, LANG=C.UTF-8) and measures the
first frame, single keys, resizes, peak memory and idle CPU; then times
`mlmat export --what criteria` against the sqlite3 command-line tool making
the same rows. Prints a table and writes it to --out. A benchmark reports: it
exits 0 even when a budget is missed (and 1 only when it cannot run at all).

Python 3 standard library only, plus the `sqlite3` command-line tool.

How things are measured
- Time: time.perf_counter() in this process. A burst of output is over when
  no byte has come for --quiet ms (30); the time reported is that of the last
  read that returned bytes, not including the quiet wait.
- First frame: from just before the fork to the end of the first burst after
  the status line's "? help" has appeared.
- A key: written to the terminal's master side; "settled" is the end of the
  burst it caused; bytes are all the bytes of that burst.
- CPU: utime+stime from /proc/PID/stat (clock ticks, 10 ms) read before the
  key and after it settled. One press is below the resolution, so every key
  is pressed N times and the deltas of the presses alone are summed and
  divided by N (budget check). /proc/PID/schedstat (nanoseconds on CPU) is
  read alongside as a cross-check.
- Memory: VmHWM from /proc/PID/status at the end of a session of keys.
- Idle: utime+stime (and schedstat) over 10 s with nothing pressed.
- Presence (issue 19): the same on an open assessment, counting the presence
  rows' heartbeats meanwhile, then the presence writes of each burst of ten
  moves (the rows read with the sqlite3 module every 20 ms).
"""

import argparse
import csv
import fcntl
import io
import os
import platform
import re
import select
import signal
import shutil
import statistics
import struct
import subprocess
import sys
import termios
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")
TICK_MS = 1000.0 / CLK_TCK
HELP_RE = re.compile(rb"\?(?:\x1b[\[(][0-9;?]*[A-Za-z@]|\s)*help")

# The query `mlmat export --what criteria` runs (src/store_export.c), without its
# filter (all parameters NULL), with the answer mapped to its word as mlmat
# does (src/score.h: 0 unknown, 1 no, 2 partly, 3 yes; no row is unknown).
SQLITE_CRITERIA = (
    "SELECT a.id AS assessment_id, t.name AS team, a.period AS period,"
    " mc.dimension_id AS dimension_id, mc.criterion_id AS criterion_id,"
    " mc.level AS criterion_level, mc.text AS criterion,"
    " CASE ans.answer WHEN 3 THEN 'yes' WHEN 2 THEN 'partly' WHEN 1 THEN 'no'"
    " ELSE 'unknown' END AS answer"
    " FROM teams t JOIN assessments a ON a.team_id = t.id"
    " JOIN model_criteria mc ON mc.model = a.model"
    " LEFT JOIN answers ans ON ans.assessment_id = a.id AND ans.criterion_id = mc.criterion_id"
    " ORDER BY t.name, a.period, mc.ord"
)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def child_env(home):
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("MLMAT_") or k.startswith("LC_") or k.startswith("XDG_")
                   or k in ("NO_COLOR", "COLUMNS", "LINES", "TERM", "LANG", "LANGUAGE",
                            "TERMINFO", "TERMCAP", "ESCDELAY", "NCURSES_NO_UTF8_ACS"))}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", HOME=home)
    return env


class Session:
    """The real dashboard on a pseudo-terminal of its own (new session, the
    slave as its controlling terminal, so resizes send it SIGWINCH)."""

    quiet = 0.030               # no output for this long ends a burst (--quiet-ms)

    def __init__(self, mlmat, db, env, cols=120, rows=40):
        self.mfd, sfd = os.openpty()
        self.setsize(cols, rows, fd=sfd)

        def ctty():
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.t_start = time.perf_counter()
        self.proc = subprocess.Popen([mlmat, "--db", db], stdin=sfd, stdout=sfd, stderr=sfd,
                                     env=env, start_new_session=True, preexec_fn=ctty,
                                     close_fds=True)
        os.close(sfd)
        self.pid = self.proc.pid
        self.out = bytearray()

    # -- output -----------------------------------------------------------
    def _read(self, timeout):
        """One read with a timeout: (bytes, time) or (b"", None)."""
        r, _, _ = select.select([self.mfd], [], [], max(0.0, timeout))
        if not r:
            return b"", None
        try:
            data = os.read(self.mfd, 1 << 16)
        except OSError:         # EIO: the slave side is closed
            data = b""
        t = time.perf_counter()
        if not data:
            raise EOFError("mlmat closed the terminal (exit status %s)" % self.proc.poll())
        self.out += data
        return data, t

    def burst(self, first_timeout=3.0, start=None):
        """Waits for output, then for it to go quiet: (bytes, time of the last
        byte) or (0, None) when nothing came within first_timeout."""
        n, last = 0, None
        deadline = time.perf_counter() + first_timeout
        while last is None:
            data, t = self._read(deadline - time.perf_counter())
            if t is None:
                return 0, None
            n, last = len(data), t
        while True:
            data, t = self._read(self.quiet)
            if t is None:
                return n, last
            n, last = n + len(data), t

    def drain(self):
        while self._read(0)[1] is not None:
            pass

    def first_frame(self, timeout=10.0):
        """(ms from start to the last byte of the first complete frame, bytes)."""
        deadline = self.t_start + timeout
        last = None
        while not HELP_RE.search(self.out):
            data, t = self._read(deadline - time.perf_counter())
            if t is None:
                raise TimeoutError("no '? help' on the screen after %.0f s" % timeout)
            last = t
        while True:
            data, t = self._read(self.quiet)
            if t is None:
                break
            last = t
        return (last - self.t_start) * 1000.0, len(self.out)

    # -- the process --------------------------------------------------------
    def ticks(self):
        with open("/proc/%d/stat" % self.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])    # utime, stime (fields 14, 15)

    def sched_ns(self):
        try:
            with open("/proc/%d/schedstat" % self.pid) as f:
                return int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def status_kb(self, key):
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
        return None

    def setsize(self, cols, rows, fd=None):
        fcntl.ioctl(self.mfd if fd is None else fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))

    def act(self, action, first_timeout=3.0):
        """Runs action (write a key, resize) and measures until the screen
        settles: dict(ms, bytes, ticks, ns)."""
        self.drain()
        c0, s0 = self.ticks(), self.sched_ns()
        t0 = time.perf_counter()
        action()
        n, last = self.burst(first_timeout)
        c1, s1 = self.ticks(), self.sched_ns()
        return {"ms": (last - t0) * 1000.0 if last else None, "bytes": n,
                "ticks": c1 - c0, "ns": (s1 - s0) if s0 is not None and s1 is not None else None}

    def key(self, k, first_timeout=3.0):
        return self.act(lambda: os.write(self.mfd, k), first_timeout)

    def resize(self, cols, rows):
        return self.act(lambda: self.setsize(cols, rows))

    def close(self):
        """q until it exits (q goes back, then quits from home)."""
        try:
            for _ in range(6):
                if self.proc.poll() is not None:
                    break
                try:
                    os.write(self.mfd, b"q")
                except OSError:
                    break
                end = time.perf_counter() + 1.0
                while self.proc.poll() is None and time.perf_counter() < end:
                    try:
                        self._read(0.02)
                    except EOFError:
                        break
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(3)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
            self.proc.wait()
        finally:
            os.close(self.mfd)


# -- results -----------------------------------------------------------------

class Table:
    def __init__(self):
        self.rows = []          # (check, db, budget, measured, result, note)

    def add(self, check, db, budget, measured, result="info", note=""):
        self.rows.append((check, db, budget, measured, result, note))

    def check(self, check, db, value, limit, unit, fmt="%.2f", note="", info=False):
        """A line with a budget `< limit` (or `>= limit` when limit < 0)."""
        if value is None:
            self.add(check, db, budget_text(limit, unit, fmt), "error", "FAIL" if not info else "info",
                     note)
            return
        ok = value >= -limit if limit < 0 else value < limit
        self.add(check, db, budget_text(limit, unit, fmt) if not info else "-",
                 (fmt % value) + (" " + unit if unit else ""),
                 "info" if info else ("pass" if ok else "FAIL"), note)

    def render(self, header):
        cols = ["check", "db", "budget", "measured", "result", "notes"]
        rows = [cols] + [list(r) for r in self.rows]
        width = [max(len(str(r[i])) for r in rows) for i in range(5)]
        out = list(header)
        for r in rows:
            line = "  ".join(str(r[i]).ljust(width[i]) for i in range(5))
            out.append((line + "  " + r[5]).rstrip())
            if r is rows[0]:
                out.append("  ".join("-" * w for w in width) + "  " + "-" * 5)
        return "\n".join(out) + "\n"


def budget_text(limit, unit, fmt):
    if limit < 0:
        return ">= %g%s" % (-limit, " " + unit if unit else "")
    return "< %g%s" % (limit, " " + unit if unit else "")


# -- the measurements ----------------------------------------------------------

def build_db(mlmat, path, teams, quarters, env):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)
    t0 = time.perf_counter()
    r = subprocess.run([mlmat, "demo", "--db", path, "--teams", str(teams),
                        "--quarters", str(quarters)], env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError("mlmat demo failed (%d): %s" % (r.returncode, r.stderr.strip()))
    return dt


def build_empty_db(mlmat, path, env):
    """The dashboard creates the database on first use: open it once, quit."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)
    s = Session(mlmat, path, env)
    try:
        s.first_frame()
    finally:
        s.close()


def measure_first_frames(mlmat, db, env, runs):
    times, sizes, hwm = [], [], []
    for _ in range(runs):
        s = Session(mlmat, db, env)
        try:
            ms, n = s.first_frame()
            times.append(ms)
            sizes.append(n)
            hwm.append(s.status_kb("VmHWM"))
        finally:
            s.close()
    return median(times), median(sizes), max(hwm) if hwm else None


def repeat(s, keys, presses, measure_idx=None):
    """Presses keys (cycling) `presses` times; returns the measurements of the
    presses whose index in keys is in measure_idx (all when None)."""
    res = []
    for i in range(presses):
        k = keys[i % len(keys)]
        m = s.key(k)
        if measure_idx is None or (i % len(keys)) in measure_idx:
            res.append(m)
    return res


def summarize(ms):
    ok = [m for m in ms if m["ms"] is not None]
    ns = [m["ns"] for m in ms if m["ns"] is not None]
    return {
        "n": len(ms),
        "settle_ms": median([m["ms"] for m in ok]),
        "bytes": median([m["bytes"] for m in ms]),
        "max_bytes": max(m["bytes"] for m in ms) if ms else None,
        "one_press_ms": median([m["ticks"] for m in ms]) * TICK_MS if ms else None,
        "cpu_ms": sum(m["ticks"] for m in ms) * TICK_MS / len(ms) if ms else None,
        "sched_ms": sum(ns) / len(ns) / 1e6 if ns and len(ns) == len(ms) else None,
        "silent": len(ms) - len(ok),
    }


def measure_keys(mlmat, db, env, presses, opens, resizes):
    """One session of keys on db: returns ({kind: summary}, VmHWM kB)."""
    s = Session(mlmat, db, env)
    out = {}
    try:
        s.first_frame()
        # Cursor moves on home, j and k alternating so each press moves the
        # selection (and does not run off the end of a short list).
        out["cursor"] = summarize(repeat(s, [b"j", b"k"], presses))
        # Open the selected team's latest assessment, and back.
        out["open_assess"] = summarize(repeat(s, [b"\r", b"q"], 2 * opens, {0}))
        s.key(b"\r")
        # Answer the first criterion, yes and no alternating, after a "no"
        # (not measured) so that each measured press changes the answer, and
        # with it the level, score and panes.
        s.key(b"n", first_timeout=0.5)
        out["answer"] = summarize(repeat(s, [b"y", b"n"], presses))
        out["criterion"] = summarize(repeat(s, [b"j", b"k"], presses))
        out["next_dim"] = summarize(repeat(s, [b"\t"], presses))
        s.key(b"q")
        review = repeat(s, [b"r", b"q"], 2 * opens)
        out["review"] = summarize(review[0::2])
        out["back"] = summarize(review[1::2])
        out["org"] = summarize(repeat(s, [b"o", b"q"], 2 * opens, {0}))
        shrink, grow = [], []
        for _ in range(resizes):
            shrink.append(s.resize(100, 30))
            grow.append(s.resize(120, 40))
        out["resize_small"] = summarize(shrink)
        out["resize_back"] = summarize(grow)
        hwm = s.status_kb("VmHWM")
    finally:
        s.close()
    return out, hwm


def measure_idle(mlmat, db, env, seconds):
    s = Session(mlmat, db, env)
    try:
        s.first_frame()
        s.burst(first_timeout=0.2)
        c0, n0 = s.ticks(), s.sched_ns()
        before = len(s.out)
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            s._read(end - time.perf_counter())
        c1, n1 = s.ticks(), s.sched_ns()
        written = len(s.out) - before
    finally:
        s.close()
    return (c1 - c0) * TICK_MS, (n1 - n0) / 1e6 if n0 is not None and n1 is not None else None, \
        written


def presence_moves(db):
    """The presence rows' (pid, moved_ms, seen), read through SQLite's own
    read-only connection (the python3 sqlite3 module, standard library)."""
    import sqlite3
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=1.0)
    try:
        return set(con.execute("SELECT pid, moved_ms, seen FROM presence").fetchall())
    except sqlite3.Error:
        return set()
    finally:
        con.close()


def measure_presence(mlmat, db, env, seconds, bursts):
    """An assessment open and idle: CPU over `seconds` and the presence
    writes in that time (heartbeats only); then `bursts` bursts of ten
    moves (j and k, one write each to the terminal): the presence writes
    each burst caused, counted as new (moved_ms, seen) values polled every
    20 ms until 0.6 s after the burst."""
    s = Session(mlmat, db, env)
    try:
        s.first_frame()
        s.burst(first_timeout=0.2)
        os.write(s.mfd, b"\r")
        s.burst(first_timeout=3.0)
        end = time.perf_counter() + 1.0         # the arrival's own write
        while time.perf_counter() < end:
            s._read(0.02)
        seen = presence_moves(db)
        c0, n0 = s.ticks(), s.sched_ns()
        beats = 0
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            s._read(min(0.02, max(0.0, end - time.perf_counter())))
            now = presence_moves(db)
            beats += len(now - seen)
            seen |= now
        c1, n1 = s.ticks(), s.sched_ns()
        writes = []
        for i in range(bursts):
            os.write(s.mfd, (b"j" if i % 2 == 0 else b"k") * 10)
            n = 0
            end = time.perf_counter() + 0.6
            while time.perf_counter() < end:
                s._read(0.02)
                now = presence_moves(db)
                n += len({(p, m) for p, m, _ in now} - {(p, m) for p, m, _ in seen})
                seen |= now
            writes.append(n)
    finally:
        s.close()
    return (c1 - c0) * TICK_MS, (n1 - n0) / 1e6 if n0 is not None and n1 is not None else None, \
        beats, writes


def measure_saved_change(mlmat, src_db, work, env, presses):
    """The wall time from an answer key to its screen, the change committed
    before it is drawn: with synchronous=FULL (what mlmat uses) and with
    NORMAL (the anchor, forced through MLMAT_TEST_SYNCHRONOUS, measured in
    the same run on a copy of the same database). advance: false keeps the
    selection on one criterion, so y and n alternate and each press is a
    change. Returns {mode: (median ms, changes saved, presses)}."""
    home = os.path.join(work, "home-saved")
    os.makedirs(os.path.join(home, ".config", "mlmat"), exist_ok=True)
    with open(os.path.join(home, ".config", "mlmat", "config.yaml"), "w") as f:
        f.write("advance: false\n")
    out = {}
    for mode in ("NORMAL", "FULL", "NORMAL", "FULL"):
        db = os.path.join(work, "saved-%s.db" % mode.lower())
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.unlink(db + suffix)
        shutil.copyfile(src_db, db)
        e = child_env(home)
        if mode == "NORMAL":
            e["MLMAT_TEST_SYNCHRONOUS"] = "NORMAL"
        audit0 = int(subprocess.run(["sqlite3", db, "SELECT count(*) FROM audit"],
                                    stdout=subprocess.PIPE, text=True).stdout)
        s = Session(mlmat, db, e)
        try:
            s.first_frame()
            s.key(b"\r")
            s.key(b"n", first_timeout=0.5)
            ms = [m["ms"] for m in repeat(s, [b"y", b"n"], presses)]
        finally:
            s.close()
        audit1 = int(subprocess.run(["sqlite3", db, "SELECT count(*) FROM audit"],
                                    stdout=subprocess.PIPE, text=True).stdout)
        prev = out.get(mode, ([], 0, 0))
        out[mode] = (prev[0] + ms, prev[1] + audit1 - audit0, prev[2] + presses)
    return {k: (median(v[0]), v[1], v[2]) for k, v in out.items()}


def timed_run(argv, env):
    """Runs argv with stdout to /dev/null: (wall s, user+sys s, exit status)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode(errors="replace").strip()
    p.stderr.close()
    if p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (argv[0], p.returncode, err))
    return wall, ru.ru_utime + ru.ru_stime


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def compare_exports(mlmat_argv, sqlite_argv, env):
    """Reads both CSV streams side by side: (mlmat rows, sqlite3 rows, rows
    that differ, header equal)."""
    pm = subprocess.Popen(mlmat_argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    ps = subprocess.Popen(sqlite_argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    rm = csv.reader(io.TextIOWrapper(pm.stdout, encoding="utf-8", newline=""))
    rs = csv.reader(io.TextIOWrapper(ps.stdout, encoding="utf-8", newline=""))
    hm, hs = next(rm, None), next(rs, None)
    nm = ns = differ = 0
    sentinel = object()
    while True:
        a, b = next(rm, sentinel), next(rs, sentinel)
        if a is sentinel and b is sentinel:
            break
        if a is not sentinel:
            nm += 1
        if b is not sentinel:
            ns += 1
        if a is sentinel or b is sentinel:
            differ += 1
            continue
        if a != b:
            # mlmat guards text that starts like a formula with a quote.
            a2 = [x[1:] if x.startswith("'") and x[1:].startswith(FORMULA_START) else x for x in a]
            if a2 != b:
                differ += 1
    pm.wait()
    ps.wait()
    return nm, ns, differ, hm == hs


def measure_export(mlmat, db, env, runs):
    m_argv = [mlmat, "export", "--what", "criteria", "--db", db]
    s_argv = ["sqlite3", "-csv", "-header", db, SQLITE_CRITERIA]
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


# -- main ------------------------------------------------------------------------

KEY_LABELS = [
    ("cursor", "cursor move (j/k on home)"),
    ("answer", "answer a criterion (y/n, assessment)"),
    ("next_dim", "next dimension (Tab, assessment)"),
    ("review", "open review (r from home)"),
    ("org", "open organisation (o from home)"),
    ("resize_small", "resize 120x40 -> 100x30 (SIGWINCH)"),
    ("resize_back", "resize 100x30 -> 120x40 (SIGWINCH)"),
    ("open_assess", "open assessment (Enter from home)"),
    ("criterion", "criterion move (j/k, assessment)"),
    ("back", "back home (q from review)"),
]
BYTE_BUDGETS = {"cursor": 200, "answer": 1000}
BUDGET_DB = "large"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mlmat", default="build/mlmat")
    ap.add_argument("--out", default="tests/bench/results.txt")
    ap.add_argument("--workdir", help="databases go here (default: build/bench beside --mlmat)")
    ap.add_argument("--runs", type=int, default=5, help="first-frame runs (median)")
    ap.add_argument("--presses", type=int, default=50, help="presses of each key")
    ap.add_argument("--opens", type=int, default=20, help="opens of each screen (with q back)")
    ap.add_argument("--resizes", type=int, default=10)
    ap.add_argument("--idle", type=float, default=10.0, help="idle seconds")
    ap.add_argument("--export-runs", type=int, default=3)
    ap.add_argument("--quiet-ms", type=float, default=30.0,
                    help="no output for this long ends a burst")
    ap.add_argument("--quick", action="store_true", help="few repetitions, for trying the script")
    args = ap.parse_args()
    if args.quick:
        args.runs, args.presses, args.opens, args.resizes, args.idle, args.export_runs = \
            2, 6, 2, 2, 2.0, 1

    mlmat = os.path.abspath(args.mlmat)
    if not os.access(mlmat, os.X_OK):
        log("bench: %s is not an executable; run make first" % mlmat)
        return 1
    if not shutil.which("sqlite3"):
        log("bench: the sqlite3 command-line tool is needed")
        return 1
    work = os.path.abspath(args.workdir or os.path.join(os.path.dirname(mlmat), "bench"))
    home = os.path.join(work, "home")
    os.makedirs(home, exist_ok=True)
    env = child_env(home)
    Session.quiet = args.quiet_ms / 1000.0

    t_begin = time.perf_counter()
    table = Table()
    dbs = {n: os.path.join(work, n + ".db") for n in ("empty", "small", "large", "huge")}
    sizes = {"small": (6, 8), "large": (200, 40), "huge": (1000, 40)}

    # Databases, and the time of the big demo.
    log("bench: building databases in %s" % work)
    build_empty_db(mlmat, dbs["empty"], env)
    for name in ("small", "large", "huge"):
        teams, quarters = sizes[name]
        try:
            dt = build_db(mlmat, dbs[name], teams, quarters, env)
        except Exception as e:          # noqa: BLE001 - reported, not raised
            log("bench: %s" % e)
            table.add("demo --teams %d --quarters %d" % (teams, quarters), name, "-", "error", "FAIL",
                      str(e))
            continue
        mb = os.path.getsize(dbs[name]) / 1e6
        if name == "huge":
            table.check("demo --teams 1000 --quarters 40 (wall)", name, dt, 10.0, "s",
                        note="%.0f MB" % mb)
        else:
            table.check("demo --teams %d --quarters %d (wall)" % (teams, quarters), name, dt, 0, "s",
                        info=True, note="%.1f MB" % mb)

    # First frames.
    hwm_first = {}
    for name in ("empty", "small", "large", "huge"):
        log("bench: first frame, %s" % name)
        try:
            ms, nbytes, hwm_first[name] = measure_first_frames(mlmat, dbs[name], env, args.runs)
        except Exception as e:          # noqa: BLE001
            table.add("first frame: time", name, "-", "error", "FAIL", str(e))
            continue
        limit = {"empty": 15.0, "large": 50.0}.get(name)
        table.check("first frame: time to last byte", name, ms, limit or 0, "ms",
                    info=limit is None, note="median of %d" % args.runs)
        table.check("first frame: bytes at 120x40", name, nbytes, 8192 if name == "large" else 0,
                    "B", fmt="%d", info=name != "large")

    # Keys, per database.
    keys, hwm = {}, {}
    for name in ("small", "large", "huge"):
        log("bench: keys, %s" % name)
        try:
            keys[name], hwm[name] = measure_keys(mlmat, dbs[name], env, args.presses, args.opens,
                                                 args.resizes)
        except Exception as e:          # noqa: BLE001
            log("bench: keys on %s: %s" % (name, e))
            table.add("keys", name, "-", "error", "FAIL", str(e))
    for kind, label in KEY_LABELS:
        for name in ("small", "large", "huge"):
            if name not in keys or kind not in keys[name]:
                continue
            k = keys[name][kind]
            budget_db = name == BUDGET_DB
            note = "N=%d; settled %.1f ms (median wall); 1 press %.0f ms (median, ticks)" % (
                k["n"], k["settle_ms"] or 0, k["one_press_ms"] or 0)
            if k["sched_ms"] is not None:
                note += "; schedstat %.2f ms/key" % k["sched_ms"]
            if k["silent"]:
                note += "; %d presses wrote nothing" % k["silent"]
            table.check("key %s: CPU per key" % label, name, k["cpu_ms"], 5.0, "ms",
                        info=not budget_db, note=note)
            blimit = BYTE_BUDGETS.get(kind)
            table.check("key %s: bytes" % label, name, k["bytes"], blimit or 0, "B", fmt="%d",
                        info=not (budget_db and blimit),
                        note="median; max %d" % k["max_bytes"])

    # Peak memory.
    for name in ("empty", "small", "large", "huge"):
        v = hwm.get(name, hwm_first.get(name))
        if v is None:
            continue
        table.check("peak resident memory (VmHWM)", name, v / 1024.0, 16.0 if name == "huge" else 0,
                    "MB", fmt="%.1f", info=name != "huge",
                    note="after a session of keys" if name in hwm else "after the first frame")

    # Idle.
    for name in ("large", "huge"):
        log("bench: idle %.0f s, %s" % (args.idle, name))
        try:
            ms, sched, written = measure_idle(mlmat, dbs[name], env, args.idle)
        except Exception as e:          # noqa: BLE001
            table.add("idle CPU", name, "-", "error", "FAIL", str(e))
            continue
        pct = ms / (args.idle * 1000.0) * 100.0
        note = "%.0f ms in %.0f s (ticks)" % (ms, args.idle)
        if sched is not None:
            note += "; schedstat %.1f ms = %.3f%%" % (sched, sched / (args.idle * 10.0))
        note += "; %d bytes written" % written
        table.check("idle dashboard: CPU of one core", name, pct, 1.0 if name == BUDGET_DB else 0,
                    "%", fmt="%.2f", info=name != BUDGET_DB, note=note)

    # Presence (issue 19): an open assessment idle, and bursts of moves.
    log("bench: presence, idle %.0f s and %d bursts of moves, small" % (args.idle, 5))
    try:
        ms, sched, beats, writes = measure_presence(mlmat, dbs["small"], env, args.idle, 5)
        pct = ms / (args.idle * 1000.0) * 100.0
        note = "%.0f ms in %.0f s (ticks)" % (ms, args.idle)
        if sched is not None:
            note += "; schedstat %.1f ms" % sched
        note += "; %d presence heartbeats (one per 10 s)" % beats
        table.check("idle assessment screen (presence on): CPU of one core", "small", pct, 1.0,
                    "%", fmt="%.2f", note=note)
        table.check("presence writes per burst of 10 moves", "small", max(writes), 1.0, "",
                    fmt="%d", note="per burst: %s" % " ".join(str(w) for w in writes))
    except Exception as e:              # noqa: BLE001
        table.add("presence", "small", "-", "error", "FAIL", str(e))

    # A saved change: synchronous=FULL against NORMAL, in this run.
    log("bench: saved change, FULL against NORMAL, small")
    try:
        sv = measure_saved_change(mlmat, dbs["small"], work, env, args.presses)
        full, normal = sv["FULL"], sv["NORMAL"]
        note = "FULL %.2f ms, NORMAL %.2f ms (median wall, key to screen; %d presses each, " \
            "%d and %d audit rows)" % (full[0], normal[0], full[2], full[1], normal[1])
        table.check("saved change (answer key): wall", "small", full[0], 100.0, "ms",
                    note="synchronous=FULL; median of %d" % full[2])
        table.check("saved change: ratio FULL/NORMAL", "small", full[0] / normal[0], 0, "",
                    fmt="%.2f", info=True, note=note)
    except Exception as e:              # noqa: BLE001
        table.add("saved change", "small", "-", "error", "FAIL", str(e))

    # Export.
    log("bench: export --what criteria, large")
    try:
        e = measure_export(mlmat, dbs["large"], env, args.export_runs)
        rows = e["rows_mlmat"]
        same = (e["rows_mlmat"] == e["rows_sqlite"] and e["differ"] == 0 and e["header_ok"])
        table.add("export criteria: rows (mlmat / sqlite3)", "large", "equal",
                  "%d / %d" % (e["rows_mlmat"], e["rows_sqlite"]),
                  "pass" if same else "FAIL",
                  "values identical" if same else "%d rows differ; header %s" % (
                      e["differ"], "equal" if e["header_ok"] else "differs"))
        mr, sr = rows / e["mlmat_s"], e["rows_sqlite"] / e["sqlite_s"]
        table.check("export criteria: mlmat rows/s", "large", mr, 0, "rows/s", fmt="%.0f", info=True,
                    note="%.2f s wall, %.2f s CPU (median of %d)" % (e["mlmat_s"], e["mlmat_cpu"],
                                                                    args.export_runs))
        table.check("export criteria: sqlite3 CLI rows/s", "large", sr, 0, "rows/s", fmt="%.0f",
                    info=True, note="%.2f s wall, %.2f s CPU (median of %d)" % (
                        e["sqlite_s"], e["sqlite_cpu"], args.export_runs))
        table.check("export criteria: ratio mlmat/sqlite3", "large", mr / sr, -1.0, "", fmt="%.2f",
                    note="rows/s over rows/s")
    except Exception as e:              # noqa: BLE001
        table.add("export criteria", "large", "-", "error", "FAIL", str(e))

    fails = sum(1 for r in table.rows if r[4] == "FAIL")
    passes = sum(1 for r in table.rows if r[4] == "pass")
    try:
        sqlite_version = subprocess.run(["sqlite3", "--version"], stdout=subprocess.PIPE,
                                        text=True).stdout.split()[0]
    except (OSError, IndexError):
        sqlite_version = "?"
    header = [
        "mlmat benchmark (make bench): %s" % time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "host: %s, %d CPUs, Python %s, sqlite3 CLI %s; dashboard on a pty 120x40, "
        "TERM=xterm-256color, LANG=C.UTF-8" % (platform.machine(), os.cpu_count() or 0,
                                               platform.python_version(), sqlite_version),
        "databases (mlmat demo): small 6x8, large 200x40, huge 1000x40 (teams x quarters); "
        "budgets hold on large unless the line says otherwise",
        "a burst ends after %.0f ms without output; CPU per key = sum of utime+stime deltas of "
        "N presses / N" % args.quiet_ms,
        "",
    ]
    footer = "\n%d pass, %d FAIL, %d info; the bench took %.0f s\n" % (
        passes, fails, len(table.rows) - passes - fails, time.perf_counter() - t_begin)
    text = table.render(header) + footer
    sys.stdout.write(text)
    out_dir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)
    tmp = os.path.join(out_dir, "results.tmp")
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
