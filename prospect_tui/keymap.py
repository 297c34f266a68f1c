"""Textual bindings and hint text made from the core key map (``core/keys.py``).

Every binding's ``id`` is its action id, so ``App.set_keymap`` applies the
user's ``[keys]`` table to every screen, dialog and widget, and the footer,
at once; hints name keys through :func:`key_for`, so they follow a remap too.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from textual.binding import Binding
from textual.keys import format_key

from prospect_tui.core.config import Config
from prospect_tui.core.keys import SCOPES, keymap
from prospect_tui.core.outcomes import OUTCOME_IDS


def bindings(
    scope: str, *, priority: bool = False, actions: Mapping[str, str] | None = None
) -> list[Binding]:
    """A screen's (or widget's) ``BINDINGS``, with the default keys of its scope.

    A binding runs the method named like its action id unless ``actions``
    gives the Textual action to run instead (``{"priority_up": "priority(1)"}``).
    An outcome key runs ``log('<outcome id>')``; the sprint screen lists the
    outcome keys in its own legend, so the footer leaves them out.
    """
    actions = actions or {}
    made = []
    for action in SCOPES[scope]:
        outcome = action.id in OUTCOME_IDS
        run = f"log({action.id!r})" if outcome else actions.get(action.id, action.id)
        made.append(
            Binding(
                ",".join(action.keys),
                run,
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


def keys_for(scope: str, action: str, config: Config) -> tuple[str, ...]:
    """The keys of ``action`` after the user's remaps, as Textual names them."""
    return next(a.keys for a in keymap(scope, config.keys) if a.id == action)


def key_for(scope: str, action: str, config: Config) -> str:
    """The key to name in help text for ``action``, after the user's remaps.

    Punctuation keys are named by their character (``/``, ``+``), every
    other key by its name (``enter``, ``escape``, ``ctrl+s``).
    """
    return shown_key(keys_for(scope, action, config)[0])


def shown_key(key: str) -> str:
    """A key as help text names it: punctuation by its character, every other key by name."""
    shown = format_key(key)
    return shown if len(shown) == 1 and shown in string.punctuation else key
