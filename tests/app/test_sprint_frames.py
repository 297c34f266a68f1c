"""The frame with the card comes first: what else the sprint draws follows it."""

from __future__ import annotations

from typing import Any

import pytest

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.screens.sprint import SprintScreen
from prospect_tui.screens.sprint_saving import Durable
from prospect_tui.services import Services
from tests.app.conftest import FakeNotifier
from tests.conftest import settle, start_sprint


@pytest.fixture
def app(sample_services: Services) -> ProspectApp:
    return make_app(sample_services, notifier=FakeNotifier())


def recording(app: ProspectApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """``frame`` for each frame written while a sprint is on top, ``rest`` for each
    draw of the panels beside the card, in the order they happen."""
    events: list[str] = []
    display, show_rest = ProspectApp._display, SprintScreen.show_rest

    def displayed(self: ProspectApp, screen: Any, renderable: Any) -> None:
        display(self, screen, renderable)
        if renderable is not None and isinstance(screen, SprintScreen):
            events.append("frame")

    def rest(self: SprintScreen) -> None:
        events.append("rest")
        show_rest(self)

    monkeypatch.setattr(ProspectApp, "_display", displayed)
    monkeypatch.setattr(SprintScreen, "show_rest", rest)
    return events


async def test_the_sprint_shows_its_first_card_before_the_panels_beside_it(
    app: ProspectApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = recording(app, monkeypatch)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        assert screen.session.card is not None
        # The card's history, read from the store, must not hold up the first card.
        assert events[:1] == ["frame"]
        assert "rest" in events, "the panels are drawn all the same, a frame later"


async def test_an_outcome_key_shows_the_next_card_before_the_panels_beside_it(
    app: ProspectApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = recording(app, monkeypatch)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        # The order used to depend on which of the card and the screen went idle
        # first: a few rounds catch it.
        for round in range(12):
            events.clear()
            before = screen.session.card
            await pilot.press("1")
            await settle(pilot)
            assert screen.session.card is not before
            assert events[:1] == ["frame"], f"round {round}: {events}"
            assert "rest" in events
            await pilot.press("u")
            await settle(pilot)


async def test_the_next_card_comes_first_even_when_the_screen_goes_idle_before_the_card(
    app: ProspectApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = recording(app, monkeypatch)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        events.clear()
        before = screen.session.card
        # Run by the screen itself: it reaches its idle moment before the card reaches its.
        screen.call_later(screen.action_skip)
        await settle(pilot)
        assert screen.session.card is not before
        assert events[:1] == ["frame"], events
        assert "rest" in events


async def test_news_from_the_disk_waits_for_the_frame_with_the_next_card(
    app: ProspectApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = recording(app, monkeypatch)
    show_stats = SprintScreen._show_stats

    def stats(self: SprintScreen) -> None:
        events.append("stats")
        show_stats(self)

    monkeypatch.setattr(SprintScreen, "_show_stats", stats)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sprint(pilot)
        events.clear()

        def key_then_synced() -> None:
            # The syncer's word that the disk has a call, arriving before the frame.
            screen.action_skip()
            screen.post_message(Durable(app.services.repository.last_seq))

        screen.call_later(key_then_synced)
        await settle(pilot)
        assert events[:1] == ["frame"], events
        assert "stats" in events
