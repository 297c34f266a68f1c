"""Hostile strings from users and files are shown exactly as written, on every screen.

The workspace lives under a path holding ``[/]``; its prospects, its config's
variant and an imported file carry markup (``[/]``, ``[b]``, ``[B]``,
``[$text]``, ``[link=…]``, ``[@click=…]``), brackets that only look like
markup (``Bob [ex-Google]``), shell syntax, an ESC, right-to-left text and
emoji, a trailing backslash and very long text. Each screen must show them
as written (control characters as visible symbols), and never crash.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.widgets._toast import Toast

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.errors import ProspectError
from prospect_tui.core.model import Prospect
from prospect_tui.dialogs.abandon import AbandonDialog
from prospect_tui.dialogs.callback import CallbackDialog
from prospect_tui.dialogs.confirm import ConfirmDialog
from prospect_tui.dialogs.error import ErrorDialog
from prospect_tui.dialogs.notes import NotesDialog
from prospect_tui.key_guard import KEY_GUARD
from prospect_tui.locations import Locations
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.import_csv import ImportScreen
from prospect_tui.screens.review import ReviewScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from prospect_tui.widgets.prospect_table import ProspectTable
from prospect_tui.widgets.text import visible
from prospect_tui.widgets.variant_chart import VariantChart
from tests.app.conftest import FakeNotifier
from tests.conftest import settle, start_sprint

LONG = "very long notes " * 40
FIRST = "[/]"
LAST = "Bob [ex-Google]"
NAME = f"{FIRST} {LAST}"
TITLE = "[b]x[/b] [B]y[/B] \x1b[2J\\"
COMPANY = "[link=file:///etc/passwd]x[/link] [@click=app.quit]q[/]"
EMAIL = "$(rm -rf ~)"
CITY = "[$text]Paris \x1b[31mred"
LIST = "[Bold]list"
NOTES = f"שלום עולם 👋🏽 مرحبا [/] \x1b]0;owned\x07 {LONG}\\"
EXTRA = ("[col]", "[/]value")
SECOND = "Eve [Bold]"
THIRD = "Zed [ex-$y] [[v]]"
VARIANT = "[b]v[/b] [/]"
CONFIG = """
[[variants]]
name = "[b]v[/b] [/]"
opener = "Hi {first_name} [/] [$accent]x"
offer = "[@click=app.quit]demo[/]"

[keys]
voicemail = ["[/]", "v"]
"""


@pytest.fixture
def hostile_home(tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace under ``…/[/]/home`` holding three prospects with hostile text."""
    home = tmp_path / "[" / "]" / "home"
    monkeypatch.setenv("PROSPECT_HOME", str(home))
    home.mkdir(parents=True)
    (home / "config.toml").write_text(CONFIG, encoding="utf-8")
    now = clock.now()
    people = [
        Prospect(
            first_name=FIRST,
            last_name=LAST,
            title=TITLE,
            company=COMPANY,
            phone="+33612345678",
            email=EMAIL,
            timezone="Europe/Paris",
            country="FR",
            city=CITY,
            list=LIST,
            tags=["[red]tag"],
            notes=NOTES,
            extra=dict([EXTRA]),
            priority=3,
            created_at=now,
        ),
        # A phone edited by hand in prospects.json: never checked, shown as it is.
        Prospect(
            first_name=SECOND,
            phone="[/]",
            timezone="Europe/Paris",
            priority=2,
            created_at=now,
        ),
        Prospect(
            first_name=THIRD,
            phone="+33612345679",
            timezone="Europe/Paris",
            priority=1,
            created_at=now,
        ),
    ]
    with Workspace.open(home, write=True) as opened:
        Repository(opened).save_prospects(people)
    return home


@pytest.fixture
def services(hostile_home: Path, clock: ManualClock) -> Iterator[Services]:
    opened = open_services(Locations(hostile_home, hostile_home), clock=clock)
    yield opened
    close_services(opened)


@pytest.fixture
def app(services: Services) -> ProspectApp:
    return make_app(services, notifier=FakeNotifier())


def on_screen(app: ProspectApp) -> str:
    """Every piece of text the current screen draws, as plain text, one per line.

    Rendering is what parses markup: a string read as markup fails here (or
    loses its brackets), as it would on the terminal.
    """
    parts: list[str] = []
    screen = app.screen
    for widget in screen.query("*"):
        title = getattr(widget, "_border_title", None)
        if title is not None:
            parts.append(title.plain)
        if isinstance(widget, ProspectTable | VariantChart):
            for y in range(widget.size.height):
                parts.append("".join(s.text for s in widget.render_line(y)))
        elif isinstance(widget, Static):  # Toast, Label and Button are Statics too
            parts.append(str(widget.render()))
    return "\n".join(parts)


def no_control_reaches_the_terminal(app: ProspectApp) -> None:
    """Inputs and text areas draw their text through no markup, but ESC would go through."""
    for widget in app.screen.query("Input, TextArea"):
        for strip in widget.render_lines(widget.region.reset_offset):
            assert "\x1b" not in strip.text, widget


def toasts(app: ProspectApp) -> str:
    """The text of every toast on screen."""
    return "\n".join(str(toast.render()) for toast in app.screen.query(Toast))


def assert_shown(app: ProspectApp, *texts: str) -> None:
    """Each of ``texts`` is on screen exactly as written (controls made visible)."""
    shown = on_screen(app)
    assert "\x1b" not in shown
    for text in texts:
        assert visible(text) in shown, f"{text!r} is not on screen as written"


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


# -- the prospects screen --------------------------------------------------------------


async def open_prospects(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await press(pilot, "p")


async def test_hostile_text_on_the_prospects_list_and_card(app: ProspectApp) -> None:
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await open_prospects(pilot)
        table = app.screen.query_one(ProspectTable)
        table.cursor = next(i for i, p in enumerate(table.rows) if p.first_name == FIRST)
        await settle(pilot)
        assert_shown(app, NAME, SECOND, THIRD, "[/]", TITLE, EMAIL, LIST, "[red]tag", *EXTRA)
        assert_shown(app, NOTES)
        assert "\x1b" not in on_screen(app)


async def test_hostile_text_in_the_edit_form_and_its_problems(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await open_prospects(pilot)
        table = app.screen.query_one(ProspectTable)
        table.cursor = next(i for i, p in enumerate(table.rows) if p.first_name == FIRST)
        await press(pilot, "enter")
        assert f"Editing {NAME}" in on_screen(app)
        assert app.screen.query_one("#field-company", Input).value == COMPANY
        assert app.screen.query_one("#field-title", Input).value == visible(TITLE)
        no_control_reaches_the_terminal(app)
        app.screen.query_one("#field-country", Input).value = "[$x]"
        await press(pilot, "ctrl+s")
        assert "not '[$X]'" in on_screen(app)
        app.screen.query_one("#field-country", Input).value = "FR"
        await press(pilot, "ctrl+s")
        assert f"Saved {NAME}." in toasts(app)
        (saved,) = [p for p in services.repository.prospects() if p.first_name == FIRST]
        assert (saved.title, saved.notes, saved.country) == (TITLE, NOTES, "FR")


async def test_hostile_text_when_marking_do_not_call(app: ProspectApp) -> None:
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await open_prospects(pilot)
        table = app.screen.query_one(ProspectTable)
        table.cursor = next(i for i, p in enumerate(table.rows) if p.first_name == FIRST)
        await press(pilot, "d")
        assert f"{NAME} will never be queued again." in toasts(app)
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmDialog)
        assert f"{NAME} asked not to be called." in on_screen(app)
        await press(pilot, "n")


# -- the import dialog and error dialogs -----------------------------------------------


async def test_hostile_text_in_the_import_report(app: ProspectApp, hostile_home: Path) -> None:
    folder = hostile_home.parent / "[B]in"
    folder.mkdir()
    csv_file = folder / "[$text].csv"
    csv_file.write_text(
        "First Name,Last Name,Email,Phone Number,Country/Region\n"
        "Ann,[/],[$text][B]x,+33 6 12 34 56 70,FR\n",
        encoding="utf-8",
    )
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "i")
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one("#import-path", Input).value = str(folder / "[/].csv")
        await press(pilot, "enter")
        assert_shown(app, f"There is no file at {folder / '[/].csv'}.")
        app.screen.query_one("#import-path", Input).value = str(csv_file)
        await press(pilot, "enter")
        assert_shown(app, "line 2: Email '[$text][B]x' is not an e-mail address")
        await press(pilot, "enter")
        assert_shown(app, "line 2: Email '[$text][B]x' is not an e-mail address")


async def test_hostile_text_in_error_dialogs(app: ProspectApp, hostile_home: Path) -> None:
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await settle(pilot)
        message = f"{hostile_home / 'prospects.json'} is damaged [$text] [B]: run prospect restore."
        app.report(ProspectError(message))
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert_shown(app, message)
        await press(pilot, "enter")
        app.report(RuntimeError("[/] [B]boom"))
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert_shown(app, "(RuntimeError: [/] [B]boom)", str(hostile_home))


# -- the sprint and what follows it ------------------------------------------------------


async def test_hostile_text_on_the_sprint_and_its_dialogs(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        screen = await start_sprint(pilot)
        assert screen.session.card is not None and screen.session.card.prospect.first_name == FIRST
        assert_shown(app, NAME, TITLE, COMPANY, "Paris \x1b[31mred", NOTES, SECOND, THIRD)
        assert_shown(
            app, f"Opener · {VARIANT}", "Hi [/] [/] [$accent]x", "[@click=app.quit]demo[/]"
        )
        assert_shown(app, "[/] Voicemail")  # the user's own key for it

        await press(pilot, "e")
        assert isinstance(app.screen, NotesDialog)
        assert_shown(app, f"Notes on this call with {NAME}")
        app.screen.query_one(Input).value = "[/] said [B]no"
        await press(pilot, "enter")
        assert_shown(app, "This call: [/] said [B]no")

        await press(pilot, "5")
        assert isinstance(app.screen, CallbackDialog)
        assert_shown(app, f"when should you call {FIRST} back?")
        await press(pilot, *"tomorrow 10am")
        await press(pilot, "enter")
        assert app.screen is screen
        assert_shown(app, f"Last: {NAME} — callback")

        assert screen.session.card is not None and screen.session.card.prospect.first_name == SECOND
        assert_shown(app, "[/]")  # the hand-edited phone

        await press(pilot, "escape")
        assert isinstance(app.screen, AbandonDialog)
        await press(pilot, "end", "enter")
        app.screen.query_one("#abandon-text", Input).value = "[/] the [B]CFO"
        await press(pilot, "enter", "enter")
        assert isinstance(app.screen, HomeScreen)

        services.clock.advance(seconds=KEY_GUARD.total_seconds())  # keys right after are dropped
        await press(pilot, "v")
        assert isinstance(app.screen, ReviewScreen)
        assert_shown(app, VARIANT, NAME, "[/] the [B]CFO")


async def test_hostile_text_on_sprint_dial(app: ProspectApp) -> None:
    """``t`` on a hand-edited phone: the dialer's sentence quotes it in a toast."""
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        screen = await start_sprint(pilot)
        await press(pilot, "s")  # skip to the prospect with the hand-edited phone
        assert screen.session.card is not None and screen.session.card.prospect.phone == "[/]"
        await press(pilot, "t")
        assert "[/] is not a number a dialer can take" in toasts(app)


# -- keys the user remapped, named in the help text of home and the break --------------


def remapped(home: Path, clock: ManualClock, keys: str) -> Services:
    """The hostile workspace's services, with ``keys`` added to its config's ``[keys]``."""
    (home / "config.toml").write_text(CONFIG + keys, encoding="utf-8")
    return open_services(Locations(home, home), clock=clock)


async def test_hostile_text_on_home(hostile_home: Path, clock: ManualClock) -> None:
    services = remapped(hostile_home, clock, 'plan = "[/]"\n')
    app = make_app(services, notifier=FakeNotifier())
    try:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert_shown(app, "No blocks planned. Press [/] to plan")
    finally:
        close_services(services)


async def test_hostile_text_on_break(hostile_home: Path, clock: ManualClock) -> None:
    # Not "[/]": that is voicemail's key here, and no outcome key may start a sprint.
    services = remapped(hostile_home, clock, 'next_sprint = "[b]"\n')
    app = make_app(services, notifier=FakeNotifier())
    try:
        async with app.run_test(size=(160, 50)) as pilot:
            screen = await start_sprint(pilot)
            await pilot.press("1")  # one dial, or the sprint would not count
            clock.advance(minutes=services.config.sprint.minutes)
            screen.tick()  # time is up with a prospect on the card: the last call
            await pilot.press("s")  # skipping it ends the sprint
            await settle(pilot)
            assert type(app.screen).__name__ == "BreakScreen"
            assert_shown(app, "Press [b] to start the next sprint now.")
    finally:
        close_services(services)
