"""The in-app sample leaves no hour of a working day short of people to call, wherever one is."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.config import Config
from prospect_tui.core.queue import callable_now
from prospect_tui.sample.generate import DEFAULT_PROSPECTS, generate

ENOUGH = 36
"""Three dozen: more than a 25-minute sprint dials when nobody answers."""


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Tokyo"])
@pytest.mark.parametrize(
    "day",
    [date(2026, 1, 15), date(2026, 7, 15), date(2026, 11, 19)],
    ids=["january", "july", "november"],  # each side of the northern and southern summers
)
def test_three_dozen_are_callable_at_every_hour_of_a_working_day(zone: str, day: date) -> None:
    config, tz = Config(), ZoneInfo(zone)
    sample = generate(config, datetime.combine(day, time(8), tzinfo=tz), tz)
    assert len(sample.prospects) == DEFAULT_PROSPECTS
    for hour in range(8, 21):
        at = datetime.combine(day, time(hour), tzinfo=tz)
        callable_ = [p for p in sample.prospects if callable_now(p, at, config.calling.window)]
        assert len(callable_) >= ENOUGH, f"{len(callable_)} callable at {hour}:00 in {zone}"


def test_a_bigger_sample_keeps_its_numbers_distinct_past_a_regions_ranges() -> None:
    # The Americas' fictional ranges hold 1,900 numbers: the rest go elsewhere.
    utc = ZoneInfo("UTC")
    sample = generate(Config(), datetime(2026, 11, 19, 9, tzinfo=utc), utc, prospects=6000)
    phones = [p.phone for p in sample.prospects]
    assert len(set(phones)) == len(phones) == 6000


@pytest.mark.parametrize(
    ("prospects", "calls", "weeks"), [(60, 600, 4), (30, 300, 6)], ids=["tests", "small"]
)
def test_calls_spread_over_the_prospects_instead_of_piling_onto_a_few(
    prospects: int, calls: int, weeks: int
) -> None:
    paris = ZoneInfo("Europe/Paris")
    now = datetime(2026, 11, 19, 15, 30, tzinfo=paris)
    sample = generate(Config(), now, paris, prospects=prospects, calls=calls, weeks=weeks)
    called = [p.attempts for p in sample.prospects if p.attempts]
    mean = sum(called) / len(called)
    assert max(called) <= 2 * mean, f"{max(called)} attempts on one prospect, {mean:.1f} on average"
