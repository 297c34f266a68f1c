"""What the help (``?``) lists for a screen: its keys from the key map, grouped and explained.

The keys come from :func:`~prospect_tui.core.keys.keymap`, so a ``[keys]``
remap shows in the help as it works on the screen. A scope's actions are
grouped by :data:`SECTIONS` (the sprint: outcomes, then the call, then the
sprint), or make one section named by :data:`TITLES`; an action no section
names falls into its scope's last one, so a key added later is listed too.

Only what acts now is listed, by the rule the footer follows: the screen says
which actions can act in its state, and names some by what they do now
(pause reads Resume while paused).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from prospect_tui.core.keys import keymap
from prospect_tui.core.outcomes import OUTCOME_IDS


@dataclass(frozen=True, slots=True)
class HelpLine:
    """One action: its keys (as the key map names them), its label, why it is useful."""

    keys: tuple[str, ...]
    label: str
    explain: str = ""


@dataclass(frozen=True, slots=True)
class HelpSection:
    """A group of actions under a title."""

    title: str
    lines: tuple[HelpLine, ...]


TITLES: dict[str, str] = {
    "home": "Go to",
    "sprint": "The sprint",
    "break": "The break",
    "prospects": "Prospects",
    "prospect_table": "Moving in the list",
    "research": "Research",
    "follow_ups": "Close the highlighted follow-up",
    "review": "The review",
    "plan": "The plan",
    "plan_blocks": "Blocks (when the list has the focus)",
    "help": "Everywhere",
    "app": "Everywhere",
}

SECTIONS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "sprint": (
        ("Log the call", OUTCOME_IDS),
        ("On the call", ("skip", "edit", "dial", "objection", "objections")),
    ),
}
"""Sections before a scope's own: the actions each takes, the rest go in the scope's title."""

SAME_AS: dict[str, dict[str, str]] = {"sprint": {"quit_app": "abandon"}}
"""On a screen with the scope named, an action that does what another one does there
(mid-sprint the app's quit asks to abandon): its keys are listed on that action's line."""

EXPLAIN: dict[str, str] = {
    # home
    "sprint": "the screen locked to your calls until the time is up",
    "research": "a timed research session on the prospects screen",
    "follow_up": "close the callbacks and meetings that are due",
    "review": "the day against the goal, the streak, what stopped you",
    "prospects": "search, sort, edit, do-not-call, priority",
    "plan": "goal, working days, blocks; saved into config.toml",
    "import": "a CSV file",
    "sample": "the sample list, to try everything",
    # the sprint
    "no_answer": "tried again after the retry delay",
    "voicemail": "tried again later",
    "gatekeeper": "then asks who answered (optional)",
    "not_interested": "rests a while (nurture), then comes back",
    "callback": "asks when, read on their clock",
    "meeting": "asks when and a note; a follow-up is made",
    "wrong_number": "leaves the queue until the phone is fixed",
    "do_not_call": "never queued again",
    "skip": "not a dial: they wait until everyone else had a turn",
    "edit": "notes on this call",
    "objection": "what they pushed back with: shows the answer, tags the call",
    "dial": "through your desktop's tel: handler",
    "undo": "takes back this sprint's last outcome",
    "pause": "the clock waits, up to the pause allowance",
    "complete": "with nobody left on the card",
    "abandon": "asks why, for the review",
    # the break
    "next_sprint": "now, without waiting for the break to end",
    "break_review": "after the day's last sprint",
    # prospects
    "sort": "the next column",
    "edit_prospect": "the highlighted prospect",
    "mark_do_not_call": "never queued again; again to take them off",
    "save": "the details being edited",
    "back": "drops what was typed and not saved",
    "end_research": "the session's time counts as research",
    # follow-ups
    "close_rescheduled": "asks for the new time, on their clock",
    "end_follow_up": "the session's time counts as follow-up",
    # the review
    "next_day": "never past today",
    "review_window": "1, 7, 28, 90 days, all",
    "save_review": "the report as Markdown, to a file you name",
    "first_calls": "pick tomorrow's first calls (today's review only)",
    # the plan
    "save_plan": "into config.toml, comments kept",
    # everywhere
    "help": "this list",
    "quit_app": "mid-sprint it asks to abandon the sprint instead",
}


def help_sections(
    scopes: Sequence[str],
    overrides: Mapping[str, tuple[str, ...]],
    acts: Callable[[str], bool] = lambda action: True,
    label: Callable[[str, str], str] = lambda action, label: label,
) -> tuple[HelpSection, ...]:
    """The sections of help for a screen whose keys are those of ``scopes``, remaps applied.

    ``acts(id)`` says whether the action can act now (those that cannot are left out);
    ``label(id, label)`` names it as it reads now. Actions that read the same (abandon's
    ``ctrl+c``) or do the same there (:data:`SAME_AS`) share one line.
    """
    same_as = {a: b for scope in scopes for a, b in SAME_AS.get(scope, {}).items()}
    titles: list[str] = []
    sections: dict[str, list[HelpLine]] = {}
    where: dict[str, tuple[str, int]] = {}  # an action's line, and the line of a label
    for scope in scopes:
        actions = [a for a in keymap(scope, overrides) if acts(a.id)]
        groups: list[tuple[str, tuple[str, ...] | None]] = [
            *SECTIONS.get(scope, ()),
            (_title(scope), None),
        ]
        for title, wanted in groups:
            taken = [a for a in actions if wanted is None or a.id in wanted]
            actions = [a for a in actions if a not in taken]
            for action in taken:
                said = label(action.id, action.label)
                found = where.get(same_as.get(action.id, "")) or where.get(f"label:{said}")
                if found is None:
                    if title not in sections:
                        titles.append(title)
                    lines = sections.setdefault(title, [])
                    where[action.id] = where[f"label:{said}"] = (title, len(lines))
                    lines.append(HelpLine(action.keys, said, EXPLAIN.get(action.id, "")))
                else:  # a second id for the same thing: one line, more keys
                    lines = sections[found[0]]
                    line = lines[found[1]]
                    lines[found[1]] = HelpLine(line.keys + action.keys, line.label, line.explain)
                    where[action.id] = found
    return tuple(HelpSection(title, tuple(sections[title])) for title in titles if sections[title])


def _title(scope: str) -> str:
    return TITLES.get(scope, scope.replace("_", " ").capitalize())
