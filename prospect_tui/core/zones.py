"""A prospect's time zone: from an explicit column, else from their number.

An explicit IANA zone wins (``America/New_York``, and what CRMs write instead:
``US/Eastern``, ``(GMT-05:00) Eastern Time (US & Canada)``, ``america_slash_new_york``,
``EST``). Otherwise the zone comes from the phone number's prefix; when the
prefix spans several zones (Australian mobiles, a few US area codes, British
mobiles that libphonenumber also files under Jersey and Guernsey) the row's
region and country narrow it. Whatever stays ambiguous or unknown is None —
"zone unknown", never assumed callable.

Pure: no I/O beyond reading the tz database that :mod:`zoneinfo` uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, tzinfo
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import TZPATH, ZoneInfo, ZoneInfoNotFoundError, available_timezones

from prospect_tui.core.folding import fold

if TYPE_CHECKING:
    from prospect_tui.core.model import Prospect

ZONE_UNKNOWN = "zone unknown"
"""How a prospect without a known zone is shown."""

_OFFSET_PREFIX = re.compile(r"^\(?\s*(?:gmt|utc)\s*[+\-−]?\s*\d{0,2}(?::?\d{2})?\s*\)?\s*", re.I)

# What CRMs, Windows and Rails write instead of an IANA name, one zone a line.
# Names are compared folded (:func:`fold`), so "Eastern Time (US & Canada)"
# also matches "eastern time us canada".
_ALIAS_TABLE = """
America/New_York: ET, EST, EDT, Eastern, Eastern Time, Eastern Time (US & Canada),
    Eastern Standard Time, Eastern Daylight Time, US Eastern
America/Chicago: CT, CST, CDT, Central, Central Time, Central Time (US & Canada),
    Central Standard Time, Central Daylight Time, US Central
America/Denver: MT, MST, MDT, Mountain, Mountain Time, Mountain Time (US & Canada),
    Mountain Standard Time, Mountain Daylight Time, US Mountain
America/Los_Angeles: PT, PST, PDT, Pacific, Pacific Time, Pacific Time (US & Canada),
    Pacific Standard Time, Pacific Daylight Time, US Pacific
America/Phoenix: Arizona, US Arizona, US Mountain Standard Time
America/Anchorage: AKST, AKDT, Alaska, US Alaska, Alaskan Standard Time
Pacific/Honolulu: HST, Hawaii, US Hawaii, Hawaiian Standard Time
America/Indiana/Indianapolis: Indiana (East), US East Indiana, US Eastern Standard Time
America/Halifax: Atlantic Time (Canada), Canada Atlantic, Atlantic Standard Time
America/St_Johns: Newfoundland, Canada Newfoundland, Newfoundland Standard Time
America/Regina: Saskatchewan, Canada Saskatchewan, Canada Central Standard Time
America/Toronto: Canada Eastern
America/Winnipeg: Canada Central
America/Edmonton: Canada Mountain
America/Vancouver: Canada Pacific
Europe/London: BST, GMT Standard Time, Edinburgh, UK, Great Britain
Europe/Lisbon: WET, WEST
Europe/Paris: CET, CEST, Romance Standard Time
Europe/Berlin: W. Europe Standard Time, Bern
Europe/Budapest: Central Europe Standard Time
Europe/Warsaw: Central European Standard Time
Europe/Kyiv: EET, EEST, FLE Standard Time, Kyiv, Kiev
Europe/Bucharest: GTB Standard Time
Europe/Moscow: MSK, Russian Standard Time, St. Petersburg, Volgograd
Asia/Kolkata: IST, India Standard Time, New Delhi, Mumbai, Chennai, Bangalore, Bengaluru,
    Hyderabad, Calcutta
Asia/Shanghai: China Standard Time, Beijing, Chongqing
Asia/Tokyo: JST, Tokyo Standard Time, Osaka, Sapporo
Asia/Seoul: Korea Standard Time
Asia/Singapore: SGT, Singapore Standard Time
Asia/Dubai: Arabian Standard Time, Abu Dhabi, Muscat
Asia/Jerusalem: Israel Standard Time
Australia/Sydney: AEST, AEDT, AUS Eastern Standard Time, Canberra
Australia/Brisbane: E. Australia Standard Time
Australia/Adelaide: ACST, ACDT, Cen. Australia Standard Time
Australia/Perth: AWST, W. Australia Standard Time
Pacific/Auckland: NZST, NZDT, New Zealand Standard Time, Wellington
America/Sao_Paulo: Brasilia, E. South America Standard Time
Africa/Johannesburg: SAST, Pretoria, Harare, South Africa Standard Time
America/Mexico_City: Guadalajara
America/Guayaquil: Quito
Asia/Bangkok: Hanoi
Asia/Karachi: Islamabad
"""

# Old names still found in exports → the name tzdata keeps for them today.
_LEGACY_TABLE = """
US/Eastern America/New_York  US/Central America/Chicago  US/Mountain America/Denver
US/Pacific America/Los_Angeles  US/Arizona America/Phoenix  US/Alaska America/Anchorage
US/Hawaii Pacific/Honolulu  US/East-Indiana America/Indiana/Indianapolis
US/Michigan America/Detroit  Canada/Eastern America/Toronto  Canada/Central America/Winnipeg
Canada/Mountain America/Edmonton  Canada/Pacific America/Vancouver
Canada/Atlantic America/Halifax  Canada/Newfoundland America/St_Johns
America/Montreal America/Toronto  Asia/Calcutta Asia/Kolkata  Asia/Saigon Asia/Ho_Chi_Minh
Asia/Rangoon Asia/Yangon  Asia/Katmandu Asia/Kathmandu  Europe/Kiev Europe/Kyiv
America/Buenos_Aires America/Argentina/Buenos_Aires  Australia/ACT Australia/Sydney
Australia/NSW Australia/Sydney  Australia/Canberra Australia/Sydney
Australia/Victoria Australia/Melbourne  Australia/Queensland Australia/Brisbane
Australia/West Australia/Perth  Australia/South Australia/Adelaide
Australia/North Australia/Darwin  Australia/Tasmania Australia/Hobart
America/Godthab America/Nuuk  Pacific/Enderbury Pacific/Kanton  Atlantic/Faeroe Atlantic/Faroe
"""

# Where most of a country's people live, for countries whose numbers or tz
# entries span a few zones; countries with one zone in zone.tab need no entry.
_MAIN_ZONE_TABLE = """
GB Europe/London  IE Europe/Dublin  FR Europe/Paris  DE Europe/Berlin  ES Europe/Madrid
PT Europe/Lisbon  IT Europe/Rome  NL Europe/Amsterdam  BE Europe/Brussels  CH Europe/Zurich
AT Europe/Vienna  SE Europe/Stockholm  NO Europe/Oslo  DK Europe/Copenhagen
FI Europe/Helsinki  PL Europe/Warsaw  CZ Europe/Prague  GR Europe/Athens  UA Europe/Kyiv
TR Europe/Istanbul  IL Asia/Jerusalem  AE Asia/Dubai  IN Asia/Kolkata  CN Asia/Shanghai
JP Asia/Tokyo  KR Asia/Seoul  SG Asia/Singapore  HK Asia/Hong_Kong  MY Asia/Kuala_Lumpur
NZ Pacific/Auckland  ZA Africa/Johannesburg  AR America/Argentina/Buenos_Aires
CL America/Santiago  EC America/Guayaquil  CO America/Bogota  PE America/Lima
"""

# "COUNTRY zone: the region's codes and names". The zone is where most of the
# region's people live; a region split between zones (Florida's panhandle,
# Texas's far west) is rare enough in a call list to take its main one.
_REGION_TABLE = """
US America/New_York: CT, Connecticut; DE, Delaware; DC, District of Columbia, Washington DC;
    FL, Florida; GA, Georgia; KY, Kentucky; ME, Maine; MD, Maryland; MA, Massachusetts;
    NH, New Hampshire; NJ, New Jersey; NY, New York; NC, North Carolina; OH, Ohio;
    PA, Pennsylvania; RI, Rhode Island; SC, South Carolina; VT, Vermont; VA, Virginia;
    WV, West Virginia
US America/Detroit: MI, Michigan
US America/Indiana/Indianapolis: IN, Indiana
US America/Chicago: AL, Alabama; AR, Arkansas; IL, Illinois; IA, Iowa; KS, Kansas;
    LA, Louisiana; MN, Minnesota; MS, Mississippi; MO, Missouri; NE, Nebraska;
    ND, North Dakota; OK, Oklahoma; SD, South Dakota; TN, Tennessee; TX, Texas; WI, Wisconsin
US America/Denver: CO, Colorado; MT, Montana; NM, New Mexico; UT, Utah; WY, Wyoming
US America/Boise: ID, Idaho
US America/Phoenix: AZ, Arizona
US America/Los_Angeles: CA, California, Calif; NV, Nevada; OR, Oregon; WA, Washington
US America/Anchorage: AK, Alaska
US Pacific/Honolulu: HI, Hawaii
US America/Puerto_Rico: PR, Puerto Rico
US Pacific/Guam: GU, Guam
US America/St_Thomas: VI, US Virgin Islands, Virgin Islands
CA America/Edmonton: AB, Alberta; NT, Northwest Territories
CA America/Vancouver: BC, British Columbia, Colombie-Britannique
CA America/Winnipeg: MB, Manitoba
CA America/Moncton: NB, New Brunswick, Nouveau-Brunswick
CA America/St_Johns: NL, NF, Newfoundland and Labrador, Newfoundland, Terre-Neuve-et-Labrador
CA America/Halifax: NS, Nova Scotia, Nouvelle-Écosse; PE, Prince Edward Island,
    Île-du-Prince-Édouard
CA America/Iqaluit: NU, Nunavut
CA America/Toronto: ON, Ontario; QC, PQ, Quebec, Québec
CA America/Regina: SK, Saskatchewan
CA America/Whitehorse: YT, YK, Yukon
AU Australia/Sydney: NSW, New South Wales; ACT, Australian Capital Territory
AU Australia/Melbourne: VIC, Victoria
AU Australia/Brisbane: QLD, Queensland
AU Australia/Adelaide: SA, South Australia
AU Australia/Perth: WA, Western Australia
AU Australia/Hobart: TAS, Tasmania
AU Australia/Darwin: NT, Northern Territory
"""


def _entries(table: str) -> list[tuple[str, str]]:
    """``"head: rest"`` lines of a table, continuation lines joined."""
    lines = table.strip().replace("\n    ", " ").splitlines()
    return [
        (head.strip(), rest.strip()) for head, _, rest in (line.partition(":") for line in lines)
    ]


def _pairs(table: str) -> dict[str, str]:
    words = table.split()
    return dict(zip(words[::2], words[1::2], strict=True))


_LEGACY = _pairs(_LEGACY_TABLE)
_MAIN_ZONE = _pairs(_MAIN_ZONE_TABLE)

# Instants at which two zones must show the same offset to count as one clock:
# both solstices and the weeks where northern and southern DST switch.
_PROBES = tuple(
    datetime(2026, month, day, 12, tzinfo=UTC)
    for month, day in ((1, 15), (3, 20), (4, 10), (7, 15), (10, 10), (10, 30), (11, 5))
)


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo | None:
    """The ``ZoneInfo`` an IANA name means, cached; None for a name the tz database lacks.

    The one place a zone name is checked: config, the queue and the prospect
    form all ask here, so they agree on what a valid zone is.
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def local_time(prospect: Prospect, now: datetime) -> datetime | None:
    """The prospect's wall-clock time at ``now``; None when their zone is unknown."""
    tz = zone(prospect.timezone) if prospect.timezone else None
    return None if tz is None else now.astimezone(tz)


def resolve_zone(text: str) -> str | None:
    """The IANA zone an explicit time-zone cell means, or None if it names none.

    ``Etc/…`` and bare offsets (``UTC``, ``GMT+2``) say nothing about where
    the person is, so they count as no zone.
    """
    value = text.strip()
    if not value or len(value) > 80:
        return None
    value = value.replace("_slash_", "/").replace("_Slash_", "/")
    named = _iana_name(value)
    if named:
        return named
    rest = _OFFSET_PREFIX.sub("", value).strip()
    if rest and rest != value:
        named = _iana_name(rest)
        if named:
            return named
    # Rails-style labels list several cities: "(GMT+05:30) Chennai, Kolkata, Mumbai".
    pieces = (value, rest, *rest.split(","))
    for key in dict.fromkeys(fold(piece) for piece in pieces if piece.strip()):
        found = _aliases().get(key) or _cities().get(key)
        if found:
            return found
    return None


def says_no_place(text: str) -> bool:
    """Whether a cell :func:`resolve_zone` cannot place is a clock (``UTC``, ``GMT+2``),
    not a zone nobody knows (``Mars/Olympus``): the number may then say where they are."""
    value = text.strip()
    return not value or zone(value) is not None or not _OFFSET_PREFIX.sub("", value).strip()


@cache
def place_zones() -> tuple[str, ...]:
    """Every zone that names a place (zone.tab's), sorted: what the user picks from."""
    return tuple(sorted(_zone_countries()))


def _iana_name(text: str) -> str | None:
    if "/" not in text:
        return None
    name = _zones_by_folded_name().get(text.replace(" ", "_").casefold())
    if name is None or name.startswith("Etc/"):
        return None
    return _LEGACY.get(name, name)


def zone_for(
    zones: Sequence[str],
    *,
    number_country: str | None = None,
    country: str | None = None,
    region: str = "",
) -> str | None:
    """The one zone among a number's ``zones`` that the row points to, or None.

    ``number_country`` is the country the number belongs to, ``country`` and
    ``region`` what the row says. One zone needs no narrowing. Several are
    narrowed by the region (a US state, a Canadian province, an Australian
    state) and then by the country's main zone; a zone counts as among the
    number's when it keeps the same clock as one of them (Melbourne for
    Sydney).
    """
    if len(zones) == 1:
        return zones[0]
    if not zones:
        return None
    countries = [c for c in dict.fromkeys((country, number_country)) if c]
    for code in countries:
        found = zone_of_region(code, region) if region else None
        if found and _same_clock_as_any(found, zones):
            return found
    for code in countries:
        inside = [z for z in zones if _zone_countries().get(z) == code]
        if len(inside) == 1:
            return inside[0]
        main = main_zone(code)
        if main and _same_clock_as_any(main, zones):
            return main
    return None


def zone_of_region(country: str, region: str) -> str | None:
    """The main zone of a state, province or territory (``"US"``, ``"Texas"``)."""
    key = fold(region)
    if key.startswith(country.casefold()) and len(key) > len(country):
        # ISO 3166-2 codes such as "US-TX" or "AU-NSW".
        shorter = key[len(country) :]
        if (country, shorter) in _region_table() and region.strip()[len(country) :][:1] == "-":
            key = shorter
    return _region_table().get((country, key))


def main_zone(country: str) -> str | None:
    """The zone most of ``country`` lives in, when one clearly does."""
    if country in _MAIN_ZONE:
        return _MAIN_ZONE[country]
    zones = _country_zones().get(country, ())
    return zones[0] if len(zones) == 1 else None


def country_of_zone(zone: str) -> str | None:
    """The ISO country of an IANA zone (``Europe/Paris`` → ``FR``), when it has one."""
    return _zone_countries().get(_LEGACY.get(zone, zone))


def home_country(tz: tzinfo) -> str | None:
    """The country of the user's own zone: where a number without ``+`` is read
    when its row names no country."""
    return country_of_zone(str(getattr(tz, "key", "")))


@cache
def _aliases() -> dict[str, str]:
    return {fold(name): zone for zone, names in _entries(_ALIAS_TABLE) for name in names.split(",")}


@cache
def _regions() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(country, zone, names) for every region of :data:`_REGION_TABLE`."""
    found = []
    for head, rest in _entries(_REGION_TABLE):
        country, zone = head.split()
        for region in rest.split(";"):
            found.append((country, zone, tuple(name.strip() for name in region.split(","))))
    return tuple(found)


@cache
def _region_table() -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    for country, zone, names in _regions():
        for name in names:
            table.setdefault((country, fold(name)), zone)
    return table


def _same_clock_as_any(zone: str, zones: Iterable[str]) -> bool:
    mine = _offsets(zone)
    return mine is not None and any(zone == z or _offsets(z) == mine for z in zones)


@cache
def _offsets(name: str) -> tuple[float, ...] | None:
    tz = zone(name)
    if tz is None:
        return None
    offsets = (probe.astimezone(tz).utcoffset() for probe in _PROBES)
    return tuple(0.0 if offset is None else offset.total_seconds() for offset in offsets)


@cache
def _zones_by_folded_name() -> dict[str, str]:
    skip = {"Factory", "localtime", "posixrules"}
    return {name.casefold(): name for name in available_timezones() if name not in skip}


@cache
def _cities() -> dict[str, str]:
    """``"mexicocity"`` → ``America/Mexico_City``: the city part of every zone in zone.tab."""
    cities: dict[str, str] = {}
    for zone in _zone_countries():
        city = zone.rsplit("/", 1)[-1].replace("_", " ")
        cities.setdefault(fold(city), zone)
    return cities


@cache
def _zone_countries() -> dict[str, str]:
    """Every zone in the tz database's zone.tab and the country it is in."""
    found: dict[str, str] = {}
    for line in _zone_tab().splitlines():
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3 and len(parts[0]) == 2:
            found.setdefault(parts[2], parts[0])
    # Without zone.tab (a stripped-down system) the tables here still answer.
    for country, zone in _MAIN_ZONE.items():
        found.setdefault(zone, country)
    for country, zone, _names in _regions():
        found.setdefault(zone, country)
    return found


@cache
def _country_zones() -> dict[str, tuple[str, ...]]:
    by_country: dict[str, list[str]] = {}
    for zone, country in _zone_countries().items():
        by_country.setdefault(country, []).append(zone)
    return {country: tuple(zones) for country, zones in by_country.items()}


def _zone_tab() -> str:
    """zone.tab from the folders :mod:`zoneinfo` reads, then from the tzdata package."""
    for folder in TZPATH:
        try:
            return (Path(folder) / "zone.tab").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    try:
        from importlib.resources import files

        return files("tzdata").joinpath("zoneinfo/zone.tab").read_text(encoding="utf-8")
    except (ImportError, OSError, UnicodeDecodeError):
        return ""
