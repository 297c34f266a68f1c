"""Fixtures for driving the real app with Pilot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from prospect_tui.app import close_services, open_services
from prospect_tui.core.clock import ManualClock
from prospect_tui.locations import Locations
from prospect_tui.services import Services
from tests.conftest import fill_sample


@pytest.fixture
def services(where: Locations, clock: ManualClock) -> Iterator[Services]:
    """What ``prospect`` opens: config, the frozen clock, the locked workspace."""
    opened = open_services(where, clock=clock)
    yield opened
    close_services(opened)


@pytest.fixture
def sample_services(sample_home: Path, clock: ManualClock) -> Iterator[Services]:
    """The app's services over the shared seeded sample."""
    opened = open_services(Locations(sample_home, sample_home), clock=clock)
    yield opened
    close_services(opened)


@pytest.fixture
def sprint_home(home: Path, clock: ManualClock) -> Path:
    """A sample workspace with plenty of prospects callable on a Thursday afternoon."""
    fill_sample(home, clock, prospects=120, calls=300, weeks=3)
    return home
