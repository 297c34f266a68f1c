"""Phone numbers: read in the prospect's country, stored as E.164, shown for reading.

All of it goes through Google's libphonenumber (the ``phonenumbers``
package), imported on first use so commands that never touch a number start
faster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

UNKNOWN_ZONE = "Etc/Unknown"


@dataclass(frozen=True, slots=True)
class Parsed:
    """The result of reading a phone number."""

    e164: str | None
    """The number in E.164, or None when it could not be read as a valid number."""
    problem: str = ""
    """Why it is None, for the user."""


def _calling_code(digits: str) -> tuple[int, str] | None:
    """``digits`` after a ``+`` as its calling code and national number, or None.

    The shortest code that exists, as libphonenumber's parser takes it.
    """
    codes = _lib().COUNTRY_CODE_TO_REGION_CODE
    for size in (1, 2, 3):
        code = int(digits[:size])
        if code in codes:
            return code, digits[size:]
    return None


@cache
def _lib() -> Any:
    import phonenumbers

    return phonenumbers


def load() -> None:
    """Import the phone library now, off the UI thread: the first card that shows a
    number would otherwise wait for it (~60 ms)."""
    _lib()


def _parse(raw: str, country: str | None) -> tuple[Any, str]:
    """libphonenumber's reading of ``raw`` in ``country``, or None and why not."""
    pn = _lib()
    text = raw.strip()
    if not text:
        return None, "no phone number"
    if text.startswith("00"):
        text = "+" + text[2:]
    region = (country or "").upper() or None
    number = _quick_number(text, region)
    if number is not None:
        return number, ""
    try:
        return pn.parse(text, None if text.startswith("+") else region), ""
    except pn.NumberParseException:
        if not text.startswith("+") and region is None:
            return None, f"{text!r} has no country code and the row no country"
        return None, f"{text!r} is not a phone number"


def normalise(raw: str, country: str | None = None) -> Parsed:
    """Read ``raw`` as written in ``country`` (ISO alpha-2); numbers with ``+`` need none."""
    pn = _lib()
    number, problem = _parse(raw, country)
    if number is None:
        return Parsed(None, problem)
    if not pn.is_valid_number(number):
        return Parsed(None, f"{raw.strip()!r} is not a valid number")
    return Parsed(pn.format_number(number, pn.PhoneNumberFormat.E164))


def is_e164(text: str) -> bool:
    """Whether ``text`` is exactly a valid number written in E.164."""
    if not text.startswith("+") or not text[1:].isdigit() or not 8 <= len(text) <= 16:
        return False
    known = _e164_quickly(text)
    if known is not None:
        return known
    pn = _lib()
    number = _quick_number(text, None)
    if number is None:
        try:
            number = pn.parse(text, None)
        except pn.NumberParseException:
            return False
    # Typed once, as an import reads numbers: an export checks every phone it writes,
    # and is_valid_number would type a +1 number twice (for its region, then again).
    if _kind_and_region(number)[0] == pn.PhoneNumberType.UNKNOWN:
        return False
    return bool(pn.format_number(number, pn.PhoneNumberFormat.E164) == text)


def _e164_quickly(text: str) -> bool | None:
    """:func:`is_e164` of ``+`` and ASCII digits that the parser reads with nothing to
    strip, so that the number it reads is written back as the same text: only its
    type is asked then, without building the number or formatting it (an export
    checks every phone it writes). None when this cannot be sure: ask the parser."""
    digits = text[1:]
    if not digits.isascii() or digits[:1] == "0" or _parser_steps() is None:
        return None
    split = _calling_code(digits)
    if split is None:
        return None
    code, national = split
    plan = _e164_plan(code)
    if plan is None:
        return None
    prefix, regions = plan
    if _for_the_parser(national, prefix):
        return None
    # As _kind_and_region finds the number's type, region after region.
    for metadata, leading, _region in regions:
        if leading is not None:
            if leading.match(national):
                return _has_type(national, metadata)
            continue
        if _has_type(national, metadata):
            return True
    return False


def _for_the_parser(national: str, prefix: re.Pattern[str] | None) -> bool:
    """Whether only the parser can say what it reads ``national`` as: a leading zero
    (kept apart from the number, as Italy's), a length it refuses, or a national
    prefix it might strip (then it reads another number)."""
    return (
        national[:1] == "0"
        or not _NSN_LENGTHS[0] <= len(national) <= _NSN_LENGTHS[1]
        or (prefix is not None and prefix.match(national) is not None)
    )


_Region = tuple[Any, "re.Pattern[str] | None", str]
"""A region of a calling code: its metadata, the leading digits that pick it, its code."""


@cache
def _e164_plan(code: int) -> tuple[re.Pattern[str] | None, tuple[_Region, ...]] | None:
    """For a calling code: its national prefix as the parser reads it, and the metadata
    of each of its regions (with the leading digits that pick it) in the order
    :func:`_kind_and_region` tries them; None if the parser has no metadata for it."""
    pn = _lib()
    metadata = pn.PhoneMetadata.metadata_for_region_or_calling_code(
        code, pn.region_code_for_country_code(code)
    )
    if metadata is None:
        return None
    prefix = metadata.national_prefix_for_parsing
    regions = pn.COUNTRY_CODE_TO_REGION_CODE[code]
    shared: tuple[_Region, ...]
    if len(regions) == 1:
        found = pn.PhoneMetadata.metadata_for_region_or_calling_code(code, regions[0])
        shared = () if found is None else ((found, None, str(regions[0])),)
    else:
        shared = tuple(
            (
                found,
                None if found.leading_digits is None else re.compile(found.leading_digits),
                str(region),
            )
            for region in regions
            if (found := pn.PhoneMetadata.metadata_for_region(region.upper(), None)) is not None
        )
    return (re.compile(prefix) if prefix else None), shared


def _quick_number(text: str, region: str | None) -> Any:
    """``pn.parse(text, region)`` for ``+`` and digits, or digits alone, with less of its work.

    An import reads tens of thousands of numbers and an export checks as many;
    parsing was half the time of each. Most numbers reach here as digits (the
    import strips their formatting), and for those the parser's work comes down
    to the steps below, taken with the parser's own helpers in its order. None
    where this cannot be sure of the parser's answer (a national number that
    may start with an international or a country calling code, a region or
    calling code it does not know, a length it refuses, a library without
    these helpers): parse it then.
    """
    pn = _lib()
    steps = _parser_steps()
    if steps is None:
        return None
    strip, length, zeros, keeps_prefix = steps
    if text[:1] == "+":
        digits = text[1:]
        if not (digits.isascii() and digits.isdigit()) or digits[:1] == "0":
            return None
        split = _calling_code(digits)
        if split is None:
            return None
        code, national = split
        metadata = pn.PhoneMetadata.metadata_for_region_or_calling_code(
            code, pn.region_code_for_country_code(code)
        )
    else:
        if region is None or not (text.isascii() and text.isdigit()):
            return None
        metadata = (
            pn.PhoneMetadata.metadata_for_region(region, None)
            if region in pn.SUPPORTED_REGIONS
            else None
        )
        if metadata is None:
            return None
        code = metadata.country_code
        prefix = metadata.international_prefix
        # The parser would try these as an international prefix or as the country's
        # own calling code written without its +.
        if text.startswith(str(code)) or (prefix is not None and re.match(prefix, text)):
            return None
        national = text
    if metadata is None or not _NSN_LENGTHS[0] <= len(national) <= _NSN_LENGTHS[1]:
        return None
    _carrier, stripped, _ = strip(national, metadata)
    # As the parser does: the national prefix goes only if what is left can be a number.
    if length(stripped, metadata) not in keeps_prefix:
        national = stripped
        if len(national) < _NSN_LENGTHS[0]:
            return None
    number = pn.PhoneNumber(country_code=code)
    zeros(national, number)
    number.national_number = int(national)
    return number


_NSN_LENGTHS = (2, 17)
"""The shortest and longest national number the parser accepts."""


@cache
def _parser_steps() -> tuple[Any, Any, Any, tuple[Any, ...]] | None:
    """The parser's own helpers :func:`_quick_number` takes its steps with, and the
    length checks that keep a national prefix; None if this version lacks them."""
    util = _lib().phonenumberutil
    strip = getattr(util, "_maybe_strip_national_prefix_carrier_code", None)
    length = getattr(util, "_test_number_length", None)
    zeros = getattr(util, "_set_italian_leading_zeros_for_phone_number", None)
    results = getattr(util, "ValidationResult", None)
    if strip is None or length is None or zeros is None or results is None:
        return None
    keeps = (results.TOO_SHORT, results.IS_POSSIBLE_LOCAL_ONLY, results.INVALID_LENGTH)
    return strip, length, zeros, keeps


@cache
def for_reading(e164: str | None) -> str:
    """``+14155550123`` → ``+1 415-555-0123``, as the country writes it."""
    if not e164:
        return "no number"
    pn = _lib()
    try:
        number = pn.parse(e164, None)
    except pn.NumberParseException:
        return e164
    return str(pn.format_number(number, pn.PhoneNumberFormat.INTERNATIONAL))


def region_of(e164: str) -> str | None:
    """The ISO country a number belongs to (``US``, ``GB``…)."""
    pn = _lib()
    try:
        region = pn.region_code_for_number(pn.parse(e164, None))
    except pn.NumberParseException:
        return None
    return str(region) if region and region != "ZZ" else None


def zones_of(e164: str) -> tuple[str, ...]:
    """The IANA zones a number's prefix maps to; empty when unknown."""
    pn = _lib()
    from phonenumbers import timezone

    try:
        zones = timezone.time_zones_for_number(pn.parse(e164, None))
    except pn.NumberParseException:
        return ()
    return tuple(z for z in zones if z != UNKNOWN_ZONE)


@dataclass(frozen=True, slots=True)
class Reading:
    """A number read once for an import: E.164, its zones and its country together."""

    e164: str | None
    problem: str = ""
    zones: tuple[str, ...] = ()
    """The IANA zones its prefix maps to; empty when unknown."""
    region: str | None = None
    """Its ISO country, filled only when ``zones`` holds several (to narrow them)."""


def read(raw: str, country: str | None = None) -> Reading:
    """What :func:`normalise` and :func:`zones_of` say, from a single parse.

    An import reads tens of thousands of numbers; parsing each once and asking
    libphonenumber for the number's type once (validity and zones both need
    it) halves the time spent here.
    """
    quick = _read_quickly(raw, country)
    if quick is not None:
        return quick
    pn = _lib()
    number, problem = _parse(raw, country)
    if number is None:
        return Reading(None, problem)
    kind, home = _kind_and_region(number)
    if kind == pn.PhoneNumberType.UNKNOWN:
        return Reading(None, f"{raw.strip()!r} is not a valid number")
    e164 = str(pn.format_number(number, pn.PhoneNumberFormat.E164))
    zones = tuple(z for z in _zones_of_number(number, kind) if z != UNKNOWN_ZONE)
    if len(zones) < 2:
        home = None
    elif home is None:
        code = pn.region_code_for_number(number)
        home = str(code) if code and code != "ZZ" else None
    return Reading(e164, zones=zones, region=home)


def _read_quickly(raw: str, country: str | None) -> Reading | None:
    """:func:`read` of ``+`` and digits, or of national digits, from the digits themselves.

    An import reads tens of thousands of numbers, nearly all written as a
    country writes them ("(415) 555-0132", "+1 415-555-0132"), which reach here
    as digits. For those, when no national prefix could be stripped and nothing
    starts with a zero, the parser's number is the calling code and the digits
    as written: its E.164 is those digits behind a ``+``, and its zones are
    looked up by that text's prefix, so neither the number nor its formatting is
    built. The type is found as :func:`_kind_and_region` finds it. None whenever
    this cannot be sure of the parser's answer: the number is read whole then.
    """
    pn = _lib()
    text = raw.strip()
    if _parser_steps() is None or not (text.isascii() and text[1:].isdigit()):
        return None
    if text[0] == "+":
        digits = text[1:]
        if digits[:1] == "0":
            return None
        split = _calling_code(digits)
        if split is None:
            return None
        code, national = split
        plan = _e164_plan(code)
        if plan is None:
            return None
        prefix = plan[0]
    else:
        local = _national_plan((country or "").upper())
        if local is None or not text[0].isdigit():
            return None
        code, international, prefix = local
        # The parser would try these as an international prefix or as the country's
        # own calling code written without its +.
        if text.startswith(str(code)) or (international is not None and international.match(text)):
            return None
        national = text
        plan = _e164_plan(code)
        if plan is None:
            return None
    if _for_the_parser(national, prefix):
        return None
    kind, home = _kind_in(national, plan[1])
    if kind == pn.PhoneNumberType.UNKNOWN:
        return Reading(None, f"{text!r} is not a valid number")
    e164 = f"+{code}{national}"
    if pn.is_number_type_geographical(kind, code):
        found = _geographical_zones(e164)
    else:
        known = _COUNTRY_ZONES.get(code)
        if known is None:
            return None  # the first of its code: read whole, which remembers its zones
        found = known
    zones = tuple(z for z in found if z != UNKNOWN_ZONE)
    if len(zones) < 2:
        home = None
    elif home is None:
        regions = pn.COUNTRY_CODE_TO_REGION_CODE[code]
        if len(regions) != 1:
            return None
        home = str(regions[0]) if regions[0] and regions[0] != "ZZ" else None
    return Reading(e164, zones=zones, region=home)


@cache
def _national_plan(
    region: str,
) -> tuple[int, re.Pattern[str] | None, re.Pattern[str] | None] | None:
    """For a region numbers are read in: its calling code, and its international and
    national prefixes as the parser reads them; None for a region it does not know."""
    pn = _lib()
    if region not in pn.SUPPORTED_REGIONS:
        return None
    metadata = pn.PhoneMetadata.metadata_for_region(region, None)
    if metadata is None:
        return None
    international = metadata.international_prefix
    national = metadata.national_prefix_for_parsing
    return (
        int(metadata.country_code),
        re.compile(international) if international is not None else None,
        re.compile(national) if national else None,
    )


def _geographical_zones(e164: str) -> tuple[str, ...]:
    """``timezone.time_zones_for_geographical_number`` of a number's E.164 text."""
    from phonenumbers import timezone

    data: dict[str, tuple[str, ...]] = timezone.TIMEZONE_DATA  # type: ignore[attr-defined]
    longest: int = timezone.TIMEZONE_LONGEST_PREFIX  # type: ignore[attr-defined]
    for size in range(longest, 0, -1):
        found = data.get(e164[1 : 1 + size])
        if found is not None:
            return tuple(found)
    return (UNKNOWN_ZONE,)


def _kind_in(national: str, regions: tuple[_Region, ...]) -> tuple[Any, str | None]:
    """:func:`_kind_and_region` of a national number among its calling code's regions."""
    pn = _lib()
    if len(regions) == 1:
        return type_of(national, regions[0][0]), None
    for metadata, leading, region in regions:
        if leading is not None:
            if leading.match(national):
                return type_of(national, metadata), region
            continue
        kind = type_of(national, metadata)
        if kind != pn.PhoneNumberType.UNKNOWN:
            return kind, region
    return pn.PhoneNumberType.UNKNOWN, None


def _kind_and_region(number: Any) -> tuple[Any, str | None]:
    """``number_type()``, and the region when finding the type found it too.

    For a calling code several regions share (+1, +44, +7…) libphonenumber
    finds the region by typing the number against each region, then types it
    again; this keeps the first answer. Every number is typed with
    :func:`type_of`.
    """
    pn = _lib()
    regions = pn.COUNTRY_CODE_TO_REGION_CODE.get(number.country_code)
    if not regions:
        return pn.number_type(number), None
    national = pn.national_significant_number(number)
    if len(regions) == 1:
        # The one region's metadata (a calling code of no country, +800, has its
        # own), typed as number_type() types it.
        metadata = pn.PhoneMetadata.metadata_for_region_or_calling_code(
            number.country_code, regions[0]
        )
        return (
            pn.PhoneNumberType.UNKNOWN if metadata is None else type_of(national, metadata)
        ), None
    for region in regions:
        metadata = pn.PhoneMetadata.metadata_for_region(region.upper(), None)
        if metadata is None:
            continue
        if metadata.leading_digits is not None:
            if re.match(metadata.leading_digits, national):
                return type_of(national, metadata), str(region)
            continue
        kind = type_of(national, metadata)
        if kind != pn.PhoneNumberType.UNKNOWN:
            return kind, str(region)
    return pn.PhoneNumberType.UNKNOWN, None


def type_of(national: str, metadata: Any) -> Any:
    """The type of a national number in a region: libphonenumber's own type matcher, quicker.

    The library asks up to twelve descriptions whether the number matches, each
    through four calls that look its pattern up again; typing was a third of
    reading a number. Here each region's descriptions are taken once, in the
    library's order, with the same lengths and patterns.
    """
    types = _TYPES.get(id(metadata))
    if types is None or types[0] is not metadata:
        types = _TYPES[id(metadata)] = _types_of(metadata)
    _metadata, general, screen, special, fixed, mobile, same = types
    pn = _lib()
    if not _matches(general, national):
        return pn.PhoneNumberType.UNKNOWN
    if screen is None or screen.fullmatch(national) is not None:
        for kind, desc in special:
            if _matches(desc, national):
                return kind
    if _matches(fixed, national):
        if same or _matches(mobile, national):
            return pn.PhoneNumberType.FIXED_LINE_OR_MOBILE
        return pn.PhoneNumberType.FIXED_LINE
    if not same and _matches(mobile, national):
        return pn.PhoneNumberType.MOBILE
    return pn.PhoneNumberType.UNKNOWN


def _has_type(national: str, metadata: Any) -> bool:
    """Whether :func:`type_of` finds a type (not UNKNOWN): the same descriptions asked,
    the commonest first, up to the first that matches."""
    types = _TYPES.get(id(metadata))
    if types is None or types[0] is not metadata:
        types = _TYPES[id(metadata)] = _types_of(metadata)
    _metadata, general, screen, special, fixed, mobile, same = types
    return _matches(general, national) and (
        _matches(fixed, national)
        or (not same and _matches(mobile, national))
        or (
            (screen is None or screen.fullmatch(national) is not None)
            and any(_matches(desc, national) for _, desc in special)
        )
    )


_Desc = tuple[frozenset[int], "re.Pattern[str]"] | None
"""A description's possible lengths (empty: any) and pattern; None never matches."""
_Types = tuple[
    Any, _Desc, "re.Pattern[str] | None", tuple[tuple[Any, _Desc], ...], _Desc, _Desc, bool
]
"""A region's metadata; its general description; a pattern every special type's number
matches (None: ask each); the special types, in the library's order, that have a
pattern; the fixed-line and mobile descriptions, and whether those two are the same."""
_TYPES: dict[int, _Types] = {}
_SPECIAL = (
    ("premium_rate", "PREMIUM_RATE"),
    ("toll_free", "TOLL_FREE"),
    ("shared_cost", "SHARED_COST"),
    ("voip", "VOIP"),
    ("personal_number", "PERSONAL_NUMBER"),
    ("pager", "PAGER"),
    ("uan", "UAN"),
    ("voicemail", "VOICEMAIL"),
)


def _types_of(metadata: Any) -> _Types:
    kinds = _lib().PhoneNumberType
    special = tuple(
        (getattr(kinds, kind), desc)
        for name, kind in _SPECIAL
        if (desc := _desc(getattr(metadata, name))) is not None  # None never matches
    )
    # Most numbers are of no special type: one pattern of them all says so at once,
    # where asking each took most of typing a number. Only a number it matches is
    # asked type by type, lengths first, as the library asks.
    screen = None
    if special:
        either = "|".join(f"(?:{desc[1].pattern})" for _, desc in special if desc is not None)
        try:
            screen = re.compile(either)
        except re.error:
            screen = None
    return (
        metadata,
        _desc(metadata.general_desc),
        screen,
        special,
        _desc(metadata.fixed_line),
        _desc(metadata.mobile),
        bool(metadata.same_mobile_and_fixed_line_pattern),
    )


def _desc(desc: Any) -> _Desc:
    if desc is None or not desc.national_number_pattern:
        return None
    return frozenset(desc.possible_length), re.compile(desc.national_number_pattern)


def _matches(desc: _Desc, national: str) -> bool:
    # As the library's _is_number_matching_desc: the lengths first, then the whole pattern.
    if desc is None:
        return False
    lengths, pattern = desc
    if lengths and len(national) not in lengths:
        return False
    return pattern.fullmatch(national) is not None


def _zones_of_number(number: Any, kind: Any) -> tuple[str, ...]:
    """``timezone.time_zones_for_number`` without computing the number's type again."""
    pn = _lib()
    from phonenumbers import timezone

    if pn.is_number_type_geographical(kind, number.country_code):
        return tuple(timezone.time_zones_for_geographical_number(number))
    zones = _COUNTRY_ZONES.get(number.country_code)
    if zones is None:
        # Every non-geographic number of a country code maps to the same
        # zones, so the first one asked answers for all of them.
        zones = _COUNTRY_ZONES[number.country_code] = tuple(timezone.time_zones_for_number(number))
    return zones


_COUNTRY_ZONES: dict[int, tuple[str, ...]] = {}
