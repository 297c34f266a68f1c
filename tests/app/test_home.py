"""The home screen, driven with Pilot: what a first-time user and a regular see."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Static

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.locations import Locations
from prospect_tui.sample.generate import DEFAULT_PROSPECTS
from prospect_tui.screens.home import HomeScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.store.errors import StoreLocked
from prospect_tui.widgets.home_panels import KeyLine
from tests.conftest import settle


def _text(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


def _welcome(app) -> str:  # type: ignore[no-untyped-def]
    """The welcome as read: its text, then each key line (key first)."""
    lines = [line.render_line_text() for line in app.screen.query(KeyLine)]
    return "\n".join([_text(app, "#welcome-text"), *lines])


async def test_empty_workspace_greets_and_offers_the_sample(services: Services) -> None:
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        welcome = _welcome(app)
        assert "Your workspace is empty" in welcome
        assert "sample list" in welcome and "import" in welcome
        assert app.screen.check_action("sample", ()) is True

        await pilot.press("d")
        await settle(pilot)

        assert services.repository.count_prospects() == DEFAULT_PROSPECTS
        assert not app.screen.query_one("#welcome-page").display
        assert "Sprints" in _text(app, "#meter-sprints Static")
        assert app.screen.check_action("sample", ()) is False


async def test_sprint_key_on_an_empty_workspace_says_what_to_do(services: Services) -> None:
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("Nobody to call yet" in m for m in messages)


async def test_dashboard_shows_today_against_the_goal(sample_services: Services) -> None:
    app = make_app(sample_services)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen) and screen.summary is not None
        today = screen.summary.today
        calls = sample_services.repository.calls_on(today.day)
        assert today.tally.dials == len(calls) > 0
        assert f"{today.sprints_completed} / 2" in _text(app, "#meter-sprints Static")
        assert f"{today.tally.dials} / 30" in _text(app, "#meter-dials Static")
        assert "working day" in _text(app, "#streak-current")


async def test_keys_remapped_in_config_reach_the_home_screen(
    where: Locations, clock: ManualClock
) -> None:
    where.config_dir.mkdir(parents=True, exist_ok=True)
    where.config_file.write_text('[keys]\nsample = "g"\n', encoding="utf-8")
    services = open_services(where, clock=clock)
    try:
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert "g  load the sample list" in _welcome(app)
            await pilot.press("d")
            await settle(pilot)
            assert services.repository.count_prospects() == 0
            await pilot.press("g")
            await settle(pilot)
            assert services.repository.count_prospects() == DEFAULT_PROSPECTS
    finally:
        close_services(services)


async def test_q_quits_and_the_journal_is_folded(services: Services, home: Path) -> None:
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 0

    close_services(services)  # what `prospect` does once the app has exited
    folded = json.loads((home / "prospects.json").read_text(encoding="utf-8"))
    assert len(folded["prospects"]) == DEFAULT_PROSPECTS
    assert len((home / "journal.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_a_second_instance_is_refused_in_one_sentence(
    services: Services, where: Locations, clock: ManualClock
) -> None:
    with pytest.raises(StoreLocked) as refused:
        open_services(where, clock=clock)
    message = str(refused.value)
    assert "already running" in message
    assert message.count(". ") == 0 and "\n" not in message


async def test_a_bug_is_one_sentence_and_its_traceback_goes_to_a_private_log(
    services: Services,
) -> None:
    import stat

    from prospect_tui.dialogs.error import ErrorDialog

    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.report(RuntimeError("boom"))
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
    log = services.where.log_file
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


async def test_an_error_reported_from_a_worker_thread_reaches_the_screen(
    services: Services,
) -> None:
    import asyncio

    from prospect_tui.dialogs.error import ErrorDialog

    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await asyncio.to_thread(app.report, RuntimeError("from a worker"))
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_welcome_line_wraps_under_its_own_text(
    services: Services, size: tuple[int, int]
) -> None:
    app = make_app(services)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#welcome-sample", KeyLine)
        key, text = line.query_one(".key-line-key"), line.query_one(".key-line-text")
        assert text.region.height >= 2  # it wraps at this width
        assert text.region.x > key.region.x + len("d")  # every line of it starts past the key
        # Under the key, on the wrapped line, is not the text.
        second = text.region.y + 1
        row = [app.screen.get_widget_at(x, second)[0] for x in range(key.region.x, text.region.x)]
        assert all(widget is not text for widget in row)
