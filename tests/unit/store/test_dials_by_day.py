"""Dials per day, read month by month from the stored rows for the streak."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from prospect_tui.core.model import Call
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import calls_shard

PARIS = ZoneInfo("Europe/Paris")


def _call(n: int, day: date) -> Call:
    at = datetime(day.year, day.month, day.day, 10, tzinfo=PARIS) + timedelta(minutes=n)
    return Call(
        id=n, prospect_id=1, started_at=at, ended_at=at, outcome="no_answer", local_date=day
    )


def test_dials_are_counted_per_day(repository: Repository) -> None:
    days = [date(2026, 9, 30), date(2026, 10, 1), date(2026, 10, 1), date(2026, 10, 2)]
    repository.insert_with_ids(_call(n, day) for n, day in enumerate(days, start=1))
    dials = repository.dials_by_day()
    assert dials.get(date(2026, 10, 1), 0) == 2
    assert dials.get(date(2026, 9, 30), 0) == 1
    assert dials.get(date(2026, 10, 3), 0) == 0
    assert dict(dials) == {date(2026, 9, 30): 1, date(2026, 10, 1): 2, date(2026, 10, 2): 1}


def test_only_the_months_asked_about_are_read(repository: Repository) -> None:
    repository.insert_with_ids([_call(1, date(2026, 1, 5)), _call(2, date(2026, 6, 5))])
    repository.workspace.close()
    from prospect_tui.store.workspace import Workspace

    with Workspace.open(repository.workspace.data_dir, write=False) as reopened:
        dials = Repository(reopened).dials_by_day()
        assert dials.get(date(2026, 6, 5), 0) == 1
        assert reopened.is_loaded(calls_shard(date(2026, 6, 5)))
        assert not reopened.is_loaded(calls_shard(date(2026, 1, 5)))
