"""The sprint screen at every size: it fills the terminal, fits a small one, or says so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.keys import SPRINT
from prospect_tui.core.outcomes import OUTCOMES
from prospect_tui.core.phones import for_reading
from prospect_tui.locations import Locations
from prospect_tui.sample.data import sample_config_toml
from prospect_tui.screens.sprint import SprintScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.widgets.key_bar import KeyBar
from tests.app.conftest import FakeNotifier, longest_empty_run, screen_rows
from tests.conftest import settle, start_sprint


@pytest.fixture
def services(sprint_home: Path, clock: ManualClock) -> Iterator[Services]:
    opened = open_services(Locations(sprint_home, sprint_home), clock=clock)
    yield opened
    close_services(opened)


@pytest.fixture
def app(services: Services) -> ProspectApp:
    return make_app(services, notifier=FakeNotifier())


def screen_lines(pilot: Pilot[object]) -> list[str]:
    """The terminal's rows as the compositor last drew them, as plain text."""
    return screen_rows(pilot.app)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [(120, 36), (80, 24), (100, 30), (160, 50)])
async def test_the_sprint_leaves_no_run_of_more_than_four_empty_rows(
    app: ProspectApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await start_sprint(pilot)
        await pilot.press("1", "2")
        await settle(pilot)
        lines = screen_lines(pilot)
        assert len(lines) == size[1]
        assert longest_empty_run(lines) <= 4, "\n".join(lines)


async def test_at_60x20_the_countdown_the_whole_name_and_phone_and_the_keys_show(
    app: ProspectApp,
) -> None:
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("1")
        await settle(pilot)
        card = screen.session.card
        assert card is not None
        text = "\n".join(screen_lines(pilot))
        assert "25:00" in text or "24:59" in text
        assert card.prospect.name in text
        assert for_reading(card.prospect.phone) in text
        for outcome in OUTCOMES:
            assert f"{outcome.key} {outcome.label}" in text, outcome.label


async def test_too_small_asks_for_a_larger_window_logs_nothing_blind_and_comes_back(
    app: ProspectApp, services: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        shown = screen.session.card
        assert shown is not None

        await pilot.resize_terminal(50, 15)
        await settle(pilot)
        text = "\n".join(screen_lines(pilot))
        assert "Make the window larger" in text and "(at least 60×16)" in text
        assert shown.prospect.name not in text
        await pilot.press("1", "s")  # the card is not on screen: nothing happens to it
        await settle(pilot)
        assert screen.session.card is shown
        assert services.repository.calls_of_sprint(screen.session.sprint) == []

        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        text = "\n".join(screen_lines(pilot))
        assert "Make the window larger" not in text
        assert shown.prospect.name in text
        await pilot.press("1")
        await settle(pilot)
        assert len(services.repository.calls_of_sprint(screen.session.sprint)) == 1


async def test_a_terminal_resized_under_a_dialog_is_fitted_when_the_sprint_is_back(
    app: ProspectApp,
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("e")  # the notes dialog over the sprint
        await settle(pilot)
        assert app.screen is not screen
        await pilot.resize_terminal(50, 15)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert isinstance(screen, SprintScreen) and screen.has_class("-too-small")


@pytest.mark.parametrize("size", [(60, 20), (70, 22), (80, 24)])
async def test_the_header_and_the_footer_fit_whole_at_60_to_80_columns(
    sprint_home: Path, clock: ManualClock, size: tuple[int, int]
) -> None:
    # The sample's objections: their key makes the sprint's footer its longest.
    (sprint_home / "config.toml").write_text(sample_config_toml(), encoding="utf-8")
    services = open_services(Locations(sprint_home, sprint_home), clock=clock)
    try:
        await _header_and_footer_fit(make_app(services, notifier=FakeNotifier()), clock, size)
    finally:
        close_services(services)


async def _header_and_footer_fit(
    app: ProspectApp, clock: ManualClock, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        screen = await start_sprint(pilot)
        await pilot.press("1")  # undo is on offer too: the longest footer
        await settle(pilot)
        lines = screen_lines(pilot)
        header = lines[0]
        assert f"sprint {screen.number}" in header.lower() and "25 min" in header, header
        assert f"{clock.now().astimezone(app.services.clock.tz):%H:%M}" in header, header
        footer = lines[-1].strip()
        assert "…" not in footer and footer.endswith("? Help"), footer
        entries = [f"{a.keys[0].replace('escape', 'esc')} {a.label}" for a in SPRINT if a.show]
        rest = footer.removesuffix("? Help")
        shown = [entry for entry in entries if entry in rest]
        for entry in shown:
            rest = rest.replace(entry, "", 1)
        assert not rest.strip(), f"a cut entry in {footer!r}"
        assert len(shown) >= 4, footer  # the most important keys that fit
        assert str(app.screen.query_one(KeyBar).render()).strip() == footer


async def test_the_sprints_bars_are_one_widget_each(app: ProspectApp) -> None:
    """Every widget costs the sprint's first frame its mount, styles, layout and draw:
    the countdown's bar is Textual's bar alone, not a ProgressBar wrapped around it,
    the day's goal, both its bars, one widget, and the title bar one (the snapshots
    hold them to the same cells)."""
    from textual.widgets import ProgressBar

    from prospect_tui.widgets.day_goal import DayGoal
    from prospect_tui.widgets.plain_bar import PlainBar
    from prospect_tui.widgets.title_bar import TitleBar

    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        assert not screen.query(ProgressBar)
        bars = screen.query(PlainBar)
        assert len(bars) == 1
        assert all(bar.percentage is not None for bar in bars)  # never the busy animation
        assert not screen.query_one(DayGoal).children
        assert not screen.query_one(TitleBar).children


async def test_the_sprint_is_styled_once_as_it_opens(
    app: ProspectApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its widgets are styled as they mount: Textual's restyling of the whole screen as it
    is shown (a tenth of the start) would style each a second time, for nothing."""
    restyled: list[object] = []
    update = SprintScreen.update_node_styles

    def counted(self: SprintScreen, animate: bool = True) -> None:
        restyled.append(self)
        update(self, animate)

    monkeypatch.setattr(SprintScreen, "update_node_styles", counted)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        await settle(pilot)
        assert screen.is_current
        assert not restyled
