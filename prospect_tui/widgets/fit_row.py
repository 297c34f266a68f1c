"""A row of panels that stacks them when their tables do not fit side by side.

A table cut on the right hides its last columns (the review's 95 % intervals):
the row puts its panels one above the other unless each one's widest content
fits the share of the width it would get beside the others.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.events import Resize
from textual.widget import Widget


def needed_width(widget: Widget) -> int:
    """The columns ``widget`` needs to show its content whole: a widget with a
    ``natural_width`` (a table) says so; a container needs its widest child's, plus
    its own border and padding. Anything else wraps or shrinks, so needs none."""
    inner = max(
        [getattr(widget, "natural_width", 0), *(needed_width(c) for c in widget.displayed_children)]
    )
    return inner + widget.styles.gutter.width if inner else 0


class FitRow(Vertical):
    """Its children side by side, in equal shares, where each one fits its share; else stacked."""

    DEFAULT_CSS = """
    FitRow { height: auto; layout: horizontal; }
    FitRow > * { width: 1fr; }
    FitRow.-stacked { layout: vertical; }
    """

    def on_resize(self, event: Resize) -> None:
        self.refit()

    def refit(self) -> None:
        """Stack the children unless each one fits its share of the row's width."""
        shown = self.displayed_children
        width = self.size.width
        if not shown or not width:
            return
        need = max(needed_width(child) for child in shown)
        self.set_class(need * len(shown) > width, "-stacked")
