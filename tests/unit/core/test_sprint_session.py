"""A calling sprint as it runs: cards, outcome keys, skip, undo, pause, resume, finish."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from random import Random
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.categories import Category
from prospect_tui.core.clock import ManualClock, between, shift
from prospect_tui.core.config import Config, ExperimentSettings, SprintSettings, Variant
from prospect_tui.core.experiments import Evidence
from prospect_tui.core.model import Call, Prospect, SprintStatus, Status
from prospect_tui.core.queue_walk import REBUILD_EVERY
from prospect_tui.core.reasons import NO_DIALS, REASONS
from prospect_tui.core.sprint import SprintSession
from prospect_tui.core.tally import Tally

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
CONFIG = Config(variants=(Variant("opener-a", opener="Hi {first_name}"), Variant("opener-b")))


def person(
    pid: int,
    name: str = "",
    *,
    zone: str | None = "America/New_York",
    status: Status = Status.NEW,
    priority: int = 0,
    due: datetime | None = None,
) -> Prospect:
    return Prospect(
        id=pid,
        first_name=name or f"P{pid}",
        phone=f"+1212555{pid:04d}",
        timezone=zone,
        status=status,
        priority=priority,
        next_action_at=due,
    )


def crowd() -> list[Prospect]:
    """Four New Yorkers, callable at the frozen 09:30 their time, in priority order 1-4."""
    return [
        person(4, priority=1),
        person(2, priority=3),
        person(1, priority=4),
        person(3, priority=2),
    ]


def start(clock: ManualClock, prospects: list[Prospect], config: Config = CONFIG) -> SprintSession:
    return SprintSession.start(prospects, clock.now(), config, PARIS)


def on_card(session: SprintSession) -> int | None:
    return session.card.prospect.id if session.card else None


def later(clock: ManualClock, seconds: float = 30) -> datetime:
    return clock.advance(seconds=seconds)


# -- starting ----------------------------------------------------------------------------------


def test_a_new_sprint_s_record(clock: ManualClock) -> None:
    session = start(clock, crowd())
    sprint = session.sprint
    assert sprint.started_at == clock.now()
    assert sprint.ends_at == datetime(2026, 11, 19, 15, 55, tzinfo=PARIS)
    assert (sprint.minutes, sprint.status) == (25, SprintStatus.RUNNING)
    assert sprint.local_date == date(2026, 11, 19)
    assert session.remaining(clock.now()) == timedelta(minutes=25)
    assert session.tally() == Tally(0, 0, 0)


def test_the_first_card_is_the_head_of_the_queue(clock: ManualClock) -> None:
    now = clock.now()
    prospects = [
        *crowd(),
        person(5, zone="Australia/Sydney", priority=10),  # 01:30 there
        person(6, status=Status.DO_NOT_CALL, priority=10),
        person(7, zone=None, priority=10),
        person(8, status=Status.CALLBACK, due=shift(now, timedelta(minutes=-10))),
    ]
    session = start(clock, prospects)
    assert session.card is not None
    assert on_card(session) == 8
    assert session.card.why == "callback due"
    assert session.card.shown_at == now
    assert session.card.variant == CONFIG.variants[0]
    assert [p.id for p in session.upcoming(3)] == [1, 2, 3]
    assert [p.id for p in session.upcoming(10)] == [1, 2, 3, 4]


def test_a_sprint_with_nobody_to_call_has_no_card(clock: ManualClock) -> None:
    session = start(clock, [])
    assert session.card is None
    with pytest.raises(LookupError):
        session.log("no_answer", clock.now())


# -- outcome keys -------------------------------------------------------------------------------


def test_an_outcome_logs_the_call_and_shows_the_next_prospect(clock: ManualClock) -> None:
    session = start(clock, crowd())
    shown = clock.now()
    assert session.card is not None
    session.card.notes = "asked for Jo"
    logged = session.log("no_answer", later(clock, 40))
    assert logged.call.prospect_id == 1
    assert (logged.call.started_at, logged.call.ended_at) == (shown, clock.now())
    assert logged.call.duration_s == 40.0
    assert logged.call.notes == "asked for Jo"
    assert logged.call.variant == "opener-a"
    assert logged.call.local_hour == 9
    assert logged.prospect.attempts == 1
    assert on_card(session) == 2
    assert session.card is not None and session.card.shown_at == clock.now()
    assert session.card.notes == ""


def test_stats_count_dials_connects_and_meetings(clock: ManualClock) -> None:
    session = start(clock, crowd())
    session.log("meeting", later(clock))
    session.log("not_interested", later(clock))
    session.log("voicemail", later(clock))
    session.log("callback", later(clock), callback_at=shift(clock.now(), timedelta(days=1)))
    assert session.tally() == Tally(dials=4, connects=3, meetings=1)
    assert session.card is None


def test_the_same_prospect_is_never_shown_twice_in_a_sprint(clock: ManualClock) -> None:
    prospects = [person(i, priority=i % 3) for i in range(1, 13)]
    long_sprint = replace(CONFIG, sprint=SprintSettings(minutes=90))  # time for all twelve
    session = start(clock, prospects, long_sprint)
    seen = []
    while session.card is not None:
        seen.append(session.card.prospect.id)
        # A callback one minute out comes due before the next rebuild of the queue.
        when = shift(clock.now(), timedelta(minutes=1))
        session.log("callback", clock.now(), callback_at=when)
        clock.advance(minutes=6)  # past REBUILD_EVERY each time
    assert sorted(seen) == list(range(1, 13))
    assert len(seen) == len(set(seen))


def test_variants_are_shared_out_fairly_across_cards(clock: ManualClock) -> None:
    session = start(clock, [person(i) for i in range(1, 7)])
    used = []
    while session.card is not None:
        assert session.card.variant is not None
        used.append(session.card.variant.name)
        session.log("no_answer", later(clock))
    assert used == ["opener-a", "opener-b"] * 3


def test_variants_count_today_s_earlier_calls(clock: ManualClock) -> None:
    earlier = [
        Call(
            prospect_id=99,
            started_at=clock.now(),
            ended_at=clock.now(),
            outcome="no_answer",
            variant="opener-a",
            local_date=date(2026, 11, 19),
        )
        for _ in range(2)
    ]
    session = SprintSession.start(
        [person(i) for i in range(1, 6)], clock.now(), CONFIG, PARIS, calls_today=earlier
    )
    used = []
    while session.card is not None:
        assert session.card.variant is not None
        used.append(session.card.variant.name)
        session.log("no_answer", later(clock))
    assert used == ["opener-b", "opener-b", "opener-a", "opener-b", "opener-a"]


ADAPTIVE_CONFIG = replace(CONFIG, experiments=ExperimentSettings(assignment="adaptive"))


def test_a_sprint_records_the_assignment_it_uses(clock: ManualClock) -> None:
    assert start(clock, crowd()).sprint.assignment == "fair"
    assert start(clock, crowd(), ADAPTIVE_CONFIG).sprint.assignment == "adaptive"


def test_adaptive_assignment_gives_the_better_opener_most_calls(clock: ManualClock) -> None:
    # opener-b has turned 30 of 100 connects into meetings, opener-a 5 of 100.
    evidence = Evidence(
        connects=Counter({"opener-a": 100, "opener-b": 100}),
        meetings=Counter({"opener-a": 5, "opener-b": 30}),
    )
    used = []
    for seed in range(40):
        session = SprintSession.start(
            crowd(), clock.now(), ADAPTIVE_CONFIG, PARIS, (), evidence, Random(seed)
        )
        assert session.card is not None and session.card.variant is not None
        used.append(session.card.variant.name)
    assert used.count("opener-b") >= 38
    again = SprintSession.start(
        crowd(), clock.now(), ADAPTIVE_CONFIG, PARIS, (), evidence, Random(3)
    )
    assert again.card is not None and again.card.variant is not None
    assert again.card.variant.name == used[3]  # a seeded draw is reproducible


def test_adaptive_assignment_explores_while_the_evidence_is_thin(clock: ManualClock) -> None:
    picks = set()
    for seed in range(20):
        session = SprintSession.start(
            crowd(), clock.now(), ADAPTIVE_CONFIG, PARIS, (), None, Random(seed)
        )
        assert session.card is not None and session.card.variant is not None
        picks.add(session.card.variant.name)
    assert picks == {"opener-a", "opener-b"}


def test_adaptive_evidence_grows_with_each_call_and_shrinks_with_undo(clock: ManualClock) -> None:
    session = SprintSession.start(crowd(), clock.now(), ADAPTIVE_CONFIG, PARIS, rng=Random(1))
    assert session.card is not None and session.card.variant is not None
    name = session.card.variant.name
    session.log("meeting", later(clock))
    assert (session.evidence.connects[name], session.evidence.meetings[name]) == (1, 1)
    mark = session.checkpoint()
    assert session.card is not None and session.card.variant is not None
    other = session.card.variant.name
    session.log("not_interested", later(clock))
    assert session.evidence.connects[other] == 1 + (other == name)
    session.restore(mark)
    assert session.evidence.connects[other] == (other == name)
    session.undo(later(clock))
    assert (session.evidence.connects[name], session.evidence.meetings[name]) == (0, 0)


def test_no_variants_configured_no_variant_on_the_card(clock: ManualClock) -> None:
    session = start(clock, crowd(), Config())
    assert session.card is not None and session.card.variant is None
    assert session.log("no_answer", later(clock)).call.variant is None


# -- skip ---------------------------------------------------------------------------------------


def test_skip_is_not_a_dial_and_sends_the_prospect_to_the_back(clock: ManualClock) -> None:
    session = start(clock, crowd())
    assert on_card(session) == 1
    assert session.card is not None
    variant = session.card.variant
    session.skip(later(clock))
    assert on_card(session) == 2
    assert session.tally() == Tally(0, 0, 0)
    assert session.logged == []
    assert session.card is not None and session.card.variant == variant  # no dial, no share used
    order = []
    while session.card is not None:
        order.append(session.card.prospect.id)
        session.log("no_answer", later(clock))
    assert order == [2, 3, 4, 1]


def test_skipping_the_only_prospect_shows_them_again(clock: ManualClock) -> None:
    session = start(clock, [person(1)])
    session.skip(later(clock))
    assert on_card(session) == 1
    session.log("no_answer", later(clock))
    assert session.card is None


def test_a_skipped_prospect_stays_at_the_back_when_the_queue_is_rebuilt(
    clock: ManualClock,
) -> None:
    session = start(clock, crowd())
    session.skip(later(clock))  # 1 to the back
    clock.advance(minutes=6)
    session.log("no_answer", clock.now())  # rebuilds the queue
    order = []
    while session.card is not None:
        order.append(session.card.prospect.id)
        session.log("no_answer", later(clock))
    assert order == [3, 4, 1]


def test_a_prospect_skipped_just_as_the_queue_is_rebuilt_comes_back(clock: ManualClock) -> None:
    session = start(clock, crowd())
    clock.advance(minutes=6)
    session.skip(clock.now())  # the skip itself rebuilds the queue
    order = []
    while session.card is not None:
        order.append(session.card.prospect.id)
        session.log("no_answer", later(clock))
    assert order == [2, 3, 4, 1]


# -- undo ---------------------------------------------------------------------------------------


def test_undo_restores_the_card_the_prospect_and_the_variant_count(clock: ManualClock) -> None:
    session = start(clock, crowd())
    first = session.card
    assert first is not None
    first.notes = "try after lunch"
    dials_before = dict(session.variant_dials)
    logged = session.log("not_interested", later(clock))
    assert on_card(session) == 2

    undone = session.undo(later(clock))
    assert undone is logged
    assert session.logged == []
    assert session.tally() == Tally(0, 0, 0)
    assert dict(+session.variant_dials) == dials_before
    card = session.card
    assert card is not None
    assert card.prospect is first.prospect  # the state before the call
    assert (card.prospect.status, card.prospect.attempts) == (Status.NEW, 0)
    assert card.variant == first.variant
    assert card.notes == "try after lunch"
    assert card.shown_at == clock.now()

    session.log("no_answer", later(clock))
    assert on_card(session) == 2  # the card that was displaced comes next
    order = []
    while session.card is not None:
        order.append(session.card.prospect.id)
        session.log("no_answer", later(clock))
    assert order == [2, 3, 4]


def test_undo_twice_walks_back_two_calls(clock: ManualClock) -> None:
    session = start(clock, crowd())
    session.log("no_answer", later(clock))
    session.log("voicemail", later(clock))
    assert on_card(session) == 3
    session.undo(later(clock))
    assert on_card(session) == 2
    session.undo(later(clock))
    assert on_card(session) == 1
    assert session.logged == []
    order = []
    while session.card is not None:
        order.append(session.card.prospect.id)
        session.log("no_answer", later(clock))
    assert order == [1, 2, 3, 4]


def test_undo_after_the_last_call_puts_that_prospect_back(clock: ManualClock) -> None:
    session = start(clock, [person(1)])
    session.log("meeting", later(clock))
    assert session.card is None
    session.undo(later(clock))
    assert on_card(session) == 1
    assert session.tally() == Tally(0, 0, 0)


def test_an_undone_prospect_skipped_across_a_rebuild_comes_back_as_before(
    clock: ManualClock,
) -> None:
    session = start(clock, crowd())
    clock.advance(minutes=6)
    session.log("no_answer", clock.now())  # rebuilds: the queue now knows 1 as called
    session.undo(later(clock))
    assert on_card(session) == 1
    clock.advance(minutes=6)
    session.skip(clock.now())  # rebuilds again, with 1 as it was before the call
    order = []
    while session.card is not None:
        order.append(session.card.prospect.id)
        if session.card.prospect.id == 1:
            assert (session.card.prospect.attempts, session.card.prospect.status) == (
                0,
                Status.NEW,
            )
        session.log("no_answer", later(clock))
    assert order == [2, 3, 4, 1]


def test_undo_with_nothing_logged_does_nothing(clock: ManualClock) -> None:
    session = start(clock, crowd())
    assert session.undo(later(clock)) is None
    assert on_card(session) == 1


# -- pause ----------------------------------------------------------------------------------------


def test_pause_stops_the_clock_and_is_not_call_time(clock: ManualClock) -> None:
    session = start(clock, crowd())
    clock.advance(minutes=5)
    assert session.toggle_pause(clock.now()) is True
    assert session.is_paused(clock.now())
    assert session.sprint.paused_at == clock.now()
    clock.advance(minutes=2)
    assert session.remaining(clock.now()) == timedelta(minutes=20)
    assert session.toggle_pause(clock.now()) is False
    assert session.sprint.paused_s == 120
    assert session.sprint.ends_at == datetime(2026, 11, 19, 15, 57, tzinfo=PARIS)
    assert session.remaining(clock.now()) == timedelta(minutes=20)
    logged = session.log("no_answer", later(clock, 45))
    assert logged.call.duration_s == 45.0  # the card was on screen 7 min 45 s, 2 min paused


def test_the_pause_allowance_comes_from_config(clock: ManualClock) -> None:
    config = replace(CONFIG, sprint=SprintSettings(max_pause_minutes=1))
    session = start(clock, crowd(), config)
    session.toggle_pause(clock.now())
    clock.advance(minutes=3)
    assert not session.is_paused(clock.now())
    assert session.remaining(clock.now()) == timedelta(minutes=23)


def test_a_pause_that_runs_out_is_reported_once_and_resumes_where_it_ran_out(
    clock: ManualClock,
) -> None:
    config = replace(CONFIG, sprint=SprintSettings(max_pause_minutes=1))
    session = start(clock, crowd(), config)
    assert session.can_pause(clock.now())
    session.toggle_pause(clock.now())
    clock.advance(seconds=59)
    assert not session.pause_ran_out(clock.now())
    ran_out = clock.advance(seconds=1)
    clock.advance(minutes=2)
    assert session.pause_ran_out(clock.now())
    assert not session.pause_ran_out(clock.now()), "once"
    assert (session.sprint.paused_at, session.sprint.paused_s) == (None, 60)
    assert session.card is not None and session.card.shown_at == ran_out
    assert session.remaining(clock.now()) == timedelta(minutes=23)
    assert not session.can_pause(clock.now()), "the allowance is used up"
    assert session.toggle_pause(clock.now()) is False


def test_no_pause_once_the_time_is_up(clock: ManualClock) -> None:
    session = start(clock, crowd())
    clock.advance(minutes=25)
    assert not session.can_pause(clock.now())


# -- the queue moves on -------------------------------------------------------------------------


def test_a_callback_coming_due_is_picked_up_when_the_queue_is_rebuilt(
    clock: ManualClock,
) -> None:
    due = shift(clock.now(), timedelta(minutes=3))
    session = start(clock, [*crowd(), person(9, status=Status.CALLBACK, due=due)])
    assert on_card(session) == 1
    clock.advance(minutes=4)
    session.log("no_answer", clock.now())
    assert on_card(session) == 2  # not rebuilt yet
    clock.set(shift(session.sprint.started_at, REBUILD_EVERY))
    session.log("no_answer", clock.now())
    assert on_card(session) == 9
    assert session.card is not None and session.card.why == "callback due"


def test_an_explicit_rebuild_puts_a_due_callback_next(clock: ManualClock) -> None:
    due = shift(clock.now(), timedelta(minutes=1))
    session = start(clock, [*crowd(), person(9, status=Status.CALLBACK, due=due)])
    clock.advance(minutes=2)
    session.rebuild(clock.now())
    assert on_card(session) == 1  # the card on screen stays
    session.log("no_answer", clock.now())
    assert on_card(session) == 9


def test_a_window_opening_mid_sprint_brings_its_prospects_in(clock: ManualClock) -> None:
    clock.set(datetime(2026, 11, 19, 7, 58, tzinfo=NEW_YORK))
    session = start(clock, [person(1), person(2, zone="Europe/London")])
    assert on_card(session) == 2
    clock.advance(minutes=6)
    session.log("no_answer", clock.now())
    assert on_card(session) == 1


# -- resume after a crash -------------------------------------------------------------------------


def test_resume_keeps_the_sprint_s_calls_and_leaves_out_who_was_called(
    clock: ManualClock,
) -> None:
    before = start(clock, crowd())
    calls, stored = [], {p.id: p for p in crowd()}
    for number, outcome_id in enumerate(("no_answer", "meeting"), start=1):
        logged = before.log(outcome_id, later(clock, 50))
        calls.append(replace(logged.call, id=number))
        stored[logged.prospect.id] = logged.prospect
    clock.advance(minutes=3)  # kill -9, restart

    session = SprintSession.resume(
        before.sprint, calls, stored.values(), clock.now(), CONFIG, PARIS, calls_today=calls
    )
    assert session.tally() == Tally(dials=2, connects=1, meetings=1)
    assert session.called == {1, 2}
    assert on_card(session) == 3
    assert session.remaining(clock.now()) == timedelta(minutes=25) - between(
        before.sprint.started_at, clock.now()
    )
    assert session.card is not None and session.card.variant == CONFIG.variants[0]
    order = []
    while session.card is not None:
        order.append(session.card.prospect.id)
        clock.advance(minutes=6)
        session.log("no_answer", clock.now())
    assert order == [3, 4]


# -- nobody to call -------------------------------------------------------------------------------


def test_why_empty_names_who_is_next_and_when(clock: ManualClock) -> None:
    clock.set(datetime(2026, 11, 19, 5, 47, tzinfo=NEW_YORK))  # 11:47 in Paris
    prospects = [person(1, "Ada"), person(2, zone="Australia/Sydney"), person(3, zone=None)]
    session = start(clock, prospects)
    assert session.card is None
    text = session.why_empty(clock.now())
    assert "Ada can be called in 2h13m (08:00 their time)" in text
    assert re.search(r"\b1 prospects? ha(s|ve) no known time zone", text)
    assert "Import more" in text


def test_why_empty_still_counts_unknown_zones_after_a_rebuild(clock: ManualClock) -> None:
    clock.set(datetime(2026, 11, 19, 5, 47, tzinfo=NEW_YORK))
    session = start(clock, [person(1, "Ada"), person(3, zone=None), person(4, zone="")])
    clock.advance(minutes=1)
    session.rebuild(clock.now())  # the sprint screen's recheck
    text = session.why_empty(clock.now())
    assert "Ada can be called in 2h12m" in text
    assert "2 prospects have no known time zone" in text


def test_why_empty_once_everyone_has_been_called(clock: ManualClock) -> None:
    session = start(clock, [person(1)])
    session.log("do_not_call", later(clock))
    text = session.why_empty(clock.now())
    assert text.startswith("Nobody is left to call.")
    assert "time zone" not in text
    assert "Import more" in text


# -- ending ---------------------------------------------------------------------------------------


def test_time_is_up_at_the_end_not_before(clock: ManualClock) -> None:
    session = start(clock, crowd())
    clock.advance(minutes=24, seconds=59)
    assert not session.time_up(clock.now())
    clock.advance(seconds=1)
    assert session.time_up(clock.now())


def test_a_completed_sprint_is_25_minutes_of_calling(clock: ManualClock) -> None:
    session = start(clock, crowd())
    session.log("no_answer", later(clock))
    clock.advance(hours=2)  # the app was closed; the sprint still ended on time
    sprint, (entry,) = session.finish(clock.now(), SprintStatus.COMPLETED)
    assert sprint.status is SprintStatus.COMPLETED
    assert sprint.ended_at == datetime(2026, 11, 19, 15, 55, tzinfo=PARIS)
    assert (sprint.reason, sprint.reason_kind) == (None, None)
    assert entry.category is Category.CALLING
    assert entry.seconds == 1500
    assert (entry.started_at, entry.ended_at) == (sprint.started_at, sprint.ended_at)
    assert entry.local_date == date(2026, 11, 19)
    assert entry.sprint_id == sprint.id


def test_calling_time_excludes_pauses(clock: ManualClock) -> None:
    session = start(clock, crowd())
    session.log("no_answer", later(clock))
    clock.advance(minutes=4, seconds=30)
    session.toggle_pause(clock.now())
    clock.advance(minutes=2)
    session.toggle_pause(clock.now())
    clock.advance(minutes=20)
    assert session.time_up(clock.now())
    sprint, (entry,) = session.finish(clock.now(), SprintStatus.COMPLETED)
    assert sprint.ended_at == datetime(2026, 11, 19, 15, 57, tzinfo=PARIS)
    assert sprint.paused_s == 120
    assert entry.seconds == 1500


def test_finishing_while_paused_counts_the_pause_so_far(clock: ManualClock) -> None:
    session = start(clock, crowd())
    clock.advance(minutes=5)
    session.toggle_pause(clock.now())
    clock.advance(minutes=3)
    sprint, (entry,) = session.finish(clock.now(), SprintStatus.ABANDONED, reason="tired")
    assert sprint.paused_at is None
    assert sprint.paused_s == 180
    assert sprint.ended_at == clock.now()
    assert entry.seconds == 300


def test_a_pause_past_its_allowance_counts_only_the_allowance(clock: ManualClock) -> None:
    session = start(clock, crowd())
    clock.advance(minutes=5)
    session.toggle_pause(clock.now())
    clock.advance(minutes=15)  # 5 allowed, then the clock ran again for 10
    sprint, (entry,) = session.finish(clock.now(), SprintStatus.ABANDONED, reason="distracted")
    assert sprint.paused_s == 300
    assert entry.seconds == 15 * 60


KINDS = {
    "rejection": "fear",
    "gatekeeper": "fear",
    "dont_know_what_to_say": "fear",
    "distracted": "discipline",
    "other_work": "discipline",
    "list_not_ready": "discipline",
    "tired": "discipline",
}


def test_every_reason_has_its_kind_here() -> None:
    assert set(KINDS) == {reason.id for reason in REASONS}


@pytest.mark.parametrize(("reason", "kind"), sorted(KINDS.items()))
def test_an_abandoned_sprint_keeps_its_reason_and_kind(
    clock: ManualClock, reason: str, kind: str
) -> None:
    session = start(clock, crowd())
    clock.advance(minutes=10)
    sprint, (entry,) = session.finish(clock.now(), SprintStatus.ABANDONED, reason=reason)
    assert sprint.status is SprintStatus.ABANDONED
    assert (sprint.reason, sprint.reason_kind) == (reason, kind)
    assert sprint.ended_at == clock.now()
    assert entry.seconds == 600


def test_a_reason_in_the_user_s_words_keeps_the_kind_they_chose(clock: ManualClock) -> None:
    session = start(clock, crowd())
    clock.advance(minutes=1)
    sprint, _ = session.finish(
        clock.now(), SprintStatus.ABANDONED, "other", "fear", "the CEO picked up"
    )
    assert (sprint.reason, sprint.reason_kind, sprint.reason_text) == (
        "other",
        "fear",
        "the CEO picked up",
    )


def test_a_kind_that_is_neither_fear_nor_discipline_is_refused(clock: ManualClock) -> None:
    session = start(clock, crowd())
    with pytest.raises(ValueError):
        session.finish(clock.now(), SprintStatus.ABANDONED, "other", "laziness")


def test_a_sprint_across_the_fall_back_hour_is_25_real_minutes(clock: ManualClock) -> None:
    clock.set(datetime(2026, 10, 25, 0, 50, tzinfo=UTC))  # 02:50 CEST, 20:50 in New York
    session = SprintSession.start(crowd(), clock.now(), CONFIG, PARIS)
    assert between(session.sprint.started_at, session.sprint.ends_at) == timedelta(minutes=25)
    session.log("no_answer", later(clock, 60))
    clock.advance(minutes=23)
    assert session.remaining(clock.now()) == timedelta(minutes=1)
    clock.advance(minutes=1)
    assert session.time_up(clock.now())
    sprint, (entry,) = session.finish(clock.now(), SprintStatus.COMPLETED)
    assert entry.seconds == 1500
    assert sprint.local_date == entry.local_date == date(2026, 10, 25)


def test_a_sprint_across_midnight_puts_its_minutes_on_both_days(clock: ManualClock) -> None:
    clock.set(datetime(2026, 11, 19, 23, 50, tzinfo=PARIS))  # 17:50 in New York
    session = start(clock, crowd())
    session.log("no_answer", later(clock, 60))
    clock.advance(minutes=25)
    sprint, entries = session.finish(clock.now(), SprintStatus.COMPLETED)
    assert sprint.local_date == date(2026, 11, 19)
    assert [(e.local_date, e.seconds) for e in entries] == [
        (date(2026, 11, 19), 600),
        (date(2026, 11, 20), 900),
    ]
    assert {e.sprint_id for e in entries} == {sprint.id}


def test_a_night_owl_sprint_is_split_at_the_day_start_hour(clock: ManualClock) -> None:
    clock.set(datetime(2026, 11, 20, 3, 50, tzinfo=PARIS))
    config = replace(CONFIG, days=replace(CONFIG.days, start_hour=4))
    session = SprintSession.start([person(1, zone="Asia/Tokyo")], clock.now(), config, PARIS)
    session.log("no_answer", later(clock, 60))
    clock.advance(minutes=25)
    _, entries = session.finish(clock.now(), SprintStatus.COMPLETED)
    assert [(e.local_date, e.seconds) for e in entries] == [
        (date(2026, 11, 19), 600),
        (date(2026, 11, 20), 900),
    ]


def test_a_call_from_before_a_restart_counts_but_cannot_be_undone(
    clock: ManualClock,
) -> None:
    config = Config()
    people = [
        Prospect(id=n, first_name=f"P{n}", phone=f"+1212555{n:04d}", timezone="America/New_York")
        for n in range(1, 6)
    ]
    session = SprintSession.start(people, clock.now(), config, clock.tz)
    clock.advance(seconds=30)
    logged = session.log("voicemail", clock.now())

    resumed = SprintSession.resume(
        session.sprint, [logged.call], [logged.prospect, *people[1:]], clock.now(), config, clock.tz
    )
    assert resumed.tally().dials == 1
    assert not resumed.can_undo
    assert resumed.undo(clock.now()) is None
    assert resumed.tally().dials == 1
    clock.advance(seconds=30)
    resumed.log("no_answer", clock.now())
    assert resumed.can_undo and resumed.undo(clock.now()) is not None
    assert not resumed.can_undo


# -- the end of the time: the last call, no dial, the clock set back ---------------------------


def test_time_up_with_a_prospect_on_the_card_is_the_last_call(clock: ManualClock) -> None:
    session = start(clock, crowd())
    session.log("voicemail", later(clock))
    on_screen = on_card(session)
    clock.advance(minutes=24, seconds=30)
    assert session.last_call(clock.now()) and not session.over(clock.now())
    assert on_card(session) == on_screen, "the call in progress stays on the card"
    clock.advance(minutes=2)  # still on the phone, well past 00:00
    logged = session.log("meeting", clock.now())
    assert logged.call.prospect_id == on_screen and logged.call.sprint_id == session.sprint.id
    assert logged.call.ended_at == clock.now()
    assert session.card is None, "no new prospect once the time is up"
    assert session.over(clock.now())
    assert session.tally() == Tally(dials=2, connects=1, meetings=1)
    sprint, (entry,) = session.finish(clock.now(), SprintStatus.COMPLETED)
    assert sprint.status is SprintStatus.COMPLETED
    assert sprint.ended_at == clock.now(), "the call made past 00:00 is calling time"
    assert entry.seconds == 27 * 60


def test_the_sprint_ends_where_the_last_call_did_even_if_it_is_recorded_later(
    clock: ManualClock,
) -> None:
    session = start(clock, crowd())
    session.log("voicemail", later(clock))
    clock.advance(minutes=25)
    session.log("no_answer", clock.now())
    closed = clock.now()
    clock.advance(minutes=3)  # e.g. the first write of the end failed and was retried
    sprint, _ = session.finish(clock.now(), SprintStatus.COMPLETED)
    assert sprint.ended_at == closed


def test_skipping_the_last_call_ends_the_sprint_without_a_dial(clock: ManualClock) -> None:
    session = start(clock, crowd())
    session.log("voicemail", later(clock))
    clock.advance(minutes=25)
    session.skip(clock.now())
    assert session.card is None and session.over(clock.now())
    assert session.tally().dials == 1


def test_time_up_with_no_card_is_over_at_once(clock: ManualClock) -> None:
    session = SprintSession.start([], clock.now(), CONFIG, PARIS)
    clock.advance(minutes=25)
    assert session.over(clock.now()) and not session.last_call(clock.now())


def test_there_is_no_pause_once_the_time_is_up(clock: ManualClock) -> None:
    session = start(clock, crowd())
    clock.advance(minutes=25, seconds=10)
    assert session.toggle_pause(clock.now()) is False
    assert session.sprint.paused_at is None
    clock.advance(minutes=1)
    assert session.last_call(clock.now()), "a pause would have pushed the end later"


def test_a_sprint_with_no_dial_is_never_completed(clock: ManualClock) -> None:
    session = start(clock, crowd())
    session.skip(later(clock))
    clock.advance(minutes=25)
    session.skip(clock.now())
    sprint, (entry,) = session.finish(clock.now(), SprintStatus.COMPLETED)
    assert sprint.status is SprintStatus.ABANDONED
    assert (sprint.reason, sprint.reason_kind) == (NO_DIALS.id, "discipline")
    assert entry.seconds == 25 * 60 + 30, "the time was still spent"


def test_ending_an_empty_sprint_early_is_not_completed_either(clock: ManualClock) -> None:
    session = SprintSession.start([], clock.now(), CONFIG, PARIS)
    clock.advance(minutes=2)
    sprint, _ = session.finish(clock.now(), SprintStatus.COMPLETED)
    assert (sprint.status, sprint.reason) == (SprintStatus.ABANDONED, NO_DIALS.id)


def test_finish_leaves_the_session_running_until_its_result_is_saved(clock: ManualClock) -> None:
    session = start(clock, crowd())
    session.log("voicemail", later(clock))
    sprint, _ = session.finish(later(clock), SprintStatus.ABANDONED, reason="tired")
    assert sprint.status is SprintStatus.ABANDONED
    assert session.sprint.status is SprintStatus.RUNNING and session.sprint.ended_at is None


def test_a_sprint_that_ran_out_while_closed_counts_only_with_a_dial(clock: ManualClock) -> None:
    session = start(clock, crowd())
    call = session.log("voicemail", later(clock)).call
    clock.advance(hours=1)
    with_a_dial = SprintSession.closing(session.sprint, CONFIG, PARIS, [call])
    without = SprintSession.closing(session.sprint, CONFIG, PARIS, [])
    assert with_a_dial.finish(clock.now(), SprintStatus.COMPLETED)[0].status is (
        SprintStatus.COMPLETED
    )
    assert without.finish(clock.now(), SprintStatus.COMPLETED)[0].status is (SprintStatus.ABANDONED)


def test_a_resumed_sprint_counts_calls_of_prospects_it_no_longer_knows(
    clock: ManualClock,
) -> None:
    session = start(clock, crowd())
    call = session.log("voicemail", later(clock)).call
    resumed = SprintSession.resume(session.sprint, [call], [], clock.now(), CONFIG, PARIS)
    assert resumed.tally().dials == 1


def test_a_clock_set_back_mid_sprint_keeps_the_time_left(clock: ManualClock) -> None:
    session = start(clock, crowd())
    clock.advance(minutes=10)
    assert session.remaining(clock.now()) == timedelta(minutes=15)
    clock.set(shift(clock.now(), -timedelta(hours=1)))
    assert session.remaining(clock.now()) == timedelta(minutes=15)
    clock.advance(minutes=1)
    assert session.remaining(clock.now()) == timedelta(minutes=14), "and it keeps counting"
    clock.advance(minutes=14)
    assert session.time_up(clock.now())
    session.log("no_answer", clock.now())
    _, (entry,) = session.finish(clock.now(), SprintStatus.COMPLETED)
    assert entry.seconds == 25 * 60


def test_a_clock_moved_forward_shows_the_true_time_left(clock: ManualClock) -> None:
    session = start(clock, crowd())
    session.remaining(clock.now())
    clock.advance(minutes=10)  # a suspended laptop
    assert session.remaining(clock.now()) == timedelta(minutes=15)


def test_a_call_across_a_clock_set_back_has_no_negative_length(clock: ManualClock) -> None:
    session = start(clock, crowd())
    clock.advance(minutes=1)
    session.remaining(clock.now())
    clock.set(shift(clock.now(), -timedelta(minutes=30)))
    clock.advance(seconds=20)
    logged = session.log("no_answer", clock.now())
    # The seconds between the jump and the first look after it cannot be told
    # apart from the jump itself; what can be told is kept, and nothing is negative.
    assert logged.call.duration_s == 60


def test_restore_puts_back_what_an_undo_took(clock: ManualClock) -> None:
    session = start(clock, crowd())
    called = session.log("voicemail", later(clock)).call.prospect_id
    skipped = on_card(session)
    session.skip(later(clock))
    on_screen = on_card(session)
    mark = session.checkpoint()
    assert session.undo(later(clock)) is not None
    session.restore(mark)
    assert on_card(session) == on_screen and session.tally().dials == 1
    assert session.skipped == [skipped]
    session.log("no_answer", later(clock))
    assert on_card(session) not in (on_screen, called, skipped), "the queue carries on"


# -- objections -------------------------------------------------------------------------------


def test_objections_raised_on_a_call_are_logged_with_it_and_not_on_the_next(
    clock: ManualClock,
) -> None:
    session = start(clock, crowd())
    card = session.card
    assert card is not None
    assert card.raise_objection("send me an email")
    assert card.raise_objection("no budget")
    assert not card.raise_objection("send me an email")  # once per call

    logged = session.log("meeting", later(clock))
    assert logged.call.objections == ["send me an email", "no budget"]
    assert session.card is not None and session.card.objections == []
    assert session.log("no_answer", later(clock)).call.objections == []


def test_undo_puts_the_objections_back_on_the_card(clock: ManualClock) -> None:
    session = start(clock, crowd())
    assert session.card is not None
    session.card.raise_objection("call me later")
    logged = session.log("callback", later(clock), callback_at=clock.now() + timedelta(days=1))

    session.undo(later(clock))
    card = session.card
    assert card is not None and card.objections == ["call me later"]
    assert card.objections is not logged.call.objections  # raising more leaves the call alone
    card.raise_objection("no budget")
    assert logged.call.objections == ["call me later"]
    assert session.log("not_interested", later(clock)).call.objections == [
        "call me later",
        "no budget",
    ]


def test_undo_keeps_what_was_tagged_on_the_card_it_displaces_for_its_turn(
    clock: ManualClock,
) -> None:
    session = start(clock, crowd())
    session.log("no_answer", later(clock))
    displaced = session.card
    assert displaced is not None and displaced.prospect.id == 2
    displaced.raise_objection("send me an email")
    displaced.notes = "asked for the pricing sheet"

    session.undo(later(clock))
    assert on_card(session) == 1
    assert session.card is not None and session.card.objections == []  # 1's own, not 2's
    session.log("no_answer", later(clock))
    back = session.card
    assert back is not None and back.prospect.id == 2, "the displaced card comes next"
    assert back.objections == ["send me an email"]
    assert back.answering == "send me an email"
    assert back.notes == "asked for the pricing sheet"
    assert back.variant == displaced.variant
    logged = session.log("not_interested", later(clock))
    assert logged.call.objections == ["send me an email"]
    assert logged.call.notes == "asked for the pricing sheet"
    assert session.card is not None and session.card.objections == [], "kept once, for 2 only"


def test_a_failed_undo_restored_leaves_nothing_set_aside(clock: ManualClock) -> None:
    session = start(clock, crowd())
    session.log("no_answer", later(clock))
    assert session.card is not None
    session.card.raise_objection("no budget")
    mark = session.checkpoint()
    session.undo(later(clock))
    session.restore(mark)
    assert session.card is not None and session.card.objections == ["no budget"]
    session.log("voicemail", later(clock))  # 2 is called: nothing of 2's waits to come back
    assert session.card is not None and session.card.objections == []
    assert session.set_aside == {}
