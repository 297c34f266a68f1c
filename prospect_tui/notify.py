"""The one place that talks to plyer: desktop notifications, or toast and bell.

plyer runs in a short-lived child process (``python -m prospect_tui.notify``)
with every standard stream pointed at ``/dev/null``. Two reasons: Textual
draws the screen on stderr, which plyer's ``notify-send`` backend inherits and
would scribble on when no notification service answers; and plyer discards
``notify-send``'s exit status, which the child recovers so the app knows to
fall back. Text goes to the child as arguments, never through a shell, and
is shown as written: see :func:`body_for`.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable

APP_NAME = "Prospect"
TIMEOUT_S = 15

Fallback = Callable[[str, str], None]
"""Called with (title, message) when no desktop notification could be shown."""


def service_present(environ: dict[str, str] | None = None) -> bool:
    """Whether this machine could show a desktop notification at all."""
    env = os.environ if environ is None else environ
    if sys.platform == "darwin" or os.name == "nt":
        return True
    runtime = env.get("XDG_RUNTIME_DIR", "")
    bus = env.get("DBUS_SESSION_BUS_ADDRESS") or (
        runtime and os.path.exists(os.path.join(runtime, "bus"))
    )
    return bool(bus) and shutil.which("notify-send", path=env.get("PATH")) is not None


class DesktopNotifier:
    """Sends notifications off the UI thread; falls back once a send fails.

    The app's :class:`~prospect_tui.services.Notifier`: ``ring`` is the
    terminal bell, so the bell goes through the same seam a test fakes.
    """

    def __init__(
        self,
        *,
        desktop: bool,
        fallback: Fallback,
        ring: Callable[[], None],
        present: Callable[[], bool] = service_present,
    ) -> None:
        self.desktop = desktop
        self.fallback = fallback
        self.ring = ring
        self._present = present
        self._working: bool | None = None
        self.sent: list[tuple[str, str]] = []
        """What was handed to the desktop (for the app's tests)."""

    @property
    def working(self) -> bool:
        """Whether desktop notifications are on and the last one got through."""
        if not self.desktop:
            return False
        if self._working is None:
            self._working = self._present()
        return self._working

    def bell(self) -> None:
        """Ring the terminal bell."""
        self.ring()

    def send(self, title: str, message: str) -> None:
        """Notify; returns at once, the child process runs on a thread."""
        if not self.working:
            self.fallback(title, message)
            return
        self.sent.append((title, message))
        threading.Thread(
            target=self._deliver, args=(title, message), daemon=True, name="notify"
        ).start()

    def _deliver(self, title: str, message: str) -> None:
        try:
            result = subprocess.run(
                [sys.executable, "-m", "prospect_tui.notify", title, message],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=TIMEOUT_S,
                check=False,
            )
            delivered = result.returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            delivered = False
        if not delivered:
            self._working = False
            self.fallback(title, message)


def _clean(text: str) -> str:
    # One backend (the Flatpak portal) pastes text into a GVariant literal.
    return " ".join(text.replace("'", "’").split())[:400]


def body_for(message: str) -> str:
    """The notification body that shows ``message`` as written on this desktop.

    A freedesktop notification service (what plyer talks to on Linux, through
    notify-send or D-Bus) reads the body as markup: ``<b>`` turns bold and a
    bare ``&`` can blank the whole body. The Flatpak portal plyer uses inside
    a sandbox (``/app``), macOS and Windows take plain text.
    """
    # plyer picks the portal when /app exists; mirror its choice.
    if sys.platform.startswith("linux") and not os.path.isdir("/app"):
        return html.escape(message, quote=False)
    return message


def main(argv: list[str]) -> int:
    """The child process: one notification through plyer; exit 1 if it did not go out."""
    title, message = (_clean(a) for a in argv[:2])
    message = body_for(message)
    exit_codes: list[int] = []
    real_call = subprocess.call

    def call(*args: object, **kwargs: object) -> int:
        code = real_call(*args, **kwargs)  # type: ignore[arg-type]
        exit_codes.append(code)
        return code

    subprocess.call = call  # type: ignore[assignment]  # plyer drops notify-send's status
    try:
        from plyer import notification

        notification.notify(title=title, message=message, app_name=APP_NAME, timeout=10)
    except Exception:  # noqa: BLE001 - any failure means "fall back", said by the exit status
        return 1
    return 1 if any(exit_codes) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
