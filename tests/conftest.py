"""Shared fixtures: a frozen clock, a private workspace per test, the sample.

No test touches the user's real data: ``PROSPECT_HOME`` always points into
``tmp_path``. Time comes from a :class:`ManualClock`; nothing sleeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.clock import ManualClock
from prospect_tui.core.config import Config
from prospect_tui.core.model import PROSPECT_FIELDS as MODEL_FIELDS
from prospect_tui.locations import Locations
from prospect_tui.sample.generate import generate
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace

if TYPE_CHECKING:  # the unit tests never import textual
    from textual.pilot import Pilot

    from prospect_tui.screens.sprint import SprintScreen

PARIS = ZoneInfo("Europe/Paris")
FROZEN = datetime(2026, 11, 19, 15, 30, tzinfo=PARIS)
"""A Thursday afternoon: a working day with its calling block behind it."""

PROSPECT_FIELDS = {*MODEL_FIELDS, "extra"}
"""The fields every exported prospect carries: every field of the model (docs/contracts.md)."""


@pytest.fixture
def clock() -> ManualClock:
    """The frozen clock every test starts from."""
    return ManualClock(FROZEN)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh ``PROSPECT_HOME`` for this test (not created yet, like a first run)."""
    folder = tmp_path / "home"
    monkeypatch.setenv("PROSPECT_HOME", str(folder))
    monkeypatch.setenv("TZ", "Europe/Paris")
    return folder


@pytest.fixture
def where(home: Path) -> Locations:
    """The folders of the test's workspace."""
    return Locations(data_dir=home, config_dir=home)


@pytest.fixture
def workspace(home: Path) -> Iterator[Workspace]:
    """The test's workspace, open for writing (fsync on every commit)."""
    opened = Workspace.open(home, write=True)
    yield opened
    opened.close()


@pytest.fixture
def repository(workspace: Workspace) -> Repository:
    """Domain records over the test's workspace."""
    return Repository(workspace)


def fill_sample(
    home: Path,
    clock: ManualClock,
    *,
    prospects: int = 60,
    calls: int = 600,
    weeks: int = 4,
    config: Config | None = None,
) -> None:
    """Write a seeded sample into ``home`` and fold it, as ``prospect sample`` would."""
    sample = generate(
        config or Config(), clock.now(), clock.tz, prospects=prospects, calls=calls, weeks=weeks
    )
    with Workspace.open(home, write=True) as opened:
        Repository(opened).insert_with_ids(sample.records())


@pytest.fixture
def sample_home(home: Path, clock: ManualClock) -> Path:
    """A workspace holding the seeded sample: prospects and four weeks of calls."""
    fill_sample(home, clock)
    return home


async def settle(pilot: Pilot[Any]) -> None:
    """Let the workers finish and the screen repaint.

    A DirectoryTree's loader waits for folders to list as long as the tree
    lives: it counts as done once the folders asked for are listed.
    """
    from textual.widgets import DirectoryTree

    await pilot.pause()
    for tree in pilot.app.screen.query(DirectoryTree):
        await tree._load_queue.join()
    working = [w for w in pilot.app.workers if w.group != "_loader"]
    if working:  # none would mean all to Textual, the loader too
        await pilot.app.workers.wait_for_complete(working)
    await pilot.pause()


async def start_sprint(pilot: Pilot[Any]) -> SprintScreen:
    """From home, once settled: press ``s`` and return the sprint screen it opens."""
    from prospect_tui.screens.sprint import SprintScreen

    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SprintScreen)
    return screen


class FakeNotifier:
    """Records what would have gone to the desktop, and counts the bells."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []
        self.bells = 0

    def send(self, title: str, message: str) -> None:
        self.sent.append((title, message))

    def bell(self) -> None:
        self.bells += 1
