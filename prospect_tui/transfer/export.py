"""Exports of prospects, calls, sprints, time and follow-ups: JSON, and CSV a spreadsheet
opens safely.

A cell that begins with ``=``, ``+``, ``-``, ``@``, tab or carriage return
would run as a formula in Excel, LibreOffice or Google Sheets; such cells get
a leading apostrophe (OWASP's advice). The phone column is the exception
when it holds a strictly valid E.164 number, so the file imports straight
back into a CRM; anything else in it is neutralised like any other cell.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TextIO

from prospect_tui.core.model import PROSPECT_FIELDS
from prospect_tui.core.phones import is_e164
from prospect_tui.core.record import Record

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PHONE_COLUMNS = frozenset({"phone"})
LIST_SEPARATOR = "; "

COLUMNS: dict[str, tuple[str, ...]] = {
    "prospects": PROSPECT_FIELDS,
    "calls": (
        "id",
        "prospect_id",
        "sprint_id",
        "started_at",
        "ended_at",
        "duration_s",
        "outcome",
        "notes",
        "variant",
        "local_hour",
        "local_date",
        "callback_at",
        "gatekeeper",
        "objections",
    ),
    "sprints": (
        "id",
        "started_at",
        "ends_at",
        "ended_at",
        "status",
        "reason",
        "reason_kind",
        "reason_text",
        "minutes",
        "paused_s",
        "local_date",
    ),
    "time": (
        "id",
        "category",
        "started_at",
        "ended_at",
        "seconds",
        "local_date",
        "sprint_id",
    ),
    "followups": (
        "id",
        "prospect_id",
        "kind",
        "who",
        "due_at",
        "call_id",
        "created_at",
        "done_at",
        "resolution",
        "note",
    ),
}
NAMES: dict[str, str] = {"time": "time entries", "followups": "follow-ups"}
"""How an export's kind reads in a sentence, where it differs from the kind."""


def neutralise(text: str) -> str:
    """Make a cell inert in spreadsheets: ``=SUM(A1)`` → ``'=SUM(A1)``."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def csv_cell(column: str, value: Any) -> str:
    """One cell as written to CSV, neutralised unless it is a valid E.164 phone."""
    # Most cells are text that starts with a letter or a digit: an export writes
    # millions of them, so that case is answered before any call.
    if type(value) is str and (not value or value[0] not in _FORMULA_FIRST):
        return value
    if value is None:
        return ""
    if type(value) is int:  # a count: only a negative one starts like a formula
        return str(value) if value >= 0 else "'" + str(value)
    text = value if type(value) is str else _text(value)  # a phone: every row has one
    if column in PHONE_COLUMNS and text and _valid_phone(text):
        return text
    return neutralise(text)


_FORMULA_FIRST = frozenset(FORMULA_STARTS)
_PHONES: dict[str, bool] = {}
_PHONES_HELD = 4096


def _valid_phone(text: str) -> bool:
    """:func:`is_e164` of ``text``, each number checked once: a company's switchboard
    is many prospects' phone, and checking one costs as much as the rest of its row."""
    valid = _PHONES.get(text)
    if valid is None:
        valid = is_e164(text)
        if len(_PHONES) >= _PHONES_HELD:  # flat memory: forget, rather than grow
            _PHONES.clear()
        _PHONES[text] = valid
    return valid


def extra_columns(extras: Iterable[Mapping[str, Any]]) -> list[str]:
    """The keys of the prospects' ``extra`` cells, in the order they first appear."""
    seen: set[str] = set(COLUMNS["prospects"])
    found: list[str] = []
    for extra in extras:
        for key in extra:
            if key not in seen:
                seen.add(key)
                found.append(key)
    return found


def write_csv(
    kind: str,
    documents: Iterable[dict[str, Any]],
    out: TextIO,
    extra: list[str] | None = None,
) -> int:
    """Write ``documents`` (with ``id``) as CSV, one row as each is read.

    Prospects' ``extra`` cells become columns after the others: ``extra``
    names them (:func:`extra_columns`), or without it they are found as the
    rows are read, the rows spooled to a temporary file until the header can
    be written (:func:`write_prospects_csv`).
    """
    if kind == "prospects" and extra is None:
        return write_prospects_csv(documents, out)
    columns = COLUMNS[kind]
    extra = extra or []
    writer = csv.writer(out, lineterminator=LINE_END)
    writer.writerow([neutralise(c) for c in (*columns, *extra)])
    count = 0
    commas = len(columns) + len(extra) - 1
    for doc in documents:
        row = _cells(columns, doc)
        if extra:
            bonus = doc.get("extra") or {}
            row += [csv_cell("", bonus.get(key)) for key in extra]
        _write_row(out, writer, row, commas)
        count += 1
    return count


LINE_END = "\r\n"
_QUOTED = re.compile('["\r\n]')
"""What makes the CSV writer quote a cell (besides a comma): a quote or a line end."""


def _write_row(out: TextIO, writer: Any, cells: list[str], commas: int) -> int:
    """``writer.writerow(cells)`` (to ``out``; returns what it wrote), the cells joined by
    commas when none of them needs quoting: that is the line it writes, ten times faster."""
    line = ",".join(cells)
    if commas and line.count(",") == commas and _QUOTED.search(line) is None:
        return out.write(line + LINE_END)
    return int(writer.writerow(cells))


def _cells(columns: tuple[str, ...], doc: Mapping[str, Any]) -> list[str]:
    """A row's cells for ``columns``: :func:`csv_cell` of each, its first case inline
    (50,000 prospects are over a million cells)."""
    plain = _FORMULA_FIRST
    return [
        value
        if type(value) is str and (not value or value[0] not in plain)
        else ""
        if value is None
        else str(value)
        if type(value) is int and value >= 0
        else csv_cell(column, value)
        for column, value in zip(columns, map(doc.get, columns), strict=True)
    ]


def write_prospects_csv(documents: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write prospects as CSV, their ``extra`` columns found in the one read of them.

    The header names every extra column, which only the last prospect may
    reveal: the rows go to a temporary file as they are made (memory stays
    flat), then follow the header. A row made before a column was found
    lacks that column's cells, all empty: they are added as it is copied,
    which is what writing it with every column would have given (an empty
    cell is written as nothing, the rows have more cells than one).
    """
    columns = COLUMNS["prospects"]
    known: set[str] = set(columns)
    found: list[str] = []
    lengths = array("Q")
    """Each spooled row's length in characters: where to pad one made too early."""
    widths: list[tuple[int, int]] = []
    """(rows spooled before, how many extra columns they have) at each new column."""
    count = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
        writer = csv.writer(spool, lineterminator=LINE_END)
        for doc in documents:
            row = _cells(columns, doc)
            bonus = doc.get("extra") or {}
            if bonus:
                width = len(found)
                for key in bonus:
                    if key not in known:
                        known.add(key)
                        found.append(key)
                if count and len(found) > width:
                    widths.append((count, width))
                row += [csv_cell("", bonus.get(key)) for key in found]
            elif found:
                row += [""] * len(found)
            lengths.append(_write_row(spool, writer, row, len(columns) + len(found) - 1))
            count += 1
        csv.writer(out, lineterminator=LINE_END).writerow(
            [neutralise(c) for c in (*columns, *found)]
        )
        spool.seek(0)
        _copy_padded(spool, out, lengths, widths, len(found))
    return count


def _copy_padded(
    spool: TextIO, out: TextIO, lengths: array[int], widths: list[tuple[int, int]], wide: int
) -> None:
    """Copy the spooled rows to ``out``, each given the empty cells it lacks of ``wide``."""
    done = 0
    for before, width in widths:
        pad = "," * (wide - width) + LINE_END
        for size in lengths[done:before]:
            out.write(spool.read(size)[: -len(LINE_END)] + pad)
        done = before
    shutil.copyfileobj(spool, out)  # the rows after the last new column have every cell


def write_json(documents: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write a JSON array, one object per line (friendly to ``jq`` and to diff)."""
    count = 0
    out.write("[")
    for doc in documents:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(doc, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def documents(records: Iterable[Record]) -> Iterator[dict[str, Any]]:
    """Records as exported objects: ``id`` first, then the stored fields."""
    for record in records:
        yield {"id": record.id, **record.to_doc()}
