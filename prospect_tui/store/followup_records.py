"""Follow-ups (callbacks and meetings) in and out of the month they are due."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from prospect_tui.core.followups import Closed
from prospect_tui.core.model import FollowUp
from prospect_tui.store.decoding import decode, decoding
from prospect_tui.store.layout import FOLLOWUPS, month_shard
from prospect_tui.store.prospect_records import ProspectRecords
from prospect_tui.store.record_tables import replace_document

FOLLOWUP_COUNTER = "followups"


def followup_shard(due_at: datetime | None, created_at: datetime) -> str:
    """The month shard a follow-up lives in: its due date's, or its creation's."""
    return month_shard(FOLLOWUPS, (due_at or created_at).date())


class FollowUpRecords(ProspectRecords):
    """Reads and writes follow-ups; closing one may write its prospect too."""

    def followups(self, *, open_only: bool = False) -> list[FollowUp]:
        """Every callback and meeting to follow up, month by month."""
        found: list[FollowUp] = []
        for shard in self.workspace.month_shards(FOLLOWUPS):
            if open_only and self.workspace.open_followups(shard) == 0:
                continue  # a decade of months, nearly all done: read only those with any open
            rows = self.workspace.rows(shard, FollowUp.TABLE)
            with decoding(self.workspace, shard):
                found += [
                    decode(FollowUp, int(key), doc)
                    for key, doc in rows.items()
                    if not open_only or FollowUp.stored(doc, "done_at") is None
                ]
        return sorted(found, key=lambda f: f.id)

    def live_followups_of(self, prospect_id: int) -> list[FollowUp]:
        """One prospect's follow-ups that a call can replace or its undo reopen.

        Every month but those the last fold counted with none open and nothing
        has touched since: a callback a new one replaces is open, and one closed
        by a call of this session lies in a month in memory. Logging a callback
        in a decade of history reads a few months, not all of them.
        """
        found: list[FollowUp] = []
        for shard in self.workspace.month_shards(FOLLOWUPS):
            if self.workspace.open_followups(shard) == 0:
                continue
            rows = self.workspace.rows(shard, FollowUp.TABLE)
            mine = [k for k, d in rows.items() if FollowUp.stored(d, "prospect_id") == prospect_id]
            with decoding(self.workspace, shard):
                found += [decode(FollowUp, int(key), rows[key]) for key in mine]
        return sorted(found, key=lambda f: f.id)

    def open_followups_due_around(self, day: date) -> list[FollowUp]:
        """Open follow-ups in the months of ``day`` and the days either side of it.

        The review asks for tomorrow's callbacks; a day-start hour can put a
        callback stored under the next month on the user's ``day``, hence the margin.
        """
        months = sorted({month_shard(FOLLOWUPS, day + timedelta(days=d)) for d in (-1, 0, 1)})
        found: list[FollowUp] = []
        for shard in months:
            rows = self.workspace.rows(shard, FollowUp.TABLE)
            with decoding(self.workspace, shard):
                found += [
                    decode(FollowUp, int(key), doc)
                    for key, doc in rows.items()
                    if FollowUp.stored(doc, "done_at") is None
                ]
        return found

    def save_followup(self, followup: FollowUp) -> FollowUp:
        """Insert (id 0) or replace a follow-up, in the month it is due."""
        shard = followup_shard(followup.due_at, followup.created_at)
        with self.workspace.atomic():
            if not followup.id:
                followup.id = self.workspace.next_id(FOLLOWUP_COUNTER)
            else:  # its due date may have moved it to another month
                # One it was read from: a follow-up is read before it is changed, and
                # its month stays in memory, so a decade of others is not loaded.
                for other in self.workspace.month_shards(FOLLOWUPS):
                    if not self.workspace.is_loaded(other):
                        continue
                    if other != shard and str(followup.id) in self.workspace.rows(
                        other, FollowUp.TABLE
                    ):
                        self.workspace.table(other, FollowUp.TABLE).remove(doc_ids=[followup.id])
            replace_document(
                self.workspace.table(shard, FollowUp.TABLE), followup.id, followup.to_stored()
            )
        return followup

    def close_followup(self, closed: Closed) -> None:
        """Write a closed follow-up, any that replaces it and its prospect, in one journal line."""
        with self.workspace.atomic():
            self.save_followup(closed.followup)
            if closed.rescheduled is not None:
                self.save_followup(closed.rescheduled)
            if closed.prospect is not None:
                self.save_prospect(closed.prospect)
