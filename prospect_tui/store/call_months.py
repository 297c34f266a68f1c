"""Calls written a month at a time, straight into their files: a bulk build's writer."""

from __future__ import annotations

from typing import Any

from prospect_tui.core.model import Call
from prospect_tui.core.record_codec import to_iso
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
        self.calls[str(call.id)] = stored_call(call)
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


STORED_CALL_FIELDS = (
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
)
"""The fields :func:`stored_call` writes, in :class:`Call`'s order: a test holds it to them."""


def stored_call(call: Call) -> dict[str, Any]:
    """``call.to_stored()``, the same document, written out field by field.

    A bulk build makes a million of them: the generic conversion asks each
    field's default and encoder by name, which cost a build more than making
    the calls up did.
    """
    doc: dict[str, Any] = {"prospect_id": call.prospect_id}
    if call.sprint_id is not None:
        doc["sprint_id"] = call.sprint_id
    doc["started_at"] = to_iso(call.started_at)
    doc["ended_at"] = to_iso(call.ended_at)
    if call.duration_s != 0.0:
        doc["duration_s"] = call.duration_s
    doc["outcome"] = call.outcome
    if call.notes != "":
        doc["notes"] = call.notes
    if call.variant is not None:
        doc["variant"] = call.variant
    if call.local_hour is not None:
        doc["local_hour"] = call.local_hour
    doc["local_date"] = call.local_date.isoformat()
    if call.callback_at is not None:
        doc["callback_at"] = to_iso(call.callback_at)
    if call.gatekeeper != "":
        doc["gatekeeper"] = call.gatekeeper
    if call.objections:
        doc["objections"] = list(call.objections)
    return doc
