"""Home uses the terminal: at 120×36 no run of more than four empty rows; at 80×24 the
key to press, today, the streak and what is due are all above the fold."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.days import local_date
from prospect_tui.core.model import Sprint, SprintStatus
from prospect_tui.locations import Locations
from prospect_tui.services import close_services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
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


def add_abandoned_today(home: Path, clock: ManualClock) -> None:
    """Two sprints stopped early today, so today's panel has every number to show."""
    now = clock.now()
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        for hours in (3, 4):
            start = now - timedelta(hours=hours)
            repository.save_sprint(
                Sprint(
                    started_at=start,
                    ends_at=start + timedelta(minutes=25),
                    ended_at=start + timedelta(minutes=5),
                    status=SprintStatus.ABANDONED,
                    reason="no_dials",
                    reason_kind="discipline",
                    local_date=local_date(now, clock.tz),
                )
            )


async def test_todays_numbers_and_the_due_panel_all_show_at_80x24(
    sample_home: Path, clock: ManualClock
) -> None:
    add_followups_due(sample_home, clock)
    add_abandoned_today(sample_home, clock)
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            rows = screen_rows(app)
            shown = "\n".join(rows)
            for seen in ("Sprints", "Dials", "Connects", "Meetings", "Abandoned 2"):
                assert seen in shown, shown
            assert "to follow up" in shown, shown  # the due panel's last line
            assert rows[-2].strip().startswith("╰"), shown  # and its border: nothing scrolled
    finally:
        close_services(services)


async def test_at_60x20_the_labels_read_and_what_is_due_is_on_screen(
    sample_home: Path, clock: ManualClock
) -> None:
    add_followups_due(sample_home, clock)
    add_abandoned_today(sample_home, clock)
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(60, 20)) as pilot:
            await settle(pilot)
            rows = screen_rows(app)
            shown = "\n".join(rows)
            assert "▶ Press f" in shown, shown
            assert "Due today · 5" in shown and "overdue" in shown, shown  # its first line
            assert "Abandoned 2" in shown, shown
            axis = next(row for row in rows if "13 Nov" in row)
            # Each label stands apart: the dates at the ends, the peak (if it fits) between.
            assert re.search(r"13 Nov\s+(peak [^│]*\S\s+)?19 Nov", axis), axis
            assert longest_empty_run(rows) <= MOST_EMPTY_ROWS, shown
    finally:
        close_services(services)
