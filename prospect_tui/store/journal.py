"""The write-ahead journal: one fsync'd line per change, folded into TinyDB later.

This module is the writer (:class:`Journal`); the format of its lines and
how a journal file reads back are :mod:`~prospect_tui.store.journal_lines`.

Logging a call appends one short line here instead of rewriting a file that
holds the whole history, so its cost does not grow with the data. The line
is on its way to disk (in the kernel, safe from ``kill -9``) when
:meth:`Journal.append` returns, and fsync'd (safe from power loss) before
:meth:`Journal.append` returns in ``sync="now"`` mode, or a moment later on the
background syncer thread in ``sync="background"`` mode, which reports each
durable sequence number.

Each line is ``<crc32 as 8 hex digits> <json>``. The first line is a header
``{"journal": 1, "base": N}``: every change up to sequence ``N`` is already
folded into the shard files. After a restore it also names, under ``lost``,
the changes the restore could not recover, so their gap reads as known. A
last line cut short by a crash was never acknowledged and is ignored. Every
other line stands on its own checksum: a bad line is damage, but the good
lines before and after it are all kept, and the gap it leaves in the
sequence numbers says which change was lost.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import Literal

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from prospect_tui.store.files import atomic_write, open_private, reserve, write_all
from prospect_tui.store.journal_lines import (
    FORMAT,
    BadLine,
    Contents,
    Entry,
    Op,
    change_line,
    change_pieces,
    checksum,
    encode,
    header,
    parse,
    read,
)

__all__ = [
    "FORMAT",
    "JOURNAL_FILE",
    "BadLine",
    "Contents",
    "Entry",
    "Journal",
    "JournalReplaced",
    "Op",
    "SyncMode",
    "encode",
    "header",
    "parse",
    "read",
]
"""The journal's whole interface: the writer here, its lines' format from journal_lines."""

JOURNAL_FILE = "journal.jsonl"
SyncMode = Literal["now", "background"]


class JournalReplaced(OSError):
    """Another file took the journal's place while a writer had it open."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            errno.ESTALE, "another file took its place while Prospect was writing to it", str(path)
        )


class Journal:
    """The writer's handle on the journal file."""

    def __init__(
        self,
        path: Path,
        contents: Contents,
        sync: SyncMode = "now",
        on_durable: Callable[[int], None] | None = None,
    ) -> None:
        self.path = path
        self._path_text = os.fspath(path)
        self.base = contents.base
        self._seq = contents.last_seq
        self._entries = len(contents.entries)
        self._sync_mode = sync
        self._lock = threading.Lock()
        self._fd_lock = threading.Lock()
        self._durable_lock = threading.Lock()
        self._durable = threading.Condition(self._durable_lock)
        self._synced_seq = self._seq
        self._awaited = 0
        """Callers of :meth:`wait_durable` waiting now: with none, a change made
        durable wakes nobody (the notify is Python code between a key and its return)."""
        self._on_durable = on_durable
        self._closing = False
        self._identity = (0, 0)
        """The journal file's (device, inode), to notice another file taking its place."""
        if contents.good_size == 0:
            self._write_fresh(contents.base)
        self._fd = self._open()
        if contents.good_size and contents.torn:
            os.ftruncate(self._fd, contents.good_size)
            os.fsync(self._fd)
        self._size = os.fstat(self._fd).st_size  # the end of the last line written whole
        self._tail_left = False  # whether a failed write may have left bytes after it
        self._reserved: int | None = 0
        """Where the disk blocks reserved for the journal end (:meth:`_reserve_ahead`);
        None once the system said it cannot reserve."""
        self._syncer: threading.Thread | None = None
        if sync == "background":
            self._syncer = threading.Thread(
                target=self._sync_loop, name="journal-sync", daemon=True
            )
            self._syncer.start()

    @property
    def last_seq(self) -> int:
        """The newest change written."""
        return self._seq

    @property
    def pending(self) -> int:
        """Changes written since the last fold."""
        return self._entries

    @property
    def synced_seq(self) -> int:
        """The newest change known to be on disk."""
        with self._durable:
            return self._synced_seq

    def append(self, ops: list[Op]) -> int:
        """Write one change set; returns its sequence number.

        In ``"now"`` mode it is fsync'd before this returns; in
        ``"background"`` mode the syncer thread fsyncs it moments later.
        """
        with self._lock:
            seq = self._seq + 1
            large = len(ops) >= STREAM_FROM
            line = b"" if large else change_line(seq, ops)
            pieces: Iterable[bytes] = ()
            if large and fcntl is None:  # no way to fill the checksum in afterwards
                # Encoded twice, once for its checksum (which comes first) and once
                # as it is written, rather than held whole.
                head = checksum(change_pieces(seq, ops))
                pieces = chain((head,), change_pieces(seq, ops), (b"\n",))
                large = False
            size = len(line)
            try:
                if self._tail_left:
                    os.ftruncate(self._fd, self._size)
                    self._tail_left = False
                    self._reserved_anew()
                self._check_path()
                if self._sync_mode == "now":
                    self._reserve_ahead(size)
                write_all(self._fd, line)
                # A line cut short by a crash between these writes has no newline: it is
                # dropped as never acknowledged, as one cut inside a single write is.
                for batch in _batches(pieces) if pieces else ():
                    write_all(self._fd, batch)
                    size += len(batch)
                if large:
                    size = self._write_large(seq, ops)
                if self._sync_mode == "now":
                    with self._fd_lock:
                        _datasync(self._fd)
            except OSError:
                # The caller is told nothing changed: take back any part of the line
                # written, or the next start would replay it (or the next line would
                # be glued onto it and read as damage).
                self._tail_left = True
                self._reserved_anew()
                with contextlib.suppress(OSError):
                    os.ftruncate(self._fd, self._size)
                    self._tail_left = False
                raise
            self._size += size
            self._seq = seq
            self._entries += 1
        if self._sync_mode == "now":
            self._mark_durable(seq)
        else:
            with self._durable:
                self._durable.notify_all()
        return seq

    def _write_large(self, seq: int, ops: list[Op]) -> int:
        """Write a large change's line, each op encoded once; returns its size in bytes.

        A change of 50,000 imported prospects is tens of megabytes: held whole it
        was most of an import's peak memory, and encoding it a second time for
        its checksum (which comes first) cost a second. The line goes out with a
        blank checksum, filled in once the body is written; its newline goes
        last, so a crash at any point leaves a line without one, which a reader
        drops as never acknowledged, as it drops one cut inside a single write.
        """
        assert fcntl is not None
        start = os.lseek(self._fd, 0, os.SEEK_END)
        write_all(self._fd, _BLANK_CHECKSUM)
        size = len(_BLANK_CHECKSUM)
        crc = 0
        for batch in _batches(change_pieces(seq, ops)):
            crc = zlib.crc32(batch, crc)
            write_all(self._fd, batch)
            size += len(batch)
        # An append-only descriptor writes at the end whatever the offset asked for.
        flags = fcntl.fcntl(self._fd, fcntl.F_GETFL)
        fcntl.fcntl(self._fd, fcntl.F_SETFL, flags & ~os.O_APPEND)
        try:
            head = b"%08x " % crc
            if os.pwrite(self._fd, head, start) != len(head):
                raise OSError(errno.EIO, "the journal line's checksum was not written")
        finally:
            fcntl.fcntl(self._fd, fcntl.F_SETFL, flags)
        write_all(self._fd, b"\n")
        return size + 1

    def _reserve_ahead(self, coming: int) -> None:
        """Reserve the next :data:`RESERVE` bytes of disk past the end, the file's size
        unchanged, once fewer than half of them are left for ``coming`` bytes.

        An append that grows the file into blocks it does not have yet makes its
        fsync write a new extent too: on this project's machine the slowest
        twentieth of such appends took 10–25% longer. Called with ``_lock``
        held: by an append in ``"now"`` mode, by the syncer before it syncs in
        ``"background"`` mode (the first reservation loads ``ctypes``, a
        millisecond or two, off the screen's thread).
        """
        if self._reserved is None or self._size + coming + RESERVE // 2 <= self._reserved:
            return
        with self._fd_lock:
            if reserve(self._fd, self._size, RESERVE):
                self._reserved = self._size + RESERVE
            else:
                self._reserved = None

    def _reserved_anew(self) -> None:
        """The file was cut or replaced: blocks reserved past its end may be gone."""
        if self._reserved is not None:
            self._reserved = 0

    def sync(self) -> None:
        """fsync everything written so far."""
        with self._fd_lock:
            target = self._seq
            if self._synced_seq >= target:
                return
            _datasync(self._fd)
        self._mark_durable(target)

    def wait_durable(self, seq: int, timeout: float | None = None) -> bool:
        """Block until change ``seq`` is on disk (for tests and benchmarks)."""
        with self._durable:
            self._awaited += 1
            try:
                return self._durable.wait_for(lambda: self._synced_seq >= seq, timeout)
            finally:
                self._awaited -= 1

    def reset(self, base: int) -> None:
        """Start an empty journal after a fold that covered every change up to ``base``."""
        with self._lock, self._fd_lock:
            # The new file is in place before the old descriptor goes: if writing it
            # fails, the journal carries on exactly as it was.
            self._write_fresh(base)
            old, self._fd = self._fd, self._open()
            os.close(old)
            self._size = os.fstat(self._fd).st_size
            self._tail_left = False
            self._reserved_anew()
            self.base = base
            self._seq = max(self._seq, base)
            self._entries = 0
        self._mark_durable(self._seq)

    def close(self) -> None:
        """Flush, stop the syncer and release the file.

        If the flush fails (a full disk), the syncer is stopped and the file
        released all the same, and the error raised: the lines written stay in
        the file for the next start to replay.
        """
        try:
            self.sync()
        finally:
            with self._durable:
                self._closing = True
                self._durable.notify_all()
            if self._syncer is not None:
                self._syncer.join(timeout=5)
            with self._lock, self._fd_lock:
                os.close(self._fd)

    def _open(self) -> int:
        # Read-write: a journal deleted by hand is written back from this descriptor.
        fd = open_private(self.path, os.O_RDWR | os.O_APPEND)
        info = os.fstat(fd)
        self._identity = (info.st_dev, info.st_ino)
        return fd

    def _check_path(self) -> None:
        """Make sure the next line goes to the file at :attr:`path`, not into the void.

        One ``lstat``: cheap next to the write and fsync it guards.
        """
        try:
            there = os.lstat(self._path_text)  # a str: a Path is converted first, each time
        except FileNotFoundError:
            # Deleted while we write: put every line back from the open descriptor,
            # or a crash would lose calls the screen showed as logged.
            data = os.pread(self._fd, self._size, 0)
            atomic_write(self.path, data)
            with self._fd_lock:
                old, self._fd = self._fd, self._open()
                os.close(old)
            self._reserved_anew()
            return
        if (there.st_dev, there.st_ino) != self._identity:
            # Not ours to overwrite: what is in memory is folded into the files on exit.
            raise JournalReplaced(self.path)

    def _write_fresh(self, base: int) -> None:
        atomic_write(self.path, header(base))

    def _mark_durable(self, seq: int) -> None:
        with self._durable_lock:  # the condition's own lock, without its Python methods
            if seq <= self._synced_seq:
                return
            self._synced_seq = seq
            if self._awaited:
                self._durable.notify_all()
        if self._on_durable is not None:
            self._on_durable(seq)

    def _sync_loop(self) -> None:
        while True:
            with self._durable:
                self._durable.wait_for(lambda: self._closing or self._seq > self._synced_seq)
                if self._closing:
                    return
            try:
                with self._lock:
                    self._reserve_ahead(0)
                self.sync()
            except OSError:
                # The next append raises to the caller; the syncer keeps trying.
                with self._durable:
                    self._durable.wait(0.5)


_datasync: Callable[[int], None] = getattr(os, "fdatasync", os.fsync)  # fsync: macOS, Windows


RESERVE = 1 << 20
"""Bytes of disk the journal reserves ahead of its end at a time."""
STREAM_FROM = 1_000
"""Changes of this many ops or more are encoded as they are written, never held whole."""
_BLANK_CHECKSUM = b"00000000 "
"""Where a large change's checksum goes until its body is written."""
WRITE_BATCH = 1 << 20
"""Bytes joined into one write: few system calls, never a copy of a whole large change."""


def _batches(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """``pieces`` joined into writes of about :data:`WRITE_BATCH` bytes, in order."""
    batch: list[bytes] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= WRITE_BATCH:
            yield b"".join(batch)
            batch, size = [], 0
    if batch:
        yield b"".join(batch)
