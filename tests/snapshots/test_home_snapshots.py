"""How the home screen looks: empty, with a sample history, with follow-ups due, under an
error and the import dialog, at 80×24 and 120×36."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from prospect_tui.app import ProspectApp
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.errors import ProspectError
from prospect_tui.core.model import FollowUp, Prospect
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.snapshots.conftest import SIZES, settle


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_with_history(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=settle)


def close_followups(repository: Repository, now: datetime) -> None:
    """Close the follow-ups the sample's history left open, so a test says what is due."""
    for followup in repository.followups(open_only=True):
        repository.save_followup(replace(followup, done_at=now, resolution="Called back."))


def add_followups_due(home: Path, clock: ManualClock) -> None:
    """Five open follow-ups on the sample: overdue, earlier today (one for a hostile name in
    no known zone), later today, one with no time; and one due tomorrow, not today's."""
    now = clock.now()
    with Workspace.open(home, write=True) as workspace:
        repository = Repository(workspace)
        close_followups(repository, now)
        zoned = [p for p in repository.prospects() if p.timezone][:5]
        nameless_zone = repository.save_prospect(
            Prospect(first_name="[b]x[/b]", last_name="$(rm -rf ~)", phone="+33612345678")
        )
        due = [
            (zoned[0], "meeting", now - timedelta(days=2, hours=5)),
            (zoned[1], "callback", now - timedelta(hours=6)),
            (zoned[2], "callback", now + timedelta(hours=2, minutes=15)),
            (zoned[3], "meeting", None),
            (nameless_zone, "callback", now - timedelta(hours=3)),
            (zoned[4], "callback", now + timedelta(days=1)),
        ]
        for prospect, kind, at in due:
            repository.save_followup(
                FollowUp(
                    prospect_id=prospect.id,
                    kind=kind,
                    who=prospect.name,
                    due_at=at,
                    created_at=now - timedelta(minutes=40),
                )
            )


HOME_SIZES = [*SIZES, (60, 20)]
"""At 60×20 too: the heatmap gives way, what is due stays on screen."""


@pytest.mark.parametrize("size", HOME_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_with_followups_due(
    snap_compare,
    app_on: Callable[[Path], ProspectApp],
    sample_home: Path,
    clock: ManualClock,
    size: tuple[int, int],
) -> None:  # type: ignore[no-untyped-def]
    add_followups_due(sample_home, clock)
    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_first_run(
    snap_compare, app_on: Callable[[Path], ProspectApp], home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_on(home), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_error_dialog(
    snap_compare, app_on: Callable[[Path], ProspectApp], sample_home: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        pilot.app.report(  # type: ignore[attr-defined]
            ProspectError("prospects.json cannot be written (disk full); nothing was lost.")
        )
        await settle(pilot)

    assert snap_compare(app_on(sample_home), terminal_size=size, run_before=run_before)


def test_home_first_run_at_60x20(
    snap_compare, app_on: Callable[[Path], ProspectApp], home: Path
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_on(home), terminal_size=(60, 20), run_before=settle)
