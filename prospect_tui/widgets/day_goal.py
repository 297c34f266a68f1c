"""The day against its goal, seen from inside a sprint: sprints and dials, as bars.

One widget draws both lines (label, bar, count): as a row of a label, a bar
and a count each, the panel was nine widgets, and the sprint's first frame
pays for mounting, styling and laying out every widget on its screen. The
bars are Textual's progress bar, drawn with the same renderable and colours.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.renderables.bar import Bar as BarRenderable
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

from prospect_tui.core.config import GoalSettings
from prospect_tui.core.tally import meets_goal

LABEL_WIDTH = 8
"""The label's column: ``Sprints`` and ``Dials`` line their bars up."""
COUNT_WIDTH = 10
"""The count's column, a space then ``21 / 30 ✓``; the bar takes the width between."""


def goal_text(value: int, goal: int) -> str:
    """``21 / 30``, ``30 / 30 ✓`` once met, or the count alone without a goal."""
    return f"{value} / {goal}" + (" ✓" if value >= goal else "") if goal else f"{value}"


def first_line(text: str, width: int) -> str:
    """What of ``text`` a ``width``-cell column shows on its one line: wrapped at the
    spaces (a word longer than the line is cut), as a one-line label would show it."""
    line = ""
    for word in text.split(" "):
        joined = f"{line} {word}" if line else word
        if cell_len(joined) > width:
            return line or word[:width]
        line = joined
    return line


def bar_end(fraction: float, width: int) -> float:
    """Where the filled part of a ``width``-cell bar ends, in half cells (rounded down),
    as a ProgressBar puts it."""
    cells = width * 2
    return int(fraction * cells) / 2 if cells else fraction * width


class DayGoal(Widget):
    """``Sprints`` and ``Dials`` today against the goal; its title says when it is met."""

    COMPONENT_CLASSES = {"day-goal--label", "day-goal--bar", "day-goal--complete"}
    DEFAULT_CSS = """
    DayGoal {
        & > .day-goal--label { color: $text-muted; }
        & > .day-goal--bar { color: $primary; background: $surface; }
        & > .day-goal--complete { color: $success; background: $surface; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[int, int] | None = None
        self._rows: tuple[tuple[str, int, int], ...] = (("Sprints", 0, 0), ("Dials", 0, 0))

    def show(self, sprints: int, dials: int, goal: GoalSettings) -> None:
        """Completed sprints and dials so far today, against ``goal``."""
        if (sprints, dials) == self._shown:
            return  # the stats redraw after every key and every save; this only with a dial
        self._shown = (sprints, dials)
        self._rows = (("Sprints", sprints, goal.sprints), ("Dials", dials, goal.dials))
        met = meets_goal(sprints, dials, goal)
        self.border_title = "Today · goal met ✓" if met else "Today"
        self.refresh()  # a fixed size (see app.tcss): no layout pass

    def texts(self) -> tuple[str, str]:
        """The counts beside the bars (sprints, dials), as shown: none until the first show."""
        if self._shown is None:
            return "", ""
        (_, sprints, of_sprints), (_, dials, of_dials) = self._rows
        return goal_text(sprints, of_sprints), goal_text(dials, of_dials)

    def render_line(self, y: int) -> Strip:
        """``Sprints ━━━━╸━━━━━  1 / 2``: each part styled as its own widget drew it (the
        label and the count as text, the bar as a ProgressBar's, the gaps as padding)."""
        if y >= len(self._rows):
            return Strip.blank(self.content_region.width, self._gap_style())
        label, value, goal = self._rows[y]
        width = self.content_region.width
        bar_width = max(width - LABEL_WIDTH - COUNT_WIDTH, 0)
        gap = self._gap_style()
        text = self.visual_style.rich_style
        count = first_line(self.texts()[y], COUNT_WIDTH - 1)
        segments = [
            Segment(label, self.get_visual_style("day-goal--label").rich_style),
            Segment(" " * (LABEL_WIDTH - cell_len(label)), gap),
            *self._bar(min(value, goal), max(goal, 1), bar_width, text),
            Segment(" ", gap),
            Segment(count, text),
            Segment(" " * (COUNT_WIDTH - 1 - cell_len(count)), gap),
        ]
        return Strip(segments).adjust_cell_length(width, gap)

    def _gap_style(self) -> Style:
        """The style of the cells between the parts: the panel's background, as padding."""
        base, background = self.background_colors
        return VisualStyle(background=base + background).rich_style

    def _bar(self, done: int, total: int, width: int, base: Style) -> list[Segment]:
        """A ProgressBar's bar for ``done`` of ``total``, ``width`` cells wide."""
        fraction = min(max(done / total, 0.0), 1.0)
        style = self.get_component_rich_style(
            "day-goal--bar" if fraction < 1 else "day-goal--complete"
        )
        bar = BarRenderable(
            highlight_range=(0, bar_end(fraction, width)),
            highlight_style=Style.from_color(style.color),
            background_style=Style.from_color(style.bgcolor),
        )
        console = self.app.console
        options = self.app.console_options.update(highlight=False, width=width, height=1)
        rendered = console.render(self.post_render(bar, base), options)
        return next(iter(Segment.split_and_crop_lines(rendered, width, include_new_lines=False)))
