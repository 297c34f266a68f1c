"""What a sprint asks once a call is logged: who answered a gatekeeper call, when a
meeting is. The call is logged at the key; the answer amends it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input, Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.config import Config, SprintSettings
from prospect_tui.core.model import Call, FollowUp
from prospect_tui.dialogs.meeting import MeetingDialog
from prospect_tui.dialogs.who_answered import WhoAnsweredDialog
from prospect_tui.locations import Locations
from prospect_tui.screens.break_time import BreakScreen
from prospect_tui.screens.sprint import SprintScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.widgets.key_bar import KeyBar
from tests.app.conftest import FakeNotifier
from tests.app.test_sprint_agreement import prospect as run_prospect
from tests.conftest import settle, start_sprint

HOSTILE = "[b]x[/b] $(rm -rf ~)"
EVERY_OUTCOME_KEY = "12345678nvgxbmwd"


@pytest.fixture
def services(sprint_home: Path, clock: ManualClock) -> Iterator[Services]:
    opened = open_services(
        Locations(sprint_home, sprint_home),
        clock=clock,
        config=Config(sprint=SprintSettings(minutes=1)),
    )
    yield opened
    close_services(opened)


@pytest.fixture
def app(services: Services) -> ProspectApp:
    return make_app(services, notifier=FakeNotifier())


def _calls(services: Services, screen: SprintScreen) -> list[Call]:
    return services.repository.calls_of_sprint(screen.session.sprint)


def _followup_of(services: Services, call: Call) -> FollowUp:
    (followup,) = [f for f in services.repository.followups() if f.call_id == call.id]
    return followup


def _stats(screen: SprintScreen) -> str:
    return str(screen.query_one("#sprint-stats", Static).render())


async def test_gatekeeper_is_logged_at_the_key_and_who_answered_amends_it(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        first = screen.session.card
        assert first is not None
        await pilot.press("3")
        assert isinstance(app.screen, WhoAnsweredDialog)
        # Logged, on disk and counted, with the next prospect on the card behind the question.
        (call,) = _calls(services, screen)
        assert call.outcome == "gatekeeper" and call.gatekeeper == ""
        assert screen.session.card is not None and screen.session.card is not first
        assert "Dials 1" in _stats(screen)
        # A reader beside the app (what is on disk after a kill -9) sees the call already.
        exported = json.loads(run_prospect("export", "calls", "--format", "json"))
        assert [c["gatekeeper"] for c in exported if c["id"] == call.id] == [""]

        await pilot.press(*HOSTILE, "enter")
        await settle(pilot)
        assert app.screen is screen
        (call,) = _calls(services, screen)
        assert call.gatekeeper == HOSTILE, "typed text is data, never markup or a command"
        assert f"gatekeeper ({HOSTILE})" in _stats(screen)
        exported = json.loads(run_prospect("export", "calls", "--format", "json"))
        assert [c["gatekeeper"] for c in exported if c["id"] == call.id] == [HOSTILE]


async def test_the_footer_shows_the_sprints_keys_again_once_the_question_is_answered(
    app: ProspectApp,
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("1", "3")
        await settle(pilot)
        assert isinstance(app.screen, WhoAnsweredDialog)
        assert "Skip" not in str(screen.query_one(KeyBar).render()), "no sprint key works now"
        await pilot.press("escape")
        await settle(pilot)
        footer = str(screen.query_one(KeyBar).render())
        assert "Skip" in footer and "Undo" in footer


@pytest.mark.parametrize("dismiss", [("enter",), ("escape",), ("space", "space", "enter")])
async def test_who_answered_is_skipped_by_enter_on_nothing_or_escape(
    app: ProspectApp, services: Services, dismiss: tuple[str, ...]
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("g", *dismiss)
        await settle(pilot)
        assert app.screen is screen
        (call,) = _calls(services, screen)
        assert call.outcome == "gatekeeper" and call.gatekeeper == ""
        await pilot.press("1")  # the sprint takes outcome keys again
        await settle(pilot)
        assert [c.outcome for c in _calls(services, screen)] == ["gatekeeper", "no_answer"]


@pytest.mark.parametrize("outcome_key", ["3", "6"])
async def test_outcome_keys_typed_into_a_question_never_log_a_call(
    app: ProspectApp, services: Services, outcome_key: str
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        on_card = screen.session.card
        await pilot.press(outcome_key)
        after = screen.session.card
        assert after is not on_card
        await pilot.press(*EVERY_OUTCOME_KEY, "s", "u", "e", "p", "c")
        await settle(pilot)
        assert app.screen is not screen, "the question is still up"
        assert len(_calls(services, screen)) == 1
        assert screen.session.card is after, "nothing was skipped or undone below"
        assert screen.session.sprint.paused_at is None


@pytest.mark.parametrize("outcome_id", ["gatekeeper", "meeting"])
async def test_in_the_moment_before_the_question_is_drawn_the_sprint_takes_no_key(
    app: ProspectApp, services: Services, outcome_id: str
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        screen.action_log(outcome_id)
        # The next prospect is drawn first; the question is not on screen yet.
        assert app.screen is screen and screen.session.card is not None
        for action, parameters in [("log", ("no_answer",)), ("skip", ()), ("undo", ())]:
            assert screen.check_action(action, parameters) is False
        assert screen.check_action("pause", ()) is False
        assert screen.check_action("abandon", ()) is False
        screen.action_abandon()  # ctrl+q reaches it from the app: it waits too
        await settle(pilot)
        assert isinstance(app.screen, WhoAnsweredDialog | MeetingDialog)
        assert len(_calls(services, screen)) == 1


async def test_a_meeting_asks_its_time_on_their_clock_and_a_note(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        assert screen.session.card is not None
        booked = screen.session.card.prospect
        await pilot.press("6")
        dialog = app.screen
        assert isinstance(dialog, MeetingDialog)
        (call,) = _calls(services, screen)
        assert call.outcome == "meeting"
        assert _followup_of(services, call).due_at == call.ended_at, "due now until it has a time"

        await pilot.press(*"tomorrow 10am")
        await pilot.pause()
        echo = str(dialog.query_one("#callback-echo", Static).render())
        assert "their time" in echo and "yours" in echo
        await pilot.press("enter")  # to the note
        await pilot.pause()
        assert app.screen is dialog and dialog.focused is dialog.query_one("#meeting-note", Input)
        await pilot.press(*HOSTILE, "enter")
        await settle(pilot)
        assert app.screen is screen

        followup = _followup_of(services, call)
        assert booked.timezone is not None
        there = ZoneInfo(booked.timezone)
        due = followup.due_at
        assert due is not None
        assert (due.astimezone(there).hour, due.astimezone(there).minute) == (10, 0)
        assert due.astimezone(there).date() == clock.now().astimezone(there).date() + timedelta(1)
        assert followup.note == HOSTILE and followup.kind == "meeting"
        assert "Meetings 1" in _stats(screen) and "meeting " in _stats(screen)


async def test_a_meeting_time_that_does_not_read_is_not_saved_and_keeps_what_was_typed(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("m", *"someday", "enter", "enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MeetingDialog)
        assert dialog.when_typed == "someday"
        (call,) = _calls(services, screen)
        assert _followup_of(services, call).due_at == call.ended_at


async def test_escape_keeps_the_meeting_due_now_with_its_note(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("6", *"fri 14:00", "tab", *"bring the CFO", "escape")
        await settle(pilot)
        assert app.screen is screen
        (call,) = _calls(services, screen)
        assert call.outcome == "meeting"
        followup = _followup_of(services, call)
        assert followup.due_at == call.ended_at, "no time given: due now, in the follow-up list"
        assert followup.note == "bring the CFO"
        assert followup.done_at is None


async def test_undo_after_a_meeting_moved_to_next_month_takes_its_followup_too(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("6", *"2026-12-03 9:30", "enter", "enter")
        await settle(pilot)
        (call,) = _calls(services, screen)
        assert _followup_of(services, call).due_at.month == 12  # type: ignore[union-attr]
        await pilot.press("u")
        await settle(pilot)
        assert _calls(services, screen) == []
        assert [f for f in services.repository.followups() if f.call_id == call.id] == []


@pytest.mark.parametrize(
    ("outcome_key", "typed", "answer"),
    [("3", tuple("Sam"), "Sam"), ("6", tuple("tue 14:00"), "tue 14:00")],
)
async def test_the_sprints_end_waits_for_a_question_open_at_00_00(
    app: ProspectApp,
    services: Services,
    clock: ManualClock,
    outcome_key: str,
    typed: tuple[str, ...],
    answer: str,
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("1")
        clock.advance(minutes=1, seconds=10)
        screen.tick()
        await settle(pilot)
        assert screen.session.card is not None, "the last call, on the card at 00:00"
        await pilot.press(outcome_key, *typed)  # closes the last call, then a question
        clock.advance(seconds=30)
        screen.tick()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, WhoAnsweredDialog | MeetingDialog), "not taken away"
        assert dialog.query_one(Input).value == answer, "what was typed is still there"
        assert services.repository.running_sprint() is not None

        if outcome_key == "6":
            await pilot.press("enter")  # to the note
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BreakScreen)
        calls = _calls(services, screen)
        assert [c.outcome for c in calls] == ["no_answer", screen.session.logged[-1].call.outcome]
        if outcome_key == "3":
            assert calls[-1].gatekeeper == "Sam"
        else:
            due = _followup_of(services, calls[-1]).due_at
            assert due is not None and due > calls[-1].ended_at, "the meeting has its time"
        sprint = services.repository.sprint(screen.session.sprint.id)
        assert sprint is not None and sprint.ended_at == calls[-1].ended_at, (
            "the sprint ended when its last call did, not when the question was answered"
        )


async def test_a_question_open_when_the_time_runs_out_leaves_the_next_card_as_the_last_call(
    app: ProspectApp, services: Services, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("3", *"Pat")
        clock.advance(minutes=2)
        screen.tick()
        await settle(pilot)
        assert isinstance(app.screen, WhoAnsweredDialog)
        assert app.screen.query_one(Input).value == "Pat"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.session.card is not None
        assert "Time's up" in str(screen.query_one("#countdown-state", Static).render())
        (call,) = _calls(services, screen)
        assert call.gatekeeper == "Pat"


def burst(app: ProspectApp, *keys: str) -> None:
    """Keys as a fast typist sends them: all queued before the app handles the first."""
    from textual import events

    for key in keys:
        char = {"enter": "\r"}.get(key, key if len(key) == 1 else None)
        app._driver.send_message(events.Key(key, char))  # type: ignore[union-attr]


async def test_enter_twice_in_who_answered_keeps_the_sprint_on_screen(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("3")
        assert isinstance(app.screen, WhoAnsweredDialog)
        await pilot.press(*"Sam")
        burst(app, "enter", "enter")
        await settle(pilot)
        assert app.screen is screen, "the second enter must not pop the sprint"
        assert not screen.ended
        (call,) = _calls(services, screen)
        assert call.gatekeeper == "Sam"


async def test_keys_typed_right_after_the_answer_do_not_amend_it(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("3")
        await pilot.press(*"ab")
        burst(app, "enter", "2")
        await settle(pilot)
        assert app.screen is screen
        calls = _calls(services, screen)
        assert calls[0].gatekeeper == "ab"  # not "ab2": the answer was given at enter


async def test_enter_twice_on_the_meeting_note_keeps_the_sprint_on_screen(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("6")
        assert isinstance(app.screen, MeetingDialog)
        await pilot.press(*"tomorrow 9am", "enter", "x")
        burst(app, "enter", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert not screen.ended
        (call,) = _calls(services, screen)
        assert _followup_of(services, call).note == "x"


async def test_escape_on_the_note_keeps_a_time_confirmed_with_enter(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("6", *"fri 14:00", "enter", *"agenda", "escape")
        await settle(pilot)
        assert app.screen is screen
        (call,) = _calls(services, screen)
        followup = _followup_of(services, call)
        assert followup.due_at is not None and followup.due_at != call.ended_at
        prospect = services.repository.prospect(call.prospect_id)
        assert prospect is not None and prospect.timezone
        their = followup.due_at.astimezone(ZoneInfo(prospect.timezone))
        assert (their.strftime("%a"), their.hour, their.minute) == ("Fri", 14, 0)
        assert followup.note == "agenda"


@pytest.mark.parametrize("outcome", ["3", "5"])
async def test_an_escape_typed_with_the_enter_never_reaches_the_sprint(
    app: ProspectApp, services: Services, outcome: str
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press(outcome)
        await settle(pilot)
        await pilot.press(*("gk" if outcome == "3" else "fri 9:00"))
        burst(app, "enter", "escape")
        await settle(pilot)
        assert app.screen is screen, "no abandon question: the escape went with the answer"
        assert not screen.ended
        (call,) = _calls(services, screen)
        assert call.outcome == {"3": "gatekeeper", "5": "callback"}[outcome]
