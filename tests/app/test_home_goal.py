"""The home screen's goal: completed sprints and dials, the rule the streak uses."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.days import local_date
from prospect_tui.core.model import Call, Prospect, Sprint, SprintStatus
from prospect_tui.core.record import Record
from prospect_tui.screens.home import HomeScreen
from prospect_tui.services import Services
from tests.conftest import settle


def _today_records(clock: ManualClock, sprints: int, dials: int) -> list[Record]:
    now = clock.now()
    day = local_date(now, clock.tz)
    records: list[Record] = [Prospect(id=1, first_name="Ada", phone="+14155550123")]
    for _ in range(sprints):
        start = now - timedelta(hours=2)
        records.append(
            Sprint(
                id=len(records) + 1,
                started_at=start,
                ends_at=start + timedelta(minutes=25),
                ended_at=start + timedelta(minutes=25),
                status=SprintStatus.COMPLETED,
                local_date=day,
            )
        )
    for n in range(dials):
        at = now - timedelta(hours=1, seconds=-30 * n)
        records.append(
            Call(
                id=len(records) + 1,
                prospect_id=1,
                started_at=at,
                ended_at=at,
                outcome="no_answer",
                local_date=day,
            )
        )
    return records


async def _streak_box(services: Services) -> tuple[str, str]:
    app = make_app(services)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        today = str(app.screen.query_one("#streak-today", Static).render())
        current = str(app.screen.query_one("#streak-current", Static).render())
    return today, current


async def test_two_sprints_without_a_dial_do_not_meet_the_goal(
    services: Services, clock: ManualClock
) -> None:
    services.repository.insert_with_ids(_today_records(clock, sprints=2, dials=0))
    today, current = await _streak_box(services)
    assert today == "30 more dials today"
    assert current.startswith("0 ")


async def test_sprints_and_dials_meet_the_goal(services: Services, clock: ManualClock) -> None:
    services.repository.insert_with_ids(_today_records(clock, sprints=2, dials=30))
    today, current = await _streak_box(services)
    assert today == "goal met today ✓"
    assert current.startswith("1 ")
