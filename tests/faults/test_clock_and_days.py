"""The clock jumping back and forward mid-sprint, and a sprint on a DST night with
the day starting past midnight — through the app or the store, as the user lives it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Digits

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock, between, shift
from prospect_tui.core.config import Config
from prospect_tui.core.days import day_bounds, local_date
from prospect_tui.core.model import Prospect, SprintStatus
from prospect_tui.core.sprint import SprintSession
from prospect_tui.dialogs.away import AwayDialog
from prospect_tui.locations import Locations
from prospect_tui.screens.break_time import BreakScreen
from prospect_tui.services import close_services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.conftest import PARIS, FakeNotifier, settle, start_sprint


async def test_the_clock_jumping_back_and_forward_mid_sprint(
    sprint_home: Path, clock: ManualClock
) -> None:
    """The countdown never grows and never skips, no call or time entry is negative,
    the minutes recorded are the minutes lived, and the sprint ends once."""
    services = open_services(Locations(sprint_home, sprint_home), clock=clock)
    notifier = FakeNotifier()
    try:
        app = make_app(services, notifier=notifier)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await start_sprint(pilot)
            sprint_id = screen.session.sprint.id
            clock.advance(minutes=5)
            await pilot.press("1")
            clock.set(shift(clock.now(), -timedelta(hours=3)))  # NTP, or a hand, sets it back
            screen.tick()
            assert str(screen.query_one(Digits).value) == "20:00"
            clock.advance(seconds=40)
            await pilot.press("2")  # a call across the set-back
            clock.advance(minutes=3)  # forward a little: three minutes of the sprint go
            screen.tick()
            assert str(screen.query_one(Digits).value) == "16:20"
            clock.advance(minutes=17)  # forward past the end, by less than a break
            screen.tick()
            await settle(pilot)
            assert str(screen.query_one(Digits).value) == "00:00"
            await pilot.press("4")  # the call on the card when time ran out ends the sprint
            await settle(pilot)
            assert isinstance(app.screen, BreakScreen)
            clock.set(shift(clock.now(), -timedelta(hours=6)))  # back again, before it began
            screen.tick()  # a tick of the ended sprint's screen ends nothing twice
            await settle(pilot)
            assert isinstance(app.screen, BreakScreen)

        repository = services.repository
        sprint = repository.sprint(sprint_id)
        assert sprint is not None and sprint.status is SprintStatus.COMPLETED
        calls = repository.calls_of_sprint(sprint)
        assert len(calls) == 3
        assert all(call.duration_s >= 0 and call.started_at <= call.ended_at for call in calls)
        entries = [e for e in repository.time_entries() if e.sprint_id == sprint_id]
        assert entries and all(e.seconds >= 0 for e in entries)
        # 5 min, 40 s, 3 min, 17 min: 25 min and the 40 s the last call ran over.
        assert sum(e.seconds for e in entries) == 25 * 60 + 40
        titles = [title for title, _ in notifier.sent]
        assert titles.count("Time's up") == 1
        assert len(titles) == len(set(titles)), titles  # nothing about the end said twice
    finally:
        close_services(services)


async def test_a_jump_forward_longer_than_a_break_asks_and_discarding_cuts_there(
    sprint_home: Path, clock: ManualClock
) -> None:
    services = open_services(Locations(sprint_home, sprint_home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await start_sprint(pilot)
            sprint_id = screen.session.sprint.id
            clock.advance(minutes=4)
            await pilot.press("1")
            screen.tick()
            clock.set(shift(clock.now(), timedelta(hours=5)))
            screen.tick()
            await settle(pilot)
            assert isinstance(app.screen, AwayDialog)
            await pilot.press("ctrl+d")
            await settle(pilot)
            assert not isinstance(app.screen, AwayDialog) and screen.ended

        sprint = services.repository.sprint(sprint_id)
        assert sprint is not None and sprint.status is SprintStatus.COMPLETED
        entries = [e for e in services.repository.time_entries() if e.sprint_id == sprint_id]
        assert sum(e.seconds for e in entries) == 4 * 60  # cut where the app went away
    finally:
        close_services(services)


NIGHT_OWL = replace(Config(), days=replace(Config().days, start_hour=3))


@pytest.mark.parametrize(
    ("start", "before", "after"),
    [
        # Paris falls back at 03:00 CEST to 02:00 CET: the second 02:50 of the night.
        (datetime(2026, 10, 25, 1, 50, tzinfo=UTC), date(2026, 10, 24), date(2026, 10, 25)),
        # Paris springs forward at 02:00 CET to 03:00 CEST: 01:50, then 03:00 at once.
        (datetime(2026, 3, 29, 0, 50, tzinfo=UTC), date(2026, 3, 28), date(2026, 3, 29)),
    ],
)
def test_a_sprint_on_a_dst_night_with_the_day_starting_at_3(
    home: Path, start: datetime, before: date, after: date
) -> None:
    """Its minutes are split at the day's start as the wall clock has it, each call counts
    for the day it was made on, and the store gives each day its own share."""
    clock = ManualClock(start.astimezone(PARIS))
    people = [
        Prospect(id=n, first_name=f"P{n}", phone=f"+8135550{n:04d}", timezone="Asia/Tokyo")
        for n in range(1, 4)
    ]
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        repository.save_prospects(people)
        people = repository.prospects()
        session = SprintSession.start(people, clock.now(), NIGHT_OWL, PARIS)
        session.sprint = repository.start_sprint(session.sprint, [])
        boundary, _ = day_bounds(after, PARIS, 3)
        made = []
        for minutes in (5, 15, 4):  # at 5, 20 and 24 minutes in: either side of the start
            clock.advance(minutes=minutes)
            logged = session.log("no_answer", clock.now())
            repository.log_call(logged.call, logged.prospect)
            made.append(logged.call)
        assert len(made) == 3
        clock.advance(minutes=1)  # and the time is up
        sprint, entries = session.finish(clock.now(), SprintStatus.COMPLETED)
        repository.finish_sprint(sprint, entries)

    with Workspace.open(home) as workspace:
        repository = Repository(workspace)
        assert sprint.local_date == before
        assert {c.local_date for c in made} == {before, after}
        for call in made:
            expected = before if call.started_at < boundary else after
            assert call.local_date == expected == local_date(call.started_at, PARIS, 3)
        on_days = {
            day: [e for e in repository.time_entries_on(day) if e.sprint_id == sprint.id]
            for day in (before, after)
        }
        assert [len(on_days[before]), len(on_days[after])] == [1, 1]
        (first,), (second,) = on_days[before], on_days[after]
        assert first.seconds + second.seconds == 25 * 60  # real minutes, whatever the wall says
        assert first.seconds == between(sprint.started_at, boundary).total_seconds()
        assert first.seconds > 0 and second.seconds > 0
        assert {c.local_date for c in repository.calls_on(before)} <= {before}
        counted = len(repository.calls_on(before)) + len(repository.calls_on(after))
        assert counted == len(made)
