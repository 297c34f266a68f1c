"""Reading numbers for an import: one parse gives what normalise, zones_of and region_of give."""

from __future__ import annotations

import subprocess
import sys

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospect_tui.core import phones
from prospect_tui.transfer.import_row import read_number

CALLING_CODES = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
REGIONS = ["US", "CA", "GB", "JE", "FR", "DE", "AU", "RU", "KZ", "IT", "VA", "BR", "IN", None]


def agrees(raw: str, country: str | None) -> None:
    reading = phones.read(raw, country)
    parsed = phones.normalise(raw, country)
    assert (reading.e164, reading.problem) == (parsed.e164, parsed.problem)
    if reading.e164 is not None:
        assert reading.zones == phones.zones_of(reading.e164)
        if len(reading.zones) > 1:
            assert reading.region == phones.region_of(reading.e164)


@settings(max_examples=400, deadline=None)
@given(
    code=st.sampled_from(CALLING_CODES),
    digits=st.text(alphabet="0123456789", min_size=4, max_size=12),
)
def test_read_agrees_with_normalise_for_international_numbers(code: int, digits: str) -> None:
    agrees(f"+{code}{digits}", None)


@settings(max_examples=300, deadline=None)
@given(
    digits=st.text(alphabet="0123456789", min_size=5, max_size=12),
    country=st.sampled_from(REGIONS),
)
def test_read_agrees_with_normalise_for_national_numbers(digits: str, country: str | None) -> None:
    agrees(digits, country)


@pytest.mark.parametrize(
    ("raw", "country"),
    [
        ("+1 415-555-0123", None),
        ("+1 (604) 555-0111", None),  # Canada, behind the shared +1
        ("+1 268 464 1234", None),  # Antigua, found by its leading digits
        ("+44 7911 123456", None),  # Guernsey, behind the shared +44
        ("+7 701 123 4567", None),  # Kazakhstan, behind the shared +7
        ("+61 412 345 678", None),
        ("0412 345 678", "AU"),
        ("+1 800 555 0199", None),
        ("tel:+1-415-555-0123", None),
    ],
)
def test_read_agrees_on_shared_calling_codes(raw: str, country: str | None) -> None:
    agrees(raw, country)


@pytest.mark.parametrize(
    ("raw", "country", "e164"),
    [
        ("(212) 555-0147", "US", "+12125550147"),
        ("212.555.0147", "US", "+12125550147"),
        ("+44 (0)20 7946 0018", None, "+442079460018"),
        ("+33 (0)6 12 34 56 78", None, "+33612345678"),
        ("0049 30 1234567", None, "+49301234567"),
        ("+1 212 555 0147 ext. 12", None, "+12125550147"),
        ("1-800-FLOWERS", "US", "+18003569377"),
    ],
)
def test_import_reading_strips_formatting_without_changing_the_result(
    raw: str, country: str | None, e164: str
) -> None:
    assert read_number(raw, country).e164 == e164
    assert phones.normalise(raw, country).e164 == e164


def test_a_problem_quotes_the_cell_as_written() -> None:
    assert read_number("(212) 555-01", "US").problem == "'(212) 555-01' is not a valid number"


def test_import_modules_never_import_textual() -> None:
    code = (
        "import sys, prospect_tui.transfer.csv_import, prospect_tui.core.zones;"
        "sys.exit(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
