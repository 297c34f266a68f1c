"""Every write to the workspace on its way into the journal.

A TinyDB table hands each change to :meth:`Changes.commit`, which writes it as
one journal line or, inside :meth:`Changes.atomic`, gathers it with the rest
into one line: all of it lands, or none. A line that cannot be written undoes
its changes in memory and raises. The journal is opened, folded and closed by
the :class:`~prospect_tui.store.workspace.Workspace`.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from prospect_tui.collector import paused_gc
from prospect_tui.store.errors import ReadOnlyStore, StoreWriteFailed
from prospect_tui.store.journal import Journal, Op


@dataclass
class _Batch:
    ops: list[Op] = field(default_factory=list)
    undos: list[Callable[[], None]] = field(default_factory=list)


class Changes:
    """Writes changes to the journal and marks the shards they touch for the next fold."""

    def __init__(self, mutex: threading.RLock) -> None:
        self.journal: Journal | None = None
        """The open journal; None for a reader (or once closed): every write is refused."""
        self.last_seq = 0
        """The journal line of the last write; durable once the syncer reports it."""
        self.dirty: set[str] = set()
        """The shards the next fold writes (loading a shard that needs migrating adds it too)."""
        self._mutex = mutex
        self._batch: _Batch | None = None
        self.listeners: list[Callable[[list[Op]], None]] = []
        """Told every line's ops once it is written (under the mutex): indexes kept in memory."""

    def commit(self, ops: list[Op], undo: Callable[[], None]) -> None:
        """Journal ``ops`` (called by the tables); ``undo`` runs if that fails."""
        with self._mutex:
            if self.journal is None:
                undo()
                raise ReadOnlyStore()
            if self._batch is not None:
                self._batch.ops.extend(ops)
                self._batch.undos.append(undo)
                return
            with paused_gc():
                self.append(ops, [undo])

    def atomic(self) -> AbstractContextManager[None]:
        """Group every write inside into one journal line: all of it lands, or none.

        No cyclic garbage collection runs from the first change to the fsync: a
        logged call's few hundred objects set one off every few hundred calls
        (one took 743 µs at 20,000 prospects), which stood between the key and
        the disk. It runs once the line is durable instead.
        """
        return _Atomic(self)

    def append(self, ops: list[Op], undos: list[Callable[[], None]]) -> None:
        """Write ``ops`` as one journal line now; if that fails, run ``undos`` and raise."""
        assert self.journal is not None
        try:
            self.last_seq = self.journal.append(ops)
        except OSError as error:
            for undo in reversed(undos):
                undo()
            raise StoreWriteFailed(self.journal.path, error) from None
        dirty = self.dirty
        for op in ops:  # not update(generator): a logged call's few ops, after its fsync
            dirty.add(op[1])
        for listener in self.listeners:
            listener(ops)


class _Atomic:
    """:meth:`Changes.atomic`'s block, written out: a logged call enters one, and a
    generator-based context manager (two of them, with the collector's) cost it
    a few microseconds between the key and the fsync."""

    __slots__ = ("batch", "changes", "collecting")

    def __init__(self, changes: Changes) -> None:
        self.changes = changes
        self.batch: _Batch | None = None
        self.collecting = False

    def __enter__(self) -> None:
        changes = self.changes
        changes._mutex.acquire()
        self.collecting = gc.isenabled()
        gc.disable()
        if changes._batch is None:  # inside another block, that one writes
            self.batch = changes._batch = _Batch()

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        changes, batch = self.changes, self.batch
        try:
            if batch is not None:
                changes._batch = None
                if kind is not None:
                    for undo in reversed(batch.undos):
                        undo()
                elif batch.ops:
                    changes.append(batch.ops, batch.undos)
        finally:
            if self.collecting:
                gc.enable()
            changes._mutex.release()
