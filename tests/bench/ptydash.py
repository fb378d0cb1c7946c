"""The pseudo-terminal driver of tests/bench/bench.py and loadtest.py: a
program (the real dashboard, or an anchor) on a pty of its own, its output
read as it comes, its CPU time read from /proc/PID/task/*/schedstat.

Python 3 standard library only."""

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time

HELP_RE = re.compile(rb"\?(?:\x1b[\[(][0-9;?]*[A-Za-z@]|\s)*help")


def child_env(home):
    """The environment of a dashboard: the caller's without anything that
    changes mlmat or the terminal, then xterm-256color, UTF-8, HOME."""
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("MLMAT_") or k.startswith("LC_") or k.startswith("XDG_")
                   or k in ("NO_COLOR", "COLUMNS", "LINES", "TERM", "LANG", "LANGUAGE",
                            "TERMINFO", "TERMCAP", "ESCDELAY", "NCURSES_NO_UTF8_ACS",
                            "LD_PRELOAD", "SQLTRACE_FILE"))}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", HOME=home)
    return env


def cpu_ns(pid):
    """Nanoseconds on a CPU of all the threads of pid (the first field of
    /proc/PID/task/TID/schedstat), or None when it is gone."""
    total, seen = 0, False
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return None
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                total += int(f.read().split()[0])
                seen = True
        except (OSError, ValueError, IndexError):
            pass
    return total if seen else None


class Session:
    """argv on a pseudo-terminal of its own (new session, the slave as its
    controlling terminal, so resizes send it SIGWINCH)."""

    quiet = 0.030               # no output for this long ends a burst

    def __init__(self, argv, env, cols=120, rows=40):
        self.mfd, sfd = os.openpty()
        self.setsize(cols, rows, fd=sfd)

        def ctty():
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.t_start = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=sfd, stdout=sfd, stderr=sfd, env=env,
                                     start_new_session=True, preexec_fn=ctty, close_fds=True)
        os.close(sfd)
        os.set_blocking(self.mfd, False)
        self.pid = self.proc.pid
        self.out = bytearray()
        self.closed = False

    # -- output ---------------------------------------------------------------
    def read_now(self):
        """Whatever is there without waiting: (bytes, time) or (b"", None)."""
        try:
            data = os.read(self.mfd, 1 << 16)
        except BlockingIOError:
            return b"", None
        except OSError:         # EIO: the slave side is closed
            data = b""
        if not data:
            self.closed = True
            raise EOFError("the program closed the terminal (exit status %s)" % self.proc.poll())
        t = time.perf_counter()
        self.out += data
        return data, t

    def _read(self, timeout):
        """One read with a timeout: (bytes, time) or (b"", None)."""
        r, _, _ = select.select([self.mfd], [], [], max(0.0, timeout))
        if not r:
            return b"", None
        return self.read_now()

    def burst(self, first_timeout=3.0, quiet=None):
        """Waits for output, then for it to go quiet: (bytes, time of the last
        byte) or (0, None) when nothing came within first_timeout."""
        quiet = self.quiet if quiet is None else quiet
        n, last = 0, None
        deadline = time.perf_counter() + first_timeout
        while last is None:
            data, t = self._read(deadline - time.perf_counter())
            if t is None:
                return 0, None
            n, last = len(data), t
        while True:
            data, t = self._read(quiet)
            if t is None:
                return n, last
            n, last = n + len(data), t

    def drain(self):
        while self._read(0)[1] is not None:
            pass

    def wait_for(self, pattern, timeout=10.0, start=0):
        """Reads until the regex pattern matches the output from start: the
        time of the read that completed it."""
        deadline = time.perf_counter() + timeout
        while True:
            if pattern.search(self.out, start):
                return time.perf_counter()
            _, t = self._read(deadline - time.perf_counter())
            if t is None and time.perf_counter() >= deadline:
                raise TimeoutError("%r not on the screen after %.0f s" % (pattern.pattern, timeout))

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

    # -- the process ----------------------------------------------------------
    def cpu_ns(self):
        return cpu_ns(self.pid)

    def status_kb(self, key):
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
        return None

    def setsize(self, cols, rows, fd=None):
        fcntl.ioctl(self.mfd if fd is None else fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))

    def write(self, data):
        while data:
            try:
                n = os.write(self.mfd, data)
            except BlockingIOError:
                select.select([], [self.mfd], [], 1.0)
                continue
            data = data[n:]

    def act(self, action, first_timeout=3.0, quiet=None):
        """Runs action (write a key, resize) and measures until the screen
        settles: dict(ms, bytes, ns)."""
        self.drain()
        n0 = self.cpu_ns()
        t0 = time.perf_counter()
        action()
        n, last = self.burst(first_timeout, quiet)
        n1 = self.cpu_ns()
        return {"ms": (last - t0) * 1000.0 if last else None, "bytes": n,
                "ns": (n1 - n0) if n0 is not None and n1 is not None else None}

    def key(self, k, first_timeout=3.0, quiet=None):
        return self.act(lambda: self.write(k), first_timeout, quiet)

    def resize(self, cols, rows, quiet=None):
        return self.act(lambda: self.setsize(cols, rows), quiet=quiet)

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        os.close(self.mfd)

    def close(self, quit_key=b"q"):
        """quit_key until it exits (q goes back, then quits from home)."""
        try:
            for _ in range(6):
                if self.proc.poll() is not None:
                    break
                try:
                    self.write(quit_key)
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
