"""Snapshot fixtures: the real app on a seeded sample at a frozen clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.locations import Locations
from prospect_tui.services import Services, close_services, open_services
from tests.conftest import FakeNotifier, settle

__all__ = ["SIZES", "settle"]  # what the snapshot tests import from here

SIZES = [(80, 24), (120, 36)]


@pytest.fixture
def app_on(clock: ManualClock) -> Iterator[Callable[[Path], ProspectApp]]:
    """Make the app over a given workspace folder; closes it afterwards."""
    opened: list[Services] = []

    def make(home: Path) -> ProspectApp:
        services = open_services(Locations(home, home), clock=clock)
        opened.append(services)
        # A fake: where notifications go depends on the machine, a snapshot must not.
        return make_app(services, notifier=FakeNotifier())

    yield make
    for services in opened:
        close_services(services)
