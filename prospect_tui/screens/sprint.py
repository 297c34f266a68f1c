"""The calling sprint: the whole screen locked to the next person to call.

An outcome key hands the call to the journal (one ``write`` to the kernel,
so ``kill -9`` cannot lose it) and shows the next prospect in the same
frame; the fsync follows on the journal's syncer thread and the stats line
turns from "saving…" to "✓ saved". The countdown is redrawn from the stored
end instant four times a second; nothing counts ticks. ``escape``,
``ctrl+q`` and ``ctrl+c`` ask to abandon, with a reason; no other screen and
no command palette can be reached until the sprint ends.

When the time runs out with a prospect on the card, the bell rings and the
card stays: its outcome (or a skip) is the sprint's last call and ends it. A
sprint's end that could not be written leaves the sprint on screen, running,
with the error in front of it; ``c`` tries again.

``gatekeeper`` and ``meeting`` ask a question once the call is logged
(:mod:`screens.sprint_questions`): the next prospect is drawn first, the
question follows a frame later. From the key until the answer the sprint
takes no key, and its end waits, as it waits for a last call, so nothing
typed is taken away at 00:00. The heartbeat and the question about time the
machine slept are :mod:`screens.sprint_away`'s.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from math import ceil

from textual import events, work
from textual.app import ComposeResult
from textual.geometry import Size
from textual.messages import Update

from prospect_tui.core.callback_time import CallbackTime
from prospect_tui.core.clock import between
from prospect_tui.core.errors import ProspectError
from prospect_tui.core.keys import PAUSED_LABELS
from prospect_tui.core.model import SprintStatus
from prospect_tui.core.outcomes import BY_ID
from prospect_tui.core.sprint import SprintSession
from prospect_tui.core.tally import counted
from prospect_tui.dialogs.abandon import Abandon, AbandonDialog
from prospect_tui.dialogs.callback import CallbackDialog
from prospect_tui.dialogs.notes import NotesDialog
from prospect_tui.keymap import bindings
from prospect_tui.messages import ErrorRaised, PauseOver, SprintEnded, TimeUp
from prospect_tui.screens.base import AppScreen
from prospect_tui.screens.sprint_aids import CallAids, DayBefore
from prospect_tui.screens.sprint_away import AwayWatch
from prospect_tui.screens.sprint_board import SprintBoard, ask_objection
from prospect_tui.screens.sprint_layout import fit_layout, sprint_panels
from prospect_tui.screens.sprint_questions import CallQuestions
from prospect_tui.screens.sprint_saving import Durable, Saving
from prospect_tui.widgets.outcome_keys import OutcomeKeys
from prospect_tui.widgets.title_bar import TitleBar

REFRESH_S = 0.25
EMPTY_RECHECK = timedelta(seconds=30)
CARD_ACTIONS = frozenset({"log", "skip", "undo", "edit", "dial", "objection"})
"""The keys that act on the card (or put a call back on it): off while it is not on screen."""


class SprintScreen(AppScreen[None]):
    """One sprint: countdown, the prospect card, what helps on the call, the queue, the stats."""

    AUTO_FOCUS = None
    BINDINGS = bindings("sprint", priority=True, actions={"abandon_interrupt": "abandon"})

    def __init__(
        self,
        session: SprintSession,
        number: int,
        resumed: bool = False,
        day: DayBefore | None = None,
    ) -> None:
        """``day``: the day before this sprint, if the start read it (else it is read here)."""
        super().__init__()
        self.session = session
        self.number = number
        self.resumed = resumed
        self.saving = Saving()
        """What the stats line says was logged last, and whether the disk has it."""
        self.ended = False
        self.end_failed = False
        """Writing the sprint's end failed: the user retries with ``c``, the clock does not."""
        self._announced = False
        """The bell rang at time up (a call was on the card): none again at the end."""
        self._empty_checked = session.sprint.started_at
        self._away_watch = AwayWatch(self)
        self._questions = CallQuestions(self)
        self._keys_state: tuple[bool, bool, bool, bool] | None = None
        self._aids = CallAids(self, session, day)
        self._shown_once = False

    # -- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        minutes = self.session.sprint.minutes
        yield TitleBar(
            self.services.clock,
            f"Calling sprint {self.number} today · {minutes} min",
            shorter=(f"Sprint {self.number} · {minutes} min", f"Sprint {self.number}"),
        )
        yield from sprint_panels(self.services.config)

    def on_mount(self) -> None:
        self._aids.read_day()
        self._board = SprintBoard(self, self.session, self._aids)
        fit_layout(self, self.app.size)
        self.services.durable.listeners.append(self._on_durable_thread)
        self.set_interval(REFRESH_S, self.tick)
        # The card, its opener and the countdown in the first frame, the rest in the
        # next: the card's history is read from the store, at a cost that grows with
        # it. The opener's panel takes its height from the text it first lays out with.
        self.show_card()
        self._board.show_script()
        self.call_after_refresh(self.show_rest)
        self.tick()
        if self.resumed:
            left = self.session.remaining(self.services.clock.now())
            # Rounded up, as the countdown reads: "0 minutes" would be a sprint that is over.
            minutes = counted(ceil(left.total_seconds() / 60), "minute")
            self.notify(
                f"Picked up your sprint where it stopped: {minutes} left.", title="Sprint resumed"
            )

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._shown_once:
            # Pushed: every widget was styled as it mounted, a moment ago. Textual
            # would style them all again (a tenth of the sprint's start) for nothing.
            self._shown_once = True
            event.refresh_styles = False
        self.fit(self.app.size)  # the terminal may have changed under a dialog

    def fit(self, size: Size) -> None:
        """Lay the screen out for the terminal's ``size`` (or ask for a bigger one)."""
        if fit_layout(self, size):
            self.refresh_bindings()  # the card's keys act only while it is on screen
        if self.is_mounted:
            self.call_after_refresh(self.show_rest)  # the queue lists as many as fit

    def on_unmount(self) -> None:
        listeners = self.services.durable.listeners
        if self._on_durable_thread in listeners:
            listeners.remove(self._on_durable_thread)

    # -- drawing -------------------------------------------------------------------

    def show_state(self) -> None:
        """Draw the card, the script, the queue and the stats from the session."""
        self.show_card()
        self.show_rest()

    def show_next(self) -> None:
        """After an outcome key: the next prospect this frame, everything else the next.

        The card is what the user needs to dial; drawing it alone keeps the frame
        small (the compositor's cost grows with the lines that change), and the
        script, queue and stats follow a frame later.
        """
        self.show_card()
        self.call_after_refresh(self.show_rest)

    def show_card(self) -> None:
        """Draw the prospect to call now (a fixed-size panel: no layout pass).

        The card tells the screen it changed from its own idle moment, which may
        come after the screen's: whatever waits for the next refresh
        (``call_after_refresh``) would then run before the card's frame, and make
        it late. Told here, before anything is queued after it, the screen has the
        card to draw first.
        """
        self._board.show_card(self.services.clock.now(), self.services.config.calling.window)
        self.post_message(Update(self._board.card))

    def show_rest(self) -> None:
        """Draw the opener, the queue, the stats, and the footer if what is possible changed."""
        if not self.is_attached:
            return
        now = self.services.clock.now()
        self._board.show_plan(now)
        self._show_stats()
        session = self.session
        paused = session.is_paused(now)
        keys = (session.card is None, session.can_undo, paused, session.can_pause(now))
        if keys != self._keys_state:  # the footer only changes when what is possible does
            if self._keys_state is None or keys[0::2] != self._keys_state[0::2]:
                # Nobody on the card, or paused: the outcome keys do nothing, say what does.
                self.query_one(OutcomeKeys).show(paused, has_card=session.card is not None)
            self._keys_state = keys
            self.refresh_bindings()

    def _show_stats(self) -> None:
        self._board.show_stats(self.saving.news, self.saving.saved)

    def tick(self) -> None:
        """Redraw the countdown from ``end - now``; at time up ring, then end the sprint
        at once or, with a call on the card, once that call is logged."""
        if self.ended or self._away_watch.away_since is not None:
            return
        now = self.services.clock.now()
        session = self.session
        if self._away_watch.check(now):
            return
        if session.pause_ran_out(now):
            self._pause_over()
        if session.last_call(now) and not self._announced:
            # The moment the time runs out is when the user, still on the phone,
            # needs to hear it; the sprint's end then follows without a second bell.
            self._announced = True
            self.post_message(TimeUp(session.tally()))
            self.refresh_bindings()  # no pause any more
        if session.over(now) and not self.end_failed and not self._questions.open:
            self.finish(SprintStatus.COMPLETED)
            return
        self._board.show_countdown(now, self.services.config, self.end_failed)
        if self._aids.minute_turned(now):  # their local time, "callable in", the queue's
            self.show_state()
        if (
            session.card is None
            and not session.time_up(now)  # a skip then would close the sprint's last call
            and between(self._empty_checked, now) >= EMPTY_RECHECK
        ):
            self._empty_checked = now
            session.rebuild(now)
            session.skip(now)  # takes the first callable one, if anyone became callable
            if session.card is not None:
                self.show_state()

    # -- keys ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._questions.open:
            # A question about the last call is coming up: keys typed for it must not
            # log, skip or undo anything here in the moment before it is on screen.
            return False
        if self.has_class("-too-small") and action in CARD_ACTIONS:
            return False  # the card is not on screen: nothing is done to it blind
        now = self.services.clock.now()
        has_card = self.session.card is not None
        paused = self.session.is_paused(now)
        if action == "log" or action in ("skip", "edit", "dial"):
            return has_card and not paused
        if action == "objection":
            return has_card and not paused and bool(self.services.config.objections)
        if action == "undo":
            return self.session.can_undo and not paused
        if action == "complete":
            return not has_card
        if action == "pause":
            return paused or self.session.can_pause(now)
        return True

    def key_label(self, action: str, label: str) -> str:
        if action in PAUSED_LABELS and self.session.is_paused(self.services.clock.now()):
            return PAUSED_LABELS[action]
        return label

    def action_log(self, outcome_id: str) -> None:
        """An outcome key: log the call, show the next prospect."""
        card = self.session.card
        if card is None:
            return
        now = self.services.clock.now()
        if BY_ID[outcome_id].asks_when:

            def chosen(when: CallbackTime | None) -> None:
                if when is not None:
                    # After the frame that redraws this screen as the dialog closes:
                    # a last call ends the sprint and takes the screen away.
                    self.call_after_refresh(self._log, outcome_id, when)

            self.app.push_screen(
                CallbackDialog.about(card.prospect, now, self.services.clock.tz), chosen
            )
            return
        self._log(outcome_id)

    def _log(self, outcome_id: str, when: CallbackTime | None = None) -> None:
        now = self.services.clock.now()
        repository = self.services.repository
        logged = self.session.log(outcome_id, now, when.at if when else None)
        try:
            repository.log_call(logged.call, logged.prospect, logged.followup)
        except ProspectError as error:
            self.session.undo(now)
            self.post_message(ErrorRaised(error))
            self.show_next()
            return
        label = BY_ID[outcome_id].label.lower()
        if when is not None:
            label += f" {when.theirs}"
        self.saving.wrote(repository.last_seq, f"{logged.prospect.name} — {label}")
        asks = self._questions.asks(outcome_id)
        if asks:
            # From this key on the sprint takes no key (see check_action) and does not
            # end (see tick) until the question is answered.
            self._questions.open += 1
        self.show_next_or_end()
        if asks:
            # Building a screen takes several frames' time: the next prospect is drawn
            # first (see show_card) and the question follows.
            self.call_after_refresh(self._questions.ask, logged, now)

    def action_skip(self) -> None:
        self.session.skip(self.services.clock.now())
        self.show_next_or_end()

    def show_next_or_end(self) -> None:
        """The next prospect; or, the last call closed, the sprint's end now (not a tick later)."""
        if not self.is_attached or self.ended:
            return
        if self.session.over(self.services.clock.now()) and not self._questions.open:
            self.tick()  # ends it; if the end cannot be written, it draws what is left
        else:
            self.show_next()

    def action_undo(self) -> None:
        now = self.services.clock.now()
        mark = self.session.checkpoint()
        last = self.session.undo(now)
        if last is None:
            return  # not offered then (see check_action): a call from before a restart
        try:
            self.services.repository.undo_call(last.call, last.before, last.followup)
        except ProspectError as error:
            # The call is still on disk: the screen keeps showing it as logged.
            self.session.restore(mark)
            self.post_message(ErrorRaised(error))
            self.show_state()
            return
        label = BY_ID[last.call.outcome].label.lower()
        self.saving.wrote(
            self.services.repository.last_seq, f"undid {label} for {last.before.name}"
        )
        self.show_next()

    def action_edit(self) -> None:
        card = self.session.card
        if card is None:
            return

        def edited(notes: str | None) -> None:
            if notes is not None and self.session.card is card:
                card.notes = notes
                self.show_state()

        self.app.push_screen(NotesDialog(card.prospect.name, card.notes), edited)

    def action_objection(self) -> None:
        ask_objection(self, self._board)

    def action_pause(self) -> None:
        now = self.services.clock.now()
        mark = self.session.checkpoint()
        paused = self.session.toggle_pause(now)
        if not self._save_sprint():
            self.session.restore(mark)  # the screen must not show a pause the disk lacks
            self.show_state()
            return
        if paused:
            self.notify("Paused. The clock waits; the pause allowance runs.", title="Paused")
        self.show_state()

    def _pause_over(self) -> None:
        """The pause allowance ran out: the clock runs again; ring and say so."""
        self._save_sprint()
        self.post_message(PauseOver())
        self.notify("Pause allowance used up — back to calling.", title="Pause over")
        self.show_state()

    def action_dial(self) -> None:
        card = self.session.card
        if card is not None and card.prospect.phone:
            self._dial(card.prospect.phone)

    @work(thread=True, exit_on_error=False, group="dial")
    def _dial(self, phone: str) -> None:
        from prospect_tui.dialer import dial

        problem = dial(phone)
        if problem:
            self.app.call_from_thread(self.notify, problem, title="Dial", markup=False)

    def action_complete(self) -> None:
        """``c`` with nobody on the card: end the sprint now (completed only with a dial)."""
        self.finish(SprintStatus.COMPLETED)

    def action_abandon(self) -> None:
        if self.ended or self._questions.open or self.app.screen is not self:
            return

        def answered(choice: Abandon | None) -> None:
            if choice is not None:
                self.finish(SprintStatus.ABANDONED, choice)

        self.app.push_screen(AbandonDialog(), answered)

    # -- ending ----------------------------------------------------------------------

    def _save_sprint(self) -> bool:
        """Write the running sprint; False (and the error shown) if that failed."""
        try:
            self.session.sprint = self.services.repository.save_sprint(self.session.sprint)
        except ProspectError as error:
            self.post_message(ErrorRaised(error))
            return False
        return True

    def finish(
        self, status: SprintStatus, choice: Abandon | None = None, *, cut_at: datetime | None = None
    ) -> None:
        """End the sprint, record it and its calling time, then take a break or go home.

        ``cut_at``: end it at that earlier moment (the app went away then, and
        the user discarded the time since). If the record cannot be written,
        the sprint is not shown as ended: it stays running and on screen under
        the error, and ``c`` (or abandoning again) retries.
        """
        if self.ended:
            return
        now = self.services.clock.now()
        if cut_at is not None:
            sprint, entries = self.session.cut(cut_at, status)
        else:
            sprint, entries = self.session.finish(
                now,
                status,
                reason=choice.reason if choice else None,
                reason_kind=choice.kind.value if choice else None,
                reason_text=choice.text if choice else "",
            )
        try:
            self.services.repository.finish_sprint(sprint, entries)
        except ProspectError as error:
            self.end_failed = True
            self.post_message(ErrorRaised(error))
            self.show_state()
            return
        self.ended = True
        self.session.sprint = sprint
        self.post_message(SprintEnded(sprint, self.session.tally(), self._announced))

    # -- durability ------------------------------------------------------------------

    def _on_durable_thread(self, seq: int) -> None:
        self.post_message(Durable(seq))  # post_message is safe from other threads

    def on_durable(self, message: Durable) -> None:
        self.saving.synced(message.seq)
        # After the frame under way, if any: the disk's news (a few milliseconds after
        # the key) must not hold up the card that key has just put on screen.
        self.call_after_refresh(self._show_saved)

    def _show_saved(self) -> None:
        if self.is_attached:
            self._show_stats()
