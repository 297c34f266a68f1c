"""Tracked time: split onto the right days, never claimed twice."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from prospect_tui.core.categories import Category
from prospect_tui.core.clock import between
from prospect_tui.core.days import local_date
from prospect_tui.core.time_entries import (
    TimedSession,
    entries_for,
    overlapping,
    split_by_day,
    unclaimed,
)

PARIS = ZoneInfo("Europe/Paris")
ZONES = [
    PARIS,
    ZoneInfo("America/New_York"),
    ZoneInfo("America/Santiago"),  # its clocks change at midnight
    ZoneInfo("Australia/Lord_Howe"),  # a half-hour change
    ZoneInfo("Asia/Kolkata"),
]


def at(day: int, hour: int, minute: int = 0, month: int = 11, tz: ZoneInfo = PARIS) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=tz)


def test_a_span_across_midnight_is_two_entries_on_two_days() -> None:
    entries = entries_for(Category.RESEARCH, at(19, 23, 40), at(20, 0, 25), PARIS)
    assert [(e.local_date, e.seconds) for e in entries] == [
        (date(2026, 11, 19), 20 * 60),
        (date(2026, 11, 20), 25 * 60),
    ]
    assert entries[0].ended_at == entries[1].started_at == at(20, 0)


def test_a_night_owl_day_ends_at_its_start_hour() -> None:
    entries = entries_for(Category.CALLING, at(20, 0, 30), at(20, 5, 0), PARIS, start_hour=4)
    assert [(e.local_date, e.seconds / 60) for e in entries] == [
        (date(2026, 11, 19), 210),
        (date(2026, 11, 20), 60),
    ]


def test_the_day_clocks_go_back_is_25_hours_long() -> None:
    start = at(24, 23, month=10)
    entries = entries_for(Category.FOLLOW_UP, start, at(26, 1, month=10), PARIS)
    assert [(e.local_date, e.seconds / 3600) for e in entries] == [
        (date(2026, 10, 24), 1),
        (date(2026, 10, 25), 25),
        (date(2026, 10, 26), 1),
    ]


def test_paused_seconds_are_shared_out_and_add_up() -> None:
    entries = entries_for(
        Category.CALLING, at(19, 23, 50), at(20, 0, 20), PARIS, seconds=20 * 60, sprint_id=7
    )
    assert [e.seconds for e in entries] == [400, 800]
    assert {e.sprint_id for e in entries} == {7}


def test_an_empty_or_backwards_span_records_nothing() -> None:
    assert entries_for(Category.RESEARCH, at(19, 10), at(19, 10), PARIS) == []
    assert entries_for(Category.RESEARCH, at(19, 10), at(19, 9), PARIS) == []


def test_time_already_taken_is_not_claimed_again() -> None:
    free = unclaimed(
        at(19, 9), at(19, 12), [(at(19, 10), at(19, 10, 30)), (at(19, 11), at(19, 13))]
    )
    assert free == [(at(19, 9), at(19, 10)), (at(19, 10, 30), at(19, 11))]


def test_overlapping_names_the_pairs_that_share_time() -> None:
    a, b, c = (
        entries_for(Category.CALLING, at(19, 9), at(19, 10), PARIS)[0],
        entries_for(Category.RESEARCH, at(19, 9, 30), at(19, 11), PARIS)[0],
        entries_for(Category.FOLLOW_UP, at(19, 11), at(19, 12), PARIS)[0],
    )
    assert overlapping([c, b, a]) == [(a, b)]


def test_a_session_keeps_its_ids_and_never_shrinks() -> None:
    session = TimedSession(Category.RESEARCH, at(19, 23, 50), PARIS)
    first = session.entries(at(19, 23, 55))
    first[0].id = 41
    session.stored(first)
    later = session.entries(at(20, 0, 10))
    assert [(e.id, e.seconds) for e in later] == [(41, 600), (0, 600)]
    # A clock set back does not take time off the session.
    assert session.elapsed(at(19, 23, 51)) == timedelta(minutes=20)


def test_a_session_skips_time_a_sprint_holds() -> None:
    sprint = (at(19, 10), at(19, 10, 25))
    session = TimedSession(Category.RESEARCH, at(19, 9, 50), PARIS, taken=(sprint,))
    entries = session.entries(at(19, 10, 40))
    assert [(e.started_at, e.ended_at) for e in entries] == [
        (at(19, 9, 50), at(19, 10)),
        (at(19, 10, 25), at(19, 10, 40)),
    ]


instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=400, deadline=None)
@given(
    start=instants,
    length=st.integers(min_value=0, max_value=4 * 24 * 3600),
    zone=st.sampled_from(ZONES),
    start_hour=st.integers(min_value=0, max_value=23),
)
def test_every_piece_lies_in_one_day_and_the_pieces_cover_the_span(
    start: datetime, length: int, zone: ZoneInfo, start_hour: int
) -> None:
    end = start + timedelta(seconds=length)
    pieces = entries_for(Category.CALLING, start, end, zone, start_hour)
    assert abs(sum(e.seconds for e in pieces) - length) < 1e-6
    if not length:
        return
    assert pieces[0].started_at == start and pieces[-1].ended_at == end
    for before, after in pairwise(pieces):
        assert before.ended_at == after.started_at
        assert after.local_date == before.local_date + timedelta(days=1)
    for piece in pieces:
        assert piece.seconds == between(piece.started_at, piece.ended_at).total_seconds()
        last_instant = piece.ended_at - timedelta(microseconds=1)
        assert local_date(piece.started_at, zone, start_hour) == piece.local_date
        assert local_date(last_instant, zone, start_hour) == piece.local_date


@settings(max_examples=300, deadline=None)
@given(
    start=instants,
    length=st.integers(min_value=1, max_value=2 * 24 * 3600),
    paused=st.floats(min_value=0, max_value=1),
    zone=st.sampled_from(ZONES),
)
def test_shared_out_seconds_add_up_and_fit_their_pieces(
    start: datetime, length: int, paused: float, zone: ZoneInfo
) -> None:
    spent = length * (1 - paused)
    pieces = split_by_day(start, start + timedelta(seconds=length), zone)
    entries = entries_for(
        Category.CALLING, start, start + timedelta(seconds=length), zone, seconds=spent
    )
    assert len(entries) == len(pieces)
    assert abs(sum(e.seconds for e in entries) - spent) < 1e-6
    for entry in entries:
        assert (
            0 <= entry.seconds <= between(entry.started_at, entry.ended_at).total_seconds() + 1e-6
        )


spans = st.tuples(instants, st.integers(min_value=0, max_value=6 * 3600)).map(
    lambda s: (s[0], s[0] + timedelta(seconds=s[1]))
)


@settings(max_examples=300, deadline=None)
@given(span=spans, taken=st.lists(spans, max_size=6))
def test_unclaimed_time_is_exactly_the_span_less_what_is_taken(
    span: tuple[datetime, datetime], taken: list[tuple[datetime, datetime]]
) -> None:
    free = unclaimed(*span, taken)
    for a, b in free:
        assert span[0] <= a < b <= span[1]
        assert not any(x < b and a < y for x, y in taken)
    # Every whole minute of the span is either free or taken, never both.
    moment = span[0]
    while moment < span[1]:
        is_free = any(a <= moment < b for a, b in free)
        is_taken = any(x <= moment < y for x, y in taken)
        assert is_free != is_taken
        moment += timedelta(minutes=1)


def test_a_session_counts_whole_seconds_as_they_are_stored() -> None:
    session = TimedSession(Category.RESEARCH, at(19, 9).replace(microsecond=700_000), PARIS)
    (entry,) = session.entries(at(19, 9, 1).replace(microsecond=300_000))
    assert (entry.started_at, entry.ended_at, entry.seconds) == (at(19, 9), at(19, 9, 1), 60)
