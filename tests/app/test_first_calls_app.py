"""Tomorrow's first calls, driven with Pilot: picked in today's review, opening the next sprint."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.config import Config, GoalSettings, SprintSettings
from prospect_tui.core.first_calls import picks
from prospect_tui.core.model import Prospect, Status
from prospect_tui.dialogs.first_calls import FirstCallsDialog
from prospect_tui.locations import Locations
from prospect_tui.screens.break_time import BreakScreen
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.review import ReviewScreen
from prospect_tui.services import Services, close_services, open_services
from tests.app.conftest import FakeNotifier
from tests.conftest import settle, start_sprint

THURSDAY = date(2026, 11, 19)
FRIDAY = date(2026, 11, 20)
NAMES = ("Ada", "Bob", "Cy", "Dee", "[b]Eve[/b]", "$(rm -rf ~)")


def add_people(services: Services) -> list[Prospect]:
    """Prospects callable on the frozen Thursday afternoon, in Paris."""
    return [
        services.repository.save_prospect(
            Prospect(first_name=name, company="Acme", phone="+33142000000", timezone="Europe/Paris")
        )
        for name in NAMES
    ]


@pytest.fixture
def people(services: Services) -> list[Prospect]:
    return add_people(services)


@pytest.fixture
def app(services: Services, people: list[Prospect]) -> ProspectApp:
    return make_app(services, notifier=FakeNotifier())


def chosen_text(app: ProspectApp) -> str:
    return str(app.screen.query_one("#first-calls-chosen", Static).render())


async def open_picker(app: ProspectApp, pilot: object) -> FirstCallsDialog:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)
    assert isinstance(app.screen, ReviewScreen)
    await pilot.press("f")
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, FirstCallsDialog)
    return dialog


async def test_the_review_asks_for_tomorrows_three_and_stores_them(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_picker(app, pilot)
        assert dialog.day == FRIDAY  # Thursday's tomorrow
        assert "Friday 20 November" in str(dialog.query_one("#first-calls-title", Static).render())
        await pilot.press("slash", *"dee", "enter", "space")
        await pilot.press("slash", "backspace", "backspace", "backspace", *"eve", "enter", "space")
        await pilot.press("slash", "backspace", "backspace", "backspace", "enter")
        await pilot.press("space")  # the first listed: Ada
        await settle(pilot)
        assert chosen_text(app) == "Picked: 1. Dee, 2. [b]Eve[/b], 3. Ada"
        await pilot.press("down", "space")  # a fourth is refused
        await settle(pilot)
        assert chosen_text(app) == "Picked: 1. Dee, 2. [b]Eve[/b], 3. Ada"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
    stored = services.repository.first_calls_on(FRIDAY)
    assert [(f.who, f.rank) for f in stored] == [("Dee", 1), ("[b]Eve[/b]", 2), ("Ada", 3)]


async def test_picks_can_be_changed_cleared_or_kept_as_they_were(
    app: ProspectApp, services: Services, people: list[Prospect], clock: ManualClock
) -> None:
    services.repository.pick_first_calls(FRIDAY, picks(FRIDAY, people[:2], clock.now()))
    async with app.run_test(size=(120, 36)) as pilot:
        await open_picker(app, pilot)
        assert chosen_text(app) == "Picked: 1. Ada, 2. Bob"
        await pilot.press("space")  # Ada off
        await settle(pilot)
        assert chosen_text(app) == "Picked: 1. Bob"
        await pilot.press("escape")  # cancelled: nothing changes
        await settle(pilot)
        assert [f.who for f in services.repository.first_calls_on(FRIDAY)] == ["Ada", "Bob"]
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("x", "ctrl+s")
        await settle(pilot)
    assert services.repository.first_calls_on(FRIDAY) == []


async def test_a_past_days_review_does_not_ask(app: ProspectApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("left")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)


async def test_they_open_the_days_first_sprint_and_are_then_used_up(
    app: ProspectApp, services: Services, people: list[Prospect], clock: ManualClock
) -> None:
    ada, _, cy, dee, eve, _ = people
    dee.status = Status.DO_NOT_CALL  # marked since it was picked
    services.repository.save_prospect(dee)
    chosen = [eve, dee, cy]
    services.repository.pick_first_calls(THURSDAY, picks(THURSDAY, chosen, clock.now()))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        line = str(app.screen.query_one("#home-first-calls", Static).render())
        assert line.startswith("Your first three calls: [b]Eve[/b], Dee, Cy")
        sprint = await start_sprint(pilot)
        assert sprint.session.card is not None
        assert sprint.session.card.prospect.id == eve.id
        assert [p.id for p in sprint.session.upcoming(2)] == [cy.id, ada.id]
        used = services.repository.first_calls_on(THURSDAY)
        assert {f.sprint_id for f in used} == {sprint.session.sprint.id}
        await pilot.press("escape")  # abandon: asks why
        await settle(pilot)
    # A second sprint that day starts in the usual order: they were used up.
    assert all(f.sprint_id for f in services.repository.first_calls_on(THURSDAY))


async def test_home_says_nothing_of_first_calls_on_another_day(
    app: ProspectApp, services: Services, people: list[Prospect], clock: ManualClock
) -> None:
    services.repository.pick_first_calls(FRIDAY, picks(FRIDAY, people[:1], clock.now()))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not app.screen.query_one("#home-first-calls", Static).display


# -- the break offers the review after the day's last sprint ---------------------------------


@pytest.fixture
def one_sprint_day(home: Path, clock: ManualClock) -> Iterator[Services]:
    config = Config(sprint=SprintSettings(minutes=1), goal=GoalSettings(sprints=1, dials=0))
    opened = open_services(Locations(home, home), clock=clock, config=config)
    add_people(opened)
    yield opened
    close_services(opened)


async def test_the_break_after_the_sprint_that_met_the_goal_offers_the_review(
    one_sprint_day: Services, clock: ManualClock
) -> None:
    app = make_app(one_sprint_day, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        clock.advance(minutes=1)
        screen.tick()
        await pilot.press("1")
        await settle(pilot)
        brk = app.screen
        assert isinstance(brk, BreakScreen) and brk.offer_review
        advice = str(brk.query_one("#break-advice", Static).render())
        assert "Press r to review the day" in advice
        clock.advance(seconds=2)  # past the key guard of the screen change
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FirstCallsDialog)
        # The one just called is due again tomorrow, so still listed.
        assert app.screen.query_one(OptionList).option_count == len(NAMES)


async def test_a_break_before_the_goal_is_met_does_not_offer_it(
    services: Services, people: list[Prospect], clock: ManualClock
) -> None:
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        clock.advance(minutes=25)
        screen.tick()
        await pilot.press("1")
        await settle(pilot)
        brk = app.screen
        assert isinstance(brk, BreakScreen) and not brk.offer_review
        clock.advance(seconds=2)
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is brk


REMAPS = """\
[keys]
first_calls = "n"
pick_first_call = "p"
clear_first_calls = "c"
keep_first_calls = "f2"
break_review = "f3"
"""


async def test_the_pickers_keys_follow_a_remap(home: Path, clock: ManualClock) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text(REMAPS, encoding="utf-8")
    services = open_services(Locations(home, home), clock=clock)
    try:
        add_people(services)
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("v", "f")
            await settle(pilot)
            assert isinstance(app.screen, ReviewScreen), "f is no longer the review's key"
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, FirstCallsDialog)
            hint = str(app.screen.query_one("#first-calls-hint", Static).render())
            assert "p pick" in hint and "f2 keep" in hint
            await pilot.press("space", "p", "x")  # the defaults do nothing now
            await settle(pilot)
            assert chosen_text(app) == "Picked: 1. Ada"
            await pilot.press("f2")
            await settle(pilot)
        assert [f.who for f in services.repository.first_calls_on(FRIDAY)] == ["Ada"]
    finally:
        close_services(services)


def test_a_first_sprint_resumed_after_a_crash_keeps_its_picks_first(
    services: Services, people: list[Prospect], clock: ManualClock
) -> None:
    from datetime import timedelta

    from prospect_tui.core.model import Sprint
    from prospect_tui.home_data import pick_up

    last = people[-1]  # by the usual order they would be called last
    repository = services.repository
    repository.pick_first_calls(THURSDAY, picks(THURSDAY, [last], clock.now()))
    now = clock.now()
    sprint = Sprint(started_at=now, ends_at=now + timedelta(minutes=25), local_date=THURSDAY)
    running = repository.start_sprint(sprint, repository.first_calls_on(THURSDAY))
    clock.advance(minutes=2)
    resumed, _, _ = pick_up(services, running, [])
    assert resumed is not None and resumed.card is not None
    assert resumed.card.prospect.id == last.id
    # Another sprint of the day does not get them: they are that sprint's.
    other = Sprint(started_at=now, ends_at=now + timedelta(minutes=25), local_date=THURSDAY)
    other.id = running.id + 1
    fresh, _, _ = pick_up(services, other, [])
    assert fresh is not None and fresh.card is not None
    assert fresh.card.prospect.id == people[0].id
