"""The first run: what Prospect is, the two ways to begin, and (where there is room) a tour.

The keys named are the user's, after ``[keys]`` remaps, so the welcome never
teaches a key that does something else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from prospect_tui.core.outcomes import OUTCOMES
from prospect_tui.core.tally import counted
from prospect_tui.keymap import key_for, keys_for
from prospect_tui.widgets.home_panels import KeyLine, KeyList
from prospect_tui.widgets.text import fill

if TYPE_CHECKING:
    from prospect_tui.core.config import Config

INTRO = (
    "[b]Welcome to Prospect.[/b]\n\n"
    "Calling is the part of prospecting that gets put off. Prospect runs short, "
    "locked calling sprints: one person on the screen, one key per outcome, "
    "and a streak for every day you keep your calling block.\n\n"
    "Your workspace is empty. To begin:"
)

TOUR = (
    ("plan", "plan a daily calling block — and protect it like a vacation"),
    ("sprint", "a calling sprint: one person at a time, on their own clock, with an opener"),
    ("follow_up", "follow up the callbacks and meetings you booked, when they are due"),
    ("review", "the review: what worked, by hour and by opener, and why sprints stopped"),
)
"""The home keys of a working day, in the order a day uses them."""


class Welcome(Vertical):
    """The empty workspace's greeting, with the sample and import keys."""

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome", classes="panel"):
            yield Static(INTRO, id="welcome-text")
            yield KeyLine(id="welcome-sample")
            yield KeyLine(id="welcome-import")
        with Horizontal(id="welcome-tour", classes="tall-only"):
            yield KeyList(len(TOUR), id="welcome-day", classes="panel")
            yield KeyList(len(OUTCOMES), id="welcome-outcomes", classes="panel")
        yield Static(id="welcome-goal", classes="panel tall-only")

    def show(self, config: Config, prospects: int) -> None:
        """Name the user's keys; ``prospects``: how many the sample list holds."""
        self.query_one("#welcome-sample", KeyLine).show(
            key_for("home", "sample", config),
            f"load the sample list — {counted(prospects, 'fictional prospect')} across time zones, "
            "to try everything at once",
        )
        self.query_one("#welcome-import", KeyLine).show(
            key_for("home", "import", config),
            "import a CSV exported from your CRM (HubSpot, Salesforce, or any name,phone file)",
        )
        self.query_one("#welcome-day", KeyList).show(
            "A working day",
            [(key_for("home", action, config), text) for action, text in TOUR],
        )
        goal = self.query_one("#welcome-goal", Static)
        goal.border_title = "The goal and the streak"
        goal.update(
            fill(
                "A working day counts for the streak when it has [b]$sprints[/b]"
                + (" and [b]$dials[/b]" if config.goal.dials else "")
                + ". Days off and rest days never break it, and today does not "
                "until it is over. Press [b]$plan[/b] to change the goal, the working days "
                "and the blocks.",
                sprints=counted(config.goal.sprints, "completed calling sprint"),
                dials=counted(config.goal.dials, "dial"),
                plan=key_for("home", "plan", config),
            )
        )
        self.query_one("#welcome-outcomes", KeyList).show(
            "In a sprint: one key per outcome",
            [(" ".join(keys_for("sprint", o.id, config)), o.label.lower()) for o in OUTCOMES],
        )
