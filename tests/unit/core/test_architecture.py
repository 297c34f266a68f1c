"""The shape of the code: a domain that never imports Textual, one place that reads the time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import prospect_tui

PACKAGE = Path(prospect_tui.__file__).resolve().parent
CLOCK = PACKAGE / "core" / "clock.py"
PURE = ("core", "store", "transfer", "sample")

FORBIDDEN = frozenset(
    {
        "datetime.datetime.now",
        "datetime.datetime.utcnow",
        "datetime.datetime.today",
        "datetime.date.today",
        "time.time",
        "time.time_ns",
        "pendulum.now",
        "pendulum.today",
    }
)
"""Calls that ask the operating system for the time; only ``core/clock.py`` may."""


def _modules(folder: str) -> list[str]:
    root = PACKAGE / folder
    names = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def test_there_are_modules_to_check() -> None:
    modules = [m for folder in PURE for m in _modules(folder)]
    assert "prospect_tui.core.config" in modules
    assert "prospect_tui.store.workspace" in modules
    assert "prospect_tui.transfer.export" in modules


@pytest.mark.parametrize("folder", PURE)
def test_the_domain_never_imports_textual(folder: str) -> None:
    modules = _modules(folder)
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(len(sys.modules))\n"
        "sys.exit('textual imported: ' + ', '.join(leaked[:5]) if leaked else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 0


def test_the_subprocess_check_would_see_textual() -> None:
    """The probe itself works: importing the app does pull Textual in."""
    script = "import sys, prospect_tui.app\nprint('textual' in sys.modules)\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.stdout.strip() == "True", result.stderr


def test_screens_never_import_the_app() -> None:
    """Screens talk to the app through messages and results: no circle between them."""
    modules = _modules("screens")
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(len(sys.modules))\n"
        "sys.exit('prospect_tui.app imported' if 'prospect_tui.app' in sys.modules else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert len(modules) > 5
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 0


# -- the clock ------------------------------------------------------------------------------


def _imported_names(tree: ast.Module) -> dict[str, str]:
    """Local name → dotted name of what it refers to, from every import in the module."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    names[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def clock_reads(source: str) -> list[tuple[int, str]]:
    """Where ``source`` asks the system for the time: (line, resolved call)."""
    tree = ast.parse(source)
    imported = _imported_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _dotted(node.func)
        if name is None:
            continue
        head, _, rest = name.partition(".")
        if head not in imported:
            continue
        resolved = imported[head] + (f".{rest}" if rest else "")
        if resolved in FORBIDDEN:
            found.append((node.lineno, resolved))
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from datetime import datetime\nx = datetime.now()\n", "datetime.datetime.now"),
        ("import datetime\nx = datetime.datetime.utcnow()\n", "datetime.datetime.utcnow"),
        ("import datetime as dt\nx = dt.date.today()\n", "datetime.date.today"),
        ("from datetime import date as D\nx = D.today()\n", "datetime.date.today"),
        ("import time\nx = time.time()\n", "time.time"),
        ("from time import time\nx = time()\n", "time.time"),
        ("import pendulum\nx = pendulum.now('UTC')\n", "pendulum.now"),
        (
            "def f():\n    from datetime import datetime\n    return datetime.now()\n",
            "datetime.datetime.now",
        ),
    ],
)
def test_the_scanner_finds_each_way_of_reading_the_time(source: str, expected: str) -> None:
    assert [call for _, call in clock_reads(source)] == [expected]


@pytest.mark.parametrize(
    "source",
    [
        "x = clock.now()\n",
        "x = self.clock.now()\n",
        "from datetime import datetime\nx = datetime.fromisoformat('2026-01-01')\n",
        "import time\nx = time.perf_counter()\n",
    ],
)
def test_the_scanner_lets_the_clock_be_used(source: str) -> None:
    assert clock_reads(source) == []


def test_only_the_clock_module_reads_the_time() -> None:
    offenders = []
    scanned = 0
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == CLOCK:
            continue
        scanned += 1
        for line, call in clock_reads(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(PACKAGE.parent)}:{line} {call}()")
    assert scanned > 20
    assert offenders == []


def test_the_clock_module_is_where_the_time_is_read() -> None:
    assert clock_reads(CLOCK.read_text(encoding="utf-8"))
