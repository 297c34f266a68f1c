"""The records Prospect keeps: prospects, calls, sprints, time entries, follow-ups.

Each record is a slotted dataclass that turns into a plain JSON document
(``to_doc``) and back (``from_doc``). Instants are stored as ISO 8601 with
their UTC offset, dates as ``YYYY-MM-DD``, so the files read well by eye.
The store gives every record its ``id``; documents do not repeat it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from prospect_tui.core.assignments import ASSIGNMENTS, FAIR
from prospect_tui.core.categories import Category
from prospect_tui.core.outcomes import BY_ID, FOLLOW_UP_KINDS, Effect, outcome
from prospect_tui.core.record import InvalidRecord, Record
from prospect_tui.core.record_codec import (
    asdict_value,
    from_iso,
    stored_id,
    to_iso,
)

__all__ = ["asdict_value", "from_iso", "stored_id", "to_iso"]  # read from here by the store


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
    gatekeeper: str = ""
    """Who answered instead of the prospect (a ``gatekeeper`` call), as the user typed it."""
    objections: list[str] = field(default_factory=list)
    """The ``[[objections]]`` the prospect raised on this call, by name, first raised first."""


@dataclass(slots=True, kw_only=True)
class Sprint(Record):
    """A timed calling block."""

    TABLE: ClassVar[str] = "sprints"
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {"status": SprintStatus}
    CHOICES: ClassVar[dict[str, frozenset[str]]] = {"assignment": frozenset(ASSIGNMENTS)}
    DATETIMES: ClassVar[frozenset[str]] = frozenset(
        {"started_at", "ends_at", "ended_at", "paused_at", "seen_at"}
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
    assignment: str = FAIR
    """How its calls were given their variants (``[experiments] assignment`` at its start)."""
    seen_at: datetime | None = None
    """The app's last heartbeat while running it: a gap from here to the next start is
    time the app was away (killed, or the machine asleep)."""


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
    note: str = ""
    """What the user noted when it was made (a meeting's agenda, say)."""

    @property
    def due(self) -> datetime:
        """When it is due: its time, or when it was made if it has none (due at once)."""
        return self.due_at or self.created_at


@dataclass(slots=True, kw_only=True)
class SentNudge(Record):
    """A nudge that fired (or was held back in favour of another due with it).

    Its ``key`` (see :mod:`prospect_tui.core.nudges`) is what makes a nudge
    fire once, for the app and ``prospect nudge`` alike, across restarts.
    """

    TABLE: ClassVar[str] = "nudges"
    DATETIMES: ClassVar[frozenset[str]] = frozenset({"sent_at"})
    DATES: ClassVar[frozenset[str]] = frozenset({"local_date"})

    key: str
    kind: str
    local_date: date
    """The user's day the nudge belongs to."""
    sent_at: datetime
    held: bool = False
    """Due together with a more relevant nudge, so settled without being shown."""


@dataclass(slots=True, kw_only=True)
class FirstCall(Record):
    """One of the first calls the user picked, in the review, for their next working day.

    The picks open that day's first sprint; once it has started they carry its
    ``sprint_id`` and are used up (a sprint resumed after a crash keeps them).
    """

    TABLE: ClassVar[str] = "first_calls"
    DATETIMES: ClassVar[frozenset[str]] = frozenset({"picked_at"})
    DATES: ClassVar[frozenset[str]] = frozenset({"local_date"})

    local_date: date
    """The user's day whose first sprint the pick opens."""
    prospect_id: int
    rank: int
    """1 for the first call, 2, 3: the order they were picked in."""
    who: str = ""
    """The prospect's name when picked, so home can name them without reading every prospect."""
    picked_at: datetime
    sprint_id: int | None = None
    """The sprint that used the pick up (None: not used yet)."""


RECORD_TYPES.update(
    {
        kind.TABLE: kind
        for kind in (Prospect, Call, Sprint, TimeEntry, FollowUp, SentNudge, FirstCall)
    }
)
