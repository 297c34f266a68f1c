"""The review's objections as lines: a short table for the terminal and one for Markdown.

Both list each objection over the experiment window with how often it came
up and how often the call still ended in a meeting or a callback. Names are
the user's text: the callers make them visible (and, in Markdown, inert).
"""

from __future__ import annotations

from collections.abc import Callable

from prospect_tui.core.objection_stats import ObjectionResult

NAME_WIDTH = 28
"""The name column of the terminal table; a longer name runs into the numbers' margin."""


def objection_lines(objections: tuple[ObjectionResult, ...]) -> list[str]:
    """The terminal table: a header, then one row per objection (none: nothing)."""
    if not objections:
        return []
    width = min(max(len(o.name) for o in objections), NAME_WIDTH)
    head = f"{'objection':<{width}}  raised  meeting  callback"
    rows = [
        f"{o.name:<{width}}  {o.raised:>6}  {o.meetings:>7}  {o.callbacks:>8}" for o in objections
    ]
    if not any(o.raised for o in objections):
        rows.append("none raised yet: o during a call notes one")
    return [head, *rows]


def objection_table(
    objections: tuple[ObjectionResult, ...], escape: Callable[[str], str]
) -> list[str]:
    """The Markdown table, each name passed through ``escape``."""
    rows = [
        "| objection | raised | still a meeting | still a callback |",
        "|---|---:|---:|---:|",
    ]
    rows += [
        f"| {escape(o.name)} | {o.raised:,} | {o.meetings:,} | {o.callbacks:,} |"
        for o in objections
    ]
    return rows
