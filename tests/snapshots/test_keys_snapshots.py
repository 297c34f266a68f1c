"""How the keys are taught: the help over home and over the sprint (the paused sprint is
test_sprint_snapshots' test_paused)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from prospect_tui.app import ProspectApp
from tests.conftest import start_sprint
from tests.snapshots.conftest import SIZES, settle

ids = [f"{w}x{h}" for w, h in SIZES]


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_help_on_home(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_help_on_the_sprint(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await start_sprint(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)
