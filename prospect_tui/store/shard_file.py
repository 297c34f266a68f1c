"""The shard file format: TinyDB's JSON, one document a line, a ``_meta`` record first.

Reading a whole file (:func:`read_shard`, which says how a bad one is
:class:`Damage`), writing one (:func:`dump`), and peeking at its head
(:func:`peek_meta`, :func:`peek_counts`) so a command can learn a file's
table sizes and dials by day without parsing the rest.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from prospect_tui.core.model import COUNTERS_TABLE, RECORD_TYPES, check_document
from prospect_tui.core.record import InvalidRecord
from prospect_tui.store.files import NOFOLLOW, read_bytes
from prospect_tui.store.storage import META, RawTable

TABLES = frozenset({*RECORD_TYPES, COUNTERS_TABLE})
"""Every table a shard file may hold besides ``_meta``."""


class Damage(Exception):
    """A file that does not parse, or holds a record that is not valid; ``args[0]`` says how."""


def read_shard(path: Path) -> tuple[dict[str, RawTable], int, int | None]:
    """A shard file's tables, the journal change it is folded up to, and its schema.

    The schema is None for a file written before shards recorded their own.
    """
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
    try:
        seq = int(meta["1"]["seq"])
        schema = meta["1"].get("schema")
    except (TypeError, KeyError, ValueError, AttributeError):
        raise Damage(f"its {META} table is missing") from None
    if schema is not None and (not isinstance(schema, int) or schema < 1):
        raise Damage(f"its {META} table has no valid schema")
    for name, table in data.items():
        if name not in TABLES:  # a renamed table would read as an empty one
            raise Damage(f"it holds a table Prospect does not keep, {name!r}")
        if not isinstance(table, dict) or not _documents_by_id(table):
            raise Damage(f"table {name!r} is not a TinyDB table")
    _check_counts(raw, meta["1"], data)
    return data, seq, schema


def _check_counts(raw: bytes, meta: dict[str, Any], tables: dict[str, Any]) -> None:
    """Raise :class:`Damage` if a file the size its fold left it holds fewer records.

    A flipped bit in an id can make two records share it, and JSON keeps only
    the last: a record would vanish without a word. A hand edit that removes
    one changes the file's size, so it is read as edited, not as damage.
    """
    counts, after = meta.get("counts"), meta.get(_BYTES_AFTER)
    if not isinstance(counts, dict) or not isinstance(after, int):
        return
    head = 0
    for _ in range(3):
        head = raw.find(b"\n", head) + 1
        if head == 0:
            return
    if len(raw) - head != after:
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
    ``"2"`` a month of calls' counts per day for the review (:data:`.storage.DAY_COUNTS`).
    ``{}`` for a missing file (an empty shard); None when the file's head is not
    the layout :func:`dump` writes (a hand-edited or older file) or lacks the record.
    """
    wanted = 3 if record == "1" else 4
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | NOFOLLOW), "rb") as stream:
            head = [stream.readline() for _ in range(wanted)]
            size = os.fstat(stream.fileno()).st_size
    except FileNotFoundError:
        return {}
    if head[0].strip() != b"{" or head[1].strip() != f'"{META}": {{'.encode():
        return None
    records: dict[str, Any] = {}
    for line in head[2:]:
        try:
            key, _, value = line.decode().partition(":")
            # A record followed by another ends with a comma.
            records[key.strip()] = json.loads(value.rstrip().removesuffix(","))
        except (ValueError, UnicodeDecodeError):
            return None
    first, meta = records.get('"1"'), records.get(f'"{record}"')
    if not isinstance(first, dict) or not isinstance(meta, dict):
        return None
    after = first.get(_BYTES_AFTER)
    if after is not None and after != size - sum(len(line) for line in head[:3]):
        return None  # changed since it was folded (by hand): what _meta says may be stale
    return meta


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


_ENCODER = json.JSONEncoder(ensure_ascii=False)
_BYTES_AFTER = "bytes_after"

"""The field of ``_meta`` giving the file's size after the ``_meta`` line."""


def dump(data: dict[str, Any]) -> bytes:
    """TinyDB's JSON layout with one document per line, to read and repair by hand.

    A ``_meta`` record that comes first also gets the size of what follows its
    line, so :func:`peek_meta` can tell a file edited since from its size alone.
    """
    # One encoder for every document: json.dumps(..., ensure_ascii=False) would
    # build a new one per call, which is most of the cost of writing 50,000.
    encode = _ENCODER.encode
    parts = ["{"]
    for t, (table, docs) in enumerate(data.items()):
        parts.append(f"{'' if t == 0 else ','}\n{encode(table)}: {{")
        for d, (doc_id, doc) in enumerate(docs.items()):
            separator = "" if d == 0 else ","
            parts.append(f'{separator}\n  "{doc_id}": {encode(doc)}')
        parts.append("\n}")
    parts.append("\n}\n")
    text = "".join(parts)
    records = data.get(META, {})
    meta = records.get("1")
    head = f'{{\n{encode(META)}: {{\n  "1": '
    comma = "," if len(records) > 1 else ""  # another record follows on the next line
    line = f"{head}{encode(meta)}{comma}\n" if isinstance(meta, dict) else None
    if line is None or not text.startswith(line):
        return text.encode()
    after = text[len(line) :].encode()
    return f"{head}{encode({**meta, _BYTES_AFTER: len(after)})}{comma}\n".encode() + after
