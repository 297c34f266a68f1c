"""The quick reading of numbers written as digits gives exactly what libphonenumber's parse gives.

An import reads most numbers without the full parse (:func:`phones._quick_number`);
these tests hold it to the parser over every region's example numbers, the
sample's and a HubSpot export's numbers, and random digits in every region.
"""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospect_tui.core import phones
from prospect_tui.sample.data import PLANS
from prospect_tui.transfer.import_row import read_number

REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)
CALLING_CODES = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
KINDS = [kind for name, kind in vars(phonenumbers.PhoneNumberType).items() if name.isupper()]


def parsed(text: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, None if text.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return None


def same_as_parse(text: str, region: str | None) -> bool:
    """Whether the quick reading agrees with the parser; True when it took the quick way."""
    quick = phones._quick_number(text, region)
    if quick is None:
        return False  # left to the parser: always right
    assert quick == parsed(text, region), (text, region)
    return True


def example_numbers() -> list[tuple[str, str]]:
    """Every region's example number of every type: (national digits, region) and E.164."""
    found = []
    for region in REGIONS:
        for kind in KINDS:
            number = phonenumbers.example_number_for_type(region, kind)
            if number is None:
                continue
            national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            digits = "".join(ch for ch in national if ch.isdigit())
            found.append((digits, region))
            found.append((phonenumbers.format_number(number, 0), region))
    return found


EXAMPLES = example_numbers()


def test_every_example_number_reads_as_the_parser_reads_it() -> None:
    quick = sum(same_as_parse(text, region) for text, region in EXAMPLES)
    # Most take the quick way (else an import is slow again): national numbers
    # with a national prefix (0…) included.
    assert quick > 0.9 * len(EXAMPLES)


def test_the_samples_numbers_read_as_the_parser_reads_them() -> None:
    for plan in PLANS:
        for index in (0, 1, plan.capacity - 1):
            e164 = plan.number(index)
            assert same_as_parse(e164, None)
            assert same_as_parse(e164, plan.country)
            national = phonenumbers.format_number(
                phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.NATIONAL
            )
            same_as_parse("".join(ch for ch in national if ch.isdigit()), plan.country)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("+12125550147", None),  # a HubSpot "+1 212-555-0147", formatting stripped
        ("2125550147", "US"),  # "(212) 555-0147"
        ("4165550123", "CA"),
        ("+61453625725", None),
        ("+61412345678", "AU"),
        ("0412345678", "AU"),  # national prefix 0 goes
        ("02079460123", "GB"),
        ("0199001234", "FR"),
        ("0612345678", "FR"),
        ("03023125000", "DE"),
        ("0612345678", "IT"),  # Italy keeps its leading zero
        ("0039061234567", "IT"),
        ("12125550147", "US"),  # the country code written without its +
        ("0114155550123", "US"),  # the international prefix
        ("00442079460123", "GB"),
        ("89161234567", "RU"),  # national prefix 8
        ("+7701123 4567".replace(" ", ""), None),
        ("+3906698", None),  # a short Vatican/Italian number
    ],
)
def test_import_forms_read_as_the_parser_reads_them(text: str, region: str | None) -> None:
    same_as_parse(text, region)
    assert phones.read(text, region) == _full_read(text, region)


def _full_read(text: str, region: str | None) -> phones.Reading:
    """:func:`phones.read` with the quick way turned off."""
    real = phones._quick_number
    phones._quick_number = lambda _text, _region: None  # type: ignore[assignment]
    try:
        return phones.read(text, region)
    finally:
        phones._quick_number = real  # type: ignore[assignment]


def test_common_forms_take_the_quick_way() -> None:
    assert phones._quick_number("+12125550147", None) is not None
    assert phones._quick_number("2125550147", "US") is not None
    assert phones._quick_number("0412345678", "AU") is not None


@settings(max_examples=1500, deadline=None)
@given(
    code=st.sampled_from(CALLING_CODES),
    digits=st.text(alphabet="0123456789", min_size=0, max_size=19),
)
def test_international_digits_read_as_the_parser_reads_them(code: int, digits: str) -> None:
    same_as_parse(f"+{code}{digits}", None)


@settings(max_examples=1500, deadline=None)
@given(
    prefix=st.sampled_from(["", "0", "00", "01", "011", "1", "8", "810", "9"]),
    digits=st.text(alphabet="0123456789", min_size=0, max_size=19),
    region=st.sampled_from([*REGIONS, "XX", None]),
)
def test_national_digits_read_as_the_parser_reads_them(
    prefix: str, digits: str, region: str | None
) -> None:
    same_as_parse(prefix + digits, region)


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet="+0123456789 ()-.x#;", max_size=20),
    region=st.sampled_from(["US", "GB", "AU", "IT", None]),
)
def test_anything_else_reads_as_the_parser_reads_it(text: str, region: str | None) -> None:
    same_as_parse(text, region)
    assert phones.read(text, region) == _full_read(text, region)


# -- typing ------------------------------------------------------------------------------------


def typed_as_the_library_types(national: str, region: str) -> None:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region, None)
    expected = phonenumbers.phonenumberutil._number_type_helper(national, metadata)
    assert phones.type_of(national, metadata) == expected, (national, region)


def test_every_example_number_is_typed_as_the_library_types_it_in_its_region() -> None:
    for text, region in EXAMPLES:
        if not text.startswith("+"):
            number = phonenumbers.parse(text, region)
            typed_as_the_library_types(phonenumbers.national_significant_number(number), region)


def test_numbers_of_a_shared_calling_code_are_typed_in_each_of_its_regions() -> None:
    for code in (1, 7, 44, 61, 262, 590):
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE[code]
        nationals = [
            phonenumbers.national_significant_number(phonenumbers.parse(text, region))
            for text, region in EXAMPLES
            if region in regions and not text.startswith("+")
        ]
        for national in nationals:
            for region in regions:
                typed_as_the_library_types(national, region)


@settings(max_examples=1500, deadline=None)
@given(
    digits=st.text(alphabet="0123456789", min_size=1, max_size=17),
    region=st.sampled_from(REGIONS),
)
def test_any_digits_are_typed_as_the_library_types_them(digits: str, region: str) -> None:
    typed_as_the_library_types(digits, region)


@settings(max_examples=400, deadline=None)
@given(
    code=st.sampled_from(CALLING_CODES),
    digits=st.text(alphabet="0123456789", min_size=1, max_size=17),
)
def test_a_number_of_any_calling_code_is_typed_as_number_type_types_it(
    code: int, digits: str
) -> None:
    number = phonenumbers.PhoneNumber(country_code=code, national_number=int(digits))
    assert phones._kind_and_region(number)[0] == phonenumbers.number_type(number), (code, digits)


def test_every_example_number_is_typed_as_number_type_types_it() -> None:
    for text, _region in EXAMPLES:
        if text.startswith("+"):
            number = phonenumbers.parse(text, None)
            assert phones._kind_and_region(number)[0] == phonenumbers.number_type(number), text


# -- E.164 as an export checks it ----------------------------------------------------------


def e164_shaped(text: str) -> bool:
    """``+`` and 7 to 15 digits: what :func:`phones.is_e164` asks more about."""
    return text.startswith("+") and text[1:].isdigit() and 8 <= len(text) <= 16


def e164_by_the_library(text: str) -> bool:
    """Exactly a valid number written in E.164, by libphonenumber's parse, validity and format."""
    if not e164_shaped(text):
        return False
    number = parsed(text, None)
    return (
        number is not None
        and phonenumbers.is_valid_number(number)
        and phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == text
    )


def checked_as_the_library_checks(text: str) -> bool:
    """Whether :func:`phones.is_e164` agrees with the library; True when it took the quick way."""
    assert phones.is_e164(text) is e164_by_the_library(text), text
    return e164_shaped(text) and phones._e164_quickly(text) is not None


def test_every_example_number_is_e164_as_the_library_says() -> None:
    e164s = [text for text, _ in EXAMPLES if text.startswith("+")]
    quick = sum(checked_as_the_library_checks(text) for text in e164s)
    assert quick > 0.9 * len(e164s)  # else an export is slow again
    for text in e164s:  # a digit more or less, a national prefix written in
        code = str(phonenumbers.parse(text).country_code)
        for changed in (text + "5", text[:-1], f"+{code}0{text[1 + len(code) :]}"):
            checked_as_the_library_checks(changed)


def test_the_samples_numbers_take_the_quick_way() -> None:
    for plan in PLANS:
        for index in (0, 1, plan.capacity - 1):
            assert checked_as_the_library_checks(plan.number(index))


@settings(max_examples=1500, deadline=None)
@given(
    code=st.sampled_from(CALLING_CODES),
    digits=st.text(alphabet="0123456789", min_size=0, max_size=15),
)
def test_international_digits_are_e164_as_the_library_says(code: int, digits: str) -> None:
    checked_as_the_library_checks(f"+{code}{digits}")


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="+0123456789٣", max_size=17))
def test_anything_else_is_e164_as_the_library_says(text: str) -> None:
    checked_as_the_library_checks(text)


def has_a_type_as_the_library_says(national: str, region: str) -> None:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region, None)
    kind = phonenumbers.phonenumberutil._number_type_helper(national, metadata)
    assert phones._has_type(national, metadata) is (kind != phonenumbers.PhoneNumberType.UNKNOWN), (
        national,
        region,
    )


def test_every_example_number_has_a_type_as_the_library_says() -> None:
    for text, region in EXAMPLES:
        if not text.startswith("+"):
            number = phonenumbers.parse(text, region)
            has_a_type_as_the_library_says(phonenumbers.national_significant_number(number), region)


@settings(max_examples=1500, deadline=None)
@given(
    digits=st.text(alphabet="0123456789", min_size=1, max_size=17),
    region=st.sampled_from(REGIONS),
)
def test_any_digits_have_a_type_as_the_library_says(digits: str, region: str) -> None:
    has_a_type_as_the_library_says(digits, region)


# -- a number read for an import, against libphonenumber itself -----------------------------


def library_read(raw: str, region: str | None) -> phones.Reading:
    """What :func:`phones.read` must give, from the library's public calls only: parse,
    validity, E.164, zones, and the region when the zones are several."""
    from phonenumbers import timezone

    text = raw.strip()
    if not text:
        return phones.Reading(None, "no phone number")
    if text.startswith("00"):
        text = "+" + text[2:]
    country = (region or "").upper() or None
    number = parsed(text, country)
    if number is None:
        if not text.startswith("+") and country is None:
            return phones.Reading(None, f"{text!r} has no country code and the row no country")
        return phones.Reading(None, f"{text!r} is not a phone number")
    if not phonenumbers.is_valid_number(number):
        return phones.Reading(None, f"{raw.strip()!r} is not a valid number")
    found = timezone.time_zones_for_number(number)
    zones = tuple(zone for zone in found if zone != timezone.UNKNOWN_TIMEZONE)
    home = phonenumbers.region_code_for_number(number) if len(zones) > 1 else None
    return phones.Reading(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        zones=zones,
        region=home if home and home != "ZZ" else None,
    )


def read_as_the_library_reads(text: str, region: str | None) -> bool:
    """Whether :func:`phones.read` agrees with the library; True when it took the quick way."""
    assert phones.read(text, region) == library_read(text, region), (text, region)
    quick = phones._read_quickly(text, region)
    if quick is None:
        return False
    assert quick == library_read(text, region), (text, region)
    return True


NANP_REGIONS = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE[1])
NANP_FORMS = (
    "+1 {a}-{e}-{l}",  # HubSpot's international form
    "({a}) {e}-{l}",  # and its national one
    "{a}-{e}-{l}",
    "{a}.{e}.{l}",
    "{a} {e} {l}",
    "+1 ({a}) {e}-{l}",
    "+1{a}{e}{l}",
    "{a}{e}{l}",
    "1 {a} {e} {l}",
    "1-{a}-{e}-{l}",
)


@pytest.mark.parametrize("raw", ["(004) 972-0000", "(00) 49 720000", "0 049 720000"])
def test_a_00_that_stripping_the_formatting_makes_is_no_international_prefix(raw: str) -> None:
    # Found by the property below: the cell read as +49 720000, a German number.
    assert read_number(raw, "AG") == library_read(raw, "AG")


@settings(max_examples=1500, deadline=None)
@given(
    area=st.integers(0, 999),
    exchange=st.integers(0, 999),
    line=st.integers(0, 9999),
    form=st.sampled_from(NANP_FORMS),
    region=st.sampled_from([*NANP_REGIONS, "GB", "AU", "MX", None]),
)
def test_north_american_numbers_as_exports_write_them_read_as_the_library_reads_them(
    area: int, exchange: int, line: int, form: str, region: str | None
) -> None:
    raw = form.format(a=f"{area:03d}", e=f"{exchange:03d}", l=f"{line:04d}")
    # As an import reads a cell: formatting stripped, then read; the cell itself too.
    assert read_number(raw, region) == library_read(raw, region), (raw, region)
    read_as_the_library_reads(raw, region)
    read_as_the_library_reads("".join(ch for ch in raw if ch in "+0123456789"), region)


@settings(max_examples=1500, deadline=None)
@given(
    code=st.sampled_from(CALLING_CODES),
    digits=st.text(alphabet="0123456789", min_size=0, max_size=17),
)
def test_international_numbers_are_read_as_the_library_reads_them(code: int, digits: str) -> None:
    read_as_the_library_reads(f"+{code}{digits}", None)
    read_as_the_library_reads(f"+{code}{digits}", "US")


@settings(max_examples=2000, deadline=None)
@given(
    prefix=st.sampled_from(["", "", "", "0", "00", "1", "8", "9"]),
    digits=st.text(alphabet="0123456789", min_size=0, max_size=17),
    region=st.sampled_from([*REGIONS, "us", "XX", None]),
)
def test_national_numbers_are_read_as_the_library_reads_them(
    prefix: str, digits: str, region: str | None
) -> None:
    read_as_the_library_reads(prefix + digits, region)


def test_every_example_number_is_read_as_the_library_reads_it() -> None:
    quick = sum(read_as_the_library_reads(text, region) for text, region in EXAMPLES)
    assert quick > 0.5 * len(EXAMPLES)  # most are written with nothing to strip


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("+14155550132", None),  # "+1 415-555-0132", formatting stripped
        ("4155550132", "US"),  # "(415) 555-0132"
        ("4165550123", "CA"),
        ("4165550123", "US"),  # a Canadian number read in the US: typed region by region
        ("+61412345678", None),  # an Australian mobile: several zones, so its region too
        ("+442079460123", "US"),
    ],
)
def test_an_import_s_common_numbers_take_the_quick_way(text: str, region: str | None) -> None:
    assert read_as_the_library_reads(text, region)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("0412345678", "AU"),  # a national prefix to strip
        ("0612345678", "IT"),  # a leading zero kept apart
        ("14155550132", "US"),  # the calling code written without its +
        ("0114155550123", "US"),  # the international prefix
        ("4155550132", None),  # no country to read it in
        ("4155550132", "XX"),
        ("+1 415 555 0132", None),  # formatting is the parser's to strip
        ("", "US"),
    ],
)
def test_anything_unusual_is_left_to_the_parser(text: str, region: str | None) -> None:
    assert phones._read_quickly(text, region) is None
    read_as_the_library_reads(text, region)
