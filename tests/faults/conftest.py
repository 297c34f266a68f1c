"""Fixtures for the fault tests: the sprint workspace the app tests use."""

from __future__ import annotations

from pathlib import Path

import pytest

from prospect_tui.core.clock import ManualClock
from tests.conftest import fill_sample


@pytest.fixture
def sprint_home(home: Path, clock: ManualClock) -> Path:
    """A sample workspace with plenty of prospects callable on a Thursday afternoon."""
    fill_sample(home, clock, prospects=120, calls=300, weeks=3)
    return home
