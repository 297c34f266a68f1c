"""The opener and offer to use on this call: one arm of the user's experiment."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static

from prospect_tui.core.config import Variant
from prospect_tui.core.experiments import script
from prospect_tui.core.model import Prospect


class ScriptCard(Static):
    """The variant's name, its opener filled in for this prospect, and the offer."""

    def show(self, variant: Variant | None, prospect: Prospect | None) -> None:
        """Fill the card; without variants, a nudge to configure some."""
        if variant is None or prospect is None:
            self.border_title = "Opener"
            self.update(
                "[dim]No openers configured. Add [[variants]] to config.toml to "
                "test openers and offers against each other.[/]",
                layout=False,  # the sprint gives this card a fixed size
            )
            return
        self.border_title = f"Opener · {escape(variant.name)}"
        lines = [f"“{escape(script(variant.opener, prospect))}”"] if variant.opener else []
        if variant.offer:
            lines.append(f"[dim]Offer:[/] {escape(script(variant.offer, prospect))}")
        self.update("\n".join(lines) or "[dim]This variant has no script text.[/]", layout=False)
