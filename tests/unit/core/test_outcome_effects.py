"""What an outcome key does: the call it logs, the prospect's next state, the follow-up."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.clock import ManualClock, between, shift
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.outcome_effects import (
    Logged,
    NeedsCallbackTime,
    log_outcome,
    with_gatekeeper,
    with_meeting,
)
from prospect_tui.core.outcomes import OUTCOME_IDS, outcome

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")

EXPECTED_STATUS = {
    "no_answer": Status.ATTEMPTED,
    "voicemail": Status.ATTEMPTED,
    "gatekeeper": Status.ATTEMPTED,
    "not_interested": Status.NOT_INTERESTED,
    "callback": Status.CALLBACK,
    "meeting": Status.MEETING,
    "wrong_number": Status.WRONG_NUMBER,
    "do_not_call": Status.DO_NOT_CALL,
}
"""docs/contracts.md's outcome table, written out again so a change to it shows here."""


def ada(**changes: object) -> Prospect:
    base = Prospect(
        id=7,
        first_name="Ada",
        last_name="Byron",
        company="Analytical",
        phone="+12125550100",
        timezone="America/New_York",
        status=Status.ATTEMPTED,
        attempts=2,
        last_outcome="voicemail",
        tags=["warm"],
        extra={"Source": "fair"},
        notes="likes tea",
    )
    for name, value in changes.items():
        setattr(base, name, value)
    return base


def log(
    prospect: Prospect,
    outcome_id: str,
    clock: ManualClock,
    *,
    seconds: float = 72,
    callback_at: datetime | None = None,
    start_hour: int = 0,
) -> Logged:
    started = clock.now()
    return log_outcome(
        prospect,
        outcome_id,
        started_at=started,
        ended_at=shift(started, timedelta(seconds=seconds)),
        user_tz=PARIS,
        start_hour=start_hour,
        sprint_id=3,
        variant="how-have-you-been+demo",
        notes="spoke to Jo",
        callback_at=callback_at,
    )


def test_the_table_here_covers_every_outcome() -> None:
    assert set(EXPECTED_STATUS) == set(OUTCOME_IDS)


@pytest.mark.parametrize("outcome_id", OUTCOME_IDS)
def test_every_outcome(clock: ManualClock, outcome_id: str) -> None:
    prospect = ada()
    callback_at = shift(clock.now(), timedelta(days=1))
    logged = log(prospect, outcome_id, clock, callback_at=callback_at)
    ended = shift(clock.now(), timedelta(seconds=72))
    after, call = logged.prospect, logged.call

    assert after.status is EXPECTED_STATUS[outcome_id]
    assert after.attempts == 3
    assert after.last_outcome == outcome_id
    assert after.last_called_at == ended
    assert after.updated_at == ended
    assert (after.id, after.first_name, after.phone, after.notes) == (
        7,
        "Ada",
        "+12125550100",
        "likes tea",
    )

    expected_next = {
        "no_answer": shift(ended, timedelta(hours=4)),
        "voicemail": shift(ended, timedelta(days=2)),
        "gatekeeper": shift(ended, timedelta(days=1)),
        "not_interested": datetime(2027, 2, 17, 15, 31, 12, tzinfo=PARIS),
        "callback": callback_at,
        "meeting": None,
        "wrong_number": None,
        "do_not_call": None,
    }[outcome_id]
    assert after.next_action_at == expected_next
    rule = outcome(outcome_id)
    if rule.retry_after is not None:
        assert after.next_action_at is not None
        assert between(ended, after.next_action_at) == rule.retry_after

    assert call.prospect_id == 7
    assert call.sprint_id == 3
    assert call.outcome == outcome_id
    assert call.variant == "how-have-you-been+demo"
    assert call.notes == "spoke to Jo"
    assert call.started_at == clock.now()
    assert call.ended_at == ended
    assert call.duration_s == 72.0
    assert call.local_hour == 9  # 15:30 in Paris is 09:30 in New York
    assert call.local_date == date(2026, 11, 19)
    assert call.callback_at == (callback_at if outcome_id == "callback" else None)

    if outcome_id in ("callback", "meeting"):
        assert logged.followup is not None
        assert logged.followup.prospect_id == 7
        assert logged.followup.kind == outcome_id
        assert logged.followup.created_at == ended
        # A meeting's time is asked once it is logged: until then it is due now.
        assert logged.followup.due_at == (callback_at if outcome_id == "callback" else ended)
        assert logged.followup.done_at is None
    else:
        assert logged.followup is None


@pytest.mark.parametrize("outcome_id", OUTCOME_IDS)
def test_the_prospect_passed_in_is_never_changed(clock: ManualClock, outcome_id: str) -> None:
    prospect = ada()
    snapshot = copy.deepcopy(prospect)
    logged = log(prospect, outcome_id, clock, callback_at=shift(clock.now(), timedelta(hours=3)))
    assert prospect == snapshot
    assert logged.before is prospect
    assert logged.prospect is not prospect
    logged.prospect.tags.append("hot")
    logged.prospect.extra["Source"] = "changed"
    assert prospect.tags == ["warm"]
    assert prospect.extra == {"Source": "fair"}


def test_a_callback_needs_a_time(clock: ManualClock) -> None:
    prospect = ada()
    with pytest.raises(NeedsCallbackTime, match="time"):
        log(prospect, "callback", clock)
    assert issubclass(NeedsCallbackTime, ValueError)
    assert prospect == ada()


def test_a_callback_time_given_with_another_outcome_is_ignored(clock: ManualClock) -> None:
    logged = log(ada(), "no_answer", clock, callback_at=shift(clock.now(), timedelta(days=5)))
    assert logged.call.callback_at is None
    assert logged.prospect.next_action_at == shift(logged.call.ended_at, timedelta(hours=4))


def test_an_unknown_outcome_is_refused(clock: ManualClock) -> None:
    with pytest.raises(KeyError, match="hung_up"):
        log(ada(), "hung_up", clock)


@pytest.mark.parametrize(
    ("zone", "hour"),
    [
        ("America/New_York", 9),
        ("Australia/Sydney", 1),
        ("Asia/Kolkata", 20),  # 20:00 — a half-hour zone reads as its own hour
        ("Europe/London", 14),
        (None, None),
        ("Not/AZone", None),
    ],
)
def test_local_hour_is_on_the_prospect_s_clock(
    clock: ManualClock, zone: str | None, hour: int | None
) -> None:
    assert log(ada(timezone=zone), "no_answer", clock).call.local_hour == hour


def test_local_hour_is_taken_when_the_call_started(clock: ManualClock) -> None:
    clock.set(datetime(2026, 11, 19, 9, 59, 30, tzinfo=NEW_YORK))
    assert log(ada(), "no_answer", clock, seconds=120).call.local_hour == 9


def test_local_date_follows_the_user_s_day_start_hour(clock: ManualClock) -> None:
    clock.set(datetime(2026, 11, 20, 0, 30, tzinfo=PARIS))
    assert log(ada(), "no_answer", clock).call.local_date == date(2026, 11, 20)
    assert log(ada(), "no_answer", clock, start_hour=2).call.local_date == date(2026, 11, 19)


def test_local_date_is_the_user_s_not_the_prospect_s(clock: ManualClock) -> None:
    # 15:30 Thursday in Paris is already Friday in Sydney; the call counts for Thursday.
    call = log(ada(timezone="Australia/Sydney"), "no_answer", clock).call
    assert call.local_date == date(2026, 11, 19)


def test_duration_is_rounded_to_a_tenth_and_never_negative(clock: ManualClock) -> None:
    assert log(ada(), "no_answer", clock, seconds=12.345).call.duration_s == 12.3
    assert log(ada(), "no_answer", clock, seconds=-5).call.duration_s == 0


def test_duration_across_the_fall_back_hour_is_real_time(clock: ManualClock) -> None:
    clock.set(datetime(2026, 10, 25, 0, 50, tzinfo=UTC))  # 02:50 CEST
    logged = log(ada(), "no_answer", clock, seconds=20 * 60)
    assert logged.call.ended_at.astimezone(PARIS).hour == 2  # 02:10 CET: earlier on the wall
    assert logged.call.duration_s == 1200.0


def test_a_retry_across_a_dst_change_is_elapsed_time(clock: ManualClock) -> None:
    clock.set(datetime(2026, 10, 24, 23, 30, tzinfo=PARIS))
    after = log(ada(), "no_answer", clock, seconds=0).prospect
    assert after.next_action_at is not None
    assert between(clock.now(), after.next_action_at) == timedelta(hours=4)


def test_a_first_call_to_a_new_prospect(clock: ManualClock) -> None:
    fresh = ada(status=Status.NEW, attempts=0, last_outcome=None)
    after = log(fresh, "gatekeeper", clock).prospect
    assert (after.status, after.attempts, after.last_outcome) == (
        Status.ATTEMPTED,
        1,
        "gatekeeper",
    )


def test_only_gatekeeper_asks_who_answered_and_only_meeting_asks_when_it_is() -> None:
    assert [o for o in OUTCOME_IDS if outcome(o).asks_who] == ["gatekeeper"]
    assert [o for o in OUTCOME_IDS if outcome(o).is_meeting] == ["meeting"]


def test_who_answered_amends_the_call_as_one_line_and_nothing_else(clock: ManualClock) -> None:
    logged = log(ada(), "gatekeeper", clock)
    amended = with_gatekeeper(logged, "  Sam [b]x[/b]\n$(rm -rf ~)\t ")
    assert amended.call.gatekeeper == "Sam [b]x[/b] $(rm -rf ~)"
    assert logged.call.gatekeeper == "", "the logged call is not changed in place"
    assert with_gatekeeper(amended, "") == logged, "only the name was changed"


def test_a_meetings_time_and_note_amend_its_followup(clock: ManualClock) -> None:
    logged = log(ada(), "meeting", clock)
    assert logged.followup is not None
    at = datetime(2026, 11, 24, 14, 0, tzinfo=NEW_YORK)
    amended = with_meeting(logged, at, " agenda:\n pricing ")
    assert amended.followup is not None
    assert amended.followup.due_at == at
    assert amended.followup.note == "agenda: pricing"
    assert amended.call == logged.call
    assert logged.followup.note == "" and logged.followup.due_at == logged.call.ended_at


def test_a_meeting_without_a_time_stays_due_when_it_was_logged(clock: ManualClock) -> None:
    logged = log(ada(), "meeting", clock)
    amended = with_meeting(logged, None, "call their CTO too")
    assert amended.followup is not None and logged.followup is not None
    assert amended.followup.due_at == logged.call.ended_at
    assert amended.followup.note == "call their CTO too"


def test_a_call_without_a_followup_has_no_meeting_to_amend(clock: ManualClock) -> None:
    with pytest.raises(ValueError, match="follow-up"):
        with_meeting(log(ada(), "no_answer", clock), None, "")
