"""What the sprint shows beside the card, read from the store.

The card's history is read once per card, after the frame that shows the
card (an outcome key never waits for it); the day's earlier sprints and dials
are counted once, as the sprint opens, and this sprint's own dials added to
them. A new sprint is handed them by the start, which read the day off the
UI thread already (:class:`DayBefore`); a resumed one reads them here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from prospect_tui.core.errors import ProspectError
from prospect_tui.core.model import Call, Sprint, SprintStatus
from prospect_tui.core.sprint import SprintSession
from prospect_tui.core.sprint_card import Card
from prospect_tui.messages import ErrorRaised
from prospect_tui.screens.base import AppScreen
from prospect_tui.services import Services

HISTORY_LIMIT = 30
"""More calls than any history panel shows: the rest would be cut off anyway."""


@dataclass(frozen=True, slots=True)
class DayBefore:
    """The day's sprints completed before a sprint, and its dials in other sprints."""

    sprints: int = 0
    dials: int = 0

    @classmethod
    def of(cls, sprint: Sprint, sprints: Iterable[Sprint], calls: Iterable[Call]) -> DayBefore:
        """Counted from the day's ``sprints`` and ``calls``, ``sprint``'s own left out
        (a sprint not stored yet, id 0, has none)."""
        return cls(
            sprints=sum(s.status is SprintStatus.COMPLETED and s.id != sprint.id for s in sprints),
            dials=sum(c.sprint_id != sprint.id for c in calls),
        )


def history_since(day: date) -> date:
    """The first day the history reads: the start of the month before ``day``'s.

    Calls are stored by month: two months are at most one month more than the
    sprint has read already (its own month), whatever the size of the history.
    """
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


class CallAids:
    """The store's side of the panels that help on the call."""

    def __init__(
        self, screen: AppScreen[None], session: SprintSession, day: DayBefore | None = None
    ) -> None:
        self.screen = screen
        self.session = session
        self.since = history_since(session.sprint.local_date)
        self.day = day
        """The day before this sprint: None until :meth:`read_day` reads it."""
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

    @property
    def sprints_before(self) -> int:
        """The day's sprints completed before this one."""
        return self.day.sprints if self.day else 0

    @property
    def dials_before(self) -> int:
        """The day's dials in other sprints."""
        return self.day.dials if self.day else 0

    def read_day(self) -> None:
        """Read the day before this sprint, unless the start handed it over."""
        if self.day is not None:
            return
        repository, sprint = self.services.repository, self.session.sprint
        try:
            sprints = repository.sprints_on(sprint.local_date)
            calls = repository.calls_on(sprint.local_date)
        except ProspectError as error:
            self.screen.post_message(ErrorRaised(error))
            return
        self.day = DayBefore.of(sprint, sprints, calls)

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
