"""The benchmark script still runs and reports every figure (no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_quick_benchmark_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text())
    labels = [size["label"] for size in document["sizes"]]
    history = {row["name"].split(" (")[0]: row for row in document["history"]}
    for name in (
        "sprint start: `s` → first card on screen",
        "start → home shows its numbers",
        "outcome key → next prospect on screen",
        "log a call, durable",
        "app peak memory",
    ):
        row = next(row for key, row in history.items() if key.startswith(name))
        assert row["fresh"] != "—" and set(labels) <= row["cells"].keys(), name
        assert {"fresh", *labels} <= row["raw"].keys()
    durable = history["log a call, durable"]["raw"][labels[0]]
    assert {"log_p95_ms", "floor_p95_ms", "sprint_start_ms", "rss_mb"} <= durable.keys()
    fixed = [row["name"] for row in document["fixed"]]
    assert any(name.startswith("prospects screen: cursor key") for name in fixed)
    assert any(name.startswith("CSV import") for name in fixed)
    assert "| log a call, durable" in result.stdout
    assert "| prospects screen: cursor key" in result.stdout
