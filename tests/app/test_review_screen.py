"""``v`` from home: today's review, the same numbers the command prints."""

from __future__ import annotations

from textual.widgets import Static

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.review import ReviewScreen
from prospect_tui.services import Services
from tests.conftest import settle


async def test_v_shows_todays_review_and_escape_goes_home(
    sample_services: Services, clock: ManualClock
) -> None:
    app = make_app(sample_services)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        text = str(app.screen.query_one("#review-text", Static).render())
        dials = len(sample_services.repository.calls_on(clock.now().date()))
        assert "Review of Thursday 19 November 2026" in text
        assert f"Dials {dials} of 30" in text
        assert "Last twelve weeks" in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
