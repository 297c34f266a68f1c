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
from collections.abc import Iterable, Iterator
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
    text = _text(value)
    if column in PHONE_COLUMNS and text and is_e164(text):
        return text
    return neutralise(text)


def write_csv(kind: str, documents: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write ``documents`` (with ``id``) as CSV; prospects' ``extra`` become columns."""
    columns = COLUMNS[kind]
    extra: list[str] = []
    docs: Iterable[dict[str, Any]] = documents
    if kind == "prospects":  # their extra columns are known only once all are read
        docs = list(documents)
        seen: set[str] = set(columns)
        for doc in docs:
            for key in doc.get("extra") or {}:
                if key not in seen:
                    seen.add(key)
                    extra.append(key)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in (*columns, *extra)])
    count = 0
    for doc in docs:
        row = [csv_cell(column, doc.get(column)) for column in columns]
        bonus = doc.get("extra") or {}
        row += [neutralise(_text(bonus.get(key))) for key in extra]
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
