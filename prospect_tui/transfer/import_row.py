"""One CSV row → the prospect it describes, or the reason it cannot become one.

The row's phone is read in the row's own country (its country column)
before the default; the mobile column stands in when the phone column is
empty or not a valid number. A value that cannot be read (a number that is
not valid, a country or zone nobody knows) is never stored as if it were:
the field stays empty and the text is kept in ``extra`` under its column's
header, so nothing the source held is lost.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from operator import itemgetter

from prospect_tui.core import phones
from prospect_tui.core.folding import fold
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.outcomes import BY_ID
from prospect_tui.core.zones import resolve_zone, says_no_place, zone_for
from prospect_tui.transfer.columns import PROSPECT, ColumnMap, country_code, split_name
from prospect_tui.transfer.export import FORMULA_STARTS, LIST_SEPARATOR

MAX_CELL = 65_536
"""The longest cell a prospect keeps, in characters (HubSpot's own property limit)."""

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_STATUSES = {fold(status.value): status for status in Status} | {
    "dnc": Status.DO_NOT_CALL,
    "donotcontact": Status.DO_NOT_CALL,
}
_YES = frozenset({"1", "true", "yes", "y", "x", "oui", "ja", "si", "checked"})
_NO = frozenset({"0", "false", "no", "n", "non", "nein", "unchecked"})
_INERT_STARTS = frozenset(FORMULA_STARTS)


@dataclass(slots=True)
class RowResult:
    """What one row gave: a prospect, or a reason it was skipped; and any problems."""

    prospect: Prospect | None = None
    skipped: str = ""
    problems: list[str] = field(default_factory=list)
    source_id: int = 0
    """The ``id`` cell of a Prospect export: tells duplicates in the store apart."""


_REPEATED = frozenset(
    {"first_name", "last_name", "title", "company", "country", "region", "city", "list", "status"}
)
"""Fields whose text rows repeat: kept once (:class:`RowReader`). An e-mail or a phone is
not: remembering them would only push out the texts that do repeat."""

_FORMATTING = str.maketrans("", "", " -./()\t\u00a0\u2010\u2011\u2012\u2013")


def read_number(raw: str, country: str | None) -> phones.Reading:
    """:func:`phones.read`, faster: formatting stripped first, results remembered.

    libphonenumber strips spaces, dashes and brackets itself, but more slowly;
    a number left as digits (and ``+``) parses the same. Problems still quote
    the cell as the user wrote it.
    """
    text = raw.strip()
    clean = text.translate(_FORMATTING)
    digits = clean[1:] if clean[:1] == "+" else clean
    # A leading 00 is read as the international prefix: only where the cell starts
    # with it, not where stripping made it ("(004) 972-0000" is no German number).
    same_start = clean[:2] != "00" or text[:2] == "00"
    if clean != text and digits.isdigit() and digits.isascii() and same_start:
        reading = _read_number(clean, country)
        return reading if reading.e164 is not None else _read_number(text, country)
    return _read_number(text, country)


@lru_cache(maxsize=65_536)
def _read_number(text: str, country: str | None) -> phones.Reading:
    return phones.read(text, country)


def forget_numbers() -> None:
    """Let go of the numbers remembered while a file was read.

    They only spare reading a number twice within one file; kept after it, a
    50,000-row file's were megabytes held through the write, the import's peak.
    """
    _read_number.cache_clear()


def inert(cell: str) -> str:
    """Undo the export's formula guard: ``'=SUM(A1)`` → ``=SUM(A1)``."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in _INERT_STARTS else cell


class _Picker:
    """The cells at some indices, as a tuple, in one C call (and picklable, for helpers)."""

    def __init__(self, indices: tuple[int, ...]) -> None:
        self.indices = indices
        self._get = itemgetter(*indices) if len(indices) > 1 else None

    def __call__(self, cells: list[str]) -> tuple[str, ...]:
        if self._get is not None:
            return self._get(cells)  # type: ignore[no-any-return]
        return tuple(cells[index] for index in self.indices)


class RowReader:
    """Turns the rows of one file into candidate prospects.

    A CRM export repeats most of its cells from row to row (an owner, a stage,
    a country, a company), and the CSV parser makes a new string of each. The
    reader keeps one copy of each text it has seen lately and gives every
    prospect that one: 50,000 rows of 30 columns take a fraction of the memory,
    and a chunk read in a helper process is pickled with each text once
    (pickle shares what is shared), so it ships and unpickles faster too. The
    table is the reader's own and is not pickled with it: a helper starts each
    chunk with an empty one.
    """

    SHARED_LIMIT = 20_000
    """How many texts the reader remembers before it starts afresh."""

    def __init__(
        self,
        columns: ColumnMap,
        *,
        list_name: str | None,
        now: datetime,
        default_country: str | None,
    ) -> None:
        self.columns = columns
        self.list_name = list_name
        self.now = now
        self.default_country = default_country
        self.restores = columns.source == PROSPECT
        """A Prospect export also brings back status, attempts and call dates."""
        self.width = len(columns.headers)
        fields = sorted(columns.fields.items(), key=lambda item: item[1])
        self._field_names = tuple(name for name, _index in fields)
        self._field_cells = _Picker(tuple(index for _name, index in fields))
        self._extra_keys = tuple(key for _index, key in columns.extra)
        self._extra_cells = _Picker(tuple(index for index, _key in columns.extra))
        self._texts: dict[str, str] = {}

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_texts"] = {}
        return state

    def _share(self) -> Callable[[str, str], str]:
        """``share(text, text)``: the one copy of ``text`` this reader keeps."""
        if len(self._texts) > self.SHARED_LIMIT:
            self._texts.clear()
        return self._texts.setdefault

    def header(self, name: str) -> str:
        """The original header of a field's column."""
        return self.columns.headers[self.columns.fields[name]]

    def read(self, cells: list[str]) -> RowResult:
        """The prospect a row describes; ``cells`` are as parsed, un-neutralised here."""
        result = RowResult()
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        if max(map(len, cells)) > MAX_CELL:
            result.skipped = self._too_long(cells)
            return result
        share = self._share()
        values: dict[str, str] = {}
        for name, value in zip(self._field_names, self._field_cells(cells), strict=True):
            if value:
                value = (inert(value) if value[0] == "'" else value).strip()
                if value:
                    values[name] = share(value, value) if name in _REPEATED else value
        extra = self._extra(cells, share)
        first, last = values.get("first_name", ""), values.get("last_name", "")
        if not first and not last and "full_name" in values:
            first, last = split_name(values["full_name"])
        if not first and not last:
            result.skipped = "no name"
            return result

        problems: list[str] = []
        country = self._country(values, extra, problems)
        region = values.get("region", "")
        email = values.get("email", "")
        if email and not self.restores and not _EMAIL.match(email):
            problems.append(f"{self.header('email')} {email!r} is not an e-mail address")
            extra.setdefault(self.header("email"), email)
            email = ""
        number, phone_problems = self._number(values, country, extra)
        if number is None and not email:
            missing = [
                what
                for what, given in (
                    ("no phone number", "phone" in values or "mobile" in values),
                    ("no e-mail address", "email" in values),
                )
                if not given
            ]
            reasons = [*problems, *phone_problems, *missing]
            if reasons == ["no phone number", "no e-mail address"]:
                reasons = ["no phone number or e-mail address"]
            result.skipped = "; ".join(reasons)
            return result
        if number is None and phone_problems:
            phone_problems[-1] += "; imported without a phone number"
        result.problems = [*problems, *phone_problems]

        zone = None
        unknown = False
        if "timezone" in values:
            zone = _explicit_zone(values["timezone"])
            if zone is None:
                extra.setdefault(self.header("timezone"), values["timezone"])
                unknown = not says_no_place(values["timezone"])
                if unknown:
                    # The file says where they are; a guess from the number could
                    # ring them at night, so the row keeps no zone, and says so.
                    result.problems.append(
                        f"{self.header('timezone')} {values['timezone']!r} is not a known "
                        "zone; imported without a time zone"
                    )
        # Prospect's own export says "unknown" with an empty cell: read back, it stays so.
        if zone is None and number is not None and not self.restores and not unknown:
            zone = _derived_zone(number.zones, number.region, country, region)
        prospect = Prospect(
            first_name=first,
            last_name=last,
            title=values.get("title", ""),
            company=values.get("company", ""),
            phone=None if number is None else number.e164,
            email=email,
            timezone=zone,
            country=country,
            region=region,
            city=values.get("city", ""),
            tags=_tags(values.get("tags", "")),
            list=self.list_name if self.list_name else values.get("list", ""),
            status=self._status(values, extra),
            priority=self._whole(values, "priority", extra),
            notes=values.get("notes", ""),
            extra=extra,
            created_at=self.now,
            updated_at=self.now,
        )
        if self.restores:
            self._restore(prospect, values)
            result.source_id = _whole_id(values.get("id", ""))
        result.prospect = prospect
        return result

    # -- fields ----------------------------------------------------------------------------

    def _too_long(self, cells: list[str]) -> str:
        longest = max(cells, key=len)
        index = cells.index(longest)
        where = self.columns.headers[index] if index < self.width else f"Column {index + 1}"
        return (
            f"the {where!r} cell holds {len(longest):,} characters, more than "
            f"the {MAX_CELL:,} a cell may hold"
        )

    def _extra(self, cells: list[str], share: Callable[[str, str], str]) -> dict[str, str]:
        extra = {
            key: share(value, value) if value[0] != "'" else inert(value)
            for key, value in zip(self._extra_keys, self._extra_cells(cells), strict=True)
            if value and not value.isspace()
        }
        for index in range(self.width, len(cells)):  # cells past the header's last column
            value = cells[index]
            if value and not value.isspace():
                extra[f"Column {index + 1}"] = inert(value)
        return extra

    def _country(
        self, values: dict[str, str], extra: dict[str, str], problems: list[str]
    ) -> str | None:
        text = values.get("country")
        if text is None:
            return None
        code = country_code(text)
        if code is None:
            extra.setdefault(self.header("country"), text)
            problems.append(f"{self.header('country')} {text!r} is not a country Prospect knows")
        return code

    def _number(
        self, values: dict[str, str], country: str | None, extra: dict[str, str]
    ) -> tuple[phones.Reading | None, list[str]]:
        """The phone, else the mobile, and what was wrong; a column not used goes to ``extra``."""
        region = country or self.default_country
        found: phones.Reading | None = None
        problems: list[str] = []
        for name in ("phone", "mobile"):
            raw = values.get(name)
            if raw is None:
                continue
            if found is not None:
                extra.setdefault(self.header(name), raw)
                continue
            reading = read_number(raw, region)
            if reading.e164 is not None:
                found = reading
                if problems:
                    problems[-1] += f"; the {self.header(name)} column is used instead"
                continue
            problems.append(f"{self.header(name)} {reading.problem}")
            extra.setdefault(self.header(name), raw)
        return found, problems

    def _status(self, values: dict[str, str], extra: dict[str, str]) -> Status:
        flag = values.get("do_not_call", "").casefold()
        if flag in _YES:
            return Status.DO_NOT_CALL
        if flag and flag not in _NO:
            extra.setdefault(self.header("do_not_call"), values["do_not_call"])
        text = values.get("status")
        if text is None:
            return Status.NEW
        status = _STATUSES.get(fold(text))
        if status is None:
            extra.setdefault(self.header("status"), text)
            return Status.NEW
        return status

    def _whole(self, values: dict[str, str], name: str, extra: dict[str, str]) -> int:
        text = values.get(name)
        if text is None:
            return 0
        try:
            return int(text)
        except ValueError:
            extra.setdefault(self.header(name), text)
            return 0

    def _restore(self, prospect: Prospect, values: dict[str, str]) -> None:
        """Prospect's own bookkeeping, from its own export: only ever used for new prospects."""
        with contextlib.suppress(ValueError):
            prospect.attempts = max(0, int(values.get("attempts", "0")))
        outcome = values.get("last_outcome")
        if outcome in BY_ID:
            prospect.last_outcome = outcome
        for name in ("last_called_at", "next_action_at", "created_at"):
            instant = _instant(values.get(name, ""))
            if instant is not None:
                setattr(prospect, name, instant)


@lru_cache(maxsize=4_096)
def _explicit_zone(text: str) -> str | None:
    return resolve_zone(text)


@lru_cache(maxsize=16_384)
def _derived_zone(
    zones: tuple[str, ...], number_country: str | None, country: str | None, region: str
) -> str | None:
    return zone_for(zones, number_country=number_country, country=country, region=region)


def _whole_id(text: str) -> int:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else 0


def _tags(text: str) -> list[str]:
    """``"vip; cold"`` → ``["vip", "cold"]``; commas separate when no semicolon does."""
    if not text:
        return []
    separator = LIST_SEPARATOR.strip() if LIST_SEPARATOR.strip() in text else ","
    tags: list[str] = []
    seen: set[str] = set()
    for tag in text.split(separator):
        tag = tag.strip()
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


def _instant(text: str) -> datetime | None:
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        return None
    return instant if instant.tzinfo is not None else None
