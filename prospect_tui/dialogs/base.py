"""What every dialog is: a modal question that is answered once.

Textual's ``dismiss`` pops whatever screen is on top. A dialog answered twice
before it is gone — ``enter`` pressed twice, an ``enter`` and an ``escape`` in
one burst — would hand its result over twice and then pop the screen below
it: the sprint, say, leaving it running with nothing on screen. So the first
answer is the only one: later ones do nothing, and the keys that follow in
the same burst no longer reach the dialog's fields (they would amend an
answer already given); they are dropped with the dialog.
"""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A modal screen whose :meth:`dismiss` takes effect once."""

    answered = False
    """Whether the dialog has given its answer (it is on its way out)."""

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        """Answer with ``result`` and close; a second answer is ignored."""
        if self.answered:
            return AwaitComplete.nothing()
        self.answered = True
        self.set_focus(None)  # the rest of a burst of keys must not type into the answer
        return super().dismiss(result)
