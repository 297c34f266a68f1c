"""Experiments with openers and offers: assignment, and honest comparison.

Each call uses one variant (an opener/offer pairing from ``config.toml``).
With ``[experiments] assignment = "fair"`` the next call gets the variant
with the fewest dials so far today, ties going round in config order, so
every arm gets a fair share whatever the day's length. With ``"adaptive"``
it gets the arm that wins one draw from each arm's posterior of meetings
per connect (Thompson sampling): the better opener gets more calls as the
evidence grows, and an arm still in doubt keeps getting some. The review
(:mod:`prospect_tui.core.standing`) judges arms on meetings per connect.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from random import Random

from prospect_tui.core.call_stats import CallStats
from prospect_tui.core.config import Variant
from prospect_tui.core.model import Call, Prospect
from prospect_tui.core.outcomes import CONNECTED, MEETING

Z_95 = 1.959963984540054
ENOUGH_DIALS = 30
"""Below this many dials an arm's rate is too noisy to compare."""


def next_variant(variants: Sequence[Variant], used: Counter[str]) -> Variant | None:
    """The arm with the fewest dials in ``used``; earliest in config order on a tie."""
    if not variants:
        return None
    return min(variants, key=lambda v: used[v.name])  # min keeps the first of equals


def dials_per_variant(calls: Iterable[Call]) -> Counter[str]:
    """How many dials each variant got."""
    return Counter(call.variant for call in calls if call.variant)


@dataclass(slots=True)
class Evidence:
    """Connects and meetings per variant: what adaptive assignment draws from."""

    connects: Counter[str] = field(default_factory=Counter)
    meetings: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, calls: Iterable[Call]) -> Evidence:
        """The evidence of ``calls``."""
        evidence = cls()
        for call in calls:
            evidence.count(call.variant, call.outcome)
        return evidence

    @classmethod
    def of_stats(cls, stats: CallStats) -> Evidence:
        """The evidence of a window of calls the store counted."""
        evidence = cls()
        for variant, outcomes in stats.by_variant.items():
            for outcome, n in outcomes.items():
                evidence.count(variant, outcome, n)
        return evidence

    def count(self, variant: str | None, outcome: str, times: int = 1) -> None:
        """Add (or, with a negative ``times``, take back) one call's outcome."""
        if variant and outcome in CONNECTED:
            self.connects[variant] += times
            self.meetings[variant] += times * (outcome == MEETING)

    def copy(self) -> Evidence:
        """An independent copy (for a checkpoint)."""
        return Evidence(Counter(self.connects), Counter(self.meetings))


def thompson_variant(
    variants: Sequence[Variant], evidence: Evidence, rng: Random
) -> Variant | None:
    """The arm whose draw from Beta(1 + meetings, 1 + connects − meetings) is highest.

    One draw per arm from ``rng`` (seeded in tests, so the choice is
    reproducible); the first in config order wins a tie.
    """
    best: Variant | None = None
    best_draw = -1.0
    for variant in variants:
        connects = max(evidence.connects[variant.name], 0)
        meetings = min(max(evidence.meetings[variant.name], 0), connects)
        draw = rng.betavariate(1 + meetings, 1 + connects - meetings)
        if draw > best_draw:
            best, best_draw = variant, draw
    return best


class _Keep(dict[str, str]):
    """Placeholders a script names that Prospect does not know stay as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def script(text: str, prospect: Prospect) -> str:
    """Fill ``{first_name}``, ``{last_name}``, ``{company}``, ``{title}`` into a script."""
    values = _Keep(
        first_name=prospect.first_name or "there",
        last_name=prospect.last_name,
        company=prospect.company or "your company",
        title=prospect.title,
        name=prospect.name,
    )
    try:
        return text.format_map(values)
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):
        return text  # a stray brace, "{0}", "{company.name}" or "{title[x]}" in the script


@dataclass(frozen=True, slots=True)
class Interval:
    """A proportion with its 95 % Wilson score interval."""

    successes: int
    trials: int
    low: float
    high: float

    @property
    def rate(self) -> float:
        """The observed proportion (0 when there were no trials)."""
        return self.successes / self.trials if self.trials else 0.0

    @property
    def enough(self) -> bool:
        """Whether there are enough trials to read anything into the rate."""
        return self.trials >= ENOUGH_DIALS


def wilson(successes: int, trials: int, z: float = Z_95) -> Interval:
    """The Wilson score interval for ``successes`` out of ``trials``."""
    if trials <= 0:
        return Interval(0, 0, 0.0, 1.0)  # nothing observed: the rate may be anything
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    margin = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    # The exact bounds always hold p; rounding left 1e-18 above it at 0 successes.
    low, high = min(max(0.0, centre - margin), p), max(min(1.0, centre + margin), p)
    return Interval(successes, trials, low, high)
