#!/usr/bin/env python3
"""mlmat performance benchmark (`make bench`); budgets from issues 7 and 20.

Builds demo databases with the real binary, runs the real dashboard on a
pseudo-terminal (120x40, TERM=xterm-256color, LANG=C.UTF-8) beside two
anchors measured in the same run: a bare ncurses program drawing a screen
like home (tests/bench/bare.c), and a floor program running the statements
the dashboard ran for its first frame on the same database (caught with the
tests/bench/sqltrace.c shim) and writing as many bytes (tests/bench/floor.c).
First-frame budgets are ratios to them. Then keys, held keys, peak memory,
idle CPU with nobody writing and with a writer, a saved change, and
`mlmat export --what criteria` against the sqlite3 tool running the same join.
Prints a table and writes it to --out. A benchmark reports: it exits 0 even
when a budget is missed (1 only when it cannot run at all).

Python 3 standard library only, plus the sqlite3 command-line tool and the
anchors (`make bench` builds them into build/bench/).

How things are measured
- Time: time.perf_counter() here. A burst of output ends after --quiet-ms
  (30) without a byte; its time is that of the last read that returned bytes.
- First frame: from just before the fork to the end of the first burst after
  the status line's "? help" appeared; CPU is the program's schedstat then.
- CPU: nanoseconds on a CPU, /proc/PID/task/*/schedstat, read before a key
  and after the screen settled (the key's burst, then the panes' burst, which
  the dashboard draws once keys pause, if one comes within 200 ms). The idle
  wake-ups in that window are counted: it is what the key costs.
- A single key: the median of N presses, each after the last settled. A held
  key: 3N presses written at 30 a second without waiting, CPU per press.
  j on home is measured past the window's end, so that every press scrolls.
- Idle: % of a core over --idle seconds on home; "with a writer": a second
  dashboard answers a criterion of another team every 100 ms meanwhile (y
  and n in turn, `advance: false`). Live update: the same, with the watcher
  on the assessment being answered; from each key to its next output.
- Presence (issue 19, presence.py): an assessment screen idle, counting its
  presence heartbeats, then the presence writes of bursts of ten moves.
"""

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure as M                     # noqa: E402
import presence                         # noqa: E402
from ptydash import child_env           # noqa: E402


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


class Table:
    def __init__(self):
        self.rows = []          # (check, db, budget, measured, result, note)

    def add(self, check, db, budget, measured, result="info", note=""):
        self.rows.append((check, db, budget, measured, result, note))

    def check(self, check, db, value, limit, unit, fmt="%.2f", note="", op="<"):
        """A line with a budget `value op limit` (op "<", "<=", ">="), or
        information only when limit is None."""
        shown = "-" if limit is None else "%s %g%s" % (op, limit, " " + unit if unit else "")
        if value is None:
            self.add(check, db, shown, "error", "FAIL" if limit is not None else "info", note)
            return
        ok = {"<": value < (limit or 0), "<=": value <= (limit or 0),
              ">=": value >= (limit or 0)}[op]
        self.add(check, db, shown, (fmt % value) + (" " + unit if unit else ""),
                 "info" if limit is None else ("pass" if ok else "FAIL"), note)

    def render(self, header):
        cols = ["check", "db", "budget", "measured", "result", "notes"]
        rows = [cols] + [list(r) for r in self.rows]
        width = [max(len(str(r[i])) for r in rows) for i in range(5)]
        out = list(header)
        for r in rows:
            out.append(("  ".join(str(r[i]).ljust(width[i]) for i in range(5)) + "  " + r[5])
                       .rstrip())
            if r is rows[0]:
                out.append("  ".join("-" * w for w in width) + "  " + "-" * 5)
        return "\n".join(out) + "\n"


def ratio(a, b):
    return a / b if a is not None and b else None


# -- the parts of the table --------------------------------------------------------------

KEYS = [  # kind, label, budget at the largest database (ms CPU) or None
    ("j_home", "j on home, one press (scrolls)", None),
    ("held_j", "held j on home (30/s), per press", 10.0),
    ("held_k", "held k on home (30/s), per press", None),
    ("back_review", "q back home (from review)", 10.0),
    ("back_org", "q back home (from organisation)", 10.0),
    ("org", "o (open organisation)", 10.0),
    ("org_hl", "h/l (organisation, period)", 10.0),
    ("find", "/ filter, a typed character (home)", 10.0),
    ("open_assess", "Enter (open assessment)", None),
    ("answer", "y/n (answer, assessment)", None),
    ("criterion", "j/k (criterion, assessment)", None),
    ("held_j_assess", "held j in an assessment (30/s), per press", None),
    ("next_dim", "Tab (next dimension)", None),
    ("review", "r (open review)", None),
    ("resize", "resize 120x40 <-> 100x30", None),
]
OLD_KEY_BUDGET = 5.0            # issue 7: every key under 5 ms on the large database


def first_frame_rows(table, args, mlmat, dbs, env, order, big):
    log("first frames: the bare ncurses anchor")
    bare = M.first_frames([os.path.join(args.tools, "bare"), "200"], env, args.runs)
    table.check("first frame: bare ncurses anchor (wall)", "-", bare["wall"], None, "ms",
                note="CPU %.2f ms, %d B, VmHWM %.1f MB; median of %d" % (
                    bare["cpu"] or 0, bare["bytes"] or 0, (bare["hwm"] or 0) / 1024.0, args.runs))
    ff = {}
    for name in order:
        log("first frames: %s (dashboard, then floor)" % name)
        try:
            # The traced run first: it also brings the database into the page cache.
            trace = os.path.join(args.work, name + ".trace")
            nstmt, ndistinct = M.trace_first_frame(mlmat, dbs[name], env, args.tools, trace)
            d = M.first_frames([mlmat, "--db", dbs[name]], env, args.runs)
            fl = M.first_frames([os.path.join(args.tools, "floor"), dbs[name], trace,
                                 str(int(d["bytes"]))], env, args.runs)
        except Exception as e:          # noqa: BLE001 - reported, not raised
            table.add("first frame", name, "-", "error", "FAIL", str(e))
            continue
        ff[name] = d
        table.check("first frame: dashboard (wall)", name, d["wall"], 15.0 if name == "empty"
                    else None, "ms", note="CPU %.2f ms, %d B; median of %d" % (
                        d["cpu"] or 0, d["bytes"] or 0, args.runs))
        table.check("first frame: floor anchor (wall)", name, fl["wall"], None, "ms",
                    note="%d statements (%d distinct, run once), CPU %.2f ms, %d B" % (
                        nstmt, ndistinct, fl["cpu"] or 0, fl["bytes"] or 0))
        rb, rf = ratio(d["wall"], bare["wall"]), ratio(d["wall"], fl["wall"])
        cb, cf = ratio(d["cpu"], bare["cpu"]), ratio(d["cpu"], fl["cpu"])
        table.check("first frame: dashboard / bare ncurses (wall)", name, rb,
                    3.0 if name == big else None, "x", op="<=",
                    note="CPU ratio %.2fx" % cb if cb else "")
        limit = 1.3 if name == big else 1.5 if name == "large" else None
        table.check("first frame: dashboard / floor (wall)", name, rf, limit, "x", op="<=",
                    note="CPU ratio %.2fx" % cf if cf else "")
    return bare, ff


def key_rows(table, args, mlmat, dbs, env, order, big, find_key):
    log("keys: the bare ncurses anchor")
    bare_one, bare_held, bare_hwm = M.anchor_keys(os.path.join(args.tools, "bare"), env,
                                                  args.presses)
    table.check("key j: bare ncurses anchor, one press", "-", bare_one["cpu_ms"], None, "ms",
                note="CPU median of %d; %d B" % (bare_one["n"], bare_one["bytes"] or 0))
    table.check("key j: bare ncurses anchor, held (30/s)", "-", bare_held["cpu_ms"], None, "ms",
                note="CPU per press")
    keys, hwm = {}, {}
    for name in order:
        if name in ("empty", "small"):
            continue
        log("keys: %s" % name)
        try:
            keys[name], hwm[name] = M.keys_session(mlmat, dbs[name], env, args.presses,
                                                   args.opens, find_key)
        except Exception as e:          # noqa: BLE001
            log("keys on %s: %s" % (name, e))
            table.add("keys", name, "-", "error", "FAIL", str(e))
    for kind, label, budget in KEYS:
        if kind == "find" and not find_key:
            table.add("key " + label, "-", "< 10 ms", "n/a", "info",
                      "this dashboard has no / on home (mlmat --keys)")
            continue
        for name in order:
            k = keys.get(name, {}).get(kind)
            if not k:
                continue
            limit = budget if name == big else OLD_KEY_BUDGET if name == "large" else None
            anchor = bare_held if kind.startswith("held") else bare_one
            note = "N=%d; mean %.2f, max %.2f ms; %s B (key %s B)" % (
                k["n"], k["mean_ms"] or 0, k["max_ms"] or 0, fmt_num(k["bytes"]),
                fmt_num(k["key_bytes"]))
            note += "; %.1fx bare j%s" % (ratio(k["cpu_ms"], anchor["cpu_ms"]) or 0,
                                          " held" if kind.startswith("held") else "")
            if k["silent"]:
                note += "; %d presses wrote nothing" % k["silent"]
            table.check("key %s: CPU" % label, name, k["cpu_ms"], limit, "ms", note=note)
    for name in order:
        if name in hwm:
            table.check("peak resident memory (VmHWM)", name, hwm[name] / 1024.0,
                        16.0 if name == big else None, "MB", fmt="%.1f",
                        note="after a session of keys; %.1fx bare (%.1f MB)" % (
                            hwm[name] / bare_hwm, bare_hwm / 1024.0) if bare_hwm else "")


def fmt_num(x):
    return "-" if x is None else "%.0f" % x


def idle_rows(table, args, mlmat, dbs, env, order, big):
    for name in order:
        if name not in ("large", "huge", big):
            continue
        for label, writer, screen, limit in (
                ("idle on home, nobody writing", False, b"", 1.0 if name == "large" else None),
                ("idle on home, a writer every 100 ms", True, b"", 0.5 if name == big else None),
                ("idle on organisation, a writer every 100 ms", True, b"o", None),
                ("watching the assessment a writer answers", True, b"jjjj\r", None)):
            log("%s: %s, %.0f s" % (label, name, args.idle))
            try:
                r = M.idle(mlmat, dbs[name], env, args.idle, args.work, writer, screen)
            except Exception as e:      # noqa: BLE001
                table.add(label, name, "-", "error", "FAIL", str(e))
                continue
            note = "%.0f s; %d B written" % (args.idle, r["written"])
            if writer:
                note += "; the writer saved %d answers" % r["changes"]
            table.check(label + ": CPU of a core", name, r["pct"], limit, "%", fmt="%.3f",
                        note=note)
            if screen.endswith(b"\r"):
                lat = sorted(r["latency"])
                note = "max %s ms; %d keys, %d shown" % (
                    "%.0f" % lat[-1] if lat else "-", r["keys"], len(lat))
                table.check("live update: writer's key to watcher's screen (median)", name,
                            M.median(lat), 50.0 if name == big else None, "ms", fmt="%.0f",
                            note=note)
                table.check("live update: writer's key to watcher's screen (max)", name,
                            lat[-1] if lat else None, 150.0 if name == big else None, "ms",
                            fmt="%.0f")


def saved_rows(table, args, mlmat, dbs):
    log("saved change, FULL against NORMAL, small")
    try:
        sv = M.saved_change(mlmat, dbs["small"], args.work, args.presses * 3)
        full, normal = sv["FULL"], sv["NORMAL"]
        table.check("saved change (answer key): wall", "small", full[0], 100.0, "ms",
                    note="synchronous=FULL; median of %d" % full[2])
        table.check("saved change: ratio FULL/NORMAL", "small", ratio(full[0], normal[0]), None,
                    "", note="FULL %.2f ms, NORMAL %.2f ms (key to screen; %d and %d audit rows)"
                    % (full[0], normal[0], full[1], normal[1]))
    except Exception as e:              # noqa: BLE001
        table.add("saved change", "small", "-", "error", "FAIL", str(e))


def export_rows(table, args, mlmat, dbs, env):
    log("export --what criteria, large")
    try:
        e = M.export(mlmat, dbs["large"], env, args.export_runs)
    except Exception as ex:             # noqa: BLE001
        table.add("export criteria", "large", "-", "error", "FAIL", str(ex))
        return
    same = e["rows_mlmat"] == e["rows_sqlite"] and e["differ"] == 0 and e["header_ok"]
    table.add("export criteria: rows (mlmat / sqlite3)", "large", "equal",
              "%d / %d" % (e["rows_mlmat"], e["rows_sqlite"]), "pass" if same else "FAIL",
              "values identical" if same else "%d rows differ; header %s" % (
                  e["differ"], "equal" if e["header_ok"] else "differs"))
    if not e["rows_mlmat"] or not e["rows_sqlite"]:
        table.add("export criteria: rows/s", "large", "-", "error", "FAIL",
                  "no rows from %s" % ("mlmat" if not e["rows_mlmat"] else "sqlite3"))
        return
    mr, sr = e["rows_mlmat"] / e["mlmat_s"], e["rows_sqlite"] / e["sqlite_s"]
    table.check("export criteria: mlmat rows/s", "large", mr, None, "rows/s", fmt="%.0f",
                note="%.2f s wall, %.2f s CPU (median of %d)" % (e["mlmat_s"], e["mlmat_cpu"],
                                                                args.export_runs))
    table.check("export criteria: sqlite3 CLI rows/s", "large", sr, None, "rows/s", fmt="%.0f",
                note="%.2f s wall, %.2f s CPU (median of %d)" % (e["sqlite_s"], e["sqlite_cpu"],
                                                                args.export_runs))
    table.check("export criteria: mlmat / sqlite3 (rows/s)", "large", mr / sr, 1.0, "", op=">=",
                note="aim: above 1, faster than the sqlite3 tool")


# -- main ------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mlmat", default="build/mlmat")
    ap.add_argument("--tools", help="bare, floor, sqltrace.so (default: bench/ beside --mlmat)")
    ap.add_argument("--out", default="tests/bench/results.txt")
    ap.add_argument("--workdir", help="databases go here (default: the tools' folder)")
    ap.add_argument("--xl-teams", type=int, default=0,
                    help="add a database of this many teams x 40 quarters, kept between runs "
                    "(make bench BENCH_HUGE=1: 10000)")
    ap.add_argument("--runs", type=int, default=5, help="first-frame runs (median)")
    ap.add_argument("--presses", type=int, default=15, help="presses of each key")
    ap.add_argument("--opens", type=int, default=6, help="opens of each screen (with q back)")
    ap.add_argument("--idle", type=float, default=6.0, help="idle seconds")
    ap.add_argument("--export-runs", type=int, default=3)
    ap.add_argument("--quiet-ms", type=float, default=30.0,
                    help="no output for this long ends a burst")
    ap.add_argument("--quick", action="store_true",
                    help="tiny databases and few repetitions, for trying the script")
    args = ap.parse_args()
    sizes = {"small": (6, 8), "large": (200, 40), "huge": (1000, 40)}
    if args.quick:
        args.runs, args.presses, args.opens, args.idle, args.export_runs = 2, 4, 2, 2.0, 1
        sizes = {"small": (6, 8), "large": (60, 4), "huge": (120, 4)}

    mlmat = os.path.abspath(args.mlmat)
    args.tools = os.path.abspath(args.tools or os.path.join(os.path.dirname(mlmat), "bench"))
    args.work = os.path.abspath(args.workdir or args.tools)
    for need in (mlmat, os.path.join(args.tools, "bare"), os.path.join(args.tools, "floor")):
        if not os.access(need, os.X_OK):
            log("%s is not an executable; run make bench" % need)
            return 1
    if not shutil.which("sqlite3"):
        log("the sqlite3 command-line tool is needed")
        return 1
    home = os.path.join(args.work, "home")
    os.makedirs(home, exist_ok=True)
    env = child_env(home)
    M.Session.quiet = args.quiet_ms / 1000.0

    t_begin = time.perf_counter()
    table = Table()
    order = ["empty", "small", "large", "huge"]
    dbs = {n: os.path.join(args.work, n + ".db") for n in order}
    if args.xl_teams:
        sizes["xl"] = (args.xl_teams, 40)
        order.append("xl")
        dbs["xl"] = os.path.join(args.work, "teams%dx40.db" % args.xl_teams)

    log("building databases in %s" % args.work)
    M.build_empty_db(mlmat, dbs["empty"], env)
    for name in order[1:]:
        teams, quarters = sizes[name]
        try:
            dt, when = M.build_db(mlmat, dbs[name], teams, quarters, env, cache=name == "xl")
        except Exception as e:          # noqa: BLE001
            log(str(e))
            table.add("demo --teams %d --quarters %d" % (teams, quarters), name, "-", "error",
                      "FAIL", str(e))
            order.remove(name)
            continue
        note = "%.1f MB" % (os.path.getsize(dbs[name]) / 1e6)
        if when != "this run":
            note += "; built %s, kept" % when
        table.check("demo --teams %d --quarters %d (wall)" % (teams, quarters), name, dt,
                    10.0 if name == "huge" and not args.quick else None, "s", note=note)
    big = order[-1]

    keys_text = subprocess.run([mlmat, "--keys"], stdout=subprocess.PIPE, text=True).stdout
    find_key = any(line.startswith("Home\t/\t") for line in keys_text.splitlines())
    first_frame_rows(table, args, mlmat, dbs, env, order, big)
    key_rows(table, args, mlmat, dbs, env, order, big, find_key)
    idle_rows(table, args, mlmat, dbs, env, order, big)
    presence.rows(table, log, mlmat, dbs["small"], env, args.idle)
    saved_rows(table, args, mlmat, dbs)
    export_rows(table, args, mlmat, dbs, env)

    fails = sum(1 for r in table.rows if r[4] == "FAIL")
    passes = sum(1 for r in table.rows if r[4] == "pass")
    try:
        sqlite_version = subprocess.run(["sqlite3", "--version"], stdout=subprocess.PIPE,
                                        text=True).stdout.split()[0]
    except (OSError, IndexError):
        sqlite_version = "?"
    header = [
        "mlmat benchmark (make bench): %s" % time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "host: %s, %d CPUs, load %.2f at the start, Python %s, sqlite3 CLI %s; pty 120x40, "
        "TERM=xterm-256color, LANG=C.UTF-8" % (
            platform.machine(), os.cpu_count() or 0, os.getloadavg()[0],
            platform.python_version(), sqlite_version),
        "databases (mlmat demo, teams x quarters): " + ", ".join(
            "%s %dx%d" % (n, sizes[n][0], sizes[n][1]) for n in order[1:]),
        "budgets: issue 20's (10,000 teams) on the largest database, %s; issue 7's (keys under "
        "5 ms, idle under 1 %%) on large" % big,
        "CPU from /proc/PID/task/*/schedstat (ns); a key settles when its burst and the panes' "
        "burst are over (%.0f ms quiet)" % args.quiet_ms,
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
