"""How the objection cards look: the panel beside a call, the list, and an answer shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from prospect_tui.app import ProspectApp
from prospect_tui.sample.data import sample_config_toml
from tests.conftest import start_sprint
from tests.snapshots.conftest import SIZES, settle

ids = [f"{w}x{h}" for w, h in SIZES]


@pytest.fixture
def configured_home(sample_home: Path) -> Path:
    """The sample workspace with the sample's config: openers, plan and objections."""
    (sample_home / "config.toml").write_text(sample_config_toml(), encoding="utf-8")
    return sample_home


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_objection_cards_on_a_call(
    snap_compare,
    app_on: Callable[[Path], ProspectApp],
    configured_home: Path,
    size: tuple[int, int],
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await start_sprint(pilot)
        await settle(pilot)

    assert snap_compare(app_on(configured_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_objection_dialog(
    snap_compare,
    app_on: Callable[[Path], ProspectApp],
    configured_home: Path,
    size: tuple[int, int],
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await start_sprint(pilot)
        await pilot.press("o", "4", "o")  # one raised already: ticked in the list
        await settle(pilot)

    assert snap_compare(app_on(configured_home), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [*SIZES, (60, 20)], ids=[*ids, "60x20"])
def test_objection_answer(
    snap_compare,
    app_on: Callable[[Path], ProspectApp],
    configured_home: Path,
    size: tuple[int, int],
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await start_sprint(pilot)
        await pilot.press("o", "4", "o", "2")
        await settle(pilot)

    assert snap_compare(app_on(configured_home), terminal_size=size, run_before=run_before)
