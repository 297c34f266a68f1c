"""The review's counts per day, kept at the head of each month of calls by the fold."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prospect_tui.core.call_stats import CallStats
from prospect_tui.core.categories import CATEGORIES, Category
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Call, SprintStatus
from prospect_tui.core.outcomes import OUTCOMES
from prospect_tui.store.errors import StoreDamaged
from prospect_tui.store.layout import calls_shard
from prospect_tui.store.repository import Repository
from prospect_tui.store.shard_file import Damage, peek_meta, read_shard
from prospect_tui.store.storage import DAY_COUNTS
from prospect_tui.store.workspace import Workspace
from tests.conftest import fill_sample

PARIS = ZoneInfo("Europe/Paris")
FIRST, LAST = date(2026, 9, 20), date(2026, 11, 10)


def _stats(stats: CallStats) -> tuple[object, ...]:
    """Everything the review reads off a :class:`CallStats`, comparable."""
    return (
        dict(stats.outcomes),
        {k: dict(v) for k, v in stats.by_variant.items()},
        {k: dict(v) for k, v in stats.by_hour.items()},
        {k: dict(v) for k, v in stats.by_weekday.items()},
        {k: dict(v) for k, v in stats.by_length.items()},
        {k: dict(v) for k, v in stats.by_objection.items()},
    )


calls = st.lists(
    st.tuples(
        st.dates(min_value=FIRST - timedelta(days=3), max_value=LAST + timedelta(days=3)),
        st.sampled_from([o.id for o in OUTCOMES]),
        st.sampled_from([None, "", "a", "b", "[b]x[/b]"]),
        st.one_of(st.none(), st.integers(min_value=0, max_value=23)),
        st.sampled_from([0, 0.5, 59.99, 60, 179.9, 180, 299.9, 300, 4000]),
        st.lists(st.sampled_from(["no budget", "send me an email", "[b]x[/b]"]), max_size=3),
    ),
    max_size=60,
)


def _call(
    n: int,
    day: date,
    outcome: str,
    variant: str | None,
    hour: int | None,
    s: float,
    objections: list[str] | None = None,
) -> Call:
    at = datetime(day.year, day.month, day.day, 10, tzinfo=PARIS) + timedelta(minutes=n)
    return Call(
        id=n,
        prospect_id=1,
        started_at=at,
        ended_at=at + timedelta(seconds=s),
        duration_s=s,
        outcome=outcome,
        variant=variant,
        local_hour=hour,
        local_date=day,
        objections=list(objections or ()),
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(made=calls, window=st.tuples(st.integers(0, 60), st.integers(0, 60)))
def test_the_counts_kept_at_the_file_heads_are_the_counts_of_the_calls(
    tmp_path_factory: pytest.TempPathFactory,
    made: list[tuple[date, str, str | None, int | None, float, list[str]]],
    window: tuple[int, int],
) -> None:
    home = tmp_path_factory.mktemp("home")
    every = [_call(n, *fields) for n, fields in enumerate(made, start=1)]
    with Workspace.open(home, write=True) as ws:
        Repository(ws).insert_with_ids(every)
    first = FIRST + timedelta(days=min(window))
    last = FIRST + timedelta(days=max(window))

    with Workspace.open(home) as ws:
        from_heads = Repository(ws).call_stats(first, last)
        assert not any(ws.is_loaded(shard) for shard in ws.call_shards())

    assert _stats(from_heads) == _stats(CallStats.of(every, first, last))


def _folded(home: Path) -> Path:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).insert_with_ids(
            [
                _call(1, date(2026, 10, 5), "meeting", "a", 9, 200.0, ["no budget"]),
                _call(2, date(2026, 10, 5), "no_answer", "a", 9, 10.0),
                _call(3, date(2026, 10, 6), "callback", None, None, 70.0, ["no budget", "later"]),
            ]
        )
        return ws.shard_path(calls_shard(date(2026, 10, 5)))


def _review_counts(home: Path) -> tuple[tuple[object, ...], bool]:
    with Workspace.open(home) as ws:
        stats = Repository(ws).call_stats(date(2026, 10, 1), date(2026, 10, 31))
        return _stats(stats), ws.is_loaded(calls_shard(date(2026, 10, 5)))


def _rewrite_counts(path: Path, change: object) -> None:
    """Replace the day counts on the fourth line, keeping the file's size check intact."""
    lines = path.read_text().split("\n")
    assert lines[3].startswith(f'  "{DAY_COUNTS}": ')
    before = len(lines[3])
    comma = "," if lines[3].endswith(",") else ""  # another record follows
    lines[3] = f'  "{DAY_COUNTS}": {json.dumps(change)}'
    lines[3] = (
        lines[3].ljust(before - len(comma)) + comma
    )  # the same size: only the counts can tell
    path.write_text("\n".join(lines))


DAYS = {
    "2026-10-05": {
        "outcome": {"meeting": 1, "no_answer": 1},
        "variant": {"a": {"meeting": 1, "no_answer": 1}},
        "hour": {"9": {"meeting": 1, "no_answer": 1}},
        "length": {"0": {"no_answer": 1}, "2": {"meeting": 1}},
        "objection": {"no budget": {"meeting": 1}},
    },
    "2026-10-06": {
        "outcome": {"callback": 1},
        "variant": {},
        "hour": {},
        "length": {"1": {"callback": 1}},
    },
}
"""The day counts :func:`_folded` writes, but the second day's objections."""


def test_a_month_is_counted_from_its_head_without_loading_its_calls(home: Path) -> None:
    path = _folded(home)
    counts, loaded = _review_counts(home)
    assert not loaded
    assert counts[0] == {"meeting": 1, "no_answer": 1, "callback": 1}
    assert counts[1] == {"a": {"meeting": 1, "no_answer": 1}}
    assert counts[4] == {0: {"no_answer": 1}, 1: {"callback": 1}, 2: {"meeting": 1}}
    assert counts[5] == {"no budget": {"meeting": 1, "callback": 1}, "later": {"callback": 1}}
    assert peek_meta(path, DAY_COUNTS) is not None


@pytest.mark.parametrize(
    "change",
    [
        {"days": {"2026-10-05": {"outcome": {"meeting": 2}}}},  # not the day's dials
        {"days": {}},
        {"days": {"2026-10-05": "x", "2026-10-06": "y"}},
        "nothing",
        # Objections raised more often than the day had calls: edited by hand.
        {
            "days": {
                **DAYS,
                "2026-10-06": {**DAYS["2026-10-06"], "objection": {"x": {"meeting": 9}}},
            }
        },
        {
            "days": {
                **DAYS,
                "2026-10-06": {**DAYS["2026-10-06"], "objection": {"": {"callback": 1}}},
            }
        },
        {"days": {**DAYS, "2026-10-06": {**DAYS["2026-10-06"], "objection": ["later"]}}},
    ],
)
def test_counts_that_do_not_add_up_to_the_dials_are_read_from_the_calls(
    home: Path, change: object
) -> None:
    path = _folded(home)
    expected, _ = _review_counts(home)
    _rewrite_counts(path, change)
    counts, loaded = _review_counts(home)
    assert loaded
    assert counts == expected


def test_a_file_from_before_the_counts_were_kept_gains_them_at_the_next_fold(home: Path) -> None:
    path = _folded(home)
    expected, _ = _review_counts(home)
    lines = path.read_text().split("\n")
    meta = json.loads(lines[2].partition(":")[2].removesuffix(","))
    lines[2] = f'  "1": {json.dumps(meta)}'
    assert lines[4].startswith('  "3": ')
    del lines[3:5]  # as an older version wrote it: record 1 only
    # Keep the size record 1 states true, as the older version would have.
    body = "\n".join(lines[3:]).encode()
    meta["bytes_after"] = len(body)
    lines[2] = f'  "1": {json.dumps(meta)}'
    path.write_text("\n".join(lines))
    assert peek_meta(path, DAY_COUNTS) is None

    with Workspace.open(home, write=True) as ws:
        assert _stats(Repository(ws).call_stats(date(2026, 10, 1), date(2026, 10, 31))) == expected
    assert peek_meta(path, DAY_COUNTS) is not None
    assert _review_counts(home) == (expected, False)


def test_a_call_that_does_not_read_is_named_not_counted(home: Path) -> None:
    path = _folded(home)
    text = path.read_text().replace('"outcome": "callback"', '"outcome": "phoned"')
    path.write_text(text)
    with Workspace.open(home) as ws, pytest.raises(StoreDamaged, match=r"phoned|outcome"):
        Repository(ws).call_stats(date(2026, 10, 1), date(2026, 10, 31))


def test_a_flipped_bit_that_makes_two_calls_share_an_id_is_damage_not_a_lost_call(
    home: Path,
) -> None:
    path = _folded(home)
    head, table, calls = path.read_text().partition('"calls": {')
    assert '\n  "3": {' in calls
    path.write_text(head + table + calls.replace('\n  "3": {', '\n  "2": {'))  # one bit: same size
    with pytest.raises(Damage, match="holds 2 records where its fold wrote 3"):
        read_shard(path)
    with Workspace.open(home) as ws, pytest.raises(StoreDamaged):
        list(Repository(ws).iter_calls())


def test_a_call_removed_by_hand_is_read_as_an_edit(home: Path) -> None:
    path = _folded(home)
    lines = path.read_text().split("\n")
    calls = lines.index('"calls": {')
    at = next(i for i, line in enumerate(lines) if i > calls and line.startswith('  "3": {'))
    lines[at - 1] = lines[at - 1].removesuffix(",")
    path.write_text("\n".join(lines[:at] + lines[at + 1 :]))
    tables, _, _ = read_shard(path)
    assert sorted(tables["calls"]) == ["1", "2"]


def test_the_review_minutes_are_the_sum_of_the_decoded_time_entries(
    home: Path, clock: ManualClock
) -> None:
    fill_sample(home, clock, prospects=30, calls=600, weeks=10)
    today = clock.now().date()
    first = today - timedelta(days=89)
    with Workspace.open(home) as ws:
        repository = Repository(ws)
        summed = {category: 0.0 for category in CATEGORIES}
        for entry in repository.time_entries_between(first, today):
            summed[entry.category] += entry.seconds / 60
        assert repository.minutes_between(first, today) == summed
    assert summed[Category.CALLING] > 0
    time_file = home / "time" / f"{today:%Y-%m}.json"
    time_file.write_text(
        time_file.read_text().replace('"category": "calling"', '"category": "calls"')
    )
    with Workspace.open(home) as ws, pytest.raises(StoreDamaged, match="calls"):
        Repository(ws).minutes_between(first, today)


def test_a_review_decodes_only_the_days_sprints_and_the_stopped_ones_and_counts_the_rest(
    home: Path, clock: ManualClock
) -> None:
    fill_sample(home, clock, prospects=30, calls=600, weeks=10)
    today = clock.now().date()
    with Workspace.open(home) as ws:
        repository = Repository(ws)
        for first in (today, today - timedelta(days=6), today - timedelta(days=89)):
            every = repository.sprints_between(first, today)
            read, completed = repository.review_sprints(first, today)
            done = [s for s in every if s.status is SprintStatus.COMPLETED]
            assert completed == len(done) > 0
            assert read == [s for s in every if s not in done or s.local_date == today]
        assert any(s.status is SprintStatus.ABANDONED for s in read)  # the 90 days stopped some
