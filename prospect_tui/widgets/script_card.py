"""The opener and offer to use on this call: one arm of the user's experiment."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from prospect_tui.core.config import Variant
from prospect_tui.core.experiments import script
from prospect_tui.core.model import Prospect
from prospect_tui.widgets.text import fill, plain


class ScriptCard(Static):
    """The variant's name, its opener filled in for this prospect, and the offer."""

    def show(self, variant: Variant | None, prospect: Prospect | None) -> None:
        """Fill the card; without variants, a nudge to configure some."""
        if prospect is None:
            self.border_title = "Opener"
            self.update(plain("The opener shows with the next call.", "dim"), layout=False)
            return
        if variant is None:
            self.border_title = "Opener"
            self.update(
                "[dim]No openers configured. Add [[variants]] to config.toml to "
                "test openers and offers against each other.[/]",
                layout=False,  # the sprint gives this card a fixed size
            )
            return
        self.border_title = plain(f"Opener · {variant.name}")
        lines = [plain(f"“{script(variant.opener, prospect)}”")] if variant.opener else []
        if variant.offer:
            lines.append(fill("[dim]Offer:[/] $offer", offer=script(variant.offer, prospect)))
        self.update(
            Content("\n").join(lines)
            if lines
            else plain("This variant has no script text.", "dim"),
            layout=False,
        )
