"""How the picker of tomorrow's first calls looks over the sample, at both sizes: two picked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from prospect_tui.app import ProspectApp
from tests.snapshots.conftest import SIZES, settle


async def two_picked(pilot: Pilot[int]) -> None:
    await settle(pilot)
    for key in ("v", "f", "space", "down", "down", "space"):
        await pilot.press(key)
        await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_first_calls_picker(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=two_picked)


async def searched(pilot: Pilot[int]) -> None:
    await settle(pilot)
    for key in ("v", "f", "slash", "a", "n"):
        await pilot.press(key)
        await settle(pilot)


def test_first_calls_picker_searched(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_on(sample_home), terminal_size=(80, 24), run_before=searched)
