"""Research and follow-up sessions: timed as their category, closed follow-ups stored."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.categories import Category
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Call, FollowUp, Prospect, Status, TimeEntry
from prospect_tui.dialogs.reschedule import RescheduleDialog
from prospect_tui.locations import Locations
from prospect_tui.screens.follow_up import FollowUpScreen
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.research import ResearchScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.app.conftest import FakeNotifier
from tests.conftest import FROZEN, PARIS, settle

TODAY = date(2026, 11, 19)
RESEARCH_BLOCK = """\
[[blocks]]
category = "research"
days = ["thu"]
start = "08:00"
minutes = 30
"""


def text_of(app: ProspectApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def research_seconds(services: Services, day: date = TODAY) -> float:
    entries = services.repository.time_entries_on(day)
    return sum(e.seconds for e in entries if e.category is Category.RESEARCH)


# -- research --------------------------------------------------------------------------


async def test_research_is_the_prospects_screen_timed_as_research(
    sample_services: Services, clock: ManualClock
) -> None:
    before = research_seconds(sample_services)
    app = make_app(sample_services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ResearchScreen)
        assert screen.roster is not None and screen.roster.prospects, "the prospects are listed"
        clock.advance(minutes=12, seconds=5)
        screen.tick_session()
        bar = text_of(app, "#session-bar")
        assert "Research session  12:05" in bar
        spent = int((before + 12 * 60 + 5) // 60)
        assert f"Today {spent} min · none planned today   h ends it" in bar
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert research_seconds(sample_services) - before == 12 * 60 + 5


async def test_escape_from_the_list_ends_research_and_h_in_the_search_box_is_text(
    sample_services: Services, clock: ManualClock
) -> None:
    before = research_seconds(sample_services)
    app = make_app(sample_services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("slash", "h")
        await settle(pilot)
        assert isinstance(app.screen, ResearchScreen), "h typed into the search is text"
        clock.advance(minutes=3)
        await pilot.press("escape")  # back to the list
        await pilot.press("escape")  # leaves: the session ends
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        clock.advance(minutes=30)  # time after the session is not research
    assert research_seconds(sample_services) - before == 3 * 60


async def test_running_over_the_research_plan_is_called_out(home: Path, clock: ManualClock) -> None:
    sample_home = home
    with Workspace.open(sample_home, write=True) as opened:
        Repository(opened).save_prospect(Prospect(first_name="Zed", phone="+442071234567"))
        Repository(opened).save_time_entry(
            TimeEntry(
                category=Category.RESEARCH,
                started_at=FROZEN - timedelta(hours=6),
                ended_at=FROZEN - timedelta(hours=5, minutes=35),
                seconds=25 * 60,
                local_date=TODAY,
            )
        )
    (sample_home / "config.toml").write_text(RESEARCH_BLOCK, encoding="utf-8")
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, ResearchScreen)
            assert "Today 25 of 30 min planned" in text_of(app, "#session-bar")
            assert "over plan" not in text_of(app, "#session-bar")
            clock.advance(minutes=17)
            screen.tick_session()
            bar = text_of(app, "#session-bar")
            assert "Today 42 of 30 min planned" in bar
            assert "Research is where calls hide — 12 min over plan." in bar
    finally:
        close_services(services)


async def test_a_session_across_midnight_lands_on_both_days(
    sample_home: Path, clock: ManualClock
) -> None:
    clock.set(datetime(2026, 11, 19, 23, 50, tzinfo=PARIS))
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            before = research_seconds(services), research_seconds(services, TODAY + timedelta(1))
            await pilot.press("r")
            await settle(pilot)
            clock.advance(minutes=25)
            await pilot.press("h")
            await settle(pilot)
        after = research_seconds(services), research_seconds(services, TODAY + timedelta(1))
        assert (after[0] - before[0], after[1] - before[1]) == (600, 900)
    finally:
        close_services(services)


CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import datetime
    from pathlib import Path
    from prospect_tui.app import make_app
    from prospect_tui.services import open_services
    from prospect_tui.core.clock import ManualClock
    from prospect_tui.locations import Locations

    home = Path(sys.argv[1])
    clock = ManualClock(datetime.fromisoformat(sys.argv[2]))
    app = make_app(open_services(Locations(home, home), clock=clock))

    def say(*words):
        # Straight to the pipe: while an app runs, Textual captures print() and does not
        # pass its flush on, so without PYTHONUNBUFFERED the parent would wait forever.
        sys.__stdout__.write(" ".join(map(str, words)) + "\\n")
        sys.__stdout__.flush()

    async def researching():
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.press("r")
            await pilot.pause()
            await app.workers.wait_for_complete()
            for _ in range(20):  # ten minutes, the clock ticking as it would
                clock.advance(seconds=30)
                app.screen.tick_session()
            clock.advance(seconds=29)  # not yet a checkpoint: this is what a crash loses
            app.screen.tick_session()
            say("researching")
            await asyncio.Event().wait()  # stay up until the parent kills us

    asyncio.run(researching())
    """
)


def test_kill_9_mid_research_loses_less_than_a_minute(
    sample_home: Path, clock: ManualClock
) -> None:
    with Workspace.open(sample_home) as opened:
        before = sum(
            e.seconds
            for e in Repository(opened).time_entries_on(TODAY)
            if e.category is Category.RESEARCH
        )
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(sample_home), FROZEN.isoformat()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert line.strip() == "researching", child.stderr.read() if child.stderr else ""
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        assert research_seconds(services) - before == 10 * 60  # 29 s lost, no more
    finally:
        close_services(services)


# -- follow-up ----------------------------------------------------------------------------


HOSTILE = "[b]x[/b] $(rm -rf ~)"


@pytest.fixture
def follow_home(home: Path, clock: ManualClock) -> Path:
    """Three prospects with follow-ups: one overdue callback, one due meeting, one tomorrow."""
    now = clock.now()
    with Workspace.open(home, write=True) as opened:
        repository = Repository(opened)
        people = [
            Prospect(
                first_name="Ada",
                last_name="Byron",
                company="Engines",
                phone="+442071234567",
                timezone="Europe/London",
                status=Status.CALLBACK,
                next_action_at=now - timedelta(hours=2),
            ),
            Prospect(
                first_name=HOSTILE,
                company="Hostile Ltd",
                phone="+61255501234",
                timezone="Australia/Sydney",
                status=Status.MEETING,
            ),
            Prospect(
                first_name="Carl",
                company="Later Inc",
                phone="+12125550123",
                timezone="America/New_York",
                status=Status.CALLBACK,
                next_action_at=now + timedelta(days=1),
            ),
        ]
        repository.save_prospects(people)
        ada, hostile, carl = people
        first = repository.log_call(
            Call(
                prospect_id=ada.id,
                started_at=now - timedelta(days=1),
                ended_at=now - timedelta(days=1, seconds=-60),
                outcome="callback",
                notes="Asked for pricing [red]now[/red]",
                local_date=TODAY - timedelta(1),
                callback_at=now - timedelta(hours=2),
            ),
            ada,
            FollowUp(
                prospect_id=ada.id,
                kind="callback",
                who=ada.name,
                due_at=now - timedelta(hours=2),
                created_at=now - timedelta(days=1),
            ),
        )
        assert first.id
        repository.save_followup(
            FollowUp(
                prospect_id=hostile.id,
                kind="meeting",
                who=hostile.name,
                note="Bring the [b]ROI[/b] deck",
                created_at=now - timedelta(hours=1),
            )
        )
        repository.save_followup(
            FollowUp(
                prospect_id=carl.id,
                kind="callback",
                who=carl.name,
                due_at=now + timedelta(days=1),
                created_at=now - timedelta(days=2),
            )
        )
    return home


@pytest.fixture
def follow_services(follow_home: Path, clock: ManualClock) -> Services:
    services = open_services(Locations(follow_home, follow_home), clock=clock)
    yield services  # type: ignore[misc]
    close_services(services)


async def open_follow_up(app: ProspectApp, pilot) -> FollowUpScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("f")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, FollowUpScreen)
    return screen


async def test_due_follow_ups_are_listed_oldest_first_with_what_was_said(
    follow_services: Services,
) -> None:
    app = make_app(follow_services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_follow_up(app, pilot)
        assert [i.who for i in screen.items] == ["Ada Byron", HOSTILE]
        detail = text_of(app, "#follow-detail-text")
        assert "Asked for pricing [red]now[/red]" in detail, "notes are shown as written"
        assert "Their time: Thu 14:30 Europe/London" in detail
        assert "Callback due Thu 19 Nov 13:30 (2h 00m ago)" in detail
        assert "Note" not in detail  # a callback made without one
        await pilot.press("down")
        assert f"{HOSTILE}" in text_of(app, "#follow-detail-text")
        assert "Bring the [b]ROI[/b] deck" in text_of(app, "#follow-detail-text")
        assert "Their time: Fri 01:30 Australia/Sydney" in text_of(app, "#follow-detail-text")


async def test_closing_is_stored_and_settles_the_waiting_prospect(
    follow_services: Services, clock: ManualClock
) -> None:
    app = make_app(follow_services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_follow_up(app, pilot)
        await pilot.press("e")  # emailed Ada
        await settle(pilot)
        assert [i.who for i in screen.items] == [HOSTILE]
        await pilot.press("p")  # sent the meeting's proposal
        await settle(pilot)
        assert screen.items == []
        empty = text_of(app, "#follow-empty")
        assert (
            empty
            == "Nothing is due right now. Next: callback with Carl, Fri 20 Nov 15:30 (in 1d 0h)."
        )
    done = {f.who: f for f in follow_services.repository.followups() if f.done_at is not None}
    assert {who: f.resolution for who, f in done.items()} == {
        "Ada Byron": "emailed",
        HOSTILE: "proposal_sent",
    }
    assert all(f.done_at == clock.now() for f in done.values())
    ada = next(p for p in follow_services.repository.prospects() if p.first_name == "Ada")
    assert (ada.status, ada.next_action_at) == (Status.ATTEMPTED, None)


async def test_rescheduling_reads_the_time_on_their_clock(
    follow_services: Services, clock: ManualClock
) -> None:
    app = make_app(follow_services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_follow_up(app, pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RescheduleDialog)
        await pilot.press(*"tomorrow 9am", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert [i.who for i in screen.items] == [HOSTILE]
    followups = follow_services.repository.followups()
    ada_items = [f for f in followups if f.who == "Ada Byron"]
    assert [f.resolution for f in ada_items] == ["rescheduled", ""]
    again = ada_items[1]
    # 9:00 in London is 10:00 in Paris.
    assert again.due_at == datetime(2026, 11, 20, 10, 0, tzinfo=PARIS)
    assert again.done_at is None and again.call_id == ada_items[0].call_id
    ada = next(p for p in follow_services.repository.prospects() if p.first_name == "Ada")
    assert ada.next_action_at == again.due_at and ada.status is Status.CALLBACK


async def test_escape_in_the_reschedule_dialog_leaves_it_open(
    follow_services: Services, clock: ManualClock
) -> None:
    app = make_app(follow_services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_follow_up(app, pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and len(screen.items) == 2
        clock.advance(minutes=4)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert all(f.done_at is None for f in follow_services.repository.followups())
    minutes = [
        e.seconds
        for e in follow_services.repository.time_entries_on(TODAY)
        if e.category is Category.FOLLOW_UP
    ]
    assert minutes == [240]


async def test_with_nothing_open_the_screen_says_so(
    services: Services,
) -> None:
    services.repository.save_prospect(Prospect(first_name="Zed", phone="+442071234567"))
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_follow_up(app, pilot)
        assert screen.items == []
        assert "no callback or meeting is open" in text_of(app, "#follow-empty")
        await pilot.press("e", "p", "x")  # nothing to close: nothing happens
        assert app.screen is screen


async def test_a_follow_up_coming_due_while_the_screen_is_open_joins_the_list(
    services: Services, clock: ManualClock
) -> None:
    zed = services.repository.save_prospect(Prospect(first_name="Zed", phone="+442071234567"))
    now = clock.now()
    services.repository.save_followup(
        FollowUp(
            prospect_id=zed.id,
            kind="meeting",
            who="Zed",
            due_at=now + timedelta(minutes=2),
            created_at=now,
        )
    )
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_follow_up(app, pilot)
        assert screen.items == []
        assert "(in 2m" in text_of(app, "#follow-empty")
        clock.advance(minutes=1)
        screen.tick_session()
        await settle(pilot)
        assert "(in 1m" in text_of(app, "#follow-empty"), "the wait counts down"
        clock.advance(minutes=1, seconds=5)
        screen.tick_session()
        await settle(pilot)
        assert [i.who for i in screen.items] == ["Zed"]


REMAPS = """\
[keys]
research = "w"
follow_up = "y"
end_research = "f12"
close_emailed = "m"
close_rescheduled = "f5"
back_to_follow_ups = "f2"
end_follow_up = "f11"
cursor_down = "ctrl+n"
"""


async def test_key_remaps_reach_both_sessions(follow_home: Path, clock: ManualClock) -> None:
    (follow_home / "config.toml").write_text(REMAPS, encoding="utf-8")
    services = open_services(Locations(follow_home, follow_home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)
            assert isinstance(app.screen, ResearchScreen)
            assert "f12 ends it" in text_of(app, "#session-bar")
            await pilot.press("h")
            assert isinstance(app.screen, ResearchScreen), "h no longer ends research"
            await pilot.press("f12")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("y")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, FollowUpScreen)
            await pilot.press("ctrl+n", "f5")
            await settle(pilot)
            assert isinstance(app.screen, RescheduleDialog)
            await pilot.press("f2")
            await settle(pilot)
            assert app.screen is screen
            await pilot.press("m")  # emails the highlighted one: the second
            await settle(pilot)
            assert [i.who for i in screen.items] == ["Ada Byron"]
            await pilot.press("f11")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
    finally:
        close_services(services)


async def test_quitting_the_app_mid_research_records_the_session(
    sample_services: Services, clock: ManualClock
) -> None:
    before = research_seconds(sample_services)
    app = make_app(sample_services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        clock.advance(minutes=7)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert research_seconds(sample_services) - before == 7 * 60


async def test_a_clock_set_back_never_counts_a_minute_twice(
    services: Services, clock: ManualClock
) -> None:
    from prospect_tui.core.time_entries import overlapping

    services.repository.save_prospect(Prospect(first_name="Zed", phone="+442071234567"))
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        clock.advance(minutes=20)
        await pilot.press("h")
        await settle(pilot)
        clock.set(FROZEN + timedelta(minutes=5))  # the machine's clock is put back
        await pilot.press("f")
        await settle(pilot)
        clock.advance(minutes=20)
        await pilot.press("h")
        await settle(pilot)
    entries = services.repository.time_entries_on(TODAY)
    assert overlapping(entries) == []
    assert [(e.category, e.seconds) for e in entries] == [
        (Category.RESEARCH, 20 * 60),
        (Category.FOLLOW_UP, 5 * 60),
    ]


async def test_a_checkpoint_that_cannot_be_written_is_one_error_not_a_storm(
    sample_services: Services, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prospect_tui.core.errors import ProspectError
    from prospect_tui.dialogs.error import ErrorDialog

    def disk_full(entries: object) -> None:
        raise ProspectError("time/2026-11.json cannot be written (disk full).")

    app = make_app(sample_services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ResearchScreen)
        monkeypatch.setattr(sample_services.repository, "save_time_entries", disk_full)
        clock.advance(seconds=31)
        for _ in range(5):  # five ticks of the clock, one checkpoint due
            screen.tick_session()
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert sum(isinstance(s, ErrorDialog) for s in app.screen_stack) == 1
