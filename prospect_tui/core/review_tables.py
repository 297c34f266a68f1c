"""The review's tables over a window of calls: variants, hours, weekdays, lengths.

Each is read off one :class:`~prospect_tui.core.call_stats.CallStats` (the
calls counted once), never by rescanning the calls. An opener or offer is
judged on what it can change — meetings per connect — with its chance of
being best (:mod:`prospect_tui.core.standing`); the time of a call on
connects per dial.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from prospect_tui.core.call_stats import LENGTHS, CallStats, Length, tally_of
from prospect_tui.core.config import Config
from prospect_tui.core.days import weekday_name
from prospect_tui.core.experiments import Interval, wilson
from prospect_tui.core.outcomes import BY_ID
from prospect_tui.core.standing import Arm, Standing, standing
from prospect_tui.core.tally import Tally

NOT_INTERESTED = BY_ID["not_interested"].id


@dataclass(frozen=True, slots=True)
class VariantResult:
    """How one opener/offer pairing did over a window.

    An opener cannot change whether someone picks up: it is judged on
    ``meeting`` (meetings per connect) and ``not_interested`` (the share of
    connects that ended so); ``connect`` is kept for reference.
    """

    name: str
    tally: Tally
    connect: Interval
    meeting: Interval
    not_interested: Interval
    p_best: float
    expected_loss: float


@dataclass(frozen=True, slots=True)
class HourResult:
    """Dials and connects at one hour of the prospect's day."""

    hour: int
    dials: int
    connects: int

    @property
    def rate(self) -> float:
        """Connects per dial."""
        return self.connects / self.dials if self.dials else 0.0

    @property
    def interval(self) -> Interval:
        """Connects per dial with its 95 % Wilson interval."""
        return wilson(self.connects, self.dials)


@dataclass(frozen=True, slots=True)
class WeekdayResult:
    """Dials and connects on one weekday (of the user's days)."""

    weekday: int
    """``date.weekday()``: 0 is Monday."""
    dials: int
    connects: int

    @property
    def name(self) -> str:
        """``"mon"`` … ``"sun"``."""
        return weekday_name(date(2024, 1, 1 + self.weekday))  # 2024-01-01 was a Monday

    @property
    def interval(self) -> Interval:
        """Connects per dial with its 95 % Wilson interval."""
        return wilson(self.connects, self.dials)


@dataclass(frozen=True, slots=True)
class LengthResult:
    """The calls of one band of length, and how they ended."""

    band: Length
    tally: Tally
    outcomes: dict[str, int]


@dataclass(frozen=True, slots=True)
class Experiment:
    """The variants over the experiment window, and the verdict."""

    first: date
    last: date
    assignment: str
    """How the next calls get their variants (``[experiments] assignment``)."""
    sprints_by_assignment: dict[str, int]
    """The window's sprints by the assignment they used."""
    variants: list[VariantResult]
    standing: Standing
    loss_threshold: float

    @property
    def days(self) -> int:
        """How many days the window spans."""
        return (self.last - self.first).days + 1


def hours(stats: CallStats) -> list[HourResult]:
    """Connects per dial by the prospect's hour, earliest first."""
    return [
        HourResult(hour, tally_of(counts).dials, tally_of(counts).connects)
        for hour, counts in sorted(stats.by_hour.items())
    ]


def weekdays(stats: CallStats) -> list[WeekdayResult]:
    """Connects per dial by weekday, Monday first."""
    return [
        WeekdayResult(weekday, tally_of(counts).dials, tally_of(counts).connects)
        for weekday, counts in sorted(stats.by_weekday.items())
    ]


def variant_names(config: Config, *stats: CallStats) -> list[str]:
    names = [v.name for v in config.variants]
    seen = {name for s in stats for name in s.by_variant}
    return names + sorted(seen - set(names))


def variants(
    stats: CallStats, names: list[str], config: Config
) -> tuple[list[VariantResult], Standing]:
    by_variant = stats.by_variant
    tallies = [tally_of(by_variant.get(name, Counter())) for name in names]
    verdict = standing(
        [Arm(name, t.meetings, t.connects) for name, t in zip(names, tallies, strict=True)],
        config.experiments.loss_threshold,
    )
    results = []
    for name, tally in zip(names, tallies, strict=True):
        arm = verdict.of(name)
        not_interested = by_variant.get(name, Counter())[NOT_INTERESTED]
        results.append(
            VariantResult(
                name,
                tally,
                wilson(tally.connects, tally.dials),
                wilson(tally.meetings, tally.connects),
                wilson(not_interested, tally.connects),
                arm.p_best if arm else 0.0,
                arm.expected_loss if arm else 0.0,
            )
        )
    return results, verdict


def lengths(stats: CallStats) -> list[LengthResult]:
    by_length = stats.by_length
    return [
        LengthResult(band, tally_of(counts), dict(counts))
        for band, counts in ((band, by_length.get(i, Counter())) for i, band in enumerate(LENGTHS))
    ]


def experiment(
    stats: CallStats, names: list[str], config: Config, used: Mapping[str, int]
) -> Experiment:
    results, verdict = variants(stats, names, config)
    return Experiment(
        first=stats.first,
        last=stats.last,
        assignment=config.experiments.assignment,
        sprints_by_assignment=dict(used),
        variants=results,
        standing=verdict,
        loss_threshold=config.experiments.loss_threshold,
    )
