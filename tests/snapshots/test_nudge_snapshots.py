"""How nudges look: the question after the machine slept mid-sprint, and a nudge on home."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from prospect_tui.app import ProspectApp
from prospect_tui.core.clock import ManualClock
from prospect_tui.screens.sprint import SprintScreen
from tests.conftest import start_sprint
from tests.snapshots.conftest import SIZES, settle

ids = [f"{w}x{h}" for w, h in SIZES]


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_away_dialog(
    snap_compare,
    app_on: Callable[[Path], ProspectApp],
    sample_home: Path,
    clock: ManualClock,
    size: tuple[int, int],
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        screen = await start_sprint(pilot)
        await pilot.press("1", "2")
        screen.tick()
        clock.sleep(minutes=47)
        screen.tick()
        await settle(pilot)
        assert not isinstance(pilot.app.screen, SprintScreen)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_calling_block_nudge_on_home(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    (sample_home / "config.toml").write_text(
        '[[blocks]]\ncategory = "calling"\nstart = "15:20"\nminutes = 60\n', encoding="utf-8"
    )

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        app = pilot.app
        assert isinstance(app, ProspectApp)
        app.check_nudges()
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)
