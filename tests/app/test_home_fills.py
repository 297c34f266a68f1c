"""Home uses the terminal: at 120×36 no run of more than four empty rows; at 80×24 the
key to press, today, the streak and what is due are all above the fold."""

from __future__ import annotations

from pathlib import Path

import pytest

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.locations import Locations
from prospect_tui.services import close_services, open_services
from tests.app.conftest import longest_empty_run, screen_rows
from tests.conftest import FakeNotifier, settle
from tests.snapshots.test_home_snapshots import add_followups_due

MOST_EMPTY_ROWS = 4


@pytest.mark.parametrize("workspace", ["first run", "history", "follow-ups due"])
async def test_no_run_of_empty_rows_at_120x36(
    workspace: str, home: Path, sample_home: Path, clock: ManualClock
) -> None:
    if workspace == "follow-ups due":
        add_followups_due(sample_home, clock)
    folder = home.parent / "empty" if workspace == "first run" else sample_home
    services = open_services(Locations(folder, folder), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            rows = screen_rows(app)
            assert len(rows) == 36
            assert longest_empty_run(rows) <= MOST_EMPTY_ROWS, "\n".join(rows)
    finally:
        close_services(services)


async def test_nothing_important_below_the_fold_at_80x24(
    sample_home: Path, clock: ManualClock
) -> None:
    add_followups_due(sample_home, clock)
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            shown = "\n".join(screen_rows(app))
            for seen in ("▶ Press f", "Today · Thursday", "Streak", "Next block", "Dials ·"):
                assert seen in shown
            assert "Due today · 5" in shown and "to follow up" in shown  # its last line too
    finally:
        close_services(services)
