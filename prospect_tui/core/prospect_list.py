"""The prospects list as the prospects screen shows it: searched, sorted, one line each.

Pure and fast. The list holds an :class:`Entry` per prospect: the few fields
its lines show and sort by, read from the stored document without decoding the
whole record, so opening the list of 20,000 costs a fraction of decoding them;
the list opens with only their names read from the head of each document's text
(:func:`named`), which is what it sorts by, and the rest is read after. The
whole record is decoded for the one prospect the details pane shows. Every
entry gets a lower-case search text at the first search, so a keystroke in the
search box filters 20,000 prospects in a few milliseconds, and a sort is one
``list.sort`` on a precomputed key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, cast

from prospect_tui.core.config import TimeWindow
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.phones import for_reading
from prospect_tui.core.queue import NEVER_QUEUED
from prospect_tui.core.record import InvalidRecord
from prospect_tui.core.record_codec import codec_of, shown, wrong_type
from prospect_tui.core.zones import ZONE_UNKNOWN, zone


class SortBy(Enum):
    """The columns the list can be sorted by (``o`` cycles them in the order they are shown)."""

    NAME = "name"
    COMPANY = "company"
    TITLE = "title"
    LOCAL_TIME = "local time"
    STATUS = "status"
    ATTEMPTS = "attempts"
    NEXT_ACTION = "next action"
    PRIORITY = "priority"


_SHOWN = (
    "first_name",
    "last_name",
    "company",
    "title",
    "phone",
    "timezone",
    "status",
    "priority",
    "attempts",
    "next_action_at",
)
"""What a line shows or is sorted by: the fields an :class:`Entry` reads from a document."""

_SEARCHED = ("email", "city", "region", "country", "list", "notes")
"""Text the search finds besides the shown fields (and the tags), read only for a search."""


_NAMES = re.compile(rb'\{(?:"first_name": "([^"\\]*)"(?:, |(?=\})))?(?:"last_name": "([^"\\]*)")?')
"""The names at the head of a stored document's text, as a fold writes it: a
top-level key is all that can follow its opening brace."""


def _readers() -> tuple[tuple[str, Callable[[Any], Any] | None, frozenset[type], Any], ...]:
    codec = codec_of(Prospect)
    return tuple((name, *codec.decoders[name], codec.defaults.get(name)) for name in _SHOWN)


_READERS = _readers()
_STATUSES = {status.value: status for status in Status}


@dataclass(slots=True, eq=False)
class Entry:
    """One prospect as the list needs it: what its line shows, sorts and searches by.

    Read from the stored document (:meth:`of_doc`), from its text's names first
    (:meth:`named`: the other fields are read when first asked for), or from a
    record (:meth:`of_prospect`, after an edit or an import). :attr:`prospect` is
    the whole record, decoded when first asked for.
    """

    id: int
    first_name: str
    last_name: str
    company: str
    title: str
    phone: str | None
    timezone: str | None
    status: Status
    priority: int
    attempts: int
    next_action_at: datetime | None
    source: Prospect | Mapping[str, Any] | bytes
    """The record, or until it is decoded the stored document it is read from (as
    the store holds it: its JSON text, so a list of 50,000 holds no copy of them)."""
    text: str | None = None
    """The lower-case search text, made at the first search."""
    problem: InvalidRecord | None = None
    """Why the rest of an entry made by :meth:`named` could not be read from its
    text, when it was read as a line was drawn (shown with the defaults meanwhile)."""

    @classmethod
    def named(cls, prospect_id: int, text: bytes) -> Entry | None:
        """The entry of a document's JSON text with only its names read, the rest read
        when first asked for (:meth:`complete`); None unless the names can be read
        exactly so, without parsing the text.

        What the list needs to open: sorted by name, it draws a screenful. The
        names are found at the head of the text, where the fold writes them: as
        there, and nowhere else in the text, they are the document's own (the only
        way to spell a key otherwise, a ``\\u`` escape, sends it the long way).
        """
        found = _NAMES.match(text)
        if found is None or not _names_only_at_head(text, found.group(0)):
            return None
        return cls._of_names(prospect_id, text, found)

    @classmethod
    def _of_names(cls, prospect_id: int, text: bytes, found: re.Match[bytes]) -> Entry | None:
        first, last = found.groups()
        entry = cls.__new__(cls)
        try:
            entry.first_name = "" if first is None else first.decode("utf-8", "surrogatepass")
            entry.last_name = "" if last is None else last.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return None
        entry.id, entry.source, entry.text, entry.problem = prospect_id, text, None, None
        return entry

    @property
    def pending(self) -> bool:
        """Whether what the line shows besides the names is still to be read (:meth:`named`)."""
        try:
            _STATUS_SLOT.__get__(self, Entry)
        except AttributeError:
            return True
        return False

    def complete(self, doc: Mapping[str, Any] | None = None) -> None:
        """Read what an entry made by :meth:`named` shows besides the names from the
        document (``doc``, its text parsed, or parsed here); raises
        :class:`InvalidRecord` as :meth:`of_doc` does."""
        if not self.pending:
            return
        source = self.source
        if doc is None:
            doc = None if isinstance(source, Prospect) else _document(source)
            if doc is None:
                raise InvalidRecord(Prospect.TABLE, self.id, "its line is not one JSON document")
        whole = Entry.of_doc(self.id, doc)
        for name in _READ_LATER:
            setattr(self, name, getattr(whole, name))

    if not TYPE_CHECKING:  # every field is declared: a name mistyped is still an error

        def __getattr__(self, name: str) -> Any:
            # Only a field an entry made by named() has not read yet gets here.
            if name not in _READ_LATER:
                raise AttributeError(name)
            try:
                self.complete()
            except InvalidRecord as problem:
                # Drawn with the defaults; the read of the whole list names the damage.
                self.problem = problem
                defaults = {reader[0]: reader[3] for reader in _READERS}
                for field_name in _READ_LATER:
                    default = defaults[field_name]
                    setattr(self, field_name, _STATUSES.get(default, default))
            return object.__getattribute__(self, name)

    @classmethod
    def of_doc(cls, prospect_id: int, doc: Mapping[str, Any], text: bytes | None = None) -> Entry:
        """The entry of stored document ``doc``; raises :class:`InvalidRecord` when a
        field it reads is not what a prospect holds there (as decoding the record would).

        ``text``, the document's JSON text where the store holds it so, is kept
        instead of the document.
        """
        source = doc if text is None else text
        # The fields one by one, not through the codec's loop: this runs 20,000 times
        # while the list opens. Anything unusual takes the codec's way, which names it.
        get = doc.get
        first, last = get("first_name", ""), get("last_name", "")
        company, title = get("company", ""), get("title", "")
        phone, tz, status = get("phone"), get("timezone"), get("status", "new")
        priority, attempts, due = get("priority", 0), get("attempts", 0), get("next_action_at")
        if (
            type(first) is str
            and type(last) is str
            and type(company) is str
            and type(title) is str
            and (phone is None or type(phone) is str)
            and (tz is None or type(tz) is str)
            and type(status) is str
            and status in _STATUSES
            and type(priority) is int
            and type(attempts) is int
            and (due is None or type(due) is str)
        ):
            when = None
            if due is not None:
                try:
                    when = datetime.fromisoformat(due)
                except ValueError:
                    when = None
            if due is None or (when is not None and when.tzinfo is not None):
                return cls(
                    prospect_id,
                    first,
                    last,
                    company,
                    title,
                    phone,
                    tz,
                    _STATUSES[status],
                    priority,
                    attempts,
                    when,
                    source,
                )
        return cls._checked(prospect_id, doc, source)

    @classmethod
    def _checked(
        cls, prospect_id: int, doc: Mapping[str, Any], source: Mapping[str, Any] | bytes
    ) -> Entry:
        values: list[Any] = []
        for name, decode, accepts, default in _READERS:
            if name not in doc:
                values.append(default)
                continue
            value = doc[name]
            if type(value) not in accepts:
                raise InvalidRecord(Prospect.TABLE, prospect_id, wrong_type(name, value))
            if decode is not None and value is not None:
                try:
                    value = decode(value)
                except (ValueError, KeyError, TypeError):
                    raise InvalidRecord(
                        Prospect.TABLE, prospect_id, f"{name} {shown(value)} does not read"
                    ) from None
            values.append(value)
        return cls(prospect_id, *values, source)  # type: ignore[call-arg]  # the fields in order

    @classmethod
    def of_prospect(cls, prospect: Prospect) -> Entry:
        """The entry of a record already decoded."""
        p = prospect
        return cls(
            p.id,
            p.first_name,
            p.last_name,
            p.company,
            p.title,
            p.phone,
            p.timezone,
            p.status,
            p.priority,
            p.attempts,
            p.next_action_at,
            source=p,
        )

    @property
    def name(self) -> str:
        """First and last name, as a person reads it."""
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def prospect(self) -> Prospect:
        """The whole record, decoded the first time (raises :class:`InvalidRecord`)."""
        source = self.source
        if not isinstance(source, Prospect):
            doc = _document(source)
            if doc is None:
                raise InvalidRecord(Prospect.TABLE, self.id, "its line is not one JSON document")
            source = self.source = Prospect.from_doc(self.id, doc)
        return source

    def search_text(self) -> str:
        """What a search looks in, lower-case: made once."""
        if self.text is None:
            self.text = _search_text(self)
        return self.text


def _names_only_at_head(text: bytes, head: bytes) -> bool:
    """Whether the names in ``head`` are the only ones ``text`` holds, and no key is
    spelled with an escape (which could spell a name)."""
    # A byte found by memchr first: most texts hold no escape at all.
    escaped = b"\\" in text and b"\\u" in text
    # Every name, and every other text that might be one, ends so.
    return not escaped and text.count(b'_name"') == head.count(b'_name"')


def named(ids: Sequence[int], texts: Sequence[bytes]) -> list[Entry | None]:
    """:meth:`Entry.named` of each text, checked and decoded all at once: 20,000
    texts are searched in two passes over them joined, their names decoded in two
    calls, not a hundred thousand."""
    if not texts:
        return []
    found = [_NAMES.match(text) for text in texts]
    heads = [match[0] for match in found if match is not None]
    joined = b"\n".join(texts)
    if (
        len(heads) != len(texts)
        or b"\0" in joined  # what parts the names below: only in a damaged text
        or not _names_only_at_head(joined, b"\n".join(heads))
    ):
        return [Entry.named(n, text) for n, text in zip(ids, texts, strict=True)]
    matches = cast(list[re.Match[bytes]], found)
    try:
        firsts = b"\0".join([m[1] or b"" for m in matches]).decode("utf-8", "surrogatepass")
        lasts = b"\0".join([m[2] or b"" for m in matches]).decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return [Entry.named(n, text) for n, text in zip(ids, texts, strict=True)]
    return list(named_as(ids, texts, firsts.split("\0"), lasts.split("\0")))


def named_as(
    ids: Sequence[int], texts: Sequence[bytes], firsts: Sequence[str], lasts: Sequence[str]
) -> list[Entry]:
    """The entries :func:`named` makes, from each text's names as read from its head
    (and checked to be its only names) by the caller."""
    new = Entry.__new__
    listed: list[Entry] = []
    for n, text, first, last in zip(ids, texts, firsts, lasts, strict=True):
        entry = new(Entry)
        entry.id, entry.first_name, entry.last_name = n, first, last
        entry.source, entry.text, entry.problem = text, None, None
        listed.append(entry)
    return listed


NAMES_AT_HEAD = rb'(?:("first_name": "[^"\\\n]*)"(?:, |(?=\})))?(?:("last_name": "[^"\\\n]*)")?'
"""What :data:`_NAMES` reads after a document's opening brace, each name captured
with its key and opening quote (absent: empty), for a reader of many lines at once."""


_STATUS_SLOT: Any = Entry.__dict__["status"]
_READ_LATER = (
    *(name for name in _SHOWN if name not in ("first_name", "last_name", "status")),
    "status",
)
"""What an entry made by :meth:`Entry.named` reads when first asked for: its status
last, for an entry with its status is complete (:attr:`Entry.pending`), whichever
thread asks."""


def entries(prospects: Iterable[Prospect | Entry]) -> list[Entry]:
    """Records and entries, all as entries."""
    return [p if isinstance(p, Entry) else Entry.of_prospect(p) for p in prospects]


def _searched(entry: Entry) -> tuple[str, ...]:
    source = entry.source
    if isinstance(source, Prospect):
        return (
            source.email,
            source.city,
            source.region,
            source.country or "",
            source.list,
            " ".join(source.tags),
            source.notes,
        )
    # Undecoded: only text is searched; anything else in a field is damage, named
    # when the record is decoded for the details.
    doc = _document(source) or {}
    found = [value for name in _SEARCHED if type(value := doc.get(name)) is str]
    tags = doc.get("tags")
    if type(tags) is list:
        found.append(" ".join(tag for tag in tags if type(tag) is str))
    return tuple(found)


def _document(source: Mapping[str, Any] | bytes) -> Mapping[str, Any] | None:
    """The stored document of an entry not decoded yet (parsed again if held as text);
    None for a text that is not one JSON object (a hand-edited line)."""
    if isinstance(source, bytes):
        try:
            found = json.loads(source)
        except ValueError:
            return None
        return found if isinstance(found, dict) else None
    return source


def _search_text(prospect: Entry) -> str:
    # What the list and the details show, not the time zone's id behind their clock:
    # "paris" finds the prospects in Paris, not everyone in Lyon too, and "america"
    # is not every prospect of the Americas.
    parts = (
        prospect.first_name,
        prospect.last_name,
        prospect.company,
        prospect.title,
        prospect.phone or "",
        prospect.status.value,
        *_searched(prospect),
    )
    return " ".join(part for part in parts if part).casefold()


def local_time(prospect: Prospect | Entry, now: datetime) -> datetime | None:
    """The prospect's wall-clock time at ``now``; None when their zone is unknown."""
    tz = zone(prospect.timezone) if prospect.timezone else None
    return None if tz is None else now.astimezone(tz)


def _clock_order(prospect: Entry, now: datetime) -> tuple[bool, float]:
    """Earliest local clock first (at one instant, the smallest UTC offset); unknown zones last."""
    local = local_time(prospect, now)
    offset = local.utcoffset() if local is not None else None
    return (offset is None, offset.total_seconds() if offset is not None else 0.0)


_STATUS_ORDER = {status: place for place, status in enumerate(Status)}

_KEYS: dict[SortBy, Callable[[Entry, datetime], Any]] = {
    SortBy.NAME: lambda p, _: (p.last_name.casefold(), p.first_name.casefold()),
    SortBy.COMPANY: lambda p, _: (p.company.casefold(), p.last_name.casefold()),
    SortBy.TITLE: lambda p, _: (p.title.casefold(), p.last_name.casefold()),
    SortBy.LOCAL_TIME: _clock_order,
    SortBy.STATUS: lambda p, _: (_STATUS_ORDER[p.status], p.last_name.casefold()),
    SortBy.ATTEMPTS: lambda p, _: (p.attempts, p.last_name.casefold()),
    SortBy.NEXT_ACTION: lambda p, _: (
        p.next_action_at is None,
        p.next_action_at.timestamp() if p.next_action_at else 0,
    ),
    SortBy.PRIORITY: lambda p, _: (-p.priority, p.last_name.casefold()),
}


def _name_keys(prospects: list[Entry]) -> list[str] | None:
    """The name sort's key of each prospect, as one text each: what the key of
    :data:`_KEYS` orders by, ordered the same (a NUL sorts before any other
    character, and no name holds one), casefolded in two calls, not 40,000, and
    compared as one text, not a pair. None if a name holds a NUL."""
    lasts = "\0".join([p.last_name for p in prospects])
    firsts = "\0".join([p.first_name for p in prospects])
    parts = len(prospects) - 1
    if lasts.count("\0") != parts or firsts.count("\0") != parts:
        return None
    return [
        f"{last}\0{first}"
        for last, first in zip(
            lasts.casefold().split("\0"), firsts.casefold().split("\0"), strict=True
        )
    ]


@dataclass
class Roster:
    """Every prospect, and the searched and sorted view of them."""

    prospects: list[Entry] = field(default_factory=list)
    query: str = ""
    sort: SortBy = SortBy.NAME
    descending: bool = False
    view: list[Entry] = field(default_factory=list)

    @classmethod
    def of(cls, prospects: Iterable[Prospect | Entry], now: datetime) -> Roster:
        """A roster over ``prospects``, sorted by name."""
        roster = cls(prospects=entries(prospects))
        roster.refresh(now)
        return roster

    def refresh(self, now: datetime) -> None:
        """Apply the search and the sort again."""
        words = self.query.casefold().split()
        if words:
            found = [p for p in self.prospects if all(w in p.search_text() for w in words)]
        else:
            found = list(self.prospects)
        names = _name_keys(found) if self.sort is SortBy.NAME else None
        if names is not None:
            order = sorted(range(len(found)), key=names.__getitem__, reverse=self.descending)
            self.view = [found[n] for n in order]
            return
        key = _KEYS[self.sort]
        found.sort(key=lambda p: key(p, now), reverse=self.descending)
        self.view = found

    def search(self, query: str, now: datetime) -> None:
        """Show only prospects whose details contain every word of ``query``."""
        self.query = query
        self.refresh(now)

    def sort_by(self, column: SortBy, now: datetime, descending: bool = False) -> None:
        """Sort the view by ``column``."""
        self.sort, self.descending = column, descending
        self.refresh(now)

    def next_sort(self, now: datetime, among: Iterable[SortBy] = tuple(SortBy)) -> SortBy:
        """Sort by the column after the current one in ``among`` (``o`` on the prospects screen).

        ``among`` is the columns on screen, left to right: the list is never
        sorted by one the user cannot see, and ``o`` steps across the heading
        as it reads. From a column no longer shown it starts again at the first.
        """
        order = list(dict.fromkeys(among))
        if not order:
            return self.sort
        after = order.index(self.sort) + 1 if self.sort in order else 0
        self.sort_by(order[after % len(order)], now)
        return self.sort

    def replace(self, prospect: Prospect, now: datetime) -> Entry:
        """Put an edited prospect in place of its old entry, keeping the view's order."""
        entry = Entry.of_prospect(prospect)
        self.prospects = [entry if p.id == prospect.id else p for p in self.prospects]
        self.view = [entry if p.id == prospect.id else p for p in self.view]
        return entry

    def add(self, prospects: Iterable[Prospect], now: datetime) -> None:
        """Take in new or re-imported prospects and apply the view again."""
        by_id = {p.id: p for p in self.prospects}
        for prospect in prospects:
            by_id[prospect.id] = Entry.of_prospect(prospect)
        self.prospects = list(by_id.values())
        self.refresh(now)


RESTING = NEVER_QUEUED | {Status.NOT_INTERESTED}
"""No green mark, whatever their clock says: not to be called, or they said no."""


@dataclass(frozen=True, slots=True)
class Row:
    """One prospect as the table shows it."""

    name: str
    company: str
    phone: str
    local: str
    status: str
    attempts: str
    next_action: str
    title: str = ""
    priority: str = ""
    callable: bool | None = None
    """In their calling window now and fit to call; None when their zone is unknown."""


def row(prospect: Prospect | Entry, now: datetime, window: TimeWindow | None = None) -> Row:
    """The cells of one prospect's line, at ``now``; ``window`` is the calling window."""
    local = local_time(prospect, now)
    nxt = prospect.next_action_at
    callable_ = None
    if local is not None:
        callable_ = (
            window is not None
            and bool(prospect.phone)
            and prospect.status not in RESTING
            and window.contains(local.time())
        )
    return Row(
        name=prospect.name or "—",
        company=prospect.company,
        title=prospect.title,
        priority="★" * prospect.priority,
        callable=callable_,
        phone=for_reading(prospect.phone) if prospect.phone else "no number",
        local=f"{local:%a %H:%M}" if local is not None else ZONE_UNKNOWN,
        status=prospect.status.value.replace("_", " "),
        attempts=str(prospect.attempts),
        next_action=f"{nxt.astimezone(now.tzinfo):%d %b %H:%M}" if nxt else "",
    )
