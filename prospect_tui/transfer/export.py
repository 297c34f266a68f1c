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
    text = _text(value)
    if column in PHONE_COLUMNS and text and is_e164(text):
        return text
    return neutralise(text)


_FORMULA_FIRST = frozenset(FORMULA_STARTS)


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
    names them (:func:`extra_columns` of the stored prospects, so the export
    streams); without it the prospects are held to find them.
    """
    columns = COLUMNS[kind]
    docs: Iterable[dict[str, Any]] = documents
    if kind == "prospects" and extra is None:
        docs = list(documents)
        extra = extra_columns(doc.get("extra") or {} for doc in docs)
    extra = extra or []
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in (*columns, *extra)])
    count = 0
    plain = _FORMULA_FIRST
    for doc in docs:
        # csv_cell's first case inline: 50,000 prospects are over a million cells.
        row = [
            value
            if type(value := doc.get(column)) is str and (not value or value[0] not in plain)
            else csv_cell(column, value)
            for column in columns
        ]
        if extra:
            bonus = doc.get("extra") or {}
            row += [csv_cell("", bonus.get(key)) for key in extra]
        writer.writerow(row)
        count += 1
    return count


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
