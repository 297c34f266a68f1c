"""Each measurement, as a function of a workspace: numbers in, no formatting.

Run by ``run.py``; each returns raw samples or a dict of numbers.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import timedelta
from itertools import cycle, islice
from pathlib import Path

from terminal import Probe


def durable_latencies(home: Path, folder: Path, samples: int) -> tuple[list[float], list[float]]:
    """Calls logged durably through the repository, each beside a bare fsync'd append.

    The two alternate, a call then an append of as many bytes as that call's
    journal line, so both see the same disk at the same moment: this machine's
    fsync swings with any other disk traffic, and a floor measured apart from
    the calls would make the ratio a measure of the moment.
    """
    from prospect_tui.collector import settle_memory
    from prospect_tui.core.clock import SystemClock
    from prospect_tui.core.days import local_date
    from prospect_tui.core.model import Call, Status
    from prospect_tui.store.repository import Repository
    from prospect_tui.store.workspace import Workspace

    clock = SystemClock()
    workspace = Workspace.open(home, write=True, sync="now")
    repository = Repository(workspace)
    # What a sprint holds: the queue's prospects, not all 50,000 decoded; the
    # prospects' and the month's shards loaded, and the collector settled after
    # those reads, as home's reads leave the app before the first key.
    prospects = list(islice(repository.iter_prospects(), samples))
    repository.prospect(prospects[0].id)
    # A workspace with fewer prospects than samples calls them again in turn: the
    # fresh one's 120 gave a p95 read off its sixth slowest call.
    prospects = list(islice(cycle(prospects), samples))
    today = local_date(clock.now(), clock.tz)
    repository.calls_on(today)
    settle_memory()
    journal = home / "journal.jsonl"
    floor_path = folder / "floor.bin"
    floor_fd = os.open(floor_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    logged, floor = [], []
    try:
        for prospect in prospects:
            now = clock.now()
            call = Call(
                prospect_id=prospect.id,
                started_at=now - timedelta(seconds=40),
                ended_at=now,
                duration_s=40.0,
                outcome="no_answer",
                variant="sample",
                local_hour=10,
                local_date=today,
            )
            prospect.attempts += 1
            prospect.status = Status.ATTEMPTED
            prospect.last_outcome = "no_answer"
            prospect.last_called_at = now
            size = journal.stat().st_size
            started = time.perf_counter()
            repository.log_call(call, prospect)
            logged.append(time.perf_counter() - started)
            line = b"x" * (journal.stat().st_size - size - 1) + b"\n"
            started = time.perf_counter()
            os.write(floor_fd, line)
            os.fdatasync(floor_fd)
            floor.append(time.perf_counter() - started)
    finally:
        os.close(floor_fd)
        floor_path.unlink()
        workspace.close()  # folded on the way out, as the app does on exit
    return logged, floor


def scratch(home: Path, root: Path) -> Path:
    """A copy of the workspace for a probe that will leave a sprint running."""
    copy = root / f"scratch-{time.perf_counter_ns()}"
    shutil.copytree(home, copy)
    return copy


def build(home: Path, prospects: int, calls: int, weeks: int) -> dict[str, float]:
    """``prospect sample`` into ``home``: seconds and the command's own peak memory (MB)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "prospect_tui",
            "sample",
            "--prospects",
            str(prospects),
            "--calls",
            str(calls),
            "--weeks",
            str(weeks),
        ],
        env={**os.environ, "PROSPECT_HOME": str(home)},
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"prospect sample exited {child.returncode}")
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024}


def sprint_starts(home: Path, count: int) -> list[float]:
    """``s`` on home (once home is idle) to the first card on screen, ``count`` times, ms.

    Each sprint is abandoned before the next: run it on a scratch copy.
    """
    probe = Probe("sprint_probe.py", "start", home, env={"PROBE_STARTS": str(count)})
    found: list[float] = []
    try:
        while True:
            word, rest, _ = probe.next()
            if word == "done":
                return found
            found.append(float(rest[0]))
    finally:
        probe.close()


def key_latencies(home: Path, count: int) -> tuple[list[float], float]:
    """Outcome keys typed into a real sprint: ms to the frame with the next prospect.

    Leaves a sprint running: run it on a scratch copy.
    """
    probe = Probe("sprint_probe.py", "keys", home)
    latencies: list[float] = []
    try:
        word, rest, _ = probe.next()
        assert word == "ready"
        rss = float(rest[0])
        for n in range(count):
            probe.type(b"1247"[n % 4 : n % 4 + 1])  # outcomes that ask nothing afterwards
            word, rest, _ = probe.next()
            assert word == "key"
            latencies.append(float(rest[0]))
            # Ten outcomes a second, faster than anyone logs calls; closer together, each key
            # would also wait for the frame the previous one queued (opener, queue, stats).
            time.sleep(0.1)
            # Each call taken back (not timed): the sample's 120 prospects, of whom a few
            # dozen are callable late in the evening, never run out.
            probe.type(b"u")
            time.sleep(0.1)
    finally:
        probe.close()
    return latencies, rss


def prospects_screen(home: Path, count: int) -> tuple[float, list[float]]:
    """Open the prospects screen: ms until the list is shown, then ms per cursor key."""
    probe = Probe("prospects_probe.py", "keys", home)
    latencies: list[float] = []
    try:
        word, rest, _ = probe.next()
        assert word == "ready"
        opened = float(rest[0])
        for n in range(count):
            # Down arrows with a page-down now and then, at 20 keys a second: a held
            # arrow key repeats at about that rate.
            probe.type(b"\x1b[6~" if n % 50 >= 40 else b"\x1b[B")
            word, rest, _ = probe.next()
            assert word == "key"
            latencies.append(float(rest[0]))
            time.sleep(0.05)
    finally:
        probe.close()
    return opened, latencies


def suspended_timer(home: Path, root: Path, stopped_s: float) -> dict[str, float]:
    """Stop the app mid-sprint (SIGSTOP), resume it: does the countdown tell the truth?"""
    probe = Probe("sprint_probe.py", "clock", scratch(home, root))
    try:
        assert probe.next()[0] == "ready"
        _, before, _ = probe.next()
        probe.child.send_signal(signal.SIGSTOP)
        time.sleep(stopped_s)
        probe.child.send_signal(signal.SIGCONT)
        probe.next()  # the first report may have been queued before the stop
        _, after, _ = probe.next()
    finally:
        probe.close()
    true_before, true_after = float(before[2]), float(after[2])
    return {
        "shown_before": _seconds(before[0]),
        "true_before": true_before,
        "shown_after": _seconds(after[0]),
        "true_after": true_after,
        "stopped_s": stopped_s,
    }


def _seconds(face: str) -> float:
    minutes, seconds = face.split(":")
    return int(minutes) * 60 + int(seconds)


def review_times(
    home: Path, reference: Path, runs: int, days: int = 1
) -> tuple[list[float], list[float]]:
    """Whole-process time of ``prospect review --days N --format json``: ``home``, ``reference``.

    The two alternate, so a ratio of their medians compares the same moments.
    """

    def once(where: Path) -> float:
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "prospect_tui",
                "review",
                "--days",
                str(days),
                "--format",
                "json",
            ],
            env={**os.environ, "PROSPECT_HOME": str(where)},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return time.perf_counter() - started

    once(home), once(reference)  # warm the caches
    big, small = [], []
    for _ in range(runs):
        small.append(once(reference))
        big.append(once(home))
    return big, small
