"""How the plan looks: the sample's plan, a block being edited, a wrong value, at 80×24 and
120×36."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from prospect_tui.app import ProspectApp
from prospect_tui.sample.data import sample_config_toml
from prospect_tui.screens.plan import BlockList
from tests.snapshots.conftest import SIZES, settle

DAYS_OFF = '\n[days_off]\ndates = ["2026-12-24", "2026-12-28..2027-01-01"]\n'


@pytest.fixture
def planned_home(sample_home: Path) -> Path:
    (sample_home / "config.toml").write_text(sample_config_toml() + DAYS_OFF, encoding="utf-8")
    return sample_home


async def open_plan(pilot: Pilot[int]) -> None:
    await settle(pilot)
    await pilot.press("l")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_plan(
    snap_compare, app_on: Callable[[Path], ProspectApp], planned_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_on(planned_home), terminal_size=size, run_before=open_plan)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_plan_empty(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=open_plan)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_plan_wrong_value(
    snap_compare, app_on: Callable[[Path], ProspectApp], planned_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await open_plan(pilot)
        pilot.app.screen.query_one("#plan-days-start-hour", Input).value = "25"
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app_on(planned_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_block_dialog(
    snap_compare, app_on: Callable[[Path], ProspectApp], planned_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await open_plan(pilot)
        listing = pilot.app.screen.query_one(BlockList)
        listing.focus()
        listing.highlighted = 4  # the networking breakfast
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app_on(planned_home), terminal_size=size, run_before=run_before)
