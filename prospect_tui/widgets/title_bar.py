"""The top line: the app's name, what screen this is, and the time on the injected clock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from prospect_tui.core.clock import Clock
from prospect_tui.widgets.text import fill

APP = "Prospect · "
"""What every title starts with."""


def clock_faces(now: datetime) -> tuple[str, str]:
    """The title's time: with the date, and the time alone for a narrow terminal."""
    return f"{now:%a %d %b  %H:%M}", f"{now:%H:%M}"


def fit_title(width: int, wheres: Sequence[str], now: datetime) -> tuple[str, bool]:
    """Which of ``wheres`` (longest first, each a shorter way to say the same) and whether
    the date fit ``width`` cells: the date goes first, then the where's lesser parts, so
    nothing is cut mid-word (nor a number from its unit)."""
    dated, bare = clock_faces(now)
    for where in wheres:
        for clock, with_date in ((dated, True), (bare, False)):
            if cell_len(APP + where) + 1 + cell_len(clock) <= width:
                return where, with_date
    return wheres[-1], False


class TitleBar(Horizontal):
    """``Prospect · Home`` on the left, ``Sun 22 Nov 15:30`` on the right.

    ``shorter``: shorter ways to say ``where``, longest first, for a terminal too
    narrow for it (the date gives way first).
    """

    def __init__(self, clock: Clock, where: str, shorter: Sequence[str] = ()) -> None:
        super().__init__()
        self.clock = clock
        self.where = where
        self._wheres = (where, *shorter)
        self._with_date = True

    def compose(self) -> ComposeResult:
        yield Static(self._title(self.where), id="title-where")
        yield Static(self._now(), id="title-clock")

    def on_mount(self) -> None:
        self.set_interval(15, self.tick)

    def on_resize(self, event: events.Resize) -> None:
        where, self._with_date = fit_title(self.content_size.width, self._wheres, self.clock.now())
        self.query_one("#title-where", Static).update(self._title(where))
        self.tick()

    def show_where(self, where: str) -> None:
        """Say which screen (or which day of it) this is."""
        self.where = where
        self._wheres = (where,)
        self.query_one("#title-where", Static).update(self._title(where))

    def tick(self) -> None:
        """Show the clock's time (minutes are enough up here)."""
        self.query_one("#title-clock", Static).update(self._now())

    @staticmethod
    def _title(where: str) -> Content:
        return fill("[b]Prospect[/b] · $where", where=where)

    def _now(self) -> str:
        dated, bare = clock_faces(self.clock.now())
        return dated if self._with_date else bare
