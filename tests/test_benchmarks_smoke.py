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
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    names = [figure["name"] for figure in json.loads(out.read_text())["figures"]]
    assert any(name.startswith("log a call, durable") for name in names)
    assert any(name.startswith("start → first interactive frame") for name in names)
    assert any(name.startswith("app peak memory") for name in names)
    assert any(name.startswith("prospects screen: cursor key") for name in names)
    durable = next(
        f for f in json.loads(out.read_text())["figures"] if f["name"].startswith("log a call")
    )
    assert {"p95_ms", "stock_p95_ms", "floor_p95_ms"} <= durable.keys()
    assert "| log a call, durable" in result.stdout
