"""In the app, a record that is not valid opens an error dialog naming its file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.dialogs.error import ErrorDialog
from prospect_tui.locations import Locations
from prospect_tui.screens import prospects
from prospect_tui.services import close_services, open_services
from prospect_tui.widgets.prospect_table import ProspectTable
from tests.conftest import settle


def unknown_status(home: Path) -> Path:
    """Prospect 3's status flipped to a name Prospect does not know; still valid JSON."""
    path = home / "prospects.json"
    data = json.loads(path.read_bytes())
    data["prospects"]["3"]["status"] = "do_not_caml"
    path.write_text(json.dumps(data))
    return path


async def test_the_prospects_screen_says_the_file_is_damaged(
    sample_home: Path, clock: ManualClock
) -> None:
    path = unknown_status(sample_home)
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = make_app(services)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("p")
            await settle(pilot)
            assert isinstance(app.screen, ErrorDialog)
            assert f"{path} is damaged (record 3 of prospects: status" in app.screen.message
            assert "`prospect restore`" in app.screen.message
    finally:
        close_services(services)


async def test_starting_a_sprint_says_the_file_is_damaged(
    sample_home: Path, clock: ManualClock
) -> None:
    path = unknown_status(sample_home)
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = make_app(services)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("s")
            await settle(pilot)
            assert isinstance(app.screen, ErrorDialog)
            assert f"{path} is damaged (record 3 of prospects" in app.screen.message
    finally:
        close_services(services)


async def test_a_line_found_damaged_after_the_list_is_shown_empties_it_and_says_so(
    sample_home: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A field only the list reads, damaged in place (the file's size kept: still read
    # from its lines), and read after the list is shown: not among the first lines.
    monkeypatch.setattr(prospects, "FIRST_READ", 0)
    path = sample_home / "prospects.json"
    lines = path.read_bytes().splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if b'"title": "CFO"' in line)
    lines[at] = lines[at].replace(b'"title": "CFO"', b'"title": 12345', 1)
    path.write_bytes(b"".join(lines))
    record = lines[at].split(b'"')[1].decode()
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = make_app(services)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("p")
            await settle(pilot)
            assert isinstance(app.screen, ErrorDialog)
            assert f"{path} is damaged (record {record} of prospects: title" in app.screen.message
            app.pop_screen()
            assert app.screen.query_one(ProspectTable).rows == []
    finally:
        close_services(services)
