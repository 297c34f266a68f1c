"""The write-ahead journal: one fsync'd line per change, folded into TinyDB later.

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
import json
import os
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from prospect_tui.store.files import atomic_write, open_private, read_bytes, write_all

JOURNAL_FILE = "journal.jsonl"
FORMAT = 1

Op = list[Any]
"""``["put", shard, table, doc_id, doc]``, ``["del", shard, table, doc_id]`` or
``["clear", shard, table]``."""

SyncMode = Literal["now", "background"]


class JournalReplaced(OSError):
    """Another file took the journal's place while a writer had it open."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            errno.ESTALE, "another file took its place while Prospect was writing to it", str(path)
        )


@dataclass(frozen=True, slots=True)
class Entry:
    """One committed change set: every op in it was written at once."""

    seq: int
    ops: list[Op]


@dataclass(frozen=True, slots=True)
class BadLine:
    """A whole line that is not what was written: set aside, the lines around it kept."""

    line: int
    """Its line number, from 1."""
    start: int
    end: int
    """Its bytes in the file, newline included."""
    seq: int | None
    """The change it held, when the numbers of the good lines around it tell."""
    ops: list[Op] | None
    """What it held, if its JSON still reads (its checksum does not match, so not to apply)."""


@dataclass(frozen=True, slots=True)
class Contents:
    """What a journal file holds."""

    base: int
    entries: list[Entry]
    good_size: int
    """Bytes up to the end of the last whole line; anything after is a torn tail."""
    size: int
    bad: tuple[BadLine, ...] = ()
    """Whole lines that do not match their checksum or the sequence."""
    missing: tuple[int, ...] = ()
    """Changes absent from the file, not known to be given up on."""
    given_up: tuple[int, ...] = ()
    """Changes a restore recorded as lost (named in the header), so no longer damage."""

    @property
    def last_seq(self) -> int:
        """The newest sequence number, folded or not."""
        return self.entries[-1].seq if self.entries else self.base

    @property
    def torn(self) -> bool:
        """Whether a crash left a partial line at the end."""
        return self.size > self.good_size

    @property
    def damaged(self) -> bool:
        """Whether a line is bad or a change is missing: something saved was lost."""
        return bool(self.bad or self.missing)

    def problem(self) -> str:
        """What is wrong, for the user, in a few words (no full stop)."""
        parts = []
        if self.bad:
            numbers = _join([str(bad.line) for bad in self.bad])
            parts.append(f"line{'s' if len(self.bad) > 1 else ''} {numbers} not as written")
        if self.missing:
            parts.append(
                f"change{'s' if len(self.missing) > 1 else ''} {_ranges(self.missing)} lost"
            )
        return "; ".join(parts)


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _ranges(seqs: tuple[int, ...] | list[int]) -> str:
    """``3, 5–7 and 9``: sequence numbers as the user reads them."""
    runs: list[list[int]] = []
    for seq in sorted(seqs):
        if runs and seq == runs[-1][-1] + 1:
            runs[-1].append(seq)
        else:
            runs.append([seq])
    return _join([f"{r[0]}" if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs])


def encode(payload: dict[str, Any]) -> bytes:
    """One journal line, checksum first."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def header(base: int, given_up: list[int] | tuple[int, ...] = ()) -> bytes:
    """The first line of a journal starting after change ``base``.

    ``given_up`` names changes a restore could not recover, so that their gap
    in the numbers reads as known, not as fresh damage.
    """
    payload: dict[str, Any] = {"journal": FORMAT, "base": base}
    if given_up:
        payload["lost"] = sorted(given_up)
    return encode(payload)


def _decode(line: bytes) -> dict[str, Any] | None:
    if len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        value = json.loads(body)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _salvage(line: bytes) -> list[Op] | None:
    """The ops of a bad line whose JSON still reads, to say what was lost."""
    try:
        value = json.loads(line[9:])
    except ValueError:
        return None
    ops = value.get("ops") if isinstance(value, dict) else None
    return ops if isinstance(ops, list) and all(isinstance(op, list) for op in ops) else None


def read(path: Path) -> Contents:
    """Parse a journal file; a missing file is an empty journal at base 0."""
    try:
        data = read_bytes(path)
    except FileNotFoundError:
        return Contents(base=0, entries=[], good_size=0, size=0)
    return parse(data)


def parse(data: bytes) -> Contents:
    """Parse journal bytes: every good line kept, each bad one set apart.

    Each line stands on its own checksum, so one bad line never costs the
    lines after it. A whole line (ended by its newline) that is not what was
    written is damage, wherever it is; only a partial last line, never
    acknowledged, is a torn tail.
    """
    complete = data.split(b"\n")[:-1]  # the piece after the last newline is never a whole line
    base: Any = None
    given_up: list[int] = []
    offset = 0
    entries: list[Entry] = []
    waiting: list[tuple[int, int, int, list[Op] | None, bool]] = []  # bad lines since a good one
    bad: list[BadLine] = []
    missing: list[int] = []

    def settle(next_seq: int | None) -> None:
        # The numbers missing between two good lines are the changes lost there. A
        # line that still reads but is out of order holds no change of its own; when
        # the unreadable lines are as many as the missing numbers, each held one.
        unreadable = [item for item in waiting if item[4]]
        previous = entries[-1].seq if entries else base
        gap: list[int] = []
        if previous is not None:
            end = next_seq if next_seq is not None else previous + 1 + len(unreadable)
            gap = list(range(previous + 1, end))
        numbers = iter(gap if len(gap) == len(unreadable) else [None] * len(unreadable))
        for number, start, stop, ops, lost in waiting:
            bad.append(BadLine(number, start, stop, next(numbers) if lost else None, ops))
        missing.extend(gap)
        waiting.clear()

    for number, line in enumerate(complete, start=1):
        start, offset = offset, offset + len(line) + 1
        value = _decode(line)
        seq = value.get("seq") if value is not None else None
        ops = value.get("ops") if value is not None else None
        if number == 1:
            if value is not None and value.get("journal") == FORMAT:
                base = value.get("base")
                lost = value.get("lost")
                given_up = [s for s in lost if isinstance(s, int)] if isinstance(lost, list) else []
            if isinstance(base, int):
                continue
            base = None  # the header is not what was written: the line is set aside
            seq = None
        previous = entries[-1].seq if entries else base
        if (
            not isinstance(seq, int)
            or not isinstance(ops, list)
            or (previous is not None and seq <= previous)
        ):
            held = ops if isinstance(ops, list) else _salvage(line) if value is None else None
            # The header held no change; a line that reads and is merely out of order
            # holds one already seen.
            lost = number > 1 and (value is None or not isinstance(ops, list))
            waiting.append((number, start, offset, held, lost))
            continue
        if base is None:  # the header is damaged: the journal starts before its first change
            base = seq - 1
        settle(seq)
        entries.append(Entry(seq, ops))
    if waiting:
        settle(None)
    known = set(given_up)
    return Contents(
        base=base or 0,
        entries=entries,
        good_size=offset,
        size=len(data),
        bad=tuple(bad),
        missing=tuple(seq for seq in missing if seq not in known),
        given_up=tuple(given_up),
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
        self.base = contents.base
        self._seq = contents.last_seq
        self._entries = len(contents.entries)
        self._sync_mode = sync
        self._lock = threading.Lock()
        self._fd_lock = threading.Lock()
        self._durable = threading.Condition(threading.Lock())
        self._synced_seq = self._seq
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
            line = encode({"seq": seq, "ops": ops})
            try:
                if self._tail_left:
                    os.ftruncate(self._fd, self._size)
                    self._tail_left = False
                self._check_path()
                write_all(self._fd, line)
                if self._sync_mode == "now":
                    with self._fd_lock:
                        _datasync(self._fd)
            except OSError:
                # The caller is told nothing changed: take back any part of the line
                # written, or the next start would replay it (or the next line would
                # be glued onto it and read as damage).
                self._tail_left = True
                with contextlib.suppress(OSError):
                    os.ftruncate(self._fd, self._size)
                    self._tail_left = False
                raise
            self._size += len(line)
            self._seq = seq
            self._entries += 1
        if self._sync_mode == "now":
            self._mark_durable(seq)
        else:
            with self._durable:
                self._durable.notify_all()
        return seq

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
            return self._durable.wait_for(lambda: self._synced_seq >= seq, timeout)

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
            self.base = base
            self._seq = max(self._seq, base)
            self._entries = 0
        self._mark_durable(self._seq)

    def close(self) -> None:
        """Flush, stop the syncer and release the file."""
        self.sync()
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
            there = os.lstat(self.path)
        except FileNotFoundError:
            # Deleted while we write: put every line back from the open descriptor,
            # or a crash would lose calls the screen showed as logged.
            data = os.pread(self._fd, self._size, 0)
            atomic_write(self.path, data)
            with self._fd_lock:
                old, self._fd = self._fd, self._open()
                os.close(old)
            return
        if (there.st_dev, there.st_ino) != self._identity:
            # Not ours to overwrite: what is in memory is folded into the files on exit.
            raise JournalReplaced(self.path)

    def _write_fresh(self, base: int) -> None:
        atomic_write(self.path, header(base))

    def _mark_durable(self, seq: int) -> None:
        with self._durable:
            if seq <= self._synced_seq:
                return
            self._synced_seq = seq
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
                self.sync()
            except OSError:
                # The next append raises to the caller; the syncer keeps trying.
                with self._durable:
                    self._durable.wait(0.5)


def _datasync(fd: int) -> None:
    if hasattr(os, "fdatasync"):
        os.fdatasync(fd)
    else:  # pragma: no cover - macOS and Windows
        os.fsync(fd)
