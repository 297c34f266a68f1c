"""The plan screen (``l``): what config.toml holds, edited and saved as the user wrote it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.dialogs.block import BlockDialog
from prospect_tui.dialogs.confirm import ConfirmDialog
from prospect_tui.dialogs.error import ErrorDialog
from prospect_tui.locations import Locations
from prospect_tui.screens.home import HomeScreen
from prospect_tui.screens.plan import BlockList, PlanScreen
from prospect_tui.services import Services, close_services, open_services
from tests.app.conftest import FakeNotifier
from tests.conftest import fill_sample, settle

CONFIG = """\
# mine — keep this comment
[goal]
sprints = 2   # two a day
dials = 30

[keys]
skip = "k"

[[blocks]]    # the morning block
category = "calling"
days = ["mon", "tue", "wed", "thu", "fri"]
start = "09:00"
minutes = 60
"""


@pytest.fixture
def planned(home: Path, clock: ManualClock) -> Iterator[Services]:
    fill_sample(home, clock, prospects=20, calls=0, weeks=1)
    (home / "config.toml").write_text(CONFIG, encoding="utf-8")
    services = open_services(Locations(home, home), clock=clock)
    yield services
    close_services(services)


@pytest.fixture
def app(planned: Services) -> ProspectApp:
    return make_app(planned, notifier=FakeNotifier())


def config_text(services: Services) -> str:
    return services.where.config_file.read_text(encoding="utf-8")


async def open_plan(pilot) -> PlanScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("l")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlanScreen)
    return screen


def field(screen: PlanScreen, name: str) -> Input:
    return screen.query_one(f"#plan-{name}", Input)


def problem(screen: PlanScreen, name: str) -> str:
    shown = screen.query_one(f"#plan-{name}-problem", Static)
    return str(shown.render()) if shown.has_class("-shown") else ""


async def test_the_plan_shows_what_config_toml_holds(app: ProspectApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_plan(pilot)
        assert field(screen, "goal-sprints").value == "2"
        assert field(screen, "days-working").value == "mon tue wed thu fri"
        assert field(screen, "calling-window").value == "08:00-21:00"
        listing = screen.query_one(BlockList)
        assert listing.option_count == 1
        assert "Calling" in str(listing.get_option_at_index(0).prompt)


async def test_a_saved_change_keeps_the_users_comments_and_reaches_home(
    app: ProspectApp, planned: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_plan(pilot)
        field(screen, "goal-sprints").value = "3"
        field(screen, "days-off-dates").value = "2026-12-24, 2026-12-28..2027-01-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = config_text(planned)
        assert text.startswith("# mine — keep this comment\n[goal]\nsprints = 3   # two a day\n")
        assert "[[blocks]]    # the morning block" in text and 'skip = "k"' in text
        assert 'dates = ["2026-12-24", "2026-12-28..2027-01-01"]' in text
        assert planned.config.goal.sprints == 3
        await pilot.press("escape")  # nothing unsaved: straight home
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert str(app.screen.query_one("#streak-today", Static).render()) == "3 more sprints today"


@pytest.mark.parametrize(
    ("name", "typed", "says"),
    [
        ("goal-sprints", "abc", "Sprints a day: must be a whole number from 1 to 40, not 'abc'."),
        ("days-start-hour", "13", "Day starts at: must be a whole number from 0 to 12, not 13."),
        ("days-working", "mon [b]x[/b]", "has '[b]x[/b]', which is not a weekday"),
        ("days-off-dates", "2027-01-01..2026-12-28", "which ends before it begins."),
        ("calling-window", "$(rm -rf ~)", "must look like \"08:00-21:00\", not '$(rm -rf ~)'."),
    ],
)
async def test_a_wrong_value_shows_its_sentence_by_its_field_and_nothing_is_saved(
    app: ProspectApp, planned: Services, name: str, typed: str, says: str
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_plan(pilot)
        field(screen, "goal-dials").value = "40"  # a good change, not saved either
        field(screen, name).value = typed
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert says in problem(screen, name)
        assert screen.focused is field(screen, name)
        assert config_text(planned) == CONFIG
        assert planned.config.goal.dials == 30


async def test_blocks_are_added_edited_and_removed_in_the_list(
    app: ProspectApp, planned: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_plan(pilot)
        screen.query_one(BlockList).focus()
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, BlockDialog)
        dialog.query_one("#block-category", Input).value = "activity"
        dialog.query_one("#block-days", Input).value = "wed"
        dialog.query_one("#block-start", Input).value = "7:30"
        await pilot.press("enter")  # no name yet: the dialog stays and says so
        await settle(pilot)
        assert app.screen is dialog
        said = str(dialog.query_one("#block-name-problem", Static).render())
        assert said == "Name: must not be empty."
        dialog.query_one("#block-name", Input).value = "[b]Networking[/b] breakfast"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        listing = screen.query_one(BlockList)
        assert listing.option_count == 2
        assert "[b]Networking[/b] breakfast" in str(listing.get_option_at_index(1).prompt)
        # Edit the morning block's length, then save both.
        listing.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BlockDialog)
        app.screen.query_one("#block-minutes", Input).value = "45"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = config_text(planned)
        assert "[[blocks]]    # the morning block" in text and "minutes = 45" in text
        assert planned.config.blocks[0].minutes == 45
        [activity] = planned.config.activities
        assert activity.name == "[b]Networking[/b] breakfast"
        # Remove the morning block: the activity stays.
        screen.query_one(BlockList).focus()
        screen.query_one(BlockList).highlighted = 0
        await pilot.press("x")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert planned.config.blocks == ()
        assert [a.name for a in planned.config.activities] == ["[b]Networking[/b] breakfast"]
        assert "# the morning block" not in config_text(planned)


async def test_leaving_with_unsaved_changes_asks_first(app: ProspectApp, planned: Services) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_plan(pilot)
        field(screen, "sprint-minutes").value = "30"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert config_text(planned) == CONFIG


async def test_a_file_edited_by_hand_meanwhile_is_not_overwritten(
    app: ProspectApp, planned: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_plan(pilot)
        edited = CONFIG.replace("dials = 30", "dials = 50  # by hand")
        planned.where.config_file.write_text(edited, encoding="utf-8")
        field(screen, "goal-sprints").value = "4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert "changed by something else" in app.screen.message
        assert config_text(planned) == edited


async def test_the_plans_keys_follow_the_users_remap(home: Path, clock: ManualClock) -> None:
    fill_sample(home, clock, prospects=20, calls=0, weeks=1)
    remaps = '[keys]\nplan = "n"\nsave_plan = "f2"\nclose_plan = "f3"\nadd_block = "+"\n'
    (home / "config.toml").write_text(remaps, encoding="utf-8")
    services = open_services(Locations(home, home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, PlanScreen)
            screen.query_one(BlockList).focus()
            await pilot.press("plus")
            await settle(pilot)
            assert isinstance(app.screen, BlockDialog)
            await pilot.press("enter")  # the default new block reads
            await settle(pilot)
            field(screen, "goal-sprints").focus()
            await pilot.press("f2")
            await settle(pilot)
            assert len(services.config.blocks) == 1
            await pilot.press("f3")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
    finally:
        close_services(services)


async def test_home_says_when_today_is_a_day_off(home: Path, clock: ManualClock) -> None:
    fill_sample(home, clock, prospects=20, calls=0, weeks=1)
    today = clock.now().date().isoformat()
    (home / "config.toml").write_text(f'[days_off]\ndates = ["{today}"]\n', encoding="utf-8")
    services = open_services(Locations(home, home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            said = str(app.screen.query_one("#streak-today", Static).render())
            assert said == "day off today — the streak waits"
    finally:
        close_services(services)


async def test_a_value_put_right_takes_its_sentence_away(app: ProspectApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_plan(pilot)
        field(screen, "sprint-break-minutes").value = "2a"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "not '2a'" in problem(screen, "sprint-break-minutes")
        field(screen, "sprint-break-minutes").value = "1"
        await settle(pilot)
        assert problem(screen, "sprint-break-minutes") == ""


async def test_the_blocks_list_highlights_its_first_block_when_it_gets_the_focus(
    app: ProspectApp, planned: Services
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_plan(pilot)
        listing = screen.query_one(BlockList)
        assert listing.option_count >= 1
        listing.focus()
        await settle(pilot)
        assert listing.highlighted == 0, "the first x or enter acts on a block, not on nothing"
