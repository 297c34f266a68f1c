"""How the import screen looks: the file picker, and a preview picked from it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from prospect_tui.app import ProspectApp
from prospect_tui.widgets.csv_tree import CsvTree
from tests.snapshots.conftest import SIZES, settle

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"


@pytest.fixture
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder whose Downloads holds a few exports (the picker shows ~, never the path)."""
    home = tmp_path / "user"
    downloads = home / "Downloads"
    (downloads / "old exports").mkdir(parents=True)
    for name in ("zones.csv", "hubspot_all_contacts.csv", "salesforce_report_cp1252.csv"):
        shutil.copy(FIXTURES / name, downloads / name)
    (downloads / "invoice.pdf").write_bytes(b"%PDF")
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_import_picker(
    snap_compare,
    app_on: Callable[[Path], ProspectApp],
    sample_home: Path,
    user_home: Path,
    size: tuple[int, int],
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_import_preview_of_a_picked_file(
    snap_compare,
    app_on: Callable[[Path], ProspectApp],
    sample_home: Path,
    user_home: Path,
    size: tuple[int, int],
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        tree = pilot.app.screen.query_one(CsvTree)
        tree.focus()
        tree.move_cursor(next(n for n in tree.root.children if str(n.label) == "zones.csv"))
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)
