"""Tomorrow's first calls (picked in the review) in and out of the activity shard."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from prospect_tui.core.model import FirstCall, Sprint
from prospect_tui.store.decoding import decode_rows, decoding
from prospect_tui.store.layout import ACTIVITY
from prospect_tui.store.record_tables import RecordTables


class FirstCallRecords(RecordTables):
    """Reads and writes the first calls picked for a day, and which sprint used them up."""

    def first_calls_on(self, day: date) -> list[FirstCall]:
        """The first calls picked for the user's ``day`` (used or not), first call first."""
        rows = self.workspace.rows_between(ACTIVITY, FirstCall.TABLE, day, day)
        with decoding(self.workspace, ACTIVITY):
            found = decode_rows(FirstCall, rows)
        return sorted(found, key=lambda f: f.rank)

    def pick_first_calls(self, day: date, picks: Iterable[FirstCall]) -> None:
        """Make ``picks`` the first calls of ``day`` (none: clear them), in one journal line.

        Picks a sprint already used stay as the record of that sprint's start.
        """
        table = self.workspace.table(ACTIVITY, FirstCall.TABLE)
        with self.workspace.atomic():
            stale = [f.id for f in self.first_calls_on(day) if f.sprint_id is None]
            if stale:
                table.remove(doc_ids=stale)
            for pick in picks:
                self._save(table, pick)

    def start_sprint(self, sprint: Sprint, first: Iterable[FirstCall]) -> Sprint:
        """Save a new sprint and mark the first calls it opens with as used up by it.

        One journal line: a crash leaves either a sprint that used them or no sprint.
        """
        table = self.workspace.table(ACTIVITY, FirstCall.TABLE)
        with self.workspace.atomic():
            sprint = self._save(self.workspace.table(ACTIVITY, Sprint.TABLE), sprint)
            for pick in first:
                pick.sprint_id = sprint.id
                self._save(table, pick)
        return sprint
