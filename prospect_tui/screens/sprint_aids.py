"""What the sprint shows beside the card, read from the store, and how the screen fits its size.

The card's history is read once per card, after the frame that shows the
card (an outcome key never waits for it); the day's earlier sprints and dials
are read once, as the sprint opens, and this sprint's own dials added to
them. The screen's layout follows the terminal's size through CSS classes:
``-narrow`` stacks the panels under the card, ``-small`` gives the card the
whole width under a one-line countdown, ``-too-small`` asks for a bigger
window instead of drawing a broken screen.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from textual.geometry import Size
from textual.screen import Screen

from prospect_tui.core.errors import ProspectError
from prospect_tui.core.model import Call, SprintStatus
from prospect_tui.core.sprint import SprintSession
from prospect_tui.core.sprint_card import Card
from prospect_tui.messages import ErrorRaised
from prospect_tui.screens.base import AppScreen
from prospect_tui.services import Services

MIN_SIZE = Size(60, 16)
"""The smallest terminal the sprint draws in: the card, a one-line countdown, the keys."""
SMALL = Size(76, 22)
"""Below this width or height the card takes the whole width, under a one-line countdown."""
NARROW = 100
"""Below this width the panels under the card are stacked, not side by side."""
HISTORY_LIMIT = 30
"""More calls than any history panel shows: the rest would be cut off anyway."""


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
    screen.update_classes(size_classes(size))
    return blind != screen.has_class("-too-small")


def history_since(day: date) -> date:
    """The first day the history reads: the start of the month before ``day``'s.

    Calls are stored by month: two months are at most one month more than the
    sprint has read already (its own month), whatever the size of the history.
    """
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


class CallAids:
    """The store's side of the panels that help on the call."""

    def __init__(self, screen: AppScreen[None], session: SprintSession) -> None:
        self.screen = screen
        self.session = session
        self.since = history_since(session.sprint.local_date)
        self.sprints_before = 0
        self.dials_before = 0
        self._card: Card | None = None
        self._calls: list[Call] | None = None
        self._minute: datetime | None = None

    def minute_turned(self, now: datetime) -> bool:
        """Whether a new minute began since the last call: the card's times are redrawn."""
        minute = now.replace(second=0, microsecond=0)
        turned = self._minute is not None and minute != self._minute
        self._minute = minute
        return turned

    @property
    def services(self) -> Services:
        """The app's services."""
        return self.screen.services

    def read_day(self) -> None:
        """The day's sprints completed before this one, and its dials in other sprints."""
        repository, sprint = self.services.repository, self.session.sprint
        try:
            sprints = repository.sprints_on(sprint.local_date)
            calls = repository.calls_on(sprint.local_date)
        except ProspectError as error:
            self.screen.post_message(ErrorRaised(error))
            return
        self.sprints_before = sum(
            s.status is SprintStatus.COMPLETED and s.id != sprint.id for s in sprints
        )
        self.dials_before = sum(c.sprint_id != sprint.id for c in calls)

    def history(self) -> list[Call] | None:
        """The calls of the prospect on the card, newest first: read once per card."""
        card = self.session.card
        if card is None:
            return None
        if card is not self._card:
            self._card, self._calls = card, self._read(card)
        return self._calls

    def _read(self, card: Card) -> list[Call]:
        prospect = card.prospect
        if prospect.last_called_at is None and not prospect.attempts:
            return []  # never called: no month to look through
        try:
            return self.services.repository.calls_of_prospect(
                prospect.id, self.since, HISTORY_LIMIT
            )
        except ProspectError as error:
            self.screen.post_message(ErrorRaised(error))
            return []
