"""Tracked time in and out of its month shards."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from prospect_tui.core.categories import CATEGORIES, Category
from prospect_tui.core.model import TimeEntry
from prospect_tui.store.decoding import check_rows, decode, decode_all, decode_rows, decoding
from prospect_tui.store.layout import TIME, time_shard
from prospect_tui.store.record_tables import RecordTables, replace_document

TIME_COUNTER = "time_entries"


class TimeRecords(RecordTables):
    """Reads and writes spans of tracked time, an entry per user's day."""

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
            rows = self.workspace.rows_between(shard, TimeEntry.TABLE, day, day)
            return decode_rows(TimeEntry, rows)

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

    def minutes_between(self, first: date, last: date) -> dict[Category, float]:
        """Minutes tracked in each category on the user's days ``first`` … ``last``.

        Summed from the stored entries without decoding each: a 90-day review
        holds over a thousand, and decoding them costs more than the rest of
        the time it reads. An entry whose category or seconds do not read is
        damage of its file, named as decoding would name it.
        """
        low, high = first.isoformat(), last.isoformat()
        by_value = {category.value: category for category in CATEGORIES}
        minutes = {category: 0.0 for category in CATEGORIES}
        for shard in self.workspace.month_shards(TIME):
            if not time_shard(first) <= shard <= time_shard(last):
                continue
            rows = self.workspace.rows(shard, TimeEntry.TABLE)
            with decoding(self.workspace, shard):
                try:
                    for doc in rows.values():
                        if low <= doc["local_date"] <= high:
                            seconds = doc["seconds"]
                            if type(seconds) not in (int, float):
                                raise TypeError(seconds)
                            minutes[by_value[doc["category"]]] += seconds / 60
                except (KeyError, TypeError):
                    check_rows(TimeEntry, rows)  # names the entry that does not read
                    raise
        return minutes

    def save_time_entry(self, entry: TimeEntry) -> TimeEntry:
        """Insert (id 0) or replace a time entry, in its month's shard."""
        with self.workspace.atomic():
            if not entry.id:
                entry.id = self.workspace.next_id(TIME_COUNTER)
            table = self.workspace.table(time_shard(entry.local_date), TimeEntry.TABLE)
            replace_document(table, entry.id, entry.to_stored())
        return entry

    def save_time_entries(self, entries: Iterable[TimeEntry]) -> None:
        """Insert or replace several time entries (a span split by day) in one journal line."""
        with self.workspace.atomic():
            for entry in entries:
                self.save_time_entry(entry)
