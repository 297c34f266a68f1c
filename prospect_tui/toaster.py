"""The app's own ways to tell the user, for the notifier: toasts, the bell, the terminal's escape.

Where no desktop notification can go, the notifier falls back on these (see
:mod:`prospect_tui.notify`). It may call from its own thread: each goes over
to the UI thread before it touches the app.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App


def _on_ui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


class Toaster:
    """Toasts and escape sequences on ``app``, from any thread."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._toasted: tuple[str, str] | None = None

    def nudge(self, title: str, message: str, timeout: float) -> None:
        """Toast a nudge as it is sent, so that the fallback does not toast it again."""
        self._toasted = (title, message)
        self._app.notify(message, title=title, markup=False, timeout=timeout)

    def toast(self, title: str, message: str) -> None:
        """Where no desktop notification can go: an in-app toast and the terminal bell."""
        if _on_ui_thread():
            if (title, message) != self._toasted:  # a nudge is toasted as it is sent
                self._app.notify(message, title=title, markup=False)
            self._toasted = None
            self._app.bell()
        else:
            self._app.call_from_thread(self.toast, title, message)

    def announce(self, sentence: str) -> None:
        """Say which route notifications take (once a run, and when it changes)."""
        if _on_ui_thread():
            self._app.notify(sentence, title="Notifications", markup=False, timeout=8)
        else:
            self._app.call_from_thread(self.announce, sentence)

    def write_to_terminal(self, sequence: str) -> None:
        """Write an escape sequence (the terminal's own notification) between frames."""
        if not _on_ui_thread():
            self._app.call_from_thread(self.write_to_terminal, sequence)
            return
        driver = self._app._driver
        if not self._app.is_headless and driver is not None:
            # As Textual's own bell and clipboard (OSC 52) do: through the driver's writer.
            driver.write(sequence)
