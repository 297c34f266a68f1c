"""The prospect form: where its error shows, the time zone picked from a list, a new number."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Status
from prospect_tui.core.queue import build
from prospect_tui.locations import Locations
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.widgets.prospect_form import ProspectForm
from prospect_tui.widgets.prospect_table import ProspectTable
from tests.app.test_prospects import open_prospects
from tests.conftest import fill_sample, settle


@pytest.fixture
def sampled(home: Path, clock: ManualClock) -> Iterator[Services]:
    fill_sample(home, clock, prospects=80, calls=0)
    opened = open_services(Locations(home, home), clock=clock)
    yield opened
    close_services(opened)


async def test_a_bad_value_shows_its_error_at_the_top_of_the_form_in_view(
    sampled: Services,
) -> None:
    app = make_app(sampled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_prospects(pilot)
        chosen = screen.query_one(ProspectTable).current
        assert chosen is not None
        await pilot.press("enter")
        await pilot.pause()
        phone = screen.query_one("#field-phone", Input)
        phone.value = "555-12"
        phone.focus()  # saved from the field typed in, near the top of a long form
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        problem = screen.query_one("#form-problem", Static)
        fields = screen.query_one("#form-fields")
        assert "Phone" in str(problem.render())
        assert problem.region.height >= 1
        assert fields.region.contains_region(problem.region), "seen without scrolling"
        assert problem.region.y < screen.query_one("#field-first_name").region.y
        assert sampled.repository.prospect(chosen.id) == chosen


async def test_the_zone_is_picked_from_the_zones_matching_what_is_typed(
    sampled: Services,
) -> None:
    app = make_app(sampled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_prospects(pilot)
        chosen = screen.query_one(ProspectTable).current
        assert chosen is not None
        await pilot.press("enter")
        await pilot.pause()
        zone_input = screen.query_one("#field-timezone", Input)
        zone_input.focus()
        zone_input.value = ""
        await pilot.press(*"tokyo")
        await settle(pilot)
        options = screen.query_one("#zone-options", OptionList)
        assert options.display
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == [
            "Asia/Tokyo"
        ]
        await pilot.press("tab")  # into the list
        assert options.has_focus
        await pilot.press("enter")  # pick
        await pilot.pause()
        assert zone_input.value == "Asia/Tokyo" and zone_input.has_focus
        assert not options.display
        await pilot.press("ctrl+s")
        await settle(pilot)
    stored = sampled.repository.prospect(chosen.id)
    assert stored is not None and stored.timezone == "Asia/Tokyo"


async def test_enter_on_a_typed_city_takes_its_zone_without_saving_yet(
    sampled: Services,
) -> None:
    app = make_app(sampled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_prospects(pilot)
        chosen = screen.query_one(ProspectTable).current
        assert chosen is not None
        await pilot.press("enter")
        await pilot.pause()
        zone_input = screen.query_one("#field-timezone", Input)
        zone_input.focus()
        zone_input.value = ""
        await pilot.press(*"new york", "enter")
        await settle(pilot)
        assert zone_input.value == "America/New_York"
        assert screen.query_one(ProspectForm).editing, "picked, not saved"
        assert sampled.repository.prospect(chosen.id) == chosen


async def test_fixing_a_wrong_numbers_phone_in_the_app_queues_them_again(
    sampled: Services,
) -> None:
    repository = sampled.repository
    now = sampled.clock.now()
    window = sampled.config.calling.window
    someone = next(p for p in repository.prospects() if p.status is Status.NEW and p.phone)
    repository.save_prospect(replace(someone, status=Status.WRONG_NUMBER, timezone="Europe/Paris"))
    app = make_app(sampled)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_prospects(pilot)
        await pilot.press("slash", *someone.email, "enter")
        await settle(pilot)
        assert screen.query_one(ProspectTable).current is not None
        await pilot.press("enter")
        await pilot.pause()
        screen.query_one("#field-company", Input).value = "Kept the number"
        await pilot.press("ctrl+s")
        await settle(pilot)
        kept = repository.prospect(someone.id)
        assert kept is not None and kept.status is Status.WRONG_NUMBER
        assert someone.id not in {e.prospect.id for e in build([kept], now, window).entries}
        await pilot.press("enter")
        await pilot.pause()
        screen.query_one("#field-country", Input).value = "FR"
        screen.query_one("#field-phone", Input).value = "+33 6 98 76 54 32"
        await pilot.press("ctrl+s")
        await settle(pilot)
    fixed = repository.prospect(someone.id)
    assert fixed is not None and fixed.phone == "+33698765432"
    assert fixed.status is Status.NEW
    assert [e.prospect.id for e in build([fixed], now, window).entries] == [someone.id]
