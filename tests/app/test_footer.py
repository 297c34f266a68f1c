"""The footer follows the state: it shows only keys that act now, named for what they do now.

And the sprint's pause allowance running out is heard and said, not silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.config import Config
from prospect_tui.core.sprint import SprintSession
from prospect_tui.locations import Locations
from prospect_tui.screens.review import ReviewScreen
from prospect_tui.screens.sprint import SprintScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from prospect_tui.widgets.key_bar import KeyBar
from tests.app.conftest import FakeNotifier, fake_notifier
from tests.conftest import settle, start_sprint


@pytest.fixture
def services(sprint_home: Path, clock: ManualClock) -> Iterator[Services]:
    opened = open_services(Locations(sprint_home, sprint_home), clock=clock)
    yield opened
    close_services(opened)


@pytest.fixture
def app(services: Services) -> ProspectApp:
    return make_app(services, notifier=FakeNotifier())


def footer(app: ProspectApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


def legend(app: ProspectApp) -> str:
    return str(app.screen.query_one("#outcome-keys", Static).render())


async def test_pause_reads_resume_and_the_outcome_keys_give_way_while_paused(
    app: ProspectApp,
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await start_sprint(pilot)
        assert "p Pause" in footer(app) and "1 No answer" in legend(app)
        await pilot.press("p")
        await settle(pilot)
        assert "p Resume" in footer(app) and "Pause" not in footer(app)
        assert "s Skip" not in footer(app)
        assert "No answer" not in legend(app) and "Paused" in legend(app)
        await pilot.press("p")
        await settle(pilot)
        assert "p Pause" in footer(app) and "1 No answer" in legend(app)


def pause_state(app: ProspectApp) -> str:
    return str(app.screen.query_one("#countdown-state", Static).render())


async def test_the_pause_left_counts_down_as_the_clock_moves(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        sprint = await start_sprint(pilot)
        allowance = services.config.sprint.max_pause_minutes
        await pilot.press("p")
        sprint.tick()  # what the screen's timer does, at a moment the test picks
        await settle(pilot)
        assert f"{allowance:02d}:00 of pause left" in pause_state(app), pause_state(app)
        shown = []
        for step in (allowance * 60 - 50, 20):  # no key: only the clock moves
            clock.advance(seconds=step)
            sprint.tick()
            await settle(pilot)
            shown.append(pause_state(app))
        # In the last minute too: a minute's count would read "1 min" all along.
        assert "00:50 of pause left" in shown[0] and "00:30 of pause left" in shown[1], shown


async def test_undo_shows_only_with_a_call_of_this_session_to_take_back(app: ProspectApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await start_sprint(pilot)
        assert "Undo" not in footer(app)
        await pilot.press("1")
        await settle(pilot)
        assert "u Undo" in footer(app)
        await pilot.press("u")
        await settle(pilot)
        assert "Undo" not in footer(app)


async def test_undo_is_not_offered_for_a_call_logged_before_a_restart(
    sprint_home: Path, clock: ManualClock
) -> None:
    with Workspace.open(sprint_home, write=True) as workspace:  # what a crash leaves
        repository = Repository(workspace)
        session = SprintSession.start(repository.prospects(), clock.now(), Config(), clock.tz)
        session.sprint = repository.save_sprint(session.sprint)
        clock.advance(seconds=30)
        logged = session.log("no_answer", clock.now())
        repository.log_call(logged.call, logged.prospect)
    clock.advance(seconds=30)
    services = open_services(Locations(sprint_home, sprint_home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SprintScreen) and screen.resumed
            assert screen.session.logged, "the call from before the restart counts"
            assert "Undo" not in footer(app)
            assert screen.check_action("undo", ()) is False
            clock.advance(seconds=1)  # past the key guard the resumed sprint put up
            await pilot.press("1")  # a call of this session can be taken back
            await settle(pilot)
            assert "u Undo" in footer(app)
    finally:
        close_services(services)


async def test_greyed_out_keys_are_not_shown(sample_services: Services) -> None:
    app = make_app(sample_services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert "Day before" in footer(app)
        assert "Day after" not in footer(app), "today's review has no day after"
        await pilot.press("left")
        await settle(pilot)
        assert "Day after" in footer(app)


async def test_the_prospects_footer_names_the_priority_keys(sample_services: Services) -> None:
    app = make_app(sample_services, notifier=FakeNotifier())
    async with app.run_test(size=(160, 36)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "+ Priority up" in footer(app) and "- Priority down" in footer(app)
        assert "d Do not call" in footer(app)


async def test_the_help_key_stays_in_a_narrow_footer(sample_services: Services) -> None:
    app = make_app(sample_services, notifier=FakeNotifier())
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        shown = footer(app)
        assert shown.rstrip().endswith("? Help")
        # The keys that fit are shown whole, the first first; none is cut to "…".
        assert "/ Search" in shown and "…" not in shown, shown


async def test_the_pause_allowance_running_out_rings_and_says_so(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        sprint = await start_sprint(pilot)
        notifier = fake_notifier(app)
        allowance = timedelta(minutes=services.config.sprint.max_pause_minutes)
        await pilot.press("p")
        await settle(pilot)
        bells = notifier.bells
        clock.advance(seconds=allowance.total_seconds() - 1)
        sprint.tick()
        await settle(pilot)
        assert notifier.bells == bells and sprint.session.is_paused(clock.now())
        clock.advance(seconds=2)
        sprint.tick()
        await settle(pilot)
        assert notifier.bells == bells + 1
        assert any("Pause allowance used up" in n.message for n in app._notifications)
        assert ("Pause over", "Pause allowance used up — back to calling.") in notifier.sent
        assert not sprint.session.is_paused(clock.now())
        assert "Pause" not in footer(app) and "Resume" not in footer(app), "no pause left"
        assert "1 No answer" in legend(app)
        saved = services.repository.sprint(sprint.session.sprint.id)
        assert saved is not None and saved.paused_at is None
        assert saved.paused_s == allowance.total_seconds()
        clock.advance(seconds=5)
        sprint.tick()
        await settle(pilot)
        assert notifier.bells == bells + 1, "once"
