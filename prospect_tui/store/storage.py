"""TinyDB, journaled: every write through TinyDB's own API becomes one journal line.

Stock TinyDB reads and rewrites the whole file on every insert, which costs
more the longer the history grows. Here each shard file is read once into
memory; :class:`ShardStorage` hands TinyDB that live data, and
:class:`JournaledTable` records which documents an insert, update or remove
touched and passes just those to the workspace's journal. Folding the
journal back into the shard files (a plain TinyDB JSON file each) happens
at exit or after a bulk write.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol, cast

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from prospect_tui.core.model import Call, Sprint, SprintStatus, asdict_value
from prospect_tui.store import migrations
from prospect_tui.store.doc_lines import ABSENT, LineDocs, field_values, hold
from prospect_tui.store.journal import Op

Doc = dict[str, Any]
RawTable = dict[str, Doc]
META = "_meta"
"""The table in each shard file that records which journal changes it holds."""
ACTIVITY = "activity"
"""The shard of sprints, nudges and the rest of what the user did (``activity.json``)."""
CALLS = "calls"
"""The folder of the month shards of calls (``calls/YYYY-MM``)."""
DIALS = "dials"
"""The field of a call shard's ``_meta`` that counts its dials per user's day."""
DAY_COUNTS = "2"
"""The ``_meta`` record that keeps counts per day: a call shard's for the review,
``activity``'s completed sprints for the streak.

A record of its own, on the line after the first: the streak reads every
month's dials from the first and never parses a month's review counts.
"""
COMPLETED = "completed"
"""The field of ``activity``'s :data:`DAY_COUNTS` counting completed sprints per user's day."""
RUNNING = "running"
"""The field of ``activity``'s :data:`DAY_COUNTS` listing the days of sprints left running."""


class Committer(Protocol):
    """Where a table's changes go: the workspace's journal."""

    def commit(self, ops: list[Op], undo: Callable[[], None]) -> None:
        """Make ``ops`` durable, or call ``undo`` and raise."""
        ...


@dataclass(eq=False)
class Shard:
    """One TinyDB file of the workspace, held in memory."""

    name: str
    """``prospects``, ``activity`` or ``calls/YYYY-MM``."""
    path: Path
    tables: dict[str, RawTable] = field(default_factory=dict)
    seq: int = 0
    """Every journal change up to this number is in the file."""
    db: ShardDB | None = None

    def to_tinydb(self, seq: int, schema: int | None = None) -> dict[str, Any]:
        """The file's content: TinyDB's layout plus the ``_meta`` table.

        ``schema`` is the one its tables are in (the current one unless said): a
        restore writes a backup's tables back as that backup's schema left them.
        """
        tables = {name: docs for name, docs in self.tables.items() if docs}
        counts = {name: len(docs) for name, docs in tables.items()}
        meta: dict[str, Any] = {
            "seq": seq,
            "schema": migrations.SCHEMA if schema is None else schema,
            "counts": counts,
        }
        if self.name.startswith(f"{CALLS}/"):
            # The streak needs dials per day over the whole history; kept here, a
            # month's are read from the file's head instead of from all its calls.
            calls = self.tables.get(Call.TABLE, {})
            meta[DIALS] = dials_per_day(calls)
            # The review's counts of a window: read here, a month costs a line of its
            # head instead of all its calls. Calls that do not read keep none, so
            # the review reads them and names the damage. (Imported here: a fold's
            # need, not the start's, which it would cost a few milliseconds.)
            from prospect_tui.core.call_stats import counts_by_day

            days = counts_by_day(calls.values())
            if days is not None:
                # _meta comes first in the file, so its counts can be read without the rest.
                return {META: {"1": meta, DAY_COUNTS: {"days": days}}, **tables}
        if self.name == ACTIVITY:
            # The streak needs completed sprints per day over the whole history:
            # kept here, a review reads a line instead of every sprint ever run.
            # And the days of any sprint left running, so a start finds it in a line.
            kept = sprint_days(self.tables.get(Sprint.TABLE, {}))
            if kept is not None:
                return {META: {"1": meta, DAY_COUNTS: kept}, **tables}
        return {META: {"1": meta}, **tables}


def sprint_days(sprints: Mapping[str, Mapping[str, Any]]) -> dict[str, Any] | None:
    """``activity``'s :data:`DAY_COUNTS` record, in one pass over the sprints: those
    completed per user's day (ISO date → count) and the days of any still running;
    None if a day does not read."""
    done, running = SprintStatus.COMPLETED.value, SprintStatus.RUNNING.value
    counts: Counter[str] = Counter()
    left: set[str] = set()
    # Sprint.stored: a document leaves out a status at its default, which is running.
    default = Sprint.stored({}, "status")
    days, statuses = field_values(sprints, "local_date"), field_values(sprints, "status")
    for (_, day), (_, status) in zip(days, statuses, strict=True):
        if not isinstance(day, str):
            return None
        if status is ABSENT:
            status = default
        if status == done:
            counts[day] += 1
        elif status == running:
            left.add(day)
    return {COMPLETED: dict(sorted(counts.items())), RUNNING: sorted(left)}


def stored_running(record: Mapping[str, Any] | None) -> list[date] | None:
    """The days of running sprints ``activity``'s head records, if they read."""
    kept = record.get(RUNNING) if record else None
    if not isinstance(kept, list):
        return None
    try:
        return [date.fromisoformat(day) for day in kept]
    except (TypeError, ValueError):
        return None


def open_count(followups: Mapping[str, Mapping[str, Any]]) -> int:
    """How many of a month's follow-ups are still open (not done)."""
    return sum(done is None or done is ABSENT for _, done in field_values(followups, "done_at"))


def stored_completed(record: Mapping[str, Any] | None) -> Counter[date] | None:
    """The completed sprints per day ``activity``'s head records, if they read."""
    kept = record.get(COMPLETED) if record else None
    if not isinstance(kept, dict):
        return None
    try:
        found = Counter({date.fromisoformat(day): n for day, n in kept.items() if _count(n)})
    except (TypeError, ValueError):
        return None
    return found if len(found) == len(kept) else None


def dials_per_day(calls: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """How many calls (dials) each user's day holds: ISO date → count, in date order."""
    counts = Counter(day for _, day in field_values(calls, "local_date"))
    return {day: n for day, n in sorted(counts.items()) if isinstance(day, str)}


def stored_dials(meta: Mapping[str, Any]) -> dict[date, int] | None:
    """The dials per day a call shard's ``_meta`` records, if it can be trusted.

    None when it records none (a file written before they were kept) or when
    they do not add up to the calls it counts (its ``_meta`` line edited by
    hand): then the calls themselves must be counted.
    """
    dials = meta.get(DIALS)
    counts = meta.get("counts")
    if not isinstance(dials, dict) or not isinstance(counts, dict):
        return None
    try:
        found = {date.fromisoformat(day): n for day, n in dials.items() if _count(n)}
    except (TypeError, ValueError):
        return None
    if len(found) != len(dials) or sum(found.values()) != counts.get(Call.TABLE, 0):
        return None
    return found


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


class ShardStorage(Storage):
    """Gives TinyDB the shard's live tables instead of re-reading a file."""

    def __init__(self, shard: Shard, committer: Committer) -> None:
        self.shard = shard
        self.committer = committer

    def read(self) -> dict[str, RawTable]:
        return self.shard.tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        # JournaledTable commits its own changes; only TinyDB's drop_table(s)
        # call write(), and Prospect keeps every table it ever made.
        raise NotImplementedError("tables in a Prospect store are never dropped")

    def close(self) -> None:
        """Nothing to release: the workspace owns the files."""


_ABSENT: Any = object()


class TrackedTable(MutableMapping[int, Doc]):
    """The table as TinyDB's updaters see it, remembering what they touched.

    The first time a document is reached its prior state is kept, so the
    change can be written as a few journal ops and undone if the write fails.
    """

    def __init__(self, raw: RawTable) -> None:
        self.raw = raw
        self.before: dict[int, Any] = {}

    def _remember(self, doc_id: int) -> None:
        if doc_id not in self.before:
            key = str(doc_id)
            self.before[doc_id] = asdict_value(hold(self.raw, key)) if key in self.raw else _ABSENT

    def __getitem__(self, doc_id: int) -> Doc:
        self._remember(doc_id)
        # The table's own dictionary: TinyDB's updaters change it in place.
        return hold(self.raw, str(doc_id))

    def __setitem__(self, doc_id: int, doc: Doc) -> None:
        self._remember(doc_id)
        self.raw[str(doc_id)] = doc

    def __delitem__(self, doc_id: int) -> None:
        self._remember(doc_id)
        del self.raw[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)

    def ops(self, shard: str, table: str) -> list[Op]:
        """The journal ops that take the old state to the new one."""
        ops: list[Op] = []
        for doc_id, before in self.before.items():
            after = self.raw.get(str(doc_id), _ABSENT)
            if after is _ABSENT:
                if before is not _ABSENT:
                    ops.append(["del", shard, table, doc_id])
            elif before is _ABSENT or after != before:
                ops.append(["put", shard, table, doc_id, after])
        return ops

    def undo(self) -> None:
        """Put every touched document back as it was."""
        for doc_id, before in self.before.items():
            if before is _ABSENT:
                self.raw.pop(str(doc_id), None)
            else:
                self.raw[str(doc_id)] = before


class JournaledTable(Table):
    """A TinyDB table whose writes are journaled instead of rewriting the file."""

    def clear_cache(self) -> None:
        """TinyDB's, without the two calls when no query was cached (every put asks)."""
        cache = self._query_cache.cache
        if cache:
            cache.clear()

    def _get_next_id(self) -> int:
        """TinyDB's, counting the highest id without a Python step per document."""
        self.count_ids()
        next_id: int = self._next_id  # type: ignore[assignment]
        self._next_id = next_id + 1  # type: ignore[assignment]
        return next_id

    def count_ids(self) -> None:
        """Know the next free id from now on (TinyDB counts it at the first insert).

        Ten years of sprints are 50,000 ids to count: the first sprint of a
        session counted them between its key and its first card.
        """
        if self._next_id is None:
            self._next_id = max(map(int, self._read_table()), default=0) + 1  # type: ignore[assignment]

    def stored(self, doc_id: int) -> Doc | None:
        """Document ``doc_id`` as stored (never modify it), None if there is none.

        TinyDB's ``get`` wraps a copy in a ``Document``; a counter read on every
        logged call needs neither.
        """
        storage: ShardStorage = self._storage  # type: ignore[assignment]
        raw = storage.shard.tables.get(self._name)
        key = str(doc_id)
        return hold(raw, key) if raw is not None and key in raw else None

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        storage = cast(ShardStorage, self._storage)
        raw = storage.shard.tables.setdefault(self.name, {})
        view = TrackedTable(raw)

        def undo() -> None:
            view.undo()
            self.clear_cache()

        try:
            updater(cast(dict[int, Any], view))
        except BaseException:
            undo()
            raise
        ops = view.ops(storage.shard.name, self.name)
        self.clear_cache()
        if ops:
            storage.committer.commit(ops, undo)

    def put(self, doc_id: int, doc: Doc, *, new: bool = False) -> None:
        """Store ``doc`` as the whole document ``doc_id`` (a new one if there is none).

        With ``new``, a document ``doc_id`` already there is refused, as TinyDB's
        insert of a given id refuses it: a call's id must never overwrite another.

        One journal op, the one TinyDB's update of every field would write, but
        without its updater's copy of the document as it was: the document is
        swapped, not changed in place, so the old one is kept as it is for an
        undo. Logging a call saves its prospect this way, between the key and
        the fsync.
        """
        # Two puts (three with a follow-up) stand between a logged call's key and its
        # fsync: no ``cast`` (a call at run time), and a plain dict told from
        # LineDocs before isinstance asks the ABC machinery.
        storage: ShardStorage = self._storage  # type: ignore[assignment]
        name = self._name
        raw = storage.shard.tables.setdefault(name, {})
        key = str(doc_id)
        before = _ABSENT
        if key in raw:
            if new:
                raise ValueError(f"Document with ID {doc_id} already exists")
            if type(raw) is dict:
                before = raw[key]
            else:
                # A document still held as its file's text is kept so for an undo, not
                # parsed: logging a call saves its prospect, and the parse stood between
                # the key and the fsync. Taken as changed without a look (a put of the
                # same document again costs a journal line, nothing else).
                text = raw.text(key) if isinstance(raw, LineDocs) else None
                before = text if text is not None else hold(raw, key)
            if before == doc:
                return  # nothing changed: no journal line, as TinyDB's update writes none
        raw[key] = doc
        # The next free id moves past this one. Not counted afresh, as TinyDB's
        # insert of a given id would: ending a sprint puts it, and the next
        # sprint's insert would read every sprint id of ten years again.
        if self._next_id is not None:
            self._next_id = max(self._next_id, doc_id + 1)
        self.clear_cache()

        def undo() -> None:
            if before is _ABSENT:
                raw.pop(key, None)
            elif isinstance(before, bytes):
                cast(LineDocs, raw).restore(key, before)
            else:
                raw[key] = before
            self._next_id = None  # counted afresh from what is left
            self.clear_cache()

        storage.committer.commit([["put", storage.shard.name, name, doc_id, doc]], undo)


class ShardDB(TinyDB):
    """A TinyDB database over one shard, with journaled tables."""

    table_class = JournaledTable
    default_table_name = "_unused"


def apply(tables: dict[str, RawTable], op: Op) -> None:
    """Replay one journal op onto a shard's tables."""
    kind, _shard, table = op[0], op[1], op[2]
    if kind == "put":
        tables.setdefault(table, {})[str(op[3])] = op[4]
    elif kind == "del":
        tables.get(table, {}).pop(str(op[3]), None)
    elif kind == "clear":
        tables.pop(table, None)
    else:
        raise ValueError(f"unknown journal op {kind!r}")


def open_db(shard: Shard, committer: Committer) -> ShardDB:
    """A TinyDB database over ``shard`` whose writes go to ``committer``."""
    return ShardDB(shard, committer, storage=ShardStorage)
