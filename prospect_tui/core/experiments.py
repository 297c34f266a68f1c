"""Experiments with openers and offers: fair assignment, and honest comparison.

Each call uses one variant (an opener/offer pairing from ``config.toml``).
The next call gets the variant with the fewest dials so far today, ties
going round in config order, so every arm gets a fair share whatever the
day's length. The review compares arms by connect rate with a 95 % Wilson
interval, and says "not enough data yet" rather than crown a lucky streak.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from prospect_tui.core.config import Variant
from prospect_tui.core.model import Call, Prospect

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
