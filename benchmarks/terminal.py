"""The real app under a pseudo-terminal, reporting on a pipe (the probes' parent side)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Probe:
    """A child process on a pseudo-terminal, reporting lines on a pipe."""

    def __init__(
        self, script: str, mode: str, home: Path, env: dict[str, str] | None = None
    ) -> None:
        read_end, write_end = os.pipe()
        self.leader, follower = pty.openpty()
        # A 120x36 terminal, as the README's screenshots: without a size the app
        # would see whatever the pseudo-terminal defaults to.
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        env = {
            **os.environ,
            "PROSPECT_HOME": str(home),
            "TERM": "xterm-256color",
            "COLUMNS": "120",
            "LINES": "36",
            **(env or {}),
        }
        self.started = time.perf_counter()
        self.child = subprocess.Popen(
            [sys.executable, str(HERE / script), mode, str(write_end)],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=env,
            pass_fds=(write_end,),
        )
        os.close(write_end)
        os.close(follower)
        threading.Thread(target=_drain, args=(self.leader,), daemon=True).start()
        self.reports = os.fdopen(read_end, "rb")

    def next(self, timeout: float = 120.0) -> tuple[str, list[str], float]:
        """The next report: its word, its values, seconds since the spawn."""
        ready, _, _ = select.select([self.reports], [], [], timeout)
        if not ready:
            self.close()
            raise RuntimeError(f"the probe said nothing for {timeout:.0f} s")
        raw = self.reports.readline()
        if not raw:
            raise RuntimeError(f"the probe ended early (exit {self.child.poll()})")
        word, *rest = raw.decode().split()
        return word, rest, time.perf_counter() - self.started

    def type(self, keys: bytes) -> None:
        """Type into the app's terminal."""
        os.write(self.leader, keys)

    def close(self) -> None:
        """Stop the child (its workspace is a scratch copy) and wait for it."""
        if self.child.poll() is None:
            self.child.kill()
        self.child.wait(timeout=30)
        self.reports.close()


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def first_frame(which: str, home: Path) -> dict[str, float]:
    """Seconds from spawn to each report of ``first_frame.py``, and its peak RSS."""
    probe = Probe("first_frame.py", which, home)
    found: dict[str, float] = {}
    try:
        while "rss" not in found:
            word, rest, moment = probe.next()
            found[word] = float(rest[0]) if rest else moment
    finally:
        probe.close()
    return found


def startup(
    home: Path, runs: int, beside: Path | None = None
) -> tuple[list[dict[str, float]], list[dict[str, float]], list[dict[str, float]]]:
    """Prospect on ``home``, the empty app and Prospect on ``beside``, in turn.

    Alternated so all three see the same machine state: the last is the
    reference a figure of ``home`` is taken to (none when not given).
    """
    first_frame("empty", home)  # warm the file cache for both
    first_frame("prospect", home)
    if beside is not None:
        first_frame("prospect", beside)
    ours: list[dict[str, float]] = []
    empty: list[dict[str, float]] = []
    reference: list[dict[str, float]] = []
    for _ in range(runs):
        empty.append(first_frame("empty", home))
        ours.append(first_frame("prospect", home))
        if beside is not None:
            reference.append(first_frame("prospect", beside))
    return ours, empty, reference
