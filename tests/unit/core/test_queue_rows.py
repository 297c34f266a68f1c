"""The one-pass queue over rows agrees with the rule applied one prospect at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from prospect_tui.core.config import TimeWindow
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.queue import Entry, Waiting, Why, build, classify
from prospect_tui.core.queue_rows import (
    ListSource,
    Queueable,
    QueueRow,
    callback_order,
    calling_order,
    group_by_zone,
)

NOW = datetime(2026, 11, 19, 14, 30, tzinfo=UTC)
WINDOW = TimeWindow(time(8), time(21))
ZONES = ["Europe/Paris", "America/New_York"] * 3 + ["Australia/Sydney", None, "Mars/Olympus"]
"""Open at NOW, mostly (the queue's order is what needs the examples); closed, unknown."""
STATUSES = [*Status, Status.CALLBACK, Status.CALLBACK, Status.NEW, Status.ATTEMPTED]


def reference(
    prospects: list[Prospect], called: set[int], first: list[int]
) -> tuple[list[tuple[int, Why]], list[tuple[int, datetime, Why]], int, int]:
    """The queue as the rule says it, one prospect at a time, then sorted."""
    entries: list[Entry] = []
    waiting: list[Waiting] = []
    unknown = no_phone = 0
    for prospect in prospects:
        place = classify(prospect, NOW, WINDOW, called)
        if isinstance(place, Entry):
            entries.append(place)
        elif isinstance(place, Waiting):
            waiting.append(place)
        elif place is Why.ZONE_UNKNOWN:
            unknown += 1
        elif place is Why.NO_PHONE:
            no_phone += 1
    rank = {pid: n for n, pid in enumerate(first)}

    def order(entry: Entry) -> tuple[object, ...]:
        p = entry.prospect
        callback = entry.why is Why.CALLBACK
        due = p.next_action_at.timestamp() if callback and p.next_action_at else 0.0
        tier = 0 if callback else (1 if p.id in rank else 2)
        return (tier, due, rank.get(p.id, 0), *calling_order(p))

    entries.sort(key=order)
    waiting.sort(key=lambda w: (w.callable_at, w.prospect.id))
    return (
        [(e.prospect.id, e.why) for e in entries],
        [(w.prospect.id, w.callable_at, w.why) for w in waiting],
        unknown,
        no_phone,
    )


class OrderedRows:
    """A source like the store's: rows only, by zone in calling order, whole prospects on
    demand (counted)."""

    def __init__(self, prospects: list[Prospect]) -> None:
        self._rows = {p.id: QueueRow.of(p) for p in prospects}
        self._by_id = {p.id: p for p in prospects}
        self.loaded: list[int] = []

    def by_zone(self) -> dict[str | None, list[Queueable]]:
        return group_by_zone(self._rows.values())

    def callbacks(self) -> list[Queueable]:
        found = [r for r in self._rows.values() if r.status is Status.CALLBACK]
        return sorted(found, key=callback_order)  # as the store keeps them

    def row(self, prospect_id: int) -> Queueable | None:
        return self._rows.get(prospect_id)

    def prospect(self, prospect_id: int) -> Prospect | None:
        self.loaded.append(prospect_id)
        return self._by_id.get(prospect_id)


instants = (
    st.none() | st.none() | st.integers(-4000, 4000).map(lambda m: NOW + timedelta(minutes=m))
)
people = st.lists(
    st.builds(
        Prospect,
        status=st.sampled_from(STATUSES),
        priority=st.integers(-1, 2),
        attempts=st.integers(0, 4),
        phone=st.sampled_from(["+33142685300"] * 4 + [None, ""]),
        timezone=st.sampled_from(ZONES),
        last_called_at=instants,
        next_action_at=instants,
    ),
    min_size=10,
    max_size=40,
).map(lambda found: [replace(p, id=n) for n, p in enumerate(found, 1)])


@settings(max_examples=200, deadline=None)
@given(
    people,
    st.sets(st.integers(1, 40), max_size=5),
    st.lists(st.integers(1, 12), unique=True, max_size=4),
)
def test_building_from_rows_in_one_pass_gives_the_queue_the_rule_gives(
    prospects: list[Prospect], called: set[int], first: list[int]
) -> None:
    expected = reference(prospects, called, first)
    for source in (ListSource(prospects), OrderedRows(prospects)):
        queue = build(source, NOW, WINDOW, called, first)
        got = (
            [(e.prospect.id, e.why) for e in queue.entries],
            [(w.prospect.id, w.callable_at, w.why) for w in queue.waiting],
            queue.zone_unknown,
            queue.no_phone,
        )
        assert got == expected


def test_rows_become_whole_prospects_only_as_the_queue_is_read() -> None:
    prospects = [
        Prospect(id=n, phone="+33142685300", timezone="Europe/Paris", priority=n % 3)
        for n in range(1, 200)
    ]
    source = OrderedRows(prospects)
    queue = build(source, NOW, WINDOW)
    assert len(queue.entries) == 199 and source.loaded == []
    assert queue.entries[0].prospect.priority == 2
    assert source.loaded == [queue.entries[0].row.id]
