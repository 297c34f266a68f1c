"""What helps on the call: the card's history, the day against its goal, times that move."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Call, Prospect, Status
from prospect_tui.locations import Locations
from prospect_tui.screens.break_time import BreakScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from prospect_tui.widgets.day_goal import DayGoal
from tests.app.conftest import FakeNotifier
from tests.conftest import PARIS, settle, start_sprint

HOSTILE = "[b]left a message[/b] $(rm -rf ~)"


def called(lea: Prospect, at: datetime, outcome: str, **fields: Any) -> Call:
    return Call(
        prospect_id=lea.id,
        started_at=at,
        ended_at=at + timedelta(seconds=40),
        outcome=outcome,
        local_date=at.date(),
        **fields,
    )


@pytest.fixture
def history_home(home: Path) -> Path:
    """Bob in New York, never called; Lea in Paris, called four times since September."""
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        people = [
            Prospect(
                first_name="Bob",
                last_name="Stone",
                phone="+12125550147",
                timezone="America/New_York",
            ),
            Prospect(
                first_name="Lea",
                last_name="Roux",
                phone="+33612345678",
                timezone="Europe/Paris",
                status=Status.ATTEMPTED,
                attempts=4,
                last_outcome="voicemail",
                last_called_at=datetime(2026, 11, 18, 10, 1, tzinfo=PARIS),
            ),
        ]
        repository.save_prospects(people)  # gives them their ids
        lea = people[1]
        for call in (
            called(lea, datetime(2026, 9, 10, 9, 0, tzinfo=PARIS), "no_answer"),
            called(
                lea,
                datetime(2026, 10, 28, 11, 15, tzinfo=PARIS),
                "gatekeeper",
                gatekeeper="Sam at reception",
            ),
            called(lea, datetime(2026, 11, 12, 14, 5, tzinfo=PARIS), "no_answer"),
            called(lea, datetime(2026, 11, 18, 10, 0, tzinfo=PARIS), "voicemail", notes=HOSTILE),
        ):
            repository.log_call(call, lea)
    return home


@pytest.fixture
def services(history_home: Path, clock: ManualClock) -> Iterator[Services]:
    opened = open_services(Locations(history_home, history_home), clock=clock)
    yield opened
    close_services(opened)


@pytest.fixture
def app(services: Services) -> ProspectApp:
    return make_app(services, notifier=FakeNotifier())


def panel(app: ProspectApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_the_history_lists_the_cards_calls_newest_first_as_written(
    app: ProspectApp,
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        assert screen.session.card is not None
        assert screen.session.card.prospect.first_name == "Bob"
        assert "Never called before." in panel(app, "#history")

        await pilot.press("1")
        await settle(pilot)
        assert screen.session.card is not None
        assert screen.session.card.prospect.first_name == "Lea"
        lines = panel(app, "#history").splitlines()
        assert lines[0] == "Wed 18 Nov 10:00  Voicemail"
        assert lines[1] == f"  {HOSTILE}", "notes are text, never markup"
        assert lines[2] == "Thu 12 Nov 14:05  No answer"
        assert lines[3] == "Wed 28 Oct 11:15  Gatekeeper"
        assert lines[4] == "  Sam at reception"
        assert lines[5] == "and 1 earlier call"  # September: before the months read
        assert len(lines) == 6


async def test_the_history_is_read_once_per_card_and_never_for_someone_never_called(
    app: ProspectApp, services: Services, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[int] = []
    read = services.repository.calls_of_prospect

    def counting(prospect_id: int, since: Any, limit: int) -> list[Call]:
        reads.append(prospect_id)
        return read(prospect_id, since, limit)

    monkeypatch.setattr(services.repository, "calls_of_prospect", counting)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        assert reads == [], "Bob was never called: no month is looked through"
        await pilot.press("1")
        await settle(pilot)
        assert screen.session.card is not None
        lea = screen.session.card.prospect.id
        for _ in range(3):  # minutes go by: the card is redrawn, its history is not read
            clock.advance(minutes=1)
            screen.tick()
            await settle(pilot)
        await pilot.press("e", "x", "enter")  # a note on the card redraws it too
        await settle(pilot)
        assert reads == [lea]


async def test_a_minute_on_screen_moves_the_prospects_local_time_without_a_key(
    app: ProspectApp, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        assert "Thu 09:30 their time" in panel(app, "#card")
        clock.advance(minutes=1)
        screen.tick()  # what the screen's timer does four times a second
        await settle(pilot)
        assert "Thu 09:31 their time" in panel(app, "#card")


async def test_the_card_says_when_a_closed_window_opens_again(
    history_home: Path, clock: ManualClock
) -> None:
    (history_home / "config.toml").write_text('[calling]\nwindow = "10:00-15:45"\n')
    services = open_services(Locations(history_home, history_home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await start_sprint(pilot)  # New York is closed: Lea in Paris is first
            assert screen.session.card is not None
            assert screen.session.card.prospect.first_name == "Lea"
            assert "callable now" in panel(app, "#card")
            clock.advance(minutes=16)  # 15:46 in Paris: her window closed a minute ago
            screen.tick()
            await settle(pilot)
            card = panel(app, "#card")
            assert "Thu 15:46 their time" in card
            assert "callable in 18h14m (from 10:00)" in card
    finally:
        close_services(services)


async def test_the_day_against_its_goal_counts_this_sprints_dials(app: ProspectApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await start_sprint(pilot)
        bars = app.screen.query_one("#day-goal", DayGoal)
        assert bars.texts()[1] == "0 / 30"
        await pilot.press("1", "2")
        await settle(pilot)
        sprints, dials = bars.texts()
        assert dials == "2 / 30"
        assert sprints == "0 / 2"


async def test_the_break_says_when_it_is_over(app: ProspectApp, clock: ManualClock) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("1")
        clock.advance(minutes=25)
        screen.tick()
        await pilot.press("2")  # the last call, on the card at 00:00
        await settle(pilot)
        assert isinstance(app.screen, BreakScreen)
        countdown = app.screen.query_one("#break-countdown")
        assert countdown.border_title == "Break until 16:00"  # ended 15:55, five minutes
        clock.advance(minutes=5)
        app.screen.tick()
        await settle(pilot)
        assert countdown.border_title == "Break over at 16:00"


async def test_a_sprint_reads_the_days_calls_once_as_it_starts(
    app: ProspectApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The day's goal panel counts from what the start already read: a second read of the
    day's calls, on the UI thread as the screen mounts, grows with the day's history."""
    reads: list[object] = []
    calls_on = Repository.calls_on

    def counted(self: Repository, day: Any) -> list[Call]:
        reads.append(day)
        return calls_on(self, day)

    monkeypatch.setattr(Repository, "calls_on", counted)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        reads.clear()  # home's own reads
        await start_sprint(pilot)
        assert len(reads) == 1
        bars = app.screen.query_one("#day-goal", DayGoal)
        assert bars.texts()[1] == "0 / 30"


async def test_the_day_goal_shows_no_count_before_it_is_counted(app: ProspectApp) -> None:
    """The sprint's first frame draws the goal panel before the day is counted into it: its
    counts are blank then, never a made-up 0."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        goal = DayGoal(id="probe-goal")
        await app.screen.mount(goal)
        await settle(pilot)
        assert goal.texts() == ("", "")
        lines = [goal.render_line(y).text for y in (0, 1)]
        assert lines[0].startswith("Sprints") and lines[1].startswith("Dials")
        assert not any(character.isdigit() for line in lines for character in line)
