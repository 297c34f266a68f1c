"""The end-of-day review: the day against the goal, and what actually worked.

Pure: :func:`build_review` takes one day's records and returns a
:class:`Review`. Its renderers — JSON, text and Markdown — live together in
:mod:`prospect_tui.transfer.review_report`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise

from prospect_tui.core.categories import CATEGORIES, Category
from prospect_tui.core.clock import between
from prospect_tui.core.config import Config, GoalSettings
from prospect_tui.core.days import local_date, weekday_name
from prospect_tui.core.experiments import Interval, wilson
from prospect_tui.core.model import Call, FollowUp, SentNudge, Sprint, SprintStatus, TimeEntry
from prospect_tui.core.nudges import NudgeKind
from prospect_tui.core.outcomes import ASKS_WHEN, CONNECTED, OUTCOME_IDS
from prospect_tui.core.plan import occurrences
from prospect_tui.core.reasons import ADVICE, BY_ID, ReasonKind
from prospect_tui.core.streak import Streak, day_met, streak
from prospect_tui.core.tally import Tally, meets_goal

HEATMAP_WEEKS = 12


@dataclass(frozen=True, slots=True)
class VariantResult:
    """How one opener/offer pairing did today."""

    name: str
    tally: Tally
    connect: Interval
    meeting: Interval


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


@dataclass(frozen=True, slots=True)
class Review:
    """Everything the review shows for one day."""

    day: date
    tally: Tally
    outcomes: dict[str, int]
    minutes: dict[Category, float]
    planned_minutes: dict[Category, float]
    sprints_completed: int
    sprints_abandoned: int
    goal_sprints: int
    goal_dials: int
    streak: Streak
    first_dial_at: datetime | None
    time_to_first_dial: timedelta | None
    """From the day's first planned calling block (or first sprint) to the first dial."""
    longest_gap: timedelta | None
    """The longest stretch between two dials that day."""
    abandon_reasons: dict[str, int]
    abandon_kinds: dict[ReasonKind, int]
    by_hour: list[HourResult]
    variants: list[VariantResult]
    callbacks_tomorrow: list[FollowUp]
    heatmap: list[tuple[date, int, bool]]
    """(day, completed sprints, goal met) for the last twelve weeks, oldest first."""
    drifts: int = 0
    """Times a sprint's terminal was out of focus long enough for a nudge back."""

    @property
    def goal_met(self) -> bool:
        """Whether the day met the goal (sprints and dials): it counts for the streak."""
        goal = GoalSettings(sprints=self.goal_sprints, dials=self.goal_dials)
        return meets_goal(self.sprints_completed, self.tally.dials, goal)

    @property
    def advice(self) -> list[str]:
        """What fits the reasons the user gave for stopping early, most common first."""
        ranked = sorted(self.abandon_kinds.items(), key=lambda item: -item[1])
        return [ADVICE[kind] for kind, count in ranked if count]

    @property
    def research_overrun(self) -> bool:
        """Research beyond what was planned: the favourite hiding place."""
        planned = self.planned_minutes[Category.RESEARCH]
        return planned > 0 and self.minutes[Category.RESEARCH] > planned


def planned_minutes(config: Config, day: date) -> dict[Category, float]:
    """Minutes the plan reserves for each category on ``day``'s weekday."""
    planned = {category: 0.0 for category in CATEGORIES}
    for block in config.blocks:
        if weekday_name(day) in block.days:
            planned[block.category] += block.minutes
    return planned


def build_review(
    day: date,
    *,
    calls: Iterable[Call],
    sprints: Iterable[Sprint],
    completed_by_day: Mapping[date, int],
    dials_by_day: Mapping[date, int],
    today: date,
    time_entries: Iterable[TimeEntry],
    followups: Iterable[FollowUp],
    config: Config,
    tz: tzinfo,
    nudges: Iterable[SentNudge] = (),
) -> Review:
    """The review of the user's ``day`` from its records.

    ``completed_by_day`` and ``dials_by_day`` cover the whole history, for the
    streak and the heatmap; ``today`` tells a day still in progress (which does
    not break the streak) from a past one, which is final.
    """
    todays_calls = sorted((c for c in calls if c.local_date == day), key=lambda c: c.started_at)
    todays_sprints = [s for s in sprints if s.local_date == day]
    abandoned = [s for s in todays_sprints if s.status is SprintStatus.ABANDONED]
    minutes = {category: 0.0 for category in CATEGORIES}
    for entry in time_entries:
        if entry.local_date == day:
            minutes[entry.category] += entry.seconds / 60
    first = todays_calls[0].started_at if todays_calls else None
    return Review(
        day=day,
        tally=Tally.of(todays_calls),
        outcomes={o: sum(c.outcome == o for c in todays_calls) for o in OUTCOME_IDS},
        minutes={category: round(value, 1) for category, value in minutes.items()},
        planned_minutes=planned_minutes(config, day),
        sprints_completed=sum(s.status is SprintStatus.COMPLETED for s in todays_sprints),
        sprints_abandoned=len(abandoned),
        goal_sprints=config.goal.sprints,
        goal_dials=config.goal.dials,
        streak=streak(
            completed_by_day,
            dials_by_day,
            day,
            today=today,
            working=config.days.working,
            goal=config.goal,
        ),
        first_dial_at=first,
        time_to_first_dial=_time_to_first_dial(first, todays_sprints, config, day, tz),
        longest_gap=_longest_gap(todays_calls),
        abandon_reasons=dict(Counter(s.reason or "unknown" for s in abandoned)),
        abandon_kinds=_kinds(abandoned),
        by_hour=_by_hour(todays_calls),
        variants=_variants(todays_calls, config),
        callbacks_tomorrow=_due_tomorrow(followups, day, tz, config.days.start_hour),
        heatmap=_heatmap(completed_by_day, dials_by_day, config, day),
        drifts=sum(n.kind == NudgeKind.DRIFT.value and n.local_date == day for n in nudges),
    )


def _time_to_first_dial(
    first: datetime | None, sprints: list[Sprint], config: Config, day: date, tz: tzinfo
) -> timedelta | None:
    if first is None:
        return None
    starts = [
        u.start
        for u in occurrences(config.blocks, first, tz, days=1)
        if u.block.category is Category.CALLING and u.start.date() == day
    ]
    starts += [s.started_at for s in sprints]
    if not starts:
        return None
    return max(between(min(starts), first), timedelta(0))


def _longest_gap(calls: list[Call]) -> timedelta | None:
    gaps = [between(a.ended_at, b.started_at) for a, b in pairwise(calls)]
    return max(gaps) if gaps else None


def _kinds(abandoned: list[Sprint]) -> dict[ReasonKind, int]:
    kinds = {kind: 0 for kind in ReasonKind}
    for sprint in abandoned:
        kind = sprint.reason_kind or (BY_ID[sprint.reason].kind if sprint.reason in BY_ID else None)
        if kind is not None:
            kinds[ReasonKind(kind)] += 1
    return kinds


def _by_hour(calls: list[Call]) -> list[HourResult]:
    dials: Counter[int] = Counter()
    connects: Counter[int] = Counter()
    for call in calls:
        if call.local_hour is None:
            continue
        dials[call.local_hour] += 1
        connects[call.local_hour] += call.outcome in CONNECTED
    return [HourResult(hour, dials[hour], connects[hour]) for hour in sorted(dials)]


def _variants(calls: list[Call], config: Config) -> list[VariantResult]:
    names = [v.name for v in config.variants]
    names += sorted({c.variant for c in calls if c.variant and c.variant not in names})
    results = []
    for name in names:
        tally = Tally.of(c for c in calls if c.variant == name)
        results.append(
            VariantResult(
                name,
                tally,
                wilson(tally.connects, tally.dials),
                wilson(tally.meetings, tally.dials),
            )
        )
    return results


def _due_tomorrow(
    followups: Iterable[FollowUp], day: date, tz: tzinfo, start_hour: int
) -> list[FollowUp]:
    if day == date.max:
        return []  # the calendar ends here: there is no tomorrow to be due on
    tomorrow = day + timedelta(days=1)
    due = [
        f
        for f in followups
        if f.kind in ASKS_WHEN
        and f.done_at is None
        and f.due_at is not None
        and local_date(f.due_at, tz, start_hour) == tomorrow
    ]
    return sorted(due, key=lambda f: f.due_at.timestamp() if f.due_at else 0.0)


def _heatmap(
    completed_by_day: Mapping[date, int],
    dials_by_day: Mapping[date, int],
    config: Config,
    day: date,
) -> list[tuple[date, int, bool]]:
    # Ordinals: twelve weeks back from early in year 1 would underflow ``date``.
    monday = day.toordinal() - day.weekday()
    first = max(monday - (HEATMAP_WEEKS - 1) * 7, date.min.toordinal())
    days = (date.fromordinal(n) for n in range(first, day.toordinal() + 1))
    return [
        (d, completed_by_day.get(d, 0), day_met(d, completed_by_day, dials_by_day, config.goal))
        for d in days
    ]
