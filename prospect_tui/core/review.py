"""The end-of-day review: the day against the goal, and what actually worked.

Pure: :func:`build_review` takes the records of a window of days ending on
the reviewed day and returns a :class:`Review`. The window's counts (dials,
outcomes, time, sprints, reasons) are the window's; the goal, the streak,
the first dial, the gaps and tomorrow's callbacks are the day's. What needs
many calls to say anything — the experiments, the hours, the weekdays, the
call lengths — looks at the experiment window: the review's own window when
it spans more than a day, else the last ``[experiments] window_days``.
It is read out of the store by :mod:`prospect_tui.transfer.review_query`
and rendered by :mod:`prospect_tui.transfer.review_text` (text, Markdown)
and :mod:`prospect_tui.transfer.review_json`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise

from prospect_tui.core.call_stats import CallStats
from prospect_tui.core.categories import CATEGORIES, Category
from prospect_tui.core.clock import between
from prospect_tui.core.config import Config
from prospect_tui.core.days import is_working_day, local_date, weekday_name
from prospect_tui.core.model import Call, FollowUp, SentNudge, Sprint, SprintStatus, TimeEntry
from prospect_tui.core.nudges import NudgeKind
from prospect_tui.core.objection_stats import ObjectionResult, objection_results
from prospect_tui.core.outcomes import ASKS_WHEN, OUTCOME_IDS
from prospect_tui.core.reasons import ADVICE, BY_ID, NO_DIALS, OTHER, ReasonKind
from prospect_tui.core.review_tables import (
    Experiment,
    HourResult,
    LengthResult,
    VariantResult,
    WeekdayResult,
    experiment,
    hours,
    lengths,
    variant_names,
    variants,
    weekdays,
)
from prospect_tui.core.streak import Streak, day_met, planned_streak
from prospect_tui.core.tally import Tally, meets_goal

HEATMAP_WEEKS = 12


@dataclass(frozen=True, slots=True)
class StopReason:
    """Why sprints were abandoned, as the user reads it: a label, or their own words."""

    id: str
    label: str
    kind: ReasonKind | None
    count: int


@dataclass(frozen=True, slots=True)
class Review:
    """Everything the review shows for one day."""

    day: date
    is_today: bool
    """Whether ``day`` is the user's current day (still in progress)."""
    first: date
    """The window's first day: ``day`` itself for the review of one day."""
    tally: Tally
    """The window's calls."""
    outcomes: dict[str, int]
    minutes: dict[Category, float]
    planned_minutes: dict[Category, float]
    sprints_completed: int
    sprints_abandoned: int
    goal_sprints: int
    goal_dials: int
    goal_met: bool
    """Whether ``day`` met the goal (sprints and dials): it counts for the streak."""
    goal_days: tuple[int, int]
    """(working days that met the goal, working days) in the window."""
    streak: Streak
    first_dial_at: datetime | None
    time_to_first_dial: timedelta | None
    """From the calling block the first dial fell in (or, before any, the day's first) to
    the first dial; negative when it came before the block; None when none was planned."""
    longest_gap: timedelta | None
    """The longest stretch between two dials that day, breaks between sprints included."""
    longest_gap_in_sprint: timedelta | None
    """The longest stretch between two dials of the same sprint."""
    abandon_reasons: dict[str, int]
    abandon_kinds: dict[ReasonKind, int]
    stopped: list[StopReason]
    """The window's reasons for stopping early, most common first."""
    by_hour: list[HourResult]
    """Over the experiment window."""
    by_weekday: list[WeekdayResult]
    """Over the experiment window, Monday first."""
    by_length: list[LengthResult]
    """Over the experiment window, shortest first."""
    variants: list[VariantResult]
    """Over the review's window."""
    experiment: Experiment
    callbacks_tomorrow: list[FollowUp]
    heatmap: list[tuple[date, int, bool]]
    """(day, completed sprints, goal met) for the last twelve weeks, oldest first."""
    day_off: bool = False
    """The day is one of the plan's days off: nothing was planned and the streak pauses."""
    drifts: int = 0
    """Times a sprint's terminal was out of focus long enough for a nudge back."""
    objections: tuple[ObjectionResult, ...] = ()
    """Over the experiment window: each objection, how often it came up and ended well."""

    @property
    def days(self) -> int:
        """How many days the window spans."""
        return (self.day - self.first).days + 1

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
    if day in config.days_off:
        return planned
    for block in config.blocks:
        if weekday_name(day) in block.days:
            planned[block.category] += block.minutes
    return planned


def window_start(day: date, days: int) -> date:
    """The first of the ``days`` days that end on ``day`` (never before the calendar's start)."""
    return date.fromordinal(max(day.toordinal() - days + 1, date.min.toordinal()))


def experiment_start(day: date, first: date, config: Config) -> date:
    """Where the experiment window begins: the review's window if it spans more than a day,
    else the last ``[experiments] window_days`` (so openers and hours can conclude)."""
    if first < day:
        return first
    return window_start(day, config.experiments.window_days)


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
    first: date | None = None,
    window_stats: CallStats | None = None,
    experiment_stats: CallStats | None = None,
    sprints_by_assignment: Mapping[str, int] | None = None,
    nudges: Iterable[SentNudge] = (),
    minutes: Mapping[Category, float] | None = None,
    completed_in_window: int | None = None,
) -> Review:
    """The review of the user's ``day`` (or of the window ``first`` … ``day``) from its records.

    ``calls`` must hold the day's calls; the window's and the experiment
    window's are counted from them too unless their :class:`CallStats` are
    given (the store counts those without decoding every call). Likewise
    ``sprints`` must hold the window's sprints, and the experiment window's
    unless ``sprints_by_assignment`` counts them, and ``time_entries`` the
    window's tracked time unless ``minutes`` sums it by category. With
    ``completed_in_window``, ``sprints`` may leave out the window's completed
    sprints before ``day`` (that number counts them).
    ``completed_by_day`` and ``dials_by_day`` cover the whole history, for the
    streak and the heatmap; ``today`` tells a day still in progress (which does
    not break the streak) from a past one, which is final.
    """
    first = day if first is None else min(first, day)
    calls = list(calls)
    todays_calls = sorted((c for c in calls if c.local_date == day), key=lambda c: c.started_at)
    window = window_stats or CallStats.of(calls, first, day)
    lab = experiment_stats or CallStats.of(calls, experiment_start(day, first, config), day)
    sprints = list(sprints)
    window_sprints = [s for s in sprints if first <= s.local_date <= day]
    abandoned = [s for s in window_sprints if s.status is SprintStatus.ABANDONED]
    if minutes is None:
        minutes = {category: 0.0 for category in CATEGORIES}
        for entry in time_entries:
            if first <= entry.local_date <= day:
                minutes[entry.category] += entry.seconds / 60
    planned = {category: 0.0 for category in CATEGORIES}
    for offset in range((day - first).days + 1):
        for category, value in planned_minutes(config, first + timedelta(days=offset)).items():
            planned[category] += value
    first_dial = todays_calls[0].started_at if todays_calls else None
    day_sprints = sum(
        s.status is SprintStatus.COMPLETED and s.local_date == day for s in window_sprints
    )
    names = variant_names(config, window, lab)
    return Review(
        day=day,
        is_today=day == today,
        first=first,
        tally=window.tally,
        outcomes={o: window.outcomes[o] for o in OUTCOME_IDS},
        minutes={category: round(value, 1) for category, value in minutes.items()},
        planned_minutes=planned,
        sprints_completed=(
            completed_in_window
            if completed_in_window is not None
            else sum(s.status is SprintStatus.COMPLETED for s in window_sprints)
        ),
        sprints_abandoned=len(abandoned),
        goal_sprints=config.goal.sprints,
        goal_dials=config.goal.dials,
        goal_met=meets_goal(day_sprints, len(todays_calls), config.goal),
        goal_days=_goal_days(first, day, completed_by_day, dials_by_day, config),
        streak=planned_streak(
            completed_by_day,
            dials_by_day,
            day,
            today=today,
            config=config,
        ),
        first_dial_at=first_dial,
        time_to_first_dial=_time_to_first_dial(first_dial, config, day, tz),
        longest_gap=_longest_gap(todays_calls),
        longest_gap_in_sprint=_longest_gap(todays_calls, within_sprint=True),
        abandon_reasons=dict(Counter(s.reason or "unknown" for s in abandoned)),
        abandon_kinds=_kinds(abandoned),
        stopped=_stopped(abandoned),
        by_hour=hours(lab),
        by_weekday=weekdays(lab),
        by_length=lengths(lab),
        variants=variants(window, names, config)[0],
        experiment=experiment(
            lab,
            names,
            config,
            sprints_by_assignment
            if sprints_by_assignment is not None
            else Counter(s.assignment for s in sprints if lab.first <= s.local_date <= lab.last),
        ),
        callbacks_tomorrow=_due_tomorrow(followups, day, tz, config.days.start_hour),
        heatmap=heatmap_days(completed_by_day, dials_by_day, config, day),
        day_off=day in config.days_off,
        drifts=sum(n.kind == NudgeKind.DRIFT.value and n.local_date == day for n in nudges),
        objections=tuple(objection_results(lab, config.objections)),
    )


def _goal_days(
    first: date,
    day: date,
    completed_by_day: Mapping[date, int],
    dials_by_day: Mapping[date, int],
    config: Config,
) -> tuple[int, int]:
    working = [
        first + timedelta(days=n)
        for n in range((day - first).days + 1)
        if is_working_day(first + timedelta(days=n), config.days.working)
    ]
    met = sum(day_met(d, completed_by_day, dials_by_day, config.goal) for d in working)
    return met, len(working)


def _time_to_first_dial(
    first: datetime | None, config: Config, day: date, tz: tzinfo
) -> timedelta | None:
    """From the calling block the first dial fell in, or (before them all) the day's first."""
    if first is None:
        return None
    starts = sorted(
        datetime.combine(day, block.start, tzinfo=tz)
        for block in config.blocks
        if block.category is Category.CALLING and weekday_name(day) in block.days
    )
    if not starts:
        return None  # no calling block was planned: there is nothing to be late for
    began = [start for start in starts if between(start, first) >= timedelta(0)]
    return between(began[-1] if began else starts[0], first)


def _longest_gap(calls: list[Call], *, within_sprint: bool = False) -> timedelta | None:
    gaps = [
        between(a.ended_at, b.started_at)
        for a, b in pairwise(calls)
        if not within_sprint or (a.sprint_id is not None and a.sprint_id == b.sprint_id)
    ]
    return max(gaps) if gaps else None


def _kinds(abandoned: list[Sprint]) -> dict[ReasonKind, int]:
    kinds = {kind: 0 for kind in ReasonKind}
    for sprint in abandoned:
        kind = _kind_of(sprint)
        if kind is not None:
            kinds[kind] += 1
    return kinds


_KINDS = {kind.value: kind for kind in ReasonKind}


def _kind_of(sprint: Sprint) -> ReasonKind | None:
    # Looked up, not ReasonKind(...): a 90-day window holds hundreds of stopped sprints.
    kind = _KINDS.get(sprint.reason_kind or "")
    if kind is not None:
        return kind
    reason = BY_ID.get(sprint.reason or "") or (NO_DIALS if sprint.reason == NO_DIALS.id else None)
    return reason.kind if reason else None


def _stopped(abandoned: list[Sprint]) -> list[StopReason]:
    """Each reason once, by its label; "something else" once per wording the user gave."""
    counts: Counter[tuple[str, str, ReasonKind | None]] = Counter()
    for sprint in abandoned:
        reason = sprint.reason or "unknown"
        if reason == OTHER:
            words = sprint.reason_text.strip()
            label = f"Something else — “{words}”" if words else "Something else"
        elif reason in BY_ID:
            label = BY_ID[reason].label
        elif reason == NO_DIALS.id:
            label = NO_DIALS.label
        else:
            label = reason  # a reason this version does not know: shown as stored
        counts[(reason, label, _kind_of(sprint))] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][1]))
    return [StopReason(reason, label, kind, n) for (reason, label, kind), n in ranked]


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


def heatmap_days(
    completed_by_day: Mapping[date, int],
    dials_by_day: Mapping[date, int],
    config: Config,
    day: date,
    weeks: int = HEATMAP_WEEKS,
) -> list[tuple[date, int, bool]]:
    """Each day of the ``weeks`` weeks up to ``day`` (from a Monday): its completed
    sprints and whether it met the goal, for the heatmaps of the review and home."""
    # Ordinals: twelve weeks back from early in year 1 would underflow ``date``.
    monday = day.toordinal() - day.weekday()
    first = max(monday - (weeks - 1) * 7, date.min.toordinal())
    days = (date.fromordinal(n) for n in range(first, day.toordinal() + 1))
    return [
        (d, completed_by_day.get(d, 0), day_met(d, completed_by_day, dials_by_day, config.goal))
        for d in days
    ]
