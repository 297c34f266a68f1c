"""Follow-ups: which are due, oldest first, and what closing one changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.followups import Closing, NeedsNewTime, close, due_now, next_due
from prospect_tui.core.model import FollowUp, Prospect, Status

PARIS = ZoneInfo("Europe/Paris")
SYDNEY = ZoneInfo("Australia/Sydney")
NOW = datetime(2026, 11, 19, 15, 30, tzinfo=PARIS)


def followup(
    fid: int, due: datetime | None, *, done: bool = False, kind: str = "callback"
) -> FollowUp:
    return FollowUp(
        id=fid,
        prospect_id=fid,
        kind=kind,
        who=f"P{fid}",
        due_at=due,
        call_id=100 + fid,
        created_at=NOW - timedelta(days=2),
        done_at=NOW - timedelta(hours=1) if done else None,
    )


def test_due_now_is_open_and_due_oldest_first_across_zones() -> None:
    items = [
        followup(1, NOW - timedelta(hours=1)),
        followup(2, NOW + timedelta(minutes=1)),  # not yet
        # Earlier as an instant although later on its own wall clock.
        followup(3, (NOW - timedelta(hours=3)).astimezone(SYDNEY)),
        followup(4, NOW - timedelta(days=5), done=True),
        followup(5, NOW),  # due this very minute
        followup(6, None, kind="meeting"),  # due since it was made
    ]
    assert [f.id for f in due_now(items, NOW)] == [6, 3, 1, 5]
    assert next_due(items, NOW) == items[1]
    assert next_due([items[3]], NOW) is None
    assert due_now([], NOW) == []


def waiting(due: datetime) -> Prospect:
    return Prospect(
        id=1, first_name="Ada", status=Status.CALLBACK, next_action_at=due, tags=["vip"]
    )


def test_a_callback_closed_as_called_is_no_longer_due_in_sprints() -> None:
    item = followup(1, NOW - timedelta(hours=1))
    prospect = waiting(item.due_at)  # type: ignore[arg-type]
    closed = close(item, Closing.CALLED, NOW, prospect=prospect)
    assert (closed.followup.done_at, closed.followup.resolution) == (NOW, "called")
    assert closed.rescheduled is None
    assert closed.prospect is not None
    assert (closed.prospect.status, closed.prospect.next_action_at) == (Status.ATTEMPTED, None)
    assert closed.prospect.tags is not prospect.tags
    assert item.done_at is None, "the record it came from is left as it was"


def test_rescheduling_makes_a_new_followup_and_moves_the_call() -> None:
    item = followup(1, NOW - timedelta(hours=1))
    later = NOW + timedelta(days=1)
    closed = close(item, Closing.RESCHEDULED, NOW, prospect=waiting(item.due_at), new_time=later)  # type: ignore[arg-type]
    assert closed.followup.resolution == "rescheduled"
    assert closed.rescheduled is not None
    assert (closed.rescheduled.id, closed.rescheduled.due_at) == (0, later)
    assert (closed.rescheduled.kind, closed.rescheduled.call_id) == ("callback", item.call_id)
    assert closed.rescheduled.done_at is None
    assert closed.prospect is not None and closed.prospect.next_action_at == later
    with pytest.raises(NeedsNewTime):
        close(item, Closing.RESCHEDULED, NOW)


def test_a_rescheduled_meeting_keeps_its_note() -> None:
    item = replace(
        followup(2, NOW - timedelta(hours=1), kind="meeting"), note="bring [red]slides[/red]"
    )
    closed = close(item, Closing.RESCHEDULED, NOW, new_time=NOW + timedelta(days=1))
    assert closed.rescheduled is not None
    assert closed.rescheduled.note == "bring [red]slides[/red]"


def test_a_prospect_no_longer_waiting_on_this_callback_is_left_alone() -> None:
    item = followup(1, NOW - timedelta(hours=1))
    moved_on = waiting(NOW + timedelta(days=3))  # a later call set another time
    assert close(item, Closing.DROPPED, NOW, prospect=moved_on).prospect is None
    meeting = followup(2, None, kind="meeting")
    booked = Prospect(id=2, status=Status.MEETING)
    assert close(meeting, Closing.EMAILED, NOW, prospect=booked).prospect is None


def test_every_closing_has_a_label() -> None:
    assert [c.label for c in Closing] == [
        "Called",
        "Emailed",
        "Proposal sent",
        "Rescheduled",
        "Dropped",
    ]
