"""What the help (``?``) lists for a screen: its keys from the key map, grouped and explained.

The keys come from :func:`~prospect_tui.core.keys.keymap`, so a ``[keys]``
remap shows in the help as it works on the screen. A scope's actions are
grouped by :data:`SECTIONS` (the sprint: outcomes, then the call, then the
sprint), or make one section named by :data:`TITLES`; an action no section
names falls into its scope's last one, so a key added later is listed too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
}

SECTIONS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "sprint": (
        ("Log the call", OUTCOME_IDS),
        ("On the call", ("skip", "edit", "dial", "objection", "objections")),
    ),
}
"""Sections before a scope's own: the actions each takes, the rest go in the scope's title."""

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
}


def help_sections(
    scopes: Sequence[str], overrides: Mapping[str, tuple[str, ...]]
) -> tuple[HelpSection, ...]:
    """The sections of help for a screen whose keys are those of ``scopes``, remaps applied."""
    sections: list[HelpSection] = []
    for scope in scopes:
        actions = list(keymap(scope, overrides))
        groups: list[tuple[str, tuple[str, ...] | None]] = [
            *SECTIONS.get(scope, ()),
            (_title(scope), None),
        ]
        for title, wanted in groups:
            taken = [a for a in actions if wanted is None or a.id in wanted]
            actions = [a for a in actions if a not in taken]
            lines: list[HelpLine] = []
            for action in taken:
                same = next((n for n, line in enumerate(lines) if line.label == action.label), None)
                if same is None:
                    lines.append(HelpLine(action.keys, action.label, EXPLAIN.get(action.id, "")))
                else:  # a second id for the same thing (abandon's ctrl+c): one line, more keys
                    line = lines[same]
                    lines[same] = HelpLine(line.keys + action.keys, line.label, line.explain)
            if lines:
                sections.append(HelpSection(title, tuple(lines)))
    return tuple(sections)


def _title(scope: str) -> str:
    return TITLES.get(scope, scope.replace("_", " ").capitalize())
