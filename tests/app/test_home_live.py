"""Home moves with the clock: the next block counts down, starts, and the key to press follows.

The screen's one-second timer runs ``tick``; the tests move the ManualClock and
run the tick as the timer would — no key is pressed, nothing sleeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import FollowUp, Prospect
from prospect_tui.locations import Locations
from prospect_tui.screens.home import HomeScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.conftest import FakeNotifier, settle

BLOCK = '[[blocks]]\ncategory = "calling"\nstart = "15:45"\nminutes = 60\n'
"""A calling block a quarter of an hour after the frozen clock (Thursday 15:30)."""


@pytest.fixture
def services(home: Path, clock: ManualClock) -> Iterator[Services]:
    """One prospect, no call yet today, and the calling block."""
    with Workspace.open(home, write=True) as workspace:
        Repository(workspace).save_prospect(
            Prospect(first_name="Ada", phone="+14155550123", timezone="America/New_York")
        )
    (home / "config.toml").write_text(BLOCK, encoding="utf-8")
    opened = open_services(Locations(home, home), clock=clock)
    yield opened
    close_services(opened)


def _text(app: ProspectApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _tick(app: ProspectApp, pilot: object) -> None:
    screen = app.screen
    assert isinstance(screen, HomeScreen)
    screen.tick()  # what the screen's timer runs every second
    await settle(pilot)  # type: ignore[arg-type]


async def test_the_next_block_counts_down_a_minute_with_no_key(
    services: Services, clock: ManualClock
) -> None:
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert _text(app, "#next-block-text") == "Calling block in 15m — today 15:45–16:45"
        clock.advance(minutes=1)
        await _tick(app, pilot)
        assert _text(app, "#next-block-text") == "Calling block in 14m — today 15:45–16:45"


async def test_the_block_starting_switches_the_panel_and_the_key_to_press(
    services: Services, clock: ManualClock
) -> None:
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert _text(app, "#home-next") == "▶ Press s to start sprint 1 of 2 today."
        clock.advance(minutes=18)  # 15:48: the block began three minutes ago
        await _tick(app, pilot)
        assert (
            _text(app, "#next-block-text")
            == "Calling block now — 15:45–16:45, started 3m ago · 57m left"
        )
        assert _text(app, "#home-next") == (
            "▶ Your calling block is on: press s for sprint 1 — one dial."
        )
        clock.advance(hours=1)  # 16:48: over; tomorrow's is next
        await _tick(app, pilot)
        assert _text(app, "#next-block-text") == ("Calling block in 22h 57m — tomorrow 15:45–16:45")


async def test_a_follow_up_coming_due_becomes_the_key_to_press(
    services: Services, clock: ManualClock
) -> None:
    now = clock.now()
    services.repository.save_followup(
        FollowUp(prospect_id=1, kind="callback", who="Ada", due_at=now.replace(minute=40),
                 created_at=now)
    )  # fmt: skip
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "sprint 1 of 2" in _text(app, "#home-next")
        clock.advance(minutes=10)  # 15:40: the callback's time has come
        await _tick(app, pilot)
        assert _text(app, "#home-next") == "▶ Press f: 1 follow-up due."


async def test_a_new_day_reads_the_workspace_again(services: Services, clock: ManualClock) -> None:
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#today").border_title == "Today · Thursday 19 November"
        clock.advance(hours=9)  # 00:30 on Friday
        await _tick(app, pilot)
        assert app.screen.query_one("#today").border_title == "Today · Friday 20 November"


async def test_a_new_day_is_read_once_however_many_ticks_come_while_it_is_read(
    services: Services, clock: ManualClock
) -> None:
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        asked: list[bool] = []
        screen.load = lambda: asked.append(True)  # type: ignore[assignment,method-assign,return-value]
        clock.advance(hours=9)  # 00:30 on Friday; a big workspace takes seconds to read
        for _ in range(3):
            screen.tick()
        assert len(asked) == 1, "each tick restarting the read would never let it finish"
