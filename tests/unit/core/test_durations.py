"""One way a span of time reads, on every screen and in every report."""

from __future__ import annotations

from datetime import timedelta

import pytest

from prospect_tui.core.durations import duration


@pytest.mark.parametrize(
    ("span", "text", "tight"),
    [
        (timedelta(0), "0m", "0m"),
        (timedelta(seconds=20), "0m", "0m"),
        (timedelta(minutes=5, seconds=59), "5m", "5m"),
        (timedelta(hours=1), "1h 00m", "1h00m"),
        (timedelta(hours=2, minutes=13, seconds=30), "2h 13m", "2h13m"),
        (timedelta(days=2, hours=3, minutes=59), "2d 3h", "2d 3h"),
        (timedelta(seconds=-30), "0m", "0m"),
    ],
)
def test_a_span_reads_in_whole_minutes_hours_and_days(
    span: timedelta, text: str, tight: str
) -> None:
    assert duration(span) == text
    assert duration(span, tight=True) == tight


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (timedelta(seconds=20), "1m"),  # something is still to wait for
        (timedelta(0), "0m"),
        (timedelta(minutes=5, seconds=59), "5m"),
    ],
)
def test_a_wait_under_a_minute_reads_one_minute(span: timedelta, text: str) -> None:
    assert duration(span, waiting=True) == text


def test_time_gone_by_is_never_rounded_up() -> None:
    """A first dial 12 s after the block began is not "1m after" it."""
    assert duration(timedelta(seconds=12)) == "0m"
