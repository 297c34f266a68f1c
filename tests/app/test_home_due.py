"""Home shows the callbacks and meetings due today, read with its other numbers."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.outcome_effects import log_outcome
from prospect_tui.home_data import gather
from prospect_tui.locations import Locations
from prospect_tui.screens.home import HomeScreen
from prospect_tui.services import Services, close_services, open_services
from tests.conftest import settle
from tests.snapshots.test_home_snapshots import add_followups_due, close_followups


def _text(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


async def test_home_counts_whats_due_and_names_the_first_few_on_both_clocks(
    sample_home: Path, clock: ManualClock
) -> None:
    add_followups_due(sample_home, clock)
    (sample_home / "config.toml").write_text('[keys]\nfollow_up = "o"\n', encoding="utf-8")
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, HomeScreen) and screen.summary is not None
            due = screen.summary.due
            assert (due.count, due.overdue) == (5, 1), "tomorrow's is not today's"
            assert screen.query_one("#due").border_title == "Due today · 5"
            listed = _text(app, "#due #due-list").splitlines()
            assert len(listed) == 3
            assert listed[0].startswith("overdue Tue 17 Nov 10:30")
            assert "their time" in listed[1] and listed[1].startswith("09:30")
            assert listed[2] == "12:30  [b]x[/b] $(rm -rf ~) · callback · their zone unknown"
            hint = _text(app, "#due #due-hint")
            assert "1 overdue · 2 more" in hint
            assert "press o to follow up" in hint, "the hint names the remapped key"
    finally:
        close_services(services)


async def test_a_meeting_logged_without_its_time_is_due_on_home(
    sample_services: Services, clock: ManualClock
) -> None:
    services = sample_services
    prospect = next(p for p in services.repository.prospects() if p.timezone)
    before = gather(services).due.count
    logged = log_outcome(
        prospect, "meeting", started_at=clock.now(), ended_at=clock.now(), user_tz=clock.tz
    )
    services.repository.log_call(logged.call, logged.prospect, logged.followup)
    due = gather(services).due
    assert due.count == before + 1
    assert any(item.who == prospect.name and item.kind == "meeting" for item in due.first)


async def test_nothing_due_says_so(sample_services: Services, clock: ManualClock) -> None:
    close_followups(sample_services.repository, clock.now())
    app = make_app(sample_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Nothing due" in _text(app, "#due #due-list")
        assert not app.screen.query_one("#due #due-hint").display


def test_their_clocks_are_read_after_the_numbers(sample_home: Path, clock: ManualClock) -> None:
    # The prospects are the biggest file: home's first read leaves them for a second one.
    from prospect_tui.home_data import due_with_zones

    add_followups_due(sample_home, clock)
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        summary = gather(services)
        assert summary.due.count == 5 and summary.due_zones_pending
        assert not services.repository.prospects_read()
        assert all(item.theirs is None for item in summary.due.first)
        due = due_with_zones(services)
        assert due.count == 5 and any(item.theirs for item in due.first)
        assert services.repository.prospects_read()
        assert not gather(services).due_zones_pending  # read already: no second read
    finally:
        close_services(services)


async def test_a_tall_home_names_more_of_them_beside_the_streak(
    sample_home: Path, clock: ManualClock
) -> None:
    add_followups_due(sample_home, clock)
    services = open_services(Locations(sample_home, sample_home), clock=clock)
    try:
        app = make_app(services)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            side = app.screen.query_one("#due-side")
            assert side.display and not app.screen.query_one("#due").display
            assert side.region.x > 0, "in the right-hand column"
            assert len(_text(app, "#due-side #due-list").splitlines()) == 5
            assert "more" not in _text(app, "#due-side #due-hint")
    finally:
        close_services(services)
