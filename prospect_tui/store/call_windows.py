"""The calls of a window of days, counted from each month's file head or its documents.

The review counts weeks of calls by variant, hour, weekday and length. A
fold keeps each month's counts per day at the head of its file
(:data:`~prospect_tui.store.storage.DAY_COUNTS`), so a month that is all in
its file costs one line of it, not its thousands of calls. Any other month
(in memory, changed in the journal, edited by hand, written before the
counts were kept) is counted from its stored documents, without decoding a
:class:`~prospect_tui.core.model.Call` each; a document whose field does not
read is damage of its file, named as decoding would name it.
"""

from __future__ import annotations

from datetime import date

from prospect_tui.core.call_stats import CallStats, DayCounts, counts_by_day, read_day_counts
from prospect_tui.core.model import Call
from prospect_tui.store.decoding import check_rows, decoding
from prospect_tui.store.layout import calls_shard
from prospect_tui.store.storage import DAY_COUNTS, stored_dials
from prospect_tui.store.workspace import Workspace


def call_stats(workspace: Workspace, first: date, last: date) -> CallStats:
    """The calls of the user's days ``first`` … ``last``, counted for the review."""
    stats = CallStats(first, last)
    low, high = calls_shard(first), calls_shard(last)
    for shard in workspace.call_shards():
        if low <= shard <= high:
            for day, counts in _month(workspace, shard).items():
                if first <= day <= last:
                    stats.add_day(day, counts)
    return stats


def _month(workspace: Workspace, shard: str) -> dict[date, DayCounts]:
    meta = workspace.file_meta(shard)
    if meta == {}:  # no file, nothing pending: no calls
        return {}
    dials = None if meta is None else stored_dials(meta)
    if dials is not None:
        kept = workspace.file_meta(shard, DAY_COUNTS)
        found = read_day_counts(kept.get("days") if kept else None, dials)
        if found is not None:
            return found
        if kept is None:
            workspace.refold(shard)  # a file from before the counts were kept: once
    rows = workspace.rows(shard, Call.TABLE)
    counted = counts_by_day(rows.values())
    if counted is None:
        with decoding(workspace, shard):
            check_rows(Call, rows)  # names the call that does not read
        raise AssertionError(f"a call of {shard} does not count, yet every call reads")
    return {date.fromisoformat(day): counts for day, counts in counted.items()}
