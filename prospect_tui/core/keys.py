"""The key map: every hotkey's action, default keys and label, in one place.

Every screen, dialog and widget builds its bindings from here, and its hints
name the keys found here, so a ``[keys]`` remap in ``config.toml`` reaches
every screen, the footer and the hints at once. Action ids are unique across
screens, so ``[keys]`` is one flat table.

No key of the screen that follows a sprint's end may be an outcome key: a
key meant for the last call must do nothing there, so starting the next
sprint is always a deliberate, different key (``enter`` by default).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from prospect_tui.core.outcomes import OUTCOME_IDS, OUTCOMES


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
    KeyAction("objection", ("o",), "Objection"),
    KeyAction("undo", ("u",), "Undo"),
    KeyAction("pause", ("p",), "Pause"),
    KeyAction("dial", ("t",), "Dial"),
    KeyAction("abandon", ("escape",), "Abandon"),
    KeyAction("complete", ("c",), "End sprint"),
    # ctrl+q reaches the app's quit first; ctrl+c is bound here too, or copying
    # selected text would take it. Its own id: remapping abandon must keep it.
    KeyAction("abandon_interrupt", ("ctrl+c",), "Abandon", show=False),
)

PAUSED_LABELS: dict[str, str] = {"pause": "Resume"}
"""What a sprint key reads in the footer while the sprint is paused."""

BREAK: tuple[KeyAction, ...] = (
    KeyAction("next_sprint", ("enter",), "Next sprint"),
    KeyAction("home", ("h",), "Home"),
    KeyAction("break_review", ("r",), "Review the day"),
)
"""``break_review`` is live only after the day's last sprint (its goal just met, or
past the last calling block): the review is offered then. Not ``v``, home's review
key: that logs a voicemail during a sprint."""

PROSPECTS: tuple[KeyAction, ...] = (
    KeyAction("search", ("slash",), "Search"),
    KeyAction("sort", ("o",), "Sort"),
    KeyAction("reverse", ("r",), "Reverse"),
    KeyAction("edit_prospect", ("enter",), "Edit"),
    KeyAction("mark_do_not_call", ("d",), "Do not call"),
    KeyAction("priority_up", ("plus", "equals_sign"), "Priority up"),
    KeyAction("priority_down", ("minus",), "Priority down"),
    KeyAction("import_csv", ("i",), "Import"),
    KeyAction("save", ("ctrl+s",), "Save"),
    KeyAction("back", ("escape",), "Back"),
)
"""``d`` marks do-not-call, as ``d`` logs it during a sprint: a letter means one thing."""

PROSPECT_TABLE: tuple[KeyAction, ...] = (
    KeyAction("cursor_up", ("up", "k"), "Up", show=False),
    KeyAction("cursor_down", ("down", "j"), "Down", show=False),
    KeyAction("page_up", ("pageup",), "Page up", show=False),
    KeyAction("page_down", ("pagedown",), "Page down", show=False),
    KeyAction("first", ("home",), "First", show=False),
    KeyAction("last", ("end",), "Last", show=False),
)
"""The list on the prospects screen: its keys are live there too (see :data:`TOGETHER`)."""

RESEARCH: tuple[KeyAction, ...] = (KeyAction("end_research", ("h",), "End research"),)
"""The research session is the prospects screen with a clock: these keys and its own."""

FOLLOW_UPS: tuple[KeyAction, ...] = (
    KeyAction("close_called", ("c",), "Called"),
    KeyAction("close_emailed", ("e",), "Emailed"),
    KeyAction("close_proposal_sent", ("p",), "Proposal sent"),
    KeyAction("close_rescheduled", ("r",), "Reschedule"),
    KeyAction("close_dropped", ("x",), "Drop"),
    KeyAction("end_follow_up", ("escape", "h"), "End session"),
)
"""The follow-up session: each ``close_*`` closes the highlighted follow-up with what was done."""

REVIEW: tuple[KeyAction, ...] = (
    KeyAction("previous_day", ("left",), "Day before"),
    KeyAction("next_day", ("right",), "Day after"),
    KeyAction("review_window", ("w",), "Window"),
    KeyAction("save_review", ("s",), "Save report"),
    KeyAction("first_calls", ("f",), "Tomorrow's calls"),
    KeyAction("close_review", ("escape", "q"), "Back"),
)
"""The review: no key of it changes the workspace by itself (``first_calls`` opens a
picker that asks), so none can harm a stray press."""
SAVE_REVIEW: tuple[KeyAction, ...] = (KeyAction("cancel_save_review", ("escape",), "Cancel"),)
FIRST_CALLS: tuple[KeyAction, ...] = (
    KeyAction("pick_first_call", ("space",), "Pick"),
    KeyAction("search_first_calls", ("slash",), "Search"),
    KeyAction("clear_first_calls", ("x",), "Clear"),
    KeyAction("keep_first_calls", ("ctrl+s",), "Keep"),
    KeyAction("cancel_first_calls", ("escape",), "Cancel"),
)
"""The picker of tomorrow's first calls (``enter`` on the list picks too)."""

PLAN: tuple[KeyAction, ...] = (
    KeyAction("save_plan", ("ctrl+s",), "Save"),
    KeyAction("close_plan", ("escape",), "Back"),
)

PLAN_BLOCKS: tuple[KeyAction, ...] = (
    KeyAction("add_block", ("a",), "Add block"),
    KeyAction("edit_block", ("enter",), "Edit"),
    KeyAction("remove_block", ("x", "delete"), "Remove"),
)
"""The plan's list of blocks: live while it has the focus (the fields take letters)."""

HELP: tuple[KeyAction, ...] = (KeyAction("help", ("question_mark", "f1"), "Help"),)
"""On every full screen (not the dialogs): that screen's keys, read from this map.
``f1`` too: a text field takes ``?`` as a letter, not ``f1``."""
HELP_DIALOG: tuple[KeyAction, ...] = (KeyAction("close_help", ("escape",), "Close"),)
"""The help closes with this and with the help key itself."""
APP: tuple[KeyAction, ...] = (KeyAction("quit_app", ("ctrl+q",), "Quit", show=False),)
"""The app's own keys, live on every screen before any screen's: ``quit_app`` quits (Textual's
``ctrl+q``), except mid-sprint, where it asks to abandon the sprint as ``abandon`` does."""

# The dialogs: each answers with a key of its own.
ABANDON: tuple[KeyAction, ...] = (KeyAction("keep_calling", ("escape",), "Keep calling"),)
CALLBACK: tuple[KeyAction, ...] = (KeyAction("back_to_call", ("escape",), "Back to the call"),)
MEETING: tuple[KeyAction, ...] = (KeyAction("meeting_no_time", ("escape",), "No time yet"),)
"""The meeting is logged already: escape keeps it, due now, with whatever note was typed."""
GATEKEEPER: tuple[KeyAction, ...] = (KeyAction("skip_gatekeeper", ("escape",), "Skip"),)
NOTES: tuple[KeyAction, ...] = (KeyAction("cancel_notes", ("escape",), "Cancel"),)
OBJECTIONS: tuple[KeyAction, ...] = (
    *(KeyAction(f"objection_{n}", (str(n),), f"Objection {n}", show=False) for n in range(1, 10)),
    KeyAction("close_objections", ("escape", "o"), "Back to the call"),
)
"""The objection cards: ``objection_n`` picks the n-th ``[[objections]]`` (``enter`` on the
list picks too); a dialog, so its digits never reach the outcome keys underneath."""
BLOCK: tuple[KeyAction, ...] = (
    KeyAction("keep_block", ("ctrl+s",), "Keep"),
    KeyAction("cancel_block", ("escape",), "Cancel"),
)
RESCHEDULE: tuple[KeyAction, ...] = (
    KeyAction("back_to_follow_ups", ("escape",), "Back to the follow-ups"),
)
CONFIRM: tuple[KeyAction, ...] = (
    KeyAction("yes", ("y",), "Yes"),
    KeyAction("no", ("n", "escape"), "No"),
)
ERROR: tuple[KeyAction, ...] = (KeyAction("ok", ("escape", "enter"), "OK"),)
IMPORT: tuple[KeyAction, ...] = (
    KeyAction("close_import", ("escape",), "Close"),
    KeyAction("switch_import_folder", ("ctrl+o",), "Home ⇄ Downloads"),
)
"""The import screen: fields take letters, so its keys are not letters."""
AWAY: tuple[KeyAction, ...] = (
    KeyAction("keep_away_time", ("k",), "Keep as calling"),
    KeyAction("discard_away_time", ("ctrl+d",), "Discard"),
)
"""The question after the app was away mid-sprint; it can come up under a key meant for a call."""
NOBODY_TO_CALL: tuple[KeyAction, ...] = (
    KeyAction("close_nobody_to_call", ("escape", "enter"), "Close"),
)
"""Besides this, the dialog answers to the home screen's ``prospects`` and ``import`` keys."""

SCOPES: dict[str, tuple[KeyAction, ...]] = {
    "home": HOME,
    "sprint": SPRINT,
    "break": BREAK,
    "prospects": PROSPECTS,
    "prospect_table": PROSPECT_TABLE,
    "research": RESEARCH,
    "follow_ups": FOLLOW_UPS,
    "review": REVIEW,
    "save_review": SAVE_REVIEW,
    "first_calls": FIRST_CALLS,
    "plan": PLAN,
    "plan_blocks": PLAN_BLOCKS,
    "block": BLOCK,
    "abandon": ABANDON,
    "callback": CALLBACK,
    "meeting_time": MEETING,
    "who_answered": GATEKEEPER,
    "notes": NOTES,
    "objections": OBJECTIONS,
    "reschedule": RESCHEDULE,
    "confirm": CONFIRM,
    "error": ERROR,
    "import": IMPORT,
    "nobody_to_call": NOBODY_TO_CALL,
    "away": AWAY,
    "help": HELP,
    "help_dialog": HELP_DIALOG,
    "app": APP,
}

TOGETHER: tuple[tuple[str, ...], ...] = (
    ("home", "help", "app"),
    ("sprint", "help", "app"),
    ("break", "help", "app"),
    ("prospects", "prospect_table", "research", "help", "app"),
    ("follow_ups", "prospect_table", "help", "app"),
    ("review", "help", "app"),
    ("plan", "plan_blocks", "help", "app"),
    ("import", "help", "app"),
    ("help_dialog", "help", "app"),
)
"""Scopes live on one screen at once, so their keys must not clash with each other either."""

AFTER_SPRINT: tuple[str, ...] = ("break", "away")
"""The scopes of the screens a sprint's end leads to, and of the question that can come up
mid-sprint (the app was away): none of their keys may log an outcome."""


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
    _refuse_clashes(actions, overrides)
    return actions


def _refuse_clashes(actions: tuple[KeyAction, ...], overrides: Mapping[str, object]) -> None:
    owner: dict[str, str] = {}
    # Defaults first, so a clash is reported on the action the user remapped.
    for action in sorted(actions, key=lambda a: a.id in overrides):
        for key in action.keys:
            if key in owner:
                raise KeyMapError(action.id, f"uses {key!r}, which {owner[key]} already uses")
            owner[key] = action.id


def check(overrides: Mapping[str, tuple[str, ...]]) -> None:
    """Raise :class:`KeyMapError` if the remaps do not fit every screen.

    Besides clashes within a screen, a key of the screen after a sprint's end
    must not be an outcome key (see the module's docstring).
    """
    for scope in SCOPES:
        keymap(scope, overrides)
    for scopes in TOGETHER:
        _refuse_clashes(tuple(a for s in scopes for a in keymap(s, overrides)), overrides)
    outcome_of = {
        key: action.id
        for action in keymap("sprint", overrides)
        if action.id in OUTCOME_IDS
        for key in action.keys
    }
    for scope in AFTER_SPRINT:
        for action in keymap(scope, overrides):
            for key in action.keys:
                outcome = outcome_of.get(key)
                if outcome is None:
                    continue
                # Blame the action the user remapped, as a clash within a screen does.
                if action.id in overrides or outcome not in overrides:
                    raise KeyMapError(
                        action.id,
                        f"uses {key!r}, which logs {outcome} during a sprint; a key of the "
                        "screen after a sprint must not be an outcome key",
                    )
                raise KeyMapError(
                    outcome,
                    f"uses {key!r}, which {action.id} uses after a sprint; an outcome key "
                    "must not be a key of the screen after a sprint",
                )
