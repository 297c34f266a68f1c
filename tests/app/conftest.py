"""Fixtures for driving the real app with Pilot."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from prospect_tui.app import close_services, open_services
from prospect_tui.core.clock import ManualClock
from prospect_tui.locations import Locations
from prospect_tui.services import Services


@pytest.fixture
def services(where: Locations, clock: ManualClock) -> Iterator[Services]:
    """What ``prospect`` opens: config, the frozen clock, the locked workspace."""
    opened = open_services(where, clock=clock)
    yield opened
    close_services(opened)
