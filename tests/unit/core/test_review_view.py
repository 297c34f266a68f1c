"""What the review screen draws: heatmap marks, best hours, reasons by kind, dials per day."""

from __future__ import annotations

from datetime import date

import pytest

from prospect_tui.core.reasons import ADVICE, ReasonKind
from prospect_tui.core.review import StopReason
from prospect_tui.core.review_tables import HourResult
from prospect_tui.core.review_view import (
    DayMark,
    best_hours,
    day_mark,
    dial_series,
    heatmap_marks,
    next_window,
    series_start,
    stops_by_kind,
)

WORKING = ("mon", "tue", "wed", "thu", "fri")
THURSDAY = date(2026, 11, 19)
SATURDAY = date(2026, 11, 21)
SINCE = date(2026, 10, 1)


def mark(day: date, sprints: int = 0, met: bool = False, **kw: object) -> DayMark:
    options: dict[str, object] = {
        "today": None,
        "working": WORKING,
        "days_off": (),
        "since": SINCE,
        **kw,
    }
    return day_mark(day, sprints, met, **options)  # type: ignore[arg-type]


def test_a_working_day_is_met_short_or_missed() -> None:
    assert mark(THURSDAY, 2, True) is DayMark.MET
    assert mark(THURSDAY, 1) is DayMark.SOME
    assert mark(THURSDAY, 0) is DayMark.NONE


def test_today_not_met_yet_is_in_progress_not_a_miss() -> None:
    assert mark(THURSDAY, 1, today=THURSDAY) is DayMark.TODAY
    assert mark(THURSDAY, 2, True, today=THURSDAY) is DayMark.MET


def test_days_off_and_non_working_days_are_marked_apart_from_misses() -> None:
    assert mark(THURSDAY, days_off={THURSDAY}) is DayMark.DAY_OFF
    assert mark(SATURDAY) is DayMark.OFF
    assert mark(SATURDAY, 2, True) is DayMark.MET  # worked anyway: it shows


def test_days_before_the_first_dial_are_no_misses() -> None:
    assert mark(date(2026, 9, 30)) is DayMark.BEFORE
    assert mark(THURSDAY, since=None) is DayMark.BEFORE
    assert mark(THURSDAY, since=None, today=THURSDAY) is DayMark.TODAY


def test_heatmap_marks_keep_the_days_in_order() -> None:
    days = [(THURSDAY, 2, True), (date(2026, 11, 20), 0, False), (SATURDAY, 0, False)]
    marks = heatmap_marks(
        days, today=date(2026, 11, 20), working=iter(WORKING), days_off=(), since=SINCE
    )
    assert marks == [
        (THURSDAY, DayMark.MET),
        (date(2026, 11, 20), DayMark.TODAY),
        (SATURDAY, DayMark.OFF),
    ]


def test_best_hours_are_ranked_only_with_enough_dials() -> None:
    hours = [
        HourResult(8, 100, 20),
        HourResult(9, 100, 10),
        HourResult(10, 40, 12),
        HourResult(11, 5, 5),  # 100 % of five dials: not crowned
        HourResult(12, 100, 15),
        HourResult(13, 50, 10),  # ties with 8 at 20 %: fewer dials, ranks after it
    ]
    assert best_hours(hours) == {10, 8, 13}
    assert best_hours(hours, count=1) == {10}
    assert best_hours([HourResult(9, 10, 5)]) == set()
    assert best_hours([HourResult(9, 100, 0)]) == set()
    assert best_hours([]) == set()


def test_reasons_are_grouped_fear_first_with_their_advice() -> None:
    stopped = [
        StopReason("tired", "Too tired", ReasonKind.DISCIPLINE, 3),
        StopReason("other", "Something else — “[b]x[/b]”", ReasonKind.FEAR, 2),
        StopReason("rejection", "Afraid of being rejected", ReasonKind.FEAR, 1),
        StopReason("gone", "gone", None, 1),
    ]
    groups = stops_by_kind(stopped)
    assert [g.kind for g in groups] == [ReasonKind.FEAR, ReasonKind.DISCIPLINE, None]
    assert [r.label for r in groups[0].reasons] == [
        "Something else — “[b]x[/b]”",
        "Afraid of being rejected",
    ]
    assert [g.count for g in groups] == [3, 3, 1]
    assert groups[0].advice == ADVICE[ReasonKind.FEAR] and groups[2].advice == ""
    assert stops_by_kind([]) == []


def test_the_window_key_goes_round() -> None:
    seen = [1]
    for _ in range(5):
        seen.append(next_window(seen[-1]))  # type: ignore[arg-type]
    assert seen == [1, 7, 28, 90, None, 1]
    assert next_window(14) == 1  # a window the key never gives starts over


def test_dials_per_day_fill_the_days_without_any() -> None:
    dials = {date(2026, 11, 16): 30, date(2026, 11, 18): 12}
    assert dial_series(dials, date(2026, 11, 15), date(2026, 11, 19)) == [0, 30, 0, 12, 0]


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        (THURSDAY, date(2026, 10, 23)),  # one day: the last 28 days
        (date(2026, 11, 13), date(2026, 10, 23)),  # a week: still 28 days
        (date(2026, 8, 21), date(2026, 8, 21)),  # 90 days: the window itself
    ],
)
def test_the_series_covers_the_window_or_at_least_28_days(first: date, expected: date) -> None:
    assert series_start(THURSDAY, first) == expected


def test_the_series_stops_at_the_start_of_the_calendar() -> None:
    assert series_start(date(1, 1, 3), date(1, 1, 3)) == date.min
