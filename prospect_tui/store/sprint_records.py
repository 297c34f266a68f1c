"""Sprints in and out of the activity shard, and the counts read off them without decoding.

Finishing a sprint writes its calling time in the same journal line, so
sprints build on the time records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from prospect_tui.core.assignments import ASSIGNMENTS, FAIR
from prospect_tui.core.model import Sprint, SprintStatus, TimeEntry
from prospect_tui.store.decoding import (
    check_rows,
    decode,
    decode_all,
    decode_rows,
    decoding,
    stored_values,
)
from prospect_tui.store.layout import ACTIVITY
from prospect_tui.store.storage import DAY_COUNTS, stored_completed, stored_running
from prospect_tui.store.time_records import TimeRecords


class SprintRecords(TimeRecords):
    """Reads and writes sprints, with the time each one spent."""

    def _sprint_rows(self) -> Mapping[str, Mapping[str, Any]]:
        return self.workspace.rows(ACTIVITY, Sprint.TABLE)

    def sprints(self) -> list[Sprint]:
        """Every sprint, oldest first."""
        with decoding(self.workspace, ACTIVITY):
            return decode_all(Sprint, self.workspace.table(ACTIVITY, Sprint.TABLE))

    def _sprint_rows_between(self, first: date, last: date) -> Mapping[str, Mapping[str, Any]]:
        return self.workspace.rows_between(ACTIVITY, Sprint.TABLE, first, last)

    def sprints_on(self, day: date) -> list[Sprint]:
        """The sprints of the user's ``day``, oldest first."""
        return self.sprints_between(day, day)

    def sprints_between(self, first: date, last: date) -> list[Sprint]:
        """The sprints of the user's days ``first`` … ``last``, oldest first."""
        rows = self._sprint_rows_between(first, last)
        with decoding(self.workspace, ACTIVITY):
            return decode_rows(Sprint, rows)

    def review_sprints(self, first: date, last: date) -> tuple[list[Sprint], int]:
        """The sprints a review of the days ``first`` … ``last`` reads, and how many completed.

        Every sprint of the window but those completed before ``last``, which
        are only counted: a 90-day window holds over a thousand sprints, and the
        review needs only the day's own and the stopped ones' reasons.
        """
        if first == last:
            found = self.sprints_on(last)
            return found, sum(s.status is SprintStatus.COMPLETED for s in found)
        high = last.isoformat()
        done = SprintStatus.COMPLETED.value
        wanted: list[tuple[str, Mapping[str, Any]]] = []
        completed = 0
        for key, doc in self._sprint_rows_between(first, last).items():
            day = doc["local_date"]
            if Sprint.stored(doc, "status") == done:
                completed += 1
                if day != high:
                    continue
            wanted.append((key, doc))
        with decoding(self.workspace, ACTIVITY):
            return [decode(Sprint, int(key), doc) for key, doc in wanted], completed

    def sprint_assignments(self, first: date, last: date) -> Counter[str]:
        """How many sprints of the days ``first`` … ``last`` used each variant assignment."""
        rows = self._sprint_rows_between(first, last)
        used = Counter(doc.get("assignment", FAIR) for doc in rows.values())
        if not used.keys() <= set(ASSIGNMENTS):
            with decoding(self.workspace, ACTIVITY):
                check_rows(Sprint, rows)
        return used

    def completed_sprints_by_day(self) -> Counter[date]:
        """Completed sprints per day over the whole history, for the streak.

        Read from the head of ``activity``'s file where its fold kept them, if
        the file is all there is to it; else counted from every sprint.
        """
        current = self.workspace.file_meta(ACTIVITY)
        if current == {}:  # no file, nothing pending: no sprints
            return Counter()
        if current is not None:  # the file is all there is
            kept = stored_completed(self.workspace.file_meta(ACTIVITY, DAY_COUNTS))
            if kept is not None:
                return kept
            self.workspace.refold(ACTIVITY)  # from before they were kept: once
        done = SprintStatus.COMPLETED.value
        rows = self._sprint_rows()
        with decoding(self.workspace, ACTIVITY):
            try:
                days = stored_values(Sprint, rows, "local_date")
                statuses = stored_values(Sprint, rows, "status")
                counts = Counter(
                    day
                    for (_, day), (_, status) in zip(days, statuses, strict=True)
                    if status == done
                )
                return Counter({date.fromisoformat(day): n for day, n in counts.items()})
            except (KeyError, TypeError, ValueError):
                check_rows(Sprint, rows)  # names the sprint whose day does not read
                raise

    def sprints_started_on(self, day: date) -> int:
        """How many sprints the user started on ``day`` (for "sprint 3 today")."""
        return len(self._sprint_rows_between(day, day))

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
        doc = self.workspace.table(ACTIVITY, Sprint.TABLE).get(doc_id=sprint_id)
        with decoding(self.workspace, ACTIVITY):
            return None if doc is None else decode(Sprint, sprint_id, doc)

    def running_sprint(self) -> Sprint | None:
        """The sprint left running by the last session, if any.

        Read from the lines of the days ``activity``'s head lists as holding one,
        when the file is all there is to it; else from every sprint.
        """
        running = SprintStatus.RUNNING.value
        rows = self._running_rows()
        found = [
            int(key) for key, status in stored_values(Sprint, rows, "status") if status == running
        ]
        with decoding(self.workspace, ACTIVITY):
            return decode(Sprint, max(found), rows[str(max(found))]) if found else None

    def _running_rows(self) -> Mapping[str, Mapping[str, Any]]:
        current = self.workspace.file_meta(ACTIVITY)
        if current == {}:  # no file, nothing pending: no sprints
            return {}
        if current is not None:  # the file is all there is
            days = stored_running(self.workspace.file_meta(ACTIVITY, DAY_COUNTS))
            if days is not None:
                return self._sprint_rows_between(min(days), max(days)) if days else {}
            self.workspace.refold(ACTIVITY)  # from before they were kept: once
        return self._sprint_rows()

    def save_sprint(self, sprint: Sprint) -> Sprint:
        """Insert (id 0) or replace a sprint."""
        return self._save(self.workspace.table(ACTIVITY, Sprint.TABLE), sprint)
