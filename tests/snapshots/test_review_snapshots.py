"""How the review looks over the sample's history with its plan and openers, at both sizes.

The day at 80×24 (it scrolls) and at 120×36; the 28-day window scrolled down to the
openers and the reasons for stopping early; the save dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from prospect_tui.app import ProspectApp
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.config import load_config
from prospect_tui.sample.data import sample_config_toml
from tests.conftest import fill_sample
from tests.snapshots.conftest import SIZES, settle

DAYS_OFF = '\n[days_off]\ndates = ["2026-11-11"]\n'


@pytest.fixture
def reviewed_home(home: Path, clock: ManualClock) -> Path:
    """Four weeks of the sample, called with the sample's openers, to its plan."""
    home.mkdir(parents=True)
    (home / "config.toml").write_text(sample_config_toml() + DAYS_OFF, encoding="utf-8")
    fill_sample(home, clock, config=load_config(home / "config.toml"))
    return home


def pressing(*keys: str) -> Callable[[Pilot[int]], object]:
    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        for key in ("v", *keys):
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_review(
    snap_compare, app_on: Callable[[Path], ProspectApp], reviewed_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_on(reviewed_home), terminal_size=size, run_before=pressing())


def test_review_of_28_days_scrolled_down(
    snap_compare, app_on: Callable[[Path], ProspectApp], reviewed_home: Path
) -> None:  # type: ignore[no-untyped-def]
    run_before = pressing("w", "w", "end")
    assert snap_compare(app_on(reviewed_home), terminal_size=(120, 36), run_before=run_before)


def test_review_scrolled_at_80x24(
    snap_compare, app_on: Callable[[Path], ProspectApp], reviewed_home: Path
) -> None:  # type: ignore[no-untyped-def]
    run_before = pressing("left", "pagedown", "pagedown")
    assert snap_compare(app_on(reviewed_home), terminal_size=(80, 24), run_before=run_before)


def test_save_review_dialog(
    snap_compare,
    app_on: Callable[[Path], ProspectApp],
    reviewed_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOME", "/home/you")  # the suggested file is in the home folder
    run_before = pressing("s")
    assert snap_compare(app_on(reviewed_home), terminal_size=(80, 24), run_before=run_before)
