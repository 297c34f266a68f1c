"""The in-app sample (``d``) writes a plan and openers too, never over the user's own."""

from __future__ import annotations

import stat
from pathlib import Path

from textual.widgets import Static

from prospect_tui.app import make_app
from prospect_tui.core.categories import Category
from prospect_tui.core.clock import ManualClock
from prospect_tui.locations import Locations
from prospect_tui.screens.home import HomeScreen
from prospect_tui.services import Services, close_services, open_services
from tests.app.conftest import FakeNotifier
from tests.conftest import settle


async def load_sample(services: Services) -> str:
    app = make_app(services, notifier=FakeNotifier())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        return str(app.screen.query_one("#next-block-text", Static).render())


async def test_the_sample_brings_a_plan_and_openers(services: Services) -> None:
    block = await load_sample(services)
    config = services.config
    assert {b.category for b in config.blocks} == set(Category)
    assert [a.name for a in config.activities] == ["Chamber of commerce networking breakfast"]
    assert len(config.variants) == 3
    assert [o.name for o in config.objections] == [
        "not interested",
        "send me an email",
        "we already use X",
        "no budget",
        "call me later",
    ]
    path = services.where.config_file
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # Thursday 15:30 on the frozen clock: the follow-up block is next, and home says so.
    assert block == "Follow-up block in 1h 00m — today 16:30–17:00"


async def test_the_sample_keeps_the_users_config(home: Path, clock: ManualClock) -> None:
    home.mkdir()
    mine = '# my settings\n[goal]\nsprints = 5  # ambitious\n\n[keys]\nsample = "g"\n'
    (home / "config.toml").write_text(mine, encoding="utf-8")
    services = open_services(Locations(home, home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("g")
            await settle(pilot)
        text = services.where.config_file.read_text(encoding="utf-8")
        assert text.startswith("# my settings\n[goal]\nsprints = 5  # ambitious\n")
        assert services.config.goal.sprints == 5
        assert services.config.keys == {"sample": ("g",)}
        assert services.config.blocks and services.config.variants
    finally:
        close_services(services)


async def test_a_plan_of_the_users_own_is_not_mixed_with_the_samples(
    home: Path, clock: ManualClock
) -> None:
    home.mkdir()
    mine = '[[blocks]]\ncategory = "calling"\ndays = ["sat"]\nstart = "10:00"\n'
    (home / "config.toml").write_text(mine, encoding="utf-8")
    services = open_services(Locations(home, home), clock=clock)
    try:
        await load_sample(services)
        assert [b.days for b in services.config.blocks] == [("sat",)]
        assert services.config.activities == ()
        assert len(services.config.variants) == 3  # they had none: the sample's are added
        assert len(services.config.objections) == 5
    finally:
        close_services(services)


async def test_home_says_a_vacation_is_why_no_block_is_next(home: Path, clock: ManualClock) -> None:
    home.mkdir()
    # The frozen clock is Thursday 19 November 2026: off until the end of the month.
    plan = (
        '[days_off]\ndates = ["2026-11-19..2026-11-30"]\n'
        '[[blocks]]\ncategory = "calling"\nstart = "09:00"\n'
    )
    (home / "config.toml").write_text(plan, encoding="utf-8")
    services = open_services(Locations(home, home), clock=clock)
    try:
        said = await load_sample(services)
        assert said == "No block in the week ahead: those are your days off."
    finally:
        close_services(services)
