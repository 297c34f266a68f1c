"""A full disk (``ENOSPC`` from the operating system) while logging, undoing,
abandoning and quitting: one sentence on screen, nothing shown as done that
was not saved, and the same key works once there is room again.

The failure is injected where the store meets the operating system — every
``os`` call of the store's file layer — not by replacing a repository method.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.errors import ProspectError
from prospect_tui.core.model import SprintStatus
from prospect_tui.dialogs.abandon import AbandonDialog
from prospect_tui.dialogs.error import ErrorDialog
from prospect_tui.locations import Locations
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.sprint import SprintScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.store import files, journal
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.conftest import FakeNotifier, settle, start_sprint


class Disk:
    """The ``os`` module as the store sees it; ``full`` makes every write fail."""

    FAILING = ("write", "fsync", "fdatasync", "ftruncate", "replace", "rename")

    def __init__(self) -> None:
        self.full = False

    def __getattr__(self, name: str) -> Any:
        real = getattr(os, name)
        if name not in self.FAILING:
            return real

        def call(*args: Any, **kwargs: Any) -> Any:
            if self.full:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real(*args, **kwargs)

        return call


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    shared = Disk()
    for module in (files, journal):
        monkeypatch.setattr(module, "os", shared)
    return shared


@pytest.fixture
def services(sprint_home: Path, clock: ManualClock, disk: Disk) -> Iterator[Services]:
    opened = open_services(Locations(sprint_home, sprint_home), clock=clock)
    yield opened
    disk.full = False
    close_services(opened)


@pytest.fixture
def app(services: Services) -> ProspectApp:
    return make_app(services, notifier=FakeNotifier())


def stats(screen: SprintScreen) -> str:
    return str(screen.query_one("#sprint-stats", Static).render())


def assert_one_sentence_about_space(app: ProspectApp) -> None:
    screen = app.screen
    assert isinstance(screen, ErrorDialog), screen
    assert "No space left on device" in screen.message
    assert "\n" not in screen.message and "Traceback" not in screen.message


async def test_a_call_logged_on_a_full_disk_is_not_shown_as_logged(
    app: ProspectApp, services: Services, disk: Disk, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        card = screen.session.card
        assert card is not None
        disk.full = True
        clock.advance(seconds=30)
        await pilot.press("1")
        await settle(pilot)

        assert_one_sentence_about_space(app)
        assert "Dials 0" in stats(screen)
        assert screen.session.card is not None
        assert screen.session.card.prospect.id == card.prospect.id  # still on the card
        assert services.repository.calls_of_sprint(screen.session.sprint) == []

        disk.full = False
        clock.advance(seconds=1)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("1")  # the same key, now there is room
        await settle(pilot)
        assert "Dials 1" in stats(screen)
        (call,) = services.repository.calls_of_sprint(screen.session.sprint)
        assert call.prospect_id == card.prospect.id


async def test_an_undo_on_a_full_disk_keeps_the_call_on_screen_and_on_disk(
    app: ProspectApp, services: Services, disk: Disk, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("2")
        await settle(pilot)
        disk.full = True
        await pilot.press("u")
        await settle(pilot)

        assert_one_sentence_about_space(app)
        assert "Dials 1" in stats(screen)
        assert len(services.repository.calls_of_sprint(screen.session.sprint)) == 1

        disk.full = False
        clock.advance(seconds=1)
        await pilot.press("enter")
        await pilot.press("u")
        await settle(pilot)
        assert "Dials 0" in stats(screen)
        assert services.repository.calls_of_sprint(screen.session.sprint) == []


async def test_abandoning_on_a_full_disk_leaves_the_sprint_running(
    app: ProspectApp, services: Services, disk: Disk, clock: ManualClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("1")
        clock.advance(seconds=20)
        disk.full = True
        await pilot.press("escape")
        assert isinstance(app.screen, AbandonDialog)
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)

        assert_one_sentence_about_space(app)
        assert app.screen_stack[-2] is screen and not screen.ended
        running = services.repository.running_sprint()
        assert running is not None and running.id == screen.session.sprint.id

        disk.full = False
        clock.advance(seconds=1)
        await pilot.press("enter")
        await pilot.press("escape")
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        sprint = services.repository.sprint(screen.session.sprint.id)
        assert sprint is not None and sprint.status is SprintStatus.ABANDONED


async def test_quitting_on_a_full_disk_keeps_every_call_for_the_next_start(
    sprint_home: Path, clock: ManualClock, disk: Disk
) -> None:
    services = open_services(Locations(sprint_home, sprint_home), clock=clock)
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        for key in "1247":
            clock.advance(seconds=15)
            await pilot.press(key)
        await settle(pilot)
        logged = [entry.call.id for entry in screen.session.logged]
    assert len(logged) == 4

    disk.full = True
    with pytest.raises(ProspectError) as failed:  # what `prospect` prints, exit 2
        close_services(services)  # the fold on quit
    disk.full = False
    assert "No space left on device" in str(failed.value) and "\n" not in str(failed.value)

    with Workspace.open(sprint_home, write=True) as reopened:  # the lock was let go
        calls = {call.id for call in Repository(reopened).iter_calls()}
    assert set(logged) <= calls


async def test_a_disk_that_fails_only_fsync_is_one_sentence_on_quit_and_loses_nothing_shown(
    sprint_home: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The journal's line is written but the syncer cannot fsync it (the disk filled
    as the page cache was flushed): the call is on screen without its ✓, and quitting
    says so in one sentence instead of a crash, leaving the line for the next start."""
    services = open_services(Locations(sprint_home, sprint_home), clock=clock)  # background
    app = make_app(services, notifier=FakeNotifier())

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        monkeypatch.setattr(journal, "_datasync", no_space)
        clock.advance(seconds=30)
        await pilot.press("1")
        await settle(pilot)
        assert "Dials 1" in stats(screen) and "✓" not in stats(screen)
        logged = screen.session.logged[-1].call.id

    with pytest.raises(ProspectError) as failed:
        close_services(services)
    monkeypatch.undo()
    assert "No space left on device" in str(failed.value) and "\n" not in str(failed.value)
    with Workspace.open(sprint_home, write=True) as reopened:  # the lock was let go
        assert logged in {call.id for call in Repository(reopened).iter_calls()}
