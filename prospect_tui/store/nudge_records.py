"""Settled nudges (sent or held) in and out of the activity shard."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from prospect_tui.core.model import SentNudge
from prospect_tui.store.decoding import decode, decode_rows, decoding
from prospect_tui.store.doc_lines import ABSENT, field_values
from prospect_tui.store.layout import ACTIVITY
from prospect_tui.store.record_tables import RecordTables


class NudgeRecords(RecordTables):
    """Reads and writes which nudges were settled, so none fires twice."""

    def nudges_on(self, day: date) -> list[SentNudge]:
        """The nudges settled for the user's ``day`` (sent or held), oldest first."""
        with decoding(self.workspace, ACTIVITY):
            rows = self.workspace.rows_between(ACTIVITY, SentNudge.TABLE, day, day)
            return decode_rows(SentNudge, rows)

    def nudge_keys_since(self, day: date) -> set[str]:
        """The keys of every nudge settled for ``day`` or later: those never fire again."""
        wanted = day.isoformat()
        rows = self.workspace.rows(ACTIVITY, SentNudge.TABLE)
        with decoding(self.workspace, ACTIVITY):
            return {
                decode(SentNudge, int(key), rows[key]).key
                for key, day in field_values(rows, "local_date")
                if str("" if day is ABSENT else day) >= wanted
            }

    def record_nudges(self, nudges: Iterable[SentNudge]) -> None:
        """Record nudges as settled, all in one journal line."""
        table = self.workspace.table(ACTIVITY, SentNudge.TABLE)
        with self.workspace.atomic():
            for nudge in nudges:
                self._save(table, nudge)
