"""Every prospect as a queue row, by time zone in calling order, kept up as calls are written.

A sprint over 50,000 prospects must not decode 50,000 records to show one
card. :class:`ProspectIndex` holds, for each prospect, only what the queue
reads (:class:`~prospect_tui.core.queue_rows.QueueRow`), grouped by time
zone and sorted by :func:`~prospect_tui.core.queue_rows.calling_order`, and
the callbacks apart; it is read once from the stored documents and then
follows every journal line written (a call's prospect, an edit, an import,
an undo) by moving that one row. A whole prospect is decoded only when a
sprint reaches it (:meth:`prospect`).

The rows are rebuilt from the stored documents whenever a line clears the
table; a test checks that the rows kept up to date equal rows read afresh.
"""

from __future__ import annotations

import sys
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from operator import itemgetter
from typing import Any

from prospect_tui.core.errors import ProspectError
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.queue_rows import Queueable, QueueRow, callback_order, calling_order
from prospect_tui.core.record_codec import stored_id
from prospect_tui.store.decoding import decode, decoding
from prospect_tui.store.journal import Op
from prospect_tui.store.layout import PROSPECTS
from prospect_tui.store.workspace import Workspace

_STATUSES = {status.value: status for status in Status}


class _Sorted:
    """Rows in an order (one zone's in calling order, the callbacks in theirs), with their
    keys beside them for bisecting: no two rows have the same key (the id ends it)."""

    __slots__ = ("keys", "order", "rows")

    def __init__(self, order: Callable[[QueueRow], tuple[Any, ...]] = calling_order) -> None:
        self.order = order
        self.keys: list[tuple[Any, ...]] = []
        self.rows: list[QueueRow] = []

    @classmethod
    def of(
        cls, rows: Iterable[QueueRow], order: Callable[[QueueRow], tuple[Any, ...]] = calling_order
    ) -> _Sorted:
        """``rows`` in ``order``, each one's key computed once."""
        made = cls(order)
        keyed = sorted(((order(row), row) for row in rows), key=itemgetter(0))
        made.keys = [key for key, _ in keyed]
        made.rows = [row for _, row in keyed]
        return made

    def add(self, row: QueueRow) -> None:
        key = self.order(row)
        at = bisect_left(self.keys, key)
        self.keys.insert(at, key)
        self.rows.insert(at, row)

    def drop(self, row: QueueRow) -> None:
        at = bisect_left(self.keys, self.order(row))
        del self.keys[at], self.rows[at]


class ProspectIndex:
    """The queue's rows of every prospect in a workspace (a
    :class:`~prospect_tui.core.queue_rows.ProspectSource`)."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._lock = threading.Lock()
        self._zones: dict[str | None, _Sorted] = {}
        self._by_id: dict[int, QueueRow] = {}
        self._callbacks = _Sorted(callback_order)
        self._stale = False
        with workspace.watching(self._follow):
            self._read()

    def by_zone(self) -> Mapping[str | None, Sequence[Queueable]]:
        """Every row by zone, each in calling order: copies, later writes do not change them."""
        with self._current():
            return {name: list(group.rows) for name, group in self._zones.items() if group.rows}

    def callbacks(self) -> Sequence[Queueable]:
        """The rows waiting for a call back, soonest due first (:func:`callback_order`):
        kept so, as a sprint's start would otherwise sort a thousand of them."""
        with self._current():
            return list(self._callbacks.rows)

    def row(self, prospect_id: int) -> Queueable | None:
        """One prospect's row."""
        with self._current():
            return self._by_id.get(prospect_id)

    def prospect(self, prospect_id: int) -> Prospect | None:
        """The whole prospect, decoded from its stored document now."""
        doc = self._documents().get(str(prospect_id))
        if doc is None:
            return None
        with decoding(self._workspace, PROSPECTS):
            return decode(Prospect, prospect_id, doc)

    # -- keeping up ------------------------------------------------------------

    @contextmanager
    def _current(self) -> Iterator[None]:
        # The store's lock first, as a write takes it before telling _follow.
        with self._workspace.locked(), self._lock:
            if self._stale:
                self._read()
            yield

    def _documents(self) -> Mapping[str, Mapping[str, Any]]:
        return self._workspace.rows(PROSPECTS, Prospect.TABLE)

    def _read(self) -> None:
        """Every row afresh from the stored documents."""
        rows = [self._row(key, doc) for key, doc in self._documents().items()]
        by_zone: dict[str | None, list[QueueRow]] = {}
        for row in rows:
            by_zone.setdefault(row.timezone, []).append(row)
        self._zones = {name: _Sorted.of(group) for name, group in by_zone.items()}
        self._by_id = {row.id: row for row in rows}
        waiting = (row for row in rows if row.status is Status.CALLBACK)
        self._callbacks = _Sorted.of(waiting, callback_order)
        self._stale = False

    def _row(self, key: str | int, doc: Mapping[str, Any]) -> QueueRow:
        prospect_id = stored_id(key)
        try:
            if prospect_id is None:
                raise ValueError("not an id")
            return row_of(prospect_id, doc)
        except (KeyError, TypeError, ValueError):
            # Not as this version writes it: the whole record says what is wrong.
            with decoding(self._workspace, PROSPECTS):
                Prospect.check(key, doc)
                assert prospect_id is not None  # check() refuses any other key
                return QueueRow.of(decode(Prospect, prospect_id, doc))

    def _follow(self, ops: list[Op]) -> None:
        """Move the rows of the prospects a journal line wrote (called under the store's lock)."""
        table = Prospect.TABLE
        with self._lock:
            for op in ops:
                if op[1] != PROSPECTS or op[2] != table:
                    continue
                if op[0] == "clear":
                    self._stale = True
                if self._stale:
                    continue
                prospect_id = int(op[3])
                self._drop(prospect_id)
                if op[0] == "put":
                    try:
                        self._add(self._row(prospect_id, op[4]))
                    except ProspectError:
                        self._stale = True  # named as damage when next read

    def _drop(self, prospect_id: int) -> None:
        row = self._by_id.pop(prospect_id, None)
        if row is not None:
            self._zones[row.timezone].drop(row)
            if row.status is Status.CALLBACK:
                self._callbacks.drop(row)

    def _add(self, row: QueueRow) -> None:
        group = self._zones.get(row.timezone)
        if group is None:
            group = self._zones[row.timezone] = _Sorted()
        group.add(row)
        self._by_id[row.id] = row
        if row.status is Status.CALLBACK:
            self._callbacks.add(row)


def row_of(prospect_id: int, doc: Mapping[str, Any]) -> QueueRow:
    """The queue's row of a stored prospect document, read without decoding the rest.

    Raises ``KeyError``, ``TypeError`` or ``ValueError`` for a field that is
    not as stored (the whole record then names the damage).
    """
    phone, timezone = doc.get("phone"), doc.get("timezone")
    priority, attempts = doc.get("priority", 0), doc.get("attempts", 0)
    if (
        type(priority) is not int
        or type(attempts) is not int
        or not (phone is None or type(phone) is str)
        or not (timezone is None or type(timezone) is str)
    ):
        raise TypeError("not a stored prospect")
    return QueueRow(
        prospect_id,
        _STATUSES[doc.get("status", "new")],
        phone,
        # A few dozen zones for 50,000 prospects: one copy of each name, not one each.
        None if timezone is None else sys.intern(timezone),
        priority,
        attempts,
        _instant(doc.get("last_called_at")),
        _instant(doc.get("next_action_at")),
    )


def _instant(text: object) -> datetime | None:
    if text is None:
        return None
    if type(text) is not str:
        raise TypeError("an instant is stored as text")
    instant = datetime.fromisoformat(text)
    if instant.tzinfo is None:
        raise ValueError("an instant without its UTC offset")
    return instant
