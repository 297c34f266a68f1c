"""The calling sprint, driven with Pilot: every key, the lock, the timer, a crash."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.config import Config
from prospect_tui.core.model import Prospect, SprintStatus, Status
from prospect_tui.core.outcome_effects import log_outcome
from prospect_tui.core.outcomes import OUTCOMES
from prospect_tui.core.sprint import SprintSession
from prospect_tui.dialogs.abandon import AbandonDialog
from prospect_tui.dialogs.away import AwayDialog
from prospect_tui.dialogs.callback import CallbackDialog
from prospect_tui.dialogs.meeting import MeetingDialog
from prospect_tui.dialogs.who_answered import WhoAnsweredDialog
from prospect_tui.locations import Locations
from prospect_tui.screens.break_time import BreakScreen
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.sprint import SprintScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.app.conftest import FakeNotifier, fake_notifier
from tests.conftest import settle, start_sprint


@pytest.fixture
def services(sprint_home: Path, clock: ManualClock) -> Iterator[Services]:
    opened = open_services(Locations(sprint_home, sprint_home), clock=clock)
    yield opened
    close_services(opened)


@pytest.fixture
def app(services: Services) -> ProspectApp:
    return make_app(services, notifier=FakeNotifier())


def stats(app: ProspectApp) -> str:
    return str(app.screen.query_one("#sprint-stats", Static).render())


def card(app: ProspectApp) -> str:
    return str(app.screen.query_one("#card", Static).render())


async def test_s_starts_a_sprint_showing_dials_0(app: ProspectApp, services: Services) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        assert "Dials 0" in stats(app)
        assert "Connects 0" in stats(app) and "Meetings 0" in stats(app)
        assert screen.session.card is not None
        assert screen.session.card.prospect.name in card(app)
        running = services.repository.running_sprint()
        assert running is not None and running.id == screen.session.sprint.id


async def test_eight_outcome_keys_log_eight_calls(app: ProspectApp, services: Services) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        shown = []
        for outcome in OUTCOMES:
            assert screen.session.card is not None
            shown.append(screen.session.card.prospect.id)
            await pilot.press(outcome.key)
            if outcome.id == "callback":
                assert isinstance(app.screen, CallbackDialog)
                await pilot.press(*"in 2 hours", "enter")
            if outcome.asks_who or outcome.is_meeting:
                assert isinstance(app.screen, WhoAnsweredDialog | MeetingDialog)
                await pilot.press("escape")
            await pilot.pause()
        assert "Dials 8" in stats(app)
        assert "Connects 4" in stats(app)  # not interested, callback, meeting, do not call
        assert "Meetings 1" in stats(app)

        calls = services.repository.calls_of_sprint(screen.session.sprint)
        assert [c.outcome for c in calls] == [o.id for o in OUTCOMES]
        assert [c.prospect_id for c in calls] == shown
        assert len(set(shown)) == 8, "nobody is shown twice in a sprint"
        callback = calls[4]
        assert callback.callback_at is not None
        assert callback.callback_at - callback.started_at >= timedelta(hours=1, minutes=59)
        dnc = services.repository.prospect(shown[7])
        assert dnc is not None and dnc.status is Status.DO_NOT_CALL


async def test_letter_keys_are_outcomes_too(app: ProspectApp, services: Services) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_sprint(pilot)
        for outcome in OUTCOMES:
            if outcome.id == "callback":
                continue
            await pilot.press(outcome.alt)
            if outcome.asks_who or outcome.is_meeting:
                await pilot.press("escape")
            await pilot.pause()
        calls = services.repository.calls_of_sprint(screen.session.sprint)
        assert [c.outcome for c in calls] == [o.id for o in OUTCOMES if o.id != "callback"]


async def test_undo_takes_back_the_last_outcome(app: ProspectApp, services: Services) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        first = screen.session.card
        assert first is not None
        before = services.repository.prospect(first.prospect.id)
        await pilot.press("2")
        second = screen.session.card
        assert second is not None and second.prospect.id != first.prospect.id
        await pilot.press("u")
        await pilot.pause()
        assert "Dials 0" in stats(app)
        assert screen.session.card is not None
        assert screen.session.card.prospect.id == first.prospect.id
        assert services.repository.calls_of_sprint(screen.session.sprint) == []
        assert services.repository.prospect(first.prospect.id) == before
        await pilot.press("1")
        assert screen.session.card is not None
        assert screen.session.card.prospect.id == second.prospect.id, "the queue carries on"


async def test_skip_is_not_a_dial(app: ProspectApp, services: Services) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        first = screen.session.card
        assert first is not None
        await pilot.press("s")
        await pilot.pause()
        assert screen.session.card is not None
        assert screen.session.card.prospect.id != first.prospect.id
        assert "Dials 0" in stats(app)
        assert services.repository.calls_of_sprint(screen.session.sprint) == []


async def test_callback_is_read_on_the_prospects_clock_and_escape_logs_nothing(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        assert screen.session.card is not None
        prospect = screen.session.card.prospect
        await pilot.press("5")
        assert isinstance(app.screen, CallbackDialog)
        await pilot.press("escape")
        assert app.screen is screen and screen.session.card.prospect.id == prospect.id
        assert services.repository.calls_of_sprint(screen.session.sprint) == []

        await pilot.press("b", *"tomorrow 10am")
        await pilot.pause()
        echo = str(app.screen.query_one("#callback-echo", Static).render())
        assert "their time" in echo and "yours" in echo
        await pilot.press("enter")
        await pilot.pause()
        (call,) = services.repository.calls_of_sprint(screen.session.sprint)
        assert call.callback_at is not None and prospect.timezone is not None
        local = call.callback_at.astimezone(ZoneInfo(prospect.timezone))
        today_there = clock.now().astimezone(ZoneInfo(prospect.timezone)).date()
        assert (local.hour, local.minute) == (10, 0)
        assert local.date() == today_there + timedelta(days=1)
        (followup,) = [f for f in services.repository.followups() if f.call_id == call.id]
        assert followup.kind == "callback" and followup.due_at == call.callback_at


async def test_notes_go_with_the_call(app: ProspectApp, services: Services) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(Input).value = "Spoke to the PA, call after 4"
        await pilot.press("enter")
        await pilot.pause()
        assert "Spoke to the PA" in card(app)
        await pilot.press("3")
        await pilot.pause()
        (call,) = services.repository.calls_of_sprint(screen.session.sprint)
        assert call.notes == "Spoke to the PA, call after 4"


async def test_the_lock_refuses_quit_palette_and_other_screens(app: ProspectApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        for key in ("ctrl+q", "ctrl+c", "escape"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, AbandonDialog), key
            assert app.is_running
            await pilot.press("escape")  # "keep calling"
            await pilot.pause()
            assert app.screen is screen
        for key in ("ctrl+p", "r", "v", "l", "i", "q", "f"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, key
        assert app.is_running


async def test_abandon_records_the_reason_and_its_kind(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        sprint_id = screen.session.sprint.id
        await pilot.press("1")
        clock.advance(minutes=7)
        await pilot.press("escape")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AbandonDialog)
        await pilot.press("down", "down", "down", "down", "down", "enter")  # "Got distracted"
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        sprint = services.repository.sprint(sprint_id)
        assert sprint is not None and sprint.status is SprintStatus.ABANDONED
        assert (sprint.reason, sprint.reason_kind) == ("distracted", "discipline")
        entries = [e for e in services.repository.time_entries() if e.sprint_id == sprint_id]
        assert len(entries) == 1 and entries[0].seconds == pytest.approx(7 * 60, abs=1)


async def test_the_abandon_dialog_starts_with_no_reason_picked(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("escape")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AbandonDialog)
        assert dialog.query_one("#abandon-reasons", OptionList).highlighted is None
        await pilot.press("enter")  # a stray enter files no reason
        await settle(pilot)
        assert app.screen is dialog
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        running = services.repository.running_sprint()
        assert running is not None and running.id == screen.session.sprint.id


async def test_abandon_with_words_of_ones_own(app: ProspectApp, services: Services) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "enter")  # fear's "Something else…"
        await pilot.pause()
        app.screen.query_one(Input).value = "Dreading the CFO"
        await pilot.press("enter")  # abandons, as the hint says
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        sprint = services.repository.sprint(screen.session.sprint.id)
        assert sprint is not None
        assert (sprint.reason, sprint.reason_kind, sprint.reason_text) == (
            "other",
            "fear",
            "Dreading the CFO",
        )


async def test_something_else_under_discipline_is_discipline(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("end", "enter", *"email", "enter")
        await settle(pilot)
        sprint = services.repository.sprint(screen.session.sprint.id)
        assert sprint is not None
        assert (sprint.reason, sprint.reason_kind, sprint.reason_text) == (
            "other",
            "discipline",
            "email",
        )


async def test_time_up_completes_the_sprint_rings_and_takes_a_break(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        sprint_id = screen.session.sprint.id
        await pilot.press("1", "2")
        clock.advance(minutes=24, seconds=59)
        screen.tick()
        assert screen.is_attached, "one second left"
        clock.advance(seconds=1)
        screen.tick()
        await settle(pilot)
        # A prospect was on the card: the bell rings now, the call can still be logged.
        assert app.screen is screen and fake_notifier(app).bells == 1
        sent = fake_notifier(app).sent
        assert sent[-1][0] == "Time's up" and "2 dials" in sent[-1][1]
        await pilot.press("3", "escape")  # the last call; who answered is not said
        await settle(pilot)
        assert isinstance(app.screen, BreakScreen)
        assert fake_notifier(app).bells == 1, "one bell per sprint's end"
        assert "Sprint complete." in str(app.screen.query_one("#break-summary", Static).render())
        sprint = services.repository.sprint(sprint_id)
        assert sprint is not None and sprint.status is SprintStatus.COMPLETED
        (entry,) = [e for e in services.repository.time_entries() if e.sprint_id == sprint_id]
        assert entry.seconds == pytest.approx(25 * 60, abs=1)

        brk = app.screen
        assert isinstance(brk, BreakScreen) and brk.minutes == 5 and not brk.long
        clock.advance(minutes=5)
        brk.tick()
        await pilot.pause()  # the break screen tells the app with a message
        assert fake_notifier(app).sent[-1][0] == "Break over"
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is brk, "an outcome key does nothing on the break"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SprintScreen)
        assert app.screen.number == services.repository.sprints_started_on(
            app.screen.session.sprint.local_date
        )


async def test_pause_stops_the_clock_within_its_allowance(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        left = screen.session.remaining(clock.now())
        await pilot.press("p")
        clock.advance(minutes=3)
        screen.tick()
        assert screen.session.remaining(clock.now()) == left
        assert screen.check_action("log", ("no_answer",)) is False
        saved = services.repository.sprint(screen.session.sprint.id)
        assert saved is not None and saved.paused_at is not None, "a pause survives a crash"
        await pilot.press("p")
        assert screen.session.remaining(clock.now()) == left
        await pilot.press("p")
        clock.advance(minutes=10)  # two minutes of allowance left, then the clock runs
        assert screen.session.remaining(clock.now()) == left - timedelta(minutes=8)


def _leave_a_running_sprint(home: Path, clock: ManualClock, calls: int) -> int:
    """What a crash leaves behind: a running sprint with some calls logged."""
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        session = SprintSession.start(repository.prospects(), clock.now(), Config(), clock.tz)
        session.sprint = repository.save_sprint(session.sprint)
        for _ in range(calls):
            clock.advance(seconds=30)
            logged = session.log("no_answer", clock.now())
            repository.log_call(logged.call, logged.prospect)
        return session.sprint.id


async def keep_the_time_away(pilot: Pilot[int]) -> None:
    """Down longer than a break, the app asks about the time away: keep it, as before."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, AwayDialog)
    await pilot.press("k")
    await settle(pilot)


async def test_a_crashed_sprint_resumes_with_its_stats_and_true_time(
    sprint_home: Path, clock: ManualClock
) -> None:
    sprint_id = _leave_a_running_sprint(sprint_home, clock, calls=3)
    clock.advance(minutes=10)  # the app was down for ten minutes
    services = open_services(Locations(sprint_home, sprint_home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await keep_the_time_away(pilot)
            screen = app.screen
            assert isinstance(screen, SprintScreen) and screen.resumed
            assert screen.session.sprint.id == sprint_id
            assert "Dials 3" in stats(app)
            left = screen.session.remaining(clock.now())
            assert left == timedelta(minutes=25) - timedelta(seconds=90) - timedelta(minutes=10)
            called = {
                c.prospect_id for c in services.repository.calls_of_sprint(screen.session.sprint)
            }
            assert screen.session.card is not None
            assert screen.session.card.prospect.id not in called
    finally:
        close_services(services)


async def test_a_resumed_sprint_says_its_minutes_left_as_a_person_would(
    sprint_home: Path, clock: ManualClock
) -> None:
    _leave_a_running_sprint(sprint_home, clock, calls=1)
    clock.advance(minutes=24)  # 30 seconds left (one call took 30): the countdown reads 00:30
    services = open_services(Locations(sprint_home, sprint_home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await keep_the_time_away(pilot)
            assert isinstance(app.screen, SprintScreen) and app.screen.resumed
            said = [n.message for n in app._notifications if "Picked up" in n.message]
            assert said == ["Picked up your sprint where it stopped: 1 minute left."], said
    finally:
        close_services(services)


async def test_a_sprint_that_ran_out_while_closed_counts_as_completed(
    sprint_home: Path, clock: ManualClock
) -> None:
    sprint_id = _leave_a_running_sprint(sprint_home, clock, calls=2)
    clock.advance(hours=2)
    services = open_services(Locations(sprint_home, sprint_home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await keep_the_time_away(pilot)
            assert isinstance(app.screen, HomeScreen)
            sprint = services.repository.sprint(sprint_id)
            assert sprint is not None and sprint.status is SprintStatus.COMPLETED
            assert sprint.ended_at == sprint.ends_at
            assert any("counts as completed" in n.message for n in app._notifications)
    finally:
        close_services(services)


async def test_a_sprint_with_no_dial_that_ran_out_while_closed_does_not_count(
    sprint_home: Path, clock: ManualClock
) -> None:
    sprint_id = _leave_a_running_sprint(sprint_home, clock, calls=0)
    clock.advance(hours=2)
    services = open_services(Locations(sprint_home, sprint_home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await keep_the_time_away(pilot)
            assert isinstance(app.screen, HomeScreen)
            sprint = services.repository.sprint(sprint_id)
            assert sprint is not None and sprint.status is SprintStatus.ABANDONED
            assert sprint.reason == "no_dials"
            assert any("does not count" in n.message for n in app._notifications)
    finally:
        close_services(services)


def test_log_outcome_never_mutates_the_shown_prospect(clock: ManualClock) -> None:
    prospect = Prospect(id=1, first_name="Ada", phone="+442079460001", timezone="Europe/London")
    logged = log_outcome(
        prospect, "voicemail", started_at=clock.now(), ended_at=clock.now(), user_tz=clock.tz
    )
    assert prospect.attempts == 0 and logged.prospect.attempts == 1


async def test_a_sprint_decodes_only_the_prospects_it_shows(
    app: ProspectApp, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """120 prospects in the workspace: starting a sprint and logging calls reads whole
    records only for the card and the queue beside it (a big list costs what a small one does)."""
    decoded: list[int] = []
    real = Prospect.from_doc.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Prospect], record_id: int, doc: dict[str, object]) -> Prospect:
        decoded.append(record_id)
        return real(cls, record_id, doc)  # type: ignore[no-any-return]

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Prospect, "from_doc", classmethod(counting))
        screen = await start_sprint(pilot)
        for key in "1247":
            await pilot.press(key)
            await settle(pilot)
        assert screen.session.tally().dials == 4
        shown = {screen.session.card.prospect.id} if screen.session.card else set()
        shown |= {p.id for p in screen.session.upcoming(8)}
        shown |= {entry.call.prospect_id for entry in screen.session.logged}
    assert services.repository.count_prospects() == 120
    assert 0 < len(set(decoded)) <= len(shown) + 10, sorted(set(decoded))
