"""The questions a sprint asks about a call just logged: who answered, when the meeting is.

``gatekeeper`` asks who answered; ``meeting`` asks when the meeting is, and
a note. The question comes a frame after the next prospect is drawn, and the
answer amends the logged call (and the meeting's follow-up) in the session
and in the store. From the outcome key until the answer the sprint takes no
key and does not end: :attr:`CallQuestions.open` says so.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from prospect_tui.core.errors import ProspectError
from prospect_tui.core.outcome_effects import Logged, with_gatekeeper, with_meeting
from prospect_tui.core.outcomes import BY_ID
from prospect_tui.dialogs.meeting import MeetingAnswer, MeetingDialog
from prospect_tui.dialogs.who_answered import WhoAnsweredDialog
from prospect_tui.messages import ErrorRaised

if TYPE_CHECKING:
    from prospect_tui.screens.sprint import SprintScreen

Answer = MeetingAnswer | str
"""What a question's dialog gives back: the meeting's time and note, or who answered."""


class CallQuestions:
    """The questions about a sprint screen's logged calls: asked, answered, stored."""

    def __init__(self, screen: SprintScreen) -> None:
        self.screen = screen
        self.open = 0
        """Questions about logged calls asked for and not yet answered."""

    @staticmethod
    def asks(outcome_id: str) -> bool:
        """Whether a call logged with ``outcome_id`` has a question to follow."""
        rule = BY_ID[outcome_id]
        return rule.is_meeting or rule.asks_who

    def ask(self, logged: Logged, now: datetime) -> None:
        """Put the question about the call just logged in front of the sprint."""
        screen = self.screen
        dialog: MeetingDialog | WhoAnsweredDialog
        if BY_ID[logged.call.outcome].is_meeting:
            dialog = MeetingDialog.about(logged.before, now, screen.services.clock.tz)
        else:
            dialog = WhoAnsweredDialog(logged.before.name)

        def answered(answer: Answer | None) -> None:
            self.open -= 1
            if answer is not None:
                self._amend(logged, answer)
            # After the frame that redraws the screen as the dialog closes:
            # a sprint whose time is up ends now and takes the screen away.
            screen.call_after_refresh(screen.show_next_or_end)

        screen.app.push_screen(dialog, answered)

    def _amend(self, logged: Logged, answer: Answer) -> None:
        """Store the answer on the logged call (or its follow-up), unless it was undone."""
        screen = self.screen
        if isinstance(answer, MeetingAnswer):
            amended = with_meeting(logged, answer.at.at if answer.at else None, answer.note)
        else:
            amended = with_gatekeeper(logged, answer)
        if amended == logged or not screen.session.amend(logged, amended):
            return
        repository = screen.services.repository
        try:
            if amended.followup is not None and amended.followup != logged.followup:
                repository.save_followup(amended.followup)
            if amended.call != logged.call:
                repository.save_call(amended.call)
        except ProspectError as error:
            # The call itself is saved; only the answer is not.
            screen.session.amend(amended, logged)
            screen.post_message(ErrorRaised(error))
            return
        news = ""
        if isinstance(answer, MeetingAnswer) and answer.at is not None:
            news = f"{logged.prospect.name} — meeting {answer.at.theirs}"
        elif isinstance(answer, str):
            news = f"{logged.prospect.name} — gatekeeper ({amended.call.gatekeeper})"
        screen.saving.wrote(repository.last_seq, news)
