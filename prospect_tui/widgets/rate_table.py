"""The review's tables: connect rate by the prospect's hour and by weekday, outcome by length.

Textual's DataTable, never focused (the review's arrow keys move the day),
its cells given as Rich ``Text``: a ``str`` cell would be read as markup.
Each rate carries a small bar, scaled to the best rate of the table, so the
best hours stand out before a number is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.widgets import DataTable

from prospect_tui.core.experiments import Interval
from prospect_tui.core.review_tables import HourResult, LengthResult, WeekdayResult

EIGHTHS = " ▏▎▍▌▋▊▉█"
BAR_WIDTH = 8


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def rate_bar(rate: float, top: float, width: int = BAR_WIDTH) -> str:
    """``rate`` as a bar of ``width`` cells, full at ``top``, in eighths of a cell."""
    eighths = round(rate / top * width * 8) if top > 0 else 0
    full, part = divmod(min(eighths, width * 8), 8)
    return ("█" * full + (EIGHTHS[part] if part else "")).ljust(width)


def _top(intervals: Iterable[Interval]) -> float:
    """The rate a full bar stands for: the best of the rates with enough dials to count."""
    intervals = list(intervals)
    counted = [i.rate for i in intervals if i.enough] or [i.rate for i in intervals]
    return max(counted, default=0.0)


class RateTable(DataTable[Text]):
    """A read-only table of counts and rates."""

    DEFAULT_CSS = """
    RateTable { height: auto; background: $background; }
    RateTable > .datatable--header { background: $background; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, show_cursor=False, cursor_type="none", zebra_stripes=False)
        self.can_focus = False
        self.natural_width = 0
        """The columns the table needs to show every column whole (see widgets.fit_row)."""

    def _colour(self, name: str) -> str:
        return self.app.theme_variables.get(name, "")

    def _fill(self, columns: Sequence[str], rows: Iterable[Sequence[Text]]) -> None:
        """Columns whose name starts with a space are numbers: right-aligned, header too."""
        rows = [list(row) for row in rows]
        self.clear(columns=True)
        self.natural_width = 0
        for index, column in enumerate(columns):
            name = column.strip()
            width = max([len(name), *(row[index].cell_len for row in rows)])
            if column[:1] == " ":
                name = name.rjust(width)
                for row in rows:
                    row[index].pad_left(width - row[index].cell_len)
            self.add_column(Text(name))
            self.natural_width += width + 2 * self.cell_padding
        self.add_rows(rows)

    def _rate_cells(self, interval: Interval, top: float, best: bool) -> list[Text]:
        # Too few dials to read anything into: drawn, but dimmed.
        colour = self._colour("success" if best else "primary") if interval.enough else "dim"
        return [
            Text(
                _percent(interval.rate), style="bold" if best else "" if interval.enough else "dim"
            ),
            Text(rate_bar(interval.rate, top), style=colour),
            Text(f"{_percent(interval.low)}–{_percent(interval.high)}", style="dim"),
        ]

    def show_hours(self, hours: Sequence[HourResult], best: set[int]) -> None:
        """Connects per dial at each of the prospect's hours; ``best`` ones starred."""
        top = _top(h.interval for h in hours)
        self._fill(
            ("  Hour", " Dials", " Conn.", " Rate", "", "95% interval"),
            (
                [
                    Text(
                        f"{'★ ' if h.hour in best else '  '}{h.hour:02d}:00",
                        style=f"bold {self._colour('success')}" if h.hour in best else "",
                    ),
                    Text(str(h.dials)),
                    Text(str(h.connects)),
                    *self._rate_cells(h.interval, top, h.hour in best),
                ]
                for h in hours
            ),
        )

    def show_weekdays(self, weekdays: Sequence[WeekdayResult]) -> None:
        """Connects per dial on each weekday; the best one in bold."""
        top = _top(w.interval for w in weekdays)
        best = {w.weekday for w in weekdays if w.interval.enough and w.interval.rate == top and top}
        self._fill(
            ("Day", " Dials", " Conn.", " Rate", "", "95% interval"),
            (
                [
                    Text(w.name.capitalize()),
                    Text(str(w.dials)),
                    Text(str(w.connects)),
                    *self._rate_cells(w.interval, top, w.weekday in best),
                ]
                for w in weekdays
            ),
        )

    def show_lengths(self, lengths: Sequence[LengthResult]) -> None:
        """How far calls of each length got: connects, meetings, not interested."""
        self._fill(
            ("Length", " Calls", " Conn.", " Meet.", " Not int."),
            (
                [
                    Text(r.band.label),
                    *(
                        Text(str(n))
                        for n in (
                            r.tally.dials,
                            r.tally.connects,
                            r.tally.meetings,
                            r.outcomes.get("not_interested", 0),
                        )
                    ),
                ]
                for r in lengths
            ),
        )
