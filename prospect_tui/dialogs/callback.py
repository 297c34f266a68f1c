"""Asks when to call back, read on the prospect's clock and echoed in both zones.

:class:`WhenDialog` is the reading part, shared with the meeting dialog: an
input read as a moment on the prospect's clock while it is typed.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import ClassVar, Self, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from prospect_tui.core.callback_time import CallbackTime, UnreadableTime, parse_callback
from prospect_tui.core.model import Prospect
from prospect_tui.core.zones import zone
from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import services_of
from prospect_tui.widgets.answer_input import AnswerInput
from prospect_tui.widgets.text import fill

ResultT = TypeVar("ResultT")

WHEN_INPUT = "callback-when"


class WhenDialog(Dialog[ResultT]):
    """A dialog with an input read as a moment on the prospect's clock (``#callback-when``).

    ``parsed`` is the moment typed so far, or None while the input is empty or
    does not read (the echo below it says why).
    """

    def __init__(
        self,
        who: str,
        their_zone: tzinfo | None,
        now: datetime,
        your_zone: tzinfo,
        *,
        full_name: str = "",
    ) -> None:
        super().__init__()
        self.who = who
        """Whom the question is about, as the question names them."""
        self.full_name = full_name or who
        self.their_zone = their_zone
        self.now = now
        self.your_zone = your_zone
        self.parsed: CallbackTime | None = None

    @classmethod
    def about(cls, prospect: Prospect, now: datetime, your_zone: tzinfo) -> Self:
        """The question about ``prospect``, read on their clock (yours if it is unknown)."""
        return cls(
            prospect.first_name or prospect.name or "them",
            zone(prospect.timezone) if prospect.timezone else None,
            now,
            your_zone,
            full_name=prospect.name,
        )

    @property
    def whose_clock(self) -> str:
        """Whose clock the typed time is read on."""
        return "their" if self.their_zone else "your (their zone is unknown)"

    def when_input(self, placeholder: str) -> ComposeResult:
        """The input and the echo that confirms it in both zones."""
        yield AnswerInput(placeholder=placeholder, id=WHEN_INPUT)
        yield Static("", id="callback-echo")

    @property
    def when_typed(self) -> str:
        """What is in the time input."""
        return self.query_one(f"#{WHEN_INPUT}", Input).value

    def read(self, typed: str) -> CallbackTime | None:
        """``typed`` as a moment, or None if it is empty or does not read."""
        if not typed.strip():
            return None
        try:
            return parse_callback(typed, self.now, self.their_zone, self.your_zone)
        except UnreadableTime:
            return None

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != WHEN_INPUT:
            return
        echo = self.query_one("#callback-echo", Static)
        self.parsed = None
        if not event.value.strip():
            echo.update("")
            return
        try:
            self.parsed = parse_callback(event.value, self.now, self.their_zone, self.your_zone)
        except UnreadableTime as problem:
            echo.update(fill("[$warning]$problem[/]", problem=problem))
            return
        echo.update(fill("[$success]$echo[/]", echo=self.parsed.echo()))


class TimeQuestion(WhenDialog[CallbackTime | None]):
    """A question that is only a time: ``enter`` answers, the :attr:`BACK` key backs out.

    Each subclass says its question, hint and keys (:class:`CallbackDialog`,
    :class:`~prospect_tui.dialogs.reschedule.RescheduleDialog`); the bindings
    are each one's own, so a key remapped for one never reaches the other.
    """

    DIALOG_ID: ClassVar[str]
    QUESTION: ClassVar[str]
    HINT: ClassVar[str]
    BACK: ClassVar[tuple[str, str]]
    """The scope and action of the key that backs out, named in the hint."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id=self.DIALOG_ID):
            yield Static(
                fill(f"{self.QUESTION} Read on {self.whose_clock} clock.", who=self.who),
                classes="dialog-text",
            )
            yield from self.when_input("tomorrow 10am · in 2 hours · fri 14:00")
            yield Static(fill(self.HINT, back=key_for(*self.BACK, services_of(self.app).config)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        # What stood in the field at enter: keys typed after it may have changed it since.
        when = self.read(event.value)
        if when is not None:
            self.dismiss(when)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CallbackDialog(TimeQuestion):
    """``enter`` saves the callback; ``escape`` goes back to the call unlogged."""

    BINDINGS = bindings("callback", actions={"back_to_call": "cancel"})
    DIALOG_ID = "callback-dialog"
    QUESTION = "[b]Callback[/b] — when should you call $who back?"
    HINT = "[dim]enter save · $back back to the call[/]"
    BACK = ("callback", "back_to_call")
