"""Start-up: the first frame needs none of the workspace's records, so none is read for it.

Home reads the workspace on a thread; started before the first frame was
written, that thread took the interpreter lock from the frame while it
imported and parsed. And what only later screens or the read itself use is not
imported on the way to the first frame.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path
from typing import cast

import pytest

from prospect_tui.app import ProspectApp
from prospect_tui.collector import pause_for_start, resume_after_start
from prospect_tui.core.clock import ManualClock
from prospect_tui.home_data import HomeSummary
from prospect_tui.locations import Locations
from prospect_tui.screens.home import HomeScreen
from prospect_tui.services import close_services, open_services
from tests.conftest import FakeNotifier, settle

NOT_FOR_THE_FIRST_FRAME = (
    "prospect_tui.home_data",  # home's read, made on its thread after the frame
    "prospect_tui.messages",  # posted by keys and reads, not by drawing
    "prospect_tui.core.plan",  # the next block, worked out once the workspace is read
    "prospect_tui.core.due_today",
    "prospect_tui.store.repository",
    "prospect_tui.transfer",
    "prospect_tui.notify",
    "prospect_tui.dialogs.help",  # opened by ``?``; every screen's module used to bring it
    "prospect_tui.core.key_help",
    "phonenumbers",
    "pendulum",
    "plyer",
    "jeepney",
)


def test_the_first_frame_imports_only_what_it_draws(sample_home: Path) -> None:
    """What ``prospect`` imports and opens before the app draws: the app, the config and
    the locked workspace — nothing of home's read, the sprint, the transfers or the dialer."""
    script = (
        "import sys\n"
        "from prospect_tui.app import ProspectApp, make_app\n"
        "from prospect_tui.services import open_services\n"
        "services = open_services()\n"
        "make_app(services)\n"
        "services.close()\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"PROSPECT_HOME": str(sample_home), "PATH": ""},
    )
    imported = set(done.stdout.split())
    assert "prospect_tui.screens.home" in imported  # the check sees the app's own modules
    early = [
        name
        for name in NOT_FOR_THE_FIRST_FRAME
        if name in imported or any(m.startswith(f"{name}.") for m in imported)
    ]
    assert early == []


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_home_reads_the_workspace_after_the_first_frame(
    sample_home: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    order: list[str] = []
    load = HomeScreen.load

    def watched_load(screen: HomeScreen) -> object:
        order.append("read")
        return load(screen)

    # Textual's Ready: the first frame is out (what the start-up benchmark times, too).
    monkeypatch.setattr(
        ProspectApp, "on_ready", lambda app: order.append("first frame"), raising=False
    )
    monkeypatch.setattr(HomeScreen, "load", watched_load)
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = ProspectApp(services, FakeNotifier())
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            assert order[:2] == ["first frame", "read"]
            assert order.count("read") == 1
            home = app.screen
            assert isinstance(home, HomeScreen)
            assert isinstance(home.summary, HomeSummary)  # and its numbers are shown
    finally:
        close_services(services)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 36)])
async def test_home_is_styled_for_its_size_once(
    sample_home: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """The size classes are set before home's styles are first worked out, so the first
    resize (which every start has) restyles nothing; a real change of size still does."""
    restyled: list[object] = []
    update_styles = ProspectApp.update_styles

    def watched(app: ProspectApp, node: object, animate: bool = True) -> None:
        if isinstance(node, HomeScreen):
            restyled.append(node)
        update_styles(app, node, animate)

    monkeypatch.setattr(ProspectApp, "update_styles", watched)
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = ProspectApp(services, FakeNotifier())
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            home = app.screen
            assert isinstance(home, HomeScreen)
            assert restyled == [home]  # as Textual styles any screen it shows
            assert home.has_class("-tall") is (size == (120, 36))
            assert home.has_class("-compact") is (size == (60, 20))
            await pilot.resize_terminal(120, 36 if size != (120, 36) else 20)
            await settle(pilot)
            assert restyled == [home, home]
    finally:
        close_services(services)


async def test_the_first_frame_parses_only_the_styles_it_draws(
    sample_home: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other screens' styles are read after the first frame, and still style them."""
    at_first_frame: list[list[str]] = []
    mounted = HomeScreen.on_mount

    def selectors(app: ProspectApp) -> list[str]:
        return [rule.selectors for rule in app.stylesheet.rules]

    def watched_mount(screen: HomeScreen) -> None:
        at_first_frame.append(selectors(cast(ProspectApp, screen.app)))  # what it is drawn with
        mounted(screen)

    monkeypatch.setattr(HomeScreen, "on_mount", watched_mount)
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = ProspectApp(services, FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            [first] = at_first_frame
            assert "#home-next" in first  # home's own are there
            assert not [s for s in first if "SprintScreen" in s or "#prospects-" in s]
            await pilot.press("p")
            await settle(pilot)
            status = app.screen.query_one("#prospects-status")
            assert status.styles.height is not None and status.styles.height.value == 1
            assert "#prospects-status" in selectors(app)
    finally:
        close_services(services)


async def test_the_first_frame_draws_home_with_its_fewest_widgets(
    sample_home: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each widget costs the first frame its mount, styles and layout: the frame is the title,
    one line saying the workspace is being read, and the keys. The panels come in a scrolling
    body that has the focus, as the first focusable widget would have had."""
    drawn: list[list[str]] = []
    monkeypatch.setattr(
        ProspectApp,
        "on_ready",
        lambda app: drawn.append([type(w).__name__ for w in app.screen.children]),
        raising=False,
    )
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = ProspectApp(services, FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert drawn == [["TitleBar", "Static", "KeyBar"]]
            assert app.focused is app.screen.query_one("#home-body")
    finally:
        close_services(services)


async def test_garbage_collection_resumes_at_the_first_frame(
    sample_home: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``prospect`` starts with the collector paused (see collector.pause_for_start); the app
    resumes it as its first frame is out, before home's read starts."""
    enabled_at_first_frame: list[bool] = []
    monkeypatch.setattr(
        ProspectApp,
        "on_ready",
        lambda app: enabled_at_first_frame.append(gc.isenabled()),
        raising=False,
    )
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        pause_for_start()
        assert not gc.isenabled()
        app = ProspectApp(services, FakeNotifier())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert enabled_at_first_frame == [True]
    finally:
        resume_after_start()
        close_services(services)
    assert gc.isenabled()
