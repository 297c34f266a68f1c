"""In the app, a record that is not valid opens an error dialog naming its file."""

from __future__ import annotations

import json
from pathlib import Path

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.dialogs.error import ErrorDialog
from prospect_tui.locations import Locations
from prospect_tui.services import close_services, open_services
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
