"""Objection cards during a call: ``o``, a digit, the answer on screen, the call tagged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.dialogs.base import Dialog
from prospect_tui.dialogs.meeting import MeetingDialog
from prospect_tui.dialogs.objections import ObjectionDialog
from prospect_tui.locations import Locations
from prospect_tui.sample.data import sample_config_toml
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.app.conftest import FakeNotifier
from tests.conftest import settle, start_sprint

HOSTILE = """
[[objections]]
name = "[b]too busy[/b] $(rm -rf ~)"
answer = "[red]When[/red] is a better week?"
"""


def open_on(home: Path, clock: ManualClock, config: str) -> Services:
    (home / "config.toml").write_text(config, encoding="utf-8")
    return open_services(Locations(home, home), clock=clock)


@pytest.fixture
def services(sprint_home: Path, clock: ManualClock) -> Iterator[Services]:
    opened = open_on(sprint_home, clock, sample_config_toml())
    yield opened
    close_services(opened)


def panel(app: ProspectApp) -> str:
    return str(app.screen.query_one("#objections", Static).render())


def exported_calls(home: Path) -> list[dict[str, object]]:
    with Workspace.open(home) as workspace:
        return [c.to_doc() for c in Repository(workspace).iter_calls()]


async def test_o_then_a_digit_shows_the_answer_and_the_outcome_key_logs_it(
    services: Services, sprint_home: Path
) -> None:
    app = make_app(services, notifier=FakeNotifier())
    before = len(exported_calls(sprint_home))
    async with app.run_test(size=(120, 36)) as pilot:
        sprint = await start_sprint(pilot)
        assert "2 send me an email — Happy to" in panel(app)
        called = sprint.session.card
        assert called is not None
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ObjectionDialog)
        await pilot.press("2")
        await settle(pilot)
        assert app.screen is sprint
        shown = panel(app)
        assert "“send me an email” — say:" in shown
        assert "what should it cover?" in shown
        assert "On this call: send me an email" in shown
        assert sprint.session.logged == []  # nothing is written before the outcome key

        await pilot.press("o", "4")  # a second objection on the same call
        await settle(pilot)
        await pilot.press("6", "escape")  # a meeting, its time not given
        await settle(pilot)
        [logged] = sprint.session.logged
        assert logged.call.prospect_id == called.prospect.id
        assert logged.call.objections == ["send me an email", "no budget"]
        assert "“" not in panel(app)  # the next prospect: the list again, nothing ticked
        calls = exported_calls(sprint_home)
        assert len(calls) == before + 1
        assert calls[-1]["objections"] == ["send me an email", "no budget"]

        await pilot.press("u")
        await settle(pilot)
        assert sprint.session.card is not None
        assert sprint.session.card.objections == ["send me an email", "no budget"]
        assert "✓ send me an email" in panel(app)
        assert len(exported_calls(sprint_home)) == before  # undo took the call back

        await pilot.press("1")  # logged again, the objections go with it
        await settle(pilot)
        assert exported_calls(sprint_home)[-1]["objections"] == [
            "send me an email",
            "no budget",
        ]


async def test_a_digit_past_the_list_and_escape_tag_nothing(services: Services) -> None:
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        sprint = await start_sprint(pilot)
        await pilot.press("o", "8")  # only five: the meeting key underneath must not log
        await settle(pilot)
        assert isinstance(app.screen, ObjectionDialog)
        assert not isinstance(app.screen, MeetingDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is sprint
        assert sprint.session.logged == []
        assert sprint.session.card is not None and sprint.session.card.objections == []


async def test_o_does_nothing_while_paused_or_with_none_configured(
    sprint_home: Path, clock: ManualClock
) -> None:
    services = open_on(sprint_home, clock, "")
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            sprint = await start_sprint(pilot)
            assert "No objections configured" in panel(app)
            await pilot.press("o")
            await settle(pilot)
            assert app.screen is sprint
    finally:
        close_services(services)

    services = open_on(sprint_home, clock, sample_config_toml())
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            sprint = await start_sprint(pilot)
            await pilot.press("p", "o")
            await settle(pilot)
            assert app.screen is sprint
    finally:
        close_services(services)


async def test_a_remapped_key_opens_the_list_and_the_names_stay_text(
    sprint_home: Path, clock: ManualClock
) -> None:
    config = HOSTILE + '\n[keys]\nobjection = "j"\nobjection_1 = "f5"\n'
    services = open_on(sprint_home, clock, config)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            sprint = await start_sprint(pilot)
            assert "f5 [b]too busy[/b] $(rm -rf ~)" in panel(app)
            assert str(app.screen.query_one("#objections").border_title) == "Objections · j"
            await pilot.press("o")
            await settle(pilot)
            assert app.screen is sprint  # o is not the key any more
            await pilot.press("j")
            await settle(pilot)
            assert isinstance(app.screen, ObjectionDialog)
            await pilot.press("1")  # remapped away from 1
            await settle(pilot)
            assert isinstance(app.screen, ObjectionDialog)
            await pilot.press("f5")
            await settle(pilot)
            assert "[red]When[/red] is a better week?" in panel(app)
            assert sprint.session.card is not None
            assert sprint.session.card.objections == ["[b]too busy[/b] $(rm -rf ~)"]
    finally:
        close_services(services)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_an_answer_is_on_screen_where_the_panels_under_the_card_give_way(
    services: Services, size: tuple[int, int]
) -> None:
    # At 80×24 the list gives way to the history and at 60×20 every panel under the
    # card does; the answer to read out must be shown all the same.
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=size) as pilot:
        sprint = await start_sprint(pilot)
        cards = sprint.query_one("#objections", Static)
        assert cards.region.height == 0  # the list itself is not drawn here
        await pilot.press("o", "2")
        await settle(pilot)
        assert cards.region.height >= 4
        assert "what should it cover?" in panel(app)
        await pilot.press("1")  # the call is logged: the next card has no answer
        await settle(pilot)
        assert cards.region.height == 0


async def test_too_small_the_hidden_cards_keys_are_neither_offered_nor_taken(
    services: Services,
) -> None:
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("1")  # something to undo, too
        await settle(pilot)
        await pilot.resize_terminal(50, 15)
        await settle(pilot)
        offered = {
            binding.id
            for _, binding, enabled, _ in screen.active_bindings.values()
            if enabled and binding.show
        }
        assert offered and not offered & {"skip", "edit", "objection", "dial", "undo"}, offered
        for key in ("o", "e", "t"):  # the objections, the notes, the dialer: the card's
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is screen and not isinstance(app.screen, Dialog), key


async def test_undo_keeps_the_objections_tagged_on_the_call_it_displaces(
    services: Services, sprint_home: Path
) -> None:
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        sprint = await start_sprint(pilot)
        await pilot.press("1")  # A logged
        await settle(pilot)
        b = sprint.session.card
        assert b is not None
        await pilot.press("o", "2")  # B's prospect says "send me an email"
        await settle(pilot)
        await pilot.press("u")  # A back on the card, with A's objections (none)
        await settle(pilot)
        a = sprint.session.card
        assert a is not None and a.prospect.id != b.prospect.id and a.objections == []
        await pilot.press("1")  # A logged again: B is next, its objection still raised
        await settle(pilot)
        again = sprint.session.card
        assert again is not None and again.prospect.id == b.prospect.id
        assert "On this call: send me an email" in panel(app)
        await pilot.press("4")
        await settle(pilot)
        assert exported_calls(sprint_home)[-1]["objections"] == ["send me an email"]
