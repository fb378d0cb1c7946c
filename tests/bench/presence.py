"""Presence (issue 19) in `make bench`: what an idle assessment screen costs
while it keeps its presence row alive, and how many presence writes a
burst of moves makes. Python 3 standard library only."""

import os
import sqlite3
import time

from ptydash import Session


def moves(db):
    """The presence rows' (pid, moved_ms, seen), read through a read-only
    connection."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=1.0)
    try:
        return set(con.execute("SELECT pid, moved_ms, seen FROM presence").fetchall())
    except sqlite3.Error:
        return set()
    finally:
        con.close()


def measure(mlmat, db, env, seconds, bursts):
    """An assessment open and idle: CPU (ms, schedstat) over `seconds` and
    the presence writes in that time (heartbeats only); then `bursts`
    bursts of ten moves (j and k): the presence writes each burst caused,
    counted as new (pid, moved_ms) values polled every 20 ms until 0.6 s
    after the burst."""
    s = Session([mlmat, "--db", db], env)
    try:
        s.first_frame()
        s.burst(first_timeout=0.2)
        s.write(b"\r")
        s.burst(first_timeout=3.0)
        end = time.perf_counter() + 1.0         # the arrival's own write
        while time.perf_counter() < end:
            s._read(0.02)
        seen = moves(db)
        n0 = s.cpu_ns()
        beats = 0
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            s._read(min(0.02, max(0.0, end - time.perf_counter())))
            now = moves(db)
            beats += len(now - seen)
            seen |= now
        n1 = s.cpu_ns()
        writes = []
        for i in range(bursts):
            s.write((b"j" if i % 2 == 0 else b"k") * 10)
            n = 0
            end = time.perf_counter() + 0.6
            while time.perf_counter() < end:
                s._read(0.02)
                now = moves(db)
                n += len({(p, m) for p, m, _ in now} - {(p, m) for p, m, _ in seen})
                seen |= now
            writes.append(n)
    finally:
        s.close()
    return (n1 - n0) / 1e6, beats, writes


def rows(table, log, mlmat, db, env, seconds, bursts=5):
    log("presence: an idle assessment %.0f s, %d bursts of moves" % (seconds, bursts))
    try:
        ms, beats, writes = measure(mlmat, db, env, seconds, bursts)
    except Exception as e:              # noqa: BLE001
        table.add("presence", "small", "-", "error", "FAIL", str(e))
        return
    table.check("idle assessment screen (presence on): CPU of a core", "small",
                ms / (seconds * 1000.0) * 100.0, 1.0, "%", fmt="%.3f",
                note="%.1f ms in %.0f s; %d presence heartbeats (one per 10 s)" % (ms, seconds, beats))
    # One write when the keys pause after a burst (README "Everyone
    # connects"): more than one is a write per move.
    table.check("presence writes per burst of 10 moves", "small", max(writes), 1.0, "",
                fmt="%d", note="per burst: %s" % " ".join(str(w) for w in writes), op="<=")
