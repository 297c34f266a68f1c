"""Prospect's figures at 1k, 10k, 100k and 1M calls, each beside its reference from the same run.

    python benchmarks/run.py                      # 1k → 10k → 100k → 1M calls
    python benchmarks/run.py --scales 1000,10000  # only these sizes
    python benchmarks/run.py --json out.json      # also write the figures as JSON
    python benchmarks/run.py --quick              # small sizes and few runs, for a smoke run

Every workspace is built with ``prospect sample`` in a temporary folder (the
user's data is never touched): a *fresh* one (the sample's 120 prospects, no
history) and one per size of history. For each size it measures what must
not grow with history, each beside the same figure on the fresh workspace:
starting a sprint, start-up to the home screen's numbers, the review of a
day, 28 and 90 days, an outcome key in a sprint, logging a call durably
(beside a bare fsync'd append), and the app's peak memory. Then, once, the
figures of a fixed size: the prospects screen at 20,000 prospects, a 50,000
row import, the countdown after the process was stopped, and the build
itself. The result is printed as two Markdown tables (the README's) and as
JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import measures  # noqa: E402
from import_export import export_figure, import_figure  # noqa: E402
from terminal import startup  # noqa: E402


@dataclass(frozen=True)
class Size:
    """One workspace of history: how many calls, over how many prospects and weeks."""

    calls: int
    prospects: int
    weeks: int

    @property
    def label(self) -> str:
        return (
            f"{self.calls // 1_000_000}M" if self.calls >= 1_000_000 else f"{self.calls // 1000}k"
        )


SIZES = {
    1_000: Size(1_000, 1_000, 4),
    10_000: Size(10_000, 5_000, 26),
    100_000: Size(100_000, 20_000, 104),
    1_000_000: Size(1_000_000, 50_000, 520),
}
"""Ten years of a heavy caller at the top; the prospects grow with the history."""

FRESH = Size(0, 120, 1)
"""What ``prospect sample`` makes by default: the reference every ratio is taken to."""


@dataclass
class Runs:
    """How many samples of each measurement."""

    log_samples: int = 500
    startup_runs: int = 7
    sprint_starts: int = 7
    key_presses: int = 200
    review_runs: int = 9
    cursor_keys: int = 200
    screen_opens: int = 7
    stopped_s: float = 60.0
    import_rows: int = 50_000
    screen_prospects: int = 20_000


QUICK = Runs(
    log_samples=50,
    startup_runs=1,
    sprint_starts=2,
    key_presses=20,
    review_runs=2,
    cursor_keys=20,
    screen_opens=1,
    stopped_s=3.0,
    import_rows=2_000,
    screen_prospects=500,
)


@dataclass
class Row:
    """One figure: its value on the fresh workspace and at each size, and its target."""

    name: str
    target: str
    fresh: str = "—"
    cells: dict[str, str] = field(default_factory=dict)
    raw: dict[str, dict[str, float]] = field(default_factory=dict)
    """Per size label (and ``fresh``), the numbers behind the cell."""


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"


# -- measuring one workspace --------------------------------------------------------


def starts_on(home: Path, root: Path, count: int) -> list[float]:
    """Sprint starts on a copy of ``home`` (each leaves an abandoned sprint behind)."""
    copy = measures.scratch(home, root)
    try:
        return measures.sprint_starts(copy, count)
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def history_figures(
    home: Path, root: Path, runs: Runs, say: Callable[[str], None], fresh: Path | None = None
) -> dict:
    """Everything measured per workspace (fresh or with history), as raw numbers.

    With ``fresh`` given, each figure whose target is a ratio to the fresh
    workspace is measured on both in turn, so the ratio compares the same
    moments of the machine (``*_fresh`` keys); without it (the fresh workspace
    itself) only ``home`` is measured.
    """
    say("  sprint starts…")
    starts, fresh_starts = [], []
    for _ in range(2 if fresh else 1):
        starts += starts_on(home, root, runs.sprint_starts)
        if fresh:
            fresh_starts += starts_on(fresh, root, runs.sprint_starts)
    copy = measures.scratch(home, root)
    try:
        say("  outcome keys…")
        keys, sprint_rss = measures.key_latencies(copy, runs.key_presses)
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    say("  start-up beside an empty Textual app…")
    app_runs, empty_runs, fresh_runs = startup(home, runs.startup_runs, fresh)
    say("  reviews…")
    reviews = {
        days: measures.review_times(home, fresh or home, runs.review_runs, days)
        for days in (1, 28, 90)
    }
    say("  exports of every prospect and every call…")
    exports = {kind: export_figure(home, kind, root) for kind in ("prospects", "calls")}
    say("  logging calls, durable, each beside a bare fsync'd append…")
    log_copy = measures.scratch(home, root)
    try:
        logged, floor = measures.durable_latencies(log_copy, root, runs.log_samples)
    finally:
        shutil.rmtree(log_copy, ignore_errors=True)
    figures = {
        "sprint_start_ms": median_ms(starts),
        "frame_s": statistics.median(r["frame"] for r in app_runs),
        "filled_s": statistics.median(r["filled"] for r in app_runs),
        "empty_frame_s": statistics.median(r["frame"] for r in empty_runs),
        "rss_mb": max(sprint_rss, *(r["rss"] for r in app_runs)) / 1024,
        "empty_rss_mb": max(r["rss"] for r in empty_runs) / 1024,
        "key_p50_ms": statistics.median(keys),
        "key_p95_ms": p95(keys),
        "log_p50_ms": statistics.median(logged) * 1000,
        "log_p95_ms": p95(logged) * 1000,
        "floor_p50_ms": statistics.median(floor) * 1000,
        "floor_p95_ms": p95(floor) * 1000,
        **{f"export_{kind}_{k}": v for kind, got in exports.items() for k, v in got.items()},
        **{f"review_{d}_ms": statistics.median(big) * 1000 for d, (big, _) in reviews.items()},
    }
    if fresh:
        figures |= {
            "sprint_start_fresh_ms": median_ms(fresh_starts),
            "filled_fresh_s": statistics.median(r["filled"] for r in fresh_runs),
            **{
                f"review_{d}_fresh_ms": statistics.median(small) * 1000
                for d, (_, small) in reviews.items()
            },
        }
    return figures


def export_cell(got: dict, kind: str) -> str:
    """Seconds and rows of an export, per 50,000 rows where there are that many to say."""
    seconds, rows = got[f"export_{kind}_seconds"], got[f"export_{kind}_rows"]
    per = f"; {got[f'export_{kind}_seconds_per_50k']:.2f} s per 50,000" if rows >= 50_000 else ""
    return f"{seconds:.1f} s for {rows:,.0f} rows{per} ({got[f'export_{kind}_peak_mb']:.0f} MB)"


def ratio_cell(value: float, reference: float, unit: Callable[[float], str] = ms) -> str:
    return f"{unit(value)} ({value / reference:.2f}×)"


def beside_cell(value: float, reference: float) -> str:
    """A figure, its ratio and the reference measured in turn with it."""
    return f"{ms(value)} ({value / reference:.2f}× {ms(reference)})"


def history_rows(fresh: dict, by_size: dict[str, dict]) -> list[Row]:
    """The per-size table: each figure at the fresh workspace and at every size."""
    rows = [
        Row("sprint start: `s` → first card on screen (median)", "≤ 1.5× fresh and ≤ 100 ms"),
        Row("start → home shows its numbers (median)", "≤ 1.5× fresh"),
        Row("start → first interactive frame (median)", "≤ 1.5× an empty Textual app"),
        Row("prospect review --format json, whole process (median)", "≤ 1.5× fresh"),
        Row("prospect review --days 28 --format json (median)", "≤ 1.5× fresh"),
        Row("prospect review --days 90 --format json (median)", "≤ 1.5× fresh"),
        Row("outcome key → next prospect on screen (p50 / p95)", "p95 ≤ 8 ms"),
        Row("log a call, durable (p95)", "≤ 2× a bare fsync'd append"),
        Row("app peak memory (RSS), sprint running", "≤ 150 MB"),
        Row("prospect export prospects, whole command (peak memory)", "≤ 3 s per 50,000, flat"),
        Row("prospect export calls, whole command (peak memory)", "≤ 3 s per 50,000, flat"),
    ]

    def fill(label: str, got: dict, into: Callable[[Row, str], None]) -> None:
        start, home_s, frame = got["sprint_start_ms"], got["filled_s"], got["frame_s"]

        def beside(value: float, key: str, scale: float = 1.0) -> str:
            """``value`` beside the fresh workspace's ``key``, measured in turn with it."""
            name, _, unit = key.rpartition("_")
            reference = got.get(f"{name}_fresh_{unit}")
            if reference is None:  # the fresh workspace itself
                return ratio_cell(value * scale, fresh[key] * scale)
            return beside_cell(value * scale, reference * scale)

        values = [
            beside(start, "sprint_start_ms"),
            beside(home_s, "filled_s", 1000),
            ratio_cell(frame * 1000, got["empty_frame_s"] * 1000),
            *(beside(got[f"review_{d}_ms"], f"review_{d}_ms") for d in (1, 28, 90)),
            f"{ms(got['key_p50_ms'])} / {ms(got['key_p95_ms'])}",
            f"{ms(got['log_p95_ms'])} ({got['log_p95_ms'] / got['floor_p95_ms']:.2f}× "
            f"the append's {ms(got['floor_p95_ms'])})",
            f"{got['rss_mb']:.0f} MB",
            *(export_cell(got, kind) for kind in ("prospects", "calls")),
        ]
        for row, value in zip(rows, values, strict=True):
            into(row, value)
            row.raw[label] = got

    fill("fresh", fresh, lambda row, value: setattr(row, "fresh", value))
    for label, got in by_size.items():
        fill(label, got, lambda row, value, label=label: row.cells.__setitem__(label, value))
    return rows


# -- once ---------------------------------------------------------------------------


def fixed_rows(root: Path, runs: Runs, say: Callable[[str], None]) -> list[Row]:
    """The figures of a fixed size: the prospects screen, import, the stopped countdown."""
    rows = []
    say(f"The prospects screen at {runs.screen_prospects:,} prospects, and empty…")
    listed = root / "screen"
    measures.build(listed, runs.screen_prospects, runs.screen_prospects * 5, 104)
    empty = root / "screen-empty"
    empty.mkdir()
    # In turn, as the history figures are: one open of each beside the other, the
    # medians compared; a single open of each swung the ratio from 1.3× to 2.6×.
    opens_empty, opens = [], []
    for _ in range(runs.screen_opens):
        opens_empty.append(measures.prospects_screen(empty, 0)[0])
        opens.append(measures.prospects_screen(listed, 0)[0])
    opened_empty, opened = statistics.median(opens_empty), statistics.median(opens)
    _, moves = measures.prospects_screen(listed, runs.cursor_keys)
    rows.append(
        Row(
            f"prospects screen: open → all {runs.screen_prospects:,} listed (median)",
            "≤ 2× the empty workspace",
            fresh=f"empty workspace {opened_empty:.0f} ms",
            cells={"measured": ratio_cell(opened, opened_empty)},
            raw={"measured": {"ms": opened, "reference_ms": opened_empty}},
        )
    )
    rows.append(
        Row(
            "prospects screen: cursor key → moved on screen (p50 / p95)",
            "p95 ≤ 16 ms (one frame)",
            fresh="one frame at 60 Hz: 16.7 ms",
            cells={"measured": f"{ms(statistics.median(moves))} / {ms(p95(moves))}"},
            raw={"measured": {"p50_ms": statistics.median(moves), "p95_ms": p95(moves)}},
        )
    )
    say(f"Stopping the app mid-sprint for {runs.stopped_s:.0f} s (SIGSTOP)…")
    timer = measures.suspended_timer(listed, root, runs.stopped_s)
    rows.append(
        Row(
            f"countdown after the process was stopped {runs.stopped_s:.0f} s",
            "shows the true remaining time",
            fresh=(
                f"before: shows {timer['shown_before']:.0f} s, truly {timer['true_before']:.1f} s"
            ),
            cells={
                "measured": f"shows {timer['shown_after']:.0f} s; truly {timer['true_after']:.1f} s"
            },
            raw={"measured": timer},
        )
    )
    say(f"prospect import of a {runs.import_rows:,}-row HubSpot export…")
    imported = import_figure(root, runs.import_rows)
    rows.append(
        Row(
            f"CSV import of {runs.import_rows:,} rows (HubSpot export), whole command",
            "≤ 5 s and ≤ 200 MB",
            fresh="progress bar drawn on a terminal",
            cells={
                "measured": f"{imported['seconds']:.1f} s, {imported['peak_mb']:.0f} MB "
                f"({imported['imported']:,.0f} imported)"
            },
            raw={"measured": imported},
        )
    )
    return rows


# -- the run ------------------------------------------------------------------------


def run(sizes: list[Size], runs: Runs, say: Callable[[str], None]) -> dict:
    """Build every workspace and measure every figure; the result as JSON-ready data."""
    compile_bytecode(say)
    root = Path(tempfile.mkdtemp(prefix="prospect-bench-"))
    try:
        say("The fresh workspace (the sample's 120 prospects, no history)…")
        fresh_home = root / "fresh"
        measures.build(fresh_home, FRESH.prospects, 0, FRESH.weeks)
        fresh = history_figures(fresh_home, root, runs, say)
        by_size: dict[str, dict] = {}
        builds: dict[str, dict[str, float]] = {}
        for size in sizes:
            say(f"{size.label}: {size.calls:,} calls over {size.prospects:,} prospects…")
            home = root / f"home-{size.label}"
            builds[size.label] = measures.build(home, size.prospects, size.calls, size.weeks)
            by_size[size.label] = history_figures(home, root, runs, say, fresh_home)
            shutil.rmtree(home, ignore_errors=True)  # a 1M workspace is most of a gigabyte
        history = history_rows(fresh, by_size)
        history.append(
            Row(
                "prospect sample: build the workspace (peak memory)",
                "≤ 60 s and ≤ 1 GB at 1M",
                cells={
                    label: f"{b['seconds']:.1f} s ({b['peak_mb']:.0f} MB)"
                    for label, b in builds.items()
                },
                raw=builds,
            )
        )
        fixed = fixed_rows(root, runs, say)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return {
        "machine": machine(),
        "sizes": [vars(size) | {"label": size.label} for size in sizes],
        "history": [vars(row) for row in history],
        "fixed": [vars(row) for row in fixed],
    }


def machine() -> dict[str, object]:
    return {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "when": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


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


def tables(document: dict) -> str:
    """The figures as the README's two Markdown tables."""
    labels = [size["label"] for size in document["sizes"]]
    lines = [
        "| figure | fresh workspace | "
        + " | ".join(f"{label} calls" for label in labels)
        + " | target |",
        "|---|---|" + "---|" * len(labels) + "---|",
    ]
    for row in document["history"]:
        cells = " | ".join(row["cells"].get(label, "—") for label in labels)
        lines.append(f"| {row['name']} | {row['fresh']} | {cells} | {row['target']} |")
    lines += ["", "| figure | measured | reference, same run | target |", "|---|---|---|---|"]
    for row in document["fixed"]:
        lines.append(
            f"| {row['name']} | {row['cells']['measured']} | {row['fresh']} | {row['target']} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scales",
        default=",".join(str(calls) for calls in SIZES),
        help="sizes of history, in calls (default 1000,10000,100000,1000000)",
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, few runs")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write JSON here")
    args = parser.parse_args()
    runs = QUICK if args.quick else Runs()
    if args.quick:
        sizes = [Size(2_000, 500, 8)]
    else:
        try:
            sizes = [SIZES[int(calls)] for calls in args.scales.split(",")]
        except (KeyError, ValueError):
            parser.error(f"--scales takes some of {','.join(map(str, SIZES))}")
    document = run(sizes, runs, say=lambda text: print(text, file=sys.stderr, flush=True))
    print(tables(document))
    print(json.dumps(document, indent=2))
    if args.json:
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
