"""Dials per user's day over the whole history, for the streak, without loading it.

A fold records each call month's dials per day at the head of its file
(:func:`~prospect_tui.store.storage.dials_per_day`); reading them there costs
well under a millisecond a month, where loading the month to count its calls
costs about ten.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import date

from prospect_tui.core.model import Call
from prospect_tui.store.decoding import check_rows, decoding
from prospect_tui.store.layout import calls_shard
from prospect_tui.store.storage import DIALS, dials_per_day, stored_dials
from prospect_tui.store.workspace import Workspace


class DialsByDay(Mapping[date, int]):
    """Dials per user's day; each month of calls is counted when first asked about."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._months: dict[str, Counter[date]] = {}

    def _month(self, shard: str) -> Counter[date]:
        if shard not in self._months:
            self._months[shard] = Counter(self._read(shard))
        return self._months[shard]

    def _read(self, shard: str) -> dict[date, int]:
        # The streak may ask about every month of two years; loading each to count
        # its calls costs ~10 ms a month, reading the dials a fold recorded at the
        # head of its file well under one.
        meta = self._workspace.file_meta(shard)
        if meta == {}:  # no file, nothing pending: no calls
            return {}
        stored = None if meta is None else stored_dials(meta)
        if stored is not None:
            return stored
        rows = self._workspace.rows(shard, Call.TABLE)
        counted = dials_per_day(rows)
        if meta is not None and DIALS not in meta:
            self._workspace.refold(shard)  # a file from before dials were kept: once
        with decoding(self._workspace, shard):
            try:
                return {date.fromisoformat(day): n for day, n in counted.items()}
            except ValueError:
                check_rows(Call, rows)  # names the call whose day does not read
                raise

    def first_day(self) -> date | None:
        """The first day with a dial (when the history starts): the oldest months read
        until one has any, not the whole history."""
        for shard in self._workspace.call_shards():
            days = [day for day, count in self._month(shard).items() if count]
            if days:
                return min(days)
        return None

    def __getitem__(self, day: date) -> int:
        # A call is stored in the shard of its local date's month.
        count = self._month(calls_shard(day))[day]
        if not count:
            raise KeyError(day)
        return count

    def __iter__(self) -> Iterator[date]:
        for shard in self._workspace.call_shards():
            yield from self._month(shard)

    def __len__(self) -> int:
        return sum(len(self._month(shard)) for shard in self._workspace.call_shards())
