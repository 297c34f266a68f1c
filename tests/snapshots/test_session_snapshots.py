"""How the research and follow-up sessions look on the sample, at 80x24 and 120x36."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from prospect_tui.app import ProspectApp
from prospect_tui.widgets.title_bar import TitleBar
from tests.conftest import PARIS
from tests.snapshots.conftest import SIZES, settle

FRIDAY_MORNING = datetime(2026, 11, 20, 11, 0, tzinfo=PARIS)
"""The morning after the frozen Thursday: four of the sample's follow-ups are due."""

RESEARCH_PLAN = """\
[[blocks]]
category = "research"
days = ["mon", "tue", "wed", "thu", "fri"]
start = "08:30"
minutes = 30
"""


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_research_over_plan(
    snap_compare,
    app_on: Callable[[Path], ProspectApp],
    sample_home: Path,
    clock,
    size: tuple[int, int],
) -> None:  # type: ignore[no-untyped-def]
    (sample_home / "config.toml").write_text(RESEARCH_PLAN, encoding="utf-8")

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        clock.advance(minutes=8, seconds=42)
        pilot.app.screen.tick_session()  # type: ignore[attr-defined]
        pilot.app.screen.query_one(TitleBar).tick()
        await pilot.press("down", "down")
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_follow_up(
    snap_compare,
    app_on: Callable[[Path], ProspectApp],
    sample_home: Path,
    clock,
    size: tuple[int, int],
) -> None:  # type: ignore[no-untyped-def]
    clock.set(FRIDAY_MORNING)

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


def test_follow_up_nothing_due(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=(80, 24), run_before=run_before)


def test_reschedule_dialog(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    clock.set(FRIDAY_MORNING)

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("r", *"tomorrow 10am")
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=(80, 24), run_before=run_before)
