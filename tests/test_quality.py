"""ruff and mypy run from the test command, so CI keeps the code honest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "prospect_tui", "tests", "benchmarks", "screenshots")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted() -> None:
    result = _run("ruff", "format", "--check", "prospect_tui", "tests", "benchmarks", "screenshots")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_core_and_store() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
