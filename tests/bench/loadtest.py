#!/usr/bin/env python3
"""mlmat load test (`make loadtest`): many dashboards on one database.

N dashboards (--dashboards, 50) run on pseudo-terminals on one demo
database (--teams x --quarters, 10,000 x 40 by default, kept between runs
in build/bench/ beside the benchmark's). N/5 of them are writers: each opens
the latest assessment of a team of its own and answers its first criterion
once a second, yes and no in turn (real keys; `advance: false`, so every
press changes the answer). The others watch, in turn: home, the
organisation view, and the assessment a writer is answering.

Reported, for --seconds of that:
- lost changes: every answer typed must be in the audit log, in the order it
  was typed (read with the sqlite3 tool), and the last one in the database
  (`mlmat export --what criteria --assessment ID`); a loaded host may be behind, so the test
  waits up to --catch-up seconds for the log to have them all, and says how
  long that took;
- "locked" messages (and "Waiting for another writer") seen on any screen;
- live-update latency p50/p99/max: from a writer's key to the first byte a
  watcher of that assessment writes after it (a watcher writes nothing
  unless its screen changes); a key after which a watcher wrote nothing at
  all counts as never shown;
- the CPU of the watchers (schedstat) while the writers answer, as a share
  of one core, and of the writers.
Exit 0 when it ran (it reports, like the benchmark), 1 when it could not run.

Python 3 standard library only, plus the sqlite3 command-line tool."""

import argparse
import csv
import difflib
import io
import os
import re
import select
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure as M                     # noqa: E402
from ptydash import Session, child_env, HELP_RE   # noqa: E402

LOCKED_RE = re.compile(rb"(?<![A-Za-z])locked")   # not "blocked" (the roadmap pane)
WAITING_RE = re.compile(rb"Waiting for another writer")


def log(msg):
    print("loadtest: " + msg, file=sys.stderr, flush=True)


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return None
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))]


def csv_rows(argv, env):
    out = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    if out.returncode != 0:
        raise RuntimeError("%s: %s" % (" ".join(argv[:3]), out.stderr.decode().strip()))
    return list(csv.DictReader(io.StringIO(out.stdout.decode())))


class Dash:
    """One dashboard of the test and what it wrote since the start mark."""

    def __init__(self, role, session, team=None):
        self.role, self.s, self.team = role, session, team
        self.reads = []         # (time, bytes) after the start mark
        self.mark = None
        self.cpu0 = self.cpu1 = None
        self.keys = []          # a writer's (time, answer word)


def pump(dashes, timeout):
    """Reads what any dashboard wrote, waiting up to timeout."""
    fds = {d.s.mfd: d for d in dashes if not d.s.closed}
    r, _, _ = select.select(list(fds), [], [], max(0.0, timeout))
    for fd in r:
        d = fds[fd]
        try:
            while True:
                data, t = d.s.read_now()
                if t is None:
                    break
                if d.mark is not None:
                    d.reads.append((t, len(data)))
        except EOFError:
            pass


def settle(dashes, quiet=1.0, limit=60.0):
    """Reads until nobody wrote for quiet seconds (or limit passed)."""
    end = time.perf_counter() + limit
    while time.perf_counter() < end:
        before = sum(len(d.s.out) for d in dashes)
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < quiet:
            pump(dashes, quiet - (time.perf_counter() - t0))
        if sum(len(d.s.out) for d in dashes) == before:
            return True
    return False


def close_all(dashes):
    """q to every dashboard at once (back, then quit), then SIGTERM, then
    SIGKILL for any still running after 10 s."""
    for d in dashes:
        try:
            d.s.write(b"qqq")
        except OSError:
            pass
    end = time.perf_counter() + 10.0
    while time.perf_counter() < end and any(d.s.proc.poll() is None for d in dashes):
        pump(dashes, 0.2)
    for d in dashes:
        if d.s.proc.poll() is None:
            d.s.proc.terminate()
    for d in dashes:
        try:
            d.s.proc.wait(5)
        except subprocess.TimeoutExpired:
            d.s.proc.kill()
            d.s.proc.wait()
        os.close(d.s.mfd)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mlmat", default="build/mlmat")
    ap.add_argument("--workdir", help="the database goes here (default: bench/ beside --mlmat)")
    ap.add_argument("--db", help="use this database (a copy is not made: answers are written)")
    ap.add_argument("--dashboards", type=int, default=50)
    ap.add_argument("--writers", type=int, help="default: a fifth of the dashboards")
    ap.add_argument("--teams", type=int, default=10000)
    ap.add_argument("--quarters", type=int, default=40)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--catch-up", type=float, default=60.0,
                    help="seconds to wait after the last key for every answer to be saved")
    ap.add_argument("--out", help="also write the report here")
    args = ap.parse_args()
    n = max(2, args.dashboards)
    nw = args.writers if args.writers else max(1, n // 5)
    nw = min(nw, n - 1)

    mlmat = os.path.abspath(args.mlmat)
    if not os.access(mlmat, os.X_OK) or not shutil.which("sqlite3"):
        log("needs %s (make) and the sqlite3 command-line tool" % mlmat)
        return 1
    work = os.path.abspath(args.workdir or os.path.join(os.path.dirname(mlmat), "bench"))
    os.makedirs(work, exist_ok=True)
    env = child_env(os.path.join(work, "home"))
    os.makedirs(env["HOME"], exist_ok=True)
    wenv = child_env(M.writer_home(work))
    db = os.path.abspath(args.db) if args.db else \
        os.path.join(work, "teams%dx%d.db" % (args.teams, args.quarters))
    built = "given"
    if not args.db:
        log("database %s (%d x %d)" % (db, args.teams, args.quarters))
        secs, when = M.build_db(mlmat, db, args.teams, args.quarters, env, cache=True)
        built = "mlmat demo took %.0f s (%s)" % (secs, when)
        log(built)

    # The teams in home's order (by name, archived ones hidden), with their
    # latest assessment; writers take the first ones whose latest is open.
    teams = []
    for line in M.sql(db, "SELECT t.name, (SELECT l.id || '|' || (l.signed_by IS NULL) FROM "
                      "assessments l WHERE l.team_id = t.id ORDER BY l.period DESC LIMIT 1) "
                      "FROM teams t WHERE t.archived_at IS NULL ORDER BY t.name").splitlines():
        name, _, rest = line.rpartition("|")
        name, _, aid = name.rpartition("|")
        teams.append((name, int(aid) if aid else None, rest == "1"))
    targets = [(i, t) for i, t in enumerate(teams) if t[1] is not None and t[2]][:nw]
    if len(targets) < nw:
        log("only %d teams have an open latest assessment" % len(targets))
        return 1

    log("starting %d dashboards (%d writers) on %s" % (n, nw, os.path.basename(db)))
    dashes = []
    t_start = time.perf_counter()
    try:
        for i in range(n):
            if i < nw:
                d = Dash("writer", Session([mlmat, "--db", db], wenv), targets[i])
            else:
                role = ("home", "organisation", "assessment")[(i - nw) % 3]
                d = Dash(role, Session([mlmat, "--db", db], env),
                         targets[(i - nw) // 3 % nw] if role == "assessment" else None)
            dashes.append(d)
            if len(dashes) % 10 == 0:
                settle(dashes, 0.3)
        for d in dashes:
            d.s.wait_for(HELP_RE, timeout=120.0)
        t_up = time.perf_counter() - t_start
        for d in dashes:
            if d.role in ("writer", "assessment"):
                d.s.write(b"j" * d.team[0] + b"\r")
            elif d.role == "organisation":
                d.s.write(b"o")
        settle(dashes, 1.0)
        for d in dashes:
            if d.role == "writer":
                d.s.write(b"n")
        settle(dashes, 1.0)

        audit_mark = int(M.sql(db, "SELECT coalesce(max(id), 0) FROM audit"))
        log("%d dashboards up in %.1f s; %d s of answers" % (n, t_up, args.seconds))
        for d in dashes:
            d.mark = time.perf_counter()
            d.cpu0 = d.s.cpu_ns()
        t0 = time.perf_counter()
        end = t0 + args.seconds
        writers = [d for d in dashes if d.role == "writer"]
        due = {id(w): t0 + k / float(nw) for k, w in enumerate(writers)}
        while time.perf_counter() < end:
            now = time.perf_counter()
            for w in writers:
                if now >= due[id(w)]:
                    word = "yes" if len(w.keys) % 2 == 0 else "no"
                    w.s.write(word[0].encode())
                    w.keys.append((time.perf_counter(), word))
                    due[id(w)] += 1.0
            pump(dashes, min(min(due.values()), end) - time.perf_counter())
        for d in dashes:
            d.cpu1 = d.s.cpu_ns()
        window = time.perf_counter() - t0
        # A loaded host may still be working through typed keys: wait (at most
        # --catch-up seconds) until the audit log has as many answers as typed.
        typed = sum(len(w.keys) for w in writers)
        ids = ",".join(str(w.team[1][1]) for w in writers)
        caught = None
        while True:
            got = int(M.sql(db, "SELECT count(*) FROM audit WHERE id > %d AND action = 'answer' "
                            "AND assessment_id IN (%s)" % (audit_mark, ids)))
            if got >= typed:
                caught = time.perf_counter() - end
                break
            if time.perf_counter() - end > args.catch_up:
                break
            pump(dashes, 0.2)
        settle(dashes, 1.0, limit=15.0)
    finally:
        close_all(dashes)

    # Lost changes: the audit log against the keys, then the database.
    lost = 0
    final = {}
    for w in writers:
        aid = w.team[1][1]
        # The audit log through the sqlite3 tool and its index on the
        # assessment (export --what audit filters without one).
        details = M.sql(db, "SELECT detail FROM audit WHERE assessment_id = %d AND id > %d "
                        "AND action = 'answer' ORDER BY id" % (aid, audit_mark)).splitlines()
        new = [d.rsplit(" -> ", 1)[-1] for d in details]
        words = [k[1] for k in w.keys]
        # An answer typed but not saved shows as a gap in the sequence.
        matched = sum(b.size for b in difflib.SequenceMatcher(None, words, new, autojunk=False)
                      .get_matching_blocks())
        lost += len(words) - matched
        if details:
            final[aid] = (details[-1].split(":", 1)[0], words[-1] if words else None)
    wrong_final = 0
    for aid, (crit, word) in final.items():
        got = [r["answer"] for r in csv_rows([mlmat, "export", "--what", "criteria", "--db", db,
                                              "--assessment", str(aid)], env)
               if r["criterion_id"] == crit]
        if word is not None and got != [word]:
            wrong_final += 1

    # Locked messages, latency and CPU.
    locked = sum(len(LOCKED_RE.findall(bytes(d.s.out))) for d in dashes)
    waiting = sum(len(WAITING_RE.findall(bytes(d.s.out))) for d in dashes)
    lat, unseen = [], 0
    by_team = {}
    for w in writers:
        by_team[w.team[1][1]] = w
    for d in dashes:
        if d.role != "assessment":
            continue
        w = by_team[d.team[1][1]]
        for t, _ in w.keys:
            seen = [rt for rt, _ in d.reads if rt >= t]
            if seen:
                lat.append((seen[0] - t) * 1000.0)
            else:
                unseen += 1
    watchers = [d for d in dashes if d.role != "writer"]

    def share(ds):
        ns = [d.cpu1 - d.cpu0 for d in ds if d.cpu0 is not None and d.cpu1 is not None]
        return sum(ns) / 1e9 / window * 100.0, len(ns)

    wcpu, wn = share(watchers)
    rcpu, rn = share(writers)
    by_role = {}
    for role in ("home", "organisation", "assessment"):
        by_role[role] = share([d for d in watchers if d.role == role])

    lines = [
        "mlmat load test (make loadtest): %s" % time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "%d dashboards on %s (%s), %d CPUs, load %.2f: %d writers answering once a second, "
        "%d watchers; %.0f s" % (n, os.path.basename(db), "%.0f MB" % (os.path.getsize(db) / 1e6),
                                 os.cpu_count() or 0, os.getloadavg()[0], nw, len(watchers),
                                 window),
        "database: %d teams x %d quarters, %s; start-up: all %d first frames in %.1f s" % (
            len(teams), args.quarters, built, n, t_up),
        "answers typed: %d; lost: %d (audit log), last answer not in the database: %d; "
        "all saved %s" % (typed, lost, wrong_final, "by the last key" if caught is not None and
                           caught < 0.1 else "%.1f s after the last key" % caught
                           if caught is not None else "not within %.0f s" % args.catch_up),
        "\"locked\" on any screen: %d; \"Waiting for another writer\": %d" % (locked, waiting),
        "live-update latency (writer's key to a watcher of that assessment): p50 %s ms, p99 %s "
        "ms, max %s ms over %d updates; never shown: %d" % (
            fmt(pct(lat, 50)), fmt(pct(lat, 99)), fmt(max(lat) if lat else None), len(lat),
            unseen),
        "CPU while answering, of the %d watchers: %.1f %% of one core in all (%s); of the %d writers: %.1f %%" % (
            wn, wcpu, ", ".join("%s %.1f %% (%d)" % (r, v[0], v[1]) for r, v in by_role.items()),
            rn, rcpu),
    ]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    return 0


def fmt(x):
    return "-" if x is None else "%.0f" % x


if __name__ == "__main__":
    sys.exit(main())
