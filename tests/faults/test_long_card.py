"""A name or a role of any length leaves the phone, the company and their time on the card."""

from __future__ import annotations

from pathlib import Path

import pytest

from prospect_tui.app import make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Prospect
from prospect_tui.locations import Locations
from prospect_tui.services import close_services, open_services
from prospect_tui.store.repository import Repository
from prospect_tui.store.workspace import Workspace
from tests.conftest import FakeNotifier, start_sprint
from tests.faults.test_hostile_fields import drawn


@pytest.mark.parametrize("length", [300, 10_000])
async def test_a_long_name_leaves_the_phone_on_the_card(
    home: Path, clock: ManualClock, length: int
) -> None:
    home.mkdir(parents=True)
    with Workspace.open(home, write=True) as opened:
        Repository(opened).save_prospects(
            [
                Prospect(
                    first_name="Ada",
                    last_name="L" * length,
                    company="Acme",
                    phone="+33612345678",
                    timezone="Europe/Paris",
                )
            ]
        )
    services = open_services(Locations(home, home), clock=clock)
    try:
        app = make_app(services, notifier=FakeNotifier())
        async with app.run_test(size=(120, 36)) as pilot:
            await start_sprint(pilot)
            shown = drawn(app)
            assert "6 12 34 56 78" in shown and "Acme" in shown
    finally:
        close_services(services)
