"""A progress bar as one widget: Textual's bar, without the ProgressBar around it.

Textual's ``ProgressBar`` is a container holding its ``Bar``: two widgets to
mount, style, lay out and draw for one line. The sprint's first frame pays
for every widget on the screen, and it shows three such bars; this is the
bar alone, drawn exactly as the ProgressBar draws it.
"""

from __future__ import annotations

from textual.widgets._progress_bar import Bar


class PlainBar(Bar):
    """``━━━━━━╸━━━━`` for ``done`` of ``total``: the same cells as a ProgressBar's."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(Bar.percentage, 0.0)  # empty, not the indeterminate animation

    def show(self, done: float, total: float) -> None:
        """``done`` of ``total`` (full at a total of 0, as a ProgressBar is)."""
        self.percentage = 1.0 if total == 0 else min(max(done / total, 0.0), 1.0)
