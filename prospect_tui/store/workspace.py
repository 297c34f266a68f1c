"""The workspace: its shard files with the journal in front of them.

Opening (the lock for a writer, the journal read and held over the files, a
schema upgrade), new ids, and the fold that writes the files and resets the
journal. The shards in memory, each loaded on first use, are
:mod:`~prospect_tui.store.shards`; every write on its way into the journal
:mod:`~prospect_tui.store.changes`; where the files live is
:mod:`~prospect_tui.store.layout`; their format
:mod:`~prospect_tui.store.shard_file`; a file that no longer reads is handled
by :mod:`~prospect_tui.store.damage`.

A writer (the app, ``import``, ``sample``) holds the lock; readers
(``review``, ``export``) never lock and see every change written so far,
because they read the journal before the files it refers to and a fold
writes the files before it resets the journal.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from tinydb.table import Table

from prospect_tui.core.model import Call, FollowUp, TimeEntry, check_counters
from prospect_tui.core.record import InvalidRecord
from prospect_tui.store import backups, migrations
from prospect_tui.store import journal as journal_file
from prospect_tui.store.changes import Changes
from prospect_tui.store.damage import damaged, journal_damaged, journal_missing, keep_aside
from prospect_tui.store.errors import (
    ReadOnlyStore,
    StoreDamaged,
    StoreTooNew,
    StoreUnavailable,
    StoreWriteFailed,
)
from prospect_tui.store.files import (
    atomic_write,
    discard_new_folder,
    private_dir,
    refuse_links,
    remove_temporaries,
)
from prospect_tui.store.journal import Contents, Journal, Op, SyncMode
from prospect_tui.store.layout import (
    ACTIVITY,
    COUNTERS,
    DAMAGED_DIR,
    FOLLOWUPS,
    MONTHLY,
    PROSPECTS,
    STORE_NAMES,
    WORKSPACE_FILE,
    read_open_followups,
    read_workspace_file,
    write_workspace_file,
)
from prospect_tui.store.lock import LOCK_FILE, WriterLock
from prospect_tui.store.shard_file import Damage, dump, dump_pieces
from prospect_tui.store.shards import Shards
from prospect_tui.store.storage import CALLS, JournaledTable, RawTable, Shard, ShardDB, open_count

FOLLOWUP_TABLE = FollowUp.TABLE
FOLD_AFTER = 5_000
"""A journal this long is folded when a writer opens the workspace."""
ID_BLOCK = 64
"""Ids :meth:`Workspace.next_id` takes at a time: one counter write per 64 calls."""
NUMBERED = frozenset({Call.TABLE, FollowUp.TABLE, TimeEntry.TABLE})
"""The tables whose ids a counter gives; each counter is named after its table."""


def write_folded_file(path: Path, name: str, tables: dict[str, RawTable], seq: int) -> None:
    """Write shard ``name``'s file as a fold at change ``seq`` writes it; raises ``OSError``.

    Touches nothing but the file, so another process may run it
    (:meth:`Workspace.reserve_folded`).
    """
    atomic_write(path, dump(Shard(name, path, tables).to_tinydb(seq)))


class Workspace:
    """The TinyDB shards of one workspace and the journal in front of them.

    Reading goes to its :class:`Shards`, writing to its :class:`Changes`;
    opening, folding and closing are its own.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        writable: bool,
        sync: SyncMode = "now",
        on_durable: Callable[[int], None] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.writable = writable
        self._sync = sync
        self._on_durable = on_durable
        self._lock = WriterLock(data_dir)
        self._open_followups: dict[str, tuple[int, int]] = {}
        """Per month of follow-ups: open ones and the file's size, as last counted."""
        self._counters: dict[str, Any] | None = None
        """The counters document :meth:`next_id` last stored."""
        self._issued: dict[str, int] = {}
        """Per counter, the last id :meth:`next_id` handed out from its block."""
        self._mutex = threading.RLock()
        self._changes = Changes(self._mutex)
        # The tables write straight to the changes: nothing in between on a save.
        self._shards = Shards(data_dir, self._changes, self._mutex, self._changes.dirty)

    @property
    def _journal(self) -> Journal | None:
        """The open journal, which the changes write to; None for a reader."""
        return self._changes.journal

    @property
    def last_seq(self) -> int:
        """The journal line of the last write; durable once the syncer reports it."""
        return self._changes.last_seq

    # -- opening and closing ---------------------------------------------------

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        write: bool = False,
        sync: SyncMode = "now",
        on_durable: Callable[[int], None] | None = None,
    ) -> Workspace:
        """Open the workspace; ``write=True`` takes the writer lock.

        Raises :class:`StoreLocked`, :class:`StoreDamaged`, :class:`StoreTooNew`
        or :class:`StoreUnavailable` (a folder that is a file, read-only or full,
        a store file that is a link) with a sentence for the user.
        """
        workspace = cls(data_dir, writable=write, sync=sync, on_durable=on_durable)
        fresh = write and not os.path.lexists(data_dir)
        try:
            workspace._open()
        except BaseException as error:
            workspace._release()
            unusable = isinstance(error, (OSError, StoreUnavailable))  # a file, read-only, full
            if fresh and unusable:  # nothing changed: not even an empty workspace is left
                discard_new_folder(data_dir, (LOCK_FILE, journal_file.JOURNAL_FILE, WORKSPACE_FILE))
            if isinstance(error, OSError):
                raise StoreUnavailable(data_dir, error) from None
            raise
        return workspace

    def _open(self) -> None:
        if self.writable:
            private_dir(self.data_dir)
        refuse_links(self.data_dir, STORE_NAMES)
        if self.writable:
            self._lock.acquire()
            for folder in (self.data_dir, *(self.data_dir / f for f in (*MONTHLY, DAMAGED_DIR))):
                remove_temporaries(folder)  # left by a crash mid-write
        found, folded, known = self._read_schema()
        self._shards.known = known
        self._open_followups = read_open_followups(self.data_dir)
        if found > migrations.SCHEMA:
            raise StoreTooNew(self.data_dir / WORKSPACE_FILE, found, migrations.SCHEMA)
        self._shards.schema = found
        contents = self._read_journal(known_to_exist=(self.data_dir / WORKSPACE_FILE).exists())
        self._shards.hold_pending(contents, folded)
        self._changes.last_seq = max(contents.last_seq, folded)
        if not self.writable:
            return
        if contents.torn:
            keep_aside(self.data_dir, self.journal_path, start=contents.good_size)
        if contents.last_seq < folded:
            # The journal restarted below the last fold (lost, or cut by restore): new
            # changes must number after it, or the next start would skip them.
            if contents.entries:
                keep_aside(self.data_dir, self.journal_path)
            contents = Contents(base=folded, entries=[], good_size=0, size=0)
        journal = Journal(self.journal_path, contents, self._sync, self._on_durable)
        self._changes.journal = journal
        self._raise_counters(contents)
        if self._shards.schema < migrations.SCHEMA:
            self._upgrade()
        elif not (self.data_dir / WORKSPACE_FILE).exists():
            self._write_schema(folded)
        elif journal.pending >= FOLD_AFTER:
            self.fold()

    def close(self, fold: bool = True) -> None:
        """Fold the journal into the files (writers) and release the lock.

        If the fold fails (a full disk), the journal still holds every change
        and the next start replays it; the error is raised after cleaning up.
        """
        try:
            writes = self.writable and self._journal is not None and fold
            if writes:
                self._give_back_ids()
            # With nothing changed, a fold writes only workspace.json: the new counts.
            if writes and (self._shards.dirty or self._uncounted()):
                self.fold()
        finally:
            try:
                if self._journal is not None:
                    try:
                        self._journal.close()
                    except OSError as error:
                        # Lines the syncer could not flush: still in the file, replayed
                        # on the next start; the user gets the sentence, not a traceback.
                        raise StoreWriteFailed(self.data_dir, error) from None
                    finally:
                        self._changes.journal = None
            finally:
                self._release()

    def _release(self) -> None:
        self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------

    @property
    def journal_path(self) -> Path:
        """The write-ahead journal."""
        return self.data_dir / journal_file.JOURNAL_FILE

    def shard_path(self, name: str) -> Path:
        """The file of shard ``name``."""
        return self._shards.path(name)

    def db(self, name: str) -> ShardDB:
        """The TinyDB database of shard ``name``, loaded on first use."""
        return self._shards.db(name)

    def table(self, shard: str, name: str) -> Table:
        """A TinyDB table in shard ``shard``."""
        return self._shards.table(shard, name)

    def count_ids(self, shard: str, name: str) -> None:
        """Know table ``name``'s next free id now, so that its next insert need not count
        every id (:meth:`JournaledTable.count_ids`)."""
        with self._mutex:  # an insert (under the lock) takes the next id
            self._journaled(shard, name).count_ids()

    def rows(self, shard: str, name: str) -> Mapping[str, Mapping[str, Any]]:
        """A table's documents as stored, for fast read-only scans (:meth:`Shards.rows`)."""
        return self._shards.rows(shard, name)

    def stream_rows(
        self, shard: str, name: str, mentioning: str | None = None
    ) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """A table's documents one at a time, read from the file if it can be
        (:meth:`Shards.stream_rows`)."""
        return self._shards.stream_rows(shard, name, mentioning)

    def rows_between(
        self, shard: str, name: str, first: date, last: date
    ) -> Mapping[str, Mapping[str, Any]]:
        """A table's documents of the days ``first`` … ``last`` (:meth:`Shards.rows_between`)."""
        return self._shards.rows_between(shard, name, first, last)

    def has_documents(self, shard: str, name: str) -> bool:
        """Whether a table holds anything, read without loading its shard if it can be."""
        return self._shards.has_documents(shard, name)

    def file_meta(self, shard: str, record: str = "1") -> dict[str, Any] | None:
        """A ``_meta`` record of ``shard``'s file, when the file is all there is to it."""
        return self._shards.file_meta(shard, record)

    def refold(self, shard: str) -> None:
        """Have a writer's next fold rewrite ``shard``'s file as this version writes it.

        For an older file whose ``_meta`` lacks what is now kept there, so it is
        rewritten once, when it is next needed, not the whole history at a start.
        """
        with self._mutex:
            if self.writable and self.shard_path(shard).exists():
                self._shards.dirty.add(shard)

    def open_followups(self, shard: str) -> int | None:
        """How many of a month's follow-ups are open, as the last fold counted them.

        None when that count may not hold: the month is in memory or has changes
        in the journal, was never counted, or its file changed size since (edited
        by hand, restored). Then read its rows.
        """
        with self._mutex:
            shards = self._shards
            if shard in shards or shard in shards.pending or shard in shards.dirty:
                return None
            kept = self._open_followups.get(shard)
            if kept is None:
                return None
            try:
                size = self.shard_path(shard).stat().st_size
            except OSError:
                return None
            return kept[0] if size == kept[1] else None

    def is_loaded(self, name: str) -> bool:
        """Whether shard ``name`` is already in memory."""
        return name in self._shards

    def release(self, name: str) -> None:
        """Let go of shard ``name`` unless it holds changes to fold (:meth:`Shards.release`)."""
        self._shards.release(name)

    def month_shards(self, folder: str) -> list[str]:
        """Every month of ``folder`` (calls, time) on disk or in the journal, oldest first."""
        return self._shards.month_shards(folder)

    def call_shards(self) -> list[str]:
        """Every month of calls, oldest first."""
        return self._shards.month_shards(CALLS)

    def bad_record(self, shard: str, error: InvalidRecord) -> StoreDamaged:
        """The error for a record of ``shard`` that is not valid (:meth:`Shards.bad_record`)."""
        return self._shards.bad_record(shard, error)

    def _read_schema(self) -> tuple[int, int, set[str]]:
        """The workspace's schema version, the journal change last folded, the shards written."""
        try:
            return read_workspace_file(self.data_dir)
        except Damage as damage:
            path = self.data_dir / WORKSPACE_FILE
            raise damaged(self.data_dir, path, str(damage), shard=None) from None

    def _read_journal(self, *, known_to_exist: bool) -> Contents:
        path = self.journal_path
        if known_to_exist and not path.exists():
            raise journal_missing(path)  # every writer leaves one: unfolded changes are gone
        contents = journal_file.read(path)
        if contents.damaged:
            raise journal_damaged(self.data_dir, path, contents)
        return contents

    # -- writing ---------------------------------------------------------------

    def atomic(self) -> AbstractContextManager[None]:
        """Group every write inside into one journal line: all of it lands, or none."""
        return self._changes.atomic()

    @contextmanager
    def locked(self) -> Iterator[None]:
        """No write lands inside (a listener's own lock is taken after this one)."""
        with self._mutex:
            yield

    @contextmanager
    def watching(self, listener: Callable[[list[Op]], None]) -> Iterator[None]:
        """Tell ``listener`` the ops of every journal line written from now on.

        The block runs under the workspace's lock: read there what the listener
        keeps up to date, so no write falls between the read and the first op.
        """
        with self._mutex:
            self._changes.listeners.append(listener)
            yield

    def next_id(self, counter: str, at_least: int = 0) -> int:
        """A new id for records spread over several shards (calls).

        ``at_least`` moves the counter past ids that were assigned elsewhere.

        Ids are taken :data:`ID_BLOCK` at a time: the counters document records
        the highest id taken, and the ids of a block are handed out without a
        write of their own. A logged call's journal line had carried the
        counter's op, a fifth of the work between its key and its fsync. An id
        is never handed out twice: a block is used only while the stored
        document is the very one that took it (a failed write puts the old one
        back); a crash leaves the rest of a block unused, and a clean close
        gives it back (:meth:`_give_back_ids`); a block's line set aside by a
        restore is made up for at the next open (:meth:`_raise_counters`).
        """
        with self._mutex:
            table = self._journaled(ACTIVITY, COUNTERS)
            doc = table.stored(1)
            if doc is not self._counters:
                self._issued.clear()
                # The document this put last is known good: only one read from a file
                # is checked.
                if doc is not None:
                    try:
                        check_counters(1, doc)
                    except InvalidRecord as error:
                        raise self.bad_record(ACTIVITY, error) from None
            taken = int(doc.get(counter, 0)) if doc else 0
            value = max(self._issued.get(counter, taken) + 1, at_least)
            if value > taken:
                # Ids assigned elsewhere (a bulk insert) move the counter once: no block.
                last = value if at_least else value + ID_BLOCK - 1
                self._counters = {**(doc or {}), counter: last}
                table.put(1, self._counters)
            self._issued[counter] = value
            return value

    def _journaled(self, shard: str, name: str) -> JournaledTable:
        table: JournaledTable = self.table(shard, name)  # type: ignore[assignment]
        return table  # no cast(): next_id asks for the counters on every logged call

    def _raise_counters(self, contents: Contents) -> None:
        """Move each counter past every id its table's journal lines put.

        A block of ids is taken by the line of its first id (:meth:`next_id`).
        Should that line be set aside (damaged, by ``prospect restore``) while
        the lines after it are kept, the counter would fall back below ids
        still in use. Only a journal with such lines writes anything here.
        """
        highest: dict[str, int] = {}
        for entry in contents.entries:
            for op in entry.ops:
                if op[0] == "put" and op[2] in NUMBERED and op[3] > highest.get(op[2], 0):
                    highest[op[2]] = op[3]
        if not highest:
            return
        try:
            table = self._journaled(ACTIVITY, COUNTERS)
            doc = table.stored(1) or {}
            check_counters(1, doc)
        except (StoreDamaged, InvalidRecord):
            return  # named as damage where it is read, as before
        behind = {name: top for name, top in highest.items() if top > int(doc.get(name, 0))}
        if behind:
            # A full disk leaves them behind until the next open: it is the open's
            # to fail on, not this.
            with contextlib.suppress(StoreWriteFailed):
                table.put(1, {**doc, **behind})

    def _give_back_ids(self) -> None:
        """Set each counter back to the last id handed out, so a clean exit leaves no gap.

        Only on the way to a fold: a close without one is a failed command's,
        which leaves the workspace as it is.

        Nothing is lost if this write fails: the ids stay unused, and the fold
        that follows reports the disk.
        """
        with self._mutex:  # no next_id of another thread between the read and the put
            doc = self._counters
            if doc is None:  # no id taken: activity is not even read
                return
            table = self._journaled(ACTIVITY, COUNTERS)
            if table.stored(1) is not doc:
                return
            back = {**doc, **self._issued}
            if back != doc:
                with contextlib.suppress(StoreWriteFailed):
                    table.put(1, back)
                    self._counters = back

    def fold(self) -> None:
        """Write every changed shard file and start an empty journal."""
        with self._mutex:
            if self._journal is None:
                raise ReadOnlyStore()
            try:
                self._fold_into_files()
            except OSError as error:
                # Every change is still in the journal; nothing is lost, the fold waits.
                raise StoreWriteFailed(self.data_dir, error) from None

    def _fold_into_files(self) -> None:
        assert self._journal is not None
        self._journal.sync()
        last = self._journal.last_seq
        for name in sorted(self._shards.dirty):
            shard = self._shards.shard(name)
            backups.keep(self.data_dir, name, shard.path, shard.seq)  # if it has a file
            # Kept before the new file lands: a restore replays it onto a backup, and
            # once the journal is reset its changes are nowhere else.
            backups.keep_changes(self.data_dir, name, self.journal_path, shard.seq, last)
            atomic_write(shard.path, dump_pieces(shard.to_tinydb(last)))
            shard.seq = last
            self._shards.known.add(name)
            backups.prune(self.data_dir, name)
        self._count_open_followups()
        # Recorded before the journal restarts, so a lost journal never restarts below it.
        self._write_schema(last)
        self._journal.reset(last)
        self._shards.folded()

    def write_folded(self, name: str, tables: dict[str, RawTable]) -> None:
        """Write a new shard straight to its file, as a fold at the last change writes it.

        For a bulk build (the sample's months of calls): a million records need
        not pass through the journal to be folded. The shard must be one nothing
        holds yet (no file, no change in the journal, not loaded); it joins the
        shards ``workspace.json`` lists at the next fold or schema write.
        """
        path, seq = self.reserve_folded(name)
        try:
            write_folded_file(path, name, tables, seq)
        except OSError as error:
            raise StoreWriteFailed(self.data_dir, error) from None
        self.add_folded(name)

    def reserve_folded(self, name: str) -> tuple[Path, int]:
        """The file :meth:`write_folded` would write shard ``name`` to, and the change it is
        folded up to: for a bulk build that writes it elsewhere (another process) with
        :func:`write_folded_file`, then hands it over with :meth:`add_folded`."""
        with self._mutex:
            if self._journal is None:
                raise ReadOnlyStore()
            path = self.shard_path(name)
            taken = (
                name in self._shards
                or name in self._shards.pending
                or name in self._shards.dirty
                or name in self._shards.known
                or os.path.lexists(path)
            )
            if taken:
                raise ValueError(f"shard {name!r} already holds records")
            return path, self.last_seq

    def add_folded(self, name: str) -> None:
        """Count shard ``name``, whose file :func:`write_folded_file` wrote, as the workspace's."""
        with self._mutex:
            self._shards.known.add(name)

    def discard_folded(self, name: str) -> None:
        """Remove a shard :meth:`write_folded` wrote, for a bulk build given up halfway."""
        with self._mutex:
            self.shard_path(name).unlink(missing_ok=True)
            self._shards.known.discard(name)

    def _upgrade(self) -> None:
        names = [PROSPECTS, ACTIVITY, *(n for f in MONTHLY for n in self.month_shards(f))]
        for name in names:
            if self.shard_path(name).exists() or name in self._shards.pending:
                self._shards.shard(name)
                self._shards.dirty.add(name)
        # An empty change of its own, so the migrated files never take the sequence
        # number (and so the backup name) of the files they replace.
        self._changes.append([], [])
        self._shards.schema = migrations.SCHEMA
        self.fold()

    def _uncounted(self) -> bool:
        """Whether a month of follow-ups read whole has no count kept, or another one."""
        before = dict(self._open_followups)
        self._count_open_followups()
        return self._open_followups != before

    def _count_open_followups(self) -> None:
        """Count the open follow-ups of every month in memory, for the next start to skip
        the months with none (:meth:`open_followups`); the others keep their count."""
        prefix = f"{FOLLOWUPS}/"
        for name in list(self._shards):
            path = self.shard_path(name)
            if name.startswith(prefix) and path.exists():
                tables = self._shards.shard(name).tables
                count = open_count(tables.get(FOLLOWUP_TABLE, {}))
                self._open_followups[name] = (count, path.stat().st_size)

    def _write_schema(self, folded: int) -> None:
        known = self._shards.known
        counted = {name: kept for name, kept in self._open_followups.items() if name in known}
        write_workspace_file(self.data_dir, self._shards.schema, folded, known, counted)
