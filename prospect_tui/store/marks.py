"""Do-not-call marks a restore must not undo, wherever they are still found.

When a restore cannot bring back everything, a prospect marked do-not-call
in what was lost would come back callable. The marks are looked for in every
place still readable — the damaged bytes, bad journal lines, calls whose
outcome was do-not-call — and put back on the prospects as the next start
will read them, unless a change that survived unmarked one by hand later.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from prospect_tui.core.model import Prospect
from prospect_tui.core.record import InvalidRecord
from prospect_tui.store import salvage
from prospect_tui.store.journal import Contents
from prospect_tui.store.layout import PROSPECTS, months_on_disk
from prospect_tui.store.shard_file import Damage, read_checked, read_shard
from prospect_tui.store.storage import RawTable, apply

Restored = dict[str, tuple[dict[str, RawTable], int]]
"""Shards a restore writes again: name → (tables, change folded up to)."""
Claim = tuple[int, int]
"""A do-not-call mark seen somewhere: (prospect id, the change it was made by, or after)."""


def claims_from_calls(data_dir: Path, restored: Restored, contents: Contents | None) -> list[Claim]:
    """Prospects whose call had the do-not-call outcome, in the files and the journal."""
    claims: list[Claim] = []
    for name in months_on_disk(data_dir, "calls"):
        if name in restored:
            tables, seq = restored[name]
        else:
            try:
                tables, seq, _ = read_shard(data_dir / f"{name}.json")
            except Damage:
                continue
        claims += [(pid, seq) for pid in salvage.dnc_in_tables(tables)]
    if contents is not None:
        for entry in contents.entries:
            claims += [(pid, entry.seq) for pid in salvage.dnc_in_ops(entry.ops)]
    return claims


def to_put_back(
    data_dir: Path, restored: Restored, contents: Contents | None, claims: list[Claim]
) -> dict[int, dict[str, Any]]:
    """The prospects to mark do-not-call again, each with the document that does it."""
    now = _prospects_now(data_dir, restored, contents)
    if now is None:
        return {}
    prospects, last_put = now
    found: dict[int, dict[str, Any]] = {}
    for pid, at in claims:
        doc = prospects.get(str(pid))
        if doc is None or Prospect.stored(doc, "status") == salvage.DNC:
            continue
        if last_put.get(pid, -1) > at:  # unmarked by hand in a change that survived
            continue
        found[pid] = {**doc, "status": salvage.DNC}
    return found


def name_of(pid: int, doc: dict[str, Any]) -> str:
    """How the user knows a prospect: their name, or their number when they have none."""
    try:
        name = Prospect.from_doc(pid, doc).name
    except InvalidRecord:  # a mark found in what still reads of a damaged file
        name = ""
    return name or f"prospect {pid}"


def _prospects_now(
    data_dir: Path, restored: Restored, contents: Contents | None
) -> tuple[RawTable, dict[int, int]] | None:
    """Every prospect as the next start will read it, and the change each was last saved in."""
    if PROSPECTS in restored:
        tables, seq = restored[PROSPECTS]
        tables = json.loads(json.dumps(tables))  # replaying must not touch the plan's copy
    else:
        try:
            tables, seq, _ = read_checked(data_dir / f"{PROSPECTS}.json")
        except Damage:
            return None
    last_put: dict[int, int] = {}
    for entry in contents.entries if contents is not None else []:
        if entry.seq <= seq:
            continue
        for op in entry.ops:
            if op[1] == PROSPECTS:
                apply(tables, op)
                if op[2] == Prospect.TABLE and len(op) > 3:
                    last_put[int(op[3])] = entry.seq
    return tables.get(Prospect.TABLE, {}), last_put
