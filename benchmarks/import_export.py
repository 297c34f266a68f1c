"""Import and export figures, each a whole ``prospect`` command in its own process.

For ``run.py`` (or by hand)::

    from import_export import import_figure, export_figure
    import_figure(root, rows=50_000)             # {"seconds", "peak_mb", "rows", "imported"}
    export_figure(home, "prospects", root)       # {"seconds", "peak_mb", "rows", ...}
    export_figure(home, "calls", root)

    python benchmarks/import_export.py import ROWS
    python benchmarks/import_export.py export prospects|calls PROSPECT_HOME

Peak memory is the command's own (``VmHWM``, what ``/usr/bin/time -v`` calls
the maximum resident set size), read by a small wrapper just before the
process exits, so helper processes and the parent are not counted in it.
"""

from __future__ import annotations

import csv
import json
import os
import pty
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Runs ``prospect`` as the console script does, then reports its peak memory on the
# file descriptor named by PROSPECT_BENCH_FD.
_WRAPPER = """
import os, sys
from prospect_tui.__main__ import main
try:
    code = main(sys.argv[1:])
finally:
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next((int(l.split()[1]) for l in status if l.startswith("VmHWM:")), 0)
    os.write(int(os.environ["PROSPECT_BENCH_FD"]), f"{peak}\\n".encode())
sys.exit(code)
"""


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def run_command(
    args: list[str], home: Path, *, terminal_stderr: bool = False
) -> tuple[float, float, str]:
    """Run ``prospect ARGS`` on ``home``: (seconds, peak RSS in MB, its stdout)."""
    read_end, write_end = os.pipe()
    stderr: int | None = subprocess.DEVNULL
    leader = follower = None
    if terminal_stderr:  # stderr a terminal: the import draws its progress bar, as for a user
        leader, follower = pty.openpty()
        threading.Thread(target=_drain, args=(leader,), daemon=True).start()
        stderr = follower
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _WRAPPER, *args],
            env={**os.environ, "PROSPECT_HOME": str(home), "PROSPECT_BENCH_FD": str(write_end)},
            stdout=subprocess.PIPE,
            stderr=stderr,
            pass_fds=(write_end,),
            check=True,
            text=True,
        )
        seconds = time.perf_counter() - started
    finally:
        os.close(write_end)
        if follower is not None:
            os.close(follower)
    with os.fdopen(read_end) as report:
        peak_kb = int(report.read().split()[0])
    return seconds, peak_kb / 1024, done.stdout


def import_figure(root: Path, rows: int = 50_000) -> dict[str, float]:
    """``prospect import`` of a ``rows``-row HubSpot export into an empty workspace."""
    sys.path.insert(0, str(HERE))
    from hubspot_csv import write

    csv_file = write(root / f"hubspot-{rows}.csv", rows)
    home = Path(tempfile.mkdtemp(prefix="import-home-", dir=root))
    seconds, peak, out = run_command(["import", str(csv_file)], home, terminal_stderr=True)
    imported = int(out.splitlines()[0].split()[1].rstrip(","))
    return {"seconds": seconds, "peak_mb": peak, "rows": rows, "imported": imported}


def export_figure(home: Path, kind: str, root: Path) -> dict[str, float]:
    """``prospect export KIND -o FILE`` of the workspace ``home`` (outside it, into ``root``)."""
    target = root / f"export-{kind}.csv"
    seconds, peak, _ = run_command(["export", kind, "-o", str(target)], home)
    with target.open(encoding="utf-8-sig", newline="") as written:
        rows = sum(1 for _ in csv.reader(written)) - 1  # the header aside
    target.unlink()
    return {
        "seconds": seconds,
        "peak_mb": peak,
        "rows": rows,
        "seconds_per_50k": seconds * 50_000 / max(rows, 1),
    }


def main(argv: list[str]) -> int:
    root = Path(tempfile.mkdtemp(prefix="prospect-io-"))
    if argv[0] == "import":
        found = import_figure(root, int(argv[1]) if len(argv) > 1 else 50_000)
    else:
        found = export_figure(Path(argv[2]), argv[1], root)
    print(json.dumps(found, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
