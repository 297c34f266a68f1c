"""The end of a sprint, driven with Pilot: the last call, keys across screens, failed writes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Digits, Static

from prospect_tui.app import ProspectApp, make_app, take_a_break
from prospect_tui.core.clock import ManualClock, shift
from prospect_tui.core.config import Config, SprintSettings
from prospect_tui.core.model import Prospect, SprintStatus
from prospect_tui.dialogs.callback import CallbackDialog
from prospect_tui.dialogs.error import ErrorDialog
from prospect_tui.dialogs.nobody_to_call import NobodyToCallDialog
from prospect_tui.dialogs.who_answered import WhoAnsweredDialog
from prospect_tui.key_guard import KEY_GUARD
from prospect_tui.locations import Locations
from prospect_tui.sample.data import sample_config_toml
from prospect_tui.screens.break_time import BreakScreen
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.prospects import ProspectsScreen
from prospect_tui.screens.sprint import SprintScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.store.errors import StoreWriteFailed
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from prospect_tui.widgets.key_bar import KeyBar
from tests.app.conftest import FakeNotifier, fake_notifier
from tests.conftest import settle, start_sprint

ONE_MINUTE = Config(sprint=SprintSettings(minutes=1))


def _app(services: Services) -> ProspectApp:
    return make_app(services, notifier=FakeNotifier())


@pytest.fixture
def services(sprint_home: Path, clock: ManualClock) -> Iterator[Services]:
    opened = open_services(Locations(sprint_home, sprint_home), clock=clock, config=ONE_MINUTE)
    yield opened
    close_services(opened)


@pytest.fixture
def app(services: Services) -> ProspectApp:
    return _app(services)


def _text(app: ProspectApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _disk_full(*_: object) -> None:
    raise StoreWriteFailed(Path("activity.json"), OSError(28, "No space left on device"))


async def test_a_key_pressed_past_00_00_logs_the_call_on_the_card(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("1")
        on_the_phone = screen.session.card
        assert on_the_phone is not None
        clock.advance(minutes=1, seconds=20)  # still talking, well past 00:00
        screen.tick()
        await settle(pilot)
        assert app.screen is screen, "the sprint waits for the last outcome"
        assert screen.session.card is on_the_phone
        assert str(screen.query_one(Digits).value) == "00:00"
        assert "Time's up — log this call" in _text(app, "#countdown-state")
        assert fake_notifier(app).bells == 1
        assert screen.check_action("pause", ()) is False

        await pilot.press("6", "escape")  # a meeting, its time not given yet
        await settle(pilot)
        calls = services.repository.calls_of_sprint(screen.session.sprint)
        assert [c.outcome for c in calls] == ["no_answer", "meeting"]
        assert calls[-1].prospect_id == on_the_phone.prospect.id
        assert isinstance(app.screen, BreakScreen)
        assert "Sprint complete." in _text(app, "#break-summary")
        assert "2 dials" in _text(app, "#break-summary")
        sprint = services.repository.sprint(screen.session.sprint.id)
        assert sprint is not None and sprint.status is SprintStatus.COMPLETED
        assert sprint.ended_at == clock.now(), "the call made past 00:00 is calling time"
        assert fake_notifier(app).bells == 1, "the bell rang at 00:00, not again"


async def test_a_callback_dialog_open_at_00_00_still_logs_the_call(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        assert screen.session.card is not None
        prospect = screen.session.card.prospect
        await pilot.press("5")
        assert isinstance(app.screen, CallbackDialog)
        clock.advance(minutes=1, seconds=5)
        screen.tick()
        await settle(pilot)
        assert isinstance(app.screen, CallbackDialog), "the dialog is not taken away"
        await pilot.press(*"in 2 hours", "enter")
        await settle(pilot)
        (call,) = services.repository.calls_of_sprint(screen.session.sprint)
        assert call.prospect_id == prospect.id and call.outcome == "callback"
        assert isinstance(app.screen, BreakScreen)
        assert isinstance(app.screen_stack[-2], HomeScreen), "nothing is left behind the break"


async def test_a_stream_of_n_across_00_00_logs_only_the_cards_on_screen_and_starts_nothing(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        sprint_id = screen.session.sprint.id
        started = services.repository.sprints_started_on(screen.session.sprint.local_date)
        clock.advance(seconds=58)
        shown = []
        for _ in range(25):  # ten seconds of "n" every 0.4 s, from 00:02 on
            if app.screen is screen:
                screen.tick()
                assert screen.session.card is not None
                shown.append(screen.session.card.prospect.id)
            await pilot.press("n")
            await settle(pilot)
            clock.advance(seconds=0.4)
            if isinstance(app.screen, BreakScreen):
                app.screen.tick()
        assert isinstance(app.screen, BreakScreen), "no new sprint was started"
        day = screen.session.sprint.local_date
        assert services.repository.sprints_started_on(day) == started
        assert services.repository.running_sprint() is None
        calls = services.repository.calls_of_sprint(screen.session.sprint)
        assert [c.prospect_id for c in calls] == shown
        assert len(shown) == 6  # 00:02, 01.6, 01.2, 00.8, 00.4, then the last call at 00:00
        today = services.repository.calls_on(day)
        assert [c for c in today if c.sprint_id == sprint_id] == calls
        assert not [
            c
            for c in today
            if c.started_at >= screen.session.sprint.started_at and c.sprint_id != sprint_id
        ]


async def test_keys_in_the_first_moment_of_the_break_are_dropped(
    app: ProspectApp, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        clock.advance(minutes=1)
        screen.tick()
        await pilot.press("1")
        await settle(pilot)
        brk = app.screen
        assert isinstance(brk, BreakScreen)
        assert "enter" in _text(app, "#break-advice")
        await pilot.press("enter")  # meant for the callback dialog, a moment late
        await settle(pilot)
        assert app.screen is brk
        clock.advance(seconds=KEY_GUARD.total_seconds() / 2)
        await pilot.press("enter")  # held: the guard stays up while keys keep coming
        await settle(pilot)
        assert app.screen is brk
        clock.advance(seconds=KEY_GUARD.total_seconds() + 0.1)
        await pilot.press("enter")  # a deliberate key, after a pause
        await settle(pilot)
        assert isinstance(app.screen, SprintScreen)


def _one_read(app: ProspectApp, *keys: str) -> None:
    """``keys`` as the terminal delivers them when they come in one read (typed together,
    pasted): all queued at once, before any of them is handled. ``pilot.press`` lets the
    app settle between keys, which a real terminal does not."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, "\r" if key == "enter" else key)
        event.set_sender(app)
        driver.send_message(event)


async def test_enter_in_the_same_read_as_the_last_call_does_not_start_the_next_sprint(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        day = screen.session.sprint.local_date
        started = services.repository.sprints_started_on(day)
        clock.advance(minutes=1)
        screen.tick()
        await settle(pilot)
        _one_read(app, "1", "enter")  # the clock does not move: the guard cannot tell them apart
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, BreakScreen), "the break is shown, not skipped"
        assert services.repository.sprints_started_on(day) == started
        assert services.repository.running_sprint() is None
        (call,) = services.repository.calls_of_sprint(screen.session.sprint)
        assert call.outcome == "no_answer"


async def test_enter_in_the_same_read_as_gatekeeper_leaves_the_question_to_the_user(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        day = screen.session.sprint.local_date
        started = services.repository.sprints_started_on(day)
        clock.advance(minutes=1)
        screen.tick()
        await settle(pilot)
        _one_read(app, "3", "enter")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, WhoAnsweredDialog), "the enter does not answer it"
        screen.tick()  # the sprint waits for the answer: nothing failed to be saved
        await settle(pilot)
        assert "Not saved" not in str(screen.query_one("#countdown-state", Static).render())
        (call,) = services.repository.calls_of_sprint(screen.session.sprint)
        assert call.outcome == "gatekeeper" and not call.gatekeeper
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BreakScreen)
        assert services.repository.sprints_started_on(day) == started


async def test_auto_next_does_not_let_a_held_key_log_calls_in_the_next_sprint(
    sprint_home: Path, clock: ManualClock
) -> None:
    config = Config(sprint=SprintSettings(minutes=1, auto_next=True))
    services = open_services(Locations(sprint_home, sprint_home), clock=clock, config=config)
    try:
        app = _app(services)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await start_sprint(pilot)
            clock.advance(minutes=1)
            screen.tick()
            await pilot.press("1")
            await settle(pilot)
            brk = app.screen
            assert isinstance(brk, BreakScreen)
            clock.advance(minutes=5)
            brk.tick()
            await settle(pilot)
            following = app.screen
            assert isinstance(following, SprintScreen) and following is not screen
            for _ in range(5):  # a key held down: 30 repeats a second
                await pilot.press("n")
                clock.advance(seconds=0.033)
            await settle(pilot)
            assert services.repository.calls_of_sprint(following.session.sprint) == []
            clock.advance(seconds=1)  # let go, then a deliberate key
            await pilot.press("n")
            await settle(pilot)
            assert len(services.repository.calls_of_sprint(following.session.sprint)) == 1
    finally:
        close_services(services)


async def test_a_failed_end_write_keeps_the_sprint_running_under_the_error(
    app: ProspectApp, services: Services, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("1")
        clock.advance(seconds=20)
        monkeypatch.setattr(services.repository, "finish_sprint", _disk_full)
        await pilot.press("escape")
        await pilot.press("down", "down", "down", "enter")  # "Got distracted"
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog), "the error stays in front of the user"
        assert "No space left" in app.screen.message
        assert app.screen_stack[-2] is screen and not screen.ended
        running = services.repository.running_sprint()
        assert running is not None and running.id == screen.session.sprint.id
        assert screen.session.sprint.status is SprintStatus.RUNNING

        clock.advance(seconds=1)
        await pilot.press("enter")  # OK
        await settle(pilot)
        assert app.screen is screen
        monkeypatch.undo()
        await pilot.press("escape")
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        sprint = services.repository.sprint(screen.session.sprint.id)
        assert sprint is not None and sprint.status is SprintStatus.ABANDONED


async def test_a_failed_end_write_at_time_up_is_retried_with_c(
    app: ProspectApp, services: Services, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        clock.advance(minutes=1)
        screen.tick()
        monkeypatch.setattr(services.repository, "finish_sprint", _disk_full)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        last_call_ended = clock.now()
        clock.advance(seconds=31)
        screen.tick()  # the clock does not retry behind the user's back, nor look for callers
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert "press c to retry" in _text(app, "#countdown-state")
        assert services.repository.running_sprint() is not None
        monkeypatch.undo()
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, BreakScreen)
        sprint = services.repository.sprint(screen.session.sprint.id)
        assert sprint is not None and sprint.status is SprintStatus.COMPLETED
        assert sprint.ended_at == last_call_ended
        assert len(services.repository.calls_of_sprint(sprint)) == 1


async def test_an_undo_that_could_not_be_saved_is_not_shown(
    app: ProspectApp, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("2")
        following = screen.session.card
        monkeypatch.setattr(services.repository, "undo_call", _disk_full)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert screen.session.card is following and screen.session.tally().dials == 1
        assert "Dials 1" in str(screen.query_one("#sprint-stats", Static).render())
        assert len(services.repository.calls_of_sprint(screen.session.sprint)) == 1
        monkeypatch.undo()
        services.clock.advance(seconds=1)  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.press("u")  # and it can be tried again
        await settle(pilot)
        assert screen.session.tally().dials == 0
        assert services.repository.calls_of_sprint(screen.session.sprint) == []


async def test_a_pause_that_could_not_be_saved_is_not_shown(
    app: ProspectApp, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        monkeypatch.setattr(services.repository, "save_sprint", _disk_full)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert screen.session.sprint.paused_at is None
        assert not screen.session.is_paused(services.clock.now())


async def test_a_clock_set_back_mid_sprint_does_not_stretch_the_countdown(
    sprint_home: Path, clock: ManualClock
) -> None:
    services = open_services(Locations(sprint_home, sprint_home), clock=clock)
    try:
        app = _app(services)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await start_sprint(pilot)
            clock.advance(minutes=10)
            screen.tick()
            assert str(screen.query_one(Digits).value) == "15:00"
            clock.set(shift(clock.now(), -timedelta(hours=2)))
            screen.tick()
            assert str(screen.query_one(Digits).value) == "15:00"
            clock.advance(seconds=30)
            screen.tick()
            assert str(screen.query_one(Digits).value) == "14:30"
            await pilot.press("1")  # keys are not held up by the jump
            assert screen.session.tally().dials == 1
    finally:
        close_services(services)


def _only_far_away(home: Path, zone: str, phone: str) -> None:
    with Workspace.open(home, write=True) as workspace:
        Repository(workspace).save_prospects(
            [Prospect(first_name=f"Far{n}", phone=f"{phone}{n}", timezone=zone) for n in range(3)]
        )


async def test_s_with_nobody_callable_starts_no_sprint_and_says_who_is_callable_when(
    home: Path, clock: ManualClock
) -> None:
    _only_far_away(home, "Australia/Sydney", "+61255501")  # 01:30 in Sydney
    services = open_services(Locations(home, home), clock=clock)
    try:
        app = _app(services)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("s")
            await settle(pilot)
            assert isinstance(app.screen, NobodyToCallDialog)
            why = _text(app, "#nobody-why")
            assert "08:00 their time" in why and "in 6h30m" in why
            assert services.repository.running_sprint() is None
            assert services.repository.sprints_started_on(clock.now().date()) == 0
            await pilot.press("p")
            await settle(pilot)
            assert isinstance(app.screen, ProspectsScreen)
    finally:
        close_services(services)


async def test_c_with_no_dials_is_not_completed(home: Path, clock: ManualClock) -> None:
    # 20:40 in Dhaka: callable now, and the window closes mid-sprint.
    clock.set(datetime(2026, 11, 19, 14, 40, tzinfo=UTC))
    _only_far_away(home, "Asia/Dhaka", "+88029660000")
    services = open_services(Locations(home, home), clock=clock)
    try:
        app = _app(services)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await start_sprint(pilot)
            assert screen.check_action("complete", ()) is False, "a prospect is on the card"
            clock.advance(minutes=21)
            await pilot.press("s", "s", "s")  # nobody left inside their window
            await settle(pilot)
            assert screen.session.card is None
            await pilot.press("c")
            await settle(pilot)
            assert isinstance(app.screen, BreakScreen)
            assert "does not count" in _text(app, "#break-summary")
            sent = fake_notifier(app).sent
            assert sent[-1][0] == "Sprint over"
            sprint = services.repository.sprint(screen.session.sprint.id)
            assert sprint is not None and sprint.status is SprintStatus.ABANDONED
            assert (sprint.reason, sprint.reason_kind) == ("no_dials", "discipline")
            assert services.repository.sprints_completed_on(sprint.local_date) == 0
    finally:
        close_services(services)


async def test_with_nobody_left_to_call_only_the_keys_that_can_act_show(
    home: Path, clock: ManualClock
) -> None:
    clock.set(datetime(2026, 11, 19, 14, 40, tzinfo=UTC))  # 20:40 in Dhaka
    _only_far_away(home, "Asia/Dhaka", "+88029660000")
    (home / "config.toml").write_text(sample_config_toml(), encoding="utf-8")  # openers too
    services = open_services(Locations(home, home), clock=clock)
    try:
        app = _app(services)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await start_sprint(pilot)
            assert "1 No answer" in _text(app, "#outcome-keys")
            assert "Objections · o" in str(app.screen.query_one("#objections").border_title)
            clock.advance(minutes=21)  # their window closes: nobody is left to call
            await pilot.press("1", "s", "s")
            await settle(pilot)
            assert screen.session.card is None
            legend = _text(app, "#outcome-keys")
            assert "No answer" not in legend and "Callback" not in legend, legend
            assert "Nobody to call" in legend and "c" in legend
            footer = str(app.screen.query_one(KeyBar).render())
            for key in ("Skip", "Notes", "Objection", "Dial"):
                assert key not in footer, footer
            assert "c End sprint" in footer and "u Undo" in footer
            assert app.screen.query_one("#objections").border_title == "Objections"
            assert "No openers configured" not in _text(app, "#script"), "they are"

            await pilot.press("u")  # the call comes back on the card, and its keys with it
            await settle(pilot)
            assert screen.session.card is not None
            assert "1 No answer" in _text(app, "#outcome-keys")
            assert "Objections · o" in str(app.screen.query_one("#objections").border_title)
    finally:
        close_services(services)


@pytest.mark.parametrize(
    ("minutes", "said"),
    [(5, "Take 5 minutes."), (1, "Take 1 minute."), (0, "No break is planned.")],
)
def test_the_sprint_end_notification_says_the_break_as_a_person_would(
    minutes: int, said: str
) -> None:
    assert take_a_break(minutes) == said
