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
from typing import Any, ClassVar, Self

from prospect_tui.core.categories import Category
from prospect_tui.core.outcomes import Effect, outcome


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
        """Rebuild a record; unknown keys (from a newer version) are ignored.

        Lists and dicts are copied, so changing a record never changes the
        document it was read from.
        """
        values: dict[str, Any] = {}
        # Keys come from the codec (interned field names), not from the parsed JSON:
        # CPython matches interned keyword names by identity, others by comparing text.
        for name, decode in _codec(cls).decoders.items():
            if name in doc:
                value = doc[name]
                values[name] = value if decode is None or value is None else decode(value)
        return cls(id=int(record_id), **values)


@dataclass(frozen=True, slots=True)
class _Codec:
    """How each field of a record type goes to and from its document."""

    encoders: tuple[tuple[str, Callable[[Any], Any] | None], ...]
    decoders: dict[str, Callable[[Any], Any] | None]
    defaults: dict[str, Any]
    """Each field's default, for the fields that have one."""


_CODECS: dict[type[Record], _Codec] = {}


def _codec(kind: type[Record]) -> _Codec:
    """Built once per record type: reading 20,000 prospects must not re-inspect fields."""
    codec = _CODECS.get(kind)
    if codec is not None:
        return codec
    encoders: list[tuple[str, Callable[[Any], Any] | None]] = []
    decoders: dict[str, Callable[[Any], Any] | None] = {}
    defaults: dict[str, Any] = {}
    hints = {f.name: f for f in fields(kind)}
    for name, spec in hints.items():
        if name == "id":
            continue
        if spec.default is not MISSING:
            defaults[name] = spec.default
        elif spec.default_factory is not MISSING:
            defaults[name] = spec.default_factory()
        if name in kind.DATETIMES:
            encoders.append((name, to_iso))
            decoders[name] = datetime.fromisoformat
        elif name in kind.DATES:
            encoders.append((name, date.isoformat))
            decoders[name] = date.fromisoformat
        elif name in kind.ENUMS:
            members = {member.value: member for member in kind.ENUMS[name]}
            encoders.append((name, _enum_value))
            decoders[name] = members.__getitem__
        elif spec.default_factory in (list, dict):
            encoders.append((name, asdict_value))
            decoders[name] = asdict_value
        else:
            encoders.append((name, None))
            decoders[name] = None
    codec = _CODECS[kind] = _Codec(tuple(encoders), decoders, defaults)
    return codec


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
