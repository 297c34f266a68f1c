"""Time zones for imported prospects: explicit columns, numbers, narrowing by region and country."""

from __future__ import annotations

import pytest

from prospect_tui.core import phones
from prospect_tui.core.zones import (
    country_of_zone,
    main_zone,
    resolve_zone,
    zone_for,
    zone_of_region,
)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("America/New_York", "America/New_York"),
        ("america/new_york", "America/New_York"),
        ("America/New York", "America/New_York"),
        ("america_slash_new_york", "America/New_York"),
        ("US/Eastern", "America/New_York"),
        ("US/Pacific", "America/Los_Angeles"),
        ("(GMT-05:00) Eastern Time (US & Canada)", "America/New_York"),
        ("(GMT-08:00) Pacific Time (US & Canada)", "America/Los_Angeles"),
        ("(GMT+01:00) Europe/Paris", "Europe/Paris"),
        ("(GMT+05:30) Chennai, Kolkata, Mumbai, New Delhi", "Asia/Kolkata"),
        ("Eastern Standard Time", "America/New_York"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("EST", "America/New_York"),
        ("PST", "America/Los_Angeles"),
        ("Paris", "Europe/Paris"),
        ("Mexico City", "America/Mexico_City"),
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("Europe/Kiev", "Europe/Kyiv"),
        # Offsets and Etc zones say nothing about where someone is.
        ("UTC", None),
        ("GMT", None),
        ("Etc/GMT+5", None),
        ("GMT+2", None),
        ("Mars/Olympus", None),
        ("", None),
        ("../../etc/passwd", None),
    ],
)
def test_explicit_zone_columns(text: str, zone: str | None) -> None:
    assert resolve_zone(text) == zone


def number_zone(number: str, country: str | None = None, region: str = "") -> str | None:
    reading = phones.read(number)
    assert reading.e164 is not None, reading.problem
    return zone_for(reading.zones, number_country=reading.region, country=country, region=region)


def test_a_number_with_one_zone_needs_no_narrowing() -> None:
    assert number_zone("+12125550123") == "America/New_York"
    assert number_zone("+33612345678", country="US", region="TX") == "Europe/Paris"


@pytest.mark.parametrize(
    ("country", "region", "zone"),
    [
        ("AU", "NSW", "Australia/Sydney"),
        ("AU", "New South Wales", "Australia/Sydney"),
        ("AU", "VIC", "Australia/Melbourne"),  # same clock as Sydney, named right
        ("AU", "Western Australia", "Australia/Perth"),
        ("AU", "AU-QLD", "Australia/Brisbane"),
        (None, "WA", "Australia/Perth"),  # the number's own country reads "WA"
        ("AU", "", None),
        ("AU", "Narnia", None),
    ],
)
def test_an_australian_mobile_is_narrowed_by_state(
    country: str | None, region: str, zone: str | None
) -> None:
    assert len(phones.read("+61412345678").zones) > 1
    assert number_zone("+61412345678", country, region) == zone


def test_a_us_area_code_spanning_two_zones() -> None:
    assert number_zone("+12085550199", "US", "Idaho") == "America/Boise"
    assert number_zone("+12085550199", "US", "ID") == "America/Boise"
    assert number_zone("+12085550199", "US", "") is None
    # A state whose clock is none of the number's: still ambiguous.
    assert number_zone("+12085550199", "US", "New York") is None


def test_british_mobiles_are_london_not_jersey() -> None:
    assert set(phones.read("+447400123456").zones) >= {"Europe/London", "Europe/Jersey"}
    assert number_zone("+447400123456") == "Europe/London"


def test_a_country_with_one_main_zone_narrows() -> None:
    assert number_zone("+34612345678") == "Europe/Madrid"  # not the Canaries
    assert number_zone("+351912345678") == "Europe/Lisbon"  # not the Azores
    assert number_zone("+64211234567") == "Pacific/Auckland"  # not the Chathams


def test_toll_free_numbers_stay_unknown_unless_the_state_says() -> None:
    assert number_zone("+18005550199") is None
    assert number_zone("+18005550199", "US", "CA") == "America/Los_Angeles"


def test_regions_tables() -> None:
    assert zone_of_region("US", "Texas") == "America/Chicago"
    assert zone_of_region("US", "US-TX") == "America/Chicago"
    assert zone_of_region("CA", "Québec") == "America/Toronto"
    assert zone_of_region("CA", "QC") == "America/Toronto"
    assert zone_of_region("US", "QC") is None
    assert zone_of_region("AU", "Tasmania") == "Australia/Hobart"


def test_main_zone_and_country_of_zone() -> None:
    assert main_zone("FR") == "Europe/Paris"
    assert main_zone("US") is None
    assert main_zone("AU") is None
    assert country_of_zone("Europe/Paris") == "FR"
    assert country_of_zone("America/Chicago") == "US"
    assert country_of_zone("US/Eastern") == "US"
