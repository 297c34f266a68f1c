"""Domain records in and out of the workspace's TinyDB tables: every family at once.

Each family of records has its own module (``prospect_records``,
``call_records``, ``sprint_records``, ``time_records``, ``followup_records``,
``nudge_records``); they know where their records live and turn documents
into the dataclasses of :mod:`prospect_tui.core.model`. None decides
anything: the domain computes the new state (a call and its prospect after an
outcome), the records write it in one journal line. :class:`Repository` adds
only what spans the families: writing records that already carry their ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date

from tinydb.table import Document

from prospect_tui.core.model import Call, FollowUp, Prospect, Sprint, TimeEntry
from prospect_tui.core.record import Record
from prospect_tui.store.call_records import CALL_COUNTER, CallRecords
from prospect_tui.store.doc_lines import field_values
from prospect_tui.store.first_call_records import FirstCallRecords
from prospect_tui.store.followup_records import FOLLOWUP_COUNTER, followup_shard
from prospect_tui.store.layout import ACTIVITY, PROSPECTS, calls_shard, time_shard
from prospect_tui.store.nudge_records import NudgeRecords
from prospect_tui.store.sprint_records import SprintRecords
from prospect_tui.store.time_records import TIME_COUNTER


class Repository(CallRecords, SprintRecords, NudgeRecords, FirstCallRecords):
    """Reads and writes Prospect's records in a :class:`Workspace`.

    Calls (with their prospects and follow-ups), sprints (with their time),
    nudges and the first calls picked for a day, each from its own module; this
    class holds nothing of its own.
    """

    def insert_with_ids(
        self, records: Iterable[Record], *, used: Mapping[str, int] | None = None
    ) -> None:
        """Write records that already carry their ids (a sample, a migration).

        Everything goes in one journal line, so a crash leaves all or none.
        ``used`` gives the highest id of each counter taken by records written
        some other way (a bulk build's months of calls), so no new one reuses it.
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
        for counter, value in (used or {}).items():
            if value > 0:
                highest[counter] = max(highest[counter], value)
        with self.workspace.atomic():
            for (shard, table), docs in by_place.items():
                self.workspace.table(shard, table).insert_multiple(docs)
            for counter, value in highest.items():
                self.workspace.next_id(counter, at_least=value)

    def ready_to_call(self, day: date, history_from: date | None = None) -> None:
        """Read now what a sprint on ``day`` writes to, so its start and its first
        outcome key do not: the sprints (``activity``) and ``day``'s month of calls;
        with ``history_from``, also the months the card's history reads from that
        day's on (:meth:`calls_of_prospect`), each month's calls found by prospect.

        A decade of sprints is ten megabytes to read; done while home is looked
        at, not on the key that starts the sprint. The day's sprints and calls are
        then found once, so their days are known (:meth:`.LineView.keys_between`)
        when the start asks for them, and the next sprint's id is counted. At a
        million calls the history's two months took 0.2 s of the first card, on
        the screen's thread.
        """
        self.workspace.table(ACTIVITY, Sprint.TABLE)
        self.workspace.table(calls_shard(day), Call.TABLE)
        self.sprints_on(day)
        self.workspace.count_ids(ACTIVITY, Sprint.TABLE)
        self.calls_on(day)
        if history_from is not None:
            first = calls_shard(history_from)
            for shard in self.workspace.call_shards():
                if shard >= first:
                    # The month's column of prospects is built now (a month held as
                    # text is parsed a thousand calls at a time); the scan reads it.
                    field_values(self.workspace.rows(shard, Call.TABLE), "prospect_id")
