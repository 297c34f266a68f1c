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
        lines = [self._months(monday, weeks)]
        for name, row in zip(WEEKDAYS, grid, strict=True):
            parts: list[str | tuple[str, str]] = [(f"{name} ", "$text-muted")]
            for cell in row:
                parts += [cell, " "]
            lines.append(Content.assemble(*parts).rstrip())
        lines += self._legend()
        return Content("\n").join(lines)

    @staticmethod
    def _months(monday: int, weeks: int) -> Content:
        """Each month's name over the first week that starts in it, where there is room."""
        header = [" "] * (4 + weeks * 2 + 2)
        taken = 0
        for week in range(weeks):
            start = date.fromordinal(monday + week * 7)
            if week and start.day > 7:
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
