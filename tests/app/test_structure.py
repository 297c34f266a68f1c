"""The shape of the UI code: data flows one way, every key comes from the key map."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import prospect_tui

PACKAGE = Path(prospect_tui.__file__).resolve().parent
UI = ("screens", "dialogs", "widgets")


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth (TYPE_CHECKING blocks included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("folder", UI)
def test_screens_never_import_the_app(folder: str) -> None:
    paths = sorted((PACKAGE / folder).rglob("*.py"))
    assert paths
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in paths
        if any(
            name == "prospect_tui.app" or name.startswith("prospect_tui.app.")
            for name in _imports(path)
        )
    ]
    assert offenders == [], "screens tell the app with messages; they never import it"


def test_no_screen_calls_up_into_the_app() -> None:
    calls = [
        str(path.relative_to(PACKAGE))
        for folder in UI
        for path in sorted((PACKAGE / folder).rglob("*.py"))
        if "prospect_app" in path.read_text(encoding="utf-8")
    ]
    assert calls == []
