"""The top line: the app's name, what screen this is, and the time on the injected clock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.cells import cell_len
from rich.style import Style as RichStyle
from textual import events
from textual.content import Content
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual
from textual.widget import Widget

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


class TitleBar(Widget):
    """``Prospect · Home`` on the left, ``Sun 22 Nov 15:30`` on the right.

    ``shorter``: shorter ways to say ``where``, longest first, for a terminal too
    narrow for it (the date gives way first).

    One widget draws both: every screen opens with it, and each widget costs a
    screen's first frame its mount, styles, layout and draw. Each side is drawn
    as a label of its own would draw it (the title wrapped to its room, the clock
    as wide as its text, at the right).
    """

    COMPONENT_CLASSES = {"title-bar--clock"}

    def __init__(self, clock: Clock, where: str, shorter: Sequence[str] = ()) -> None:
        super().__init__()
        self.clock = clock
        self.where = where
        self._wheres = (where, *shorter)
        self._with_date = True
        self._shown_where = where
        self._face = self._now()

    def on_mount(self) -> None:
        self.set_interval(15, self.tick)

    def on_resize(self, event: events.Resize) -> None:
        where, self._with_date = fit_title(self.content_size.width, self._wheres, self.clock.now())
        self._shown_where = where
        self.tick()

    def show_where(self, where: str) -> None:
        """Say which screen (or which day of it) this is."""
        self.where = where
        self._wheres = (where,)
        self._shown_where = where
        self.refresh()

    def tick(self) -> None:
        """Show the clock's time (minutes are enough up here)."""
        self._face = self._now()
        self.refresh()

    def title_text(self) -> str:
        """The title as shown, without its styles: ``Prospect · Home``."""
        return self._title(self._shown_where).plain

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base, background = self.background_colors
        gap = VisualStyle(background=base + background).rich_style
        if y:
            return Strip.blank(width, gap)
        face = Content(self._face)
        room = max(width - face.cell_length, 0)
        where = self._part(self._title(self._shown_where), room, self.visual_style, gap)
        clock = self._part(face, face.cell_length, self.get_visual_style("title-bar--clock"), gap)
        return Strip.join([where, clock]).adjust_cell_length(width, gap)

    def _part(self, content: Content, width: int, style: VisualStyle, gap: RichStyle) -> Strip:
        """The first line of ``content`` in ``width`` cells, as a label that wide draws it."""
        if width <= 0:
            return Strip([])
        strips = Visual.to_strips(self, content, width, 1, style)
        line = strips[0] if strips else Strip([])
        return line.adjust_cell_length(width, gap)

    @staticmethod
    def _title(where: str) -> Content:
        return fill("[b]Prospect[/b] · $where", where=where)

    def _now(self) -> str:
        dated, bare = clock_faces(self.clock.now())
        return dated if self._with_date else bare
