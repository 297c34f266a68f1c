"""What the sprint screen is made of, and how it fits the terminal's size.

The panels are laid out by ``app.tcss``; the screen's size picks one of its
layouts through CSS classes: wide (the panels under the card side by side),
``-narrow`` (stacked), ``-small`` (the card takes the whole width under a
one-line countdown, the panels under it give way) and ``-too-small`` (a
request for a bigger window instead of a broken screen).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

from prospect_tui.core.config import Config
from prospect_tui.widgets.call_history import CallHistory
from prospect_tui.widgets.countdown import CountdownDisplay
from prospect_tui.widgets.day_goal import DayGoal
from prospect_tui.widgets.key_bar import KeyBar
from prospect_tui.widgets.objection_cards import ObjectionCards
from prospect_tui.widgets.outcome_keys import OutcomeKeys
from prospect_tui.widgets.prospect_card import ProspectCard
from prospect_tui.widgets.queue_preview import QueuePreview
from prospect_tui.widgets.script_card import ScriptCard
from prospect_tui.widgets.sprint_stats import SprintStats

MIN_SIZE = Size(60, 16)
"""The smallest terminal the sprint draws in: the card, a one-line countdown, the keys."""
SMALL = Size(76, 22)
"""Below this width or height the card takes the whole width, under a one-line countdown."""
NARROW = 100
"""Below this width the panels under the card are stacked, not side by side."""


def sprint_panels(config: Config) -> ComposeResult:
    """The sprint's panels under its title bar: the left column, the card and what helps on
    the call, the request for a bigger window, the outcome keys and the key bar."""
    with Horizontal(id="sprint-main"):
        with Vertical(id="sprint-left"):
            yield CountdownDisplay(id="countdown", classes="panel")
            yield SprintStats(id="sprint-stats", classes="panel")
            yield DayGoal(id="day-goal", classes="panel")
            yield QueuePreview(id="up-next", classes="panel")
        with Vertical(id="sprint-right"):
            yield ProspectCard(id="card", classes="panel")
            # Under the card, what helps on the call, side by side: the history,
            # and a column of scripts (the opener, then the objection cards).
            with Horizontal(id="sprint-aids"):
                yield CallHistory(id="history", classes="panel")
                with Vertical(id="sprint-scripts"):
                    yield ScriptCard(id="script", classes="panel")
                    yield ObjectionCards(id="objections", classes="panel")
    # The request for a bigger window (#sprint-too-small) is mounted by fit_layout the
    # first time it is needed: most sprints never show it, and every widget mounted
    # costs the sprint's first frame.
    yield OutcomeKeys(config, id="outcome-keys")
    yield KeyBar()


def too_small_text() -> str:
    """What the sprint says in a terminal it cannot fit in."""
    return (
        f"Make the window larger\n(at least {MIN_SIZE.width}×{MIN_SIZE.height})\n"
        "to see who to call.\n\nThe sprint is still running."
    )


def size_classes(size: Size) -> dict[str, bool]:
    """The screen's layout classes for a terminal of ``size``."""
    too_small = size.width < MIN_SIZE.width or size.height < MIN_SIZE.height
    small = size.width < SMALL.width or size.height < SMALL.height
    return {
        "-too-small": too_small,
        "-small": small and not too_small,
        "-narrow": size.width < NARROW and not small,
    }


def fit_layout(screen: Screen[None], size: Size) -> bool:
    """Give ``screen`` the layout classes of ``size``; whether the card went on or off screen."""
    blind = screen.has_class("-too-small")
    classes = size_classes(size)
    if classes["-too-small"] and not screen.query("#sprint-too-small"):
        screen.mount(Static(too_small_text(), id="sprint-too-small"), after="#sprint-main")
    screen.update_classes(classes)
    return blind != screen.has_class("-too-small")
