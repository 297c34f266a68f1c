"""One day's records read from their lines of a shard file, without parsing the rest.

A fold writes, in the ``_meta`` record :data:`~.shard_file.DAY_LINES`, the
byte ranges each day's records take in tables whose records carry a
``local_date`` (a month of calls, the sprints and nudges of ``activity``). The
review of a day then reads a few hundred lines instead of a month's calls and
every sprint ever run, so it costs the same after ten years as after one.

Only a file as its fold left it is read this way (its size says so); anything
else — an older file, a hand edit, ranges that do not read — answers None and
the caller reads the whole file, which names any damage the usual way.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from prospect_tui.store.files import NOFOLLOW
from prospect_tui.store.shard_file import DAY_LINES, peek_head

Rows = dict[str, dict[str, Any]]


def read_days(path: Path, table: str, first: str, last: str) -> Rows | None:
    """The records of ``table`` whose ``local_date`` is ``first`` … ``last`` (ISO), in file order.

    None when the file cannot be read this way. Raises ``FileNotFoundError``
    for a missing file: an empty shard, or damage if the workspace wrote it.
    """
    head = peek_head(path)
    found = None if head is None else head.record(DAY_LINES)
    tables = found.get("tables") if found else None
    if not isinstance(tables, dict):
        return None
    if table not in tables:
        # Every table with records is indexed when each record has its day; one
        # that is not was either empty or unindexable: read it the long way.
        counts = head.record("1") if head else None
        held = counts.get("counts", {}).get(table) if counts else None
        return {} if held is None else None
    days = tables[table]
    if not isinstance(days, dict):
        return None
    ranges = sorted(
        (span for day, spans in days.items() if first <= day <= last for span in spans),
        key=_start,
    )
    if not all(_is_range(span) for span in ranges):
        return None
    assert head is not None
    return _read_ranges(path, head.body, ranges, first, last)


def _start(span: object) -> int:
    return span[0] if _is_range(span) else -1  # type: ignore[index]


def _is_range(span: object) -> bool:
    return (
        isinstance(span, list)
        and len(span) == 2
        and all(type(n) is int for n in span)
        and 0 <= span[0] < span[1]
    )


def _read_ranges(
    path: Path, body: int, ranges: list[list[int]], first: str, last: str
) -> Rows | None:
    rows: Rows = {}
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW)
    except FileNotFoundError:
        return None  # gone since its head was read: the caller reads it the long way
    try:
        for start, stop in ranges:
            chunk = os.pread(fd, stop - start, body + start)
            try:
                found = json.loads(b"{" + chunk + b"}")
            except ValueError:
                return None
            # A line a record (JSON never holds a raw newline): fewer records than
            # lines is two sharing an id, which JSON would keep silently as one.
            if not isinstance(found, dict) or len(found) != chunk.count(b"\n") + 1:
                return None
            for key, doc in found.items():
                day = doc.get("local_date") if isinstance(doc, dict) else None
                if not (isinstance(day, str) and first <= day <= last) or key in rows:
                    return None  # not what the ranges promised
                rows[key] = doc
    finally:
        os.close(fd)
    return rows
