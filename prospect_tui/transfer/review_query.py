"""Reading a review out of the repository: which days it covers, and everything it counts.

:func:`day_review` gathers the calls, sprints, time and follow-ups of a day
(or of the days ending on it) and hands them to
:func:`prospect_tui.core.review.build_review`; the review screen and
``prospect review`` both start here.
"""

from __future__ import annotations

from datetime import date, timedelta, tzinfo

from prospect_tui.core.config import Config
from prospect_tui.core.review import (
    Review,
    build_review,
    experiment_start,
    window_start,
)
from prospect_tui.store.repository import Repository


def review_window(repository: Repository, day: date, days: int | None) -> date:
    """The first day of the review of ``days`` days ending on ``day`` (None: all the history)."""
    if days is None:
        earliest = repository.first_call_day()
        return min(earliest, day) if earliest is not None else day
    return window_start(day, days)


def day_review(
    repository: Repository,
    day: date,
    config: Config,
    tz: tzinfo,
    *,
    today: date,
    days: int | None = 1,
) -> Review:
    """The review of ``day`` as it stood at its end (or now, if ``day`` is ``today``).

    With ``days`` (None: every day since the first call) the counts are those of
    the window of days ending on ``day``; see :mod:`prospect_tui.core.review`.
    """
    first = review_window(repository, day, days)
    lab_first = experiment_start(day, first, config)
    # The day's month is loaded for its calls first, so the window counts it from
    # those calls (and finds any that does not read); the months before it are
    # counted from the heads of their files.
    calls = repository.calls_on(day)
    sprints, completed = repository.review_sprints(first, day)
    lab = repository.call_stats(lab_first, day)
    # Callbacks are looked up around tomorrow; at the very end of the calendar
    # there is no tomorrow (and no follow-up can be due in it).
    last_day = date.max - timedelta(days=2)
    return build_review(
        day,
        calls=calls,
        sprints=sprints,
        completed_in_window=completed,
        completed_by_day=repository.completed_sprints_by_day(),
        dials_by_day=repository.dials_by_day(),
        today=today,
        time_entries=(),
        minutes=repository.minutes_between(first, day),
        followups=(
            repository.open_followups_due_around(day + timedelta(days=1)) if day <= last_day else []
        ),
        config=config,
        tz=tz,
        first=first,
        # A window longer than a day is the experiment window too: one count serves both.
        window_stats=lab if lab_first == first else None,
        experiment_stats=lab,
        sprints_by_assignment=repository.sprint_assignments(lab_first, day),
        nudges=repository.nudges_on(day),
    )
