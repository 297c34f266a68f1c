"""The import screen: a file picker beside the typed path, the preview, the import."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.import_csv import ImportScreen
from prospect_tui.services import Services
from prospect_tui.widgets.csv_tree import CsvTree
from tests.conftest import settle

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"


@pytest.fixture
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder with Downloads holding CSV files, and things the picker leaves out."""
    home = tmp_path / "user"
    downloads = home / "Downloads"
    (downloads / "reports").mkdir(parents=True)
    shutil.copy(FIXTURES / "zones.csv", downloads / "zones.csv")
    shutil.copy(FIXTURES / "hubspot_all_contacts.csv", downloads / "reports" / "hubspot.csv")
    (downloads / "notes.txt").write_text("not a csv\n", encoding="utf-8")
    (downloads / ".hidden.csv").write_text("name,phone\n", encoding="utf-8")
    (downloads / "linked.csv").symlink_to(downloads / "zones.csv")
    (downloads / "linked folder").symlink_to(home)
    (home / "at_home.csv").write_text("name,phone\nAva,+14155550123\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    return home


async def open_import(pilot: Pilot[int]) -> ImportScreen:
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    return screen


def listed(tree: CsvTree) -> list[str]:
    return [str(node.label) for node in tree.root.children]


def report(screen: ImportScreen) -> str:
    return str(screen.query_one("#import-text", Static).render())


async def test_the_picker_starts_in_downloads_with_only_folders_and_csv_files(
    services: Services, user_home: Path
) -> None:
    app = make_app(services)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot)
        tree = screen.query_one(CsvTree)
        assert str(tree.root.label) == "~/Downloads"
        # No link is listed, to a file or a folder: browsing never goes through one.
        assert listed(tree) == ["reports", "zones.csv"]
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert str(tree.root.label) == "~"
        assert listed(tree) == ["Downloads", "at_home.csv"]
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert str(tree.root.label) == "~/Downloads"


async def test_without_downloads_the_picker_starts_at_home(
    services: Services, user_home: Path
) -> None:
    shutil.rmtree(user_home / "Downloads")
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        tree = screen.query_one(CsvTree)
        await pilot.press("ctrl+o")  # nowhere else to go
        await settle(pilot)
        assert str(tree.root.label) == "~" and listed(tree) == ["at_home.csv"]


async def test_a_file_picked_in_the_tree_is_previewed_then_imported(
    services: Services, user_home: Path
) -> None:
    app = make_app(services)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot)
        tree = screen.query_one(CsvTree)
        tree.focus()
        tree.move_cursor(next(n for n in tree.root.children if str(n.label) == "zones.csv"))
        await pilot.press("enter")
        await settle(pilot)
        path = screen.query_one("#import-path", Input)
        assert path.value == "~/Downloads/zones.csv" and path.has_focus
        preview = report(screen)
        assert "Dry run: would import 8" in preview
        assert "line 8: time zone 'Mars/Olympus' is not a known zone" in preview
        assert services.repository.count_prospects() == 0, "a preview writes nothing"
        await pilot.press("enter")
        await settle(pilot)
        assert "Imported 8" in report(screen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert services.repository.count_prospects() == 8


async def test_a_file_in_a_subfolder_is_picked_by_opening_it(
    services: Services, user_home: Path
) -> None:
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        tree = screen.query_one(CsvTree)
        tree.focus()
        tree.move_cursor(next(n for n in tree.root.children if str(n.label) == "reports"))
        await pilot.press("enter")  # open the folder
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.query_one("#import-path", Input).value == "~/Downloads/reports/hubspot.csv"
        assert "HubSpot" in report(screen)


async def test_a_typed_path_still_previews_and_a_link_typed_is_read_as_the_cli_reads_it(
    services: Services, user_home: Path
) -> None:
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        screen.query_one("#import-path", Input).value = "~/Downloads/linked.csv"
        await pilot.press("enter")
        await settle(pilot)
        assert "Dry run: would import 8" in report(screen)


async def test_enter_twice_after_the_import_leaves_the_screen_below_in_place(
    services: Services, user_home: Path
) -> None:
    app: ProspectApp = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        screen.query_one("#import-path", Input).value = "~/at_home.csv"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Imported 1" in report(screen)
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
