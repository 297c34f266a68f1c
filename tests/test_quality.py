"""ruff, mypy and the import contracts run from the test command, so CI keeps the code honest."""

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


def test_import_linter_contracts_are_kept() -> None:
    """The layers declared in pyproject.toml: core < store < transfer < widgets < screens < app."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert "Contracts: " in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
