"""Import helper processes never outlive the process that started them.

A child process plans a large import; once its helpers are reading, it
prints their pids and stops where it is. The test kills it with SIGKILL and
waits (bounded, without sleeping: a pidfd becomes readable when its process
exits) for every helper to be gone.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CHILD = textwrap.dedent(
    """
    import multiprocessing, sys, threading
    from datetime import datetime, timezone
    from prospect_tui.transfer.csv_import import plan_import

    if sys.argv[1] == "spawn":
        # The app imports from a thread worker: helpers are then started afresh.
        threading.Thread(target=threading.Event().wait, daemon=True).start()
    lines = ["First Name,Last Name,Phone Number,Country/Region"]
    lines += [f"Ann,Lee{n},+1 415 555 {n % 10000:04d},US" for n in range(40_000)]
    data = "\\n".join(lines).encode()

    def progress(done, total):
        helpers = multiprocessing.active_children()
        if helpers and done < total:
            print(" ".join(str(p.pid) for p in helpers), flush=True)
            sys.stdin.readline()  # held here, mid-import, until the test kills us

    plan_import(data, [], list_name=None, now=datetime(2026, 11, 19, tzinfo=timezone.utc),
                progress=progress)
    print("finished without helpers", flush=True)
    """
)
EXIT_WAIT_S = 30
"""Bounded wait for a killed helper to exit; a surviving one fails the test."""


def exited_within(pid: int, seconds: float) -> bool:
    """Whether process ``pid`` has exited, waiting up to ``seconds`` for it."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([fd], [], [], seconds)
        return bool(readable)
    finally:
        os.close(fd)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_helpers_die_when_the_importing_process_is_killed(method: str, tmp_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, method],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[3],
    )
    assert child.stdout is not None
    try:
        line = child.stdout.readline().strip()
        helpers = [int(pid) for pid in line.split()]
        assert helpers, f"the import started no helper processes: {line!r}"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=EXIT_WAIT_S)
    alive = [pid for pid in helpers if not exited_within(pid, EXIT_WAIT_S)]
    for pid in alive:  # leave nothing behind, whatever the result
        os.kill(pid, signal.SIGKILL)
    assert alive == []
