"""What the screen shows, the review and the export say too — while the app runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import Static

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.outcomes import OUTCOMES
from prospect_tui.locations import Locations
from prospect_tui.services import close_services, open_services
from tests.conftest import start_sprint


def prospect(*args: str) -> str:
    """The real command, in its own process, as a user runs it beside the app."""
    done = subprocess.run(
        [sys.executable, "-m", "prospect_tui", *args],
        capture_output=True,
        text=True,
        check=False,
        env=os.environ.copy(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_review_and_export_agree_with_the_screen_while_the_app_runs(
    sprint_home: Path, clock: ManualClock
) -> None:
    services = open_services(Locations(sprint_home, sprint_home), clock=clock)
    try:
        app = make_app(services)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await start_sprint(pilot)
            before = services.repository.calls_on(screen.session.sprint.local_date)
            for outcome in OUTCOMES:
                await pilot.press(outcome.key)
                if outcome.id == "callback":
                    await pilot.press(*"in 3 hours", "enter")
                if outcome.asks_who or outcome.is_meeting:
                    await pilot.press("escape")
                await pilot.pause()
            shown = str(screen.query_one("#sprint-stats", Static).render())
            assert "Dials 8" in shown and "Connects 4" in shown and "Meetings 1" in shown

            day = screen.session.sprint.local_date.isoformat()
            review = json.loads(prospect("review", "--format", "json", "--date", day))
            calls = json.loads(prospect("export", "calls", "--format", "json"))

            mine = [c for c in calls if c["sprint_id"] == screen.session.sprint.id]
            assert [c["outcome"] for c in mine] == [o.id for o in OUTCOMES]
            assert review["dials"] == len(before) + 8
            assert review["outcomes"]["do_not_call"] >= 1
            assert review["meetings"] - sum(c.outcome == "meeting" for c in before) == 1
    finally:
        close_services(services)
