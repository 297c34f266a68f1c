"""The key map: every hotkey's action, default keys and label, in one place.

Screens build their bindings from here, so a ``[keys]`` remap in
``config.toml`` reaches every screen and the footer at once. Action ids are
unique across screens, so ``[keys]`` is one flat table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from prospect_tui.core.outcomes import OUTCOMES


@dataclass(frozen=True, slots=True)
class KeyAction:
    """An action a key triggers on one screen."""

    id: str
    keys: tuple[str, ...]
    label: str
    show: bool = True


HOME: tuple[KeyAction, ...] = (
    KeyAction("sprint", ("s",), "Sprint"),
    KeyAction("research", ("r",), "Research"),
    KeyAction("follow_up", ("f",), "Follow-up"),
    KeyAction("review", ("v",), "Review"),
    KeyAction("prospects", ("p",), "Prospects"),
    KeyAction("plan", ("l",), "Plan"),
    KeyAction("import", ("i",), "Import"),
    KeyAction("sample", ("d",), "Load sample"),
    KeyAction("quit", ("q",), "Quit"),
)

SPRINT: tuple[KeyAction, ...] = (
    *(KeyAction(o.id, o.keys, o.label) for o in OUTCOMES),
    KeyAction("skip", ("s",), "Skip"),
    KeyAction("edit", ("e",), "Notes"),
    KeyAction("undo", ("u",), "Undo"),
    KeyAction("pause", ("p",), "Pause"),
    KeyAction("dial", ("t",), "Dial"),
    KeyAction("abandon", ("escape",), "Abandon"),
    KeyAction("complete", ("c",), "End sprint"),
)

BREAK: tuple[KeyAction, ...] = (
    KeyAction("next_sprint", ("n",), "Next sprint"),
    KeyAction("home", ("h",), "Home"),
)

SCOPES: dict[str, tuple[KeyAction, ...]] = {"home": HOME, "sprint": SPRINT, "break": BREAK}


class KeyMapError(ValueError):
    """A ``[keys]`` entry that cannot be applied; names the action."""

    def __init__(self, action: str, problem: str) -> None:
        super().__init__(problem)
        self.action = action


def keymap(scope: str, overrides: Mapping[str, tuple[str, ...]]) -> tuple[KeyAction, ...]:
    """The actions of ``scope`` with the user's remaps applied and checked."""
    known = {a.id for actions in SCOPES.values() for a in actions}
    for name in overrides:
        if name not in known:
            raise KeyMapError(name, f"is not an action (known: {', '.join(sorted(known))})")
    actions = tuple(replace(a, keys=overrides.get(a.id, a.keys)) for a in SCOPES[scope])
    owner: dict[str, str] = {}
    # Defaults first, so a clash is reported on the action the user remapped.
    for action in sorted(actions, key=lambda a: a.id in overrides):
        for key in action.keys:
            if key in owner:
                raise KeyMapError(action.id, f"uses {key!r}, which {owner[key]} already uses")
            owner[key] = action.id
    return actions


def check(overrides: Mapping[str, tuple[str, ...]]) -> None:
    """Raise :class:`KeyMapError` if the remaps do not fit every screen."""
    for scope in SCOPES:
        keymap(scope, overrides)
