"""``v`` from home: today's review, the same numbers the command prints."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from prospect_tui.app import close_services, make_app, open_services
from prospect_tui.core.clock import ManualClock
from prospect_tui.locations import Locations
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.review import ReviewScreen


async def test_v_shows_todays_review_and_escape_goes_home(
    sample_home: Path, clock: ManualClock
) -> None:
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = make_app(services)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.press("v")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen)
            text = str(app.screen.query_one("#review-text", Static).render())
            dials = len(services.repository.calls_on(clock.now().date()))
            assert "Review of Thursday 19 November 2026" in text
            assert f"Dials {dials} of 30" in text
            assert "Last twelve weeks" in text
            await pilot.press("escape")
            assert isinstance(app.screen, HomeScreen)
    finally:
        close_services(services)
