"""Domain records in and out of the workspace's TinyDB tables.

The repository knows where each record lives and turns documents into the
dataclasses of :mod:`prospect_tui.core.model`. It decides nothing: the
domain computes the new state (a call and its prospect after an outcome),
the repository writes it in one journal line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from tinydb.table import Document, Table

from prospect_tui.core.assignments import ASSIGNMENTS, FAIR
from prospect_tui.core.call_stats import CallStats
from prospect_tui.core.followups import Closed
from prospect_tui.core.model import (
    Call,
    FollowUp,
    Prospect,
    Record,
    SentNudge,
    Sprint,
    SprintStatus,
    TimeEntry,
)
from prospect_tui.store.call_windows import call_stats
from prospect_tui.store.decoding import check_rows, decode, decode_all, decode_on_day, decoding
from prospect_tui.store.dial_counts import DialsByDay
from prospect_tui.store.layout import (
    ACTIVITY,
    FOLLOWUPS,
    PROSPECTS,
    TIME,
    calls_shard,
    month_shard,
    time_shard,
)
from prospect_tui.store.workspace import Workspace

R = TypeVar("R", bound=Record)

CALL_COUNTER = "calls"
TIME_COUNTER = "time_entries"
FOLLOWUP_COUNTER = "followups"


def followup_shard(due_at: datetime | None, created_at: datetime) -> str:
    """The month shard a follow-up lives in: its due date's, or its creation's."""
    return month_shard(FOLLOWUPS, (due_at or created_at).date())


def _replace(table: Table, doc_id: int, doc: dict[str, Any]) -> None:
    """Store ``doc`` as the whole document ``doc_id`` (inserting it if new).

    TinyDB's upsert merges fields, and a stored document leaves out fields at
    their default: a pause that ended must not keep its old ``paused_at``.
    """

    def swap(stored: MutableMapping[str, Any]) -> None:
        stored.clear()
        stored.update(doc)

    if not table.update(swap, doc_ids=[doc_id]):
        table.insert(Document(doc, doc_id=doc_id))


class Repository:
    """Reads and writes Prospect's records in a :class:`Workspace`."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    @property
    def last_seq(self) -> int:
        """The journal line of the last write; durable once the syncer reports it."""
        return self.workspace.last_seq

    def atomic(self) -> AbstractContextManager[None]:
        """Group every write inside into one journal line: all of it lands, or none."""
        return self.workspace.atomic()

    # -- tables ----------------------------------------------------------------

    @property
    def _prospects(self) -> Table:
        return self.workspace.table(PROSPECTS, Prospect.TABLE)

    def _activity(self, kind: type[Record]) -> Table:
        return self.workspace.table(ACTIVITY, kind.TABLE)

    def _calls(self, day: date) -> Table:
        return self.workspace.table(calls_shard(day), Call.TABLE)

    def _save(self, table: Table, record: R) -> R:
        """Insert a record with id 0, replace the document of any other."""
        doc = record.to_stored()
        if record.id:
            _replace(table, record.id, doc)
        else:
            record.id = table.insert(doc)
        return record

    # -- prospects -------------------------------------------------------------

    def prospects(self) -> list[Prospect]:
        """Every prospect, in id order."""
        with decoding(self.workspace, PROSPECTS):
            return decode_all(Prospect, self._prospects)

    def prospect(self, prospect_id: int) -> Prospect | None:
        """One prospect, or None."""
        doc = self._prospects.get(doc_id=prospect_id)
        with decoding(self.workspace, PROSPECTS):
            return None if doc is None else decode(Prospect, prospect_id, doc)

    def has_prospects(self) -> bool:
        """Whether there is anyone at all, answered without reading every prospect."""
        return self.workspace.has_documents(PROSPECTS, Prospect.TABLE)

    def count_prospects(self) -> int:
        """How many prospects the workspace holds."""
        return len(self._prospects)

    def save_prospect(self, prospect: Prospect) -> Prospect:
        """Insert (id 0) or replace one prospect."""
        return self._save(self._prospects, prospect)

    def save_prospects(self, prospects: Iterable[Prospect]) -> None:
        """Insert or replace many prospects in one journal line."""
        table = self._prospects
        with self.workspace.atomic():
            new = []
            for prospect in prospects:
                if prospect.id:
                    self._save(table, prospect)
                else:
                    new.append(prospect)
            ids = table.insert_multiple(p.to_stored() for p in new)
            for prospect, doc_id in zip(new, ids, strict=True):
                prospect.id = doc_id

    # -- calls -----------------------------------------------------------------

    def log_call(self, call: Call, prospect: Prospect, followup: FollowUp | None = None) -> Call:
        """Write a call, its prospect's new state and any follow-up, all at once."""
        with self.workspace.atomic():
            if not call.id:
                call.id = self.workspace.next_id(CALL_COUNTER)
            self._calls(call.local_date).insert(Document(call.to_stored(), doc_id=call.id))
            self.save_prospect(prospect)
            if followup is not None:
                followup.call_id = call.id
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
        _replace(self._calls(call.local_date), call.id, call.to_stored())
        return call

    def calls_on(self, day: date) -> list[Call]:
        """The calls that count for the user's ``day``, oldest first."""
        shard = calls_shard(day)
        with decoding(self.workspace, shard):
            return decode_on_day(Call, self.workspace.rows(shard, Call.TABLE), day)

    def calls_of_sprint(self, sprint: Sprint) -> list[Call]:
        """The calls logged in ``sprint``, oldest first."""
        shard = calls_shard(sprint.local_date)
        rows = self.workspace.rows(shard, Call.TABLE)
        with decoding(self.workspace, shard):
            found = [
                decode(Call, int(key), doc)
                for key, doc in rows.items()
                if Call.stored(doc, "sprint_id") == sprint.id
            ]
        return sorted(found, key=lambda c: c.id)

    def iter_calls(self) -> Iterator[Call]:
        """Every call, month by month, oldest first."""
        for shard in self.workspace.call_shards():
            table = self.workspace.table(shard, Call.TABLE)
            with decoding(self.workspace, shard):
                calls = decode_all(Call, table)
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

    def dials_by_day(self) -> Mapping[date, int]:
        """Dials per user's day over the whole history, for the streak and the goal.

        Read lazily, a month at a time: the streak asks only about days whose
        sprints met the goal. A month neither in memory nor changed in the
        journal is read from the head of its file, where the fold recorded its
        dials, without loading its calls; any other month is counted from its
        stored rows, without decoding a call.
        """
        return DialsByDay(self.workspace)

    # -- sprints, time, follow-ups -----------------------------------------------

    def sprints(self) -> list[Sprint]:
        """Every sprint, oldest first."""
        with decoding(self.workspace, ACTIVITY):
            return decode_all(Sprint, self._activity(Sprint))

    def _sprint_rows(self) -> Mapping[str, Mapping[str, Any]]:
        return self.workspace.rows(ACTIVITY, Sprint.TABLE)

    def sprints_on(self, day: date) -> list[Sprint]:
        """The sprints of the user's ``day``, oldest first."""
        with decoding(self.workspace, ACTIVITY):
            return decode_on_day(Sprint, self._sprint_rows(), day)

    def sprints_between(self, first: date, last: date) -> list[Sprint]:
        """The sprints of the user's days ``first`` … ``last``, oldest first."""
        if first == last:
            return self.sprints_on(first)
        low, high = first.isoformat(), last.isoformat()
        rows = self._sprint_rows()
        with decoding(self.workspace, ACTIVITY):
            return [
                decode(Sprint, int(key), doc)
                for key, doc in rows.items()
                if isinstance(doc.get("local_date"), str) and low <= doc["local_date"] <= high
            ]

    def sprint_assignments(self, first: date, last: date) -> Counter[str]:
        """How many sprints of the days ``first`` … ``last`` used each variant assignment."""
        low, high = first.isoformat(), last.isoformat()
        rows = self._sprint_rows()
        with decoding(self.workspace, ACTIVITY):
            try:
                used = Counter(
                    doc.get("assignment", FAIR)
                    for doc in rows.values()
                    if low <= doc["local_date"] <= high
                )
            except (KeyError, TypeError):
                check_rows(Sprint, rows)  # names the sprint whose day does not read
                raise
        if not used.keys() <= set(ASSIGNMENTS):
            with decoding(self.workspace, ACTIVITY):
                check_rows(Sprint, rows)
        return used

    def completed_sprints_by_day(self) -> Counter[date]:
        """Completed sprints per day over the whole history, for the streak."""
        done = SprintStatus.COMPLETED.value
        rows = self._sprint_rows()
        with decoding(self.workspace, ACTIVITY):
            try:
                counts = Counter(
                    doc["local_date"]
                    for doc in rows.values()
                    if Sprint.stored(doc, "status") == done
                )
                return Counter({date.fromisoformat(day): n for day, n in counts.items()})
            except (KeyError, TypeError, ValueError):
                check_rows(Sprint, rows)  # names the sprint whose day does not read
                raise

    def sprints_started_on(self, day: date) -> int:
        """How many sprints the user started on ``day`` (for "sprint 3 today")."""
        wanted = day.isoformat()
        return sum(doc.get("local_date") == wanted for doc in self._sprint_rows().values())

    def sprints_completed_on(self, day: date) -> int:
        """How many sprints were completed on ``day`` (every 4th earns a long break)."""
        return self.completed_sprints_by_day()[day]

    def finish_sprint(self, sprint: Sprint, time_spent: Iterable[TimeEntry]) -> None:
        """Record a sprint's end and its calling time (an entry per day) in one journal line."""
        with self.workspace.atomic():
            self.save_sprint(sprint)
            for entry in time_spent:
                self.save_time_entry(entry)

    def sprint(self, sprint_id: int) -> Sprint | None:
        """One sprint, or None."""
        doc = self._activity(Sprint).get(doc_id=sprint_id)
        with decoding(self.workspace, ACTIVITY):
            return None if doc is None else decode(Sprint, sprint_id, doc)

    def running_sprint(self) -> Sprint | None:
        """The sprint left running by the last session, if any."""
        running = SprintStatus.RUNNING.value
        found = [
            (int(key), doc)
            for key, doc in self._sprint_rows().items()
            if Sprint.stored(doc, "status") == running
        ]
        with decoding(self.workspace, ACTIVITY):
            return decode(Sprint, *max(found, key=lambda item: item[0])) if found else None

    def save_sprint(self, sprint: Sprint) -> Sprint:
        """Insert (id 0) or replace a sprint."""
        return self._save(self._activity(Sprint), sprint)

    def time_entries(self) -> list[TimeEntry]:
        """Every span of tracked time, month by month."""
        found: list[TimeEntry] = []
        for shard in self.workspace.month_shards(TIME):
            with decoding(self.workspace, shard):
                found += decode_all(TimeEntry, self.workspace.table(shard, TimeEntry.TABLE))
        return sorted(found, key=lambda e: e.id)

    def time_entries_on(self, day: date) -> list[TimeEntry]:
        """Tracked time that counts for the user's ``day``."""
        shard = time_shard(day)
        with decoding(self.workspace, shard):
            return decode_on_day(TimeEntry, self.workspace.rows(shard, TimeEntry.TABLE), day)

    def time_entries_between(self, first: date, last: date) -> list[TimeEntry]:
        """Tracked time that counts for the user's days ``first`` … ``last``."""
        low, high = first.isoformat(), last.isoformat()
        found: list[TimeEntry] = []
        for shard in self.workspace.month_shards(TIME):
            if not time_shard(first) <= shard <= time_shard(last):
                continue
            rows = self.workspace.rows(shard, TimeEntry.TABLE)
            with decoding(self.workspace, shard):
                found += [
                    decode(TimeEntry, int(key), doc)
                    for key, doc in rows.items()
                    if isinstance(doc.get("local_date"), str) and low <= doc["local_date"] <= high
                ]
        return found

    def save_time_entry(self, entry: TimeEntry) -> TimeEntry:
        """Insert (id 0) or replace a time entry, in its month's shard."""
        with self.workspace.atomic():
            if not entry.id:
                entry.id = self.workspace.next_id(TIME_COUNTER)
            table = self.workspace.table(time_shard(entry.local_date), TimeEntry.TABLE)
            _replace(table, entry.id, entry.to_stored())
        return entry

    def save_time_entries(self, entries: Iterable[TimeEntry]) -> None:
        """Insert or replace several time entries (a span split by day) in one journal line."""
        with self.workspace.atomic():
            for entry in entries:
                self.save_time_entry(entry)

    def followups(self, *, open_only: bool = False) -> list[FollowUp]:
        """Every callback and meeting to follow up, month by month."""
        found: list[FollowUp] = []
        for shard in self.workspace.month_shards(FOLLOWUPS):
            rows = self.workspace.rows(shard, FollowUp.TABLE)
            with decoding(self.workspace, shard):
                found += [
                    decode(FollowUp, int(key), doc)
                    for key, doc in rows.items()
                    if not open_only or FollowUp.stored(doc, "done_at") is None
                ]
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
                for other in self.workspace.month_shards(FOLLOWUPS):
                    if other != shard and str(followup.id) in self.workspace.rows(
                        other, FollowUp.TABLE
                    ):
                        self.workspace.table(other, FollowUp.TABLE).remove(doc_ids=[followup.id])
            _replace(self.workspace.table(shard, FollowUp.TABLE), followup.id, followup.to_stored())
        return followup

    def close_followup(self, closed: Closed) -> None:
        """Write a closed follow-up, any that replaces it and its prospect, in one journal line."""
        with self.workspace.atomic():
            self.save_followup(closed.followup)
            if closed.rescheduled is not None:
                self.save_followup(closed.rescheduled)
            if closed.prospect is not None:
                self.save_prospect(closed.prospect)

    # -- nudges ----------------------------------------------------------------

    def nudges_on(self, day: date) -> list[SentNudge]:
        """The nudges settled for the user's ``day`` (sent or held), oldest first."""
        with decoding(self.workspace, ACTIVITY):
            return decode_on_day(SentNudge, self.workspace.rows(ACTIVITY, SentNudge.TABLE), day)

    def nudge_keys_since(self, day: date) -> set[str]:
        """The keys of every nudge settled for ``day`` or later: those never fire again."""
        wanted = day.isoformat()
        rows = self.workspace.rows(ACTIVITY, SentNudge.TABLE)
        with decoding(self.workspace, ACTIVITY):
            return {
                decode(SentNudge, int(key), doc).key
                for key, doc in rows.items()
                if str(doc.get("local_date", "")) >= wanted
            }

    def record_nudges(self, nudges: Iterable[SentNudge]) -> None:
        """Record nudges as settled, all in one journal line."""
        table = self._activity(SentNudge)
        with self.workspace.atomic():
            for nudge in nudges:
                self._save(table, nudge)

    # -- bulk ------------------------------------------------------------------

    def insert_with_ids(self, records: Iterable[Record]) -> None:
        """Write records that already carry their ids (a sample, a migration).

        Everything goes in one journal line, so a crash leaves all or none.
        """
        by_place: dict[tuple[str, str], list[Document]] = {}
        highest: Counter[str] = Counter()
        for record in records:
            if isinstance(record, Call):
                place = (calls_shard(record.local_date), Call.TABLE)
                highest[CALL_COUNTER] = max(highest[CALL_COUNTER], record.id)
            elif isinstance(record, TimeEntry):
                place = (time_shard(record.local_date), TimeEntry.TABLE)
                highest[TIME_COUNTER] = max(highest[TIME_COUNTER], record.id)
            elif isinstance(record, FollowUp):
                place = (followup_shard(record.due_at, record.created_at), FollowUp.TABLE)
                highest[FOLLOWUP_COUNTER] = max(highest[FOLLOWUP_COUNTER], record.id)
            elif isinstance(record, Prospect):
                place = (PROSPECTS, Prospect.TABLE)
            else:
                place = (ACTIVITY, record.TABLE)
            by_place.setdefault(place, []).append(Document(record.to_stored(), doc_id=record.id))
        with self.workspace.atomic():
            for (shard, table), docs in by_place.items():
                self.workspace.table(shard, table).insert_multiple(docs)
            for counter, value in highest.items():
                self.workspace.next_id(counter, at_least=value)
