"""Twelve weeks of the streak at a glance: a row per weekday, a column per week."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widget import Widget

from prospect_tui.core.review_view import DayMark

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

CELLS: dict[DayMark, tuple[str, str]] = {
    DayMark.MET: ("■", "$success"),
    DayMark.SOME: ("■", "$warning"),
    DayMark.NONE: ("■", "$error 60%"),
    DayMark.TODAY: ("□", "bold $accent"),
    DayMark.DAY_OFF: ("◆", "$secondary"),
    DayMark.OFF: ("·", "$text-disabled"),
    DayMark.BEFORE: (" ", ""),
}
"""Each mark's character and colour: the legend shows the same."""

LEGEND: tuple[tuple[DayMark, str], ...] = (
    (DayMark.MET, "goal met"),
    (DayMark.SOME, "short"),
    (DayMark.NONE, "none"),
    (DayMark.TODAY, "today"),
    (DayMark.DAY_OFF, "day off"),
    (DayMark.OFF, "not working"),
)


class Heatmap(Widget):
    """The days of the last twelve weeks, each a coloured cell, with a legend."""

    DEFAULT_CSS = """
    Heatmap { height: auto; width: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marks: list[tuple[date, DayMark]] = []

    def show(self, marks: Sequence[tuple[date, DayMark]]) -> None:
        """Draw these days (oldest first, as :func:`~core.review_view.heatmap_marks` gives)."""
        self.marks = list(marks)
        self.refresh(layout=True)

    def render(self) -> Content:
        """A header of months, seven rows of weeks, the legend."""
        if not self.marks:
            return Content("")
        first = self.marks[0][0]
        monday = first.toordinal() - first.weekday()
        weeks = (self.marks[-1][0].toordinal() - monday) // 7 + 1
        grid: list[list[tuple[str, str]]] = [[(" ", "")] * weeks for _ in WEEKDAYS]
        for day, mark in self.marks:
            grid[day.weekday()][(day.toordinal() - monday) // 7] = CELLS[mark]
        shown = [d for d, mark in self.marks if mark != DayMark.BEFORE]
        lines = [self._months(monday, weeks, shown[0] if shown else None)]
        for name, row in zip(WEEKDAYS, grid, strict=True):
            parts: list[str | tuple[str, str]] = [(f"{name} ", "$text-muted")]
            for cell in row:
                parts += [cell, " "]
            lines.append(Content.assemble(*parts).rstrip())
        lines += self._legend()
        return Content("\n").join(lines)

    @staticmethod
    def _months(monday: int, weeks: int, since: date | None) -> Content:
        """Each month's name over the first week that starts in it, where there is room.

        The weeks before ``since`` (nothing logged yet) are blank and get no name;
        the first week shown is named by the month of ``since``.
        """
        header = [" "] * (4 + weeks * 2 + 2)
        taken = 0
        first = weeks if since is None else (since.toordinal() - monday) // 7
        for week in range(first, weeks):
            start = date.fromordinal(monday + week * 7)
            if week == first and since is not None:
                start = since
            elif start.day > 7:
                continue
            column = 4 + week * 2
            if column >= taken:
                name = f"{start:%b}"
                header[column : column + len(name)] = name
                taken = column + len(name) + 1
        return Content.styled("".join(header).rstrip(), "$text-muted")

    @staticmethod
    def _legend() -> list[Content]:
        entries = [
            Content.assemble(CELLS[mark], (f" {label}", "$text-muted")) for mark, label in LEGEND
        ]
        return [Content("  ").join(entries[:3]), Content("  ").join(entries[3:])]
