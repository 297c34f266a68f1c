"""The prospects list as wide as the terminal: columns, sort arrows, the callable mark, phones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.phones import for_reading
from prospect_tui.core.prospect_list import SortBy, row
from prospect_tui.locations import Locations
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.widgets.prospect_card import ProspectCard
from prospect_tui.widgets.prospect_table import (
    CALLABLE,
    COLUMNS,
    NOT_CALLABLE,
    ProspectTable,
    fit,
    heading,
    line,
    sortable,
)
from tests.app.test_prospects import open_prospects
from tests.conftest import fill_sample, settle


@pytest.fixture
def sampled(home: Path, clock: ManualClock) -> Iterator[Services]:
    fill_sample(home, clock, prospects=80, calls=0)
    opened = open_services(Locations(home, home), clock=clock)
    yield opened
    close_services(opened)


def heading_text(screen: object) -> str:
    return str(screen.query_one("#prospects-heading", Static).render())  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [30, 60, 80, 118, 160, 200])
def test_columns_come_as_the_width_allows_and_name_always(width: int) -> None:
    shown = fit(width)
    assert shown[0].title == "Name"
    assert len(heading(shown).plain) <= max(width, len(heading(shown[:1]).plain))
    wider = fit(width + 40)
    titles = {c.title for c in shown}
    assert titles <= {c.title for c in wider}, "a wider table keeps every column a narrower shows"


def test_the_sorted_column_is_shown_however_narrow() -> None:
    for column in COLUMNS:
        if column.sort is not None:
            for width in (40, 60, 80):
                assert column.sort in sortable(fit(width, column.sort)), (column.title, width)


def test_the_arrow_sits_on_the_sorted_column_and_turns_when_reversed() -> None:
    columns = fit(120, SortBy.COMPANY)
    assert "Company ▲" in heading(columns, SortBy.COMPANY).plain
    assert "Company ▼" in heading(columns, SortBy.COMPANY, descending=True).plain
    assert heading(columns, SortBy.COMPANY).plain.count("▲") == 1


async def test_sorting_at_80_columns_never_sorts_by_a_hidden_column(sampled: Services) -> None:
    app = make_app(sampled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_prospects(pilot)
        table = screen.query_one(ProspectTable)
        assert screen.roster is not None
        seen = set()
        for _ in range(len(SortBy) + 1):
            await pilot.press("o")
            await settle(pilot)
            sort = screen.roster.sort
            seen.add(sort)
            assert sort in sortable(table.columns)
            title = next(c.title for c in table.columns if c.sort is sort)
            assert f"{title} ▲" in heading_text(screen)
        assert len(seen) < len(SortBy), "columns hidden at 80 are not visited"
        await pilot.press("r")
        await settle(pilot)
        assert "▼" in heading_text(screen)


async def test_a_sort_by_a_column_dropped_by_a_resize_keeps_it_on_screen(
    sampled: Services,
) -> None:
    app = make_app(sampled)
    async with app.run_test(size=(200, 36)) as pilot:
        screen = await open_prospects(pilot)
        table = screen.query_one(ProspectTable)
        assert screen.roster is not None
        while screen.roster.sort is not SortBy.TITLE:
            await pilot.press("o")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert SortBy.TITLE in sortable(table.columns)
        assert "Title ▲" in heading_text(screen)


async def test_a_green_dot_marks_who_is_callable_now(sampled: Services) -> None:
    app = make_app(sampled)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_prospects(pilot)
        table = screen.query_one(ProspectTable)
        window = sampled.config.calling.window
        now = sampled.clock.now()
        marks = {}
        for y in range(min(table.size.height, len(table.rows))):
            prospect = table.rows[y]
            first = next(iter(table.render_line(y)))
            marks[first.text.strip()] = True
            expected = row(prospect, now, window).callable
            if expected is None:
                assert first.text.strip() == ""
            else:
                assert first.text.strip() == (CALLABLE if expected else NOT_CALLABLE)
            if expected:
                assert first.style is not None and first.style.color is not None
                assert first.style.color.triplet is not None
                red, green, blue = first.style.color.triplet
                assert green > red and green > blue, "green"
        assert CALLABLE in marks and NOT_CALLABLE in marks


async def test_the_phone_reads_the_same_in_the_list_the_details_and_the_sprint_card(
    sampled: Services,
) -> None:
    prospects = [p for p in sampled.repository.prospects() if p.phone]
    now = sampled.clock.now()
    window = sampled.config.calling.window
    for width in (80, 118):
        for prospect in prospects:
            drawn = line(row(prospect, now, window), fit(width))
            assert f"  {for_reading(prospect.phone)}  " in drawn
    card = ProspectCard()
    app = make_app(sampled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_prospects(pilot)
        current = screen.query_one(ProspectTable).current
        assert current is not None and current.phone
        await screen.mount(card)
        card.show(current, "new", now, window)
        await pilot.pause()
        readable = for_reading(current.phone)
        assert readable in str(card.render())
        assert readable in str(screen.query_one("#form-view", Static).render())


async def test_the_dots_and_their_times_move_on_with_the_clock(
    sampled: Services, clock: ManualClock
) -> None:
    app = make_app(sampled)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_prospects(pilot)
        table = screen.query_one(ProspectTable)
        window = sampled.config.calling.window
        shown = table.rows[: table.size.height]

        def drawn() -> list[str]:
            return ["".join(s.text for s in table.render_line(y)) for y in range(len(shown))]

        before = drawn()
        clock.advance(hours=2)
        table.tick()
        await pilot.pause()
        after = drawn()
        now = clock.now()
        for prospect, text in zip(shown, after, strict=True):
            cells = row(prospect, now, window)
            assert cells.local in text
            if cells.callable is not None:
                assert text.startswith(CALLABLE if cells.callable else NOT_CALLABLE)
        assert before != after
