"""Reading what still reads in a damaged file, to say what a restore loses.

Nothing read here is written back as it is: a byte that flipped may still
leave valid JSON with a wrong value in it. What is salvaged serves to count
the changes a restore cannot bring back, and to find do-not-call marks, which
a restore never undoes.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from prospect_tui.core.model import Call, Prospect, Status
from prospect_tui.store.journal import Op
from prospect_tui.store.storage import META, RawTable

DNC = Status.DO_NOT_CALL.value
_TABLE_LINE = re.compile(rb'^,?(".*"): \{$')
_DOC_LINE = re.compile(rb'^  "(\d+)": (\{.*\}),?$')
_PUT = re.compile(rb'\["put","([^"]+)","([^"]+)",(\d+),')
_PROSPECT_ID = re.compile(rb'"prospect_id":(\d+)')

KINDS = {
    "prospects": ("prospect", "prospects"),
    "calls": ("call", "calls"),
    "sprints": ("sprint", "sprints"),
    "time_entries": ("span of tracked time", "spans of tracked time"),
    "followups": ("follow-up", "follow-ups"),
}
"""How the user reads each table's records; other tables (counters) are not counted."""


@dataclass
class Salvaged:
    """The documents of a damaged shard file that still read, table by table."""

    tables: dict[str, RawTable] = field(default_factory=dict)
    seq: int | None = None
    """The journal change the file was folded up to, if its ``_meta`` line reads."""


def shard_lines(data: bytes) -> Salvaged:
    """Read a shard file one document per line, as the store writes them, skipping bad lines."""
    found = Salvaged()
    table: str | None = None
    for line in data.split(b"\n"):
        line = line.rstrip(b"\r")
        header = _TABLE_LINE.match(line)
        if header:
            try:
                name = json.loads(header.group(1))
            except ValueError:
                table = None
                continue
            table = name if isinstance(name, str) else None
            continue
        doc = _DOC_LINE.match(line)
        if doc is None or table is None:
            continue
        try:
            value = json.loads(doc.group(2))
        except ValueError:
            continue
        if not isinstance(value, dict):
            continue
        if table == META:
            seq = value.get("seq")
            found.seq = seq if isinstance(seq, int) else None
        else:
            found.tables.setdefault(table, {})[doc.group(1).decode()] = value
    return found


def count_differences(before: dict[str, RawTable], after: dict[str, RawTable]) -> Counter[str]:
    """Records, by table, that ``after`` holds but ``before`` lacks or holds otherwise.

    A record only ``before`` holds is not counted: ``after`` is what still reads of
    a damaged file, and the lines that no longer read are not a deletion.
    """
    counts: Counter[str] = Counter()
    for table, docs in after.items():
        old = before.get(table, {})
        changed = sum(1 for key, doc in docs.items() if old.get(key) != doc)
        if changed and table in KINDS:
            counts[table] += changed
    return counts


def count_ops(ops: list[Op]) -> Counter[str]:
    """Records, by table, that ``ops`` change."""
    return Counter(op[2] for op in ops if len(op) > 2 and isinstance(op[2], str) and op[2] in KINDS)


def count_line(line: bytes) -> Counter[str]:
    """Records, by table, a journal line whose JSON no longer reads seems to change."""
    counts: Counter[str] = Counter()
    for match in _PUT.finditer(line):
        table = match.group(2).decode(errors="replace")
        if table in KINDS:
            counts[table] += 1
    return counts


def dnc_in_ops(ops: list[Op]) -> set[int]:
    """Prospects that ``ops`` mark do-not-call, directly or by a call's outcome."""
    marked: set[int] = set()
    for op in ops:
        if len(op) < 5 or op[0] != "put" or not isinstance(op[4], dict):
            continue
        doc: dict[str, Any] = op[4]
        if op[2] == Prospect.TABLE and Prospect.stored(doc, "status") == DNC:
            marked.add(int(op[3]))
        elif op[2] == Call.TABLE and doc.get("outcome") == DNC:
            prospect = doc.get("prospect_id")
            if isinstance(prospect, int):
                marked.add(prospect)
    return marked


def dnc_in_line(line: bytes) -> set[int]:
    """Do-not-call marks in a journal line whose JSON no longer reads, op by op."""
    marked: set[int] = set()
    starts = [match.start() for match in _PUT.finditer(line)] + [len(line)]
    for start, end in itertools.pairwise(starts):
        piece = line[start:end]
        if f'"{DNC}"'.encode() not in piece:
            continue
        put = _PUT.match(piece)
        assert put is not None
        if put.group(2) == Prospect.TABLE.encode():
            marked.add(int(put.group(3)))
        elif put.group(2) == Call.TABLE.encode():
            prospect = _PROSPECT_ID.search(piece)
            if prospect:
                marked.add(int(prospect.group(1)))
    return marked


def dnc_in_tables(tables: dict[str, RawTable]) -> set[int]:
    """Prospects a shard's tables mark do-not-call, or call with that outcome."""
    marked = {
        int(key)
        for key, doc in tables.get(Prospect.TABLE, {}).items()
        if Prospect.stored(doc, "status") == DNC
    }
    for doc in tables.get(Call.TABLE, {}).values():
        prospect = doc.get("prospect_id")
        if doc.get("outcome") == DNC and isinstance(prospect, int):
            marked.add(prospect)
    return marked


def describe(counts: Counter[str]) -> str:
    """``2 prospects and 1 call``."""
    parts = [
        f"{n} {KINDS[table][0] if n == 1 else KINDS[table][1]}"
        for table, n in sorted(counts.items())
        if n
    ]
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
