"""A day's records read from their lines of a shard file: the same as reading the whole file."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prospect_tui.core.clock import ManualClock
from prospect_tui.core.config import Config
from prospect_tui.core.model import Call, Sprint, SprintStatus
from prospect_tui.store.day_lines import read_days
from prospect_tui.store.errors import StoreDamaged
from prospect_tui.store.layout import ACTIVITY, calls_shard
from prospect_tui.store.repository import Repository
from prospect_tui.store.shard_file import DAY_LINES, peek_meta
from prospect_tui.store.storage import DAY_COUNTS
from prospect_tui.store.workspace import Workspace
from prospect_tui.transfer.review_query import day_review
from tests.conftest import fill_sample

PARIS = ZoneInfo("Europe/Paris")
MONTH = date(2026, 10, 1)
NOTES = ["", "ok", "Ünïcødé ✓ 日本語", "[b]x[/b]", "$(rm -rf ~)", 'a "quoted", line\\n']


def _call(n: int, day: date, notes: str) -> Call:
    at = datetime(day.year, day.month, day.day, 10, tzinfo=PARIS) + timedelta(minutes=n)
    return Call(
        id=n,
        prospect_id=1,
        sprint_id=1,
        started_at=at,
        ended_at=at + timedelta(seconds=30),
        duration_s=30.0,
        outcome="no_answer",
        notes=notes,
        local_date=day,
    )


def _sprint(n: int, day: date, status: SprintStatus) -> Sprint:
    at = datetime(day.year, day.month, day.day, 9, tzinfo=PARIS) + timedelta(minutes=n)
    return Sprint(
        id=n,
        started_at=at,
        ends_at=at + timedelta(minutes=25),
        status=status,
        reason_text="Ünïcødé ✓",
        local_date=day,
    )


days = st.dates(min_value=MONTH, max_value=date(2026, 10, 31))
made = st.lists(
    st.tuples(days, st.sampled_from(NOTES), st.sampled_from(list(SprintStatus))), max_size=40
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=made, window=st.tuples(days, days))
def test_a_window_read_from_its_lines_is_the_window_of_the_whole_file(
    tmp_path_factory: pytest.TempPathFactory,
    records: list[tuple[date, str, SprintStatus]],
    window: tuple[date, date],
) -> None:
    # Days in any order, so a day's records may lie in several runs of lines;
    # text of several bytes a character, so offsets must count bytes.
    home = tmp_path_factory.mktemp("home")
    with Workspace.open(home, write=True) as ws:
        Repository(ws).insert_with_ids(
            [_call(n, day, notes) for n, (day, notes, _) in enumerate(records, start=1)]
            + [_sprint(n, day, status) for n, (day, _, status) in enumerate(records, start=1)]
        )
    first, last = min(window), max(window)
    shard = calls_shard(MONTH)

    with Workspace.open(home) as ws:
        from_lines = (
            dict(ws.rows_between(shard, Call.TABLE, first, last)),
            dict(ws.rows_between(ACTIVITY, Sprint.TABLE, first, last)),
            Repository(ws).completed_sprints_by_day(),
        )
        running = Repository(ws).running_sprint()
        assert not ws.is_loaded(shard) and not ws.is_loaded(ACTIVITY)

    low, high = first.isoformat(), last.isoformat()
    with Workspace.open(home) as ws:
        whole = tuple(
            {k: dict(d) for k, d in ws.rows(name, table).items() if low <= d["local_date"] <= high}
            for name, table in ((shard, Call.TABLE), (ACTIVITY, Sprint.TABLE))
        )
    completed = Counter(day for day, _, status in records if status is SprintStatus.COMPLETED)
    assert from_lines == (*whole, completed)
    still = [
        n for n, (_, _, status) in enumerate(records, start=1) if status is SprintStatus.RUNNING
    ]
    assert (running.id if running else None) == (max(still) if still else None)
    assert list(from_lines[0]) == list(whole[0])  # in stored order


def _folded(home: Path) -> Path:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).insert_with_ids(
            [
                _call(1, date(2026, 10, 5), "a"),
                _call(2, date(2026, 10, 6), "b"),
                _call(3, date(2026, 10, 5), "c"),
            ]
        )
    return home / f"{calls_shard(MONTH)}.json"


def test_a_day_in_two_runs_of_lines_is_read_whole(home: Path) -> None:
    path = _folded(home)
    ranges = peek_meta(path, DAY_LINES)
    assert ranges is not None
    assert len(ranges["tables"][Call.TABLE]["2026-10-05"]) == 2
    found = read_days(path, Call.TABLE, "2026-10-05", "2026-10-05")
    assert found is not None and sorted(found) == ["1", "3"]


def test_a_file_edited_by_hand_is_read_whole_not_from_stale_ranges(home: Path) -> None:
    path = _folded(home)
    text = path.read_text()
    path.write_text(text.replace('"notes": "a"', '"notes": "a longer note"'))
    assert read_days(path, Call.TABLE, "2026-10-05", "2026-10-05") is None
    with Workspace.open(home) as ws:
        calls = Repository(ws).calls_on(date(2026, 10, 5))
    assert [c.notes for c in calls] == ["a longer note", "c"]


def test_ranges_that_do_not_read_fall_back_to_the_whole_file(home: Path) -> None:
    path = _folded(home)
    lines = path.read_text().split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f'  "{DAY_LINES}": '))
    record = json.loads(lines[at].partition(":")[2])
    record["tables"][Call.TABLE]["2026-10-06"] = [[0, 40]]  # the middle of some line
    edited = f'  "{DAY_LINES}": {json.dumps(record)}'
    assert len(edited) <= len(lines[at])
    lines[at] = edited.ljust(len(lines[at]))  # the same size: only the ranges can tell
    path.write_text("\n".join(lines))
    assert read_days(path, Call.TABLE, "2026-10-06", "2026-10-06") is None
    with Workspace.open(home) as ws:
        assert [c.notes for c in Repository(ws).calls_on(date(2026, 10, 6))] == ["b"]


def test_a_call_without_its_day_is_named_as_damage_not_skipped(home: Path) -> None:
    path = _folded(home)
    path.write_text(path.read_text().replace(', "local_date": "2026-10-06"', ""))
    with Workspace.open(home) as ws, pytest.raises(StoreDamaged, match="local_date"):
        Repository(ws).calls_on(date(2026, 10, 5))


def test_a_missing_month_file_the_workspace_wrote_is_damage(home: Path) -> None:
    path = _folded(home)
    path.unlink()
    with Workspace.open(home) as ws, pytest.raises(StoreDamaged, match="missing"):
        Repository(ws).calls_on(date(2026, 10, 5))


def test_completed_sprints_of_an_older_file_are_counted_and_kept_at_the_next_fold(
    home: Path,
) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).insert_with_ids(
            [
                _sprint(1, date(2026, 10, 5), SprintStatus.COMPLETED),
                _sprint(2, date(2026, 10, 5), SprintStatus.ABANDONED),
            ]
        )
    path = home / f"{ACTIVITY}.json"
    lines = path.read_text().split("\n")
    assert lines[3].startswith(f'  "{DAY_COUNTS}": ')
    meta = json.loads(lines[2].partition(":")[2].removesuffix(","))
    del lines[3:5]  # as an older version wrote it: record 1 only
    meta["bytes_after"] = len("\n".join(lines[3:]).encode())
    lines[2] = f'  "1": {json.dumps(meta)}'
    path.write_text("\n".join(lines))
    assert peek_meta(path, DAY_COUNTS) is None

    with Workspace.open(home, write=True) as ws:
        assert Repository(ws).completed_sprints_by_day() == Counter({date(2026, 10, 5): 1})
    assert peek_meta(path, DAY_COUNTS) == {"completed": {"2026-10-05": 1}, "running": []}


def test_a_running_sprint_of_an_older_file_is_found_and_its_day_kept_at_the_next_fold(
    home: Path,
) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).insert_with_ids(
            [
                _sprint(1, date(2026, 10, 5), SprintStatus.COMPLETED),
                _sprint(2, date(2026, 10, 6), SprintStatus.RUNNING),
            ]
        )
    path = home / f"{ACTIVITY}.json"
    assert peek_meta(path, DAY_COUNTS) == {
        "completed": {"2026-10-05": 1},
        "running": ["2026-10-06"],
    }
    text, kept = path.read_text(), ', "running": ["2026-10-06"]'
    before = json.loads(text.split("\n")[2].partition(":")[2].removesuffix(","))["bytes_after"]
    older = text.replace(kept, "").replace(  # as an older version wrote it
        f'"bytes_after": {before}', f'"bytes_after": {before - len(kept)}'
    )
    path.write_text(older)
    assert peek_meta(path, DAY_COUNTS) == {"completed": {"2026-10-05": 1}}
    with Workspace.open(home, write=True) as ws:
        found = Repository(ws).running_sprint()
        assert found is not None and found.id == 2
    assert peek_meta(path, DAY_COUNTS) == {
        "completed": {"2026-10-05": 1},
        "running": ["2026-10-06"],
    }


def test_a_review_reads_no_month_of_calls_and_not_every_sprint(
    home: Path, clock: ManualClock
) -> None:
    config = Config()
    fill_sample(home, clock, prospects=40, calls=3000, weeks=26, config=config)
    today = clock.now().date()
    with Workspace.open(home) as ws:
        review = day_review(Repository(ws), today, config, clock.tz, today=today, days=28)
        loaded = [name for name in (*ws.call_shards(), ACTIVITY) if ws.is_loaded(name)]
    with Workspace.open(home) as ws:
        again = day_review(Repository(ws), today, config, clock.tz, today=today, days=28)
        ws.rows(ACTIVITY, Sprint.TABLE)  # everything in memory: read the long way
        for shard in ws.call_shards():
            ws.rows(shard, Call.TABLE)
        whole = day_review(Repository(ws), today, config, clock.tz, today=today, days=28)
    assert loaded == []
    assert review == again == whole
    assert review.tally.dials > 0 and review.sprints_completed > 0
