"""A one-line field for a value (a time, a name, a path): the help key opens the help.

Textual's ``Input`` takes every printable key as text, ``?`` too, so on a
screen whose first focus is a field the help key never reached the screen. In
a field for a value, ``?`` is not useful text: the key the screen binds to the
help passes through to it. Free text (a note, a search) stays a plain
``Input`` or ``TextArea``, where ``?`` is typed and ``f1`` opens the help.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

HELP = "help"
"""The id of the help binding, whatever key the user mapped it to."""


class FieldInput(Input):
    """An ``Input`` that leaves the help key to the screen instead of typing it."""

    def help_keys(self) -> frozenset[str]:
        """The keys the screen around this field binds to the help, after the user's remaps."""
        keys: set[str] = set()
        for node in self.ancestors:
            found = node._bindings.copy()
            found.apply_keymap(self.app._keymap)
            for key, bound in found.key_to_bindings.items():
                if any(binding.id == HELP for binding in bound):
                    keys.add(key)
        return frozenset(keys)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Not consumed, the key stays in the binding chain for the screen's help.
        return key not in self.help_keys() and super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if event.key in self.help_keys():
            # Not Input's handler (it would type it), but not stopped: the key bubbles
            # up to the app, which runs the screen's help binding.
            event.prevent_default()
            return
        await super()._on_key(event)
