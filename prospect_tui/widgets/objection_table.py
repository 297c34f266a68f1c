"""The review's objections: how often each came up, and how often the call still went on.

One row per objection over the experiment window: calls it came up on,
those that still ended in a meeting or a callback, and that share as a bar.
Names are the user's text, drawn as written (Rich ``Text`` cells, never markup).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from prospect_tui.core.objection_stats import ObjectionResult
from prospect_tui.widgets.rate_table import RateTable, rate_bar


class ObjectionTable(RateTable):
    """A read-only table of the objections raised; hidden when there are none to show."""

    def __init__(self, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id)
        self.add_class(*classes.split())  # a panel of its own: its border and title

    def show(self, objections: Sequence[ObjectionResult], window: str) -> None:
        """Fill the table from ``objections`` (counted over ``window``, named in the title)."""
        self.display = bool(objections)
        self.border_title = f"Objections · {window}"
        colour = self._colour("success")
        rows = []
        for o in objections:
            good = o.meetings + o.callbacks
            share = good / o.raised if o.raised else 0.0
            rows.append(
                [
                    Text(o.name),
                    Text(f"{o.raised:,}"),
                    Text(f"{o.meetings:,}"),
                    Text(f"{o.callbacks:,}"),
                    Text(f"{share * 100:.0f}%" if o.raised else "–", style="bold" if good else ""),
                    Text(rate_bar(share, 1.0), style=colour),
                ]
            )
        self._fill(
            ["Objection", " Raised", " Meeting", " Callback", " Still on", ""],
            rows,
        )
