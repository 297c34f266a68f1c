"""The records Prospect keeps: prospects, calls, sprints, time entries, follow-ups.

Each record is a slotted dataclass that turns into a plain JSON document
(``to_doc``) and back (``from_doc``). Instants are stored as ISO 8601 with
their UTC offset, dates as ``YYYY-MM-DD``, so the files read well by eye.
The store gives every record its ``id``; documents do not repeat it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from datetime import date, datetime
from enum import StrEnum
from types import UnionType
from typing import Any, ClassVar, Self, get_args, get_origin, get_type_hints

from prospect_tui.core.categories import Category
from prospect_tui.core.errors import ProspectError
from prospect_tui.core.outcomes import BY_ID, FOLLOW_UP_KINDS, Effect, outcome


class InvalidRecord(ProspectError):
    """A stored document that is not a valid record of its table.

    The store turns it into damage of the file that holds the document: the
    sentence here says which record and what is wrong with it.
    """

    def __init__(self, table: str, record_id: object, problem: str) -> None:
        super().__init__(f"record {record_id} of {table}: {problem}")
        self.table = table
        self.record_id = record_id
        self.problem = problem


def to_iso(instant: datetime | None) -> str | None:
    """An instant as stored: ISO 8601, whole seconds, with its offset."""
    if instant is None:
        return None
    if instant.tzinfo is None:
        raise ValueError("instants are stored with their offset; got a naive datetime")
    return instant.isoformat(timespec="seconds")


def from_iso(text: str | None) -> datetime | None:
    """Read back what :func:`to_iso` wrote."""
    return None if text is None else datetime.fromisoformat(text)


def _stored_instant(text: str) -> datetime:
    instant = datetime.fromisoformat(text)
    if instant.tzinfo is None:
        # Every instant is written with its offset: one without is not what was saved,
        # and comparing it with the clock's would fail later, far from the file.
        raise ValueError("an instant without its UTC offset")
    return instant


class Status(StrEnum):
    """Where a prospect stands; set by the last outcome or by hand."""

    NEW = "new"
    ATTEMPTED = "attempted"
    CALLBACK = "callback"
    MEETING = "meeting"
    NOT_INTERESTED = "not_interested"
    WRONG_NUMBER = "wrong_number"
    DO_NOT_CALL = "do_not_call"

    @classmethod
    def after(cls, outcome_id: str) -> Status:
        """The status a prospect takes after an outcome."""
        if outcome(outcome_id).effect is Effect.RETRY:
            return cls.ATTEMPTED
        return cls(outcome_id)


class SprintStatus(StrEnum):
    """How a sprint stands or ended."""

    RUNNING = "running"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


@dataclass(slots=True, kw_only=True)
class Record:
    """Shared conversion between dataclass and stored document."""

    TABLE: ClassVar[str] = ""
    DATETIMES: ClassVar[frozenset[str]] = frozenset()
    DATES: ClassVar[frozenset[str]] = frozenset()
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {}
    CHOICES: ClassVar[dict[str, frozenset[str]]] = {}
    """Text fields that hold one of a fixed set of names (an outcome's id)."""

    id: int = 0

    def to_doc(self) -> dict[str, Any]:
        """Every field as plain JSON (without the id): what exports write."""
        doc: dict[str, Any] = {}
        for name, encode in _codec(type(self)).encoders:
            value = getattr(self, name)
            doc[name] = value if encode is None or value is None else encode(value)
        return doc

    def to_stored(self) -> dict[str, Any]:
        """The document the store keeps: fields still at their default are left out.

        A sprint mostly has no pause and no reason, a prospect no notes or tags;
        leaving those out makes the files a third smaller and quicker to read.
        :meth:`from_doc` puts the defaults back.
        """
        codec = _codec(type(self))
        defaults = codec.defaults
        doc: dict[str, Any] = {}
        for name, encode in codec.encoders:
            value = getattr(self, name)
            if name in defaults and value == defaults[name]:
                continue
            doc[name] = value if encode is None or value is None else encode(value)
        return doc

    @classmethod
    def stored(cls, doc: Mapping[str, Any], name: str) -> Any:
        """A field of a stored document as JSON, its default when it was left out."""
        if name in doc:
            return doc[name]
        default = _codec(cls).defaults.get(name)
        return default.value if isinstance(default, StrEnum) else default

    @classmethod
    def from_doc(cls, record_id: int, doc: Mapping[str, Any]) -> Self:
        """Rebuild a record from its stored document, checking it as it is read.

        Raises :class:`InvalidRecord` for a document that is not one of this
        table's records: an unknown or missing field, a value of the wrong type,
        a date or an instant that does not parse, a status it does not know, an
        id that is not a positive whole number. A workspace written by a newer
        Prospect is refused before any record is read (its schema says so), so
        an unknown field is damage, not news; an ``id`` in the document is
        ignored, as the store's own id wins. A value that is valid but not the
        one saved (a digit of ``attempts`` flipped) cannot be told from a hand
        edit, and is read as it is.

        Lists and dicts are copied, so changing a record never changes the
        document it was read from.
        """
        codec = _codec(cls)
        values: dict[str, Any] = {}
        # Keys come from the codec (interned field names), not from the parsed JSON:
        # CPython matches interned keyword names by identity, others by comparing text.
        # The checks ride on the decoding the caller needs anyway: no second pass.
        for name, (decode, accepts) in codec.decoders.items():
            if name in doc:
                value = doc[name]
                if type(value) not in accepts:
                    raise InvalidRecord(cls.TABLE, record_id, _wrong_type(name, value))
                if decode is not None and value is not None:
                    try:
                        value = decode(value)
                    except (ValueError, KeyError, TypeError):
                        raise InvalidRecord(
                            cls.TABLE, record_id, f"{name} {_shown(value)} does not read"
                        ) from None
                values[name] = value
        if len(values) != len(doc) - ("id" in doc) or not codec.required <= values.keys():
            raise InvalidRecord(cls.TABLE, record_id, _fields_problem(codec, doc))
        number = record_id if type(record_id) is int and record_id > 0 else stored_id(record_id)
        if number is None:
            raise InvalidRecord(cls.TABLE, record_id, "its id is not a positive number")
        return cls(id=number, **values)

    @classmethod
    def check(cls, key: object, doc: object) -> None:
        """Raise :class:`InvalidRecord` unless ``doc`` is a valid stored record of this table.

        ``key`` is the id as a file or a journal line holds it: the text of a
        positive number, or the number itself.
        """
        record_id = stored_id(key)
        if record_id is None:
            raise InvalidRecord(cls.TABLE, key, "its id is not a positive number")
        if not isinstance(doc, dict):
            raise InvalidRecord(cls.TABLE, record_id, "not a JSON object")
        cls.from_doc(record_id, doc)


def stored_id(key: object) -> int | None:
    """A stored id (a file's key text, or a journal's number) as a number, None if not one.

    Only ASCII digits with no leading zero: ``"٣"`` and ``"0"`` are not ids.
    """
    if type(key) is int:
        return key if key > 0 else None
    if type(key) is str and key.isascii() and key.isdigit() and key[0] != "0":
        return int(key)
    return None


RECORD_TYPES: dict[str, type[Record]] = {}
"""Every record type by the table it is stored in (filled in below)."""
COUNTERS_TABLE = "counters"
"""The table beside the sprints holding the counters that number calls and other records."""


def check_counters(key: object, doc: object) -> None:
    """Raise :class:`InvalidRecord` unless ``doc`` is the counters document: names to numbers."""
    if stored_id(key) is None or not isinstance(doc, dict):
        raise InvalidRecord(COUNTERS_TABLE, key, "not a document of counters")
    for name, value in doc.items():
        if type(value) is not int or value < 0:
            raise InvalidRecord(COUNTERS_TABLE, key, f"counter {name!r} is not a number")


def check_document(table: str, key: object, doc: object) -> None:
    """Raise :class:`InvalidRecord` unless ``doc`` is a valid stored document of ``table``."""
    kind = RECORD_TYPES.get(table)
    if kind is not None:
        kind.check(key, doc)
    elif table == COUNTERS_TABLE:
        check_counters(key, doc)
    else:
        raise InvalidRecord(table, key, "no such table")


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _wrong_type(name: str, value: object) -> str:
    kind = "null" if value is None else type(value).__name__
    return f"{name} is {kind} {_shown(value)}, not what it holds"


def _fields_problem(codec: _Codec, doc: Mapping[str, Any]) -> str:
    unknown = sorted(str(key) for key in doc if key not in codec.decoders and key != "id")
    if unknown:
        return f"unknown field {_shown(unknown[0])}"
    missing = sorted(codec.required - doc.keys())
    return f"field {missing[0]!r} is missing"


@dataclass(frozen=True, slots=True)
class _Codec:
    """How each field of a record type goes to and from its document."""

    encoders: tuple[tuple[str, Callable[[Any], Any] | None], ...]
    decoders: dict[str, tuple[Callable[[Any], Any] | None, frozenset[type]]]
    """Each field's decoder, and the JSON types its stored value may have."""
    defaults: dict[str, Any]
    """Each field's default, for the fields that have one."""
    required: frozenset[str]
    """The fields without a default: a document always holds them."""


_CODECS: dict[type[Record], _Codec] = {}


def _codec(kind: type[Record]) -> _Codec:
    """Built once per record type: reading 20,000 prospects must not re-inspect fields."""
    codec = _CODECS.get(kind)
    if codec is not None:
        return codec
    encoders: list[tuple[str, Callable[[Any], Any] | None]] = []
    decoders: dict[str, tuple[Callable[[Any], Any] | None, frozenset[type]]] = {}
    defaults: dict[str, Any] = {}
    # The module's names only: Prospect's field ``list`` would shadow the builtin.
    hints = get_type_hints(kind, globalns=globals(), localns={})
    for spec in fields(kind):
        name = spec.name
        if name == "id":
            continue
        if spec.default is not MISSING:
            defaults[name] = spec.default
        elif spec.default_factory is not MISSING:
            defaults[name] = spec.default_factory()
        accepts = _json_types(hints[name])
        if name in kind.DATETIMES:
            encoders.append((name, to_iso))
            decoders[name] = (_stored_instant, accepts)
        elif name in kind.DATES:
            encoders.append((name, date.isoformat))
            decoders[name] = (date.fromisoformat, accepts)
        elif name in kind.ENUMS:
            members = {member.value: member for member in kind.ENUMS[name]}
            encoders.append((name, _enum_value))
            decoders[name] = (members.__getitem__, accepts)
        elif spec.default_factory in (list, dict):
            encoders.append((name, asdict_value))
            decoders[name] = (_container_of_text, accepts)
        elif name in kind.CHOICES:
            encoders.append((name, None))
            decoders[name] = (_one_of(kind.CHOICES[name]), accepts)
        else:
            encoders.append((name, None))
            decoders[name] = (None, accepts)
    required = frozenset(decoders) - defaults.keys()
    codec = _CODECS[kind] = _Codec(tuple(encoders), decoders, defaults, required)
    return codec


def _json_types(hint: Any) -> frozenset[type]:
    """The types a field annotated ``hint`` has once parsed from JSON."""
    found: set[type] = set()
    for part in get_args(hint) if isinstance(hint, UnionType) else (hint,):
        origin = get_origin(part) or part
        if part is type(None):
            found.add(type(None))
        elif origin in (datetime, date) or (isinstance(origin, type) and issubclass(origin, str)):
            found.add(str)  # dates, instants and statuses are stored as text
        elif origin is float:
            found |= {float, int}  # JSON writes 3.0 as 3 when a person types it
        elif origin in (int, list, dict):
            found.add(origin)  # type() is exact: a bool (true) is not an int here
        else:  # pragma: no cover - a new field type must say how it is stored
            raise TypeError(f"no stored form for {hint!r}")
    return frozenset(found)


def _one_of(names: frozenset[str]) -> Callable[[str], str]:
    def choice(value: str) -> str:
        if value not in names:
            raise ValueError(f"unknown name {value!r}")
        return value

    return choice


def _container_of_text(value: list[Any] | dict[str, Any]) -> Any:
    """A copy of a list of tags or a dict of extra columns, all of whose items are text."""
    items = value.values() if type(value) is dict else value
    # map() and the set test run in C: 20,000 prospects each carry a dict of extras.
    if not _TEXT.issuperset(map(type, items)):
        raise ValueError("holds something other than text")
    return value.copy()  # every item is a string: a shallow copy shares nothing that changes


_TEXT = frozenset({str})


def _enum_value(member: StrEnum) -> str:
    return str(member.value)


_ATOMS = frozenset({str, int, float, bool, type(None)})


def asdict_value(value: Any) -> Any:
    """A deep copy of plain JSON containers, so documents never share lists.

    Strings and numbers are shared as they are (they cannot change); only
    nested containers recurse — an import copies a million extra cells.
    """
    if isinstance(value, dict):
        return {k: v if type(v) in _ATOMS else asdict_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) in _ATOMS else asdict_value(v) for v in value]
    return value


def _contact(default: str | None) -> Any:
    return field(default=default, metadata={"contact": True})


@dataclass(slots=True, kw_only=True)
class Prospect(Record):
    """A person to call."""

    TABLE: ClassVar[str] = "prospects"
    CHOICES: ClassVar[dict[str, frozenset[str]]] = {"last_outcome": frozenset(BY_ID)}
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {"status": Status}
    DATETIMES: ClassVar[frozenset[str]] = frozenset(
        {"last_called_at", "next_action_at", "created_at", "updated_at"}
    )

    # Fields made with _contact() say who the person is: an imported row may
    # supply them and a merge fills them in. The rest are the calling state.
    first_name: str = _contact("")
    last_name: str = _contact("")
    title: str = _contact("")
    company: str = _contact("")
    phone: str | None = _contact(None)
    """E.164, or None when the source had no valid number."""
    email: str = _contact("")
    timezone: str | None = _contact(None)
    """IANA zone; None means "zone unknown", never assumed callable."""
    country: str | None = _contact(None)
    """ISO 3166-1 alpha-2, used to read national numbers and narrow zones."""
    region: str = _contact("")
    city: str = _contact("")
    tags: list[str] = field(default_factory=list)
    list: str = _contact("")
    status: Status = Status.NEW
    priority: int = 0
    """Higher is called sooner; 0 is normal."""
    attempts: int = 0
    last_outcome: str | None = None
    last_called_at: datetime | None = None
    next_action_at: datetime | None = None
    """When the prospect is due again: a retry, a callback, the nurture end."""
    notes: str = _contact("")
    extra: dict[str, str] = field(default_factory=dict)
    """The source row's unmapped columns, kept as they were."""
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def name(self) -> str:
        """First and last name, as a person reads it."""
        return " ".join(part for part in (self.first_name, self.last_name) if part)


PROSPECT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Prospect) if f.name != "extra")
"""The one list of a prospect's fields, in the order exports write them (``id`` first).

``extra`` is not among them: its keys become columns of their own.
"""
CONTACT_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(Prospect) if f.metadata.get("contact")
)
"""Who the person is — what an imported row supplies and a merge may fill in."""


@dataclass(slots=True, kw_only=True)
class Call(Record):
    """One logged attempt to reach a prospect."""

    TABLE: ClassVar[str] = "calls"
    CHOICES: ClassVar[dict[str, frozenset[str]]] = {"outcome": frozenset(BY_ID)}
    DATETIMES: ClassVar[frozenset[str]] = frozenset({"started_at", "ended_at", "callback_at"})
    DATES: ClassVar[frozenset[str]] = frozenset({"local_date"})

    prospect_id: int
    sprint_id: int | None = None
    started_at: datetime
    ended_at: datetime
    duration_s: float = 0.0
    outcome: str
    notes: str = ""
    variant: str | None = None
    """The experiment arm used, by name."""
    local_hour: int | None = None
    """The hour on the prospect's clock when the call started."""
    local_date: date
    """The user's day the call counts for."""
    callback_at: datetime | None = None


@dataclass(slots=True, kw_only=True)
class Sprint(Record):
    """A timed calling block."""

    TABLE: ClassVar[str] = "sprints"
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {"status": SprintStatus}
    DATETIMES: ClassVar[frozenset[str]] = frozenset(
        {"started_at", "ends_at", "ended_at", "paused_at"}
    )
    DATES: ClassVar[frozenset[str]] = frozenset({"local_date"})

    started_at: datetime
    ends_at: datetime
    """The planned end; pauses push it later."""
    ended_at: datetime | None = None
    status: SprintStatus = SprintStatus.RUNNING
    minutes: int = 25
    paused_at: datetime | None = None
    paused_s: float = 0.0
    reason: str | None = None
    reason_kind: str | None = None
    reason_text: str = ""
    local_date: date


@dataclass(slots=True, kw_only=True)
class TimeEntry(Record):
    """A span of tracked time in one category."""

    TABLE: ClassVar[str] = "time_entries"
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {"category": Category}
    DATETIMES: ClassVar[frozenset[str]] = frozenset({"started_at", "ended_at"})
    DATES: ClassVar[frozenset[str]] = frozenset({"local_date"})

    category: Category
    started_at: datetime
    ended_at: datetime
    seconds: float
    """Time actually spent: pauses excluded."""
    local_date: date
    sprint_id: int | None = None


@dataclass(slots=True, kw_only=True)
class FollowUp(Record):
    """A callback or meeting that needs doing after a call."""

    TABLE: ClassVar[str] = "followups"
    CHOICES: ClassVar[dict[str, frozenset[str]]] = {"kind": FOLLOW_UP_KINDS}
    DATETIMES: ClassVar[frozenset[str]] = frozenset({"due_at", "created_at", "done_at"})

    prospect_id: int
    kind: str
    """``callback`` or ``meeting``: the outcome that created it."""
    who: str = ""
    """The prospect's name when the item was made, so lists of follow-ups can be
    shown without reading every prospect."""
    due_at: datetime | None = None
    call_id: int | None = None
    created_at: datetime
    done_at: datetime | None = None
    resolution: str = ""


RECORD_TYPES.update({kind.TABLE: kind for kind in (Prospect, Call, Sprint, TimeEntry, FollowUp)})
