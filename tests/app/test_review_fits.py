"""The review's tables show every column at 100 and 80 columns: the 95 % intervals too."""

from __future__ import annotations

import pytest

from prospect_tui.app import make_app
from prospect_tui.services import Services
from prospect_tui.widgets.rate_table import RateTable
from prospect_tui.widgets.variant_chart import VariantChart
from tests.app.conftest import FakeNotifier, screen_rows
from tests.conftest import settle


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (120, 36)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_interval_of_the_review_is_on_screen_whole(
    sample_services: Services, size: tuple[int, int]
) -> None:
    app = make_app(sample_services, notifier=FakeNotifier())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        tables = list(app.screen.query(RateTable))
        assert len(tables) >= 3
        for table in tables:
            assert table.max_scroll_x == 0, table.id  # nothing cut off on the right
            if not table.row_count:
                continue
            table.scroll_visible(animate=False, top=True)
            await settle(pilot)
            shown = "\n".join(screen_rows(app))
            header = [str(column.label) for column in table.columns.values()]
            assert header[-1].strip() in shown, (table.id, header)
            last = [table.get_row_at(i)[-1].plain.strip() for i in range(table.row_count)]
            seen = [cell for cell in last[:3] if cell]
            assert seen and all(cell in shown for cell in seen), (table.id, seen)
        chart = app.screen.query_one(VariantChart)
        chart.scroll_visible(animate=False, top=True)
        await settle(pilot)
        shown = "\n".join(screen_rows(app))
        for variant in chart.variants:
            low, high = variant.meeting.low * 100, variant.meeting.high * 100
            assert f"({low:.0f}–{high:.0f}%)" in shown, variant.name
