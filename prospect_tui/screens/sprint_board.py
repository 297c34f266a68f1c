"""The sprint screen's panels, drawn from the session: card, opener, queue, stats, countdown,
the card's history and the day against its goal.

The panels are found once, as the screen mounts: an outcome key redraws
them, and a DOM query costs more than the draw. Every draw reads the
session at the ``now`` it is given; nothing here decides what happens next.
"""

from __future__ import annotations

from datetime import datetime

from textual.screen import Screen

from prospect_tui.core.config import Config, TimeWindow
from prospect_tui.core.sprint import SprintSession
from prospect_tui.core.timer import clock_face
from prospect_tui.dialogs.objections import ObjectionDialog, objection_key
from prospect_tui.keymap import key_for
from prospect_tui.screens.sprint_aids import CallAids
from prospect_tui.widgets.call_history import CallHistory
from prospect_tui.widgets.countdown import CountdownDisplay
from prospect_tui.widgets.day_goal import DayGoal
from prospect_tui.widgets.objection_cards import ObjectionCards
from prospect_tui.widgets.prospect_card import ProspectCard
from prospect_tui.widgets.queue_preview import QueuePreview
from prospect_tui.widgets.script_card import ScriptCard
from prospect_tui.widgets.sprint_stats import SprintStats

LAST_CALL = "Time's up — log this call"
UP_NEXT_LEAST = 3
"""Prospects the queue panel lists even before it knows its height."""


class SprintBoard:
    """The panels of a sprint screen, and how each shows the session."""

    def __init__(self, screen: Screen[None], session: SprintSession, aids: CallAids) -> None:
        self.session = session
        self.aids = aids
        self._screen = screen
        self.card = screen.query_one(ProspectCard)
        self._script = screen.query_one(ScriptCard)
        self._queue = screen.query_one(QueuePreview)
        self._stats = screen.query_one(SprintStats)
        self._countdown = screen.query_one(CountdownDisplay)
        self._objections = screen.query_one(ObjectionCards)
        self._history = screen.query_one(CallHistory)
        self._goal = screen.query_one(DayGoal)
        self._stats.border_title = "This sprint"
        self._countdown.border_title = "Time left"

    def show_card(self, now: datetime, window: TimeWindow) -> None:
        """The prospect to call now (a fixed-size panel: no layout pass), or why nobody."""
        card = self.session.card
        if card is not None:
            self.card.show(card.prospect, card.why, now, window, card.notes)
        elif self.session.time_up(now):
            self.card.show_empty("The sprint's time is up.", title="Time's up")
        else:
            self.card.show_empty(self.session.why_empty(now))

    def show_plan(self, now: datetime) -> None:
        """The opener and the history of the card on screen, and the next few in the queue."""
        self.show_script()
        card = self.session.card
        # As many as the panel holds: on a tall screen the queue fills its column.
        rows = max(self._queue.content_size.height, UP_NEXT_LEAST)
        self._queue.show(self.session.upcoming(rows), now)
        calls = self.aids.history()
        if card is None or calls is None:
            self._history.show_nobody()
        else:
            self._history.show(card.prospect, calls, self.aids.since, self.aids.services.clock.tz)
        self.show_objections()

    def show_script(self) -> None:
        """The opener for the card on screen (its panel's height follows its text)."""
        card = self.session.card
        if card is not None:
            self._script.show(card.variant, card.prospect)
        else:
            self._script.show(None, None)

    def show_objections(self) -> None:
        """The objection cards: their keys, or the answer to the one the prospect raised."""
        config = self.session.config
        objections = config.objections
        card = self.session.card
        answering = card is not None and card.answering is not None
        # Once an objection is raised the opener has been said: its room goes to the answer,
        # so the answer is read whole at 80×24 too.
        if self._script.display == answering:
            self._script.display = not answering
            # In a small terminal the panels under the card give way, but an answer
            # to read out is shown there all the same (see app.tcss).
            self._screen.set_class(answering, "-answering")
        self._objections.show(
            objections,
            [objection_key(config, i) for i in range(len(objections))],
            # The key opens the cards for the call on the card: with nobody there, no key.
            key_for("sprint", "objection", config) if card else "",
            card.objections if card else (),
            card.answering if card else None,
        )

    def show_stats(self, last_logged: str, saved: bool) -> None:
        """This sprint's numbers, the last call logged, and whether it is on disk yet;
        the day's, with this sprint's dials, against the goal."""
        tally, aids = self.session.tally(), self.aids
        self._stats.show(tally, last_logged, saved)
        goal = aids.services.config.goal
        self._goal.show(aids.sprints_before, aids.dials_before + tally.dials, goal)

    def show_countdown(self, now: datetime, config: Config, end_failed: bool = False) -> None:
        """The time left; a last call, a pause, or an end that could not be saved."""
        session = self.session
        countdown = session.countdown
        state = ""
        if end_failed:
            state = f"Not saved — press {key_for('sprint', 'complete', config)} to retry"
        elif session.over(now):
            state = "Time's up"  # the last call is logged; a question about it is open
        elif session.time_up(now):
            state = LAST_CALL
        elif session.is_paused(now):
            # To the second, as the countdown reads: in whole minutes the last one stood still.
            state = f"Paused — {clock_face(countdown.pause_left(now))} of pause left"
        self._countdown.show(session.remaining(now), countdown.elapsed_fraction(now), state)


def ask_objection(screen: Screen[None], board: SprintBoard) -> None:
    """``o`` on a call: the objection cards. The one picked has its answer shown and is
    tagged on the call on the card, written with its outcome key; after that key (the
    card changed) a pick does nothing."""
    card = board.session.card
    objections = board.session.config.objections
    if card is None:
        return

    def picked(index: int | None) -> None:
        if index is not None and board.session.card is card:
            card.raise_objection(objections[index].name)
            board.show_objections()

    screen.app.push_screen(ObjectionDialog(card.prospect.name, objections, card.objections), picked)
