"""The import screen's way out: escape steps back, the report stays, errors read as the CLI's."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from prospect_tui.__main__ import main
from prospect_tui.app import make_app
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.import_csv import ImportScreen
from prospect_tui.screens.prospects import ProspectsScreen
from prospect_tui.services import Services
from prospect_tui.widgets.csv_tree import CsvTree
from tests.app.test_import_screen import open_import, user_home
from tests.conftest import settle

__all__ = ["user_home"]  # the fixture, for the tests below


def report(screen: ImportScreen) -> str:
    return str(screen.query_one("#import-text", Static).render())


async def preview(pilot: Pilot[int], screen: ImportScreen, path: str) -> None:
    screen.query_one("#import-path", Input).value = path
    await pilot.press("enter")
    await settle(pilot)


FROM = [("", HomeScreen, "Home"), ("p", ProspectsScreen, "Prospects")]


@pytest.mark.parametrize(("start", "below", "back_to"), FROM)
async def test_the_report_stays_until_the_user_goes_back_where_they_came_from(
    services: Services, user_home: Path, start: str, below: type, back_to: str
) -> None:
    app = make_app(services)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        if start:
            await pilot.press(start)
        screen = await open_import(pilot)
        await preview(pilot, screen, "~/at_home.csv")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert "Imported 1" in report(screen)
        assert f"back to {back_to}" in report(screen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, below)
    assert services.repository.count_prospects() == 1


async def test_escape_on_the_preview_steps_back_to_the_file_picker(
    services: Services, user_home: Path
) -> None:
    app = make_app(services)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot)
        await preview(pilot, screen, "~/at_home.csv")
        assert "Dry run" in report(screen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen, "escape left the preview, not the screen"
        assert screen.plan is None and "Dry run" not in report(screen)
        assert screen.query_one(CsvTree).has_focus
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert services.repository.count_prospects() == 0


async def test_a_very_long_path_is_clipped_in_its_one_sentence(
    services: Services, user_home: Path
) -> None:
    app = make_app(services)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot)
        await preview(pilot, screen, "/tmp/" + "x" * 3000 + ".csv")
        said = report(screen).splitlines()
        assert len(said[0]) < 160, said[0]
        assert "…" in said[0] and said[0].endswith(".")
        assert said[1:] == ["Nothing was changed."]
    assert services.repository.count_prospects() == 0


def cli_error(capsys: pytest.CaptureFixture[str], path: str) -> str:
    capsys.readouterr()
    assert main(["import", path]) == 2
    return capsys.readouterr().err.strip()


@pytest.mark.parametrize("name", ["missing.csv", "Downloads", "x" * 3000 + ".csv"])
async def test_the_app_and_prospect_import_say_the_same_sentence(
    services: Services,
    user_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    path = str(user_home / name)
    monkeypatch.setenv("PROSPECT_HOME", str(services.where.data_dir))
    app = make_app(services)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot)
        await preview(pilot, screen, path)
        in_app = report(screen).splitlines()[0]
    assert in_app == cli_error(capsys, path)
