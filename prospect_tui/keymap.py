"""Textual bindings made from the core key map; ``[keys]`` remaps go through the keymap.

Every binding's ``id`` is its action id, so ``App.set_keymap`` applies the
user's ``[keys]`` table to every screen and the footer at once.
"""

from __future__ import annotations

from textual.binding import Binding

from prospect_tui.core.config import Config
from prospect_tui.core.keys import SCOPES, keymap
from prospect_tui.core.outcomes import OUTCOME_IDS


def bindings(scope: str, *, priority: bool = False) -> list[Binding]:
    """A screen's ``BINDINGS``, with the default keys of its scope.

    An outcome key runs ``log('<outcome id>')``; the sprint screen lists the
    outcome keys in its own legend, so the footer leaves them out.
    """
    made = []
    for action in SCOPES[scope]:
        outcome = action.id in OUTCOME_IDS
        made.append(
            Binding(
                ",".join(action.keys),
                f"log({action.id!r})" if outcome else action.id,
                action.label,
                show=action.show and not outcome,
                priority=priority,
                id=action.id,
            )
        )
    return made


def textual_keymap(config: Config) -> dict[str, str]:
    """The user's remaps in the form ``App.set_keymap`` takes."""
    return {action: ",".join(keys) for action, keys in config.keys.items()}


def key_for(scope: str, action: str, config: Config) -> str:
    """The key to name in help text for ``action``, after the user's remaps."""
    return next(a.keys[0] for a in keymap(scope, config.keys) if a.id == action)
