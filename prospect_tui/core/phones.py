"""Phone numbers: read in the prospect's country, stored as E.164, shown for reading.

All of it goes through Google's libphonenumber (the ``phonenumbers``
package), imported on first use so commands that never touch a number start
faster.
"""

from __future__ import annotations

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


@cache
def _lib() -> Any:
    import phonenumbers

    return phonenumbers


def normalise(raw: str, country: str | None = None) -> Parsed:
    """Read ``raw`` as written in ``country`` (ISO alpha-2); numbers with ``+`` need none."""
    pn = _lib()
    text = raw.strip()
    if not text:
        return Parsed(None, "no phone number")
    if text.startswith("00"):
        text = "+" + text[2:]
    region = (country or "").upper() or None
    try:
        number = pn.parse(text, None if text.startswith("+") else region)
    except pn.NumberParseException:
        if not text.startswith("+") and region is None:
            return Parsed(None, f"{raw.strip()!r} has no country code and the row no country")
        return Parsed(None, f"{raw.strip()!r} is not a phone number")
    if not pn.is_valid_number(number):
        return Parsed(None, f"{raw.strip()!r} is not a valid number")
    return Parsed(pn.format_number(number, pn.PhoneNumberFormat.E164))


def is_e164(text: str) -> bool:
    """Whether ``text`` is exactly a valid number written in E.164."""
    if not text.startswith("+") or not text[1:].isdigit() or not 8 <= len(text) <= 16:
        return False
    parsed = normalise(text)
    return parsed.e164 == text


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
