"""The sprint's big clock: digits and a bar, drawn from the stored end instant.

Where the screen is short (the sprint at 60×20) the same clock shows as one
line of plain text beside its bar: the screen sets the ``-compact`` class.
"""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from prospect_tui.core.timer import clock_face
from prospect_tui.widgets.plain_bar import PlainBar

STEPS = 1000


class CountdownDisplay(Vertical):
    """``24:13`` in large digits (or one line, ``-compact``), a progress bar, and a state line.

    It is redrawn four times a second; each part changes only when its text or
    step does, so most redraws cost nothing and none of them needs a layout pass
    (the panel's size is fixed).
    """

    def compose(self) -> ComposeResult:
        yield Digits("--:--", id="countdown-digits")
        with Horizontal(id="countdown-line"):
            yield Static("--:--", id="countdown-face")
            yield PlainBar(id="countdown-bar")
        yield Static("", id="countdown-state")

    def on_mount(self) -> None:
        self._digits = self.query_one(Digits)
        self._face = self.query_one("#countdown-face", Static)
        self._bar = self.query_one(PlainBar)
        self._state = self.query_one("#countdown-state", Static)
        self._shown: tuple[str, int, str] | None = None

    def show(self, left: timedelta, fraction: float, state: str = "") -> None:
        """Display ``left`` (already computed as end − now by the caller).

        A ``state`` line (paused, time's up) turns the digits to the warning colour.
        """
        face, step = clock_face(left), round(fraction * STEPS)
        shown = self._shown or ("", -1, "\0")
        if face != shown[0]:
            self._digits.update(face)
            self._face.update(face, layout=False)
        if step != shown[1]:
            self._bar.show(step, STEPS)
        if state != shown[2]:
            self._state.update(state, layout=False)
            self.set_class(bool(state), "-alert")  # paused, time's up, not saved
        self._shown = (face, step, state)
