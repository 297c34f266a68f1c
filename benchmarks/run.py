"""Prospect's figures, each beside its reference measured in the same run.

    python benchmarks/run.py                 # 20,000 prospects, 100,000 calls
    python benchmarks/run.py --json out.json # also write the figures as JSON
    python benchmarks/run.py --quick         # a small workspace, for a smoke run

It builds the workspace with ``prospect sample`` in a temporary
``PROSPECT_HOME`` (the user's data is never touched), then measures:

* logging a call, durable (journal line fsync'd), p50/p95 — beside stock
  TinyDB's ``JSONStorage`` doing the same insert on the same data, and a bare
  fsync'd append of the same bytes (the physical floor);
* start-up to the first interactive frame — beside an empty Textual app;
* an outcome key in a sprint, and a cursor key on the prospects screen, to
  the frame that shows it — beside one frame at 60 Hz;
* the app's peak memory.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class Figure:
    """One measured number and what it is compared with."""

    name: str
    value: str
    reference: str
    target: str
    raw: dict[str, float]


def percentile(samples: list[float], fraction: float) -> float:
    """The ``fraction`` quantile (nearest rank) of ``samples``."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def ms(seconds: float) -> str:
    """Seconds as milliseconds for the table."""
    return f"{seconds * 1000:.2f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"


# -- the workspace ---------------------------------------------------------------


def build(home: Path, prospects: int, calls: int, weeks: int) -> float:
    """``prospect sample`` into ``home``; returns how long it took."""
    env = {**os.environ, "PROSPECT_HOME": str(home)}
    started = time.perf_counter()
    subprocess.run(
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
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


# -- logging a call --------------------------------------------------------------


def log_call_latencies(home: Path, samples: int) -> list[float]:
    """Durable log-call latency through the repository, as the sprint logs a call."""
    from prospect_tui.core.clock import SystemClock
    from prospect_tui.core.days import local_date
    from prospect_tui.core.model import Call, Status
    from prospect_tui.store.repository import Repository
    from prospect_tui.store.workspace import Workspace

    clock = SystemClock()
    workspace = Workspace.open(home, write=True, sync="now")
    repository = Repository(workspace)
    prospects = repository.prospects()[:samples]
    today = local_date(clock.now(), clock.tz)
    repository.calls_on(today)  # the month is loaded when the sprint starts, not per call
    latencies = []
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
        started = time.perf_counter()
        repository.log_call(call, prospect)
        latencies.append(time.perf_counter() - started)
    workspace.close()  # folded on the way out, as the app does on exit
    return latencies


def stock_tinydb_latencies(home: Path, samples: int) -> list[float]:
    """The same insert with stock TinyDB over one JSON file holding the same records."""
    from tinydb import TinyDB

    merged: dict[str, dict[str, object]] = {}
    for path in [
        home / "prospects.json",
        home / "activity.json",
        *sorted((home / "calls").glob("*.json")),
    ]:
        for table, docs in json.loads(path.read_text(encoding="utf-8")).items():
            if table != "_meta":
                merged.setdefault(table, {}).update(docs)
    stock = home.parent / "stock.json"
    stock.write_text(json.dumps(merged), encoding="utf-8")
    db = TinyDB(stock)
    calls, prospects = db.table("calls"), db.table("prospects")
    latencies = []
    for n in range(samples):
        started = time.perf_counter()
        calls.insert(
            {
                "prospect_id": n + 1,
                "outcome": "no_answer",
                "duration_s": 40.0,
                "local_date": "2026-11-22",
            }
        )
        latencies.append(time.perf_counter() - started)
    del prospects
    db.close()
    stock.unlink()
    return latencies


def fsync_floor(folder: Path, samples: int, size: int = 700) -> list[float]:
    """A bare append of one journal-sized line, fsync'd: the physical limit."""
    path = folder / "floor.bin"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    line = b"x" * (size - 1) + b"\n"
    latencies = []
    try:
        for _ in range(samples):
            started = time.perf_counter()
            os.write(fd, line)
            os.fdatasync(fd)
            latencies.append(time.perf_counter() - started)
    finally:
        os.close(fd)
        path.unlink()
    return latencies


# -- under a pseudo-terminal -------------------------------------------------------


class Probe:
    """A child process on a pseudo-terminal, reporting lines on a pipe."""

    def __init__(self, script: str, mode: str, home: Path) -> None:
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


def startup(home: Path, runs: int) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Alternate Prospect and the empty app so both see the same machine state."""
    first_frame("empty", home)  # warm the file cache for both
    first_frame("prospect", home)
    ours, empty = [], []
    for _ in range(runs):
        empty.append(first_frame("empty", home))
        ours.append(first_frame("prospect", home))
    return ours, empty


def scratch(home: Path, root: Path) -> Path:
    """A copy of the workspace for a probe that will leave a sprint running."""
    copy = root / f"scratch-{time.perf_counter_ns()}"
    shutil.copytree(home, copy)
    return copy


def key_latencies(home: Path, root: Path, count: int) -> tuple[list[float], float]:
    """Outcome keys typed into a real sprint: ms to the frame with the next prospect."""
    probe = Probe("sprint_probe.py", "keys", scratch(home, root))
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


def import_time(root: Path, rows: int) -> dict[str, float]:
    """``prospect import`` of a HubSpot export into an empty workspace, progress bar on."""
    from hubspot_csv import write

    csv_file = write(root / "hubspot.csv", rows)
    home = root / "import-home"
    leader, follower = pty.openpty()  # stderr is a terminal: the progress bar is drawn
    threading.Thread(target=_drain, args=(leader,), daemon=True).start()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "prospect_tui", "import", str(csv_file)],
        env={**os.environ, "PROSPECT_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=follower,
        check=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    os.close(follower)
    summary = done.stdout.splitlines()[0]
    imported = int(summary.split()[1].rstrip(","))
    return {"seconds": seconds, "rows": rows, "imported": imported}


def review_times(
    home: Path, empty: Path, runs: int, days: int = 1
) -> tuple[list[float], list[float]]:
    """Whole-process time of ``prospect review --days N --format json``, big and empty."""

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

    once(home), once(empty)  # warm the caches
    big, small = [], []
    for _ in range(runs):
        small.append(once(empty))
        big.append(once(home))
    return big, small


# -- the report ------------------------------------------------------------------


@dataclass
class Bench:
    """One run's workspace and settings, and what one figure measures for another."""

    root: Path
    """A temporary folder for everything the run writes."""
    home: Path
    """The big workspace, inside ``root``."""
    say: Callable[[str], None]
    prospects: int
    calls: int
    weeks: int
    log_samples: int
    stock_samples: int
    startup_runs: int
    key_presses: int
    stopped: float
    review_runs: int
    import_rows: int
    app_rss_kb: float = 0.0
    """The app's peak memory at start-up, for the memory figure."""
    empty_rss_kb: float = 0.0
    """An empty Textual app's, its reference."""


def measure_build(bench: Bench) -> list[Figure]:
    """Building the workspace with ``prospect sample``."""
    bench.say(
        f"Building {bench.prospects:,} prospects and {bench.calls:,} calls with `prospect sample`…"
    )
    built = build(bench.home, bench.prospects, bench.calls, bench.weeks)
    return [
        Figure(
            "prospect sample (build the workspace)",
            f"{built:.1f} s",
            "—",
            "< 60 s",
            {"seconds": built},
        )
    ]


def measure_log_call(bench: Bench) -> list[Figure]:
    """Logging a call durably, beside stock TinyDB and a bare fsync'd append."""
    bench.say("Logging calls, durable…")
    ours = log_call_latencies(bench.home, bench.log_samples)
    bench.say("The same bytes, bare fsync'd append…")
    floor = fsync_floor(bench.root, bench.log_samples)
    bench.say(f"Stock TinyDB inserts ({bench.stock_samples}), each rewriting the whole file…")
    stock = stock_tinydb_latencies(bench.home, bench.stock_samples)
    return [
        Figure(
            "log a call, durable (p50 / p95)",
            f"{ms(statistics.median(ours))} / {ms(percentile(ours, 0.95))}",
            f"stock TinyDB {ms(statistics.median(stock))} / {ms(percentile(stock, 0.95))}; "
            f"bare fsync'd append {ms(statistics.median(floor))} / "
            f"{ms(percentile(floor, 0.95))}",
            "p95 ≤ 10 ms",
            {
                "p50_ms": statistics.median(ours) * 1000,
                "p95_ms": percentile(ours, 0.95) * 1000,
                "stock_p50_ms": statistics.median(stock) * 1000,
                "stock_p95_ms": percentile(stock, 0.95) * 1000,
                "floor_p50_ms": statistics.median(floor) * 1000,
                "floor_p95_ms": percentile(floor, 0.95) * 1000,
            },
        )
    ]


def measure_startup(bench: Bench) -> list[Figure]:
    """Start-up to the first frame and to the home screen's numbers, beside an empty app."""
    bench.say(f"Start-up, {bench.startup_runs} runs each of Prospect and an empty Textual app…")
    app_runs, empty_runs = startup(bench.home, bench.startup_runs)
    frame = statistics.median(r["frame"] for r in app_runs)
    filled = statistics.median(r["filled"] for r in app_runs)
    reference = statistics.median(r["frame"] for r in empty_runs)
    bench.app_rss_kb = max(r["rss"] for r in app_runs)
    bench.empty_rss_kb = max(r["rss"] for r in empty_runs)
    return [
        Figure(
            "start → first interactive frame (median)",
            f"{ms(frame)} ({frame / reference:.2f}×)",
            f"empty Textual app {ms(reference)}",
            "≤ 1.5 × the empty app",
            {"ms": frame * 1000, "reference_ms": reference * 1000, "ratio": frame / reference},
        ),
        Figure(
            "start → home shows the workspace's numbers (median)",
            ms(filled),
            f"empty Textual app's first frame {ms(reference)}",
            "—",
            {"ms": filled * 1000},
        ),
    ]


def measure_outcome_keys(bench: Bench) -> list[Figure]:
    """Outcome keys in a real sprint, and the app's peak memory (after :func:`measure_startup`)."""
    bench.say(f"Typing {bench.key_presses} outcome keys into a real sprint…")
    keys, sprint_rss = key_latencies(bench.home, bench.root, bench.key_presses)
    rss = max(sprint_rss, bench.app_rss_kb) / 1024
    empty_rss = bench.empty_rss_kb / 1024
    return [
        Figure(
            "outcome key → next prospect on screen (p50 / p95)",
            f"{statistics.median(keys):.2f} ms / {percentile(keys, 0.95):.2f} ms",
            "one frame at 60 Hz: 16.7 ms",
            "p95 ≤ 16 ms",
            {
                "p50_ms": statistics.median(keys),
                "p95_ms": percentile(keys, 0.95),
                "keys": len(keys),
            },
        ),
        Figure(
            "app peak memory (RSS), sprint running",
            f"{rss:.0f} MB",
            f"empty Textual app {empty_rss:.0f} MB",
            "≤ 200 MB",
            {"mb": rss, "reference_mb": empty_rss},
        ),
    ]


def measure_prospects_screen(bench: Bench) -> list[Figure]:
    """The prospects screen: opening it, and cursor keys, beside an empty workspace."""
    bench.say(f"The prospects screen, {bench.key_presses} cursor keys, big and empty workspaces…")
    empty_list = bench.root / "empty-list"
    empty_list.mkdir()
    opened_empty, _ = prospects_screen(empty_list, 0)
    opened, moves = prospects_screen(bench.home, bench.key_presses)
    return [
        Figure(
            f"prospects screen: open → all {bench.prospects:,} listed",
            f"{opened:.0f} ms",
            f"empty workspace {opened_empty:.0f} ms",
            "—",
            {"ms": opened, "reference_ms": opened_empty},
        ),
        Figure(
            "prospects screen: cursor key → moved on screen (p50 / p95)",
            f"{statistics.median(moves):.2f} ms / {percentile(moves, 0.95):.2f} ms",
            "one frame at 60 Hz: 16.7 ms",
            "smooth at 20,000 prospects",
            {
                "p50_ms": statistics.median(moves),
                "p95_ms": percentile(moves, 0.95),
                "keys": len(moves),
            },
        ),
    ]


def measure_suspended_timer(bench: Bench) -> list[Figure]:
    """The countdown after the app was stopped (SIGSTOP) mid-sprint."""
    stopped = bench.stopped
    bench.say(f"Stopping the app mid-sprint for {stopped:.0f} s (SIGSTOP)…")
    timer = suspended_timer(bench.home, bench.root, stopped)
    return [
        Figure(
            f"countdown after the process was stopped {stopped:.0f} s",
            f"shows {timer['shown_after']:.0f} s left; truly {timer['true_after']:.1f} s",
            f"before the stop: shows {timer['shown_before']:.0f} s, "
            f"truly {timer['true_before']:.1f} s",
            "shows the true remaining time",
            {**timer, "shown_minus_true_s": timer["shown_after"] - timer["true_after"]},
        )
    ]


def measure_import(bench: Bench) -> list[Figure]:
    """``prospect import`` of a large HubSpot export, the whole command."""
    rows = bench.import_rows
    bench.say(f"prospect import of a {rows:,}-row HubSpot export…")
    imported = import_time(bench.root, rows)
    return [
        Figure(
            f"CSV import of {rows:,} rows (HubSpot export), whole command",
            f"{imported['seconds']:.1f} s ({imported['imported']:,} imported)",
            "progress bar drawn on a terminal",
            "≤ 10 s",
            imported,
        )
    ]


REVIEW_WINDOWS = (1, 28, 90)
"""The review's windows measured: the day (whose openers look at 28 days), four weeks, 90 days."""


def measure_review(bench: Bench) -> list[Figure]:
    """``prospect review --format json`` over each window, whole process, beside an empty one."""
    empty_home = bench.root / "empty"
    empty_home.mkdir()
    figures = []
    for days in REVIEW_WINDOWS:
        window = "" if days == 1 else f" --days {days}"
        bench.say(
            f"prospect review{window} --format json, whole process, big and empty workspaces…"
        )
        big, small = review_times(bench.home, empty_home, bench.review_runs, days)
        ratio = statistics.median(big) / statistics.median(small)
        figures.append(
            Figure(
                f"prospect review{window} --format json, whole process (median)",
                f"{ms(statistics.median(big))} ({ratio:.2f}×)",
                f"empty workspace {ms(statistics.median(small))}",
                "≤ 1.5 × the empty workspace",
                {
                    "days": days,
                    "ms": statistics.median(big) * 1000,
                    "reference_ms": statistics.median(small) * 1000,
                    "ratio": ratio,
                },
            )
        )
    return figures


MEASURES: tuple[Callable[[Bench], list[Figure]], ...] = (
    measure_build,
    measure_log_call,
    measure_startup,
    measure_outcome_keys,
    measure_prospects_screen,
    measure_suspended_timer,
    measure_import,
    measure_review,
)
"""Every figure, in the order the table lists them; the build comes first."""


def run(
    prospects: int,
    calls: int,
    weeks: int,
    log_samples: int,
    stock_samples: int,
    startup_runs: int,
    say: Callable[[str], None],
    key_presses: int = 200,
    stopped: float = 60.0,
    review_runs: int = 10,
    import_rows: int = 50_000,
) -> list[Figure]:
    """Build the workspace and measure every figure."""
    compile_bytecode(say)
    root = Path(tempfile.mkdtemp(prefix="prospect-bench-"))
    bench = Bench(
        root=root,
        home=root / "home",
        say=say,
        prospects=prospects,
        calls=calls,
        weeks=weeks,
        log_samples=log_samples,
        stock_samples=stock_samples,
        startup_runs=startup_runs,
        key_presses=key_presses,
        stopped=stopped,
        review_runs=review_runs,
        import_rows=import_rows,
    )
    try:
        return [figure for measure in MEASURES for figure in measure(bench)]
    finally:
        shutil.rmtree(root, ignore_errors=True)


def compile_bytecode(say: Callable[[str], None]) -> None:
    """Compile Prospect's bytecode first, as every install has it.

    ``pip install`` compiles a package as it installs it, and Python caches the
    bytecode of an editable one on its first run; the empty Textual app, the
    reference, is always compiled. Where ``PYTHONDONTWRITEBYTECODE`` is set (as
    on this project's machine) nothing would be cached, and every start would
    compile Prospect from source again: a cost no user pays, timed against a
    reference that does not pay it either.
    """
    import compileall

    package = HERE.parent / "prospect_tui"
    say(f"Compiling the bytecode of {package.name} (as an install does)…")
    compileall.compile_dir(package, quiet=1)


def table(figures: list[Figure]) -> str:
    """The figures as a Markdown table, ready for the README."""
    lines = ["| figure | measured | reference, same run | target |", "|---|---|---|---|"]
    lines += [f"| {f.name} | {f.value} | {f.reference} | {f.target} |" for f in figures]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--prospects", type=int, default=20_000)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--weeks", type=int, default=104)
    parser.add_argument("--quick", action="store_true", help="a small workspace, fewer runs")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write JSON here")
    args = parser.parse_args()
    if args.quick:
        args.prospects, args.calls, args.weeks = 500, 2_000, 8
    figures = run(
        args.prospects,
        args.calls,
        args.weeks,
        log_samples=50 if args.quick else 500,
        stock_samples=2 if args.quick else 5,
        startup_runs=1 if args.quick else 9,
        say=lambda text: print(text, file=sys.stderr, flush=True),
        key_presses=20 if args.quick else 200,
        stopped=3.0 if args.quick else 60.0,
        review_runs=2 if args.quick else 10,
        import_rows=2_000 if args.quick else 50_000,
    )
    print(table(figures))
    document = {
        "workspace": {"prospects": args.prospects, "calls": args.calls, "weeks": args.weeks},
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "figures": [
            {
                "name": f.name,
                "value": f.value,
                "reference": f.reference,
                "target": f.target,
                **f.raw,
            }
            for f in figures
        ],
    }
    print(json.dumps(document, indent=2))
    if args.json:
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
