"""The calls of a window of days, counted straight from their stored documents.

The review counts weeks of calls by variant, hour, weekday and length.
Decoding each into a :class:`~prospect_tui.core.model.Call` would take ten
times longer than counting the fields it needs. Calls alike in those fields
are counted together first, and each distinct set of fields is checked once:
a document whose field does not read is damage of its file, named as
decoding would name it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from prospect_tui.core.call_stats import CallStats, length_band
from prospect_tui.core.model import Call
from prospect_tui.core.outcomes import BY_ID
from prospect_tui.store.decoding import check_rows, decoding
from prospect_tui.store.layout import calls_shard
from prospect_tui.store.workspace import Workspace

Cell = tuple[str, Any, Any, Any, int]
"""(local date, outcome, variant, local hour, length band) as stored."""


def call_stats(workspace: Workspace, first: date, last: date) -> CallStats:
    """The calls of the user's days ``first`` … ``last``, counted for the review."""
    stats = CallStats(first, last)
    low, high = calls_shard(first), calls_shard(last)
    for shard in workspace.call_shards():
        if not low <= shard <= high:
            continue
        rows = workspace.rows(shard, Call.TABLE)
        with decoding(workspace, shard):
            try:
                _count(stats, _cells(rows, first.isoformat(), last.isoformat()))
            except (KeyError, TypeError, ValueError):
                check_rows(Call, rows)  # names the call that does not read
                raise
    return stats


def _cells(rows: Mapping[str, Mapping[str, Any]], low: str, high: str) -> dict[Cell, int]:
    no_variant = Call.stored({}, "variant")
    no_hour = Call.stored({}, "local_hour")
    no_duration = Call.stored({}, "duration_s")
    cells: dict[Cell, int] = {}
    for doc in rows.values():
        text = doc["local_date"]
        if not low <= text <= high:  # a day that is not text raises TypeError here
            continue
        duration = doc.get("duration_s", no_duration)
        if type(duration) not in (int, float):
            raise TypeError(duration)
        key = (
            text,
            doc["outcome"],
            doc.get("variant", no_variant),
            doc.get("local_hour", no_hour),
            length_band(duration),
        )
        cells[key] = cells.get(key, 0) + 1
    return cells


def _count(stats: CallStats, cells: dict[Cell, int]) -> None:
    days: dict[str, date] = {}
    for (text, outcome, variant, hour, band), times in cells.items():
        # Each distinct set of fields is checked once, not each call.
        if (
            outcome not in BY_ID
            or not (variant is None or type(variant) is str)
            or not (hour is None or type(hour) is int)
        ):
            raise ValueError(outcome)
        day = days.get(text)
        if day is None:
            day = days[text] = date.fromisoformat(text)
        stats.count(outcome, variant, hour, day, band, times)
