"""What the help lists: a screen's keys from the key map, grouped, remaps applied."""

from __future__ import annotations

from prospect_tui.core.key_help import EXPLAIN, help_sections
from prospect_tui.core.keys import SCOPES
from prospect_tui.core.outcomes import OUTCOMES


def test_the_sprint_lists_outcomes_then_the_call_then_the_sprint() -> None:
    sections = help_sections(["sprint", "help"], {})
    assert [s.title for s in sections] == [
        "Log the call",
        "On the call",
        "The sprint",
        "Everywhere",
    ]
    assert [line.label for line in sections[0].lines] == [o.label for o in OUTCOMES]
    assert [line.keys for line in sections[0].lines] == [(o.key, o.alt) for o in OUTCOMES]
    assert [line.label for line in sections[1].lines] == ["Skip", "Notes", "Objection", "Dial"]


def test_two_actions_doing_one_thing_make_one_line() -> None:
    (line,) = [
        line
        for section in help_sections(["sprint"], {})
        for line in section.lines
        if line.label == "Abandon"
    ]
    assert line.keys == ("escape", "ctrl+c")


def test_a_remap_shows_in_the_help() -> None:
    sections = help_sections(["sprint", "help"], {"skip": ("k",), "help": ("f2",)})
    lines = {line.label: line.keys for section in sections for line in section.lines}
    assert lines["Skip"] == ("k",) and lines["Help"] == ("f2",)


def test_every_action_of_every_scope_is_listed_once() -> None:
    for scope, actions in SCOPES.items():
        listed = [line for section in help_sections([scope], {}) for line in section.lines]
        keys = [key for line in listed for key in line.keys]
        assert sorted(keys) == sorted(key for a in actions for key in a.keys), scope


def test_every_explanation_is_of_a_known_action() -> None:
    known = {a.id for actions in SCOPES.values() for a in actions}
    assert set(EXPLAIN) <= known
