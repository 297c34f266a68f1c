"""Hostile text in the fields that reach the dialer and the screens.

The dialer gets a phone number: whatever the field holds, it either refuses in a
sentence (without starting anything) or hands ``tel:+<digits>`` to the opener
as one argument, never through a shell. On screen, a bidirectional override
(which would turn the rest of a line around on a terminal that does bidi), an
OSC title sequence, emoji and a field 10,000 characters long are drawn as
text, and the sprint still takes its keys.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Static

from prospect_tui import dialer
from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Prospect
from prospect_tui.locations import Locations
from prospect_tui.screens.prospects import ProspectsScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.conftest import FakeNotifier, settle, start_sprint

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Embeddings, overrides and isolates: they reorder what follows them on screen."""

HOSTILE = [
    "[b]x[/b]",
    "[/]",
    "$(rm -rf ~)",
    "`reboot`; rm -rf / #",
    "\x1b]0;pwn\x07",
    "\u202eexe.txt",
    "+1 212 555 0100\n; xdg-open evil",
    "tel:+12125550100",
    "👩🏽‍💻🇫🇷",
    "9" * 10_000,
]


class Opener:
    """Stands in for ``subprocess.run``: records what would have been started."""

    def __init__(self) -> None:
        self.started: list[tuple[list[str], dict[str, Any]]] = []

    def __call__(self, command: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
        self.started.append((command, options))
        return subprocess.CompletedProcess(command, 0)


@pytest.fixture
def opener(monkeypatch: pytest.MonkeyPatch) -> Opener:
    recorded = Opener()
    monkeypatch.setattr(dialer.subprocess, "run", recorded)
    monkeypatch.setattr(dialer.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(dialer.sys, "platform", "linux")
    return recorded


def check_dial(opener: Opener, phone: str) -> None:
    opener.started.clear()
    said = dialer.dial(phone)
    if not opener.started:
        assert said is not None and "by hand" in said  # refused: a sentence, nothing started
        return
    ((command, options),) = opener.started
    assert said is None
    assert command == ["/usr/bin/xdg-open", f"tel:{phone}"]
    assert re.fullmatch(r"tel:\+[1-9]\d{1,14}", command[1])
    assert not options.get("shell")


@pytest.mark.parametrize("phone", HOSTILE)
def test_hostile_phones_never_reach_a_shell_or_the_opener(opener: Opener, phone: str) -> None:
    said = dialer.dial(phone)
    assert opener.started == []
    assert said is not None and "dial it by hand" in said


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.from_regex(r"\+[0-9]{1,16}", fullmatch=True))
def test_any_phone_is_refused_or_opened_as_one_tel_argument(phone: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        recorded = Opener()
        patch.setattr(dialer.subprocess, "run", recorded)
        patch.setattr(dialer.shutil, "which", lambda name: f"/usr/bin/{name}")
        patch.setattr(dialer.sys, "platform", "linux")
        check_dial(recorded, phone)


def test_a_valid_number_is_one_tel_argument_without_a_shell(opener: Opener) -> None:
    assert dialer.dial("+12125550100") is None
    ((command, options),) = opener.started
    assert command == ["/usr/bin/xdg-open", "tel:+12125550100"]
    assert options.get("shell", False) is False


# -- on screen ---------------------------------------------------------------------------

NAME = "\u202eAda"
COMPANY = "\x1b]0;pwn\x07 Ltd \u2066[/]\u2069"
NOTES = "👩🏽‍💻 " + "x" * 10_000


@pytest.fixture
def services(home: Path, clock: ManualClock) -> Iterator[Services]:
    home.mkdir(parents=True)
    people = [
        Prospect(
            first_name=NAME,
            last_name="Lovelace",
            company=COMPANY,
            title="$(rm -rf ~)",
            phone="+33612345678",
            timezone="Europe/Paris",
            notes=NOTES,
            priority=5,
            created_at=clock.now(),
        ),
        Prospect(
            first_name="Next",
            last_name="L" * 10_000,
            phone="+33612345679",
            timezone="Europe/Paris",
            notes=NOTES,
        ),
    ]
    with Workspace.open(home, write=True) as opened:
        Repository(opened).save_prospects(people)
    opened_services = open_services(Locations(home, home), clock=clock)
    yield opened_services
    close_services(opened_services)


@pytest.fixture
def app(services: Services) -> ProspectApp:
    return make_app(services, notifier=FakeNotifier())


def drawn(app: ProspectApp) -> str:
    """What the screen's widgets draw, line by line, as the terminal would get it."""
    lines = []
    for widget in app.screen.query("*"):
        for y in range(widget.size.height):
            lines.append("".join(segment.text for segment in widget.render_line(y)))
    return "\n".join(lines)


def assert_inert(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text
    assert not set(BIDI) & set(text), "a bidi control would reorder the line on screen"


async def test_the_sprint_card_draws_hostile_fields_as_text(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        assert screen.session.card is not None and screen.session.card.prospect.first_name == NAME
        shown = drawn(app)
        assert_inert(shown)
        assert "Ada" in shown and "pwn" in shown and "[/]" in shown and "6 12 34 56 78" in shown
        await pilot.press("1")  # the screen still takes its keys
        await settle(pilot)
        assert "Dials 1" in str(screen.query_one("#sprint-stats", Static).render())
        assert screen.session.card is not None and screen.session.card.prospect.first_name == "Next"
        assert_inert(drawn(app))


async def test_the_prospects_screen_draws_hostile_fields_as_text(app: ProspectApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProspectsScreen)
        shown = drawn(app)
        assert_inert(shown)
        assert "Ada" in shown and "Next" in shown
