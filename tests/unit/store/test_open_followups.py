"""Open follow-ups read without the months whose follow-ups are all done."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prospect_tui.core.model import FollowUp
from prospect_tui.store.layout import FOLLOWUPS, month_shard
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace

MONTHS = [datetime(2025, m, 10, 9, tzinfo=UTC) for m in (1, 3, 6, 9, 12)]


def followup(n: int, due: datetime, done: bool) -> FollowUp:
    return FollowUp(
        id=n,
        prospect_id=n,
        kind="callback",
        due_at=due,
        created_at=due,
        done_at=due if done else None,
    )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(MONTHS), st.booleans()), min_size=1, max_size=20))
def test_open_follow_ups_are_those_of_a_whole_read_without_the_months_all_done(
    tmp_path_factory: pytest.TempPathFactory, made: list[tuple[datetime, bool]]
) -> None:
    home = tmp_path_factory.mktemp("home")
    with Workspace.open(home, write=True) as ws:
        Repository(ws).insert_with_ids(
            followup(n, due, done) for n, (due, done) in enumerate(made, start=1)
        )
    with Workspace.open(home) as ws:
        found = Repository(ws).followups(open_only=True)
        loaded = {name for name in ws.month_shards(FOLLOWUPS) if ws.is_loaded(name)}
    expected = [n for n, (_, done) in enumerate(made, start=1) if not done]
    assert [f.id for f in found] == expected
    with_open = {month_shard(FOLLOWUPS, due.date()) for due, done in made if not done}
    assert loaded == with_open


def test_a_month_edited_by_hand_is_read_whole(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).insert_with_ids([followup(1, MONTHS[0], done=True)])
    path = home / f"{month_shard(FOLLOWUPS, MONTHS[0].date())}.json"
    text = path.read_text()
    path.write_text(text.replace(', "done_at": "2025-01-10T09:00:00+00:00"', ""))  # reopened
    with Workspace.open(home) as ws:
        assert [f.id for f in Repository(ws).followups(open_only=True)] == [1]


def test_a_month_closed_and_folded_is_skipped_at_the_next_start(home: Path) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).insert_with_ids([followup(1, MONTHS[1], done=False)])
    with Workspace.open(home, write=True) as ws:
        repository = Repository(ws)
        (still,) = repository.followups(open_only=True)
        still.done_at = MONTHS[1]
        repository.save_followup(still)
    with Workspace.open(home) as ws:
        assert Repository(ws).followups(open_only=True) == []
        assert not ws.is_loaded(month_shard(FOLLOWUPS, MONTHS[1].date()))


def test_months_read_whole_for_want_of_a_count_are_counted_when_the_app_closes(
    home: Path,
) -> None:
    with Workspace.open(home, write=True) as ws:
        Repository(ws).insert_with_ids([followup(1, MONTHS[2], done=True)])
    kept = home / "workspace.json"
    data = json.loads(kept.read_text())
    del data["open"]  # as an older Prospect, or the sample, wrote it
    kept.write_text(json.dumps(data))
    shard = month_shard(FOLLOWUPS, MONTHS[2].date())
    with Workspace.open(home, write=True) as ws:
        assert Repository(ws).followups(open_only=True) == []
        assert ws.is_loaded(shard)  # read whole: no count
    with Workspace.open(home, write=True) as ws:
        assert Repository(ws).followups(open_only=True) == []
        assert not ws.is_loaded(shard)
