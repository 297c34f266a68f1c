"""How often each objection came up, and how often the call still ended well.

Counted over the review's experiment window (the review's own window when it
spans more than a day, else the last ``[experiments] window_days``): an
objection comes up on a few calls in a hundred, so a single day says little.
Each call tagged with an objection counts once for it, so a call on which
two were raised counts for both; ``meetings`` and ``callbacks`` are those
calls that still ended in a meeting or a callback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from prospect_tui.core.config import Objection
from prospect_tui.core.model import Call
from prospect_tui.core.outcomes import BY_ID


@dataclass(frozen=True, slots=True)
class ObjectionResult:
    """One objection over the window: calls it came up on, and how many of those still
    ended in a meeting or a callback."""

    name: str
    raised: int = 0
    meetings: int = 0
    callbacks: int = 0


def objection_results(
    calls: Iterable[Call], first: date, last: date, configured: Iterable[Objection] = ()
) -> list[ObjectionResult]:
    """The objections of the ``calls`` that count for ``first`` … ``last``.

    The configured ones come first, in the file's order, even those never
    raised; then any raised that the config no longer lists, by name.
    """
    counts: dict[str, list[int]] = {o.name: [0, 0, 0] for o in configured}
    listed = len(counts)
    for call in calls:
        if not call.objections or not first <= call.local_date <= last:
            continue
        rule = BY_ID.get(call.outcome)
        meeting = int(rule is not None and rule.is_meeting)
        callback = int(rule is not None and bool(rule.asks_when) and not rule.is_meeting)
        for name in dict.fromkeys(call.objections):  # a name twice counts once
            row = counts.setdefault(name, [0, 0, 0])
            row[0] += 1
            row[1] += meeting
            row[2] += callback
    names = list(counts)
    ordered = names[:listed] + sorted(names[listed:])
    return [ObjectionResult(name, *counts[name]) for name in ordered]
