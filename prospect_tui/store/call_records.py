"""Calls in and out of their month shards, and the counts read off them without decoding.

Logging a call writes its prospect's new state and any follow-up it made in
the same journal line, so calls build on the follow-up and prospect records.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from tinydb.table import Table

from prospect_tui.core.call_stats import CallStats
from prospect_tui.core.followups import reopened_by_undo, replaced_by
from prospect_tui.core.model import Call, FollowUp, Prospect, Sprint
from prospect_tui.store.call_windows import call_stats
from prospect_tui.store.decoding import decode, decode_all, decode_rows, decoding, stored_values
from prospect_tui.store.dial_counts import DialsByDay
from prospect_tui.store.followup_records import FollowUpRecords, followup_shard
from prospect_tui.store.layout import calls_shard
from prospect_tui.store.record_tables import replace_document
from prospect_tui.store.storage import JournaledTable

CALL_COUNTER = "calls"


class CallRecords(FollowUpRecords):
    """Reads and writes calls, with the prospect and follow-up each one changes."""

    def _calls(self, day: date) -> Table:
        return self.workspace.table(calls_shard(day), Call.TABLE)

    def log_call(self, call: Call, prospect: Prospect, followup: FollowUp | None = None) -> Call:
        """Write a call, its prospect's new state and any follow-up, all at once."""
        with self.workspace.atomic():
            if not call.id:
                call.id = self.workspace.next_id(CALL_COUNTER)
            calls = self._calls(call.local_date)
            assert isinstance(calls, JournaledTable), "every table of a workspace is journaled"
            calls.put(call.id, call.to_stored(), new=True)
            self.save_prospect(prospect)
            if followup is not None:
                followup.call_id = call.id
                for old in replaced_by(followup, self.live_followups_of(prospect.id)):
                    self.save_followup(old)
                self.save_followup(followup)
        return call

    def undo_call(
        self, call: Call, prospect_before: Prospect, followup: FollowUp | None = None
    ) -> None:
        """Remove a logged call, the follow-up it made, and put its prospect back as it was.

        ``followup``, the call's follow-up as last saved, says which month it is in
        (a meeting's time, given after the call, may have moved it).
        """
        with self.workspace.atomic():
            self._calls(call.local_date).remove(doc_ids=[call.id])
            self.save_prospect(prospect_before)
            # The follow-up a call made sits in the month of the callback (or the call).
            shard = followup_shard(call.callback_at, call.ended_at)
            if followup is not None:
                shard = followup_shard(followup.due_at, followup.created_at)
            rows = self.workspace.rows(shard, FollowUp.TABLE)
            made = [int(k) for k, doc in rows.items() if FollowUp.stored(doc, "call_id") == call.id]
            if made:
                self.workspace.table(shard, FollowUp.TABLE).remove(doc_ids=made)
            if followup is not None:
                for old in reopened_by_undo(followup, self.live_followups_of(call.prospect_id)):
                    self.save_followup(old)

    def calls_by_id(self, ids: Iterable[int]) -> dict[int, Call]:
        """The calls with these ids, looked for month by month from the newest.

        Follow-ups name the call that made them; those are mostly recent, so
        the search usually stops after a month or two.
        """
        wanted = {str(i) for i in ids}
        found: dict[int, Call] = {}
        for shard in reversed(self.workspace.call_shards()):
            if not wanted:
                break
            rows = self.workspace.rows(shard, Call.TABLE)
            with decoding(self.workspace, shard):
                for key in [k for k in wanted if k in rows]:
                    found[int(key)] = decode(Call, int(key), rows[key])
                    wanted.discard(key)
        return found

    def save_call(self, call: Call) -> Call:
        """Replace a logged call (its notes were edited)."""
        replace_document(self._calls(call.local_date), call.id, call.to_stored())
        return call

    def calls_on(self, day: date) -> list[Call]:
        """The calls that count for the user's ``day``, oldest first."""
        shard = calls_shard(day)
        with decoding(self.workspace, shard):
            return decode_rows(Call, self.workspace.rows_between(shard, Call.TABLE, day, day))

    def calls_of_sprint(self, sprint: Sprint) -> list[Call]:
        """The calls logged in ``sprint``, oldest first."""
        shard = calls_shard(sprint.local_date)
        rows = self.workspace.rows(shard, Call.TABLE)
        with decoding(self.workspace, shard):
            found = [
                decode(Call, int(key), rows[key])
                for key, sprint_id in stored_values(Call, rows, "sprint_id")
                if sprint_id == sprint.id
            ]
        return sorted(found, key=lambda c: c.id)

    def calls_of_prospect(self, prospect_id: int, since: date, limit: int) -> list[Call]:
        """The prospect's calls of ``since``'s month and later, newest first, at most ``limit``.

        Calls are kept by month, not by prospect, and nothing indexes them by
        prospect: each month from the newest back to ``since``'s is scanned
        (its stored rows, decoding only the prospect's calls), so callers keep
        the window to a month or two. A month not read yet is loaded whole.
        """
        first = calls_shard(since)
        found: list[Call] = []
        for shard in reversed(self.workspace.call_shards()):
            if shard < first or len(found) >= limit:
                break
            rows = self.workspace.rows(shard, Call.TABLE)
            mine = [k for k, pid in stored_values(Call, rows, "prospect_id") if pid == prospect_id]
            with decoding(self.workspace, shard):
                calls = [decode(Call, int(key), rows[key]) for key in mine]
            found.extend(sorted(calls, key=lambda c: (c.started_at, c.id), reverse=True))
        return found[:limit]

    def iter_calls(self) -> Iterator[Call]:
        """Every call, month by month, oldest first."""
        for shard in self.workspace.call_shards():
            held = self.workspace.is_loaded(shard)
            table = self.workspace.table(shard, Call.TABLE)
            with decoding(self.workspace, shard):
                calls = decode_all(Call, table)
            if not held:  # read for this scan only: memory holds one month, not the history
                self.workspace.release(shard)
            yield from sorted(calls, key=lambda c: c.id)

    def call_stats(self, first: date, last: date) -> CallStats:
        """The calls of the user's days ``first`` … ``last``, counted for the review.

        Counted from the stored documents, checking each field it reads, without
        decoding every call: a window may hold a hundred thousand.
        """
        return call_stats(self.workspace, first, last)

    def first_call_day(self) -> date | None:
        """The earliest user's day with a call (for a review of all the history)."""
        return min(self.dials_by_day(), default=None)  # read from the files' heads

    def dials_by_day(self) -> DialsByDay:
        """Dials per user's day over the whole history, for the streak and the goal.

        Read lazily, a month at a time: the streak asks only about days whose
        sprints met the goal. A month neither in memory nor changed in the
        journal is read from the head of its file, where the fold recorded its
        dials, without loading its calls; any other month is counted from its
        stored rows, without decoding a call.
        """
        return DialsByDay(self.workspace)
