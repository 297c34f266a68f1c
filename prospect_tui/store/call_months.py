"""Calls written a month at a time, straight into their files: a bulk build's writer."""

from __future__ import annotations

from prospect_tui.core.model import Call
from prospect_tui.store.layout import calls_shard
from prospect_tui.store.storage import RawTable
from prospect_tui.store.workspace import Workspace


class CallMonths:
    """Takes calls oldest first and writes each month's file once the month is whole.

    Each file is as a fold writes it (:meth:`Workspace.write_folded`), so only
    one month of calls is ever in memory and none passes through the journal.
    """

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.month: str | None = None
        self.key = (0, 0)
        self.calls: RawTable = {}
        self.written: list[str] = []
        self.count = 0
        self.highest = 0
        """The highest call id written, for the workspace's counter."""

    def add(self, call: Call) -> None:
        """Take the next call; its month must not be one already written."""
        day = call.local_date
        if (day.year, day.month) != self.key:  # a shard's name costs more than the call
            self.flush()
            self.month, self.key = calls_shard(day), (day.year, day.month)
        self.calls[str(call.id)] = call.to_stored()
        self.count += 1
        self.highest = max(self.highest, call.id)

    def flush(self) -> None:
        """Write the month in hand, if any."""
        if self.month is not None and self.calls:
            self.workspace.write_folded(self.month, {Call.TABLE: self.calls})
            self.written.append(self.month)
        self.month, self.key, self.calls = None, (0, 0), {}

    def discard(self) -> None:
        """Remove every month written: the build was given up."""
        for month in self.written:
            self.workspace.discard_folded(month)
        self.written, self.month, self.key, self.calls = [], None, (0, 0), {}
