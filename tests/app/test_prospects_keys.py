"""The prospects screen's keys: ``o`` across the heading, their time in order, ``/`` again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.widgets import Input

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.prospect_list import SortBy
from prospect_tui.core.zones import local_time
from prospect_tui.locations import Locations
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.widgets.prospect_form import ProspectForm
from prospect_tui.widgets.prospect_table import ProspectTable, sortable
from tests.app.test_prospects import open_prospects
from tests.conftest import fill_sample, settle


@pytest.fixture
def sampled(home: Path, clock: ManualClock) -> Iterator[Services]:
    fill_sample(home, clock, prospects=80, calls=0)
    opened = open_services(Locations(home, home), clock=clock)
    yield opened
    close_services(opened)


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 50)])
async def test_o_steps_through_the_columns_in_the_order_they_are_shown(
    sampled: Services, size: tuple[int, int]
) -> None:
    app = make_app(sampled)
    async with app.run_test(size=size) as pilot:
        screen = await open_prospects(pilot)
        assert screen.roster is not None
        shown = sortable(screen.query_one(ProspectTable).columns)
        assert len(shown) >= 3
        seen = [screen.roster.sort]
        for _ in shown:
            await pilot.press("o")
            seen.append(screen.roster.sort)
        assert seen == [*shown, SortBy.NAME]


async def test_their_time_ascending_runs_from_the_earliest_clock(
    sampled: Services, clock: ManualClock
) -> None:
    app = make_app(sampled)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_prospects(pilot)
        await pilot.press("o")
        assert screen.roster is not None and screen.roster.sort is SortBy.LOCAL_TIME
        assert "Their time ▲" in str(screen.query_one("#prospects-heading").render())
        clocks = [local_time(p, clock.now()) for p in screen.query_one(ProspectTable).rows]
        known = [c.replace(tzinfo=None) for c in clocks if c is not None]
        assert len(set(known)) > 1, "the sample spans several zones"
        assert known == sorted(known)
        assert clocks[: len(known)] == [c for c in clocks if c is not None], "unknown last"


async def test_slash_again_selects_the_search_so_typing_replaces_it(sampled: Services) -> None:
    app = make_app(sampled)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_prospects(pilot)
        search = screen.query_one("#prospects-search", Input)
        await pilot.press("slash", "a", "b", "enter")
        await settle(pilot)
        assert screen.query_one(ProspectTable).has_focus and search.value == "ab"
        await pilot.press("slash")
        await settle(pilot)
        assert search.has_focus
        assert search.selected_text == "ab"
        await pilot.press("z", "o")
        await settle(pilot)
        assert search.value == "zo"


def burst(app: App[object], *keys: str) -> None:
    """Keys as a fast typist (or a paste into the terminal) sends them: all queued at once."""
    names = {"/": "slash", " ": "space", "\r": "enter"}
    for char in keys:
        app._driver.send_message(events.Key(names.get(char, char), char))  # type: ignore[union-attr]


async def test_keys_typed_right_after_slash_go_to_the_search(sampled: Services) -> None:
    app = make_app(sampled)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_prospects(pilot)
        burst(app, *"/ab\r")
        await settle(pilot)
        assert screen.query_one("#prospects-search", Input).value == "ab"
        assert screen.query_one(ProspectTable).has_focus
        assert not screen.query_one(ProspectForm).editing, "enter was the search's"


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_a_name_typed_as_the_form_opens_loses_no_key(
    sampled: Services, size: tuple[int, int]
) -> None:
    app = make_app(sampled)
    async with app.run_test(size=size) as pilot:
        screen = await open_prospects(pilot)
        await pilot.press("enter", *"Jane Doe")
        await settle(pilot)
        assert screen.query_one("#field-first_name", Input).value == "Jane Doe"
        await pilot.press("escape")
        await settle(pilot)
        burst(app, "\r", *"Jane Doe")
        await settle(pilot)
        assert screen.query_one("#field-first_name", Input).value == "Jane Doe"


async def test_the_form_reopens_with_its_focused_field_in_view_at_80x24(
    sampled: Services,
) -> None:
    app = make_app(sampled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_prospects(pilot)
        fields = screen.query_one("#form-fields")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*["tab"] * 12)  # down to the notes and the save button
        await settle(pilot)
        assert fields.scroll_offset.y > 0, "the form is taller than the screen"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        first = screen.query_one("#field-first_name", Input)
        assert first.has_focus
        assert fields.region.contains_region(first.region), "the focused field is in view"
        assert fields.region.contains_region(screen.query_one("#form-title").region)
