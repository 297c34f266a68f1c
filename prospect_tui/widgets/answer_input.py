"""A one-line answer: ``enter`` takes what was typed up to that key, and nothing after.

Textual's ``Input`` submits through a key binding, which runs after the keys
already queued behind ``enter`` have been typed in: a fast ``ab`` ``enter``
``2`` submits "ab2". The answer to a question is what stood in the field when
``enter`` was pressed; the keys after it belong to whatever comes next.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class AnswerInput(Input):
    """An ``Input`` that submits at ``enter`` itself, with the value it has then.

    The dialog reads the answer from the message (``event.value``), never from
    the field, which the keys after ``enter`` may still change; once answered,
    the dialog takes no more keys (:class:`~prospect_tui.dialogs.base.Dialog`).
    """

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.value))
            return
        await super()._on_key(event)
