"""Asks when a meeting just booked takes place, read like a callback, and a note.

The meeting is logged before this opens (the next prospect is already on the
card), so nothing here can lose it: ``escape`` keeps it with no time, due
now in the follow-up list, and with the note if one was typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from prospect_tui.core.callback_time import CallbackTime
from prospect_tui.dialogs.callback import WHEN_INPUT, WhenDialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import services_of
from prospect_tui.widgets.answer_input import AnswerInput
from prospect_tui.widgets.text import fill

NOTE_INPUT = "meeting-note"


@dataclass(frozen=True, slots=True)
class MeetingAnswer:
    """The meeting's time (None: not given, so it stays due now) and the note."""

    at: CallbackTime | None
    note: str


class MeetingDialog(WhenDialog[MeetingAnswer]):
    """``enter`` on the time goes to the note, ``enter`` on the note saves both;
    ``escape`` keeps the meeting without a time."""

    BINDINGS = bindings("meeting_time", actions={"meeting_no_time": "no_time"})

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="meeting-dialog"):
            yield Static(
                fill(
                    "[b]Meeting[/b] booked with $who — when is it? "
                    f"Read on {self.whose_clock} clock.",
                    who=self.full_name,
                ),
                classes="dialog-text",
            )
            yield from self.when_input("tue 14:00 · next week · 2026-12-03 9:30")
            yield AnswerInput(
                placeholder="note: what it is about, who comes (optional)", id=NOTE_INPUT
            )
            yield Static(
                fill(
                    "[dim]enter next · enter on the note save · "
                    "$later no time yet (due now in follow-up)[/]",
                    later=key_for("meeting_time", "meeting_no_time", services_of(self.app).config),
                ),
                id="meeting-hint",
            )

    @property
    def note(self) -> str:
        """The note as typed so far."""
        return self.query_one(f"#{NOTE_INPUT}", Input).value

    confirmed: CallbackTime | None = None
    """The time as it stood when ``enter`` was pressed on it."""

    def _time_reads(self) -> bool:
        """The time input is empty (no time yet) or holds a moment that reads."""
        return self.parsed is not None or not self.when_typed.strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == WHEN_INPUT:
            if event.value.strip() and self.read(event.value) is None:
                return  # the echo says what does not read; the answer stays where it is typed
            self.confirmed = self.read(event.value)
            self.query_one(f"#{NOTE_INPUT}", Input).focus()
            return
        if not self._time_reads():
            self.query_one(f"#{WHEN_INPUT}", Input).focus()
            return
        self.dismiss(MeetingAnswer(self.parsed, event.value))

    def action_no_time(self) -> None:
        """No note now: a time confirmed with ``enter`` is kept, else none yet."""
        self.dismiss(MeetingAnswer(self.confirmed if self._time_reads() else None, self.note))
