"""A ``[keys]`` remap in config.toml reaches a key on every screen, dialog and the table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.errors import ProspectError
from prospect_tui.core.model import Prospect, Status
from prospect_tui.dialogs.abandon import AbandonDialog
from prospect_tui.dialogs.callback import CallbackDialog
from prospect_tui.dialogs.confirm import ConfirmDialog
from prospect_tui.dialogs.error import ErrorDialog
from prospect_tui.dialogs.meeting import MeetingDialog
from prospect_tui.dialogs.nobody_to_call import NobodyToCallDialog
from prospect_tui.dialogs.notes import NotesDialog
from prospect_tui.dialogs.save_review import SaveReviewDialog
from prospect_tui.dialogs.who_answered import WhoAnsweredDialog
from prospect_tui.locations import Locations
from prospect_tui.screens.break_time import BreakScreen
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.import_csv import ImportScreen
from prospect_tui.screens.prospects import ProspectsScreen
from prospect_tui.screens.review import ReviewScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from prospect_tui.widgets.prospect_table import ProspectTable
from tests.app.conftest import FakeNotifier
from tests.conftest import settle, start_sprint

REMAPS = """\
[keys]
prospects = "w"
review = "z"
close_review = "b"
previous_day = "a"
next_day = "e"
review_window = "t"
save_review = "o"
cancel_save_review = "f1"
sort = "g"
back = "ctrl+b"
cursor_down = "ctrl+n"
mark_do_not_call = "c"
no = "f5"
import = "y"
close_import = "f7"
skip = "k"
edit = "f9"
cancel_notes = "f3"
abandon = "f10"
keep_calling = "f11"
back_to_call = "f2"
home = "f4"
ok = "f6"
close_nobody_to_call = "f8"
skip_gatekeeper = "f12"
meeting_no_time = "f1"
"""


def remapped(home: Path, clock: ManualClock) -> Iterator[Services]:
    (home / "config.toml").write_text(REMAPS, encoding="utf-8")
    services = open_services(Locations(home, home), clock=clock)
    yield services
    close_services(services)


@pytest.fixture
def services(sample_home: Path, clock: ManualClock) -> Iterator[Services]:
    yield from remapped(sample_home, clock)


@pytest.fixture
def app(services: Services) -> ProspectApp:
    return make_app(services, notifier=FakeNotifier())


async def test_home_review_and_import_keys_follow_the_remap(
    app: ProspectApp, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")  # no longer the review's key
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        today = app.screen.day
        assert today is not None
        await pilot.press("left", "w")  # the defaults do nothing now
        await settle(pilot)
        assert (app.screen.day, app.screen.days) == (today, 1)
        await pilot.press("a", "t")
        await settle(pilot)
        assert (app.screen.day, app.screen.days) == (today - timedelta(days=1), 7)
        await pilot.press("e", "o")
        await settle(pilot)
        assert isinstance(app.screen, SaveReviewDialog)
        assert "f1 cancel" in str(app.screen.query(Static).last().render())
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.day == today
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        assert "f7: close" in str(app.screen.query_one("#import-text", Static).render())
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        app.report(ProspectError("Something the user can fix."))
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        clock.advance(seconds=1)  # past the key guard the error put up
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_prospects_table_and_confirm_keys_follow_the_remap(app: ProspectApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProspectsScreen)
        status = str(screen.query_one("#prospects-status", Static).render())
        assert "g sort" in status and "c do not call" in status
        table = screen.query_one(ProspectTable)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert table.cursor == 1
        order = screen.roster.sort if screen.roster else None
        await pilot.press("g")
        await settle(pilot)
        assert screen.roster is not None and screen.roster.sort != order
        current = table.current
        assert current is not None and current.status is not Status.DO_NOT_CALL
        await pilot.press("c")  # marks do-not-call
        await settle(pilot)
        await pilot.press("c")  # asks to take them off the list
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "(f5)" in str(app.screen.query_one("#no").render())
        await pilot.press("f5")
        await settle(pilot)
        assert app.screen is screen
        assert table.current is not None and table.current.status is Status.DO_NOT_CALL
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_sprint_dialogs_and_break_keys_follow_the_remap(
    app: ProspectApp, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        sprint = await start_sprint(pilot)
        first = sprint.session.card
        await pilot.press("k")
        await settle(pilot)
        assert sprint.session.card is not first, "k skips"
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, NotesDialog)
        await pilot.press("f3")
        await settle(pilot)
        assert app.screen is sprint
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, CallbackDialog)
        app.screen.query_one(Input).focus()
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is sprint
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, AbandonDialog)
        await pilot.press("f11")
        await settle(pilot)
        assert app.screen is sprint
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, WhoAnsweredDialog)
        assert "f12 skip" in str(app.screen.query(Static).last().render())
        await pilot.press("escape")  # remapped away: escape does nothing here now
        await settle(pilot)
        assert isinstance(app.screen, WhoAnsweredDialog)
        await pilot.press("f12")
        await settle(pilot)
        assert app.screen is sprint
        await pilot.press("6")
        await settle(pilot)
        assert isinstance(app.screen, MeetingDialog)
        assert "f1 no time yet" in str(app.screen.query_one("#meeting-hint", Static).render())
        await pilot.press("f1")
        await settle(pilot)
        assert app.screen is sprint
        await pilot.press("1")
        clock.advance(minutes=26)
        sprint.tick()
        await settle(pilot)
        await pilot.press("1")  # the last call, on the card at 00:00
        await settle(pilot)
        assert isinstance(app.screen, BreakScreen)
        clock.advance(seconds=1)  # past the key guard
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_the_nobody_to_call_dialog_follows_the_remap(home: Path, clock: ManualClock) -> None:
    with Workspace.open(home, write=True) as workspace:  # 01:30 in Sydney: nobody callable
        Repository(workspace).save_prospects(
            [Prospect(first_name="Syd", phone="+61255500001", timezone="Australia/Sydney")]
        )
    for services in remapped(home, clock):
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("s")
            await settle(pilot)
            assert isinstance(app.screen, NobodyToCallDialog)
            text = " ".join(str(s.render()) for s in app.screen.query(Static))
            assert "w prospects" in text and "y import" in text and "f8 close" in text
            await pilot.press("escape")  # no longer the dialog's key
            await settle(pilot)
            assert isinstance(app.screen, NobodyToCallDialog)
            await pilot.press("f8")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("s")
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)
            assert isinstance(app.screen, ProspectsScreen)
