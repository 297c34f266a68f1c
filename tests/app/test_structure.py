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


def _ui_classes() -> list[type]:
    import importlib
    import pkgutil

    from textual.dom import DOMNode

    for module in pkgutil.walk_packages(prospect_tui.__path__, "prospect_tui."):
        if module.name != "prospect_tui.__main__":
            importlib.import_module(module.name)
    found: list[type] = []
    pending: list[type] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("prospect_tui."):
            found.append(cls)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def test_every_binding_has_an_id_from_the_key_map() -> None:
    from textual.binding import Binding

    from prospect_tui.core.keys import SCOPES

    known = {a.id for actions in SCOPES.values() for a in actions}
    classes = [c for c in _ui_classes() if "BINDINGS" in vars(c)]
    names = {c.__name__ for c in classes}
    assert {"HomeScreen", "ProspectsScreen", "ProspectTable", "ConfirmDialog"} <= names
    for cls in classes:
        for binding in vars(cls)["BINDINGS"]:
            where = f"{cls.__name__} {binding!r}"
            assert isinstance(binding, Binding), where
            assert binding.id in known, where
