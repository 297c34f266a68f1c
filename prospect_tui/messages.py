"""What screens tell the app: small messages that bubble from a screen up to it.

Data flows one way: the app hands each screen its services, and a screen
never calls back into the app. When something happens that changes the
flow between screens (a sprint ended, the break is over) or needs the app's
attention (an error), the screen posts one of these and the app handles it
(``ProspectApp.on_*``). ``post_message`` is safe from a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from prospect_tui.core.model import Sprint
    from prospect_tui.core.sprint import SprintSession
    from prospect_tui.core.tally import Tally


@dataclass
class ErrorRaised(Message):
    """Show ``error`` as one sentence (a bug's traceback goes to the log)."""

    error: BaseException


@dataclass
class StartSprint(Message):
    """Build the queue and lock the screen to a new sprint.

    ``deliberate``: asked for by the home screen's own key, so the first keys
    on the sprint are meant for it; any other start drops the keys of its
    first moment.
    """

    deliberate: bool = False


@dataclass
class ResumeSprint(Message):
    """Lock the screen to a sprint a crash left running."""

    session: SprintSession
    number: int


@dataclass
class TimeUp(Message):
    """The sprint's time ran out with a call on the card: bell and notification now."""

    tally: Tally


@dataclass
class PauseOver(Message):
    """A sprint's pause used up its allowance and the clock runs again: ring, it may be unseen."""


@dataclass
class SprintEnded(Message):
    """The sprint is recorded as ended: the break, or home if it was abandoned.

    ``announced``: the bell already rang at time up.
    """

    sprint: Sprint
    tally: Tally
    announced: bool = False


@dataclass
class BreakOver(Message):
    """The break's countdown reached zero."""


@dataclass
class GoHome(Message):
    """Back to the home screen, which re-reads the day."""
