"""The shard file format: TinyDB's JSON, one document a line, a ``_meta`` record first.

Reading a whole file (:func:`read_shard`, which says how a bad one is
:class:`Damage`), writing one (:func:`dump`), and peeking at its head
(:func:`peek_meta`, :func:`peek_counts`) so a command can learn a file's
table sizes and dials by day without parsing the rest.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, cast

from prospect_tui.core.model import COUNTERS_TABLE, RECORD_TYPES, check_document
from prospect_tui.core.record import InvalidRecord
from prospect_tui.store import json_text, migrations
from prospect_tui.store.doc_lines import LineDocs, field_values, read_lines, stream_lines
from prospect_tui.store.files import NOFOLLOW, read_bytes
from prospect_tui.store.storage import META, RawTable

TABLES = frozenset({*RECORD_TYPES, COUNTERS_TABLE})
"""Every table a shard file may hold besides ``_meta``."""


class Damage(Exception):
    """A file that does not parse, or holds a record that is not valid; ``args[0]`` says how."""


def read_shard(path: Path, *, lazy: bool = False) -> tuple[dict[str, RawTable], int, int | None]:
    """A shard file's tables, the journal change it is folded up to, and its schema.

    The schema is None for a file written before shards recorded their own.
    With ``lazy``, a file in the layout :func:`dump` writes gets its tables as
    :class:`~.doc_lines.LineDocs`, each document kept as its text until reached.
    """
    if lazy:
        try:
            found = read_lines(path)
        except FileNotFoundError:
            return {}, 0, None
        if found is not None:
            meta, tables, after = found
            seq, schema = _checked_meta(meta, tables)
            _check_counts(after, meta["1"], tables)
            return cast(dict[str, RawTable], tables), seq, schema
    try:
        raw = read_bytes(path)
    except FileNotFoundError:
        return {}, 0, None
    try:
        data = json.loads(raw)
    except ValueError as error:
        raise Damage(f"not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise Damage("not a TinyDB file")
    meta = data.pop(META, None)
    seq, schema = _checked_meta(meta, data)
    for name, table in data.items():
        if not isinstance(table, dict) or not _documents_by_id(table):
            raise Damage(f"table {name!r} is not a TinyDB table")
    _check_counts(_after_head(raw), meta["1"], data)
    return data, seq, schema


def stream_shard(
    path: Path, table: str, mentioning: str | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each document of ``table`` in a shard file, parsed one at a time as it is read
    (:func:`~.doc_lines.stream_lines`); only a file of this version's schema, whose
    ``_meta`` table and table names read as :func:`read_shard` would accept them."""

    def accept(meta: dict[str, Any], names: set[str]) -> bool:
        try:
            _, schema = _checked_meta(meta, dict.fromkeys(names))
        except Damage:
            return False
        return schema == migrations.SCHEMA

    return stream_lines(path, table, accept, mentioning)


def _checked_meta(meta: Any, tables: Mapping[str, object]) -> tuple[int, int | None]:
    """The journal change and schema a file's ``_meta`` table records, and its tables' names
    checked; raises :class:`Damage`."""
    try:
        seq = int(meta["1"]["seq"])
        schema = meta["1"].get("schema")
    except (TypeError, KeyError, ValueError, AttributeError):
        raise Damage(f"its {META} table is missing") from None
    if schema is not None and (not isinstance(schema, int) or schema < 1):
        raise Damage(f"its {META} table has no valid schema")
    for name in tables:
        if name not in TABLES:  # a renamed table would read as an empty one
            raise Damage(f"it holds a table Prospect does not keep, {name!r}")
    return seq, schema


def _after_head(raw: bytes) -> int | None:
    """The size of what follows a file's third line (its ``_meta`` table's first record)."""
    head = 0
    for _ in range(3):
        head = raw.find(b"\n", head) + 1
        if head == 0:
            return None
    return len(raw) - head


def _check_counts(after: int | None, meta: dict[str, Any], tables: Mapping[str, Any]) -> None:
    """Raise :class:`Damage` if a file the size its fold left it holds fewer records.

    ``after`` is the size of the file after its third line. A flipped bit in an
    id can make two records share it, and JSON keeps only the last: a record
    would vanish without a word. A hand edit that removes one changes the
    file's size, so it is read as edited, not as damage.
    """
    counts, recorded = meta.get("counts"), meta.get(_BYTES_AFTER)
    if not isinstance(counts, dict) or not isinstance(recorded, int) or after != recorded:
        return
    for name, count in counts.items():
        held = len(tables.get(name, {}))
        if isinstance(count, int) and held != count:
            raise Damage(f"table {name!r} holds {held} records where its fold wrote {count}")


_DICT = frozenset({dict})


def _documents_by_id(table: dict[str, Any]) -> bool:
    """Whether every key is a stored id (:func:`stored_id`) and every value a document.

    Checked on every load of every file (20,000 prospects at the app's start),
    so in a few passes that run in C rather than a Python call per document.
    """
    if not table:
        return True
    if not _DICT.issuperset(map(type, table.values())):
        return False
    joined = ",".join(table)  # JSON object keys are always text
    digits = joined.replace(",", "")
    framed = f",{joined},"
    # ASCII digits only (a comma inside a key shows as one comma too many), no
    # empty key, no leading zero: what stored_id accepts.
    return (
        joined.count(",") == len(table) - 1
        and digits.isascii()
        and digits.isdigit()
        and ",," not in framed
        and ",0" not in framed
    )


def check_records(tables: dict[str, RawTable]) -> None:
    """Raise :class:`Damage` naming the first document that is not a valid record of its table.

    A full pass, for a restore deciding which files and copies are good; the
    app and the commands check each record as they decode it instead.
    """
    for name, table in tables.items():
        for key, doc in table.items():
            try:
                check_document(name, key, doc)
            except InvalidRecord as error:
                raise Damage(str(error)) from None


def read_checked(path: Path) -> tuple[dict[str, RawTable], int, int | None]:
    """:func:`read_shard`, with every record checked too (:func:`check_records`)."""
    found = read_shard(path)
    check_records(found[0])
    return found


def peek_meta(path: Path, record: str = "1") -> dict[str, Any] | None:
    """A record of a shard file's ``_meta`` table, read from its first lines only.

    Record ``"1"`` holds the table sizes (and a month of calls' dials per day),
    ``"2"`` counts per day for the review and the streak (:data:`.storage.DAY_COUNTS`),
    ``"3"`` where each day's records lie (:mod:`.day_lines`).
    ``{}`` for a missing file (an empty shard); None when the file's head is not
    the layout :func:`dump` writes (a hand-edited or older file) or lacks the record.
    """
    try:
        head = peek_head(path)
    except FileNotFoundError:
        return {}
    return None if head is None else head.record(record)


@dataclass(frozen=True, slots=True)
class Head:
    """The ``_meta`` table at the top of a shard file that has not changed since its fold."""

    lines: dict[str, bytes]
    """Each record's line, by record key, parsed only when asked for."""
    body: int
    """Where what follows ``_meta`` starts: :mod:`.day_lines` counts its offsets from here."""

    def record(self, key: str) -> dict[str, Any] | None:
        """Record ``key``, or None if the file has none or it does not read.

        Never modify it: a long record is parsed once for as long as its line
        reads the same, and shared. A start of a sprint asks ``activity``'s head
        for a few days' lines several times, and its index of ten years of days
        is a hundred kilobytes of JSON; comparing the line costs far less.
        """
        line = self.lines.get(key)
        if line is None:
            return None
        kept = _PARSED.get(line, _PARSED)  # one look: another thread may clear it
        if kept is not _PARSED:
            return kept  # type: ignore[return-value]
        try:
            found = json.loads(line.rstrip().removesuffix(b","))
        except ValueError:
            found = None
        record = found if isinstance(found, dict) else None
        if len(line) >= _PARSE_ONCE_FROM:
            if len(_PARSED) >= _PARSED_KEPT:
                _PARSED.clear()
            _PARSED[line] = record
        return record


_PARSED: dict[bytes, dict[str, Any] | None] = {}
"""Long ``_meta`` records parsed lately, by their line: ``activity``'s, in practice."""
_PARSE_ONCE_FROM = 4096
_PARSED_KEPT = 4


_MAX_RECORDS = 8
"""More ``_meta`` records than this is not a file :func:`dump` wrote."""


def peek_head(path: Path) -> Head | None:
    """The ``_meta`` table of a shard file, if the file is as its fold wrote it.

    None when the head is not the layout :func:`dump` writes, or when the file's
    size says it was changed since (by hand): what ``_meta`` says may be stale.
    Raises ``FileNotFoundError`` for a missing file.
    """
    with os.fdopen(os.open(path, os.O_RDONLY | NOFOLLOW), "rb") as stream:
        opening, table = stream.readline(), stream.readline()
        if opening.strip() != b"{" or table.strip() != f'"{META}": {{'.encode():
            return None
        lines: dict[str, bytes] = {}
        at = len(opening) + len(table)
        first_line = 0
        for _ in range(_MAX_RECORDS):
            line = stream.readline()
            if line.startswith(b"}"):
                break
            key, colon, value = line.partition(b":")
            if not colon:
                return None
            try:
                name = json.loads(key)
            except ValueError:
                return None
            if not isinstance(name, str):
                return None
            lines[name] = value
            first_line = first_line or len(opening) + len(table) + len(line)
            at += len(line)
        else:
            return None
        size = os.fstat(stream.fileno()).st_size
    head = Head(lines, at + 1)
    first = head.record("1")
    if first is None:
        return None
    after = first.get(_BYTES_AFTER)
    if after is not None and after != size - first_line:
        return None  # changed since it was folded (by hand): what _meta says may be stale
    return head


def peek_counts(path: Path) -> dict[str, int] | None:
    """The table sizes a shard file's ``_meta`` records, read from its first lines.

    ``{}`` for a missing file (an empty shard); None when the file's head is not
    the layout :func:`dump` writes (a hand-edited or older file).
    """
    meta = peek_meta(path)
    if not meta:
        return meta
    counts = meta.get("counts")
    if not isinstance(counts, dict):
        return None
    return {str(k): int(v) for k, v in counts.items() if isinstance(v, int)}


def parses(path: Path) -> bool:
    """Whether ``path`` is a shard file that reads cleanly, every record valid."""
    try:
        read_checked(path)
    except Damage:
        return False
    return True


_ENCODE = json_text.encoder(json_text.SPACED)
_BYTES_AFTER = "bytes_after"
"""The field of ``_meta`` giving the file's size after the ``_meta`` line."""

DAY_LINES = "3"
"""The ``_meta`` record saying where each day's records lie in the file (:mod:`.day_lines`)."""


def dump(data: dict[str, Any]) -> bytes:
    """TinyDB's JSON layout with one document per line, to read and repair by hand.

    A ``_meta`` table that comes first gets two records more: the size of what
    follows its first line, so :func:`peek_meta` can tell a file edited since
    from its size alone, and (record :data:`DAY_LINES`) the byte ranges of each
    day's records in tables whose records carry a ``local_date``, so one day
    can be read without parsing the whole file.
    """
    return b"".join(dump_pieces(data))


def dump_pieces(data: dict[str, Any]) -> Iterable[bytes]:
    """:func:`dump`'s bytes in pieces, about a document each, to be written one after another.

    A fold of 50,000 prospects is a file of tens of megabytes: joined into one,
    with the text it was encoded from, it was three copies of it at once. The
    head (which gives the size of the rest) comes first, so a shard of
    :data:`STREAM_FROM` documents or more is encoded twice, once to measure it
    and once as it is written, rather than held whole.
    """
    records = data.get(META)
    if not isinstance(records, dict) or not isinstance(records.get("1"), dict):
        return [_plain(data)]
    if next(iter(data)) != META:
        return [_plain(data)]
    tables = {name: docs for name, docs in data.items() if name != META}
    lines: dict[str, dict[str, list[list[int]]]] = {}
    body: Iterable[bytes]
    # Each document's day, read once for both passes over a large shard.
    days = {name: _days_of(docs) for name, docs in tables.items()}
    if sum(map(len, tables.values())) < STREAM_FROM:
        body = list(_body(tables, days, lines))
        size = sum(map(len, body))
    else:
        # The documents held parsed (a bulk import's) are encoded once: their texts
        # are kept from the measuring pass for the writing one, up to a budget.
        encoded = _Encoded()
        size = sum(map(len, _body(tables, days, lines, encoded)))
        encoded.keeping = False
        body = _body(tables, days, {}, encoded)
    records = {**records}
    if lines:
        records[DAY_LINES] = {"tables": lines}
    else:
        records.pop(DAY_LINES, None)
    encode = _ENCODE
    rest = [f"{',' if len(records) > 1 else ''}\n".encode()]
    others = [f'  "{key}": {encode(record)}' for key, record in records.items() if key != "1"]
    rest.append(",\n".join(others).encode() + (b"\n" if others else b""))
    rest.append(b"}")
    after = sum(map(len, rest)) + size
    # The size counts from the line after record "1", whose comma and newline are its own.
    first = encode({**records["1"], _BYTES_AFTER: after - len(rest[0])})
    return chain((f'{{\n{encode(META)}: {{\n  "1": {first}'.encode(),), rest, body)


STREAM_FROM = 5_000
"""Shards of this many documents or more are written as they are encoded (:func:`dump_pieces`)."""
KEPT_BYTES = 16 << 20
"""The most text of encoded documents a large fold keeps between its two passes."""


class _Encoded:
    """The texts of the documents held parsed that a large fold's first pass encoded."""

    __slots__ = ("keeping", "size", "texts")

    def __init__(self) -> None:
        self.texts: dict[tuple[str, str], bytes] = {}
        self.size = 0
        self.keeping = True
        """True in the first pass; in the second, each text is let go once written."""

    def encode(self, table: str, doc_id: str, doc: Any) -> bytes:
        """Document ``doc_id`` of ``table`` as JSON text, encoded once if it can be kept."""
        if not self.keeping:
            text = self.texts.pop((table, doc_id), None)
            return _ENCODE(doc).encode() if text is None else text
        text = _ENCODE(doc).encode()
        if self.size + len(text) <= KEPT_BYTES:
            self.texts[table, doc_id] = text
            self.size += len(text)
        return text


def _body(
    tables: dict[str, Any],
    days_of: dict[str, list[str] | None],
    index: dict[str, dict[str, list[list[int]]]],
    encoded: _Encoded | None = None,
) -> Iterator[bytes]:
    """The tables after ``_meta`` in pieces; ``index`` gets where each day's records lie
    (``days_of``: each table's documents' days, :func:`_days_of`).

    Offsets count from the start of what this yields; a range covers whole
    document lines (``"7": {…}``), without the comma and newline between them.
    """
    encode = _ENCODE
    at = 0
    for name, docs in tables.items():
        opening = f",\n{encode(name)}: {{".encode()
        yield opening
        at += len(opening)
        days = days_of[name]
        if days is None:  # no day to index by: written the fast way
            for d, doc_id in enumerate(docs):
                piece = _piece(d, doc_id, docs, name, encoded)
                yield piece
                at += len(piece)
        else:
            ranges: dict[str, list[list[int]]] = {}
            last = None
            for d, (doc_id, day) in enumerate(zip(docs, days, strict=True)):
                piece = _piece(d, doc_id, docs, name, encoded)
                yield piece
                start = at + (2 if d else 1)
                at += len(piece)  # offsets are in bytes
                if day == last:
                    ranges[day][-1][1] = at
                else:
                    ranges.setdefault(day, []).append([start, at])
                last = day
            index[name] = ranges
        yield b"\n}"
        at += 2
    yield b"\n}\n"


def _piece(
    d: int, doc_id: str, docs: Mapping[str, Any], table: str = "", encoded: _Encoded | None = None
) -> bytes:
    """Document ``doc_id``'s line, the ``d``-th of its table: as it was read, if unchanged."""
    text = docs.text(doc_id) if isinstance(docs, LineDocs) else None
    if text is None:
        doc = docs[doc_id]
        text = _ENCODE(doc).encode() if encoded is None else encoded.encode(table, doc_id, doc)
    return b"".join((b',\n  "' if d else b'\n  "', doc_id.encode(), b'": ', text))


def _days_of(docs: dict[str, Any]) -> list[str] | None:
    """Each document's ``local_date``, if every one has it as text; else None."""
    days: list[str] = []
    for _, day in field_values(docs, "local_date"):
        if not isinstance(day, str):
            return None
        days.append(day)
    return days or None


def _plain(data: dict[str, Any]) -> bytes:
    """:func:`dump` for content without a ``_meta`` table first: no ranges, no size."""
    encode = _ENCODE
    parts = ["{"]
    for t, (table, docs) in enumerate(data.items()):
        parts.append(f"{'' if t == 0 else ','}\n{encode(table)}: {{")
        for d, (doc_id, doc) in enumerate(docs.items()):
            separator = "" if d == 0 else ","
            parts.append(f'{separator}\n  "{doc_id}": {encode(doc)}')
        parts.append("\n}")
    parts.append("\n}\n")
    return "".join(parts).encode()
