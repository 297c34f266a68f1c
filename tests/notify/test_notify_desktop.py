"""Notifications for real: a session bus, a notification service on it, and what arrived.

The bus is :class:`~tests.notify.stand_in_bus.StandInSessionBus`, so these
tests need no system package: on a machine with ``notify-send`` the
notification goes through plyer and notify-send, on one without it straight
over D-Bus, and both arrive at the stand-in as they would at a desktop.
Where there is no bus at all, the terminal's own escape, the toast and the
bell take over; nothing ever crashes, and no text passes through a shell.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import prospect_tui.notify
from prospect_tui.notify import DesktopNotifier, Route, describe
from tests.notify.stand_in_bus import Received, StandInSessionBus

MESSAGE = "14 dials, 2 connects; it's O'Brien's turn `$(rm -rf ~)`"


class Sink:
    """What the notifier handed to the app: toasts, terminal escapes, announcements."""

    def __init__(self) -> None:
        self.fell_back: list[tuple[str, str]] = []
        self.written: list[str] = []
        self.announced: list[str] = []

    def notifier(self, environ: dict[str, str], *, desktop: bool = True) -> DesktopNotifier:
        return DesktopNotifier(
            desktop=desktop,
            fallback=lambda title, message: self.fell_back.append((title, message)),
            ring=lambda: None,
            terminal=self.written.append,
            announce=self.announced.append,
            environ=environ,
        )


@pytest.fixture
def bus() -> Iterator[StandInSessionBus]:
    # A Unix socket's path must stay under 108 bytes; pytest's tmp_path may not.
    with (
        tempfile.TemporaryDirectory(prefix="bus-") as folder,
        StandInSessionBus(Path(folder)) as running,
    ):
        yield running


def on_the_bus(bus: StandInSessionBus, path: str | None = None) -> dict[str, str]:
    """The environment of a desktop session on ``bus``; ``path`` replaces ``PATH``."""
    return {
        "PATH": os.environ.get("PATH", "") if path is None else path,
        "DBUS_SESSION_BUS_ADDRESS": bus.address,
        "HOME": os.environ.get("HOME", "/"),
    }


@pytest.fixture
def no_dbus_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plyer's other way to the bus (dbus-python) is not installed either."""
    real = prospect_tui.notify.importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        return None if name == "dbus" else real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(prospect_tui.notify.importlib.util, "find_spec", find_spec)


def test_a_notification_reaches_the_desktop_by_the_route_this_machine_has(
    bus: StandInSessionBus,
) -> None:
    sink = Sink()
    notifier = sink.notifier(on_the_bus(bus))
    expected = Route.PLYER if shutil.which("notify-send") else Route.BUS
    assert notifier.route is expected
    notifier.send("Sprint complete", f"{MESSAGE} <b>& Co</b>")
    notifier.drain()
    # Handed over as data, never through a shell: the text arrives as typed,
    # escaped for a service that reads markup (whichever route it took).
    escaped = f"{MESSAGE} &lt;b&gt;&amp; Co&lt;/b&gt;"
    assert bus.received == [Received("Prospect", "Sprint complete", escaped)]
    assert sink.fell_back == [] and sink.written == []
    assert sink.announced == [describe(expected)]


def test_without_notify_send_it_goes_straight_to_the_bus(
    bus: StandInSessionBus, tmp_path: Path, no_dbus_python: None
) -> None:
    sink = Sink()
    notifier = sink.notifier(on_the_bus(bus, path=str(tmp_path)))  # nothing on PATH
    assert notifier.route is Route.BUS
    notifier.send("Break over", MESSAGE)
    notifier.drain()
    assert bus.received == [Received("Prospect", "Break over", MESSAGE)]
    assert sink.fell_back == []


def test_a_service_that_reads_markup_shows_the_text_as_written(
    bus: StandInSessionBus, tmp_path: Path, no_dbus_python: None
) -> None:
    # It reads the body as markup: what arrives must be escaped, so that it
    # shows "<b>Bob</b> & Co" rather than a bold "Bob".
    notifier = Sink().notifier(on_the_bus(bus, path=str(tmp_path)))
    notifier.send("Meeting", "<b>Bob</b> & Co <i>[/]</i> &amp;")
    notifier.drain()
    [received] = bus.received
    assert received.body == "&lt;b&gt;Bob&lt;/b&gt; &amp; Co &lt;i&gt;[/]&lt;/i&gt; &amp;amp;"


def test_a_service_that_reads_plain_text_gets_it_unescaped(
    bus: StandInSessionBus, tmp_path: Path, no_dbus_python: None
) -> None:
    bus.markup = False
    notifier = Sink().notifier(on_the_bus(bus, path=str(tmp_path)))
    notifier.send("Meeting", "<b>Bob</b> & Co")
    notifier.drain()
    assert [r.body for r in bus.received] == ["<b>Bob</b> & Co"]


def test_a_failing_notify_send_steps_down_to_the_bus_for_good(
    bus: StandInSessionBus, tmp_path: Path
) -> None:
    broken = tmp_path / "notify-send"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    sink = Sink()
    notifier = sink.notifier(on_the_bus(bus, path=str(tmp_path)))
    assert notifier.route is Route.PLYER
    notifier.send("Sprint complete", "first")
    notifier.drain()
    notifier.send("Break over", "second")
    notifier.drain()
    assert [r.body for r in bus.received] == ["first", "second"]
    assert notifier.route is Route.BUS
    assert sink.announced == [describe(Route.PLYER), describe(Route.BUS)]
    assert sink.fell_back == []


def test_a_bus_with_no_notification_service_falls_back_to_terminal_toast_and_bell(
    tmp_path: Path, no_dbus_python: None
) -> None:
    environ = {"PATH": str(tmp_path), "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/gone"}
    sink = Sink()
    notifier = sink.notifier(environ)
    assert notifier.route is Route.BUS
    notifier.send("Sprint complete", MESSAGE)
    notifier.drain()
    assert sink.fell_back == [("Sprint complete", MESSAGE)]
    assert notifier.route is Route.TERMINAL
    [escape] = sink.written
    assert escape == f"\x1b]777;notify;Sprint complete;{MESSAGE}\x1b\\"


def test_no_bus_at_all_is_the_terminal_route_and_not_a_crash(tmp_path: Path) -> None:
    environ = {"PATH": os.environ.get("PATH", ""), "XDG_RUNTIME_DIR": str(tmp_path / "none")}
    sink = Sink()
    notifier = sink.notifier(environ)
    assert notifier.route is Route.TERMINAL
    assert sink.announced == [describe(Route.TERMINAL)]
    notifier.send("Break over", "Back to the queue")
    assert sink.fell_back == [("Break over", "Back to the queue")]
    assert sink.written == ["\x1b]777;notify;Break over;Back to the queue\x1b\\"]
    assert notifier.sent == []


def test_turned_off_it_is_toast_and_bell_only_and_says_nothing(bus: StandInSessionBus) -> None:
    sink = Sink()
    notifier = sink.notifier(on_the_bus(bus), desktop=False)
    notifier.send("Break over", "Back to the queue")
    assert notifier.route is Route.OFF
    assert sink.fell_back == [("Break over", "Back to the queue")]
    assert sink.written == [] and sink.announced == [] and bus.received == []
