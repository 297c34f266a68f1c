"""The journal's lines: how each is written, and what a journal file holds when read back.

Each line is ``<crc32 as 8 hex digits> <json>``: a header first, then one
change (``{"seq": N, "ops": [...]}``) a line. Reading keeps every line whose
checksum holds, and names the ones that do not (:class:`BadLine`) with the
change each held, so a restore can say what was lost.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prospect_tui.core.model import check_document, stored_id
from prospect_tui.core.record import InvalidRecord
from prospect_tui.store import json_text
from prospect_tui.store.files import read_bytes

FORMAT = 1

Op = list[Any]
"""``["put", shard, table, doc_id, doc]``, ``["del", shard, table, doc_id]`` or
``["clear", shard, table]``."""


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
    body = json_text.compact_bytes(payload)
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def change_pieces(seq: int, ops: list[Op]) -> Iterator[bytes]:
    """:func:`encode`'s body of ``{"seq": seq, "ops": ops}``, the same bytes, an op at a time.

    A change may hold 50,000 imported prospects: encoded whole, its text, its
    bytes and its line were three copies of tens of megabytes at once.
    """
    yield b'{"seq":%d,"ops":[' % seq
    for n, op in enumerate(ops):
        yield (b"," if n else b"") + json_text.compact_bytes(op)
    yield b"]}"


def change_line(seq: int, ops: list[Op]) -> bytes:
    """The whole line of a small change, as :func:`encode` writes it: in one encode.

    A call logged is two ops or more between the key and the fsync; encoding
    them as one list costs less than encoding them an op at a time.
    """
    body = b'{"seq":%d,"ops":%s}' % (seq, json_text.compact_bytes(ops))
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def checksum(pieces: Iterable[bytes]) -> bytes:
    """The line's header for a body given in ``pieces``: its CRC-32 as :func:`encode` writes it."""
    crc = 0
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
    return b"%08x " % crc


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


def valid_ops(ops: list[Any], *, records: bool = True) -> bool:
    """Whether every op is well formed and (``records``) every document it puts a valid record.

    A line whose checksum holds was written as it reads, but may have been
    edited by hand (and its checksum with it): a record that is not valid
    would otherwise reach a file at the next fold and be blamed on it.
    """
    for op in ops:
        if not isinstance(op, list) or len(op) < 3 or not all(isinstance(p, str) for p in op[1:3]):
            return False
        kind, size = op[0], len(op)
        if kind == "clear":
            if size != 3:
                return False
            continue
        if kind not in ("put", "del") or size != (5 if kind == "put" else 4):
            return False
        if stored_id(op[3]) is None:
            return False
        if kind == "put" and records:
            try:
                check_document(op[2], op[3], op[4])
            except InvalidRecord:
                return False
    return True


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


def parse(data: bytes, *, check: bool = False) -> Contents:
    """Parse journal bytes: every good line kept, each bad one set apart.

    A change whose ops are not well formed is a bad line too, and with
    ``check`` one that puts a record that is not valid (:func:`valid_ops`): a
    full pass, for a restore; the app checks each record as it decodes it.

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
        # The shape of each op is always checked (it is cheap, and replaying one
        # that is not an op would fail far from here); the records only with ``check``.
        invalid = isinstance(ops, list) and not valid_ops(ops, records=check)
        if (
            not isinstance(seq, int)
            or not isinstance(ops, list)
            or (previous is not None and seq <= previous)
            or invalid
        ):
            held = ops if isinstance(ops, list) else _salvage(line) if value is None else None
            # The header held no change; a line that reads and is merely out of order
            # holds one already seen. One whose records are not valid held a change.
            lost = number > 1 and (value is None or not isinstance(ops, list) or invalid)
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
