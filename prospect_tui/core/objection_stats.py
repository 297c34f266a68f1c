"""How often each objection came up, and how often the call still ended well.

Counted over the review's experiment window (the review's own window when it
spans more than a day, else the last ``[experiments] window_days``): an
objection comes up on a few calls in a hundred, so a single day says little.
Read off the window's :class:`~prospect_tui.core.call_stats.CallStats`, which
the store keeps per day at the head of each month's file, like the hours.
Each call tagged with an objection counts once for it, so a call on which
two were raised counts for both; ``meetings`` and ``callbacks`` are those
calls that still ended in a meeting or a callback.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from prospect_tui.core.call_stats import CallStats
from prospect_tui.core.config import Objection
from prospect_tui.core.outcomes import OUTCOMES


@dataclass(frozen=True, slots=True)
class ObjectionResult:
    """One objection over the window: calls it came up on, and how many of those still
    ended in a meeting or a callback."""

    name: str
    raised: int = 0
    meetings: int = 0
    callbacks: int = 0


def objection_results(
    stats: CallStats, configured: Iterable[Objection] = ()
) -> list[ObjectionResult]:
    """The objections of the calls ``stats`` counted (see :attr:`CallStats.by_objection`).

    The configured ones come first, in the file's order, even those never
    raised; then any raised that the config no longer lists, by name.
    """
    names = list(dict.fromkeys(o.name for o in configured))
    names += sorted(name for name in stats.by_objection if name not in names)
    results = []
    for name in names:
        outcomes = stats.by_objection.get(name, Counter())
        results.append(
            ObjectionResult(
                name,
                raised=sum(outcomes.values()),
                meetings=sum(n for o, n in outcomes.items() if o in _MEETINGS),
                callbacks=sum(n for o, n in outcomes.items() if o in _CALLBACKS),
            )
        )
    return results


_MEETINGS = frozenset(o.id for o in OUTCOMES if o.is_meeting)
_CALLBACKS = frozenset(o.id for o in OUTCOMES if o.asks_when and not o.is_meeting)
