"""Phone numbers: read in the prospect's country, stored as E.164, shown for reading."""

from __future__ import annotations

import pytest

from prospect_tui.core.phones import for_reading, is_e164, normalise, region_of, zones_of


@pytest.mark.parametrize(
    ("raw", "country", "e164"),
    [
        ("(415) 555-0123", "US", "+14155550123"),
        ("415.555.0123", "us", "+14155550123"),
        ("020 7946 0123", "GB", "+442079460123"),
        ("01 99 00 12 34", "FR", "+33199001234"),
        ("030 23125 000", "DE", "+493023125000"),
        ("02 5550 1234", "AU", "+61255501234"),
    ],
)
def test_national_numbers_are_read_in_the_country(raw: str, country: str, e164: str) -> None:
    parsed = normalise(raw, country)
    assert parsed.e164 == e164
    assert parsed.problem == ""


@pytest.mark.parametrize(
    ("raw", "country"),
    [
        ("+44 20 7946 0123", None),
        ("0044 20 7946 0123", None),
        ("  +44 (0)20 7946 0123 ", None),
        ("+44 20 7946 0123", "US"),  # the + wins over the row's country
        ("0044 20 7946 0123", "FR"),
    ],
)
def test_international_prefixes_need_no_country(raw: str, country: str | None) -> None:
    assert normalise(raw, country).e164 == "+442079460123"


@pytest.mark.parametrize(
    ("raw", "country", "problem"),
    [
        ("", "US", "no phone number"),
        ("   ", None, "no phone number"),
        ("415 555 0123", None, "no country code"),
        ("123", "US", "not a valid number"),
        ("+1 415 555", None, "not a valid number"),
        ("call me", "US", "not a phone number"),
        ("+1 212 000 0000", None, "not a valid number"),
    ],
)
def test_invalid_numbers_give_a_problem_and_no_e164(
    raw: str, country: str | None, problem: str
) -> None:
    parsed = normalise(raw, country)
    assert parsed.e164 is None
    assert problem in parsed.problem


def test_the_problem_quotes_what_was_written() -> None:
    assert "'+1 415 555'" in normalise(" +1 415 555 ").problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+14155550123", True),
        ("+442079460123", True),
        ("+1 415 555 0123", False),
        ("14155550123", False),
        ("+1415555012", False),
        ("+14155550123 ", False),
        ("+1-415-555-0123", False),
        ('=HYPERLINK("x")', False),
        ("+", False),
        ("", False),
        ("+12345678901234567", False),
    ],
)
def test_is_e164_is_strict(text: str, expected: bool) -> None:
    assert is_e164(text) is expected


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+14155550123", "+1 415-555-0123"),
        ("+442079460123", "+44 20 7946 0123"),
        ("+33199001234", "+33 1 99 00 12 34"),
    ],
)
def test_for_reading_writes_it_as_the_country_does(e164: str, shown: str) -> None:
    assert for_reading(e164) == shown


def test_for_reading_copes_with_nothing_and_garbage() -> None:
    assert for_reading(None) == "no number"
    assert for_reading("") == "no number"
    assert for_reading("garbage") == "garbage"


@pytest.mark.parametrize(
    ("e164", "zones"),
    [
        ("+14155550123", ("America/Los_Angeles",)),
        ("+12125550123", ("America/New_York",)),
        ("+442079460123", ("Europe/London",)),
        ("+33199001234", ("Europe/Paris",)),
        ("+61255501234", ("Australia/Sydney",)),
    ],
)
def test_zones_of_a_number(e164: str, zones: tuple[str, ...]) -> None:
    assert zones_of(e164) == zones


def test_zones_of_never_reports_the_unknown_zone() -> None:
    assert zones_of("not a number") == ()
    assert "Etc/Unknown" not in zones_of("+999")


def test_region_of_a_number() -> None:
    assert region_of("+14165550123") == "CA"
    assert region_of("+14155550123") == "US"
    assert region_of("+442079460123") == "GB"
    assert region_of("nope") is None
