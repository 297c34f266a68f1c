"""Which column of an imported CSV means what: HubSpot, Salesforce, Prospect's own export.

Headers are compared by :func:`~prospect_tui.core.folding.fold`
(case, spaces and punctuation ignored), so ``Phone Number``,
``phone_number`` and ``PHONE-NUMBER`` are one header. Each field takes one
column — the alias listed first wins when a file has several — and every
other column is kept in the prospect's ``extra`` under its original header.
A file exported by Prospect is read by its own column names only, so that
export → import gives back exactly what was exported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from prospect_tui.core.folding import fold
from prospect_tui.transfer.export import COLUMNS

HUBSPOT = "HubSpot"
SALESFORCE = "Salesforce"
PROSPECT = "Prospect export"
GENERIC = "generic"

# field: the headers that mean it, best first — as people write them; they are
# matched by fold, so case, spaces and punctuation do not matter. The
# HubSpot header comes first where it differs (Phone Number, Company Name),
# then Salesforce's (Account Name, Mailing Country), then everyone else's.
_ALIAS_TABLE = """
first_name: First Name, Given Name, First, Forename, Prénom, Vorname
last_name: Last Name, Surname, Family Name, Last, Nachname, Nom
full_name: Name, Full Name, Contact Name, Contact, Person Name
title: Title, Job Title, Position, Role, Job Role, Poste
company: Company Name, Company, Account Name, Company / Account, Account, Organisation,
    Organization, Organisation Name, Organization Name, Employer, Entreprise, Société,
    Firma, Unternehmen
phone: Phone Number, Phone, Telephone, Telephone Number, Tel, Work Phone, Business Phone,
    Office Phone, Direct Phone, Direct Dial, Primary Phone, Phone 1, Telefon, Teléfono
mobile: Mobile Phone Number, Mobile, Mobile Phone, Mobile Number, Cell, Cell Phone,
    Cell Number, Cellular, Handy, Portable, GSM
email: Email, Email Address, Work Email, Business Email, Primary Email, Email 1, Courriel
timezone: Time Zone, IANA Time Zone, TZ, Contact Time Zone
country: Country/Region, Country, Mailing Country, Country Code, Mailing Country Code, Pays
region: State/Region, State, Region, Province, State/Province, Mailing State/Province,
    Mailing State, Mailing State Code, State Code
city: City, Mailing City, Town, Ville, Stadt
tags: Tags, Tag, Labels
list: List, List Name
notes: Notes, Note, Comments, Comment, Remarks
status: Status, Prospect Status
do_not_call: Do Not Call, DNC, Do Not Phone
priority: Priority
"""

# Headers that only one CRM writes, to name the source in the report.
_HUBSPOT_MARKS = """
Record ID, Country/Region, State/Region, Mobile Phone Number, Lifecycle Stage, Lead Status,
Create Date, Last Activity Date, Associated Company, Marketing contact status,
Associated Company IDs, HubSpot Score, Phone Number, Company Name, Job Title, Contact owner,
Email Domain
"""
_SALESFORCE_MARKS = """
Account Name, Mailing Country, Mailing State/Province, Mailing State, Mailing City,
Mailing Street, Mailing Zip/Postal Code, Mailing Postal Code, Contact ID, Account ID, Lead ID,
Lead Source, Do Not Call, Email Opt Out, Mobile, Salutation, Company / Account, Lead Owner,
Account Owner, Mobile Phone, Reports To
"""


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.replace("\n", " ").split(",") if name.strip()]


@cache
def aliases() -> dict[str, tuple[str, ...]]:
    """Field → the header keys that mean it, best first."""
    table: dict[str, tuple[str, ...]] = {}
    for line in _ALIAS_TABLE.strip().replace("\n    ", " ").splitlines():
        field, _, names = line.partition(":")
        table[field] = tuple(dict.fromkeys(fold(name) for name in _names(names)))
    return table


@cache
def _marks() -> tuple[frozenset[str], frozenset[str]]:
    return (
        frozenset(fold(name) for name in _names(_HUBSPOT_MARKS)),
        frozenset(fold(name) for name in _names(_SALESFORCE_MARKS)),
    )


_PROSPECT_FIELDS = frozenset(COLUMNS["prospects"])


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """How the columns of one file become a prospect's fields."""

    source: str
    """``HubSpot``, ``Salesforce``, ``Prospect export`` or ``generic``."""
    fields: dict[str, int]
    """Field name → column index."""
    extra: tuple[tuple[int, str], ...]
    """(column index, key in ``extra``) for every column no field took."""
    headers: tuple[str, ...]

    @property
    def usable(self) -> bool:
        """A name and a way to reach the person: without both no row can import."""
        named = any(f in self.fields for f in ("first_name", "last_name", "full_name"))
        reachable = any(f in self.fields for f in ("phone", "mobile", "email"))
        return named and reachable


def map_columns(headers: Sequence[str]) -> ColumnMap:
    """Map a header row; original header text is kept as the key in ``extra``."""
    names = tuple(h.strip() for h in headers)
    keys = [fold(h) for h in names]
    if set(names) >= _PROSPECT_FIELDS:
        fields = {
            name: i for i, name in reversed(list(enumerate(names))) if name in _PROSPECT_FIELDS
        }
        return ColumnMap(PROSPECT, fields, _extra(names, set(fields.values())), names)
    ranks = _ranks()
    best: dict[str, tuple[int, int]] = {}
    for index, key in enumerate(keys):
        if key in ranks:
            field, rank = ranks[key]
            if field not in best or (rank, index) < best[field]:
                best[field] = (rank, index)
    fields = {field: index for field, (_rank, index) in best.items()}
    return ColumnMap(_source(set(keys)), fields, _extra(names, set(fields.values())), names)


def _source(keys: set[str]) -> str:
    hubspot_marks, salesforce_marks = _marks()
    hubspot = len(keys & hubspot_marks) + (2 if "recordid" in keys else 0)
    salesforce = len(keys & salesforce_marks)
    if max(hubspot, salesforce) < 2:
        return GENERIC
    return HUBSPOT if hubspot > salesforce else SALESFORCE


def _extra(names: tuple[str, ...], taken: set[int]) -> tuple[tuple[int, str], ...]:
    """Untaken columns and their keys; blank or repeated headers get a unique key."""
    seen: set[str] = set()
    out: list[tuple[int, str]] = []
    for index, name in enumerate(names):
        if index in taken:
            continue
        key = name or f"Column {index + 1}"
        base, count = key, 1
        while key in seen:
            count += 1
            key = f"{base} ({count})"
        seen.add(key)
        out.append((index, key))
    return tuple(out)


@cache
def _ranks() -> dict[str, tuple[str, int]]:
    ranks: dict[str, tuple[str, int]] = {}
    for field, keys in aliases().items():
        for rank, key in enumerate(keys):
            if key in ranks:
                raise AssertionError(f"header {key!r} is an alias of two fields")
            ranks[key] = (field, rank)
    return ranks


# -- names ---------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that go with the last name (van Beethoven), after it (Smith Jr.), or with neither (Dr.).
_PARTICLES = _words("van von der den de del della di da dos das du la le st st. bin ben al el zu")
_SUFFIXES = _words("jr jr. sr sr. ii iii iv phd ph.d. md m.d. esq esq.")
_HONORIFICS = _words("mr mr. mrs mrs. ms ms. mx mx. dr dr. prof prof. sir m. mme mlle herr frau")


def split_name(full: str) -> tuple[str, str]:
    """A one-column name as (first, last).

    ``"Doe, Jane"`` → (Jane, Doe); ``"Dr. Mary Ann Smith Jr."`` → (Mary Ann,
    Smith Jr.); ``"Ludwig van Beethoven"`` → (Ludwig, van Beethoven). One word
    is a first name.
    """
    text = " ".join(full.split())
    if "," in text:
        last, _, first = text.partition(",")
        if first.strip().casefold() not in _SUFFIXES:
            return first.strip(), last.strip()
        text = f"{last} {first.strip()}"
    words = text.split(" ")
    while len(words) > 1 and words[0].casefold() in _HONORIFICS:
        words = words[1:]
    if len(words) == 1:
        return words[0], ""
    suffix: list[str] = []
    while len(words) > 2 and words[-1].casefold() in _SUFFIXES:
        suffix.insert(0, words.pop())
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:] + suffix)


# -- countries -----------------------------------------------------------------------------

# Common English names, native names of big markets, and what CRMs write.
_COUNTRY_NAMES = """
US: United States, United States of America, USA, U.S., U.S.A., America, Estados Unidos,
    États-Unis, Vereinigte Staaten
GB: United Kingdom, UK, U.K., Great Britain, Britain, England, Scotland, Wales,
    Northern Ireland, Royaume-Uni, Vereinigtes Königreich, Reino Unido
CA: Canada
AU: Australia
NZ: New Zealand, Aotearoa
IE: Ireland, Republic of Ireland, Éire, Eire
FR: France, République française
DE: Germany, Deutschland, Allemagne, Alemania
ES: Spain, España, Espagne, Spanien
PT: Portugal
IT: Italy, Italia, Italie, Italien
NL: Netherlands, The Netherlands, Holland, Nederland, Pays-Bas, Niederlande
BE: Belgium, België, Belgique, Belgien
LU: Luxembourg, Luxemburg
CH: Switzerland, Schweiz, Suisse, Svizzera, Confoederatio Helvetica
AT: Austria, Österreich, Autriche
SE: Sweden, Sverige, Suède
NO: Norway, Norge, Norvège
DK: Denmark, Danmark
FI: Finland, Suomi
IS: Iceland, Ísland
PL: Poland, Polska, Pologne
CZ: Czech Republic, Czechia, Česko, Česká republika
SK: Slovakia, Slovensko
HU: Hungary, Magyarország
RO: Romania, România
BG: Bulgaria
GR: Greece, Hellas, Ελλάδα
HR: Croatia, Hrvatska
SI: Slovenia, Slovenija
RS: Serbia, Srbija
UA: Ukraine, Україна
RU: Russia, Russian Federation, Россия
TR: Turkey, Türkiye, Turkiye
IL: Israel
AE: United Arab Emirates, UAE, U.A.E., Emirates
SA: Saudi Arabia, KSA
QA: Qatar
EG: Egypt
ZA: South Africa
NG: Nigeria
KE: Kenya
MA: Morocco, Maroc
IN: India, Bharat
PK: Pakistan
BD: Bangladesh
CN: China, People's Republic of China, PRC, 中国
HK: Hong Kong
TW: Taiwan
JP: Japan, Nippon, 日本
KR: South Korea, Korea, Republic of Korea, Korea (South), 대한민국
SG: Singapore
MY: Malaysia
ID: Indonesia
TH: Thailand
VN: Vietnam, Viet Nam
PH: Philippines
MX: Mexico, México
BR: Brazil, Brasil
AR: Argentina
CL: Chile
CO: Colombia
PE: Peru, Perú
UY: Uruguay
EE: Estonia, Eesti
LV: Latvia, Latvija
LT: Lithuania, Lietuva
CY: Cyprus
MT: Malta
"""

# ISO 3166-1 alpha-3 → alpha-2 for the countries above and other frequent ones.
_ISO3 = """
USA US GBR GB CAN CA AUS AU NZL NZ IRL IE FRA FR DEU DE ESP ES PRT PT ITA IT NLD NL BEL BE
LUX LU CHE CH AUT AT SWE SE NOR NO DNK DK FIN FI ISL IS POL PL CZE CZ SVK SK HUN HU ROU RO
BGR BG GRC GR HRV HR SVN SI SRB RS UKR UA RUS RU TUR TR ISR IL ARE AE SAU SA QAT QA EGY EG
ZAF ZA NGA NG KEN KE MAR MA IND IN PAK PK BGD BD CHN CN HKG HK TWN TW JPN JP KOR KR SGP SG
MYS MY IDN ID THA TH VNM VN PHL PH MEX MX BRA BR ARG AR CHL CL COL CO PER PE URY UY EST EE
LVA LV LTU LT CYP CY MLT MT PRI PR JAM JM DOM DO CRI CR PAN PA GTM GT ECU EC VEN VE BOL BO
PRY PY TUN TN DZA DZ GHA GH ETH ET TZA TZ UGA UG KWT KW BHR BH OMN OM JOR JO LBN LB IRN IR
IRQ IQ KAZ KZ GEO GE ARM AM AZE AZ BLR BY MDA MD LKA LK NPL NP MMR MM KHM KH MAC MO MNG MN
"""


@cache
def _country_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in _COUNTRY_NAMES.replace("\n    ", " ").strip().splitlines():
        code, _, names = entry.partition(":")
        for name in names.split(","):
            table.setdefault(fold(name), code)
    words = _ISO3.split()
    for alpha3, alpha2 in zip(words[::2], words[1::2], strict=True):
        table.setdefault(alpha3.casefold(), alpha2)
    return table


@cache
def _alpha2() -> frozenset[str]:
    import phonenumbers

    return frozenset(str(code) for code in phonenumbers.SUPPORTED_REGIONS)


@lru_cache(maxsize=4_096)
def country_code(text: str) -> str | None:
    """ISO 3166-1 alpha-2 for a country cell: a name, an alpha-2 or an alpha-3 code.

    ISO's own "Korea, Republic of" word order is understood too.
    """
    key = fold(text)
    if not key:
        return None
    head, comma, tail = text.partition(",")
    found = _country_table().get(key) or (comma and _country_table().get(fold(tail + head)))
    if found:
        return found
    if len(key) == 2 and key.upper() in _alpha2():
        return key.upper()
    return None
