"""Openers and offers side by side: each one's meetings per connect as an interval bar.

Each row is a scale from 0 to a round share above the highest interval: the
bar spans the 95 % interval and ``●`` marks the rate seen, so overlapping
bars say at a glance that the data cannot tell two variants apart yet.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from prospect_tui.core.review_tables import VariantResult
from prospect_tui.core.tally import counted
from prospect_tui.core.visible import visible

NAME_WIDTH = 24
MIN_BAR = 10


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def numbers(v: VariantResult) -> str:
    """``16% (7–32%)    32 conn.  P(best) 0.24``: the same width on every row."""
    if not v.tally.connects:
        return f"{'no connect yet, ' + counted(v.tally.dials, 'dial'):<37}"
    interval = f"({v.meeting.low * 100:.0f}–{_percent(v.meeting.high)})"
    return (
        f"{_percent(v.meeting.rate):>4} {interval:<10}{v.tally.connects:>5} conn.  "
        f"P(best) {v.p_best:.2f}"
    )


class VariantChart(Widget):
    """One line per variant: name, interval bar, rate and chance of being best."""

    DEFAULT_CSS = """
    VariantChart { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.variants: list[VariantResult] = []
        self.leader: str | None = None

    def show(self, variants: Sequence[VariantResult], leader: str | None) -> None:
        """Draw ``variants``; the ``leader``'s bar is in the success colour."""
        self.variants, self.leader = list(variants), leader
        self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return max(len(self.variants), 1)

    def render(self) -> Content:
        """The rows, scaled to the widget's width."""
        if not self.variants:
            return Content.styled(
                "No openers configured: add [[variants]] to config.toml.", "$text-muted"
            )
        width = self.size.width
        said = len(numbers(self.variants[0]))
        # A narrow terminal shortens the names before the numbers: the interval is the point.
        name_width = max(min(NAME_WIDTH, width // 4, width - said - 4 - MIN_BAR), 8)
        bar = max(width - name_width - said - 4, MIN_BAR)
        top = max((v.meeting.high for v in self.variants if v.tally.connects), default=0.0)
        scale = max(math.ceil(top * 10) / 10, 0.1)
        rows = (self._row(v, name_width, bar, scale) for v in self.variants)
        return Content("\n").join(row.truncate(width) for row in rows)

    def _row(self, v: VariantResult, name_width: int, width: int, scale: float) -> Content:
        name = Content(visible(v.name)).truncate(name_width, ellipsis=True, pad=True)
        leader = v.name == self.leader
        if not v.tally.connects:
            return Content.assemble(
                name, "  ", ("╌" * width, "$text-disabled"), "  ", (numbers(v), "$text-muted")
            )
        low = round(v.meeting.low / scale * (width - 1))
        high = round(v.meeting.high / scale * (width - 1))
        point = round(v.meeting.rate / scale * (width - 1))
        colour = "$success" if leader else "$primary"
        cells: list[tuple[str, str]] = []
        for i in range(width):
            if i == point:
                cells.append(("●", f"bold {colour}"))
            elif low <= i <= high:
                cells.append(("━", colour))
            else:
                cells.append(("╌", "$text-disabled"))
        return Content.assemble(
            (name.plain, "bold" if leader else ""), "  ", *cells, "  ", numbers(v)
        )
