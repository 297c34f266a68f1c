"""Nudges in the app: a fake notifier, a ManualClock, and the rounds run by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual import events

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.categories import Category
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.config import Config
from prospect_tui.core.model import SprintStatus
from prospect_tui.core.sprint import SprintSession
from prospect_tui.dialogs.away import AwayDialog
from prospect_tui.locations import Locations
from prospect_tui.screens.break_time import BreakScreen
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.sprint import SprintScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.app.conftest import FakeNotifier, fake_notifier
from tests.conftest import settle, start_sprint

BLOCK = '[[blocks]]\ncategory = "calling"\nstart = "15:20"\nminutes = 60\n'
"""A calling block that began ten minutes before the frozen clock (Thursday 15:30)."""


def open_app(home: Path, clock: ManualClock) -> tuple[Services, ProspectApp]:
    services = open_services(Locations(home, home), clock=clock)
    return services, make_app(services, notifier=FakeNotifier())


@pytest.fixture
def services(sprint_home: Path, clock: ManualClock) -> Iterator[Services]:
    opened = open_services(Locations(sprint_home, sprint_home), clock=clock)
    yield opened
    close_services(opened)


@pytest.fixture
def app(services: Services) -> ProspectApp:
    return make_app(services, notifier=FakeNotifier())


async def blur(app: ProspectApp, pilot: object) -> None:
    app.post_message(events.AppBlur())
    await settle(pilot)  # type: ignore[arg-type]


async def test_out_of_focus_for_61_seconds_mid_sprint_is_one_nudge(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await blur(app, pilot)
        clock.advance(seconds=61)
        app.check_nudges()
        app.check_nudges()  # the next round: already sent
        await settle(pilot)
        sent = fake_notifier(app).sent
        left = int(screen.session.remaining(clock.now()).total_seconds() // 60)
        assert sent == [
            ("Back to the queue", f"{left} minutes left in your sprint — back to the queue.")
        ]
        assert any("back to the queue" in n.message for n in app._notifications)
        drifts = services.repository.nudges_on(screen.session.sprint.local_date)
        assert [n.kind for n in drifts] == ["drift"]


async def test_out_of_focus_for_59_seconds_is_no_nudge(
    app: ProspectApp, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await start_sprint(pilot)
        await blur(app, pilot)
        clock.advance(seconds=59)
        app.check_nudges()
        app.post_message(events.AppFocus())
        await settle(pilot)
        clock.advance(minutes=5)  # back in focus: the time away is over
        app.check_nudges()
        assert fake_notifier(app).sent == []


async def test_out_of_focus_with_no_sprint_is_no_drift(
    app: ProspectApp, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await blur(app, pilot)
        clock.advance(minutes=3)
        app.check_nudges()
        assert fake_notifier(app).sent == []


async def test_a_calling_block_without_a_sprint_nudges_once_across_a_restart(
    sprint_home: Path, clock: ManualClock
) -> None:
    (sprint_home / "config.toml").write_text(BLOCK, encoding="utf-8")
    for _ in range(2):
        services, app = open_app(sprint_home, clock)
        try:
            async with app.run_test(size=(120, 36)) as pilot:
                await settle(pilot)
                assert isinstance(app.screen, HomeScreen)
                app.check_nudges()
                app.check_nudges()
                await settle(pilot)
                sent = fake_notifier(app).sent
                toasts = [n.message for n in app._notifications]
        finally:
            close_services(services)
        if _ == 0:
            message = "You planned calls at 15:20. One dial — that's all. Press s to start."
            assert sent == [("Calling block", message)]
            assert toasts.count(message) == 1  # the toast, once, with the key to start
    assert sent == []  # the restarted app does not send it again


async def test_no_block_nudge_during_a_sprint_nor_after_one_in_the_block(
    sprint_home: Path, clock: ManualClock
) -> None:
    (sprint_home / "config.toml").write_text(BLOCK, encoding="utf-8")
    services, app = open_app(sprint_home, clock)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await start_sprint(pilot)
            app.check_nudges()
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("down", "down", "down", "enter")  # abandon
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            app.check_nudges()  # a sprint started inside the block: the block is kept
            assert fake_notifier(app).sent == []
    finally:
        close_services(services)


async def test_the_machine_asleep_mid_sprint_asks_and_discard_cuts_the_sprint_there(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        clock.advance(minutes=3)
        await pilot.press("1")
        screen.tick()
        went = clock.now()
        clock.sleep(minutes=40)
        screen.tick()
        await settle(pilot)
        assert isinstance(app.screen, AwayDialog)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, BreakScreen)
        sprint = services.repository.sprint(screen.session.sprint.id)
        assert sprint is not None and sprint.status is SprintStatus.COMPLETED
        assert sprint.ended_at == went
        [entry] = [
            e
            for e in services.repository.time_entries_on(sprint.local_date)
            if e.sprint_id == sprint.id
        ]
        assert entry.category is Category.CALLING
        assert entry.seconds == 180


async def test_asleep_for_less_than_a_break_is_no_question(
    app: ProspectApp, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        screen.tick()
        clock.sleep(minutes=4)
        screen.tick()
        await settle(pilot)
        assert app.screen is screen


async def test_the_machine_asleep_and_keep_carries_on_at_the_true_time(
    app: ProspectApp, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        screen.tick()
        clock.sleep(minutes=10)
        screen.tick()
        await settle(pilot)
        assert isinstance(app.screen, AwayDialog)
        await pilot.press("k")
        await settle(pilot)
        assert app.screen is screen
        assert screen.session.remaining(clock.now()) == timedelta(minutes=15)


def leave_a_running_sprint(home: Path, clock: ManualClock) -> tuple[int, int]:
    """What a kill leaves: a running sprint with a call, and its heartbeat; (id, seconds in)."""
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        session = SprintSession.start(repository.prospects(), clock.now(), Config(), clock.tz)
        session.sprint = repository.save_sprint(session.sprint)
        clock.advance(seconds=30)
        logged = session.log("no_answer", clock.now())
        repository.log_call(logged.call, logged.prospect)
        clock.advance(seconds=90)
        from dataclasses import replace

        repository.save_sprint(replace(session.sprint, seen_at=clock.now()))
        return session.sprint.id, 120


async def test_after_a_kill_longer_than_a_break_discard_ends_the_sprint_at_the_heartbeat(
    sprint_home: Path, clock: ManualClock
) -> None:
    sprint_id, seconds = leave_a_running_sprint(sprint_home, clock)
    went = clock.now()
    clock.advance(minutes=8)
    services, app = open_app(sprint_home, clock)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, AwayDialog)
            text = str(app.screen.query_one("#away-text").render())
            assert "away for 8m" in text and f"since {went:%H:%M}" in text
            await pilot.press("ctrl+d")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            sprint = services.repository.sprint(sprint_id)
            assert sprint is not None and sprint.status is SprintStatus.COMPLETED
            assert sprint.ended_at == went
            [entry] = services.repository.time_entries_on(sprint.local_date)[-1:]
            assert entry.sprint_id == sprint_id and entry.seconds == seconds
            assert any("when Prospect went away" in n.message for n in app._notifications)
    finally:
        close_services(services)


async def test_after_a_kill_shorter_than_a_break_the_sprint_resumes_without_a_question(
    sprint_home: Path, clock: ManualClock
) -> None:
    sprint_id, _ = leave_a_running_sprint(sprint_home, clock)
    clock.advance(minutes=4)
    services, app = open_app(sprint_home, clock)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SprintScreen) and screen.resumed
            assert screen.session.sprint.id == sprint_id
    finally:
        close_services(services)


async def test_a_running_sprint_records_its_heartbeat_every_half_minute(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        sprint_id = screen.session.sprint.id
        clock.advance(seconds=29)
        screen.tick()
        stored = services.repository.sprint(sprint_id)
        assert stored is not None and stored.seen_at is None
        clock.advance(seconds=1)
        screen.tick()
        stored = services.repository.sprint(sprint_id)
        assert stored is not None and stored.seen_at == clock.now()
