"""A table of prospects that stays smooth at 20,000 rows.

Textual's DataTable builds every row up front (seconds at this size) and
re-measures on each cursor move. This table draws through the line API: it
holds the sorted list and renders only the lines on screen, so loading,
searching and scrolling cost the same for 200 prospects as for 20,000.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from prospect_tui.core.clock import Clock
from prospect_tui.core.config import TimeWindow
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.prospect_list import Entry, Row, SortBy, row
from prospect_tui.keymap import bindings
from prospect_tui.widgets.text import visible


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its heading, the cell it shows, its width, and when it is dropped."""

    title: str
    cell: str
    width: int
    keep: int
    """Lower is kept longer when the table is narrow."""
    sort: SortBy | None = None
    """What sorting by this column sorts by; None for a column the list cannot be sorted by."""


# Wide enough for the title and a sort arrow. Dropped as the table narrows in
# the order of ``keep``: what a caller needs to dial (name, number, their
# clock) goes last, then who they are and where they stand.
COLUMNS = (
    Column("Name", "name", 20, 0, SortBy.NAME),
    Column("Phone", "phone", 17, 1),
    Column("Their time", "local", 12, 2, SortBy.LOCAL_TIME),
    Column("Company", "company", 19, 3, SortBy.COMPANY),
    Column("Title", "title", 18, 7, SortBy.TITLE),
    Column("Tries", "attempts", 7, 8, SortBy.ATTEMPTS),
    Column("Priority", "priority", 10, 5, SortBy.PRIORITY),
    Column("Next action", "next_action", 13, 6, SortBy.NEXT_ACTION),
    Column("Status", "status", 14, 4, SortBy.STATUS),
)
GAP = 2
MARK = 2
"""The "callable now" dot and its space, before the first column."""
CALLABLE, NOT_CALLABLE = "●", "○"


@lru_cache(maxsize=32)
def fit(width: int, sort: SortBy | None = None) -> tuple[Column, ...]:
    """The columns that fit ``width``, in display order.

    The column the list is sorted by is always among them: it takes the place
    of columns kept less long, so the order on screen is never a hidden one.
    """
    ranked = sorted(COLUMNS, key=lambda c: (c.sort is not sort or sort is None, c.keep))
    chosen = list(ranked)
    while chosen and MARK + sum(c.width + GAP for c in chosen) > width + GAP:
        chosen.pop()
    # The next column takes what room is left, narrower, rather than leave it empty.
    room = width - MARK - sum(c.width + GAP for c in chosen)
    if len(chosen) < len(ranked):
        following = ranked[len(chosen)]
        if room >= max(len(following.title) + 2, 10):
            chosen.append(replace(following, width=room))
    order = {c.title: n for n, c in enumerate(COLUMNS)}
    return tuple(sorted(chosen, key=lambda c: order[c.title]))


def sortable(columns: tuple[Column, ...]) -> tuple[SortBy, ...]:
    """What the list can be sorted by among ``columns``."""
    return tuple(c.sort for c in columns if c.sort is not None)


def cut(text: str, width: int) -> str:
    """``text`` on one line of at most ``width`` cells, with … where it was cut.

    Imported cells may hold line breaks and tabs; one of those inside a drawn
    line would break it, and an ESC would reach the terminal as a command.
    """
    text = visible(" ".join(text.split()))
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def line(cells: Row, columns: tuple[Column, ...]) -> str:
    """One row's text after its mark, each cell cut or padded to its column."""
    return (" " * GAP).join(
        cut(getattr(cells, column.cell), column.width).ljust(column.width) for column in columns
    )


def heading(
    columns: tuple[Column, ...], sort: SortBy | None = None, descending: bool = False
) -> Content:
    """The column titles, aligned with the mark and :func:`line`; ▲ or ▼ on the sorted one."""
    # Spaces apart from titles: each title then starts its own run, where it belongs.
    parts: list[tuple[str, str]] = []
    for n, column in enumerate(columns):
        parts.append((" " * (GAP if n else MARK), ""))
        parts.append((column.title, "bold"))
        room = column.width - len(column.title)
        if column.sort is sort and sort is not None:
            parts += [(" ", ""), ("▼" if descending else "▲", "bold $accent")]
            room -= 2
        parts.append((" " * room, ""))
    return Content.assemble(*parts)


class ProspectTable(ScrollView, can_focus=True):
    """The searched and sorted prospects, one per line, with a cursor."""

    BINDINGS = bindings(
        "prospect_table",
        actions={
            "cursor_up": "move(-1)",
            "cursor_down": "move(1)",
            "page_up": "page(-1)",
            "page_down": "page(1)",
            "first": "jump(0)",
            "last": "jump(-1)",
        },
    )
    COMPONENT_CLASSES = {
        "prospect-table--cursor",
        "prospect-table--resting",
        "prospect-table--callable",
    }
    DEFAULT_CSS = """
    ProspectTable { height: 1fr; overflow-x: hidden; }
    ProspectTable > .prospect-table--cursor { background: $accent 40%; text-style: bold; }
    ProspectTable:focus > .prospect-table--cursor { background: $accent; color: $text; }
    ProspectTable > .prospect-table--resting { color: $text-muted; }
    ProspectTable > .prospect-table--callable { color: $success; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class ColumnsChanged(Message):
        """The table's width changed: the columns shown may have too."""

    @dataclass
    class Highlighted(Message):
        """The cursor is on a (different) prospect."""

        entry: Entry | None

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ProspectTable.Highlighted)

    def __init__(self, clock: Clock, window: TimeWindow, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock = clock
        self.window = window
        """The calling window: a prospect inside it on their own clock gets a green dot."""
        self.sort: SortBy | None = None
        """What the list is sorted by: its column stays on screen however narrow."""
        self.rows: list[Entry] = []
        self._cells: dict[tuple[int, int], Row] = {}
        self._minute: datetime | None = None
        self._paint: tuple[Style, ...] = (Style(),) * 4

    # -- data ------------------------------------------------------------------

    def show(
        self, prospects: list[Entry], keep: int | None = None, sort: SortBy | None = None
    ) -> None:
        """Show ``prospects`` sorted by ``sort``; the cursor stays on prospect ``keep``."""
        self.rows = prospects
        self.sort = sort
        self._cells.clear()
        self.virtual_size = Size(self.size.width, len(prospects))
        where = next((i for i, p in enumerate(prospects) if p.id == keep), 0) if keep else 0
        self.cursor = min(where, max(len(prospects) - 1, 0))
        self.refresh()

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns shown at the table's width."""
        return fit(self.size.width or 80, self.sort)

    @property
    def entry(self) -> Entry | None:
        """The prospect under the cursor, as listed."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    @property
    def current(self) -> Prospect | None:
        """The whole record under the cursor (raises ``InvalidRecord`` if it is not valid)."""
        entry = self.entry
        return None if entry is None else entry.prospect

    def redraw(self, prospect: Entry) -> None:
        """Draw one edited prospect again."""
        for index, shown in enumerate(self.rows):
            if shown.id == prospect.id:
                self.rows[index] = prospect
                self._cells = {k: v for k, v in self._cells.items() if k[0] != prospect.id}
                self.refresh_line(index)
                return  # a prospect is listed once

    # -- drawing -----------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        minute = self.clock.now().replace(second=0, microsecond=0)
        if self._minute is not None and minute != self._minute:
            # Lines drawn earlier show the old minute: draw them all, not just this crop.
            self.refresh()
        # Styles are resolved through every ancestor: once a frame, not once a line.
        base = self.rich_style
        self._paint = (
            base,
            base + self.get_component_rich_style("prospect-table--resting"),
            self.get_component_rich_style("prospect-table--cursor"),
            base + self.get_component_rich_style("prospect-table--callable"),
        )
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.size.width
        base, resting, cursor, green = self._paint
        if index >= len(self.rows):
            return Strip.blank(width, base)
        prospect = self.rows[index]
        cells = self._row(prospect)
        text = line(cells, fit(width, self.sort)).ljust(width - MARK)[: max(width - MARK, 0)]
        resting_now = prospect.status in (Status.DO_NOT_CALL, Status.WRONG_NUMBER)
        style = resting if resting_now else base
        mark = " " * MARK
        mark_style = style
        if cells.callable is not None:
            mark = (CALLABLE if cells.callable else NOT_CALLABLE).ljust(MARK)
            mark_style = green if cells.callable else resting
        if index == self.cursor:
            style += cursor
            # The cursor's background, not its colour: the dot stays green.
            mark_style += Style.from_color(bgcolor=cursor.bgcolor)
        return Strip([Segment(mark[:width], mark_style), Segment(text, style)], width)

    def _row(self, prospect: Entry) -> Row:
        now = self.clock.now()
        minute = now.replace(second=0, microsecond=0)
        if minute != self._minute:  # local times move on: recompute once a minute
            self._cells.clear()
            self._minute = minute
        key = (prospect.id, id(prospect))
        cells = self._cells.get(key)
        if cells is None:
            cells = self._cells[key] = row(prospect, now, self.window)
        return cells

    def on_mount(self) -> None:
        self.set_interval(15, self.tick)

    def tick(self) -> None:
        """Draw again once the minute has turned: their times and the green dots move on."""
        if (
            self._minute is not None
            and self.clock.now().replace(second=0, microsecond=0) != self._minute
        ):
            self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))
        self.post_message(self.ColumnsChanged())

    # -- the cursor --------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True)
        self.post_message(self.Highlighted(self.entry))

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(self.size.height - 1, 1))

    def action_jump(self, where: int) -> None:
        if self.rows:
            self.cursor = where % len(self.rows)

    def on_click(self, event: Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.rows):
            self.cursor = index
