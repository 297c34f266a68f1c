"""Dials per day for the streak: from the head of each month's file, or from its calls."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.clock import ManualClock
from prospect_tui.core.config import Config
from prospect_tui.core.model import Call
from prospect_tui.core.streak import streak
from prospect_tui.store.layout import calls_shard
from prospect_tui.store.repository import Repository
from prospect_tui.store.shard_file import read_shard
from prospect_tui.store.storage import META
from prospect_tui.store.workspace import Workspace
from prospect_tui.transfer.review_query import day_review
from tests.conftest import fill_sample
from tests.unit.store.test_repository import make_call, make_prospect

PARIS = ZoneInfo("Europe/Paris")
DIALS = "dials"
"""The field of a call month's ``_meta`` that counts its dials per day."""
JAN, JUN = date(2026, 1, 5), date(2026, 6, 5)


def _call(n: int, day: date) -> Call:
    at = datetime(day.year, day.month, day.day, 10, tzinfo=PARIS) + timedelta(minutes=n)
    return Call(
        id=n, prospect_id=1, started_at=at, ended_at=at, outcome="no_answer", local_date=day
    )


def recount(home: Path) -> Counter[date]:
    """Dials per day counted from every call, in a workspace of its own."""
    with Workspace.open(home) as ws:
        return Counter(call.local_date for call in Repository(ws).iter_calls())


def file_dials(ws: Workspace, shard: str) -> tuple[object, Counter[str]]:
    """What a month file's ``_meta`` says, and what its calls say."""
    path = ws.shard_path(shard)
    tables, _, _ = read_shard(path)
    counted = Counter(doc["local_date"] for doc in tables.get(Call.TABLE, {}).values())
    return json.loads(path.read_bytes())[META]["1"].get(DIALS), counted


def edit_meta(path: Path, change: Callable[[dict[str, Any]], object]) -> None:
    """Change the ``_meta`` line of a shard file, as a person or an older version might."""
    lines = path.read_text().split("\n")
    key, _, value = lines[2].partition(":")
    comma = "," if value.endswith(",") else ""  # the review's counts follow on the next line
    meta = json.loads(value.removesuffix(","))
    change(meta)
    lines[2] = f"{key}: {json.dumps(meta)}{comma}"
    path.write_text("\n".join(lines))


def test_dials_are_counted_per_day(repository: Repository) -> None:
    days = [date(2026, 9, 30), date(2026, 10, 1), date(2026, 10, 1), date(2026, 10, 2)]
    repository.insert_with_ids(_call(n, day) for n, day in enumerate(days, start=1))
    dials = repository.dials_by_day()
    assert dials.get(date(2026, 10, 1), 0) == 2
    assert dials.get(date(2026, 9, 30), 0) == 1
    assert dials.get(date(2026, 10, 3), 0) == 0
    assert dict(dials) == {date(2026, 9, 30): 1, date(2026, 10, 1): 2, date(2026, 10, 2): 1}


def test_a_folded_month_is_read_from_its_file_head_without_loading_it(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).insert_with_ids([_call(1, JAN), _call(2, JUN), _call(3, JUN)])

    with Workspace.open(home) as reopened:
        dials = Repository(reopened).dials_by_day()
        assert dials.get(JUN, 0) == 2
        assert dials.get(date(2026, 3, 1), 0) == 0  # a month without a file
        assert dict(dials) == {JAN: 1, JUN: 2}
        assert not any(reopened.is_loaded(name) for name in reopened.call_shards())
        assert not reopened.is_loaded(calls_shard(date(2026, 3, 1)))


def test_stored_dials_match_a_recount_through_logging_undo_fold_and_restart(home: Path) -> None:
    october, november = date(2026, 10, 30), date(2026, 11, 19)
    with Workspace.open(home, write=True) as ws:
        repository = Repository(ws)
        ada = repository.save_prospect(make_prospect())
        logged = [
            repository.log_call(make_call(ada, day, minute=minute), ada)
            for minute, day in enumerate([october, october, november, date(2026, 9, 1)])
        ]
        repository.undo_call(logged[1], ada)
        ws.fold()
        repository.log_call(make_call(ada, october, minute=20), ada)  # after a fold, in memory
        assert dict(repository.dials_by_day()) == {
            date(2026, 9, 1): 1,
            october: 2,
            november: 1,
        }
    with Workspace.open(home, write=True) as ws:  # left in the journal, as after a crash
        repository = Repository(ws)
        ada = repository.prospect(1)
        assert ada is not None
        undone = repository.log_call(make_call(ada, november, minute=30), ada)
        repository.log_call(make_call(ada, date(2026, 11, 20), minute=31), ada)
        repository.undo_call(undone, ada)
        ws.close(fold=False)
    expected = {date(2026, 9, 1): 1, october: 2, november: 1, date(2026, 11, 20): 1}
    assert recount(home) == expected

    with Workspace.open(home) as ws:  # a reader sees the journal's changes too
        assert dict(Repository(ws).dials_by_day()) == expected
        assert ws.is_loaded(calls_shard(november))  # changed in the journal: counted
        assert not ws.is_loaded(calls_shard(october))

    Workspace.open(home, write=True).close()  # the start's fold takes in the journal
    with Workspace.open(home) as ws:
        for shard in ws.call_shards():
            stored, counted = file_dials(ws, shard)
            assert stored == counted
        assert dict(Repository(ws).dials_by_day()) == expected
        assert not any(ws.is_loaded(name) for name in ws.call_shards())


def _as_older_versions_wrote_it(meta: dict[str, Any]) -> None:
    del meta[DIALS], meta["bytes_after"]


def test_an_older_month_file_is_counted_and_gains_its_dials_when_next_needed(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).insert_with_ids([_call(1, JAN), _call(2, JAN), _call(3, JUN)])
        january, june = ws.shard_path(calls_shard(JAN)), ws.shard_path(calls_shard(JUN))
    edit_meta(january, _as_older_versions_wrote_it)
    older, june_before = january.read_bytes(), june.read_bytes()

    with Workspace.open(home) as ws:
        assert dict(Repository(ws).dials_by_day()) == {JAN: 2, JUN: 1}
        assert ws.is_loaded(calls_shard(JAN))
        assert not ws.is_loaded(calls_shard(JUN))
    Workspace.open(home, write=True).close()  # a start alone rewrites no history
    assert january.read_bytes() == older

    with Workspace.open(home, write=True) as ws:
        assert Repository(ws).dials_by_day().get(JAN, 0) == 2
    assert january.read_bytes() != older
    assert june.read_bytes() == june_before
    with Workspace.open(home) as ws:
        assert dict(Repository(ws).dials_by_day()) == {JAN: 2, JUN: 1}
        assert not ws.is_loaded(calls_shard(JAN))


@pytest.mark.parametrize("edit", ["drop a call", "one line", "dials off", "dials not numbers"])
def test_a_month_file_edited_by_hand_is_counted_from_its_calls(home: Path, edit: str) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).insert_with_ids([_call(1, JAN), _call(2, JAN), _call(3, JAN)])
        january = ws.shard_path(calls_shard(JAN))
    if edit == "drop a call":  # the _meta line left as the fold wrote it
        lines = january.read_text().split("\n")
        first = lines.index('"calls": {') + 1
        assert lines[first].startswith('  "1": ')
        january.write_text("\n".join(lines[:first] + lines[first + 1 :]))
    elif edit == "one line":
        january.write_text(json.dumps(json.loads(january.read_bytes())))
    elif edit == "dials off":
        edit_meta(january, lambda meta: meta[DIALS].update({"2026-01-05": 4}))
    else:
        edit_meta(january, lambda meta: meta[DIALS].update({"2026-01-05": "three"}))
    expected = recount(home)
    assert sum(expected.values()) == (2 if edit == "drop a call" else 3)

    with Workspace.open(home) as ws:
        assert dict(Repository(ws).dials_by_day()) == expected


def test_a_review_loads_no_month_of_calls_the_day_is_read_from_its_lines_the_window_from_heads(
    home: Path, clock: ManualClock
) -> None:
    config = Config()
    fill_sample(home, clock, prospects=40, calls=3000, weeks=26, config=config)
    today = clock.now().date()
    dials = recount(home)

    with Workspace.open(home) as ws:
        repository = Repository(ws)
        review = day_review(repository, today, config, clock.tz, today=today)
        loaded = [name for name in ws.call_shards() if ws.is_loaded(name)]
        completed = repository.completed_sprints_by_day()

    # The day's own calls are read from their lines of the month's file; the
    # experiment window (the last 28 days, which reach into the month before)
    # is counted from the heads its folds wrote.
    assert calls_shard(today - timedelta(days=27)) != calls_shard(today)
    assert loaded == []
    assert review.tally.dials == dials[today] > 0
    assert review.streak == streak(
        completed, dials, today, today=today, working=config.days.working, goal=config.goal
    )
    assert review.streak.best > 0


def test_the_first_day_with_a_dial_reads_the_oldest_months_only(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty_month = _call(1, date(2025, 12, 3))
    with Workspace.open(home, write=True) as ws:
        Repository(ws).insert_with_ids([empty_month, _call(2, JAN), _call(3, JUN), _call(4, JUN)])
        ws.table(calls_shard(empty_month.local_date), Call.TABLE).remove(doc_ids=[1])

    with Workspace.open(home) as reopened:
        asked: list[str] = []
        real = reopened.file_meta

        def file_meta(shard: str, record: str = "1") -> dict[str, Any] | None:
            asked.append(shard)
            return real(shard, record)

        monkeypatch.setattr(reopened, "file_meta", file_meta)
        assert Repository(reopened).dials_by_day().first_day() == JAN
        assert set(asked) == {calls_shard(date(2025, 12, 3)), calls_shard(JAN)}  # not June's
