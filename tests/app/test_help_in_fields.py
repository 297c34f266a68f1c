"""``?`` in a text field: in a field for a value it opens the help, in free text it is typed.

A field for a value (a plan's time or name, the import's file path) has no use
for ``?``: the help key reaches the screen. A note or a search may well hold a
question mark: there it is typed, and ``f1`` opens the help.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.dialogs.help import HelpDialog
from prospect_tui.locations import Locations
from prospect_tui.screens.import_csv import ImportScreen
from prospect_tui.screens.plan import PlanScreen
from prospect_tui.services import Services, close_services, open_services
from tests.app.conftest import FakeNotifier
from tests.app.test_prospects import open_prospects
from tests.conftest import fill_sample, settle


@pytest.fixture
def sampled(home: Path, clock: ManualClock) -> Iterator[Services]:
    fill_sample(home, clock, prospects=20, calls=0, weeks=1)
    opened = open_services(Locations(home, home), clock=clock)
    yield opened
    close_services(opened)


@pytest.fixture
def app(sampled: Services) -> ProspectApp:
    return make_app(sampled, notifier=FakeNotifier())


async def test_question_mark_in_a_plan_field_opens_the_help(app: ProspectApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        field = screen.focused
        assert isinstance(field, Input), "the plan opens in its first field"
        before = field.value
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert field.value == before, "the ? was not typed"
        assert not screen.dirty


async def test_question_mark_in_the_import_path_opens_the_help(app: ProspectApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        path = screen.query_one("#import-path", Input)
        assert path.has_focus
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and path.value == ""


async def test_question_mark_in_a_note_is_typed_and_f1_opens_the_help(app: ProspectApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_prospects(pilot)
        await pilot.press("enter")
        await settle(pilot)
        notes = screen.query_one("#field-notes", TextArea)
        notes.text = ""
        notes.focus()
        await pilot.press("w", "h", "y", "question_mark")
        await settle(pilot)
        assert app.screen is screen
        assert notes.text == "why?"
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpDialog)
