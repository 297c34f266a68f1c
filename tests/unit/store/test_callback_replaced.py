"""A prospect waits on one callback: a newer one logged replaces the open one, undo puts it back."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from prospect_tui.core.model import FollowUp, Prospect
from prospect_tui.core.outcome_effects import Logged, log_outcome
from prospect_tui.store.layout import FOLLOWUPS, month_shard
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace

PARIS = ZoneInfo("Europe/Paris")
AT = datetime(2026, 11, 19, 9, 30, tzinfo=PARIS)


def log_callback(
    repository: Repository, prospect: Prospect, at: datetime, when: datetime
) -> Logged:
    logged = log_outcome(
        prospect,
        "callback",
        started_at=at,
        ended_at=at + timedelta(minutes=2),
        user_tz=PARIS,
        callback_at=when,
    )
    repository.log_call(logged.call, logged.prospect, logged.followup)
    return logged


def test_a_second_callback_closes_the_open_one(repository: Repository) -> None:
    prospect = repository.save_prospect(
        Prospect(first_name="Ada", last_name="Byron", timezone="Europe/Paris", created_at=AT)
    )
    first = log_callback(repository, prospect, AT, AT + timedelta(days=2))
    # Next month: the replaced callback and the new one are in different month files.
    later = AT + timedelta(days=1)
    second = log_callback(repository, first.prospect, later, AT + timedelta(days=20))

    opened = [f for f in repository.followups(open_only=True) if f.prospect_id == prospect.id]
    assert [f.call_id for f in opened] == [second.call.id]
    [old] = [f for f in repository.followups() if f.call_id == first.call.id]
    assert old.done_at == second.call.ended_at
    assert old.resolution == "rescheduled"


def test_undoing_the_second_callback_reopens_the_first(repository: Repository) -> None:
    prospect = repository.save_prospect(
        Prospect(first_name="Ada", last_name="Byron", timezone="Europe/Paris", created_at=AT)
    )
    first = log_callback(repository, prospect, AT, AT + timedelta(days=2))
    second = log_callback(
        repository, first.prospect, AT + timedelta(hours=1), AT + timedelta(days=3)
    )
    repository.undo_call(second.call, second.before, second.followup)

    [again] = repository.followups(open_only=True)
    assert again.call_id == first.call.id
    assert again.done_at is None and again.resolution == ""


def test_a_callback_leaves_another_prospects_callback_open(repository: Repository) -> None:
    ada = repository.save_prospect(
        Prospect(first_name="Ada", last_name="Byron", timezone="Europe/Paris", created_at=AT)
    )
    bob = repository.save_prospect(
        Prospect(first_name="Bob", last_name="Stone", timezone="Europe/Paris", created_at=AT)
    )
    log_callback(repository, ada, AT, AT + timedelta(days=2))
    log_callback(repository, bob, AT + timedelta(hours=1), AT + timedelta(days=2))
    assert len(repository.followups(open_only=True)) == 2


def test_a_callback_logged_after_a_restart_still_closes_the_open_one_and_reads_no_done_month(
    home: Path,
) -> None:
    """Months whose follow-ups are all done are not read to find the one a call replaces."""
    done_months = [AT - timedelta(days=31 * n) for n in range(2, 6)]
    with Workspace.open(home, write=True) as ws:
        repository = Repository(ws)
        prospect = repository.save_prospect(
            Prospect(first_name="Ada", timezone="Europe/Paris", created_at=AT)
        )
        repository.insert_with_ids(
            FollowUp(
                id=n,
                prospect_id=prospect.id,
                kind="callback",
                due_at=when,
                created_at=when,
                done_at=when,
            )
            for n, when in enumerate(done_months, start=100)
        )
        first = log_callback(repository, prospect, AT, AT + timedelta(days=2))
    with Workspace.open(home, write=True) as ws:
        repository = Repository(ws)
        second = log_callback(
            repository, first.prospect, AT + timedelta(hours=1), AT + timedelta(days=3)
        )
        read = [m for m in ws.month_shards(FOLLOWUPS) if ws.is_loaded(m)]
        assert read == [month_shard(FOLLOWUPS, AT.date())]
        opened = repository.followups(open_only=True)
        assert [f.call_id for f in opened] == [second.call.id]
