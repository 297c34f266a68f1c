"""Calls written a month at a time, straight into their files: a bulk build's writer."""

from __future__ import annotations

import multiprocessing
from collections.abc import Mapping
from contextlib import suppress
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

from prospect_tui.core.model import Call
from prospect_tui.store import json_text
from prospect_tui.store.doc_lines import ABSENT, Doc, LineDocs
from prospect_tui.store.errors import StoreWriteFailed
from prospect_tui.store.layout import calls_shard
from prospect_tui.store.storage import RawTable
from prospect_tui.store.workspace import Workspace, write_folded_file


class CallMonths:
    """Takes calls oldest first and writes each month's file once the month is whole.

    Each file is as a fold writes it (:meth:`Workspace.write_folded`), so only
    one month of calls is ever in memory and none passes through the journal.
    Where the system can fork, a second process writes each month (works out
    its head's counts, writes and syncs its file) while the next one is made.
    """

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.month: str | None = None
        self.key = (0, 0)
        self.calls = EncodedDocs()
        self.written: list[str] = []
        """The months handed over to be written, the one being written too."""
        self.count = 0
        self.highest = 0
        """The highest call id written, for the workspace's counter."""
        # Started now, before the build holds its prospects: the fork copies little.
        self.writer = _Writer() if _CAN_FORK else None

    def add(self, call_id: int, day: date, doc: Doc) -> None:
        """Take the next call, its document as stored (:meth:`Call.to_stored`) and the
        user's day it counts for; its month must not be one already written."""
        if (day.year, day.month) != self.key:  # a shard's name costs more than the call
            self._hand_over()
            self.month, self.key = calls_shard(day), (day.year, day.month)
        self.calls.put(str(call_id), doc)
        self.count += 1
        self.highest = max(self.highest, call_id)

    def flush(self) -> None:
        """Write the month in hand, if any, and wait until every month is written.

        Raises :class:`StoreWriteFailed` if one could not be.
        """
        self._hand_over()
        if self.writer is not None:
            try:
                self._settle()
            finally:
                self.writer.close()
                self.writer = None

    def _hand_over(self) -> None:
        """Have the month in hand written, once the one before it is."""
        month, calls = self.month, self.calls
        self.month, self.key, self.calls = None, (0, 0), EncodedDocs()
        if month is None or not calls:
            return
        if self.writer is None:
            self.workspace.write_folded(month, {Call.TABLE: cast(RawTable, calls)})
            self.written.append(month)
            return
        self._settle()
        path, seq = self.workspace.reserve_folded(month)
        self.written.append(month)
        self.writer.start(month, path, calls.texts(), seq)

    def _settle(self) -> None:
        """Wait for the month being written, if any, and count it as the workspace's."""
        assert self.writer is not None
        try:
            month = self.writer.wait()
        except OSError as error:
            raise StoreWriteFailed(self.workspace.data_dir, error) from None
        if month is not None:
            self.workspace.add_folded(month)

    def discard(self) -> None:
        """Remove every month written: the build was given up."""
        if self.writer is not None:
            with suppress(Exception):
                self.writer.wait()
            self.writer.close()
            self.writer = None
        for month in self.written:
            self.workspace.discard_folded(month)
        self.written, self.month, self.key, self.calls = [], None, (0, 0), EncodedDocs()


_CAN_FORK = "fork" in multiprocessing.get_all_start_methods()


class _Writer:
    """A process of its own that writes one month's file at a time (:func:`_serve`)."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs,), daemon=True)
        self.process.start()
        theirs.close()
        self.month: str | None = None
        """The month being written."""

    def start(self, month: str, path: Path, texts: dict[str, bytes], seq: int) -> None:
        """Have ``month``'s calls (their texts) written to ``path``, folded up to ``seq``."""
        self.conn.send((month, path, texts, seq))
        self.month = month

    def wait(self) -> str | None:
        """The month being written, once it is (None if none was); raises what failed."""
        month, self.month = self.month, None
        if month is None:
            return None
        try:
            error = self.conn.recv()
        except EOFError:
            raise OSError(f"the process writing {month} ended before it was written") from None
        if error is not None:
            raise error
        return month

    def close(self) -> None:
        """Let the process end."""
        with suppress(OSError):
            self.conn.send(None)
        self.conn.close()
        self.process.join()


def _serve(conn: Connection) -> None:
    """Write each month sent until told to stop; answer None for each written, or the error."""
    while (job := conn.recv()) is not None:
        month, path, texts, seq = job
        try:
            # Documents held as their texts, as a file is read: the fold writes
            # each as it is and parses it for the head's counts.
            write_folded_file(path, month, {Call.TABLE: cast(RawTable, LineDocs(texts))}, seq)
        except OSError as error:  # handed back: the build says what failed
            conn.send(error)
        else:
            conn.send(None)


class EncodedDocs(LineDocs):
    """A table held both ways: each document's JSON text, and the document itself.

    A fold writes a document held as its text as it is (:mod:`.doc_lines`): a
    month of calls is encoded once as it is made, rather than twice by the
    write (once to measure the file, once to write it). The counts the file's
    head keeps read the documents themselves, not a parse of each text.
    """

    __slots__ = ("_held",)

    def __init__(self) -> None:
        super().__init__()
        self._held: dict[str, Doc] = {}

    def put(self, key: str, doc: Doc) -> None:
        """Add document ``key``, last in order; it must not be changed afterwards."""
        self._docs[key] = _encode(doc)
        self._held[key] = doc
        self._columns.version += 1

    def __getitem__(self, key: str) -> Doc:
        return self._held[key]

    def texts(self) -> dict[str, bytes]:
        """Each document's JSON text, by key."""
        return self._docs  # type: ignore[return-value]

    def column(self, field: str) -> Mapping[str, Any]:
        return MappingProxyType({key: doc.get(field, ABSENT) for key, doc in self._held.items()})


_ENCODE = json_text.encoder(json_text.SPACED)
"""As a fold encodes a document (:func:`.shard_file.dump`): the file reads the same."""


def _encode(doc: Doc) -> bytes:
    return _ENCODE(doc).encode()
