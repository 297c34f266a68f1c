"""The one place that knows how to reach a user who has looked away.

A notification takes the first of these routes that works here:

1. :attr:`Route.PLYER` — plyer, as the platform expects (``notify-send`` or
   dbus-python on Linux, Notification Center on macOS, toasts on Windows),
   in a child process: see :mod:`.plyer_child`.
2. :attr:`Route.BUS` — where plyer has nothing to send through (no
   ``notify-send``, no dbus-python: the usual minimal Linux), straight to the
   desktop's notification service on the session bus: see :mod:`.desktop_bus`.
3. :attr:`Route.TERMINAL` — where there is no session bus at all (SSH, a
   container, a headless box), the terminal's own notification escape (see
   :mod:`.terminal_escape`), then the caller's fallback: the app's toast and
   bell.
4. :attr:`Route.OFF` — ``[notify] desktop = false``: the fallback alone.

The route is picked when the notifier is made, from the environment and the
programs on ``PATH``; a route that fails steps down to the next one for the
rest of the run, and the notification that failed goes out on that one. Every
send returns at once: the desktop routes run on a thread with a timeout. No
text ever passes through a shell.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from enum import StrEnum

from prospect_tui.notify.desktop_bus import session_bus_address
from prospect_tui.notify.plyer_child import APP_NAME
from prospect_tui.notify.terminal_escape import escape_for

TIMEOUT_S = 15
MAX_CHARS = 400

Fallback = Callable[[str, str], None]
"""Called with (title, message) when no desktop notification could be shown."""


class Route(StrEnum):
    """How notifications reach the user on this machine."""

    PLYER = "plyer"
    BUS = "bus"
    TERMINAL = "terminal"
    OFF = "off"

    @property
    def desktop(self) -> bool:
        """Whether this route shows a notification on the desktop."""
        return self in (Route.PLYER, Route.BUS)


def choose_route(environ: Mapping[str, str], *, desktop: bool) -> Route:
    """The best route this environment offers."""
    if not desktop:
        return Route.OFF
    if sys.platform == "darwin" or os.name == "nt":
        return Route.PLYER
    if session_bus_address(environ) is None:
        return Route.TERMINAL
    if plyer_can_send(environ):
        return Route.PLYER
    return Route.BUS


def plyer_can_send(environ: Mapping[str, str]) -> bool:
    """Whether plyer has something to send through on Linux: dbus-python or notify-send."""
    if shutil.which("notify-send", path=environ.get("PATH")) is not None:
        return True
    return importlib.util.find_spec("dbus") is not None


def describe(route: Route) -> str:
    """One sentence for the user: where notifications go, and what to do if nowhere."""
    if route is Route.PLYER:
        return "Notifications go to your desktop."
    if route is Route.BUS:
        return "Notifications go to your desktop's notification service over D-Bus."
    if route is Route.TERMINAL:
        return (
            "No session bus here, so no desktop notifications: nudges come as terminal "
            "notifications, the bell and these messages. Run Prospect in your desktop "
            "session to get them on the desktop."
        )
    return "Desktop notifications are off ([notify] desktop = false): messages and the bell only."


def _one_line(text: str) -> str:
    return " ".join(text.split())[:MAX_CHARS]


class DesktopNotifier:
    """Sends notifications by the best route; steps down a route when one fails.

    The app's :class:`~prospect_tui.services.Notifier`: ``ring`` is the
    terminal bell and ``terminal`` writes a raw sequence to the terminal, so
    both go through the seam a test fakes. ``announce`` is told, in one
    sentence, which route is in use: when the notifier is made and whenever a
    failure changes it.
    """

    def __init__(
        self,
        *,
        desktop: bool,
        fallback: Fallback,
        ring: Callable[[], None],
        terminal: Callable[[str], None] | None = None,
        announce: Callable[[str], None] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.environ = dict(os.environ if environ is None else environ)
        self.route = choose_route(self.environ, desktop=desktop)
        self.fallback = fallback
        self.ring = ring
        self.terminal = terminal
        self.announce = announce
        self.sent: list[tuple[str, str]] = []
        """What was handed to a desktop route (for the app's tests)."""
        self._lock = threading.Lock()
        self._deliveries: list[threading.Thread] = []
        if announce is not None and route_is_news(self.route):
            announce(describe(self.route))

    @property
    def working(self) -> bool:
        """Whether notifications go to the desktop."""
        return self.route.desktop

    def bell(self) -> None:
        """Ring the terminal bell."""
        self.ring()

    def send(self, title: str, message: str) -> None:
        """Notify; returns at once, the desktop routes run on a thread."""
        title, message = _one_line(title), _one_line(message)
        if not self.route.desktop:
            self._fall_back(title, message)
            return
        self.sent.append((title, message))
        delivery = threading.Thread(
            target=self._deliver, args=(title, message), daemon=True, name="notify"
        )
        with self._lock:
            self._deliveries = [t for t in self._deliveries if t.is_alive()] + [delivery]
        delivery.start()

    def drain(self, timeout: float = TIMEOUT_S * 2) -> None:
        """Wait for the notifications on their way (a command does, before it exits)."""
        with self._lock:
            pending = list(self._deliveries)
        for delivery in pending:
            delivery.join(timeout)

    def _deliver(self, title: str, message: str) -> None:
        route = self.route
        while route.desktop:
            if self._try(route, title, message):
                return
            route = self._step_down(route)
        self._fall_back(title, message)

    def _try(self, route: Route, title: str, message: str) -> bool:
        if route is Route.PLYER:
            return self._through_plyer(title, message)
        address = session_bus_address(self.environ)
        if address is None:
            return False
        from prospect_tui.notify.desktop_bus import send_over_bus

        try:
            send_over_bus(address, APP_NAME, title, message, timeout=TIMEOUT_S)
        except Exception:  # noqa: BLE001 - no bus, no service, a timeout: the next route
            return False
        return True

    def _through_plyer(self, title: str, message: str) -> bool:
        try:
            result = subprocess.run(
                [sys.executable, "-m", "prospect_tui.notify.plyer_child", title, message],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=self.environ,
                timeout=TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return False
        return result.returncode == 0

    def _step_down(self, failed: Route) -> Route:
        """The route after ``failed``, from now on; announced once."""
        after = (
            Route.BUS
            if failed is Route.PLYER and session_bus_address(self.environ)
            else Route.TERMINAL
        )
        with self._lock:
            if self.route is not failed:  # another delivery stepped down first
                return self.route
            self.route = after
        if self.announce is not None:
            self.announce(describe(after))
        return after

    def _fall_back(self, title: str, message: str) -> None:
        if self.route is Route.TERMINAL and self.terminal is not None:
            self.terminal(escape_for(title, message, self.environ))
        self.fallback(title, message)


def route_is_news(route: Route) -> bool:
    """Whether the user is told the route when the app starts.

    Off is what they chose; the rest is said once per run, so a missing
    notification service is never a silent surprise.
    """
    return route is not Route.OFF
