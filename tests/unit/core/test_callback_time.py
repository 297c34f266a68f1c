"""When to call back, said the prospect's way and read on the prospect's clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospect_tui.core.callback_time import CallbackTime, UnreadableTime, help_text, parse_callback
from prospect_tui.core.clock import ManualClock, between

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")
KATHMANDU = ZoneInfo("Asia/Kathmandu")


def read(text: str, clock: ManualClock, theirs: tzinfo | None = NEW_YORK) -> CallbackTime:
    return parse_callback(text, clock.now(), theirs, PARIS)


def ny(day: int, hour: int, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


# The frozen clock: Thu 19 Nov 15:30 in Paris = Thu 09:30 in New York = Fri 01:30 in Sydney.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow 10am", ny(20, 10)),
        ("Tomorrow, 10 AM", ny(20, 10)),
        ("tmrw 8:15", ny(20, 8, 15)),
        ("tomorrow at 3pm", ny(20, 15)),
        ("tomorrow 12pm", ny(20, 12)),
        ("tomorrow 12am", ny(20, 0)),
        ("tomorrow afternoon", ny(20, 14)),
        ("tomorrow", ny(20, 10)),
        ("in 2 hours", ny(19, 11, 30)),
        ("in 2h", ny(19, 11, 30)),
        ("in 45 min", ny(19, 10, 15)),
        ("in an hour", ny(19, 10, 30)),
        ("in half an hour", ny(19, 10, 0)),
        ("in 3 days", ny(22, 9, 30)),
        ("in 1 week", ny(26, 9, 30)),
        ("fri 14:00", ny(20, 14)),
        ("Friday", ny(20, 10)),
        ("friday at 4.30pm", ny(20, 16, 30)),
        ("thu 14:00", ny(19, 14)),  # still ahead today
        ("thurs 9:00", ny(26, 9)),  # already past today: next week's
        ("next thu 14:00", ny(26, 14)),
        ("mon 5", ny(23, 5)),
        ("14:00", ny(19, 14)),
        ("9am", ny(20, 9)),  # 09:00 has passed: tomorrow's
        ("evening", ny(19, 18)),
        ("today 5pm", ny(19, 17)),
        ("next week", ny(23, 10)),
        ("next week 9:30", ny(23, 9, 30)),
        ("2026-11-25 9:30", ny(25, 9, 30)),
        ("2026-11-25", ny(25, 10)),
        ("25 nov 9:30", ny(25, 9, 30)),
        ("nov 25 9:30", ny(25, 9, 30)),
        ("November 25 at 2pm", ny(25, 14)),
        ("jan 5", ny(5, 10, month=1, year=2027)),  # January has passed this year
        ("dec 1 8h30", ny(1, 8, 30, month=12)),
    ],
)
def test_each_kind_of_phrase(clock: ManualClock, text: str, expected: datetime) -> None:
    when = read(text, clock)
    assert when.at == expected
    assert when.at.tzinfo is NEW_YORK
    assert type(when.at) is datetime  # a plain datetime the store can write, not pendulum's
    assert when.at > clock.now()


def test_in_2_hours_is_real_elapsed_time(clock: ManualClock) -> None:
    assert between(clock.now(), read("in 2 hours", clock).at) == timedelta(hours=2)


def test_the_echo_gives_their_time_and_yours(clock: ManualClock) -> None:
    when = read("tomorrow 10am", clock)
    assert when.theirs == "Fri 20 Nov 10:00"
    assert when.yours == "16:00"
    assert when.echo() == "Fri 20 Nov 10:00 their time (16:00 yours)"


def test_the_echo_names_your_day_when_it_differs(clock: ManualClock) -> None:
    # Tomorrow for Sydney is Saturday; 09:00 there is 23:00 on Friday in Paris.
    when = read("tomorrow 9am", clock, SYDNEY)
    assert when.at == datetime(2026, 11, 21, 9, tzinfo=SYDNEY)
    assert when.at.astimezone(UTC) == datetime(2026, 11, 20, 22, tzinfo=UTC)
    assert when.echo() == "Sat 21 Nov 09:00 their time (Fri 23:00 yours)"


def test_a_weekday_is_theirs_not_yours(clock: ManualClock) -> None:
    # It is Thursday in Paris but already Friday in Sydney: "fri 14:00" is today, theirs.
    when = read("fri 14:00", clock, SYDNEY)
    assert when.at == datetime(2026, 11, 20, 14, tzinfo=SYDNEY)
    assert when.echo() == "Fri 20 Nov 14:00 their time (04:00 yours)"
    # And 01:00 on their Friday has gone: the next one is a week away.
    assert read("fri 1:00", clock, SYDNEY).at == datetime(2026, 11, 27, 1, tzinfo=SYDNEY)


def test_a_half_hour_zone(clock: ManualClock) -> None:
    when = read("tomorrow 10am", clock, KATHMANDU)  # UTC+05:45
    assert when.at == datetime(2026, 11, 20, 10, tzinfo=KATHMANDU)
    assert when.yours == "05:15"  # 04:15 UTC: still Friday in Paris


def test_an_unknown_zone_falls_back_to_yours(clock: ManualClock) -> None:
    when = read("tomorrow 10am", clock, None)
    assert when.at == datetime(2026, 11, 20, 10, tzinfo=PARIS)
    assert when.at.tzinfo is PARIS
    assert when.echo() == "Fri 20 Nov 10:00 their time (10:00 yours)"


def test_tomorrow_across_a_dst_change_is_on_the_wall_clock(clock: ManualClock) -> None:
    clock.set(datetime(2026, 10, 24, 15, 0, tzinfo=PARIS))
    when = read("tomorrow 10am", clock, PARIS)
    assert when.at == datetime(2026, 10, 25, 10, tzinfo=PARIS)
    assert when.at.utcoffset() == timedelta(hours=1)


def test_in_2_hours_across_a_dst_change_is_elapsed(clock: ManualClock) -> None:
    clock.set(datetime(2026, 10, 25, 1, 30, tzinfo=PARIS))  # 01:30 CEST
    when = read("in 2 hours", clock, PARIS)
    assert between(clock.now(), when.at) == timedelta(hours=2)
    assert when.at.astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET


def test_today_alone_means_10_on_their_today(clock: ManualClock) -> None:
    assert read("today", clock, SYDNEY).at == datetime(2026, 11, 20, 10, tzinfo=SYDNEY)
    assert read("today", clock, NEW_YORK).at == ny(19, 10)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("2026-11-18 10:00", NEW_YORK),
        ("today 9am", NEW_YORK),
        ("today 1am", SYDNEY),
        ("in 0 minutes", NEW_YORK),
    ],
)
def test_a_time_already_past_is_refused(clock: ManualClock, text: str, zone: tzinfo) -> None:
    with pytest.raises(UnreadableTime, match="already past") as caught:
        read(text, clock, zone)
    assert help_text(clock.now(), zone) in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "whenever",
        "soon",
        "tomorrow-ish",
        "25:00",
        "13pm",
        "0am",
        "10:75",
        "2026-02-30 10:00",
        "feb 30",
        "in 2 parsecs",
        "in a while",
        "next",
        "{first_name}",
        "in 99999999999 days",
        "in 99999999999999999999 weeks",
        "9999-12-31 23:59",
    ],
)
def test_garbage_is_refused_with_a_helpful_message(clock: ManualClock, text: str) -> None:
    with pytest.raises(UnreadableTime) as caught:
        read(text, clock)
    message = str(caught.value)
    assert help_text(clock.now(), NEW_YORK) in message
    assert "tomorrow 10am" in message


@pytest.mark.parametrize("text", ["", "   ", ",,"])
def test_nothing_said_asks_when(clock: ManualClock, text: str) -> None:
    with pytest.raises(UnreadableTime, match="Say when to call back"):
        read(text, clock)


WORDS = [
    "in", "at", "next", "today", "tomorrow", "tmrw", "week", "an", "hour", "half", "a",
    "mon", "fri", "friday", "thurs", "sun", "jan", "feb", "nov", "dec", "morning", "noon",
    "evening", "eod", "am", "pm", "2", "10am", "14:00", "9.30", "12pm", "0", "24", "31",
    "99", "2026-11-25", "2026-13-01", "1999-01-01", "9999-12-31", "days", "m", "h", "w",
    "minutes", "hours", ",", "99999999999999",
]  # fmt: skip
ZONES = [None, NEW_YORK, SYDNEY, PARIS, KATHMANDU, ZoneInfo("Pacific/Kiritimati")]


@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=30), st.lists(st.sampled_from(WORDS), max_size=5).map(" ".join)
    ),
    zone=st.sampled_from(ZONES),
    minutes=st.integers(min_value=0, max_value=366 * 24 * 60),
)
def test_any_text_is_a_future_moment_or_a_clear_refusal(
    text: str, zone: tzinfo | None, minutes: int
) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    try:
        when = parse_callback(text, now.astimezone(PARIS), zone, PARIS)
    except UnreadableTime as refusal:
        assert str(refusal).endswith(help_text(now, zone or PARIS))
        return
    assert type(when.at) is datetime
    assert when.at > now
    assert when.at.tzinfo is (zone or PARIS)
    assert when.theirs and when.yours


@pytest.mark.parametrize("zone", [NEW_YORK, SYDNEY, PARIS])
def test_the_example_date_in_the_help_is_a_future_time_that_reads(
    clock: ManualClock, zone: tzinfo
) -> None:
    """The help's dated example is never a day already past (it once was fixed text)."""
    for days in (0, 30, 400):
        now = clock.now() + timedelta(days=days)
        example = help_text(now, zone).rsplit('"', 2)[-2]
        when = parse_callback(example, now, zone, PARIS)
        assert timedelta(days=1) < when.at - now < timedelta(days=14)
