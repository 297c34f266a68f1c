"""The workspace's shards in memory: each file read on first use, the journal applied over it.

A shard (``prospects``, ``activity``, ``calls/YYYY-MM`` …) is loaded the first
time it is asked for: its file is read, the journal's changes that the file
does not hold yet are applied, and an older schema is migrated. What the next
fold must write (the shards changed since the last one) is kept here too,
since loading decides some of it. Opening, writing and folding are the
:class:`~prospect_tui.store.workspace.Workspace`'s.

A file the workspace wrote (``workspace.json`` lists every shard) is damage
when it goes missing, never an empty table: a reader would otherwise show
nothing and a writer fold nothing over it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tinydb.table import Table

from prospect_tui.core.model import check_document
from prospect_tui.core.record import InvalidRecord
from prospect_tui.store import journal as journal_file
from prospect_tui.store import migrations
from prospect_tui.store.damage import damaged, journal_damaged
from prospect_tui.store.day_lines import read_days
from prospect_tui.store.doc_lines import LineDocs, LineView, Unstreamable, might_hold
from prospect_tui.store.errors import StoreDamaged, StoreTooNew, StoreUnavailable
from prospect_tui.store.files import read_bytes
from prospect_tui.store.journal import Contents, Op
from prospect_tui.store.layout import months_on_disk
from prospect_tui.store.shard_file import Damage, peek_counts, peek_meta, read_shard, stream_shard
from prospect_tui.store.storage import Committer, RawTable, Shard, ShardDB, apply, open_db


class Shards(Mapping[str, Shard]):
    """The shards loaded so far, by name; any other is loaded when first asked for.

    ``pending`` holds the journal's changes not yet in the files, ``dirty``
    the shards the next fold writes (shared with the ``committer``), ``known``
    the shards ``workspace.json`` lists and ``schema`` the version a file that
    does not say was written with.
    """

    def __init__(
        self, data_dir: Path, committer: Committer, mutex: threading.RLock, dirty: set[str]
    ) -> None:
        self.data_dir = data_dir
        self._committer = committer
        self._mutex = mutex
        self._loaded: dict[str, Shard] = {}
        self._tables: dict[tuple[str, str], Table] = {}
        """The tables asked for, by shard and name, while their shard stays loaded."""
        self.pending: dict[str, list[tuple[int, Op]]] = {}
        self.dirty = dirty  # the committer's: the writes add to it too
        self.known: set[str] = set()
        self.schema = migrations.SCHEMA

    def __getitem__(self, name: str) -> Shard:
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded)

    def __len__(self) -> int:
        return len(self._loaded)

    def hold_pending(self, contents: Contents, folded: int) -> None:
        """Keep the journal's changes after ``folded``, to apply as each shard loads."""
        for entry in contents.entries:
            if entry.seq <= folded:
                continue  # already in the files: a fold finished but its journal reset did not
            for op in entry.ops:
                self.pending.setdefault(op[1], []).append((entry.seq, op))
        self.dirty.clear()
        self.dirty.update(self.pending)

    def folded(self) -> None:
        """The journal is in the files now: nothing pending, nothing to write."""
        self.pending.clear()
        self.dirty.clear()

    def path(self, name: str) -> Path:
        """The file of shard ``name``."""
        return self.data_dir / f"{name}.json"

    def shard(self, name: str) -> Shard:
        """Shard ``name``, loaded on first use."""
        with self._mutex:
            return self._loaded.get(name) or self._load(name)

    def db(self, name: str) -> ShardDB:
        """The TinyDB database of shard ``name``, loaded on first use."""
        with self._mutex:  # not through shard(): every save asks for its table here
            shard = self._loaded.get(name) or self._load(name)
        assert shard.db is not None
        return shard.db

    def table(self, shard: str, name: str) -> Table:
        """A TinyDB table in shard ``shard``.

        Kept by name: a logged call asks for three tables between its key and its
        fsync, and the way through the shard and its database is four calls each.
        """
        table = self._tables.get((shard, name))
        if table is None:
            with self._mutex:
                table = self._tables[shard, name] = self.db(shard).table(name)
        return table

    def rows(self, shard: str, name: str) -> Mapping[str, Mapping[str, Any]]:
        """A table's documents as stored (id text → document), for fast read-only scans.

        Counting 8,000 sprints this way takes milliseconds; decoding each into a
        record takes a hundred times longer. Never modify what this returns.
        """
        with self._mutex:
            tables: dict[str, RawTable] = self.db(shard).storage.read() or {}
            docs = tables.get(name, {})
            return docs.view() if isinstance(docs, LineDocs) else MappingProxyType(docs)

    def rows_between(
        self, shard: str, name: str, first: date, last: date
    ) -> Mapping[str, Mapping[str, Any]]:
        """The documents of table ``name`` whose user's day is ``first`` … ``last``, stored order.

        A shard not in memory, whose file is all there is to it, is read from
        that day's lines of the file (:mod:`.day_lines`); otherwise from its rows.
        """
        low, high = first.isoformat(), last.isoformat()
        with self._mutex:
            if shard not in self._loaded and shard not in self.pending and shard not in self.dirty:
                try:
                    lines = read_days(self.path(shard), name, low, high)
                except FileNotFoundError:
                    lines = None if shard in self.known else {}  # loading names the damage
                if lines is not None:
                    return lines
            rows = self.rows(shard, name)
            if isinstance(rows, LineView):
                # Ten years of sprints: the day's found by an index of their days, not a
                # scan. Under the lock: the index follows writes, and two readers at once
                # would each take in the same new documents.
                keys, undated = rows.keys_between("local_date", low, high)
                for key in undated:
                    self._check_dated(shard, name, key, rows[key])
                return {key: rows[key] for key in keys}
        found: dict[str, Mapping[str, Any]] = {}
        for key, doc in rows.items():
            day = doc.get("local_date") if isinstance(doc, dict) else None
            if not isinstance(day, str):
                self._check_dated(shard, name, key, doc)
            elif low <= day <= high:
                found[key] = doc
        return found

    def _check_dated(self, shard: str, name: str, key: str, doc: Any) -> None:
        """A record without its day (or not a record) is damage: name it."""
        try:
            check_document(name, key, doc)
        except InvalidRecord as error:
            raise self.bad_record(shard, error) from None

    def stream_rows(
        self, shard: str, name: str, mentioning: str | None = None
    ) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """Every document of table ``name`` (id text, document), in stored order, one at a time.

        A shard not in memory, whose file is all there is to it, is read line by
        line from its file and never held (an export of 50,000 prospects in the
        memory of one); any other, or a file that cannot be read so, from its rows.
        With ``mentioning``, only (at least) the documents that may hold that field.
        """
        given: set[str] = set()
        with self._mutex:
            streaming = not (shard in self._loaded or shard in self.pending or shard in self.dirty)
        if streaming:
            try:
                for key, doc in stream_shard(self.path(shard), name, mentioning):
                    given.add(key)
                    yield key, doc
                return
            except (Unstreamable, FileNotFoundError):
                pass  # read whole below: that names any damage, or finds the shard empty
            except OSError as error:
                raise StoreUnavailable(self.data_dir, error) from None
        rows = self.rows(shard, name)
        for key in rows:
            if key not in given and (mentioning is None or might_hold(rows, key, mentioning)):
                yield key, rows[key]

    def has_documents(self, shard: str, name: str) -> bool:
        """Whether table ``name`` of ``shard`` holds anything, without loading the shard.

        The counts in a shard file's ``_meta`` (written first) and the journal's
        pending changes answer it; loading 20,000 prospects just to learn "not
        empty" would hold the screen up right after its first frame.
        """
        with self._mutex:
            if shard in self._loaded:
                return bool(self._loaded[shard].tables.get(name))
            if any(op[0] == "put" and op[2] == name for _, op in self.pending.get(shard, ())):
                return True
            if shard in self.known and not self.path(shard).exists():
                self._load(shard)  # raises: a file the workspace wrote is gone
            counts = peek_counts(self.path(shard))
        if counts is None:  # an older or hand-written file: read it the long way
            return bool(self.rows(shard, name))
        return counts.get(name, 0) > 0

    def file_meta(self, shard: str, record: str = "1") -> dict[str, Any] | None:
        """A ``_meta`` record of ``shard``'s file (:func:`.shard_file.peek_meta`), from its head.

        Only when the file is all there is to the shard: None if the shard is in
        memory or the journal holds changes to it (its file is behind), or if the
        file's head is not the layout :func:`.shard_file.dump` writes; ``{}`` if no file.
        """
        with self._mutex:
            if shard in self._loaded or shard in self.pending or shard in self.dirty:
                return None
            return peek_meta(self.path(shard), record)

    def month_shards(self, folder: str) -> list[str]:
        """Every month of ``folder`` (calls, time) on disk or in the journal, oldest first."""
        prefix = f"{folder}/"
        names = {name for name in self.pending if name.startswith(prefix)}
        names.update(name for name in self._loaded if name.startswith(prefix))
        names.update(name for name in self.known if name.startswith(prefix))
        names.update(months_on_disk(self.data_dir, folder))
        return sorted(names)

    def _load(self, name: str) -> Shard:
        path = self.path(name)
        try:
            if name in self.known and not path.exists():
                raise Damage("missing")
            tables, seq, written_with = read_shard(path, lazy=True)
        except Damage as damage:
            raise damaged(self.data_dir, path, str(damage), shard=name) from None
        except OSError as error:
            raise StoreUnavailable(self.data_dir, error) from None
        if written_with is not None and written_with > migrations.SCHEMA:
            raise StoreTooNew(path, written_with, migrations.SCHEMA)
        for op_seq, op in self.pending.get(name, ()):
            if op_seq > seq:
                apply(tables, op)
        # Each file says which schema wrote it, so a migration interrupted half-way
        # (or a restored old backup) is carried forward from where that file stands.
        schema = written_with or self.schema
        if schema < migrations.SCHEMA:
            # A migration may change documents in place: they must be the tables' own.
            tables = {table: dict(docs.items()) for table, docs in tables.items()}
            migrations.migrate(name, tables, schema)
            self.dirty.add(name)
        shard = Shard(name=name, path=path, tables=tables, seq=seq)
        shard.db = open_db(shard, self._committer)
        self._forget_tables(name)
        self._loaded[name] = shard
        return shard

    def release(self, name: str) -> None:
        """Let go of shard ``name`` unless the next fold must write it (it reloads on use).

        For a scan of the whole history (an export of every call): each month
        is let go once read, so memory holds one month, not ten years.
        """
        with self._mutex:
            if name not in self.dirty:
                self._forget_tables(name)
                self._loaded.pop(name, None)

    def _forget_tables(self, shard: str) -> None:
        for key in [key for key in self._tables if key[0] == shard]:
            del self._tables[key]

    def bad_record(self, shard: str, error: InvalidRecord) -> StoreDamaged:
        """The error for a record of ``shard`` that is not valid, found as it was decoded.

        The journal's changes are applied over the file, so a bad record that a
        pending change put is damage of the journal (a restore sets that line
        aside); any other is damage of the shard's file (a restore brings back
        its last good copy). Checking the journal here, on the way to an error,
        keeps every start from reading each of its changes twice.
        """
        with self._mutex:
            if any(
                op[0] == "put" and op[2] == error.table for _, op in self.pending.get(shard, ())
            ):
                journal_path = self.data_dir / journal_file.JOURNAL_FILE
                contents = journal_file.parse(read_bytes(journal_path), check=True)
                if contents.damaged:
                    return journal_damaged(self.data_dir, journal_path, contents)
        return damaged(self.data_dir, self.path(shard), str(error), shard=shard)
